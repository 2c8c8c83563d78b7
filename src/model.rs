//! The report as plain data: what the user typed, nothing derived, no UI or PDF types.
//!
//! Table cells are kept per table as `row key → column key → value`; a blank cell is simply
//! absent (blank is not 0). Totals are never stored: [`Report::value`] computes them.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::format::{CellKey, CellKind, Field, TableId, table_def};

/// Name written into every report file, so a stray JSON file is recognised as foreign.
pub const FORMAT_NAME: &str = "nianbao-report";
/// Newest version of the file format this build reads and writes. Version 2 added the
/// headings of 一's parts as written ([`Overview::headings`]) and the totals as printed
/// ([`Report::printed`]); version 3 the cells an import could not read
/// ([`Report::not_read`]); version 4 the units a summed report adds up ([`Report::summed`]).
/// A file is written with the oldest version that holds what it uses, so an older build
/// reads it, and older files load unchanged.
pub const FORMAT_VERSION: u32 = 4;
/// Oldest version of the file format this build reads.
pub const OLDEST_FORMAT_VERSION: u32 = 1;
/// The largest count accepted in a cell (a trillion minus one): far above any real report
/// (淮安 reports 3985758 行政处罚 decisions) and small enough that totals never overflow.
pub const MAX_COUNT: u64 = 999_999_999_999;

/// A whole 政府信息公开工作年度报告.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// Always [`FORMAT_NAME`].
    pub format: String,
    /// The file-format version: [`Report::needed_version`] when written by this build.
    pub version: u32,
    /// Who reports, for which year, when, and the opening paragraph.
    pub details: Details,
    /// 一、总体情况.
    pub overview: Overview,
    /// 表二 cells.
    pub t2: TableValues,
    /// 表三 cells (no totals).
    pub t3: TableValues,
    /// 表四 cells (no totals).
    pub t4: TableValues,
    /// 五、存在的主要问题及改进情况.
    pub problems: String,
    /// 六、其他需要报告的事项 (信息处理费 is reported here).
    pub other_matters: String,
    /// Totals as a published report printed them: cell key (`t3.r7_total.natural_person`)
    /// → printed figure. Filled by import or typed by a reviewer; never printed (the report
    /// prints its computed totals), only compared with them by the checks, because a wrong
    /// printed total is the commonest arithmetic error in published reports.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub printed: BTreeMap<String, u64>,
    /// Cells an import could not read from the published text (`t3.r1_granted.commercial`):
    /// blank here because the importer could not tell, not because the report left them
    /// blank. The checks say so once instead of blaming the report for them; filling the
    /// cell (or its printed total) takes it off the list.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub not_read: BTreeSet<String>,
    /// For a report whose tables are the sum of several units' reports (`nianbao sum`,
    /// 汇总选中单位): which units were added up, and how many left each cell blank.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summed: Option<Summed>,
}

/// What a summed report (the 本级政府 tables as the sum of its units') was made from.
/// Blank is not 0: a cell is the sum over the units that filled it, and the number of
/// units that left it blank is kept here, so the checks can say so.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Summed {
    /// The units added up, in the order they were summed.
    pub units: Vec<SummedUnit>,
    /// Input cell key (`t3.new_received.natural_person`) → how many units left it blank;
    /// cells every unit filled are absent.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub blanks: BTreeMap<String, u32>,
    /// Input cell key → how many units' published reports could not be read at this cell
    /// when imported (not 未填: the unit may have filled it); cells read in every unit are
    /// absent. Kept apart from [`Summed::blanks`] so neither is taken for the other.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub not_read: BTreeMap<String, u32>,
}

/// One unit of a summed report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SummedUnit {
    /// 机关名称 as its report gives it.
    pub agency: String,
    /// The file it was read from (its name, as given on the command line or in the app).
    pub file: String,
    /// How many input cells of 表二、三、四 the unit left blank.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub blank_cells: u32,
    /// How many input cells could not be read from its published report (import).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub not_read_cells: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// Values of one table: row key → column key → value. Blank cells are absent.
pub type TableValues = BTreeMap<String, BTreeMap<String, Value>>;

/// The kind of body that reports: it decides the deadline and what 监督保障 must cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgencyKind {
    /// A 县级以上人民政府部门: publishes by 1月31日.
    Department,
    /// 本级人民政府 (report compiled by the 主管部门): publishes by 3月31日, and 监督保障 must
    /// cover 工作考核、社会评议和责任追究结果.
    Government,
}

impl AgencyKind {
    /// Chinese name as shown to the user.
    pub fn name(self) -> &'static str {
        match self {
            AgencyKind::Department => "部门",
            AgencyKind::Government => "本级人民政府",
        }
    }

    /// The statutory deadline (month, day) in the year after the report year (条例第四十九条).
    pub fn deadline(self) -> (u8, u8) {
        match self {
            AgencyKind::Department => (1, 31),
            AgencyKind::Government => (3, 31),
        }
    }
}

/// Report details: the agency, the year, dates, signature and the opening paragraph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Details {
    /// 机关名称 (全称), e.g. 和田县文化体育广播电视和旅游局.
    pub agency_name: String,
    /// 机关简称 printed in the title, e.g. 和田县文旅局; the full name is used when empty.
    pub agency_short_name: String,
    /// 报告年度.
    pub year: u16,
    /// 机关类型.
    pub agency_kind: AgencyKind,
    /// 发布日期, when it was or will be published.
    pub publish_date: Option<Date>,
    /// 署名机关 printed in the 落款; the full name is used when empty.
    pub signatory: String,
    /// 成文日期 printed in the 落款.
    pub signed_date: Option<Date>,
    /// The opening paragraph: 依据…编制, 统计期限, 联系方式.
    pub opening: String,
}

/// 一、总体情况: an optional lead paragraph and the five customary parts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overview {
    /// Text before （一）, often a summary of the year.
    pub lead: String,
    /// （一）主动公开.
    pub proactive: String,
    /// （二）依申请公开.
    pub on_request: String,
    /// （三）政府信息管理.
    pub management: String,
    /// （四）政府信息公开平台建设.
    pub platform: String,
    /// （五）监督保障.
    pub supervision: String,
    /// How each part's heading is printed, in the order of [`Overview::parts`]; a blank
    /// heading prints the customary one. Kept as the report wrote it, because agencies
    /// title the parts their own way ("（一）主动公开情况") and often run the heading into
    /// its paragraph.
    #[serde(default, skip_serializing_if = "all_default")]
    pub headings: [PartHeading; 5],
}

/// The heading of one part of 一 as the report writes it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartHeading {
    /// The heading text with its label ("（一）主动公开情况"); blank: the customary one.
    #[serde(default)]
    pub text: String,
    /// True when the paragraph follows the heading on the same line
    /// ("（一）主动公开情况。2024年，…"); otherwise the heading stands on its own line.
    #[serde(default)]
    pub run_in: bool,
}

fn all_default(headings: &[PartHeading; 5]) -> bool {
    headings.iter().all(|h| *h == PartHeading::default())
}

impl Overview {
    /// The five parts with their headings ([`crate::format::OVERVIEW_HEADINGS`]), in order.
    pub fn parts(&self) -> [(&'static str, &str); 5] {
        let h = crate::format::OVERVIEW_HEADINGS;
        [
            (h[0], &self.proactive),
            (h[1], &self.on_request),
            (h[2], &self.management),
            (h[3], &self.platform),
            (h[4], &self.supervision),
        ]
    }

    /// The five parts with the heading each prints (as written, or the customary one),
    /// whether it runs into its paragraph, and the text.
    pub fn parts_as_written(&self) -> [(&str, bool, &str); 5] {
        let parts = self.parts();
        std::array::from_fn(|i| {
            let written = &self.headings[i];
            let heading = match written.text.trim() {
                "" => parts[i].0,
                text => text,
            };
            (heading, written.run_in, parts[i].1)
        })
    }

    /// All text of 一, lead first.
    pub fn full_text(&self) -> String {
        let mut text = self.lead.clone();
        for (_, part) in self.parts() {
            text.push('\n');
            text.push_str(part);
        }
        text
    }
}

/// A calendar date, written `YYYY-MM-DD` in files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year.
    pub year: u16,
    /// Month 1–12.
    pub month: u8,
    /// Day 1–31, valid for the month.
    pub day: u8,
}

impl Date {
    /// A valid date, or None.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (year >= 1000 && (1..=days).contains(&day)).then_some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        if parts.next().is_some() || !digits(y, 4) || !digits(m, 2) || !digits(d, 2) {
            return None;
        }
        Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    /// The date as printed in a Chinese document: `2024年1月19日`.
    pub fn chinese(&self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Date::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "日期“{text}”无效，应写成 YYYY-MM-DD，如 2024-01-19"
            ))
        })
    }
}

/// A filled cell: a count, or (only for the fee cell) an amount.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// A non-negative integer, at most [`MAX_COUNT`].
    Count(u64),
    /// A non-negative decimal in 万元, kept exactly as typed (`24252.311082`).
    Amount(Amount),
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Count(n) => write!(f, "{n}"),
            Value::Amount(a) => f.write_str(a.as_str()),
        }
    }
}

impl Value {
    /// The count, if this is one.
    pub fn count(&self) -> Option<u64> {
        match self {
            Value::Count(n) => Some(*n),
            Value::Amount(_) => None,
        }
    }
}

impl Serialize for Value {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Count(n) => s.serialize_u64(*n),
            Value::Amount(a) => s.serialize_str(a.as_str()),
        }
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl serde::de::Visitor<'_> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("非负整数（件数），或写成字符串的金额（如 \"96171.6\"）")
    }

    fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<Value, E> {
        if n > MAX_COUNT {
            return Err(E::custom(format!("数字 {n} 过大（上限 {MAX_COUNT}）")));
        }
        Ok(Value::Count(n))
    }

    fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<Value, E> {
        match u64::try_from(n) {
            Ok(n) => self.visit_u64(n),
            Err(_) => Err(E::custom(format!("件数不能为负数（{n}）"))),
        }
    }

    fn visit_f64<E: serde::de::Error>(self, n: f64) -> Result<Value, E> {
        if n < 0.0 {
            Err(E::custom(format!("件数不能为负数（{n}）")))
        } else if n.fract() == 0.0 && n <= MAX_COUNT as f64 {
            Err(E::custom(format!(
                "件数请写成整数 {n:.0}，不带小数点或指数"
            )))
        } else if n.fract() == 0.0 {
            Err(E::custom(format!("数字 {n} 过大（上限 {MAX_COUNT}）")))
        } else {
            Err(E::custom(format!(
                "件数应为整数，不能是 {n}；收费金额请写成字符串，如 \"{n}\""
            )))
        }
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Value, E> {
        Amount::parse(text)
            .map(Value::Amount)
            .ok_or_else(|| E::custom(format!("“{text}”不是非负数字")))
    }
}

/// A non-negative decimal kept exactly as typed: digits, optionally a point and more digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Amount(String);

impl Amount {
    /// Accepts `0`, `96171.6`, `24252.311082`; rejects signs, exponents, separators and
    /// more than 15 integer or 10 decimal digits.
    pub fn parse(text: &str) -> Option<Amount> {
        let (int, frac) = match text.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (text, None),
        };
        let digits = |s: &str, max: usize| {
            !s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit())
        };
        (digits(int, 15) && frac.is_none_or(|f| digits(f, 10))).then(|| Amount(text.to_string()))
    }

    /// The amount as typed.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// True when the amount is zero (`0`, `0.00`).
    pub fn is_zero(&self) -> bool {
        self.0.bytes().all(|b| b == b'0' || b == b'.')
    }
}

impl Report {
    /// An empty report for an agency and year: every cell blank, every text empty but the
    /// opening paragraph, which carries the customary wording with placeholders to fill.
    pub fn new(agency_name: &str, year: u16) -> Report {
        let opening = format!(
            "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求编制。本报告所列数据的统计期限为{year}年1月1日至{year}年12月31日。如对本报告有疑问，请与XX联系（地址：XX；电话：XX）。"
        );
        Report {
            format: FORMAT_NAME.to_string(),
            version: OLDEST_FORMAT_VERSION,
            details: Details {
                agency_name: agency_name.to_string(),
                agency_short_name: String::new(),
                year,
                agency_kind: AgencyKind::Department,
                publish_date: None,
                signatory: String::new(),
                signed_date: None,
                opening,
            },
            overview: Overview::default(),
            t2: TableValues::new(),
            t3: TableValues::new(),
            t4: TableValues::new(),
            problems: String::new(),
            other_matters: String::new(),
            printed: BTreeMap::new(),
            not_read: BTreeSet::new(),
            summed: None,
        }
    }

    /// The oldest file-format version that can hold this report: 1 unless it uses a
    /// field added in version 2, 3 or 4.
    pub fn needed_version(&self) -> u32 {
        if self.summed.is_some() {
            4
        } else if !self.not_read.is_empty() {
            3
        } else if self.printed.is_empty() && all_default(&self.overview.headings) {
            OLDEST_FORMAT_VERSION
        } else {
            2
        }
    }

    /// True when an import could not read this cell (see [`Report::not_read`]).
    pub fn is_not_read(&self, key: CellKey) -> bool {
        self.not_read.contains(&key.to_string())
    }

    /// Marks (or unmarks) a cell as not read by an import.
    pub fn set_not_read(&mut self, key: CellKey, not_read: bool) {
        if not_read {
            self.not_read.insert(key.to_string());
        } else {
            self.not_read.remove(&key.to_string());
        }
    }

    /// A total as the published report printed it, if recorded.
    pub fn printed_total(&self, key: CellKey) -> Option<u64> {
        self.printed.get(&key.to_string()).copied()
    }

    /// Records (or clears) a total as printed.
    pub fn set_printed(&mut self, key: CellKey, value: Option<u64>) {
        match value {
            Some(n) => {
                self.not_read.remove(&key.to_string());
                self.printed.insert(key.to_string(), n);
            }
            None => {
                self.printed.remove(&key.to_string());
            }
        }
    }

    /// The stored values of one table.
    pub fn table(&self, id: TableId) -> &TableValues {
        match id {
            TableId::T2 => &self.t2,
            TableId::T3 => &self.t3,
            TableId::T4 => &self.t4,
        }
    }

    /// The stored values of one table, for editing.
    pub fn table_mut(&mut self, id: TableId) -> &mut TableValues {
        match id {
            TableId::T2 => &mut self.t2,
            TableId::T3 => &mut self.t3,
            TableId::T4 => &mut self.t4,
        }
    }

    /// The value the user typed into an input cell (None when blank or a total).
    pub fn input(&self, key: CellKey) -> Option<&Value> {
        self.table(key.table).get(key.row)?.get(key.col)
    }

    /// Sets or clears an input cell. A total cannot be set, since it is computed from its
    /// parts, and a key the format does not declare names no cell: both are refused
    /// (false, and nothing changes), wherever the call comes from.
    pub fn set_input(&mut self, key: CellKey, value: Option<Value>) -> bool {
        if key.def().is_none_or(|d| d.kind == CellKind::Total) {
            return false;
        }
        if value.is_some() {
            self.not_read.remove(&key.to_string());
        }
        let table = self.table_mut(key.table);
        match value {
            Some(v) => {
                table
                    .entry(key.row.to_string())
                    .or_default()
                    .insert(key.col.to_string(), v);
            }
            None => {
                if let Some(row) = table.get_mut(key.row) {
                    row.remove(key.col);
                    if row.is_empty() {
                        table.remove(key.row);
                    }
                }
            }
        }
        true
    }

    /// The count in a cell, computing totals from their parts. A total is blank only when
    /// every part is blank; otherwise it is the sum of the filled parts (the blank ones are
    /// reported by the completeness check).
    pub fn count(&self, key: CellKey) -> Option<u64> {
        let def = key.def()?;
        match def.kind {
            CellKind::Total => def
                .parts
                .iter()
                .filter_map(|p| self.count(*p))
                .reduce(|a, b| a.saturating_add(b)),
            _ => self.input(key)?.count(),
        }
    }

    /// The text shown in a cell: the typed value, the computed total, or "" when blank.
    pub fn display(&self, key: CellKey) -> String {
        match key.def().map(|d| d.kind) {
            Some(CellKind::Total) => self.count(key).map(|n| n.to_string()).unwrap_or_default(),
            _ => self.input(key).map(|v| v.to_string()).unwrap_or_default(),
        }
    }

    /// Count of a cell given as (table, row, col), with 0 for blank; for rules and prose checks.
    pub fn count_or_zero(&self, table: TableId, row: &'static str, col: &'static str) -> u64 {
        self.count(CellKey { table, row, col }).unwrap_or(0)
    }

    /// The text of a text field ([`Field::TEXTS`]); None for a field that is not text (the
    /// year, the kind, a date).
    pub fn text(&self, field: Field) -> Option<&str> {
        let d = &self.details;
        Some(match field {
            Field::AgencyName => &d.agency_name,
            Field::AgencyShortName => &d.agency_short_name,
            Field::Signatory => &d.signatory,
            Field::Opening => &d.opening,
            Field::Lead => &self.overview.lead,
            Field::Part(i) => self.overview.parts().get(i)?.1,
            Field::Problems => &self.problems,
            Field::OtherMatters => &self.other_matters,
            Field::Year | Field::AgencyKind | Field::PublishDate | Field::SignedDate => {
                return None;
            }
        })
    }

    /// The title's agency name: the short form, or the full name when no short form is set.
    pub fn title_agency(&self) -> &str {
        let short = self.details.agency_short_name.trim();
        if short.is_empty() {
            self.details.agency_name.trim()
        } else {
            short
        }
    }

    /// The two title lines as agencies print them.
    pub fn title_lines(&self) -> [String; 2] {
        [
            self.title_agency().to_string(),
            format!("{}年政府信息公开工作年度报告", self.details.year),
        ]
    }

    /// 署名机关: the signatory, or the full agency name when none is set.
    pub fn signatory(&self) -> &str {
        let s = self.details.signatory.trim();
        if s.is_empty() {
            self.details.agency_name.trim()
        } else {
            s
        }
    }

    /// Every input cell of every table that is declared; used by tools that walk the table.
    pub fn input_keys() -> impl Iterator<Item = CellKey> {
        TableId::ALL
            .into_iter()
            .flat_map(|t| table_def(t).input_cells().map(|c| c.key))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_are_computed_from_parts() {
        let mut r = Report::new("示例局", 2023);
        let key = |row, col| CellKey {
            table: TableId::T3,
            row,
            col,
        };
        assert_eq!(
            r.count(key("r7_total", "total")),
            None,
            "all blank stays blank"
        );
        r.set_input(key("r1_granted", "natural_person"), Some(Value::Count(3)));
        r.set_input(key("r2_partial", "commercial"), Some(Value::Count(4)));
        assert_eq!(r.count(key("r1_granted", "total")), Some(3));
        assert_eq!(r.count(key("r7_total", "natural_person")), Some(3));
        assert_eq!(r.count(key("r7_total", "total")), Some(7));
        r.set_input(key("r1_granted", "natural_person"), None);
        assert!(
            !r.t3.contains_key("r1_granted"),
            "clearing leaves no empty row"
        );
    }

    #[test]
    fn a_total_cannot_be_set() {
        let mut r = Report::new("示例局", 2023);
        let key = |row, col| CellKey {
            table: TableId::T3,
            row,
            col,
        };
        assert!(r.set_input(key("r2_partial", "commercial"), Some(Value::Count(4))));
        let before = r.clone();
        for total in [key("r2_partial", "total"), key("r7_total", "commercial")] {
            assert!(!r.set_input(total, Some(Value::Count(99))), "{total}");
            assert!(!r.set_input(total, None), "{total}");
        }
        assert!(!r.set_input(key("no_such_row", "commercial"), Some(Value::Count(1))));
        assert_eq!(r, before, "nothing stored");
        assert_eq!(r.count(key("r7_total", "commercial")), Some(4));
    }

    #[test]
    fn amounts_stay_as_typed() {
        for ok in ["0", "96171.6", "24252.311082", "3985758"] {
            assert_eq!(
                Amount::parse(ok).map(|a| a.as_str().to_string()),
                Some(ok.into())
            );
        }
        for bad in ["", "-1", "1e5", ".5", "5.", "1,000", "+3", "１２"] {
            assert!(Amount::parse(bad).is_none(), "{bad}");
        }
        assert!(Amount::parse("0.00").is_some_and(|a| a.is_zero()));
    }

    #[test]
    fn dates_validate() {
        assert_eq!(
            Date::parse("2024-01-19").map(|d| d.chinese()),
            Some("2024年1月19日".into())
        );
        assert!(Date::parse("2023-02-29").is_none());
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("2024-1-19").is_none());
    }
}
