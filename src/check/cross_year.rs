//! cross-year: this report against last year's.

use super::boilerplate::similarity;
use super::{Field, Figures, Finding, Section, Severity, key};
use crate::format::{T3_COLUMNS, TableId};
use crate::model::Report;

/// cross-year: carry-over equals last year's carry-forward; 现行有效 follows from last year;
/// 一 and 五 are not last year's text again.
pub fn cross_year(
    report: &Report,
    figs: &Figures,
    prev: &Report,
    prev_figs: &Figures,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let (year, prev_year) = (report.details.year, prev.details.year);
    let (agency, prev_agency) = (
        report.details.agency_name.trim(),
        prev.details.agency_name.trim(),
    );
    // The same unit under another spelling (人民政府/政府, its county in front, a
    // full-width space) is not another unit's report.
    if !crate::agency::same_name(agency, prev_agency) {
        out.push(Finding::new(
            "cross-year",
            Severity::Warning,
            Field::AgencyName,
            format!("所给上年报告是“{prev_agency}”的，不是“{agency}”的"),
        ));
    }
    if prev_year.saturating_add(1) != year {
        out.push(Finding::new(
            "cross-year",
            Severity::Warning,
            Field::Year,
            format!(
                "所给上年报告是 {prev_year} 年度的，本报告是 {year} 年度的，应比对 {} 年度报告",
                year.saturating_sub(1)
            ),
        ));
    }
    for &(col, label) in &T3_COLUMNS {
        let this = key(TableId::T3, "carried_over", col);
        let last = key(TableId::T3, "carried_forward", col);
        if let (Some(&a), Some(&b)) = (figs.get(&this), prev_figs.get(&last))
            && a != b
        {
            out.push(
                Finding::new(
                    "cross-year",
                    Severity::Warning,
                    TableId::T3,
                    format!(
                        "表三{label}列：“二、上年结转”为 {a}，而{prev_year}年度报告“四、结转下年度继续办理”为 {b}"
                    ),
                )
                .at([this]),
            );
        }
    }
    for (row, label) in [
        ("regulations", "规章"),
        ("normative_docs", "行政规范性文件"),
    ] {
        let k = |col| key(TableId::T2, row, col);
        let (Some(&made), Some(&repealed), Some(&valid), Some(&last_valid)) = (
            figs.get(&k("made")),
            figs.get(&k("repealed")),
            figs.get(&k("valid")),
            prev_figs.get(&k("valid")),
        ) else {
            continue;
        };
        let expected = (last_valid + made).checked_sub(repealed);
        if expected != Some(valid) {
            out.push(
                Finding::new(
                    "cross-year",
                    Severity::Warning,
                    TableId::T2,
                    format!(
                        "表二{label}：现行有效 {valid} 件，而上年现行有效 {last_valid} + 本年制发 {made} − 本年废止 {repealed} = {}",
                        last_valid as i128 + made as i128 - repealed as i128
                    ),
                )
                .at([k("valid"), k("made"), k("repealed")]),
            );
        }
    }
    for (field, this, last) in [
        (
            Field::Lead,
            report.overview.full_text(),
            prev.overview.full_text(),
        ),
        (
            Field::Problems,
            report.problems.clone(),
            prev.problems.clone(),
        ),
    ] {
        let similarity = similarity(&this, &last);
        if similarity >= 0.8 {
            out.push(Finding::new(
                "boilerplate",
                Severity::Warning,
                field,
                format!(
                    "“{}”与{prev_year}年度报告的相同部分有 {:.0}% 相似，内容雷同是国办公开办函〔2021〕30号点名的问题",
                    field.section().title(),
                    similarity * 100.0
                ),
            ));
        }
    }
    out.extend(copied_year_mentions(report, prev));
    out
}

/// Sentences copied word for word from last year's report that name a year now past
/// ("统计期限为2025年…" in the 2026 report), or, in 五, this year as last year planned it
/// ("2026年，我局将…"): each reads wrong until the clerk revises it. Listed, never rewritten.
pub fn copied_year_mentions(report: &Report, prev: &Report) -> Vec<Finding> {
    let prev_texts = [
        prev.details.opening.as_str(),
        &prev.overview.full_text(),
        &prev.problems,
        &prev.other_matters,
    ]
    .join("\n");
    let prev_sentences: std::collections::BTreeSet<&str> = sentences(&prev_texts).collect();
    let mut out = Vec::new();
    // Each text that runs on from year to year: the opening, 一's parts, 五 and 六.
    let texts = Field::TEXTS
        .into_iter()
        .filter(|f| *f == Field::Opening || f.section() != Section::Details)
        .filter_map(|f| Some((f, report.text(f)?)));
    for (field, text) in texts {
        for sentence in sentences(text) {
            // An earlier year reads wrong; this year reads wrong in 五, where last year's
            // report planned it ("2026年，我局将…") and this year's must say what was done.
            let years: Vec<u16> = year_mentions(sentence)
                .into_iter()
                .filter(|&y| {
                    y < report.details.year
                        || (y == report.details.year && field == Field::Problems)
                })
                .collect();
            if years.is_empty() || !prev_sentences.contains(sentence) {
                continue;
            }
            let shown: String = if sentence.chars().count() > 40 {
                sentence.chars().take(40).chain("…".chars()).collect()
            } else {
                sentence.to_string()
            };
            let years = years
                .iter()
                .map(|y| format!("{y}年"))
                .collect::<Vec<_>>()
                .join("、");
            out.push(Finding::new(
                "cross-year",
                Severity::Warning,
                field,
                format!(
                    "“{shown}”照搬自{}年度报告，其中的“{years}”在{}年度报告中可能已不对，请改写",
                    prev.details.year, report.details.year
                ),
            ));
        }
    }
    out
}

/// The sentences of a text, trimmed, without their closing mark.
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split(['。', '；', '！', '？', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// The years a sentence names ("2025年"), in order, each once.
fn year_mentions(sentence: &str) -> Vec<u16> {
    let chars: Vec<char> = sentence.chars().collect();
    let mut years = Vec::new();
    for i in 0..chars.len().saturating_sub(4) {
        let digits = &chars[i..i + 4];
        let before_is_digit = i > 0 && chars[i - 1].is_ascii_digit();
        if !before_is_digit
            && chars[i + 4] == '年'
            && digits.iter().all(|c| c.is_ascii_digit())
            && (digits[0] == '1' || digits[0] == '2')
        {
            let year: u16 = digits.iter().collect::<String>().parse().unwrap_or(0);
            if !years.contains(&year) {
                years.push(year);
            }
        }
    }
    years
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copied_sentences_that_name_a_year_are_listed() {
        let mut last = Report::new("示例县某局", 2025);
        last.problems =
            "2025年，公开质量仍需提高。下一步将加强培训。2026年，我局将继续完善目录。".into();
        let mut this = crate::next_year::next_year(&last);
        this.problems = "2025年，公开质量仍需提高。下一步将加强培训。2026年，我局将继续完善目录；2026年新增专栏。".into();
        let found = copied_year_mentions(&this, &last);
        let messages: Vec<&str> = found.iter().map(|f| f.message.as_str()).collect();
        // Two copied sentences with a year; the unchanged one without a year and the new
        // sentence are not listed. The opening (统计期限为2025年…) was copied too.
        assert_eq!(
            found
                .iter()
                .filter(|f| f.section == Section::Problems)
                .count(),
            2,
            "{messages:?}"
        );
        assert!(
            messages.iter().any(|m| m.contains("“2025年”")),
            "{messages:?}"
        );
        assert!(
            messages.iter().any(|m| m.contains("“2026年”")),
            "{messages:?}"
        );
        assert!(
            found.iter().any(|f| f.section == Section::Details),
            "{messages:?}"
        );
        assert_eq!(year_mentions("自2024年1月1日至2024年12月31日"), vec![2024]);
        assert!(year_mentions("12024年").is_empty());
    }
}
