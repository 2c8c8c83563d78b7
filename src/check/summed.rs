//! sum-blank: in a summed report, the cells some units left blank (blank is not 0).

use super::{Finding, Severity};
use crate::format::CellKey;
use crate::model::Report;

/// sum-blank: one warning per cell that some of the summed units left blank, so nobody
/// reads a sum over fewer units as the sum over all of them.
pub fn summed_blanks(report: &Report) -> Vec<Finding> {
    let Some(summed) = &report.summed else {
        return Vec::new();
    };
    let units = summed.units.len();
    summed
        .blanks
        .iter()
        .filter(|&(_, &blank)| blank > 0)
        .filter_map(|(key, &blank)| {
            let key = CellKey::parse(key)?;
            let label = key.label_path();
            let message = if blank as usize >= units {
                format!("{label}：汇总的 {units} 个单位都未填此格，此格留空")
            } else {
                format!(
                    "{label}：{blank} 个单位未填此格，合计只加了填写此格的 {} 个单位（共汇总 {units} 个单位）",
                    units - blank as usize
                )
            };
            Some(Finding::new("sum-blank", Severity::Warning, key.table, message).at([key]))
        })
        .collect()
}
