//! The Word copy for 审签: WordprocessingML written directly (a zip of XML parts), from the
//! same layout decisions as the PDF ([`crate::typeset::report`]): A4, GB/T 9704 margins and
//! the 22-line grid, title in 2号小标宋, headings in 3号黑体 / 楷体, body in 3号仿宋 indented
//! two characters, the three tables with every merge of the format declaration, header rows
//! repeated on each page and rows that never split, the 落款, and "— N —" page numbers on
//! the right of odd pages and the left of even ones.
//!
//! Fonts are named, not embedded (Word embeds only TrueType outlines; ours are CFF): the
//! official faces government PCs have, each with the East-Asian fallback every Windows and
//! WPS has as its `altName`. Every element is written in the order the schema requires, so
//! Word and LibreOffice open the file without repair.

use std::fmt::Write as _;
use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::Meta;
use crate::format::{GridContent, SECTION_TITLES, TableId, table_def};
use crate::model::Report;
use crate::typeset::fonts::{self, Role};
use crate::typeset::report::{
    BODY_PT, LINES_PER_PAGE, PAGE_NUMBER_PT, TEXT_HEIGHT_MM, TEXT_LEFT_MM, TEXT_TOP_MM,
    TEXT_WIDTH_MM, TITLE_PT,
};
use crate::typeset::table::{TABLE_SIZE_PT, column_widths_mm};

/// The official faces and the fallback each names: (face, fallback).
pub const FONTS: [(&str, &str); 5] = [
    ("方正小标宋简体", "宋体"),
    ("黑体", "SimHei"),
    ("楷体_GB2312", "楷体"),
    ("仿宋_GB2312", "仿宋"),
    ("宋体", "SimSun"),
];
const TITLE_FONT: &str = FONTS[0].0;
const HEI_FONT: &str = FONTS[1].0;
const KAI_FONT: &str = FONTS[2].0;
const FANG_FONT: &str = FONTS[3].0;
const SONG_FONT: &str = FONTS[4].0;

/// The least height of a table row: 6 mm, a line of 五号 and its padding.
const ROW_MIN_TW: i64 = 340;

/// A4 in twentieths of a point.
const PAGE_W_TW: i64 = 11906;
const PAGE_H_TW: i64 = 16838;

fn mm_to_tw(mm: f32) -> i64 {
    (mm * 1440.0 / 25.4).round() as i64
}

fn pt_to_tw(pt: f32) -> i64 {
    (pt * 20.0).round() as i64
}

/// Half-points, as `w:sz` wants them.
fn half_points(pt: f32) -> i64 {
    (pt * 2.0).round() as i64
}

/// The body's tracking, in twentieths of a point (negative: closer): 28 characters of 3号 on
/// the 156 mm line, as the PDF sets them (16 pt type on a 15.8 pt pitch).
fn tracking_tw() -> i64 {
    let line_pt = TEXT_WIDTH_MM * 72.0 / 25.4;
    let pitch_pt = line_pt / crate::typeset::report::CHARS_PER_LINE as f32;
    // Rounded away from zero, so that 28 characters always fit.
    ((pitch_pt - BODY_PT) * 20.0).floor() as i64
}

/// Line pitch of the body grid: 225 mm / 22 lines, rounded down so that Word fits 22.
fn line_pitch_tw() -> i64 {
    (TEXT_HEIGHT_MM * 1440.0 / 25.4 / LINES_PER_PAGE as f32).floor() as i64
}

/// Why the Word file could not be written (only a bug can cause it: everything is in memory).
#[derive(Debug, thiserror::Error)]
#[error("无法生成 Word 文件：{0}")]
pub struct DocxError(String);

impl From<zip::result::ZipError> for DocxError {
    fn from(e: zip::result::ZipError) -> Self {
        DocxError(e.to_string())
    }
}

impl From<std::io::Error> for DocxError {
    fn from(e: std::io::Error) -> Self {
        DocxError(e.to_string())
    }
}

/// Escapes text for XML content and attributes.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Characters XML 1.0 forbids (control characters pasted from elsewhere).
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// `<w:rFonts>` naming one face for every script.
fn rfonts(face: &str) -> String {
    format!(
        r#"<w:rFonts w:hint="eastAsia" w:ascii="{face}" w:eastAsia="{face}" w:hAnsi="{face}" w:cs="{face}"/>"#
    )
}

/// Writes the Word copy of `report`; `meta` (from the pipeline) gives its title and date.
pub fn write_docx(report: &Report, meta: &Meta) -> Result<Vec<u8>, DocxError> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    // A fixed time stamp: the same report gives the same bytes.
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default());
    let parts: [(&str, String); 10] = [
        ("[Content_Types].xml", content_types()),
        ("_rels/.rels", package_rels()),
        ("docProps/core.xml", core_properties(report, meta)),
        ("docProps/app.xml", app_properties()),
        ("word/_rels/document.xml.rels", document_rels()),
        ("word/document.xml", document(report)),
        ("word/styles.xml", styles()),
        ("word/settings.xml", settings()),
        ("word/fontTable.xml", font_table()),
        ("word/footer1.xml", footer(true)),
    ];
    for (name, xml) in parts.iter() {
        zip.start_file(*name, options)?;
        zip.write_all(xml.as_bytes())?;
    }
    zip.start_file("word/footer2.xml", options)?;
    zip.write_all(footer(false).as_bytes())?;
    for name in ["word/header1.xml", "word/header2.xml"] {
        zip.start_file(name, options)?;
        zip.write_all(header(meta.errors).as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

const XML_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;
const W_NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

fn content_types() -> String {
    format!(
        r#"{XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/word/header2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>"#
    )
}

fn package_rels() -> String {
    format!(
        r#"{XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>"#
    )
}

fn document_rels() -> String {
    format!(
        r#"{XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/><Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer2.xml"/><Relationship Id="rId6" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml"/></Relationships>"#
    )
}

fn core_properties(report: &Report, meta: &Meta) -> String {
    let d = meta.date;
    format!(
        r#"{XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:creator>{}</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">{:04}-{:02}-{:02}T00:00:00Z</dcterms:created></cp:coreProperties>"#,
        esc(&meta.title),
        esc(report.signatory()),
        d.year,
        d.month,
        d.day
    )
}

fn app_properties() -> String {
    format!(
        r#"{XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>nianbao</Application></Properties>"#
    )
}

fn font_table() -> String {
    let mut xml = format!(r#"{XML_HEAD}<w:fonts {W_NS}>"#);
    for (face, fallback) in FONTS {
        // charset 86 is GB2312: Word picks a Chinese face when the named one is missing.
        let _ = write!(
            xml,
            r#"<w:font w:name="{face}"><w:altName w:val="{fallback}"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>"#
        );
    }
    xml.push_str("</w:fonts>");
    xml
}

fn settings() -> String {
    format!(
        r#"{XML_HEAD}<w:settings {W_NS}><w:zoom w:percent="100"/><w:defaultTabStop w:val="{}"/><w:evenAndOddHeaders/><w:characterSpacingControl w:val="compressPunctuation"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"#,
        pt_to_tw(BODY_PT)
    )
}

/// Styles: the body (仿宋, indented two characters, on the line grid), the title, the two
/// heading levels, the table text and the footer.
fn styles() -> String {
    let body_sz = half_points(BODY_PT);
    let indent = 2 * pt_to_tw(BODY_PT);
    let pitch = line_pitch_tw();
    let table_sz = half_points(TABLE_SIZE_PT);
    let style = |id: &str, name: &str, ppr: String, rpr: String| {
        format!(
            r#"<w:style w:type="paragraph" w:customStyle="1" w:styleId="{id}"><w:name w:val="{name}"/><w:basedOn w:val="a"/><w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"#
        )
    };
    let heading = |level: u8| {
        format!(
            r#"<w:keepNext/><w:keepLines/><w:spacing w:line="{pitch}" w:lineRule="exact"/><w:ind w:firstLineChars="200" w:firstLine="{indent}"/><w:outlineLvl w:val="{level}"/>"#
        )
    };
    let h1 = heading(0);
    let h2 = heading(1);
    let mut xml = format!(
        r#"{XML_HEAD}<w:styles {W_NS}><w:docDefaults><w:rPrDefault><w:rPr>{}<w:kern w:val="2"/><w:sz w:val="{body_sz}"/><w:szCs w:val="{body_sz}"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:line="{pitch}" w:lineRule="exact"/></w:pPr></w:pPrDefault></w:docDefaults>"#,
        rfonts(FANG_FONT)
    );
    let _ = write!(
        xml,
        r#"<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:widowControl/><w:spacing w:line="{pitch}" w:lineRule="exact"/><w:ind w:firstLineChars="200" w:firstLine="{indent}"/><w:jc w:val="both"/></w:pPr><w:rPr>{}<w:spacing w:val="{}"/><w:sz w:val="{body_sz}"/><w:szCs w:val="{body_sz}"/></w:rPr></w:style>"#,
        rfonts(FANG_FONT),
        tracking_tw()
    );
    xml.push_str(&style(
        "Title",
        "Title",
        format!(
            r#"<w:keepNext/><w:spacing w:line="{}" w:lineRule="atLeast"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/>"#,
            pitch
        ),
        format!(
            r#"{}<w:sz w:val="{t}"/><w:szCs w:val="{t}"/>"#,
            rfonts(TITLE_FONT),
            t = half_points(TITLE_PT)
        ),
    ));
    xml.push_str(&style(
        "Heading1",
        "heading 1",
        h1,
        format!(
            r#"{}<w:sz w:val="{body_sz}"/><w:szCs w:val="{body_sz}"/>"#,
            rfonts(HEI_FONT)
        ),
    ));
    xml.push_str(&style(
        "Heading2",
        "heading 2",
        h2,
        format!(
            r#"{}<w:sz w:val="{body_sz}"/><w:szCs w:val="{body_sz}"/>"#,
            rfonts(KAI_FONT)
        ),
    ));
    xml.push_str(&style(
        "TableText",
        "表格文字",
        r#"<w:snapToGrid w:val="0"/><w:spacing w:line="240" w:lineRule="auto"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/>"#.to_string(),
        format!(r#"<w:spacing w:val="0"/><w:sz w:val="{table_sz}"/><w:szCs w:val="{table_sz}"/>"#),
    ));
    xml.push_str(&style(
        "Footer",
        "footer",
        r#"<w:snapToGrid w:val="0"/><w:spacing w:line="240" w:lineRule="auto"/><w:ind w:firstLineChars="0" w:firstLine="0"/>"#.to_string(),
        format!(
            r#"{}<w:spacing w:val="0"/><w:sz w:val="{p}"/><w:szCs w:val="{p}"/>"#,
            rfonts(SONG_FONT),
            p = half_points(PAGE_NUMBER_PT)
        ),
    ));
    xml.push_str("</w:styles>");
    xml
}

/// The header of every page: empty, or while the checks find errors the PDF's draft mark,
/// so a copy printed from Word for review is never taken for the final one.
fn header(errors: usize) -> String {
    let mark = if errors > 0 {
        format!(
            r#"<w:r><w:rPr>{}<w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr><w:t>草稿：检查发现 {errors} 个错误，更正前请勿印发</w:t></w:r>"#,
            rfonts(HEI_FONT)
        )
    } else {
        String::new()
    };
    format!(
        r#"{XML_HEAD}<w:hdr {W_NS}><w:p><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="center"/></w:pPr>{mark}</w:p></w:hdr>"#
    )
}

/// The footer of odd (right) or even (left) pages: "— N —" one character in from the edge.
fn footer(odd: bool) -> String {
    let em = pt_to_tw(PAGE_NUMBER_PT);
    let (jc, ind) = if odd {
        (
            "right",
            format!(r#"<w:ind w:right="{em}" w:firstLine="0"/>"#),
        )
    } else {
        ("left", format!(r#"<w:ind w:left="{em}" w:firstLine="0"/>"#))
    };
    format!(
        r#"{XML_HEAD}<w:ftr {W_NS}><w:p><w:pPr><w:pStyle w:val="Footer"/>{ind}<w:jc w:val="{jc}"/></w:pPr><w:r><w:t xml:space="preserve">— </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>"#
    )
}

/// The body: title, opening, 一 to 六 with the tables, the 落款, and the section properties.
fn document(report: &Report) -> String {
    let mut body = String::new();
    for line in report.title_lines() {
        paragraph(&mut body, Some("Title"), "", &[(None, line.as_str())]);
    }
    paragraph(&mut body, Some("Title"), "", &[]);
    paragraphs(&mut body, &report.details.opening);
    heading(&mut body, 1, SECTION_TITLES[0]);
    paragraphs(&mut body, &report.overview.lead);
    for (heading_text, run_in, text) in report.overview.parts_as_written() {
        if text.trim().is_empty() {
            continue;
        }
        let heading_text = heading_text.trim();
        if run_in {
            // "（一）主动公开情况。2024年，…": the heading opens its paragraph, in 楷体.
            let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
            let first = lines.next().unwrap_or("");
            paragraph(
                &mut body,
                None,
                "",
                &[(Some(KAI_FONT), heading_text), (None, first)],
            );
            for line in lines {
                paragraph(&mut body, None, "", &[(None, line)]);
            }
        } else {
            heading(&mut body, 2, heading_text);
            paragraphs(&mut body, text);
        }
    }
    for id in TableId::ALL {
        heading(&mut body, 1, id.section_title());
        table(&mut body, report, id);
    }
    heading(&mut body, 1, SECTION_TITLES[4]);
    paragraphs(&mut body, &report.problems);
    heading(&mut body, 1, SECTION_TITLES[5]);
    paragraphs(&mut body, &report.other_matters);
    signature(&mut body, report);
    let footer_tw = mm_to_tw(297.0 - TEXT_TOP_MM - TEXT_HEIGHT_MM - 7.0 - 1.0);
    let right_mm = 210.0 - TEXT_LEFT_MM - TEXT_WIDTH_MM;
    let bottom_mm = 297.0 - TEXT_TOP_MM - TEXT_HEIGHT_MM;
    // A line grid only: LibreOffice gives each character two cells of a character grid
    // whose pitch is below the type size, halving the line and drawing whole lines as
    // boxes; the 28 characters come from the body's tracking instead ([`tracking_tw`]).
    let _ = write!(
        body,
        r#"<w:sectPr><w:headerReference w:type="default" r:id="rId6"/><w:headerReference w:type="even" r:id="rId7"/><w:footerReference w:type="default" r:id="rId4"/><w:footerReference w:type="even" r:id="rId5"/><w:pgSz w:w="{PAGE_W_TW}" w:h="{PAGE_H_TW}"/><w:pgMar w:top="{}" w:right="{}" w:bottom="{}" w:left="{}" w:header="851" w:footer="{footer_tw}" w:gutter="0"/><w:pgNumType w:start="1"/><w:cols w:space="425"/><w:docGrid w:type="lines" w:linePitch="{}"/></w:sectPr>"#,
        mm_to_tw(TEXT_TOP_MM),
        mm_to_tw(right_mm),
        mm_to_tw(bottom_mm),
        mm_to_tw(TEXT_LEFT_MM),
        line_pitch_tw(),
    );
    format!(r#"{XML_HEAD}<w:document {W_NS}><w:body>{body}</w:body></w:document>"#)
}

/// One paragraph: a style, extra paragraph properties (already in schema order after
/// `w:pStyle`), and runs of text, each optionally in another face.
fn paragraph(out: &mut String, style: Option<&str>, ppr: &str, runs: &[(Option<&str>, &str)]) {
    out.push_str("<w:p>");
    if style.is_some() || !ppr.is_empty() {
        out.push_str("<w:pPr>");
        if let Some(s) = style {
            let _ = write!(out, r#"<w:pStyle w:val="{s}"/>"#);
        }
        out.push_str(ppr);
        out.push_str("</w:pPr>");
    }
    for (face, text) in runs {
        run(out, *face, None, text);
    }
    out.push_str("</w:p>");
}

/// One run; `size_pt` overrides the style's size.
fn run(out: &mut String, face: Option<&str>, size_pt: Option<f32>, text: &str) {
    if text.is_empty() {
        return;
    }
    out.push_str("<w:r>");
    if face.is_some() || size_pt.is_some() {
        out.push_str("<w:rPr>");
        if let Some(f) = face {
            out.push_str(&rfonts(f));
        }
        if let Some(pt) = size_pt {
            let hp = half_points(pt);
            let _ = write!(out, r#"<w:sz w:val="{hp}"/><w:szCs w:val="{hp}"/>"#);
        }
        out.push_str("</w:rPr>");
    }
    let _ = write!(out, r#"<w:t xml:space="preserve">{}</w:t>"#, esc(text));
    out.push_str("</w:r>");
}

/// Body paragraphs, one per line of `text`.
fn paragraphs(out: &mut String, text: &str) {
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        paragraph(out, None, "", &[(None, line)]);
    }
}

fn heading(out: &mut String, level: u8, text: &str) {
    let style = if level == 1 { "Heading1" } else { "Heading2" };
    paragraph(out, Some(style), "", &[(None, text)]);
}

/// Width of text in 3号 仿宋, in twips, as the PDF measures it.
fn body_width_tw(text: &str) -> i64 {
    pt_to_tw(fonts::measure_pt(text, Role::Fang, BODY_PT))
}

/// The 落款: the 署名机关 centred over the 成文日期, which stands four characters in from the
/// right, as the PDF places them; nothing without a 成文日期.
fn signature(out: &mut String, report: &Report) {
    let Some(date) = report.details.signed_date else {
        return;
    };
    let em = pt_to_tw(BODY_PT);
    let width = mm_to_tw(TEXT_WIDTH_MM);
    let date_text = date.chinese();
    let date_w = body_width_tw(&date_text);
    let name = report.signatory();
    let name_w = body_width_tw(name);
    let date_right = 4 * em;
    // The name's right edge: centred over the date, never closer than two characters to
    // the right edge, never past the left one.
    let name_right = (date_right + (date_w - name_w) / 2)
        .max(2 * em)
        .min((width - name_w).max(0));
    paragraph(out, None, "", &[]);
    let keep = r#"<w:keepNext/>"#;
    for (text, right, keep_next) in [
        (name, name_right, true),
        (date_text.as_str(), date_right, false),
    ] {
        let ppr = format!(
            r#"{}<w:ind w:right="{right}" w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="right"/>"#,
            if keep_next { keep } else { "" }
        );
        paragraph(out, None, &ppr, &[(None, text)]);
    }
}

/// A table from the format declaration: its grid, every merge (`gridSpan`, `vMerge`), its
/// header rows repeated on each page (`tblHeader`) and rows that do not split.
fn table(out: &mut String, report: &Report, id: TableId) {
    let def = table_def(id);
    let widths: Vec<i64> = column_widths_mm(id).iter().map(|w| mm_to_tw(*w)).collect();
    let total: i64 = widths.iter().sum();
    let pad = mm_to_tw(0.8);
    // The PDF's cell padding above and below the text.
    let pad_y = mm_to_tw(0.9);
    let _ = write!(
        out,
        r#"<w:tbl><w:tblPr><w:tblW w:w="{total}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="{pad_y}" w:type="dxa"/><w:left w:w="{pad}" w:type="dxa"/><w:bottom w:w="{pad_y}" w:type="dxa"/><w:right w:w="{pad}" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="0"/></w:tblPr><w:tblGrid>"#
    );
    for w in &widths {
        let _ = write!(out, r#"<w:gridCol w:w="{w}"/>"#);
    }
    out.push_str("</w:tblGrid>");
    // Table 二 has no repeated header: each 第二十条 block carries its own, and a block is
    // kept on one page (its rows keep with the next).
    let block_end = |r: usize| -> bool {
        id != TableId::T2
            || r + 1 == def.grid_rows
            || def
                .grid
                .iter()
                .any(|c| c.row == r + 1 && c.col == 0 && c.colspan == def.grid_cols)
    };
    for r in 0..def.grid_rows {
        out.push_str("<w:tr><w:trPr><w:cantSplit/>");
        // At least one line of table text with its padding, as the PDF's rows.
        let _ = write!(
            out,
            r#"<w:trHeight w:val="{ROW_MIN_TW}" w:hRule="atLeast"/>"#
        );
        if r < def.header_rows {
            out.push_str("<w:tblHeader/>");
        }
        out.push_str("</w:trPr>");
        let keep_next = !block_end(r);
        let mut c = 0;
        while c < def.grid_cols {
            let Some(cell) = def.grid.iter().find(|g| {
                (g.row..g.row + g.rowspan).contains(&r) && (g.col..g.col + g.colspan).contains(&c)
            }) else {
                // The declaration tiles the grid (a test says so); an empty cell keeps the
                // row valid should it ever not.
                let _ = write!(
                    out,
                    r#"<w:tc><w:tcPr><w:tcW w:w="{}" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr></w:p></w:tc>"#,
                    widths[c]
                );
                c += 1;
                continue;
            };
            let width: i64 = widths[cell.col..cell.col + cell.colspan].iter().sum();
            let _ = write!(out, r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>"#);
            if cell.colspan > 1 {
                let _ = write!(out, r#"<w:gridSpan w:val="{}"/>"#, cell.colspan);
            }
            let first_row = cell.row == r;
            if cell.rowspan > 1 {
                out.push_str(if first_row {
                    r#"<w:vMerge w:val="restart"/>"#
                } else {
                    "<w:vMerge/>"
                });
            }
            out.push_str(r#"<w:vAlign w:val="center"/></w:tcPr>"#);
            let (text, jc) = if first_row {
                match cell.content {
                    GridContent::Header(t) => (t.to_string(), "center"),
                    GridContent::Label(t) => (t.to_string(), "left"),
                    GridContent::Data(key) => (report.display(key), "center"),
                }
            } else {
                (String::new(), "center")
            };
            let ppr = format!(
                r#"<w:pPr><w:pStyle w:val="TableText"/>{}<w:jc w:val="{jc}"/></w:pPr>"#,
                if keep_next { "<w:keepNext/>" } else { "" }
            );
            out.push_str("<w:p>");
            out.push_str(&ppr);
            // A long number shrinks to its column, as in the PDF.
            let size = if matches!(cell.content, GridContent::Data(_)) {
                let inner_pt = (width - 2 * pad) as f32 / 20.0;
                let natural = fonts::measure_pt(&text, Role::Fang, TABLE_SIZE_PT);
                (natural > inner_pt).then(|| (TABLE_SIZE_PT * inner_pt / natural).max(6.0))
            } else {
                None
            };
            run(out, None, size, &text);
            out.push_str("</w:p></w:tc>");
            c = cell.col + cell.colspan;
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_drops_control_characters() {
        assert_eq!(esc("a<b>&\"c\u{1}"), "a&lt;b&gt;&amp;&quot;c");
    }

    #[test]
    fn page_geometry_is_the_pdfs() {
        assert_eq!(mm_to_tw(TEXT_TOP_MM), 2098);
        assert_eq!(mm_to_tw(TEXT_LEFT_MM), 1587);
        // 22 lines fit the 225 mm block.
        let block = mm_to_tw(TEXT_HEIGHT_MM);
        assert_eq!(block / line_pitch_tw(), 22);
    }
}
