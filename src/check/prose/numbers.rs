//! The numbers a text quotes, with their units, read the way a person reads them: through
//! the spaces a PDF copy puts around numbers, full-width digits, thousands separators and
//! small Chinese numerals ("两件"), while years, dates, percentages, time limits ("20个工作日"),
//! ordinals ("第二十条"), ranges and approximations ("100余件") are not counts.

/// What a number's unit says it measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// 件, 件次, 宗, 个, 起, 例, 项, 次, 份: a count of things.
    Count,
    /// 万元.
    WanYuan,
    /// 元.
    Yuan,
    /// No unit: a bare number ("均为0").
    Bare,
    /// Anything else: 年, 月, 日, %, 个工作日, 人, 条, 篇…: not a count this check reads.
    Other,
}

/// One number found in a normalized text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number {
    /// Byte offset of its first character.
    pub start: usize,
    /// Byte offset just after its unit (after the number when it has none).
    pub end: usize,
    /// The digits, ASCII, with a decimal point if written ("1234.56").
    pub digits: String,
    pub unit: Unit,
    /// "约100件", "100余件", "3至5件", "第3件": not a figure to compare.
    pub inexact: bool,
}

impl Number {
    /// The number as a whole count, when it is one.
    pub fn count(&self) -> Option<u64> {
        self.digits.parse().ok()
    }
}

/// The text with full-width digits and points made ASCII and every space dropped, so that
/// "受理申请 １２６ 件" reads as "受理申请126件". Line breaks are kept: they end sentences.
pub fn normalize(text: &str) -> String {
    text.chars()
        .filter(|&c| c == '\n' || !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            '％' => '%',
            _ => c,
        })
        .collect()
}

/// Count units, longest first. "个" is a count only when no longer word starts with it.
const COUNT_UNITS: [&str; 10] = ["件次", "件", "宗", "个", "起", "例", "项", "次", "份", "家"];
/// Words after "个" (or 件, 次) that make the number a time, a share or people, not a count.
const NOT_AFTER_UNIT: [&str; 12] = [
    "工作日",
    "自然日",
    "月",
    "百分点",
    "小时",
    "季度",
    "年",
    "人",
    "星期",
    "日",
    "周",
    "工作",
];
/// Words just before a number that make it approximate.
const APPROX_BEFORE: [&str; 6] = ["约", "近", "超过", "逾", "大约", "不到"];
/// Words just after a number (or its unit) that make it approximate.
const APPROX_AFTER: [&str; 5] = ["余", "多", "左右", "以上", "以下"];
/// Marks between the two ends of a range ("3-5件", "3至5件").
const RANGE_MARKS: &str = "-－—~～至到";
/// Characters of a small Chinese numeral.
const CHINESE_DIGITS: &str = "零〇一二两三四五六七八九十百千";

/// Every number of `text` (already [`normalize`]d) with its unit.
pub fn numbers(text: &str) -> Vec<Number> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let Some(c) = rest.chars().next() else { break };
        if c.is_ascii_digit() {
            let (digits, len) = arabic(rest);
            out.push(with_unit(text, i, i + len, digits));
            i = out.last().map_or(i + len, |n: &Number| n.end.max(i + len));
        } else if CHINESE_DIGITS.contains(c) {
            let len: usize = rest
                .chars()
                .take_while(|&c| CHINESE_DIGITS.contains(c))
                .map(char::len_utf8)
                .sum();
            // Only a numeral directly counting 件/宗/起 ("两件"), never 第二十条 or 一是.
            let before = text[..i].chars().next_back();
            let unit_follows = ["件", "宗", "起"]
                .iter()
                .any(|u| text[i + len..].starts_with(u));
            if unit_follows
                && !before.is_some_and(|b| "第每逐唯同之某任".contains(b))
                && let Some(value) = chinese_value(&rest[..len])
            {
                out.push(with_unit(text, i, i + len, value.to_string()));
            }
            i += len;
        } else {
            i += c.len_utf8();
        }
    }
    out
}

/// The digits at the start of `s` ("1,268" → "1268", "1234.56"), and their length in bytes.
fn arabic(s: &str) -> (String, usize) {
    let b = s.as_bytes();
    let mut digits = String::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            digits.push(b[i] as char);
            i += 1;
        } else if b[i] == b','
            && b.len() >= i + 4
            && b[i + 1..i + 4].iter().all(u8::is_ascii_digit)
            && !b.get(i + 4).is_some_and(u8::is_ascii_digit)
        {
            i += 1; // a thousands separator
        } else if b[i] == b'.'
            && !digits.contains('.')
            && b.get(i + 1).is_some_and(u8::is_ascii_digit)
        {
            digits.push('.');
            i += 1;
        } else {
            break;
        }
    }
    (digits, i)
}

/// The value of a small Chinese numeral ("十二", "两", "一百零五"), if it is one.
fn chinese_value(s: &str) -> Option<u64> {
    let (mut total, mut digit) = (0u64, None::<u64>);
    for c in s.chars() {
        let d = "零一二三四五六七八九".find(c).map(|p| p as u64 / 3);
        match (c, d) {
            ('两', _) => digit = Some(2),
            ('〇', _) => digit = Some(0),
            (_, Some(d)) => digit = Some(d),
            ('十' | '百' | '千', _) => {
                let scale = match c {
                    '十' => 10,
                    '百' => 100,
                    _ => 1000,
                };
                total += digit.unwrap_or(1) * scale;
                digit = None;
            }
            _ => return None,
        }
    }
    Some(total + digit.unwrap_or(0))
}

/// The number at `start..digits_end` with the unit that follows it.
fn with_unit(text: &str, start: usize, digits_end: usize, digits: String) -> Number {
    let after = &text[digits_end..];
    let before = &text[..start];
    let prev = before.chars().next_back();
    let prev2 = before.chars().rev().nth(1);
    let ranged_before = prev.is_some_and(|c| RANGE_MARKS.contains(c))
        && prev2.is_some_and(|c| c.is_ascii_digit() || CHINESE_DIGITS.contains(c));
    let approx_before = APPROX_BEFORE.iter().any(|w| before.ends_with(w));
    let ordinal = prev == Some('第');
    // "100余件": the approximation sits between the number and its unit.
    let (approx_mid, after) = match APPROX_AFTER.iter().find(|w| after.starts_with(**w)) {
        Some(w) => (true, &after[w.len()..]),
        None => (false, after),
    };
    let (unit, unit_len) = if after.starts_with('%') || after.starts_with("个百分点") {
        (Unit::Other, 0)
    } else if after.starts_with("万元") {
        (Unit::WanYuan, "万元".len())
    } else if after.starts_with('元') {
        (Unit::Yuan, '元'.len_utf8())
    } else if let Some(u) = COUNT_UNITS.iter().find(|u| after.starts_with(**u)) {
        let tail = &after[u.len()..];
        if NOT_AFTER_UNIT.iter().any(|w| tail.starts_with(w)) {
            (Unit::Other, u.len())
        } else {
            (Unit::Count, u.len())
        }
    } else if after
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric() || "。，；、".contains(c))
    {
        (Unit::Bare, 0)
    } else {
        (Unit::Other, 0)
    };
    let end = text.len() - after.len() + unit_len;
    let rest = &text[end..];
    let ranged_after = after
        .chars()
        .next()
        .is_some_and(|c| RANGE_MARKS.contains(c))
        && after
            .chars()
            .nth(1)
            .is_some_and(|c| c.is_ascii_digit() || CHINESE_DIGITS.contains(c));
    let approx_after = APPROX_AFTER.iter().any(|w| rest.starts_with(w));
    Number {
        start,
        end,
        digits,
        unit,
        inexact: ranged_before
            || ranged_after
            || approx_before
            || approx_mid
            || approx_after
            || ordinal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(String, Unit, bool)> {
        let t = normalize(text);
        numbers(&t)
            .into_iter()
            .map(|n| (n.digits, n.unit, n.inexact))
            .collect()
    }

    /// (digits, unit, inexact) expected for each number of a text.
    type Expected<'a> = &'a [(&'a str, Unit, bool)];

    #[test]
    fn numbers_and_units() {
        use Unit::*;
        let cases: &[(&str, Expected)] = &[
            ("受理申请 126 件", &[("126", Count, false)]),
            ("受理申请１２６件次", &[("126", Count, false)]),
            ("公开信息1,268条", &[("1268", Other, false)]),
            ("收费1234.56万元", &[("1234.56", WanYuan, false)]),
            ("20个工作日内", &[("20", Other, false)]),
            (
                "2024年1月31日",
                &[
                    ("2024", Other, false),
                    ("1", Other, false),
                    ("31", Other, false),
                ],
            ),
            ("同比增长12%", &[("12", Other, false)]),
            ("100余件", &[("100", Count, true)]),
            ("约100件", &[("100", Count, true)]),
            ("3至5件", &[("3", Other, true), ("5", Count, true)]),
            ("第3件", &[("3", Count, true)]),
            ("收到两件申请", &[("2", Count, false)]),
            ("第二十条", &[]),
            ("一是加强", &[]),
            ("均为0。", &[("0", Bare, false)]),
            ("十二件", &[("12", Count, false)]),
        ];
        for &(text, expected) in cases {
            let want: Vec<(String, Unit, bool)> = expected
                .iter()
                .map(|&(d, u, x)| (d.to_string(), u, x))
                .collect();
            assert_eq!(read(text), want, "{text}");
        }
    }
}
