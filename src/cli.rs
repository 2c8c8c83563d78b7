//! The command line: `nianbao check | new | cells`. Each command returns its exit code.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

use crate::check::{self, Finding, Severity};
use crate::file;
use crate::format::{TableId, table_def};
use crate::model::Report;

/// 年报：编写、检查、打印政府信息公开工作年度报告。
#[derive(Debug, Parser)]
#[command(
    name = "nianbao",
    version,
    about = "年报：编写、检查、打印政府信息公开工作年度报告（国办公开办函〔2021〕30号格式）"
)]
pub struct Cli {
    /// 要执行的命令；不给命令则打开程序窗口。
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// 检查年报：勾稽关系、填写完整性、文字与表格是否一致等。无错误时退出码为 0，有错误为 1，文件无法读取为 2。
    Check {
        /// 年报文件（.json）
        report: PathBuf,
        /// 上一年度的年报文件，用于跨年度核对（结转、现行有效件数、内容雷同）
        #[arg(long)]
        previous: Option<PathBuf>,
        /// 以 JSON 输出检查结果
        #[arg(long)]
        json: bool,
    },
    /// 新建一份空白年报文件（不会覆盖已有文件）。
    New {
        /// 机关名称（全称）
        #[arg(long)]
        agency: String,
        /// 报告年度，如 2024
        #[arg(long)]
        year: u16,
        /// 输出文件
        #[arg(short, long)]
        output: PathBuf,
    },
    /// 排版并输出可打印的 A4 PDF（公文格式，内嵌字体）。
    Render {
        /// 年报文件（.json）
        report: PathBuf,
        /// 输出的 PDF 文件
        #[arg(short, long)]
        output: PathBuf,
    },
    /// 列出全部表格单元格，每行“键<TAB>标签路径<TAB>数值”，便于导入电子表格或逐年比对。
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
            agency,
            year,
            output,
        } => run_new(&agency, year, &output, out),
        Command::Cells { report } => run_cells(&report, out),
        Command::Render { report, output } => run_render(&report, &output, out, err),
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
        .map(|p| file::load(p).map_err(|e| format!("上年报告：{e}")))
        .transpose()?;
    let findings = check::check(&report, prev.as_ref());
    let written = if json {
        let text = serde_json::to_string_pretty(&findings).map_err(|e| e.to_string())?;
        writeln!(out, "{text}")
    } else {
        write_findings(&path.display().to_string(), &findings, out)
    };
    written.map_err(|e| format!("无法输出结果：{e}"))?;
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
            f.rule,
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
    if output.exists() {
        return Err(format!(
            "{} 已存在，未覆盖；请换一个文件名",
            output.display()
        ));
    }
    let report = Report::new(agency.trim(), year);
    file::save(&report, output).map_err(|e| e.to_string())?;
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
        .map_err(|e| format!("无法输出结果：{e}"))?;
    Ok(EXIT_OK)
}

fn run_render(
    path: &Path,
    output: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8, String> {
    let report = file::load(path).map_err(|e| e.to_string())?;
    let pdf = crate::typeset::report::render_pdf(&report)
        .map_err(|e| format!("无法排版 {}：{e}", path.display()))?;
    file::write_atomic(output, &pdf.bytes).map_err(|e| e.to_string())?;
    let note = |err: &mut dyn Write, text: String| {
        let _ = writeln!(err, "年报：{text}");
    };
    for warning in &pdf.warnings {
        note(err, format!("警告：{warning}"));
    }
    let findings = check::check(&report, None);
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    if errors > 0 {
        note(
            err,
            format!(
                "注意：检查发现 {errors} 个错误，本 PDF 只宜作草稿；运行 nianbao check {} 查看",
                path.display()
            ),
        );
    }
    writeln!(
        out,
        "已输出 {}（{} 字节）。",
        output.display(),
        pdf.bytes.len()
    )
    .map_err(|e| e.to_string())?;
    Ok(EXIT_OK)
}
