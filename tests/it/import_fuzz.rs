//! A short, deterministic fuzz run on stable Rust, part of every `cargo test`: the importer
//! and the JSON loader on mutations of real inputs (bytes flipped, cut, lines shuffled or
//! repeated, digits changed). The long runs use the cargo-fuzz targets in fuzz/.

use crate::Rng;
use nianbao::file;
use nianbao::import::import_bytes;

/// How many mutated inputs each test tries: the short default, or `NIANBAO_FUZZ_CASES`
/// for a long run (`NIANBAO_FUZZ_CASES=50000 cargo test --test it import_fuzz::`).
fn cases(default: usize) -> usize {
    std::env::var("NIANBAO_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut data = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        match rng.below(6) {
            0 if !data.is_empty() => {
                let i = rng.below(data.len());
                data[i] = rng.next_u64() as u8;
            }
            1 if !data.is_empty() => {
                let cut = rng.below(data.len());
                data.truncate(cut);
            }
            2 => {
                // Shuffle two lines.
                let text = String::from_utf8_lossy(&data).into_owned();
                let mut lines: Vec<&str> = text.lines().collect();
                if lines.len() > 2 {
                    let (a, b) = (rng.below(lines.len()), rng.below(lines.len()));
                    lines.swap(a, b);
                }
                data = lines.join("\n").into_bytes();
            }
            3 => {
                // Digits changed or run together.
                for b in data.iter_mut() {
                    if b.is_ascii_digit() && rng.below(8) == 0 {
                        *b = b'0' + rng.below(10) as u8;
                    }
                }
                data.retain(|&b| b != b'\n' || rng.below(6) != 0);
            }
            4 if !data.is_empty() => {
                // Repeat a slice.
                let a = rng.below(data.len());
                let b = (a + rng.below(400)).min(data.len());
                let slice = data[a..b].to_vec();
                data.splice(a..a, slice);
            }
            _ => {
                let i = rng.below(data.len() + 1);
                let junk = ["<", "&#x", "（", "-2-", "\u{c}", "1.", "总计", "三、", "\0"];
                data.splice(i..i, junk[rng.below(junk.len())].bytes());
            }
        }
    }
    data
}

fn seeds(dir: &str, ext: &[&str]) -> Vec<Vec<u8>> {
    let dir = format!("{}/{dir}", env!("CARGO_MANIFEST_DIR"));
    let mut out: Vec<Vec<u8>> = std::fs::read_dir(&dir)
        .expect("fixture dir")
        .flatten()
        .filter(|e| ext.iter().any(|x| e.path().to_string_lossy().ends_with(x)))
        .filter_map(|e| std::fs::read(e.path()).ok())
        .collect();
    out.sort();
    out
}

#[test]
fn importer_survives_mutated_reports() {
    let seeds = seeds("tests/import", &[".txt", ".html"]);
    assert!(seeds.len() >= 4);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for i in 0..cases(400) {
        let input = mutate(&mut rng, &seeds[i % seeds.len()]);
        if let Ok(imported) = import_bytes(&input) {
            let json = file::to_json(&imported.report);
            assert!(
                file::parse(&json).is_ok(),
                "case {i}: import wrote what load refuses"
            );
            let _ = nianbao::check::check(&imported.report, None);
        }
    }
}

/// The corpus's shapes too: markdown, page text run together, pages with furniture, and
/// PDFs (a mutated PDF is mostly refused as damaged; none may panic or hang).
#[test]
fn importer_survives_mutated_corpus() {
    let seeds = seeds("tests/corpus", &[".txt", ".html", ".md", ".pdf"]);
    assert!(seeds.len() >= 15);
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    for i in 0..cases(150) {
        let input = mutate(&mut rng, &seeds[i % seeds.len()]);
        if let Ok(imported) = import_bytes(&input) {
            let json = file::to_json(&imported.report);
            assert!(
                file::parse(&json).is_ok(),
                "case {i}: import wrote what load refuses"
            );
            let _ = nianbao::check::check(&imported.report, None);
        }
    }
}

#[test]
fn loader_survives_mutated_files() {
    let seeds = seeds("assets/examples", &[".json"]);
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    for i in 0..cases(2000) {
        let input = mutate(&mut rng, &seeds[i % seeds.len()]);
        if let Ok(text) = std::str::from_utf8(&input)
            && let Ok(report) = file::parse(text)
        {
            let _ = nianbao::check::check(&report, None);
            let _ = nianbao::export::html::write_html(&report, false);
        }
    }
}
