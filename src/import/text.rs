//! Normalising the text of a published report: full-width digits, stray spaces, page
//! numbers and running headers, and an index that finds the format's labels however the
//! page split them (spaces, line breaks, half- or full-width punctuation).

/// One line of normalised text, with how far it was indented (pdftotext -layout keeps a
/// paragraph's first-line indent, which tells paragraphs apart).
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The text, trimmed, spaces next to Chinese characters removed.
    pub text: String,
    /// Leading spaces before trimming (a full-width space counts two).
    pub indent: usize,
}

impl Line {
    /// A line of text with no indent.
    pub fn plain(text: String) -> Line {
        Line { text, indent: 0 }
    }
}

/// True for Chinese characters and full-width punctuation: text that has no spaces.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF
        | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65
        | 0x2018..=0x201F | 0x2026 | 0x2014 | 0x00B7)
}

/// Splits raw text into normalised lines: page numbers and repeated running headers
/// removed, digits and spaces made uniform, half-width punctuation next to Chinese made
/// full-width.
pub fn normalise(raw: &str) -> Vec<Line> {
    // Copied only when there is a carriage return to change (a 20 MB text costs 20 MB).
    let raw: std::borrow::Cow<str> = if raw.contains('\r') {
        raw.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        raw.into()
    };
    let pages: Vec<Vec<Line>> = raw
        .split('\u{c}')
        .map(|page| page.lines().map(clean_line).collect())
        .collect();
    let pages = drop_running_lines(pages);
    let mut lines: Vec<Line> = pages
        .into_iter()
        .flatten()
        .filter(|l| !l.text.is_empty() && !is_page_number(&l.text))
        .collect();
    drop_repeated_titles(&mut lines);
    lines
}

/// One raw line made uniform.
fn clean_line(raw: &str) -> Line {
    let mut indent = 0;
    for c in raw.chars() {
        match c {
            ' ' | '\t' | '\u{a0}' => indent += 1,
            '\u{3000}' => indent += 2,
            _ => break,
        }
    }
    let mapped: String = raw
        .chars()
        .filter(|c| !matches!(c, '\u{200b}'..='\u{200d}' | '\u{feff}' | '\u{ad}'))
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - 0xFF10 + 0x30).unwrap_or(c),
            '\t' | '\u{a0}' | '\u{3000}' | '\u{2002}'..='\u{200a}' | '\u{202f}' => ' ',
            '．' => '.',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let chars: Vec<char> = mapped.trim().chars().collect();
    let marks = zero_marks(&chars);
    // A Chinese character (or full-width mark) beside which a space is an artefact; a
    // dash standing for 0 in a table row is a cell, and the spaces around it stay.
    let cjk_at = |j: usize| {
        chars
            .get(j)
            .is_some_and(|&c| is_cjk(c) && marks.get(j) != Some(&true))
    };
    let mut text = String::with_capacity(mapped.len());
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let next = chars.get(i + 1).copied();
        if c == ' ' {
            // Spaces inside Chinese text are artefacts (PDF text, HTML source line breaks);
            // between two figures they separate table cells and stay (collapsed).
            let prev_kept = text.chars().last();
            if prev_kept == Some(' ')
                || i.checked_sub(1).is_some_and(cjk_at)
                || cjk_at(i + 1)
                || next == Some(' ')
            {
                continue;
            }
            text.push(' ');
            continue;
        }
        let beside_cjk = prev.is_some_and(is_cjk)
            || next.is_some_and(is_cjk)
            || (prev == Some(' ') && i >= 2 && chars.get(i - 2).copied().is_some_and(is_cjk));
        let full = match c {
            // Not between digits: "3,985" is a thousands separator.
            ',' if prev.is_some_and(is_cjk)
                || (beside_cjk && !prev.is_some_and(|p| p.is_ascii_digit())) =>
            {
                '，'
            }
            ';' if beside_cjk => '；',
            ':' if beside_cjk => '：',
            '?' if beside_cjk => '？',
            '!' if beside_cjk => '！',
            '(' if next.is_some_and(is_cjk) || prev.is_some_and(is_cjk) || next == Some(')') => {
                '（'
            }
            ')' if prev.is_some_and(is_cjk) || next.is_some_and(is_cjk) || prev == Some('(') => {
                '）'
            }
            c => c,
        };
        text.push(full);
    }
    Line { text, indent }
}

/// The positions of dashes that stand for 0 in a table row: a mark ("—", "——", "/")
/// with a space or the line's edge on each side, in a line of at least two cells (figures
/// or marks), so that "一是 —— 二是" in prose is left alone. Empty when there are none
/// (most lines), else one flag a character.
fn zero_marks(chars: &[char]) -> Vec<bool> {
    use super::split::is_zero_mark;
    if !chars.iter().any(|c| is_zero_mark(*c)) {
        return Vec::new();
    }
    let spaced = |j: Option<usize>| j.and_then(|j| chars.get(j)).is_none_or(|c| *c == ' ');
    let mut marks = vec![false; chars.len()];
    let mut cells = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() {
            cells += 1;
            while i < chars.len() && (chars[i].is_ascii_digit() || matches!(chars[i], ',' | '.')) {
                i += 1;
            }
            continue;
        }
        if is_zero_mark(c) {
            let end = (i..chars.len())
                .find(|&j| !is_zero_mark(chars[j]))
                .unwrap_or(chars.len());
            if end - i <= 3 && spaced(i.checked_sub(1)) && spaced(Some(end)) {
                cells += 1;
                marks[i..end].fill(true);
            }
            i = end;
            continue;
        }
        i += 1;
    }
    if cells < 2 {
        marks.clear();
    }
    marks
}

/// "-2-", "— 3 —", "第2页", "第 2 页 共 9 页", "2/9".
pub fn is_page_number(text: &str) -> bool {
    let t: String = text.chars().filter(|c| *c != ' ').collect();
    let dashes = |c: char| matches!(c, '-' | '－' | '—' | '–' | '―');
    let inner = t.trim_matches(dashes);
    if inner.len() < t.len() && t.starts_with(dashes) && t.ends_with(dashes) {
        return !inner.is_empty() && inner.len() <= 4 && inner.bytes().all(|b| b.is_ascii_digit());
    }
    let digits_only =
        |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    if let Some(rest) = t.strip_prefix('第')
        && let Some((n, tail)) = rest.split_once('页')
    {
        return digits_only(n)
            && (tail.is_empty()
                || tail
                    .strip_prefix('共')
                    .and_then(|r| r.strip_suffix('页'))
                    .is_some_and(digits_only));
    }
    if let Some(rest) = t.strip_prefix('共')
        && let Some((n, tail)) = rest.split_once("页第")
    {
        return digits_only(n) && tail.strip_suffix('页').is_some_and(digits_only);
    }
    if let Some((a, b)) = t.split_once('/') {
        return digits_only(a) && digits_only(b);
    }
    false
}

/// Removes what repeats at the top or bottom of every page of PDF text (running header,
/// footer, a bare page number). Each page's first and last lines are counted once, so
/// this stays linear however many pages (form feeds) the text has.
fn drop_running_lines(mut pages: Vec<Vec<Line>>) -> Vec<Vec<Line>> {
    use std::collections::HashMap;
    if pages.len() < 2 {
        return pages;
    }
    let edges: Vec<(Option<usize>, Option<usize>)> = pages
        .iter()
        .map(|page| {
            (
                page.iter().position(|l| !l.text.is_empty()),
                page.iter().rposition(|l| !l.text.is_empty()),
            )
        })
        .collect();
    let mut tops: HashMap<String, usize> = HashMap::new();
    let mut bottoms: HashMap<String, usize> = HashMap::new();
    for (page, &(top, bottom)) in pages.iter().zip(&edges) {
        if let Some(i) = top {
            *tops.entry(page[i].text.clone()).or_default() += 1;
        }
        if let Some(i) = bottom {
            *bottoms.entry(page[i].text.clone()).or_default() += 1;
        }
    }
    let repeated =
        |counts: &HashMap<String, usize>, t: &str| counts.get(t).is_some_and(|&n| n >= 2);
    let bare_number = |t: &str| t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit());
    for (i, (page, &(top, _))) in pages.iter_mut().zip(&edges).enumerate() {
        if let Some(pos) = top {
            let t = &page[pos].text;
            if (i > 0 && repeated(&tops, t) && !bare_number(t))
                || (bare_number(t) && i > 0 && page_number_like(t, i))
            {
                page[pos].text.clear();
            }
        }
        // The last non-empty line (the top one is gone if it was also the last).
        if let Some(pos) = page.iter().rposition(|l| !l.text.is_empty()) {
            let t = &page[pos].text;
            if (repeated(&bottoms, t) && !bare_number(t) && t.chars().count() <= 40)
                || (bare_number(t) && page_number_like(t, i))
            {
                page[pos].text.clear();
            }
        }
    }
    pages
}

/// A bare number at a page edge is the page number when it is (about) the page's index.
fn page_number_like(text: &str, page_index: usize) -> bool {
    text.parse::<usize>()
        .is_ok_and(|n| n.abs_diff(page_index + 1) <= 2)
}

/// A running title repeated through the text ("XX局2024年政府信息公开工作年度报告" at
/// every page top of a copied PDF) is kept once, where it first stands.
fn drop_repeated_titles(lines: &mut Vec<Line>) {
    let is_title = |t: &str| t.contains("年度报告") && t.chars().count() <= 50 && !t.contains('。');
    let mut seen = std::collections::HashSet::new();
    let mut body_started = false;
    lines.retain(|l| {
        if l.text.contains("总体情况") {
            body_started = true;
        }
        if !is_title(&l.text) {
            return true;
        }
        let repeat = !seen.insert(l.text.clone());
        !(repeat && body_started)
    });
}

/// Characters a label is matched without: spaces, line breaks and punctuation of either
/// width, so "三、本年度办 理结果" and "三.本年度\n办理结果" both read 三本年度办理结果.
pub fn is_skipped(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            ',' | '，'
                | '.'
                | '。'
                | '、'
                | ':'
                | '：'
                | ';'
                | '；'
                | '('
                | ')'
                | '（'
                | '）'
                | '['
                | ']'
                | '【'
                | '】'
                | '“'
                | '”'
                | '"'
                | '‘'
                | '’'
                | '\''
                | '《'
                | '》'
                | '〈'
                | '〉'
                | '<'
                | '>'
                | '!'
                | '！'
                | '?'
                | '？'
                | '—'
                | '-'
                | '－'
                | '·'
                | '…'
                | '/'
                | '／'
                | '〔'
                | '〕'
                | '「'
                | '」'
                | '_'
                | '*'
                | '#'
        )
}

/// Text with the skipped characters taken out, remembering where each kept one came from.
/// About 15 bytes a kept character (offsets as u32: the importer reads at most 20 MB), so
/// that a text near the size limit is indexed in well under the memory budget.
#[derive(Debug, Clone)]
pub struct Compact {
    /// The kept characters.
    pub chars: Vec<char>,
    /// Byte offset in the source of each kept character.
    at: Vec<u32>,
    /// The kept characters as one string, searched with the standard library's fast
    /// substring search.
    joined: String,
    /// Byte offset in `joined` of each kept character.
    starts: Vec<u32>,
}

/// An offset as stored (texts longer than 4 GB are refused long before they get here).
fn offset(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

impl Compact {
    /// Indexes a text.
    pub fn new(text: &str) -> Compact {
        let mut c = Compact {
            chars: Vec::new(),
            at: Vec::new(),
            joined: String::new(),
            starts: Vec::new(),
        };
        for (i, ch) in text.char_indices() {
            if !is_skipped(ch) {
                // Traditional characters of the format's labels match their simplified form.
                let ch = super::labels::simplified(ch);
                c.chars.push(ch);
                c.at.push(offset(i));
                c.starts.push(offset(c.joined.len()));
                c.joined.push(ch);
            }
        }
        c
    }

    /// First occurrence of `pattern` (itself compacted) at or after compact index `from`
    /// and before `until`: (first index, index after the last).
    pub fn find(&self, pattern: &str, from: usize, until: usize) -> Option<(usize, usize)> {
        let pat: String = pattern.chars().filter(|c| !is_skipped(*c)).collect();
        let len = pat.chars().count();
        let until = until.min(self.chars.len());
        if pat.is_empty() || from >= until || until - from < len {
            return None;
        }
        let byte = |i: usize| {
            self.starts
                .get(i)
                .map_or(self.joined.len(), |&b| b as usize)
        };
        let hay = self.joined.get(byte(from)..byte(until))?;
        let found = offset(byte(from) + hay.find(&pat)?);
        let i = self.starts.partition_point(|&b| b < found);
        Some((i, i + len))
    }

    /// The compact index of the first kept character at or after byte offset `byte`.
    pub fn index_at(&self, byte: usize) -> usize {
        let byte = offset(byte);
        self.at.partition_point(|&b| b < byte)
    }

    /// Byte offset of compact index `i` (the source length past the end).
    pub fn byte(&self, i: usize, source_len: usize) -> usize {
        self.at.get(i).map_or(source_len, |&b| b as usize)
    }

    /// Byte offset just after the kept character `i` (the source length past the end).
    pub fn end(&self, i: usize, source_len: usize) -> usize {
        match (self.at.get(i), self.chars.get(i)) {
            (Some(&b), Some(c)) => b as usize + c.len_utf8(),
            _ => source_len,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_digits_and_punctuation() {
        let lines =
            normalise("受理政府信息公开申请 126 件,办结 １２０ 件。\n  12  1  0  0\n(一)主动公开");
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "受理政府信息公开申请126件，办结120件。",
                "12 1 0 0",
                "（一）主动公开"
            ]
        );
        assert_eq!(lines[1].indent, 2);
    }

    #[test]
    fn dashes_for_zero_keep_their_cells() {
        let lines = normalise("2.其他   3   —   —   /   ——   3\n一是 —— 二是\n— 3 —");
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        // The row keeps its cells; prose is joined as before; a page number goes.
        assert_eq!(texts, ["2.其他 3 — — / —— 3", "一是——二是"]);
    }

    #[test]
    fn page_numbers_and_running_headers_go() {
        let raw = "某局2024年政府信息公开工作年度报告\n一、总体情况\n正文\n- 2 -\n\u{c}某局2024年政府信息公开工作年度报告\n续文\n第 3 页 共 5 页\n";
        let texts: Vec<String> = normalise(raw).into_iter().map(|l| l.text).collect();
        assert_eq!(
            texts,
            [
                "某局2024年政府信息公开工作年度报告",
                "一、总体情况",
                "正文",
                "续文"
            ]
        );
    }

    #[test]
    fn labels_match_across_breaks() {
        let text = "三、本年度办 理结\n果  0";
        let c = Compact::new(text);
        let (a, b) = c.find("三、本年度办理结果", 0, usize::MAX).expect("found");
        assert_eq!(
            (c.byte(a, text.len()), &text[c.end(b - 1, text.len())..]),
            (0, "  0")
        );
    }
}
