//! Markdown as PDF and Word converters write it (`#` headings, `**bold**`, `|`-tables with
//! or without an alignment row, merged cells repeated or left empty) back to the lines a
//! copied page gives: one line per paragraph and per table cell, as [`super::html`] does.

use super::split::EMPTY_CELL;

/// True when the text is markdown: pipe-table rows or `#` headings on several lines.
pub fn looks_like_markdown(text: &str) -> bool {
    let mut table_rows = 0;
    let mut headings = 0;
    for line in text.lines().take(5000) {
        let t = line.trim_start();
        if t.starts_with('|') && t[1..].contains('|') {
            table_rows += 1;
        }
        if t.starts_with('#') && t.trim_start_matches('#').starts_with(' ') {
            headings += 1;
        }
    }
    table_rows >= 3 || headings >= 2
}

/// The text of a markdown document, one line per paragraph and per table cell.
pub fn to_text(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    // The rows of the table being read.
    let mut table: Vec<Vec<String>> = Vec::new();
    for line in md.lines() {
        let t = line.trim();
        if t.starts_with('|') {
            let cells: Vec<String> = split_row(t).iter().map(|c| inline(c)).collect();
            if !cells.iter().all(|c| is_alignment(c)) {
                table.push(cells);
            }
            continue;
        }
        write_table(&std::mem::take(&mut table), &mut out);
        let t = t.trim_start_matches('#').trim_start();
        let t = t
            .strip_prefix("- ")
            .or_else(|| t.strip_prefix("* "))
            .or_else(|| t.strip_prefix("> "))
            .unwrap_or(t);
        if is_rule(t) {
            continue;
        }
        out.push_str(&inline(t));
        out.push('\n');
    }
    write_table(&table, &mut out);
    out
}

/// A table as lines. Its label columns are those before the first figure of any row: an
/// empty cell there is the rest of a merged label, an empty cell after them a blank.
fn write_table(rows: &[Vec<String>], out: &mut String) {
    let label_cols = rows
        .iter()
        .filter_map(|r| r.iter().position(|c| is_figure(c)))
        .min();
    let mut above: &[String] = &[];
    for cells in rows {
        table_row(cells, above, label_cols, out);
        above = cells;
    }
}

/// The cells of a `| a | b |` row ("\|" is a bar inside a cell).
fn split_row(row: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cur = String::new();
    let mut chars = row.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cur.push('|');
                chars.next();
            }
            '|' => cells.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    if !cur.trim().is_empty() {
        cells.push(cur);
    }
    // The text before the first bar is empty.
    if cells.first().is_some_and(|c| c.trim().is_empty()) {
        cells.remove(0);
    }
    cells.into_iter().map(|c| c.trim().to_string()).collect()
}

/// `---`, `:---:`: an alignment cell.
fn is_alignment(cell: &str) -> bool {
    !cell.is_empty() && cell.contains('-') && cell.chars().all(|c| matches!(c, '-' | ':' | ' '))
}

/// `---`, `***`: a horizontal rule.
fn is_rule(line: &str) -> bool {
    line.len() >= 3 && line.chars().all(|c| matches!(c, '-' | '*' | '_' | ' '))
}

fn is_figure(cell: &str) -> bool {
    !cell.is_empty()
        && cell
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ' '))
        && cell.chars().any(|c| c.is_ascii_digit())
}

/// One table row as lines: a merged label a converter repeated (the cell above or to the
/// left) is written once; an empty cell among the figures is a blank cell, an empty cell
/// among the labels is the rest of a merged one.
fn table_row(cells: &[String], above: &[String], label_cols: Option<usize>, out: &mut String) {
    let has_figures = cells.iter().any(|c| is_figure(c));
    for (i, cell) in cells.iter().enumerate() {
        if cell.is_empty() {
            if has_figures && label_cols.is_some_and(|l| i >= l) {
                out.push(EMPTY_CELL);
                out.push('\n');
            }
            continue;
        }
        let repeated = !is_figure(cell)
            && ((i > 0 && cells[i - 1] == *cell) || above.get(i).is_some_and(|a| a == cell));
        if repeated {
            continue;
        }
        out.push_str(cell);
        out.push('\n');
    }
}

/// Inline markup removed: `**bold**`, `__bold__`, `*em*`, `` `code` ``, `[text](url)`,
/// `<br>`, backslash escapes ("1\." for "1.").
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' if chars.get(i + 1).is_some_and(|n| n.is_ascii_punctuation()) => {
                out.push(chars[i + 1]);
                i += 2;
                continue;
            }
            '*' | '`' => {}
            '_' if chars.get(i + 1) == Some(&'_') => {
                i += 2;
                continue;
            }
            ']' if chars.get(i + 1) == Some(&'(') => {
                // Skip the link target.
                let close = chars[i..].iter().position(|&c| c == ')');
                i += close.map_or(1, |p| p + 1);
                continue;
            }
            '[' | '!' if c == '[' || chars.get(i + 1) == Some(&'[') => {}
            '<' => {
                // <br>, <br/>: a space.
                let rest: String = chars[i..chars.len().min(i + 6)].iter().collect();
                let lower = rest.to_ascii_lowercase();
                if lower.starts_with("<br") {
                    let close = chars[i..].iter().position(|&c| c == '>');
                    i += close.map_or(1, |p| p + 1);
                    out.push(' ');
                    continue;
                }
                out.push(c);
            }
            c => out.push(c),
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_headings_and_bold() {
        let md = "# 某局2024年报\n\n## 一、总体情况\n\n**（一）主动公开**\n\n| 信息内容 | 本年制发件数 |\n|:---|---:|\n| 规章 | 1 |\n| 规章 | |\n| 1\\.属于国家秘密 | 0 |\n| 2.重复申请 | | 3 |";
        assert!(looks_like_markdown(md));
        let text = to_text(md);
        let lines: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(
            lines,
            [
                "某局2024年报",
                "一、总体情况",
                "（一）主动公开",
                "信息内容",
                "本年制发件数",
                "规章",
                "1",
                "1.属于国家秘密",
                "0",
                "2.重复申请",
                "\u{2205}",
                "3"
            ]
        );
    }
}
