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
mod names;
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

use crate::format::{CellKey, TableId, table_def};
pub use crate::format::{Field, Section};
use crate::model::Report;

pub use arithmetic::arithmetic;
pub use boilerplate::{concrete_measures, similarity};
pub use completeness::completeness;
pub use cross_year::cross_year;
pub use fees::fees;
pub use names::rule_name;
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

    /// The colour it is shown in, as red, green, blue: red for an error, amber for a
    /// warning. Declared here once so every view (the window, a web page) agrees.
    pub fn rgb(self) -> [u8; 3] {
        match self {
            Severity::Error => [200, 30, 30],
            Severity::Warning => [190, 120, 0],
        }
    }
}

/// Where a finding points, by type: the app goes there when the finding is clicked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    /// A table: the finding's cells say where in it (the first is where to go); with no
    /// cells, the table as a whole.
    Table(TableId),
    /// A field outside the tables: a detail, or a part of the text.
    Field(Field),
}

impl Target {
    /// The part of the report the target lies in.
    pub fn section(self) -> Section {
        match self {
            Target::Table(t) => Section::Table(t),
            Target::Field(f) => f.section(),
        }
    }

    /// Its name in JSON output: the table key (`t3`) or the field's path in the report
    /// file (`details.signed_date`, `overview.proactive`).
    pub fn key(self) -> &'static str {
        match self {
            Target::Table(t) => t.key(),
            Target::Field(f) => f.key(),
        }
    }
}

impl From<TableId> for Target {
    fn from(table: TableId) -> Target {
        Target::Table(table)
    }
}

impl From<Field> for Target {
    fn from(field: Field) -> Target {
        Target::Field(field)
    }
}

/// One problem found in a report.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Rule id from checks.md: `R-row`, `R-sub`, `R-id`, `T4`, `value`, `completeness`, ….
    pub rule: &'static str,
    /// 错误 or 警告.
    pub severity: Severity,
    /// What is wrong, in Chinese, with the numbers.
    pub message: String,
    /// The part of the report concerned: always `target.section()`.
    pub section: Section,
    /// What the finding points at.
    pub target: Target,
    /// The cells concerned (for a finding about prose, the cells it disagrees with).
    pub cells: Vec<CellKey>,
}

/// `{"rule", "severity", "message", "section", "target", "cells"}`.
impl Serialize for Finding {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = s.serialize_struct("Finding", 6)?;
        out.serialize_field("rule", self.rule)?;
        out.serialize_field("severity", &self.severity)?;
        out.serialize_field("message", &self.message)?;
        out.serialize_field("section", self.section.key())?;
        out.serialize_field("target", self.target.key())?;
        let cells: Vec<String> = self.cells.iter().map(|k| k.to_string()).collect();
        out.serialize_field("cells", &cells)?;
        out.end()
    }
}

impl Finding {
    /// A finding about `target` (a table, or a field: its section follows).
    pub fn new(
        rule: &'static str,
        severity: Severity,
        target: impl Into<Target>,
        message: String,
    ) -> Self {
        let target = target.into();
        Finding {
            rule,
            severity,
            message,
            section: target.section(),
            target,
            cells: Vec::new(),
        }
    }

    /// The same finding, pointing at these cells too.
    pub fn at(mut self, cells: impl IntoIterator<Item = CellKey>) -> Self {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Each finding about a detail or a text points at that field by type, and its section
    /// follows from it.
    #[test]
    fn findings_point_at_their_field() {
        let mut r = Report::new("", 2024);
        r.details.publish_date = crate::model::Date::new(2025, 6, 1);
        r.overview.on_request = "本年度共收到申请XX件。".into();
        let findings = check(&r, None);
        let target = |start: &str| {
            findings
                .iter()
                .find(|f| f.message.starts_with(start))
                .map(|f| f.target)
                .unwrap_or_else(|| panic!("no finding “{start}”: {findings:#?}"))
        };
        assert_eq!(target("未填写成文日期"), Target::Field(Field::SignedDate));
        assert_eq!(target("未填写机关名称"), Target::Field(Field::AgencyName));
        assert_eq!(
            target("发布日期 2025年6月1日 晚于"),
            Target::Field(Field::PublishDate)
        );
        assert_eq!(
            target("“（二）依申请公开”中还有模板占位文字"),
            Target::Field(Field::Part(1))
        );
        assert_eq!(target("表二尚未填写"), Target::Table(TableId::T2));
        for f in &findings {
            assert_eq!(f.section, f.target.section(), "{f:?}");
        }
        let json = serde_json::to_value(&findings[0]).expect("serialises");
        assert_eq!(json["target"], "details.agency_name");
        assert_eq!(json["section"], "details");
    }

    #[test]
    fn one_name_per_part() {
        assert_eq!(Section::Details.title(), "基本信息");
        assert_eq!(Field::SignedDate.section().title(), "基本信息");
        assert_eq!(Field::Part(4).name(), "（五）监督保障");
        assert_eq!(Field::Part(4).key(), "overview.supervision");
    }
}
