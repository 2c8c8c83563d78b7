//! 检查结果: every finding, errors first, in the words of `nianbao check`; a click takes
//! the user to the cell or text it is about.

use egui::{Color32, RichText};

use crate::check::{self, Finding, Section, Severity};
use crate::format::{TableId, table_def};

use super::Command;
use super::doc::Doc;

/// The colour of a severity on screen (declared once, in [`Severity::rgb`]).
pub fn severity_colour(severity: Severity) -> Color32 {
    let [r, g, b] = severity.rgb();
    Color32::from_rgb(r, g, b)
}

/// The colour of "nothing found" and of a part that is complete.
pub const DONE_COLOUR: Color32 = Color32::from_rgb(40, 150, 60);

/// The list of findings.
pub fn findings_ui(ui: &mut egui::Ui, doc: &Doc, cmds: &mut Vec<Command>) {
    let (errors, warnings) = doc.counts();
    ui.heading("检查结果");
    if doc.findings.is_empty() && doc.rejected.is_empty() {
        ui.label(RichText::new("没有发现问题：可以导出PDF印发。").color(DONE_COLOUR));
    } else {
        ui.label(format!(
            "{errors} 个错误（须改正，否则打印稿标为草稿），{warnings} 个警告（请核对）。点击一条可转到相应位置。"
        ));
    }
    if let Some((path, _)) = &doc.previous {
        ui.weak(format!("已对照上年报告：{}", path.display()));
    }
    ui.separator();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if !doc.rejected.is_empty() {
                ui.strong(
                    RichText::new(format!(
                        "未能填入的内容（{} 处，表中以红字标出；请改正）",
                        doc.rejected.len()
                    ))
                    .color(severity_colour(Severity::Error)),
                );
                for (&cell, text) in &doc.rejected {
                    let message = format!(
                        "{}：{}",
                        cell.label_path(),
                        super::table_editor::rejected_message(cell, text)
                    );
                    if ui
                        .add(egui::Button::selectable(false, message).wrap())
                        .clicked()
                    {
                        cmds.push(Command::GoToCell(cell));
                    }
                }
                ui.separator();
            }
            if !doc.uncertain.is_empty() {
                ui.strong(format!(
                    "导入时未能确定的内容（{} 处，表中以紫框标出；请对照原文核对）",
                    doc.uncertain.len()
                ));
                ui.weak("填写或改动一格，它就从这里消失；与原文一致的，点“已核对”。");
                for (i, u) in doc.uncertain.iter().enumerate() {
                    let text = format!("{}：{}（原文：“{}”）", u.place, u.reason, u.seen);
                    ui.horizontal(|ui| {
                        if ui
                            .small_button("已核对")
                            .on_hover_text("已对照原文核对无误，从清单中去掉")
                            .clicked()
                        {
                            cmds.push(Command::CheckedUncertain(i));
                        }
                        let r = ui.add(egui::Button::selectable(false, text).wrap());
                        if r.clicked()
                            && let Some(cell) = u.cell
                        {
                            cmds.push(Command::GoToCell(cell));
                        }
                    });
                }
                ui.separator();
            }
            // The blank rows of one table are one group, folded, so that a half-filled
            // table does not bury the other findings.
            let mut grouped: std::collections::BTreeMap<TableId, Vec<usize>> =
                std::collections::BTreeMap::new();
            for (i, f) in doc.findings.iter().enumerate() {
                if let Some(t) = blank_row_table(f) {
                    grouped.entry(t).or_default().push(i);
                }
            }
            grouped.retain(|_, rows| rows.len() > 1);
            let mut shown_group = std::collections::BTreeSet::new();
            for (i, f) in doc.findings.iter().enumerate() {
                match blank_row_table(f).filter(|t| grouped.contains_key(t)) {
                    Some(t) => {
                        if !shown_group.insert(t) {
                            continue;
                        }
                        let rows = &grouped[&t];
                        let cells: usize = rows.iter().map(|&j| doc.findings[j].cells.len()).sum();
                        let (mark, color) = severity_mark(f.severity);
                        ui.horizontal_wrapped(|ui| {
                            ui.label(RichText::new(mark).color(color).strong());
                            ui.label(RichText::new(check::rule_name(f.rule)).weak());
                            egui::CollapsingHeader::new(format!(
                                "{}有 {} 行未填完（共 {cells} 格；空白不等于 0，没有的请填 0）",
                                t.name(),
                                rows.len()
                            ))
                            .id_salt(("blank-rows", t))
                            .show(ui, |ui| {
                                for &j in rows {
                                    let row = &doc.findings[j];
                                    if ui
                                        .add(egui::Button::selectable(false, &row.message).wrap())
                                        .clicked()
                                    {
                                        cmds.push(Command::GoToFinding(j));
                                    }
                                }
                            });
                        });
                    }
                    None => finding_row(ui, i, f, cmds),
                }
                ui.add_space(2.0);
            }
        });
}

/// The table of a completeness finding about one row's blank cells (not a wholly blank
/// table, which is one finding already).
fn blank_row_table(f: &Finding) -> Option<TableId> {
    match f.section {
        Section::Table(t)
            if f.rule == "completeness"
                && !f.cells.is_empty()
                && f.cells.len() < table_def(t).input_cells().count() =>
        {
            Some(t)
        }
        _ => None,
    }
}

/// 错误 / 警告 and its colour.
fn severity_mark(severity: Severity) -> (&'static str, Color32) {
    (severity.name(), severity_colour(severity))
}

/// One finding: its severity, the rule's Chinese name, the message; a click goes to it.
fn finding_row(ui: &mut egui::Ui, i: usize, f: &Finding, cmds: &mut Vec<Command>) {
    let (mark, color) = severity_mark(f.severity);
    let place = match f.cells.first() {
        Some(cell) => cell.label_path(),
        None => f.section.title().to_string(),
    };
    let response = ui
        .horizontal_wrapped(|ui| {
            ui.label(RichText::new(mark).color(color).strong());
            ui.label(RichText::new(check::rule_name(f.rule)).weak());
            ui.add(egui::Button::selectable(false, &f.message).wrap())
        })
        .inner
        .on_hover_text(format!("位置：{place}"));
    if response.clicked() {
        cmds.push(Command::GoToFinding(i));
    }
}
