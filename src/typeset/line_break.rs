//! Chinese line breaking with 禁则 (kinsoku) and even justification.
//!
//! Works on any advance function (`Fn(char) -> f32`, points), so the rules are tested
//! without fonts and the same code wraps body text and table cells.

use std::ops::Range;

/// Characters that may not begin a line (closing punctuation, full- and half-width).
const NO_LINE_START: &str = "。，、；：？！）》”’」』〕】〉］｝〗〙…‥·％%,.;:?!)]}>";
/// Characters that may not end a line (opening punctuation).
const NO_LINE_END: &str = "（《“‘「『〔【〈［｛〖〘([{<";
/// The most space justification may add between two characters, in ems of the line's
/// average character.
const MAX_STRETCH_EM: f32 = 0.3;
/// Float slack so a line of exactly the target width counts as fitting.
const EPSILON_PT: f32 = 1e-3;

/// One broken line, ready to be placed by the caller.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The characters of the line (no leading or trailing ASCII space).
    pub text: String,
    /// Where the line starts, in points from the left edge of the text area
    /// (first-line indent, or the centring offset in a cell).
    pub x_offset_pt: f32,
    /// Sum of the character advances, without letter spacing.
    pub natural_width_pt: f32,
    /// Space added after every character (PDF `Tc`); justifies the line.
    pub letter_spacing_pt: f32,
}

impl Line {
    /// Drawn width from the left of the first glyph to the right of the last: the
    /// spacing after the last character does not count.
    pub fn drawn_width_pt(&self) -> f32 {
        let gaps = self.text.chars().count().saturating_sub(1);
        self.natural_width_pt + gaps as f32 * self.letter_spacing_pt
    }
}

/// Horizontal placement of lines inside a table cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Flush left.
    Left,
    /// Centred in the cell.
    Center,
}

/// An unbreakable unit: one CJK character, one space, or a whole Latin/digit run.
#[derive(Debug)]
struct Atom {
    chars: Range<usize>,
    width_pt: f32,
    no_start: bool,
    no_end: bool,
    is_space: bool,
}

/// Letters and digits of Latin (and Greek, Cyrillic) script, which form unbreakable words.
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || (c.is_alphanumeric() && (c as u32) < 0x2E80)
}

/// Punctuation that stays inside a word when it sits between word characters ("3.5", "a-b").
fn is_word_joiner(c: char) -> bool {
    matches!(c, '.' | ',' | ':' | '/' | '-' | '_' | '\'' | '@')
}

/// Where a word too long for a line may break: after these (URL and path separators).
fn is_word_break_after(c: char) -> bool {
    matches!(c, '/' | '.' | '-' | '_' | '?' | '&' | '=' | '#' | ':')
}

/// Splits a word wider than `max_pt` into pieces a line may break between: after every
/// URL separator ("https://", "www.", "example.", …), and a piece still too wide between
/// any two characters.
fn split_word(
    chars: &[char],
    word: Range<usize>,
    max_pt: f32,
    advance: &impl Fn(char) -> f32,
) -> Vec<Range<usize>> {
    let mut pieces = Vec::new();
    let mut start = word.start;
    let mut width = 0.0;
    for i in word.clone() {
        let w = advance(chars[i]);
        if i > start && width + w > max_pt {
            pieces.push(start..i);
            (start, width) = (i, 0.0);
        }
        width += w;
        let separator_ends = is_word_break_after(chars[i])
            && chars.get(i + 1).is_some_and(|&c| !is_word_break_after(c));
        if separator_ends && i + 1 < word.end {
            pieces.push(start..i + 1);
            (start, width) = (i + 1, 0.0);
        }
    }
    if start < word.end {
        pieces.push(start..word.end);
    }
    pieces
}

fn atoms(chars: &[char], advance: &impl Fn(char) -> f32, max_word_pt: f32) -> Vec<Atom> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let start = i;
        if is_word_char(chars[i]) {
            i += 1;
            while i < chars.len()
                && (is_word_char(chars[i])
                    || (is_word_joiner(chars[i])
                        && chars.get(i + 1).copied().is_some_and(is_word_char)))
            {
                i += 1;
            }
        } else if matches!(chars[i], '—' | '…') {
            // A 破折号 "——" or 省略号 "……" is one mark drawn with two characters.
            let mark = chars[i];
            while i < chars.len() && chars[i] == mark {
                i += 1;
            }
        } else {
            i += 1;
        }
        let width_pt: f32 = chars[start..i].iter().map(|&c| advance(c)).sum();
        let pieces = if width_pt > max_word_pt && i - start > 1 {
            split_word(chars, start..i, max_word_pt, advance)
        } else {
            std::iter::once(start..i).collect()
        };
        for piece in pieces {
            let (first, last) = (chars[piece.start], chars[piece.end - 1]);
            out.push(Atom {
                width_pt: chars[piece.clone()].iter().map(|&c| advance(c)).sum(),
                chars: piece,
                no_start: NO_LINE_START.contains(first),
                no_end: NO_LINE_END.contains(last),
                is_space: first.is_whitespace(),
            });
        }
    }
    out
}

/// Breaks atoms greedily into lines, then applies 禁则 by moving the break back
/// (pushing the preceding character down with the forbidden one), or, when the line
/// would be left empty, by pulling the closing characters up onto it.
///
/// Fit test: n characters of total advance A fit in W when A + (n-1)·tracking ≤ W.
fn break_atoms(
    atoms: &[Atom],
    first_width_pt: f32,
    width_pt: f32,
    tracking_pt: f32,
) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut i = 0;
    while i < atoms.len() {
        if !lines.is_empty() {
            while i < atoms.len() && atoms[i].is_space {
                i += 1;
            }
            if i == atoms.len() {
                break;
            }
        }
        let target = if lines.is_empty() {
            first_width_pt
        } else {
            width_pt
        };
        let (mut j, mut advance, mut count) = (i, 0.0_f32, 0_usize);
        while j < atoms.len() {
            let a = advance + atoms[j].width_pt;
            let n = count + atoms[j].chars.len();
            // The first atom always goes on the line, or an over-wide word would loop forever.
            if j > i && a + (n - 1) as f32 * tracking_pt > target + EPSILON_PT {
                break;
            }
            (advance, count, j) = (a, n, j + 1);
        }
        let mut end = j;
        if j < atoms.len() {
            let mut b = j;
            while b > i && (atoms[b].no_start || atoms[b - 1].no_end) {
                b -= 1;
            }
            if b > i {
                end = b;
            } else {
                while end < atoms.len() && atoms[end].no_start {
                    end += 1;
                }
            }
        }
        lines.push(i..end);
        i = end;
    }
    lines
}

fn make_line(
    chars: &[char],
    atoms: &[Atom],
    range: Range<usize>,
    x_offset_pt: f32,
    letter_spacing: impl Fn(f32, usize) -> f32,
) -> Line {
    let mut used = &atoms[range];
    while let Some((last, rest)) = used.split_last() {
        if !last.is_space {
            break;
        }
        used = rest;
    }
    let text: String = used
        .iter()
        .flat_map(|a| chars[a.chars.clone()].iter())
        .collect();
    let natural_width_pt: f32 = used.iter().map(|a| a.width_pt).sum();
    let count = text.chars().count();
    Line {
        letter_spacing_pt: letter_spacing(natural_width_pt, count),
        text,
        x_offset_pt,
        natural_width_pt,
    }
}

/// Breaks a paragraph into lines `width_pt` wide, the first indented by `first_indent_pt`.
///
/// `tracking_pt` is the normal letter spacing (for body text on a character grid it is
/// `(width − 28 em) / 27`, slightly negative) and also the tightest allowed when fitting.
/// Every line but the last is justified by spreading the remaining space evenly over all
/// gaps between characters; punctuation keeps its full width.
pub fn break_paragraph(
    text: &str,
    width_pt: f32,
    first_indent_pt: f32,
    tracking_pt: f32,
    advance: impl Fn(char) -> f32,
) -> Vec<Line> {
    let chars: Vec<char> = text.chars().collect();
    let atoms = atoms(&chars, &advance, width_pt);
    let ranges = break_atoms(&atoms, width_pt - first_indent_pt, width_pt, tracking_pt);
    let last = ranges.len().saturating_sub(1);
    ranges
        .into_iter()
        .enumerate()
        .map(|(k, range)| {
            let indent = if k == 0 { first_indent_pt } else { 0.0 };
            let target = width_pt - indent;
            make_line(&chars, &atoms, range, indent, |natural, count| {
                if k == last || count < 2 {
                    return tracking_pt;
                }
                let spacing = (target - natural) / (count - 1) as f32;
                // A line left short by a long word that went down is set ragged rather
                // than spaced out until it no longer reads (or copies) as one line.
                let widest = MAX_STRETCH_EM * natural / count as f32;
                if spacing > widest {
                    tracking_pt
                } else {
                    spacing
                }
            })
        })
        .collect()
}

/// Wraps text inside a table cell `width_pt` wide, with 禁则 but no justification.
pub fn wrap_cell(
    text: &str,
    width_pt: f32,
    align: Align,
    advance: impl Fn(char) -> f32,
) -> Vec<Line> {
    let chars: Vec<char> = text.chars().collect();
    let atoms = atoms(&chars, &advance, width_pt);
    break_atoms(&atoms, width_pt, width_pt, 0.0)
        .into_iter()
        .map(|range| {
            let mut line = make_line(&chars, &atoms, range, 0.0, |_, _| 0.0);
            if align == Align::Center {
                line.x_offset_pt = (width_pt - line.natural_width_pt) / 2.0;
            }
            line
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// CJK and full-width punctuation one unit wide, ASCII half a unit.
    fn unit(c: char) -> f32 {
        if c.is_ascii() { 0.5 } else { 1.0 }
    }

    fn texts(lines: &[Line]) -> Vec<&str> {
        lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn kinsoku_and_latin_runs() {
        // (paragraph, line width, expected lines)
        let cases: &[(&str, f32, &[&str])] = &[
            ("一二三四五六七八", 5.0, &["一二三四五", "六七八"]),
            // A comma may not start a line: 五 goes down with it.
            ("一二三四五，六七", 5.0, &["一二三四", "五，六七"]),
            // Two closers in a row go down together with the character before them.
            ("一二三四。”五", 5.0, &["一二三", "四。”五"]),
            ("一二三四……五", 5.0, &["一二三", "四……五"]),
            // A 破折号 or 省略号 is never split between lines.
            ("一二三四——五六", 5.0, &["一二三四", "——五六"]),
            ("一二三四五……", 6.0, &["一二三四", "五……"]),
            // An opening bracket may not end a line: it moves forward.
            ("一二三四（五六", 5.0, &["一二三四", "（五六"]),
            ("一二三“《五六", 5.0, &["一二三", "“《五六"]),
            // Digits and Latin words are never split.
            ("一二三四2023年", 5.0, &["一二三四", "2023年"]),
            ("一二三4567八", 5.0, &["一二三4567", "八"]),
            ("一二三四3.5%", 5.0, &["一二三四", "3.5%"]),
            ("一二三四3%", 4.5, &["一二三四", "3%"]),
            ("一二三四abc，", 5.0, &["一二三四", "abc，"]),
            ("一二三abc，", 4.5, &["一二三", "abc，"]),
            // A word longer than a line breaks after a URL separator, else anywhere.
            ("ab/cdefgh", 2.0, &["ab/", "cdef", "gh"]),
            ("一二a.b/cdef", 3.0, &["一二a.", "b/cdef"]),
            ("abcdefghijk", 2.0, &["abcd", "efgh", "ijk"]),
            // A line of nothing but closers cannot push down: they are pulled up instead.
            ("。。。。。。", 5.0, &["。。。。。。"]),
        ];
        for (text, width, expected) in cases {
            let lines = break_paragraph(text, *width, 0.0, 0.0, unit);
            assert_eq!(texts(&lines), *expected, "breaking {text:?}");
            let wrapped = wrap_cell(text, *width, Align::Left, unit);
            assert_eq!(texts(&wrapped), *expected, "wrapping {text:?}");
        }
    }

    #[test]
    fn no_line_starts_with_closer_or_ends_with_opener() {
        let text = "依据《中华人民共和国政府信息公开条例》（以下简称《条例》），结合本局实际，\
                    编制本报告。“一网通办”、“最多跑一次”。";
        for width in 3..12 {
            for line in break_paragraph(text, width as f32, 2.0, 0.0, unit) {
                let first = line.text.chars().next().unwrap_or(' ');
                let last = line.text.chars().last().unwrap_or(' ');
                assert!(!NO_LINE_START.contains(first), "{width}: {line:?}");
                assert!(!NO_LINE_END.contains(last), "{width}: {line:?}");
            }
        }
    }

    #[test]
    fn justified_evenly_except_last_line() {
        let lines = break_paragraph("一二三四五，六七八九十", 6.5, 2.0, 0.0, unit);
        assert_eq!(texts(&lines), ["一二三四", "五，六七八九", "十"]);
        // First line: 4 chars in 4.5 units, 3 gaps.
        assert!((lines[0].letter_spacing_pt - 0.5 / 3.0).abs() < 1e-6);
        assert_eq!(lines[0].x_offset_pt, 2.0);
        assert!((lines[1].letter_spacing_pt - 0.1).abs() < 1e-6);
        assert!((lines[1].drawn_width_pt() - 6.5).abs() < 1e-6);
        assert_eq!(lines[2].letter_spacing_pt, 0.0);
    }

    #[test]
    fn negative_tracking_fits_a_character_grid() {
        // 28 one-em characters at 16 pt in 156 mm: they fit only with tracking.
        let width = 156.0 / 25.4 * 72.0;
        let tracking = (width - 28.0 * 16.0) / 27.0;
        let text = "政".repeat(60);
        let lines = break_paragraph(&text, width, 0.0, tracking, |_| 16.0);
        let counts: Vec<usize> = lines.iter().map(|l| l.text.chars().count()).collect();
        assert_eq!(counts, [28, 28, 4]);
        assert!((lines[0].drawn_width_pt() - width).abs() < 1e-3);
    }

    #[test]
    fn cell_centred() {
        let lines = wrap_cell("合计", 10.0, Align::Center, unit);
        assert_eq!(lines[0].x_offset_pt, 4.0);
        assert_eq!(lines[0].letter_spacing_pt, 0.0);
    }
}
