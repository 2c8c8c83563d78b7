//! The table editor's grid, as pure functions: where each cell of the official grid lies,
//! which cell is next for an arrow, Tab or Enter, and how a block of tab-separated text
//! (copied from Excel or WPS) maps onto the table. No egui widgets here: only geometry and
//! the model, so all of it is unit-tested.

use egui::{Pos2, Rect};

use crate::format::{CellKey, CellKind, GridCell, GridContent, TableDef, TableId, table_def};
use crate::model::{Amount, MAX_COUNT, Report, Value};

/// Column edges and row edges of a laid-out table, from its top-left corner.
#[derive(Debug, Clone, PartialEq)]
pub struct Geometry {
    /// x of each column's left edge, and the right edge last (`grid_cols + 1` entries).
    pub col_x: Vec<f32>,
    /// y of each row's top edge, and the bottom edge last (`grid_rows + 1` entries).
    pub row_y: Vec<f32>,
}

/// Running sums: the edges of consecutive spans of the given sizes, starting at 0.
pub fn edges(sizes: &[f32]) -> Vec<f32> {
    let mut out = Vec::with_capacity(sizes.len() + 1);
    let mut at = 0.0;
    out.push(at);
    for s in sizes {
        at += s;
        out.push(at);
    }
    out
}

impl Geometry {
    /// Lays out `def` with the given column widths. Each row is as tall as its tallest
    /// one-row cell needs (`needed(cell, width)`, at least `min_row`); a merged cell taller
    /// than the rows it spans stretches the last of them, as the printed table does.
    pub fn new(
        def: &TableDef,
        col_widths: &[f32],
        min_row: f32,
        needed: impl Fn(&GridCell, f32) -> f32,
    ) -> Geometry {
        let col_x = edges(col_widths);
        let width = |c: &GridCell| col_x[c.col + c.colspan] - col_x[c.col];
        let mut rows = vec![min_row; def.grid_rows];
        for c in def.grid.iter().filter(|c| c.rowspan == 1) {
            rows[c.row] = rows[c.row].max(needed(c, width(c)));
        }
        for c in def.grid.iter().filter(|c| c.rowspan > 1) {
            let have: f32 = rows[c.row..c.row + c.rowspan].iter().sum();
            let need = needed(c, width(c));
            if need > have {
                rows[c.row + c.rowspan - 1] += need - have;
            }
        }
        Geometry {
            col_x,
            row_y: edges(&rows),
        }
    }

    /// The rectangle of a (possibly merged) grid cell, offset by `origin`.
    pub fn rect(&self, cell: &GridCell, origin: Pos2) -> Rect {
        Rect::from_min_max(
            origin + egui::vec2(self.col_x[cell.col], self.row_y[cell.row]),
            origin
                + egui::vec2(
                    self.col_x[cell.col + cell.colspan],
                    self.row_y[cell.row + cell.rowspan],
                ),
        )
    }

    /// Width and height of the whole table.
    pub fn size(&self) -> egui::Vec2 {
        egui::vec2(
            self.col_x.last().copied().unwrap_or(0.0),
            self.row_y.last().copied().unwrap_or(0.0),
        )
    }
}

/// The grid cell that shows a data cell.
pub fn grid_cell_of(key: CellKey) -> Option<&'static GridCell> {
    table_def(key.table)
        .grid
        .iter()
        .find(|c| c.content == GridContent::Data(key))
}

/// A keyboard move in the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// Arrow up.
    Up,
    /// Arrow down, or Enter.
    Down,
    /// Arrow left.
    Left,
    /// Arrow right.
    Right,
    /// Tab: the next cell to type into, in reading order.
    Next,
    /// Shift+Tab.
    Previous,
    /// Home: the first number cell of the row.
    RowStart,
    /// End: the last number cell of the row.
    RowEnd,
    /// Ctrl+Home: the first number cell of the table.
    TableStart,
    /// Ctrl+End: the last number cell of the table.
    TableEnd,
}

/// Rows a PgUp or PgDn moves.
pub const PAGE_ROWS: usize = 10;

fn is_input(key: CellKey) -> bool {
    key.def().is_some_and(|d| d.kind != CellKind::Total)
}

/// The cell a move lands on; the same cell when there is none that way. Arrows visit
/// every number cell (totals too, to read them); with `inputs_only` (Tab, Enter) the
/// computed totals are passed over.
pub fn step(from: CellKey, mv: Move, inputs_only: bool) -> CellKey {
    let def = table_def(from.table);
    let Some(here) = grid_cell_of(from) else {
        return from;
    };
    let cells: Vec<(&GridCell, CellKey)> = def
        .grid
        .iter()
        .filter_map(|c| match c.content {
            GridContent::Data(k) if !inputs_only || is_input(k) => Some((c, k)),
            _ => None,
        })
        .collect();
    let overlaps_cols =
        |c: &GridCell| c.col < here.col + here.colspan && here.col < c.col + c.colspan;
    let found = match mv {
        Move::Up => cells
            .iter()
            .filter(|(c, _)| c.row + c.rowspan <= here.row && overlaps_cols(c))
            .max_by_key(|(c, _)| (c.row, usize::MAX - c.col)),
        Move::Down => cells
            .iter()
            .filter(|(c, _)| c.row >= here.row + here.rowspan && overlaps_cols(c))
            .min_by_key(|(c, _)| (c.row, c.col)),
        Move::Left => cells
            .iter()
            .filter(|(c, _)| c.row == here.row && c.col < here.col)
            .max_by_key(|(c, _)| c.col),
        Move::Right => cells
            .iter()
            .filter(|(c, _)| c.row == here.row && c.col > here.col)
            .min_by_key(|(c, _)| c.col),
        Move::Next => cells
            .iter()
            .filter(|(c, _)| (c.row, c.col) > (here.row, here.col))
            .min_by_key(|(c, _)| (c.row, c.col)),
        Move::Previous => cells
            .iter()
            .filter(|(c, _)| (c.row, c.col) < (here.row, here.col))
            .max_by_key(|(c, _)| (c.row, c.col)),
        Move::RowStart => cells
            .iter()
            .filter(|(c, _)| c.row == here.row)
            .min_by_key(|(c, _)| c.col),
        Move::RowEnd => cells
            .iter()
            .filter(|(c, _)| c.row == here.row)
            .max_by_key(|(c, _)| c.col),
        Move::TableStart => cells.iter().min_by_key(|(c, _)| (c.row, c.col)),
        Move::TableEnd => cells.iter().max_by_key(|(c, _)| (c.row, c.col)),
    };
    found.map(|(_, k)| *k).unwrap_or(from)
}

/// The number cells of a table as rows of cells, the way a spreadsheet sees them: each
/// grid row that holds numbers, its cells left to right. Copy and paste work on these
/// coordinates.
pub fn logical_rows(table: TableId) -> Vec<Vec<CellKey>> {
    let def = table_def(table);
    let mut rows: Vec<(usize, Vec<(usize, CellKey)>)> = Vec::new();
    for c in &def.grid {
        if let GridContent::Data(k) = c.content {
            match rows.last_mut() {
                Some((r, cells)) if *r == c.row => cells.push((c.col, k)),
                _ => rows.push((c.row, vec![(c.col, k)])),
            }
        }
    }
    rows.into_iter()
        .map(|(_, mut cells)| {
            cells.sort_by_key(|c| c.0);
            cells.into_iter().map(|c| c.1).collect()
        })
        .collect()
}

/// Where a cell is in [`logical_rows`]: (row, column).
pub fn logical_pos(key: CellKey) -> Option<(usize, usize)> {
    logical_rows(key.table)
        .iter()
        .enumerate()
        .find_map(|(r, row)| row.iter().position(|k| *k == key).map(|c| (r, c)))
}

/// The cells of the block spanned by two corners, row by row.
pub fn block(a: CellKey, b: CellKey) -> Vec<Vec<CellKey>> {
    let (Some((ra, ca)), Some((rb, cb))) = (logical_pos(a), logical_pos(b)) else {
        return vec![vec![a]];
    };
    if a.table != b.table {
        return vec![vec![a]];
    }
    let rows = logical_rows(a.table);
    let (c0, c1) = (ca.min(cb), ca.max(cb));
    rows[ra.min(rb)..=ra.max(rb)]
        .iter()
        .map(|row| {
            row.iter()
                .enumerate()
                .filter(|(c, _)| (c0..=c1).contains(c))
                .map(|(_, k)| *k)
                .collect::<Vec<_>>()
        })
        .filter(|row| !row.is_empty())
        .collect()
}

/// A block of cells as tab-separated text, totals as computed, blanks empty.
pub fn copy_tsv(report: &Report, cells: &[Vec<CellKey>]) -> String {
    cells
        .iter()
        .map(|row| {
            row.iter()
                .map(|k| report.display(*k))
                .collect::<Vec<_>>()
                .join("\t")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Full-width digits and point (typed with a Chinese input method) as ASCII.
pub fn normalize_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' | '。' => '.',
            _ => c,
        })
        .collect()
}

/// Reads what was typed or pasted into a cell: blank (None), a count, or an amount.
/// Spaces and thousands separators (as Excel copies "1,234") are dropped.
pub fn parse_cell(kind: CellKind, text: &str) -> Result<Option<Value>, String> {
    let cleaned: String = normalize_digits(text)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != ',' && *c != '，')
        .collect();
    if cleaned.is_empty() {
        return Ok(None);
    }
    match kind {
        CellKind::Amount => Amount::parse(&cleaned)
            .map(|a| Some(Value::Amount(a)))
            .ok_or_else(|| format!("“{text}”不是金额，应填非负数字，如 0 或 12.5")),
        CellKind::Count | CellKind::Total => {
            if !cleaned.chars().all(|c| c.is_ascii_digit()) {
                return Err(format!("“{text}”不是件数，只能填写非负整数"));
            }
            match cleaned.parse::<u64>() {
                Ok(n) if n <= MAX_COUNT => Ok(Some(Value::Count(n))),
                _ => Err(format!("“{text}”过大，件数上限为 {MAX_COUNT}")),
            }
        }
    }
}

/// Fills a table from a block of tab-separated text, its top-left at `start`, as pasting
/// from Excel or WPS does. The whole block is refused, with the reason and nothing
/// changed, when it does not fit, holds something that is not a number, or gives a total
/// other than the one its parts add up to (a blank total in the block is fine).
pub fn paste(report: &Report, start: CellKey, text: &str) -> Result<Report, String> {
    let rows = logical_rows(start.table);
    let (r0, c0) = logical_pos(start).ok_or("请先选中表格中的一个单元格")?;
    let text = text.trim_end_matches(['\n', '\r']);
    if text.is_empty() {
        return Err("剪贴板中没有内容".into());
    }
    let block: Vec<Vec<&str>> = text
        .split('\n')
        .map(|line| line.trim_end_matches('\r').split('\t').collect())
        .collect();
    let mut out = report.clone();
    let mut totals = Vec::new();
    for (i, line) in block.iter().enumerate() {
        let Some(row) = rows.get(r0 + i) else {
            return Err(format!(
                "粘贴的内容有 {} 行，从所选单元格往下只有 {} 行，未作改动",
                block.len(),
                rows.len() - r0
            ));
        };
        for (j, cell_text) in line.iter().enumerate() {
            let Some(&key) = row.get(c0 + j) else {
                return Err(format!(
                    "粘贴的第{}行有 {} 列，放不下（这一行从所选位置起只有 {} 列），未作改动",
                    i + 1,
                    line.len(),
                    row.len().saturating_sub(c0)
                ));
            };
            let kind = key.def().map(|d| d.kind).unwrap_or(CellKind::Count);
            let value = parse_cell(kind, cell_text).map_err(|e| {
                format!(
                    "第{}行第{}列（{}）：{e}，未作改动",
                    i + 1,
                    j + 1,
                    key.short_label()
                )
            })?;
            if kind == CellKind::Total {
                if let Some(v) = value {
                    totals.push((key, v, i, j));
                }
            } else {
                out.set_input(key, value);
            }
        }
    }
    for (key, value, i, j) in totals {
        let computed = out.count(key);
        if computed != value.count() {
            return Err(format!(
                "第{}行第{}列是总计（{}）：粘贴的是 {value}，各项相加为 {}。总计由程序计算，未作改动",
                i + 1,
                j + 1,
                key.short_label(),
                computed
                    .map(|n| n.to_string())
                    .unwrap_or_else(|| "空".into())
            ));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(table: TableId, row: &'static str, col: &'static str) -> CellKey {
        CellKey { table, row, col }
    }

    #[test]
    fn merged_cells_get_the_rectangle_of_their_span() {
        let def = table_def(TableId::T3);
        let widths = vec![10.0; def.grid_cols];
        let g = Geometry::new(def, &widths, 5.0, |_, _| 5.0);
        let label = def
            .grid
            .iter()
            .find(|c| c.content == GridContent::Label("三、本年度办理结果"))
            .unwrap();
        let r = g.rect(label, Pos2::ZERO);
        assert_eq!((r.min.y, r.height(), r.width()), (25.0, 110.0, 10.0));
        assert_eq!(g.size(), egui::vec2(100.0, 140.0));
        // Every point of the table belongs to exactly one grid cell.
        for y in 0..28 {
            for x in 0..10 {
                let at = egui::pos2(x as f32 * 10.0 + 5.0, y as f32 * 5.0 + 2.5);
                let hits = def
                    .grid
                    .iter()
                    .filter(|c| g.rect(c, Pos2::ZERO).contains(at))
                    .count();
                assert_eq!(hits, 1, "at {at:?}");
            }
        }
    }

    #[test]
    fn a_tall_merged_label_stretches_its_last_row() {
        let def = table_def(TableId::T3);
        let widths = vec![10.0; def.grid_cols];
        let g = Geometry::new(def, &widths, 5.0, |c, _| {
            if c.content == GridContent::Label("（四）无法提供") {
                40.0
            } else {
                5.0
            }
        });
        // （四）无法提供 spans three rows (r4_1..r4_3, grid rows 15..18): the last grows.
        let rows: Vec<f32> = g.row_y.windows(2).map(|w| w[1] - w[0]).collect();
        assert_eq!(&rows[15..18], &[5.0, 5.0, 30.0]);
    }

    #[test]
    fn arrows_cross_merged_rows_and_tab_skips_totals() {
        use Move::*;
        let t3 = |row| k(TableId::T3, row, "natural_person");
        assert_eq!(step(t3("new_received"), Down, false), t3("carried_over"));
        assert_eq!(step(t3("carried_over"), Down, false), t3("r1_granted"));
        assert_eq!(
            step(t3("r3_8_admin_query"), Down, false),
            t3("r4_1_not_held")
        );
        assert_eq!(step(t3("r6_3_other"), Down, false), t3("r7_total"));
        assert_eq!(step(t3("r6_3_other"), Down, true), t3("carried_forward"));
        assert_eq!(step(t3("new_received"), Up, false), t3("new_received"));
        assert_eq!(
            step(k(TableId::T3, "new_received", "other_org"), Right, false),
            k(TableId::T3, "new_received", "total")
        );
        assert_eq!(
            step(k(TableId::T3, "new_received", "other_org"), Next, true),
            t3("carried_over")
        );
        assert_eq!(
            step(t3("carried_over"), Previous, true),
            k(TableId::T3, "new_received", "other_org")
        );
        // Table 二: from a three-column row down into a row of one merged value.
        let t2 = |row, col| k(TableId::T2, row, col);
        assert_eq!(
            step(t2("normative_docs", "valid"), Down, false),
            t2("licensing_decisions", "count")
        );
        assert_eq!(
            step(t2("licensing_decisions", "count"), Up, false),
            t2("normative_docs", "made")
        );
        // Table 四: one row; Tab passes over each group's 总计.
        let t4 = |row, col| k(TableId::T4, row, col);
        assert_eq!(
            step(t4("review", "pending"), Next, true),
            t4("litigation_direct", "maintain")
        );
        assert_eq!(
            step(t4("review", "pending"), Down, false),
            t4("review", "pending")
        );
    }

    #[test]
    fn copy_and_paste_blocks() {
        let mut r = Report::new("示例局", 2024);
        let start = k(TableId::T3, "new_received", "natural_person");
        let pasted = paste(&r, start, "3\t1\t0\t0\t0\t0\r\n1\t\t0\t0\t0\t0\n").unwrap();
        assert_eq!(
            pasted.count(k(TableId::T3, "new_received", "total")),
            Some(4)
        );
        assert_eq!(
            pasted.input(k(TableId::T3, "carried_over", "commercial")),
            None
        );
        let block = block(start, k(TableId::T3, "carried_over", "total"));
        assert_eq!(
            copy_tsv(&pasted, &block),
            "3\t1\t0\t0\t0\t0\t4\n1\t\t0\t0\t0\t0\t1"
        );
        // A block with the right totals pastes back; a wrong total, a word, or a block
        // too wide is refused and changes nothing.
        r = paste(&r, start, &copy_tsv(&pasted, &block)).unwrap();
        assert_eq!(r, pasted);
        let wrong = paste(&r, start, "3\t1\t0\t0\t0\t0\t5").unwrap_err();
        assert!(
            wrong.contains("总计") && wrong.contains("各项相加为 4"),
            "{wrong}"
        );
        assert!(paste(&r, start, "3\t一").unwrap_err().contains("不是件数"));
        assert!(
            paste(&r, start, "1\t2\t3\t4\t5\t6\t7\t8")
                .unwrap_err()
                .contains("放不下")
        );
        let last = k(TableId::T3, "carried_forward", "natural_person");
        assert!(paste(&r, last, "1\n2").unwrap_err().contains("只有 1 行"));
        // Thousands separators and full-width digits read as numbers.
        let r2 = paste(&r, start, "1,234\t５").unwrap();
        assert_eq!(r2.count(start), Some(1234));
        assert_eq!(
            r2.count(k(TableId::T3, "new_received", "commercial")),
            Some(5)
        );
    }

    #[test]
    fn typed_text_is_parsed_never_mended() {
        // A point or a letter in a count is refused, never dropped: "12.5" is not 125.
        assert!(parse_cell(CellKind::Count, "12.5").is_err());
        assert!(parse_cell(CellKind::Count, "a-1.5x").is_err());
        assert!(parse_cell(CellKind::Amount, "12.5.3元").is_err());
        assert_eq!(
            parse_cell(CellKind::Count, "1２3"),
            Ok(Some(Value::Count(123)))
        );
        assert_eq!(parse_cell(CellKind::Count, " "), Ok(None));
        assert_eq!(parse_cell(CellKind::Count, "0"), Ok(Some(Value::Count(0))));
        assert!(parse_cell(CellKind::Count, "9999999999999").is_err());
        assert_eq!(
            parse_cell(CellKind::Amount, "0.35"),
            Ok(Some(Value::Amount(Amount::parse("0.35").unwrap())))
        );
    }
}
