//! Speed of printing: the realistic example laid out, and laid out and written as a PDF
//! with its fonts subset. Goal: ≤ 50 ms median in release, PDF ≤ 200 KB.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao::typeset::report::{layout_report, render_pdf};

fn bench(c: &mut Criterion) {
    let report = nianbao::file::load(Path::new("assets/examples/example-city-2024.json"))
        .expect("example loads");
    let pdf = render_pdf(&report).expect("renders");
    eprintln!(
        "example-city-2024: {} pages, PDF {} bytes",
        layout_report(&report).document.pages.len(),
        pdf.bytes.len()
    );
    c.bench_function("layout_report(example-city-2024)", |b| {
        b.iter(|| layout_report(black_box(&report)))
    });
    c.bench_function("render_pdf(example-city-2024)", |b| {
        b.iter(|| render_pdf(black_box(&report)).expect("renders"))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
