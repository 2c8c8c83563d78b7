//! The command line: `nianbao check | new | render | cells | import | audit | sum`. Each command returns its exit code.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

use crate::check::{self, Finding, Severity};
use crate::export::{self, Format};
use crate::file;
use crate::format::{TableId, table_def};
use crate::model::Report;

/// 年报：编写、检查、打印政府信息公开工作年度报告。
#[derive(Debug, Parser)]
#[command(
    name = "nianbao",
    version,
    about = "年报：编写、检查、打印政府信息公开工作年度报告（国办公开办函〔2021〕30号格式）",
    help_template = "{about}\n\n用法：{usage}\n\n命令：\n{subcommands}\n\n选项：\n{options}",
    subcommand_help_heading = "命令",
    disable_help_subcommand = true,
    disable_help_flag = true,
    disable_version_flag = true,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// 显示帮助
    #[arg(short, long, action = clap::ArgAction::Help, global = true)]
    help: Option<bool>,
    /// 显示版本
    #[arg(short = 'V', long, action = clap::ArgAction::Version)]
    version: Option<bool>,
    /// 要执行的命令；不给命令则打开程序窗口。
    #[command(subcommand)]
    pub command: Option<Command>,
    /// 在程序窗口中打开的年报文件（.nianbao 或 .json）
    #[arg(value_name = "年报文件")]
    pub file: Option<PathBuf>,
}

/// A report year this format applies to: 2021 (the first under 国办公开办函〔2021〕30号) on.
fn parse_year(text: &str) -> Result<u16, String> {
    match text.trim().parse::<i64>() {
        Ok(year) if (2021..=2100).contains(&year) => Ok(year as u16),
        Ok(year) => Err(format!(
            "报告年度 {year} 不在 2021—2100 年之间（此格式自 2021 年度报告起施行）"
        )),
        Err(_) => Err(format!("“{text}”不是年份，应写成如 2024")),
    }
}

/// Help for a subcommand, with Chinese headings.
const SUBCOMMAND_HELP: &str = "{about}\n\n用法：{usage}\n\n参数与选项：\n{positionals}\n{options}";

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// 检查年报：勾稽关系、填写完整性、文字与表格是否一致等。无错误时退出码为 0，有错误为 1，文件无法读取为 2。
    #[command(help_template = SUBCOMMAND_HELP)]
    Check {
        /// 年报文件（.json）
        report: PathBuf,
        /// 上一年度的年报（年报文件，或已发布的年报 .txt / .html），用于跨年度核对（结转、现行有效件数、内容雷同、照搬的年份）
        #[arg(long)]
        previous: Option<PathBuf>,
        /// 以 JSON 输出检查结果
        #[arg(long)]
        json: bool,
    },
    /// 新建一份空白年报文件；或用 --from 从上年报告开始：下一年度、同一机关，文字照搬待改，上年结转按上年“结转下年度继续办理”填好（不会覆盖已有文件）。
    #[command(help_template = SUBCOMMAND_HELP)]
    New {
        /// 机关名称（全称）
        #[arg(long, required_unless_present = "from", conflicts_with = "from")]
        agency: Option<String>,
        /// 报告年度，如 2024
        #[arg(long, value_parser = parse_year, allow_negative_numbers = true, required_unless_present = "from", conflicts_with = "from")]
        year: Option<u16>,
        /// 上年的年报：年报文件（.nianbao / .json），或已发布的年报（.txt / .html，按 import 读取）
        #[arg(long, value_name = "上年报告")]
        from: Option<PathBuf>,
        /// 输出文件
        #[arg(short, long)]
        output: PathBuf,
    },
    /// 排版并输出：-o 以 .pdf 结尾时为可打印的 A4 PDF（公文格式，内嵌字体），以 .html / .htm 结尾时为网页版，以 .xlsx 结尾时为发给科室和下级单位的 Excel 填报表，以 .docx 结尾时为送审签的 Word 文件。
    #[command(help_template = SUBCOMMAND_HELP)]
    Render {
        /// 年报文件（.json）
        report: PathBuf,
        /// 输出文件（.pdf、.html、.xlsx 或 .docx）
        #[arg(short, long)]
        output: PathBuf,
        /// 网页版只输出正文部分（不含 <html>、<head> 和样式表），便于粘贴到网站的内容管理系统
        #[arg(long)]
        fragment: bool,
        /// 输出文件已存在时替换它（不加此项则不覆盖已有文件）
        #[arg(long)]
        replace: bool,
    },
    /// 导入已发布的年报（PDF、网页文件、网页复制的文字或 markdown），或填好的 Excel 填报表（.xlsx、.xls、.ods），生成年报文件；无法确定的单元格留空并逐一列出。退出码：0 全部读出；1 已导出但有单元格需核对；2 无法导入（不输出文件）。
    #[command(help_template = SUBCOMMAND_HELP)]
    Import {
        /// 已发布的年报（PDF、网页、文字或 markdown），或填好的填报表（.xlsx、.xls、.ods）
        file: PathBuf,
        /// 输出的年报文件（.json），不会覆盖已有文件
        #[arg(short, long)]
        output: PathBuf,
    },
    /// 批量审核：逐一读取文件夹中各单位的年报（年报文件、已发布的网页、文字等），检查并排出需修改的单位；-o 输出审核结果工作簿（.xlsx）或网页（.html）。退出码：0 全部合格；1 有单位需修改或有文件未能审核；2 没有一个文件能读取。
    #[command(help_template = SUBCOMMAND_HELP)]
    Audit {
        /// 要审核的文件或文件夹（文件夹中的文件逐层查找）
        #[arg(value_name = "文件或文件夹", required = true)]
        paths: Vec<PathBuf>,
        /// 上一年度的报告（文件或文件夹，可多次给出），按机关名称与各单位配对，核对结转、现行有效件数和内容雷同
        #[arg(long, value_name = "文件或文件夹")]
        previous: Vec<PathBuf>,
        /// 审核结果输出到文件：.xlsx（工作簿）或 .html（网页），不会覆盖已有文件
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// 以 JSON 输出（每个文件一个对象）
        #[arg(long)]
        json: bool,
    },
    /// 汇总：把各单位年报的表二、表三、表四相加，生成一份新的年报文件（空白不计为 0，并记下每格有几个单位未填）。同一单位列了两次或年度不同时拒绝汇总。
    #[command(help_template = SUBCOMMAND_HELP)]
    Sum {
        /// 要汇总的年报（文件或文件夹）
        #[arg(value_name = "文件或文件夹", required = true)]
        paths: Vec<PathBuf>,
        /// 输出的年报文件（.nianbao 或 .json），不会覆盖已有文件
        #[arg(short, long)]
        output: PathBuf,
        /// 汇总报告的机关名称（本级人民政府），如 示例县人民政府
        #[arg(long)]
        agency: Option<String>,
        /// 报告年度；不给时取各报告的年度（须一致）
        #[arg(long, value_parser = parse_year, allow_negative_numbers = true)]
        year: Option<u16>,
    },
    /// 列出全部表格单元格，每行“键<TAB>标签路径<TAB>数值”，便于导入电子表格或逐年比对。
    #[command(help_template = SUBCOMMAND_HELP)]
    Cells {
        /// 年报文件（.json）
        report: PathBuf,
    },
}

/// Exit code: success, no error found.
pub const EXIT_OK: u8 = 0;
/// Exit code: the report has errors.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: a file could not be read or written.
pub const EXIT_FILE: u8 = 2;

/// Runs one command, writing to `out` and messages to `err`.
pub fn run(command: Command, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let result = match command {
        Command::Check {
            report,
            previous,
            json,
        } => run_check(&report, previous.as_deref(), json, out),
        Command::New {
            from: Some(from),
            output,
            ..
        } => run_new_from(&from, &output, out),
        Command::New {
            agency,
            year,
            output,
            ..
        } => run_new(
            agency.as_deref().unwrap_or_default(),
            year.unwrap_or_default(),
            &output,
            out,
        ),
        Command::Cells { report } => run_cells(&report, out),
        Command::Render {
            report,
            output,
            fragment,
            replace,
        } => run_render(&report, &output, fragment, replace, out, err),
        Command::Import { file, output } => run_import(&file, &output, out, err),
        Command::Audit {
            paths,
            previous,
            output,
            json,
        } => crate::audit::cli::run_audit(&paths, &previous, output.as_deref(), json, out, err),
        Command::Sum {
            paths,
            output,
            agency,
            year,
        } => crate::audit::cli::run_sum(&paths, &output, agency.as_deref(), year, out, err),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            let _ = writeln!(err, "年报：{message}");
            EXIT_FILE
        }
    }
}

fn run_check(
    path: &Path,
    previous: Option<&Path>,
    json: bool,
    out: &mut dyn Write,
) -> Result<u8, String> {
    let report = file::load(path).map_err(|e| e.to_string())?;
    let prev = previous
        .map(|p| {
            crate::next_year::read_last_year(p)
                .map(|last| last.report)
                .map_err(|e| format!("上年报告：{e}"))
        })
        .transpose()?;
    let findings = check::check(&report, prev.as_ref());
    let written = if json {
        let text = serde_json::to_string_pretty(&findings).map_err(|e| e.to_string())?;
        writeln!(out, "{text}")
    } else {
        write_findings(&path.display().to_string(), &findings, out)
    };
    written.map_err(|e| format!("无法输出结果：{}", file::io_reason(&e)))?;
    Ok(if check::has_errors(&findings) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}

/// The findings as Chinese text, errors first, with the cells each one points at.
pub fn write_findings(
    name: &str,
    findings: &[Finding],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let warnings = findings.len() - errors;
    if findings.is_empty() {
        return writeln!(out, "{name}：未发现问题。");
    }
    writeln!(out, "{name}：{errors} 个错误，{warnings} 个警告。")?;
    let mut sorted: Vec<&Finding> = findings.iter().collect();
    sorted.sort_by_key(|f| f.severity);
    for f in sorted {
        writeln!(
            out,
            "{}［{}］{}：{}",
            f.severity.name(),
            check::rule_name(f.rule),
            f.section.title(),
            f.message
        )?;
        if !f.cells.is_empty() {
            const SHOWN: usize = 4;
            let keys: Vec<String> = f.cells.iter().take(SHOWN).map(|k| k.to_string()).collect();
            if f.cells.len() > SHOWN {
                let shown = keys.join("、");
                writeln!(out, "    单元格：{shown}等 {} 格", f.cells.len())?;
            } else {
                writeln!(out, "    单元格：{}", keys.join("、"))?;
            }
        }
    }
    Ok(())
}

fn run_new(agency: &str, year: u16, output: &Path, out: &mut dyn Write) -> Result<u8, String> {
    if agency.trim().is_empty() {
        return Err("机关名称不能为空".into());
    }
    if file::something_at(output) {
        return Err(format!(
            "{} 已存在，未覆盖；请换一个文件名",
            output.display()
        ));
    }
    let report = Report::new(agency.trim(), year);
    file::save_new(&report, output).map_err(|e| e.to_string())?;
    writeln!(
        out,
        "已新建 {}（{} {} 年度）。",
        output.display(),
        agency.trim(),
        year
    )
    .map_err(|e| e.to_string())?;
    Ok(EXIT_OK)
}

/// `new --from LAST`: this year's report started from last year's. The copied sentences that
/// name a year are listed for revising; exit 0.
fn run_new_from(from: &Path, output: &Path, out: &mut dyn Write) -> Result<u8, String> {
    if output.exists() {
        return Err(format!(
            "{} 已存在，未覆盖；请换一个文件名",
            output.display()
        ));
    }
    let last = crate::next_year::read_last_year(from)?;
    let report = crate::next_year::next_year(&last.report);
    file::save(&report, output).map_err(|e| e.to_string())?;
    let d = &report.details;
    let mut text = format!(
        "已从 {} 开始 {}（{} {} 年度）：文字照搬自{}年度报告，请逐段改写；上年结转已按其“结转下年度继续办理”填好。\n",
        from.display(),
        output.display(),
        report.title_agency(),
        d.year,
        last.report.details.year
    );
    if !last.uncertain.is_empty() {
        text.push_str(&format!(
            "上年报告导入时有 {} 处未能确定（上年结转可能因此留空），请对照原文核对。\n",
            last.uncertain.len()
        ));
    }
    let stale = check::cross_year::copied_year_mentions(&report, &last.report);
    if !stale.is_empty() {
        text.push_str(&format!(
            "以下 {} 句照搬自上年、提到的年份可能已不对，请改写：\n",
            stale.len()
        ));
        for f in &stale {
            text.push_str(&format!("  [{}] {}\n", f.section.title(), f.message));
        }
    }
    text.push_str(&format!(
        "检查时请加 --previous {}，以核对结转和现行有效件数。\n",
        from.display()
    ));
    out.write_all(text.as_bytes())
        .map_err(|e| format!("无法输出结果：{}", file::io_reason(&e)))?;
    Ok(EXIT_OK)
}

fn run_cells(path: &Path, out: &mut dyn Write) -> Result<u8, String> {
    let report = file::load(path).map_err(|e| e.to_string())?;
    let mut text = String::new();
    for table in TableId::ALL {
        for cell in table_def(table).cells() {
            text.push_str(&format!(
                "{}\t{}\t{}\n",
                cell.key,
                cell.key.label_path(),
                report.display(cell.key)
            ));
        }
    }
    out.write_all(text.as_bytes())
        .map_err(|e| format!("无法输出结果：{}", file::io_reason(&e)))?;
    Ok(EXIT_OK)
}

fn run_render(
    path: &Path,
    output: &Path,
    fragment: bool,
    replace: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8, String> {
    let format = Format::from_path(output, fragment).ok_or_else(|| {
        format!(
            "不知道输出成什么格式：{} 应以 .pdf（打印版）、.html（网页版）、.xlsx（Excel 填报表）或 .docx（Word 送审稿）结尾",
            output.display()
        )
    })?;
    if fragment && !format.is_html() {
        return Err("--fragment 只用于网页版（-o 以 .html 结尾）".into());
    }
    let report = file::load(path).map_err(|e| e.to_string())?;
    let exported = export::render(&report, None, format)
        .map_err(|e| format!("无法排版 {}：{e}", path.display()))?;
    let bytes = &exported.output.bytes;
    // A file the user already has is replaced only when asked or when nianbao wrote it
    // (rendering again after an edit); otherwise the new file is created without replacing
    // whatever appears at that name meanwhile.
    let ours = || {
        std::fs::symlink_metadata(output).is_ok_and(|m| m.is_file())
            && file::read_limited(output, file::MAX_FILE_BYTES)
                .is_ok_and(|old| format.is_ours(&old))
    };
    let written = if replace || ours() {
        file::write_atomic(output, bytes)
    } else {
        file::create_new(output, bytes)
    };
    written.map_err(|e| match e {
        file::FileError::Exists { .. } => format!("{e}（要替换它，请加 --replace）"),
        e => e.to_string(),
    })?;
    let note = |err: &mut dyn Write, text: String| {
        let _ = writeln!(err, "年报：{text}");
    };
    for warning in &exported.output.warnings {
        note(err, format!("警告：{warning}"));
    }
    let errors = export::error_count(&exported.findings);
    // The fill-in workbook is sent out to be completed: errors are expected there.
    if errors > 0 && format != Format::Xlsx {
        let what = match format {
            Format::Html | Format::HtmlFragment => "发布前请更正",
            Format::Docx => "送审前请更正",
            _ => "本 PDF 只宜作草稿",
        };
        note(
            err,
            format!(
                "注意：检查发现 {errors} 个错误，{what}；运行 nianbao check {} 查看",
                path.display()
            ),
        );
    }
    writeln!(out, "已输出 {}（{} 字节）。", output.display(), bytes.len())
        .map_err(|e| e.to_string())?;
    Ok(EXIT_OK)
}

fn run_import(
    input: &Path,
    output: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8, String> {
    if crate::import::xlsx::is_workbook_path(input) {
        return run_import_workbook(input, output, out);
    }
    // Said before the work; the file is still created only if nothing appeared meanwhile.
    if file::something_at(output) {
        return Err(format!(
            "{} 已存在，未覆盖；请换一个文件名",
            output.display()
        ));
    }
    let bytes = crate::import::read_input(input).map_err(|e| e.to_string())?;
    let imported = crate::import::import_bytes(&bytes)
        .map_err(|e| format!("无法导入 {}：{e}", input.display()))?;
    file::save_new(&imported.report, output).map_err(|e| e.to_string())?;
    let d = &imported.report.details;
    let mut text = format!(
        "已导入 {} → {}（{} {} 年度）。\n",
        input.display(),
        output.display(),
        imported.report.title_agency(),
        d.year
    );
    if imported.uncertain.is_empty() {
        text.push_str("全部单元格和各部分都已读出。\n");
    } else {
        text.push_str(&format!(
            "以下 {} 处无法确定，已留空，请对照原文核对填写：\n",
            imported.uncertain.len()
        ));
        for u in &imported.uncertain {
            let key = u.cell.map(|k| format!("{k} ")).unwrap_or_default();
            text.push_str(&format!(
                "  {key}{}：{}（原文：“{}”）\n",
                u.place, u.reason, u.seen
            ));
        }
    }
    if !imported.notes.is_empty() {
        text.push_str("请注意：\n");
        for note in &imported.notes {
            text.push_str(&format!("  {note}\n"));
        }
    }
    let findings = check::check(&imported.report, None);
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    text.push_str(&format!(
        "检查：{errors} 个错误，{} 个警告（nianbao check {} 查看详情）。\n",
        findings.len() - errors,
        output.display()
    ));
    let _ = err;
    out.write_all(text.as_bytes())
        .map_err(|e| format!("无法输出结果：{e}"))?;
    Ok(if imported.uncertain.is_empty() {
        EXIT_OK
    } else {
        EXIT_FINDINGS
    })
}

/// `import X.xlsx|X.xls|X.ods`: one report per unit in the workbook. One unit goes to
/// `output`; several go beside it as `STEM-单位.json`, none replacing a file.
fn run_import_workbook(input: &Path, output: &Path, out: &mut dyn Write) -> Result<u8, String> {
    use crate::import::xlsx::{read_workbook_file, unit_report};
    let read = read_workbook_file(input)?;
    let targets: Vec<PathBuf> = if read.units.len() == 1 {
        vec![output.to_path_buf()]
    } else {
        let stem = output
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("report");
        let ext = output
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("json");
        let mut names: Vec<PathBuf> = Vec::new();
        for (i, u) in read.units.iter().enumerate() {
            let safe: String = u
                .name
                .chars()
                .map(|c| {
                    if "/\\:*?\"<>|".contains(c) || c.is_control() {
                        '_'
                    } else {
                        c
                    }
                })
                .collect();
            let mut name = if safe.trim().is_empty() {
                format!("{stem}-{}.{ext}", i + 1)
            } else {
                format!("{stem}-{}.{ext}", safe.trim())
            };
            // Two sheets naming the same unit: the second gets its number.
            if names.iter().any(|n| n.file_name() == Some(name.as_ref())) {
                name = format!("{stem}-{}-{}.{ext}", safe.trim(), i + 1);
            }
            names.push(output.with_file_name(name));
        }
        names
    };
    if let Some(existing) = targets.iter().find(|t| file::something_at(t)) {
        return Err(format!(
            "{} 已存在，未覆盖；请换一个文件名",
            existing.display()
        ));
    }
    let how = if read.by_names {
        "nianbao 填报表，按格子名称读取"
    } else {
        "按行列标题读取"
    };
    let mut text = format!(
        "{} 中有 {} 个单位的统计表（{how}）。\n",
        input.display(),
        read.units.len()
    );
    let mut notes = 0;
    for (unit, target) in read.units.iter().zip(&targets) {
        let report = unit_report(unit);
        file::save_new(&report, target).map_err(|e| e.to_string())?;
        let who = if unit.name.is_empty() {
            "未写填报单位".to_string()
        } else {
            unit.name.clone()
        };
        text.push_str(&format!(
            "已导入 {}（{who}，工作表：{}）→ {}：读出 {} 个格子，{} 个留空。\n",
            input.display(),
            unit.sheets.join("、"),
            target.display(),
            unit.values.len(),
            unit.blank.len()
        ));
        notes += unit.notes.len();
        if !unit.notes.is_empty() {
            text.push_str(&format!(
                "以下 {} 处没有读取或与合计不符，请对照表格核对：\n",
                unit.notes.len()
            ));
            for n in &unit.notes {
                let key = n.cell.map(|k| format!("{k} ")).unwrap_or_default();
                let seen = if n.seen.is_empty() {
                    String::new()
                } else {
                    format!("（表中：{}）", n.seen)
                };
                text.push_str(&format!("  {key}{}：{}{seen}\n", n.place, n.reason));
            }
        }
        if unit.year.is_none() || unit.name.is_empty() {
            text.push_str("  表格中没有写填报单位或报告年度，请在年报中填写机关名称和报告年度。\n");
        }
    }
    out.write_all(text.as_bytes())
        .map_err(|e| format!("无法输出结果：{e}"))?;
    Ok(if notes == 0 { EXIT_OK } else { EXIT_FINDINGS })
}

/// A command-line mistake, said in Chinese: clap's own messages are English.
pub fn usage_error(e: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let context = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join("、"),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let arg = context(ContextKind::InvalidArg);
    let value = context(ContextKind::InvalidValue);
    match e.kind() {
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            // The validator's own (Chinese) reason follows clap's last colon.
            let text = e.to_string();
            let reason = text
                .lines()
                .next()
                .and_then(|l| l.rsplit_once(": "))
                .map(|(_, r)| r.to_string())
                .unwrap_or_default();
            format!("参数 {arg} 的值“{value}”不对：{reason}")
        }
        ErrorKind::MissingRequiredArgument => format!("缺少参数：{arg}"),
        ErrorKind::UnknownArgument => format!("不认识的参数：{arg}"),
        ErrorKind::InvalidSubcommand => format!(
            "没有“{}”这个命令；可用的命令：check、new、render、cells、import、audit、sum",
            context(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "缺少命令；可用的命令：check、new、render、cells、import、audit、sum".to_string()
        }
        ErrorKind::ArgumentConflict => format!("参数 {arg} 不能与其他参数同时使用"),
        ErrorKind::TooManyValues => {
            format!("参数 {arg} 给了太多值")
        }
        _ => format!("命令行有误：{}", e.to_string().lines().next().unwrap_or("")),
    }
}
