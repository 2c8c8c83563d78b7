//! The table editor: the official table as on paper, its merged headers and labels read
//! from the format declaration, numbers typed into its cells like a spreadsheet.

use std::collections::BTreeMap;

use egui::{Align2, Color32, EventFilter, FontId, Rect, Sense, Stroke, StrokeKind, TextEdit, Vec2};

use crate::check::Severity;
use crate::format::{CellKey, CellKind, GridContent, TableId, table_def};
use crate::model::Report;

mod keys;

use super::doc::Doc;
use super::grid::{self, Geometry, Move, OnScreen};
use super::{Command, Ime};
use keys::keyboard;

/// Text size of the table on screen.
const TABLE_FONT_PT: f32 = 14.0;
/// Space between a cell's rules and its text.
const PAD: f32 = 3.0;
/// The least height of a row.
const MIN_ROW: f32 = 26.0;
/// The least width of a column.
const MIN_COLUMN: f32 = 50.0;

/// Column widths on screen, in points: label columns wide enough for the official labels,
/// number columns for ten digits.
fn column_widths(table: TableId) -> Vec<f32> {
    match table {
        TableId::T2 => vec![220.0, 140.0, 140.0, 140.0],
        TableId::T3 => {
            let mut w = vec![44.0, 104.0, 300.0];
            w.extend([72.0; 7]);
            w
        }
        TableId::T4 => vec![63.0; 15],
    }
}

/// The fill of a computed total.
const TOTAL_FILL: Color32 = Color32::from_rgba_unmultiplied_const(90, 140, 220, 40);
/// The fill of a cell not yet filled.
const BLANK_FILL: Color32 = Color32::from_rgba_unmultiplied_const(255, 200, 0, 40);
/// The outline of a cell an import could not read with certainty.
pub const UNCERTAIN_COLOUR: Color32 = Color32::from_rgb(140, 60, 200);

/// One line above the table saying what each fill and outline means, drawn with the
/// very colours the cells use.
fn legend(ui: &mut egui::Ui) {
    let outline = |ui: &mut egui::Ui, color: Color32, fill: Color32, text: &str| {
        let (r, _) = ui.allocate_exact_size(Vec2::splat(12.0), Sense::hover());
        ui.painter().rect_filled(r, 0.0, fill);
        if color != Color32::TRANSPARENT {
            ui.painter()
                .rect_stroke(r, 0.0, Stroke::new(2.0, color), StrokeKind::Inside);
        }
        ui.label(egui::RichText::new(text).small());
        ui.add_space(6.0);
    };
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 3.0;
        outline(ui, Color32::TRANSPARENT, BLANK_FILL, "未填");
        outline(ui, Color32::TRANSPARENT, TOTAL_FILL, "合计（自动计算）");
        let error = super::findings::severity_colour(Severity::Error);
        outline(ui, error, Color32::TRANSPARENT, "错误");
        let warning = super::findings::severity_colour(Severity::Warning);
        outline(ui, warning, Color32::TRANSPARENT, "警告");
        outline(ui, UNCERTAIN_COLOUR, Color32::TRANSPARENT, "导入时未能确定");
    });
}

/// Marks on cells: the worst finding (None: only an import's doubt) and the messages.
type Marks = BTreeMap<CellKey, (Option<Severity>, Vec<String>)>;

/// A cell being typed into.
#[derive(Debug, Clone)]
pub struct Editing {
    /// The cell.
    pub key: CellKey,
    /// The text so far.
    pub text: String,
    /// Whether the field still has to take focus (the frame editing started).
    pub starting: bool,
}

/// What the table editor remembers between frames.
#[derive(Debug, Default)]
pub struct TableState {
    /// The cell with the cursor.
    pub selected: Option<CellKey>,
    /// The other corner of a selected block (Shift+arrows, Shift+click).
    pub anchor: Option<CellKey>,
    /// The cell being typed into, if any.
    pub editing: Option<Editing>,
    /// A cell to scroll to and focus (following a finding).
    pub reveal: Option<CellKey>,
    /// Keys and text that arrived in the same frame after a key that ends typing into a
    /// cell (Enter, Tab, an arrow): the cell's text field takes what came before, the grid
    /// the rest in the next frame, so no key is lost or lands in the wrong cell.
    pub pending: Vec<egui::Event>,
    /// Something else holds the keyboard (a dialog is open): the grid keeps its hands off.
    pub blocked: bool,
    /// Scroll the selected cell into view (after a keyboard move).
    scroll_to_selected: bool,
    /// The table and the pass it was last drawn in: a table not drawn in the pass before
    /// is being opened, and opens at its top.
    drawn: Option<(TableId, u64)>,
    /// The grid or its text field, if one of them held the keyboard at the end of the last
    /// frame.
    had_focus: Option<egui::Id>,
}

impl TableState {
    /// Puts the cursor on `key` (and, unless extending, the block's other corner too).
    fn select(&mut self, key: CellKey, extend: bool) {
        self.selected = Some(key);
        self.scroll_to_selected = true;
        if !extend || self.anchor.is_none_or(|a| a.table != key.table) {
            self.anchor = Some(key);
        }
    }

    /// The selected block, row by row.
    pub fn block(&self) -> Vec<Vec<CellKey>> {
        match (self.selected, self.anchor) {
            (Some(s), Some(a)) => grid::block(a, s),
            (Some(s), None) => vec![vec![s]],
            _ => Vec::new(),
        }
    }
}

fn kind_of(key: CellKey) -> CellKind {
    key.def().map(|d| d.kind).unwrap_or(CellKind::Total)
}

/// The id of the grid (it holds keyboard focus while no cell is being typed into).
pub fn grid_id(table: TableId) -> egui::Id {
    egui::Id::unique(("table-grid", table))
}

/// The id of the cell text field.
pub fn edit_id(table: TableId) -> egui::Id {
    egui::Id::unique(("table-edit", table))
}

/// Draws one table and handles its keyboard and mouse.
pub fn table_ui(
    ui: &mut egui::Ui,
    table: TableId,
    doc: &Doc,
    st: &mut TableState,
    ime: &Ime,
    cmds: &mut Vec<Command>,
) {
    let def = table_def(table);
    let grid_id = grid_id(table);
    let edit_id = edit_id(table);
    let pass = ui.ctx().cumulative_pass_nr();
    let opening =
        st.drawn != Some((table, pass.wrapping_sub(1))) && st.drawn != Some((table, pass));
    if opening {
        // A table opens at its top, the cursor on its first cell to type into, ready for
        // the keyboard; a cell to reveal (from a finding) is kept.
        let keep = TableState {
            reveal: st.reveal.take(),
            pending: std::mem::take(&mut st.pending),
            blocked: st.blocked,
            ..TableState::default()
        };
        *st = keep;
        if let Some(first) = def.input_cells().next() {
            st.select(first.key, false);
        }
        if !st.blocked {
            ui.memory_mut(|m| m.request_focus(grid_id));
        }
    }
    st.drawn = Some((table, pass));

    // Findings by cell: the worst severity and every message; cells an import could not
    // read with certainty carry no severity but say what was seen.
    let mut marks: Marks = BTreeMap::new();
    for f in &doc.findings {
        for &cell in f.cells.iter().filter(|c| c.table == table) {
            let m = marks.entry(cell).or_insert((Some(f.severity), Vec::new()));
            m.0 = Some(m.0.map_or(f.severity, |s| s.min(f.severity)));
            m.1.push(f.message.clone());
        }
    }
    for u in &doc.uncertain {
        if let Some(cell) = u.cell.filter(|c| c.table == table) {
            let m = marks.entry(cell).or_insert((None, Vec::new()));
            m.1.push(format!(
                "导入时未能确定：{}（原文：“{}”）",
                u.reason, u.seen
            ));
        }
    }
    for (&cell, text) in doc.rejected.iter().filter(|(c, _)| c.table == table) {
        let m = marks
            .entry(cell)
            .or_insert((Some(Severity::Error), Vec::new()));
        m.0 = Some(Severity::Error);
        m.1.insert(0, rejected_message(cell, text));
    }

    keyboard(ui, table, doc, st, ime, cmds);
    legend(ui);

    // Totals follow the number being typed; the findings follow once it is committed.
    let typing: Option<Report> = st.editing.as_ref().and_then(|e| {
        let value = grid::parse_cell(kind_of(e.key), &e.text).ok()?;
        let mut report = doc.report.clone();
        report.set_input(e.key, value);
        Some(report)
    });
    let shown = typing.as_ref().unwrap_or(&doc.report);

    let font = FontId::proportional(TABLE_FONT_PT);
    let text_color = ui.visuals().text_color();
    // A table wider than the editor is narrowed (its labels wrap) down to a readable
    // least; past that it scrolls sideways.
    let mut widths = column_widths(table);
    let wanted: f32 = widths.iter().sum();
    let room = ui.available_width() - 20.0;
    if wanted > room {
        let scale = room / wanted;
        for w in &mut widths {
            *w = (*w * scale).max(MIN_COLUMN);
        }
    }
    let geometry = Geometry::new(def, &widths, MIN_ROW, |cell, width| {
        let text = match &cell.content {
            GridContent::Header(t) | GridContent::Label(t) => t.to_string(),
            GridContent::Data(_) => return MIN_ROW,
        };
        let galley = ui.fonts_mut(|f| f.layout(text, font.clone(), text_color, width - 2.0 * PAD));
        galley.size().y + 2.0 * PAD
    });

    let mut scroll = egui::ScrollArea::both()
        .id_salt(("table-scroll", table))
        .auto_shrink([false, false]);
    if opening {
        scroll = scroll.scroll_offset(Vec2::ZERO);
    }
    // The header rows stay in sight while the rows scroll under them.
    let header_h = geometry.row_y.get(def.header_rows).copied().unwrap_or(0.0);
    scroll.show(ui, |ui| {
        let (rect, _) = ui.allocate_exact_size(geometry.size() + Vec2::splat(2.0), Sense::hover());
        let origin = rect.min + Vec2::splat(1.0);
        let grid_response = ui.interact(rect, grid_id, Sense::focusable_noninteractive());
        grid_response.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::Table, true, table.section_title())
        });
        let painter = ui.painter_at(rect);
        let visuals = ui.visuals().clone();
        let grid_line = Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color);
        let selected_block: Vec<CellKey> = st.block().into_iter().flatten().collect();
        let has_focus = ui.memory(|m| m.has_focus(grid_id) || m.has_focus(edit_id));

        for cell in &def.grid {
            let r = geometry.rect(cell, origin);
            match &cell.content {
                GridContent::Header(_) | GridContent::Label(_) => {
                    paint_label(ui, &painter, r, cell, &font, text_color);
                }
                GridContent::Data(key) => {
                    data_cell(
                        ui,
                        &painter,
                        r,
                        *key,
                        shown,
                        st,
                        &marks,
                        &selected_block,
                        has_focus,
                        cmds,
                        ime,
                        &doc.rejected,
                    );
                }
            }
            painter.rect_stroke(r, 0.0, grid_line, StrokeKind::Middle);
        }

        if let Some(key) = st.reveal.take().filter(|k| k.table == table)
            && let Some(cell) = grid::grid_cell_of(key)
        {
            ui.scroll_to_rect(
                geometry.rect(cell, origin).expand(40.0),
                Some(egui::Align::Center),
            );
            st.select(key, false);
            st.scroll_to_selected = false;
            ui.memory_mut(|m| m.request_focus(grid_id));
        }
        if std::mem::take(&mut st.scroll_to_selected)
            && let Some(cell) = st.selected.and_then(grid::grid_cell_of)
        {
            // In sight below the sticky header, with a little room around.
            let r = geometry.rect(cell, origin);
            let r = Rect::from_min_max(
                egui::pos2(r.min.x - 8.0, r.min.y - header_h - 8.0),
                r.max + Vec2::splat(8.0),
            );
            ui.scroll_to_rect(r, None);
        }

        let clip = ui.clip_rect();
        let dy = clip.top() - origin.y;
        if def.header_rows > 0 && dy > 0.0 {
            let band = Rect::from_min_size(
                egui::pos2(rect.min.x, clip.top()),
                egui::vec2(rect.width(), header_h + 1.0),
            );
            painter.rect_filled(band, 0.0, visuals.panel_fill);
            for cell in def.grid.iter().filter(|c| c.row < def.header_rows) {
                let r = geometry.rect(cell, origin).translate(egui::vec2(0.0, dy));
                paint_label(ui, &painter, r, cell, &font, text_color);
                painter.rect_stroke(r, 0.0, grid_line, StrokeKind::Middle);
            }
            // The rows under the band are out of sight: clicks there do not reach them.
            ui.interact(band, grid_id.with("sticky"), Sense::click());
        }
    });

    // Keep Tab and the arrows for moving between cells.
    let filter = EventFilter {
        tab: true,
        horizontal_arrows: true,
        vertical_arrows: true,
        escape: false,
    };
    ui.memory_mut(|m| {
        m.set_focus_lock_filter(grid_id, filter);
        m.set_focus_lock_filter(
            edit_id,
            EventFilter {
                escape: true,
                ..filter
            },
        );
    });
    st.had_focus = ui
        .memory(|m| m.focused())
        .filter(|&f| f == grid_id || f == edit_id);
}

/// What a cell that refused what was typed says.
pub fn rejected_message(cell: CellKey, text: &str) -> String {
    let reason = grid::parse_cell(kind_of(cell), text)
        .err()
        .unwrap_or_else(|| format!("“{text}”未采用"));
    format!("{reason}；未填入，请改正（原来的数字已清空）")
}

/// A header or a row label, wrapped to its cell.
fn paint_label(
    ui: &egui::Ui,
    painter: &egui::Painter,
    r: Rect,
    cell: &crate::format::GridCell,
    font: &FontId,
    text_color: Color32,
) {
    let (GridContent::Header(text) | GridContent::Label(text)) = &cell.content else {
        return;
    };
    let header = matches!(cell.content, GridContent::Header(_));
    if header {
        painter.rect_filled(r, 0.0, ui.visuals().faint_bg_color);
    }
    let galley = ui.fonts_mut(|f| {
        f.layout(
            text.to_string(),
            font.clone(),
            text_color,
            r.width() - 2.0 * PAD,
        )
    });
    let pos = if header || cell.rowspan > 1 {
        r.center() - galley.size() / 2.0
    } else {
        egui::pos2(r.min.x + PAD, r.center().y - galley.size().y / 2.0)
    };
    painter.galley(pos, galley, text_color);
}

#[allow(clippy::too_many_arguments)]
fn data_cell(
    ui: &mut egui::Ui,
    painter: &egui::Painter,
    r: Rect,
    key: CellKey,
    report: &Report,
    st: &mut TableState,
    marks: &Marks,
    selected_block: &[CellKey],
    has_focus: bool,
    cmds: &mut Vec<Command>,
    ime: &Ime,
    rejected: &BTreeMap<CellKey, String>,
) {
    let kind = kind_of(key);
    let visuals = ui.visuals().clone();
    let value = report.display(key);
    let total = kind == CellKind::Total;
    let fill = if selected_block.contains(&key) && selected_block.len() > 1 {
        visuals.selection.bg_fill.gamma_multiply(0.35)
    } else if total {
        // Computed, read-only: a cool tint, in light and dark themes alike.
        TOTAL_FILL
    } else if value.is_empty() {
        BLANK_FILL
    } else {
        Color32::TRANSPARENT
    };
    painter.rect_filled(r, 0.0, fill);

    let label = key.label_path();
    let response = ui.interact(r, egui::Id::unique(("cell", key)), Sense::click());
    response.widget_info(|| {
        let mut info = egui::WidgetInfo::labeled(egui::Role::Cell, true, &label);
        info.current_text_value = Some(value.clone());
        info
    });
    let editing_here = st.editing.as_ref().is_some_and(|e| e.key == key);
    if editing_here {
        if let Some(e) = st.editing.as_mut() {
            let id = edit_id(key.table);
            let out = TextEdit::singleline(&mut e.text)
                .id(id)
                .font(FontId::proportional(TABLE_FONT_PT))
                .align(egui::Align2::RIGHT_CENTER)
                .desired_width(r.width() - 2.0 * PAD)
                .margin(Vec2::new(PAD, 2.0))
                .show(&mut ui.new_child(egui::UiBuilder::new().max_rect(r.shrink(1.0))));
            let response = out
                .response
                .response
                .clone()
                .labelled_by(egui::Id::unique(("cell", key)));
            if e.starting {
                response.request_focus();
                let mut state = out.state;
                let end = egui::text::CCursor::new(e.text.chars().count());
                state
                    .cursor
                    .set_char_range(Some(egui::text::CCursorRange::one(end)));
                state.store(ui.ctx(), id);
                e.starting = false;
            } else if !response.has_focus() && !ime.composing {
                // Clicked elsewhere: keep what was typed.
                commit(st, cmds);
            }
        }
    } else {
        let rejected = rejected.get(&key);
        let shown = match rejected {
            Some(text) => text.as_str(),
            None if value.is_empty() && !total => "未填",
            None => &value,
        };
        let color = if rejected.is_some() {
            super::findings::severity_colour(Severity::Error)
        } else if value.is_empty() {
            visuals.weak_text_color()
        } else {
            visuals.text_color()
        };
        painter.text(
            egui::pos2(r.max.x - PAD - 2.0, r.center().y),
            Align2::RIGHT_CENTER,
            shown,
            FontId::proportional(if value.is_empty() && rejected.is_none() {
                12.0
            } else {
                TABLE_FONT_PT
            }),
            color,
        );
    }

    if let Some((severity, _)) = marks.get(&key) {
        let color = match severity {
            Some(severity) => super::findings::severity_colour(*severity),
            None => UNCERTAIN_COLOUR,
        };
        painter.rect_stroke(
            r.shrink(1.5),
            0.0,
            Stroke::new(2.0, color),
            StrokeKind::Inside,
        );
    }
    if st.selected == Some(key) {
        let color = if has_focus {
            visuals.selection.stroke.color
        } else {
            visuals.weak_text_color()
        };
        painter.rect_stroke(
            r.shrink(0.5),
            0.0,
            Stroke::new(2.5, color),
            StrokeKind::Inside,
        );
    }

    let response = response.on_hover_ui(|ui| {
        ui.label(&label);
        if total {
            ui.label("总计由各项相加，自动计算，不能填写。");
        } else if value.is_empty() {
            ui.label("尚未填写（空白不等于 0；没有发生请填 0）。");
        }
        if let Some((_, messages)) = marks.get(&key) {
            for m in messages {
                ui.label(m);
            }
        }
    });
    if response.clicked() {
        if st.editing.as_ref().is_some_and(|e| e.key != key) {
            commit(st, cmds);
        }
        let extend = ui.input(|i| i.modifiers.shift);
        st.select(key, extend);
        ui.memory_mut(|m| m.request_focus(grid_id(key.table)));
    }
    if response.double_clicked() && !total {
        let text = rejected
            .get(&key)
            .cloned()
            .unwrap_or_else(|| report.display(key));
        start_editing(st, key, text);
    }
}

fn start_editing(st: &mut TableState, key: CellKey, text: String) {
    if kind_of(key) == CellKind::Total {
        return;
    }
    st.select(key, false);
    st.editing = Some(Editing {
        key,
        text,
        starting: true,
    });
}

/// Ends typing into a cell, keeping the value; text that is not a number is kept on the
/// cell with a lasting error, never mended into another number.
pub fn commit(st: &mut TableState, cmds: &mut Vec<Command>) {
    let Some(e) = st.editing.take() else { return };
    match grid::parse_cell(kind_of(e.key), &e.text) {
        Ok(value) => cmds.push(Command::SetCell(e.key, value)),
        Err(_) => cmds.push(Command::RejectCell(e.key, e.text)),
    }
}
