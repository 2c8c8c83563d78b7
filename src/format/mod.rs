//! The official format (国办公开办函〔2021〕30号), declared once as data.
//!
//! Every label, merge and cell key of the report lives here; the checks, the PDF, the
//! editor and the web copy all read this declaration, so nobody re-types a label.
//! Wording follows the official template exactly (summarised in `docs/format.md`).

use std::fmt;
use std::sync::OnceLock;

mod tables;
pub use tables::*;

/// Identifies one of the three statistical tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TableId {
    /// 二、主动公开政府信息情况
    T2,
    /// 三、收到和处理政府信息公开申请情况
    T3,
    /// 四、政府信息公开行政复议、行政诉讼情况
    T4,
}

impl TableId {
    /// All tables in report order.
    pub const ALL: [TableId; 3] = [TableId::T2, TableId::T3, TableId::T4];

    /// The key used in files and cell keys: `t2`, `t3`, `t4`.
    pub fn key(self) -> &'static str {
        match self {
            TableId::T2 => "t2",
            TableId::T3 => "t3",
            TableId::T4 => "t4",
        }
    }

    /// Short Chinese name used in messages: 表二, 表三, 表四.
    pub fn name(self) -> &'static str {
        match self {
            TableId::T2 => "表二",
            TableId::T3 => "表三",
            TableId::T4 => "表四",
        }
    }

    /// The section heading the table stands under.
    pub fn section_title(self) -> &'static str {
        match self {
            TableId::T2 => SECTION_TITLES[1],
            TableId::T3 => SECTION_TITLES[2],
            TableId::T4 => SECTION_TITLES[3],
        }
    }

    /// Parses `t2` / `t3` / `t4`.
    pub fn from_key(key: &str) -> Option<TableId> {
        TableId::ALL.into_iter().find(|t| t.key() == key)
    }
}

/// The six section headings, exactly as the template prints them.
pub const SECTION_TITLES: [&str; 6] = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
];

/// The five sub-headings of 一、总体情况, in order.
pub const OVERVIEW_HEADINGS: [&str; 5] = [
    "（一）主动公开",
    "（二）依申请公开",
    "（三）政府信息管理",
    "（四）政府信息公开平台建设",
    "（五）监督保障",
];

/// A part of the report, as the form tree, the checks and the command line all name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    /// 基本信息: agency, year, dates, 落款, the opening paragraph.
    Details,
    /// 一、总体情况.
    Overview,
    /// A table (二、三、四).
    Table(TableId),
    /// 五、存在的主要问题及改进情况.
    Problems,
    /// 六、其他需要报告的事项.
    OtherMatters,
}

impl Section {
    /// The name a person knows the part by: 基本信息, or its heading in the report.
    pub fn title(self) -> &'static str {
        match self {
            Section::Details => "基本信息",
            Section::Overview => SECTION_TITLES[0],
            Section::Table(t) => t.section_title(),
            Section::Problems => SECTION_TITLES[4],
            Section::OtherMatters => SECTION_TITLES[5],
        }
    }

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

/// One field of the report outside the tables: what a finding about it points at, and
/// what the app's form edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// 机关名称（全称）.
    AgencyName,
    /// 机关简称, printed in the title.
    AgencyShortName,
    /// 报告年度.
    Year,
    /// 机关类型.
    AgencyKind,
    /// 发布日期.
    PublishDate,
    /// 署名机关 of the 落款.
    Signatory,
    /// 成文日期 of the 落款.
    SignedDate,
    /// The opening paragraph.
    Opening,
    /// The text of 一 before （一）.
    Lead,
    /// One of 一's five parts, by index into [`OVERVIEW_HEADINGS`] (0 to 4).
    Part(usize),
    /// 五's text.
    Problems,
    /// 六's text.
    OtherMatters,
}

/// The report-file keys of 一's five parts, in order.
const PART_KEYS: [&str; 5] = [
    "overview.proactive",
    "overview.on_request",
    "overview.management",
    "overview.platform",
    "overview.supervision",
];

impl Field {
    /// Every text field (the fields that hold prose), in report order.
    pub const TEXTS: [Field; 12] = [
        Field::AgencyName,
        Field::AgencyShortName,
        Field::Signatory,
        Field::Opening,
        Field::Lead,
        Field::Part(0),
        Field::Part(1),
        Field::Part(2),
        Field::Part(3),
        Field::Part(4),
        Field::Problems,
        Field::OtherMatters,
    ];

    /// The part of the report the field belongs to.
    pub fn section(self) -> Section {
        match self {
            Field::Lead | Field::Part(_) => Section::Overview,
            Field::Problems => Section::Problems,
            Field::OtherMatters => Section::OtherMatters,
            _ => Section::Details,
        }
    }

    /// Its path in the report file: `details.signed_date`, `overview.proactive`, `problems`.
    pub fn key(self) -> &'static str {
        match self {
            Field::AgencyName => "details.agency_name",
            Field::AgencyShortName => "details.agency_short_name",
            Field::Year => "details.year",
            Field::AgencyKind => "details.agency_kind",
            Field::PublishDate => "details.publish_date",
            Field::Signatory => "details.signatory",
            Field::SignedDate => "details.signed_date",
            Field::Opening => "details.opening",
            Field::Lead => "overview.lead",
            Field::Part(i) => PART_KEYS.get(i).copied().unwrap_or("overview"),
            Field::Problems => "problems",
            Field::OtherMatters => "other_matters",
        }
    }

    /// The name messages call it by.
    pub fn name(self) -> &'static str {
        match self {
            Field::AgencyName => "机关名称",
            Field::AgencyShortName => "机关简称",
            Field::Year => "报告年度",
            Field::AgencyKind => "机关类型",
            Field::PublishDate => "发布日期",
            Field::Signatory => "署名机关",
            Field::SignedDate => "成文日期",
            Field::Opening => "开头段",
            Field::Lead => "一、总体情况（导语）",
            Field::Part(i) => OVERVIEW_HEADINGS
                .get(i)
                .copied()
                .unwrap_or(SECTION_TITLES[0]),
            Field::Problems => SECTION_TITLES[4],
            Field::OtherMatters => SECTION_TITLES[5],
        }
    }
}

/// The stable address of one table cell: `t3.r3_1_state_secret.natural_person`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CellKey {
    /// Which table.
    pub table: TableId,
    /// Row key from format.md §8.
    pub row: &'static str,
    /// Column key from format.md §8.
    pub col: &'static str,
}

impl fmt::Display for CellKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.table.key(), self.row, self.col)
    }
}

impl CellKey {
    /// Parses a key such as `t4.review.maintain`, accepting only cells the format declares.
    pub fn parse(text: &str) -> Option<CellKey> {
        let mut parts = text.split('.');
        let table = TableId::from_key(parts.next()?)?;
        let (row, col) = (parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        table_def(table)
            .cells()
            .find(|c| c.key.row == row && c.key.col == col)
            .map(|c| c.key)
    }

    /// The declaration of this cell.
    pub fn def(&self) -> Option<&'static DataCell> {
        table_def(self.table).cells().find(|c| c.key == *self)
    }

    /// A path of labels a person can read: `表三 / 三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密 / 自然人`.
    pub fn label_path(&self) -> String {
        match self.def() {
            Some(cell) => {
                let mut parts = vec![self.table.name().to_string()];
                parts.extend(cell.row_labels.iter().map(|s| s.to_string()));
                parts.extend(cell.col_labels.iter().map(|s| s.to_string()));
                parts.join(" / ")
            }
            None => self.to_string(),
        }
    }

    /// The shortest label that still says which cell this is, for messages:
    /// `1.属于国家秘密·自然人`.
    pub fn short_label(&self) -> String {
        match self.def() {
            Some(cell) => {
                let row = cell.row_labels.last().copied().unwrap_or("");
                match cell.col_labels.last() {
                    Some(col) => format!("{row}·{col}"),
                    None => row.to_string(),
                }
            }
            None => self.to_string(),
        }
    }
}

/// What a data cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    /// A count typed by the user: a non-negative integer.
    Count,
    /// An amount in 万元 typed by the user: a non-negative decimal kept as typed.
    Amount,
    /// A total computed from the listed parts; never typed, never stored.
    Total,
}

/// A data (number) cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct DataCell {
    /// Stable key.
    pub key: CellKey,
    /// Input or computed.
    pub kind: CellKind,
    /// For a total: the cells it adds up (which may themselves be totals).
    pub parts: Vec<CellKey>,
    /// Row labels from the outermost merged label to the row's own.
    pub row_labels: Vec<&'static str>,
    /// Column labels from the outermost header to the column's own (empty where the row
    /// has one value).
    pub col_labels: Vec<&'static str>,
}

/// What a grid position shows.
#[derive(Debug, Clone, PartialEq)]
pub enum GridContent {
    /// A header text (column heads, block titles); centred when printed.
    Header(&'static str),
    /// A row label; left aligned when printed.
    Label(&'static str),
    /// A number cell (input or total).
    Data(CellKey),
}

/// One cell of the printed grid, with its merge.
#[derive(Debug, Clone, PartialEq)]
pub struct GridCell {
    /// First grid row (0-based, header rows included).
    pub row: usize,
    /// First grid column.
    pub col: usize,
    /// Rows covered.
    pub rowspan: usize,
    /// Columns covered.
    pub colspan: usize,
    /// What it shows.
    pub content: GridContent,
}

/// A whole table: its grid with merges, and its data cells.
#[derive(Debug, Clone, PartialEq)]
pub struct TableDef {
    /// Which table.
    pub id: TableId,
    /// Number of grid columns.
    pub grid_cols: usize,
    /// Number of grid rows (header rows included).
    pub grid_rows: usize,
    /// Leading grid rows that repeat when the table continues on a new page.
    pub header_rows: usize,
    /// Every grid cell, in reading order (row, then column).
    pub grid: Vec<GridCell>,
    /// Every data cell, in reading order.
    pub data: Vec<DataCell>,
}

impl TableDef {
    /// Every data cell, in reading order.
    pub fn cells(&self) -> impl Iterator<Item = &DataCell> {
        self.data.iter()
    }

    /// Cells the user types (totals left out).
    pub fn input_cells(&self) -> impl Iterator<Item = &DataCell> {
        self.data.iter().filter(|c| c.kind != CellKind::Total)
    }
}

/// The declaration of one table, built once.
pub fn table_def(id: TableId) -> &'static TableDef {
    static DEFS: OnceLock<[TableDef; 3]> = OnceLock::new();
    let defs = DEFS.get_or_init(|| [tables::build_t2(), tables::build_t3(), tables::build_t4()]);
    match id {
        TableId::T2 => &defs[0],
        TableId::T3 => &defs[1],
        TableId::T4 => &defs[2],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every grid position is covered exactly once: merges neither overlap nor leave holes.
    #[test]
    fn grids_tile_exactly() {
        for id in TableId::ALL {
            let def = table_def(id);
            let mut covered = vec![vec![0u8; def.grid_cols]; def.grid_rows];
            for c in &def.grid {
                for row in covered.iter_mut().skip(c.row).take(c.rowspan) {
                    for slot in row.iter_mut().skip(c.col).take(c.colspan) {
                        *slot += 1;
                    }
                }
                assert!(c.row + c.rowspan <= def.grid_rows, "{id:?} {c:?}");
                assert!(c.col + c.colspan <= def.grid_cols, "{id:?} {c:?}");
            }
            for (r, row) in covered.iter().enumerate() {
                assert!(row.iter().all(|&n| n == 1), "{id:?} row {r}: {row:?}");
            }
        }
    }

    #[test]
    fn cell_counts_match_the_format() {
        assert_eq!(table_def(TableId::T2).data.len(), 10);
        assert_eq!(table_def(TableId::T3).data.len(), 25 * 7);
        assert_eq!(table_def(TableId::T4).data.len(), 15);
        let t3_inputs = table_def(TableId::T3).input_cells().count();
        assert_eq!(
            t3_inputs,
            24 * 6,
            "总计 column and （七）总计 row are computed"
        );
    }

    #[test]
    fn keys_parse_and_label() {
        let key = CellKey::parse("t3.r3_1_state_secret.natural_person").expect("declared");
        assert_eq!(
            key.label_path(),
            "表三 / 三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密 / 申请人情况 / 自然人"
        );
        assert!(CellKey::parse("t4.review.maintain").is_some());
        assert!(CellKey::parse("t2.normative_docs.valid").is_some());
        assert!(CellKey::parse("t2.fees_wan_yuan.amount").is_some());
        assert!(CellKey::parse("t3.nope.natural_person").is_none());
        assert!(CellKey::parse("t3.r1_granted").is_none());
        let merged = table_def(TableId::T3)
            .grid
            .iter()
            .find(|c| c.content == GridContent::Label("三、本年度办理结果"))
            .expect("merge declared");
        assert_eq!((merged.row, merged.rowspan), (5, 22));
    }
}
