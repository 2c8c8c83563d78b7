//! prose vs tables: numbers quoted in 一、总体情况 against the cells they name.

use super::{Figures, Finding, Section, Severity, key};
use crate::format::{CellKey, TableId};
use crate::model::Report;

/// A number quoted in prose: where it was found and what it claims.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Quote {
    /// The words around it, for the message.
    excerpt: String,
    value: u64,
}

/// The integer that follows `from` within the same clause, with its excerpt.
fn number_after(text: &str, from: usize, max_chars: usize) -> Option<(u64, String)> {
    let mut digits = String::new();
    let mut end = from;
    for (i, ch) in text[from..].char_indices().take(max_chars) {
        if ch.is_ascii_digit() {
            digits.push(ch);
            end = from + i + 1;
        } else if !digits.is_empty() {
            break;
        } else if "。；;，,！？》\n".contains(ch) {
            return None;
        }
    }
    let value = digits.parse().ok()?;
    let unit_ok = text[end..]
        .chars()
        .next()
        .is_some_and(|c| "件起宗".contains(c));
    unit_ok.then(|| {
        (
            value,
            text[from..end].to_string() + &text[end..].chars().take(1).collect::<String>(),
        )
    })
}

/// Words before a keyword that say the thing did not happen ("未发生行政复议").
const NEGATIONS: [&str; 6] = ["未", "没有", "未发生", "没有发生", "未出现", "无"];

/// Numbers that 一 quotes after a claim's keyword (or 0 where it says 未…).
fn quotes(text: &str, claim: &ProseClaim) -> Vec<Quote> {
    let mut out = Vec::new();
    let matches = claim
        .keywords
        .iter()
        .flat_map(|&keyword| text.match_indices(keyword));
    for (pos, keyword) in matches {
        // The words just before, within the same sentence.
        let before: String = {
            let chars: Vec<char> = text[..pos]
                .chars()
                .rev()
                .take_while(|c| !"。；;，,！？\n".contains(*c))
                .take(4)
                .collect();
            chars.into_iter().rev().collect()
        };
        let start = pos + keyword.len();
        let following: String = text[start..].chars().take(20).collect();
        if claim.not_before.iter().any(|w| following.starts_with(w)) {
            continue;
        }
        let clause: String = following
            .chars()
            .take_while(|c| !"。；;，,！？".contains(*c))
            .collect();
        if claim.needs.is_some_and(|w| !clause.contains(w)) {
            continue; // "收到群众来电20个" is not about applications
        }
        if let Some((value, tail)) = number_after(text, start, 40) {
            out.push(Quote {
                excerpt: format!("{keyword}{tail}"),
                value,
            });
        } else if NEGATIONS.iter().any(|w| before.ends_with(w)) {
            out.push(Quote {
                excerpt: format!("{before}{keyword}{clause}"),
                value: 0,
            });
        }
    }
    out
}

/// A kind of number 一、总体情况 quotes, and the table cells it must equal.
struct ProseClaim {
    /// Words that introduce the number ("收到…申请109件").
    keywords: &'static [&'static str],
    /// Words after the keyword that make it about something else (收到投诉).
    not_before: &'static [&'static str],
    /// A word that must follow in the same clause for the number to be this claim's.
    needs: Option<&'static str>,
    /// Cells whose sum the number must equal.
    cells: Vec<CellKey>,
    /// The cells, named for the message.
    what: &'static str,
}

/// prose vs table: numbers quoted in 一、总体情况 equal the cells they name.
pub fn prose_vs_tables(report: &Report, figs: &Figures) -> Vec<Finding> {
    let text = report.overview.full_text();
    let t3 = |row| key(TableId::T3, row, "total");
    let t4 = |row| key(TableId::T4, row, "total");
    let claims = [
        ProseClaim {
            keywords: &["收到", "受理", "新收"],
            not_before: &["投诉", "举报", "信访", "行政复议", "复议", "诉讼"],
            needs: Some("申请"),
            cells: vec![t3("new_received")],
            what: "表三“一、本年新收政府信息公开申请数量”总计",
        },
        ProseClaim {
            keywords: &["办结"],
            not_before: &[],
            needs: None,
            cells: vec![t3("r7_total")],
            what: "表三“（七）总计”",
        },
        ProseClaim {
            keywords: &["结转下年度", "结转至下"],
            not_before: &[],
            needs: None,
            cells: vec![t3("carried_forward")],
            what: "表三“四、结转下年度继续办理”总计",
        },
        ProseClaim {
            keywords: &["上年结转"],
            not_before: &[],
            needs: None,
            cells: vec![t3("carried_over")],
            what: "表三“二、上年结转政府信息公开申请数量”总计",
        },
        ProseClaim {
            keywords: &["行政复议"],
            not_before: &["决定"],
            needs: None,
            cells: vec![t4("review")],
            what: "表四“行政复议”总计",
        },
        ProseClaim {
            keywords: &["行政诉讼"],
            not_before: &[],
            needs: None,
            cells: vec![t4("litigation_direct"), t4("litigation_after_review")],
            what: "表四“行政诉讼”两项总计之和",
        },
    ];
    let mut out = Vec::new();
    for claim in &claims {
        let Some(table_value) = claim
            .cells
            .iter()
            .map(|c| figs.get(c).copied())
            .try_fold(0u64, |acc, v| v.map(|v| acc + v))
        else {
            continue;
        };
        for q in quotes(&text, claim) {
            if q.value != table_value {
                out.push(
                    Finding::new(
                        "prose",
                        Severity::Warning,
                        Section::Overview,
                        format!(
                            "一、总体情况写“{}”（{} 件），而{}为 {table_value}",
                            q.excerpt, q.value, claim.what
                        ),
                    )
                    .at(claim.cells.iter().copied()),
                );
            }
        }
    }
    out
}
