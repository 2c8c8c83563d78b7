//! The text parts: 基本信息, 一 with its parts, 五 and 六. Each field shows the report's
//! text; what the user types reaches the report only once it is committed text, never
//! the raw pinyin an input method shows while composing.

use std::collections::HashMap;

use egui::{RichText, TextEdit};

use crate::check::{Section, Severity};
use crate::format::{OVERVIEW_HEADINGS, SECTION_TITLES};
use crate::model::{AgencyKind, Date, Summed};

use super::doc::{Doc, TextField};
use super::findings::severity_colour;
use super::{Command, Ime, Node};

/// What the text fields remember between frames: the text being edited in each.
#[derive(Debug, Default)]
pub struct TextState {
    /// Field contents as the text fields hold them (with any composition in progress).
    buffers: HashMap<TextField, String>,
    /// Date fields as typed, and the date each text was last in step with: a text that
    /// is not a date stays, with its error, until the clerk mends it.
    dates: HashMap<bool, (String, Option<Date>)>,
    /// A field to scroll to and focus (following a finding or a tree item).
    pub reveal: Option<TextField>,
}

/// The id of a text field, for focus and tests.
pub fn field_id(field: TextField) -> egui::Id {
    egui::Id::unique(("text-field", field))
}

/// What the text parts draw from and write to.
pub struct Form<'a> {
    /// The document shown.
    pub doc: &'a Doc,
    /// The fields' own state.
    pub st: &'a mut TextState,
    /// Whether an input method is composing.
    pub ime: &'a Ime,
    /// Where edits go.
    pub cmds: &'a mut Vec<Command>,
}

/// The one place a text field is bound to the report: it shows the report's text, except
/// while the user is composing in this very field, and hands on only committed text.
/// `shape` sizes the field.
fn bound_edit(
    ui: &mut egui::Ui,
    form: &mut Form,
    field: TextField,
    multiline: bool,
    shape: impl FnOnce(TextEdit<'_>) -> TextEdit<'_>,
) -> egui::Response {
    let id = field_id(field);
    let focused = ui.memory(|m| m.has_focus(id));
    let current = field.get(&form.doc.report);
    let buffer = form.st.buffers.entry(field).or_default();
    if !(focused && form.ime.busy()) && buffer != current {
        *buffer = current.to_string();
    }
    let edit = if multiline {
        TextEdit::multiline(buffer)
    } else {
        TextEdit::singleline(buffer)
    };
    let response = ui.add(shape(edit).id(id));
    if response.changed() && !form.ime.composing {
        form.cmds.push(Command::SetText(field, buffer.clone()));
    }
    if form.st.reveal == Some(field) {
        form.st.reveal = None;
        response.request_focus();
        response.scroll_to_me(Some(egui::Align::Center));
    }
    response
}

/// A text field under its label: single line, or a multi-line paragraph editor with a
/// character count.
pub fn text_field(
    ui: &mut egui::Ui,
    form: &mut Form,
    field: TextField,
    label: &str,
    multiline: bool,
) {
    let label_response = ui.label(RichText::new(label).strong());
    bound_edit(ui, form, field, multiline, |edit| {
        let edit = edit.desired_width(f32::INFINITY);
        if multiline {
            edit.desired_rows(6)
        } else {
            edit
        }
    })
    .labelled_by(label_response.id);
    if multiline {
        let count = field
            .get(&form.doc.report)
            .chars()
            .filter(|c| !c.is_whitespace())
            .count();
        ui.label(RichText::new(format!("{count} 字")).small().weak());
    }
}

/// The findings of one section, listed above its fields.
fn section_findings(ui: &mut egui::Ui, doc: &Doc, section: Section) {
    for f in doc.findings.iter().filter(|f| f.section == section) {
        let (mark, color) = (f.severity.name(), severity_colour(f.severity));
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(mark).color(color).strong());
            ui.label(&f.message);
        });
    }
}

/// 基本信息: agency, year, kind, dates, signature, opening paragraph.
pub fn details_ui(ui: &mut egui::Ui, form: &mut Form) {
    let doc = form.doc;
    let d = &doc.report.details;
    ui.heading(Section::Details.title());
    section_findings(ui, doc, Section::Details);
    ui.add_space(6.0);
    text_field(ui, form, TextField::AgencyName, "机关名称（全称）", false);
    text_field(
        ui,
        form,
        TextField::AgencyShortName,
        "标题中的机关名称（可填简称；空白则用全称）",
        false,
    );
    ui.horizontal(|ui| {
        ui.label(RichText::new("报告年度").strong());
        let mut year = d.year;
        let r = ui.add(
            egui::DragValue::new(&mut year)
                .range(2021..=2100)
                .suffix(" 年"),
        );
        if r.changed() {
            form.cmds.push(Command::SetYear(year));
        }
        ui.add_space(24.0);
        ui.label(RichText::new("机关类型").strong());
        for kind in [AgencyKind::Department, AgencyKind::Government] {
            let (m, day) = kind.deadline();
            if ui
                .radio(d.agency_kind == kind, kind.name())
                .on_hover_text(format!("应于次年{m}月{day}日前公布年报"))
                .clicked()
            {
                form.cmds.push(Command::SetKind(kind));
            }
        }
    });
    for signed in [false, true] {
        let (label, value) = if signed {
            ("成文日期（落款日期）", d.signed_date)
        } else {
            ("发布日期", d.publish_date)
        };
        date_field(ui, signed, label, value, form.st, form.cmds);
    }
    text_field(
        ui,
        form,
        TextField::Signatory,
        "署名机关（落款；空白则用全称）",
        false,
    );
    ui.add_space(6.0);
    text_field(
        ui,
        form,
        TextField::Opening,
        "开头段（编制依据、统计期限、联系方式）",
        true,
    );
    if let Some(summed) = &doc.report.summed {
        summed_units_ui(ui, summed);
    }
}

/// Widths of the columns of the list of units summed: 序号, 机关, 未填, 未能读出.
const SUMMED_WIDTHS: [f32; 4] = [40.0, 280.0, 64.0, 84.0];

/// The units a summed report adds up, read-only: each with the cells it left blank and the
/// cells that could not be read from its published report, so a clerk sees whose figures
/// the sums lack before signing the 本级 report.
fn summed_units_ui(ui: &mut egui::Ui, summed: &Summed) {
    ui.add_space(10.0);
    ui.separator();
    let n = summed.units.len();
    ui.label(RichText::new(format!("汇总的单位（{n} 个）")).strong());
    let with_blanks = summed.units.iter().filter(|u| u.blank_cells > 0).count();
    let with_unread = summed.units.iter().filter(|u| u.not_read_cells > 0).count();
    let mut note = format!(
        "本报告的表二、三、四是以下 {n} 个单位报告的合计（批量审核的“汇总选中单位”或 nianbao sum 生成，此处只读）。未填的格不计为 0：每格只加填了此格的单位"
    );
    if with_blanks > 0 {
        note.push_str(&format!("；{with_blanks} 个单位有未填的格"));
    }
    if with_unread > 0 {
        note.push_str(&format!(
            "；{with_unread} 个单位有导入时未能读出的格（不是未填，请对照原文补上后重新汇总）"
        ));
    }
    note.push_str("。逐格的情况见“检查结果”。");
    ui.label(RichText::new(note).weak());
    let cell = |ui: &mut egui::Ui, width: f32, text: String, strong: bool| {
        let text = if strong {
            RichText::new(text).strong()
        } else {
            RichText::new(text)
        };
        ui.add_sized([width, 18.0], egui::Label::new(text).truncate());
    };
    ui.horizontal(|ui| {
        for (title, width) in ["序号", "机关", "未填格数", "未能读出格数"]
            .into_iter()
            .zip(SUMMED_WIDTHS)
        {
            cell(ui, width, title.to_string(), true);
        }
        ui.label(RichText::new("文件").strong());
    });
    let row_height =
        ui.text_style_height(&egui::TextStyle::Body).max(18.0) + ui.spacing().item_spacing.y;
    egui::ScrollArea::vertical()
        .id_salt("summed-units")
        .max_height(320.0)
        .auto_shrink([false, true])
        .show_rows(ui, row_height, n, |ui, range| {
            for (i, unit) in summed
                .units
                .iter()
                .enumerate()
                .skip(range.start)
                .take(range.len())
            {
                ui.horizontal(|ui| {
                    let count = |c: u32| {
                        if c == 0 {
                            "—".to_string()
                        } else {
                            c.to_string()
                        }
                    };
                    cell(ui, SUMMED_WIDTHS[0], (i + 1).to_string(), false);
                    cell(ui, SUMMED_WIDTHS[1], unit.agency.clone(), false);
                    cell(ui, SUMMED_WIDTHS[2], count(unit.blank_cells), false);
                    cell(ui, SUMMED_WIDTHS[3], count(unit.not_read_cells), false);
                    ui.add(egui::Label::new(unit.file.as_str()).truncate())
                        .on_hover_text(unit.file.as_str());
                });
            }
        });
}

/// The id of the 成文日期 (`signed`) or 发布日期 field, for focus.
pub fn date_field_id(signed: bool) -> egui::Id {
    egui::Id::unique(("date-field", signed))
}

fn date_field(
    ui: &mut egui::Ui,
    signed: bool,
    label: &str,
    value: Option<Date>,
    st: &mut TextState,
    cmds: &mut Vec<Command>,
) {
    let id = date_field_id(signed);
    let focused = ui.memory(|m| m.has_focus(id));
    let (text, synced) = st.dates.entry(signed).or_insert((String::new(), None));
    let shown = value.map(|d| d.to_string()).unwrap_or_default();
    if *synced != value {
        // Changed elsewhere (undo, an import, another report): show the report's date.
        *text = shown.clone();
        *synced = value;
    } else if !focused && parse_typed_date(text) == value && *text != shown {
        // "2026.1.20" taken: written back the one way the report stores it.
        *text = shown.clone();
    }
    ui.horizontal_wrapped(|ui| {
        let l = ui.label(RichText::new(label).strong());
        let r = ui
            .add(
                TextEdit::singleline(text)
                    .id(id)
                    .hint_text("如 2025-01-20")
                    .desired_width(140.0),
            )
            .labelled_by(l.id);
        let trimmed = text.trim();
        let parsed = parse_typed_date(trimmed);
        if r.changed() {
            if trimmed.is_empty() {
                cmds.push(Command::SetDate { signed, date: None });
                *synced = None;
            } else if let Some(date) = parsed {
                cmds.push(Command::SetDate {
                    signed,
                    date: Some(date),
                });
                *synced = Some(date);
            }
        }
        if !trimmed.is_empty() && parsed.is_none() {
            let kept = match value {
                Some(d) => format!("报告中仍为 {}", d.chinese()),
                None => "报告中此项仍为空".into(),
            };
            ui.colored_label(
                severity_colour(Severity::Error),
                format!(
                    "“{trimmed}”不是有效日期，未采用（{kept}）。请写成 2025-01-20 或 2025年1月20日"
                ),
            );
        } else if let Some(d) = parsed {
            ui.weak(d.chinese());
        }
    });
}

/// A date as a clerk writes it: 2026-01-20, 2026.1.20, 2026/01/18, 2026年1月20日, in
/// half- or full-width digits. None for anything else (a date that does not exist too).
pub fn parse_typed_date(text: &str) -> Option<Date> {
    let t = super::grid::normalize_digits(text.trim());
    let allowed = |c: char| {
        c.is_ascii_digit()
            || c.is_whitespace()
            || matches!(c, '-' | '/' | '.' | '年' | '月' | '日' | '－' | '／')
    };
    if t.is_empty() || !t.chars().all(allowed) {
        return None;
    }
    let t = t.strip_suffix('日').unwrap_or(&t);
    let nums: Vec<&str> = t
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .collect();
    let [y, m, d] = nums[..] else { return None };
    if y.len() != 4 || m.len() > 2 || d.len() > 2 {
        return None;
    }
    Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// 一、总体情况: the lead paragraph and the five parts, one under another.
pub fn overview_ui(ui: &mut egui::Ui, form: &mut Form) {
    ui.heading(SECTION_TITLES[0]);
    section_findings(ui, form.doc, Section::Overview);
    ui.add_space(6.0);
    text_field(
        ui,
        form,
        TextField::Lead,
        "总述（（一）之前的文字，可不填）",
        true,
    );
    let written = form.doc.report.overview.parts_as_written();
    for (i, customary) in OVERVIEW_HEADINGS.iter().enumerate() {
        ui.add_space(10.0);
        let (heading, run_in, _) = written[i];
        text_field(ui, form, TextField::Part(i), heading, true);
        ui.horizontal(|ui| {
            let l = ui.label("本节标题的写法：");
            bound_edit(ui, form, TextField::Heading(i), false, |edit| {
                edit.hint_text(*customary).desired_width(300.0)
            })
            .labelled_by(l.id);
            let mut run = run_in;
            if ui.checkbox(&mut run, "标题后接正文（同一行）").changed() {
                form.cmds.push(Command::SetRunIn(i, run));
            }
        });
        if i == 1 {
            let r = ui
                .button("插入统计句")
                .on_hover_text("按表三、表四的数字生成“本年度共收到政府信息公开申请N件……”一段，插在本节末尾，可再修改；文字与表格一致，避免最常见的差错。");
            if r.clicked() {
                form.cmds.push(Command::InsertStatistics);
            }
        }
    }
}

/// 五 or 六: one paragraph editor under its heading.
pub fn section_text_ui(ui: &mut egui::Ui, node: Node, form: &mut Form) {
    let (field, section, title, hint) = match node {
        Node::Problems => (
            TextField::Problems,
            Section::Problems,
            SECTION_TITLES[4],
            "写明存在的问题和具体的改进措施（谁、做什么、何时完成）。",
        ),
        _ => (
            TextField::OtherMatters,
            Section::OtherMatters,
            SECTION_TITLES[5],
            "须报告信息处理费的收取情况（收取了多少元，或“未收取信息处理费”）。",
        ),
    };
    ui.heading(title);
    ui.weak(hint);
    section_findings(ui, form.doc, section);
    ui.add_space(6.0);
    text_field(ui, form, field, "正文", true);
}
