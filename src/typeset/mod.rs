//! Typesetting: fonts, line breaking, tables and pages, into the display list.
//!
//! Layout happens once, into a [`display::Document`]; the PDF writer
//! ([`crate::export::pdf`]) and the app's preview only draw that list. Layout stands on the
//! format declaration and the model alone: it runs no check and reads no file (whether the
//! pages carry a draft mark is its caller's word, [`report::layout_for_print`]).

pub mod cff_hints;
pub mod display;
pub mod fonts;
pub mod line_break;
pub mod report;
pub mod subset;
pub mod table;

use display::{Item, TextRun};
use fonts::{MissingGlyphs, Role};
use line_break::Line;

/// Millimetres per PostScript point.
pub const MM_PER_PT: f32 = 25.4 / 72.0;

/// Converts points to millimetres.
pub fn pt_to_mm(pt: f32) -> f32 {
    pt * MM_PER_PT
}

/// Converts millimetres to points.
pub fn mm_to_pt(mm: f32) -> f32 {
    mm / MM_PER_PT
}

/// Turns a broken [`Line`] into text items, one per stretch of a single face.
///
/// `x_mm` is the left edge of the text area (the line's own offset is added) and
/// `baseline_mm` the baseline, both from the page's top-left corner. Each run after a
/// face change starts where the previous characters, with their letter spacing, ended.
pub fn place_line(
    line: &Line,
    role: Role,
    size_pt: f32,
    x_mm: f32,
    baseline_mm: f32,
) -> Result<Vec<Item>, MissingGlyphs> {
    let runs = fonts::split_runs(&line.text, role)?;
    let mut pen_pt = line.x_offset_pt;
    let mut items = Vec::with_capacity(runs.len());
    for run in runs {
        let start_pt = pen_pt;
        for ch in run.text.chars() {
            pen_pt += fonts::char_advance_pt(role, ch, size_pt) + line.letter_spacing_pt;
        }
        items.push(Item::Text(TextRun {
            x_mm: x_mm + pt_to_mm(start_pt),
            baseline_mm,
            face: run.face,
            size_pt,
            text: run.text,
            letter_spacing_pt: line.letter_spacing_pt,
        }));
    }
    Ok(items)
}
