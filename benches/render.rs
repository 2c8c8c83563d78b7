//! Speed and size of printing. Goals: the PDF pipeline (`export::render`) on the realistic example ≤ 10 ms median
//! in release, the seed report's PDF ≤ 200 KB. Before the benchmarks it prints each
//! example's PDF size and, for the seed, the bytes per glyph of every embedded subset.

use std::collections::BTreeSet;
use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao::export::{Format, render};
use nianbao::typeset::display::{Face, Item};
use nianbao::typeset::report::layout_report;
use nianbao::typeset::subset::subset_face;

fn load(name: &str) -> nianbao::model::Report {
    nianbao::file::load(Path::new(&format!("assets/examples/{name}.json"))).expect("example loads")
}

/// Prints the PDF size of an example and what each face's subset weighs.
fn sizes(name: &str) {
    let report = load(name);
    let pdf = render(&report, None, Format::Pdf).expect("renders").output;
    let document = layout_report(&report).document;
    eprintln!(
        "{name}: {} pages, PDF {} bytes",
        document.pages.len(),
        pdf.bytes.len()
    );
    for face in Face::ALL {
        let chars: BTreeSet<char> = document
            .pages
            .iter()
            .flat_map(|p| &p.items)
            .filter_map(|item| match item {
                Item::Text(run) if run.face == face => Some(run.text.chars()),
                _ => None,
            })
            .flatten()
            .collect();
        if chars.is_empty() {
            continue;
        }
        let subset = subset_face(face, chars.iter().copied()).expect("subsets");
        eprintln!(
            "  {face:?}: {} glyphs, subset {} bytes, {} bytes a glyph",
            chars.len(),
            subset.program.len(),
            subset.program.len() / chars.len()
        );
    }
}

fn bench(c: &mut Criterion) {
    sizes("hotan-wenlv-2023");
    sizes("example-city-2024");
    let report = load("example-city-2024");
    c.bench_function("layout_report(example-city-2024)", |b| {
        b.iter(|| layout_report(black_box(&report)))
    });
    c.bench_function("render pdf (example-city-2024)", |b| {
        b.iter(|| render(black_box(&report), None, Format::Pdf).expect("renders"))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
