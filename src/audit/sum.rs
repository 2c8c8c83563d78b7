//! Adding up units' tables 二, 三 and 四 into one report (the 本级政府 tables).
//!
//! Blank is not 0: each input cell is the sum over the units that filled it, and the
//! number of units that left it blank is kept in [`Summed::blanks`]; a cell no unit
//! filled stays blank. The fee cell (万元) is added exactly, in decimal. Totals are not
//! added: the new report computes them from its parts like any other.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::format::{CellKey, CellKind};
use crate::model::{AgencyKind, Amount, MAX_COUNT, Report, Summed, SummedUnit, Value};

/// Every input cell of the three tables, in a fixed order (the order of
/// [`Report::input_keys`]): the index into [`UnitCells::values`].
pub fn input_keys() -> &'static [CellKey] {
    static KEYS: OnceLock<Vec<CellKey>> = OnceLock::new();
    KEYS.get_or_init(|| Report::input_keys().collect())
}

/// One unit's input cells, compact (what an audit keeps of a report for the sum).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitCells {
    /// In the order of [`input_keys`]; None where the cell is blank.
    pub values: Vec<Option<Value>>,
    /// Indexes (into [`input_keys`]) of the blank cells that an import could not read
    /// from the published report ([`Report::not_read`]): not 未填, since the unit may well
    /// have filled them. Ascending.
    pub not_read: Vec<u16>,
}

impl UnitCells {
    /// The input cells of a report.
    pub fn of(report: &Report) -> UnitCells {
        let keys = input_keys();
        let values: Vec<Option<Value>> = keys.iter().map(|&k| report.input(k).cloned()).collect();
        let not_read = if report.not_read.is_empty() {
            Vec::new()
        } else {
            keys.iter()
                .zip(&values)
                .enumerate()
                .filter(|(_, (k, v))| v.is_none() && report.is_not_read(**k))
                .filter_map(|(i, _)| u16::try_from(i).ok())
                .collect()
        };
        UnitCells { values, not_read }
    }

    /// What the cell at `index` (into [`input_keys`]) holds for the sum.
    pub fn state(&self, index: usize) -> CellState<'_> {
        match self.values.get(index).and_then(Option::as_ref) {
            Some(v) => CellState::Filled(v),
            None if u16::try_from(index).is_ok_and(|i| self.not_read.binary_search(&i).is_ok()) => {
                CellState::NotRead
            }
            None => CellState::Blank,
        }
    }

    /// How many input cells the unit left blank (not counting those not read).
    pub fn blank_count(&self) -> usize {
        self.values.iter().filter(|v| v.is_none()).count() - self.not_read.len()
    }
}

/// A unit's input cell, as the sum sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellState<'a> {
    /// Filled with this value.
    Filled(&'a Value),
    /// Left blank by the unit (未填).
    Blank,
    /// Blank because the import could not read it from the published text.
    NotRead,
}

/// One unit to add up.
#[derive(Debug, Clone, Copy)]
pub struct SumInput<'a> {
    /// 机关名称.
    pub agency: &'a str,
    /// 报告年度.
    pub year: u16,
    /// The file, as shown to the user.
    pub file: &'a str,
    /// The unit's cells.
    pub cells: &'a UnitCells,
}

/// Adds up units' tables into a new report for `agency` and `year`. Refused, with every
/// reason in Chinese, when a unit is listed twice or is of another year, or when a sum
/// is larger than a cell can hold.
pub fn sum_units(agency: &str, year: u16, units: &[SumInput<'_>]) -> Result<Report, Vec<String>> {
    let mut refusals = Vec::new();
    if units.is_empty() {
        refusals.push("没有可汇总的单位".to_string());
    }
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    for unit in units {
        if unit.year != year {
            refusals.push(format!(
                "{}（{}）是 {} 年度的报告，本次汇总的是 {year} 年度，请去掉它或换成 {year} 年度的报告",
                unit.agency, unit.file, unit.year
            ));
        }
        let name = super::load::normalise_name(unit.agency);
        if let Some(first) = seen.get(&name) {
            refusals.push(format!(
                "{} 列了两次（{first} 和 {}），同一单位只能汇总一次，请去掉其中一份",
                unit.agency, unit.file
            ));
        } else {
            seen.insert(name, unit.file);
        }
    }
    if !refusals.is_empty() {
        return Err(refusals);
    }
    let mut report = Report::new(agency.trim(), year);
    report.details.agency_kind = AgencyKind::Government;
    let mut blanks = BTreeMap::new();
    let mut not_read = BTreeMap::new();
    for (i, &key) in input_keys().iter().enumerate() {
        let mut filled: Vec<&Value> = Vec::with_capacity(units.len());
        let (mut blank, mut unread) = (0u32, 0u32);
        for unit in units {
            match unit.cells.state(i) {
                CellState::Filled(v) => filled.push(v),
                CellState::Blank => blank += 1,
                CellState::NotRead => unread += 1,
            }
        }
        if blank > 0 {
            blanks.insert(key.to_string(), blank);
        }
        if unread > 0 {
            not_read.insert(key.to_string(), unread);
        }
        if filled.is_empty() {
            continue;
        }
        let is_amount = key.def().is_some_and(|d| d.kind == CellKind::Amount);
        let value = if is_amount {
            sum_amounts(&filled).map(Value::Amount)
        } else {
            sum_counts(&filled).map(Value::Count)
        };
        match value {
            Some(v) => {
                // Only declared input cells are summed, so the model takes every one.
                let taken = report.set_input(key, Some(v));
                debug_assert!(taken, "{key:?} is an input cell");
            }
            None => refusals.push(format!(
                "{}：合计超出一格能填的最大数，请核对各单位所填数字",
                key.label_path()
            )),
        }
    }
    if !refusals.is_empty() {
        return Err(refusals);
    }
    report.summed = Some(Summed {
        units: units
            .iter()
            .map(|u| SummedUnit {
                agency: u.agency.to_string(),
                file: u.file.to_string(),
                blank_cells: u32::try_from(u.cells.blank_count()).unwrap_or(u32::MAX),
                not_read_cells: u32::try_from(u.cells.not_read.len()).unwrap_or(u32::MAX),
            })
            .collect(),
        blanks,
        not_read,
    });
    Ok(report)
}

fn sum_counts(values: &[&Value]) -> Option<u64> {
    values
        .iter()
        .try_fold(0u64, |acc, v| {
            // An amount where a count belongs cannot be in a valid report; count it as
            // unsummable rather than guess.
            acc.checked_add(v.count()?)
        })
        .filter(|&n| n <= MAX_COUNT)
}

/// Decimal places an [`Amount`] may have.
const MAX_DECIMALS: usize = 10;

/// Adds amounts exactly: each as an integer of 10⁻¹⁰ 万元 (15 + 10 digits fit in u128),
/// written back with as many decimals as the most precise input.
pub fn sum_amounts(values: &[&Value]) -> Option<Amount> {
    let mut total: u128 = 0;
    let mut decimals = 0usize;
    for value in values {
        let text = match value {
            Value::Amount(a) => a.as_str().to_string(),
            Value::Count(n) => n.to_string(),
        };
        let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
        if frac.len() > MAX_DECIMALS {
            return None;
        }
        decimals = decimals.max(frac.len());
        let scaled = format!("{int}{frac:0<MAX_DECIMALS$}");
        total = total.checked_add(scaled.parse::<u128>().ok()?)?;
    }
    let scale = 10u128.pow(MAX_DECIMALS as u32);
    let (int, frac) = (total / scale, total % scale);
    let text = if decimals == 0 {
        int.to_string()
    } else {
        let frac = format!("{frac:0MAX_DECIMALS$}");
        format!("{int}.{}", &frac[..decimals])
    };
    Amount::parse(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amount(text: &str) -> Value {
        Value::Amount(Amount::parse(text).expect("amount"))
    }

    #[test]
    fn amounts_add_exactly() {
        let (a, b, c) = (amount("0.1"), amount("0.2"), amount("24252.311082"));
        let sum = sum_amounts(&[&a, &b, &c]).map(|a| a.as_str().to_string());
        assert_eq!(sum.as_deref(), Some("24252.611082"));
        let (x, y) = (amount("3"), amount("4"));
        assert_eq!(
            sum_amounts(&[&x, &y])
                .map(|a| a.as_str().to_string())
                .as_deref(),
            Some("7")
        );
        let big = amount("999999999999999");
        assert!(sum_amounts(&[&big, &big]).is_none(), "16 integer digits");
    }

    #[test]
    fn blank_is_not_zero_and_twice_is_refused() {
        let key = input_keys()[0];
        let mut a = Report::new("甲局", 2024);
        a.set_input(key, Some(Value::Count(3)));
        let b = Report::new("乙局", 2024);
        let (ca, cb) = (UnitCells::of(&a), UnitCells::of(&b));
        let unit = |agency, cells, file| SumInput {
            agency,
            year: 2024,
            file,
            cells,
        };
        let sum = sum_units(
            "示例县",
            2024,
            &[unit("甲局", &ca, "a"), unit("乙局", &cb, "b")],
        )
        .expect("sums");
        assert_eq!(sum.input(key), Some(&Value::Count(3)));
        let summed = sum.summed.expect("summed info");
        assert_eq!(summed.blanks.get(&key.to_string()), Some(&1));
        assert_eq!(summed.units.len(), 2);
        let refused = sum_units(
            "示例县",
            2024,
            &[unit("甲局", &ca, "a"), unit("甲 局", &ca, "c")],
        );
        assert!(refused.is_err_and(|r| r[0].contains("列了两次")));
        let other_year = SumInput {
            year: 2023,
            ..unit("乙局", &cb, "b")
        };
        assert!(
            sum_units("示例县", 2024, &[other_year]).is_err_and(|r| r[0].contains("2023 年度"))
        );
    }
}
