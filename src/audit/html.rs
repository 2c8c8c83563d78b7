//! The audit as one self-contained web page (no script, no outside file): the counts, the
//! table of units worst first, each unit's findings, the 汇总, and the files left out.

use super::xlsx::{
    CellUnits, FINDING_COLUMNS, SUM_HEADERS, SUM_NOTE, UNIT_COLUMNS, sum_lines, unit_cells,
};
use super::{Audit, Status, similarity};
use crate::check::Severity;
use crate::export::html::esc;

const STYLE: &str = "body{font-family:\"Microsoft YaHei\",\"PingFang SC\",\"Noto Sans CJK SC\",sans-serif;margin:1.5em;color:#222}\
table{border-collapse:collapse;margin:.5em 0 1.5em;font-size:13px}\
th,td{border:1px solid #bbb;padding:3px 6px;vertical-align:top}\
th{background:#d9e1f2;position:sticky;top:0}\
td.n{text-align:right}\
tr.red td{background:#ffc7ce}tr.amber td{background:#ffeb9c}\
h1{font-size:20px}h2{font-size:17px;margin-top:1.5em}h3{font-size:15px}\
p.note{color:#555;font-size:13px}";

/// The page.
pub fn write_html(audit: &Audit) -> String {
    let mut h = String::new();
    let year = audit.year.map(|y| format!("{y} 年度")).unwrap_or_default();
    h.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str(&format!(
        "<title>{year}政府信息公开工作年度报告审核结果</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
    ));
    h.push_str(&format!(
        "<h1>{year}政府信息公开工作年度报告审核结果</h1>\n"
    ));
    let counts: Vec<String> = audit
        .counts()
        .into_iter()
        .filter(|&(_, n)| n > 0)
        .map(|(s, n)| format!("{} {n}", s.word()))
        .collect();
    h.push_str(&format!(
        "<p>共 {} 个文件：{}。</p>\n",
        audit.rows.len(),
        esc(&counts.join("，"))
    ));
    if audit.compared {
        h.push_str(&format!(
            "<p class=\"note\">与上年报告的相似度：{}。达到 {:.0}% 的部分视为雷同。</p>\n",
            esc(similarity::HOW),
            similarity::NEAR_COPY * 100.0
        ));
    }

    h.push_str("<h2>单位</h2>\n<table>\n<tr>");
    for (title, _) in UNIT_COLUMNS {
        h.push_str(&format!("<th>{title}</th>"));
    }
    h.push_str("</tr>\n");
    let rows = audit.worst_first();
    for row in &rows {
        let class = match row.status {
            Status::NeedsChanges | Status::Unreadable => " class=\"red\"",
            Status::OldFormat | Status::Duplicate => " class=\"amber\"",
            Status::Passed => "",
        };
        h.push_str(&format!("<tr{class}>"));
        for cell in unit_cells(row) {
            let numeric = matches!(
                cell,
                super::xlsx::Cell::Number(_) | super::xlsx::Cell::Percent(_)
            );
            let class = if numeric { " class=\"n\"" } else { "" };
            h.push_str(&format!("<td{class}>{}</td>", esc(&cell.text())));
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</table>\n");

    h.push_str("<h2>问题清单</h2>\n");
    for row in rows.iter().filter(|r| !r.findings.is_empty()) {
        h.push_str(&format!(
            "<h3>{}（{}）</h3>\n<table>\n<tr>",
            esc(row.agency.as_deref().unwrap_or("未认出机关")),
            esc(&row.file())
        ));
        for (title, _) in &FINDING_COLUMNS[2..] {
            h.push_str(&format!("<th>{title}</th>"));
        }
        h.push_str("</tr>\n");
        let mut findings: Vec<_> = row.findings.iter().collect();
        findings.sort_by_key(|f| f.severity);
        for f in findings {
            let class = if f.severity == Severity::Error {
                " class=\"red\""
            } else {
                ""
            };
            h.push_str(&format!(
                "<tr{class}><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                f.severity.name(),
                crate::check::rule_name(&f.rule),
                esc(&f.place),
                esc(&f.message),
                esc(&f.cells.join("、"))
            ));
        }
        h.push_str("</table>\n");
    }

    h.push_str("<h2>汇总</h2>\n");
    match sum_lines(audit) {
        Ok((lines, units)) => {
            h.push_str(&format!(
                "<p>{year}表二、三、四：{} 个单位相加。{}。</p>\n<table>\n<tr>",
                units.len(),
                esc(SUM_NOTE)
            ));
            for title in SUM_HEADERS {
                h.push_str(&format!("<th>{title}</th>"));
            }
            h.push_str("</tr>\n");
            for line in &lines {
                let n = |f: fn(&CellUnits) -> u32| {
                    line.units
                        .as_ref()
                        .map(|u| f(u).to_string())
                        .unwrap_or_default()
                };
                h.push_str(&format!(
                    "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n",
                    line.table,
                    esc(&line.key),
                    esc(&line.label),
                    esc(&line.value),
                    n(|u| u.filled),
                    n(|u| u.blank),
                    n(|u| u.not_read)
                ));
            }
            h.push_str("</table>\n<h3>汇总的单位</h3>\n<table>\n<tr><th>序号</th><th>机关</th><th>文件</th><th>未填格数</th><th>未能读出格数</th></tr>\n");
            for (i, unit) in units.iter().enumerate() {
                h.push_str(&format!(
                    "<tr><td class=\"n\">{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n",
                    i + 1,
                    esc(&unit.agency),
                    esc(&unit.file),
                    unit.blank_cells,
                    unit.not_read_cells
                ));
            }
            h.push_str("</table>\n");
        }
        Err(refusals) => {
            h.push_str("<p>未能汇总：</p>\n<ul>\n");
            for reason in refusals {
                h.push_str(&format!("<li>{}</li>\n", esc(&reason)));
            }
            h.push_str("</ul>\n");
        }
    }
    let others = audit.not_summed();
    h.push_str(&format!(
        "<h2>未纳入的文件（{} 个）及原因</h2>\n",
        others.len()
    ));
    if others.is_empty() {
        h.push_str("<p>无。</p>\n");
    } else {
        h.push_str("<table>\n<tr><th>文件</th><th>原因</th></tr>\n");
        for (file, reason) in &others {
            h.push_str(&format!(
                "<tr><td>{}</td><td>{}</td></tr>\n",
                esc(file),
                esc(reason)
            ));
        }
        h.push_str("</table>\n");
    }
    h.push_str("</body>\n</html>\n");
    h
}
