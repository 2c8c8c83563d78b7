//! supervision: 监督保障 of a 本级人民政府 report (条例第五十条第四项).

use super::{Field, Finding, Severity};
use crate::model::{AgencyKind, Report};

/// The three things 监督保障 must cover, each with the words a clerk writes for it.
const ASPECTS: [(&[&str], &str); 3] = [
    (
        &["考核", "考评", "绩效", "督查考评", "目标管理"],
        "工作考核",
    ),
    (
        &[
            "评议",
            "第三方评估",
            "评估",
            "满意度",
            "社会评价",
            "群众评价",
            "公众评价",
            "测评",
            "民意调查",
        ],
        "社会评议",
    ),
    (&["责任追究", "追责", "问责", "追究"], "责任追究结果"),
];

/// 监督保障 of a 本级人民政府 report covers 工作考核、社会评议和责任追究结果 (条例第五十条第四项).
pub fn supervision(report: &Report) -> Vec<Finding> {
    if report.details.agency_kind != AgencyKind::Government {
        return Vec::new();
    }
    let text = &report.overview.supervision;
    let missing: Vec<&str> = ASPECTS
        .iter()
        .filter(|(words, _)| !words.iter().any(|w| text.contains(w)))
        .map(|(_, name)| *name)
        .collect();
    if missing.is_empty() {
        return Vec::new();
    }
    vec![Finding::new(
        "supervision",
        Severity::Warning,
        Field::Part(4),
        format!(
            "本级人民政府年报的“（五）监督保障”应包括工作考核、社会评议和责任追究结果情况（条例第五十条第四项），未见：{}",
            missing.join("、")
        ),
    )]
}
