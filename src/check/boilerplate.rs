//! boilerplate: 五 without a concrete measure, and text copied from another year.

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
    // Each bigram as one sortable number; the shared count (repeats counted) is the
    // size of the two sorted lists' multiset intersection, found in one merge. A folder
    // audit compares thousands of sections, so no map is built.
    fn bigrams(text: &str) -> Vec<u64> {
        let mut out = Vec::with_capacity(text.len() / 3);
        let mut prev: Option<char> = None;
        for c in text
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| if c.is_ascii_digit() { '0' } else { c })
        {
            if let Some(p) = prev {
                out.push((u64::from(p) << 32) | u64::from(c));
            }
            prev = Some(c);
        }
        out.sort_unstable();
        out
    }
    let (x, y) = (bigrams(a), bigrams(b));
    if x.len() < 20 || y.len() < 20 {
        return 0.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0u64);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f64 / (x.len() + y.len()) as f64
}
