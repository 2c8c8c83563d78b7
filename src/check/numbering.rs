//! numbering: the enumerations a clerk writes in prose ("一是…二是…三是", "（一）（二）（三）",
//! "1．2．3．") run on without a repeat or a gap. A series may start again at 一 (五 often
//! lists the problems, then the measures); anything else out of order is a slip.

use super::template::texts;
use super::{Field, Finding, Section, Severity};
use crate::model::Report;

/// The kinds of markers, each its own series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    /// 一是, 二是.
    Shi,
    /// （一）, （二）.
    Paren,
    /// 1．, 2、.
    Arabic,
    /// （1）, （2）.
    ParenArabic,
}

/// A marker found in a text: its style, its number and how it was written.
struct Marker {
    style: Style,
    value: u32,
    written: String,
}

/// Characters after which a marker may start: the start of a sentence, clause or line.
const BOUNDARY: &str = "。；;：:，,！？\n　 ";

/// numbering: a repeated or skipped number in a series of markers, per section of prose.
pub fn numbering(report: &Report) -> Vec<Finding> {
    let mut out = Vec::new();
    for (field, text) in texts(report) {
        if !matches!(
            field.section(),
            Section::Overview | Section::Problems | Section::OtherMatters
        ) && field != Field::Opening
        {
            continue;
        }
        let name = field.name();
        let markers = markers(text);
        for style in [Style::Shi, Style::Paren, Style::Arabic, Style::ParenArabic] {
            let series: Vec<&Marker> = markers.iter().filter(|m| m.style == style).collect();
            let mut prev: Option<&Marker> = None;
            for m in series {
                let expected = prev.map_or(1, |p| p.value + 1);
                if m.value != expected && m.value != 1 {
                    let after = prev.map_or("第一个序号".to_string(), |p| {
                        format!("“{}”之后", p.written)
                    });
                    let should = rewrite(m, expected);
                    out.push(Finding::new(
                        "numbering",
                        Severity::Warning,
                        field,
                        format!(
                            "“{name}”中序号有误：{after}是“{}”，应为“{should}”（序号重复或跳号）",
                            m.written
                        ),
                    ));
                }
                prev = Some(m);
            }
        }
    }
    out
}

/// The marker written as `value` instead.
fn rewrite(m: &Marker, value: u32) -> String {
    match m.style {
        Style::Shi => format!("{}是", chinese(value)),
        Style::Paren => format!("（{}）", chinese(value)),
        Style::Arabic | Style::ParenArabic => {
            let digits: String = m.written.chars().filter(char::is_ascii_digit).collect();
            m.written.replacen(&digits, &value.to_string(), 1)
        }
    }
}

/// Every marker of `text`, in order.
fn markers(text: &str) -> Vec<Marker> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let at_boundary = k == 0 || BOUNDARY.contains(chars[k - 1].1);
        if !at_boundary {
            continue;
        }
        let rest = &text[i..];
        // 一是 … 十是
        let numeral: String = rest
            .chars()
            .take_while(|&c| "一二三四五六七八九十".contains(c))
            .collect();
        if !numeral.is_empty()
            && rest[numeral.len()..].starts_with('是')
            && let Some(value) = chinese_value(&numeral)
        {
            out.push(Marker {
                style: Style::Shi,
                value,
                written: format!("{numeral}是"),
            });
            continue;
        }
        // （一） and （1）, full- or half-width.
        if c == '（' || c == '(' {
            let inner: String = rest[c.len_utf8()..]
                .chars()
                .take_while(|&c| c != '）' && c != ')')
                .take(4)
                .collect();
            let close = rest[c.len_utf8() + inner.len()..].chars().next();
            if matches!(close, Some('）' | ')')) {
                let written = format!("{c}{inner}{}", close.unwrap_or('）'));
                if let Some(value) = chinese_value(&inner) {
                    out.push(Marker {
                        style: Style::Paren,
                        value,
                        written,
                    });
                } else if let Ok(value) = inner.parse::<u32>() {
                    out.push(Marker {
                        style: Style::ParenArabic,
                        value,
                        written,
                    });
                }
            }
            continue;
        }
        // 1．  2、  3.  (not 2024年, 1.5, 3个)
        if c.is_ascii_digit() {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            let after = &rest[digits.len()..];
            let mark = after.chars().next();
            let next = after.chars().nth(1);
            if matches!(mark, Some('．' | '、' | '.'))
                && !next.is_some_and(|n| n.is_ascii_digit())
                && digits.len() <= 2
                && let Ok(value) = digits.parse::<u32>()
            {
                out.push(Marker {
                    style: Style::Arabic,
                    value,
                    written: format!("{digits}{}", mark.unwrap_or('．')),
                });
            }
        }
    }
    out
}

/// 一 … 九十九.
fn chinese_value(s: &str) -> Option<u32> {
    let digit = |c: char| "一二三四五六七八九".find(c).map(|p| p as u32 / 3 + 1);
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        ['十'] => Some(10),
        [d] => digit(*d),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(10 * digit(*t)?),
        [t, '十', u] => Some(10 * digit(*t)? + digit(*u)?),
        _ => None,
    }
}

/// 1 … 99 in Chinese numerals.
fn chinese(n: u32) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0 => "零".to_string(),
        1..=9 => D[n as usize].to_string(),
        10..=19 => format!("十{}", D[(n % 10) as usize]),
        _ => format!("{}十{}", D[(n / 10 % 10) as usize], D[(n % 10) as usize]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slips(text: &str) -> Vec<String> {
        let mut r = Report::new("示例局", 2024);
        r.problems = text.to_string();
        numbering(&r).into_iter().map(|f| f.message).collect()
    }

    #[test]
    fn series_that_repeat_or_skip_are_slips() {
        let cases: &[(&str, Option<&str>)] = &[
            ("一是加强培训；二是完善制度；三是强化监督。", None),
            ("一是甲；二是乙。下一步：一是丙；二是丁。", None),
            (
                "一是甲；二是乙；三是丙；三是丁。",
                Some("“三是”之后是“三是”，应为“四是”"),
            ),
            ("（一）甲。（二）乙。（四）丙。", Some("应为“（三）”")),
            ("1．甲；2．乙；2．丙。", Some("应为“3．”")),
            ("二是乙；三是丙。", Some("应为“一是”")),
            ("依据第二十条第（一）项，统一是必要的。2024年1.5倍。", None),
            ("（1）甲；（2）乙；（3）丙。", None),
        ];
        for &(text, expected) in cases {
            let found = slips(text);
            match expected {
                None => assert!(found.is_empty(), "{text}: {found:?}"),
                Some(p) => assert!(
                    found.len() == 1 && found[0].contains(p),
                    "{text}: {found:?}"
                ),
            }
        }
    }
}
