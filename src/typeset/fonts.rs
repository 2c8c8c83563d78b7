//! The six fonts, compiled in, with per-character fallback and width measurement.
//!
//! Fonts are compiled into the binary so a printed report never depends on what a
//! machine happens to have installed; they are parsed once, on first use.

use std::sync::OnceLock;

use super::display::Face;

/// What a piece of text is typeset as; each role has a preferred face (GB/T 9704 names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// 小标宋: the title (Noto Serif SC Bold).
    Title,
    /// 黑体: 一、 headings (Noto Sans SC).
    Hei,
    /// 楷体: （一） headings (FandolKai).
    Kai,
    /// 仿宋: body text and tables (FandolFang).
    Fang,
    /// 宋体 (FandolSong).
    Song,
}

impl Role {
    /// The face this role is drawn in when it has the glyph.
    pub fn face(self) -> Face {
        match self {
            Role::Title => Face::NotoSerifScBold,
            Role::Hei => Face::NotoSansSc,
            Role::Kai => Face::FandolKai,
            Role::Fang => Face::FandolFang,
            Role::Song => Face::FandolSong,
        }
    }
}

/// Characters that no face, fallbacks included, can draw.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("字体中没有这些字的字形，无法排版：{}", chars.iter().collect::<String>())]
pub struct MissingGlyphs {
    /// The characters without a glyph, each once, in order of first appearance.
    pub chars: Vec<char>,
}

/// A stretch of text that is drawn in one face.
#[derive(Debug, Clone, PartialEq)]
pub struct FaceRun {
    /// The face that has a glyph for every character of `text`.
    pub face: Face,
    /// The characters.
    pub text: String,
}

// The font files, compiled in once. They are statics, not constants in a `match`: a small
// function returning `include_bytes!` constants gets inlined into several codegen units (the
// PDF writer's and the app's), and each inlined copy brought its own 60 MB copy of the fonts,
// which made the binary 146 MB instead of 86 MB. A static has one address, so one copy.
static NOTO_SERIF_SC_BOLD: &[u8] = include_bytes!("../../fonts/NotoSerifSC-Bold.ttf");
static NOTO_SANS_SC: &[u8] = include_bytes!("../../fonts/NotoSansSC-Regular.ttf");
static FANDOL_KAI: &[u8] = include_bytes!("../../fonts/FandolKai-Regular.otf");
static FANDOL_FANG: &[u8] = include_bytes!("../../fonts/FandolFang-Regular.otf");
static FANDOL_SONG: &[u8] = include_bytes!("../../fonts/FandolSong-Regular.otf");
static LXGW_WENKAI: &[u8] = include_bytes!("../../fonts/LXGWWenKai-Regular.ttf");

/// The raw bytes of a face's font file (what the PDF embeds).
pub fn face_bytes(face: Face) -> &'static [u8] {
    match face {
        Face::NotoSerifScBold => NOTO_SERIF_SC_BOLD,
        Face::NotoSansSc => NOTO_SANS_SC,
        Face::FandolKai => FANDOL_KAI,
        Face::FandolFang => FANDOL_FANG,
        Face::FandolSong => FANDOL_SONG,
        Face::LxgwWenKai => LXGW_WENKAI,
    }
}

/// A parsed face; `None` only if a compiled-in font were corrupt, in which case every
/// character reports as missing instead of the program panicking.
fn parsed(face: Face) -> Option<&'static ttf_parser::Face<'static>> {
    static FACES: [OnceLock<Option<ttf_parser::Face<'static>>>; 6] = [const { OnceLock::new() }; 6];
    FACES[face.index()]
        .get_or_init(|| ttf_parser::Face::parse(face_bytes(face), 0).ok())
        .as_ref()
}

/// Advance width of `ch` in `face` at `size_pt`, or `None` if the face has no glyph.
pub fn advance_pt(face: Face, ch: char, size_pt: f32) -> Option<f32> {
    let f = parsed(face)?;
    // Glyph 0 is .notdef: a font that maps a char to it cannot really draw it.
    let gid = f.glyph_index(ch).filter(|g| g.0 != 0)?;
    let advance = f.glyph_hor_advance(gid)?;
    Some(f32::from(advance) / f32::from(f.units_per_em()) * size_pt)
}

/// Whether `face` has a real glyph for `ch`.
pub fn has_glyph(face: Face, ch: char) -> bool {
    advance_pt(face, ch, 1.0).is_some()
}

/// The face `ch` is drawn in for `role`: the role's face, else LXGW WenKai, else Noto Sans SC.
pub fn face_for_char(role: Role, ch: char) -> Option<Face> {
    [role.face(), Face::LxgwWenKai, Face::NotoSansSc]
        .into_iter()
        .find(|&face| has_glyph(face, ch))
}

/// Advance of `ch` in `role` at `size_pt`, after fallback.
///
/// A character no face has counts as one em so layout can go on; [`split_runs`]
/// reports it, so it is never dropped silently.
pub fn char_advance_pt(role: Role, ch: char, size_pt: f32) -> f32 {
    face_for_char(role, ch)
        .and_then(|face| advance_pt(face, ch, size_pt))
        .unwrap_or(size_pt)
}

/// Width of `text` in `role` at `size_pt`, with no letter spacing.
pub fn measure_pt(text: &str, role: Role, size_pt: f32) -> f32 {
    text.chars()
        .map(|c| char_advance_pt(role, c, size_pt))
        .sum()
}

/// Splits `text` into runs of consecutive characters drawn in the same face.
pub fn split_runs(text: &str, role: Role) -> Result<Vec<FaceRun>, MissingGlyphs> {
    let mut runs: Vec<FaceRun> = Vec::new();
    let mut missing: Vec<char> = Vec::new();
    for ch in text.chars() {
        match face_for_char(role, ch) {
            Some(face) => match runs.last_mut() {
                Some(run) if run.face == face => run.text.push(ch),
                _ => runs.push(FaceRun {
                    face,
                    text: ch.to_string(),
                }),
            },
            None if !missing.contains(&ch) => missing.push(ch),
            None => {}
        }
    }
    if missing.is_empty() {
        Ok(runs)
    } else {
        Err(MissingGlyphs { chars: missing })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fallback_order() {
        assert_eq!(face_for_char(Role::Fang, '政'), Some(Face::FandolFang));
        assert_eq!(face_for_char(Role::Fang, '堃'), Some(Face::LxgwWenKai));
        assert_eq!(face_for_char(Role::Hei, '堃'), Some(Face::NotoSansSc));
        assert_eq!(face_for_char(Role::Fang, '\u{E000}'), None);
    }

    #[test]
    fn cjk_is_one_em() {
        let w = measure_pt("政府信息", Role::Fang, 16.0);
        assert!((w - 64.0).abs() < 0.01, "{w}");
    }

    #[test]
    fn runs_split_by_face_and_report_missing() {
        let runs = split_runs("张堃同志", Role::Fang).expect("all drawable");
        let faces: Vec<Face> = runs.iter().map(|r| r.face).collect();
        assert_eq!(
            faces,
            [Face::FandolFang, Face::LxgwWenKai, Face::FandolFang]
        );
        let err = split_runs("a\u{E000}b\u{E000}", Role::Fang).expect_err("private use");
        assert_eq!(err.chars, ['\u{E000}']);
    }
}
