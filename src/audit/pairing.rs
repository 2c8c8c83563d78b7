//! Which files belong together: each unit paired with its own last-year report, the year
//! audited, and a second file of one unit and year marked 重复.

use super::*;

/// How a unit was paired with its last-year report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Match {
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
pub(super) enum Paired<'a> {
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
pub(super) fn pair<'a>(id: &Identity, index: &'a [PreviousEntry]) -> Paired<'a> {
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
pub(super) fn audit_year(rows: &[UnitRow]) -> Option<u16> {
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

pub(super) fn mark_other_years(rows: &mut [UnitRow], year: Option<u16>) {
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
pub(super) fn mark_duplicates(rows: &mut [UnitRow]) {
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
