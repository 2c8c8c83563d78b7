//! boilerplate: 五 without a concrete measure, and text copied from another year.

use std::collections::BTreeMap;

use super::{Field, Finding, Severity};
use crate::model::Report;

/// boilerplate (one report): 五 should name concrete measures, not only problems.
pub fn concrete_measures(report: &Report) -> Vec<Finding> {
    let text = &report.problems;
    if text.trim().is_empty() {
        return Vec::new();
    }
    const MEASURE_WORDS: [&str; 12] = [
        "下一步",
        "将",
        "一是",
        "加强",
        "完善",
        "推进",
        "建立",
        "健全",
        "开展",
        "落实",
        "提升",
        "强化",
    ];
    if MEASURE_WORDS.iter().any(|w| text.contains(w)) {
        return Vec::new();
    }
    vec![Finding::new(
        "boilerplate",
        Severity::Warning,
        Field::Problems,
        "五、存在的主要问题及改进情况未写出具体的改进措施（如“下一步，将……”）".to_string(),
    )]
}

/// Dice similarity of two texts' character bigrams (digits folded, so changed years and
/// counts do not hide copied text); 0 when either is too short to judge.
pub fn similarity(a: &str, b: &str) -> f64 {
    fn bigrams(text: &str) -> BTreeMap<(char, char), u32> {
        let chars: Vec<char> = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| if c.is_ascii_digit() { '0' } else { c })
            .collect();
        let mut map = BTreeMap::new();
        for pair in chars.windows(2) {
            *map.entry((pair[0], pair[1])).or_insert(0) += 1;
        }
        map
    }
    let (x, y) = (bigrams(a), bigrams(b));
    let (nx, ny): (u32, u32) = (x.values().sum(), y.values().sum());
    if nx < 20 || ny < 20 {
        return 0.0;
    }
    let common: u32 = x
        .iter()
        .map(|(k, n)| (*n).min(y.get(k).copied().unwrap_or(0)))
        .sum();
    2.0 * f64::from(common) / f64::from(nx + ny)
}
