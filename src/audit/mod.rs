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

/// A unit's standing after the audit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Status {
    /// Not read: not a report, empty, binary, broken or not readable.
    #[serde(rename = "无法读取")]
    Unreadable,
    /// A 2019-format report.
    #[serde(rename = "旧格式")]
    OldFormat,
    /// Errors to fix (or a report of another year than the others).
    #[serde(rename = "需修改")]
    NeedsChanges,
    /// A second file of a unit and year already audited.
    #[serde(rename = "重复")]
    Duplicate,
    /// No error (warnings may remain).
    #[serde(rename = "合格")]
    Passed,
}

impl Status {
    /// The status word shown.
    pub fn word(self) -> &'static str {
        match self {
            Status::Unreadable => "无法读取",
            Status::OldFormat => "旧格式",
            Status::NeedsChanges => "需修改",
            Status::Duplicate => "重复",
            Status::Passed => "合格",
        }
    }

    /// True for a file left out of the units (and of the sum): not read, old format, or
    /// a duplicate.
    pub fn left_out(self) -> bool {
        matches!(
            self,
            Status::Unreadable | Status::OldFormat | Status::Duplicate
        )
    }
}

/// One finding as the audit lists it: with its place named, ready for a supervisor to send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditFinding {
    /// `error` or `warning`.
    pub severity: Severity,
    /// The rule id (`R-row`, `timeliness`, …; `audit-…` for the audit's own).
    pub rule: String,
    /// Where, for a person: the part of the report.
    pub place: String,
    /// What is wrong, in the words of `check`.
    pub message: String,
    /// The cells concerned (keys such as `t3.r7_total.total`).
    pub cells: Vec<String>,
}

impl AuditFinding {
    fn audit(severity: Severity, rule: &str, place: &str, message: String) -> AuditFinding {
        AuditFinding {
            severity,
            rule: rule.to_string(),
            place: place.to_string(),
            message,
            cells: Vec::new(),
        }
    }

    fn of(f: &check::Finding) -> AuditFinding {
        AuditFinding {
            severity: f.severity,
            rule: f.rule.to_string(),
            place: f.section.title().to_string(),
            message: f.message.clone(),
            cells: f.cells.iter().map(|k| k.to_string()).collect(),
        }
    }
}

/// The main figures of a unit, for the table of units (None: blank in the report).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct MainFigures {
    /// 表三 一、本年新收 总计.
    pub new_received: Option<u64>,
    /// 表三 二、上年结转 总计.
    pub carried_over: Option<u64>,
    /// 表三 三、本年度办理结果 （七）总计.
    pub concluded: Option<u64>,
    /// 表三 （一）予以公开 总计.
    pub granted: Option<u64>,
    /// 表三 （二）部分公开 总计.
    pub partial: Option<u64>,
    /// 表四 行政复议 总计.
    pub review: Option<u64>,
    /// 表四 行政复议 结果纠正.
    pub review_corrected: Option<u64>,
    /// 表四 行政诉讼（未经复议直接起诉 + 复议后起诉）总计.
    pub litigation: Option<u64>,
    /// 表四 行政诉讼 结果纠正.
    pub litigation_corrected: Option<u64>,
}

impl MainFigures {
    fn of(report: &Report) -> MainFigures {
        let t3 = |row| {
            report.count(CellKey {
                table: TableId::T3,
                row,
                col: "total",
            })
        };
        let t4 = |row, col| {
            report.count(CellKey {
                table: TableId::T4,
                row,
                col,
            })
        };
        let both = |col| {
            let (a, b) = (
                t4("litigation_direct", col),
                t4("litigation_after_review", col),
            );
            match (a, b) {
                (None, None) => None,
                _ => Some(a.unwrap_or(0).saturating_add(b.unwrap_or(0))),
            }
        };
        MainFigures {
            new_received: t3("new_received"),
            carried_over: t3("carried_over"),
            concluded: t3("r7_total"),
            granted: t3("r1_granted"),
            partial: t3("r2_partial"),
            review: t4("review", "total"),
            review_corrected: t4("review", "correct"),
            litigation: both("total"),
            litigation_corrected: both("correct"),
        }
    }

    /// 部分公开 as a share of 办结, 0–1 (None when either is blank or 办结 is 0).
    pub fn partial_share(&self) -> Option<f64> {
        match (self.partial, self.concluded) {
            (Some(p), Some(c)) if c > 0 => Some(p as f64 / c as f64),
            _ => None,
        }
    }
}

/// One input file's row in the table of units.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitRow {
    /// The file as found (shown as given).
    pub path: PathBuf,
    /// 机关名称 (from the report; from the file name only when the report does not say).
    pub agency: Option<String>,
    /// 报告年度.
    pub year: Option<u16>,
    /// What was taken from the file name (机关名称, 报告年度), if anything.
    pub from_file_name: Vec<&'static str>,
    /// 发布日期.
    pub publish_date: Option<Date>,
    /// True when published after the legal deadline (None: no 发布日期).
    pub late: Option<bool>,
    /// Places the importer could not read with certainty.
    pub not_read: usize,
    /// The main figures.
    pub figures: MainFigures,
    /// Last year's report it was paired with.
    pub previous: Option<PathBuf>,
    /// Similarity with last year, section by section (empty when not compared).
    pub similarity: Vec<SectionSimilarity>,
    /// The cross-year status in words.
    pub cross_year: String,
    /// The status word.
    pub status: Status,
    /// Why a file was left out or needs changes beyond its findings, in one line.
    pub reason: Option<String>,
    /// Every finding, the report's and the audit's own.
    pub findings: Vec<AuditFinding>,
    /// The input cells, for the sum (None when not read).
    pub cells: Option<UnitCells>,
    /// Normalised agency name, for pairing and duplicates.
    key_name: Option<String>,
}

impl UnitRow {
    /// The file as shown to the user.
    pub fn file(&self) -> String {
        self.path.display().to_string()
    }

    /// Number of error findings.
    pub fn errors(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count()
    }

    /// Number of warning findings.
    pub fn warnings(&self) -> usize {
        self.findings.len() - self.errors()
    }

    /// The sections that are near copies of last year, as "一、总体情况 93%、…".
    pub fn near_copies(&self) -> String {
        self.similarity
            .iter()
            .filter(|s| s.near_copy())
            .map(|s| format!("{} {:.0}%", s.name, s.ratio * 100.0))
            .collect::<Vec<_>>()
            .join("、")
    }

    fn failed(path: PathBuf, failure: &LoadFailure) -> UnitRow {
        let (status, rule) = match failure {
            LoadFailure::Unreadable(_) => (Status::Unreadable, "audit-unreadable"),
            LoadFailure::OldFormat(_) => (Status::OldFormat, "audit-old-format"),
        };
        UnitRow {
            path,
            agency: None,
            year: None,
            from_file_name: Vec::new(),
            publish_date: None,
            late: None,
            not_read: 0,
            figures: MainFigures::default(),
            previous: None,
            similarity: Vec::new(),
            cross_year: String::new(),
            status,
            reason: Some(failure.reason().to_string()),
            findings: vec![AuditFinding::audit(
                Severity::Error,
                rule,
                "文件",
                failure.reason().to_string(),
            )],
            cells: None,
            key_name: None,
        }
    }
}

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

/// How a unit was paired with its last-year report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Match {
    /// One of the names exactly as written.
    Exact,
    /// Equal once normalised (width, spaces, punctuation, 人民政府 as 政府).
    Normalised,
    /// Equal but for a place written in front of one of them (某县某某镇 and 某某镇).
    Place,
}

/// A test of last year's report's names against this unit's.
type NameTest<'a> = &'a dyn Fn(&PreviousEntry) -> bool;

/// What pairing found.
enum Paired<'a> {
    /// The unit's own last-year report, and how its name matched.
    Found(&'a PreviousEntry, Match),
    /// More than one unit's report could be this unit's (by name without the place in
    /// front): none is taken, and the names are given.
    Ambiguous(Vec<String>),
    /// None.
    None,
}

/// The unit's own last-year report: by any of its names exactly, then normalised, then
/// with a place in front of one name only (taken only when it points at one unit); among
/// several reports of that unit, the one of the year before, then the latest earlier
/// one, then the first.
fn pair<'a>(id: &Identity, index: &'a [PreviousEntry]) -> Paired<'a> {
    let mine: Vec<String> = id.names.iter().map(|n| load::normalise_name(n)).collect();
    let levels: [(Match, NameTest<'_>); 3] = [
        (Match::Exact, &|e| {
            e.names.iter().any(|n| id.names.contains(n))
        }),
        (Match::Normalised, &|e| {
            e.normalised
                .iter()
                .any(|n| !n.is_empty() && mine.contains(n))
        }),
        (Match::Place, &|e| {
            e.normalised
                .iter()
                .any(|n| mine.iter().any(|m| load::same_but_place(m, n)))
        }),
    ];
    for (how, matches) in levels {
        let candidates: Vec<&PreviousEntry> = index.iter().filter(|e| matches(e)).collect();
        if candidates.is_empty() {
            continue;
        }
        if how == Match::Place {
            let units: std::collections::BTreeSet<&str> = candidates
                .iter()
                .filter_map(|e| e.normalised.first().map(String::as_str))
                .collect();
            if units.len() > 1 {
                return Paired::Ambiguous(
                    candidates
                        .iter()
                        .filter_map(|e| e.names.first().cloned())
                        .collect(),
                );
            }
        }
        let wanted = id.year.map(|y| y.saturating_sub(1));
        let chosen = candidates
            .iter()
            .copied()
            .find(|e| e.year.is_some() && e.year == wanted)
            .or_else(|| {
                candidates
                    .iter()
                    .copied()
                    .filter(|e| e.year.is_some_and(|y| wanted.is_none_or(|w| y < w)))
                    .max_by_key(|e| e.year)
            })
            .unwrap_or(candidates[0]);
        return Paired::Found(chosen, how);
    }
    Paired::None
}

/// The year most readable reports are of; the later year on a tie.
fn audit_year(rows: &[UnitRow]) -> Option<u16> {
    let mut counts: BTreeMap<u16, usize> = BTreeMap::new();
    for row in rows.iter().filter(|r| !r.status.left_out()) {
        if let Some(y) = row.year {
            *counts.entry(y).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(year, n)| (n, year))
        .map(|(y, _)| y)
}

fn mark_other_years(rows: &mut [UnitRow], year: Option<u16>) {
    let Some(year) = year else { return };
    for row in rows.iter_mut().filter(|r| !r.status.left_out()) {
        let message = match row.year {
            Some(y) if y != year => format!(
                "这是 {y} 年度的报告，本次审核的是 {year} 年度（多数报告的年度），请报送 {year} 年度报告"
            ),
            None => format!("没有认出报告年度，本次审核的是 {year} 年度"),
            Some(_) => continue,
        };
        row.reason = Some(message.clone());
        row.findings.push(AuditFinding::audit(
            Severity::Error,
            "audit-year",
            crate::check::Section::Details.title(),
            message,
        ));
        row.status = Status::NeedsChanges;
    }
}

/// A second file of the same unit and year: marked 重复, naming the one audited. Files
/// are of one unit when their 机关 names are equal once normalised, or differ only by a
/// place in front of one of them (某县某某镇人民政府, 某某镇人民政府) when that points at
/// one unit only. The file audited is a report file (exact, as the unit saved it) before
/// a published form that had to be imported, then the one read most completely (fewest
/// places not read), then a PDF (the form a report is officially published in), then the
/// first in path order.
fn mark_duplicates(rows: &mut [UnitRow]) {
    let is_report_file = |path: &Path| {
        path.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("nianbao") || e.eq_ignore_ascii_case("json"))
    };
    let is_pdf = |path: &Path| {
        path.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
    };
    // (year, normalised name) → rows, in path order.
    let mut by_name: BTreeMap<(Option<u16>, &str), Vec<usize>> = BTreeMap::new();
    for (i, row) in rows.iter().enumerate() {
        if row.status.left_out() {
            continue;
        }
        if let Some(name) = row.key_name.as_deref().filter(|n| !n.is_empty()) {
            by_name.entry((row.year, name)).or_default().push(i);
        }
    }
    // A name written with a place in front joins the shorter name, when exactly one
    // longer name of that year does.
    let mut longer: BTreeMap<(Option<u16>, &str), std::collections::BTreeSet<&str>> =
        BTreeMap::new();
    for &(year, name) in by_name.keys() {
        for tail in load::unprefixed(name) {
            if by_name.contains_key(&(year, tail)) {
                longer.entry((year, tail)).or_default().insert(name);
            }
        }
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut joined: std::collections::BTreeSet<(Option<u16>, &str)> = Default::default();
    for (&(year, name), names) in &longer {
        if let [only] = names.iter().copied().collect::<Vec<_>>()[..] {
            let mut group = by_name[&(year, name)].clone();
            group.extend(&by_name[&(year, only)]);
            group.sort_unstable();
            joined.insert((year, name));
            joined.insert((year, only));
            groups.push(group);
        }
    }
    for (key, group) in &by_name {
        if !joined.contains(key) {
            groups.push(group.clone());
        }
    }
    // A long name may have been joined by two shorter ones (甲市乙区丙局 with 乙区丙局 and
    // 丙局): groups that share a row are one unit.
    let mut unit_of: Vec<usize> = (0..rows.len()).collect();
    fn root(unit_of: &mut [usize], mut i: usize) -> usize {
        while unit_of[i] != i {
            unit_of[i] = unit_of[unit_of[i]];
            i = unit_of[i];
        }
        i
    }
    for group in &groups {
        for pair in group.windows(2) {
            let (a, b) = (root(&mut unit_of, pair[0]), root(&mut unit_of, pair[1]));
            unit_of[a.max(b)] = a.min(b);
        }
    }
    let mut merged: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for group in &groups {
        for &i in group {
            let r = root(&mut unit_of, i);
            merged.entry(r).or_default().push(i);
        }
    }
    let merged = merged.into_values().map(|mut g| {
        g.sort_unstable();
        g.dedup();
        g
    });
    for group in merged.filter(|g| g.len() > 1) {
        let Some(&keep) = group.iter().min_by_key(|&&i| {
            let path = &rows[i].path;
            (!is_report_file(path), rows[i].not_read, !is_pdf(path), i)
        }) else {
            continue;
        };
        for &i in group.iter().filter(|&&i| i != keep) {
            let kept = &rows[keep];
            let same = if kept.key_name == rows[i].key_name {
                String::new()
            } else {
                format!("，那一份写作“{}”", kept.agency.as_deref().unwrap_or(""))
            };
            let message = format!(
                "与 {} 是同一单位（{}）同一年度的报告{same}，只审核那一份；请确认哪一份是正式发布的",
                kept.path.display(),
                rows[i].agency.as_deref().unwrap_or("")
            );
            let row = &mut rows[i];
            row.reason = Some(message.clone());
            // Only the one kept is audited: this file's own findings would be listed twice.
            row.findings.clear();
            row.findings.push(AuditFinding::audit(
                Severity::Warning,
                "audit-duplicate",
                "文件",
                message,
            ));
            row.status = Status::Duplicate;
        }
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
