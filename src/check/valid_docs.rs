//! 现行有效 sanity within one report's table 二.

use super::{Figures, Finding, Severity, key};
use crate::format::TableId;

/// 现行有效 sanity: this year's valid count cannot be below made − repealed.
pub fn valid_docs_sanity(figs: &Figures) -> Vec<Finding> {
    let mut out = Vec::new();
    for (row, label) in [
        ("regulations", "规章"),
        ("normative_docs", "行政规范性文件"),
    ] {
        let k = |col| key(TableId::T2, row, col);
        let (Some(&made), Some(&repealed), Some(&valid)) = (
            figs.get(&k("made")),
            figs.get(&k("repealed")),
            figs.get(&k("valid")),
        ) else {
            continue;
        };
        if valid + repealed < made {
            out.push(
                Finding::new(
                    "valid-docs",
                    Severity::Warning,
                    TableId::T2,
                    format!(
                        "表二{label}：现行有效 {valid} 件少于本年制发 {made} 件减本年废止 {repealed} 件，请核对"
                    ),
                )
                .at([k("made"), k("repealed"), k("valid")]),
            );
        }
    }
    out
}
