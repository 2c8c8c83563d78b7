//! The PDF writer: draws the typesetter's display list with printpdf, subset fonts,
//! ToUnicode, the same bytes every time. It lays nothing out and checks nothing: the pages
//! come from [`crate::typeset`], the title, date and id from its caller ([`Meta`]).
//!
//! The fonts are subset here, from the compiled-in bytes ([`super::subset`]), and printpdf
//! is handed only those small subsets to embed as they are: it never sees, parses or
//! copies a whole font file, which is what made writing a PDF slow and memory-hungry.

use std::collections::BTreeSet;

use printpdf::{
    Codepoint, FontEmbeddingMode, Line, LinePoint, Mm, Op, ParsedFont, PdfDocument, PdfFont,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, PrintpdfFontMeta, Pt, TextItem,
};

use super::Meta;
use crate::model::Date;
use crate::typeset::display::{Document, Face, Item, PAGE_HEIGHT_MM, PAGE_WIDTH_MM};
use crate::typeset::subset::{self, FaceSubset, SubsetError};
use crate::typeset::{fonts, mm_to_pt};

/// Why a PDF could not be written.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// A compiled-in font could not be parsed (a broken build, not a user error).
    #[error("内置字体 {0:?} 无法解析，请重新安装本程序")]
    Font(Face),
    /// A compiled-in font could not be subset (a broken build or a bug, not a user error).
    #[error("内置字体 {face:?} 无法生成子集（{error}），请重新安装本程序")]
    Subset {
        /// The face.
        face: Face,
        /// What went wrong.
        error: SubsetError,
    },
    /// A text item holds characters its face cannot draw; layout should have used a fallback.
    #[error("字体 {face:?} 中没有这些字：{chars}，请检查排版结果")]
    MissingGlyphs {
        /// The face of the offending text item.
        face: Face,
        /// The characters without a glyph.
        chars: String,
    },
    /// printpdf reported an error while writing.
    #[error("生成 PDF 时出错：{0}")]
    Writer(String),
    /// The document has no pages; a PDF must have at least one.
    #[error("没有可输出的页面")]
    NoPages,
}

/// The subset as a font printpdf embeds unchanged.
///
/// Its BaseFont is `TAG+PostScriptName` with a six-letter tag derived from the glyphs it
/// holds, the PDF convention that marks a subset (and what `pdffonts` reports as one).
fn pdf_font(face: Face, subset: &FaceSubset) -> Result<PdfFont, PdfError> {
    let mut warnings = Vec::new();
    let mut parsed =
        ParsedFont::from_bytes(&subset.program, 0, &mut warnings).ok_or(PdfError::Font(face))?;
    // Severity is azul-layout's type, not re-exported by printpdf: compare by name.
    if warnings
        .iter()
        .any(|w| format!("{:?}", w.severity) == "Error")
    {
        return Err(PdfError::Font(face));
    }
    let name = parsed
        .font_name
        .clone()
        .unwrap_or_else(|| format!("{face:?}"));
    parsed.font_name = Some(format!("{}+{name}", subset_tag(face, subset)));
    let meta = PrintpdfFontMeta {
        embedding_mode: FontEmbeddingMode::Full,
        requires_subsetting: false,
        ..Default::default()
    };
    Ok(PdfFont::with_meta(parsed, meta))
}

/// Six capital letters that depend only on the face and the characters of the subset.
fn subset_tag(face: Face, subset: &FaceSubset) -> String {
    let chars: String = subset.glyphs.keys().collect();
    let mut hash = fnv1a(chars.as_bytes(), face.index() as u64);
    (0..6)
        .map(|_| {
            let letter = char::from(b'A' + (hash % 26) as u8);
            hash /= 26;
            letter
        })
        .collect()
}

/// 64-bit FNV-1a: a small stable hash, so ids depend only on the seed.
fn fnv1a(bytes: &[u8], salt: u64) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325_u64 ^ salt;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Seconds since 1970 at midnight UTC of `date`.
fn timestamp(date: Date) -> i64 {
    days_from_civil(
        i64::from(date.year),
        i64::from(date.month),
        i64::from(date.day),
    ) * 86_400
}

/// Converts the display list's top-left millimetres to PDF's bottom-left points.
fn point(x_mm: f32, y_mm: f32) -> Point {
    Point {
        x: Pt(mm_to_pt(x_mm)),
        y: Pt(mm_to_pt(PAGE_HEIGHT_MM - y_mm)),
    }
}

/// Writes `doc` as an A4 PDF titled `meta.title`, dated `meta.date` (midnight UTC).
///
/// Only the faces the document uses are embedded, each subset, with a ToUnicode map so
/// copied or extracted text is exact. The same arguments always give the same bytes: the
/// document id derives from `meta.id_seed` and the clock is never read. (The draft mark,
/// when `meta.errors` asks for one, is already on the pages: layout placed it.)
pub fn write_pdf(doc: &Document, meta: &Meta) -> Result<Vec<u8>, PdfError> {
    if doc.pages.is_empty() {
        return Err(PdfError::NoPages);
    }
    let (date, seed) = (meta.date, meta.id_seed.as_str());
    let mut pdf = PdfDocument::new(&meta.title);
    // Every character each face prints, then one subset per face used.
    let mut used: [BTreeSet<char>; 6] = Default::default();
    for item in doc.pages.iter().flat_map(|p| &p.items) {
        if let Item::Text(run) = item {
            if let Some(ch) = run.text.chars().find(|&c| !fonts::has_glyph(run.face, c)) {
                return Err(PdfError::MissingGlyphs {
                    face: run.face,
                    chars: ch.to_string(),
                });
            }
            used[run.face.index()].extend(run.text.chars());
        }
    }
    let mut subsets: [Option<(printpdf::FontId, FaceSubset)>; 6] = Default::default();
    for face in Face::ALL {
        let chars = &used[face.index()];
        if chars.is_empty() {
            continue;
        }
        let subset = subset::subset_face(face, chars.iter().copied())
            .map_err(|error| PdfError::Subset { face, error })?;
        // Our own resource names instead of add_font's random ones keep the output
        // deterministic.
        let id = printpdf::FontId(format!("F{}", face.index() + 1));
        pdf.resources
            .fonts
            .map
            .insert(id.clone(), pdf_font(face, &subset)?);
        subsets[face.index()] = Some((id, subset));
    }
    let mut pages = Vec::with_capacity(doc.pages.len());
    for page in &doc.pages {
        let mut ops = Vec::new();
        // Tc and line width are graphics state that outlives BT/ET: only emit changes.
        let mut spacing_pt = 0.0_f32;
        let mut stroke_pt = None;
        for item in &page.items {
            match item {
                Item::Text(run) => {
                    // Every face with text has its subset, made above.
                    let Some((id, subset)) = &subsets[run.face.index()] else {
                        continue;
                    };
                    let glyphs = run
                        .text
                        .chars()
                        .map(|c| Codepoint {
                            gid: subset.glyphs.get(&c).copied().unwrap_or(0),
                            offset: 0.0,
                            cid: Some(c.to_string()),
                        })
                        .collect();
                    ops.push(Op::StartTextSection);
                    ops.push(Op::SetFont {
                        font: PdfFontHandle::External(id.clone()),
                        size: Pt(run.size_pt),
                    });
                    ops.push(Op::SetTextCursor {
                        pos: point(run.x_mm, run.baseline_mm),
                    });
                    if run.letter_spacing_pt != spacing_pt {
                        spacing_pt = run.letter_spacing_pt;
                        ops.push(Op::SetCharacterSpacing {
                            multiplier: spacing_pt,
                        });
                    }
                    ops.push(Op::ShowText {
                        items: vec![TextItem::GlyphIds(glyphs)],
                    });
                    ops.push(Op::EndTextSection);
                }
                Item::Line {
                    x1_mm,
                    y1_mm,
                    x2_mm,
                    y2_mm,
                    width_pt,
                } => {
                    if stroke_pt != Some(*width_pt) {
                        stroke_pt = Some(*width_pt);
                        ops.push(Op::SetOutlineThickness { pt: Pt(*width_pt) });
                    }
                    ops.push(Op::DrawLine {
                        line: Line {
                            points: vec![
                                LinePoint {
                                    p: point(*x1_mm, *y1_mm),
                                    bezier: false,
                                },
                                LinePoint {
                                    p: point(*x2_mm, *y2_mm),
                                    bezier: false,
                                },
                            ],
                            is_closed: false,
                        },
                    });
                }
            }
        }
        pages.push(PdfPage::new(Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM), ops));
    }
    pdf.with_pages(pages);

    // A date beyond what PDF dates hold (after 9999) falls back to the epoch: still the
    // same bytes every time.
    let date = printpdf::OffsetDateTime::from_unix_timestamp(timestamp(date))
        .or_else(|_| printpdf::OffsetDateTime::from_unix_timestamp(0))
        .map_err(|e| PdfError::Writer(e.to_string()))?;
    let info = &mut pdf.metadata.info;
    info.creation_date = date;
    info.modification_date = date;
    info.metadata_date = date;
    info.identifier = format!("{:016x}", fnv1a(seed.as_bytes(), 0));
    info.author = meta.author.clone();
    info.creator = "nianbao".to_string();
    info.producer = "nianbao".to_string();

    let mut warnings = Vec::new();
    // The fonts are subsets already; printpdf embeds them as they are.
    let opts = PdfSaveOptions {
        subset_fonts: false,
        ..Default::default()
    };
    let mut bytes = pdf.save(&opts, &mut warnings);
    let errors: Vec<String> = warnings
        .iter()
        .filter(|w| w.severity != printpdf::PdfParseErrorSeverity::Info)
        .map(|w| format!("第{}页：{}", w.page + 1, w.msg))
        .collect();
    if !errors.is_empty() {
        return Err(PdfError::Writer(errors.join("；")));
    }
    set_trailer_id(&mut bytes, seed)?;
    Ok(bytes)
}

/// printpdf fills the trailer `/ID` with two strings from a process-wide counter, so two
/// saves in one run differ. Overwrite both, in place and at the same length (the xref
/// offsets stay valid), with hex digits derived from `seed`.
fn set_trailer_id(bytes: &mut [u8], seed: &str) -> Result<(), PdfError> {
    let missing = || PdfError::Writer("PDF 尾部没有 /ID，无法保证输出一致".to_string());
    let at = bytes
        .windows(3)
        .rposition(|w| w == b"/ID")
        .ok_or_else(missing)?;
    let mut pos = at + 3;
    for salt in 1..=2_u64 {
        let open = pos
            + bytes[pos..]
                .iter()
                .position(|&b| b == b'(')
                .ok_or_else(missing)?;
        let close = open
            + bytes[open..]
                .iter()
                .position(|&b| b == b')')
                .ok_or_else(missing)?;
        let hex = format!(
            "{:016x}{:016x}",
            fnv1a(seed.as_bytes(), salt),
            fnv1a(seed.as_bytes(), salt + 16)
        );
        let body = &mut bytes[open + 1..close];
        for (dst, src) in body.iter_mut().zip(hex.bytes().cycle()) {
            *dst = src;
        }
        pos = close + 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta() -> Meta {
        Meta {
            title: "t".into(),
            author: "a".into(),
            date: day(),
            id_seed: "s".into(),
            errors: 0,
        }
    }

    #[test]
    fn refuses_text_its_face_cannot_draw() {
        use crate::typeset::display::{Page, TextRun};
        let doc = Document {
            pages: vec![Page {
                items: vec![Item::Text(TextRun {
                    x_mm: 28.0,
                    baseline_mm: 40.0,
                    face: Face::FandolFang,
                    size_pt: 16.0,
                    text: "张堃".to_string(),
                    letter_spacing_pt: 0.0,
                })],
            }],
        };
        assert!(matches!(
            write_pdf(&doc, &meta()),
            Err(PdfError::MissingGlyphs {
                face: Face::FandolFang,
                ..
            })
        ));
        assert!(matches!(
            write_pdf(&Document::default(), &meta()),
            Err(PdfError::NoPages)
        ));
    }

    fn day() -> Date {
        Date::new(2024, 1, 31).expect("valid")
    }

    #[test]
    fn dates() {
        assert_eq!(timestamp(day()), 1_706_659_200);
        assert_eq!(timestamp(Date::new(1970, 1, 1).expect("valid")), 0);
    }
}
