//! value: every stored cell is a declared input of the right kind and range.

use super::{Finding, Severity};
use crate::format::{CellKey, CellKind, TableId, table_def};
use crate::model::{MAX_COUNT, Report, Value};

/// What is wrong with putting `value` at (table, row, col), if anything. Shared with the
/// file reader so that a file and an edit are judged alike.
pub fn value_problem(table: TableId, row: &str, col: &str, value: &Value) -> Option<String> {
    let Some(cell) = table_def(table)
        .cells()
        .find(|c| c.key.row == row && c.key.col == col)
    else {
        return Some(format!("{}.{row}.{col} 不是格式中的单元格", table.key()));
    };
    let label = cell.key.label_path();
    match (cell.kind, value) {
        (CellKind::Total, _) => Some(format!("“{label}”是合计，由程序计算，不应填写")),
        (CellKind::Count, Value::Amount(a)) => {
            Some(format!("“{label}”应为非负整数件数，而不是“{}”", a.as_str()))
        }
        (_, Value::Count(n)) if *n > MAX_COUNT => {
            Some(format!("“{label}”的数字 {n} 过大（上限 {MAX_COUNT}）"))
        }
        _ => None,
    }
}

/// value: counts are non-negative integers within range, the fee a decimal, no stored totals.
pub fn values(report: &Report) -> Vec<Finding> {
    let mut out = Vec::new();
    for table in TableId::ALL {
        for (row, cols) in report.table(table) {
            for (col, value) in cols {
                if let Some(message) = value_problem(table, row, col, value) {
                    let cells = CellKey::parse(&format!("{}.{row}.{col}", table.key()));
                    out.push(Finding::new("value", Severity::Error, table, message).at(cells));
                }
            }
        }
    }
    out
}
