//! Arithmetic (勾稽关系): R-row, R-sub, R-id and T4, on figures computed or printed.

use super::{Figures, Finding, Severity, key};
use crate::format::{
    CellKey, CellKind, T3_COLUMNS, T3_IDENTITY, T4_GROUPS, TableId, t3_result_rows, table_def,
};

/// R-row, R-sub, T4 (each total equals the sum of its parts) and R-id (一+二 = （七）+四).
pub fn arithmetic(figs: &Figures) -> Vec<Finding> {
    let mut out = Vec::new();
    for table in [TableId::T3, TableId::T4] {
        for cell in table_def(table)
            .cells()
            .filter(|c| c.kind == CellKind::Total)
        {
            let Some(&stated) = figs.get(&cell.key) else {
                continue;
            };
            let sum: u64 = cell.parts.iter().filter_map(|p| figs.get(p)).sum();
            if stated == sum {
                continue;
            }
            let (rule, what) = match (table, cell.key.col) {
                (TableId::T4, _) => ("T4", format!("{}总计", group_label(cell.key.row))),
                (_, "total") => ("R-row", format!("“{}”行总计", row_label(cell.key))),
                _ => ("R-sub", format!("{}列（七）总计", col_label(cell.key))),
            };
            out.push(
                Finding::new(
                    rule,
                    Severity::Error,
                    table,
                    format!("{}：{what}为 {stated}，各项相加为 {sum}", table.name()),
                )
                .at(std::iter::once(cell.key).chain(cell.parts.iter().copied())),
            );
        }
    }
    // R-id per column; the 总计 column follows from the others, so it is reported only when
    // the six columns balance (as it can fail alone only with printed totals).
    let mut unbalanced = false;
    for &(col, label) in &T3_COLUMNS {
        if col == "total" && unbalanced {
            continue;
        }
        let k = |row| key(TableId::T3, row, col);
        let ([new, over], [concluded, forward]) = T3_IDENTITY;
        let cells = [k(new), k(over), k(concluded), k(forward)];
        let [Some(a), Some(b), Some(c), Some(d)] = cells.map(|c| figs.get(&c).copied()) else {
            continue;
        };
        if a + b != c + d {
            unbalanced = true;
            out.push(
                Finding::new(
                    "R-id",
                    Severity::Error,
                    TableId::T3,
                    format!(
                        "表三{label}列：一+二={}，（七）总计+四={}（应相等：{a}+{b}≠{c}+{d}）",
                        a + b,
                        c + d
                    ),
                )
                // The four cells first; then every result row of the column, any of which
                // may be the one typed wrong.
                .at(cells.into_iter().chain(t3_result_rows().map(k))),
            );
        }
    }
    out
}

pub(super) fn row_label(key: CellKey) -> &'static str {
    key.def()
        .and_then(|d| d.row_labels.last().copied())
        .unwrap_or("")
}

pub(super) fn col_label(key: CellKey) -> &'static str {
    key.def()
        .and_then(|d| d.col_labels.last().copied())
        .unwrap_or("")
}

pub(super) fn group_label(group: &str) -> &'static str {
    T4_GROUPS
        .iter()
        .find(|g| g.0 == group)
        .map(|g| g.1)
        .unwrap_or("")
}
