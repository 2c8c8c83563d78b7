//! Benchmark of `nianbao audit` and `nianbao sum` on generated folders of mixed forms
//! (report files, published web pages, plain text as copied from a page), with last
//! year's reports to pair: `cargo bench --bench audit [-- COUNT…]` (default 300 and
//! 3000). Each count is generated once, then audited in fresh processes (so the peak
//! memory is the audit's own), five runs each; the median wall time and the largest
//! peak resident memory (VmHWM) are printed.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use nianbao::audit::{self, Progress};
use nianbao::file;
use nianbao::model::{Report, Value};

const RUNS: usize = 5;

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    if args.first().map(String::as_str) == Some("--measure") {
        measure(&args[1..]);
        return;
    }
    let counts: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let counts = if counts.is_empty() {
        vec![300, 3000]
    } else {
        counts
    };
    let exe = std::env::current_exe().expect("own path");
    for n in counts {
        let dir = tempfile::tempdir().expect("temp dir");
        let started = Instant::now();
        let bytes = generate(dir.path(), n);
        println!(
            "{n} 份报告（{:.1} MB，另有上年 {n} 份），生成用时 {:.1} s",
            bytes as f64 / 1e6,
            started.elapsed().as_secs_f64()
        );
        for what in ["audit", "audit-previous", "sum"] {
            let mut times = Vec::new();
            let mut peak_kb = 0u64;
            for _ in 0..RUNS {
                let out = Command::new(&exe)
                    .args(["--measure", what])
                    .arg(dir.path())
                    .output()
                    .expect("runs");
                let text = String::from_utf8_lossy(&out.stdout);
                let mut parts = text.split_whitespace();
                let ms: f64 = parts.next().and_then(|t| t.parse().ok()).expect("time");
                let kb: u64 = parts.next().and_then(|t| t.parse().ok()).unwrap_or(0);
                times.push(ms);
                peak_kb = peak_kb.max(kb);
            }
            times.sort_by(f64::total_cmp);
            println!(
                "  {what:<15} 中位数 {:>8.1} ms（{} 次：{}），峰值内存 {:.0} MB",
                times[RUNS / 2],
                RUNS,
                times
                    .iter()
                    .map(|t| format!("{t:.0}"))
                    .collect::<Vec<_>>()
                    .join(" "),
                peak_kb as f64 / 1024.0
            );
        }
    }
}

/// Runs one audit or sum in this fresh process: prints "milliseconds peak-kB".
fn measure(args: &[String]) {
    let (what, dir) = (args[0].as_str(), PathBuf::from(&args[1]));
    let this = vec![dir.join("2024")];
    let started = Instant::now();
    match what {
        "sum" => {
            let out = dir.join(format!("sum-{}.nianbao", std::process::id()));
            let code = nianbao::cli::run(
                nianbao::cli::Command::Sum {
                    paths: vec![dir.join("2024").join("json")],
                    output: out.clone(),
                    agency: Some("示例省".into()),
                    year: Some(2024),
                },
                &mut std::io::sink(),
                &mut std::io::stderr(),
            );
            assert_eq!(code, 0);
            let _ = std::fs::remove_file(out);
        }
        _ => {
            let previous = if what == "audit-previous" {
                vec![dir.join("2023")]
            } else {
                Vec::new()
            };
            let result =
                audit::audit(&this, &previous, &[], &Progress::default()).expect("not cancelled");
            assert!(!result.rows.is_empty());
        }
    }
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    println!("{ms:.1} {}", peak_kb());
}

fn peak_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

/// Writes `n` units' reports for 2024 (half report files in `json/`, a quarter web pages,
/// a quarter plain text) and their 2023 reports; returns the bytes written for 2024.
fn generate(dir: &Path, n: usize) -> u64 {
    let base = file::load(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/examples/example-city-2024.json"
    )))
    .expect("example loads");
    let other = file::load(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/examples/hotan-wenlv-2023.json"
    )))
    .expect("example loads");
    for sub in ["2024/json", "2024/web", "2024/text", "2023"] {
        std::fs::create_dir_all(dir.join(sub)).expect("mkdir");
    }
    let mut bytes = 0u64;
    for i in 0..n {
        let mut r = base.clone();
        r.details.agency_name = format!("示例省第{i}单位");
        r.details.agency_short_name = String::new();
        r.details.signatory = String::new();
        let key = nianbao::format::CellKey::parse("t2.licensing_decisions.count").expect("key");
        r.set_input(key, Some(Value::Count(1000 + i as u64)));
        let mut prev: Report = r.clone();
        prev.details.year = 2023;
        prev.overview = other.overview.clone();
        prev.problems = other.problems.clone();
        file::save(&prev, &dir.join("2023").join(format!("u{i}.nianbao"))).expect("save");
        let (path, content) = match i % 4 {
            0 | 1 => (
                dir.join("2024/json").join(format!("u{i}.nianbao")),
                file::to_json(&r),
            ),
            2 => (
                dir.join("2024/web").join(format!("u{i}.html")),
                nianbao::export::html::write_html(&r, false),
            ),
            _ => (
                dir.join("2024/text").join(format!("u{i}.txt")),
                nianbao::import::html::to_text(&nianbao::export::html::write_html(&r, false)),
            ),
        };
        bytes += content.len() as u64;
        std::fs::write(path, content).expect("write");
    }
    bytes
}
