//! sum-blank and sum-not-read: in a summed report, the cells some units left blank, and
//! the cells that could not be read from some units' published reports (blank is not 0,
//! and not read is not 未填).

use std::collections::BTreeSet;

use super::{Finding, Severity};
use crate::format::CellKey;
use crate::model::Report;

/// sum-blank: one warning per cell that some of the summed units left blank, so nobody
/// reads a sum over fewer units as the sum over all of them; sum-not-read: one warning
/// per cell that could not be read from some units' published reports, said apart from
/// the blanks (those units may have filled it).
pub fn summed_blanks(report: &Report) -> Vec<Finding> {
    let Some(summed) = &report.summed else {
        return Vec::new();
    };
    let units = summed.units.len();
    let keys: BTreeSet<&String> = summed.blanks.keys().chain(summed.not_read.keys()).collect();
    let mut out = Vec::new();
    for text in keys {
        let Some(key) = CellKey::parse(text) else {
            continue;
        };
        let blank = summed.blanks.get(text).copied().unwrap_or(0) as usize;
        let unread = summed.not_read.get(text).copied().unwrap_or(0) as usize;
        let filled = units.saturating_sub(blank + unread);
        let label = key.label_path();
        let added = if filled == 0 {
            "此格留空".to_string()
        } else {
            format!("合计只加了填写此格的 {filled} 个单位（共汇总 {units} 个单位）")
        };
        if blank > 0 {
            let message = if blank >= units {
                format!("{label}：汇总的 {units} 个单位都未填此格，此格留空")
            } else {
                format!("{label}：{blank} 个单位未填此格，{added}")
            };
            out.push(Finding::new("sum-blank", Severity::Warning, key.table, message).at([key]));
        }
        if unread > 0 {
            let message = format!(
                "{label}：{unread} 个单位未能读出此格（导入其发布的报告时无法确定，不是未填），{added}；请对照这些单位的原文补上后重新汇总"
            );
            out.push(Finding::new("sum-not-read", Severity::Warning, key.table, message).at([key]));
        }
    }
    out
}
