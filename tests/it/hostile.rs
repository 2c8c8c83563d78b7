//! Hostile and huge inputs (issue 19): import never hangs, memory stays bounded, devices
//! are refused, and nothing nianbao writes replaces a file or link it did not create.
//!
//! The mutation fuzz here is stable and deterministic: short in every `cargo test`, long
//! with `NIANBAO_HOSTILE_CASES` (`NIANBAO_HOSTILE_CASES=5000 cargo test --release --test it
//! hostile::`). Each input has a time and a memory budget, so a regression to exponential
//! or quadratic work, or to a copy of the input per character, fails a test.

use crate::Rng;
use crate::{nianbao, path_str, stderr};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use nianbao::file;
use nianbao::import::import_bytes;

/// Counts the bytes each thread has allocated and the most it held at once, so that one
/// test measures its own peak while others run.
struct Counting;

thread_local! {
    static NOW: Cell<usize> = const { Cell::new(0) };
    static PEAK: Cell<usize> = const { Cell::new(0) };
}

fn add(n: usize) {
    let _ = NOW.try_with(|now| {
        let v = now.get().saturating_add(n);
        now.set(v);
        let _ = PEAK.try_with(|p| p.set(p.get().max(v)));
    });
}

fn sub(n: usize) {
    let _ = NOW.try_with(|now| now.set(now.get().saturating_sub(n)));
}

// SAFETY: every call is passed to the system allocator unchanged; only counters change.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        add(layout.size());
        // SAFETY: the caller's layout, as given.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        sub(layout.size());
        // SAFETY: ptr was allocated by System with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        add(layout.size());
        // SAFETY: the caller's layout, as given.
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        add(new_size);
        sub(layout.size());
        // SAFETY: ptr was allocated by System with this layout.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Runs `f` and returns (its result, time taken, the most bytes this thread held beyond
/// what it held before).
fn measured<T>(f: impl FnOnce() -> T) -> (T, Duration, usize) {
    let base = NOW.with(Cell::get);
    PEAK.with(|p| p.set(base));
    let started = Instant::now();
    let out = f();
    let took = started.elapsed();
    let peak = PEAK.with(Cell::get).saturating_sub(base);
    (out, took, peak)
}

/// Time for one input of `bytes`: generous for a debug build on a shared machine, far
/// below what exponential or quadratic work takes (seconds to minutes at these sizes).
fn time_budget(bytes: usize) -> Duration {
    let scale = if cfg!(debug_assertions) { 8 } else { 1 };
    Duration::from_millis(scale * (250 + (bytes as u64) / 2_000))
}

/// Memory for one input: a small multiple of its size (the importer keeps a few indexes
/// of the text), plus a constant.
fn memory_budget(bytes: usize) -> usize {
    24 * bytes + 32 * 1024 * 1024
}

/// Imports `input` within the budgets; whatever it produced must reload and check.
fn import_within_budget(what: &str, input: &[u8]) {
    let (result, took, peak) = measured(|| {
        let result = import_bytes(input);
        if let Ok(imported) = &result {
            let json = file::to_json(&imported.report);
            assert!(
                file::parse(&json).is_ok(),
                "{what}: import wrote what load refuses"
            );
            let _ = nianbao::check::check(&imported.report, None);
        }
        result.is_ok()
    });
    let _ = result;
    assert!(
        took <= time_budget(input.len()),
        "{what}: {} bytes took {took:?} (budget {:?})",
        input.len(),
        time_budget(input.len())
    );
    assert!(
        peak <= memory_budget(input.len()),
        "{what}: {} bytes held {} MB at most (budget {} MB)",
        input.len(),
        peak >> 20,
        memory_budget(input.len()) >> 20
    );
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture")
}

fn seeds() -> Vec<Vec<u8>> {
    [
        "hotan-wenlv-2023-report.txt",
        "pdf-layout.txt",
        "web-run-together.txt",
        "word-export.html",
    ]
    .iter()
    .map(|n| fixture(n))
    .collect()
}

/// Byte offset of a char boundary at or before `i`.
fn boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// One hostile mutation of a real report: the shapes of issue 19.
fn hostile(rng: &mut Rng, seed: &[u8]) -> (String, Vec<u8>) {
    let text = String::from_utf8_lossy(seed).into_owned();
    let at = boundary(&text, rng.below(text.len()));
    match rng.below(8) {
        0 => {
            // A table row's figures run together into one long digit run.
            let len = 10 + rng.below(190);
            let digits: String = (0..len)
                .map(|_| {
                    let d = match rng.below(4) {
                        0 => 0,
                        1 => 9,
                        _ => rng.below(10),
                    };
                    char::from(b'0' + d as u8)
                })
                .collect();
            let row = [
                "四、行政复议\n",
                "总计\n",
                "一、本年新收政府信息公开申请数量 ",
                "",
            ];
            let mut out = text.clone();
            out.insert_str(at, &format!("{}{digits}\n", row[rng.below(row.len())]));
            ("digit run".into(), out.into_bytes())
        }
        1 => {
            // Every run of spaces and line breaks in a table gone: digits run together.
            let cut = boundary(&text, at + 3000);
            let squeezed: String = text[at..cut]
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            let out = format!("{}{squeezed}{}", &text[..at], &text[cut..]);
            ("squeezed".into(), out.into_bytes())
        }
        2 => {
            // A separator repeated: form feeds, line breaks, spaces, table bars.
            let sep = ["a\u{c}", "\u{c}", "\n", " ", "|", "\t", "\u{c}- 2 -\n"][rng.below(7)];
            let times = 1_000 + rng.below(60_000);
            let mut out = text.clone();
            out.insert_str(at, &sep.repeat(times));
            ("repeated separator".into(), out.into_bytes())
        }
        3 => {
            // A heading's words repeated on one long line.
            let heading = [
                "某总体情况",
                "一、总体情况",
                "二、主动公开政府信息情况",
                "其他",
                "总计",
                "三、本年度办理结果",
                "六、其他需要报告的事项",
            ][rng.below(7)];
            let times = 1_000 + rng.below(40_000);
            let mut out = text.clone();
            out.insert_str(at, &heading.repeat(times));
            ("repeated heading".into(), out.into_bytes())
        }
        4 => {
            // The whole report on one line, repeated up to about a megabyte.
            let flat = text.replace(['\n', '\r'], " ");
            let times = 1 + rng.below(1_000_000 / flat.len().max(1));
            ("one long line".into(), flat.repeat(times).into_bytes())
        }
        5 => {
            // The report repeated many times (many pages, many headings).
            let times = 2 + rng.below(60);
            ("repeated report".into(), text.repeat(times).into_bytes())
        }
        6 => {
            // Running headers: a form feed and the same line before every line.
            let out: String = text
                .lines()
                .map(|l| format!("{l}\n- 3 -\n\u{c}示例市某局2024年政府信息公开工作年度报告\n"))
                .collect();
            ("running lines".into(), out.into_bytes())
        }
        _ => {
            // Deep nesting and unclosed tags for the HTML reader.
            let tag = ["<div>", "<table><tr><td>", "<td>", "<p>", "<!--", "<br>"][rng.below(6)];
            let times = 1_000 + rng.below(30_000);
            let mut out = text.clone();
            out.insert_str(at, &tag.repeat(times));
            ("html tags".into(), out.into_bytes())
        }
    }
}

fn cases(default: usize) -> usize {
    std::env::var("NIANBAO_HOSTILE_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Budgeted tests run one at a time: the machine's time is shared.
static SERIAL: Mutex<()> = Mutex::new(());

#[test]
fn the_cases_of_issue_19_stay_within_budget() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let report = String::from_utf8(fixture("pdf-layout.txt")).expect("UTF-8");
    let t4 = "    0    0    0    0     0     0    0    0    0     0     0    0    0    0     0\n";
    assert!(report.contains(t4));
    // A consistent big-city 表四 row flattened to 40 digits, inside a full report: read.
    let cells = [
        2034u64, 356, 128, 87, 2605, 4021, 31, 15, 62, 4129, 713, 23, 0, 1, 737,
    ];
    let run: String = cells.iter().map(u64::to_string).collect();
    assert_eq!(run.len(), 40);
    let flattened = report.replace(t4, &format!("    {run}\n"));
    let (imported, took, _) = measured(|| import_bytes(flattened.as_bytes()));
    let imported = imported.expect("imports");
    assert!(took <= time_budget(flattened.len()), "{took:?}");
    let read: Vec<Option<u64>> = nianbao::format::table_def(nianbao::format::TableId::T4)
        .cells()
        .map(|c| {
            imported
                .report
                .input(c.key)
                .map(|v| v.to_string().parse().unwrap_or(u64::MAX))
                .or_else(|| imported.report.printed_total(c.key))
        })
        .collect();
    let expected: Vec<Option<u64>> = cells.iter().map(|&c| Some(c)).collect();
    assert_eq!(read, expected, "{:#?}", imported.uncertain);

    let cases: Vec<(&str, Vec<u8>)> = vec![
        (
            "37 nines and a 0 after 四、行政复议",
            format!("四、行政复议\n{} 0", "9".repeat(37)).into_bytes(),
        ),
        ("80,000 form feeds", "a\u{c}".repeat(80_000).into_bytes()),
        // 20 MB of one-letter lines: 7.3 s and 1.3 GB before the line limit, refused at once.
        (
            "10 million one-letter lines",
            "a\n".repeat(10_000_000).into_bytes(),
        ),
        (
            "a heading's words ×200,000 on one line",
            "某总体情况".repeat(200_000).into_bytes(),
        ),
        (
            "the report on one line, 4 MB",
            report.replace('\n', " ").repeat(750).into_bytes(),
        ),
        (
            "a 表四 of 180 nines in a report",
            report
                .replace(t4, &format!("{}\n", "9".repeat(180)))
                .into_bytes(),
        ),
    ];
    for (what, input) in cases {
        import_within_budget(what, &input);
    }
}

#[test]
fn mutated_reports_stay_within_budget() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let seeds = seeds();
    let mut rng = Rng(0x5DEE_CE66_D1CE_4E5B);
    for i in 0..cases(120) {
        let seed = &seeds[i % seeds.len()];
        let (what, input) = hostile(&mut rng, seed);
        import_within_budget(&format!("case {i} ({what})"), &input);
    }
}

#[cfg(unix)]
#[test]
fn devices_are_refused_at_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out_path = dir.path().join("out.json");
    let runs: [&[&str]; 4] = [
        &["import", "/dev/zero", "-o", path_str(&out_path)],
        &["check", "/dev/zero"],
        &["cells", "/dev/urandom"],
        &["render", "/dev/zero", "-o", "/dev/null/x.pdf"],
    ];
    for args in runs {
        let started = Instant::now();
        let out = nianbao(args);
        assert!(started.elapsed() < Duration::from_secs(5), "{args:?}");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(err.contains("设备文件"), "{args:?}: {err}");
        assert!(err.contains("/dev/"), "{args:?}: {err}");
    }
    assert!(!out_path.exists());
    // A folder is named as one.
    let out = nianbao(&["check", path_str(dir.path())]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("文件夹"), "{}", stderr(&out));
}

/// A named pipe that a thread fills with `bytes` (in pieces, as a pipe delivers them).
#[cfg(unix)]
fn fifo(dir: &Path, name: &str, bytes: Vec<u8>) -> (PathBuf, std::thread::JoinHandle<()>) {
    let path = dir.join(name);
    let made = Command::new("mkfifo").arg(&path).status().expect("mkfifo");
    assert!(made.success());
    let writer_path = path.clone();
    let writer = std::thread::spawn(move || {
        use std::io::Write;
        if let Ok(mut f) = std::fs::OpenOptions::new().write(true).open(&writer_path) {
            for chunk in bytes.chunks(64 * 1024) {
                if f.write_all(chunk).is_err() {
                    // The reader stopped at its limit and closed the pipe.
                    break;
                }
            }
        }
    });
    (path, writer)
}

#[cfg(unix)]
#[test]
fn pipes_are_read_up_to_the_limit() {
    let dir = tempfile::tempdir().expect("temp dir");
    // A report through a pipe imports.
    let (pipe, writer) = fifo(dir.path(), "report.fifo", fixture("pdf-layout.txt"));
    let out_path = dir.path().join("from-pipe.json");
    let out = nianbao(&["import", path_str(&pipe), "-o", path_str(&out_path)]);
    writer.join().expect("writer");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(file::load(&out_path).is_ok());
    // An endless stream through a pipe is cut at the limit, in the library too.
    let (pipe, writer) = fifo(dir.path(), "endless.fifo", vec![b'x'; 30 * 1024 * 1024]);
    let (read, _, peak) = measured(|| nianbao::import::read_input(&pipe));
    writer.join().expect("writer");
    let err = read.expect_err("over the limit").to_string();
    assert!(err.contains("超过上限"), "{err}");
    assert!(peak < 64 * 1024 * 1024, "{} MB", peak >> 20);
    let (pipe, writer) = fifo(dir.path(), "endless2.fifo", vec![b'{'; 30 * 1024 * 1024]);
    let err = file::load(&pipe).expect_err("over the limit").to_string();
    writer.join().expect("writer");
    assert!(
        err.contains("超过上限") && err.contains("endless2.fifo"),
        "{err}"
    );
}

#[test]
fn create_new_never_replaces() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("a.json");
    file::create_new(&target, b"first").expect("created");
    let err = file::create_new(&target, b"second").expect_err("exists");
    assert!(matches!(err, file::FileError::Exists { .. }), "{err}");
    assert!(err.to_string().contains("已存在，未覆盖"), "{err}");
    assert_eq!(std::fs::read(&target).expect("read"), b"first");
    // Nothing is left beside it.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("list")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["a.json"]);

    // Many writers racing for one name: exactly one wins, and its bytes are there.
    let raced = dir.path().join("raced.json");
    let handles: Vec<_> = (0..16)
        .map(|i| {
            let raced = raced.clone();
            std::thread::spawn(move || {
                file::create_new(&raced, format!("writer {i}").as_bytes()).map(|_| i)
            })
        })
        .collect();
    let winners: Vec<usize> = handles
        .into_iter()
        .filter_map(|h| h.join().expect("thread").ok())
        .collect();
    assert_eq!(winners.len(), 1, "{winners:?}");
    assert_eq!(
        std::fs::read_to_string(&raced).expect("read"),
        format!("writer {}", winners[0])
    );

    // A name near the system's limit (255 bytes) still works: the temporary name is short.
    let long = dir.path().join(format!("{}.json", "年".repeat(80)));
    assert!(long.file_name().map_or(0, |n| n.len()) > 240);
    file::create_new(&long, b"long").expect("a long name works");
    file::write_atomic(&long, b"long2").expect("and can be replaced on request");
}

#[cfg(unix)]
#[test]
fn links_count_as_existing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let dangling = dir.path().join("dangling.json");
    std::os::unix::fs::symlink(dir.path().join("nowhere"), &dangling).expect("symlink");
    let err = file::create_new(&dangling, b"x").expect_err("a dangling link exists");
    assert!(err.to_string().contains("已存在"), "{err}");
    assert!(
        std::fs::symlink_metadata(&dangling)
            .expect("still there")
            .is_symlink()
    );
    assert!(
        !dir.path().join("nowhere").exists(),
        "the link was not followed"
    );

    let out = nianbao(&[
        "import",
        "tests/import/pdf-layout.txt",
        "-o",
        path_str(&dangling),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("已存在"), "{}", stderr(&out));
    assert!(
        std::fs::symlink_metadata(&dangling)
            .expect("still there")
            .is_symlink()
    );
    let out = nianbao(&[
        "new",
        "--agency",
        "某局",
        "--year",
        "2024",
        "-o",
        path_str(&dangling),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!dir.path().join("nowhere").exists());
}

#[test]
fn imports_racing_for_one_name_leave_one_winner() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("report.json");
    let inputs = [
        "tests/import/pdf-layout.txt",
        "tests/import/hotan-wenlv-2023-report.txt",
    ];
    let expected: Vec<nianbao::model::Report> = inputs
        .iter()
        .map(|i| {
            import_bytes(&std::fs::read(i).expect("fixture"))
                .expect("imports")
                .report
        })
        .collect();
    for round in 0..4 {
        let _ = std::fs::remove_file(&target);
        let children: Vec<_> = inputs
            .iter()
            .map(|input| {
                Command::new(env!("CARGO_BIN_EXE_nianbao"))
                    .args(["import", input, "-o", path_str(&target)])
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .expect("runs")
            })
            .collect();
        let outputs: Vec<Output> = children
            .into_iter()
            .map(|c| c.wait_with_output().expect("waits"))
            .collect();
        let ok: Vec<usize> = (0..2)
            .filter(|&i| matches!(outputs[i].status.code(), Some(0 | 1)))
            .collect();
        assert_eq!(ok.len(), 1, "round {round}");
        let loser = 1 - ok[0];
        assert_eq!(outputs[loser].status.code(), Some(2));
        assert!(stderr(&outputs[loser]).contains("已存在"), "round {round}");
        let written = std::fs::read_to_string(&target).expect("the winner's file");
        assert!(
            written == file::to_json(&expected[ok[0]]),
            "round {round}: the file is not the winner's"
        );
    }
}
