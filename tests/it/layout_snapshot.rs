//! The seed report's layout as text: each printed line, page by page, with where it starts.
//! A change to line breaking, pagination or the tables shows up here as a readable diff
//! (`cargo insta review`, or `INSTA_UPDATE=always cargo test` to accept).

use std::collections::BTreeMap;
use std::fmt::Write;

use nianbao::typeset::display::Item;
use nianbao::typeset::report::layout_report;

#[test]
fn seed_report_layout() {
    let report = nianbao::file::load(std::path::Path::new(
        "assets/examples/hotan-wenlv-2023.json",
    ))
    .expect("seed loads");
    let mut out = String::new();
    for (i, page) in layout_report(&report).document.pages.iter().enumerate() {
        let _ = writeln!(out, "=== page {} ===", i + 1);
        // Runs on one baseline form a printed line; table cells side by side join with │.
        let mut lines: BTreeMap<i64, Vec<(f32, &str)>> = BTreeMap::new();
        let mut rules = 0;
        for item in &page.items {
            match item {
                Item::Text(run) => lines
                    .entry((run.baseline_mm * 10.0).round() as i64)
                    .or_default()
                    .push((run.x_mm, &run.text)),
                Item::Line { .. } => rules += 1,
            }
        }
        for (baseline, mut runs) in lines {
            runs.sort_by(|a, b| a.0.total_cmp(&b.0));
            let mut text = String::new();
            let mut last_x = f32::MIN;
            for (x, t) in &runs {
                if !text.is_empty() && x - last_x > 1.0 {
                    text.push('│');
                }
                text.push_str(t);
                last_x = *x + t.chars().count() as f32; // rough: only separates distant runs
            }
            let _ = writeln!(
                out,
                "{:>6.1} {:>5.1}  {text}",
                baseline as f32 / 10.0,
                runs[0].0
            );
        }
        let _ = writeln!(out, "({rules} rules)");
    }
    insta::assert_snapshot!(out);
}
