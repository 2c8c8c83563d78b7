//! Finding the rows of a table in the text: each row's label anchored in order (by its
//! fragments, then by similarity for a typo), the figures after it, and labels that wrap
//! below their figures joined back to their row.

use super::*;

/// A row: its key, the label fragments that find it (best first), and how many figures.
pub(super) struct RowSpec {
    pub(super) key: &'static str,
    pub(super) patterns: &'static [&'static str],
    pub(super) cells: usize,
}

/// Where a row's label was found: compact indices of its start and end.
#[derive(Debug, Clone, Copy)]
pub(super) struct Anchor {
    pub(super) start: usize,
    pub(super) end: usize,
}

/// Finds each row's label in order, each after the previous one found; then a row not
/// found by its fragments is looked for between its neighbours by similarity to its full
/// label (a typo as printed), and the match is recorded in `matched`.
pub(super) fn anchors(
    compact: &Compact,
    specs: &[RowSpec],
    labels: &[&str],
    from: usize,
    matched: &mut Vec<LabelMatch>,
) -> Vec<Option<Anchor>> {
    let mut pos = from;
    let mut out = Vec::with_capacity(specs.len());
    for spec in specs {
        let found = spec
            .patterns
            .iter()
            .find_map(|p| find_label(compact, p, pos));
        if let Some(a) = found {
            pos = a.end;
        }
        out.push(found);
    }
    let bare: Vec<String> = labels.iter().map(|l| without_ordinal(l)).collect();
    for i in 0..out.len() {
        if out[i].is_some() {
            continue;
        }
        let start = out[..i].iter().flatten().last().map_or(from, |a| a.end);
        let until = out[i + 1..]
            .iter()
            .flatten()
            .next()
            .map_or(compact.chars.len(), |a| a.start);
        let Some(label) = bare.get(i) else { continue };
        let others: Vec<&str> = bare
            .iter()
            .enumerate()
            .filter(|&(j, _)| j != i)
            .map(|(_, l)| l.as_str())
            .collect();
        if let Some((s, e, _)) = labels::find_similar(compact, label, &others, start, until) {
            matched.push(LabelMatch {
                printed: compact.chars[s..e].iter().collect(),
                label: labels.get(i).copied().unwrap_or("").to_string(),
            });
            out[i] = Some(Anchor { start: s, end: e });
        }
    }
    out
}

/// A row label without its ordinal ("2.", "（一）", "一、"), compacted.
pub(super) fn without_ordinal(label: &str) -> String {
    let compact: String = label.chars().filter(|c| !is_skipped(*c)).collect();
    let rest = compact.trim_start_matches(|c: char| c.is_ascii_digit());
    let mut chars = rest.chars();
    match chars.next() {
        Some(c) if "一二三四五六七八九十".contains(c) && rest.chars().count() > 3 => {
            chars.as_str().to_string()
        }
        _ => rest.to_string(),
    }
}

/// A label fragment; "其他" and "总计" alone must not be the column headings or the
/// merged label （六）其他处理.
pub(super) fn find_label(compact: &Compact, pattern: &str, from: usize) -> Option<Anchor> {
    let mut at = from;
    loop {
        let (start, end) = compact.find(pattern, at, usize::MAX)?;
        let next: String = compact.chars[end..compact.chars.len().min(end + 2)]
            .iter()
            .collect();
        let prev = start.checked_sub(1).map(|i| compact.chars[i]);
        let misleading = match pattern {
            "其他" => {
                ["处理", "结果", "法律", "组织", "情形"].contains(&next.as_str())
                    || prev == Some('或')
            }
            "总计" => next.starts_with('商') || next.starts_with('自'),
            _ => false,
        };
        if !misleading {
            return Some(Anchor { start, end });
        }
        at = start + 1;
    }
}

/// The figures of each row: the text from the end of its label to the start of the next
/// label found. The next row's ordinal ("2." before "2.其他法律…") is not a figure.
pub(super) fn row_tokens(
    text: &str,
    compact: &Compact,
    specs: &[RowSpec],
    found: &[Option<Anchor>],
    labels: &[&str],
) -> Vec<Option<(Vec<Token>, String)>> {
    let mut out = Vec::with_capacity(specs.len());
    for (i, anchor) in found.iter().enumerate() {
        let Some(anchor) = anchor else {
            out.push(None);
            continue;
        };
        let start = compact.end(anchor.end.wrapping_sub(1), text.len());
        let next = found[i + 1..].iter().flatten().next();
        let end = next.map_or(text.len(), |a| compact.byte(a.start, text.len()));
        let mut region = text.get(start..end.max(start)).unwrap_or("");
        if next.is_none() {
            region = cut_after_figures(region);
        }
        let mut toks = tokens(region);
        // The ordinal of the next label stands at the end of this row's text.
        let next_ordinal = found[i + 1..]
            .iter()
            .position(Option::is_some)
            .and_then(|j| labels.get(i + 1 + j))
            .and_then(|l| l.chars().next())
            .filter(char::is_ascii_digit);
        let count = toks.len();
        let mut drop_last = false;
        if let (Some(ord), Some(last)) = (next_ordinal, toks.last_mut()) {
            let ord = ord.to_string();
            if last.dotted && last.text == ord {
                drop_last = true;
            } else if last.dotted && last.text.len() > ord.len() && last.text.ends_with(&ord) {
                last.text.truncate(last.text.len() - ord.len());
            } else if last.text == ord && count > specs[i].cells {
                drop_last = true;
            } else if last.dotted && last.text.len() == 1 && count == specs[i].cells + 1 {
                // The next label numbered otherwise than the format ("2.其他" for "3.其他"
                // where a sub-row was left out).
                drop_last = true;
            }
        }
        if drop_last {
            toks.pop();
        }
        out.push(Some((toks, seen(region))));
    }
    out
}

/// A table row whose label wrapped below its figures, as a narrow label column comes out
/// of a PDF in layout ("2.其他 3 0 0 0 0 0 3" then "法律行" "政法规" "禁止公" "开" on the
/// lines below; the outer column's "予公开" beside them): the short label lines after a
/// row of figures are joined to that row's label, before its figures. A line with a figure,
/// a long line (a repeated header, a heading) or one that starts a numbered label ends it.
pub(super) fn unwrap_rows(text: &str) -> std::borrow::Cow<'_, str> {
    let continues = |line: &str| {
        let t = line.trim();
        let n = t.chars().count();
        (1..=10).contains(&n)
            && !t.chars().any(|c| c.is_ascii_digit() || c == '。')
            && t.chars().any(is_cjk)
            && !starts_numbered(t)
            && !["第二十条", "信息内容", "本年", "申请人", "勾稽"]
                .iter()
                .any(|w| t.contains(w))
    };
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::new();
    let mut changed = false;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        // Each line is looked at once: a row's label lines are taken with it.
        let row = figure_line(line).map(|(label, figures)| {
            let followers = lines[i + 1..].iter().take_while(|l| continues(l)).count();
            (label, figures, followers)
        });
        match row {
            Some((label, figures, followers)) if followers > 0 => {
                if !changed {
                    changed = true;
                    out.reserve(text.len() + 16);
                    for l in &lines[..i] {
                        out.push_str(l);
                        out.push('\n');
                    }
                }
                out.push_str(label.trim_end());
                for l in &lines[i + 1..=i + followers] {
                    out.push_str(l.trim());
                }
                out.push(' ');
                out.push_str(figures);
                out.push('\n');
                i += 1 + followers;
            }
            _ => {
                if changed {
                    out.push_str(line);
                    out.push('\n');
                }
                i += 1;
            }
        }
    }
    if changed {
        std::borrow::Cow::Owned(out)
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// "1." "（三）" "一、": a line that starts a label of its own.
pub(super) fn starts_numbered(t: &str) -> bool {
    let mut chars = t.chars();
    match (chars.next(), chars.next()) {
        (Some(c), Some('、' | '.' | '．')) if "一二三四五六七八九十".contains(c) => {
            true
        }
        (Some('（' | '('), Some(c)) => "一二三四五六七八九十".contains(c),
        _ => false,
    }
}

/// A table row in layout: (label, figures) when the line ends in figures (or cells
/// printed as dashes) after a label with Chinese in it.
pub(super) fn figure_line(line: &str) -> Option<(&str, &str)> {
    let t = line.trim_end();
    let is_figure = |w: &str| {
        w.chars().any(|c| c.is_ascii_digit())
            && w.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.'))
            || (!w.is_empty()
                && w.chars().count() <= 3
                && w.chars().all(crate::import::split::is_zero_mark))
    };
    let mut cut = t.len();
    let mut count = 0;
    while let Some(i) = t[..cut].rfind(' ') {
        let word = &t[i + 1..cut];
        if !word.is_empty() && !is_figure(word) {
            break;
        }
        count += usize::from(!word.is_empty());
        cut = i;
    }
    let label = &t[..cut];
    (count > 0 && label.chars().any(is_cjk) && label.trim().chars().count() <= 40)
        .then(|| (label, t[cut..].trim_start()))
}

/// A table's last row ends where prose starts again after its figures (a note below the
/// table must not be read as figures).
pub(super) fn cut_after_figures(region: &str) -> &str {
    let mut seen_figure = false;
    let mut offset = 0;
    for line in region.split_inclusive('\n') {
        let cjk = line.chars().filter(|c| is_cjk(*c)).count();
        if seen_figure && cjk >= 2 {
            return &region[..offset];
        }
        if line.chars().any(|c| c.is_ascii_digit()) {
            seen_figure = true;
        }
        offset += line.len();
    }
    region
}
