//! The window: a thin view over the model, the checks and the layout.
//!
//! Each panel is a function that draws from the document and pushes [`Command`]s; the
//! commands are applied after the frame in [`NianbaoApp::apply`], the one place the
//! document changes. The app holds no rule and no label of its own: labels come from the
//! format declaration, findings from the checks, pages from the layout.

pub mod audit;
pub mod commands;
pub mod doc;
mod file_actions;
pub mod files;
pub mod findings;
pub mod fonts;
mod frame;
pub mod grid;
pub mod modals;
pub mod preview;
pub mod table_editor;
pub mod text_editor;
pub mod tree;
pub mod ui_command;

use std::path::PathBuf;

use egui::ViewportCommand;

use crate::format::TableId;
use crate::model::{AgencyKind, Report};

pub use commands::Command;
use doc::Doc;
use files::{Dialogs, Recovery, Settings};
pub use modals::Modal;
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
    /// The status message shown and when it first showed (egui time), for fading it.
    status_since: Option<(String, f64)>,
    title: String,
    allow_close: bool,
    /// What to do once the report is saved (closing, opening another file).
    after_save: Option<Command>,
    cmds: Vec<Command>,
    /// Whether the window has been made to fit the screen (once, when the screen's size
    /// is known).
    fitted: bool,
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
            status_since: None,
            title: String::new(),
            allow_close: false,
            after_save: None,
            cmds: Vec::new(),
            fitted: false,
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
        if !self.fitted {
            self.fitted = fit_to_screen(&ctx);
        }
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
            // The system's save dialog asks before the user picks an existing file.
            self.cmds.push(if purpose.saves() {
                Command::ChosenToReplace(purpose, path)
            } else {
                Command::Chosen(purpose, path)
            });
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

/// Shrinks a window larger than its screen (a 1024×600 netbook, or a size kept from a
/// larger monitor) so that every field and the status bar are in sight; false while the
/// screen's size is not known yet.
fn fit_to_screen(ctx: &egui::Context) -> bool {
    let (monitor, inner) = ctx.input(|i| (i.viewport().monitor_size, i.viewport().inner_rect));
    let (Some(monitor), Some(inner)) = (monitor, inner) else {
        return false;
    };
    // Room for a taskbar and the window's title bar.
    let room = egui::vec2(monitor.x - 16.0, monitor.y - 72.0).max(egui::vec2(640.0, 400.0));
    if inner.width() > room.x || inner.height() > room.y {
        let size = inner.size().min(room);
        ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(size));
        let corner = ((monitor - size) / 2.0 - egui::vec2(0.0, 28.0)).max(egui::Vec2::ZERO);
        ctx.send_viewport_cmd(egui::ViewportCommand::OuterPosition(corner.to_pos2()));
        // Lay the frame out again once the new size has arrived.
        ctx.request_repaint_after(std::time::Duration::from_millis(200));
    }
    true
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
        .with_inner_size([1200.0, 680.0])
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
