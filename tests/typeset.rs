//! Lays out body text on the GB/T 9704 grid, writes the PDF and reads it back.

use nianbao::export::{Meta, pdf::write_pdf};
use nianbao::typeset::display::{Document, Face, Item, Page};
use nianbao::typeset::fonts::{self, Role};
use nianbao::typeset::line_break::break_paragraph;
use nianbao::typeset::{mm_to_pt, place_line, pt_to_mm};

/// 版心: 156 × 225 mm, 28 mm from the left and 37 mm from the top.
const LEFT_MM: f32 = 28.0;
const TOP_MM: f32 = 37.0;
const WIDTH_MM: f32 = 156.0;
const HEIGHT_MM: f32 = 225.0;
const LINES_PER_PAGE: usize = 22;
const CHARS_PER_LINE: f32 = 28.0;
/// 3号.
const SIZE_PT: f32 = 16.0;

const PARAGRAPHS: &[&str] = &[
    "依据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》要求，结合本局工作实际，编制本报告。",
    "2023年以来，我局在县委、县政府的正确领导下，坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《条例》，以公开促服务，以服务促实效，将政务公开工作作为宣传文旅融合、加强党风廉政、提高工作效能和狠抓工作落实的重要举措。",
    "2023年度，我局严格按照政府信息全面主动公开工作要求，坚持以公开为常态，通过和田县零距离官方账号发布125条，官方抖音、快手、微信视频号等新媒体平台信息发布383条，其他非官方平台发布2610条，平台阅读量及点击量13110万次。",
    "本年度共收到政府信息公开申请3件，其中当面申请1件，网上申请2件；申请人张堃、李喆的申请均已按期答复，答复率100%。本局未发生因政府信息公开引起的行政复议、行政诉讼。",
    "下一步，我局将进一步提高认识，加强组织领导，完善工作机制，抓好队伍建设……不断提升政务公开工作水平，努力推动文旅局政务公开迈上新的台阶。",
    "一是加强学习培训。二是规范公开内容。三是拓宽公开渠道，做好“一网通办”“最多跑一次”等改革事项的信息发布，方便群众查询。",
    "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。本报告的电子版可在和田县人民政府门户网站（www.hetian.gov.cn）下载。",
];

fn layout(paragraphs: &[&str]) -> Document {
    let width_pt = mm_to_pt(WIDTH_MM);
    // 28 characters exactly fill the line: each 16 pt glyph sits on a 156/28 mm grid.
    let tracking_pt = (width_pt - CHARS_PER_LINE * SIZE_PT) / (CHARS_PER_LINE - 1.0);
    // Two characters with their spacing, so an indented first line holds exactly 26.
    let indent_pt = 2.0 * (SIZE_PT + tracking_pt);
    let pitch_mm = HEIGHT_MM / LINES_PER_PAGE as f32;
    let advance = |c| fonts::char_advance_pt(Role::Fang, c, SIZE_PT);
    let mut doc = Document::default();
    let mut row = LINES_PER_PAGE;
    for paragraph in paragraphs {
        for line in break_paragraph(paragraph, width_pt, indent_pt, tracking_pt, advance) {
            if row == LINES_PER_PAGE {
                doc.pages.push(Page::default());
                row = 0;
            }
            // The em box centred in the line's cell; the baseline sits 0.88 em below its top.
            let em_mm = pt_to_mm(SIZE_PT);
            let baseline_mm =
                TOP_MM + row as f32 * pitch_mm + (pitch_mm - em_mm) / 2.0 + 0.88 * em_mm;
            let items = place_line(&line, Role::Fang, SIZE_PT, LEFT_MM, baseline_mm)
                .expect("every character has a face");
            if let Some(page) = doc.pages.last_mut() {
                page.items.extend(items);
            }
            row += 1;
        }
    }
    doc
}

fn text_runs(doc: &Document) -> impl Iterator<Item = &nianbao::typeset::display::TextRun> {
    doc.pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|item| match item {
            Item::Text(run) => Some(run),
            Item::Line { .. } => None,
        })
}

fn strip(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Enough paragraphs for two pages.
fn sample() -> Vec<&'static str> {
    PARAGRAPHS.iter().chain(&PARAGRAPHS[..3]).copied().collect()
}

#[test]
fn body_text_round_trips_through_pdf() {
    let paragraphs = sample();
    let mut doc = layout(&paragraphs);
    assert_eq!(doc.pages.len(), 2, "sample should fill two pages");
    // A rule under the text block, as a table border would be drawn.
    doc.pages[1].items.push(Item::Line {
        x1_mm: LEFT_MM,
        y1_mm: TOP_MM + HEIGHT_MM,
        x2_mm: LEFT_MM + WIDTH_MM,
        y2_mm: TOP_MM + HEIGHT_MM,
        width_pt: 0.5,
    });

    let meta = Meta {
        title: "测试".into(),
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
    // For looking at the pages: NIANBAO_SAMPLE_PDF=/tmp/x.pdf cargo test --test typeset
    if let Some(path) = std::env::var_os("NIANBAO_SAMPLE_PDF") {
        std::fs::write(path, &bytes).expect("sample PDF written");
    }

    let pdf = lopdf::Document::load_mem(&bytes).expect("lopdf reads it");
    let pages: Vec<u32> = pdf.get_pages().keys().copied().collect();
    assert_eq!(pages.len(), 2);
    let text = pdf.extract_text(&pages).expect("text extracted");
    assert_eq!(strip(&text), strip(&paragraphs.concat()));

    let page_two = pdf.get_pages()[&2];
    let content = pdf.get_page_content(page_two);
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
    let doc = layout(&sample());
    let mut runs_by_baseline: Vec<(f32, f32)> = Vec::new();
    for run in text_runs(&doc) {
        let width_pt = fonts::measure_pt(&run.text, Role::Fang, run.size_pt)
            + (run.text.chars().count() as f32 - 1.0) * run.letter_spacing_pt;
        let right_mm = run.x_mm + pt_to_mm(width_pt);
        assert!(run.x_mm >= LEFT_MM - 1e-3, "{run:?}");
        assert!(right_mm <= LEFT_MM + WIDTH_MM + 0.01, "{right_mm} {run:?}");
        assert!(
            run.baseline_mm - pt_to_mm(run.size_pt) >= TOP_MM - 1e-3,
            "{run:?}"
        );
        assert!(run.baseline_mm <= TOP_MM + HEIGHT_MM, "{run:?}");
        runs_by_baseline.push((run.baseline_mm, right_mm));
    }
    // Justified lines end exactly at the right edge of the text block.
    let full = runs_by_baseline
        .iter()
        .filter(|(_, right)| (right - (LEFT_MM + WIDTH_MM)).abs() < 0.01)
        .count();
    assert!(full > 20, "only {full} runs reach the right edge");
}

#[test]
fn rare_character_falls_back_and_no_line_starts_with_comma() {
    let doc = layout(&sample());
    let kun = text_runs(&doc)
        .find(|run| run.text.contains('堃'))
        .expect("堃 is drawn");
    assert_eq!(kun.face, Face::LxgwWenKai);
    assert_eq!(
        kun.text, "堃",
        "the fallback run holds only the rare character"
    );

    // The first run at each new baseline starts a line.
    let mut last_baseline = f32::NAN;
    for run in text_runs(&doc) {
        if run.baseline_mm != last_baseline {
            assert!(
                !run.text.starts_with(['，', '。']),
                "line starts with {run:?}"
            );
            last_baseline = run.baseline_mm;
        }
    }
}
