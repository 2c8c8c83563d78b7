//! fees: what 六、其他需要报告的事项 must say about 信息处理费.

use super::{Field, Figures, Finding, Severity, key};
use crate::format::TableId;
use crate::model::Report;

/// fees: 六 states the 信息处理费 collected or that none was; fee notices when 三（六）2 > 0.
pub fn fees(report: &Report, figs: &Figures) -> Vec<Finding> {
    let text = &report.other_matters;
    if text.trim().is_empty() {
        return Vec::new(); // completeness already reports the empty section
    }
    let mut out = Vec::new();
    let mentions_fee = text.contains("处理费");
    let states_amount = text.match_indices('元').any(|(i, _)| {
        text[..i]
            .chars()
            .rev()
            .find(|c| !c.is_whitespace())
            .is_some_and(|c| c.is_ascii_digit() || c == '万')
    });
    let states_none = [
        "未收取",
        "没有收取",
        "无收取",
        "未产生",
        "没有产生",
        "不收取",
        "未收",
        "0元",
    ]
    .iter()
    .any(|w| text.contains(w));
    if !mentions_fee || !(states_amount || states_none) {
        out.push(Finding::new(
            "fees",
            Severity::Warning,
            Field::OtherMatters,
            "六、其他需要报告的事项应说明本年度收取信息处理费的情况（收取金额，以元计；或说明未收取）"
                .to_string(),
        ));
    }
    let notices = key(TableId::T3, "r6_2_fee_unpaid", "total");
    if let Some(&n) = figs.get(&notices)
        && n > 0
        && !["收费通知", "缴费通知"].iter().any(|w| text.contains(w))
    {
        out.push(
            Finding::new(
                "fees",
                Severity::Warning,
                Field::OtherMatters,
                format!(
                    "表三有 {n} 件申请因逾期未缴纳费用不再处理，说明本年发出过收费通知；六、其他需要报告的事项应说明收费通知及收费情况"
                ),
            )
            .at([notices]),
        );
    }
    out
}
