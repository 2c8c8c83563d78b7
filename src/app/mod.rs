//! The window: a thin view over the model, the checks and the layout.
//!
//! Each panel is a function that draws from the document and pushes [`Command`]s; the
//! commands are applied after the frame in [`NianbaoApp::apply`], the one place the
//! document changes. The app holds no rule and no label of its own: labels come from the
//! format declaration, findings from the checks, pages from the layout.

pub mod audit;
pub mod doc;
pub mod files;
pub mod findings;
pub mod fonts;
pub mod grid;
pub mod preview;
pub mod table_editor;
pub mod text_editor;
pub mod tree;

use std::path::{Path, PathBuf};

use egui::{Key, KeyboardShortcut, Modifiers, RichText, ViewportCommand};

use crate::check::Section;
use crate::file;
use crate::format::{CellKey, TableId};
use crate::model::{AgencyKind, Date, Report, Value};

use doc::{Doc, EditKind, TextField};
use files::{Dialogs, Purpose, Recovered, Recovery, Settings};
use preview::Preview;
use table_editor::TableState;
use text_editor::TextState;

/// A part of the report shown in the editor (a node of the form tree).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Node {
    /// 基本信息.
    Details,
    /// 一、总体情况.
    Overview,
    /// 二、三、四.
    Table(TableId),
    /// 五.
    Problems,
    /// 六.
    OtherMatters,
    /// 检查结果.
    Findings,
    /// 打印预览.
    Preview,
}

/// Something the user asked for; applied after the frame.
#[derive(Debug, Clone)]
pub enum Command {
    /// Show a part of the report.
    Select(Node),
    /// Scroll to a text field and focus it.
    RevealText(TextField),
    /// Set or clear one cell.
    SetCell(CellKey, Option<Value>),
    /// Text typed into a cell that is not a number: the cell is cleared and keeps the
    /// text with an error until it is filled.
    RejectCell(CellKey, String),
    /// Set or clear several cells as one step.
    SetCells(Vec<(CellKey, Option<Value>)>),
    /// Paste a tab-separated block with its top-left at a cell.
    Paste {
        /// The top-left cell.
        start: CellKey,
        /// The block.
        text: String,
    },
    /// Replace a text.
    SetText(TextField, String),
    /// Set the report year.
    SetYear(u16),
    /// Set the kind of agency.
    SetKind(AgencyKind),
    /// Set the 成文日期 (`signed`) or the 发布日期.
    SetDate {
        /// Which date.
        signed: bool,
        /// The date, or None to clear it.
        date: Option<Date>,
    },
    /// Whether the heading of a part of 一 runs into its paragraph.
    SetRunIn(usize, bool),
    /// Append the statistics sentence to 一（二）.
    InsertStatistics,
    /// Go to the cell or text of the n-th finding.
    GoToFinding(usize),
    /// Go to a cell.
    GoToCell(CellKey),
    /// Undo the last step.
    Undo,
    /// Redo the last undone step.
    Redo,
    /// Show a message in the status bar (true: an error).
    Status(String, bool),
    /// 新建: ask for agency, year and kind.
    New,
    /// Make the new report.
    Create {
        /// 机关名称.
        agency: String,
        /// 报告年度.
        year: u16,
        /// 机关类型.
        kind: AgencyKind,
    },
    /// 打开: choose a file.
    Open,
    /// Open this file.
    OpenPath(PathBuf),
    /// 保存 (to the file it came from, or ask where).
    Save,
    /// 另存为.
    SaveAs,
    /// 导出PDF.
    ExportPdf,
    /// 从上年报告导入.
    ImportPrevious,
    /// 导入已发布的报告: choose a web page or text.
    ImportPublished,
    /// 导出网页.
    ExportHtml,
    /// 批量审核: show the batch-audit window.
    BatchAudit,
    /// What the batch-audit window asked for (open a unit, show a sum).
    FromAudit(audit::AuditAction),
    /// A path was chosen in a dialog.
    Chosen(Purpose, PathBuf),
    /// Close the window.
    Quit,
    /// Run the command without asking about unsaved changes (the user answered).
    Confirmed(Box<Command>),
    /// Save, then run the command (the user chose 保存 when asked about unsaved changes).
    SaveThen(Box<Command>),
    /// Restore (true) or discard the recovered copy.
    Recover(bool),
}

/// Input-method state: whether a composition (raw pinyin) is in progress. Nothing is taken
/// into the report, the checks, the undo history or the recovery copy while it is.
#[derive(Debug, Default)]
pub struct Ime {
    /// A composition is in progress.
    pub composing: bool,
    /// A composition was in progress in the previous frame: in the frame that commits it,
    /// the text field still holds the composition it is about to replace.
    pub was_composing: bool,
}

impl Ime {
    /// Whether a text field's own text must be left alone this frame.
    pub fn busy(&self) -> bool {
        self.composing || self.was_composing
    }

    fn update(&mut self, events: &[egui::Event]) {
        self.was_composing = self.composing;
        for event in events {
            if let egui::Event::Ime(ime) = event {
                self.composing = match ime {
                    egui::ImeEvent::Preedit { text, .. } => !text.is_empty(),
                    egui::ImeEvent::DeleteSurrounding { .. } => self.composing,
                    _ => false,
                };
            }
        }
    }
}

/// A question or message over the window.
pub enum Modal {
    /// 新建年报: agency, year, kind.
    New {
        /// 机关名称.
        agency: String,
        /// 报告年度.
        year: u16,
        /// 机关类型.
        kind: AgencyKind,
    },
    /// Unsaved changes: save, discard, or cancel what was asked.
    Unsaved(Box<Command>),
    /// Unsaved work from a run that ended abnormally.
    Recover(Box<Recovered>),
    /// A message to acknowledge (a file that would not open, a failed save).
    Message(String),
}

/// How the app is started.
pub struct Config {
    /// Where settings and the recovery copy live.
    pub data_dir: PathBuf,
    /// Use the system's file dialogs (off in tests: the built-in chooser is used).
    pub native_dialogs: bool,
    /// Open an exported PDF in the system's viewer.
    pub open_exported: bool,
    /// A report to open at start.
    pub open: Option<PathBuf>,
    /// Print each frame's time to stderr (`NIANBAO_TRACE_FRAMES=1`), for measuring.
    pub trace_frames: bool,
}

impl Config {
    /// The settings of a real run: the platform's data folder and system dialogs.
    pub fn desktop(open: Option<PathBuf>) -> Config {
        Config {
            data_dir: files::data_dir(),
            native_dialogs: true,
            open_exported: true,
            open,
            trace_frames: std::env::var_os("NIANBAO_TRACE_FRAMES").is_some(),
        }
    }
}

/// Seconds between recovery copies while there is unsaved work.
const RECOVERY_EVERY_S: f64 = 30.0;

/// The app.
pub struct NianbaoApp {
    /// The open document.
    pub doc: Doc,
    /// The part shown on the right.
    pub node: Node,
    /// The table editor's cursor and cell being typed.
    pub tables: TableState,
    texts: TextState,
    ime: Ime,
    preview: Preview,
    /// App settings (recent files, X11, zoom).
    pub settings: Settings,
    config: Config,
    recovery: Recovery,
    /// The revision last written to the recovery copy, and when (egui time).
    recovered: (u64, f64),
    dialogs: Dialogs,
    /// The batch-audit window (文件 → 批量审核…).
    pub audit: audit::AuditView,
    /// The question or message shown over the window, if any.
    pub modal: Option<Modal>,
    /// The status bar's message (true: an error).
    pub status: Option<(String, bool)>,
    title: String,
    allow_close: bool,
    /// What to do once the report is saved (closing, opening another file).
    after_save: Option<Command>,
    cmds: Vec<Command>,
}

impl NianbaoApp {
    /// Starts the app: opens the file asked for, and offers the recovery copy if a run
    /// before ended without saving.
    pub fn new(config: Config) -> NianbaoApp {
        let settings = Settings::load(&config.data_dir);
        let recovery = Recovery::new(config.data_dir.clone());
        let dialogs = Dialogs::new(config.native_dialogs);
        let audit = audit::AuditView::new(config.native_dialogs);
        let this_year = 2024.max(current_year().saturating_sub(1));
        let mut app = NianbaoApp {
            doc: Doc::new(Report::new("", this_year), None),
            node: Node::Details,
            tables: TableState::default(),
            texts: TextState::default(),
            ime: Ime::default(),
            preview: Preview::default(),
            settings,
            config,
            recovery,
            recovered: (0, 0.0),
            dialogs,
            audit,
            modal: None,
            status: None,
            title: String::new(),
            allow_close: false,
            after_save: None,
            cmds: Vec::new(),
        };
        app.recovered.0 = app.doc.revision;
        match app.recovery.find() {
            Some(Ok(found)) => app.modal = Some(Modal::Recover(Box::new(found))),
            Some(Err(e)) => {
                app.status = Some((format!("上次未保存的内容无法恢复：{e}"), true));
                app.recovery.clear();
            }
            None => {}
        }
        if let Some(path) = app.config.open.clone() {
            app.open(&path);
        } else if app.modal.is_none() {
            app.modal = Some(Modal::New {
                agency: String::new(),
                year: this_year,
                kind: AgencyKind::Department,
            });
        }
        app
    }

    /// Draws one frame and applies what the user did. The eframe entry point and the
    /// tests both call this.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if !self.tables.pending.is_empty() {
            // Keys the table editor put off to this frame come before the new ones.
            let mut pending = std::mem::take(&mut self.tables.pending);
            ctx.input_mut(|i| {
                pending.append(&mut i.events);
                i.events = pending;
            });
        }
        self.tables.blocked = self.modal.is_some() || self.dialogs.chooser.is_some();
        let events = ctx.input(|i| i.events.clone());
        self.ime.update(&events);
        self.shortcuts(&ctx);
        for f in ctx.input(|i| i.raw.dropped_files.clone()) {
            let path = f.path();
            if !path.as_os_str().is_empty() {
                self.cmds.push(Command::OpenPath(path.to_path_buf()));
            }
        }
        if let Some((purpose, path)) = self.dialogs.poll() {
            self.cmds.push(Command::Chosen(purpose, path));
        }
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close && self.doc.is_dirty()
        {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.modal = Some(Modal::Unsaved(Box::new(Command::Quit)));
        }

        egui::Panel::top("menu").show(ui, |ui| self.menu_ui(ui));
        egui::Panel::bottom("status").show(ui, |ui| self.status_ui(ui));
        egui::Panel::left("tree")
            .default_size(265.0)
            .resizable(true)
            .show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    tree::tree_ui(ui, self.node, &self.doc, &mut self.cmds);
                });
            });
        egui::CentralPanel::default().show(ui, |ui| self.editor_ui(ui));
        self.modal_ui(&ctx);
        for action in self.audit.ui(&ctx) {
            self.cmds.push(Command::FromAudit(action));
        }
        self.chooser_ui(&ctx);

        let now = ctx.input(|i| i.time);
        let cmds = std::mem::take(&mut self.cmds);
        if !cmds.is_empty() {
            // Show the result at once: the next frame draws the changed report.
            ctx.request_repaint();
        }
        for cmd in cmds {
            self.apply(cmd, &ctx, now);
        }
        self.keep_recovery_copy(&ctx, &events, now);
        self.update_title(&ctx);
    }

    fn shortcuts(&mut self, ctx: &egui::Context) {
        let cmd = Modifiers::COMMAND;
        let shift = Modifiers::COMMAND | Modifiers::SHIFT;
        let table: [(Modifiers, Key, Command); 9] = [
            (shift, Key::S, Command::SaveAs),
            (cmd, Key::S, Command::Save),
            (cmd, Key::O, Command::Open),
            (cmd, Key::N, Command::New),
            (cmd, Key::P, Command::ExportPdf),
            (shift, Key::Z, Command::Redo),
            (cmd, Key::Z, Command::Undo),
            (cmd, Key::Y, Command::Redo),
            (Modifiers::NONE, Key::F5, Command::Select(Node::Preview)),
        ];
        if self.modal.is_some() || self.dialogs.chooser.is_some() || self.ime.composing {
            return;
        }
        for (modifiers, key, command) in table {
            if ctx.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(modifiers, key))) {
                self.cmds.push(command);
            }
        }
    }

    fn menu_ui(&mut self, ui: &mut egui::Ui) {
        let cmds = &mut self.cmds;
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("文件", |ui| {
                let item = |ui: &mut egui::Ui, label: &str, keys: &str| {
                    let button = egui::Button::new(label);
                    let button = if keys.is_empty() {
                        button
                    } else {
                        button.shortcut_text(keys)
                    };
                    ui.add(button).clicked()
                };
                if item(ui, "新建…", "Ctrl+N") {
                    cmds.push(Command::New);
                }
                if item(ui, "打开…", "Ctrl+O") {
                    cmds.push(Command::Open);
                }
                ui.menu_button("最近打开", |ui| {
                    if self.settings.recent.is_empty() {
                        ui.weak("（无）");
                    }
                    for path in &self.settings.recent {
                        if ui.button(path.display().to_string()).clicked() {
                            cmds.push(Command::OpenPath(path.clone()));
                        }
                    }
                });
                ui.separator();
                if item(ui, "保存", "Ctrl+S") {
                    cmds.push(Command::Save);
                }
                if item(ui, "另存为…", "Ctrl+Shift+S") {
                    cmds.push(Command::SaveAs);
                }
                if item(ui, "导出PDF…", "Ctrl+P") {
                    cmds.push(Command::ExportPdf);
                }
                ui.separator();
                if item(ui, "导出网页…", "") {
                    cmds.push(Command::ExportHtml);
                }
                ui.separator();
                if item(ui, "从上年报告导入…", "") {
                    cmds.push(Command::ImportPrevious);
                }
                if item(ui, "导入已发布的报告…", "") {
                    cmds.push(Command::ImportPublished);
                }
                ui.separator();
                if item(ui, "批量审核…", "") {
                    cmds.push(Command::BatchAudit);
                }
                ui.separator();
                if item(ui, "退出", "") {
                    cmds.push(Command::Quit);
                }
            });
            ui.menu_button("编辑", |ui| {
                if ui
                    .add_enabled(
                        self.doc.can_undo(),
                        egui::Button::new("撤销").shortcut_text("Ctrl+Z"),
                    )
                    .clicked()
                {
                    cmds.push(Command::Undo);
                }
                if ui
                    .add_enabled(
                        self.doc.can_redo(),
                        egui::Button::new("重做").shortcut_text("Ctrl+Y"),
                    )
                    .clicked()
                {
                    cmds.push(Command::Redo);
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
            ui.separator();
            for (label, command) in [
                ("保存", Command::Save),
                ("导出PDF", Command::ExportPdf),
                ("检查结果", Command::Select(Node::Findings)),
                ("打印预览", Command::Select(Node::Preview)),
            ] {
                if ui.button(label).clicked() {
                    cmds.push(command);
                }
            }
        });
    }

    fn status_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
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
            if let Some((message, error)) = &self.status {
                ui.separator();
                if *error {
                    ui.colored_label(egui::Color32::from_rgb(200, 30, 30), message);
                } else {
                    ui.label(message);
                }
            }
        });
    }

    fn editor_ui(&mut self, ui: &mut egui::Ui) {
        let (doc, cmds, ime) = (&self.doc, &mut self.cmds, &self.ime);
        match self.node {
            Node::Table(t) => {
                ui.heading(t.section_title());
                ui.weak("方向键或鼠标选格；直接输入数字、回车或 F2 开始填写；回车下移，Tab 右移，Esc 取消；Delete 清空。空白表示未填写（不等于 0）。可从 Excel/WPS 复制一块数字后按 Ctrl+V 粘贴。");
                table_editor::table_ui(ui, t, doc, &mut self.tables, ime, cmds);
            }
            Node::Findings => findings::findings_ui(ui, doc, cmds),
            Node::Preview => {
                self.preview.update(&doc.report, doc.revision);
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
                    ui.colored_label(egui::Color32::from_rgb(190, 120, 0), w);
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
                        ui.set_max_width(900.0);
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

    fn modal_ui(&mut self, ctx: &egui::Context) {
        let Some(modal) = &mut self.modal else { return };
        let mut close = false;
        let cmds = &mut self.cmds;
        egui::Modal::new(egui::Id::unique("modal")).show(ctx, |ui| {
            ui.set_max_width(460.0);
            match modal {
                Modal::New { agency, year, kind } => {
                    ui.heading("新建年报");
                    let l = ui.label("机关名称（全称）");
                    let r = ui
                        .add(
                            egui::TextEdit::singleline(agency)
                                .hint_text("如 和田县文化体育广播电视和旅游局")
                                .desired_width(420.0),
                        )
                        .labelled_by(l.id);
                    if r.gained_focus() || ui.memory(|m| m.focused().is_none()) {
                        r.request_focus();
                    }
                    ui.horizontal(|ui| {
                        ui.label("报告年度");
                        ui.add(egui::DragValue::new(year).range(2021..=2100).suffix(" 年"));
                    });
                    ui.horizontal(|ui| {
                        ui.label("机关类型");
                        ui.radio_value(kind, AgencyKind::Department, AgencyKind::Department.name());
                        ui.radio_value(kind, AgencyKind::Government, AgencyKind::Government.name());
                    });
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        let ok = !agency.trim().is_empty();
                        if ui.add_enabled(ok, egui::Button::new("创建")).clicked() {
                            cmds.push(Command::Confirmed(Box::new(Command::Create {
                                agency: agency.trim().to_string(),
                                year: *year,
                                kind: *kind,
                            })));
                            close = true;
                        }
                        if ui.button("打开已有的年报…").clicked() {
                            cmds.push(Command::Open);
                            close = true;
                        }
                        if ui.button("取消").clicked() {
                            close = true;
                        }
                    });
                }
                Modal::Unsaved(then) => {
                    ui.heading("报告尚未保存");
                    ui.label("修改还没有保存。要先保存吗？");
                    ui.horizontal(|ui| {
                        if ui.button("保存").clicked() {
                            cmds.push(Command::SaveThen(then.clone()));
                            close = true;
                        }
                        if ui.button("不保存").clicked() {
                            cmds.push(Command::Confirmed(then.clone()));
                            close = true;
                        }
                        if ui.button("取消").clicked() {
                            close = true;
                        }
                    });
                }
                Modal::Recover(found) => {
                    ui.heading("恢复未保存的内容");
                    let when = found
                        .written
                        .and_then(|t| t.elapsed().ok())
                        .map(|d| format!("（{} 分钟前）", d.as_secs() / 60))
                        .unwrap_or_default();
                    let what = match &found.path {
                        Some(p) => format!("文件 {}", p.display()),
                        None => "一份尚未保存过的年报".into(),
                    };
                    ui.label(format!(
                        "上次程序没有正常关闭{when}，{what}（{}{}年）有未保存的修改。要恢复吗？",
                        found.report.details.agency_name, found.report.details.year
                    ));
                    ui.horizontal(|ui| {
                        if ui.button("恢复").clicked() {
                            cmds.push(Command::Recover(true));
                        }
                        if ui.button("丢弃").clicked() {
                            cmds.push(Command::Recover(false));
                        }
                    });
                }
                Modal::Message(message) => {
                    ui.label(message.as_str());
                    if ui.button("确定").clicked() {
                        close = true;
                    }
                }
            }
        });
        if close {
            self.modal = None;
        }
    }

    fn chooser_ui(&mut self, ctx: &egui::Context) {
        let Some(chooser) = &mut self.dialogs.chooser else {
            return;
        };
        let mut done: Option<Option<PathBuf>> = None;
        egui::Modal::new(egui::Id::unique("chooser")).show(ctx, |ui| {
            ui.set_width(560.0);
            ui.heading(chooser.purpose.title());
            ui.horizontal(|ui| {
                ui.label(format!("文件夹：{}", chooser.dir.display()));
                if let Some(parent) = chooser.dir.parent().map(Path::to_path_buf)
                    && ui.button("上一级").clicked()
                {
                    chooser.enter(parent);
                }
            });
            egui::ScrollArea::vertical()
                .max_height(280.0)
                .show(ui, |ui| {
                    for (name, is_dir) in chooser.entries.clone() {
                        let shown = if is_dir {
                            format!("📁 {name}")
                        } else {
                            name.clone()
                        };
                        let r = ui.selectable_label(false, shown);
                        if r.clicked() {
                            let path = chooser.dir.join(&name);
                            if is_dir {
                                chooser.enter(path);
                            } else {
                                chooser.path_text = path.display().to_string();
                            }
                        }
                        if r.double_clicked() && !is_dir {
                            done = Some(Some(chooser.dir.join(&name)));
                        }
                    }
                });
            let l = ui.label("文件路径");
            ui.add(egui::TextEdit::singleline(&mut chooser.path_text).desired_width(540.0))
                .labelled_by(l.id);
            ui.horizontal(|ui| {
                if ui.button("确定").clicked() && !chooser.path_text.trim().is_empty() {
                    done = Some(Some(PathBuf::from(chooser.path_text.trim())));
                }
                if ui.button("取消").clicked() {
                    done = Some(None);
                }
            });
        });
        if let Some(result) = done {
            let purpose = chooser.purpose;
            self.dialogs.chooser = None;
            if let Some(path) = result {
                self.cmds.push(Command::Chosen(purpose, path));
            }
        }
    }

    /// Applies one command: the one place the document changes.
    pub fn apply(&mut self, cmd: Command, ctx: &egui::Context, now: f64) {
        let step = EditKind::Step;
        if matches!(
            cmd,
            Command::Select(_)
                | Command::GoToFinding(_)
                | Command::GoToCell(_)
                | Command::Save
                | Command::SaveAs
                | Command::ExportPdf
                | Command::Quit
                | Command::New
                | Command::Open
        ) {
            self.keep_cell_being_typed(ctx, now);
        }
        match cmd {
            Command::Select(node) => self.node = node,
            Command::RevealText(field) => self.texts.reveal = Some(field),
            Command::SetCell(key, value) => {
                self.doc.uncertain.retain(|u| u.cell != Some(key));
                self.doc.rejected.remove(&key);
                self.doc.edit(step, now, |r| r.set_input(key, value));
            }
            Command::RejectCell(key, text) => {
                self.doc.edit(step, now, |r| r.set_input(key, None));
                let message = table_editor::rejected_message(key, &text);
                self.status = Some((format!("{}：{message}", key.label_path()), true));
                self.doc.rejected.insert(key, text);
            }
            Command::SetRunIn(i, run_in) => {
                self.doc.edit(step, now, |r| {
                    if let Some(h) = r.overview.headings.get_mut(i) {
                        h.run_in = run_in;
                    }
                });
            }
            Command::SetCells(cells) => {
                self.doc.edit(step, now, |r| {
                    for (key, value) in cells {
                        r.set_input(key, value);
                    }
                });
            }
            Command::Paste { start, text } => match grid::paste(&self.doc.report, start, &text) {
                Ok(pasted) => {
                    self.doc.edit(step, now, |r| *r = pasted);
                    self.status = Some(("已粘贴".into(), false));
                }
                Err(message) => self.status = Some((message, true)),
            },
            Command::SetText(field, text) => {
                self.doc
                    .edit(EditKind::Typing(field), now, |r| field.set(r, text));
            }
            Command::SetYear(year) => {
                self.doc.edit(step, now, |r| r.details.year = year);
            }
            Command::SetKind(kind) => {
                self.doc.edit(step, now, |r| r.details.agency_kind = kind);
            }
            Command::SetDate { signed, date } => {
                self.doc.edit(step, now, |r| {
                    if signed {
                        r.details.signed_date = date;
                    } else {
                        r.details.publish_date = date;
                    }
                });
            }
            Command::InsertStatistics => {
                let sentence = crate::sentence::statistics_sentence(&self.doc.report);
                self.doc.edit(step, now, |r| {
                    let text = &mut r.overview.on_request;
                    if !text.trim().is_empty() && !text.ends_with('\n') {
                        text.push('\n');
                    }
                    text.push_str(&sentence);
                });
            }
            Command::GoToFinding(i) => self.go_to_finding(i),
            Command::GoToCell(cell) => {
                self.node = Node::Table(cell.table);
                self.tables.reveal = Some(cell);
            }
            Command::Undo => {
                self.tables.editing = None;
                if !self.doc.undo() {
                    self.status = Some(("没有可撤销的操作".into(), false));
                }
            }
            Command::Redo => {
                if !self.doc.redo() {
                    self.status = Some(("没有可重做的操作".into(), false));
                }
            }
            Command::Status(message, error) => self.status = Some((message, error)),
            Command::Save => match self.doc.path.clone() {
                Some(path) => self.save_to(path),
                None => self.ask(ctx, Purpose::SaveAs),
            },
            Command::SaveAs => self.ask(ctx, Purpose::SaveAs),
            Command::ExportPdf => self.ask(ctx, Purpose::ExportPdf),
            Command::ImportPrevious => self.ask(ctx, Purpose::ImportPrevious),
            Command::ExportHtml => self.ask(ctx, Purpose::ExportHtml),
            Command::Chosen(purpose, path) => self.chosen(purpose, path),
            Command::Recover(restore) => {
                if let Some(Modal::Recover(found)) = self.modal.take()
                    && restore
                {
                    let found = *found;
                    let mut doc = Doc::new(found.report, None);
                    if let Some(path) = found.path {
                        // The file on disk is the saved state; the recovered text is unsaved.
                        if let Ok(saved) = file::load(&path) {
                            let recovered = std::mem::replace(&mut doc.report, saved);
                            doc = Doc::new(doc.report, Some(path));
                            doc.edit(step, now, |r| *r = recovered);
                        } else {
                            doc.path = None;
                        }
                    } else {
                        // Never saved: unsaved against an empty report.
                        let recovered = doc.report.clone();
                        let blank = Report::new("", recovered.details.year);
                        doc = Doc::new(blank, None);
                        doc.edit(step, now, |r| *r = recovered);
                    }
                    self.set_doc(doc);
                    self.status = Some(("已恢复上次未保存的内容，请及时保存".into(), false));
                }
                self.recovery.clear();
            }
            Command::New
            | Command::Open
            | Command::OpenPath(_)
            | Command::Quit
            | Command::ImportPublished
            | Command::FromAudit(_)
                if self.doc.is_dirty() =>
            {
                self.modal = Some(Modal::Unsaved(Box::new(cmd)));
            }
            Command::Confirmed(inner) => self.run_confirmed(*inner, ctx),
            Command::SaveThen(then) => match self.doc.path.clone() {
                Some(path) => {
                    self.save_to(path);
                    if !self.doc.is_dirty() {
                        self.run_confirmed(*then, ctx);
                    }
                }
                None => {
                    // Ask where, and go on once it is saved.
                    self.ask(ctx, Purpose::SaveAs);
                    self.after_save = Some(*then);
                }
            },
            other => self.run_confirmed(other, ctx),
        }
    }

    /// A number still being typed into a cell is kept when the user turns to something else
    /// (another part, saving, printing), as clicking another cell keeps it.
    fn keep_cell_being_typed(&mut self, ctx: &egui::Context, now: f64) {
        let Some(table) = self.tables.editing.as_ref().map(|e| e.key.table) else {
            return;
        };
        // The cursor stays on the cell, ready for the next number.
        ctx.memory_mut(|m| m.request_focus(table_editor::grid_id(table)));
        let mut kept = Vec::new();
        table_editor::commit(&mut self.tables, &mut kept);
        for cmd in kept {
            self.apply(cmd, ctx, now);
        }
    }

    /// Commands that would drop unsaved work, once the user has agreed (or nothing was
    /// unsaved).
    fn run_confirmed(&mut self, cmd: Command, ctx: &egui::Context) {
        match cmd {
            Command::New => {
                self.modal = Some(Modal::New {
                    agency: String::new(),
                    year: self.doc.report.details.year,
                    kind: self.doc.report.details.agency_kind,
                })
            }
            Command::Create { agency, year, kind } => {
                let mut report = Report::new(&agency, year);
                report.details.agency_kind = kind;
                self.set_doc(Doc::new(report, None));
                self.recovery.clear();
            }
            Command::Open => self.ask(ctx, Purpose::Open),
            Command::ImportPublished => self.ask(ctx, Purpose::ImportPublished),
            Command::OpenPath(path) => self.open(&path),
            Command::BatchAudit => self.audit.open = true,
            Command::FromAudit(action) => self.from_audit(action),
            Command::Quit => {
                self.allow_close = true;
                self.recovery.clear();
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
            other => {
                let now = ctx.input(|i| i.time);
                self.apply(other, ctx, now);
            }
        }
    }

    fn set_doc(&mut self, doc: Doc) {
        self.doc = doc;
        self.tables = TableState::default();
        self.texts = TextState::default();
        self.node = Node::Details;
        self.recovered = (self.doc.revision, 0.0);
    }

    fn ask(&mut self, ctx: &egui::Context, purpose: Purpose) {
        self.after_save = None;
        let dir = self
            .doc
            .path
            .as_ref()
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .or_else(|| {
                self.settings
                    .recent
                    .first()
                    .and_then(|p| p.parent().map(Path::to_path_buf))
            })
            .or_else(home_dir)
            .unwrap_or_else(|| PathBuf::from("."));
        let d = &self.doc.report.details;
        let stem = match &self.doc.path {
            Some(p) => p
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
            None => format!(
                "{}{}年政府信息公开工作年度报告",
                d.agency_name.trim(),
                d.year
            ),
        };
        let name = match purpose {
            Purpose::ExportPdf => format!("{stem}.pdf"),
            Purpose::ExportHtml => format!("{stem}.html"),
            _ => format!("{stem}.{}", files::REPORT_EXTENSION),
        };
        self.dialogs.ask(ctx, purpose, dir, name);
    }

    fn chosen(&mut self, purpose: Purpose, path: PathBuf) {
        match purpose {
            Purpose::Open => self.open(&path),
            Purpose::SaveAs => self.save_to(files::with_extension(purpose, path)),
            Purpose::ExportPdf => self.export_pdf(files::with_extension(purpose, path)),
            Purpose::ExportHtml => {
                let path = files::with_extension(purpose, path);
                let html = crate::html::write_html(&self.doc.report, false);
                match file::write_atomic(&path, html.as_bytes()) {
                    Ok(()) => {
                        self.status = Some((format!("已导出网页：{}", path.display()), false))
                    }
                    Err(e) => self.modal = Some(Modal::Message(format!("导出网页失败。\n{e}"))),
                }
            }
            Purpose::ImportPublished => self.import_published(&path),
            Purpose::ImportPrevious => match file::load(&path) {
                Ok(previous) => self.import_previous(path, previous),
                Err(e) => self.modal = Some(Modal::Message(format!("上年报告无法读取：{e}"))),
            },
        }
    }

    /// Reads a published report (its PDF, a saved web page, text copied from one, or
    /// markdown from a converter) into a new, unsaved document; what could not be read with certainty is
    /// listed in 检查结果 and marked on its cell.
    pub fn import_published(&mut self, path: &Path) {
        let result = std::fs::metadata(path)
            .map_err(|e| file::io_reason(&e))
            .and_then(|m| {
                if m.len() > crate::import::MAX_INPUT_BYTES as u64 {
                    Err(format!("文件过大（{} 字节），不像是一份年报", m.len()))
                } else {
                    std::fs::read(path).map_err(|e| file::io_reason(&e))
                }
            })
            .and_then(|bytes| crate::import::import_bytes(&bytes).map_err(|e| e.to_string()));
        match result {
            Ok(imported) => {
                let year = imported.report.details.year;
                let mut doc = Doc::new(Report::new("", year), None);
                doc.edit(EditKind::Step, 0.0, |r| *r = imported.report);
                doc.uncertain = imported.uncertain;
                let n = doc.uncertain.len();
                self.set_doc(doc);
                // Labels taken by similarity and the date taken from the page: said once.
                let notes = if imported.notes.is_empty() {
                    String::new()
                } else {
                    format!("；{}", imported.notes.join("；"))
                };
                self.status = Some(if n == 0 {
                    (format!("已导入，请核对后保存{notes}"), false)
                } else {
                    (
                        format!(
                            "已导入，有 {n} 处未能确定，已在“检查结果”中列出并在表中标出，请对照原文填写{notes}"
                        ),
                        true,
                    )
                });
            }
            Err(e) => {
                self.modal = Some(Modal::Message(format!(
                    "无法导入 {}。\n{e}",
                    path.display()
                )))
            }
        }
    }

    /// Opens a report; a file that fails to load leaves the open document as it was.
    pub fn open(&mut self, path: &Path) {
        match file::load(path) {
            Ok(report) => {
                self.set_doc(Doc::new(report, Some(path.to_path_buf())));
                self.settings.remember(path);
                self.settings.save(&self.config.data_dir);
                self.status = Some((format!("已打开 {}", path.display()), false));
                if matches!(self.modal, Some(Modal::New { .. })) {
                    self.modal = None;
                }
            }
            Err(e) => {
                self.modal = Some(Modal::Message(format!("无法打开年报。\n{e}")));
            }
        }
    }

    /// Saves atomically to `path`; a failure is said and the document stays unsaved.
    pub fn save_to(&mut self, path: PathBuf) {
        match file::save(&self.doc.report, &path) {
            Ok(()) => {
                self.settings.remember(&path);
                self.settings.save(&self.config.data_dir);
                self.status = Some((format!("已保存到 {}", path.display()), false));
                self.doc.mark_saved(path);
                self.recovery.clear();
                self.recovered.0 = self.doc.revision;
                if let Some(then) = self.after_save.take() {
                    self.cmds.push(Command::Confirmed(Box::new(then)));
                }
            }
            Err(e) => self.modal = Some(Modal::Message(format!("保存失败。\n{e}"))),
        }
    }

    /// Writes the PDF (through a temporary file) and opens it in the system's viewer.
    pub fn export_pdf(&mut self, path: PathBuf) {
        let result = crate::typeset::report::render_pdf(&self.doc.report)
            .map_err(|e| e.to_string())
            .and_then(|pdf| file::write_atomic(&path, &pdf.bytes).map_err(|e| e.to_string()));
        match result {
            Ok(()) => {
                let (errors, _) = self.doc.counts();
                let draft = if errors > 0 {
                    format!("（有 {errors} 个错误，每页标为草稿）")
                } else {
                    String::new()
                };
                self.status = Some((format!("已导出PDF{draft}：{}", path.display()), errors > 0));
                if self.config.open_exported
                    && let Err(e) = open::that_detached(&path)
                {
                    self.status = Some((
                        format!("PDF 已导出到 {}，但无法打开查看：{e}", path.display()),
                        true,
                    ));
                }
            }
            Err(e) => self.modal = Some(Modal::Message(format!("导出PDF失败。\n{e}"))),
        }
    }

    /// Pairs last year's report: 三's 上年结转 takes last year's 结转下年度继续办理, column by
    /// column (one undo step), and the cross-year checks run against it from now on.
    pub fn import_previous(&mut self, path: PathBuf, previous: Report) {
        let now = self.doc.revision as f64;
        let carried = crate::next_year::carry_over(&previous);
        self.doc.edit(EditKind::Step, now, |r| {
            for (key, value) in carried {
                r.set_input(key, value);
            }
        });
        let message = format!(
            "已导入上年（{}年）报告：上年结转按其“结转下年度继续办理”填好，并据此核对跨年度数字",
            previous.details.year
        );
        self.doc.set_previous(path, previous);
        self.status = Some((message, false));
    }

    fn go_to_finding(&mut self, i: usize) {
        let Some(f) = self.doc.findings.get(i) else {
            return;
        };
        if let Some(&cell) = f.cells.first() {
            self.node = Node::Table(cell.table);
            self.tables.editing = None;
            self.tables.reveal = Some(cell);
            return;
        }
        let (node, field) = match f.section {
            Section::Details => (Node::Details, detail_field(&f.message)),
            Section::Overview => (Node::Overview, TextField::Lead),
            Section::Table(t) => {
                self.node = Node::Table(t);
                return;
            }
            Section::Problems => (Node::Problems, TextField::Problems),
            Section::OtherMatters => (Node::OtherMatters, TextField::OtherMatters),
        };
        self.node = node;
        self.texts.reveal = Some(field);
    }

    fn keep_recovery_copy(&mut self, ctx: &egui::Context, events: &[egui::Event], now: f64) {
        if !self.doc.is_dirty() || self.ime.composing || self.recovered.0 == self.doc.revision {
            return;
        }
        let focus_lost = events
            .iter()
            .any(|e| matches!(e, egui::Event::WindowFocused(false)));
        let due = now - self.recovered.1 >= RECOVERY_EVERY_S;
        if focus_lost || due {
            match self
                .recovery
                .write(&self.doc.report, self.doc.path.as_deref())
            {
                Ok(()) => self.recovered = (self.doc.revision, now),
                Err(e) => self.status = Some((format!("无法写入恢复副本：{e}"), true)),
            }
        } else {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(
                RECOVERY_EVERY_S - (now - self.recovered.1),
            ));
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let name = match &self.doc.path {
            Some(p) => p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            None => "未命名".into(),
        };
        let mark = if self.doc.is_dirty() { " *" } else { "" };
        let title = format!("{name}{mark} — 年报");
        if title != self.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    /// The window title as last set.
    pub fn title(&self) -> &str {
        &self.title
    }
}

/// The field of 基本信息 a finding's message is about.
fn detail_field(message: &str) -> TextField {
    if message.contains("机关") && !message.contains("署名") {
        TextField::AgencyName
    } else if message.contains("署名") {
        TextField::Signatory
    } else {
        TextField::Opening
    }
}

fn home_dir() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .map(PathBuf::from)
}

/// The calendar year now (UTC), for the default report year.
fn current_year() -> u16 {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() / 86_400)
        .unwrap_or(0);
    // 365.2425 days a year from 1970 is exact enough for the year.
    (1970 + (days as f64 / 365.2425) as u64).min(2100) as u16
}

impl eframe::App for NianbaoApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let started = std::time::Instant::now();
        self.show(ui);
        if self.config.trace_frames {
            let frame_ms = started.elapsed().as_secs_f64() * 1000.0;
            let since_start_ms = PROCESS_START
                .get()
                .map(|t| t.elapsed().as_secs_f64() * 1000.0)
                .unwrap_or_default();
            eprintln!("nianbao frame: {frame_ms:.2} ms, {since_start_ms:.0} ms after start");
        }
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.settings.save(&self.config.data_dir);
    }
}

/// When the process started, for the frame trace.
static PROCESS_START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// Opens the window; `open` is a report to open at start.
pub fn run(open: Option<PathBuf>) -> eframe::Result<()> {
    PROCESS_START.get_or_init(std::time::Instant::now);
    let config = Config::desktop(open);
    let settings = Settings::load(&config.data_dir);
    let icon = eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon-256.png")).ok();
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("年报")
        .with_app_id("nianbao")
        .with_inner_size([1280.0, 820.0])
        .with_min_inner_size([800.0, 500.0])
        .with_drag_and_drop(true);
    if let Some(icon) = icon {
        viewport = viewport.with_icon(icon);
    }
    let mut options = eframe::NativeOptions {
        viewport,
        renderer: eframe::Renderer::Glow,
        persist_window: true,
        ..Default::default()
    };
    if settings.force_x11 {
        options.event_loop_builder = Some(Box::new(force_x11));
    }
    eframe::run_native(
        "nianbao",
        options,
        Box::new(|cc| {
            fonts::install(&cc.egui_ctx);
            // Light, like the paper and the office programs the report is written beside.
            cc.egui_ctx.set_theme(egui::Theme::Light);
            Ok(Box::new(NianbaoApp::new(config)))
        }),
    )
}

#[cfg(all(unix, not(target_os = "macos")))]
fn force_x11(builder: &mut eframe::EventLoopBuilder<eframe::UserEvent>) {
    use winit::platform::x11::EventLoopBuilderExtX11;
    builder.with_x11();
}

#[cfg(not(all(unix, not(target_os = "macos"))))]
fn force_x11(_builder: &mut eframe::EventLoopBuilder<eframe::UserEvent>) {}
