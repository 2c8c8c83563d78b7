//! The open document: the report, where it lives, last year's report paired with it, its
//! findings, and the undo history. Every change goes through [`Doc::edit`], which keeps
//! the history and the findings in step with the report.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::check::{self, Finding, Severity};
use crate::format::CellKey;
use crate::model::Report;

/// A text of the report the user edits in a text field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextField {
    /// 机关名称（全称）.
    AgencyName,
    /// 机关简称 (printed in the title).
    AgencyShortName,
    /// 署名机关.
    Signatory,
    /// The opening paragraph.
    Opening,
    /// Text of 一 before （一）.
    Lead,
    /// 一（一）…（五）, by index.
    Part(usize),
    /// The heading of a part of 一 as the report writes it (blank: the customary one).
    Heading(usize),
    /// 五.
    Problems,
    /// 六.
    OtherMatters,
}

impl TextField {
    /// The text as it stands in the report.
    pub fn get(self, r: &Report) -> &str {
        match self {
            TextField::AgencyName => &r.details.agency_name,
            TextField::AgencyShortName => &r.details.agency_short_name,
            TextField::Signatory => &r.details.signatory,
            TextField::Opening => &r.details.opening,
            TextField::Lead => &r.overview.lead,
            TextField::Part(i) => r.overview.parts().get(i).map(|p| p.1).unwrap_or(""),
            TextField::Heading(i) => r
                .overview
                .headings
                .get(i)
                .map(|h| h.text.as_str())
                .unwrap_or(""),
            TextField::Problems => &r.problems,
            TextField::OtherMatters => &r.other_matters,
        }
    }

    /// Replaces the text in the report.
    pub fn set(self, r: &mut Report, text: String) {
        if let TextField::Heading(i) = self {
            if let Some(h) = r.overview.headings.get_mut(i) {
                h.text = text;
            }
            return;
        }
        let o = &mut r.overview;
        let slot = match self {
            TextField::AgencyName => &mut r.details.agency_name,
            TextField::AgencyShortName => &mut r.details.agency_short_name,
            TextField::Signatory => &mut r.details.signatory,
            TextField::Opening => &mut r.details.opening,
            TextField::Lead => &mut o.lead,
            TextField::Part(0) => &mut o.proactive,
            TextField::Part(1) => &mut o.on_request,
            TextField::Part(2) => &mut o.management,
            TextField::Part(3) => &mut o.platform,
            TextField::Part(_) | TextField::Heading(_) => &mut o.supervision,
            TextField::Problems => &mut r.problems,
            TextField::OtherMatters => &mut r.other_matters,
        };
        *slot = text;
    }
}

/// What kind of change an edit was, for grouping undo steps: typing into one text field
/// without a pause of [`UNDO_PAUSE_S`] is one step; every other edit is a step of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditKind {
    /// Typing into a text field.
    Typing(TextField),
    /// Anything else: a committed cell, a paste, a date, the agency kind, an import.
    Step,
}

/// A pause in typing this long (seconds) starts a new undo step.
pub const UNDO_PAUSE_S: f64 = 1.0;

/// The most undo steps kept.
const HISTORY_LIMIT: usize = 500;

/// Snapshots of the report before each step; a report is a few tens of KB.
#[derive(Debug, Default)]
struct History {
    undo: Vec<Report>,
    redo: Vec<Report>,
    /// The last edit and when it happened (egui time, seconds).
    last: Option<(EditKind, f64)>,
}

/// The document the window shows.
pub struct Doc {
    /// The report being edited.
    pub report: Report,
    /// Where it is saved; None for a new report not yet saved.
    pub path: Option<PathBuf>,
    /// Last year's report, for 上年结转 and the cross-year checks (kept for this session).
    pub previous: Option<(PathBuf, Report)>,
    /// Every finding of the current report, errors first.
    pub findings: Vec<Finding>,
    /// Counts changes; caches (preview, recovery) compare it.
    pub revision: u64,
    /// What an import could not read with certainty, until the user fills the cell.
    pub uncertain: Vec<crate::import::Uncertain>,
    /// Text typed into a cell that is not a number ("12.5" in a count): the cell is left
    /// blank and shows the text with an error until the clerk fills it.
    pub rejected: BTreeMap<CellKey, String>,
    /// The report as last saved or opened; the document is unsaved when it differs.
    saved: Report,
    history: History,
}

impl Doc {
    /// A document showing `report`, saved at `path` (or new).
    pub fn new(report: Report, path: Option<PathBuf>) -> Doc {
        let mut doc = Doc {
            saved: report.clone(),
            report,
            path,
            previous: None,
            findings: Vec::new(),
            revision: 0,
            uncertain: Vec::new(),
            rejected: BTreeMap::new(),
            history: History::default(),
        };
        doc.refresh();
        doc
    }

    /// Whether the report differs from what was last saved or opened.
    pub fn is_dirty(&self) -> bool {
        self.report != self.saved
    }

    /// Records that the report as it stands is what the file holds.
    pub fn mark_saved(&mut self, path: PathBuf) {
        self.saved = self.report.clone();
        self.path = Some(path);
    }

    /// Applies a change. Returns whether anything changed; an edit that leaves the report
    /// as it was adds no undo step.
    pub fn edit(&mut self, kind: EditKind, now_s: f64, change: impl FnOnce(&mut Report)) -> bool {
        let before = self.report.clone();
        change(&mut self.report);
        if self.report == before {
            return false;
        }
        let continues = matches!(
            (self.history.last, kind),
            (Some((EditKind::Typing(a), t)), EditKind::Typing(b)) if a == b && now_s - t < UNDO_PAUSE_S
        );
        if !continues {
            self.history.undo.push(before);
            if self.history.undo.len() > HISTORY_LIMIT {
                self.history.undo.remove(0);
            }
        }
        self.history.redo.clear();
        self.history.last = Some((kind, now_s));
        self.refresh();
        true
    }

    /// Undoes the last step; false when there is none.
    pub fn undo(&mut self) -> bool {
        let Some(before) = self.history.undo.pop() else {
            return false;
        };
        let now = std::mem::replace(&mut self.report, before);
        self.history.redo.push(now);
        self.history.last = None;
        self.refresh();
        true
    }

    /// Redoes the last undone step; false when there is none.
    pub fn redo(&mut self) -> bool {
        let Some(after) = self.history.redo.pop() else {
            return false;
        };
        let now = std::mem::replace(&mut self.report, after);
        self.history.undo.push(now);
        self.history.last = None;
        self.refresh();
        true
    }

    /// Whether there is a step to undo / redo.
    pub fn can_undo(&self) -> bool {
        !self.history.undo.is_empty()
    }

    /// Whether there is a step to redo.
    pub fn can_redo(&self) -> bool {
        !self.history.redo.is_empty()
    }

    /// Pairs last year's report and re-runs the checks against it.
    pub fn set_previous(&mut self, path: PathBuf, previous: Report) {
        self.previous = Some((path, previous));
        self.refresh();
    }

    /// Re-runs every check; errors first, in the order the rules found them.
    fn refresh(&mut self) {
        self.revision += 1;
        let report = &self.report;
        self.rejected.retain(|k, _| report.display(*k).is_empty());
        let mut findings = check::check(&self.report, self.previous.as_ref().map(|p| &p.1));
        findings.sort_by_key(|f| f.severity);
        self.findings = findings;
    }

    /// Number of errors (a cell that refused what was typed is one) and of warnings.
    pub fn counts(&self) -> (usize, usize) {
        let errors = self
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count();
        (errors + self.rejected.len(), self.findings.len() - errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_groups_into_one_step_until_a_pause() {
        let mut doc = Doc::new(Report::new("示例局", 2024), None);
        let f = TextField::Problems;
        for (i, t) in [0.0, 0.3, 0.6].into_iter().enumerate() {
            doc.edit(EditKind::Typing(f), t, |r| f.set(r, "改".repeat(i + 1)));
        }
        doc.edit(EditKind::Typing(f), 2.0, |r| f.set(r, "改改改。".into()));
        assert!(doc.is_dirty());
        assert!(doc.undo());
        assert_eq!(doc.report.problems, "改改改");
        assert!(doc.undo());
        assert_eq!(doc.report.problems, "");
        assert!(!doc.undo());
        assert!(!doc.is_dirty());
        assert!(doc.redo() && doc.redo());
        assert_eq!(doc.report.problems, "改改改。");
        // An edit that changes nothing is no step.
        assert!(!doc.edit(EditKind::Step, 3.0, |_| {}));
        assert!(doc.undo());
    }
}
