//! The geometry of an official table's grid, in any unit and with no drawing types: column
//! edges from the widths, row heights from what each cell needs (a merged cell taller than
//! the rows it spans stretches the last of them), and each cell's rectangle from its merge.
//! The printed table ([`super::table`], in mm) and the app's table editor (in screen
//! points) both stand on this one piece of arithmetic.

use crate::format::{GridCell, TableDef};

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

/// A cell's rectangle, from the table's top-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CellRect {
    /// Left edge.
    pub left: f32,
    /// Top edge.
    pub top: f32,
    /// Right edge.
    pub right: f32,
    /// Bottom edge.
    pub bottom: f32,
}

/// Column edges and row heights of a laid-out table.
#[derive(Debug, Clone, PartialEq)]
pub struct Geometry {
    /// x of each column's left edge, and the right edge last (`grid_cols + 1` entries).
    pub col_x: Vec<f32>,
    /// Height of each grid row.
    pub rows: Vec<f32>,
    /// y of each row's top edge, and the bottom edge last (`grid_rows + 1` entries).
    pub row_y: Vec<f32>,
}

impl Geometry {
    /// Lays out `def` with the given column widths. Each row is as tall as its tallest
    /// one-row cell needs (`needed(cell, width)`, at least `min_row`); a merged cell taller
    /// than the rows it spans stretches the last of them.
    pub fn new(
        def: &TableDef,
        col_widths: &[f32],
        min_row: f32,
        needed: impl Fn(&GridCell, f32) -> f32,
    ) -> Geometry {
        let col_x = edges(col_widths);
        let needs: Vec<f32> = def
            .grid
            .iter()
            .map(|c| needed(c, col_x[c.col + c.colspan] - col_x[c.col]))
            .collect();
        Geometry::from_needs(def, col_x, min_row, &needs)
    }

    /// The same from column edges ([`edges`]) and each grid cell's need, in the order of
    /// `def.grid`.
    pub fn from_needs(def: &TableDef, col_x: Vec<f32>, min_row: f32, needs: &[f32]) -> Geometry {
        let mut rows = vec![min_row; def.grid_rows];
        let cells = || def.grid.iter().zip(needs.iter().copied());
        for (c, need) in cells().filter(|(c, _)| c.rowspan == 1) {
            rows[c.row] = rows[c.row].max(need);
        }
        for (c, need) in cells().filter(|(c, _)| c.rowspan > 1) {
            let span = c.row..c.row + c.rowspan;
            let have: f32 = rows[span.clone()].iter().sum();
            if need > have {
                rows[span.end - 1] += need - have;
            }
        }
        Geometry {
            col_x,
            row_y: edges(&rows),
            rows,
        }
    }

    /// Width of a (possibly merged) cell.
    pub fn width(&self, cell: &GridCell) -> f32 {
        self.col_x[cell.col + cell.colspan] - self.col_x[cell.col]
    }

    /// The rectangle of a (possibly merged) grid cell.
    pub fn cell_rect(&self, cell: &GridCell) -> CellRect {
        CellRect {
            left: self.col_x[cell.col],
            top: self.row_y[cell.row],
            right: self.col_x[cell.col + cell.colspan],
            bottom: self.row_y[cell.row + cell.rowspan],
        }
    }

    /// Width and height of the whole table.
    pub fn extent(&self) -> (f32, f32) {
        (
            self.col_x.last().copied().unwrap_or(0.0),
            self.row_y.last().copied().unwrap_or(0.0),
        )
    }
}
