//! The three statistical tables as data: every label, merge and cell key of 表二, 表三 and
//! 表四, built once into a `TableDef` (see `super::table_def`).

use super::*;

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

pub(super) fn build_t2() -> TableDef {
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

pub(super) fn build_t3() -> TableDef {
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

pub(super) fn build_t4() -> TableDef {
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
