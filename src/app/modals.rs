//! The questions and messages over the window: 新建年报 (with 最近打开 and the ways to
//! start), unsaved changes, recovery, messages, 帮助, and the built-in file chooser. In
//! every one Enter presses the default button and Esc cancels.

use std::path::{Path, PathBuf};

use egui::{Key, Modifiers, RichText};

use crate::model::AgencyKind;

use crate::file;

use super::files::{self, Recovered};
use super::ui_command::{HelpPage, TABLE_KEYS, UiCommand};
use super::{Command, NianbaoApp};

/// A question or message over the window.
pub enum Modal {
    /// 新建年报: agency, year, kind; 最近打开 and the other ways to start.
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
    /// Last year's report is of another year or 机关: go on (the command) or not.
    ConfirmPrevious {
        /// The question, naming both years or both 机关.
        question: String,
        /// What going on does.
        then: Box<Command>,
    },
    /// A page of the 帮助 menu.
    Help(HelpPage),
}

/// The button Enter presses: drawn filled.
fn default_button(ui: &mut egui::Ui, label: &str, enabled: bool) -> egui::Response {
    let fill = ui.visuals().selection.bg_fill;
    ui.add_enabled(
        enabled,
        egui::Button::new(RichText::new(label).strong()).fill(fill),
    )
}

impl NianbaoApp {
    pub(super) fn modal_ui(&mut self, ctx: &egui::Context) {
        let Some(modal) = &mut self.modal else { return };
        // Enter presses the default button and Esc cancels, in every dialog; not while an
        // input method is composing (its Enter takes the composition).
        let (enter, escape) = if self.ime.busy() {
            (false, false)
        } else {
            ctx.input_mut(|i| {
                (
                    i.consume_key(Modifiers::NONE, Key::Enter),
                    i.consume_key(Modifiers::NONE, Key::Escape),
                )
            })
        };
        let mut close = false;
        let cmds = &mut self.cmds;
        let settings = &self.settings;
        let data_dir = &self.config.data_dir;
        egui::Modal::new(egui::Id::unique("modal")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            match modal {
                Modal::New { agency, year, kind } => {
                    ui.heading("新建年报");
                    let l = ui.label("机关名称（全称）");
                    let r = ui
                        .add(
                            egui::TextEdit::singleline(agency)
                                .hint_text("如 和田县文化体育广播电视和旅游局")
                                .desired_width(480.0),
                        )
                        .labelled_by(l.id);
                    if r.gained_focus() || ui.memory(|m| m.focused().is_none()) {
                        r.request_focus();
                    }
                    ui.horizontal(|ui| {
                        ui.label("报告年度");
                        ui.add(egui::DragValue::new(year).range(2021..=2100).suffix(" 年"));
                        ui.add_space(12.0);
                        ui.label("机关类型");
                        ui.radio_value(kind, AgencyKind::Department, AgencyKind::Department.name());
                        ui.radio_value(kind, AgencyKind::Government, AgencyKind::Government.name());
                    });
                    ui.add_space(8.0);
                    ui.horizontal_wrapped(|ui| {
                        let ok = !agency.trim().is_empty();
                        if default_button(ui, "创建", ok).clicked() || (enter && ok) {
                            cmds.push(Command::Confirmed(Box::new(Command::Create {
                                agency: agency.trim().to_string(),
                                year: *year,
                                kind: *kind,
                            })));
                            close = true;
                        }
                        if ui.button("取消").clicked() || escape {
                            close = true;
                        }
                    });
                    ui.separator();
                    ui.label(RichText::new("或者").weak());
                    ui.horizontal_wrapped(|ui| {
                        for command in [
                            UiCommand::StartFromPrevious,
                            UiCommand::ImportPublished,
                            UiCommand::Open,
                        ] {
                            if command.button(ui) {
                                cmds.push(command.command());
                                close = true;
                            }
                        }
                    });
                    if !settings.recent.is_empty() {
                        ui.add_space(6.0);
                        ui.strong("最近打开");
                        for path in settings.recent.iter().take(8) {
                            let r = ui
                                .add(
                                    egui::Button::selectable(false, settings.describe(path)).wrap(),
                                )
                                .on_hover_text(path.display().to_string());
                            if r.clicked() {
                                cmds.push(Command::OpenPath(path.clone()));
                                close = true;
                            }
                        }
                    }
                }
                Modal::Unsaved(then) => {
                    ui.heading("报告尚未保存");
                    ui.label("修改还没有保存。要先保存吗？");
                    ui.horizontal(|ui| {
                        if default_button(ui, "保存", true).clicked() || enter {
                            cmds.push(Command::SaveThen(then.clone()));
                            close = true;
                        }
                        if ui.button("不保存").clicked() {
                            cmds.push(Command::Confirmed(then.clone()));
                            close = true;
                        }
                        if ui.button("取消").clicked() || escape {
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
                    // Esc does not throw the work away: only 丢弃 does.
                    ui.horizontal(|ui| {
                        if default_button(ui, "恢复", true).clicked() || enter {
                            cmds.push(Command::Recover(true));
                        }
                        if ui.button("丢弃").clicked() {
                            cmds.push(Command::Recover(false));
                        }
                    });
                }
                Modal::Message(message) => {
                    ui.label(message.as_str());
                    if default_button(ui, "确定", true).clicked() || enter || escape {
                        close = true;
                    }
                }
                Modal::ConfirmPrevious { question, then } => {
                    ui.heading("上年报告与本报告不配套");
                    ui.label(question.as_str());
                    ui.horizontal(|ui| {
                        // The safe answer is the default.
                        if ui.button("仍然使用").clicked() {
                            cmds.push((**then).clone());
                            close = true;
                        }
                        if default_button(ui, "取消", true).clicked() || enter || escape {
                            close = true;
                        }
                    });
                }
                Modal::Help(page) => {
                    help_ui(ui, *page, data_dir);
                    if default_button(ui, "关闭", true).clicked() || enter || escape {
                        close = true;
                    }
                }
            }
        });
        if close {
            self.modal = None;
        }
    }

    pub(super) fn chooser_ui(&mut self, ctx: &egui::Context) {
        let Some(chooser) = &mut self.dialogs.chooser else {
            return;
        };
        // Some(None): cancelled; Some(Some((path, replace))): chosen.
        let mut done: Option<Option<(PathBuf, bool)>> = None;
        let (enter, escape) = ctx.input_mut(|i| {
            (
                i.consume_key(Modifiers::NONE, Key::Enter),
                i.consume_key(Modifiers::NONE, Key::Escape),
            )
        });
        // A file to write that is already there is replaced only once the user says so.
        let pick = |chooser: &mut files::Chooser, path: PathBuf| {
            let target = files::with_extension(chooser.purpose, path.clone());
            if chooser.purpose.saves() && file::something_at(&target) {
                chooser.replace_asked = Some(path);
                None
            } else {
                Some(Some((path, false)))
            }
        };
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
                        let r = ui.selectable_label(false, files::entry_label(&name, is_dir));
                        if r.clicked() {
                            let path = chooser.dir.join(&name);
                            if is_dir {
                                chooser.enter(path);
                            } else {
                                chooser.path_text = path.display().to_string();
                            }
                        }
                        if r.double_clicked() && !is_dir {
                            let path = chooser.dir.join(&name);
                            done = pick(chooser, path);
                        }
                    }
                });
            let l = ui.label("文件路径");
            ui.add(egui::TextEdit::singleline(&mut chooser.path_text).desired_width(540.0))
                .labelled_by(l.id);
            if let Some(asked) = chooser.replace_asked.clone() {
                let target = files::with_extension(chooser.purpose, asked.clone());
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!("{} 已存在，要替换它吗？", target.display()),
                );
                ui.horizontal(|ui| {
                    if ui.button("替换").clicked() {
                        done = Some(Some((asked, true)));
                    }
                    if ui.button("不替换").clicked() {
                        chooser.replace_asked = None;
                    }
                });
                return;
            }
            ui.horizontal(|ui| {
                let ok = !chooser.path_text.trim().is_empty();
                if (default_button(ui, "确定", ok).clicked() || enter) && ok {
                    let path = PathBuf::from(chooser.path_text.trim());
                    done = pick(chooser, path);
                }
                if ui.button("取消").clicked() || escape {
                    done = Some(None);
                }
            });
        });
        if let Some(result) = done {
            let purpose = chooser.purpose;
            self.dialogs.chooser = None;
            match result {
                Some((path, true)) => self.cmds.push(Command::ChosenToReplace(purpose, path)),
                Some((path, false)) => self.cmds.push(Command::Chosen(purpose, path)),
                None => {}
            }
        }
    }
}

/// A page of 帮助: the keyboard table, or the version and where things are kept.
fn help_ui(ui: &mut egui::Ui, page: HelpPage, data_dir: &Path) {
    match page {
        HelpPage::Keyboard => {
            ui.heading("键盘操作");
            ui.strong("表格");
            egui::Grid::new("help-table-keys")
                .striped(true)
                .show(ui, |ui| {
                    for (keys, what) in TABLE_KEYS {
                        ui.label(RichText::new(keys).strong());
                        ui.label(what);
                        ui.end_row();
                    }
                });
            ui.add_space(6.0);
            ui.strong("命令");
            egui::Grid::new("help-command-keys")
                .striped(true)
                .show(ui, |ui| {
                    for command in UiCommand::ALL {
                        let keys = command.shortcut_text();
                        if keys.is_empty() {
                            continue;
                        }
                        ui.label(RichText::new(keys).strong());
                        ui.label(format!(
                            "{}：{}",
                            command.label().trim_end_matches('…'),
                            command.tooltip()
                        ));
                        ui.end_row();
                    }
                });
            ui.add_space(4.0);
            ui.weak("对话框中：回车 = 默认按钮（加粗的那个），Esc = 取消。");
        }
        HelpPage::About => {
            ui.heading("关于年报");
            ui.label(format!("年报（nianbao）版本 {}", env!("CARGO_PKG_VERSION")));
            ui.label("编写、检查、打印政府信息公开工作年度报告（国办公开办函〔2021〕30号格式）。");
            ui.add_space(6.0);
            ui.label(format!(
                "未保存内容的恢复副本（每 30 秒及窗口失去焦点时写入）和设置存放在：\n{}",
                data_dir.display()
            ));
        }
    }
    ui.add_space(8.0);
}
