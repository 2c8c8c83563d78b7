//! The command line as a clerk (or a script) uses it: exit codes, messages, files.

use crate::{nianbao, path_str, stderr, stdout};
use std::path::{Path, PathBuf};
use std::process::Command;

const EXAMPLES: [&str; 2] = [
    "assets/examples/hotan-wenlv-2023.json",
    "assets/examples/example-city-2024.json",
];

#[test]
fn check_passes_both_examples() {
    for example in EXAMPLES {
        let out = nianbao(&["check", example]);
        assert_eq!(out.status.code(), Some(0), "{example}: {}", stdout(&out));
    }
}

#[test]
fn check_fails_on_one_changed_cell_and_names_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = std::fs::read_to_string(EXAMPLES[1]).expect("example");
    // 表三 一、本年新收 自然人: 86 → 87 breaks 一+二 = （七）+四 in that column.
    let changed = text.replacen("\"natural_person\": 86", "\"natural_person\": 87", 1);
    assert_ne!(changed, text, "the example has the cell to change");
    let file = dir.path().join("changed.json");
    std::fs::write(&file, changed).expect("write");

    let out = nianbao(&["check", path_str(&file)]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("1 个错误"), "{text}");
    assert!(
        text.contains("自然人列：一+二=91，（七）总计+四=90"),
        "{text}"
    );
    assert!(text.contains("t3.new_received.natural_person"), "{text}");

    let out = nianbao(&["check", "--json", path_str(&file)]);
    assert_eq!(out.status.code(), Some(1));
    let findings: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON output");
    let first = &findings[0];
    assert_eq!(first["rule"], "R-id");
    assert_eq!(first["severity"], "error");
    assert_eq!(first["section"], "t3");
    assert!(
        first["cells"]
            .as_array()
            .expect("cells")
            .iter()
            .any(|c| c == "t3.new_received.natural_person")
    );
}

#[test]
fn check_with_previous_year() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Last year's report is this one relabelled: its carry-forward (商业企业 2) disagrees
    // with this year's carry-over (1), and its text is the same.
    let text = std::fs::read_to_string(EXAMPLES[1]).expect("example");
    let prev = text.replace("\"year\": 2024", "\"year\": 2023");
    assert_ne!(prev, text);
    let file = dir.path().join("prev.json");
    std::fs::write(&file, prev).expect("write");
    let out = nianbao(&["check", EXAMPLES[1], "--previous", path_str(&file)]);
    // Warnings only: still exit 0.
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(text.contains("警告［跨年］"), "{text}");
    assert!(text.contains("表三商业企业列"), "{text}");
    assert!(
        text.contains("警告［内容雷同］"),
        "same text as last year: {text}"
    );
}

#[test]
fn unreadable_files_exit_2_with_a_chinese_message() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("nope.json");
    let out = nianbao(&["check", path_str(&missing)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("无法读取文件"), "{}", stderr(&out));
    assert!(stderr(&out).contains("不存在"), "{}", stderr(&out));

    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{ \"format\": \"nianbao-report\", ").expect("write");
    let out = nianbao(&["check", path_str(&bad)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("第1行"), "{}", stderr(&out));

    let out = nianbao(&["cells", path_str(&missing)]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn new_writes_an_empty_report_and_never_overwrites() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file: PathBuf = dir.path().join("report.json");
    let out = nianbao(&[
        "new",
        "--agency",
        "某县某局",
        "--year",
        "2025",
        "-o",
        path_str(&file),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = nianbao::file::load(&file).expect("new report loads");
    assert_eq!(report.details.agency_name, "某县某局");
    assert_eq!(report.details.year, 2025);
    assert!(report.t3.is_empty(), "blank, not zero");

    // An empty report is incomplete: errors, exit 1.
    let out = nianbao(&["check", path_str(&file)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("尚未填写"));
    assert!(
        stdout(&out).contains("模板占位文字“XX”"),
        "{}",
        stdout(&out)
    );

    let before = std::fs::read(&file).expect("read");
    let out = nianbao(&[
        "new",
        "--agency",
        "另一局",
        "--year",
        "2025",
        "-o",
        path_str(&file),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("已存在，未覆盖"));
    assert_eq!(std::fs::read(&file).expect("read"), before);
}

#[test]
fn cells_lists_every_cell_with_labels_and_totals() {
    let out = nianbao(&["cells", EXAMPLES[1]]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 10 + 25 * 7 + 15);
    assert!(lines.iter().all(|l| l.split('\t').count() == 3));
    assert!(lines.contains(
        &"t2.fees_wan_yuan.amount\t表二 / 行政事业性收费 / 本年收费金额（单位：万元）\t1234.56"
    ));
    assert!(lines.contains(
        &"t3.new_received.total\t表三 / 一、本年新收政府信息公开申请数量 / 申请人情况 / 总计\t109"
    ));
    assert!(lines.contains(&"t4.review.total\t表四 / 行政复议 / 总计\t5"));
    assert!(lines.contains(
        &"t3.r7_total.total\t表三 / 三、本年度办理结果 / （七）总计 / 申请人情况 / 总计\t106"
    ));
}

#[test]
fn no_subcommand_opens_the_window_or_says_why_it_cannot() {
    // With no display at all, the window cannot open: say so in Chinese, and point at the
    // command line.
    let out = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env("XDG_RUNTIME_DIR", std::env::temp_dir())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("无法打开程序窗口"),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&nianbao(&["--help"])).contains("check"));
}

#[test]
fn command_line_mistakes_are_explained_in_chinese() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("r.json");
    let f = path_str(&file);
    // (arguments, what stderr must say)
    let cases: &[(&[&str], &str)] = &[
        (
            &["new", "--agency", "某局", "--year", "0", "-o", f],
            "报告年度 0 不在 2021—2100 年之间",
        ),
        (
            &["new", "--agency", "某局", "--year", "-1", "-o", f],
            "报告年度 -1 不在",
        ),
        (
            &["new", "--agency", "某局", "--year", "65536", "-o", f],
            "不在 2021—2100",
        ),
        (
            &["new", "--agency", "某局", "--year", "二〇二四", "-o", f],
            "不是年份",
        ),
        (&["new", "--agency", "某局", "-o", f], "缺少参数：--year"),
        (&["frob"], "没有“frob”这个命令，也找不到文件“frob”"),
        (&["check"], "缺少参数"),
        (&["check", "a.json", "--bogus"], "不认识的参数：--bogus"),
    ];
    for (args, phrase) in cases {
        let out = nianbao(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(err.contains(phrase), "{args:?}: {err}");
        assert!(
            !err.contains("error:"),
            "{args:?}: clap's English leaked: {err}"
        );
    }
    assert!(!file.exists(), "nothing written by a refused command");
    let help = stdout(&nianbao(&["check", "--help"]));
    assert!(help.contains("用法") && help.contains("显示帮助"), "{help}");
}

#[test]
fn import_writes_a_report_lists_what_it_could_not_read_and_never_overwrites() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out_file = dir.path().join("imported.json");
    let out = nianbao(&[
        "import",
        "tests/import/web-run-together.txt",
        "-o",
        path_str(&out_file),
    ]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}{}", stderr(&out));
    assert!(text.contains("以下 3 处无法确定"), "{text}");
    assert!(text.contains("t2.normative_docs.made"), "{text}");
    assert!(text.contains("原文：“2015"), "{text}");
    // Cells the importer could not read are not the author's errors: one warning names them.
    let check = nianbao(&["check", path_str(&out_file)]);
    let said = stdout(&check);
    assert_eq!(check.status.code(), Some(0), "{said}");
    assert!(said.contains("3 处未能读出，请对照原文"), "{said}");
    assert!(!said.contains("错误［completeness］表二"), "{said}");
    // Never overwritten.
    let again = nianbao(&[
        "import",
        "tests/import/web-run-together.txt",
        "-o",
        path_str(&out_file),
    ]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("已存在"), "{}", stderr(&again));

    let seed = dir.path().join("seed.json");
    let out = nianbao(&[
        "import",
        "tests/import/hotan-wenlv-2023-report.txt",
        "-o",
        path_str(&seed),
    ]);
    // The seed's cells all read; its page lacks a 落款, which is listed.
    assert!(
        stdout(&out).contains("成文日期") || out.status.code() == Some(0),
        "{}",
        stdout(&out)
    );
}

#[test]
fn import_refuses_bad_input_with_exit_2_and_no_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cases: [(&str, &[u8]); 3] = [
        ("empty.txt", b""),
        ("binary.bin", &[0, 159, 146, 150, 0, 0, 1]),
        (
            "page.html",
            "<html><body><p>欢迎访问。</p></body></html>".as_bytes(),
        ),
    ];
    for (name, bytes) in cases {
        let input = dir.path().join(name);
        std::fs::write(&input, bytes).expect("write");
        let output = dir.path().join(format!("{name}.json"));
        let out = nianbao(&["import", path_str(&input), "-o", path_str(&output)]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        assert!(
            stderr(&out).contains("无法导入"),
            "{name}: {}",
            stderr(&out)
        );
        assert!(!output.exists(), "{name}: no partial output");
    }
}

#[test]
fn render_writes_html_by_extension_and_a_fragment_on_request() {
    let dir = tempfile::tempdir().expect("temp dir");
    let page = dir.path().join("r.html");
    let out = nianbao(&["render", EXAMPLES[1], "-o", path_str(&page)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let html = std::fs::read_to_string(&page).expect("written");
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("lang=\"zh-CN\""));
    assert!(!html.contains("<script") && !html.contains("http"));
    let fragment = dir.path().join("f.htm");
    let out = nianbao(&[
        "render",
        EXAMPLES[1],
        "-o",
        path_str(&fragment),
        "--fragment",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let html = std::fs::read_to_string(&fragment).expect("written");
    assert!(html.starts_with("<article"));
    let out = nianbao(&[
        "render",
        EXAMPLES[1],
        "-o",
        path_str(&dir.path().join("r.odt")),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains(".pdf"), "{}", stderr(&out));
}

#[test]
fn new_from_last_year_starts_the_next_year_and_lists_stale_years() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Last year as a nianbao file.
    let file: PathBuf = dir.path().join("2024.json");
    let out = nianbao(&["new", "--from", EXAMPLES[1], "-o", path_str(&file)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let last = nianbao::file::load(Path::new(EXAMPLES[1])).expect("example");
    let new = nianbao::file::load(&file).expect("new report loads");
    assert_eq!(new.details.year, last.details.year + 1);
    assert_eq!(new.details.agency_name, last.details.agency_name);
    assert_eq!(new.problems, last.problems);
    let key = |row| nianbao::format::CellKey {
        table: nianbao::format::TableId::T3,
        row,
        col: "natural_person",
    };
    assert_eq!(
        new.count(key("carried_over")),
        last.count(key("carried_forward"))
    );
    assert_eq!(new.count(key("new_received")), None);
    let text = stdout(&out);
    assert!(
        text.contains("照搬自上年") && text.contains("2024年"),
        "{text}"
    );

    // Last year as a published page, read as `import` reads it; never overwrites.
    let from_text: PathBuf = dir.path().join("2024-from-web.json");
    let out = nianbao(&[
        "new",
        "--from",
        "tests/import/hotan-wenlv-2023-report.txt",
        "-o",
        path_str(&from_text),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        nianbao::file::load(&from_text).expect("loads").details.year,
        2024
    );
    let out = nianbao(&["new", "--from", EXAMPLES[1], "-o", path_str(&file)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("已存在，未覆盖"));
    // Either --from or both --agency and --year.
    let out = nianbao(&["new", "-o", path_str(&dir.path().join("x.json"))]);
    assert_eq!(out.status.code(), Some(2));
}
