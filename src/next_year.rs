//! This year's report from last year's: the carry-over rule (last year's 结转下年度继续办理
//! becomes this year's 上年结转) and a new report for the next year of the same 机关 with
//! last year's texts to revise. The app and `nianbao new --from` both use it; the cross-year
//! checks (`check::cross_year`) then say which copied sentences still name an old year.

use std::path::Path;

use crate::format::{CellKey, T3_COLUMNS, TableId};
use crate::model::{Report, Value};

/// Last year's report as read from a file: a nianbao file, or a published report in any
/// form `import` reads (web page, copied text, `pdftotext` output), with what the import
/// could not read with certainty.
pub struct LastYear {
    /// The report.
    pub report: Report,
    /// Cells and parts an import could not read with certainty (empty for a nianbao file).
    pub uncertain: Vec<crate::import::Uncertain>,
}

/// Reads last year's report: a nianbao file (`.nianbao`, `.json`) is loaded; anything else
/// is imported as a published report. The error is a Chinese sentence naming the file.
pub fn read_last_year(path: &Path) -> Result<LastYear, String> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if matches!(ext.as_str(), "nianbao" | "json") {
        return crate::file::load(path)
            .map(|report| LastYear {
                report,
                uncertain: Vec::new(),
            })
            .map_err(|e| e.to_string());
    }
    let meta = std::fs::metadata(path).map_err(|e| {
        format!(
            "无法读取文件 {}：{}",
            path.display(),
            crate::file::io_reason(&e)
        )
    })?;
    if meta.len() > crate::import::MAX_INPUT_BYTES as u64 {
        return Err(format!(
            "无法导入 {}：文件过大（{} 字节），不像是一份年报",
            path.display(),
            meta.len()
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| {
        format!(
            "无法读取文件 {}：{}",
            path.display(),
            crate::file::io_reason(&e)
        )
    })?;
    let imported = crate::import::import_bytes(&bytes)
        .map_err(|e| format!("无法导入 {}：{e}", path.display()))?;
    Ok(LastYear {
        report: imported.report,
        uncertain: imported.uncertain,
    })
}

/// The cells of 表三's 上年结转 row with the figures last year's report carried forward,
/// column by column (a blank stays blank: blank is not 0).
pub fn carry_over(previous: &Report) -> Vec<(CellKey, Option<Value>)> {
    T3_COLUMNS[..6]
        .iter()
        .map(|&(col, _)| {
            let from = CellKey {
                table: TableId::T3,
                row: "carried_forward",
                col,
            };
            let to = CellKey {
                table: TableId::T3,
                row: "carried_over",
                col,
            };
            (to, previous.count(from).map(Value::Count))
        })
        .collect()
}

/// Fills 上年结转 from last year's report.
pub fn apply_carry_over(report: &mut Report, previous: &Report) {
    for (key, value) in carry_over(previous) {
        report.set_input(key, value);
    }
}

/// A new report for the year after `previous`, of the same 机关: its details (but not the
/// dates) and every text copied for revising, 上年结转 filled, every other cell blank.
/// Printed totals of an imported report are last year's and are not copied.
pub fn next_year(previous: &Report) -> Report {
    let p = &previous.details;
    let mut report = Report::new(&p.agency_name, p.year.saturating_add(1));
    let d = &mut report.details;
    d.agency_short_name = p.agency_short_name.clone();
    d.agency_kind = p.agency_kind;
    d.signatory = p.signatory.clone();
    if !p.opening.trim().is_empty() {
        d.opening = p.opening.clone();
    }
    report.overview = previous.overview.clone();
    report.problems = previous.problems.clone();
    report.other_matters = previous.other_matters.clone();
    apply_carry_over(&mut report, previous);
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AgencyKind, Date};

    #[test]
    fn next_year_copies_texts_and_carries_over_column_by_column() {
        let mut last = Report::new("示例县某局", 2025);
        last.details.agency_kind = AgencyKind::Government;
        last.details.signatory = "示例县某局".into();
        last.details.signed_date = Date::new(2026, 1, 20);
        last.problems = "2025年，仍有不足。".into();
        let fwd = |col| CellKey {
            table: TableId::T3,
            row: "carried_forward",
            col,
        };
        last.set_input(fwd("natural_person"), Some(Value::Count(3)));
        last.set_input(fwd("commercial"), Some(Value::Count(0)));
        let new = next_year(&last);
        assert_eq!(new.details.year, 2026);
        assert_eq!(new.details.agency_name, "示例县某局");
        assert_eq!(new.details.agency_kind, AgencyKind::Government);
        assert_eq!(new.details.signed_date, None);
        assert_eq!(new.problems, last.problems);
        let over = |col| CellKey {
            table: TableId::T3,
            row: "carried_over",
            col,
        };
        assert_eq!(new.count(over("natural_person")), Some(3));
        assert_eq!(new.count(over("commercial")), Some(0));
        // Blank last year is blank this year, not 0.
        assert_eq!(new.count(over("research")), None);
        assert_eq!(new.count(fwd("natural_person")), None);
    }
}
