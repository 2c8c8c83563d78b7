//! The real page composer (`layout_report`) on body text: the GB/T 9704 grid, font
//! fallback and 禁则, then the PDF writer on its pages, read back.

use nianbao::export::{Meta, pdf::write_pdf};
use nianbao::model::Report;
use nianbao::typeset::display::{Document, Face, Item, TextRun};
use nianbao::typeset::fonts::{self, Role};
use nianbao::typeset::pt_to_mm;
use nianbao::typeset::report::{
    BODY_PT, TEXT_HEIGHT_MM, TEXT_LEFT_MM, TEXT_TOP_MM, TEXT_WIDTH_MM, layout_report,
};

const PARAGRAPHS: &[&str] = &[
    "依据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》要求，结合本局工作实际，编制本报告。",
    "2023年以来，我局在县委、县政府的正确领导下，坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《条例》，以公开促服务，以服务促实效，将政务公开工作作为宣传文旅融合、加强党风廉政、提高工作效能和狠抓工作落实的重要举措。",
    "2023年度，我局严格按照政府信息全面主动公开工作要求，坚持以公开为常态，通过和田县零距离官方账号发布125条，官方抖音、快手、微信视频号等新媒体平台信息发布383条，其他非官方平台发布2610条，平台阅读量及点击量13110万次。",
    "本年度共收到政府信息公开申请3件，其中当面申请1件，网上申请2件；申请人张堃、李喆的申请均已按期答复，答复率100%。本局未发生因政府信息公开引起的行政复议、行政诉讼。",
    "下一步，我局将进一步提高认识，加强组织领导，完善工作机制，抓好队伍建设……不断提升政务公开工作水平，努力推动文旅局政务公开迈上新的台阶。",
    "一是加强学习培训。二是规范公开内容。三是拓宽公开渠道，做好“一网通办”“最多跑一次”等改革事项的信息发布，方便群众查询。",
    "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。本报告的电子版可在和田县人民政府门户网站（www.hetian.gov.cn）下载。",
];

/// A report whose opening and 一 are the sample paragraphs, long enough for several pages.
fn report() -> Report {
    let mut r = Report::new("和田县文化体育广播电视和旅游局", 2023);
    r.details.opening = PARAGRAPHS[0].to_string();
    r.overview.lead = PARAGRAPHS[1..]
        .iter()
        .chain(&PARAGRAPHS[1..4])
        .copied()
        .collect::<Vec<_>>()
        .join("\n");
    r
}

fn layout(report: &Report) -> Document {
    layout_report(report).document
}

fn strip(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Body text: 3号 runs (the title, tables and page numbers are other sizes).
fn body_runs(doc: &Document) -> impl Iterator<Item = (usize, &TextRun)> {
    doc.pages.iter().enumerate().flat_map(|(i, p)| {
        p.items.iter().filter_map(move |item| match item {
            Item::Text(run) if run.size_pt == BODY_PT => Some((i, run)),
            _ => None,
        })
    })
}

#[test]
fn body_text_round_trips_through_pdf() {
    let report = report();
    let doc = layout(&report);
    assert!(doc.pages.len() >= 3, "{} pages", doc.pages.len());
    let meta = Meta {
        title: "测试".into(),
        author: "测试局".into(),
        date: nianbao::model::Date::new(2024, 1, 31).expect("date"),
        id_seed: "typeset test".into(),
        errors: 0,
    };
    let bytes = write_pdf(&doc, &meta).expect("pdf written");
    let again = write_pdf(&doc, &meta).expect("pdf written");
    assert!(
        bytes == again,
        "same display list must give identical bytes"
    );
    // For looking at the pages: NIANBAO_SAMPLE_PDF=/tmp/x.pdf cargo test --test it typeset::
    if let Some(path) = std::env::var_os("NIANBAO_SAMPLE_PDF") {
        std::fs::write(path, &bytes).expect("sample PDF written");
    }

    let pdf = lopdf::Document::load_mem(&bytes).expect("lopdf reads it");
    let pages: Vec<u32> = pdf.get_pages().keys().copied().collect();
    assert_eq!(pages.len(), doc.pages.len());
    // Each page's text without its number, so a paragraph running over a page reads on.
    let text: String = pages
        .iter()
        .map(|&n| {
            let text = strip(&pdf.extract_text(&[n]).expect("text extracted"));
            text.replace(&format!("—{n}—"), "")
        })
        .collect();
    for paragraph in PARAGRAPHS {
        assert!(text.contains(&strip(paragraph)), "{paragraph}");
    }

    // The tables' rules are stroked.
    let with_rules = doc
        .pages
        .iter()
        .position(|p| p.items.iter().any(|i| matches!(i, Item::Line { .. })))
        .expect("a page with a table");
    let page = pdf.get_pages()[&(with_rules as u32 + 1)];
    let content = pdf.get_page_content(page);
    let ops = lopdf::content::Content::decode(&content).expect("content decodes");
    let names: Vec<&str> = ops
        .operations
        .iter()
        .map(|op| op.operator.as_str())
        .collect();
    assert!(
        names.contains(&"w") && names.contains(&"S"),
        "rule stroked: {names:?}"
    );
}

#[test]
fn everything_inside_the_text_block() {
    let doc = layout(&report());
    let mut lines: Vec<(usize, f32, f32)> = Vec::new();
    for (page, run) in body_runs(&doc) {
        let width_pt = fonts::measure_pt(&run.text, Role::Fang, run.size_pt)
            + (run.text.chars().count() as f32 - 1.0) * run.letter_spacing_pt;
        let right_mm = run.x_mm + pt_to_mm(width_pt);
        assert!(run.x_mm >= TEXT_LEFT_MM - 1e-3, "{run:?}");
        assert!(
            right_mm <= TEXT_LEFT_MM + TEXT_WIDTH_MM + 0.01,
            "{right_mm} {run:?}"
        );
        assert!(
            run.baseline_mm - pt_to_mm(run.size_pt) >= TEXT_TOP_MM - 1e-3,
            "{run:?}"
        );
        assert!(run.baseline_mm <= TEXT_TOP_MM + TEXT_HEIGHT_MM, "{run:?}");
        lines.push((page, run.baseline_mm, right_mm));
    }
    // Justified lines end exactly at the right edge of the text block.
    let full = lines
        .iter()
        .filter(|(_, _, right)| (right - (TEXT_LEFT_MM + TEXT_WIDTH_MM)).abs() < 0.01)
        .count();
    assert!(full > 20, "only {full} runs reach the right edge");
    // 22 lines a page at most.
    for page in 0..doc.pages.len() {
        let mut baselines: Vec<i64> = lines
            .iter()
            .filter(|l| l.0 == page)
            .map(|l| (l.1 * 100.0) as i64)
            .collect();
        baselines.dedup();
        assert!(
            baselines.len() <= 22,
            "page {}: {}",
            page + 1,
            baselines.len()
        );
    }
}

#[test]
fn rare_character_falls_back_and_no_line_starts_with_comma() {
    let doc = layout(&report());
    let kun = body_runs(&doc)
        .map(|(_, run)| run)
        .find(|run| run.text.contains('堃'))
        .expect("堃 is drawn");
    assert_eq!(kun.face, Face::LxgwWenKai);
    assert_eq!(
        kun.text, "堃",
        "the fallback run holds only the rare character"
    );

    // The first run at each new baseline starts a line.
    let mut last_baseline = f32::NAN;
    for (_, run) in body_runs(&doc) {
        if run.baseline_mm != last_baseline {
            assert!(
                !run.text.starts_with(['，', '。']),
                "line starts with {run:?}"
            );
            last_baseline = run.baseline_mm;
        }
    }
}
