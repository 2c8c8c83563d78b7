//! 检查结果: every finding, errors first, in the words of `nianbao check`; a click takes
//! the user to the cell or text it is about.

use egui::{Color32, RichText};

use crate::check::Severity;

use super::Command;
use super::doc::Doc;

/// The list of findings.
pub fn findings_ui(ui: &mut egui::Ui, doc: &Doc, cmds: &mut Vec<Command>) {
    let (errors, warnings) = doc.counts();
    ui.heading("检查结果");
    if doc.findings.is_empty() && doc.rejected.is_empty() {
        ui.label(
            RichText::new("没有发现问题：可以导出PDF印发。").color(Color32::from_rgb(40, 150, 60)),
        );
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
                    .color(Color32::from_rgb(200, 30, 30)),
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
                    "导入时未能确定的内容（{} 处，表中以紫框标出；请对照原文填写）",
                    doc.uncertain.len()
                ));
                for u in &doc.uncertain {
                    let text = format!("{}：{}（原文：“{}”）", u.place, u.reason, u.seen);
                    let r = ui.add(egui::Button::selectable(false, text).wrap());
                    if r.clicked()
                        && let Some(cell) = u.cell
                    {
                        cmds.push(Command::GoToCell(cell));
                    }
                }
                ui.separator();
            }
            for (i, f) in doc.findings.iter().enumerate() {
                let (mark, color) = match f.severity {
                    Severity::Error => ("错误", Color32::from_rgb(200, 30, 30)),
                    Severity::Warning => ("警告", Color32::from_rgb(190, 120, 0)),
                };
                let place = match f.cells.first() {
                    Some(cell) => cell.label_path(),
                    None => f.section.title().to_string(),
                };
                let response = ui
                    .horizontal_wrapped(|ui| {
                        ui.label(RichText::new(mark).color(color).strong());
                        ui.label(RichText::new(format!("[{}]", f.rule)).weak());
                        ui.add(egui::Button::selectable(false, &f.message).wrap())
                    })
                    .inner
                    .on_hover_text(format!("位置：{place}"));
                if response.clicked() {
                    cmds.push(Command::GoToFinding(i));
                }
                ui.add_space(2.0);
            }
        });
}
