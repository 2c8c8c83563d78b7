//! File actions: open, save, export, import, last year's report, the recovery copy. Each
//! failure is said once, in Chinese, naming the file; the open document is left as it was.

use std::path::{Path, PathBuf};

use crate::export::{self, Format};
use crate::file;
use crate::model::Report;
use crate::next_year::read_last_year;

use super::doc::{Doc, EditKind};
use super::files::{self, Purpose};
use super::modals::Modal;
use super::table_editor::TableState;
use super::text_editor::TextState;
use super::{NianbaoApp, Node, RECOVERY_EVERY_S};

impl NianbaoApp {
    pub(super) fn set_doc(&mut self, doc: Doc) {
        self.doc = doc;
        self.tables = TableState::default();
        self.texts = TextState::default();
        self.node = Node::Details;
        self.recovered = (self.doc.revision, 0.0);
    }

    pub(super) fn ask(&mut self, ctx: &egui::Context, purpose: Purpose) {
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
            Purpose::ExportXlsx => format!("{stem}-填报表.xlsx"),
            Purpose::ExportDocx => format!("{stem}.docx"),
            _ => format!("{stem}.{}", files::REPORT_EXTENSION),
        };
        self.dialogs.ask(ctx, purpose, dir, name);
    }

    /// A path chosen for `purpose`. A file written there replaces what is there only when
    /// `replace` (the user was asked) and the name is the one asked about: a name the
    /// extension was added to afterwards was never asked about.
    pub(super) fn chosen(&mut self, purpose: Purpose, path: PathBuf, replace: bool) {
        let target = files::with_extension(purpose, path.clone());
        let replace = replace && target == path;
        match purpose {
            Purpose::Open => self.open(&path),
            Purpose::SaveAs => self.save_with(target, replace),
            Purpose::ExportPdf => self.export_pdf(target, replace),
            Purpose::ExportHtml => {
                let written = export::write(&self.doc.report, &self.doc.findings, Format::Html)
                    .map_err(|e| e.to_string())
                    .and_then(|html| {
                        if replace {
                            file::write_atomic(&target, &html.bytes)
                        } else {
                            file::create_new(&target, &html.bytes)
                        }
                        .map_err(|e| e.to_string())
                    });
                match written {
                    Ok(()) => {
                        self.status = Some((format!("已导出网页：{}", target.display()), false))
                    }
                    Err(e) => self.modal = Some(Modal::Message(format!("导出网页失败。\n{e}"))),
                }
            }
            Purpose::ImportPublished => self.import_published(&path),
            Purpose::ExportXlsx => self.export_office(Format::Xlsx, target, replace),
            Purpose::ExportDocx => self.export_office(Format::Docx, target, replace),
            Purpose::ImportXlsx => self.import_workbook(&path),
            Purpose::ImportPrevious => match read_last_year(&path) {
                Ok(last) => self.pair_previous_asking(path, last.report),
                Err(e) => self.modal = Some(Modal::Message(format!("上年报告无法读取。\n{e}"))),
            },
            Purpose::StartFromPrevious => match read_last_year(&path) {
                Ok(last) => self.start_from_previous(path, last),
                Err(e) => self.modal = Some(Modal::Message(format!("上年报告无法读取。\n{e}"))),
            },
        }
    }

    /// Pairs last year's report with the open one; when its year is not the year before or
    /// its 机关 is another, asks first, naming both, before anything is overwritten.
    pub fn pair_previous_asking(&mut self, path: PathBuf, previous: Report) {
        let (this, last) = (&self.doc.report.details, &previous.details);
        let mut differences = Vec::new();
        if last.year.saturating_add(1) != this.year {
            differences.push(format!(
                "所选报告是 {} 年度的，本报告是 {} 年度的（上年应为 {} 年度）",
                last.year,
                this.year,
                this.year.saturating_sub(1)
            ));
        }
        if last.agency_name.trim() != this.agency_name.trim() {
            differences.push(format!(
                "所选报告的机关是“{}”，本报告是“{}”",
                last.agency_name.trim(),
                this.agency_name.trim()
            ));
        }
        if differences.is_empty() {
            self.import_previous(path, previous);
        } else {
            self.modal = Some(Modal::ConfirmPrevious {
                question: format!(
                    "{}。\n仍要用它填写本报告的上年结转并作跨年度核对吗？",
                    differences.join("；")
                ),
                then: Box::new(super::Command::PairPrevious(path, Box::new(previous))),
            });
        }
    }

    /// 从上年报告开始: a new, unsaved report for the year after last year's, of the same
    /// 机关, texts copied, 上年结转 filled, last year's report paired for the cross-year
    /// checks (which list the copied sentences that name a past year).
    pub fn start_from_previous(&mut self, path: PathBuf, last: crate::next_year::LastYear) {
        let report = crate::next_year::next_year(&last.report);
        let year = report.details.year;
        let mut doc = Doc::new(Report::new("", year), None);
        doc.edit(EditKind::Step, 0.0, |r| *r = report);
        doc.set_previous(path, last.report);
        let stale = doc
            .findings
            .iter()
            .filter(|f| f.message.contains("照搬自"))
            .count();
        self.set_doc(doc);
        self.modal = None;
        self.status = Some((
            format!(
                "已从上年报告开始 {year} 年度报告：文字照搬待改（{stale} 句提到的年份可能已不对，见“检查结果”），上年结转已填好；请保存"
            ),
            false,
        ));
    }

    /// Reads a published report (its PDF, a saved web page, text copied from one, or
    /// markdown from a converter) into a new, unsaved document; what could not be read with certainty is
    /// listed in 检查结果 and marked on its cell.
    pub fn import_published(&mut self, path: &Path) {
        let result = crate::import::read_input(path)
            .map_err(|e| e.reason)
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

    /// Writes the Excel fill-in workbook or the Word copy; replaces a file at `path` only
    /// when `replace` (the user was asked).
    pub fn export_office(&mut self, format: Format, path: PathBuf, replace: bool) {
        let what = if format == Format::Xlsx {
            "Excel填报表"
        } else {
            "Word"
        };
        let result = export::write(&self.doc.report, &self.doc.findings, format)
            .map_err(|e| e.to_string())
            .and_then(|written| {
                if replace {
                    file::write_atomic(&path, &written.bytes)
                } else {
                    file::create_new(&path, &written.bytes)
                }
                .map_err(|e| e.to_string())
            });
        match result {
            Ok(()) => {
                let (errors, _) = self.doc.counts();
                let note = if format == Format::Docx && errors > 0 {
                    format!("（还有 {errors} 个错误，送审前请更正）")
                } else {
                    String::new()
                };
                self.status = Some((
                    format!("已导出{what}{note}：{}", path.display()),
                    !note.is_empty(),
                ));
            }
            Err(e) => self.modal = Some(Modal::Message(format!("导出{what}失败。\n{e}"))),
        }
    }

    /// 导入Excel填报表: merges a filled-in workbook into the open report as one undo step,
    /// marks the cells not taken (listed in 检查结果), and says which cells changed.
    pub fn import_workbook(&mut self, path: &Path) {
        use crate::import::xlsx::{merge_into, read_workbook_file};
        let read = match read_workbook_file(path) {
            Ok(read) => read,
            Err(e) => {
                self.modal = Some(Modal::Message(e));
                return;
            }
        };
        let [unit] = read.units.as_slice() else {
            let names: Vec<&str> = read.units.iter().map(|u| u.name.as_str()).collect();
            self.modal = Some(Modal::Message(format!(
                "{} 中有 {} 个单位的统计表（{}），不能合并进同一份年报。\n请用“批量审核”汇总，或用命令行 nianbao import 分别导入，每个单位得到一份年报。",
                path.display(),
                names.len(),
                names.join("、")
            )));
            return;
        };
        let mut changed = Vec::new();
        let now = self.doc.revision as f64;
        if unit
            .values
            .iter()
            .any(|(k, v)| self.doc.report.input(*k) != Some(v))
        {
            self.doc
                .edit(EditKind::Step, now, |r| changed = merge_into(r, unit));
        }
        self.doc.uncertain = unit.notes.clone();
        let mut text = format!(
            "已从 {} 导入{}：{} 个格子有变化",
            path.display(),
            if unit.name.is_empty() {
                String::new()
            } else {
                format!("（{}）", unit.name)
            },
            changed.len()
        );
        if changed.is_empty() {
            text.push_str("（表中的数字与本报告相同）");
        }
        text.push('。');
        const SHOWN: usize = 60;
        for (key, before, after) in changed.iter().take(SHOWN) {
            let before = before
                .as_ref()
                .map_or("未填".to_string(), |v| v.to_string());
            text.push_str(&format!("\n{}：{before} → {after}", key.label_path()));
        }
        if changed.len() > SHOWN {
            text.push_str(&format!("\n……另有 {} 个格子", changed.len() - SHOWN));
        }
        if !unit.notes.is_empty() {
            text.push_str(&format!(
                "\n\n有 {} 处没有读取或合计不符，已在“检查结果”中列出并在表中标出，本报告中这些格子未改动：",
                unit.notes.len()
            ));
            for n in unit.notes.iter().take(20) {
                let seen = if n.seen.is_empty() {
                    String::new()
                } else {
                    format!("（表中：{}）", n.seen)
                };
                text.push_str(&format!("\n{}：{}{seen}", n.place, n.reason));
            }
            if unit.notes.len() > 20 {
                text.push_str(&format!("\n……另有 {} 处", unit.notes.len() - 20));
            }
        }
        if !changed.is_empty() {
            text.push_str("\n\n可用“撤销”（Ctrl+Z）一步退回导入前。");
        }
        self.status = Some((
            format!("已导入Excel填报表：{} 个格子有变化", changed.len()),
            !unit.notes.is_empty(),
        ));
        self.modal = Some(Modal::Message(text));
    }

    /// Opens a report; a file that fails to load leaves the open document as it was.
    pub fn open(&mut self, path: &Path) {
        match file::load(path) {
            Ok(report) => {
                self.set_doc(Doc::new(report, Some(path.to_path_buf())));
                self.settings.remember(path, &self.doc.report);
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

    /// Saves atomically to `path`, replacing it (the document's own file, or one the user
    /// chose to replace); a failure is said and the document stays unsaved.
    pub fn save_to(&mut self, path: PathBuf) {
        self.save_with(path, true);
    }

    /// Saves to `path`: replacing what is there only when `replace`, otherwise only as a
    /// new file.
    pub(super) fn save_with(&mut self, path: PathBuf, replace: bool) {
        let saved = if replace {
            file::save(&self.doc.report, &path)
        } else {
            file::save_new(&self.doc.report, &path)
        };
        match saved {
            Ok(()) => {
                self.settings.remember(&path, &self.doc.report);
                self.settings.save(&self.config.data_dir);
                self.status = Some((format!("已保存到 {}", path.display()), false));
                self.doc.mark_saved(path);
                self.recovery.clear();
                self.recovered.0 = self.doc.revision;
                if let Some(then) = self.after_save.take() {
                    self.cmds.push(super::Command::Confirmed(Box::new(then)));
                }
            }
            Err(e) => self.modal = Some(Modal::Message(format!("保存失败。\n{e}"))),
        }
    }

    /// Writes the PDF (through a temporary file) and opens it in the system's viewer;
    /// replaces a file at `path` only when `replace` (the user was asked).
    pub fn export_pdf(&mut self, path: PathBuf, replace: bool) {
        let result = export::write(&self.doc.report, &self.doc.findings, Format::Pdf)
            .map_err(|e| e.to_string())
            .and_then(|pdf| {
                if replace {
                    file::write_atomic(&path, &pdf.bytes)
                } else {
                    file::create_new(&path, &pdf.bytes)
                }
                .map_err(|e| e.to_string())
            });
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
                        format!(
                            "PDF 已导出到 {}，但无法打开查看：{}",
                            path.display(),
                            crate::file::io_reason(&e)
                        ),
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

    pub(super) fn keep_recovery_copy(
        &mut self,
        ctx: &egui::Context,
        events: &[egui::Event],
        now: f64,
    ) {
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
}

fn home_dir() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .map(PathBuf::from)
}
