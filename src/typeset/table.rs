//! Laying out the official tables: column widths, wrapped cell text, row heights, and
//! splitting across pages with the header rows repeated and cut merged labels shown whole.

use crate::format::{GridCell, GridContent, TableDef, TableId};
use crate::model::Report;

use super::display::Item;
use super::fonts::Role;
use super::grid::{Geometry, edges};
use super::line_break::{Align, Line, wrap_cell};
use super::{fonts, pt_to_mm};

/// Table text size: 五号 (10.5 pt), as real reports print these wide tables.
pub const TABLE_SIZE_PT: f32 = 10.5;
/// The smallest size a long number is shrunk to (a 12-digit count in the narrowest column).
const MIN_NUMBER_PT: f32 = 6.0;
/// Line pitch inside a cell.
const CELL_LINE_MM: f32 = TABLE_SIZE_PT * 1.3 * 25.4 / 72.0;
/// Space between a cell's rules and its text.
const PAD_X_MM: f32 = 0.8;
const PAD_Y_MM: f32 = 0.9;
/// Thin rules.
const RULE_PT: f32 = 0.5;

/// Column widths in mm for each table; each row adds up to the 156 mm text block.
pub fn column_widths_mm(id: TableId) -> Vec<f32> {
    match id {
        TableId::T2 => vec![48.0, 36.0, 36.0, 36.0],
        // Three label columns (merged group label, sub-group, item), then seven numbers.
        TableId::T3 => {
            let mut w = vec![10.0, 19.0, 40.0];
            w.extend([13.0, 12.0, 12.0, 13.0, 13.0, 11.0, 13.0]);
            w
        }
        TableId::T4 => vec![156.0 / 15.0; 15],
    }
}

/// A cell with its text wrapped to its width.
struct CellBox<'a> {
    cell: &'a GridCell,
    lines: Vec<Line>,
    /// Text size: [`TABLE_SIZE_PT`], or smaller for a number too long for its column.
    size_pt: f32,
    /// Height the text needs, padding included.
    need_mm: f32,
}

/// A table measured once, ready to be cut into page parts.
pub struct TableLayout<'a> {
    def: &'a TableDef,
    col_x_mm: Vec<f32>,
    cells: Vec<CellBox<'a>>,
    /// Height of each grid row before any page break.
    row_mm: Vec<f32>,
}

/// A run of rows drawn on one page: the repeated header rows, then `rows` of the body.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// Body rows in this part.
    pub rows: std::ops::Range<usize>,
    /// Height of each displayed row (headers first), adjusted so that a merged label cut
    /// by a page break still fits whole.
    pub heights_mm: Vec<(usize, f32)>,
}

impl Part {
    /// Total height of the part.
    pub fn height_mm(&self) -> f32 {
        self.heights_mm.iter().map(|h| h.1).sum()
    }
}

impl<'a> TableLayout<'a> {
    /// Measures every cell of `def`, filled from `report`.
    pub fn new(def: &'a TableDef, report: &Report) -> TableLayout<'a> {
        let col_x_mm = edges(&column_widths_mm(def.id));
        let cells: Vec<CellBox> = def
            .grid
            .iter()
            .map(|cell| {
                let (text, align) = cell_text(cell, report);
                let width_mm = col_x_mm[cell.col + cell.colspan] - col_x_mm[cell.col];
                let width_pt = super::mm_to_pt(width_mm - 2.0 * PAD_X_MM);
                // A number is never broken: one too wide for its column is set smaller.
                let size_pt = match cell.content {
                    GridContent::Data(_) => {
                        let natural = fonts::measure_pt(&text, Role::Fang, TABLE_SIZE_PT);
                        if natural > width_pt {
                            (TABLE_SIZE_PT * width_pt / natural).max(MIN_NUMBER_PT)
                        } else {
                            TABLE_SIZE_PT
                        }
                    }
                    _ => TABLE_SIZE_PT,
                };
                let advance = |c| fonts::char_advance_pt(Role::Fang, c, size_pt);
                let mut lines = wrap_cell(&text, width_pt, align, advance);
                if lines.iter().any(|l| l.natural_width_pt > width_pt + 1e-3) {
                    // Even the smallest size is too wide: split the digits over lines.
                    lines = split_to_width(&text, width_pt, advance);
                }
                let need_mm = lines.len().max(1) as f32 * CELL_LINE_MM + 2.0 * PAD_Y_MM;
                CellBox {
                    cell,
                    lines,
                    size_pt,
                    need_mm,
                }
            })
            .collect();
        // Row heights by the grid arithmetic the editor shares: a merged cell taller than
        // its rows stretches its last row.
        let needs: Vec<f32> = cells.iter().map(|b| b.need_mm).collect();
        let geometry = Geometry::from_needs(def, col_x_mm, CELL_LINE_MM + 2.0 * PAD_Y_MM, &needs);
        TableLayout {
            def,
            col_x_mm: geometry.col_x,
            cells,
            row_mm: geometry.rows,
        }
    }

    /// Height of the repeated header rows.
    fn header_mm(&self) -> f32 {
        self.row_mm[..self.def.header_rows].iter().sum()
    }

    /// The part showing body rows `rows`, with merged labels cut by its ends made to fit.
    fn part(&self, rows: std::ops::Range<usize>) -> Part {
        let shown: Vec<usize> = self.repeated_rows(rows.start).chain(rows.clone()).collect();
        let mut heights: Vec<(usize, f32)> = shown.iter().map(|&r| (r, self.row_mm[r])).collect();
        for b in &self.cells {
            let (first, end) = (b.cell.row, b.cell.row + b.cell.rowspan);
            let cut = first < rows.start || end > rows.end;
            if b.cell.rowspan == 1 || !cut || end <= rows.start || first >= rows.end {
                continue;
            }
            let (a, z) = (first.max(rows.start), end.min(rows.end));
            let have: f32 = heights
                .iter()
                .filter(|(r, _)| (a..z).contains(r))
                .map(|h| h.1)
                .sum();
            if b.need_mm > have
                && let Some(h) = heights.iter_mut().find(|(r, _)| *r == z - 1)
            {
                h.1 += b.need_mm - have;
            }
        }
        Part {
            rows,
            heights_mm: heights,
        }
    }

    /// True when a row holds only headers (a block title of table 二), which must not end
    /// a page.
    fn header_only(&self, row: usize) -> bool {
        self.cells
            .iter()
            .filter(|b| b.cell.row == row)
            .all(|b| matches!(b.cell.content, GridContent::Header(_)))
    }

    /// The header rows a part starting at body row `start` repeats: the table's header
    /// rows; in table 二, which has none, the title and 信息内容 rows of a 第二十条 block
    /// the part continues (only a block taller than a page is ever continued).
    fn repeated_rows(&self, start: usize) -> std::ops::Range<usize> {
        if self.def.header_rows > 0 {
            return 0..self.def.header_rows;
        }
        let block = (0..=start)
            .rev()
            .find(|&r| self.break_allowed(r))
            .unwrap_or(0);
        let header_end = (block..start)
            .find(|&r| !self.header_only(r))
            .unwrap_or(start);
        block..header_end
    }

    /// True when a page may break before `row`: anywhere in tables 三 and 四 (their header
    /// rows repeat), only before a block's 第二十条 title row in table 二, whose blocks
    /// each carry their own header.
    fn break_allowed(&self, row: usize) -> bool {
        self.def.header_rows > 0
            || row >= self.def.grid_rows
            || (self.header_only(row) && (row == 0 || !self.header_only(row - 1)))
    }

    /// Cuts the table into parts: the first fits in `first_avail_mm`, the others in
    /// `page_mm` each. Returns None when not even the header and one row fit in the first
    /// space, so the caller starts the table on a new page.
    pub fn paginate(&self, first_avail_mm: f32, page_mm: f32) -> Option<Vec<Part>> {
        let body_start = self.def.header_rows;
        let mut parts = Vec::new();
        let mut start = body_start;
        let mut avail = first_avail_mm;
        while start < self.def.grid_rows {
            let mut end = start;
            let mut used = self.header_mm();
            while end < self.def.grid_rows && used + self.row_mm[end] <= avail + 1e-3 {
                used += self.row_mm[end];
                end += 1;
            }
            // Table 二 breaks only between its 第二十条 blocks, so a block keeps its title,
            // its 信息内容 header and its rows together.
            let fitted = end;
            while end > start && end < self.def.grid_rows && !self.break_allowed(end) {
                end -= 1;
            }
            if end == start {
                if parts.is_empty() && avail < page_mm {
                    return None;
                }
                end = fitted; // a block taller than a page: break it like any table
            }
            while end < self.def.grid_rows && end > start + 1 && self.header_only(end - 1) {
                end -= 1;
            }
            // Fitting cut labels can add height: step back until the part fits.
            while end > start + 1 && self.part(start..end).height_mm() > avail + 1e-3 {
                end -= 1;
            }
            if end == start || (end < self.def.grid_rows && self.header_only(end - 1)) {
                if parts.is_empty() && avail < page_mm {
                    return None;
                }
                end = (start + 1).max(end); // a row taller than a page: place it anyway
            }
            parts.push(self.part(start..end));
            start = end;
            avail = page_mm;
        }
        Some(parts)
    }

    /// Draws one part with its top-left corner at (`x_mm`, `y_mm`).
    pub fn draw(&self, part: &Part, x_mm: f32, y_mm: f32, items: &mut Vec<Item>) -> Vec<char> {
        let mut missing = Vec::new();
        let mut row_top = std::collections::BTreeMap::new();
        let mut y = y_mm;
        for &(r, h) in &part.heights_mm {
            row_top.insert(r, (y, h));
            y += h;
        }
        let bottom = y;
        let shown = |r: usize| row_top.contains_key(&r);
        for b in &self.cells {
            let rows: Vec<usize> = (b.cell.row..b.cell.row + b.cell.rowspan)
                .filter(|&r| shown(r))
                .collect();
            let (Some(&first), Some(&last)) = (rows.first(), rows.last()) else {
                continue;
            };
            let top = row_top[&first].0;
            let (last_top, last_h) = row_top[&last];
            let height = last_top + last_h - top;
            let left = x_mm + self.col_x_mm[b.cell.col];
            let right = x_mm + self.col_x_mm[b.cell.col + b.cell.colspan];
            items.push(rule(left, top, right, top));
            items.push(rule(left, top, left, top + height));
            let text_h = b.lines.len() as f32 * CELL_LINE_MM;
            let mut line_top = top + (height - text_h) / 2.0;
            for line in &b.lines {
                let baseline = line_top + CELL_LINE_MM / 2.0 + 0.38 * pt_to_mm(b.size_pt);
                match super::place_line(line, Role::Fang, b.size_pt, left + PAD_X_MM, baseline) {
                    Ok(placed) => items.extend(placed),
                    Err(e) => missing.extend(e.chars),
                }
                line_top += CELL_LINE_MM;
            }
        }
        let right = x_mm + self.col_x_mm.last().copied().unwrap_or(0.0);
        items.push(rule(right, y_mm, right, bottom));
        items.push(rule(x_mm, bottom, right, bottom));
        missing
    }
}

/// Centred lines of as many characters as fit in `width_pt`, breaking anywhere.
fn split_to_width(text: &str, width_pt: f32, advance: impl Fn(char) -> f32) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    let mut current = String::new();
    let mut current_w = 0.0;
    for c in text.chars() {
        let w = advance(c);
        if current_w + w > width_pt && !current.is_empty() {
            lines.push(centred(std::mem::take(&mut current), current_w, width_pt));
            current_w = 0.0;
        }
        current.push(c);
        current_w += w;
    }
    if !current.is_empty() {
        lines.push(centred(current, current_w, width_pt));
    }
    lines
}

fn centred(text: String, natural_width_pt: f32, width_pt: f32) -> Line {
    Line {
        text,
        x_offset_pt: (width_pt - natural_width_pt) / 2.0,
        natural_width_pt,
        letter_spacing_pt: 0.0,
    }
}

/// The text a grid cell shows and how it is aligned.
fn cell_text(cell: &GridCell, report: &Report) -> (String, Align) {
    match &cell.content {
        GridContent::Header(text) => (text.to_string(), Align::Center),
        GridContent::Label(text) if cell.rowspan > 1 => (text.to_string(), Align::Center),
        GridContent::Label(text) => (text.to_string(), Align::Left),
        GridContent::Data(key) => (report.display(*key), Align::Center),
    }
}

fn rule(x1_mm: f32, y1_mm: f32, x2_mm: f32, y2_mm: f32) -> Item {
    Item::Line {
        x1_mm,
        y1_mm,
        x2_mm,
        y2_mm,
        width_pt: RULE_PT,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::table_def;

    #[test]
    fn column_widths_fill_the_text_block() {
        for id in TableId::ALL {
            let w = column_widths_mm(id);
            assert_eq!(w.len(), table_def(id).grid_cols, "{id:?}");
            assert!((w.iter().sum::<f32>() - 156.0).abs() < 1e-3, "{id:?}");
        }
    }

    #[test]
    fn a_cut_merged_label_fits_on_every_page_it_reaches() {
        let report = Report::new("示例局", 2024);
        let layout = TableLayout::new(table_def(TableId::T3), &report);
        let merged: Vec<&CellBox> = layout.cells.iter().filter(|b| b.cell.rowspan > 1).collect();
        // Start the table at many heights, so every merged label gets cut somewhere.
        for extra_rows in 2..20 {
            let first: f32 =
                layout.header_mm() + layout.row_mm[3..3 + extra_rows].iter().sum::<f32>();
            let parts = layout.paginate(first + 0.1, 120.0).expect("header fits");
            assert!(parts.len() >= 2);
            let shown: usize = parts.iter().map(|p| p.rows.len()).sum();
            assert_eq!(shown, 25, "every body row once");
            for part in &parts {
                assert!(part.height_mm() <= 120.0_f32.max(first + 0.1) + 1e-3);
                for b in &merged {
                    let span = b.cell.row..b.cell.row + b.cell.rowspan;
                    let have: f32 = part
                        .heights_mm
                        .iter()
                        .filter(|(r, _)| span.contains(r))
                        .map(|h| h.1)
                        .sum();
                    assert!(
                        have == 0.0 || have + 1e-3 >= b.need_mm,
                        "{have} < {}",
                        b.need_mm
                    );
                }
            }
        }
    }

    #[test]
    fn table_two_breaks_only_between_its_blocks() {
        let report = Report::new("示例局", 2024);
        let layout = TableLayout::new(table_def(TableId::T2), &report);
        let total: f32 = layout.row_mm.iter().sum();
        let starts: Vec<usize> = (0..layout.def.grid_rows)
            .filter(|&r| layout.break_allowed(r))
            .collect();
        assert_eq!(starts, vec![0, 4, 7, 11], "four blocks");
        // Start the table at every height from one row to the whole table.
        let mut first = layout.row_mm[0] * 0.5;
        while first < total {
            let parts = layout.paginate(first, 120.0);
            if let Some(parts) = parts {
                let shown: usize = parts.iter().map(|p| p.rows.len()).sum();
                assert_eq!(shown, layout.def.grid_rows, "every row once at {first}");
                for part in &parts {
                    assert!(
                        starts.contains(&part.rows.start),
                        "a part starts inside a block at {first}: {:?}",
                        part.rows
                    );
                }
            }
            first += 1.0;
        }
    }

    #[test]
    fn a_block_taller_than_a_page_repeats_its_title_and_header() {
        let report = Report::new("示例局", 2024);
        let layout = TableLayout::new(table_def(TableId::T2), &report);
        // A page that holds the first block's title, header and one row, not two.
        let page: f32 = layout.row_mm[..3].iter().sum::<f32>() + 0.5;
        let parts = layout.paginate(page, page).expect("fits");
        let second = &parts[1];
        assert_eq!(
            second.rows.start, 3,
            "the block continues with 行政规范性文件"
        );
        let shown: Vec<usize> = second.heights_mm.iter().map(|h| h.0).collect();
        assert_eq!(&shown[..3], &[0, 1, 3], "title and header repeated");
        assert!(second.height_mm() <= page + 1e-3);
    }

    /// The layout of the one table-四 cell `key` holding `n`.
    fn t4_cell(n: u64) -> (f32, Vec<Line>) {
        let mut report = Report::new("示例局", 2024);
        let key = crate::format::CellKey::parse("t4.review.maintain").expect("declared");
        report.set_input(key, Some(crate::model::Value::Count(n)));
        let layout = TableLayout::new(table_def(TableId::T4), &report);
        let cell = layout
            .cells
            .iter()
            .find(|b| b.cell.content == GridContent::Data(key))
            .expect("declared");
        (cell.size_pt, cell.lines.clone())
    }

    #[test]
    fn long_numbers_shrink_to_fit_their_column() {
        let inner_mm = 156.0 / 15.0 - 2.0 * PAD_X_MM;
        // 淮安's 3985758 行政处罚 decisions, were they in this narrow column: smaller, one line.
        let (size, lines) = t4_cell(3_985_758);
        assert_eq!(lines.len(), 1);
        assert!(size < TABLE_SIZE_PT && size > MIN_NUMBER_PT, "{size}");
        assert!(pt_to_mm(lines[0].natural_width_pt) <= inner_mm + 1e-3);
        // Too long even at the smallest size: split over lines, never past the rules.
        let (size, lines) = t4_cell(crate::model::MAX_COUNT);
        assert_eq!(size, MIN_NUMBER_PT);
        assert_eq!(lines.len(), 2);
        assert_eq!(
            lines.iter().map(|l| l.text.as_str()).collect::<String>(),
            "999999999999"
        );
        assert!(
            lines
                .iter()
                .all(|l| pt_to_mm(l.natural_width_pt) <= inner_mm + 1e-3)
        );
    }
}
