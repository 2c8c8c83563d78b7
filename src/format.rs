//! The official format (国办公开办函〔2021〕30号), declared once as data.
//!
//! Every label, merge and cell key of the report lives here; the checks, the PDF, the
//! editor and the web copy all read this declaration, so nobody re-types a label.
//! Wording follows the official template exactly (summarised in `docs/format.md`).

use std::fmt;
use std::sync::OnceLock;

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
    let defs = DEFS.get_or_init(|| [build_t2(), build_t3(), build_t4()]);
    match id {
        TableId::T2 => &defs[0],
        TableId::T3 => &defs[1],
        TableId::T4 => &defs[2],
    }
}

// ---- 表二 ----------------------------------------------------------------------------

/// One block of table 二: a 第二十条 item with its header and rows.
struct T2Block {
    title: &'static str,
    /// Value-column headers: three for (一), one spanning three otherwise.
    heads: &'static [&'static str],
    rows: &'static [(&'static str, &'static str)],
}

const T2_THREE_COLS: [(&str, &str); 3] = [
    ("made", "本年制发件数"),
    ("repealed", "本年废止件数"),
    ("valid", "现行有效件数"),
];

const T2_BLOCKS: [T2Block; 4] = [
    T2Block {
        title: "第二十条第（一）项",
        heads: &["本年制发件数", "本年废止件数", "现行有效件数"],
        rows: &[
            ("regulations", "规章"),
            ("normative_docs", "行政规范性文件"),
        ],
    },
    T2Block {
        title: "第二十条第（五）项",
        heads: &["本年处理决定数量"],
        rows: &[("licensing_decisions", "行政许可")],
    },
    T2Block {
        title: "第二十条第（六）项",
        heads: &["本年处理决定数量"],
        rows: &[
            ("punishment_decisions", "行政处罚"),
            ("coercion_decisions", "行政强制"),
        ],
    },
    T2Block {
        title: "第二十条第（八）项",
        heads: &["本年收费金额（单位：万元）"],
        rows: &[("fees_wan_yuan", "行政事业性收费")],
    },
];

/// Column key of a single-value count row of table 二.
pub const T2_COUNT_COL: &str = "count";
/// Column key of the fee row of table 二.
pub const T2_AMOUNT_COL: &str = "amount";

fn build_t2() -> TableDef {
    let mut grid = Vec::new();
    let mut data = Vec::new();
    let mut row = 0;
    for block in &T2_BLOCKS {
        grid.push(cell(row, 0, 1, 4, GridContent::Header(block.title)));
        row += 1;
        grid.push(cell(row, 0, 1, 1, GridContent::Header("信息内容")));
        if block.heads.len() == 3 {
            for (i, head) in block.heads.iter().enumerate() {
                grid.push(cell(row, 1 + i, 1, 1, GridContent::Header(head)));
            }
        } else {
            grid.push(cell(row, 1, 1, 3, GridContent::Header(block.heads[0])));
        }
        row += 1;
        for &(row_key, label) in block.rows {
            grid.push(cell(row, 0, 1, 1, GridContent::Label(label)));
            if block.heads.len() == 3 {
                for (i, &(col, head)) in T2_THREE_COLS.iter().enumerate() {
                    let key = CellKey {
                        table: TableId::T2,
                        row: row_key,
                        col,
                    };
                    grid.push(cell(row, 1 + i, 1, 1, GridContent::Data(key)));
                    data.push(input(key, CellKind::Count, vec![label], vec![head]));
                }
            } else {
                let (col, kind) = if row_key == "fees_wan_yuan" {
                    (T2_AMOUNT_COL, CellKind::Amount)
                } else {
                    (T2_COUNT_COL, CellKind::Count)
                };
                let key = CellKey {
                    table: TableId::T2,
                    row: row_key,
                    col,
                };
                grid.push(cell(row, 1, 1, 3, GridContent::Data(key)));
                data.push(input(key, kind, vec![label], vec![block.heads[0]]));
            }
            row += 1;
        }
    }
    TableDef {
        id: TableId::T2,
        grid_cols: 4,
        grid_rows: row,
        header_rows: 0,
        grid,
        data,
    }
}

// ---- 表三 ----------------------------------------------------------------------------

/// Table 三's seven value columns: (key, label); the last is the computed 总计.
pub const T3_COLUMNS: [(&str, &str); 7] = [
    ("natural_person", "自然人"),
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("social_welfare", "社会公益组织"),
    ("legal_service", "法律服务机构"),
    ("other_org", "其他"),
    ("total", "总计"),
];

/// Table 三's body rows: (key, label, first label column, label colspan).
pub const T3_ROWS: [(&str, &str, usize, usize); 25] = [
    ("new_received", "一、本年新收政府信息公开申请数量", 0, 3),
    ("carried_over", "二、上年结转政府信息公开申请数量", 0, 3),
    ("r1_granted", "（一）予以公开", 1, 2),
    (
        "r2_partial",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        1,
        2,
    ),
    ("r3_1_state_secret", "1.属于国家秘密", 2, 1),
    ("r3_2_law_prohibited", "2.其他法律行政法规禁止公开", 2, 1),
    ("r3_3_three_safeties", "3.危及“三安全一稳定”", 2, 1),
    ("r3_4_third_party", "4.保护第三方合法权益", 2, 1),
    ("r3_5_internal_affairs", "5.属于三类内部事务信息", 2, 1),
    ("r3_6_process_info", "6.属于四类过程性信息", 2, 1),
    ("r3_7_enforcement_file", "7.属于行政执法案卷", 2, 1),
    ("r3_8_admin_query", "8.属于行政查询事项", 2, 1),
    ("r4_1_not_held", "1.本机关不掌握相关政府信息", 2, 1),
    ("r4_2_needs_creation", "2.没有现成信息需要另行制作", 2, 1),
    ("r4_3_still_unclear", "3.补正后申请内容仍不明确", 2, 1),
    ("r5_1_petition_complaint", "1.信访举报投诉类申请", 2, 1),
    ("r5_2_repeated", "2.重复申请", 2, 1),
    ("r5_3_publication", "3.要求提供公开出版物", 2, 1),
    ("r5_4_mass_repeated", "4.无正当理由大量反复申请", 2, 1),
    (
        "r5_5_confirm_reissue",
        "5.要求行政机关确认或重新出具已获取信息",
        2,
        1,
    ),
    (
        "r6_1_no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        2,
        1,
    ),
    (
        "r6_2_fee_unpaid",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        2,
        1,
    ),
    ("r6_3_other", "3.其他", 2, 1),
    ("r7_total", "（七）总计", 1, 2),
    ("carried_forward", "四、结转下年度继续办理", 0, 3),
];

/// Table 三's merged row labels: (text, column, first row key, rowspan).
pub const T3_LABEL_MERGES: [(&str, usize, &str, usize); 5] = [
    ("三、本年度办理结果", 0, "r1_granted", 22),
    ("（三）不予公开", 1, "r3_1_state_secret", 8),
    ("（四）无法提供", 1, "r4_1_not_held", 3),
    ("（五）不予处理", 1, "r5_1_petition_complaint", 5),
    ("（六）其他处理", 1, "r6_1_no_correction", 3),
];

/// The table's own statement of its 勾稽关系, printed in its top-left corner.
pub const T3_CORNER: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

/// Table 三's 勾稽关系, per column: the rows on the left (一、新收 and 二、上年结转) add up
/// to the rows on the right (（七）总计 and 四、结转下年度), as [`T3_CORNER`] states it.
/// The checks (computed and printed figures) and the importer all read it from here.
pub const T3_IDENTITY: ([&str; 2], [&str; 2]) = (
    ["new_received", "carried_over"],
    ["r7_total", "carried_forward"],
);

/// A row label without its closing remark in brackets, for messages:
/// "（二）部分公开（区分处理的，…）" → "（二）部分公开"; a label that is all bracket
/// ("（三）不予公开") stays whole.
pub fn short_label(label: &str) -> &str {
    match label.rfind('（') {
        Some(at) if at > 0 && label.ends_with('）') => &label[..at],
        _ => label,
    }
}

/// The label of table 三's row `key` (its own, not the merged block's).
pub fn t3_row_label(key: &str) -> Option<&'static str> {
    T3_ROWS.iter().find(|r| r.0 == key).map(|r| r.1)
}

/// Row keys of table 三 whose sum is （七）总计.
pub fn t3_result_rows() -> impl Iterator<Item = &'static str> {
    T3_ROWS[2..23].iter().map(|r| r.0)
}

fn build_t3() -> TableDef {
    const HEADER_ROWS: usize = 3;
    let mut grid = vec![
        cell(0, 0, 3, 3, GridContent::Header(T3_CORNER)),
        cell(0, 3, 1, 7, GridContent::Header("申请人情况")),
        cell(1, 3, 2, 1, GridContent::Header("自然人")),
        cell(1, 4, 1, 5, GridContent::Header("法人或其他组织")),
        cell(1, 9, 2, 1, GridContent::Header("总计")),
    ];
    for (i, &(_, label)) in T3_COLUMNS[1..6].iter().enumerate() {
        grid.push(cell(2, 4 + i, 1, 1, GridContent::Header(label)));
    }
    let mut data = Vec::new();
    for (i, &(row_key, label, first_col, span)) in T3_ROWS.iter().enumerate() {
        let grid_row = HEADER_ROWS + i;
        for &(text, col, first, rowspan) in &T3_LABEL_MERGES {
            if first == row_key {
                grid.push(cell(grid_row, col, rowspan, 1, GridContent::Label(text)));
            }
        }
        grid.push(cell(
            grid_row,
            first_col,
            1,
            span,
            GridContent::Label(label),
        ));
        let row_labels: Vec<&'static str> = T3_LABEL_MERGES
            .iter()
            .filter(|m| {
                let start = T3_ROWS
                    .iter()
                    .position(|r| r.0 == m.2)
                    .unwrap_or(usize::MAX);
                (start..start.saturating_add(m.3)).contains(&i)
            })
            .map(|m| m.0)
            .chain(std::iter::once(label))
            .collect();
        for (c, &(col, col_label)) in T3_COLUMNS.iter().enumerate() {
            let key = CellKey {
                table: TableId::T3,
                row: row_key,
                col,
            };
            grid.push(cell(grid_row, 3 + c, 1, 1, GridContent::Data(key)));
            let col_labels = match c {
                0 | 6 => vec!["申请人情况", col_label],
                _ => vec!["申请人情况", "法人或其他组织", col_label],
            };
            let (kind, parts) = if col == "total" {
                let parts = T3_COLUMNS[..6]
                    .iter()
                    .map(|&(c, _)| CellKey { col: c, ..key })
                    .collect();
                (CellKind::Total, parts)
            } else if row_key == "r7_total" {
                let parts = t3_result_rows()
                    .map(|r| CellKey { row: r, ..key })
                    .collect();
                (CellKind::Total, parts)
            } else {
                (CellKind::Count, Vec::new())
            };
            data.push(DataCell {
                key,
                kind,
                parts,
                row_labels: row_labels.clone(),
                col_labels,
            });
        }
    }
    grid.sort_by_key(|c| (c.row, c.col));
    TableDef {
        id: TableId::T3,
        grid_cols: 10,
        grid_rows: HEADER_ROWS + T3_ROWS.len(),
        header_rows: HEADER_ROWS,
        grid,
        data,
    }
}

// ---- 表四 ----------------------------------------------------------------------------

/// Table 四's three groups: (key, label, parent label).
pub const T4_GROUPS: [(&str, &str, Option<&str>); 3] = [
    ("review", "行政复议", None),
    ("litigation_direct", "未经复议直接起诉", Some("行政诉讼")),
    ("litigation_after_review", "复议后起诉", Some("行政诉讼")),
];

/// Table 四's five columns within each group; the last is the computed 总计.
pub const T4_COLUMNS: [(&str, &str); 5] = [
    ("maintain", "结果维持"),
    ("correct", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
];

fn build_t4() -> TableDef {
    let mut grid = vec![
        cell(0, 0, 1, 5, GridContent::Header("行政复议")),
        cell(0, 5, 1, 10, GridContent::Header("行政诉讼")),
    ];
    for (i, &(_, label)) in T4_COLUMNS.iter().enumerate() {
        grid.push(cell(1, i, 2, 1, GridContent::Header(label)));
    }
    grid.push(cell(1, 5, 1, 5, GridContent::Header(T4_GROUPS[1].1)));
    grid.push(cell(1, 10, 1, 5, GridContent::Header(T4_GROUPS[2].1)));
    for g in 1..3 {
        for (i, &(_, label)) in T4_COLUMNS.iter().enumerate() {
            grid.push(cell(2, g * 5 + i, 1, 1, GridContent::Header(label)));
        }
    }
    let mut data = Vec::new();
    for (g, &(group, group_label, parent)) in T4_GROUPS.iter().enumerate() {
        for (i, &(col, label)) in T4_COLUMNS.iter().enumerate() {
            let key = CellKey {
                table: TableId::T4,
                row: group,
                col,
            };
            grid.push(cell(3, g * 5 + i, 1, 1, GridContent::Data(key)));
            let (kind, parts) = if col == "total" {
                let parts = T4_COLUMNS[..4]
                    .iter()
                    .map(|&(c, _)| CellKey { col: c, ..key })
                    .collect();
                (CellKind::Total, parts)
            } else {
                (CellKind::Count, Vec::new())
            };
            let mut col_labels: Vec<&'static str> = parent.into_iter().collect();
            col_labels.extend([group_label, label]);
            data.push(DataCell {
                key,
                kind,
                parts,
                row_labels: Vec::new(),
                col_labels,
            });
        }
    }
    grid.sort_by_key(|c| (c.row, c.col));
    TableDef {
        id: TableId::T4,
        grid_cols: 15,
        grid_rows: 4,
        header_rows: 3,
        grid,
        data,
    }
}

fn cell(row: usize, col: usize, rowspan: usize, colspan: usize, content: GridContent) -> GridCell {
    GridCell {
        row,
        col,
        rowspan,
        colspan,
        content,
    }
}

fn input(
    key: CellKey,
    kind: CellKind,
    row_labels: Vec<&'static str>,
    col_labels: Vec<&'static str>,
) -> DataCell {
    DataCell {
        key,
        kind,
        parts: Vec::new(),
        row_labels,
        col_labels,
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
