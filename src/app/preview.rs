//! 打印预览: paints the laid-out pages from the same display list the PDF is written from,
//! so what the user sees is what prints. It never breaks a line or picks a font itself.

use egui::{Color32, FontId, Pos2, Rect, Sense, Stroke, Vec2, pos2, text::LayoutJob};

use crate::check::Finding;
use crate::model::Report;
use crate::typeset::display::{Document, Item, PAGE_HEIGHT_MM, PAGE_WIDTH_MM};
use crate::typeset::{MM_PER_PT, pt_to_mm};

use super::fonts::face_family;

/// Zoom limits.
pub const MIN_ZOOM: f32 = 0.4;
/// Largest zoom.
pub const MAX_ZOOM: f32 = 3.0;
/// Screen points per mm at 100 %: an A4 page 595 points wide, as PDF viewers show it.
const POINTS_PER_MM: f32 = 1.0 / MM_PER_PT;

/// The laid-out report, kept until the report changes.
#[derive(Default)]
pub struct Preview {
    /// The revision the layout was made from.
    revision: Option<u64>,
    /// The pages.
    pub document: Document,
    /// What the layout warned about (characters no font has).
    pub warnings: Vec<String>,
    /// Milliseconds the last layout took, shown to the user on hover.
    pub layout_ms: f64,
}

impl Preview {
    /// Lays the report out again if it changed since the last layout. Called only while
    /// the preview is shown, so typing elsewhere never pays for it. `findings` are the
    /// report's own (the document keeps them current): the pages carry the draft mark the
    /// PDF would, without checking the report again.
    pub fn update(&mut self, report: &Report, findings: &[Finding], revision: u64) {
        if self.revision == Some(revision) {
            return;
        }
        let started = std::time::Instant::now();
        let rendered = crate::export::print_layout(report, findings);
        self.layout_ms = started.elapsed().as_secs_f64() * 1000.0;
        self.document = rendered.document;
        self.warnings = rendered.warnings;
        self.revision = Some(revision);
    }
}

/// Paints every page, one under another, at `zoom`.
pub fn pages_ui(ui: &mut egui::Ui, document: &Document, zoom: f32) {
    let scale = zoom * POINTS_PER_MM;
    let page_size = Vec2::new(PAGE_WIDTH_MM, PAGE_HEIGHT_MM) * scale;
    for (i, page) in document.pages.iter().enumerate() {
        let (rect, response) = ui
            .vertical_centered(|ui| ui.allocate_exact_size(page_size, Sense::hover()))
            .inner;
        response.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::Image, true, format!("第{}页", i + 1))
        });
        if ui.is_rect_visible(rect) {
            paint_page(ui, rect, &page.items, scale);
        }
        ui.add_space(12.0);
    }
}

fn paint_page(ui: &egui::Ui, rect: Rect, items: &[Item], scale: f32) {
    let painter = ui.painter_at(rect.expand(4.0));
    painter.rect_filled(
        rect.translate(Vec2::splat(2.0)),
        0.0,
        Color32::from_gray(150),
    );
    painter.rect_filled(rect, 0.0, Color32::WHITE);
    let at = |x_mm: f32, y_mm: f32| -> Pos2 { rect.min + Vec2::new(x_mm, y_mm) * scale };
    for item in items {
        match item {
            Item::Line {
                x1_mm,
                y1_mm,
                x2_mm,
                y2_mm,
                width_pt,
            } => {
                let width = (pt_to_mm(*width_pt) * scale).max(0.6);
                painter.line_segment(
                    [at(*x1_mm, *y1_mm), at(*x2_mm, *y2_mm)],
                    Stroke::new(width, Color32::BLACK),
                );
            }
            Item::Text(run) => {
                let size = pt_to_mm(run.size_pt) * scale;
                if size < 1.0 {
                    continue;
                }
                let mut job = LayoutJob::default();
                job.append(
                    &run.text,
                    0.0,
                    egui::TextFormat {
                        font_id: FontId::new(size, face_family(run.face)),
                        color: Color32::BLACK,
                        extra_letter_spacing: pt_to_mm(run.letter_spacing_pt) * scale,
                        ..Default::default()
                    },
                );
                let galley = ui.fonts_mut(|f| f.layout_job(job));
                // Galleys are placed by their top-left corner; the layout gives baselines.
                let ascent = galley
                    .rows
                    .first()
                    .and_then(|r| Some(r.pos.y + r.glyphs.first()?.pos.y))
                    .unwrap_or(size * 0.88);
                let top_left = at(run.x_mm, run.baseline_mm) - Vec2::new(0.0, ascent);
                painter.galley(pos2(top_left.x, top_left.y), galley, Color32::BLACK);
            }
        }
    }
}
