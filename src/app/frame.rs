//! The frame around the editor: the menu bar, the status bar and the editor area that
//! shows the part of the report chosen in the tree.

use egui::RichText;

use super::ui_command::{UiCommand, consume_shortcuts};
use super::{Command, NianbaoApp, Node, findings, preview, table_editor, text_editor};

/// Seconds a status message shows.
const STATUS_S: f64 = 10.0;
/// Seconds an error in the status bar shows.
const STATUS_ERROR_S: f64 = 30.0;

impl NianbaoApp {
    /// The shortcuts of [`UiCommand`]s, unless a dialog or an input method has the keys.
    pub(super) fn shortcuts(&mut self, ctx: &egui::Context) {
        if self.modal.is_some() || self.dialogs.chooser.is_some() || self.ime.composing {
            return;
        }
        for command in consume_shortcuts(ctx) {
            self.cmds.push(command.command());
        }
    }

    pub(super) fn menu_ui(&mut self, ui: &mut egui::Ui) {
        let cmds = &mut self.cmds;
        let (can_undo, can_redo) = (self.doc.can_undo(), self.doc.can_redo());
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("文件", |ui| {
                for command in [
                    UiCommand::New,
                    UiCommand::StartFromPrevious,
                    UiCommand::Open,
                ] {
                    if command.menu_item(ui, true) {
                        cmds.push(command.command());
                    }
                }
                ui.menu_button("最近打开", |ui| {
                    if self.settings.recent.is_empty() {
                        ui.weak("（无）");
                    }
                    for path in &self.settings.recent {
                        if ui.button(self.settings.describe(path)).clicked() {
                            cmds.push(Command::OpenPath(path.clone()));
                        }
                    }
                });
                ui.separator();
                for command in [UiCommand::Save, UiCommand::SaveAs, UiCommand::ExportPdf] {
                    if command.menu_item(ui, true) {
                        cmds.push(command.command());
                    }
                }
                ui.separator();
                for command in [
                    UiCommand::ExportHtml,
                    UiCommand::ExportXlsx,
                    UiCommand::ExportDocx,
                ] {
                    if command.menu_item(ui, true) {
                        cmds.push(command.command());
                    }
                }
                ui.separator();
                for command in [
                    UiCommand::ImportPrevious,
                    UiCommand::ImportPublished,
                    UiCommand::ImportXlsx,
                ] {
                    if command.menu_item(ui, true) {
                        cmds.push(command.command());
                    }
                }
                ui.separator();
                if UiCommand::BatchAudit.menu_item(ui, true) {
                    cmds.push(UiCommand::BatchAudit.command());
                }
                ui.separator();
                if UiCommand::Quit.menu_item(ui, true) {
                    cmds.push(UiCommand::Quit.command());
                }
            });
            ui.menu_button("编辑", |ui| {
                if UiCommand::Undo.menu_item(ui, can_undo) {
                    cmds.push(UiCommand::Undo.command());
                }
                if UiCommand::Redo.menu_item(ui, can_redo) {
                    cmds.push(UiCommand::Redo.command());
                }
            });
            ui.menu_button("设置", |ui| {
                let mut x11 = self.settings.force_x11;
                if ui
                    .checkbox(
                        &mut x11,
                        "使用 X11 方式显示窗口（Wayland 桌面上输入法不能用时勾选，重启后生效）",
                    )
                    .changed()
                {
                    self.settings.force_x11 = x11;
                    self.settings.save(&self.config.data_dir);
                }
            });
            ui.menu_button("帮助", |ui| {
                for command in [UiCommand::KeyboardHelp, UiCommand::About] {
                    if command.menu_item(ui, true) {
                        cmds.push(command.command());
                    }
                }
            });
            ui.separator();
            for command in [
                UiCommand::Save,
                UiCommand::ExportPdf,
                UiCommand::ShowFindings,
                UiCommand::ShowPreview,
            ] {
                if command.button(ui) {
                    cmds.push(command.command());
                }
            }
        });
    }

    pub(super) fn status_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal_wrapped(|ui| {
            let (errors, warnings) = self.doc.counts();
            let color = if errors > 0 {
                egui::Color32::from_rgb(200, 30, 30)
            } else if warnings > 0 {
                egui::Color32::from_rgb(190, 120, 0)
            } else {
                egui::Color32::from_rgb(40, 150, 60)
            };
            if ui
                .link(RichText::new(format!("{errors} 个错误，{warnings} 个警告")).color(color))
                .clicked()
            {
                self.cmds.push(Command::Select(Node::Findings));
            }
            ui.separator();
            let where_ = match &self.doc.path {
                Some(p) => p.display().to_string(),
                None => "尚未保存".into(),
            };
            ui.weak(where_);
            if self.dialogs.waiting() {
                ui.separator();
                ui.label("正在等待文件对话框…");
                if ui.button("对话框没有出现？改用内置选择").clicked() {
                    self.dialogs.use_chooser_instead();
                }
            }
            let now = ui.input(|i| i.time);
            if let Some((message, error)) = &self.status {
                // A message stays long enough to read, then fades: 10 s, an error 30 s.
                if self.status_since.as_ref().map(|s| &s.0) != Some(message) {
                    self.status_since = Some((message.clone(), now));
                }
                let since = self.status_since.as_ref().map_or(now, |s| s.1);
                let life = if *error { STATUS_ERROR_S } else { STATUS_S };
                let age = now - since;
                if age >= life {
                    self.status = None;
                } else {
                    ui.ctx()
                        .request_repaint_after(std::time::Duration::from_secs_f64(life - age));
                    ui.separator();
                    let base = if *error {
                        egui::Color32::from_rgb(200, 30, 30)
                    } else {
                        ui.visuals().text_color()
                    };
                    // The last two seconds fade out.
                    let alpha = ((life - age) / 2.0).clamp(0.2, 1.0) as f32;
                    // Wrapped, never cut off: a long message takes a second line.
                    ui.add(
                        egui::Label::new(
                            RichText::new(message.as_str()).color(base.gamma_multiply(alpha)),
                        )
                        .wrap(),
                    );
                }
            }
        });
    }

    pub(super) fn editor_ui(&mut self, ui: &mut egui::Ui) {
        let (doc, cmds, ime) = (&self.doc, &mut self.cmds, &self.ime);
        match self.node {
            Node::Table(t) => {
                ui.heading(t.section_title());
                ui.weak("方向键或鼠标选格；直接输入数字、回车或 F2 开始填写；回车下移，Tab 右移，Esc 取消；Delete 清空。空白表示未填写（不等于 0）。可从 Excel/WPS 复制一块数字后按 Ctrl+V 粘贴。");
                table_editor::table_ui(ui, t, doc, &mut self.tables, ime, cmds);
            }
            Node::Findings => findings::findings_ui(ui, doc, cmds),
            Node::Preview => {
                self.preview
                    .update(&doc.report, &doc.findings, doc.revision);
                let zoom = self.settings.preview_zoom.unwrap_or(1.0);
                ui.horizontal(|ui| {
                    ui.heading("打印预览");
                    let mut z = zoom;
                    if ui.button("缩小").clicked() {
                        z = (z / 1.25).max(preview::MIN_ZOOM);
                    }
                    ui.add(
                        egui::Slider::new(&mut z, preview::MIN_ZOOM..=preview::MAX_ZOOM)
                            .show_value(false),
                    )
                    .on_hover_text("缩放");
                    if ui.button("放大").clicked() {
                        z = (z * 1.25).min(preview::MAX_ZOOM);
                    }
                    ui.label(format!("{:.0}%", z * 100.0));
                    ui.weak(format!("共 {} 页", self.preview.document.pages.len()))
                        .on_hover_text(format!("排版用时 {:.1} 毫秒", self.preview.layout_ms));
                    if ui.button("导出PDF…").clicked() {
                        cmds.push(Command::ExportPdf);
                    }
                    if (z - zoom).abs() > f32::EPSILON {
                        self.settings.preview_zoom = Some(z);
                    }
                });
                for w in &self.preview.warnings {
                    ui.colored_label(
                        findings::severity_colour(crate::check::Severity::Warning),
                        w,
                    );
                }
                egui::ScrollArea::both()
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        preview::pages_ui(ui, &self.preview.document, zoom);
                    });
            }
            node => {
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        // A readable measure on a wide screen; the whole width on a small
                        // one (set_max_width sets, it does not only narrow).
                        ui.set_max_width(ui.available_width().min(900.0));
                        let form = &mut text_editor::Form {
                            doc,
                            st: &mut self.texts,
                            ime,
                            cmds,
                        };
                        match node {
                            Node::Details => text_editor::details_ui(ui, form),
                            Node::Overview => text_editor::overview_ui(ui, form),
                            _ => text_editor::section_text_ui(ui, node, form),
                        }
                    });
            }
        }
    }
}
