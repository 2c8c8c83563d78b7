//! What the audit keeps of each unit: its status, its findings as a supervisor sends
//! them, its main figures, and its row in the table of units.

use super::*;

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
    pub(super) fn audit(
        severity: Severity,
        rule: &str,
        place: &str,
        message: String,
    ) -> AuditFinding {
        AuditFinding {
            severity,
            rule: rule.to_string(),
            place: place.to_string(),
            message,
            cells: Vec::new(),
        }
    }

    pub(super) fn of(f: &check::Finding) -> AuditFinding {
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
    pub(super) fn of(report: &Report) -> MainFigures {
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
    pub(super) key_name: Option<String>,
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

    pub(super) fn failed(path: PathBuf, failure: &LoadFailure) -> UnitRow {
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
