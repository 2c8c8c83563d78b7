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
    /// Something is already at the path and must not be replaced.
    #[error("{path} 已存在，未覆盖；请换一个文件名")]
    Exists {
        /// The target.
        path: PathBuf,
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
    let bytes = read_limited(path, MAX_FILE_BYTES).map_err(|e| match e {
        ReadError::TooLarge { .. } => read_err(format!("{e}，不像是年报文件")),
        e => read_err(e.to_string()),
    })?;
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

/// Why a file the user named could not be read; the Chinese reason, without the path.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// A folder.
    #[error("这是一个文件夹，不是文件")]
    Directory,
    /// A device, socket or other special file: never read (a device may never end).
    #[error("这是设备文件（{kind}），不是保存在磁盘上的文件，不能读取；请选择一个文件")]
    Device {
        /// What kind, in Chinese.
        kind: &'static str,
    },
    /// Over the limit; `bytes` is the size when the system knows it (not for a pipe).
    #[error("{}", match bytes {
        Some(b) => format!("文件过大（{b} 字节，上限 {limit} 字节）"),
        None => format!("内容过多（超过上限 {limit} 字节）"),
    })]
    TooLarge {
        /// The size, when known.
        bytes: Option<u64>,
        /// The limit.
        limit: u64,
    },
    /// What the system said.
    #[error("{}", io_reason(.0))]
    Io(#[from] std::io::Error),
}

/// What kind of special file a file type is, when it is one that must not be read.
fn special_kind(ft: &fs::FileType) -> Option<&'static str> {
    if ft.is_file() || ft.is_dir() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            // A pipe ends when its writer closes it; read, but only up to the limit.
            return None;
        }
        if ft.is_char_device() {
            return Some("字符设备，如 /dev/zero");
        }
        if ft.is_block_device() {
            return Some("块设备，如磁盘分区");
        }
        if ft.is_socket() {
            return Some("套接字");
        }
    }
    Some("特殊文件")
}

/// Reads a file the user named, at most `limit` bytes. A folder or a device (/dev/zero,
/// /dev/urandom, a disk, a socket; CON or NUL on Windows) is refused before it is opened,
/// a regular file larger than the limit before it is read, and a pipe, or anything whose
/// size the system does not report, is read only up to the limit. Memory stays within
/// the limit whatever the path names.
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let check = |meta: &fs::Metadata| -> Result<(), ReadError> {
        let ft = meta.file_type();
        if ft.is_dir() {
            return Err(ReadError::Directory);
        }
        if let Some(kind) = special_kind(&ft) {
            return Err(ReadError::Device { kind });
        }
        if ft.is_file() && meta.len() > limit {
            return Err(ReadError::TooLarge {
                bytes: Some(meta.len()),
                limit,
            });
        }
        Ok(())
    };
    check(&fs::metadata(path)?)?;
    let file = fs::File::open(path)?;
    // What was opened, in case the path changed in between.
    let meta = file.metadata()?;
    check(&meta)?;
    let expected = if meta.file_type().is_file() {
        meta.len().min(limit)
    } else {
        0
    };
    let mut bytes = Vec::with_capacity(usize::try_from(expected).unwrap_or(0));
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        // A pipe's size is not known; a file may have grown while read.
        return Err(ReadError::TooLarge {
            bytes: meta.file_type().is_file().then_some(bytes.len() as u64),
            limit,
        });
    }
    Ok(bytes)
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
    for (what, counts) in [("blanks", &summed.blanks), ("not_read", &summed.not_read)] {
        for key in counts.keys() {
            let place = format!("summed.{what}.{key}");
            match CellKey::parse(key).and_then(|k| k.def()) {
                Some(def) if def.kind != CellKind::Total => {}
                _ => return Err((place, format!("“{key}”不是格式中的填报单元格"))),
            }
            let blank = summed.blanks.get(key).copied().unwrap_or(0);
            let not_read = summed.not_read.get(key).copied().unwrap_or(0);
            if blank as usize + not_read as usize > summed.units.len() {
                return Err((
                    place,
                    format!(
                        "未填的单位数 {blank} 与未能读出的单位数 {not_read} 之和多于汇总的单位数 {}",
                        summed.units.len()
                    ),
                ));
            }
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

/// Saves a report to a new file, never replacing one (see [`create_new`]).
pub fn save_new(report: &Report, path: &Path) -> Result<(), FileError> {
    create_new(path, to_json(report).as_bytes())
}

/// The folder a file is written in (the current one for a bare name).
fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Whether anything stands at `path`: a file, a folder, or a link, dangling or not.
pub fn something_at(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok()
}

/// Writes bytes to `path` through a temporary file beside it (write, flush, sync, rename),
/// so readers see the old content or the new, never a part. This replaces what is there:
/// only for the app's own files and for a target the user chose to replace.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    let existed = path.exists();
    let write_err = |e: std::io::Error| FileError::Write {
        path: path.to_path_buf(),
        reason: io_reason(&e),
        existed,
    };
    let (tmp, file) = tempfile_in(parent_dir(path)).map_err(write_err)?;
    let result = write_all_synced(file, bytes).and_then(|_| fs::rename(&tmp, path));
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        return Err(write_err(e));
    }
    Ok(())
}

/// Creates `path` with `bytes`, never replacing anything that is there: not a file saved
/// meanwhile under that name, not a link (dangling or not), not a file another run of
/// nianbao just created. The bytes go to a short-named temporary file beside the target,
/// which is then hard-linked to the target name (the system refuses if the name exists)
/// and removed. Where the file system has no hard links (FAT on a USB stick), Linux's
/// rename-without-replacing is used, and failing that the target is created exclusively
/// and written directly. The target is complete or absent, except in that last case.
pub fn create_new(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    let exists = || FileError::Exists {
        path: path.to_path_buf(),
    };
    let write_err = |e: std::io::Error| FileError::Write {
        path: path.to_path_buf(),
        reason: io_reason(&e),
        existed: false,
    };
    if something_at(path) {
        return Err(exists());
    }
    let dir = parent_dir(path);
    let (tmp, file) = tempfile_in(dir).map_err(write_err)?;
    if let Err(e) = write_all_synced(file, bytes) {
        let _ = fs::remove_file(&tmp);
        return Err(write_err(e));
    }
    let linked = fs::hard_link(&tmp, path);
    let result = match linked {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(exists()),
        Err(_) => match rename_noreplace(&tmp, path) {
            Some(Ok(())) => return Ok(()),
            Some(Err(e)) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(exists()),
            _ => write_exclusive(path, bytes).map_err(|e| {
                if e.kind() == std::io::ErrorKind::AlreadyExists {
                    exists()
                } else {
                    write_err(e)
                }
            }),
        },
    };
    let _ = fs::remove_file(&tmp);
    if result.is_ok() {
        sync_dir(dir);
    }
    result
}

/// Writes, flushes and syncs a new file, closing it.
fn write_all_synced(mut file: fs::File, bytes: &[u8]) -> std::io::Result<()> {
    file.write_all(bytes)?;
    file.flush()?;
    file.sync_all()
}

/// Creates `path` exclusively (refused if anything is there, a dangling link included)
/// and writes it; a partly written file that this call created is removed.
fn write_exclusive(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    let result = write_all_synced(file, bytes);
    if result.is_err() {
        let _ = fs::remove_file(path);
    }
    result
}

/// Linux's renameat2(RENAME_NOREPLACE): None where the system or file system lacks it.
#[cfg(target_os = "linux")]
fn rename_noreplace(from: &Path, to: &Path) -> Option<std::io::Result<()>> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let from = CString::new(from.as_os_str().as_bytes()).ok()?;
    let to = CString::new(to.as_os_str().as_bytes()).ok()?;
    // SAFETY: two valid NUL-terminated paths, relative to the current directory; the
    // system call reads them and touches no other memory.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            from.as_ptr(),
            libc::AT_FDCWD,
            to.as_ptr(),
            libc::RENAME_NOREPLACE,
        )
    };
    if rc == 0 {
        return Some(Ok(()));
    }
    let e = std::io::Error::last_os_error();
    match e.raw_os_error() {
        Some(libc::EINVAL | libc::ENOSYS | libc::EPERM | libc::EOPNOTSUPP) => None,
        _ => Some(Err(e)),
    }
}

#[cfg(not(target_os = "linux"))]
fn rename_noreplace(_from: &Path, _to: &Path) -> Option<std::io::Result<()>> {
    None
}

/// Makes a new name in a folder durable (best effort: not every system can sync a folder).
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Creates a new hidden temporary file in `dir`, with a short name (".nb" and a few hex
/// digits), so that a target whose own name is near the system's limit can still be
/// written beside it.
fn tempfile_in(dir: &Path) -> std::io::Result<(PathBuf, fs::File)> {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let mut attempt = 0u32;
    loop {
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let tmp = dir.join(format!(".nb{:x}-{n:x}.tmp", std::process::id()));
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
