//! not-read: cells an import could not read from the published text ([`Report::not_read`]).
//!
//! A blank the importer left is not a blank the author left: the report is told once how
//! many cells to compare with the original, and no rule blames the report for them (a
//! missing cell, or a total that does not add up without it).

use std::collections::BTreeSet;

use super::{Finding, Severity};
use crate::format::CellKey;
use crate::model::Report;

/// The one finding that lists every cell not read, if there are any.
pub fn not_read(report: &Report) -> Vec<Finding> {
    let cells: Vec<CellKey> = report
        .not_read
        .iter()
        .filter_map(|k| CellKey::parse(k))
        .collect();
    let Some(first) = cells.first() else {
        return Vec::new();
    };
    let tables: BTreeSet<&str> = cells.iter().map(|k| k.table.name()).collect();
    let tables: Vec<&str> = tables.into_iter().collect();
    vec![
        Finding::new(
            "not-read",
            Severity::Warning,
            first.table,
            format!(
                "{} 处未能读出，请对照原文（{}）：导入时这些格子读不准，已留空待填，不算报告本身的错误",
                cells.len(),
                tables.join("、")
            ),
        )
        .at(cells),
    ]
}

/// Drops the findings a not-read cell would cause: any finding about a cell not read
/// (a total that does not add up without it, a 勾稽关系 it is part of, a prose figure
/// compared with a sum that lacks it). `value` findings concern a figure that was read.
pub fn without_not_read(report: &Report, findings: Vec<Finding>) -> Vec<Finding> {
    if report.not_read.is_empty() {
        return findings;
    }
    let not_read: BTreeSet<CellKey> = report
        .not_read
        .iter()
        .filter_map(|k| CellKey::parse(k))
        .collect();
    findings
        .into_iter()
        .filter(|f| {
            f.rule == "value"
                || f.rule == "not-read"
                || !f.cells.iter().any(|c| depends_on(*c, &not_read, 0))
        })
        .collect()
}

/// True when a cell is not read, or is a total some of whose parts (at any depth) are:
/// （七）总计's 总计 column is the sum of the result rows' cells, and a rule about it is
/// caused by a result row not read as much as by a cell of its own.
fn depends_on(cell: CellKey, not_read: &BTreeSet<CellKey>, depth: usize) -> bool {
    not_read.contains(&cell)
        || (depth < 4
            && cell
                .def()
                .is_some_and(|d| d.parts.iter().any(|p| depends_on(*p, not_read, depth + 1))))
}
