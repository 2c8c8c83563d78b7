//! template leftovers: placeholders of templates and drafts that must not reach print.

use std::collections::BTreeSet;

use super::{Finding, Section, Severity};
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

/// Every text field with the section it belongs to and a name for messages.
pub(super) fn texts(report: &Report) -> Vec<(Section, &'static str, &str)> {
    let d = &report.details;
    let o = &report.overview;
    vec![
        (Section::Details, "机关名称", d.agency_name.as_str()),
        (Section::Details, "机关简称", &d.agency_short_name),
        (Section::Details, "署名机关", &d.signatory),
        (Section::Details, "开头段", &d.opening),
        (Section::Overview, "一、总体情况（导语）", &o.lead),
        (Section::Overview, "（一）主动公开", &o.proactive),
        (Section::Overview, "（二）依申请公开", &o.on_request),
        (Section::Overview, "（三）政府信息管理", &o.management),
        (Section::Overview, "（四）政府信息公开平台建设", &o.platform),
        (Section::Overview, "（五）监督保障", &o.supervision),
        (
            Section::Problems,
            "五、存在的主要问题及改进情况",
            &report.problems,
        ),
        (
            Section::OtherMatters,
            "六、其他需要报告的事项",
            &report.other_matters,
        ),
    ]
}

/// template leftovers: "XX局", "20XX", "（文字描述）" and the like.
pub fn template_leftovers(report: &Report) -> Vec<Finding> {
    let mut out = Vec::new();
    for (section, name, text) in texts(report) {
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
                section,
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
