//! The outputs floor: every file a report is written as, and the one pipeline that gets it
//! there (check once → lay out → write).
//!
//! The writers stand side by side, one file each ([`pdf`] draws the display list the
//! typesetter made; [`html`] reads the model and the format declaration; [`xlsx`] writes the
//! fill-in workbook sent to 科室 and 下级单位; [`docx`] the Word copy for 审签, from the
//! PDF's page and font decisions). None of them runs
//! a check, reads a file or works out what a document is called or dated: the pipeline
//! ([`render`], [`write`]) tells them, in a [`Meta`], as Typst's exporters are told by
//! their caller. A new writer (a spreadsheet, a word-processor file, OFD) is a new file
//! here, a new [`Format`], and one arm in [`write`].

pub mod docx;
pub mod html;
pub mod pdf;
pub mod xlsx;

use std::path::Path;

use crate::check::{self, Finding, Severity};
use crate::model::{Date, Report};
use crate::typeset::report::{Rendered, layout_for_print};

/// A kind of file a report can be written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The print-ready A4 PDF, marked as a draft while the report has errors.
    Pdf,
    /// The web copy: one self-contained HTML page.
    Html,
    /// Only the web copy's `<article>`, styles inline, for pasting into a website's CMS.
    HtmlFragment,
    /// The Excel fill-in workbook (填报表): 说明 and the three tables, input cells unlocked.
    Xlsx,
    /// The Word copy for 审签.
    Docx,
}

impl Format {
    /// The format an output file's extension asks for (`.pdf`, `.html`, `.htm`, `.xlsx`,
    /// `.docx`, in any case); `fragment` asks for the web copy's fragment. None for any other extension.
    pub fn from_path(path: &Path, fragment: bool) -> Option<Format> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("pdf") => Some(Format::Pdf),
            Some("html" | "htm") if fragment => Some(Format::HtmlFragment),
            Some("html" | "htm") => Some(Format::Html),
            Some("xlsx") => Some(Format::Xlsx),
            Some("docx") => Some(Format::Docx),
            _ => None,
        }
    }

    /// Whether this is the web copy (whole page or fragment).
    pub fn is_html(self) -> bool {
        matches!(self, Format::Html | Format::HtmlFragment)
    }

    /// Whether `existing`, the bytes of a file already at the output path, is one nianbao
    /// wrote in this format (a PDF whose producer is nianbao, a web copy with its
    /// `<article class="nianbao">`). Rendering again replaces such a file; any other file
    /// the user has is kept unless they ask.
    pub fn is_ours(self, existing: &[u8]) -> bool {
        let has = |needle: &[u8]| existing.windows(needle.len()).any(|w| w == needle);
        match self {
            // printpdf writes the producer as UTF-16BE: "nianbao".
            Format::Pdf => {
                existing.starts_with(b"%PDF-")
                    && has(b"/Producer<FEFF006E00690061006E00620061006F>")
            }
            Format::Html | Format::HtmlFragment => has(b"<article class=\"nianbao\""),
            // The two zip packages, by a part only nianbao writes so: the workbook's name of
            // the 填报单位 cell, the Word copy's application.
            Format::Xlsx => zip_part_has(existing, "xl/workbook.xml", b"name=\"nb_unit\""),
            Format::Docx => zip_part_has(
                existing,
                "docProps/app.xml",
                b"<Application>nianbao</Application>",
            ),
        }
    }
}

/// Whether the zip `bytes` has a part `name` holding `needle` (the part read up to 4 MB, so a
/// hostile file costs nothing).
fn zip_part_has(bytes: &[u8], name: &str, needle: &[u8]) -> bool {
    use std::io::Read;
    let Ok(mut archive) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return false;
    };
    let Ok(part) = archive.by_name(name) else {
        return false;
    };
    let mut text = Vec::new();
    if part.take(4 << 20).read_to_end(&mut text).is_err() {
        return false;
    }
    text.windows(needle.len()).any(|w| w == needle)
}

/// What a writer is told by its caller instead of working it out: the document's title,
/// date and id, and whether it is a draft. The same report always gives the same `Meta`.
#[derive(Debug, Clone, PartialEq)]
pub struct Meta {
    /// The title: the agency as the title prints it, then "N年政府信息公开工作年度报告".
    pub title: String,
    /// The author: the agency (机关) the report is of.
    pub author: String,
    /// The document date: the 成文日期, or the 发布日期, or 1 January after the report
    /// year (a writer never reads the clock).
    pub date: Date,
    /// What the document id derives from: the report's content (its file text), so the
    /// same report gets the same id and a changed one a new id.
    pub id_seed: String,
    /// Errors the checks found; a writer that can marks every page of a report with
    /// errors as a draft.
    pub errors: usize,
}

impl Meta {
    /// The facts of `report` as checked (`findings`).
    pub fn new(report: &Report, findings: &[Finding]) -> Meta {
        let d = &report.details;
        let date = d
            .signed_date
            .or(d.publish_date)
            .or_else(|| Date::new(d.year.saturating_add(1), 1, 1))
            .unwrap_or(Date {
                year: 1970,
                month: 1,
                day: 1,
            });
        Meta {
            title: report.title_lines().concat(),
            author: d.agency_name.trim().to_string(),
            date,
            id_seed: crate::file::to_json(report),
            errors: error_count(findings),
        }
    }
}

/// The number of errors among `findings`.
pub fn error_count(findings: &[Finding]) -> usize {
    findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count()
}

/// Why a report could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The PDF writer failed (a broken build or a bug, never the report's fault).
    #[error(transparent)]
    Pdf(#[from] pdf::PdfError),
    /// The workbook writer failed (likewise never the report's fault).
    #[error(transparent)]
    Xlsx(#[from] xlsx::XlsxExportError),
    /// The Word writer failed (likewise).
    #[error(transparent)]
    Docx(#[from] docx::DocxError),
}

/// A written file.
#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// What the layout had to say, in Chinese (a character no embedded font has, and
    /// where); empty for the web copy, which the reader's browser draws.
    pub warnings: Vec<String>,
}

/// A report taken through the whole pipeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Exported {
    /// The file.
    pub output: Output,
    /// Every finding of the one check run, for the caller to report.
    pub findings: Vec<Finding>,
}

/// The pipeline for a report not yet checked (the command line, batch work): checks it
/// once (against last year's report when given), lays it out, writes it as `format`.
pub fn render(
    report: &Report,
    previous: Option<&Report>,
    format: Format,
) -> Result<Exported, ExportError> {
    let findings = check::check(report, previous);
    let output = write(report, &findings, format)?;
    Ok(Exported { output, findings })
}

/// The pipeline's last two steps, for a report already checked (the app keeps its
/// findings up to date as the user types): lays it out and writes it as `format`.
pub fn write(report: &Report, findings: &[Finding], format: Format) -> Result<Output, ExportError> {
    match format {
        Format::Pdf => {
            let meta = Meta::new(report, findings);
            let rendered = print_layout(report, findings);
            let bytes = pdf::write_pdf(&rendered.document, &meta)?;
            Ok(Output {
                bytes,
                warnings: rendered.warnings,
            })
        }
        Format::Html | Format::HtmlFragment => Ok(Output {
            bytes: html::write_html(report, format == Format::HtmlFragment).into_bytes(),
            warnings: Vec::new(),
        }),
        Format::Xlsx => Ok(Output {
            bytes: xlsx::write_xlsx(report)?,
            warnings: Vec::new(),
        }),
        Format::Docx => Ok(Output {
            bytes: docx::write_docx(report, &Meta::new(report, findings))?,
            warnings: Vec::new(),
        }),
    }
}

/// The pages as they print, draft mark included while `findings` hold an error: what the
/// PDF writer draws and the app's print preview paints.
pub fn print_layout(report: &Report, findings: &[Finding]) -> Rendered {
    layout_for_print(report, error_count(findings))
}
