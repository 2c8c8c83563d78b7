//! The printed report: read back from the PDF, checked against the format and the grid.

use crate::nianbao;
use std::path::Path;

use nianbao::export::{Format, Output, render};
use nianbao::file;
use nianbao::format::{GridContent, TableId, table_def};
use nianbao::model::Report;
use nianbao::typeset::display::{Face, Item, TextRun};
use nianbao::typeset::fonts::{self, Role};
use nianbao::typeset::pt_to_mm;
use nianbao::typeset::report::{
    PAGE_NUMBER_PT, TEXT_HEIGHT_MM, TEXT_LEFT_MM, TEXT_TOP_MM, TEXT_WIDTH_MM, layout_report,
};

const EXAMPLES: [&str; 2] = [
    "assets/examples/hotan-wenlv-2023.json",
    "assets/examples/example-city-2024.json",
];

fn load(path: &str) -> Report {
    file::load(Path::new(path)).expect("example loads")
}

/// The report through the pipeline as `nianbao render -o X.pdf` takes it.
fn render_pdf(report: &Report) -> Result<Output, nianbao::export::ExportError> {
    render(report, None, Format::Pdf).map(|e| e.output)
}

/// The text of each page of a PDF, whitespace removed (lines of a wrapped label join up).
fn pdf_pages_text(bytes: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(bytes).expect("a PDF lopdf can read");
    doc.get_pages()
        .keys()
        .map(|&n| {
            let text = doc.extract_text(&[n]).expect("page text");
            let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            // Drop the page number, so a paragraph running over a page reads on.
            text.replace(&format!("—{n}—"), "")
        })
        .collect()
}

fn runs(report: &Report) -> Vec<(usize, TextRun)> {
    layout_report(report)
        .document
        .pages
        .iter()
        .enumerate()
        .flat_map(|(i, p)| {
            p.items.iter().filter_map(move |item| match item {
                Item::Text(run) => Some((i, run.clone())),
                Item::Line { .. } => None,
            })
        })
        .collect()
}

#[test]
fn every_label_and_number_comes_back_from_the_pdf() {
    for path in EXAMPLES {
        let report = load(path);
        let pdf = render_pdf(&report).expect("renders");
        assert!(pdf.warnings.is_empty(), "{path}: {:?}", pdf.warnings);
        let text: String = pdf_pages_text(&pdf.bytes).concat();
        for table in TableId::ALL {
            for cell in &table_def(table).grid {
                if let GridContent::Header(label) | GridContent::Label(label) = cell.content {
                    assert!(text.contains(label), "{path}: {label} missing");
                }
            }
        }
        for row in text_rows_of_t3(&report) {
            assert!(text.contains(&row), "{path}: row {row} missing");
        }
        for (_, part) in report.overview.parts() {
            for para in part.lines() {
                let para: String = para.chars().filter(|c| !c.is_whitespace()).collect();
                assert!(text.contains(&para), "{path}: paragraph missing: {para}");
            }
        }
        assert!(text.contains(&report.title_lines().concat()));
        let raw = lopdf::Document::load_mem(&pdf.bytes)
            .and_then(|d| d.extract_text(&[1]))
            .expect("page 1");
        assert!(raw.contains("— 1 —"), "page numbers");
        let signed = report.details.signed_date.expect("dated").chinese();
        assert!(text.contains(&format!("{}{signed}", report.signatory())));
    }
}

/// Each body row of table 三 as printed: its label, then its seven numbers.
fn text_rows_of_t3(report: &Report) -> Vec<String> {
    let def = table_def(TableId::T3);
    (def.header_rows..def.grid_rows)
        .map(|row| {
            def.grid
                .iter()
                .filter(|c| {
                    c.row == row && !matches!(c.content, GridContent::Label(_) if c.rowspan > 1)
                })
                .map(|c| match &c.content {
                    GridContent::Data(key) => report.display(*key),
                    GridContent::Header(t) | GridContent::Label(t) => t.to_string(),
                })
                .collect()
        })
        .collect()
}

#[test]
fn every_text_item_lies_inside_the_text_block() {
    for path in EXAMPLES {
        for (page, run) in runs(&load(path)) {
            if run.size_pt == PAGE_NUMBER_PT {
                // Page numbers stand 7 mm below the block, by the standard.
                assert!(run.baseline_mm > TEXT_TOP_MM + TEXT_HEIGHT_MM + 7.0);
                continue;
            }
            let em = pt_to_mm(run.size_pt);
            let width: f32 = run
                .text
                .chars()
                .map(|c| pt_to_mm(fonts::advance_pt(run.face, c, run.size_pt).unwrap_or(0.0)))
                .sum::<f32>()
                + pt_to_mm(run.letter_spacing_pt) * (run.text.chars().count() as f32 - 1.0);
            let inside = run.x_mm >= TEXT_LEFT_MM - 0.01
                && run.x_mm + width <= TEXT_LEFT_MM + TEXT_WIDTH_MM + 0.05
                && run.baseline_mm - 0.88 * em >= TEXT_TOP_MM - 0.01
                && run.baseline_mm + 0.12 * em <= TEXT_TOP_MM + TEXT_HEIGHT_MM + 0.01;
            assert!(inside, "{path} page {}: {run:?}", page + 1);
        }
    }
}

#[test]
fn body_lines_hold_28_characters_and_pages_22_lines() {
    let report = load(EXAMPLES[0]);
    let body: Vec<(usize, TextRun)> = runs(&report)
        .into_iter()
        .filter(|(_, r)| r.size_pt == 16.0 && r.face == Face::FandolFang)
        .collect();
    let mut lines: std::collections::BTreeMap<(usize, i64), usize> = Default::default();
    for (page, run) in &body {
        *lines
            .entry((*page, (run.baseline_mm * 100.0) as i64))
            .or_default() += run.text.chars().count();
    }
    // The seed's first paragraph after 一、总体情况 is all CJK: full lines hold 28.
    assert!(
        lines.values().filter(|&&n| n == 28).count() > 20,
        "{lines:?}"
    );
    assert!(
        lines.values().all(|&n| n <= 28 + 4),
        "digits are narrower, never more CJK"
    );
    let per_page = |p: usize| lines.keys().filter(|k| k.0 == p).count();
    assert!((0..3).all(|p| per_page(p) <= 22));
}

#[test]
fn a_long_overview_pushes_table_3_across_pages_with_its_header_repeated() {
    let mut report = load(EXAMPLES[1]);
    // Lengthen 一 until table 三 starts in the lower half of a page.
    let extra = "围绕群众关切，持续做好政策解读和回应工作，确保信息发布准确、及时、规范。";
    report.overview.lead = format!("{}\n{}", report.overview.lead, extra.repeat(5));
    let pdf = render_pdf(&report).expect("renders");
    let pages = pdf_pages_text(&pdf.bytes);
    let corner = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
    let with_header: Vec<usize> = (0..pages.len())
        .filter(|&i| pages[i].contains(corner))
        .collect();
    assert!(
        with_header.len() >= 2,
        "table 三 spans pages, header on each: {with_header:?}"
    );
    assert_eq!(with_header[1], with_header[0] + 1);
    // Every page that shows a result row shows 三、本年度办理结果 whole.
    let result_rows = ["（一）予以公开", "1.属于国家秘密", "（七）总计", "3.其他"];
    for page in &pages {
        if result_rows.iter().any(|r| page.contains(r)) {
            assert!(page.contains("三、本年度办理结果"), "{page}");
        }
    }
}

#[test]
fn a_rare_character_is_drawn_in_a_fallback_font() {
    let mut report = load(EXAMPLES[1]);
    report
        .overview
        .management
        .push_str("信息公开专员张堃负责审核。");
    let found = runs(&report)
        .into_iter()
        .any(|(_, r)| r.text.contains('堃') && r.face == Face::LxgwWenKai);
    assert!(found, "堃 falls back to LXGW WenKai");
    assert_eq!(
        fonts::face_for_char(Role::Fang, '堃'),
        Some(Face::LxgwWenKai)
    );
    let pdf = render_pdf(&report).expect("renders");
    assert!(pdf_pages_text(&pdf.bytes).concat().contains("张堃负责审核"));
}

#[test]
fn a_character_no_font_has_is_reported_not_dropped() {
    let mut report = load(EXAMPLES[1]);
    report.problems.push('\u{E000}');
    let pdf = render_pdf(&report).expect("still renders");
    assert_eq!(pdf.warnings.len(), 1, "{:?}", pdf.warnings);
    assert!(pdf.warnings[0].contains("\u{E000}"));
    assert!(pdf.warnings[0].contains("五、存在的主要问题及改进情况"));
    assert!(pdf_pages_text(&pdf.bytes).concat().contains('□'));
}

#[test]
fn the_same_report_gives_the_same_bytes() {
    let report = load(EXAMPLES[1]);
    let a = render_pdf(&report).expect("renders").bytes;
    let b = render_pdf(&report).expect("renders").bytes;
    assert!(a == b, "byte-identical");
    assert!(a.len() < 400 * 1024, "{} bytes", a.len());
}

/// The PDF's document information: its title, its author (the agency) and its date come
/// from the report, so a published copy says whose report it is and when it was signed.
#[test]
fn the_pdf_says_title_author_and_date_from_the_report() {
    let report = load(EXAMPLES[1]);
    let bytes = render_pdf(&report).expect("renders").bytes;
    let doc = lopdf::Document::load_mem(&bytes).expect("a PDF lopdf can read");
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(|o| o.as_reference())
        .and_then(|r| doc.get_dictionary(r))
        .expect("an Info dictionary");
    let text = |key: &[u8]| -> String {
        let raw = info
            .get(key)
            .and_then(|o| o.as_str())
            .expect("a string entry");
        match raw.strip_prefix(&[0xfe, 0xff][..]) {
            Some(utf16) => String::from_utf16_lossy(
                &utf16
                    .chunks(2)
                    .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                    .collect::<Vec<_>>(),
            ),
            None => String::from_utf8_lossy(raw).into_owned(),
        }
    };
    assert_eq!(text(b"Author"), "示例市某局（示例）");
    assert!(
        text(b"Title").contains("2024年政府信息公开工作年度报告"),
        "{}",
        text(b"Title")
    );
    // The 成文日期 2025-01-20, not the day it was printed.
    assert!(
        text(b"CreationDate").starts_with("D:20250120"),
        "{}",
        text(b"CreationDate")
    );
}

#[test]
fn render_command_writes_whole_files_or_none() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("report.pdf");
    let out_s = out.to_str().expect("utf-8");

    let r = nianbao(&["render", EXAMPLES[0], "-o", out_s]);
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    assert!(std::fs::read(&out).expect("written").starts_with(b"%PDF-"));

    // A file already there is not replaced unless asked.
    std::fs::write(&out, b"the user's own file").expect("write");
    let r = nianbao(&["render", EXAMPLES[0], "-o", out_s]);
    assert_eq!(r.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&r.stderr).contains("已存在，未覆盖"),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    assert_eq!(std::fs::read(&out).expect("read"), b"the user's own file");
    let r = nianbao(&["render", EXAMPLES[0], "-o", out_s, "--replace"]);
    assert_eq!(r.status.code(), Some(0));
    assert!(std::fs::read(&out).expect("written").starts_with(b"%PDF-"));
    // A PDF nianbao wrote is replaced by rendering again (after an edit).
    let r = nianbao(&["render", EXAMPLES[1], "-o", out_s]);
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    // A link is not followed, even to a PDF of ours.
    #[cfg(unix)]
    {
        let link = dir.path().join("link.pdf");
        std::os::unix::fs::symlink(&out, &link).expect("symlink");
        let r = nianbao(&["render", EXAMPLES[0], "-o", link.to_str().expect("utf-8")]);
        assert_eq!(r.status.code(), Some(2));
        assert!(std::fs::symlink_metadata(&link).expect("link").is_symlink());
        std::fs::remove_file(&link).expect("remove link");
    }

    // An unreadable report: exit 2, the old PDF untouched.
    let before = std::fs::read(&out).expect("read");
    let missing = dir.path().join("missing.json");
    let r = nianbao(&["render", missing.to_str().expect("utf-8"), "-o", out_s]);
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr).contains("无法读取文件"));
    assert_eq!(std::fs::read(&out).expect("read"), before);

    // An unwritable output path: exit 2, nothing left behind.
    let bad = dir.path().join("no-such-dir").join("r.pdf");
    let r = nianbao(&["render", EXAMPLES[0], "-o", bad.to_str().expect("utf-8")]);
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr).contains("无法保存"));
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("list")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["report.pdf".to_string()], "no partial files");

    // A report with errors still renders, marked as a draft on every page.
    let draft = dir.path().join("draft.json");
    let r = nianbao(&[
        "new",
        "--agency",
        "某县某局",
        "--year",
        "2025",
        "-o",
        draft.to_str().expect("utf-8"),
    ]);
    assert_eq!(r.status.code(), Some(0));
    let r = nianbao(&["render", draft.to_str().expect("utf-8"), "-o", out_s]);
    assert_eq!(r.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&r.stderr).contains("草稿"));
    let pages = pdf_pages_text(&std::fs::read(&out).expect("draft written"));
    let errors = nianbao::check::check(&file::load(&draft).expect("loads"), None)
        .iter()
        .filter(|f| f.severity == nianbao::check::Severity::Error)
        .count();
    assert!(errors > 0);
    let mark = format!("草稿：检查发现{errors}个错误，更正前请勿印发");
    assert!(pages.len() > 1);
    for (i, page) in pages.iter().enumerate() {
        assert!(page.contains(&mark), "page {}: {page}", i + 1);
    }
    assert!(pages[0].contains("某县某局2025年政府信息公开工作年度报告"));
}

/// A report without errors prints clean: the top margin of every page is empty, and each
/// page carries its text and its number, nothing else.
#[test]
fn a_clean_report_carries_no_draft_mark() {
    let report = load(EXAMPLES[1]);
    let exported = render(&report, None, Format::Pdf).expect("renders");
    assert!(
        !nianbao::check::has_errors(&exported.findings),
        "{:?}",
        exported.findings
    );
    let pages = pdf_pages_text(&exported.output.bytes);
    let layout = nianbao::export::print_layout(&report, &exported.findings);
    assert_eq!(pages.len(), layout.document.pages.len());
    assert!(
        pages[0].starts_with(&report.title_lines().concat()),
        "{}",
        pages[0]
    );
    let raw = lopdf::Document::load_mem(&exported.output.bytes).expect("reads");
    for (i, page) in layout.document.pages.iter().enumerate() {
        let n = i + 1;
        let text = raw.extract_text(&[n as u32]).expect("page text");
        assert!(text.contains(&format!("— {n} —")), "page {n} numbered");
        assert!(!pages[i].contains("草稿"), "page {n}: {}", pages[i]);
        for item in &page.items {
            if let Item::Text(run) = item {
                assert!(
                    run.baseline_mm > TEXT_TOP_MM,
                    "page {n}: nothing in the top margin: {run:?}"
                );
            }
        }
    }
}

#[test]
fn a_long_url_breaks_at_its_separators_and_stays_readable() {
    let mut report = load(EXAMPLES[1]);
    let url = "https://www.example.gov.cn/zwgk/zfxxgk/ndbg/2024/content_post_123456789012345678901234567890.html";
    report.overview.lead = format!("本报告全文详见{url}页面。");
    let lead_runs: Vec<TextRun> = runs(&report)
        .into_iter()
        .map(|(_, r)| r)
        .filter(|r| r.size_pt == 16.0 && r.text.chars().any(|c| c.is_ascii_alphabetic()))
        .collect();
    assert!(lead_runs.len() >= 2, "the URL spans lines: {lead_runs:?}");
    for run in &lead_runs {
        assert!(run.letter_spacing_pt > -0.5, "never squeezed: {run:?}");
    }
    let text = pdf_pages_text(&render_pdf(&report).expect("renders").bytes).concat();
    assert!(text.contains(url), "the URL extracts whole");
}

/// A missing 成文日期 is a warning, not an error: the report prints clean, ends with 六
/// and no half 落款, and the PDF is dated by its 发布日期 instead.
#[test]
fn a_report_without_a_signed_date_prints_without_the_draft_mark() {
    let mut report = load(EXAMPLES[1]);
    report.details.signed_date = None;
    let exported = render(&report, None, Format::Pdf).expect("renders");
    let missing = exported
        .findings
        .iter()
        .find(|f| f.message.starts_with("未填写成文日期"))
        .expect("the missing date is reported");
    assert_eq!(missing.severity, nianbao::check::Severity::Warning);
    assert!(!nianbao::check::has_errors(&exported.findings));
    let text = pdf_pages_text(&exported.output.bytes).concat();
    assert!(!text.contains("草稿"));
    let last = report.other_matters.lines().last().expect("六 has text");
    assert!(
        text.ends_with(last),
        "六 ends the report, with no 落款 after it: …{}",
        text.chars().rev().take(40).collect::<String>()
    );
    let pdf = lopdf::Document::load_mem(&exported.output.bytes).expect("reads");
    let info = pdf
        .trailer
        .get(b"Info")
        .and_then(|i| i.as_reference())
        .and_then(|r| pdf.get_dictionary(r))
        .expect("an Info dictionary");
    let created = info
        .get(b"CreationDate")
        .and_then(|d| d.as_str())
        .expect("a creation date");
    let published = report.details.publish_date.expect("the example has one");
    let stamp = format!(
        "D:{:04}{:02}{:02}",
        published.year, published.month, published.day
    );
    assert!(
        created.starts_with(stamp.as_bytes()),
        "dated by the 发布日期 ({stamp}): {}",
        String::from_utf8_lossy(created)
    );
}

/// However long 一 is, each 第二十条 block of table 二 (title, 信息内容 header, rows) is on
/// one page: the table breaks only between blocks.
#[test]
fn table_2_keeps_every_article_20_block_on_one_page() {
    let blocks: [(&str, &[&str]); 4] = [
        ("第二十条第（一）项", &["规章", "行政规范性文件"]),
        ("第二十条第（五）项", &["行政许可"]),
        ("第二十条第（六）项", &["行政处罚", "行政强制"]),
        ("第二十条第（八）项", &["行政事业性收费"]),
    ];
    let base = load(EXAMPLES[1]);
    let extra = "围绕群众关切，持续做好政策解读和回应工作，确保信息发布准确、及时、规范。";
    let mut split_tables = 0;
    for n in 0..24 {
        let mut report = base.clone();
        report.overview.lead = format!("{}\n{}", base.overview.lead, extra.repeat(n));
        let cells: Vec<(usize, String)> = runs(&report)
            .into_iter()
            .filter(|(_, r)| (r.size_pt - 10.5).abs() < 0.01)
            .map(|(p, r)| (p, r.text))
            .collect();
        let page_of = |text: &str| -> Vec<usize> {
            cells
                .iter()
                .filter(|(_, t)| t == text)
                .map(|(p, _)| *p)
                .collect()
        };
        let mut block_pages = Vec::new();
        for (title, labels) in blocks {
            let title_pages = page_of(title);
            assert_eq!(title_pages.len(), 1, "{n}: {title} printed once");
            for label in labels {
                assert_eq!(
                    page_of(label),
                    title_pages,
                    "{n}: “{label}” is not on the page of {title}"
                );
            }
            block_pages.push(title_pages[0]);
        }
        if block_pages[0] != block_pages[3] {
            split_tables += 1;
        }
    }
    assert!(split_tables > 0, "some length of 一 splits table 二");
}

/// Headings of 一's parts print as the report wrote them: on their own line, or run into
/// the paragraph with the heading in 楷体 and the text in 仿宋 on the same line.
#[test]
fn headings_as_written_print_in_kai_run_in_or_alone() {
    let mut report = load(EXAMPLES[1]);
    report.overview.headings[0].text = "（一）主动公开情况。".into();
    report.overview.headings[0].run_in = true;
    report.overview.headings[1].text = "（二）依申请公开工作情况".into();
    let runs = runs(&report);
    let kai: Vec<&TextRun> = runs
        .iter()
        .map(|(_, r)| r)
        .filter(|r| r.face == Face::FandolKai)
        .collect();
    let first = kai
        .iter()
        .find(|r| r.text.starts_with("（一）"))
        .expect("the run-in heading in 楷体");
    assert_eq!(first.text, "（一）主动公开情况。");
    let after = runs
        .iter()
        .map(|(_, r)| r)
        .find(|r| r.baseline_mm == first.baseline_mm && r.x_mm > first.x_mm)
        .expect("its paragraph on the same line");
    assert_eq!(after.face, Face::FandolFang);
    assert!(
        report.overview.proactive.starts_with(after.text.as_str()),
        "{}",
        after.text
    );
    assert!(kai.iter().any(|r| r.text == "（二）依申请公开工作情况"));
    let pages = pdf_pages_text(&render_pdf(&report).expect("renders").bytes).concat();
    assert!(pages.contains("（一）主动公开情况。全年通过"), "{pages}");
}
