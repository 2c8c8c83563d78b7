//! `nianbao audit` and `nianbao sum` on the command line.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use rayon::prelude::*;

use super::discover::{self, Found};
use super::load;
use super::sum::{SumInput, UnitCells, sum_units};
use super::{Progress, audit};
use crate::cli::{EXIT_FILE, EXIT_OK};
use crate::file;

/// What `audit -o` writes, chosen by the output's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Output {
    Xlsx,
    Html,
}

fn output_kind(path: &Path) -> Result<Output, String> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("xlsx") => Ok(Output::Xlsx),
        Some("html" | "htm") => Ok(Output::Html),
        _ => Err(format!(
            "不知道审核结果输出成什么格式：{} 应以 .xlsx（工作簿）或 .html（网页）结尾",
            path.display()
        )),
    }
}

fn refuse_existing(path: &Path) -> Result<(), String> {
    if path.exists() {
        return Err(format!("{} 已存在，未覆盖；请换一个文件名", path.display()));
    }
    Ok(())
}

/// Runs `f` while a progress bar on the terminal (none when stderr is piped) follows
/// `progress`.
fn with_progress_bar<T>(progress: &Progress, f: impl FnOnce() -> T) -> T {
    if !std::io::stderr().is_terminal() {
        return f();
    }
    let finished = AtomicBool::new(false);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            let style =
                indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} 个文件 {elapsed}")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
            let bar = indicatif::ProgressBar::new(0).with_style(style);
            while !finished.load(Ordering::Relaxed) {
                bar.set_length(progress.total.load(Ordering::Relaxed) as u64);
                bar.set_position(progress.done.load(Ordering::Relaxed) as u64);
                std::thread::sleep(Duration::from_millis(80));
            }
            bar.finish_and_clear();
        });
        let result = f();
        finished.store(true, Ordering::Relaxed);
        result
    })
}

/// `nianbao audit PATH… [--previous PATH…] [-o X.xlsx|X.html] [--json]`.
pub fn run_audit(
    paths: &[PathBuf],
    previous: &[PathBuf],
    output: Option<&Path>,
    json: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8, String> {
    let kind = output.map(output_kind).transpose()?;
    if let Some(path) = output {
        refuse_existing(path)?;
    }
    let progress = Progress::default();
    let exclude: Vec<PathBuf> = output.map(Path::to_path_buf).into_iter().collect();
    let Some(result) = with_progress_bar(&progress, || audit(paths, previous, &exclude, &progress))
    else {
        return Err("审核已取消".into());
    };
    if result.rows.is_empty() {
        return Err("所给的文件夹中没有文件可审核".into());
    }
    let text = if json {
        result.to_json()
    } else {
        result.to_text()
    };
    out.write_all(text.as_bytes())
        .map_err(|e| format!("无法输出结果：{e}"))?;
    if let (Some(path), Some(kind)) = (output, kind) {
        let bytes = match kind {
            Output::Xlsx => super::xlsx::write_xlsx(&result)?,
            Output::Html => super::html::write_html(&result).into_bytes(),
        };
        file::write_atomic(path, &bytes).map_err(|e| e.to_string())?;
        let _ = writeln!(err, "年报：审核结果已输出到 {}。", path.display());
    }
    Ok(result.exit_code())
}

/// `nianbao sum PATH… -o TOTAL.nianbao [--agency NAME --year N]`.
pub fn run_sum(
    paths: &[PathBuf],
    output: &Path,
    agency: Option<&str>,
    year: Option<u16>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8, String> {
    refuse_existing(output)?;
    let found = discover::discover(paths, &[output.to_path_buf()]);
    if found.is_empty() {
        return Err("所给的文件夹中没有文件可汇总".into());
    }
    struct Unit {
        file: String,
        agency: Option<String>,
        year: Option<u16>,
        cells: UnitCells,
    }
    let read: Vec<Result<Unit, String>> = found
        .par_iter()
        .map(|f| match f {
            Found::Unreadable(p, reason) => Err(format!("{}：{reason}", p.display())),
            Found::File(p) => {
                let loaded =
                    load::load_any(p).map_err(|e| format!("{}：{}", p.display(), e.reason()))?;
                let id = load::identity(&loaded.report, p);
                Ok(Unit {
                    file: p.display().to_string(),
                    agency: id.agency,
                    year: id.year,
                    cells: UnitCells::of(&loaded.report),
                })
            }
        })
        .collect();
    let mut refusals = Vec::new();
    let mut units = Vec::new();
    for r in read {
        match r {
            Ok(u) => units.push(u),
            Err(e) => refusals.push(format!("无法读取 {e}")),
        }
    }
    for u in units.iter().filter(|u| u.agency.is_none()) {
        refusals.push(format!("{}：没有认出机关名称", u.file));
    }
    for u in units.iter().filter(|u| u.year.is_none()) {
        refusals.push(format!("{}：没有认出报告年度", u.file));
    }
    let year = match year {
        Some(y) => Some(y),
        None => {
            let mut years: Vec<u16> = units.iter().filter_map(|u| u.year).collect();
            years.sort_unstable();
            years.dedup();
            if years.len() > 1 {
                let list: Vec<String> = years.iter().map(|y| y.to_string()).collect();
                refusals.push(format!(
                    "所给报告的年度不一致（{}），请用 --year 指定汇总哪一年度，并去掉其他年度的报告",
                    list.join("、")
                ));
            }
            years.first().copied()
        }
    };
    let inputs: Vec<SumInput<'_>> = units
        .iter()
        .filter_map(|u| {
            Some(SumInput {
                agency: u.agency.as_deref()?,
                year: u.year?,
                file: &u.file,
                cells: &u.cells,
            })
        })
        .collect();
    let summed = match (refusals.is_empty(), year) {
        (true, Some(year)) => sum_units(agency.unwrap_or(""), year, &inputs),
        (true, None) => Err(vec!["没有认出任何报告的年度".into()]),
        (false, _) => Err(refusals),
    };
    let report = match summed {
        Ok(r) => r,
        Err(reasons) => {
            let _ = writeln!(err, "年报：未汇总，未输出文件：");
            for reason in &reasons {
                let _ = writeln!(err, "  {reason}");
            }
            return Ok(EXIT_FILE);
        }
    };
    file::save(&report, output).map_err(|e| e.to_string())?;
    let info = report.summed.as_ref();
    let n = info.map_or(0, |s| s.units.len());
    let blank_cells = info.map_or(0, |s| s.blanks.len());
    let unread_cells = info.map_or(0, |s| s.not_read.len());
    let mut text = format!(
        "已汇总 {n} 个单位 {} 年度的表二、表三、表四 → {}。\n",
        report.details.year,
        output.display()
    );
    if blank_cells > 0 {
        text.push_str(&format!(
            "有 {blank_cells} 格有单位未填：未填的不计为 0，每格只加填了的单位（nianbao check {} 逐格列出）。\n",
            output.display()
        ));
    }
    if unread_cells > 0 {
        let units: Vec<&str> = info
            .map(|s| {
                s.units
                    .iter()
                    .filter(|u| u.not_read_cells > 0)
                    .map(|u| u.file.as_str())
                    .collect()
            })
            .unwrap_or_default();
        text.push_str(&format!(
            "有 {unread_cells} 格有单位未能读出（导入其发布的报告时无法确定，不是未填，也未计为 0）：{}。请对照原文补上后重新汇总。\n",
            units.join("、")
        ));
    }
    if agency.is_none_or(|a| a.trim().is_empty()) {
        text.push_str("未给 --agency：机关名称留空，请在程序中填写。\n");
    }
    out.write_all(text.as_bytes())
        .map_err(|e| format!("无法输出结果：{e}"))?;
    Ok(EXIT_OK)
}
