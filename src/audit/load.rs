//! Reading one file in any form nianbao reads (a report file, or a published report to
//! import), and telling whose report it is and for which year.

use std::fs;
use std::io::Read;
use std::path::Path;

use crate::file;
use crate::import::{self, ImportError};
use crate::model::Report;

/// A file read as a report.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The report.
    pub report: Report,
    /// Places the importer could not read with certainty, cells and details (empty for
    /// a report file).
    pub not_read: usize,
    /// Of those, the ones that are not table cells (机关, 年度, a missing section), in
    /// words: the checks list the cells themselves (`not-read`).
    pub details_not_read: Vec<String>,
}

/// Why a file was not read as a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadFailure {
    /// Not a report, empty, binary, too large, broken, or not readable at all.
    Unreadable(String),
    /// A report in the 2019 format.
    OldFormat(String),
}

impl LoadFailure {
    /// The reason, in Chinese.
    pub fn reason(&self) -> &str {
        match self {
            LoadFailure::Unreadable(r) | LoadFailure::OldFormat(r) => r,
        }
    }
}

/// Largest file read: the larger of a report file's and an imported page's limits.
fn max_bytes() -> u64 {
    file::MAX_FILE_BYTES.max(import::MAX_INPUT_BYTES as u64)
}

/// Reads a file: a report file (JSON starting with `{`) is loaded, anything else imported.
pub fn load_any(path: &Path) -> Result<Loaded, LoadFailure> {
    let unreadable = LoadFailure::Unreadable;
    let handle = fs::File::open(path).map_err(|e| unreadable(file::io_reason(&e)))?;
    let limit = max_bytes();
    let mut bytes = Vec::new();
    // Read one byte past the limit, so a file that grows while read is caught too.
    handle
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(file::io_reason(&e)))?;
    if bytes.len() as u64 > limit {
        return Err(unreadable(format!(
            "文件过大（超过 {limit} 字节），不像是一份年报"
        )));
    }
    load_bytes(&bytes)
}

/// Reads a file's bytes: a report file is parsed, anything else imported.
pub fn load_bytes(bytes: &[u8]) -> Result<Loaded, LoadFailure> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first = body.iter().find(|b| !b.is_ascii_whitespace());
    if first == Some(&b'{') {
        let text = std::str::from_utf8(body).map_err(|e| {
            LoadFailure::Unreadable(format!(
                "年报文件有误（第{}字节）：不是 UTF-8 编码的文本",
                e.valid_up_to()
            ))
        })?;
        return file::parse(text)
            .map(|report| Loaded {
                not_read: report.not_read.len(),
                report,
                details_not_read: Vec::new(),
            })
            .map_err(|(place, message)| {
                LoadFailure::Unreadable(format!("年报文件有误（{place}）：{message}"))
            });
    }
    match import::import_bytes(body) {
        Ok(imported) if figures_read(&imported.report) < MIN_FIGURES => {
            Err(LoadFailure::Unreadable(format!(
                "认出了年报的标题或章节，但表二、表三、表四几乎没有读出数字（只读出 {} 个），表格可能是图片，或这不是年报正文；请该单位报送文字版报告或 .nianbao 年报文件",
                figures_read(&imported.report)
            )))
        }
        Ok(imported) => Ok(Loaded {
            not_read: imported.uncertain.len(),
            details_not_read: imported
                .uncertain
                .iter()
                .filter(|u| u.cell.is_none())
                .map(|u| format!("{}（{}）", u.place, u.reason))
                .collect(),
            report: imported.report,
        }),
        Err(e @ ImportError::OldFormat { .. }) => Err(LoadFailure::OldFormat(e.to_string())),
        Err(e) => Err(LoadFailure::Unreadable(e.to_string())),
    }
}

/// Fewest figures an imported page must yield to be audited as a report: a page whose
/// tables were pictures, or a text that only quotes the headings, yields next to none.
/// (表四 alone has 15 cells, 表二 10.)
const MIN_FIGURES: usize = 10;

/// How many figures were read from a report's tables: cells and printed totals.
fn figures_read(report: &Report) -> usize {
    report.printed.len()
        + [&report.t2, &report.t3, &report.t4]
            .iter()
            .flat_map(|t| t.values())
            .map(|row| row.len())
            .sum::<usize>()
}

/// Whose report and which year, and where that was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// 机关名称 (the full name when the report gives one).
    pub agency: Option<String>,
    /// Every name the report goes by (full, short, 落款), as written, trimmed.
    pub names: Vec<String>,
    /// 报告年度.
    pub year: Option<u16>,
    /// What was taken from the file name because the report did not say, for the user.
    pub from_file_name: Vec<&'static str>,
}

/// The agency and year from the report itself (title, 机关, 落款); the file name only
/// when the report does not say, and then [`Identity::from_file_name`] says so.
pub fn identity(report: &Report, path: &Path) -> Identity {
    let d = &report.details;
    let mut names: Vec<String> = crate::agency::names(report)
        .into_iter()
        .map(str::to_string)
        .collect();
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut from_file_name = Vec::new();
    let mut agency = names.first().cloned();
    if agency.is_none()
        && let Some(name) = agency_from_file_name(&stem)
    {
        from_file_name.push("机关名称");
        names.push(name.clone());
        agency = Some(name);
    }
    let mut year = (2000..=2100).contains(&d.year).then_some(d.year);
    if year.is_none()
        && let Some(y) = year_from_file_name(&stem)
    {
        from_file_name.push("报告年度");
        year = Some(y);
    }
    Identity {
        agency,
        names,
        year,
        from_file_name,
    }
}

/// A year 2000–2100 written in a file name ("2024年度…", "…_2024").
pub fn year_from_file_name(stem: &str) -> Option<u16> {
    let chars: Vec<char> = stem.chars().collect();
    (0..chars.len().saturating_sub(3)).find_map(|i| {
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 4);
        let run: String = chars[i..i + 4].iter().collect();
        let digits = run.bytes().all(|b| b.is_ascii_digit());
        let alone = !before.is_some_and(|c| c.is_ascii_digit())
            && !after.is_some_and(|c| c.is_ascii_digit());
        (digits && alone)
            .then(|| run.parse::<u16>().ok())
            .flatten()
            .filter(|y| (2000..=2100).contains(y))
    })
}

/// The agency named in a file name: the name less the year and the title's words.
pub fn agency_from_file_name(stem: &str) -> Option<String> {
    let mut name: String = stem.to_string();
    if let Some(y) = year_from_file_name(stem) {
        for form in [format!("{y}年度"), format!("{y}年"), y.to_string()] {
            name = name.replace(&form, "");
        }
    }
    for cut in ["政府信息公开", "信息公开", "年度报告", "工作报告", "年报"] {
        if let Some(i) = name.find(cut) {
            name.truncate(i);
        }
    }
    let name = name
        .trim_matches(|c: char| c.is_whitespace() || "_-—·.（）()【】[]《》".contains(c))
        .to_string();
    (name.chars().count() >= 2).then_some(name)
}

pub use crate::agency::{normalise_name, same_but_place, unprefixed};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_file_names() {
        assert_eq!(year_from_file_name("示例县教育局2024年度报告"), Some(2024));
        assert_eq!(year_from_file_name("report_12024"), None);
        assert_eq!(
            agency_from_file_name("示例县教育局2024年政府信息公开工作年度报告"),
            Some("示例县教育局".into())
        );
        assert_eq!(
            agency_from_file_name("2024_示例县民政局_年报"),
            Some("示例县民政局".into())
        );
        assert_eq!(agency_from_file_name("2024"), None);
    }

    #[test]
    fn junk_and_empty_are_unreadable() {
        assert!(matches!(load_bytes(b""), Err(LoadFailure::Unreadable(_))));
        assert!(matches!(
            load_bytes(&[0u8, 159, 146, 150, 0, 1, 2, 3]),
            Err(LoadFailure::Unreadable(_))
        ));
        assert!(matches!(
            load_bytes(b"{\"format\": \"other\"}"),
            Err(LoadFailure::Unreadable(_))
        ));
    }
}
