//! Every rule of `shared/domain/checks.md`, as pure functions of the report.
//!
//! A [`Finding`] carries the rule, a severity, a Chinese message that shows the numbers, and
//! the cells or section it concerns, the way a compiler diagnostic carries its span.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::format::{
    CellKey, CellKind, SECTION_TITLES, T3_COLUMNS, T4_GROUPS, TableId, t3_result_rows, table_def,
};
use crate::model::{AgencyKind, MAX_COUNT, Report, Value};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// 错误: the report must not be published like this.
    Error,
    /// 警告: probably wrong; look before publishing.
    Warning,
}

impl Severity {
    /// 错误 / 警告.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
        }
    }
}

/// A part of the report a finding points at, when it is not (only) table cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Section {
    /// 报告信息 (agency, year, dates, opening paragraph).
    Details,
    /// 一、总体情况.
    Overview,
    /// A table.
    Table(TableId),
    /// 五、存在的主要问题及改进情况.
    Problems,
    /// 六、其他需要报告的事项.
    OtherMatters,
}

impl Section {
    /// The heading a person knows the part by.
    pub fn title(self) -> &'static str {
        match self {
            Section::Details => "报告信息",
            Section::Overview => SECTION_TITLES[0],
            Section::Table(t) => t.section_title(),
            Section::Problems => SECTION_TITLES[4],
            Section::OtherMatters => SECTION_TITLES[5],
        }
    }
}

impl Section {
    /// The key used in JSON output: the field name in the report file (`details`,
    /// `overview`, `problems`, `other_matters`) or the table key (`t2`, `t3`, `t4`).
    pub fn key(self) -> &'static str {
        match self {
            Section::Details => "details",
            Section::Overview => "overview",
            Section::Table(t) => t.key(),
            Section::Problems => "problems",
            Section::OtherMatters => "other_matters",
        }
    }
}

impl Serialize for Section {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

/// One problem found in a report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Rule id from checks.md: `R-row`, `R-sub`, `R-id`, `T4`, `value`, `completeness`, ….
    pub rule: &'static str,
    /// 错误 or 警告.
    pub severity: Severity,
    /// What is wrong, in Chinese, with the numbers.
    pub message: String,
    /// The section concerned.
    pub section: Section,
    /// The cells concerned (empty for prose findings).
    #[serde(serialize_with = "keys_as_strings")]
    pub cells: Vec<CellKey>,
}

fn keys_as_strings<S: serde::Serializer>(keys: &[CellKey], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(keys.iter().map(|k| k.to_string()))
}

impl Finding {
    fn new(rule: &'static str, severity: Severity, section: Section, message: String) -> Self {
        Finding {
            rule,
            severity,
            message,
            section,
            cells: Vec::new(),
        }
    }

    fn at(mut self, cells: impl IntoIterator<Item = CellKey>) -> Self {
        self.cells.extend(cells);
        self
    }
}

/// The numbers of the three tables, totals included: computed from a report, or as printed
/// in a published one. The arithmetic rules read this, so they check printed totals too.
pub type Figures = BTreeMap<CellKey, u64>;

/// The figures of a report: its counts and its computed totals (blank cells absent).
pub fn figures(report: &Report) -> Figures {
    TableId::ALL
        .into_iter()
        .flat_map(|t| table_def(t).cells())
        .filter_map(|c| report.count(c.key).map(|n| (c.key, n)))
        .collect()
}

/// Runs every rule. `previous` is last year's report, for the cross-year rules.
pub fn check(report: &Report, previous: Option<&Report>) -> Vec<Finding> {
    let figs = figures(report);
    let mut out = Vec::new();
    out.extend(arithmetic(&figs));
    out.extend(crate::printed::printed_totals(report));
    out.extend(values(report));
    out.extend(completeness(report));
    out.extend(template_leftovers(report));
    out.extend(timeliness(report));
    out.extend(valid_docs_sanity(&figs));
    out.extend(prose_vs_tables(report, &figs));
    out.extend(fees(report, &figs));
    out.extend(supervision(report));
    out.extend(concrete_measures(report));
    if let Some(prev) = previous {
        out.extend(cross_year(report, &figs, prev, &figures(prev)));
    }
    out
}

/// True when any finding is an error.
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}

fn key(table: TableId, row: &'static str, col: &'static str) -> CellKey {
    CellKey { table, row, col }
}

// ---- arithmetic: R-row, R-sub, R-id, T4 -----------------------------------------------

/// R-row, R-sub, T4 (each total equals the sum of its parts) and R-id (一+二 = （七）+四).
pub fn arithmetic(figs: &Figures) -> Vec<Finding> {
    let mut out = Vec::new();
    for table in [TableId::T3, TableId::T4] {
        for cell in table_def(table)
            .cells()
            .filter(|c| c.kind == CellKind::Total)
        {
            let Some(&stated) = figs.get(&cell.key) else {
                continue;
            };
            let sum: u64 = cell.parts.iter().filter_map(|p| figs.get(p)).sum();
            if stated == sum {
                continue;
            }
            let (rule, what) = match (table, cell.key.col) {
                (TableId::T4, _) => ("T4", format!("{}总计", group_label(cell.key.row))),
                (_, "total") => ("R-row", format!("“{}”行总计", row_label(cell.key))),
                _ => ("R-sub", format!("{}列（七）总计", col_label(cell.key))),
            };
            out.push(
                Finding::new(
                    rule,
                    Severity::Error,
                    Section::Table(table),
                    format!("{}：{what}为 {stated}，各项相加为 {sum}", table.name()),
                )
                .at(std::iter::once(cell.key).chain(cell.parts.iter().copied())),
            );
        }
    }
    // R-id per column; the 总计 column follows from the others, so it is reported only when
    // the six columns balance (as it can fail alone only with printed totals).
    let mut unbalanced = false;
    for &(col, label) in &T3_COLUMNS {
        if col == "total" && unbalanced {
            continue;
        }
        let k = |row| key(TableId::T3, row, col);
        let cells = [
            k("new_received"),
            k("carried_over"),
            k("r7_total"),
            k("carried_forward"),
        ];
        let [Some(a), Some(b), Some(c), Some(d)] = cells.map(|c| figs.get(&c).copied()) else {
            continue;
        };
        if a + b != c + d {
            unbalanced = true;
            out.push(
                Finding::new(
                    "R-id",
                    Severity::Error,
                    Section::Table(TableId::T3),
                    format!(
                        "表三{label}列：一+二={}，（七）总计+四={}（应相等：{a}+{b}≠{c}+{d}）",
                        a + b,
                        c + d
                    ),
                )
                // The four cells first; then every result row of the column, any of which
                // may be the one typed wrong.
                .at(cells.into_iter().chain(t3_result_rows().map(k))),
            );
        }
    }
    out
}

fn row_label(key: CellKey) -> &'static str {
    key.def()
        .and_then(|d| d.row_labels.last().copied())
        .unwrap_or("")
}

fn col_label(key: CellKey) -> &'static str {
    key.def()
        .and_then(|d| d.col_labels.last().copied())
        .unwrap_or("")
}

fn group_label(group: &str) -> &'static str {
    T4_GROUPS
        .iter()
        .find(|g| g.0 == group)
        .map(|g| g.1)
        .unwrap_or("")
}

// ---- value ----------------------------------------------------------------------------

/// What is wrong with putting `value` at (table, row, col), if anything. Shared with the
/// file reader so that a file and an edit are judged alike.
pub fn value_problem(table: TableId, row: &str, col: &str, value: &Value) -> Option<String> {
    let Some(cell) = table_def(table)
        .cells()
        .find(|c| c.key.row == row && c.key.col == col)
    else {
        return Some(format!("{}.{row}.{col} 不是格式中的单元格", table.key()));
    };
    let label = cell.key.label_path();
    match (cell.kind, value) {
        (CellKind::Total, _) => Some(format!("“{label}”是合计，由程序计算，不应填写")),
        (CellKind::Count, Value::Amount(a)) => {
            Some(format!("“{label}”应为非负整数件数，而不是“{}”", a.as_str()))
        }
        (_, Value::Count(n)) if *n > MAX_COUNT => {
            Some(format!("“{label}”的数字 {n} 过大（上限 {MAX_COUNT}）"))
        }
        _ => None,
    }
}

/// value: counts are non-negative integers within range, the fee a decimal, no stored totals.
pub fn values(report: &Report) -> Vec<Finding> {
    let mut out = Vec::new();
    for table in TableId::ALL {
        for (row, cols) in report.table(table) {
            for (col, value) in cols {
                if let Some(message) = value_problem(table, row, col, value) {
                    let cells = CellKey::parse(&format!("{}.{row}.{col}", table.key()));
                    out.push(
                        Finding::new("value", Severity::Error, Section::Table(table), message)
                            .at(cells),
                    );
                }
            }
        }
    }
    out
}

// ---- completeness ---------------------------------------------------------------------

/// completeness: the details a printed report needs, the six sections, and every cell.
pub fn completeness(report: &Report) -> Vec<Finding> {
    let mut out = Vec::new();
    let d = &report.details;
    let mut need = |ok: bool, severity, message: &str| {
        if !ok {
            out.push(Finding::new(
                "completeness",
                severity,
                Section::Details,
                message.to_string(),
            ));
        }
    };
    need(
        !d.agency_name.trim().is_empty(),
        Severity::Error,
        "未填写机关名称",
    );
    need(
        (2021..=2200).contains(&d.year),
        Severity::Error,
        "报告年度应为 2021 年或以后（国办公开办函〔2021〕30号格式自 2021 年度报告起施行）",
    );
    need(
        !d.opening.trim().is_empty(),
        Severity::Error,
        "未填写开头段（编制依据、统计期限、联系方式）",
    );
    need(
        d.signed_date.is_some(),
        Severity::Error,
        "未填写成文日期（落款日期）",
    );
    need(
        d.publish_date.is_some(),
        Severity::Warning,
        "未填写发布日期，无法检查是否按时发布",
    );

    let overview_parts = report.overview.parts();
    if report.overview.lead.trim().is_empty()
        && overview_parts.iter().all(|p| p.1.trim().is_empty())
    {
        out.push(Finding::new(
            "completeness",
            Severity::Error,
            Section::Overview,
            "未填写（六个部分都必须有内容）".to_string(),
        ));
    } else {
        for (heading, text) in overview_parts {
            if text.trim().is_empty() {
                out.push(Finding::new(
                    "completeness",
                    Severity::Warning,
                    Section::Overview,
                    format!("“{}”下的“{heading}”未填写", SECTION_TITLES[0]),
                ));
            }
        }
    }
    for (section, text) in [
        (Section::Problems, &report.problems),
        (Section::OtherMatters, &report.other_matters),
    ] {
        if text.trim().is_empty() {
            out.push(Finding::new(
                "completeness",
                Severity::Error,
                section,
                "未填写（六个部分都必须有内容）".to_string(),
            ));
        }
    }

    for table in TableId::ALL {
        let def = table_def(table);
        let blank: Vec<CellKey> = def
            .input_cells()
            .map(|c| c.key)
            .filter(|&k| report.input(k).is_none())
            .collect();
        let inputs = def.input_cells().count();
        if blank.len() == inputs {
            out.push(
                Finding::new(
                    "completeness",
                    Severity::Error,
                    Section::Table(table),
                    format!(
                        "{}尚未填写（共 {inputs} 格；没有发生的请填 0）",
                        table.name()
                    ),
                )
                .at(blank),
            );
            continue;
        }
        // One finding a row keeps the list readable while still pointing at every cell.
        let mut by_row: Vec<(&'static str, Vec<CellKey>)> = Vec::new();
        for k in blank {
            match by_row.last_mut() {
                Some((row, cells)) if *row == k.row => cells.push(k),
                _ => by_row.push((k.row, vec![k])),
            }
        }
        for (_, cells) in by_row {
            let first = cells[0];
            let row = match table {
                TableId::T4 => group_label(first.row),
                _ => row_label(first),
            };
            let cols: Vec<&str> = cells.iter().map(|&k| col_label(k)).collect();
            out.push(
                Finding::new(
                    "completeness",
                    Severity::Error,
                    Section::Table(table),
                    format!(
                        "{}“{row}”有 {} 格未填：{}（空白不等于 0，没有的请填 0）",
                        table.name(),
                        cells.len(),
                        cols.join("、")
                    ),
                )
                .at(cells),
            );
        }
    }
    out
}

// ---- template leftovers ---------------------------------------------------------------

/// Placeholders of templates and drafts that must not reach print.
const PLACEHOLDERS: [&str; 12] = [
    "XX",
    "ＸＸ",
    "xx",
    "××",
    "○○",
    "20XX",
    "文字描述",
    "此处填写",
    "请填写",
    "在此处报告",
    "待补充",
    "TODO",
];

/// Every text field with the section it belongs to and a name for messages.
fn texts(report: &Report) -> Vec<(Section, &'static str, &str)> {
    let d = &report.details;
    let o = &report.overview;
    vec![
        (Section::Details, "机关名称", d.agency_name.as_str()),
        (Section::Details, "机关简称", &d.agency_short_name),
        (Section::Details, "署名机关", &d.signatory),
        (Section::Details, "开头段", &d.opening),
        (Section::Overview, "一、总体情况（导语）", &o.lead),
        (Section::Overview, "（一）主动公开", &o.proactive),
        (Section::Overview, "（二）依申请公开", &o.on_request),
        (Section::Overview, "（三）政府信息管理", &o.management),
        (Section::Overview, "（四）政府信息公开平台建设", &o.platform),
        (Section::Overview, "（五）监督保障", &o.supervision),
        (
            Section::Problems,
            "五、存在的主要问题及改进情况",
            &report.problems,
        ),
        (
            Section::OtherMatters,
            "六、其他需要报告的事项",
            &report.other_matters,
        ),
    ]
}

/// template leftovers: "XX局", "20XX", "（文字描述）" and the like.
pub fn template_leftovers(report: &Report) -> Vec<Finding> {
    let mut out = Vec::new();
    for (section, name, text) in texts(report) {
        let found: BTreeSet<&str> = PLACEHOLDERS
            .iter()
            .copied()
            .filter(|p| contains_placeholder(text, p))
            .collect();
        if let Some(first) = found.iter().next() {
            let pos = text.find(first).unwrap_or(0);
            out.push(Finding::new(
                "template",
                Severity::Error,
                section,
                format!(
                    "“{name}”中还有模板占位文字“{}”：…{}…",
                    found.into_iter().collect::<Vec<_>>().join("”“"),
                    excerpt(text, pos, 12)
                ),
            ));
        }
    }
    out
}

/// True when `text` holds `placeholder` as a placeholder: an X-run such as "XX" must not be
/// part of a Latin word ("zfxxgk" in a government URL is not one; "XX局" and "20XX" are).
fn contains_placeholder(text: &str, placeholder: &str) -> bool {
    if !placeholder.bytes().any(|b| b == b'X' || b == b'x') {
        return text.contains(placeholder);
    }
    let is_x = |c: char| c == 'X' || c == 'x';
    text.match_indices(placeholder).any(|(pos, m)| {
        let before = text[..pos].chars().rev().find(|&c| !is_x(c));
        let after = text[pos + m.len()..].chars().find(|&c| !is_x(c));
        ![before, after]
            .into_iter()
            .flatten()
            .any(|c| c.is_ascii_alphabetic())
    })
}

/// Up to `radius` characters either side of byte offset `pos`.
fn excerpt(text: &str, pos: usize, radius: usize) -> String {
    let before: Vec<char> = text[..pos].chars().rev().take(radius).collect();
    let after = text[pos..].chars().take(radius * 2);
    before.into_iter().rev().chain(after).collect()
}

// ---- soft rules -----------------------------------------------------------------------

/// timeliness: published by 1月31日 (部门) or 3月31日 (本级政府) of the next year; the
/// 成文日期 after the year and not after publication.
pub fn timeliness(report: &Report) -> Vec<Finding> {
    [signed_date(report), publish_date(report)]
        .into_iter()
        .flatten()
        .map(|message| Finding::new("timeliness", Severity::Warning, Section::Details, message))
        .collect()
}

/// What is odd about the 成文日期, if anything.
fn signed_date(report: &Report) -> Option<String> {
    let d = &report.details;
    let signed = d.signed_date?;
    let message = if signed.year <= d.year {
        format!(
            "成文日期 {} 在{}年度结束之前，年报应在年度结束后成文",
            signed.chinese(),
            d.year
        )
    } else if let Some(published) = d.publish_date.filter(|&p| p < signed) {
        format!(
            "成文日期 {} 晚于发布日期 {}",
            signed.chinese(),
            published.chinese()
        )
    } else if signed.year > d.year.saturating_add(1) {
        format!(
            "成文日期 {} 不在{}年，请核对",
            signed.chinese(),
            d.year.saturating_add(1)
        )
    } else {
        return None;
    };
    Some(message)
}

/// What is late or early about the 发布日期, if anything.
fn publish_date(report: &Report) -> Option<String> {
    let d = &report.details;
    let date = d.publish_date?;
    let (month, day) = d.agency_kind.deadline();
    let deadline_year = d.year.saturating_add(1);
    let message = if (date.year, date.month, date.day) > (deadline_year, month, day) {
        format!(
            "发布日期 {} 晚于 {deadline_year}年{month}月{day}日：{}的年报应在每年{month}月{day}日前公布（条例第四十九条）",
            date.chinese(),
            d.agency_kind.name()
        )
    } else if date.year <= d.year {
        format!(
            "发布日期 {} 在{}年度结束之前，年报应在年度结束后发布",
            date.chinese(),
            d.year
        )
    } else {
        return None;
    };
    Some(message)
}

/// 现行有效 sanity: this year's valid count cannot be below made − repealed.
pub fn valid_docs_sanity(figs: &Figures) -> Vec<Finding> {
    let mut out = Vec::new();
    for (row, label) in [
        ("regulations", "规章"),
        ("normative_docs", "行政规范性文件"),
    ] {
        let k = |col| key(TableId::T2, row, col);
        let (Some(&made), Some(&repealed), Some(&valid)) = (
            figs.get(&k("made")),
            figs.get(&k("repealed")),
            figs.get(&k("valid")),
        ) else {
            continue;
        };
        if valid + repealed < made {
            out.push(
                Finding::new(
                    "valid-docs",
                    Severity::Warning,
                    Section::Table(TableId::T2),
                    format!(
                        "表二{label}：现行有效 {valid} 件少于本年制发 {made} 件减本年废止 {repealed} 件，请核对"
                    ),
                )
                .at([k("made"), k("repealed"), k("valid")]),
            );
        }
    }
    out
}

/// A number quoted in prose: where it was found and what it claims.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Quote {
    /// The words around it, for the message.
    excerpt: String,
    value: u64,
}

/// The integer that follows `from` within the same clause, with its excerpt.
fn number_after(text: &str, from: usize, max_chars: usize) -> Option<(u64, String)> {
    let mut digits = String::new();
    let mut end = from;
    for (i, ch) in text[from..].char_indices().take(max_chars) {
        if ch.is_ascii_digit() {
            digits.push(ch);
            end = from + i + 1;
        } else if !digits.is_empty() {
            break;
        } else if "。；;，,！？》\n".contains(ch) {
            return None;
        }
    }
    let value = digits.parse().ok()?;
    let unit_ok = text[end..]
        .chars()
        .next()
        .is_some_and(|c| "件起宗".contains(c));
    unit_ok.then(|| {
        (
            value,
            text[from..end].to_string() + &text[end..].chars().take(1).collect::<String>(),
        )
    })
}

/// Words before a keyword that say the thing did not happen ("未发生行政复议").
const NEGATIONS: [&str; 6] = ["未", "没有", "未发生", "没有发生", "未出现", "无"];

/// Numbers that 一 quotes after a claim's keyword (or 0 where it says 未…).
fn quotes(text: &str, claim: &ProseClaim) -> Vec<Quote> {
    let mut out = Vec::new();
    let matches = claim
        .keywords
        .iter()
        .flat_map(|&keyword| text.match_indices(keyword));
    for (pos, keyword) in matches {
        // The words just before, within the same sentence.
        let before: String = {
            let chars: Vec<char> = text[..pos]
                .chars()
                .rev()
                .take_while(|c| !"。；;，,！？\n".contains(*c))
                .take(4)
                .collect();
            chars.into_iter().rev().collect()
        };
        let start = pos + keyword.len();
        let following: String = text[start..].chars().take(20).collect();
        if claim.not_before.iter().any(|w| following.starts_with(w)) {
            continue;
        }
        let clause: String = following
            .chars()
            .take_while(|c| !"。；;，,！？".contains(*c))
            .collect();
        if claim.needs.is_some_and(|w| !clause.contains(w)) {
            continue; // "收到群众来电20个" is not about applications
        }
        if let Some((value, tail)) = number_after(text, start, 40) {
            out.push(Quote {
                excerpt: format!("{keyword}{tail}"),
                value,
            });
        } else if NEGATIONS.iter().any(|w| before.ends_with(w)) {
            out.push(Quote {
                excerpt: format!("{before}{keyword}{clause}"),
                value: 0,
            });
        }
    }
    out
}

/// A kind of number 一、总体情况 quotes, and the table cells it must equal.
struct ProseClaim {
    /// Words that introduce the number ("收到…申请109件").
    keywords: &'static [&'static str],
    /// Words after the keyword that make it about something else (收到投诉).
    not_before: &'static [&'static str],
    /// A word that must follow in the same clause for the number to be this claim's.
    needs: Option<&'static str>,
    /// Cells whose sum the number must equal.
    cells: Vec<CellKey>,
    /// The cells, named for the message.
    what: &'static str,
}

/// prose vs table: numbers quoted in 一、总体情况 equal the cells they name.
pub fn prose_vs_tables(report: &Report, figs: &Figures) -> Vec<Finding> {
    let text = report.overview.full_text();
    let t3 = |row| key(TableId::T3, row, "total");
    let t4 = |row| key(TableId::T4, row, "total");
    let claims = [
        ProseClaim {
            keywords: &["收到", "受理", "新收"],
            not_before: &["投诉", "举报", "信访", "行政复议", "复议", "诉讼"],
            needs: Some("申请"),
            cells: vec![t3("new_received")],
            what: "表三“一、本年新收政府信息公开申请数量”总计",
        },
        ProseClaim {
            keywords: &["办结"],
            not_before: &[],
            needs: None,
            cells: vec![t3("r7_total")],
            what: "表三“（七）总计”",
        },
        ProseClaim {
            keywords: &["结转下年度", "结转至下"],
            not_before: &[],
            needs: None,
            cells: vec![t3("carried_forward")],
            what: "表三“四、结转下年度继续办理”总计",
        },
        ProseClaim {
            keywords: &["上年结转"],
            not_before: &[],
            needs: None,
            cells: vec![t3("carried_over")],
            what: "表三“二、上年结转政府信息公开申请数量”总计",
        },
        ProseClaim {
            keywords: &["行政复议"],
            not_before: &["决定"],
            needs: None,
            cells: vec![t4("review")],
            what: "表四“行政复议”总计",
        },
        ProseClaim {
            keywords: &["行政诉讼"],
            not_before: &[],
            needs: None,
            cells: vec![t4("litigation_direct"), t4("litigation_after_review")],
            what: "表四“行政诉讼”两项总计之和",
        },
    ];
    let mut out = Vec::new();
    for claim in &claims {
        let Some(table_value) = claim
            .cells
            .iter()
            .map(|c| figs.get(c).copied())
            .try_fold(0u64, |acc, v| v.map(|v| acc + v))
        else {
            continue;
        };
        for q in quotes(&text, claim) {
            if q.value != table_value {
                out.push(
                    Finding::new(
                        "prose",
                        Severity::Warning,
                        Section::Overview,
                        format!(
                            "一、总体情况写“{}”（{} 件），而{}为 {table_value}",
                            q.excerpt, q.value, claim.what
                        ),
                    )
                    .at(claim.cells.iter().copied()),
                );
            }
        }
    }
    out
}

/// fees: 六 states the 信息处理费 collected or that none was; fee notices when 三（六）2 > 0.
pub fn fees(report: &Report, figs: &Figures) -> Vec<Finding> {
    let text = &report.other_matters;
    if text.trim().is_empty() {
        return Vec::new(); // completeness already reports the empty section
    }
    let mut out = Vec::new();
    let mentions_fee = text.contains("处理费");
    let states_amount = text.match_indices('元').any(|(i, _)| {
        text[..i]
            .chars()
            .rev()
            .find(|c| !c.is_whitespace())
            .is_some_and(|c| c.is_ascii_digit() || c == '万')
    });
    let states_none = [
        "未收取",
        "没有收取",
        "无收取",
        "未产生",
        "没有产生",
        "不收取",
        "未收",
        "0元",
    ]
    .iter()
    .any(|w| text.contains(w));
    if !mentions_fee || !(states_amount || states_none) {
        out.push(Finding::new(
            "fees",
            Severity::Warning,
            Section::OtherMatters,
            "六、其他需要报告的事项应说明本年度收取信息处理费的情况（收取金额，以元计；或说明未收取）"
                .to_string(),
        ));
    }
    let notices = key(TableId::T3, "r6_2_fee_unpaid", "total");
    if let Some(&n) = figs.get(&notices)
        && n > 0
        && !["收费通知", "缴费通知"].iter().any(|w| text.contains(w))
    {
        out.push(
            Finding::new(
                "fees",
                Severity::Warning,
                Section::OtherMatters,
                format!(
                    "表三有 {n} 件申请因逾期未缴纳费用不再处理，说明本年发出过收费通知；六、其他需要报告的事项应说明收费通知及收费情况"
                ),
            )
            .at([notices]),
        );
    }
    out
}

/// 监督保障 of a 本级人民政府 report covers 工作考核、社会评议和责任追究结果 (条例第五十条第四项).
pub fn supervision(report: &Report) -> Vec<Finding> {
    if report.details.agency_kind != AgencyKind::Government {
        return Vec::new();
    }
    let text = &report.overview.supervision;
    let missing: Vec<&str> = [
        ("考核", "工作考核"),
        ("评议", "社会评议"),
        ("责任追究", "责任追究结果"),
    ]
    .iter()
    .filter(|(word, _)| !text.contains(word))
    .map(|(_, name)| *name)
    .collect();
    if missing.is_empty() {
        return Vec::new();
    }
    vec![Finding::new(
        "supervision",
        Severity::Warning,
        Section::Overview,
        format!(
            "本级人民政府年报的“（五）监督保障”应包括工作考核、社会评议和责任追究结果情况（条例第五十条第四项），未见：{}",
            missing.join("、")
        ),
    )]
}

/// boilerplate (one report): 五 should name concrete measures, not only problems.
pub fn concrete_measures(report: &Report) -> Vec<Finding> {
    let text = &report.problems;
    if text.trim().is_empty() {
        return Vec::new();
    }
    const MEASURE_WORDS: [&str; 12] = [
        "下一步",
        "将",
        "一是",
        "加强",
        "完善",
        "推进",
        "建立",
        "健全",
        "开展",
        "落实",
        "提升",
        "强化",
    ];
    if MEASURE_WORDS.iter().any(|w| text.contains(w)) {
        return Vec::new();
    }
    vec![Finding::new(
        "boilerplate",
        Severity::Warning,
        Section::Problems,
        "五、存在的主要问题及改进情况未写出具体的改进措施（如“下一步，将……”）".to_string(),
    )]
}

// ---- cross-year -----------------------------------------------------------------------

/// cross-year: carry-over equals last year's carry-forward; 现行有效 follows from last year;
/// 一 and 五 are not last year's text again.
pub fn cross_year(
    report: &Report,
    figs: &Figures,
    prev: &Report,
    prev_figs: &Figures,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let (year, prev_year) = (report.details.year, prev.details.year);
    let (agency, prev_agency) = (
        report.details.agency_name.trim(),
        prev.details.agency_name.trim(),
    );
    if agency != prev_agency {
        out.push(Finding::new(
            "cross-year",
            Severity::Warning,
            Section::Details,
            format!("所给上年报告是“{prev_agency}”的，不是“{agency}”的"),
        ));
    }
    if prev_year.saturating_add(1) != year {
        out.push(Finding::new(
            "cross-year",
            Severity::Warning,
            Section::Details,
            format!(
                "所给上年报告是 {prev_year} 年度的，本报告是 {year} 年度的，应比对 {} 年度报告",
                year.saturating_sub(1)
            ),
        ));
    }
    for &(col, label) in &T3_COLUMNS {
        let this = key(TableId::T3, "carried_over", col);
        let last = key(TableId::T3, "carried_forward", col);
        if let (Some(&a), Some(&b)) = (figs.get(&this), prev_figs.get(&last))
            && a != b
        {
            out.push(
                Finding::new(
                    "cross-year",
                    Severity::Warning,
                    Section::Table(TableId::T3),
                    format!(
                        "表三{label}列：“二、上年结转”为 {a}，而{prev_year}年度报告“四、结转下年度继续办理”为 {b}"
                    ),
                )
                .at([this]),
            );
        }
    }
    for (row, label) in [
        ("regulations", "规章"),
        ("normative_docs", "行政规范性文件"),
    ] {
        let k = |col| key(TableId::T2, row, col);
        let (Some(&made), Some(&repealed), Some(&valid), Some(&last_valid)) = (
            figs.get(&k("made")),
            figs.get(&k("repealed")),
            figs.get(&k("valid")),
            prev_figs.get(&k("valid")),
        ) else {
            continue;
        };
        let expected = (last_valid + made).checked_sub(repealed);
        if expected != Some(valid) {
            out.push(
                Finding::new(
                    "cross-year",
                    Severity::Warning,
                    Section::Table(TableId::T2),
                    format!(
                        "表二{label}：现行有效 {valid} 件，而上年现行有效 {last_valid} + 本年制发 {made} − 本年废止 {repealed} = {}",
                        last_valid as i128 + made as i128 - repealed as i128
                    ),
                )
                .at([k("valid"), k("made"), k("repealed")]),
            );
        }
    }
    for (section, this, last) in [
        (
            Section::Overview,
            report.overview.full_text(),
            prev.overview.full_text(),
        ),
        (
            Section::Problems,
            report.problems.clone(),
            prev.problems.clone(),
        ),
    ] {
        let similarity = similarity(&this, &last);
        if similarity >= 0.8 {
            out.push(Finding::new(
                "boilerplate",
                Severity::Warning,
                section,
                format!(
                    "“{}”与{prev_year}年度报告的相同部分有 {:.0}% 相似，内容雷同是国办公开办函〔2021〕30号点名的问题",
                    section.title(),
                    similarity * 100.0
                ),
            ));
        }
    }
    out
}

/// Dice similarity of two texts' character bigrams (digits folded, so changed years and
/// counts do not hide copied text); 0 when either is too short to judge.
pub fn similarity(a: &str, b: &str) -> f64 {
    fn bigrams(text: &str) -> BTreeMap<(char, char), u32> {
        let chars: Vec<char> = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| if c.is_ascii_digit() { '0' } else { c })
            .collect();
        let mut map = BTreeMap::new();
        for pair in chars.windows(2) {
            *map.entry((pair[0], pair[1])).or_insert(0) += 1;
        }
        map
    }
    let (x, y) = (bigrams(a), bigrams(b));
    let (nx, ny): (u32, u32) = (x.values().sum(), y.values().sum());
    if nx < 20 || ny < 20 {
        return 0.0;
    }
    let common: u32 = x
        .iter()
        .map(|(k, n)| (*n).min(y.get(k).copied().unwrap_or(0)))
        .sum();
    2.0 * f64::from(common) / f64::from(nx + ny)
}
