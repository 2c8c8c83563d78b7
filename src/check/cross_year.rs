//! cross-year: this report against last year's.

use super::boilerplate::similarity;
use super::{Field, Figures, Finding, Severity, key};
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
    if agency != prev_agency {
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
    out
}
