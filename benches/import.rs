//! Speed of importing. Goals: `import_bytes` of a 1 MB report page ≤ 50 ms, the text of a
//! 6-page PDF ≤ 30 ms (pdftotext takes 25 ms as a process). The inputs are the corpus's:
//! the Word-exported page (c-zone-2022-word.html, 268 KB) with paragraphs (in Word's markup)
//! added to its 一 up to 1 MB, the district's published PDF (5 pages), and a 6-page PDF of our own.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao::import::{import_bytes, pdf_text};

fn corpus(name: &str) -> Vec<u8> {
    std::fs::read(format!("tests/corpus/{name}")).expect("corpus file")
}

/// The Word page with paragraphs of its 一 repeated until the page is 1 MB: a long report.
fn one_megabyte_page() -> Vec<u8> {
    let page = String::from_utf8(corpus("c-zone-2022-word.html")).expect("utf-8");
    let at = page.find("二、主动公开政府信息情况").expect("heading");
    // Back to the start of the paragraph holding the heading.
    let cut = page[..at].rfind("<p").expect("paragraph");
    // Word's markup: most of a page's bytes are styles.
    let paragraph = "<p class=MsoNormal style='margin:0cm;margin-bottom:.0001pt;text-indent:32.0pt;line-height:28.0pt;mso-line-height-rule:exactly;mso-pagination:widow-orphan;layout-grid-mode:char'><span style='font-size:16.0pt;font-family:仿宋_GB2312;mso-hansi-font-family:宋体;mso-bidi-font-family:宋体;color:black;mso-font-kerning:0pt'>全年主动公开政府信息2316条，其中政策文件128件，政策解读36篇，回应社会关切58次；通过政府网站、政务新媒体、政务公开专区等渠道及时发布行政许可、行政处罚等信息，确保信息发布及时、准确、规范。</span></p>\n";
    let mut out = String::with_capacity(1 << 20);
    out.push_str(&page[..cut]);
    while out.len() + (page.len() - cut) < 1 << 20 {
        out.push_str(paragraph);
    }
    out.push_str(&page[cut..]);
    out.into_bytes()
}

fn bench(c: &mut Criterion) {
    let page = one_megabyte_page();
    let imported = import_bytes(&page).expect("1 MB page imports");
    eprintln!(
        "1 MB page: {} bytes, {} cells uncertain",
        page.len(),
        imported.uncertain.len()
    );
    c.bench_function("import 1 MB page", |b| {
        b.iter(|| import_bytes(black_box(&page)))
    });
    let district = corpus("b-district-2024.pdf");
    let ours = corpus("n-city-government-2023.pdf");
    for (name, pdf) in [("district PDF (5 pages)", &district), ("our PDF", &ours)] {
        let text = pdf_text(pdf).expect("text");
        eprintln!("{name}: {} pages", text.matches('\u{c}').count() + 1);
    }
    c.bench_function("pdf text, district (5 pages)", |b| {
        b.iter(|| pdf_text(black_box(&district)))
    });
    c.bench_function("pdf text, our own (city government)", |b| {
        b.iter(|| pdf_text(black_box(&ours)))
    });
    c.bench_function("import district PDF", |b| {
        b.iter(|| import_bytes(black_box(&district)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
