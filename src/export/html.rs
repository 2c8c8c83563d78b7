//! The web copy: the report as one self-contained HTML5 page (inline CSS, no scripts, no
//! external resources), or as a fragment for pasting into a website's CMS.
//!
//! The tables are generated from the format declaration ([`crate::format::table_def`]):
//! every label, merge (`rowspan`, `colspan`) and header cell (`<th scope>`) comes from the
//! same grid that the PDF prints, so the web copy cannot drift from the official format.

use std::fmt::Write;

use crate::format::{GridCell, GridContent, SECTION_TITLES, TableId, table_def};
use crate::model::Report;

/// The page's style: readable on a phone (a wide table scrolls inside its box), printable
/// on A4. System fonts only: the page loads nothing.
const CSS: &str = "\
body{margin:0;background:#fff;color:#111}
.nianbao{max-width:46em;margin:0 auto;padding:1.5em 1em 3em;font:16px/1.8 FangSong,STFangsong,\"仿宋\",FandolFang,\"Noto Serif CJK SC\",serif}
.nianbao h1{font-family:\"Noto Serif SC\",\"Noto Serif CJK SC\",\"Source Han Serif SC\",SimSun,serif;font-weight:bold;font-size:1.55em;line-height:1.5;text-align:center;margin:0.5em 0 1em}
.nianbao h1 span{display:block;text-wrap:balance}
@media (max-width:480px){.nianbao h1{font-size:1.3em}.nianbao table{font-size:13px}}
.nianbao h2{font-family:SimHei,\"Noto Sans SC\",\"Noto Sans CJK SC\",\"Microsoft YaHei\",sans-serif;font-size:1.1em;font-weight:normal;margin:1.2em 0 0.4em;text-indent:2em}
.nianbao h3{font-family:KaiTi,STKaiti,\"楷体\",FandolKai,serif;font-size:1em;font-weight:normal;margin:0.6em 0 0.2em;text-indent:2em}
.nianbao p{margin:0.2em 0;text-indent:2em;text-align:justify;overflow-wrap:anywhere}
.nianbao .run-in{font-family:KaiTi,STKaiti,\"楷体\",FandolKai,serif}
.nianbao .table-wrap{overflow-x:auto;margin:0.5em 0 1.2em;-webkit-overflow-scrolling:touch}
.nianbao table{border-collapse:collapse;font-size:14px;line-height:1.45;margin:0 auto;background:#fff}
.nianbao th,.nianbao td{border:1px solid #333;padding:0.3em 0.45em;vertical-align:middle}
.nianbao th{font-weight:normal;text-align:center}
.nianbao th[scope=row]{text-align:left;min-width:6em}
.nianbao td{text-align:center;min-width:2.6em;font-variant-numeric:tabular-nums}
.nianbao .t3 th[scope=row]:not([rowspan]){min-width:8em}
.nianbao th[scope=row][rowspan]{width:4.5em;min-width:0}
.nianbao .signature{text-align:right;text-indent:0;margin-top:2em;line-height:1.6}
@media print{
@page{size:A4;margin:37mm 26mm 35mm 28mm}
body{background:none}
.nianbao{max-width:none;padding:0;font-size:16pt}
.nianbao .table-wrap{overflow:visible}
.nianbao table{font-size:10.5pt}
.nianbao thead{display:table-header-group}
.nianbao tr{break-inside:avoid}
.nianbao h2,.nianbao h3{break-after:avoid}
}
";

/// Inline styles used instead of the stylesheet in a fragment (a CMS keeps attributes more
/// often than `<style>` elements, which HTML5 allows only in the head).
const FRAGMENT_TABLE: &str = "border-collapse:collapse;font-size:14px;line-height:1.45";
const FRAGMENT_CELL: &str =
    "border:1px solid #333;padding:0.3em 0.45em;text-align:center;min-width:2.5em";
const FRAGMENT_LABEL: &str = "border:1px solid #333;padding:0.3em 0.45em;text-align:left";

/// The report as HTML: a whole page, or (`fragment`) only the body's content.
pub fn write_html(report: &Report, fragment: bool) -> String {
    let mut body = String::new();
    let [agency, year_title] = report.title_lines();
    let _ = write!(
        body,
        "<article class=\"nianbao\" lang=\"zh-CN\">\n<h1><span>{}</span><span>{}</span></h1>\n",
        esc(&agency),
        esc(&year_title)
    );
    paragraphs(&mut body, &report.details.opening);
    heading(&mut body, "h2", SECTION_TITLES[0]);
    paragraphs(&mut body, &report.overview.lead);
    for (title, run_in, text) in report.overview.parts_as_written() {
        if text.trim().is_empty() {
            continue;
        }
        if run_in {
            let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
            let first = lines.next().unwrap_or("");
            let _ = writeln!(
                body,
                "<p><span class=\"run-in\">{}</span>{}</p>",
                esc(title.trim()),
                esc(first)
            );
            for line in lines {
                let _ = writeln!(body, "<p>{}</p>", esc(line));
            }
        } else {
            heading(&mut body, "h3", title);
            paragraphs(&mut body, text);
        }
    }
    for id in TableId::ALL {
        heading(&mut body, "h2", id.section_title());
        table(&mut body, report, id, fragment);
    }
    heading(&mut body, "h2", SECTION_TITLES[4]);
    paragraphs(&mut body, &report.problems);
    heading(&mut body, "h2", SECTION_TITLES[5]);
    paragraphs(&mut body, &report.other_matters);
    if let Some(date) = report.details.signed_date {
        let _ = writeln!(
            body,
            "<p class=\"signature\">{}<br>{}</p>",
            esc(report.signatory()),
            esc(&date.chinese())
        );
    }
    body.push_str("</article>\n");
    if fragment {
        return body;
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        esc(&agency),
        esc(&year_title)
    )
}

fn heading(out: &mut String, tag: &str, text: &str) {
    let _ = writeln!(out, "<{tag}>{}</{tag}>", esc(text.trim()));
}

/// One `<p>` per line of text (a line break starts a new paragraph in the model).
fn paragraphs(out: &mut String, text: &str) {
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let _ = writeln!(out, "<p>{}</p>", esc(line));
    }
}

/// A table from its declared grid: header rows in `<thead>`, merged cells with their
/// spans, headings as `<th scope>`, figures (totals computed) as `<td>`.
fn table(out: &mut String, report: &Report, id: TableId, fragment: bool) {
    let def = table_def(id);
    let wrap_style = if fragment {
        " style=\"overflow-x:auto;margin:0.5em 0 1.2em\""
    } else {
        ""
    };
    let table_style = if fragment {
        format!(" style=\"{FRAGMENT_TABLE}\"")
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "<div class=\"table-wrap\"{wrap_style}>\n<table class=\"{}\"{table_style}>",
        id.key()
    );
    for r in 0..def.grid_rows {
        if r == 0 && def.header_rows > 0 {
            out.push_str("<thead>\n");
        }
        if r == def.header_rows {
            out.push_str("<tbody>\n");
        }
        out.push_str("<tr>");
        for cell in def.grid.iter().filter(|c| c.row == r) {
            write_cell(out, report, cell, fragment);
        }
        out.push_str("</tr>\n");
        if def.header_rows > 0 && r + 1 == def.header_rows {
            out.push_str("</thead>\n");
        }
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
}

fn write_cell(out: &mut String, report: &Report, cell: &GridCell, fragment: bool) {
    let mut spans = String::new();
    if cell.rowspan > 1 {
        let _ = write!(spans, " rowspan=\"{}\"", cell.rowspan);
    }
    if cell.colspan > 1 {
        let _ = write!(spans, " colspan=\"{}\"", cell.colspan);
    }
    let style = |s: &str| {
        if fragment {
            format!(" style=\"{s}\"")
        } else {
            String::new()
        }
    };
    match &cell.content {
        GridContent::Header(text) => {
            let scope = if cell.colspan > 1 { "colgroup" } else { "col" };
            let _ = write!(
                out,
                "<th scope=\"{scope}\"{spans}{}>{}</th>",
                style(FRAGMENT_CELL),
                esc(text)
            );
        }
        GridContent::Label(text) => {
            let _ = write!(
                out,
                "<th scope=\"row\"{spans}{}>{}</th>",
                style(FRAGMENT_LABEL),
                esc(text)
            );
        }
        GridContent::Data(key) => {
            let _ = write!(
                out,
                "<td{spans}{}>{}</td>",
                style(FRAGMENT_CELL),
                esc(&report.display(*key))
            );
        }
    }
}

/// Escapes text for HTML content and attribute values (control characters dropped), for
/// every page nianbao writes: the report's web copy and the audit's page.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_spans_follow_the_format() {
        let mut r = Report::new("示例局<script>", 2024);
        r.problems = "A & B".into();
        let page = write_html(&r, false);
        assert!(page.contains("示例局&lt;script&gt;"));
        assert!(page.contains("A &amp; B"));
        assert!(page.contains("<th scope=\"row\" rowspan=\"22\">三、本年度办理结果</th>"));
        assert!(!page.contains("<script"));
        let fragment = write_html(&r, true);
        assert!(fragment.starts_with("<article") && !fragment.contains("<style"));
    }
}
