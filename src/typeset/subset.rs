//! Font subsets cut straight from the compiled-in font bytes.
//!
//! The fonts are `&'static [u8]` in the binary; the `subsetter` crate reads only the tables
//! and glyphs a document needs from them, so no font file is ever copied. What it returns
//! is then trimmed to what a printed page needs: the TrueType hinting programs (`cvt `,
//! `fpgm`, `prep`) and the CFF stem hints (see [`super::cff_hints`]) go, because a PDF page
//! is drawn from outlines at whatever resolution the reader or printer has.

use std::collections::BTreeMap;

use super::display::Face;
use super::{cff_hints, fonts};

/// A face cut down to the characters one document prints.
#[derive(Debug, Clone)]
pub struct FaceSubset {
    /// The font program: an sfnt holding only the used glyphs, renumbered from 1.
    pub program: Vec<u8>,
    /// The subset's glyph id of each character.
    pub glyphs: BTreeMap<char, u16>,
}

/// Why a face could not be subset (a broken build or a bug, never the user's input).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SubsetError {
    /// A character the face has no glyph for; layout should have used a fallback.
    #[error("字体中没有“{0}”的字形")]
    NoGlyph(char),
    /// The subsetter refused the font.
    #[error("字体子集化失败：{0}")]
    Subsetter(String),
    /// The subsetter's output is not a well-formed sfnt.
    #[error("字体子集的结构不完整")]
    Malformed,
}

/// Tables a PDF reader never uses to draw: TrueType hinting programs.
const DROPPED: [&[u8; 4]; 3] = [b"cvt ", b"fpgm", b"prep"];

/// Subsets `face` to `chars` (each once, any order).
///
/// Glyph 0 (.notdef) is always kept; the others are numbered in the order of `chars`.
pub fn subset_face(
    face: Face,
    chars: impl IntoIterator<Item = char>,
) -> Result<FaceSubset, SubsetError> {
    let mut remapper = subsetter::GlyphRemapper::new();
    let mut glyphs = BTreeMap::new();
    for ch in chars {
        let gid = fonts::glyph_id(face, ch).ok_or(SubsetError::NoGlyph(ch))?;
        glyphs.insert(ch, remapper.remap(gid));
    }
    let source = fonts::face_bytes(face);
    let cut = subsetter::subset(source, 0, &remapper)
        .map_err(|e| SubsetError::Subsetter(e.to_string()))?;
    let mut tables: Vec<([u8; 4], Vec<u8>)> = Vec::new();
    for (tag, data) in read_tables(&cut).ok_or(SubsetError::Malformed)? {
        if DROPPED.contains(&&tag) {
            continue;
        }
        let data = if &tag == b"CFF " {
            cff_hints::strip(data).unwrap_or_else(|| data.to_vec())
        } else {
            data.to_vec()
        };
        tables.push((tag, data));
    }
    // printpdf's font parser needs a `cmap` table and reads the weight and cap height
    // from `OS/2`; the subsetter drops both. Glyphs are addressed by id in the PDF, so an
    // empty Unicode cmap suffices, and the original OS/2 (about 100 bytes) is borrowed.
    tables.push((*b"cmap", empty_cmap()));
    if let Some(os2) = read_tables(source).and_then(|t| {
        t.into_iter()
            .find(|(tag, _)| tag == b"OS/2")
            .map(|(_, d)| d)
    }) {
        tables.push((*b"OS/2", os2.to_vec()));
    }
    let flavor: [u8; 4] = cut
        .get(..4)
        .and_then(|b| b.try_into().ok())
        .ok_or(SubsetError::Malformed)?;
    Ok(FaceSubset {
        program: write_sfnt(flavor, tables),
        glyphs,
    })
}

fn be16(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(data.get(at..at + 2)?.try_into().ok()?))
}

fn be32(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(data.get(at..at + 4)?.try_into().ok()?))
}

/// The tables of a single-font sfnt, as (tag, bytes) in directory order.
fn read_tables(sfnt: &[u8]) -> Option<Vec<([u8; 4], &[u8])>> {
    let count = usize::from(be16(sfnt, 4)?);
    (0..count)
        .map(|i| {
            let record = 12 + 16 * i;
            let tag: [u8; 4] = sfnt.get(record..record + 4)?.try_into().ok()?;
            let offset = usize::try_from(be32(sfnt, record + 8)?).ok()?;
            let len = usize::try_from(be32(sfnt, record + 12)?).ok()?;
            Some((tag, sfnt.get(offset..offset.checked_add(len)?)?))
        })
        .collect()
}

/// A `cmap` with one empty format 12 subtable (Windows, Unicode full repertoire).
fn empty_cmap() -> Vec<u8> {
    let mut t = Vec::with_capacity(28);
    t.extend_from_slice(&0_u16.to_be_bytes()); // version
    t.extend_from_slice(&1_u16.to_be_bytes()); // one encoding record
    t.extend_from_slice(&3_u16.to_be_bytes()); // platform: Windows
    t.extend_from_slice(&10_u16.to_be_bytes()); // encoding: Unicode full repertoire
    t.extend_from_slice(&12_u32.to_be_bytes()); // subtable offset
    t.extend_from_slice(&12_u16.to_be_bytes()); // format 12
    t.extend_from_slice(&0_u16.to_be_bytes()); // reserved
    t.extend_from_slice(&16_u32.to_be_bytes()); // subtable length
    t.extend_from_slice(&0_u32.to_be_bytes()); // language
    t.extend_from_slice(&0_u32.to_be_bytes()); // no groups
    t
}

/// Sum of big-endian u32 words, the last one zero-padded (the sfnt table checksum).
fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0_u32, |sum, chunk| {
        let mut word = [0_u8; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

/// Assembles an sfnt from its tables, sorted by tag, with valid checksums.
fn write_sfnt(flavor: [u8; 4], mut tables: Vec<([u8; 4], Vec<u8>)>) -> Vec<u8> {
    tables.sort_by_key(|t| t.0);
    let count = tables.len();
    // Table counts here are a handful; the u16 fields cannot overflow.
    let count16 = count as u16;
    let selector = (u16::BITS - 1 - count16.max(1).leading_zeros()) as u16;
    let search_range = (1_u16 << selector) * 16;
    let mut out = Vec::new();
    out.extend_from_slice(&flavor);
    out.extend_from_slice(&count16.to_be_bytes());
    out.extend_from_slice(&search_range.to_be_bytes());
    out.extend_from_slice(&selector.to_be_bytes());
    out.extend_from_slice(&(count16 * 16 - search_range).to_be_bytes());
    let mut offset = 12 + 16 * count;
    let mut head_at = None;
    for (tag, data) in &mut tables {
        if tag == b"head" && data.len() >= 12 {
            data[8..12].fill(0); // checkSumAdjustment, set below
            head_at = Some(offset + 8);
        }
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        offset += data.len().next_multiple_of(4);
    }
    for (_, data) in &tables {
        out.extend_from_slice(data);
        out.resize(out.len().next_multiple_of(4), 0);
    }
    if let Some(at) = head_at {
        let adjustment = 0xB1B0_AFBA_u32.wrapping_sub(checksum(&out));
        out[at..at + 4].copy_from_slice(&adjustment.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The outline of `gid` as drawing commands, with coordinates.
    fn outline(face: &ttf_parser::Face, gid: u16) -> String {
        struct Pen(String);
        impl ttf_parser::OutlineBuilder for Pen {
            fn move_to(&mut self, x: f32, y: f32) {
                self.0 += &format!("M{x} {y}");
            }
            fn line_to(&mut self, x: f32, y: f32) {
                self.0 += &format!("L{x} {y}");
            }
            fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
                self.0 += &format!("Q{x1} {y1} {x} {y}");
            }
            fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
                self.0 += &format!("C{x1} {y1} {x2} {y2} {x} {y}");
            }
            fn close(&mut self) {
                self.0 += "Z";
            }
        }
        let mut pen = Pen(String::new());
        face.outline_glyph(ttf_parser::GlyphId(gid), &mut pen);
        pen.0
    }

    #[test]
    fn subsets_keep_outlines_and_advances_and_drop_hinting() {
        let text = "政府信息公开工作年度报告（一）2023";
        for face in [Face::FandolFang, Face::NotoSansSc, Face::NotoSerifScBold] {
            let whole = ttf_parser::Face::parse(fonts::face_bytes(face), 0).expect("font");
            let sub = subset_face(face, text.chars()).expect("subsets");
            let cut = ttf_parser::Face::parse(&sub.program, 0).expect("subset parses");
            let distinct = sub.glyphs.len();
            // .notdef, the characters, and any components of composite glyphs.
            assert!(usize::from(cut.number_of_glyphs()) > distinct, "{face:?}");
            assert!(
                sub.program.len() < 100_000,
                "{face:?}: {}",
                sub.program.len()
            );
            for tag in DROPPED {
                assert!(
                    cut.raw_face()
                        .table(ttf_parser::Tag::from_bytes(tag))
                        .is_none(),
                    "{face:?} keeps {tag:?}"
                );
            }
            for ch in text.chars() {
                let old = whole.glyph_index(ch).expect("has glyph").0;
                let new = sub.glyphs[&ch];
                assert_eq!(outline(&whole, old), outline(&cut, new), "{face:?} {ch}");
                assert_eq!(
                    whole.glyph_hor_advance(ttf_parser::GlyphId(old)),
                    cut.glyph_hor_advance(ttf_parser::GlyphId(new)),
                    "{face:?} {ch}"
                );
            }
        }
    }

    #[test]
    fn cff_subsets_lose_their_stem_hints() {
        let text = "政府信息公开工作年度报告";
        let hinted = subsetter::subset(fonts::face_bytes(Face::FandolFang), 0, &{
            let mut r = subsetter::GlyphRemapper::new();
            for ch in text.chars() {
                r.remap(fonts::glyph_id(Face::FandolFang, ch).expect("glyph"));
            }
            r
        })
        .expect("subsets");
        let ours = subset_face(Face::FandolFang, text.chars()).expect("subsets");
        let cff = |sfnt: &[u8]| {
            read_tables(sfnt)
                .and_then(|t| t.into_iter().find(|(tag, _)| tag == b"CFF "))
                .map(|(_, d)| d.len())
                .expect("CFF table")
        };
        assert!(cff(&ours.program) < cff(&hinted), "hints were not removed");
    }

    #[test]
    fn a_character_without_glyph_is_an_error() {
        assert_eq!(
            subset_face(Face::FandolFang, ['堃']).map(|s| s.glyphs.len()),
            Err(SubsetError::NoGlyph('堃'))
        );
    }
}
