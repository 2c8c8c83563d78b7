//! 文件 → 批量审核…: audit a folder of units' reports off the UI thread, show the units
//! in a sortable, filterable table, open a unit's report, export the result, and add up
//! the selected units into a new report.

use std::cmp::Ordering;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering as AtomicOrdering;
use std::sync::mpsc::{Receiver, Sender, channel};

use crate::audit::xlsx::{Cell, UNIT_COLUMNS, unit_cells};
use crate::audit::{self, Audit, Progress, Status, sum};
use crate::check::Severity;
use crate::file;
use crate::model::Report;

/// What the audit window asks the app to do.
#[derive(Debug, Clone)]
pub enum AuditAction {
    /// Open a unit's report (with its last-year report for the cross-year checks).
    Open {
        /// The unit's file (a report file, or a published report to import).
        path: PathBuf,
        /// Its last-year report, when paired.
        previous: Option<PathBuf>,
    },
    /// Show a new, unsaved report (the sum of the selected units), with a message.
    NewReport(Box<Report>, String),
}

/// Columns shown in the table of units: indexes into [`UNIT_COLUMNS`] / [`unit_cells`].
const SHOWN: [usize; 14] = [0, 2, 1, 3, 4, 5, 6, 7, 8, 9, 11, 14, 16, 18];

/// Which text field a path picked in a system dialog goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PathField {
    Folder,
    Previous,
    Export,
}

/// A path picked in a system dialog, and the field it goes to.
type Pick = (PathField, PathBuf);

/// A run in progress: its progress counters and where its result arrives.
struct Running {
    progress: Arc<Progress>,
    result: Receiver<Option<Audit>>,
}

/// The batch-audit window's state.
pub struct AuditView {
    /// Whether the window is shown.
    pub open: bool,
    /// The folder (or file) of this year's reports.
    pub folder: String,
    /// Last year's folder (optional).
    pub previous: String,
    /// Where to export the result (.xlsx or .html).
    pub export_path: String,
    /// 机关名称 of the summed report.
    pub sum_agency: String,
    /// The last result.
    pub result: Option<Audit>,
    /// Sorted by this column of [`UNIT_COLUMNS`], ascending or not.
    pub sort: (usize, bool),
    /// 只看有问题的: hide units that passed with no warning.
    pub only_problems: bool,
    /// Rows (indexes into the result) ticked for 汇总选中单位.
    pub selected: BTreeSet<usize>,
    /// The row whose findings are shown.
    pub shown: Option<usize>,
    /// A message about the last action (true: a problem).
    pub message: Option<(String, bool)>,
    /// The folder of the run shown: files are listed from it.
    audited: PathBuf,
    native_dialogs: bool,
    running: Option<Running>,
    picks: (Sender<Pick>, Receiver<Pick>),
}

impl AuditView {
    /// A closed window; `native_dialogs` false uses only the typed paths (tests).
    pub fn new(native_dialogs: bool) -> AuditView {
        AuditView {
            open: false,
            folder: String::new(),
            previous: String::new(),
            export_path: String::new(),
            sum_agency: String::new(),
            result: None,
            sort: (0, true),
            only_problems: false,
            selected: BTreeSet::new(),
            shown: None,
            message: None,
            audited: PathBuf::new(),
            native_dialogs,
            running: None,
            picks: channel(),
        }
    }

    /// Whether a run is in progress.
    pub fn running(&self) -> bool {
        self.running.is_some()
    }

    /// Starts auditing the folder (and last year's) on a worker thread.
    pub fn start(&mut self, ctx: &egui::Context) {
        let folder = self.folder.trim();
        if folder.is_empty() {
            self.message = Some(("请先填写或选择要审核的文件夹".into(), true));
            return;
        }
        let inputs = vec![PathBuf::from(folder)];
        self.audited = PathBuf::from(folder);
        let previous: Vec<PathBuf> = match self.previous.trim() {
            "" => Vec::new(),
            p => vec![PathBuf::from(p)],
        };
        let progress = Arc::new(Progress::default());
        let (tx, rx) = channel();
        let worker_progress = Arc::clone(&progress);
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let result = audit::audit(&inputs, &previous, &[], &worker_progress);
            let _ = tx.send(result);
            ctx.request_repaint();
        });
        self.running = Some(Running {
            progress,
            result: rx,
        });
        self.result = None;
        self.selected.clear();
        self.shown = None;
        self.message = None;
    }

    /// Takes the result of a finished run, if any.
    fn poll(&mut self) {
        let Some(running) = &self.running else { return };
        match running.result.try_recv() {
            Ok(Some(result)) => {
                self.message = Some(if result.rows.is_empty() {
                    ("所给的文件夹中没有文件可审核".into(), true)
                } else {
                    let counts: Vec<String> = result
                        .counts()
                        .into_iter()
                        .filter(|&(_, n)| n > 0)
                        .map(|(s, n)| format!("{} {n}", s.word()))
                        .collect();
                    (
                        format!(
                            "审核完成：{} 个文件，{}",
                            result.rows.len(),
                            counts.join("，")
                        ),
                        false,
                    )
                });
                self.result = Some(result);
                self.running = None;
            }
            Ok(None) => {
                self.message = Some(("审核已取消".into(), false));
                self.running = None;
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => {}
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.message = Some(("审核意外中止，请重试".into(), true));
                self.running = None;
            }
        }
    }

    /// The rows shown, in display order (filtered and sorted): indexes into the result.
    pub fn visible_rows(&self) -> Vec<usize> {
        let Some(result) = &self.result else {
            return Vec::new();
        };
        let mut rows: Vec<usize> = (0..result.rows.len())
            .filter(|&i| {
                let row = &result.rows[i];
                !self.only_problems || row.status != Status::Passed || !row.findings.is_empty()
            })
            .collect();
        let (col, ascending) = self.sort;
        let cells: Vec<Vec<Cell>> = result.rows.iter().map(unit_cells).collect();
        rows.sort_by(|&a, &b| {
            let order = if col == 0 {
                result.rows[a].status.cmp(&result.rows[b].status)
            } else {
                compare_cells(&cells[a][col], &cells[b][col])
            };
            let order = if ascending { order } else { order.reverse() };
            order.then_with(|| result.rows[a].path.cmp(&result.rows[b].path))
        });
        rows
    }

    /// Draws the window; returns what the app is to do.
    pub fn ui(&mut self, ctx: &egui::Context) -> Vec<AuditAction> {
        let mut actions = Vec::new();
        if !self.open {
            return actions;
        }
        self.poll();
        while let Ok((field, path)) = self.picks.1.try_recv() {
            let text = path.display().to_string();
            match field {
                PathField::Folder => self.folder = text,
                PathField::Previous => self.previous = text,
                PathField::Export => self.export_path = text,
            }
        }
        let mut open = true;
        egui::Window::new("批量审核")
            .open(&mut open)
            .default_size([1100.0, 650.0])
            .resizable(true)
            .show(ctx, |ui| self.contents_ui(ui, &mut actions));
        if !open {
            if let Some(running) = &self.running {
                running.progress.cancel.store(true, AtomicOrdering::Relaxed);
            }
            self.open = false;
        }
        if self.running.is_some() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        actions
    }

    fn path_row(&mut self, ui: &mut egui::Ui, field: PathField, label: &str, hint: &str) {
        ui.horizontal(|ui| {
            let l = ui.label(label);
            let text = match field {
                PathField::Folder => &mut self.folder,
                PathField::Previous => &mut self.previous,
                PathField::Export => &mut self.export_path,
            };
            let edited = ui
                .add(
                    egui::TextEdit::singleline(text)
                        .hint_text(hint)
                        .desired_width(560.0),
                )
                .labelled_by(l.id)
                .changed();
            // A problem said about the fields ("请先填写…") is answered by typing.
            if edited && self.message.as_ref().is_some_and(|(_, problem)| *problem) {
                self.message = None;
            }
            if self.native_dialogs && ui.button(format!("选择{label}…")).clicked() {
                let tx = self.picks.0.clone();
                let ctx = ui.ctx().clone();
                std::thread::spawn(move || {
                    let dialog = rfd::FileDialog::new();
                    let picked = match field {
                        PathField::Export => dialog
                            .add_filter("审核结果（Excel 工作簿或网页）", &["xlsx", "html"])
                            .set_file_name("审核结果.xlsx")
                            .save_file(),
                        _ => dialog.pick_folder(),
                    };
                    if let Some(path) = picked {
                        let _ = tx.send((field, path));
                        ctx.request_repaint();
                    }
                });
            }
        });
    }

    fn contents_ui(&mut self, ui: &mut egui::Ui, actions: &mut Vec<AuditAction>) {
        self.path_row(
            ui,
            PathField::Folder,
            "审核文件夹",
            "各单位报告所在的文件夹",
        );
        self.path_row(
            ui,
            PathField::Previous,
            "上年文件夹",
            "可不填；填了则逐单位比对上年报告",
        );
        ui.horizontal(|ui| {
            let idle = self.running.is_none();
            if ui
                .add_enabled(idle, egui::Button::new("开始审核"))
                .clicked()
            {
                let ctx = ui.ctx().clone();
                self.start(&ctx);
            }
            if let Some(running) = &self.running {
                let total = running.progress.total.load(AtomicOrdering::Relaxed);
                let done = running.progress.done.load(AtomicOrdering::Relaxed);
                let share = if total == 0 {
                    0.0
                } else {
                    done as f32 / total as f32
                };
                ui.add(
                    egui::ProgressBar::new(share)
                        .desired_width(300.0)
                        .text(format!("{done}/{total} 个文件")),
                );
                if ui.button("取消").clicked() {
                    running.progress.cancel.store(true, AtomicOrdering::Relaxed);
                }
            }
        });
        if let Some((message, problem)) = &self.message {
            let color = if *problem {
                ui.visuals().error_fg_color
            } else {
                ui.visuals().text_color()
            };
            ui.colored_label(color, message.as_str());
        }
        if self.result.is_none() {
            return;
        }
        ui.separator();
        ui.horizontal(|ui| {
            ui.checkbox(&mut self.only_problems, "只看有问题的");
            ui.label("（点列名排序；点机关名看问题，双击打开报告）");
        });
        self.table_ui(ui, actions);
        self.findings_ui(ui, actions);
        ui.separator();
        self.export_ui(ui);
        self.sum_ui(ui, actions);
    }

    fn table_ui(&mut self, ui: &mut egui::Ui, actions: &mut Vec<AuditAction>) {
        let rows = self.visible_rows();
        let Some(result) = &self.result else { return };
        let mut sort_by = None;
        let mut toggle = Vec::new();
        let mut show = None;
        egui::ScrollArea::both()
            .max_height(320.0)
            .id_salt("audit-units")
            .show(ui, |ui| {
                egui::Grid::new("audit-units-grid")
                    .striped(true)
                    .min_col_width(24.0)
                    .show(ui, |ui| {
                        ui.label("汇总");
                        for &c in &SHOWN {
                            let title = UNIT_COLUMNS[c].0;
                            let arrow = match self.sort {
                                (s, true) if s == c => " ▲",
                                (s, false) if s == c => " ▼",
                                _ => "",
                            };
                            if ui.button(format!("{title}{arrow}")).clicked() {
                                sort_by = Some(c);
                            }
                        }
                        ui.end_row();
                        for &i in &rows {
                            let row = &result.rows[i];
                            let summable = !row.status.left_out() && row.cells.is_some();
                            let mut ticked = self.selected.contains(&i);
                            let tick =
                                ui.add_enabled(summable, egui::Checkbox::without_text(&mut ticked));
                            let unit = row.file();
                            tick.widget_info(|| {
                                egui::WidgetInfo::selected(
                                    egui::Role::CheckBox,
                                    summable,
                                    ticked,
                                    format!("汇总 {unit}"),
                                )
                            });
                            if tick.changed() {
                                toggle.push(i);
                            }
                            let cells = unit_cells(row);
                            for &c in &SHOWN {
                                let text = cells[c].text();
                                if c == 1 {
                                    // Shown from the folder audited; the whole path on hover.
                                    let shown = row
                                        .path
                                        .strip_prefix(&self.audited)
                                        .ok()
                                        .filter(|p| !p.as_os_str().is_empty())
                                        .map_or(text, |p| p.display().to_string());
                                    ui.label(shown).on_hover_text(row.file());
                                } else if c == 2 {
                                    let name = if text.is_empty() {
                                        let file = row.path.file_name();
                                        file.map_or_else(
                                            || row.file(),
                                            |n| n.to_string_lossy().into_owned(),
                                        )
                                    } else {
                                        text
                                    };
                                    let r = ui.selectable_label(self.shown == Some(i), name);
                                    if r.clicked() {
                                        show = Some(i);
                                    }
                                    if r.double_clicked() {
                                        actions.push(AuditAction::Open {
                                            path: row.path.clone(),
                                            previous: row.previous.clone(),
                                        });
                                    }
                                } else if c == 0 {
                                    let color = match row.status {
                                        Status::NeedsChanges | Status::Unreadable => {
                                            ui.visuals().error_fg_color
                                        }
                                        Status::OldFormat | Status::Duplicate => {
                                            ui.visuals().warn_fg_color
                                        }
                                        Status::Passed => ui.visuals().text_color(),
                                    };
                                    ui.colored_label(color, text);
                                } else {
                                    ui.label(text);
                                }
                            }
                            ui.end_row();
                        }
                    });
            });
        if let Some(c) = sort_by {
            self.sort = if self.sort.0 == c {
                (c, !self.sort.1)
            } else {
                (c, true)
            };
        }
        for i in toggle {
            if !self.selected.remove(&i) {
                self.selected.insert(i);
            }
        }
        if show.is_some() {
            self.shown = show;
        }
    }

    fn findings_ui(&mut self, ui: &mut egui::Ui, actions: &mut Vec<AuditAction>) {
        let (Some(result), Some(i)) = (&self.result, self.shown) else {
            return;
        };
        let Some(row) = result.rows.get(i) else {
            return;
        };
        ui.separator();
        ui.horizontal(|ui| {
            ui.strong(format!(
                "{}（{}）：{}",
                row.agency.as_deref().unwrap_or("未认出机关"),
                row.file(),
                row.status.word()
            ));
            let readable = !matches!(row.status, Status::Unreadable | Status::OldFormat);
            if readable && ui.button("打开此单位的报告").clicked() {
                actions.push(AuditAction::Open {
                    path: row.path.clone(),
                    previous: row.previous.clone(),
                });
            }
        });
        egui::ScrollArea::vertical()
            .max_height(160.0)
            .id_salt("audit-findings")
            .show(ui, |ui| {
                if row.findings.is_empty() {
                    ui.label("未发现问题。");
                }
                let mut findings: Vec<_> = row.findings.iter().collect();
                findings.sort_by_key(|f| f.severity);
                for f in findings {
                    let color = match f.severity {
                        Severity::Error => ui.visuals().error_fg_color,
                        Severity::Warning => ui.visuals().warn_fg_color,
                    };
                    ui.horizontal_wrapped(|ui| {
                        ui.colored_label(color, f.severity.name());
                        ui.label(format!(
                            "［{}］{}：{}",
                            crate::check::rule_name(&f.rule),
                            f.place,
                            f.message
                        ));
                    });
                }
            });
    }

    fn export_ui(&mut self, ui: &mut egui::Ui) {
        self.path_row(
            ui,
            PathField::Export,
            "导出到",
            "如 审核结果.xlsx 或 审核结果.html",
        );
        if ui.button("导出审核结果").clicked() {
            self.message = Some(match self.export() {
                Ok(path) => (format!("审核结果已导出到 {}", path.display()), false),
                Err(e) => (e, true),
            });
        }
    }

    /// Writes the result to the export path (.xlsx or .html), never over a file.
    pub fn export(&self) -> Result<PathBuf, String> {
        let Some(result) = &self.result else {
            return Err("还没有审核结果".into());
        };
        let path = PathBuf::from(self.export_path.trim());
        if path.as_os_str().is_empty() {
            return Err("请先填写导出的文件名（.xlsx 或 .html）".into());
        }
        if path.exists() {
            return Err(format!("{} 已存在，未覆盖；请换一个文件名", path.display()));
        }
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        let bytes = match ext.as_deref() {
            Some("xlsx") => audit::xlsx::write_xlsx(result)?,
            Some("html" | "htm") => audit::html::write_html(result).into_bytes(),
            _ => {
                return Err(format!(
                    "{} 应以 .xlsx（工作簿）或 .html（网页）结尾",
                    path.display()
                ));
            }
        };
        file::write_atomic(&path, &bytes).map_err(|e| e.to_string())?;
        Ok(path)
    }

    fn sum_ui(&mut self, ui: &mut egui::Ui, actions: &mut Vec<AuditAction>) {
        ui.horizontal(|ui| {
            let l = ui.label("汇总报告的机关名称");
            ui.add(
                egui::TextEdit::singleline(&mut self.sum_agency)
                    .hint_text("如 示例县人民政府")
                    .desired_width(240.0),
            )
            .labelled_by(l.id);
            if ui.button("全选可汇总的").clicked()
                && let Some(result) = &self.result
            {
                self.selected = result
                    .rows
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| !r.status.left_out() && r.cells.is_some())
                    .map(|(i, _)| i)
                    .collect();
            }
            let label = format!("汇总选中单位（{} 个）", self.selected.len());
            if ui
                .add_enabled(!self.selected.is_empty(), egui::Button::new(label))
                .clicked()
            {
                match self.sum_selected() {
                    Ok((report, message)) => {
                        self.message = Some((message.clone(), false));
                        actions.push(AuditAction::NewReport(Box::new(report), message));
                    }
                    Err(reasons) => {
                        self.message = Some((format!("未汇总：{}", reasons.join("；")), true));
                    }
                }
            }
        });
    }

    /// Adds up the ticked units: the new report and a message naming them, or the refusals.
    pub fn sum_selected(&self) -> Result<(Report, String), Vec<String>> {
        let Some(result) = &self.result else {
            return Err(vec!["还没有审核结果".into()]);
        };
        let files: Vec<(String, &audit::UnitRow)> = self
            .selected
            .iter()
            .filter_map(|&i| result.rows.get(i))
            .map(|r| (r.file(), r))
            .collect();
        let mut refusals = Vec::new();
        let mut inputs = Vec::new();
        for (file, row) in &files {
            match (&row.agency, row.year, &row.cells) {
                (Some(agency), Some(year), Some(cells)) => inputs.push(sum::SumInput {
                    agency,
                    year,
                    file,
                    cells,
                }),
                _ => refusals.push(format!("{file}：没有认出机关名称或年度，不能汇总")),
            }
        }
        if !refusals.is_empty() {
            return Err(refusals);
        }
        let year = result
            .year
            .or_else(|| inputs.first().map(|u| u.year))
            .unwrap_or(0);
        let report = sum::sum_units(&self.sum_agency, year, &inputs)?;
        let names: Vec<&str> = inputs.iter().map(|u| u.agency).collect();
        let blank_cells = report.summed.as_ref().map_or(0, |s| s.blanks.len());
        let mut message = format!(
            "已汇总 {} 个单位（{}）为一份新的年报，尚未保存",
            names.len(),
            names.join("、")
        );
        if blank_cells > 0 {
            message.push_str(&format!(
                "；{blank_cells} 格有单位未填，未计为 0，见“检查结果”"
            ));
        }
        let unread_cells = report.summed.as_ref().map_or(0, |s| s.not_read.len());
        if unread_cells > 0 {
            message.push_str(&format!(
                "；{unread_cells} 格有单位的报告导入时未能读出（不是未填），见“检查结果”"
            ));
        }
        Ok((report, message))
    }
}

/// Orders two cells of a column: numbers by value, text by text, blanks last.
fn compare_cells(a: &Cell, b: &Cell) -> Ordering {
    let number = |c: &Cell| match c {
        Cell::Number(n) | Cell::Percent(n) => Some(*n),
        _ => None,
    };
    match (a, b) {
        (Cell::Blank, Cell::Blank) => Ordering::Equal,
        (Cell::Blank, _) => Ordering::Greater,
        (_, Cell::Blank) => Ordering::Less,
        _ => match (number(a), number(b)) {
            (Some(x), Some(y)) => x.total_cmp(&y),
            _ => a.text().cmp(&b.text()),
        },
    }
}

impl super::NianbaoApp {
    /// Carries out what the audit window asked for; the unsaved-changes question was
    /// asked before (as for 打开).
    pub(super) fn apply_audit_action(&mut self, action: AuditAction) {
        match action {
            AuditAction::Open { path, previous } => {
                let is_report_file = std::fs::read(&path)
                    .ok()
                    .and_then(|b| b.iter().find(|c| !c.is_ascii_whitespace()).copied())
                    == Some(b'{');
                if is_report_file {
                    self.open(&path);
                } else {
                    self.import_published(&path);
                }
                if matches!(self.modal, Some(super::Modal::Message(_))) {
                    return;
                }
                self.audit.open = false;
                if let Some(prev) = previous {
                    match audit::load::load_any(&prev) {
                        Ok(loaded) => self.doc.set_previous(prev, loaded.report),
                        Err(e) => {
                            self.status = Some((
                                format!("上年报告 {} 无法读取：{}", prev.display(), e.reason()),
                                true,
                            ))
                        }
                    }
                }
                self.node = super::Node::Findings;
            }
            AuditAction::NewReport(report, message) => {
                let year = report.details.year;
                let mut doc = super::doc::Doc::new(Report::new("", year), None);
                doc.edit(super::doc::EditKind::Step, 0.0, |r| *r = *report);
                self.set_doc(doc);
                self.audit.open = false;
                self.node = super::Node::Findings;
                self.status = Some((message, false));
            }
        }
    }
}
