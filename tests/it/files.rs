//! Report files: round trips, bad input with clear Chinese messages, atomic saving.

use std::path::Path;

use nianbao::file::{self, FileError};

const EXAMPLES: [&str; 2] = [
    "assets/examples/hotan-wenlv-2023.json",
    "assets/examples/example-city-2024.json",
];

#[test]
fn examples_round_trip_unchanged() {
    for example in EXAMPLES {
        let text = std::fs::read_to_string(example).expect("example");
        let report = file::parse(&text).unwrap_or_else(|e| panic!("{example}: {e:?}"));
        assert_eq!(
            file::to_json(&report),
            text,
            "{example} saves byte for byte as read"
        );
        let dir = tempfile::tempdir().expect("temp dir");
        let copy = dir.path().join("copy.json");
        file::save(&report, &copy).expect("save");
        assert_eq!(file::load(&copy).expect("load"), report);
    }
}

#[test]
fn the_fee_keeps_its_digits() {
    let text = std::fs::read_to_string(EXAMPLES[1])
        .expect("example")
        .replace("\"1234.56\"", "\"24252.311082\"");
    let report = file::parse(&text).expect("parses");
    assert!(file::to_json(&report).contains("\"amount\": \"24252.311082\""));
}

/// Replaces the first occurrence of `from` in the realistic example and parses the result.
fn parse_edited(from: &str, to: &str) -> (String, String) {
    let text = std::fs::read_to_string(EXAMPLES[1]).expect("example");
    assert!(text.contains(from), "example contains {from}");
    file::parse(&text.replacen(from, to, 1)).expect_err("must be rejected")
}

#[test]
fn bad_input_gets_a_clear_message_and_place() {
    let big = format!("\"problems\": \"{}", "长".repeat(10 * 1024 * 1024 / 3));
    // (what, from, to, expected place fragment, expected message fragment)
    let cases: Vec<(&str, &str, String, &str, &str)> = vec![
        (
            "malformed JSON",
            "\"year\": 2024,",
            "\"year\": 2024,,".into(),
            "第",
            "不是有效的 JSON",
        ),
        (
            "newer version",
            "\"version\": 1",
            "\"version\": 7".into(),
            "version",
            "更新版本",
        ),
        (
            "unknown version",
            "\"version\": 1",
            "\"version\": 0".into(),
            "version",
            "未知的文件版本",
        ),
        (
            "foreign file",
            "\"format\": \"nianbao-report\"",
            "\"format\": \"other\"".into(),
            "format",
            "不是年报文件",
        ),
        (
            "negative count",
            "\"natural_person\": 86",
            "\"natural_person\": -3".into(),
            "第",
            "不能为负数（-3）",
        ),
        (
            "non-numeric count",
            "\"natural_person\": 86",
            "\"natural_person\": \"八十六\"".into(),
            "第",
            "“八十六”不是非负数字",
        ),
        (
            "decimal count",
            "\"natural_person\": 86",
            "\"natural_person\": 8.6".into(),
            "第",
            "应为整数",
        ),
        (
            "string in a count cell",
            "\"natural_person\": 86",
            "\"natural_person\": \"86\"".into(),
            "t3.new_received.natural_person",
            "应为非负整数件数",
        ),
        (
            "huge count",
            "\"natural_person\": 86",
            "\"natural_person\": 99999999999999999999".into(),
            "第",
            "过大",
        ),
        (
            "count above the limit",
            "\"natural_person\": 86",
            "\"natural_person\": 1000000000000".into(),
            "第",
            "过大",
        ),
        (
            "stored total",
            "\"natural_person\": 86",
            "\"total\": 109, \"natural_person\": 86".into(),
            "t3.new_received.total",
            "由程序计算",
        ),
        (
            "unknown cell",
            "\"natural_person\": 86",
            "\"robots\": 1, \"natural_person\": 86".into(),
            "t3.new_received.robots",
            "不是格式中的单元格",
        ),
        (
            "unknown field",
            "\"problems\":",
            "\"remarks\": \"\", \"problems\":".into(),
            "第",
            "未知字段“remarks”",
        ),
        (
            "missing field",
            "\"year\": 2024,",
            "".into(),
            "第",
            "缺少字段“year”",
        ),
        (
            "bad date",
            "\"2025-01-20\"",
            "\"2025-02-30\"".into(),
            "第",
            "日期“2025-02-30”无效",
        ),
        (
            "bad agency kind",
            "\"department\"",
            "\"bureau\"".into(),
            "第",
            "“bureau”不是可选的值（可选：department 或 government）",
        ),
        (
            "null in a cell",
            "\"natural_person\": 86",
            "\"natural_person\": null".into(),
            "第",
            "空白的单元格请直接删去这一项",
        ),
        (
            "decimal year",
            "\"year\": 2024",
            "\"year\": 2024.0".into(),
            "第",
            "这里是小数 2024.0，应为整数",
        ),
        (
            "whole count with a point",
            "\"natural_person\": 86",
            "\"natural_person\": 86.0".into(),
            "第",
            "件数请写成整数 86",
        ),
        (
            "number for a text",
            "\"problems\": \"",
            "\"problems\": 5, \"x\": \"".into(),
            "第",
            "这里是整数 5，应为字符串",
        ),
        (
            "10 MB string",
            "\"problems\": \"",
            big,
            "problems",
            "文字过长",
        ),
        (
            "bad fee",
            "\"1234.56\"",
            "\"1,234.56\"".into(),
            "第",
            "“1,234.56”不是非负数字",
        ),
    ];
    for (what, from, to, place, message) in cases {
        let (got_place, got_message) = parse_edited(from, &to);
        assert!(got_place.contains(place), "{what}: place {got_place}");
        assert!(
            got_message.contains(message),
            "{what}: message {got_message}"
        );
    }
}

#[test]
fn load_names_the_file_and_never_panics_on_odd_bytes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cases: [(&str, &[u8], &str); 5] = [
        ("empty.json", b"", "文件是空的"),
        ("latin1.json", b"{\"format\": \"\xe9\"}", "不是 UTF-8"),
        ("array.json", b"[1, 2, 3]", "以 { 开头的 JSON 对象"),
        ("null.json", b"null", "以 { 开头的 JSON 对象"),
        (
            "half.json",
            b"{\"format\": \"nianbao-report\", \"version\": 1, \"details\": {",
            "文件不完整",
        ),
    ];
    for (name, bytes, phrase) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        let err = file::load(&path).expect_err(name);
        let text = err.to_string();
        assert!(text.contains(name), "{name}: {text}");
        assert!(text.contains(phrase), "{name}: {text}");
        assert_eq!(
            std::fs::read(&path).expect("still there"),
            bytes,
            "{name} untouched"
        );
    }
    // A file far larger than any report is refused before it is read.
    let huge = dir.path().join("huge.json");
    std::fs::write(&huge, vec![b' '; (file::MAX_FILE_BYTES + 1) as usize]).expect("write");
    let err = file::load(&huge).expect_err("too large").to_string();
    assert!(err.contains("文件过大"), "{err}");
    // Deep nesting hits serde_json's recursion limit: an error, not a stack overflow.
    let deep = dir.path().join("deep.json");
    std::fs::write(&deep, "[".repeat(100_000)).expect("write");
    let err = file::load(&deep).expect_err("too deep").to_string();
    assert!(err.contains("deep.json"), "{err}");

    let err = file::load(dir.path()).expect_err("a folder is not a report");
    assert!(matches!(err, FileError::Read { .. }), "{err}");
}

#[test]
fn a_failed_save_keeps_the_old_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let report = file::load(Path::new(EXAMPLES[0])).expect("example");

    // Target is a folder: the rename fails, the folder and its content stay, no temp is left.
    let folder = dir.path().join("report.json");
    std::fs::create_dir(&folder).expect("mkdir");
    std::fs::write(folder.join("keep.txt"), "keep").expect("write");
    let err = file::save(&report, &folder).expect_err("cannot replace a folder");
    assert!(err.to_string().contains("原文件未改动"), "{err}");
    assert_eq!(
        std::fs::read_to_string(folder.join("keep.txt")).expect("kept"),
        "keep"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");

    // Missing folder: nothing written anywhere.
    let err = file::save(&report, &dir.path().join("no/such/dir/r.json")).expect_err("no dir");
    assert!(err.to_string().contains("不存在"), "{err}");
    assert!(
        !err.to_string().contains("原文件"),
        "there was no file to keep: {err}"
    );

    // A successful save replaces the old content whole.
    let target = dir.path().join("ok.json");
    std::fs::write(&target, "old").expect("write");
    file::save(&report, &target).expect("save");
    assert_eq!(file::load(&target).expect("load"), report);
}

/// Version 2 adds the headings as written and the printed totals; a report that uses
/// neither is still written as version 1, and version-1 files load.
#[test]
fn version_2_only_when_its_fields_are_used() {
    let text = std::fs::read_to_string("assets/examples/example-city-2024.json").expect("example");
    assert!(text.contains("\"version\": 1"));
    let mut report = file::parse(&text).expect("version 1 loads");
    assert!(file::to_json(&report).contains("\"version\": 1"));
    report.overview.headings[0].text = "（一）主动公开情况".into();
    report.overview.headings[0].run_in = true;
    let key = nianbao::format::CellKey::parse("t3.r7_total.natural_person").expect("key");
    report.set_printed(key, Some(125));
    let json = file::to_json(&report);
    assert!(json.contains("\"version\": 2"), "{json}");
    assert_eq!(file::parse(&json).expect("version 2 loads"), {
        let mut r = report.clone();
        r.version = 2;
        r
    });
    // Only totals may be recorded as printed.
    let bad = json.replace("t3.r7_total.natural_person", "t3.r1_granted.natural_person");
    let (place, message) = file::parse(&bad).expect_err("an input cell is not a printed total");
    assert!(place.starts_with("printed."), "{place}");
    assert!(message.contains("合计"), "{message}");
}
