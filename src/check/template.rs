//! template leftovers: placeholders of templates and drafts that must not reach print.

use std::collections::BTreeSet;

use super::{Field, Finding, Severity};
use crate::model::Report;

/// Placeholders of templates and drafts that must not reach print.
const PLACEHOLDERS: [&str; 12] = [
    "XX",
    "ＸＸ",
    "xx",
    "××",
    "○○",
    "20XX",
    "文字描述",
    "此处填写",
    "请填写",
    "在此处报告",
    "待补充",
    "TODO",
];

/// Every text field with its text.
pub(super) fn texts(report: &Report) -> Vec<(Field, &str)> {
    Field::TEXTS
        .into_iter()
        .filter_map(|field| Some((field, report.text(field)?)))
        .collect()
}

/// template leftovers: "XX局", "20XX", "（文字描述）" and the like.
pub fn template_leftovers(report: &Report) -> Vec<Finding> {
    let mut out = Vec::new();
    for (field, text) in texts(report) {
        let name = field.name();
        let found: BTreeSet<&str> = PLACEHOLDERS
            .iter()
            .copied()
            .filter(|p| contains_placeholder(text, p))
            .collect();
        if let Some(first) = found.iter().next() {
            let pos = text.find(first).unwrap_or(0);
            out.push(Finding::new(
                "template",
                Severity::Error,
                field,
                format!(
                    "“{name}”中还有模板占位文字“{}”：…{}…",
                    found.into_iter().collect::<Vec<_>>().join("”“"),
                    excerpt(text, pos, 12)
                ),
            ));
        }
    }
    out
}

/// True when `text` holds `placeholder` as a placeholder: an X-run such as "XX" must not be
/// part of a Latin word ("zfxxgk" in a government URL is not one; "XX局" and "20XX" are).
fn contains_placeholder(text: &str, placeholder: &str) -> bool {
    if !placeholder.bytes().any(|b| b == b'X' || b == b'x') {
        return text.contains(placeholder);
    }
    let is_x = |c: char| c == 'X' || c == 'x';
    text.match_indices(placeholder).any(|(pos, m)| {
        let before = text[..pos].chars().rev().find(|&c| !is_x(c));
        let after = text[pos + m.len()..].chars().find(|&c| !is_x(c));
        ![before, after]
            .into_iter()
            .flatten()
            .any(|c| c.is_ascii_alphabetic())
    })
}

/// Up to `radius` characters either side of byte offset `pos`.
pub(super) fn excerpt(text: &str, pos: usize, radius: usize) -> String {
    let before: Vec<char> = text[..pos].chars().rev().take(radius).collect();
    let after = text[pos..].chars().take(radius * 2);
    before.into_iter().rev().chain(after).collect()
}
