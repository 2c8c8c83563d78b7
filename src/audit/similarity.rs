//! Text similarity with last year's report, section by section.
//!
//! The ratio is the Dice coefficient of the two texts' character bigrams (each pair of
//! neighbouring characters, whitespace left out, every digit counted as the same digit so
//! that a changed year or count does not hide a copied sentence):
//! `2 × 共有的二元组数 ÷ (甲的二元组数 + 乙的二元组数)`, counting repeats. It is
//! [`crate::check::similarity`], the measure the `check --previous` rule uses, so the audit
//! and the check agree. A text of fewer than 20 bigrams is not judged.

use crate::check;
use crate::model::Report;

/// How the ratio is computed, for the user.
pub const HOW: &str = "两段文字相邻两字（字符二元组）的 Dice 系数：2 × 共有二元组数 ÷ 两段二元组总数，重复的二元组按次数计，空白不计，数字一律视作相同（改了年份和数字的照抄仍算雷同），不足 20 个二元组的部分不比";

/// At or above this ratio a section is called a near copy (the same threshold as the
/// cross-year check's warning).
pub const NEAR_COPY: f64 = 0.8;

/// Fewest bigrams a text needs to be judged (as [`crate::check::similarity`]).
const MIN_BIGRAMS: usize = 20;

/// The sections compared: (JSON key, name shown).
pub const SECTIONS: [(&str, &str); 8] = [
    ("overview", "一、总体情况"),
    ("overview.proactive", "（一）主动公开"),
    ("overview.on_request", "（二）依申请公开"),
    ("overview.management", "（三）政府信息管理"),
    ("overview.platform", "（四）平台建设"),
    ("overview.supervision", "（五）监督保障"),
    ("problems", "五、存在的主要问题及改进情况"),
    ("other_matters", "六、其他需要报告的事项"),
];

/// One section's similarity with last year.
#[derive(Debug, Clone, PartialEq)]
pub struct SectionSimilarity {
    /// JSON key ([`SECTIONS`]).
    pub key: &'static str,
    /// Name shown.
    pub name: &'static str,
    /// The ratio, 0–1.
    pub ratio: f64,
}

impl SectionSimilarity {
    /// True at or above [`NEAR_COPY`].
    pub fn near_copy(&self) -> bool {
        self.ratio >= NEAR_COPY
    }
}

fn texts(report: &Report) -> [String; 8] {
    let o = &report.overview;
    [
        o.full_text(),
        o.proactive.clone(),
        o.on_request.clone(),
        o.management.clone(),
        o.platform.clone(),
        o.supervision.clone(),
        report.problems.clone(),
        report.other_matters.clone(),
    ]
}

fn long_enough(text: &str) -> bool {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .nth(MIN_BIGRAMS)
        .is_some()
}

/// The similarity of each section long enough to judge in both years, in [`SECTIONS`] order.
pub fn compare(report: &Report, previous: &Report) -> Vec<SectionSimilarity> {
    let (this, last) = (texts(report), texts(previous));
    SECTIONS
        .iter()
        .zip(this.iter().zip(last.iter()))
        .filter(|(_, (a, b))| long_enough(a) && long_enough(b))
        .map(|(&(key, name), (a, b))| SectionSimilarity {
            key,
            name,
            ratio: check::similarity(a, b),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copied_section_is_near_copy_and_changed_one_is_not() {
        let mut last = Report::new("示例局", 2023);
        last.problems = "2023年我局政府信息公开工作仍存在主动公开内容不够全面、解读形式较为单一等问题。下一步将加强培训。".into();
        last.overview.proactive = "全年主动公开政府信息120条，其中政策文件15件。".repeat(3);
        let mut this = Report::new("示例局", 2024);
        this.problems = last.problems.replace("2023", "2024");
        this.overview.proactive =
            "本年度围绕优化营商环境集中发布涉企政策，开设专栏七个，回应关切四十余次。".into();
        let sims = compare(&this, &last);
        let get = |k: &str| sims.iter().find(|s| s.key == k).map(|s| s.ratio);
        assert_eq!(get("problems"), Some(1.0));
        assert!(get("overview.proactive").is_some_and(|r| r < NEAR_COPY));
        assert_eq!(get("other_matters"), None, "empty sections are not judged");
    }
}
