//! Reading and writing report files: JSON with a format name and version, validated
//! against the format declaration, saved atomically.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::check::value_problem;
use crate::format::TableId;
use crate::format::{CellKey, CellKind};
use crate::model::{FORMAT_NAME, FORMAT_VERSION, MAX_COUNT, OLDEST_FORMAT_VERSION, Report};

/// Largest report file read (a real report is a few tens of KB).
pub const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;
/// Largest text field accepted, in characters (a long 一、总体情况 is about 10 000).
pub const MAX_TEXT_CHARS: usize = 200_000;
/// Longest heading of a part of 一 accepted, in characters (real ones are under 30).
pub const MAX_HEADING_CHARS: usize = 200;

/// Why a report could not be read or written. Messages are in Chinese, name the file,
/// and say where in it the problem is.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// The file could not be opened or read.
    #[error("无法读取文件 {path}：{reason}")]
    Read {
        /// The file.
        path: PathBuf,
        /// What the system said.
        reason: String,
    },
    /// The file is not a valid report; `place` is `第L行第C列` or a field path.
    #[error("文件 {path} 有误（{place}）：{message}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// Where: line and column, or the field.
        place: String,
        /// What is wrong, in Chinese.
        message: String,
    },
    /// The file could not be written; the old file, if any, is untouched.
    #[error("无法保存到 {path}：{reason}{}", if *.existed { "（原文件未改动）" } else { "" })]
    Write {
        /// The target file.
        path: PathBuf,
        /// What the system said.
        reason: String,
        /// Whether a file was there before (and is still there, unchanged).
        existed: bool,
    },
}

/// Reads and validates a report file.
pub fn load(path: &Path) -> Result<Report, FileError> {
    let read_err = |reason: String| FileError::Read {
        path: path.to_path_buf(),
        reason,
    };
    let meta = fs::metadata(path).map_err(|e| read_err(io_reason(&e)))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(read_err(format!(
            "文件过大（{} 字节，上限 {} 字节），不像是年报文件",
            meta.len(),
            MAX_FILE_BYTES
        )));
    }
    let bytes = fs::read(path).map_err(|e| read_err(io_reason(&e)))?;
    let text = String::from_utf8(bytes).map_err(|e| FileError::Invalid {
        path: path.to_path_buf(),
        place: format!("第{}字节", e.utf8_error().valid_up_to()),
        message: "不是 UTF-8 编码的文本".into(),
    })?;
    parse(&text).map_err(|(place, message)| FileError::Invalid {
        path: path.to_path_buf(),
        place,
        message,
    })
}

/// Parses and validates report JSON. The error is (place, message).
pub fn parse(text: &str) -> Result<Report, (String, String)> {
    #[derive(serde::Deserialize)]
    struct Header {
        format: Option<String>,
        version: Option<u64>,
    }
    // Read the header first, so a newer or foreign file is named as such instead of
    // failing on whatever field happens to differ.
    if text.trim().is_empty() {
        return Err(("开头".into(), "文件是空的".into()));
    }
    if !text.trim_start().starts_with('{') {
        return Err((
            "开头".into(),
            "不是年报文件：年报文件是一个以 { 开头的 JSON 对象".into(),
        ));
    }
    let header: Header = serde_json::from_str(text).map_err(json_error)?;
    match header.format.as_deref() {
        Some(FORMAT_NAME) => {}
        Some(other) => {
            return Err((
                "format".into(),
                format!("不是年报文件（format 为“{other}”，应为“{FORMAT_NAME}”）"),
            ));
        }
        None => {
            return Err((
                "format".into(),
                format!("不是年报文件（缺少 \"format\": \"{FORMAT_NAME}\"）"),
            ));
        }
    }
    match header.version {
        Some(v) if (u64::from(OLDEST_FORMAT_VERSION)..=u64::from(FORMAT_VERSION)).contains(&v) => {}
        Some(v) if v > u64::from(FORMAT_VERSION) => {
            return Err((
                "version".into(),
                format!(
                    "此文件是更新版本的年报程序保存的（版本 {v}），本程序只能读取版本 {FORMAT_VERSION}，请升级年报程序"
                ),
            ));
        }
        Some(v) => {
            return Err((
                "version".into(),
                format!(
                    "未知的文件版本 {v}（本程序读取版本 {OLDEST_FORMAT_VERSION}—{FORMAT_VERSION}）"
                ),
            ));
        }
        None => return Err(("version".into(), "缺少 \"version\" 字段".into())),
    }
    let report: Report = serde_json::from_str(text).map_err(json_error)?;
    validate(&report)?;
    Ok(report)
}

/// Checks what serde cannot: cell keys and kinds against the format, text sizes.
fn validate(report: &Report) -> Result<(), (String, String)> {
    for table in TableId::ALL {
        for (row, cols) in report.table(table) {
            for (col, value) in cols {
                if let Some(message) = value_problem(table, row, col, value) {
                    return Err((format!("{}.{row}.{col}", table.key()), message));
                }
            }
        }
    }
    for (key, &value) in &report.printed {
        let place = format!("printed.{key}");
        match CellKey::parse(key).and_then(|k| k.def()) {
            Some(def) if def.kind == CellKind::Total => {}
            Some(_) => {
                return Err((
                    place,
                    format!("“{key}”不是合计格；printed 只记录报告所印的合计"),
                ));
            }
            None => return Err((place, format!("“{key}”不是格式中的单元格"))),
        }
        if value > MAX_COUNT {
            return Err((place, format!("数字 {value} 过大（上限 {MAX_COUNT}）")));
        }
    }
    for key in &report.not_read {
        if CellKey::parse(key).is_none() {
            return Err((
                format!("not_read.{key}"),
                format!("“{key}”不是格式中的单元格"),
            ));
        }
    }
    if let Some(summed) = &report.summed {
        validate_summed(summed)?;
    }
    let d = &report.details;
    let overview = &report.overview;
    let texts = [
        ("details.agency_name", &d.agency_name),
        ("details.agency_short_name", &d.agency_short_name),
        ("details.signatory", &d.signatory),
        ("details.opening", &d.opening),
        ("overview.lead", &overview.lead),
        ("overview.proactive", &overview.proactive),
        ("overview.on_request", &overview.on_request),
        ("overview.management", &overview.management),
        ("overview.platform", &overview.platform),
        ("overview.supervision", &overview.supervision),
        ("problems", &report.problems),
        ("other_matters", &report.other_matters),
    ];
    for (place, text) in texts {
        // Count lazily: a byte length under the limit cannot exceed it in characters.
        if text.len() > MAX_TEXT_CHARS && text.chars().count() > MAX_TEXT_CHARS {
            return Err((
                place.into(),
                format!(
                    "文字过长（{} 字，上限 {MAX_TEXT_CHARS} 字）",
                    text.chars().count()
                ),
            ));
        }
    }
    for (i, heading) in overview.headings.iter().enumerate() {
        if heading.text.chars().count() > MAX_HEADING_CHARS {
            return Err((
                format!("overview.headings[{i}]"),
                format!("小标题过长（上限 {MAX_HEADING_CHARS} 字）"),
            ));
        }
    }
    Ok(())
}

/// Most units a summed report lists (a province has a few thousand).
pub const MAX_SUMMED_UNITS: usize = 100_000;

/// The units and blank counts of a summed report: real cells, sane sizes.
fn validate_summed(summed: &crate::model::Summed) -> Result<(), (String, String)> {
    if summed.units.len() > MAX_SUMMED_UNITS {
        return Err((
            "summed.units".into(),
            format!("汇总单位过多（上限 {MAX_SUMMED_UNITS} 个）"),
        ));
    }
    for (i, unit) in summed.units.iter().enumerate() {
        if unit.agency.chars().count() > MAX_HEADING_CHARS
            || unit.file.chars().count() > MAX_TEXT_CHARS
        {
            return Err((format!("summed.units[{i}]"), "名称过长".into()));
        }
    }
    for (key, &blank) in &summed.blanks {
        let place = format!("summed.blanks.{key}");
        match CellKey::parse(key).and_then(|k| k.def()) {
            Some(def) if def.kind != CellKind::Total => {}
            _ => return Err((place, format!("“{key}”不是格式中的填报单元格"))),
        }
        if blank as usize > summed.units.len() {
            return Err((
                place,
                format!(
                    "未填的单位数 {blank} 多于汇总的单位数 {}",
                    summed.units.len()
                ),
            ));
        }
    }
    Ok(())
}

/// Serialises a report as pretty JSON with a trailing newline.
pub fn to_json(report: &Report) -> String {
    // Written with the oldest version that holds it, so older builds still read it.
    let mut report = report.clone();
    report.version = report.needed_version();
    let mut text = serde_json::to_string_pretty(&report)
        .unwrap_or_else(|e| unreachable!("a Report always serialises: {e}"));
    text.push('\n');
    text
}

/// Saves a report atomically: the old file survives a crash at any point.
pub fn save(report: &Report, path: &Path) -> Result<(), FileError> {
    write_atomic(path, to_json(report).as_bytes())
}

/// Writes bytes to `path` through a temporary file beside it (write, flush, sync, rename),
/// so readers see the old content or the new, never a part.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    let existed = path.exists();
    let write_err = |e: std::io::Error| FileError::Write {
        path: path.to_path_buf(),
        reason: io_reason(&e),
        existed,
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile_in(dir, path).map_err(write_err)?;
    let result = tmp
        .1
        .write_all(bytes)
        .and_then(|_| tmp.1.flush())
        .and_then(|_| tmp.1.sync_all())
        .and_then(|_| fs::rename(&tmp.0, path));
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp.0);
        return Err(write_err(e));
    }
    Ok(())
}

/// Creates a new hidden temporary file next to the target.
fn tempfile_in(dir: &Path, target: &Path) -> std::io::Result<(PathBuf, fs::File)> {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "nianbao".into());
    let mut attempt = 0u32;
    loop {
        let tmp = dir.join(format!(".{name}.{}.{attempt}.tmp", std::process::id()));
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(file) => return Ok((tmp, file)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 100 => {
                attempt += 1;
            }
            Err(e) => return Err(e),
        }
    }
}

/// A system error in Chinese, with the system's own words kept for the technically minded.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    let what = match e.kind() {
        NotFound => "文件或文件夹不存在",
        PermissionDenied => "没有权限",
        AlreadyExists => "文件已存在",
        IsADirectory => "这是一个文件夹，不是文件",
        NotADirectory => "路径中有一段不是文件夹",
        StorageFull => "磁盘已满",
        ReadOnlyFilesystem => "磁盘只读",
        _ => "系统错误",
    };
    format!("{what}（{e}）")
}

/// Turns a serde_json error into (place, Chinese message).
fn json_error(e: serde_json::Error) -> (String, String) {
    let place = format!("第{}行第{}列", e.line(), e.column());
    let raw = e.to_string();
    // serde_json appends " at line L column C"; the place already says it.
    let raw = raw
        .rsplit_once(" at line ")
        .map(|(msg, _)| msg.to_string())
        .unwrap_or(raw);
    let message = match e.classify() {
        serde_json::error::Category::Eof => "文件不完整，在结尾处中断了".to_string(),
        serde_json::error::Category::Syntax => format!("不是有效的 JSON（{raw}）"),
        serde_json::error::Category::Io => format!("读取出错（{raw}）"),
        serde_json::error::Category::Data => translate_data_error(&raw),
    };
    (place, message)
}

/// Gives serde's English data errors a Chinese wording; our own messages pass through.
fn translate_data_error(raw: &str) -> String {
    let quoted = |s: &str| s.split('`').nth(1).unwrap_or("").to_string();
    if let Some(rest) = raw.strip_prefix("missing field ") {
        format!("缺少字段“{}”", quoted(rest))
    } else if let Some(rest) = raw.strip_prefix("unknown field ") {
        format!(
            "未知字段“{}”（本程序不认识它，为免丢失内容，不予读取）",
            quoted(rest)
        )
    } else if let Some(rest) = raw.strip_prefix("unknown variant ") {
        let choices = rest.split_once("expected ").map(|x| x.1).unwrap_or("");
        let choices = choices
            .trim_start_matches("one of ")
            .replace('`', "")
            .replace(" or ", " 或 ")
            .replace(", ", "、");
        format!("“{}”不是可选的值（可选：{choices}）", quoted(rest))
    } else if let Some(rest) = raw
        .strip_prefix("invalid type: ")
        .or_else(|| raw.strip_prefix("invalid value: "))
    {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        // A blank cell is left out, not written as null.
        let hint = if found == "null" && expected.contains("非负整数") {
            "；空白的单元格请直接删去这一项"
        } else {
            ""
        };
        format!(
            "类型不对：这里是{}，应为{}{hint}",
            describe_json(found),
            describe_expected(expected)
        )
    } else {
        raw.to_string()
    }
}

/// serde's description of what a JSON value was, in Chinese.
fn describe_json(found: &str) -> String {
    let value = found.split('`').nth(1).unwrap_or("");
    match found.split([' ', '`']).next().unwrap_or("") {
        "null" => "空值 null".into(),
        "floating" => format!("小数 {value}"),
        "integer" => format!("整数 {value}"),
        "string" => format!("字符串 {}", found.trim_start_matches("string ")),
        "boolean" => format!("真假值 {value}"),
        "sequence" => "数组 [ … ]".into(),
        "map" => "对象 { … }".into(),
        _ => found.to_string(),
    }
}

/// serde's description of what was expected, in Chinese; our own wording passes through.
fn describe_expected(expected: &str) -> String {
    match expected {
        "u8" | "u16" | "u32" | "u64" => "整数".into(),
        "a string" => "字符串（用双引号括起）".into(),
        "a boolean" => "true 或 false".into(),
        e if e.starts_with("struct ") || e == "a map" => "对象 { … }".into(),
        e if e.starts_with("a sequence") => "数组 [ … ]".into(),
        e if e.starts_with("variant identifier") || e.starts_with("enum") => "可选的值之一".into(),
        e => e.to_string(),
    }
}
