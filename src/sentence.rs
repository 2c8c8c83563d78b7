//! 插入统计句: the sentence of 一（二）依申请公开 that quotes tables 三 and 四.
//!
//! Prose that disagrees with the table is the commonest error in published reports; a
//! sentence generated from the same figures the tables print cannot disagree with them.

use crate::format::{CellKey, TableId};
use crate::model::Report;

fn t3_total(report: &Report, row: &'static str) -> u64 {
    report.count_or_zero(TableId::T3, row, "total")
}

/// The sum of table 三's total column over the rows whose key starts with `prefix`.
fn t3_group(report: &Report, prefix: &str) -> u64 {
    crate::format::t3_result_rows()
        .filter(|r| r.starts_with(prefix))
        .map(|r| t3_total(report, r))
        .sum()
}

/// The statistics sentence for 一（二）依申请公开, from tables 三 and 四 as they stand.
///
/// A table left wholly blank gives no number: its clause is left out (blank is not 0), and
/// with both blank the sentence is empty. Within a table that has figures, a blank cell
/// counts as 0 here; the completeness check reports it separately.
pub fn statistics_sentence(report: &Report) -> String {
    let mut s = String::new();
    if !report.table(TableId::T3).is_empty() {
        s.push_str(&t3_sentence(report));
    }
    if !report.table(TableId::T4).is_empty() {
        let t4 = |row: &'static str| {
            report
                .count(CellKey {
                    table: TableId::T4,
                    row,
                    col: "total",
                })
                .unwrap_or(0)
        };
        let review = t4("review");
        let litigation = t4("litigation_direct") + t4("litigation_after_review");
        s.push_str(&format!(
            "{T4_OPENING}{review}件，被提起行政诉讼{litigation}件。"
        ));
    }
    s
}

/// How the two sentences begin: what [`with_statistics`] looks for to replace them.
const T3_OPENING: &str = "本年度共收到政府信息公开申请";
const T4_OPENING: &str = "因政府信息公开被申请行政复议";

fn t3_sentence(report: &Report) -> String {
    let new = t3_total(report, "new_received");
    let carried = t3_total(report, "carried_over");
    let closed = t3_total(report, "r7_total");
    let forward = t3_total(report, "carried_forward");
    let mut s = format!("{T3_OPENING}{new}件，上年结转{carried}件，办结{closed}件");
    if closed > 0 {
        let parts = [
            ("予以公开", t3_total(report, "r1_granted")),
            ("部分公开", t3_total(report, "r2_partial")),
            ("不予公开", t3_group(report, "r3_")),
            ("无法提供", t3_group(report, "r4_")),
            ("不予处理", t3_group(report, "r5_")),
            ("其他处理", t3_group(report, "r6_")),
        ];
        let listed: Vec<String> = parts
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(label, n)| format!("{label}{n}件"))
            .collect();
        s.push_str("（其中");
        s.push_str(&listed.join("，"));
        s.push('）');
    }
    s.push_str(&format!("，结转下年度继续办理{forward}件。"));
    s
}

/// `text` with the statistics sentence in it: a sentence inserted before (both of its
/// parts, wherever they stand) is replaced in place; otherwise it is added at the end.
pub fn with_statistics(text: &str, sentence: &str) -> String {
    let openings = [T3_OPENING, T4_OPENING];
    let Some(start) = openings.iter().filter_map(|o| text.find(o)).min() else {
        let mut out = text.to_string();
        if !out.trim().is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str(sentence);
        return out;
    };
    let mut end = start;
    while openings.iter().any(|o| text[end..].starts_with(o)) {
        end = match text[end..].find('。') {
            Some(i) => end + i + '。'.len_utf8(),
            None => text.len(),
        };
    }
    format!("{}{sentence}{}", &text[..start], &text[end..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Value;

    fn set(r: &mut Report, table: TableId, row: &'static str, col: &'static str, n: u64) {
        r.set_input(CellKey { table, row, col }, Some(Value::Count(n)));
    }

    #[test]
    fn sentence_quotes_the_tables() {
        let mut r = Report::new("示例局", 2024);
        set(&mut r, TableId::T3, "new_received", "natural_person", 10);
        set(&mut r, TableId::T3, "new_received", "commercial", 2);
        set(&mut r, TableId::T3, "carried_over", "natural_person", 1);
        set(&mut r, TableId::T3, "r1_granted", "natural_person", 8);
        set(&mut r, TableId::T3, "r4_1_not_held", "commercial", 2);
        set(&mut r, TableId::T3, "r5_2_repeated", "natural_person", 1);
        set(&mut r, TableId::T3, "carried_forward", "natural_person", 2);
        set(&mut r, TableId::T4, "review", "maintain", 1);
        set(&mut r, TableId::T4, "litigation_direct", "pending", 1);
        set(&mut r, TableId::T4, "litigation_after_review", "correct", 1);
        assert_eq!(
            statistics_sentence(&r),
            "本年度共收到政府信息公开申请12件，上年结转1件，办结11件（其中予以公开8件，无法提供2件，不予处理1件），结转下年度继续办理2件。因政府信息公开被申请行政复议1件，被提起行政诉讼2件。"
        );
    }

    #[test]
    fn an_empty_report_gives_no_number() {
        // Blank is not 0: nothing filled, nothing to quote.
        let r = Report::new("示例局", 2024);
        assert_eq!(statistics_sentence(&r), "");
    }

    #[test]
    fn the_prose_check_agrees_with_the_sentence() {
        for example in [
            include_str!("../assets/examples/example-city-2024.json"),
            include_str!("../assets/examples/hotan-wenlv-2023.json"),
        ] {
            let mut r = crate::file::parse(example).unwrap();
            r.overview.on_request = statistics_sentence(&r);
            let prose: Vec<_> = crate::check::check(&r, None)
                .into_iter()
                .filter(|f| f.rule.starts_with("prose"))
                .collect();
            assert!(prose.is_empty(), "{}: {prose:?}", r.overview.on_request);
            // A wrong figure in the table is then caught by the prose check.
            let key = CellKey {
                table: TableId::T3,
                row: "new_received",
                col: "natural_person",
            };
            let n = r.count(key).unwrap_or(0);
            r.set_input(key, Some(Value::Count(n + 1)));
            assert!(
                crate::check::check(&r, None)
                    .iter()
                    .any(|f| f.rule.starts_with("prose"))
            );
        }
    }

    #[test]
    fn a_blank_table_gives_no_number_and_a_second_insert_replaces_the_first() {
        let mut r = Report::new("示例局", 2024);
        assert_eq!(statistics_sentence(&r), "");
        set(&mut r, TableId::T3, "new_received", "natural_person", 3);
        let only_t3 = statistics_sentence(&r);
        assert!(only_t3.starts_with("本年度共收到政府信息公开申请3件"));
        assert!(!only_t3.contains("行政复议"), "{only_t3}");
        let text = with_statistics("我局认真办理申请。", &only_t3);
        assert_eq!(text, format!("我局认真办理申请。\n{only_t3}"));
        set(&mut r, TableId::T4, "review", "maintain", 1);
        let both = statistics_sentence(&r);
        let again = with_statistics(&format!("{text}此后继续改进。"), &both);
        assert_eq!(again, format!("我局认真办理申请。\n{both}此后继续改进。"));
        assert_eq!(with_statistics(&again, &both), again);
        assert_eq!(again.matches("本年度共收到").count(), 1);
    }
}
