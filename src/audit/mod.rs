//! The supervisor's desk: audit a whole folder of units' reports at once (`nianbao audit`,
//! 文件 → 批量审核…), and add their tables up (`nianbao sum`, 汇总选中单位).
//!
//! Each input file is found ([`discover`]), read in whatever form nianbao reads
//! ([`load`]), told whose and which year it is from the report itself, paired with its
//! own last-year report, checked with [`crate::check::check`], and compared with last
//! year section by section ([`similarity`]). Only what the table of units needs is kept
//! (figures, findings, the input cells for the sum), never the texts, so memory stays
//! flat whatever the count. Files are worked on in parallel (rayon); the result is in
//! path order whatever the scheduling, so the output is deterministic.

pub mod cli;
pub mod discover;
pub mod html;
pub mod load;
mod pairing;
mod row;
pub mod similarity;
pub mod sum;
pub mod xlsx;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rayon::prelude::*;
use serde::Serialize;

use crate::check::{self, Severity};
use crate::format::{CellKey, TableId};
use crate::model::{Date, Report};

use discover::Found;
use load::{Identity, LoadFailure};
use similarity::SectionSimilarity;
use sum::UnitCells;

use pairing::{Match, Paired, audit_year, mark_duplicates, mark_other_years, pair};
pub use row::{AuditFinding, MainFigures, Status, UnitRow};

/// The result of an audit.
#[derive(Debug, Clone, PartialEq)]
pub struct Audit {
    /// One row per input file, in path order.
    pub rows: Vec<UnitRow>,
    /// The year audited: the year most units report (the later one on a tie).
    pub year: Option<u16>,
    /// Last year's files that could not be read, with the reason.
    pub previous_unreadable: Vec<(PathBuf, String)>,
    /// Whether `--previous` files were given.
    pub compared: bool,
}

/// Progress of a run, shared with whoever shows it; set `cancel` to stop early.
#[derive(Debug, Default)]
pub struct Progress {
    /// Files to read (last year's and this year's).
    pub total: AtomicUsize,
    /// Files read so far.
    pub done: AtomicUsize,
    /// Set to stop: files not yet started are left out and [`audit`] returns None.
    pub cancel: AtomicBool,
}

impl Progress {
    fn tick(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }

    fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

/// Last year's report, as kept for pairing: the names and year only; the report is read
/// again when its unit is checked, so no text is held.
#[derive(Debug, Clone)]
struct PreviousEntry {
    path: PathBuf,
    names: Vec<String>,
    normalised: Vec<String>,
    year: Option<u16>,
}

/// Audits the files under `inputs`, pairing each unit with its own report among
/// `previous` (last year's). `exclude` lists files not to read (the output). Returns None
/// only when cancelled.
pub fn audit(
    inputs: &[PathBuf],
    previous: &[PathBuf],
    exclude: &[PathBuf],
    progress: &Progress,
) -> Option<Audit> {
    let found = discover::discover(inputs, exclude);
    let found_previous = discover::discover(previous, exclude);
    progress
        .total
        .store(found.len() + found_previous.len(), Ordering::Relaxed);
    let mut previous_unreadable = Vec::new();
    let mut index = Vec::new();
    let read_previous: Vec<Option<Result<PreviousEntry, (PathBuf, String)>>> = found_previous
        .par_iter()
        .map(|f| {
            if progress.cancelled() {
                return None;
            }
            let entry = match f {
                Found::Unreadable(p, reason) => Err((p.clone(), reason.clone())),
                Found::File(p) => match load::load_any(p) {
                    Ok(loaded) => {
                        let id = load::identity(&loaded.report, p);
                        Ok(PreviousEntry {
                            path: p.clone(),
                            normalised: id.names.iter().map(|n| load::normalise_name(n)).collect(),
                            names: id.names,
                            year: id.year,
                        })
                    }
                    Err(e) => Err((p.clone(), e.reason().to_string())),
                },
            };
            progress.tick();
            Some(entry)
        })
        .collect();
    for entry in read_previous {
        match entry? {
            Ok(e) => index.push(e),
            Err(bad) => previous_unreadable.push(bad),
        }
    }
    let compared = !previous.is_empty();
    let rows: Vec<Option<UnitRow>> = found
        .par_iter()
        .map(|f| {
            if progress.cancelled() {
                return None;
            }
            let row = match f {
                Found::Unreadable(p, reason) => {
                    UnitRow::failed(p.clone(), &LoadFailure::Unreadable(reason.clone()))
                }
                Found::File(p) => audit_file(p, &index, compared),
            };
            progress.tick();
            Some(row)
        })
        .collect();
    let mut rows: Vec<UnitRow> = rows.into_iter().collect::<Option<_>>()?;
    let year = audit_year(&rows);
    mark_other_years(&mut rows, year);
    mark_duplicates(&mut rows);
    Some(Audit {
        rows,
        year,
        previous_unreadable,
        compared,
    })
}

/// Reads, checks and compares one file.
fn audit_file(path: &Path, index: &[PreviousEntry], compared: bool) -> UnitRow {
    let loaded = match load::load_any(path) {
        Ok(l) => l,
        Err(e) => return UnitRow::failed(path.to_path_buf(), &e),
    };
    let report = &loaded.report;
    let id = load::identity(report, path);
    let paired = pair(&id, index);
    let (previous, how, previous_note) = match paired {
        Paired::Found(entry, how) => match load::load_any(&entry.path) {
            Ok(l) => (Some((entry.path.clone(), l.report)), Some(how), None),
            // Read once already: it changed or vanished since.
            Err(e) => (
                None,
                None,
                Some(format!(
                    "上年报告 {} 无法读取：{}",
                    entry.path.display(),
                    e.reason()
                )),
            ),
        },
        Paired::Ambiguous(names) => (
            None,
            None,
            Some(format!(
                "上年报告中有几份都可能是本单位的（{}），未比对；请核对机关名称",
                names.join("、")
            )),
        ),
        Paired::None => (None, None, None),
    };
    let mut findings: Vec<AuditFinding> = check::check(report, previous.as_ref().map(|p| &p.1))
        .iter()
        .map(AuditFinding::of)
        .collect();
    if !id.from_file_name.is_empty() {
        findings.push(AuditFinding::audit(
            Severity::Warning,
            "audit-identity",
            crate::check::Section::Details.title(),
            format!(
                "报告中没有认出{}，暂按文件名“{}”取得，请核对",
                id.from_file_name.join("和"),
                path.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            ),
        ));
    }
    if id.agency.is_none() {
        findings.push(AuditFinding::audit(
            Severity::Error,
            "audit-identity",
            crate::check::Section::Details.title(),
            "报告中和文件名中都没有认出机关名称".to_string(),
        ));
    }
    if !loaded.details_not_read.is_empty() {
        // The cells not read are listed by the checks (not-read); these are the rest.
        findings.push(AuditFinding::audit(
            Severity::Warning,
            "import-uncertain",
            "导入",
            format!(
                "导入时未能确定：{}，请对照原文核对",
                loaded.details_not_read.join("；")
            ),
        ));
    }
    let similarity = previous
        .as_ref()
        .map(|(_, prev)| similarity::compare(report, prev))
        .unwrap_or_default();
    let cross_year = match (&previous, compared) {
        (_, false) => "未提供上年报告".to_string(),
        (None, true) => previous_note.unwrap_or_else(|| "未找到本单位的上年报告".to_string()),
        (Some((p, prev)), true) => {
            let copies: Vec<String> = similarity
                .iter()
                .filter(|s| s.near_copy())
                .map(|s| format!("{} {:.0}%", s.name, s.ratio * 100.0))
                .collect();
            let year_note = match (prev.details.year, id.year) {
                (py, Some(y)) if py.saturating_add(1) != y => format!("（上年报告为 {py} 年度）"),
                _ => String::new(),
            };
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
            let name = name.unwrap_or_else(|| p.display().to_string());
            // Said when the names were not the same as written, so a wrong pairing shows.
            let by_name = match how {
                Some(Match::Exact) | None => String::new(),
                Some(_) => format!("（上年机关名称为“{}”）", prev.details.agency_name.trim()),
            };
            if copies.is_empty() {
                format!("已比对 {name}{by_name}{year_note}，无雷同")
            } else {
                format!(
                    "已比对 {name}{by_name}{year_note}，雷同：{}",
                    copies.join("、")
                )
            }
        }
    };
    let d = &report.details;
    let late = d.publish_date.map(|date| {
        let (month, day) = d.agency_kind.deadline();
        (date.year, date.month, date.day) > (d.year.saturating_add(1), month, day)
    });
    let status = if findings.iter().any(|f| f.severity == Severity::Error) {
        Status::NeedsChanges
    } else {
        Status::Passed
    };
    UnitRow {
        path: path.to_path_buf(),
        key_name: id.agency.as_deref().map(load::normalise_name),
        agency: id.agency,
        year: id.year,
        from_file_name: id.from_file_name,
        publish_date: d.publish_date,
        late,
        not_read: loaded.not_read,
        figures: MainFigures::of(report),
        previous: previous.map(|(p, _)| p),
        similarity,
        cross_year,
        status,
        reason: None,
        findings,
        cells: Some(UnitCells::of(report)),
    }
}

impl Audit {
    /// The rows worst first: not read, old format, needs changes (most errors first),
    /// duplicates, then passed (most warnings first); by file within each.
    pub fn worst_first(&self) -> Vec<&UnitRow> {
        let mut rows: Vec<&UnitRow> = self.rows.iter().collect();
        rows.sort_by(|a, b| {
            (
                a.status,
                std::cmp::Reverse(a.errors()),
                std::cmp::Reverse(a.warnings()),
            )
                .cmp(&(
                    b.status,
                    std::cmp::Reverse(b.errors()),
                    std::cmp::Reverse(b.warnings()),
                ))
                .then_with(|| a.path.cmp(&b.path))
        });
        rows
    }

    /// How many rows have each status, in [`Status`] order.
    pub fn counts(&self) -> Vec<(Status, usize)> {
        [
            Status::Passed,
            Status::NeedsChanges,
            Status::Unreadable,
            Status::OldFormat,
            Status::Duplicate,
        ]
        .into_iter()
        .map(|s| (s, self.rows.iter().filter(|r| r.status == s).count()))
        .collect()
    }

    /// The files left out of the units, with the reason (this year's and last year's).
    pub fn left_out(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = self
            .rows
            .iter()
            .filter(|r| r.status.left_out())
            .map(|r| {
                (
                    r.file(),
                    format!("{}：{}", r.status.word(), r.reason.as_deref().unwrap_or("")),
                )
            })
            .collect();
        out.extend(self.previous_unreadable.iter().map(|(p, reason)| {
            (
                p.display().to_string(),
                format!("上年报告无法读取：{reason}"),
            )
        }));
        out
    }

    /// The files not in the 汇总, with the reason: those left out, units of another
    /// year, units whose agency was not read; last year's unreadable files after them.
    pub fn not_summed(&self) -> Vec<(String, String)> {
        let summable = self.summable();
        let mut out: Vec<(String, String)> = self
            .rows
            .iter()
            .filter(|row| !summable.iter().any(|s| std::ptr::eq(*s, *row)))
            .map(|row| {
                let reason = if row.status.left_out() {
                    format!(
                        "{}：{}",
                        row.status.word(),
                        row.reason.as_deref().unwrap_or("")
                    )
                } else if row.agency.is_none() {
                    "没有认出机关名称".to_string()
                } else {
                    row.reason.clone().unwrap_or_else(|| "年度不同".into())
                };
                (row.file(), reason)
            })
            .collect();
        out.extend(self.previous_unreadable.iter().map(|(p, reason)| {
            (
                p.display().to_string(),
                format!("上年报告无法读取：{reason}"),
            )
        }));
        out
    }

    /// The rows that go into the 汇总: read, of the audited year, not duplicates.
    pub fn summable(&self) -> Vec<&UnitRow> {
        self.rows
            .iter()
            .filter(|r| !r.status.left_out() && r.year.is_some() && r.year == self.year)
            .filter(|r| r.agency.is_some() && r.cells.is_some())
            .collect()
    }

    /// The 汇总 of the summable units, as a report for `agency` (or the refusals).
    pub fn sum(&self, agency: &str) -> Result<Report, Vec<String>> {
        let Some(year) = self.year else {
            return Err(vec!["没有可汇总的单位（没有读出任何报告的年度）".into()]);
        };
        let files: Vec<(String, &UnitRow)> =
            self.summable().into_iter().map(|r| (r.file(), r)).collect();
        let inputs: Vec<sum::SumInput<'_>> = files
            .iter()
            .filter_map(|(file, r)| {
                Some(sum::SumInput {
                    agency: r.agency.as_deref()?,
                    year,
                    file,
                    cells: r.cells.as_ref()?,
                })
            })
            .collect();
        sum::sum_units(agency, year, &inputs)
    }

    /// The exit code of `nianbao audit`: 0 when every file passed, 2 when no input could
    /// be read at all, 1 otherwise.
    pub fn exit_code(&self) -> u8 {
        if self
            .rows
            .iter()
            .all(|r| matches!(r.status, Status::Unreadable | Status::OldFormat))
        {
            2
        } else if self.rows.iter().all(|r| r.status == Status::Passed) {
            0
        } else {
            1
        }
    }

    /// The `--json` output: one object per input file, in path order.
    pub fn to_json(&self) -> String {
        #[derive(Serialize)]
        struct Row<'a> {
            file: String,
            agency: Option<&'a str>,
            year: Option<u16>,
            status: Status,
            errors: usize,
            warnings: usize,
            not_read: usize,
            findings: &'a [AuditFinding],
            previous: Option<String>,
            similarity: BTreeMap<&'static str, f64>,
        }
        let rows: Vec<Row<'_>> = self
            .rows
            .iter()
            .map(|r| Row {
                file: r.file(),
                agency: r.agency.as_deref(),
                year: r.year,
                status: r.status,
                errors: r.errors(),
                warnings: r.warnings(),
                not_read: r.not_read,
                findings: &r.findings,
                previous: r.previous.as_ref().map(|p| p.display().to_string()),
                similarity: r
                    .similarity
                    .iter()
                    .map(|s| (s.key, (s.ratio * 1000.0).round() / 1000.0))
                    .collect(),
            })
            .collect();
        let mut text = serde_json::to_string_pretty(&rows)
            .unwrap_or_else(|e| unreachable!("audit rows always serialise: {e}"));
        text.push('\n');
        text
    }

    /// The audit as text for a terminal: a summary line, then each file worst first with
    /// its findings.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let counts: Vec<String> = self
            .counts()
            .into_iter()
            .filter(|&(_, n)| n > 0)
            .map(|(s, n)| format!("{} {n}", s.word()))
            .collect();
        let year = self.year.map(|y| format!("{y} 年度，")).unwrap_or_default();
        out.push_str(&format!(
            "审核 {} 个文件（{year}{}）。\n",
            self.rows.len(),
            counts.join("，")
        ));
        for row in self.worst_first() {
            let who = match (&row.agency, row.year) {
                (Some(a), Some(y)) => format!("{a} {y} 年度"),
                (Some(a), None) => a.clone(),
                _ => String::new(),
            };
            out.push_str(&format!("\n［{}］{}", row.status.word(), row.file()));
            if !who.is_empty() {
                out.push_str(&format!("（{who}）"));
            }
            if row.status.left_out() {
                out.push_str(&format!("：{}\n", row.reason.as_deref().unwrap_or("")));
                continue;
            }
            out.push_str(&format!(
                "：{} 个错误，{} 个警告",
                row.errors(),
                row.warnings()
            ));
            if row.not_read > 0 {
                out.push_str(&format!("，{} 处未能读出", row.not_read));
            }
            if row.late == Some(true) {
                out.push_str("，逾期发布");
            }
            if self.compared {
                out.push_str(&format!("；{}", row.cross_year));
            }
            out.push('\n');
            let mut findings: Vec<&AuditFinding> = row.findings.iter().collect();
            findings.sort_by_key(|f| f.severity);
            for f in findings {
                out.push_str(&format!(
                    "  {}［{}］{}：{}\n",
                    f.severity.name(),
                    check::rule_name(&f.rule),
                    f.place,
                    f.message
                ));
            }
        }
        for (file, reason) in &self.previous_unreadable {
            out.push_str(&format!(
                "\n上年报告 {} 无法读取：{reason}\n",
                file.display()
            ));
        }
        if self.compared {
            out.push_str(&format!(
                "\n与上年报告的相似度：{}。达到 {:.0}% 的部分视为雷同。\n",
                similarity::HOW,
                similarity::NEAR_COPY * 100.0
            ));
        }
        out
    }
}
