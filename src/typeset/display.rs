//! The display list: what layout decided, in page coordinates, with no PDF types.
//!
//! Both the PDF writer and an on-screen preview draw this list; neither breaks a
//! line or picks a font, so what is previewed is exactly what prints.

/// A4 page width in mm.
pub const PAGE_WIDTH_MM: f32 = 210.0;
/// A4 page height in mm.
pub const PAGE_HEIGHT_MM: f32 = 297.0;

/// One concrete font file. Layout has already resolved roles and fallback to one of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Face {
    /// Noto Serif SC Bold, in the 小标宋 role.
    NotoSerifScBold,
    /// Noto Sans SC Regular, in the 黑体 role and as last fallback.
    NotoSansSc,
    /// FandolKai Regular (楷体).
    FandolKai,
    /// FandolFang Regular (仿宋), body text and tables.
    FandolFang,
    /// FandolSong Regular (宋体).
    FandolSong,
    /// LXGW WenKai Regular, first fallback for characters the Fandol fonts lack.
    LxgwWenKai,
}

impl Face {
    /// Every face, in a fixed order (used to emit fonts deterministically).
    pub const ALL: [Face; 6] = [
        Face::NotoSerifScBold,
        Face::NotoSansSc,
        Face::FandolKai,
        Face::FandolFang,
        Face::FandolSong,
        Face::LxgwWenKai,
    ];

    /// Position of the face in [`Face::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// A run of text in one face at one size, drawn from its left end on a baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    /// Left edge of the first glyph, mm from the left edge of the page.
    pub x_mm: f32,
    /// Baseline, mm from the top edge of the page.
    pub baseline_mm: f32,
    /// The font file to draw with; every character of `text` has a glyph in it.
    pub face: Face,
    /// Font size in points.
    pub size_pt: f32,
    /// The characters, in order.
    pub text: String,
    /// Extra space added after every character (PDF `Tc`), in points; may be negative.
    pub letter_spacing_pt: f32,
}

/// One thing to draw on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// Text in one face.
    Text(TextRun),
    /// A straight rule, e.g. a table border; coordinates in mm from the top-left corner.
    Line {
        /// Start x, mm from the left.
        x1_mm: f32,
        /// Start y, mm from the top.
        y1_mm: f32,
        /// End x, mm from the left.
        x2_mm: f32,
        /// End y, mm from the top.
        y2_mm: f32,
        /// Stroke width in points.
        width_pt: f32,
    },
}

/// One A4 page (210 × 297 mm); coordinates are mm from the top-left corner, y grows down.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    /// What to draw, in drawing order.
    pub items: Vec<Item>,
}

/// A laid-out document.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    /// The pages, first page first.
    pub pages: Vec<Page>,
}
