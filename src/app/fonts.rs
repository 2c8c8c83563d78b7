//! The window's fonts: the same bytes the PDF embeds, borrowed from the binary (no copy,
//! no system fonts), so every PC shows the same glyphs.

use egui::{FontData, FontDefinitions, FontFamily};

use crate::typeset::display::Face;
use crate::typeset::fonts::face_bytes;

/// The egui family that draws exactly one face, for the print preview.
pub fn face_family(face: Face) -> FontFamily {
    FontFamily::Name(format!("{face:?}").into())
}

/// Installs the fonts: Noto Sans SC (黑体) for the interface, LXGW WenKai for characters it
/// lacks, egui's own fonts last for symbols; and one family per face for the preview.
pub fn install(ctx: &egui::Context) {
    let mut defs = FontDefinitions::default();
    for face in Face::ALL {
        let name = format!("{face:?}");
        defs.font_data
            .insert(name.clone(), FontData::from_static(face_bytes(face)).into());
        defs.families.insert(face_family(face), vec![name]);
    }
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        let list = defs.families.entry(family).or_default();
        list.insert(0, format!("{:?}", Face::LxgwWenKai));
        list.insert(0, format!("{:?}", Face::NotoSansSc));
    }
    ctx.set_fonts(defs);
}
