//! timeliness: the 成文日期 and 发布日期 against the year and the legal deadline.

use super::{Field, Finding, Severity};
use crate::model::Report;

/// timeliness: published by 1月31日 (部门) or 3月31日 (本级政府) of the next year; the
/// 成文日期 after the year and not after publication.
pub fn timeliness(report: &Report) -> Vec<Finding> {
    [
        (Field::SignedDate, signed_date(report)),
        (Field::PublishDate, publish_date(report)),
    ]
    .into_iter()
    .filter_map(|(field, message)| {
        Some(Finding::new(
            "timeliness",
            Severity::Warning,
            field,
            message?,
        ))
    })
    .collect()
}

/// What is odd about the 成文日期, if anything.
fn signed_date(report: &Report) -> Option<String> {
    let d = &report.details;
    let signed = d.signed_date?;
    let message = if signed.year <= d.year {
        format!(
            "成文日期 {} 在{}年度结束之前，年报应在年度结束后成文",
            signed.chinese(),
            d.year
        )
    } else if let Some(published) = d.publish_date.filter(|&p| p < signed) {
        format!(
            "成文日期 {} 晚于发布日期 {}",
            signed.chinese(),
            published.chinese()
        )
    } else if signed.year > d.year.saturating_add(1) {
        format!(
            "成文日期 {} 不在{}年，请核对",
            signed.chinese(),
            d.year.saturating_add(1)
        )
    } else {
        return None;
    };
    Some(message)
}

/// What is late or early about the 发布日期, if anything.
fn publish_date(report: &Report) -> Option<String> {
    let d = &report.details;
    let date = d.publish_date?;
    let (month, day) = d.agency_kind.deadline();
    let deadline_year = d.year.saturating_add(1);
    let message = if (date.year, date.month, date.day) > (deadline_year, month, day) {
        format!(
            "发布日期 {} 晚于 {deadline_year}年{month}月{day}日：{}的年报应在每年{month}月{day}日前公布（条例第四十九条）",
            date.chinese(),
            d.agency_kind.name()
        )
    } else if date.year <= d.year {
        format!(
            "发布日期 {} 在{}年度结束之前，年报应在年度结束后发布",
            date.chinese(),
            d.year
        )
    } else {
        return None;
    };
    Some(message)
}
