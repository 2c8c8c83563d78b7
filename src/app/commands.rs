//! What the user asks for, as [`Command`]s pushed while the frame is drawn and applied
//! after it in [`NianbaoApp::apply`], the one place the document changes.

use std::path::PathBuf;

use crate::check::{Field, Target};
use crate::file;
use crate::format::Section;
use crate::format::{CellKey, TableId};
use crate::model::{AgencyKind, Date, Report, Value};

use super::doc::{Doc, EditKind, TextField};
use super::files::Purpose;
use super::modals::Modal;
use super::ui_command::HelpPage;
use super::{NianbaoApp, Node, grid, table_editor, text_editor};

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
    /// The user has checked the n-th doubt of an import against the original: off the list.
    CheckedUncertain(usize),
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
    /// 从上年报告开始: choose last year's report, start the next year's from it.
    StartFromPrevious,
    /// Pair last year's report with the open one although its year or 机关 differ (the
    /// user agreed).
    PairPrevious(PathBuf, Box<Report>),
    /// A page of the 帮助 menu.
    Help(HelpPage),
    /// 导入已发布的报告: choose a web page or text.
    ImportPublished,
    /// 导出网页.
    ExportHtml,
    /// 导出Excel填报表.
    ExportXlsx,
    /// 导出Word.
    ExportDocx,
    /// 导入Excel填报表: a filled-in workbook merged into the open report.
    ImportXlsx,
    /// 批量审核: show the batch-audit window.
    BatchAudit,
    /// What the batch-audit window asked for (open a unit, show a sum).
    FromAudit(super::audit::AuditAction),
    /// A path was chosen in a dialog; a file to write there must not replace anything.
    Chosen(Purpose, PathBuf),
    /// A path was chosen in a dialog that asked the user whether to replace what is there
    /// (the system's save dialog, or the built-in chooser's own question).
    ChosenToReplace(Purpose, PathBuf),
    /// Close the window.
    Quit,
    /// Run the command without asking about unsaved changes (the user answered).
    Confirmed(Box<Command>),
    /// Save, then run the command (the user chose 保存 when asked about unsaved changes).
    SaveThen(Box<Command>),
    /// Restore (true) or discard the recovered copy.
    Recover(bool),
}

impl NianbaoApp {
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
            Command::CheckedUncertain(i) => {
                if i < self.doc.uncertain.len() {
                    self.doc.uncertain.remove(i);
                }
            }
            Command::SetCell(key, value) => {
                self.doc.uncertain.retain(|u| u.cell != Some(key));
                self.doc.rejected.remove(&key);
                self.doc.edit(step, now, |r| {
                    r.set_input(key, value);
                });
            }
            Command::RejectCell(key, text) => {
                self.doc.edit(step, now, |r| {
                    r.set_input(key, None);
                });
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
                let r = &self.doc.report;
                let sentence = crate::sentence::statistics_sentence(r);
                let (t3_blank, t4_blank) = (
                    r.table(TableId::T3).is_empty(),
                    r.table(TableId::T4).is_empty(),
                );
                if sentence.is_empty() {
                    self.status = Some((
                        "表三、表四都还没有填写，统计句没有数字可写；请先填写表三和表四".into(),
                        true,
                    ));
                } else {
                    self.doc.edit(step, now, |r| {
                        r.overview.on_request =
                            crate::sentence::with_statistics(&r.overview.on_request, &sentence);
                    });
                    let missing = match (t3_blank, t4_blank) {
                        (true, _) => "；表三尚未填写，未写申请数量，填好后请再按一次",
                        (_, true) => "；表四尚未填写，未写行政复议、诉讼，填好后请再按一次",
                        _ => "",
                    };
                    self.status = Some((
                        format!("已写入统计句（再按一次会替换它，不会重复）{missing}"),
                        !missing.is_empty(),
                    ));
                }
            }
            Command::GoToFinding(i) => self.go_to_finding(i, ctx),
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
            Command::PairPrevious(path, previous) => self.import_previous(path, *previous),
            Command::Help(page) => self.modal = Some(Modal::Help(page)),
            Command::ExportHtml => self.ask(ctx, Purpose::ExportHtml),
            Command::ExportXlsx => self.ask(ctx, Purpose::ExportXlsx),
            Command::ExportDocx => self.ask(ctx, Purpose::ExportDocx),
            Command::ImportXlsx => self.ask(ctx, Purpose::ImportXlsx),
            Command::Chosen(purpose, path) => self.chosen(purpose, path, false),
            Command::ChosenToReplace(purpose, path) => self.chosen(purpose, path, true),
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
            | Command::StartFromPrevious
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
    pub(super) fn keep_cell_being_typed(&mut self, ctx: &egui::Context, now: f64) {
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
    pub(super) fn run_confirmed(&mut self, cmd: Command, ctx: &egui::Context) {
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
            Command::BatchAudit => self.audit.open = true,
            Command::FromAudit(action) => self.apply_audit_action(action),
            Command::StartFromPrevious => self.ask(ctx, Purpose::StartFromPrevious),
            Command::OpenPath(path) => self.open(&path),
            Command::Quit => {
                self.allow_close = true;
                self.recovery.clear();
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            other => {
                let now = ctx.input(|i| i.time);
                self.apply(other, ctx, now);
            }
        }
    }

    /// Goes where the n-th finding points: its first cell, or its field.
    pub(super) fn go_to_finding(&mut self, i: usize, ctx: &egui::Context) {
        let Some(f) = self.doc.findings.get(i) else {
            return;
        };
        let field = match f.target {
            Target::Table(table) => {
                self.node = Node::Table(table);
                if let Some(&cell) = f.cells.first() {
                    self.tables.editing = None;
                    self.tables.reveal = Some(cell);
                }
                return;
            }
            Target::Field(field) => field,
        };
        self.node = match field.section() {
            Section::Overview => Node::Overview,
            Section::Problems => Node::Problems,
            Section::OtherMatters => Node::OtherMatters,
            Section::Details | Section::Table(_) => Node::Details,
        };
        if let Some(text) = detail_field(field) {
            self.texts.reveal = Some(text);
        } else if let Some(signed) = match field {
            Field::SignedDate => Some(true),
            Field::PublishDate => Some(false),
            _ => None,
        } {
            // Drawn in the next frame, which keeps a focus asked for in this one.
            ctx.memory_mut(|m| m.request_focus(text_editor::date_field_id(signed)));
        }
    }
}

/// The text field that edits a field of the report; None for the year, the kind and the
/// dates, which are not text.
fn detail_field(field: Field) -> Option<TextField> {
    Some(match field {
        Field::AgencyName => TextField::AgencyName,
        Field::AgencyShortName => TextField::AgencyShortName,
        Field::Signatory => TextField::Signatory,
        Field::Opening => TextField::Opening,
        Field::Lead => TextField::Lead,
        Field::Part(i) => TextField::Part(i),
        Field::Problems => TextField::Problems,
        Field::OtherMatters => TextField::OtherMatters,
        Field::Year | Field::AgencyKind | Field::PublishDate | Field::SignedDate => return None,
    })
}
