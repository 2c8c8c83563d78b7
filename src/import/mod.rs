//! Importing a published report into the model: its PDF (text read in process, see
//! [`pdf`]), plain text (copied from a web page, run together or not, or `pdftotext`
//! output), markdown from a converter, or an HTML page (Word-exported included).
//!
//! The importer anchors on the labels of the official format and tolerates what websites
//! and PDF extraction do to them (lost "（一）", "1、" for "1.", half-width punctuation,
//! labels split by spaces or line breaks, page numbers and running headers, cells run
//! together). It never guesses silently: a cell it cannot read with certainty is left
//! blank and listed in [`Imported::uncertain`] with the text it saw; totals are kept as
//! printed ([`Report::printed`]) so a published arithmetic error survives to the checks.

mod decode;
pub mod html;
pub mod labels;
pub mod markdown;
pub mod pdf;
pub mod sections;
pub mod split;
pub mod tables;
pub mod text;
pub mod xlsx;

use crate::format::{CellKey, SECTION_TITLES};
use crate::model::{AgencyKind, Report};

use sections::{OverviewRead, Sections};
use text::Line;

pub use decode::MAX_INPUT_BYTES;

/// Most lines with text an input may have: a long report page, table cells one a line,
/// has a few thousand. Beyond this the text is not a report, and keeping a line record
/// for each of millions of one-letter lines would cost the memory of many times the file.
pub const MAX_LINES: usize = 400_000;

/// A cell (or detail) the importer could not read with certainty.
#[derive(Debug, Clone, PartialEq)]
pub struct Uncertain {
    /// The cell, when it is one (None for a detail such as the agency or the year).
    pub cell: Option<CellKey>,
    /// Where, for a person: the cell's label path, or the detail's name.
    pub place: String,
    /// The text seen there (shortened), so the user can compare with the original.
    pub seen: String,
    /// Why it is uncertain, in Chinese.
    pub reason: String,
}

/// The imported report, with what could not be read with certainty.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The report: every cell read with certainty filled, totals as printed.
    pub report: Report,
    /// Everything left blank or guessed at, for the user to check against the original.
    pub uncertain: Vec<Uncertain>,
    /// What the import did that the user should know, in Chinese: a printed label taken
    /// for the format's by similarity, the 发布日期 taken from the web page's 发布时间.
    pub notes: Vec<String>,
}

/// Why a file could not be imported. No report is produced in these cases.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ImportError {
    /// Nothing but whitespace.
    #[error("文件是空的")]
    Empty,
    /// Larger than any report page.
    #[error(
        "文件过大（{bytes} 字节，上限 {} 字节），不像是一份年报",
        MAX_INPUT_BYTES
    )]
    TooLarge {
        /// The file's size.
        bytes: usize,
    },
    /// Far more lines of text than any report has.
    #[error(
        "文件有 {lines} 行文字，远多于任何一份年报（上限 {} 行），不像是一份年报",
        MAX_LINES
    )]
    TooManyLines {
        /// Lines with text in the file.
        lines: usize,
    },
    /// Not text.
    #[error("不是文本或网页文件：看起来是{kind}")]
    Binary {
        /// What it looks like.
        kind: &'static str,
    },
    /// A report in the 2019 format, whose tables differ.
    #[error(
        "这是 2019 年旧格式的年报（{evidence}），本程序只导入国办公开办函〔2021〕30号格式（2021 年度起）的年报。认出了：{recognised}"
    )]
    OldFormat {
        /// The labels that gave it away.
        evidence: String,
        /// What was recognised, for the user.
        recognised: String,
    },
    /// What was read would not make a valid report file (a text far too long).
    #[error("读出的内容不能保存为年报文件（{place}）：{message}")]
    Invalid {
        /// The field.
        place: String,
        /// What is wrong.
        message: String,
    },
    /// A PDF whose pages have no text layer: a scan or photographs.
    #[error(
        "这是图片型 PDF，需要先文字识别（共 {pages} 页，没有文字层）：请先用文字识别（OCR）转成文字，或找到原文的网页、Word 版再导入"
    )]
    ScannedPdf {
        /// Pages in the file.
        pages: usize,
    },
    /// A PDF protected by a password.
    #[error("PDF 文件已加密，无法读取其中的文字：请用无密码的版本，或把原文网页另存后再导入")]
    EncryptedPdf,
    /// A PDF that could not be parsed.
    #[error("PDF 文件已损坏或不完整，读不出其中的文字（{message}）：请重新下载原文件再导入")]
    DamagedPdf {
        /// What the parser said.
        message: String,
    },
    /// Not a report: too little of the format was found.
    #[error("不像是政府信息公开工作年度报告。认出了：{recognised}；没有认出：{missing}")]
    NotAReport {
        /// What was found.
        recognised: String,
        /// What was not.
        missing: String,
    },
}

/// Why a published report's file could not be read (before any import).
#[derive(Debug, thiserror::Error)]
#[error("无法读取文件 {path}：{reason}")]
pub struct InputError {
    /// The file.
    pub path: std::path::PathBuf,
    /// Why, in Chinese.
    pub reason: String,
}

/// Reads a published report's file for import: up to [`MAX_INPUT_BYTES`], a device
/// refused at once, a pipe read only up to the limit.
pub fn read_input(path: &std::path::Path) -> Result<Vec<u8>, InputError> {
    crate::file::read_limited(path, MAX_INPUT_BYTES as u64).map_err(|e| InputError {
        path: path.to_path_buf(),
        reason: match e {
            crate::file::ReadError::TooLarge { .. } => format!("{e}，不像是一份年报"),
            e => e.to_string(),
        },
    })
}

/// Imports a file's bytes: a text-based PDF, or text or HTML (UTF-8, UTF-16 or GB18030).
pub fn import_bytes(bytes: &[u8]) -> Result<Imported, ImportError> {
    if is_pdf(bytes) {
        if bytes.len() > MAX_INPUT_BYTES {
            return Err(ImportError::TooLarge { bytes: bytes.len() });
        }
        let text = pdf_text(bytes)?;
        return import_text(&text);
    }
    let text = decode::decode(bytes)?;
    import_text(&text)
}

/// True for a PDF file: "%PDF-" within its first KB (some writers put bytes before it).
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(1024)]
        .windows(5)
        .any(|w| w == b"%PDF-")
}

/// The text of a PDF in layout (as `pdftotext -layout` gives it), or why there is none.
pub fn pdf_text(bytes: &[u8]) -> Result<String, ImportError> {
    pdf::to_text(bytes).map_err(|e| match e {
        pdf::PdfError::NoText { pages } => ImportError::ScannedPdf { pages },
        pdf::PdfError::Encrypted => ImportError::EncryptedPdf,
        pdf::PdfError::Damaged(message) => ImportError::DamagedPdf { message },
    })
}

/// Imports a report given as text or HTML.
pub fn import_text(input: &str) -> Result<Imported, ImportError> {
    if input.len() > MAX_INPUT_BYTES {
        return Err(ImportError::TooLarge { bytes: input.len() });
    }
    let plain = if html::looks_like_html(input) {
        html::to_text(input)
    } else if markdown::looks_like_markdown(input) {
        markdown::to_text(input)
    } else {
        input.to_string()
    };
    let with_text = plain
        .split(['\n', '\r', '\u{c}'])
        .filter(|l| !l.trim().is_empty())
        .count();
    if with_text > MAX_LINES {
        return Err(ImportError::TooManyLines { lines: with_text });
    }
    let lines = text::normalise(&plain);
    if lines.is_empty() {
        return Err(ImportError::Empty);
    }
    let mut doc = String::with_capacity(lines.iter().map(|l| l.text.len() + 9).sum());
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            doc.push('\n');
        }
        doc.extend(std::iter::repeat_n(' ', l.indent.min(8)));
        doc.push_str(&l.text);
    }
    let wrapped = sections::wrap_width(&lines);
    let sections = sections::split(&doc);
    let old = old_format_evidence(&doc);
    let t2 = tables::read_t2(sections.bodies[1].as_deref().unwrap_or(""));
    let t3 = tables::read_t3(sections.bodies[2].as_deref().unwrap_or(""));
    let t4 = tables::read_t4(sections.bodies[3].as_deref().unwrap_or(""));
    let title = title(&sections.preamble);
    let recognised = recognised(&sections, title.as_ref(), [&t2, &t3, &t4]);
    if !old.is_empty() {
        return Err(ImportError::OldFormat {
            evidence: old.join("、"),
            recognised: recognised.0,
        });
    }
    let headings_found = sections.bodies.iter().flatten().count();
    if headings_found < 3 || t2.rows_found + t3.rows_found + t4.rows_found < 6 {
        return Err(ImportError::NotAReport {
            recognised: recognised.0,
            missing: recognised.1,
        });
    }

    let mut uncertain = Vec::new();
    let mut notes = Vec::new();
    for (read, name) in [(&t2, "表二"), (&t3, "表三"), (&t4, "表四")] {
        for m in &read.matched {
            notes.push(format!(
                "{name}：原文的行名“{}”与格式不完全相同，按“{}”读取",
                m.printed, m.label
            ));
        }
    }
    for (read, name) in [(&t2, "表二"), (&t3, "表三"), (&t4, "表四")] {
        notes.extend(read.notes.iter().cloned());
        if read.zero_marks > 0 {
            notes.push(format!(
                "{name}：原文有 {} 格印作“—”“/”等符号，按 0 读取，请核对",
                read.zero_marks
            ));
        }
    }
    for m in &sections.matched {
        notes.push(format!(
            "原文的标题“{}”与格式不完全相同，按“{}”读取",
            m.printed, m.label
        ));
    }
    let mut report = Report::new("", 0);
    report.details.opening = String::new();
    fill_details(&mut report, &sections, title, &doc, wrapped, &mut uncertain);
    let body = |k: usize| -> Vec<Line> {
        sections.bodies[k]
            .as_deref()
            .map(|b| {
                b.lines()
                    .map(to_line)
                    .filter(|l| !l.text.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    };
    fill_overview(&mut report, sections::overview(&body(0)), wrapped);
    report.problems = sections::paragraphs(&body(4), wrapped);
    let mut other = body(5);
    take_signature(&mut report, &mut other);
    report.other_matters = sections::paragraphs(&other, wrapped);
    for (k, name) in SECTION_TITLES.iter().enumerate() {
        if sections.bodies[k].is_none() {
            uncertain.push(Uncertain {
                cell: None,
                place: (*name).to_string(),
                seen: String::new(),
                reason: "没有找到这一部分的标题".into(),
            });
        }
    }
    for read in [t2, t3, t4] {
        for (key, value) in read.values {
            report.set_input(key, Some(value));
        }
        for (key, value) in read.printed {
            report.set_printed(key, Some(value));
        }
        uncertain.extend(read.uncertain);
    }
    // A cell left blank because it could not be read is marked so (not-read): the checks
    // then do not blame the report for it. A cell the original printed blank is the
    // author's blank, and stays an ordinary one.
    for u in &uncertain {
        if let Some(k) = u.cell
            && u.reason != tables::BLANK_IN_ORIGINAL
            && report.input(k).is_none()
            && report.printed_total(k).is_none()
        {
            report.set_not_read(k, true);
        }
    }
    // What import produces must load: the same limits as a file (text lengths).
    if let Err((place, message)) = crate::file::parse(&crate::file::to_json(&report)) {
        return Err(ImportError::Invalid { place, message });
    }
    if let Some(date) = report.details.publish_date {
        notes.push(format!(
            "发布日期 {date} 取自原文（网页）上的“发布时间/发布日期”，请核对"
        ));
    }
    Ok(Imported {
        report,
        uncertain,
        notes,
    })
}

/// A line of a section's text back as a [`Line`] (the indent was kept as spaces).
fn to_line(text: &str) -> Line {
    let indent = text.chars().take_while(|c| *c == ' ').count();
    Line {
        text: text.trim().to_string(),
        indent,
    }
}

/// Labels found only in the 2019 format's tables.
fn old_format_evidence(doc: &str) -> Vec<&'static str> {
    let compact: String = text::Compact::new(doc).chars.into_iter().collect();
    [
        ("本年新制作数量", "表二有“本年新制作数量”栏"),
        ("本年新公开数量", "表二有“本年新公开数量”栏"),
        ("对外公开总数量", "表二有“对外公开总数量”栏"),
        ("政府集中采购", "有第二十条第（九）项“政府集中采购”"),
    ]
    .into_iter()
    .filter(|(label, _)| compact.contains(label))
    .map(|(_, what)| what)
    .collect()
}

/// The title as read: (agency as the title names it, year, the title text).
#[derive(Debug, Clone)]
struct Title {
    agency: String,
    year: Option<u16>,
    text: String,
    /// Index of the title's last line among the preamble's non-empty lines.
    line: usize,
}

/// The preamble's non-empty lines, as [`title`] and the opening count them.
fn preamble_lines(preamble: &str) -> Vec<&str> {
    preamble.lines().filter(|l| !l.trim().is_empty()).collect()
}

/// Finds the report's title in the text before 一: the last line that ends like one
/// ("…年度报告"), with the line before when the title was broken over two.
fn title(preamble: &str) -> Option<Title> {
    // A crawler's "标题：…" line is the title.
    let lines: Vec<&str> = preamble_lines(preamble)
        .into_iter()
        .map(|l| {
            let l = l.trim();
            l.strip_prefix("标题：").map_or(l, str::trim)
        })
        .collect();
    // A title is not a sentence: no 。，《〈 (the opening paragraph names the 年度报告格式).
    let i = lines.iter().rposition(|l| {
        (l.contains("年度报告") || l.contains("年报"))
            && l.chars().count() <= 60
            && !l.contains(['。', '，', '《', '〈', '；'])
            && !sections::is_metadata(l)
    })?;
    let mut text = lines[i].to_string();
    let agency_of = |t: &str| title_parts(t).0;
    if i > 0 && agency_of(&text).chars().count() < 2 {
        let prev = lines[i - 1];
        if prev.chars().count() <= 40 && !prev.contains('。') && !sections::is_metadata(prev) {
            text = format!("{prev}{text}");
        }
    }
    let (agency, year) = title_parts(&text);
    Some(Title {
        agency,
        year,
        text,
        line: i,
    })
}

/// (agency, year) from a title: "和田县文旅局政府信息公开工作2023年度报告",
/// "示例市某局2024年政府信息公开工作年度报告", "2024年示例市某局政府信息公开工作年度报告".
fn title_parts(title: &str) -> (String, Option<u16>) {
    let chars: Vec<char> = title.chars().collect();
    let mut year = None;
    let mut year_span = None;
    for i in 0..chars.len().saturating_sub(4) {
        let digits: String = chars[i..i + 4].iter().collect();
        let before_ok = i == 0 || !chars[i - 1].is_ascii_digit();
        if before_ok
            && digits.bytes().all(|b| b.is_ascii_digit())
            && chars.get(i + 4) == Some(&'年')
        {
            year = digits
                .parse::<u16>()
                .ok()
                .filter(|y| (2000..=2100).contains(y));
            let end = if chars.get(i + 5) == Some(&'度') {
                i + 6
            } else {
                i + 5
            };
            year_span = Some((i, end));
            break;
        }
    }
    let without_year: String = match year_span {
        Some((s, e)) => chars[..s].iter().chain(&chars[e..]).collect(),
        None => title.to_string(),
    };
    let mut agency = without_year;
    for cut in ["政府信息公开", "年度报告", "年报", "报告"] {
        if let Some(i) = agency.find(cut) {
            agency.truncate(i);
        }
    }
    let agency = agency
        .trim_start_matches("关于")
        .trim_end_matches(['的', '关', '于'])
        .trim_matches(|c: char| c.is_whitespace() || c == '《' || c == '》')
        .to_string();
    (agency, year)
}

/// (what was recognised, what was not), for messages.
fn recognised(
    sections: &Sections,
    title: Option<&Title>,
    tables: [&tables::TableRead; 3],
) -> (String, String) {
    let mut yes = Vec::new();
    let mut no = Vec::new();
    match title {
        Some(t) => yes.push(format!("标题“{}”", t.text)),
        None => no.push("标题".to_string()),
    }
    for (k, name) in SECTION_TITLES.iter().enumerate() {
        if sections.bodies[k].is_some() {
            yes.push(format!("“{name}”"));
        } else {
            no.push(format!("“{name}”"));
        }
    }
    let rows = [("表二", 6), ("表三", 25), ("表四", 1)];
    for (read, (name, total)) in tables.iter().zip(rows) {
        if read.rows_found > 0 {
            yes.push(format!("{name}（{}/{total} 行）", read.rows_found));
        } else {
            no.push(name.to_string());
        }
    }
    let join = |v: Vec<String>| {
        if v.is_empty() {
            "无".to_string()
        } else {
            v.join("、")
        }
    };
    (join(yes), join(no))
}

/// 机关, 年度, 类型, dates and the opening paragraph.
fn fill_details(
    report: &mut Report,
    sections: &Sections,
    title: Option<Title>,
    doc: &str,
    wrapped: Option<usize>,
    uncertain: &mut Vec<Uncertain>,
) {
    let mut note = |place: &str, seen: &str, reason: &str| {
        uncertain.push(Uncertain {
            cell: None,
            place: place.into(),
            seen: seen.into(),
            reason: reason.into(),
        })
    };
    let d = &mut report.details;
    match &title {
        Some(t) if !t.agency.is_empty() => d.agency_name = t.agency.clone(),
        Some(t) => note("机关名称", &t.text, "标题中没有认出机关名称"),
        None => note("机关名称", "", "没有找到标题"),
    }
    let year = title.as_ref().and_then(|t| t.year).or_else(|| {
        // "统计期限为2024年1月1日至…" in the opening paragraph.
        let i = doc.find("统计期限")?;
        let after: String = doc[i..]
            .chars()
            .skip_while(|c| !c.is_ascii_digit())
            .take(4)
            .collect();
        after.parse().ok().filter(|y| (2000..=2100).contains(y))
    });
    match year {
        Some(y) => d.year = y,
        None => note(
            "报告年度",
            title.as_ref().map_or("", |t| t.text.as_str()),
            "没有认出报告年度",
        ),
    }
    d.agency_kind = if is_government(&d.agency_name) {
        AgencyKind::Government
    } else {
        AgencyKind::Department
    };
    d.publish_date = sections::labelled_date(doc, &["发布时间", "发布日期", "发文日期"]);
    d.signed_date = sections::labelled_date(doc, &["成文日期"]);
    // The opening: the preamble after the title, less the page's metadata.
    let skip = title.as_ref().map_or(0, |t| t.line + 1);
    let opening: Vec<Line> = preamble_lines(&sections.preamble)
        .into_iter()
        .skip(skip)
        .map(to_line)
        .filter(|l| !l.text.is_empty() && !sections::is_metadata(&l.text))
        .collect();
    d.opening = sections::paragraphs(&opening, wrapped);
}

/// A 本级人民政府 report: the agency is a 人民政府 or a bare place name ("示例市").
fn is_government(agency: &str) -> bool {
    agency.ends_with("人民政府")
        || (agency.chars().count() <= 8
            && agency.ends_with(['省', '市', '县', '区', '州', '旗', '盟', '镇', '乡']))
}

/// The parts of 一 with their headings as written.
fn fill_overview(report: &mut Report, read: OverviewRead, wrapped: Option<usize>) {
    let o = &mut report.overview;
    o.lead = sections::paragraphs(&read.lead, wrapped);
    let fields: [&mut String; 5] = [
        &mut o.proactive,
        &mut o.on_request,
        &mut o.management,
        &mut o.platform,
        &mut o.supervision,
    ];
    for (i, (field, part)) in fields.into_iter().zip(read.parts).enumerate() {
        if let Some((heading, run_in, lines)) = part {
            *field = sections::paragraphs(&lines, wrapped);
            o.headings[i].text = heading;
            o.headings[i].run_in = run_in;
        }
    }
}

/// The 落款 at the end of 六: a date on its own line, and the signing body above it.
fn take_signature(report: &mut Report, lines: &mut Vec<Line>) {
    let Some(last) = lines.last() else { return };
    if !sections::is_date_line(&last.text) {
        return;
    }
    report.details.signed_date = sections::parse_date(&last.text);
    lines.pop();
    if let Some(prev) = lines.last() {
        let t = prev.text.trim();
        if t.chars().count() <= 40 && !t.contains(['。', '，', '；']) {
            report.details.signatory = t.to_string();
            lines.pop();
        }
    }
    // The title often uses a short name ("和田县文旅局"); the 落款 the full one.
    let d = &mut report.details;
    let signatory = d.signatory.clone();
    if !signatory.is_empty() && signatory != d.agency_name {
        if d.agency_name.is_empty() {
            d.agency_name = signatory;
        } else {
            d.agency_short_name = std::mem::replace(&mut d.agency_name, signatory);
        }
        d.agency_kind = if is_government(&d.agency_name) {
            AgencyKind::Government
        } else {
            AgencyKind::Department
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles() {
        assert_eq!(
            title_parts("和田县文旅局政府信息公开工作2023年度报告"),
            ("和田县文旅局".into(), Some(2023))
        );
        assert_eq!(
            title_parts("示例市某局2024年政府信息公开工作年度报告"),
            ("示例市某局".into(), Some(2024))
        );
        assert_eq!(
            title_parts("2024年示例市某局政府信息公开工作年度报告"),
            ("示例市某局".into(), Some(2024))
        );
        assert_eq!(
            title_parts("示例市2024年度政府信息公开工作年度报告"),
            ("示例市".into(), Some(2024))
        );
        assert!(is_government("示例市"));
        assert!(!is_government("示例市某局"));
    }
}
