//! completeness: the details a printed report needs, the six sections, every cell.

use super::arithmetic::{col_label, group_label, row_label};
use super::{Finding, Section, Severity};
use crate::format::{CellKey, SECTION_TITLES, TableId, table_def};
use crate::model::Report;

/// completeness: the details a printed report needs, the six sections, and every cell.
pub fn completeness(report: &Report) -> Vec<Finding> {
    let mut out = Vec::new();
    let d = &report.details;
    let mut need = |ok: bool, severity, message: &str| {
        if !ok {
            out.push(Finding::new(
                "completeness",
                severity,
                Section::Details,
                message.to_string(),
            ));
        }
    };
    need(
        !d.agency_name.trim().is_empty(),
        Severity::Error,
        "未填写机关名称",
    );
    need(
        (2021..=2200).contains(&d.year),
        Severity::Error,
        "报告年度应为 2021 年或以后（国办公开办函〔2021〕30号格式自 2021 年度报告起施行）",
    );
    need(
        !d.opening.trim().is_empty(),
        Severity::Error,
        "未填写开头段（编制依据、统计期限、联系方式）",
    );
    // Published reports often print no 成文日期; that is worth a look, not a block.
    need(
        d.signed_date.is_some(),
        Severity::Warning,
        "未填写成文日期：打印时不印落款（署名机关和日期）；如报告有成文日期，请补填",
    );
    need(
        d.publish_date.is_some(),
        Severity::Warning,
        "未填写发布日期，无法检查是否按时发布",
    );

    let overview_parts = report.overview.parts();
    if report.overview.lead.trim().is_empty()
        && overview_parts.iter().all(|p| p.1.trim().is_empty())
    {
        out.push(Finding::new(
            "completeness",
            Severity::Error,
            Section::Overview,
            "未填写（六个部分都必须有内容）".to_string(),
        ));
    } else {
        for (heading, text) in overview_parts {
            if text.trim().is_empty() {
                out.push(Finding::new(
                    "completeness",
                    Severity::Warning,
                    Section::Overview,
                    format!("“{}”下的“{heading}”未填写", SECTION_TITLES[0]),
                ));
            }
        }
    }
    for (section, text) in [
        (Section::Problems, &report.problems),
        (Section::OtherMatters, &report.other_matters),
    ] {
        if text.trim().is_empty() {
            out.push(Finding::new(
                "completeness",
                Severity::Error,
                section,
                "未填写（六个部分都必须有内容）".to_string(),
            ));
        }
    }

    for table in TableId::ALL {
        let def = table_def(table);
        let blank: Vec<CellKey> = def
            .input_cells()
            .map(|c| c.key)
            .filter(|&k| report.input(k).is_none())
            .collect();
        let inputs = def.input_cells().count();
        // A cell an import could not read is not one the author left blank (not-read).
        let blank: Vec<CellKey> = blank
            .into_iter()
            .filter(|&k| !report.is_not_read(k))
            .collect();
        if blank.is_empty() {
            continue;
        }
        if blank.len() == inputs {
            out.push(
                Finding::new(
                    "completeness",
                    Severity::Error,
                    Section::Table(table),
                    format!(
                        "{}尚未填写（共 {inputs} 格；没有发生的请填 0）",
                        table.name()
                    ),
                )
                .at(blank),
            );
            continue;
        }
        // One finding a row keeps the list readable while still pointing at every cell.
        let mut by_row: Vec<(&'static str, Vec<CellKey>)> = Vec::new();
        for k in blank {
            match by_row.last_mut() {
                Some((row, cells)) if *row == k.row => cells.push(k),
                _ => by_row.push((k.row, vec![k])),
            }
        }
        for (_, cells) in by_row {
            let first = cells[0];
            let row = match table {
                TableId::T4 => group_label(first.row),
                _ => row_label(first),
            };
            let cols: Vec<&str> = cells.iter().map(|&k| col_label(k)).collect();
            out.push(
                Finding::new(
                    "completeness",
                    Severity::Error,
                    Section::Table(table),
                    format!(
                        "{}“{row}”有 {} 格未填：{}（空白不等于 0，没有的请填 0）",
                        table.name(),
                        cells.len(),
                        cols.join("、")
                    ),
                )
                .at(cells),
            );
        }
    }
    out
}
