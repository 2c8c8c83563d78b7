//! Finding the six sections, the title, the dates and the parts of 一 in a report's text.

use crate::model::Date;

use super::text::{Compact, Line, is_cjk};

/// The report's text cut at the six section headings.
#[derive(Debug, Default)]
pub struct Sections {
    /// Everything before 一 (site navigation, the title, the opening paragraph).
    pub preamble: String,
    /// The text under each heading, up to the next heading found; None when not found.
    pub bodies: [Option<String>; 6],
    /// Headings found by similarity (a typo as printed).
    pub matched: Vec<super::labels::LabelMatch>,
}

/// Label fragments of the six headings, best first; the last one of each list is tried
/// only at the start of a line without its numeral.
const HEADINGS: [&[&str]; 6] = [
    &["一总体情况", "总体情况"],
    &[
        "二主动公开政府信息情况",
        "二主动公开政府信息",
        "主动公开政府信息情况",
    ],
    &[
        "三收到和处理政府信息公开申请",
        "三收到和处理政府信息",
        "收到和处理政府信息公开申请情况",
    ],
    &[
        "四政府信息公开行政复议",
        "四因政府信息公开工作被申请行政复议",
        "四行政复议",
        "政府信息公开行政复议行政诉讼情况",
    ],
    &[
        "五存在的主要问题",
        "五政府信息公开工作存在的主要问题",
        "五存在问题",
        "存在的主要问题及改进情况",
    ],
    &[
        "六其他需要报告的事项",
        "六其他需要报告",
        "其他需要报告的事项",
    ],
];

/// Lines at which a web page's footer starts: the report ended before them.
const FOOTER_MARKERS: [&str; 21] = [
    "附件下载",
    "扫一扫",
    "网站地图",
    "主办单位",
    "承办单位",
    "ICP",
    "版权所有",
    "联系我们",
    "相关附件",
    "分享到",
    "上一篇",
    "下一篇",
    "相关文章",
    "相关链接",
    "责任编辑",
    "Copyright",
    "网站标识码",
    "公网安备",
    "打印本页",
    "关闭窗口",
    "【打印】",
];

/// Cuts the text at the section headings, in order.
pub fn split(doc: &str) -> Sections {
    let compact = Compact::new(doc);
    let lines = LineStarts::new(doc);
    let mut starts: [Option<(usize, usize)>; 6] = [None; 6];
    // The same, as compact indices.
    let mut found_at: [Option<(usize, usize)>; 6] = [None; 6];
    let mut pos = 0;
    for (k, patterns) in HEADINGS.iter().enumerate() {
        let found = patterns.iter().find_map(|p| {
            let mut at = pos;
            while let Some((s, e)) = compact.find(p, at, usize::MAX) {
                if lines.at_line_start(compact.byte(s, doc.len())) {
                    return Some((s, e));
                }
                at = s + 1;
            }
            None
        });
        // Page text run together: a numbered heading anywhere in a line.
        let found = found.or_else(|| numbered_anywhere(&compact, patterns, pos));
        if let Some((s, e)) = found {
            starts[k] = Some((compact.byte(s, doc.len()), compact.end(e - 1, doc.len())));
            found_at[k] = Some((s, e));
            pos = e;
        }
    }
    let matched = similar_headings(&compact, doc, &mut starts, &mut found_at);
    // The index is large for a large text: gone before the footer search makes its own.
    drop(compact);
    drop(lines);
    let end = footer_start(doc);
    let mut sections = Sections {
        preamble: doc[..starts.iter().flatten().next().map_or(0, |s| s.0).min(end)].to_string(),
        matched,
        ..Sections::default()
    };
    for k in 0..6 {
        let Some((start, head_end)) = starts[k] else {
            continue;
        };
        let next = starts[k + 1..]
            .iter()
            .flatten()
            .next()
            .map_or(end.max(start), |s| s.0);
        let body_start = body_start(doc, head_end).min(next);
        sections.bodies[k] = Some(doc.get(body_start..next).unwrap_or("").to_string());
    }
    sections
}

/// A heading with its numeral ("二、主动公开政府信息情况") wherever it stands: text copied
/// from a page often runs headings, paragraphs and table rows into one line. The bare
/// forms (the last pattern of each list) are taken only at a line start.
fn numbered_anywhere(compact: &Compact, patterns: &[&str], pos: usize) -> Option<(usize, usize)> {
    let numbered = &patterns[..patterns.len().saturating_sub(1)];
    numbered
        .iter()
        .filter_map(|p| compact.find(p, pos, usize::MAX))
        .min_by_key(|&(s, _)| s)
}

/// Headings not found by their fragments, looked for between the neighbours found by
/// similarity to the format's heading ("四、政府信息公开行政法复议、行政诉讼情况").
fn similar_headings(
    compact: &Compact,
    doc: &str,
    starts: &mut [Option<(usize, usize)>; 6],
    found_at: &mut [Option<(usize, usize)>; 6],
) -> Vec<super::labels::LabelMatch> {
    let mut matched = Vec::new();
    for k in 0..6 {
        if found_at[k].is_some() {
            continue;
        }
        let from = found_at[..k].iter().flatten().last().map_or(0, |a| a.1);
        let until = found_at[k + 1..]
            .iter()
            .flatten()
            .next()
            .map_or(compact.chars.len(), |a| a.0);
        let title = crate::format::SECTION_TITLES[k];
        let others: Vec<&str> = crate::format::SECTION_TITLES
            .iter()
            .enumerate()
            .filter(|&(j, _)| j != k)
            .map(|(_, t)| *t)
            .collect();
        // Only a heading with its numeral, and long enough for a typo to be told apart
        // from a mention in the text.
        let numeral = title.chars().next();
        let found = super::labels::find_similar(compact, title, &others, from, until)
            .filter(|&(s, _, _)| compact.chars.get(s).copied() == numeral)
            .filter(|_| title.chars().count() >= 8);
        if let Some((s, e, _)) = found {
            matched.push(super::labels::LabelMatch {
                printed: compact.chars[s..e].iter().collect(),
                label: title.to_string(),
            });
            starts[k] = Some((compact.byte(s, doc.len()), compact.end(e - 1, doc.len())));
            found_at[k] = Some((s, e));
        }
    }
    matched
}

/// Where each line of a text starts and where its first non-blank character stands, so
/// that "is this offset at the start of a line" costs a binary search, not a scan back
/// over a line that may be megabytes long.
struct LineStarts {
    /// Byte offset of each line's start.
    starts: Vec<usize>,
    /// Byte offset of each line's first non-whitespace character (its end if blank).
    first_text: Vec<usize>,
}

impl LineStarts {
    fn new(doc: &str) -> LineStarts {
        let mut starts = Vec::new();
        let mut first_text = Vec::new();
        let mut offset = 0;
        for line in doc.split_inclusive('\n') {
            starts.push(offset);
            let blank = line.len() - line.trim_start().len();
            first_text.push(offset + blank);
            offset += line.len();
        }
        LineStarts { starts, first_text }
    }

    /// True when only whitespace stands between the start of its line and `byte`.
    fn at_line_start(&self, byte: usize) -> bool {
        let line = self.starts.partition_point(|&s| s <= byte);
        line.checked_sub(1)
            .and_then(|l| self.first_text.get(l))
            .is_none_or(|&first| first >= byte)
    }
}

/// Where a section's text starts: the next line, or after the heading on its own line when
/// the heading runs into the text ("六、其他需要报告的事项：本机关……").
fn body_start(doc: &str, head_end: usize) -> usize {
    let line_end = doc[head_end..]
        .find('\n')
        .map_or(doc.len(), |i| head_end + i);
    let rest = &doc[head_end..line_end];
    let trimmed = rest.trim_start_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '。' | '：' | ':' | '，' | '情' | '况' | '事' | '项' | '及' | '改' | '进'
            )
    });
    if trimmed.chars().filter(|c| is_cjk(*c)).count() >= 8 {
        line_end - trimmed.len()
    } else {
        line_end
    }
}

/// Byte offset where the page's footer starts (the end of the text when there is none),
/// looked for only after 六 or the last two thirds of the text.
fn footer_start(doc: &str) -> usize {
    let compact = Compact::new(doc);
    let from = compact
        .find("六其他需要报告", 0, usize::MAX)
        .map_or(doc.len() / 3, |(s, _)| compact.byte(s, doc.len()));
    // The first marker after 六 (one search of the text for each marker, however many
    // lines it has): the footer starts with the marker's line, or at the marker when 六
    // itself runs on in that line (page text run together).
    let mut after = from.saturating_add(1);
    while after < doc.len() && !doc.is_char_boundary(after) {
        after += 1;
    }
    let Some(rest) = doc.get(after..) else {
        return doc.len();
    };
    let Some(at) = FOOTER_MARKERS
        .iter()
        .filter_map(|m| rest.find(m).map(|i| after + i))
        .min()
    else {
        return doc.len();
    };
    let line_start = doc[..at].rfind('\n').map_or(0, |i| i + 1);
    if line_start > from { line_start } else { at }
}

/// Website metadata and navigation around a report, never part of it.
pub fn is_metadata(line: &str) -> bool {
    const MARKERS: [&str; 30] = [
        "字号",
        "微信",
        "微博",
        "QQ空间",
        "全真版",
        "文字版",
        "附件下载",
        "浏览",
        "发布时间",
        "发布日期",
        "浏览次数",
        "字体",
        "来源：",
        "来源:",
        "索引号",
        "发文机关",
        "主题分类",
        "文号",
        "访问量",
        "点击",
        "分享",
        "打印",
        "关闭",
        "当前位置",
        "首页",
        "【",
        "作者",
        "信息来源",
        "成文日期",
        "阅读",
    ];
    MARKERS.iter().any(|m| line.contains(m))
}

/// A date as printed: 2024-01-19, 2024/1/19, 2024.1.19, 2024年1月19日, 二〇二四年一月十九日.
pub fn parse_date(text: &str) -> Option<Date> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let t = chinese_numerals_to_digits(&t);
    let nums: Vec<u32> = t
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .take(3)
        .filter_map(|s| s.parse().ok())
        .collect();
    let [y, m, d] = nums[..] else { return None };
    Date::new(
        u16::try_from(y).ok()?,
        u8::try_from(m).ok()?,
        u8::try_from(d).ok()?,
    )
}

/// The first date after one of `labels` ("发布时间：2024-01-19").
pub fn labelled_date(doc: &str, labels: &[&str]) -> Option<Date> {
    labels.iter().find_map(|label| {
        doc.match_indices(label).find_map(|(i, _)| {
            let after: String = doc[i + label.len()..]
                .chars()
                .skip_while(|c| matches!(c, ':' | '：' | ' '))
                .take(12)
                .collect();
            let end = after
                .char_indices()
                .find(|&(_, c)| {
                    !(c.is_ascii_digit() || matches!(c, '-' | '/' | '.' | '年' | '月' | '日'))
                })
                .map_or(after.len(), |(i, _)| i);
            parse_date(&after[..end])
        })
    })
}

/// True when the whole line is a date, as a 落款 date stands.
pub fn is_date_line(line: &str) -> bool {
    let t = line.trim();
    let t2 = chinese_numerals_to_digits(t);
    t.chars().count() <= 16
        && t2.ends_with('日')
        && t2.contains('年')
        && t2
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '年' | '月' | '日' | ' '))
        && parse_date(t).is_some()
}

/// 二〇二四年一月十九日 → 2024年1月19日.
fn chinese_numerals_to_digits(text: &str) -> String {
    let digit = |c: char| {
        "〇一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .or((c == '零').then_some(0))
    };
    let mut out = String::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '十' || digit(c).is_some() {
            // A run of numerals: positional (二〇二四) or with 十 (十九, 二十, 三十一).
            let start = i;
            while i < chars.len() && (chars[i] == '十' || digit(chars[i]).is_some()) {
                i += 1;
            }
            let run = &chars[start..i];
            let value = if let Some(t) = run.iter().position(|&c| c == '十') {
                let tens = if t == 0 {
                    1
                } else {
                    run[..t].iter().filter_map(|&c| digit(c)).sum()
                };
                let ones: usize = run[t + 1..].iter().filter_map(|&c| digit(c)).sum();
                tens * 10 + ones
            } else {
                run.iter()
                    .filter_map(|&c| digit(c))
                    .fold(0, |a, d| a * 10 + d)
            };
            out.push_str(&value.to_string());
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// Lines of prose joined back into paragraphs. In text from a PDF a paragraph is broken
/// into lines of the page's width: a line as long as the page's lines that does not end a
/// sentence continues on the next, unless the next is indented or starts a heading.
pub fn paragraphs(lines: &[Line], wrapped: Option<usize>) -> String {
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        let text = line.text.trim();
        // Empty table cells of a page laid out with tables are not prose.
        if text.is_empty()
            || text
                .chars()
                .all(|c| c == super::split::EMPTY_CELL || c == ' ')
        {
            continue;
        }
        if !out.is_empty() {
            let prev = &lines[i - 1];
            let join = wrapped.is_some_and(|width| {
                let long = prev.text.chars().count() * 10 >= width * 7;
                let ends = prev
                    .text
                    .trim_end()
                    .ends_with(['。', '！', '？', '；', '：', '”', '）']);
                long && !ends && line.indent <= prev.indent + 1 && !starts_with_label(text)
            });
            out.push(if join { ' ' } else { '\n' });
            if join {
                out.pop();
            }
        }
        out.push_str(text);
    }
    out
}

/// "（一）", "一、", "1.", "1、", "（1）": a line starting a heading or a list item.
pub fn starts_with_label(text: &str) -> bool {
    let numerals = "一二三四五六七八九十";
    let mut chars = text.chars();
    match chars.next() {
        Some('（' | '(') => chars
            .next()
            .is_some_and(|c| numerals.contains(c) || c.is_ascii_digit()),
        Some(c) if numerals.contains(c) => chars.next().is_some_and(|d| matches!(d, '、' | '是')),
        Some(c) if c.is_ascii_digit() => chars.next().is_some_and(|d| matches!(d, '.' | '、')),
        _ => false,
    }
}

/// The width lines of PDF text are broken at, if the text looks broken that way: most
/// lines of some length are about as long as each other and short (a page line holds at
/// most ~40 Chinese characters; web paragraphs run to hundreds).
pub fn wrap_width(lines: &[Line]) -> Option<usize> {
    let mut lengths: Vec<usize> = lines
        .iter()
        .map(|l| l.text.chars().count())
        .filter(|&n| n >= 10)
        .collect();
    if lengths.len() < 12 {
        return None;
    }
    lengths.sort_unstable();
    let p90 = lengths[lengths.len() * 9 / 10];
    (p90 <= 60).then_some(p90)
}

/// The five parts of 一 found in its text: (index, heading as written, run in, text).
#[derive(Debug, Default)]
pub struct OverviewRead {
    /// Text before the first part.
    pub lead: Vec<Line>,
    /// Each part: heading (label restored when lost), run-in, its lines.
    pub parts: [Option<(String, bool, Vec<Line>)>; 5],
}

/// The words that tell which part a heading opens.
const PART_WORDS: [&[&str]; 5] = [
    &["主动公开"],
    &["依申请"],
    &["信息管理"],
    &["平台"],
    &["监督", "保障"],
];

const LABELS: [&str; 5] = ["（一）", "（二）", "（三）", "（四）", "（五）"];

/// Lines of page text run together are cut before each part label that starts a part
/// ("…工作。（二）依申请公开方面。…"): after a sentence's end, "（一）"…"（五）" followed
/// within a few characters by the words of that part.
fn split_run_in_parts(lines: &[Line]) -> Vec<Line> {
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        let text = line.text.as_str();
        let mut cuts = Vec::new();
        for (i, label) in LABELS.iter().enumerate() {
            for (at, _) in text.match_indices(label) {
                let before = text[..at].chars().next_back();
                let after: String = text[at + label.len()..].chars().take(12).collect();
                let ends_sentence =
                    before.is_some_and(|c| matches!(c, '。' | '；' | ']' | '】' | '…' | '！'));
                if at > 0 && ends_sentence && PART_WORDS[i].iter().any(|w| after.contains(w)) {
                    cuts.push(at);
                }
            }
        }
        cuts.sort_unstable();
        let mut start = 0;
        for cut in cuts {
            out.push(Line {
                text: text[start..cut].to_string(),
                indent: if start == 0 { line.indent } else { 0 },
            });
            start = cut;
        }
        out.push(Line {
            text: text[start..].to_string(),
            indent: if start == 0 { line.indent } else { 0 },
        });
    }
    out
}

/// Splits 一 into its lead and five parts by their headings.
pub fn overview(lines: &[Line]) -> OverviewRead {
    let lines = &split_run_in_parts(lines);
    let mut read = OverviewRead::default();
    let mut current: Option<usize> = None;
    // The parts' headings share one label style: a "4.…平台…" list item inside a part
    // headed "（二）" is not the fourth part's heading.
    let mut style: Option<LabelStyle> = None;
    for line in lines {
        let this_style = label_style(&line.text);
        if let Some((part, heading, run_in, rest)) = part_heading(&line.text)
            && read.parts[part].is_none()
            && current.is_none_or(|c| part > c)
            && style.is_none_or(|s| s == this_style)
        {
            style = Some(this_style);
            let mut body = Vec::new();
            if !rest.is_empty() {
                // Padded to the line's length, so a wrapped run-in paragraph is still seen
                // as running on (the padding is trimmed when paragraphs are joined).
                let pad = line
                    .text
                    .chars()
                    .count()
                    .saturating_sub(rest.chars().count());
                body.push(Line {
                    text: format!("{}{rest}", " ".repeat(pad)),
                    indent: line.indent,
                });
            }
            read.parts[part] = Some((heading, run_in, body));
            current = Some(part);
            continue;
        }
        match current.and_then(|p| read.parts[p].as_mut()) {
            Some(part) => part.2.push(line.clone()),
            None => read.lead.push(line.clone()),
        }
    }
    read
}

/// How a heading is numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LabelStyle {
    /// "（一）", or "（）" whose numeral was lost.
    Bracket,
    /// "一、".
    Dun,
    /// "1." or "1、".
    Digit,
    /// No label (lost by the website).
    None,
}

fn label_style(text: &str) -> LabelStyle {
    let (label, _) = split_label(text);
    if label.is_empty() {
        // "（）" returns an empty label too.
        if text.starts_with("（）") {
            LabelStyle::Bracket
        } else {
            LabelStyle::None
        }
    } else if label.starts_with('（') {
        LabelStyle::Bracket
    } else if label.chars().any(|c| c.is_ascii_digit()) {
        LabelStyle::Digit
    } else {
        LabelStyle::Dun
    }
}

/// A heading of a part of 一: (part, heading with its label, run-in, text after it).
fn part_heading(text: &str) -> Option<(usize, String, bool, String)> {
    let (label, rest) = split_label(text);
    let digit_label = label.chars().find(char::is_ascii_digit);
    let head: String = rest.chars().take(16).collect();
    let part = PART_WORDS
        .iter()
        .position(|words| words.iter().any(|w| head.contains(w)))?;
    // "1." numbers a list inside a part more often than a part: only the right number.
    if digit_label.is_some_and(|d| d.to_digit(10) != u32::try_from(part + 1).ok()) {
        return None;
    }
    // On its own line: short and not a sentence.
    let own_line =
        rest.chars().count() <= 24 && !rest.trim_end_matches('。').contains(['。', '，']);
    if own_line {
        let label = if label.is_empty() {
            LABELS[part]
        } else {
            label
        };
        return Some((
            part,
            format!("{label}{}", rest.trim()),
            false,
            String::new(),
        ));
    }
    // Run in: needs its label, and ends at the first 。 or ： within 24 characters, or
    // (page text that lost its punctuation: "（一）主动公开情况全年…") after its first
    // "情况" or "方面" within 16.
    if label.is_empty() {
        return None;
    }
    let Some((i, c)) = rest
        .char_indices()
        .take(24)
        .find(|&(_, c)| matches!(c, '。' | '：'))
    else {
        let head: String = rest.chars().take(16).collect();
        let end = ["情况", "方面"]
            .iter()
            .filter_map(|w| head.find(w).map(|i| i + w.len()))
            .min()?;
        let body = rest[end..].trim().to_string();
        return Some((part, format!("{label}{}", &rest[..end]), true, body));
    };
    let heading = &rest[..i + c.len_utf8()];
    if heading.contains('，') {
        return None;
    }
    let body = rest[i + c.len_utf8()..].trim().to_string();
    Some((part, format!("{label}{heading}"), true, body))
}

/// A part label at the start of a line: "（一）", "(一)", "一、", "1.", "1、", "（1）",
/// and "（）" whose numeral a website lost (returned empty: the caller restores it).
fn split_label(text: &str) -> (&str, &str) {
    let numerals = "一二三四五六七八九十";
    let chars: Vec<(usize, char)> = text.char_indices().take(5).collect();
    let cut = |n: usize| {
        let at = chars.get(n).map_or(text.len(), |&(i, _)| i);
        (&text[..at], &text[at..])
    };
    match chars.as_slice() {
        [(_, '（'), (_, '）'), ..] => ("", cut(2).1),
        [(_, '（'), (_, n), (_, '）'), ..] if numerals.contains(*n) || n.is_ascii_digit() => {
            cut(3)
        }
        [(_, n), (_, '、' | '.'), ..] if numerals.contains(*n) || n.is_ascii_digit() => cut(2),
        _ => ("", text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(
            parse_date("2024-01-19").map(|d| d.to_string()),
            Some("2024-01-19".into())
        );
        assert_eq!(
            parse_date("二〇二四年一月十九日").map(|d| d.to_string()),
            Some("2024-01-19".into())
        );
        assert_eq!(
            parse_date("2025年3月31日").map(|d| d.to_string()),
            Some("2025-03-31".into())
        );
        assert!(is_date_line("2024年1月19日"));
        assert!(!is_date_line("2024年1月19日，我局召开会议"));
    }

    #[test]
    fn a_numbered_list_inside_a_part_is_not_a_heading() {
        let lines: Vec<Line> = [
            "（一）主动公开",
            "全年公开信息120条。",
            "（二）依申请公开",
            "办理情况如下：",
            "4.政务平台答复",
            "（四）平台建设",
            "网站改版。",
        ]
        .into_iter()
        .map(|t| Line::plain(t.into()))
        .collect();
        let read = overview(&lines);
        let second = read.parts[1].as_ref().map(|p| p.2.len());
        assert_eq!(second, Some(2), "{read:?}");
        assert_eq!(
            read.parts[3].as_ref().map(|p| p.0.as_str()),
            Some("（四）平台建设")
        );
        assert!(read.parts[2].is_none());
    }

    #[test]
    fn part_headings_as_written() {
        assert_eq!(
            part_heading("（一）主动公开情况。2024年，本局主动公开信息120条。"),
            Some((
                0,
                "（一）主动公开情况。".into(),
                true,
                "2024年，本局主动公开信息120条。".into()
            ))
        );
        assert_eq!(
            part_heading("（五）政府信息公开监督保障情况"),
            Some((
                4,
                "（五）政府信息公开监督保障情况".into(),
                false,
                String::new()
            ))
        );
        assert_eq!(
            part_heading("平台建设情况").map(|p| p.1),
            Some("（四）平台建设情况".into())
        );
        assert_eq!(
            part_heading("（）依申请公开"),
            Some((1, "（二）依申请公开".into(), false, String::new()))
        );
        assert!(part_heading("主动公开方面，全年发布信息120条，较上年增加。").is_none());
    }
}
