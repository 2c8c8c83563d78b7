//! The importer on published reports in each damaged style: the seed as scraped from a
//! county bureau's website (tests/import/hotan-wenlv-2023-report.txt, a public web page
//! copied as text), PDF text as `pdftotext -layout` gives it, a web copy with run-together
//! rows, and Word-exported HTML.

use nianbao::check::{Severity, check};
use nianbao::file;
use nianbao::format::{CellKey, TableId, table_def};
use nianbao::import::{ImportError, Imported, import_bytes};
use nianbao::model::{Report, Value};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/import/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn import(name: &str) -> Imported {
    import_bytes(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn cell(key: &str) -> CellKey {
    CellKey::parse(key).unwrap_or_else(|| panic!("{key} is not a cell"))
}

fn count(r: &Report, key: &str) -> Option<u64> {
    r.input(cell(key)).and_then(Value::count)
}

/// The seed: every cell 0, every section text, headings as written.
#[test]
fn the_seed_imports_completely() {
    let imported = import("hotan-wenlv-2023-report.txt");
    let r = &imported.report;
    // Only the missing 成文日期-free details may be uncertain; every cell was read.
    assert!(
        imported.uncertain.iter().all(|u| u.cell.is_none()),
        "{:#?}",
        imported.uncertain
    );
    assert_eq!(r.details.agency_name, "和田县文旅局");
    assert_eq!(r.details.year, 2023);
    assert_eq!(
        r.details.publish_date.map(|d| d.to_string()),
        Some("2024-01-19".into())
    );
    assert!(
        r.details
            .opening
            .starts_with("依据《中华人民共和国政府信息公开条例》")
    );
    assert!(
        r.overview
            .lead
            .starts_with("2023年以来，我局在县委、县政府")
    );
    assert!(
        r.overview
            .proactive
            .contains("发布2610条平台阅读量及点击量13110万")
    );
    assert!(
        r.overview
            .on_request
            .contains("未收到依申请公开政府信息申请")
    );
    assert!(r.overview.management.contains("“三审”制度"));
    assert!(
        r.overview
            .platform
            .contains("实时为群众发布最新文旅动态信息")
    );
    assert!(
        r.overview
            .supervision
            .ends_with("未产生对干部职工的政府信息公开工作责任追究。")
    );
    assert_eq!(r.overview.headings[0].text, "（一）主动公开情况");
    assert_eq!(
        r.overview.headings[4].text,
        "（五）政府信息公开监督保障机制建设情况"
    );
    assert!(!r.overview.headings[0].run_in);
    assert_eq!(r.problems.lines().count(), 4, "{}", r.problems);
    assert!(r.other_matters.contains("本年度没有产生信息公开处理费"));
    // Every input cell of the three tables is 0 (the fee "0"), every total printed 0.
    for table in TableId::ALL {
        for c in table_def(table).cells() {
            match c.kind {
                nianbao::format::CellKind::Total => {
                    assert_eq!(r.printed_total(c.key), Some(0), "{}", c.key)
                }
                _ => assert!(
                    r.input(c.key).is_some_and(|v| v.to_string() == "0"),
                    "{}",
                    c.key
                ),
            }
        }
    }
    let findings = check(r, None);
    assert!(
        findings
            .iter()
            .all(|f| !matches!(f.rule, "R-row" | "R-sub" | "R-id" | "T4" | "value")),
        "{findings:#?}"
    );
}

/// PDF text (-layout): page numbers, running headers, spaces in sentences, labels broken
/// over lines with the figures beside them, "3,215", a run-in heading, and a wrong
/// printed total that check reports.
#[test]
fn pdf_layout_text_imports_with_its_printed_error() {
    let imported = import("pdf-layout.txt");
    let r = &imported.report;
    assert!(imported.uncertain.is_empty(), "{:#?}", imported.uncertain);
    assert_eq!(r.details.agency_name, "示例市交通运输局");
    assert_eq!(r.details.year, 2024);
    assert_eq!(
        r.details.signed_date.map(|d| d.to_string()),
        Some("2025-01-22".into())
    );
    assert!(
        r.details
            .opening
            .contains("（国办公开办函〔2021〕30号）要求编制。")
    );
    assert!(
        r.details
            .opening
            .contains("统计期限为2024年1月1日至2024年12月31日。")
    );
    assert_eq!(
        r.details.opening.lines().count(),
        1,
        "{}",
        r.details.opening
    );
    assert!(r.overview.lead.contains("受理政府信息公开申请126件"));
    assert_eq!(r.overview.headings[0].text, "（一）主动公开情况。");
    assert!(r.overview.headings[0].run_in);
    assert_eq!(
        r.overview.proactive,
        "2024年，我局通过门户网站主动公开政府信息1320条，发布政策解读36篇，回应社会关切15次。"
    );
    assert_eq!(count(r, "t2.normative_docs.valid"), Some(23));
    assert_eq!(count(r, "t2.licensing_decisions.count"), Some(3215));
    assert_eq!(count(r, "t2.punishment_decisions.count"), Some(482));
    assert_eq!(
        r.input(cell("t2.fees_wan_yuan.amount"))
            .map(|v| v.to_string()),
        Some("96171.6".into())
    );
    assert_eq!(count(r, "t3.new_received.natural_person"), Some(120));
    assert_eq!(count(r, "t3.r2_partial.other_org"), Some(1));
    assert_eq!(count(r, "t3.r3_4_third_party.natural_person"), Some(2));
    assert_eq!(count(r, "t3.r4_1_not_held.natural_person"), Some(18));
    assert_eq!(count(r, "t3.r6_1_no_correction.natural_person"), Some(1));
    assert_eq!(count(r, "t3.carried_forward.natural_person"), Some(2));
    assert_eq!(
        r.printed_total(cell("t3.r7_total.natural_person")),
        Some(119)
    );
    assert_eq!(r.printed_total(cell("t3.r7_total.total")), Some(124));
    assert_eq!(r.problems.lines().count(), 2, "{}", r.problems);
    let findings = check(r, None);
    let messages: Vec<&str> = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.message.as_str())
        .collect();
    assert!(
        messages.contains(&"表三（七）总计 自然人：印 119，应为 118（各项相加）"),
        "{messages:#?}"
    );
    assert!(
        findings
            .iter()
            .any(|f| f.rule == "R-id" && f.message.contains("按报告所印数字")),
        "{messages:#?}"
    );
}

/// A web copy whose rows ran together: one row only the 勾稽关系 can split, one that
/// nothing can split (flagged, left blank), lost labels, "1、", a split label.
#[test]
fn run_together_rows_are_split_by_arithmetic_or_flagged() {
    let imported = import("web-run-together.txt");
    let r = &imported.report;
    // "121000013" reads 12|1|0|0|0|0|13 or 1|2|10|0|0|0|13 by the row sum; the column
    // identity (一+二 = （七）+四) keeps only the first.
    for (col, n) in [
        ("natural_person", 12),
        ("commercial", 1),
        ("research", 0),
        ("social_welfare", 0),
        ("legal_service", 0),
        ("other_org", 0),
    ] {
        assert_eq!(
            count(r, &format!("t3.new_received.{col}")),
            Some(n),
            "{col}"
        );
    }
    assert_eq!(r.printed_total(cell("t3.new_received.total")), Some(13));
    // "2015" for 规范性文件 reads 2|0|15 or 20|1|5: nothing decides, so all three are
    // blank and listed with the text seen.
    let flagged: Vec<String> = imported
        .uncertain
        .iter()
        .filter_map(|u| u.cell.map(|k| k.to_string()))
        .collect();
    assert_eq!(
        flagged,
        [
            "t2.normative_docs.made",
            "t2.normative_docs.repealed",
            "t2.normative_docs.valid"
        ]
    );
    assert!(imported.uncertain.iter().all(|u| u.seen.contains("2015")));
    assert_eq!(r.input(cell("t2.normative_docs.made")), None);
    assert_eq!(count(r, "t2.licensing_decisions.count"), Some(36));
    assert_eq!(count(r, "t3.r4_1_not_held.natural_person"), Some(3));
    assert_eq!(count(r, "t3.r5_2_repeated.natural_person"), Some(1));
    assert_eq!(count(r, "t4.review.maintain"), Some(1));
    assert_eq!(r.printed_total(cell("t4.review.total")), Some(1));
    assert_eq!(r.details.signatory, "示例县某某局");
    assert_eq!(
        r.details.signed_date.map(|d| d.to_string()),
        Some("2025-01-20".into())
    );
    assert_eq!(
        r.details.publish_date.map(|d| d.to_string()),
        Some("2025-01-20".into())
    );
    assert_eq!(r.overview.headings[1].text, "（二）依申请公开情况");
    assert!(r.other_matters.starts_with("本年度未收取信息处理费。"));
    assert!(!r.other_matters.contains("扫一扫"));
    let findings = check(r, None);
    assert!(
        findings
            .iter()
            .all(|f| !matches!(f.rule, "R-row" | "R-sub" | "R-id" | "T4")),
        "{findings:#?}"
    );
}

/// Word-exported HTML: mso styles, <o:p>, conditional comments, entities, a table with
/// merges, a heading run into its paragraph.
#[test]
fn word_html_imports() {
    let imported = import("word-export.html");
    let r = &imported.report;
    assert!(imported.uncertain.is_empty(), "{:#?}", imported.uncertain);
    assert_eq!(r.details.agency_name, "示例区市场监督管理局");
    assert_eq!(r.details.year, 2023);
    assert_eq!(r.overview.headings[0].text, "（一）主动公开。");
    assert!(r.overview.headings[0].run_in);
    assert!(r.overview.proactive.starts_with("全年主动公开"));
    assert_eq!(count(r, "t3.new_received.natural_person"), Some(5));
    assert_eq!(count(r, "t3.r1_granted.natural_person"), Some(3));
    assert_eq!(count(r, "t4.litigation_direct.maintain"), Some(1));
    assert!(
        !check(r, None)
            .iter()
            .any(|f| matches!(f.rule, "R-row" | "R-sub" | "R-id" | "T4"))
    );
}

/// Our own PDF, extracted by pdftotext, comes back as it went in (when poppler is there).
#[test]
fn our_own_pdf_text_round_trips() {
    let Ok(out) = std::process::Command::new("pdftotext").arg("-v").output() else {
        eprintln!("pdftotext not installed: skipped");
        return;
    };
    let _ = out;
    let example = format!(
        "{}/assets/examples/example-city-2024.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let report = file::load(std::path::Path::new(&example)).expect("example loads");
    let pdf = nianbao::export::render(&report, None, nianbao::export::Format::Pdf)
        .expect("renders")
        .output;
    let dir = tempfile::tempdir().expect("tempdir");
    let pdf_path = dir.path().join("r.pdf");
    std::fs::write(&pdf_path, &pdf.bytes).expect("write");
    for mode in ["-layout", "-raw"] {
        let txt = dir.path().join(format!("r{mode}.txt"));
        let status = std::process::Command::new("pdftotext")
            .args([mode, "-enc", "UTF-8"])
            .arg(&pdf_path)
            .arg(&txt)
            .status()
            .expect("pdftotext runs");
        assert!(status.success());
        let imported = import_bytes(&std::fs::read(&txt).expect("read")).expect("imports");
        let back = &imported.report;
        let wrong: Vec<String> = Report::input_keys()
            .filter(|k| back.input(*k).is_some() && back.input(*k) != report.input(*k))
            .map(|k| format!("{k}: {:?} vs {:?}", back.input(k), report.input(k)))
            .collect();
        assert!(wrong.is_empty(), "{mode}: wrong cells {wrong:#?}");
        let missing = Report::input_keys()
            .filter(|k| back.input(*k).is_none() && report.input(*k).is_some())
            .count();
        assert_eq!(
            missing,
            imported
                .uncertain
                .iter()
                .filter(|u| u.cell.is_some_and(|k| k
                    .def()
                    .is_some_and(|d| d.kind != nianbao::format::CellKind::Total)))
                .count(),
            "{mode}: every blank is flagged"
        );
        assert_eq!(back.details.year, report.details.year, "{mode}");
    }
}

#[test]
fn bad_input_is_refused_in_chinese() {
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("binary", vec![0, 1, 2, 3, 255, 254, 0, 7]),
        ("pdf", b"%PDF-1.7\n...".to_vec()),
        ("huge", vec![b'a'; nianbao::import::MAX_INPUT_BYTES + 1]),
        (
            "not a report",
            "<html><body><p>欢迎访问本站。今日天气晴。</p></body></html>"
                .as_bytes()
                .to_vec(),
        ),
    ];
    for (name, bytes) in cases {
        let err = import_bytes(&bytes).expect_err(name);
        let text = err.to_string();
        assert!(
            text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{name}: {text}"
        );
    }
    let old = "某局2019年政府信息公开工作年度报告\n一、总体情况\n正文\n二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\n本年新制作数量\n本年新公开数量\n对外公开总数量\n规章\n0\n0\n0\n第二十条第（九）项\n政府集中采购\n0\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n六、其他需要报告的事项\n";
    match import_bytes(old.as_bytes()) {
        Err(ImportError::OldFormat { evidence, .. }) => {
            assert!(evidence.contains("本年新制作数量") && evidence.contains("政府集中采购"))
        }
        other => panic!("{other:?}"),
    }
}

/// Our own web copy, and the seed saved as GBK, come back whole.
#[test]
fn our_web_copy_and_a_gbk_page_round_trip() {
    for example in ["example-city-2024.json", "hotan-wenlv-2023.json"] {
        let path = format!("{}/assets/examples/{example}", env!("CARGO_MANIFEST_DIR"));
        let report = file::load(std::path::Path::new(&path)).expect("example loads");
        for fragment in [false, true] {
            let html = nianbao::export::html::write_html(&report, fragment);
            let imported = import_bytes(html.as_bytes()).expect("imports");
            let back = &imported.report;
            assert!(
                imported.uncertain.is_empty(),
                "{example}: {:#?}",
                imported.uncertain
            );
            for key in Report::input_keys() {
                assert_eq!(back.input(key), report.input(key), "{example}: {key}");
            }
            assert_eq!(back.details.year, report.details.year);
            assert_eq!(back.problems, report.problems, "{example}");
            assert_eq!(back.other_matters, report.other_matters, "{example}");
            assert_eq!(back.details.opening, report.details.opening, "{example}");
            assert_eq!(
                back.overview.proactive, report.overview.proactive,
                "{example}"
            );
            assert_eq!(
                back.details.signed_date, report.details.signed_date,
                "{example}"
            );
        }
    }
    let seed = String::from_utf8(fixture("hotan-wenlv-2023-report.txt")).expect("UTF-8");
    let (gbk, _, lossy) = encoding_rs::GB18030.encode(&seed);
    assert!(!lossy);
    let imported = import_bytes(&gbk).expect("GBK imports");
    assert_eq!(imported.report.details.agency_name, "和田县文旅局");
    assert!(imported.uncertain.iter().all(|u| u.cell.is_none()));
}

/// The seed damaged three more ways: CRLF with a page number and running header inside
/// table 三; each row's cells on its label's line; each row's cells run together into one
/// digit string ("0000000", which splits one way only).
#[test]
fn the_seed_damaged_other_ways_still_imports_completely() {
    let seed = String::from_utf8(fixture("hotan-wenlv-2023-report.txt")).expect("UTF-8");
    let lines: Vec<&str> = seed.lines().filter(|l| !l.trim().is_empty()).collect();
    let is_figure = |l: &str| !l.is_empty() && l.bytes().all(|b| b.is_ascii_digit());
    let mut paged = Vec::new();
    for l in &lines {
        paged.push(l.to_string());
        if l.starts_with("6.属于四类过程性信息") {
            paged.extend([
                "-2-".into(),
                "和田县文旅局政府信息公开工作2023年度报告".into(),
            ]);
        }
    }
    let mut one_line: Vec<String> = Vec::new();
    let mut run_together: Vec<String> = Vec::new();
    for l in &lines {
        match (one_line.last_mut(), run_together.last_mut()) {
            (Some(a), Some(b)) if is_figure(l) && !l.starts_with("2024") => {
                a.push(' ');
                a.push_str(l);
                if !b.ends_with(|c: char| c.is_ascii_digit()) {
                    b.push(' ');
                }
                b.push_str(l);
            }
            _ => {
                one_line.push(l.to_string());
                run_together.push(l.to_string());
            }
        }
    }
    for (name, text) in [
        ("paged", paged.join("\r\n")),
        ("one line", one_line.join("\n")),
        ("run together", run_together.join("\n")),
    ] {
        let imported = import_bytes(text.as_bytes()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            imported.uncertain.iter().all(|u| u.cell.is_none()),
            "{name}: {:#?}",
            imported.uncertain
        );
        let r = &imported.report;
        for key in Report::input_keys() {
            assert!(
                r.input(key).is_some_and(|v| v.to_string() == "0"),
                "{name}: {key}"
            );
        }
        assert_eq!(r.details.agency_name, "和田县文旅局", "{name}");
        assert_eq!(
            r.overview.headings[2].text, "（三）政府信息管理工作情况",
            "{name}"
        );
    }
}

/// A blank cell (an empty `<td>`) is read as blank and listed, never taken for cells run
/// together; a cell printed as a dash is read as 0, and the import says so.
#[test]
fn blank_cells_stay_blank_and_are_listed() {
    let path = format!(
        "{}/assets/examples/example-city-2024.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut report = file::load(std::path::Path::new(&path)).expect("example loads");
    let blank = cell("t3.new_received.commercial");
    report.set_input(blank, None);
    let html = nianbao::export::html::write_html(&report, false);
    let imported = import_bytes(html.as_bytes()).expect("imports");
    let flagged: Vec<CellKey> = imported.uncertain.iter().filter_map(|u| u.cell).collect();
    assert_eq!(flagged, [blank]);
    assert_eq!(imported.report.input(blank), None);
    assert_eq!(
        count(&imported.report, "t3.new_received.natural_person"),
        Some(86)
    );
    // A dash in text is the figure 0 ("—" for none), not a blank and not a separator.
    let seed = String::from_utf8(fixture("web-run-together.txt")).expect("UTF-8");
    let text = seed.replacen("行政许可\n36", "行政许可\n—", 1);
    let imported = import_bytes(text.as_bytes()).expect("imports");
    assert_eq!(
        count(&imported.report, "t2.licensing_decisions.count"),
        Some(0)
    );
    assert!(
        imported.notes.iter().any(|n| n.contains("按 0 读取")),
        "{:#?}",
        imported.notes
    );
    // In a row of figures: "12 — 0 — 0 / 12" is 12 0 0 0 0 0 12, not "1|2|…".
    let toks: Vec<String> = nianbao::import::split::tokens("12 — 0 —— 0 / 12")
        .into_iter()
        .map(|t| t.text)
        .collect();
    assert_eq!(toks, ["12", "0", "0", "0", "0", "0", "12"]);
}
