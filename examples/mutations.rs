//! Mutation test of the checks: change one table cell, or one number in 一's prose, of a
//! report that passes, and count what `check` catches and by which rule.
//!
//! `cargo run --example mutations [REPORT.json]` (default: the made-up example report).

use std::collections::BTreeMap;

use nianbao::check::{self, Finding};
use nianbao::file;
use nianbao::model::{Report, Value};

/// Findings new in `after` compared with `before` (rule, message).
fn new_findings(before: &[Finding], after: &[Finding]) -> Vec<&'static str> {
    after
        .iter()
        .filter(|f| {
            !before
                .iter()
                .any(|b| b.rule == f.rule && b.message == f.message)
        })
        .map(|f| f.rule)
        .collect()
}

fn tally(name: &str, results: &[Vec<&'static str>]) {
    let caught = results.iter().filter(|r| !r.is_empty()).count();
    let mut by_rule: BTreeMap<&str, usize> = BTreeMap::new();
    for r in results {
        let mut rules = r.clone();
        rules.sort();
        rules.dedup();
        for rule in rules {
            *by_rule.entry(rule).or_default() += 1;
        }
    }
    println!("{name}: {caught} of {} mutations caught", results.len());
    for (rule, n) in by_rule {
        println!("  {rule}: {n}");
    }
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "assets/examples/example-city-2024.json".to_string());
    let report: Report = match file::load(std::path::Path::new(&path)) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let base = check::check(&report, None);
    println!(
        "{path}: {} findings before mutation ({} errors)",
        base.len(),
        base.iter()
            .filter(|f| f.severity == check::Severity::Error)
            .count()
    );

    // Single cells: +1 (a typo) and, when not zero, −1.
    let mut cells = Vec::new();
    for key in Report::input_keys() {
        for delta in [1i64, -1] {
            let mut r = report.clone();
            let value = match report.input(key) {
                Some(Value::Count(n)) if delta > 0 || *n > 0 => {
                    Value::Count((*n as i64 + delta) as u64)
                }
                Some(Value::Amount(_)) if delta > 0 => {
                    match nianbao::model::Amount::parse("99999.99") {
                        Some(a) => Value::Amount(a),
                        None => continue,
                    }
                }
                _ => continue,
            };
            r.set_input(key, Some(value));
            let found = new_findings(&base, &check::check(&r, None));
            if found.is_empty() {
                println!("  not caught: {key} {delta:+}");
            }
            cells.push(found);
        }
    }
    tally("single table cells (±1)", &cells);

    // Single prose numbers of 一: each run of digits, +1.
    let mut prose = Vec::new();
    let parts = 6;
    for part in 0..parts {
        let text = overview_part(&report, part).to_string();
        let mut i = 0;
        while i < text.len() {
            let rest = &text[i..];
            let len: usize = rest.chars().take_while(char::is_ascii_digit).count();
            if len == 0 {
                i += rest.chars().next().map_or(1, char::len_utf8);
                continue;
            }
            let n: u64 = rest[..len].parse().unwrap_or(0);
            let changed = format!("{}{}{}", &text[..i], n + 1, &text[i + len..]);
            let mut r = report.clone();
            *overview_part_mut(&mut r, part) = changed;
            let found = new_findings(&base, &check::check(&r, None));
            let context: String = {
                let before: Vec<char> = text[..i].chars().rev().take(10).collect();
                let after: String = text[i + len..].chars().take(4).collect();
                format!(
                    "{}【{}】{after}",
                    before.into_iter().rev().collect::<String>(),
                    &text[i..i + len]
                )
            };
            println!(
                "  {} …{context}… (+1)",
                if found.is_empty() {
                    "not caught:"
                } else {
                    "caught:    "
                }
            );
            prose.push(found);
            i += len;
        }
    }
    tally("single numbers in 一 (+1)", &prose);
}

fn overview_part(r: &Report, i: usize) -> &str {
    let o = &r.overview;
    [
        &o.lead,
        &o.proactive,
        &o.on_request,
        &o.management,
        &o.platform,
        &o.supervision,
    ][i]
}

fn overview_part_mut(r: &mut Report, i: usize) -> &mut String {
    let o = &mut r.overview;
    match i {
        0 => &mut o.lead,
        1 => &mut o.proactive,
        2 => &mut o.on_request,
        3 => &mut o.management,
        4 => &mut o.platform,
        _ => &mut o.supervision,
    }
}
