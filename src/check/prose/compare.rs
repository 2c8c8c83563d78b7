//! A claim of the prose against the tables: which cells a figure names, how a quoted number
//! is kept (a count, or money in 万元), and the finding when they disagree.

use super::*;

/// The number as the figures it names are kept: a count, or money for 行政事业性收费.
pub(super) fn quoted(n: &Number, figures: &[Figure]) -> Option<Quoted> {
    let fees = figures.iter().any(|f| f.0 == Topic::Fees);
    match (n.unit, fees) {
        (Unit::WanYuan, true) => money(&n.digits, 0),
        (Unit::Yuan, true) => money(&n.digits, 4),
        (Unit::Count, false) => n.count().map(Quoted::Count),
        (Unit::Bare, false) => n.count().filter(|&v| v == 0).map(Quoted::Count),
        _ => None,
    }
}

/// Money in 万元 × 10⁸ from decimal digits in 万元 (`shift` 0) or 元 (`shift` 4).
fn money(digits: &str, shift: u32) -> Option<Quoted> {
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let decimals = frac.len() as u32 + shift;
    if decimals > 8 || int.len() > 20 {
        return None;
    }
    let int: u128 = int.parse().ok()?;
    let frac_value: u128 = if frac.is_empty() {
        0
    } else {
        frac.parse().ok()?
    };
    let scaled = int * 10u128.pow(8 - shift) + frac_value * 10u128.pow(8 - decimals);
    Some(Quoted::Money(scaled, decimals))
}

/// The cells a figure is, and its name for the message.
fn cells_of(figure: Figure) -> (Vec<CellKey>, String) {
    let t3 = |row| key(TableId::T3, row, "total");
    let t4 = |row| key(TableId::T4, row, "total");
    let doc_row = |d: Option<Doc>| match d {
        Some(Doc::Regulation) => "regulations",
        _ => "normative_docs",
    };
    // 表三's rows by their labels in the format: "表三“一、本年新收…”总计".
    let t3_row = |row: &'static str| {
        let label = t3_row_label(row).map(short_label).unwrap_or(row);
        let name = if row == "r7_total" {
            format!("表三“{label}”")
        } else {
            format!("表三“{label}”总计")
        };
        (vec![t3(row)], name)
    };
    let (cells, name): (Vec<CellKey>, &str) = match figure {
        (Topic::Received, _) => return t3_row("new_received"),
        (Topic::Concluded, _) => return t3_row("r7_total"),
        (Topic::Forward, _) => return t3_row("carried_forward"),
        (Topic::Over, _) => return t3_row("carried_over"),
        (Topic::Review, _) => (vec![t4("review")], "表四“行政复议”总计"),
        (Topic::Litigation, _) => (
            vec![t4("litigation_direct"), t4("litigation_after_review")],
            "表四“行政诉讼”两项总计之和",
        ),
        (Topic::Made, d) => (
            vec![key(TableId::T2, doc_row(d), "made")],
            if d == Some(Doc::Regulation) {
                "表二规章“本年制发件数”"
            } else {
                "表二行政规范性文件“本年制发件数”"
            },
        ),
        (Topic::Repealed, d) => (
            vec![key(TableId::T2, doc_row(d), "repealed")],
            if d == Some(Doc::Regulation) {
                "表二规章“本年废止件数”"
            } else {
                "表二行政规范性文件“本年废止件数”"
            },
        ),
        (Topic::Valid, d) => (
            vec![key(TableId::T2, doc_row(d), "valid")],
            if d == Some(Doc::Regulation) {
                "表二规章“现行有效件数”"
            } else {
                "表二行政规范性文件“现行有效件数”"
            },
        ),
        (Topic::Licensing, _) => (
            vec![key(TableId::T2, "licensing_decisions", T2_COUNT_COL)],
            "表二“行政许可”本年处理决定数量",
        ),
        (Topic::Punishment, _) => (
            vec![key(TableId::T2, "punishment_decisions", T2_COUNT_COL)],
            "表二“行政处罚”本年处理决定数量",
        ),
        (Topic::Coercion, _) => (
            vec![key(TableId::T2, "coercion_decisions", T2_COUNT_COL)],
            "表二“行政强制”本年处理决定数量",
        ),
        (Topic::Outcome(case, result), _) => {
            let (col, name) = match (case, result) {
                (Case::Review, Outcome::Maintain) => ("maintain", "表四行政复议“结果维持”"),
                (Case::Review, Outcome::Correct) => ("correct", "表四行政复议“结果纠正”"),
                (Case::Review, Outcome::Other) => ("other", "表四行政复议“其他结果”"),
                (Case::Review, Outcome::Pending) => ("pending", "表四行政复议“尚未审结”"),
                (Case::Litigation, Outcome::Maintain) => {
                    ("maintain", "表四行政诉讼“结果维持”两项之和")
                }
                (Case::Litigation, Outcome::Correct) => {
                    ("correct", "表四行政诉讼“结果纠正”两项之和")
                }
                (Case::Litigation, Outcome::Other) => ("other", "表四行政诉讼“其他结果”两项之和"),
                (Case::Litigation, Outcome::Pending) => {
                    ("pending", "表四行政诉讼“尚未审结”两项之和")
                }
            };
            let cells = match case {
                Case::Review => vec![key(TableId::T4, "review", col)],
                Case::Litigation => vec![
                    key(TableId::T4, "litigation_direct", col),
                    key(TableId::T4, "litigation_after_review", col),
                ],
            };
            (cells, name)
        }
        (Topic::Answer(prefix), _) => return answer_cells(prefix),
        (Topic::Fees, _) => (
            vec![key(TableId::T2, "fees_wan_yuan", T2_AMOUNT_COL)],
            "表二“行政事业性收费”本年收费金额（万元）",
        ),
    };
    (cells, name.to_string())
}

/// The 办理结果 rows of table 三 whose keys start with `prefix`, and their name, with the
/// labels read from the format: a row of its own ("（一）予以公开") or a merged block of
/// rows ("（三）不予公开", whose items add up).
fn answer_cells(prefix: &str) -> (Vec<CellKey>, String) {
    let rows: Vec<&str> = t3_result_rows().filter(|r| r.starts_with(prefix)).collect();
    let cells = rows.iter().map(|r| key(TableId::T3, r, "total")).collect();
    let block = T3_LABEL_MERGES
        .iter()
        .find(|m| m.1 == 1 && rows.first() == Some(&m.2));
    let name = match (block, rows.first().and_then(|r| t3_row_label(r))) {
        (Some(block), _) => format!("表三“{}”各项总计之和", block.0),
        (None, Some(label)) => format!("表三“{}”总计", short_label(label)),
        (None, None) => "表三".to_string(),
    };
    (cells, name)
}

/// The table's value for `cells`: a sum of counts, or the fee; None while any is blank.
fn table_value(
    cells: &[CellKey],
    report: &Report,
    figs: &Figures,
    money_wanted: bool,
) -> Option<Quoted> {
    if money_wanted {
        let [cell] = cells else { return None };
        let Some(Value::Amount(a)) = report.input(*cell) else {
            return None;
        };
        return money(a.as_str(), 0);
    }
    cells
        .iter()
        .map(|c| figs.get(c).copied())
        .try_fold(0u64, |acc, v| v.map(|v| acc.saturating_add(v)))
        .map(Quoted::Count)
}

/// True when the prose's value agrees with the table's, to the decimals the prose wrote.
fn agrees(prose: Quoted, table: Quoted) -> bool {
    match (prose, table) {
        (Quoted::Count(a), Quoted::Count(b)) => a == b,
        (Quoted::Money(a, d), Quoted::Money(b, _)) => {
            let unit = 10u128.pow(8 - d.min(8));
            (b + unit / 2) / unit * unit == a || b == a
        }
        _ => false,
    }
}

fn show(q: Quoted) -> String {
    match q {
        Quoted::Count(n) => format!("{n} 件"),
        Quoted::Money(v, _) => {
            let text = format!("{}.{:08}", v / 100_000_000, v % 100_000_000);
            let text = text.trim_end_matches('0').trim_end_matches('.');
            format!("{text} 万元")
        }
    }
}

/// The findings for one claim, written in `field`: none when it agrees with the tables or
/// they are blank.
pub(super) fn compare(
    claim: &Claim,
    field: Field,
    report: &Report,
    figs: &Figures,
) -> Vec<Finding> {
    let groups: Vec<Vec<Figure>> = if claim.each {
        claim.figures.iter().map(|&f| vec![f]).collect()
    } else {
        vec![claim.figures.clone()]
    };
    let money_wanted = matches!(claim.value, Quoted::Money(..));
    let mut out = Vec::new();
    for group in groups {
        let named: Vec<(Vec<CellKey>, String)> = group.iter().map(|&f| cells_of(f)).collect();
        let cells: Vec<CellKey> = named.iter().flat_map(|n| n.0.clone()).collect();
        let Some(table) = table_value(&cells, report, figs, money_wanted) else {
            continue;
        };
        if agrees(claim.value, table) {
            continue;
        }
        // "受理…（含上年结转）": new and carried over together.
        if claim.with_carried_over && group == [(Topic::Received, None)] {
            let mut both = cells.clone();
            both.push(key(TableId::T3, "carried_over", "total"));
            if table_value(&both, report, figs, false).is_some_and(|t| agrees(claim.value, t)) {
                continue;
            }
        }
        let what = named.iter().map(|n| n.1.as_str()).collect::<Vec<_>>();
        let what = if what.len() > 1 {
            format!("{}之和", what.join("与"))
        } else {
            what.concat()
        };
        let table_text = show(table);
        let table_text = table_text.trim_end_matches(" 件");
        out.push(
            Finding::new(
                "prose",
                Severity::Warning,
                field,
                format!(
                    "一、总体情况写“{}”（{}），而{what}为 {table_text}",
                    claim.excerpt,
                    show(claim.value)
                ),
            )
            .at(cells),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_rounds_to_the_decimals_written() {
        let table = money("1234.56", 0).expect("money");
        for (text, shift, ok) in [
            ("1234.56", 0, true),
            ("1234.6", 0, true),
            ("1235", 0, true),
            ("1234.5", 0, false),
            ("12345600", 4, true),
            ("12345000", 4, false),
        ] {
            let prose = money(text, shift).expect("money");
            assert_eq!(agrees(prose, table), ok, "{text}");
        }
    }
}
