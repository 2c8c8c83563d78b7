//! Reading a filled-in workbook back: our own 填报表 by its defined names, or a workbook a
//! unit laid out itself like the official tables (.xlsx, .xls or .ods) by its labels, with
//! the same label matching as the text import ([`super::tables`]).
//!
//! Nothing is trusted blindly: a total in the workbook is compared with its parts, never
//! taken; text, a negative or a formula error in a number cell is listed with a clear
//! message and the cell is left as it was; nothing else is lost. A workbook holding several
//! units' tables (one sheet per unit) gives one [`Unit`] per sheet.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, Range, Reader, open_workbook_auto_from_rs};

use crate::export::xlsx::{NAME_PREFIX, UNIT_NAME, defined_name};
use crate::format::{CellKey, CellKind, T2_AMOUNT_COL, TableId, table_def};
use crate::model::{Amount, MAX_COUNT, Report, Value};

use super::Uncertain;
use super::tables::{TableRead, read_t2, read_t3, read_t4};
use super::text::Compact;

/// Largest workbook read (a real 填报表 is tens of kilobytes).
pub const MAX_WORKBOOK_BYTES: usize = 20 * 1024 * 1024;

/// One unit's figures read from a workbook.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Unit {
    /// Who filled it: the 填报单位 written in the workbook, else the sheet's name ("" when
    /// neither says).
    pub name: String,
    /// Where in the workbook: the sheets read.
    pub sheets: Vec<String>,
    /// Every input cell found filled, with its value.
    pub values: BTreeMap<CellKey, Value>,
    /// Input cells found in the workbook and left blank there.
    pub blank: Vec<CellKey>,
    /// Cells not taken (text, a negative, an error, a row not found) and totals that
    /// disagree with their parts, each with what was seen and why.
    pub notes: Vec<Uncertain>,
    /// A year named in the tables' titles ("2024年"), if any.
    pub year: Option<u16>,
}

/// What a workbook held.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkbookRead {
    /// True for a workbook of ours, read by its defined names.
    pub by_names: bool,
    /// One unit, or one per sheet when several units' tables stand on separate sheets.
    pub units: Vec<Unit>,
}

/// Why a workbook could not be read at all.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum WorkbookError {
    /// Not a workbook calamine can open (damaged, encrypted, or another format).
    #[error(
        "无法打开这个表格文件（{0}）。请确认它是 Excel（.xlsx、.xls）或 OpenDocument（.ods）文件；WPS 的 .et 文件请先另存为 .xlsx"
    )]
    Unreadable(String),
    /// Larger than any 填报表.
    #[error("表格文件过大（{0} 字节，上限 {MAX_WORKBOOK_BYTES} 字节），不像是年报的统计表")]
    TooLarge(usize),
    /// No sheet looks like one of the three tables.
    #[error(
        "表格里没有认出年报的统计表（表二、表三、表四）。看过的工作表：{0}。请使用 nianbao 导出的填报表，或按年报格式排列行标题（如“本年新收政府信息公开申请数量”“（七）总计”）"
    )]
    NoTables(String),
}

/// Whether a file to import is a workbook (.xlsx, .xlsm, .xls, .ods), by its extension.
pub fn is_workbook_path(path: &std::path::Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .is_some_and(|e| matches!(e.as_str(), "xlsx" | "xlsm" | "xls" | "ods"))
}

/// Reads a workbook file the user named, at most [`MAX_WORKBOOK_BYTES`]; the error is a
/// whole sentence naming the file.
pub fn read_workbook_file(path: &std::path::Path) -> Result<WorkbookRead, String> {
    let bytes = crate::file::read_limited(path, MAX_WORKBOOK_BYTES as u64)
        .map_err(|e| format!("无法读取 {}：{e}", path.display()))?;
    read_workbook(&bytes).map_err(|e| format!("无法导入 {}：{e}", path.display()))
}

/// Reads a workbook's bytes (.xlsx, .xls or .ods).
pub fn read_workbook(bytes: &[u8]) -> Result<WorkbookRead, WorkbookError> {
    if bytes.len() > MAX_WORKBOOK_BYTES {
        return Err(WorkbookError::TooLarge(bytes.len()));
    }
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))
        .map_err(|e| WorkbookError::Unreadable(e.to_string()))?;
    let names: Vec<(String, String)> = book.defined_names().to_vec();
    let sheet_names = book.sheet_names();
    let mut sheets: Vec<(String, Range<Data>)> = Vec::new();
    for name in &sheet_names {
        // A sheet that cannot be read (a chart sheet) holds no table.
        if let Ok(range) = book.worksheet_range(name) {
            sheets.push((name.clone(), range));
        }
    }
    let ours = names.iter().any(|(n, _)| n.starts_with(NAME_PREFIX));
    if ours {
        return Ok(WorkbookRead {
            by_names: true,
            units: vec![read_by_names(&names, &sheets)],
        });
    }
    read_by_labels(&sheets).map(|units| WorkbookRead {
        by_names: false,
        units,
    })
}

/// Merges a unit's figures into a report: every filled cell is set (a blank one leaves the
/// report's cell as it is, since a unit leaves blank what it did not fill). Returns the cells
/// that changed, with their values before and after, in cell order.
pub fn merge_into(report: &mut Report, unit: &Unit) -> Vec<(CellKey, Option<Value>, Value)> {
    let mut changed = Vec::new();
    for (key, value) in &unit.values {
        let before = report.input(*key).cloned();
        if before.as_ref().is_some_and(|b| same_value(b, value)) {
            continue;
        }
        report.set_input(*key, Some(value.clone()));
        changed.push((*key, before, value.clone()));
    }
    changed
}

/// Equal figures: an amount read back as 96171.6 is the 96171.60 typed.
fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Amount(x), Value::Amount(y)) => {
            x.as_str() == y.as_str()
                || matches!(
                    (x.as_str().parse::<f64>(), y.as_str().parse::<f64>()),
                    (Ok(p), Ok(q)) if p == q
                )
        }
        _ => a == b,
    }
}

/// A new report of one unit's figures (agency and year as the workbook names them).
pub fn unit_report(unit: &Unit) -> Report {
    let mut report = Report::new(&unit.name, unit.year.unwrap_or(0));
    merge_into(&mut report, unit);
    report
}

// ---- our workbooks: by defined name ---------------------------------------------------

/// Parses a defined name's target, `表三!$D$6`, `'表三'!$D$6` or `$表三.$D$6` (ods), into
/// (sheet, row, column), 0-based.
fn parse_target(target: &str) -> Option<(String, u32, u32)> {
    let t = target.trim().trim_start_matches('=');
    let (sheet, cell) = match t.rsplit_once('!') {
        Some(parts) => parts,
        None => t.trim_start_matches('$').rsplit_once('.')?,
    };
    let sheet = sheet
        .trim_start_matches('$')
        .trim_matches('\'')
        .replace("''", "'");
    let cell = cell.replace('$', "");
    let split = cell.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = cell.split_at(split);
    if letters.is_empty() || !letters.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let col = letters
        .chars()
        .try_fold(0u32, |acc, c| {
            acc.checked_mul(26)?
                .checked_add(u32::from(c.to_ascii_uppercase() as u8 - b'A') + 1)
        })?
        .checked_sub(1)?;
    let row = digits.parse::<u32>().ok()?.checked_sub(1)?;
    Some((sheet, row, col))
}

/// The cell a defined name points at: (its value, its sheet, "D6").
fn cell_at<'a>(
    sheets: &'a [(String, Range<Data>)],
    target: &str,
) -> Result<(&'a Data, String, String), String> {
    static EMPTY: Data = Data::Empty;
    let (sheet, row, col) =
        parse_target(target).ok_or_else(|| format!("名称指向“{target}”，已不是一个格子"))?;
    let range = sheets
        .iter()
        .find(|(n, _)| *n == sheet)
        .map(|(_, r)| r)
        .ok_or_else(|| format!("名称指向的工作表“{sheet}”已不存在"))?;
    let data = range.get_value((row, col)).unwrap_or(&EMPTY);
    Ok((data, sheet, a1_name(row, col)))
}

fn read_by_names(names: &[(String, String)], sheets: &[(String, Range<Data>)]) -> Unit {
    let lookup: BTreeMap<String, &str> = names
        .iter()
        .map(|(n, t)| (n.to_ascii_lowercase(), t.as_str()))
        .collect();
    let find = |target: &str| cell_at(sheets, target);
    let mut unit = Unit::default();
    if let Some(Ok((Data::String(s), _, _))) = lookup.get(UNIT_NAME).map(|t| find(t)) {
        unit.name = s.trim().to_string();
    }
    let mut totals = Vec::new();
    for id in TableId::ALL {
        for cell in table_def(id).cells() {
            let key = cell.key;
            let Some(target) = lookup.get(&defined_name(key).to_ascii_lowercase()) else {
                if cell.kind != CellKind::Total {
                    unit.notes.push(note(
                        key,
                        String::new(),
                        "填报表中这个格子的名称已被删除，没有读取".into(),
                    ));
                }
                continue;
            };
            let (data, sheet, at) = match find(target) {
                Ok(found) => found,
                Err(why) => {
                    unit.notes.push(note(
                        key,
                        String::new(),
                        format!("{why}（所在的行或列可能被删除了），没有读取"),
                    ));
                    continue;
                }
            };
            if !unit.sheets.contains(&sheet) {
                unit.sheets.push(sheet.clone());
            }
            let place = format!("{sheet}!{at}");
            take(&mut unit, &mut totals, key, cell.kind, data, &place);
        }
    }
    compare_totals(&mut unit, &totals);
    // The year stands in every sheet's title ("…2024年政府信息公开工作年度报告…").
    unit.year = sheets.iter().find_map(|(_, range)| {
        let rows: Vec<Vec<Data>> = range.rows().take(6).map(|r| r.to_vec()).collect();
        year_in(&rows)
    });
    unit
}

/// A note about a cell.
fn note(key: CellKey, seen: String, reason: String) -> Uncertain {
    Uncertain {
        cell: Some(key),
        place: key.label_path(),
        seen,
        reason,
    }
}

/// "D7" for (6, 3).
fn a1_name(row: u32, col: u32) -> String {
    let mut name = String::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        name.insert(0, char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    format!("{name}{}", row + 1)
}

/// A total as the workbook shows it: its cell, the number, and where ("表三!J6").
type Total = (CellKey, u64, String);

/// What a number cell holds.
enum Read {
    Blank,
    Figure(Value),
    Bad(String, String),
}

/// Reads one cell as a count (or, for the fee, an amount).
fn read_cell(data: &Data, kind: CellKind) -> Read {
    let number = match data {
        Data::Empty => return Read::Blank,
        Data::Int(n) => *n as f64,
        Data::Float(x) => *x,
        Data::String(s) => {
            let t: String = s
                .trim()
                .chars()
                .map(|c| match c {
                    '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
                    '．' => '.',
                    _ => c,
                })
                .filter(|c| *c != ',' && *c != '，' && !c.is_whitespace())
                .collect();
            if t.is_empty() || matches!(t.as_str(), "-" | "—" | "－" | "/" | "／" | "——") {
                return Read::Blank;
            }
            match t.parse::<f64>() {
                Ok(x)
                    if t.bytes()
                        .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-') =>
                {
                    x
                }
                _ => {
                    return Read::Bad(
                        s.clone(),
                        "格子里是文字，不是数字；没有读取，请改成数字后再导入".into(),
                    );
                }
            }
        }
        Data::Bool(b) => {
            return Read::Bad(
                if *b { "TRUE" } else { "FALSE" }.into(),
                "格子里是逻辑值，不是数字；没有读取".into(),
            );
        }
        Data::Error(e) => {
            return Read::Bad(
                e.to_string(),
                format!("格子里是公式错误（{e}），没有读取；请检查这个格子的公式或引用"),
            );
        }
        Data::DateTime(d) => {
            return Read::Bad(
                d.as_f64().to_string(),
                "格子里是日期或时间，不是件数；没有读取".into(),
            );
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => {
            return Read::Bad(s.clone(), "格子里是日期或时间，不是件数；没有读取".into());
        }
    };
    let seen = display_number(number);
    if !number.is_finite() {
        return Read::Bad(seen, "不是有效的数字；没有读取".into());
    }
    if number < 0.0 {
        return Read::Bad(seen, "不能为负数；没有读取".into());
    }
    match kind {
        CellKind::Amount => match Amount::parse(&seen) {
            Some(a) => Read::Figure(Value::Amount(a)),
            None => Read::Bad(seen, "金额过大或小数位过多；没有读取".into()),
        },
        _ if number.fract() != 0.0 => Read::Bad(seen, "件数应为整数，这里有小数；没有读取".into()),
        _ if number > MAX_COUNT as f64 => {
            Read::Bad(seen, format!("数字过大（上限 {MAX_COUNT}）；没有读取"))
        }
        _ => Read::Figure(Value::Count(number as u64)),
    }
}

/// A number as a person writes it: no exponent, at most six decimals, no trailing zeros.
fn display_number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        return format!("{x:.0}");
    }
    let text = format!("{x:.6}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Takes one cell: an input into the unit, a total into `totals` for comparing.
fn take(
    unit: &mut Unit,
    totals: &mut Vec<Total>,
    key: CellKey,
    kind: CellKind,
    data: &Data,
    place: &str,
) {
    match (read_cell(data, kind), kind) {
        (Read::Blank, CellKind::Total) => {}
        (Read::Blank, _) => unit.blank.push(key),
        (Read::Figure(Value::Count(n)), CellKind::Total) => totals.push((key, n, place.into())),
        (Read::Figure(_), CellKind::Total) => {}
        (Read::Figure(v), _) => {
            unit.values.insert(key, v);
        }
        (Read::Bad(seen, why), CellKind::Total) => {
            unit.notes
                .push(note(key, format!("{place}：{seen}"), format!("合计{why}")))
        }
        (Read::Bad(seen, why), _) => unit.notes.push(note(key, format!("{place}：{seen}"), why)),
    }
}

/// Each total in the workbook against the sum of the parts read: a disagreement is noted
/// with both numbers (the parts count; the report computes its own totals).
fn compare_totals(unit: &mut Unit, totals: &[(CellKey, u64, String)]) {
    let mut report = Report::new("", 2000);
    for (key, value) in &unit.values {
        report.set_input(*key, Some(value.clone()));
    }
    for (key, shown, place) in totals {
        let computed = report.count(*key);
        if computed != Some(*shown) {
            let sum = computed.map_or("（各项均未填）".to_string(), |n| n.to_string());
            unit.notes.push(note(
                *key,
                format!("{place}：{shown}"),
                format!(
                    "合计与各项之和不符：表中为 {shown}，各项相加为 {sum}；以各项为准，合计由本程序重新计算"
                ),
            ));
        }
    }
}

// ---- a unit's own layout: by labels ---------------------------------------------------

/// A cell's text as the label matching reads it.
fn text_of(data: &Data) -> Option<String> {
    match data {
        Data::String(s) => Some(s.clone()),
        _ => None,
    }
}

/// The compact form of a cell's text: no spaces, as [`Compact`] matches.
fn compact(text: &str) -> String {
    Compact::new(text).chars.into_iter().collect()
}

/// Where each table starts on a sheet (row index within the range), found by its labels.
fn table_starts(rows: &[Vec<Data>]) -> Vec<(TableId, usize)> {
    let row_text: Vec<String> = rows
        .iter()
        .map(|r| r.iter().filter_map(text_of).map(|t| compact(&t)).collect())
        .collect();
    let first = |from: usize, needles: &[&str]| {
        (from..row_text.len()).find(|&i| needles.iter().any(|n| row_text[i].contains(n)))
    };
    let mut starts = Vec::new();
    if let Some(i) = first(0, &["第二十条", "信息内容", "行政规范性文件", "规章"])
    {
        starts.push((TableId::T2, i));
    }
    if let Some(i) = first(
        0,
        &["申请人情况", "勾稽关系", "本年新收", "新收政府信息公开申请"],
    ) {
        starts.push((TableId::T3, i));
    }
    let after_t3 = starts
        .iter()
        .find(|s| s.0 == TableId::T3)
        .map_or(0, |s| s.1);
    if let Some(i) = first(after_t3, &["结果维持", "未经复议直接起诉", "复议后起诉"])
    {
        // The row above with 行政复议 / 行政诉讼 belongs to the table too.
        let start = if i > 0
            && (row_text[i - 1].contains("行政复议") || row_text[i - 1].contains("行政诉讼"))
        {
            i - 1
        } else {
            i
        };
        starts.push((TableId::T4, start));
    }
    starts.sort_by_key(|s| s.1);
    starts
}

/// Whether a header cell names a figure column of `id`.
fn is_column_head(id: TableId, text: &str) -> bool {
    let t = compact(text);
    match id {
        TableId::T2 => t.contains("件数") || t.contains("数量") || t.contains("金额"),
        TableId::T3 => crate::format::T3_COLUMNS.iter().any(|(_, l)| t == *l),
        TableId::T4 => crate::format::T4_COLUMNS.iter().any(|(_, l)| t == *l),
    }
}

/// How many column heads make a row a header row.
fn heads_needed(id: TableId) -> usize {
    match id {
        TableId::T2 => 1,
        _ => 2,
    }
}

/// Reads one table's region of a sheet by its labels. Each figure cell is first written as
/// a unique probe number into the text the text import reads, so the import's own label
/// matching says which cell key each sheet cell is; then the cell itself is read here,
/// where text, a negative or an error can be told apart from a blank.
fn read_region(
    id: TableId,
    rows: &[Vec<Data>],
    origin: (u32, u32),
    sheet: &str,
    unit: &mut Unit,
    totals: &mut Vec<Total>,
) -> usize {
    const PROBE_BASE: u64 = 7_000_001;
    let mut text = String::new();
    let mut probes: Vec<(usize, usize)> = Vec::new();
    let mut columns: Vec<usize> = Vec::new();
    let mut in_header = false;
    let mut t4_body_done = false;
    for (r, row) in rows.iter().enumerate() {
        let heads: Vec<usize> = row
            .iter()
            .enumerate()
            .filter(|(_, d)| text_of(d).is_some_and(|t| is_column_head(id, &t)))
            .map(|(c, _)| c)
            .collect();
        let line_text: Vec<String> = row
            .iter()
            .filter_map(text_of)
            .map(|t| t.split_whitespace().collect::<String>())
            .filter(|t| !t.is_empty())
            .collect();
        if heads.len() >= heads_needed(id) {
            if !in_header {
                columns.clear();
            }
            in_header = true;
            columns.extend(heads);
            columns.sort_unstable();
            columns.dedup();
            text.push_str(&line_text.join(" "));
            text.push('\n');
            continue;
        }
        in_header = false;
        if columns.is_empty() {
            text.push_str(&line_text.join(" "));
            text.push('\n');
            continue;
        }
        let label: Vec<String> = row
            .iter()
            .enumerate()
            .filter(|(c, _)| !columns.contains(c))
            .filter_map(|(_, d)| text_of(d))
            .map(|t| t.split_whitespace().collect::<String>())
            .filter(|t| !t.is_empty())
            .collect();
        let has_label = !label.is_empty();
        let has_figures = columns
            .iter()
            .any(|c| row.get(*c).is_some_and(|d| *d != Data::Empty));
        let take_row = match id {
            TableId::T4 => !t4_body_done,
            _ => has_label,
        };
        if !take_row {
            if has_label || has_figures {
                text.push_str(&label.join(" "));
                text.push('\n');
            }
            continue;
        }
        if id == TableId::T4 {
            t4_body_done = true;
        }
        let mut line = label.join(" ");
        for &c in &columns {
            line.push(' ');
            line.push_str(&(PROBE_BASE + probes.len() as u64).to_string());
            probes.push((r, c));
        }
        text.push_str(&line);
        text.push('\n');
    }
    let read: TableRead = match id {
        TableId::T2 => read_t2(&text),
        TableId::T3 => read_t3(&text),
        TableId::T4 => read_t4(&text),
    };
    let probe_of = |n: u64| -> Option<(usize, usize)> {
        n.checked_sub(PROBE_BASE)
            .and_then(|i| probes.get(i as usize).copied())
    };
    let mut mapped: Vec<(CellKey, (usize, usize))> = Vec::new();
    for (key, value) in &read.values {
        let n = match value {
            Value::Count(n) => Some(*n),
            Value::Amount(a) => a.as_str().parse().ok(),
        };
        if let Some(at) = n.and_then(probe_of) {
            mapped.push((*key, at));
        }
    }
    for (key, n) in &read.printed {
        if let Some(at) = probe_of(*n) {
            mapped.push((*key, at));
        }
    }
    // Rows the labels did not find, or whose cells did not line up with the columns.
    for u in &read.uncertain {
        let Some(key) = u.cell else { continue };
        if key.def().is_some_and(|d| d.kind == CellKind::Total) {
            continue;
        }
        if mapped.iter().any(|(k, _)| *k == key) {
            continue;
        }
        let reason = match u.reason.as_str() {
            "未找到这一行" => {
                format!("在工作表“{sheet}”中没有找到这一行（可能被删除了），没有读取")
            }
            other => format!("在工作表“{sheet}”中{other}，没有读取"),
        };
        unit.notes.push(note(key, String::new(), reason));
    }
    for (key, (r, c)) in mapped {
        let Some(def) = key.def() else { continue };
        let data = rows
            .get(r)
            .and_then(|row| row.get(c))
            .unwrap_or(&Data::Empty);
        let place = format!(
            "{sheet}!{}",
            a1_name(origin.0 + r as u32, origin.1 + c as u32)
        );
        // The fee cell is an amount whatever the probe said.
        let kind = if key.col == T2_AMOUNT_COL {
            CellKind::Amount
        } else {
            def.kind
        };
        take(unit, totals, key, kind, data, &place);
    }
    read.rows_found
}

/// "2024年" in a sheet's text before its tables, for the report's year.
fn year_in(rows: &[Vec<Data>]) -> Option<u16> {
    rows.iter()
        .take(6)
        .flatten()
        .filter_map(text_of)
        .find_map(|t| {
            let chars: Vec<char> = t.chars().collect();
            chars.windows(5).find_map(|w| {
                let digits: String = w[..4].iter().collect();
                (w[4] == '年' && digits.bytes().all(|b| b.is_ascii_digit()))
                    .then(|| digits.parse::<u16>().ok())
                    .flatten()
                    .filter(|y| (2000..=2100).contains(y))
            })
        })
}

/// "填报单位：某某局" written on a sheet.
fn unit_named_in(rows: &[Vec<Data>]) -> Option<String> {
    for row in rows {
        for (c, d) in row.iter().enumerate() {
            let Some(t) = text_of(d) else { continue };
            let t = t.trim();
            for label in ["填报单位", "单位名称"] {
                if let Some(rest) = t.strip_prefix(label) {
                    let rest = rest.trim_start_matches([':', '：', ' ', '　']).trim();
                    let name = if rest.is_empty() {
                        row.get(c + 1).and_then(text_of).unwrap_or_default()
                    } else {
                        rest.split_whitespace().next().unwrap_or("").to_string()
                    };
                    if !name.trim().is_empty() {
                        return Some(name.trim().to_string());
                    }
                }
            }
        }
    }
    None
}

fn read_by_labels(sheets: &[(String, Range<Data>)]) -> Result<Vec<Unit>, WorkbookError> {
    // Per sheet: the unit read from it and which tables it held.
    let mut per_sheet: Vec<(Unit, Vec<TableId>, Vec<Total>)> = Vec::new();
    for (name, range) in sheets {
        let origin = range.start().unwrap_or((0, 0));
        let rows: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
        let starts = table_starts(&rows);
        let mut unit = Unit {
            name: unit_named_in(&rows).unwrap_or_default(),
            sheets: vec![name.clone()],
            year: year_in(&rows),
            ..Unit::default()
        };
        let mut totals = Vec::new();
        let mut found = Vec::new();
        for (i, &(id, start)) in starts.iter().enumerate() {
            let end = starts.get(i + 1).map_or(rows.len(), |s| s.1);
            let region_origin = (origin.0 + start as u32, origin.1);
            let mut region = Unit::default();
            let mut region_totals = Vec::new();
            let rows_found = read_region(
                id,
                &rows[start..end],
                region_origin,
                name,
                &mut region,
                &mut region_totals,
            );
            if rows_found > 0 {
                found.push(id);
                unit.values.extend(region.values);
                unit.blank.extend(region.blank);
                unit.notes.extend(region.notes);
                totals.extend(region_totals);
            }
        }
        if !found.is_empty() {
            per_sheet.push((unit, found, totals));
        }
    }
    if per_sheet.is_empty() {
        let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
        return Err(WorkbookError::NoTables(if names.is_empty() {
            "（没有工作表）".into()
        } else {
            names.join("、")
        }));
    }
    // The same table on two sheets: one unit per sheet. Otherwise the sheets are one unit's
    // tables (表二, 表三, 表四 on sheets of their own).
    let mut seen = Vec::new();
    let repeated = per_sheet.iter().flat_map(|s| s.1.iter()).any(|id| {
        let again = seen.contains(id);
        seen.push(*id);
        again
    });
    let mut units = Vec::new();
    if repeated {
        for (mut unit, _, totals) in per_sheet {
            if unit.name.is_empty() {
                unit.name = unit.sheets.first().cloned().unwrap_or_default();
            }
            compare_totals(&mut unit, &totals);
            units.push(unit);
        }
    } else {
        let mut all = Unit::default();
        let mut totals = Vec::new();
        for (unit, _, t) in per_sheet {
            if all.name.is_empty() {
                all.name = unit.name;
            }
            all.year = all.year.or(unit.year);
            all.sheets.extend(unit.sheets);
            all.values.extend(unit.values);
            all.blank.extend(unit.blank);
            all.notes.extend(unit.notes);
            totals.extend(t);
        }
        compare_totals(&mut all, &totals);
        units.push(all);
    }
    Ok(units)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_parse() {
        assert_eq!(parse_target("表三!$D$6"), Some(("表三".into(), 5, 3)));
        assert_eq!(
            parse_target("='表 三'!$AA$10"),
            Some(("表 三".into(), 9, 26))
        );
        assert_eq!(parse_target("$表三.$D$6"), Some(("表三".into(), 5, 3)));
        assert_eq!(parse_target("表三!#REF!"), None);
    }

    #[test]
    fn cells_read_or_refuse() {
        let count = |d: Data| match read_cell(&d, CellKind::Count) {
            Read::Figure(v) => Ok(v.to_string()),
            Read::Blank => Ok(String::new()),
            Read::Bad(_, why) => Err(why),
        };
        assert_eq!(count(Data::Float(12.0)), Ok("12".into()));
        assert_eq!(count(Data::String(" １２ ".into())), Ok("12".into()));
        assert_eq!(count(Data::String("1,268".into())), Ok("1268".into()));
        assert_eq!(count(Data::String("—".into())), Ok(String::new()));
        assert!(count(Data::String("十二".into())).is_err());
        assert!(count(Data::Float(-1.0)).is_err());
        assert!(count(Data::Float(2.5)).is_err());
        assert!(count(Data::Error(calamine::CellErrorType::Ref)).is_err());
        match read_cell(&Data::Float(12.35), CellKind::Amount) {
            Read::Figure(v) => assert_eq!(v.to_string(), "12.35"),
            _ => panic!("an amount"),
        }
    }
}
