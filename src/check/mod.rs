//! Every rule a report is checked by, as pure functions of the report, behind one entry,
//! [`check`]. Each family of rules has its own file; a new rule goes in its family's file
//! and gets one line in [`check`].
//!
//! A [`Finding`] carries the rule, a severity, a Chinese message that shows the numbers, and
//! the cells or section it concerns, the way a compiler diagnostic carries its span.

mod arithmetic;
mod boilerplate;
mod completeness;
pub mod cross_year;
mod fees;
mod not_read;
mod numbering;
mod printed;
mod prose;
mod summed;
mod supervision;
mod template;
mod timeliness;
mod valid_docs;
mod values;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::format::{CellKey, SECTION_TITLES, TableId, table_def};
use crate::model::Report;

pub use arithmetic::arithmetic;
pub use boilerplate::{concrete_measures, similarity};
pub use completeness::completeness;
pub use cross_year::cross_year;
pub use fees::fees;
pub use not_read::{not_read, without_not_read};
pub use numbering::numbering;
pub use printed::printed_totals;
pub use prose::prose_vs_tables;
pub use summed::summed_blanks;
pub use supervision::supervision;
pub use template::template_leftovers;
pub use timeliness::timeliness;
pub use valid_docs::valid_docs_sanity;
pub use values::{value_problem, values};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// 错误: the report must not be published like this.
    Error,
    /// 警告: probably wrong; look before publishing.
    Warning,
}

impl Severity {
    /// 错误 / 警告.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
        }
    }
}

/// A part of the report a finding points at, when it is not (only) table cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Section {
    /// 报告信息 (agency, year, dates, opening paragraph).
    Details,
    /// 一、总体情况.
    Overview,
    /// A table.
    Table(TableId),
    /// 五、存在的主要问题及改进情况.
    Problems,
    /// 六、其他需要报告的事项.
    OtherMatters,
}

impl Section {
    /// The heading a person knows the part by.
    pub fn title(self) -> &'static str {
        match self {
            Section::Details => "报告信息",
            Section::Overview => SECTION_TITLES[0],
            Section::Table(t) => t.section_title(),
            Section::Problems => SECTION_TITLES[4],
            Section::OtherMatters => SECTION_TITLES[5],
        }
    }
}

impl Section {
    /// The key used in JSON output: the field name in the report file (`details`,
    /// `overview`, `problems`, `other_matters`) or the table key (`t2`, `t3`, `t4`).
    pub fn key(self) -> &'static str {
        match self {
            Section::Details => "details",
            Section::Overview => "overview",
            Section::Table(t) => t.key(),
            Section::Problems => "problems",
            Section::OtherMatters => "other_matters",
        }
    }
}

impl Serialize for Section {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

/// One problem found in a report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Rule id from checks.md: `R-row`, `R-sub`, `R-id`, `T4`, `value`, `completeness`, ….
    pub rule: &'static str,
    /// 错误 or 警告.
    pub severity: Severity,
    /// What is wrong, in Chinese, with the numbers.
    pub message: String,
    /// The section concerned.
    pub section: Section,
    /// The cells concerned (empty for prose findings).
    #[serde(serialize_with = "keys_as_strings")]
    pub cells: Vec<CellKey>,
}

fn keys_as_strings<S: serde::Serializer>(keys: &[CellKey], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(keys.iter().map(|k| k.to_string()))
}

impl Finding {
    fn new(rule: &'static str, severity: Severity, section: Section, message: String) -> Self {
        Finding {
            rule,
            severity,
            message,
            section,
            cells: Vec::new(),
        }
    }

    fn at(mut self, cells: impl IntoIterator<Item = CellKey>) -> Self {
        self.cells.extend(cells);
        self
    }
}

/// The numbers of the three tables, totals included: computed from a report, or as printed
/// in a published one. The arithmetic rules read this, so they check printed totals too.
pub type Figures = BTreeMap<CellKey, u64>;

/// The figures of a report: its counts and its computed totals (blank cells absent).
pub fn figures(report: &Report) -> Figures {
    TableId::ALL
        .into_iter()
        .flat_map(|t| table_def(t).cells())
        .filter_map(|c| report.count(c.key).map(|n| (c.key, n)))
        .collect()
}

/// Runs every rule. `previous` is last year's report, for the cross-year rules.
pub fn check(report: &Report, previous: Option<&Report>) -> Vec<Finding> {
    let figs = figures(report);
    let mut out = Vec::new();
    out.extend(arithmetic(&figs));
    out.extend(printed_totals(report));
    out.extend(values(report));
    out.extend(completeness(report));
    out.extend(template_leftovers(report));
    out.extend(timeliness(report));
    out.extend(valid_docs_sanity(&figs));
    out.extend(prose_vs_tables(report, &figs));
    out.extend(fees(report, &figs));
    out.extend(supervision(report));
    out.extend(concrete_measures(report));
    out.extend(numbering(report));
    out.extend(summed_blanks(report));
    if let Some(prev) = previous {
        out.extend(cross_year(report, &figs, prev, &figures(prev)));
    }
    out.extend(not_read(report));
    without_not_read(report, out)
}

/// True when any finding is an error.
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}

fn key(table: TableId, row: &'static str, col: &'static str) -> CellKey {
    CellKey { table, row, col }
}
