//! Totals as printed in a published report, checked against the totals computed from its
//! cells (R-row, R-sub, T4), and the 勾稽关系 (R-id) run on the printed figures.
//!
//! nianbao never prints a stored total, so these rules matter only for a report that
//! carries [`Report::printed`]: an imported one, or one a reviewer typed from paper. A wrong
//! printed total is the commonest arithmetic error in published reports, and this is where
//! it is caught. (Kept apart from `check.rs` so the rule can move with the checks.)

use super::arithmetic::{col_label, group_label, row_label};
use crate::check::{Finding, Severity, figures};
use crate::format::{CellKey, CellKind, T3_COLUMNS, T3_IDENTITY, TableId, table_def};
use crate::model::Report;

/// Every printed total that differs from the computed one, and every column of 表三 whose
/// 勾稽关系 fails on the printed figures while it holds on the computed ones.
pub fn printed_totals(report: &Report) -> Vec<Finding> {
    let mut out = Vec::new();
    for table in [TableId::T3, TableId::T4] {
        for cell in table_def(table)
            .cells()
            .filter(|c| c.kind == CellKind::Total)
        {
            let (Some(printed), Some(computed)) =
                (report.printed_total(cell.key), report.count(cell.key))
            else {
                continue;
            };
            if printed == computed {
                continue;
            }
            let (rule, what) = match (table, cell.key.col) {
                (TableId::T4, _) => ("T4", format!("表四{}总计", group_label(cell.key.row))),
                (_, "total") => ("R-row", format!("表三“{}”行总计", row_label(cell.key))),
                _ => ("R-sub", format!("表三（七）总计 {}", col_label(cell.key))),
            };
            out.push(
                Finding::new(
                    rule,
                    Severity::Error,
                    table,
                    format!("{what}：印 {printed}，应为 {computed}（各项相加）"),
                )
                .at(std::iter::once(cell.key).chain(cell.parts.iter().copied())),
            );
        }
    }
    out.extend(identity_as_printed(report));
    out
}

/// R-id (一+二 = （七）总计+四, per column) on the figures as printed: the 总计 column and
/// the （七）总计 row are the printed ones where the report printed them.
fn identity_as_printed(report: &Report) -> Vec<Finding> {
    let computed = figures(report);
    let mut printed = computed.clone();
    for table in [TableId::T3, TableId::T4] {
        for cell in table_def(table).cells() {
            if let Some(n) = report.printed_total(cell.key) {
                printed.insert(cell.key, n);
            }
        }
    }
    let mut out = Vec::new();
    for &(col, label) in &T3_COLUMNS {
        let k = |row| CellKey {
            table: TableId::T3,
            row,
            col,
        };
        let ([new, over], [concluded, forward]) = T3_IDENTITY;
        let cells = [k(new), k(over), k(concluded), k(forward)];
        if !cells.iter().any(|c| report.printed_total(*c).is_some()) {
            continue;
        }
        let holds = |figs: &crate::check::Figures| {
            let [Some(a), Some(b), Some(c), Some(d)] = cells.map(|c| figs.get(&c).copied()) else {
                return None;
            };
            Some((a + b == c + d, a, b, c, d))
        };
        // Reported here only when the computed figures balance: otherwise the ordinary
        // R-id already points at this column.
        if holds(&computed).is_some_and(|h| !h.0) {
            continue;
        }
        if let Some((false, a, b, c, d)) = holds(&printed) {
            out.push(
                Finding::new(
                    "R-id",
                    Severity::Error,
                    TableId::T3,
                    format!(
                        "表三{label}列按报告所印数字：一+二={}，（七）总计+四={}（应相等：{a}+{b}≠{c}+{d}）",
                        a + b,
                        c + d
                    ),
                )
                .at(cells),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Value;

    fn key(table: TableId, row: &'static str, col: &'static str) -> CellKey {
        CellKey { table, row, col }
    }

    #[test]
    fn a_wrong_printed_total_is_reported_with_both_figures() {
        let mut r = Report::new("示例局", 2024);
        for (row, n) in [("r1_granted", 100), ("r2_partial", 24)] {
            r.set_input(
                key(TableId::T3, row, "natural_person"),
                Some(Value::Count(n)),
            );
        }
        r.set_printed(key(TableId::T3, "r7_total", "natural_person"), Some(125));
        let findings = printed_totals(&r);
        let sub: Vec<_> = findings.iter().filter(|f| f.rule == "R-sub").collect();
        assert_eq!(sub.len(), 1, "{findings:?}");
        assert_eq!(
            sub[0].message,
            "表三（七）总计 自然人：印 125，应为 124（各项相加）"
        );
        r.set_printed(key(TableId::T3, "r7_total", "natural_person"), Some(124));
        assert!(printed_totals(&r).iter().all(|f| f.rule != "R-sub"));
    }

    #[test]
    fn identity_runs_on_printed_figures() {
        let mut r = Report::new("示例局", 2024);
        let col = "natural_person";
        for (row, n) in [
            ("new_received", 10),
            ("carried_over", 0),
            ("r1_granted", 10),
            ("carried_forward", 0),
        ] {
            r.set_input(key(TableId::T3, row, col), Some(Value::Count(n)));
        }
        assert!(printed_totals(&r).is_empty());
        r.set_printed(key(TableId::T3, "r7_total", col), Some(9));
        let rules: Vec<_> = printed_totals(&r).iter().map(|f| f.rule).collect();
        assert!(
            rules.contains(&"R-sub") && rules.contains(&"R-id"),
            "{rules:?}"
        );
    }

    #[test]
    fn t4_printed_totals() {
        let mut r = Report::new("示例局", 2024);
        for col in ["maintain", "correct", "other", "pending"] {
            r.set_input(key(TableId::T4, "review", col), Some(Value::Count(1)));
        }
        r.set_printed(key(TableId::T4, "review", "total"), Some(5));
        let f = printed_totals(&r);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].message, "表四行政复议总计：印 5，应为 4（各项相加）");
    }
}
