//! `nianbao audit` and `nianbao sum` on a generated folder of units' reports with planted
//! defects: each defect on its unit and nothing else; the 汇总 against a sum computed
//! here independently; the workbook read back; the app's audit window driven by kittest.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use nianbao::audit::{self, Progress, Status};
use nianbao::cli::{Command, run};
use nianbao::file;
use nianbao::format::CellKey;
use nianbao::model::{Amount, Date, Report, Value};

const EXAMPLE: &str = "assets/examples/example-city-2024.json";
const OTHER: &str = "assets/examples/hotan-wenlv-2023.json";

fn key(text: &str) -> CellKey {
    CellKey::parse(text).unwrap_or_else(|| panic!("no cell {text}"))
}

/// A clean unit report: the example under another name, its figures varied by `i` with
/// the prose kept in step, so it raises no finding at all.
fn unit(i: u64) -> Report {
    let mut r = file::load(Path::new(EXAMPLE)).expect("example loads");
    let d = &mut r.details;
    d.agency_name = format!("示例县第{i}局");
    d.agency_short_name = String::new();
    d.signatory = String::new();
    let add = |r: &mut Report, k: &str, n: u64| {
        let k = key(k);
        let old = r.input(k).and_then(Value::count).unwrap_or(0);
        r.set_input(k, Some(Value::Count(old + n)));
    };
    add(&mut r, "t3.new_received.natural_person", i);
    add(&mut r, "t3.r1_granted.natural_person", i);
    r.overview.on_request = r
        .overview
        .on_request
        .replace("申请109件", &format!("申请{}件", 109 + i))
        .replace("办结106件", &format!("办结{}件", 106 + i));
    r.set_input(
        key("t2.fees_wan_yuan.amount"),
        Some(Value::Amount(
            Amount::parse(&format!("{}.{:03}", 1234 + i, i % 1000)).expect("amount"),
        )),
    );
    r
}

/// Last year's report of a unit: other wording (another agency's texts), the figures that
/// the cross-year rules compare kept in step with this year's.
fn last_year(this: &Report) -> Report {
    let other = file::load(Path::new(OTHER)).expect("example loads");
    let mut r = this.clone();
    r.details.year = 2023;
    r.details.publish_date = Date::new(2024, 1, 22);
    r.details.signed_date = Date::new(2024, 1, 22);
    r.overview = other.overview.clone();
    r.problems = other.problems.clone();
    r.other_matters = other.other_matters.clone();
    for col in [
        "natural_person",
        "commercial",
        "research",
        "social_welfare",
        "legal_service",
        "other_org",
    ] {
        let carried = this.input(key(&format!("t3.carried_over.{col}"))).cloned();
        r.set_input(key(&format!("t3.carried_forward.{col}")), carried);
    }
    for row in ["regulations", "normative_docs"] {
        let n = |c: &str| this.count(key(&format!("t2.{row}.{c}"))).unwrap_or(0);
        let valid = n("valid") + n("repealed") - n("made");
        r.set_input(key(&format!("t2.{row}.valid")), Some(Value::Count(valid)));
    }
    r
}

const OLD_FORMAT: &str = "某局2019年政府信息公开工作年度报告\n一、总体情况\n正文\n二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\n本年新制作数量\n本年新公开数量\n对外公开总数量\n规章\n0\n0\n0\n第二十条第（九）项\n政府集中采购\n0\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n六、其他需要报告的事项\n";

/// The planted folder: this year's units (report files and web pages) and last year's.
struct Planted {
    _dir: tempfile::TempDir,
    this_year: PathBuf,
    last_year: PathBuf,
}

fn planted() -> Planted {
    let dir = tempfile::tempdir().expect("temp dir");
    let this_year = dir.path().join("2024");
    let last_dir = dir.path().join("2023");
    fs::create_dir_all(this_year.join("乡镇")).expect("mkdir");
    fs::create_dir_all(&last_dir).expect("mkdir");
    let save = |r: &Report, path: PathBuf| file::save(r, &path).expect("save");
    // A published web page: our web copy inside the site's furniture, which carries the
    // page's 发布时间 as real pages do.
    let web = |r: &Report, path: PathBuf| {
        let page = nianbao::export::html::write_html(r, false);
        let date = r
            .details
            .publish_date
            .map(|d| d.to_string())
            .unwrap_or_default();
        let page = page.replacen(
            "<body>",
            &format!("<body>\n<div class=\"info\">发布时间：{date} 09:30　来源：本单位</div>"),
            1,
        );
        fs::write(path, page).expect("write")
    };
    for i in 1..=16 {
        let mut r = unit(i);
        let prev = last_year(&r);
        save(&prev, last_dir.join(format!("u{i:02}-2023.nianbao")));
        match i {
            // A wrong printed total.
            11 => {
                let total = key("t3.r7_total.total");
                let right = r.count(total).unwrap_or(0);
                r.set_printed(total, Some(right + 10));
            }
            // Prose that disagrees with the table.
            12 => {
                r.overview.on_request = r.overview.on_request.replace("申请121件", "申请131件");
            }
            // Published late.
            13 => r.details.publish_date = Date::new(2025, 3, 15),
            // Last year's 五 copied, only the year changed.
            14 => r.problems = prev.problems.replace("2023", "2024"),
            // A report of another year.
            15 => {
                r.details.year = 2022;
                r.details.opening = r.details.opening.replace("2024", "2022");
                r.details.publish_date = Date::new(2023, 1, 20);
                r.details.signed_date = Date::new(2023, 1, 20);
            }
            _ => {}
        }
        // Units 4–6 are published web pages, in a subfolder.
        if (4..=6).contains(&i) {
            web(&r, this_year.join("乡镇").join(format!("u{i:02}.html")));
        } else {
            save(&r, this_year.join(format!("u{i:02}.nianbao")));
        }
        // Unit 3 also sent its web page: a duplicate.
        if i == 3 {
            web(&r, this_year.join("u03-网页版.html"));
        }
    }
    fs::write(this_year.join("old-2019.txt"), OLD_FORMAT).expect("write");
    fs::write(
        this_year.join("junk.bin"),
        [0u8, 159, 146, 150, 255, 0, 7, 1, 2, 3, 4, 5],
    )
    .expect("write");
    fs::write(this_year.join("empty.txt"), "").expect("write");
    fs::write(
        this_year.join("通知.txt"),
        "关于报送年度报告的通知\n请各单位于1月31日前报送。\n",
    )
    .expect("write");
    Planted {
        _dir: dir,
        this_year,
        last_year: last_dir,
    }
}

fn run_audit(p: &Planted) -> audit::Audit {
    audit::audit(
        std::slice::from_ref(&p.this_year),
        std::slice::from_ref(&p.last_year),
        &[],
        &Progress::default(),
    )
    .expect("not cancelled")
}

fn name_of(row: &audit::UnitRow) -> String {
    row.path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[test]
fn each_planted_defect_is_on_its_unit_and_nothing_else() {
    let p = planted();
    let result = run_audit(&p);
    assert_eq!(result.year, Some(2024));
    let rows: BTreeMap<String, &audit::UnitRow> =
        result.rows.iter().map(|r| (name_of(r), r)).collect();
    assert_eq!(rows.len(), 21, "{:?}", rows.keys().collect::<Vec<_>>());
    let rules = |name: &str| -> BTreeSet<String> {
        rows[name].findings.iter().map(|f| f.rule.clone()).collect()
    };
    let set =
        |items: &[&str]| -> BTreeSet<String> { items.iter().map(|s| s.to_string()).collect() };

    // What each planted file must show, and nothing more.
    let expected: [(&str, Status, &[&str]); 9] = [
        ("u11.nianbao", Status::NeedsChanges, &["R-row", "R-id"]),
        ("u12.nianbao", Status::Passed, &["prose"]),
        ("u13.nianbao", Status::Passed, &["timeliness"]),
        ("u14.nianbao", Status::Passed, &["boilerplate"]),
        (
            "u15.nianbao",
            Status::NeedsChanges,
            &["audit-year", "cross-year"],
        ),
        ("u03-网页版.html", Status::Duplicate, &["audit-duplicate"]),
        ("old-2019.txt", Status::OldFormat, &["audit-old-format"]),
        ("junk.bin", Status::Unreadable, &["audit-unreadable"]),
        ("empty.txt", Status::Unreadable, &["audit-unreadable"]),
    ];
    for (name, status, want) in expected {
        let row = rows[name];
        assert_eq!(row.status, status, "{name}: {:#?}", row.findings);
        assert_eq!(rules(name), set(want), "{name}: {:#?}", row.findings);
    }
    assert_eq!(rows["通知.txt"].status, Status::Unreadable);
    assert!(
        rows["通知.txt"]
            .reason
            .as_deref()
            .is_some_and(|r| r.contains("不像是")),
        "{:?}",
        rows["通知.txt"].reason
    );
    // The printed total's error points at the cell.
    assert!(
        rows["u11.nianbao"]
            .findings
            .iter()
            .any(|f| f.cells.iter().any(|c| c == "t3.r7_total.total"))
    );
    // Late: only unit 13.
    for (name, row) in &rows {
        let late = row.late == Some(true);
        assert_eq!(late, name.as_str() == "u13.nianbao", "{name}");
    }
    // Near copies of last year: only 五 of unit 14, 100% once digits are folded.
    for (name, row) in &rows {
        let copies: Vec<&str> = row
            .similarity
            .iter()
            .filter(|s| s.near_copy())
            .map(|s| s.key)
            .collect();
        if name == "u14.nianbao" {
            assert_eq!(copies, ["problems"], "{:#?}", row.similarity);
            assert!(
                row.cross_year.contains("五、存在的主要问题及改进情况 100%"),
                "{}",
                row.cross_year
            );
        } else {
            assert!(copies.is_empty(), "{name}: {:#?}", row.similarity);
        }
    }
    // Every other unit is clean, paired with its own last year, its name from the report.
    for i in (1..=10).filter(|i| *i != 3) {
        let name = if (4..=6).contains(&i) {
            format!("u{i:02}.html")
        } else {
            format!("u{i:02}.nianbao")
        };
        let row = rows[name.as_str()];
        assert_eq!(row.status, Status::Passed, "{name}");
        assert!(row.findings.is_empty(), "{name}: {:#?}", row.findings);
        assert_eq!(
            row.agency.as_deref(),
            Some(format!("示例县第{i}局").as_str())
        );
        assert!(row.from_file_name.is_empty());
        let previous = row.previous.as_ref().expect("paired");
        assert!(
            previous.ends_with(format!("u{i:02}-2023.nianbao")),
            "{}",
            previous.display()
        );
        assert_eq!(row.figures.new_received, Some(109 + i));
    }
    assert!(rows["u03.nianbao"].findings.is_empty());
    assert_eq!(rows["u03.nianbao"].status, Status::Passed);
    assert_eq!(result.exit_code(), 1);
    // Worst first: nothing read before errors, errors before passes.
    let order: Vec<Status> = result.worst_first().iter().map(|r| r.status).collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);
}

#[test]
fn json_has_one_object_per_file_in_the_shape_asked() {
    let p = planted();
    let mut out = Vec::new();
    let mut err = Vec::new();
    let code = run(
        Command::Audit {
            paths: vec![p.this_year.clone()],
            previous: vec![p.last_year.clone()],
            output: None,
            json: true,
        },
        &mut out,
        &mut err,
    );
    assert_eq!(code, 1, "{}", String::from_utf8_lossy(&err));
    let value: serde_json::Value = serde_json::from_slice(&out).expect("JSON");
    let items = value.as_array().expect("an array");
    assert_eq!(items.len(), 21);
    let keys: BTreeSet<&str> = [
        "file",
        "agency",
        "year",
        "status",
        "errors",
        "warnings",
        "not_read",
        "findings",
        "previous",
        "similarity",
    ]
    .into_iter()
    .collect();
    for item in items {
        let object = item.as_object().expect("an object");
        assert_eq!(
            object.keys().map(String::as_str).collect::<BTreeSet<_>>(),
            keys
        );
        let status = object["status"].as_str().expect("status word");
        assert!(["合格", "需修改", "无法读取", "旧格式", "重复"].contains(&status));
        assert_eq!(
            object["errors"].as_u64().expect("count") as usize,
            object["findings"]
                .as_array()
                .expect("findings")
                .iter()
                .filter(|f| f["severity"] == "error")
                .count()
        );
    }
    let u14 = items
        .iter()
        .find(|i| {
            i["file"]
                .as_str()
                .is_some_and(|f| f.ends_with("u14.nianbao"))
        })
        .expect("u14");
    assert_eq!(u14["similarity"]["problems"], 1.0);
    assert!(
        u14["previous"]
            .as_str()
            .is_some_and(|p| p.ends_with("u14-2023.nianbao"))
    );
    // Deterministic: the same folder gives the same bytes.
    let mut again = Vec::new();
    run(
        Command::Audit {
            paths: vec![p.this_year.clone()],
            previous: vec![p.last_year.clone()],
            output: None,
            json: true,
        },
        &mut again,
        &mut Vec::new(),
    );
    assert_eq!(out, again);
}

#[test]
fn exit_codes() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("junk.bin"), [0u8, 1, 2, 255]).expect("write");
    fs::write(dir.path().join("old.txt"), OLD_FORMAT).expect("write");
    let audit = |paths: Vec<PathBuf>| {
        let mut out = Vec::new();
        let mut err = Vec::new();
        let code = run(
            Command::Audit {
                paths,
                previous: Vec::new(),
                output: None,
                json: false,
            },
            &mut out,
            &mut err,
        );
        (code, String::from_utf8_lossy(&out).into_owned())
    };
    let (code, text) = audit(vec![dir.path().to_path_buf()]);
    assert_eq!(code, 2, "nothing readable: {text}");
    assert!(
        text.contains("旧格式") && text.contains("无法读取"),
        "{text}"
    );
    let good = dir.path().join("good");
    fs::create_dir(&good).expect("mkdir");
    file::save(&unit(1), &good.join("u1.nianbao")).expect("save");
    assert_eq!(audit(vec![good.clone()]).0, 0, "every unit passes");
    assert_eq!(audit(vec![dir.path().to_path_buf()]).0, 1, "some not read");
    let (code, _) = audit(vec![dir.path().join("missing")]);
    assert_eq!(code, 2);
}

/// Adds up the units' input cells here, independently: the filled ones, and the blanks
/// counted.
fn independent_sum(reports: &[Report]) -> BTreeMap<String, (Option<String>, u32)> {
    let mut out = BTreeMap::new();
    for k in Report::input_keys() {
        let mut count: Option<u64> = None;
        let mut cents: Option<u128> = None;
        let mut blank = 0;
        for r in reports {
            match r.input(k) {
                None => blank += 1,
                Some(Value::Count(n)) => *count.get_or_insert(0) += n,
                Some(Value::Amount(a)) => {
                    // Amounts here have at most three decimals.
                    let (int, frac) = a.as_str().split_once('.').unwrap_or((a.as_str(), ""));
                    let milli: u128 = format!("{int}{frac:0<3}").parse().expect("digits");
                    *cents.get_or_insert(0) += milli;
                }
            }
        }
        let value = count
            .map(|n| n.to_string())
            .or(cents.map(|m| format!("{}.{:03}", m / 1000, m % 1000)));
        out.insert(k.to_string(), (value, blank));
    }
    out
}

#[test]
fn the_sum_equals_an_independent_sum_and_counts_blanks() {
    let dir = tempfile::tempdir().expect("temp dir");
    let units = dir.path().join("units");
    fs::create_dir(&units).expect("mkdir");
    let mut reports = Vec::new();
    for i in 1..=7 {
        let mut r = unit(i * 3);
        if i == 2 {
            r.set_input(key("t2.coercion_decisions.count"), None);
            r.set_input(key("t4.review.other"), None);
        }
        if i == 5 {
            r.set_input(key("t4.review.other"), None);
        }
        if i == 6 {
            // A web page among the report files.
            fs::write(
                units.join("u6.html"),
                nianbao::export::html::write_html(&r, false),
            )
            .expect("write");
        } else {
            file::save(&r, &units.join(format!("u{i}.nianbao"))).expect("save");
        }
        reports.push(r);
    }
    let out_path = dir.path().join("total.nianbao");
    let mut out = Vec::new();
    let mut err = Vec::new();
    let code = run(
        Command::Sum {
            paths: vec![units.clone()],
            output: out_path.clone(),
            agency: Some("示例县人民政府".into()),
            year: None,
        },
        &mut out,
        &mut err,
    );
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&err));
    let total = file::load(&out_path).expect("the sum opens like any report");
    assert_eq!(total.details.agency_name, "示例县人民政府");
    assert_eq!(total.details.year, 2024);
    let summed = total.summed.clone().expect("units listed");
    assert_eq!(summed.units.len(), 7);
    assert!(
        summed
            .units
            .iter()
            .any(|u| u.agency == "示例县第18局" && u.file.ends_with("u6.html"))
    );
    for (k, (value, blank)) in independent_sum(&reports) {
        let cell = key(&k);
        assert_eq!(total.input(cell).map(|v| v.to_string()), value, "{k}");
        assert_eq!(summed.blanks.get(&k).copied().unwrap_or(0), blank, "{k}");
    }
    assert_eq!(summed.blanks.get("t4.review.other"), Some(&2));
    // The checks say which cells some units left blank, never a silent 0.
    let findings = nianbao::check::check(&total, None);
    let blanks: Vec<_> = findings.iter().filter(|f| f.rule == "sum-blank").collect();
    assert_eq!(blanks.len(), 2, "{blanks:#?}");
    assert!(
        blanks
            .iter()
            .any(|f| f.message.contains("2 个单位未填此格"))
    );
    // It prints like any report.
    nianbao::export::render(&total, None, nianbao::export::Format::Pdf).expect("renders");

    // A unit listed twice, and a unit of another year, are refused; nothing is written.
    file::save(&reports[0], &units.join("u1-copy.nianbao")).expect("save");
    let mut other = unit(99);
    other.details.year = 2023;
    file::save(&other, &units.join("u99-2023.nianbao")).expect("save");
    let refused = dir.path().join("refused.nianbao");
    let mut err = Vec::new();
    let code = run(
        Command::Sum {
            paths: vec![units.clone()],
            output: refused.clone(),
            agency: None,
            year: Some(2024),
        },
        &mut Vec::new(),
        &mut err,
    );
    let err = String::from_utf8_lossy(&err);
    assert_eq!(code, 2, "{err}");
    assert!(!refused.exists());
    assert!(
        err.contains("列了两次") && err.contains("2023 年度"),
        "{err}"
    );
}

#[test]
fn the_workbook_reads_back_with_its_sheets_and_rows() {
    use calamine::{Reader, Xlsx, open_workbook};
    let p = planted();
    let out = p.this_year.join("审核结果.xlsx");
    // The rows before the workbook is written into the audited folder.
    let result = run_audit(&p);
    let code = run(
        Command::Audit {
            paths: vec![p.this_year.clone()],
            previous: vec![p.last_year.clone()],
            output: Some(out.clone()),
            json: false,
        },
        &mut Vec::new(),
        &mut Vec::new(),
    );
    assert_eq!(code, 1);
    let mut book: Xlsx<_> = open_workbook(&out).expect("opens");
    assert_eq!(book.sheet_names(), ["单位", "问题清单", "汇总"]);
    let units = book.worksheet_range("单位").expect("sheet");
    assert_eq!(
        units.height(),
        result.rows.len() + 1,
        "the output is not read as input"
    );
    let header: Vec<String> = units
        .rows()
        .next()
        .expect("header")
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(header[..3], ["状态", "文件", "机关"]);
    let statuses: Vec<String> = units.rows().skip(1).map(|r| r[0].to_string()).collect();
    assert_eq!(
        statuses.first().map(String::as_str),
        Some("无法读取"),
        "worst first"
    );
    assert_eq!(statuses.last().map(String::as_str), Some("合格"));
    let findings = book.worksheet_range("问题清单").expect("sheet");
    let total: usize = result.rows.iter().map(|r| r.findings.len()).sum();
    assert_eq!(findings.height(), total + 1);
    assert!(
        findings
            .rows()
            .any(|r| r[3] == "算术关系（行总计）" && r[0] == "示例县第11局")
    );
    let sum = book.worksheet_range("汇总").expect("sheet");
    let text: Vec<String> = sum
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
                .join("|")
        })
        .collect();
    assert!(text.iter().any(|l| l.contains("未纳入的文件")), "{text:#?}");
    assert!(text.iter().any(|l| l.contains("junk.bin")));
    // 16 units read (u03's web page, a duplicate, is not one of them); u15, of another
    // year, is left out.
    let units_summed = result.summable().len();
    assert_eq!(units_summed, 15);
    let fee = text
        .iter()
        .find(|l| l.contains("t2.fees_wan_yuan.amount"))
        .expect("fee line");
    assert!(fee.contains('.'), "{fee}");
    // The page says the same and needs no other file.
    let html = nianbao::audit::html::write_html(&result);
    assert!(
        html.contains("junk.bin") && html.contains("未纳入的文件") && html.contains("示例县第11局")
    );
    assert!(!html.contains("src=") && !html.contains("<script") && !html.contains("href="));
    // The same audit, the same workbook bytes.
    let a = nianbao::audit::xlsx::write_xlsx(&run_audit(&p)).expect("xlsx");
    let b = nianbao::audit::xlsx::write_xlsx(&run_audit(&p)).expect("xlsx");
    assert_eq!(a, b);
}

/// A unit's name written another way from year to year and from form to form: paired
/// with its own last year (人民政府/政府, its city in front or not, a full-width space),
/// without a cross-year warning about the name; two units of the same name under
/// different counties neither paired nor taken for duplicates; the same unit sent twice
/// under two spellings a duplicate.
#[test]
fn names_written_another_way_pair_and_duplicate_as_a_supervisor_would() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (this, last) = (dir.path().join("2024"), dir.path().join("2023"));
    fs::create_dir_all(&this).expect("mkdir");
    fs::create_dir_all(&last).expect("mkdir");
    let named = |i: u64, name: &str| {
        let mut r = unit(i);
        r.details.agency_name = name.into();
        r
    };
    // (this year's name, last year's name, file stem)
    let units = [
        ("淮安市洪泽区人民政府", "洪泽区政府", "hongze"),
        ("示例县自然资源局", "示例县　自然资源局", "ziran"),
        ("示例县ＡＢ镇人民政府", "示例县AB镇人民政府", "ab"),
        ("甲县教育局", "甲县教育局", "jia"),
        ("乙县教育局", "丙县教育局", "yi"),
    ];
    for (i, (name, last_name, stem)) in units.iter().enumerate() {
        let r = named(i as u64 + 1, name);
        let mut prev = last_year(&r);
        prev.details.agency_name = (*last_name).into();
        file::save(&r, &this.join(format!("{stem}.nianbao"))).expect("save");
        file::save(&prev, &last.join(format!("{stem}-2023.nianbao"))).expect("save");
    }
    // The same 镇 sent again as a web page under its name without the county.
    let mut again = named(3, "ＡＢ镇人民政府");
    again.details.signatory = String::new();
    fs::write(
        this.join("ab-网页.html"),
        nianbao::export::html::write_html(&again, false),
    )
    .expect("write");
    let result = audit::audit(
        std::slice::from_ref(&this),
        std::slice::from_ref(&last),
        &[],
        &Progress::default(),
    )
    .expect("not cancelled");
    let rows: BTreeMap<String, &audit::UnitRow> =
        result.rows.iter().map(|r| (name_of(r), r)).collect();
    for stem in ["hongze", "ziran", "ab", "jia"] {
        let row = rows[format!("{stem}.nianbao").as_str()];
        assert_eq!(row.status, Status::Passed, "{stem}: {:#?}", row.findings);
        let previous = row.previous.as_ref().expect("paired");
        assert!(previous.ends_with(format!("{stem}-2023.nianbao")), "{stem}");
        assert!(
            row.findings.iter().all(|f| f.rule != "cross-year"),
            "{stem}: {:#?}",
            row.findings
        );
    }
    assert!(
        rows["hongze.nianbao"]
            .cross_year
            .contains("上年机关名称为“洪泽区政府”"),
        "{}",
        rows["hongze.nianbao"].cross_year
    );
    // 乙县教育局 is not 丙县教育局, nor 甲县教育局.
    let yi = rows["yi.nianbao"];
    assert_eq!(yi.previous, None);
    assert_eq!(yi.cross_year, "未找到本单位的上年报告");
    assert_eq!(rows["jia.nianbao"].status, Status::Passed);
    // The web page of the 镇 under its short name is a duplicate of its report file.
    let page = rows["ab-网页.html"];
    assert_eq!(page.status, Status::Duplicate, "{:#?}", page.findings);
    assert!(
        page.reason
            .as_deref()
            .is_some_and(|r| r.contains("ab.nianbao") && r.contains("示例县ＡＢ镇人民政府")),
        "{:?}",
        page.reason
    );
    assert_eq!(
        result
            .rows
            .iter()
            .filter(|r| r.status == Status::Duplicate)
            .count(),
        1
    );
}

/// A text that only quotes a report's headings, with next to no figure read, is not
/// audited as a report.
#[test]
fn a_text_with_headings_but_no_tables_is_not_a_report() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = "示例县教育局2024年政府信息公开工作年度报告\n一、总体情况\n（一）主动公开\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n六、其他需要报告的事项\n";
    fs::write(dir.path().join("提纲.txt"), text).expect("write");
    let result = audit::audit(&[dir.path().to_path_buf()], &[], &[], &Progress::default())
        .expect("not cancelled");
    let row = &result.rows[0];
    assert!(
        matches!(row.status, Status::Unreadable | Status::OldFormat),
        "{:#?}",
        row
    );
    assert!(row.reason.is_some());
    assert_eq!(result.exit_code(), 2);
}

/// A cell an import could not read is not 未填: the sum counts it apart, the checks say
/// "N 个单位未能读出此格", and each unit's blank and unread cells are listed.
#[test]
fn a_cell_not_read_is_not_counted_blank_in_the_sum() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cell = key("t4.review.other");
    let mut reports = Vec::new();
    for i in 1..=4 {
        let mut r = unit(i);
        match i {
            // Not read by the import of its published page.
            2 | 3 => {
                r.set_input(cell, None);
                r.set_not_read(cell, true);
            }
            // Left blank by the unit.
            4 => {
                r.set_input(cell, None);
            }
            _ => {}
        }
        file::save(&r, &dir.path().join(format!("u{i}.nianbao"))).expect("save");
        reports.push(r);
    }
    let result = audit::audit(&[dir.path().to_path_buf()], &[], &[], &Progress::default())
        .expect("not cancelled");
    let total = result.sum("示例县人民政府").expect("sums");
    let summed = total.summed.as_ref().expect("summed");
    assert_eq!(summed.blanks.get("t4.review.other"), Some(&1));
    assert_eq!(summed.not_read.get("t4.review.other"), Some(&2));
    assert_eq!(
        total.input(cell),
        reports[0].input(cell).cloned().as_ref(),
        "only the unit that filled it is added"
    );
    let per_unit: Vec<(u32, u32)> = summed
        .units
        .iter()
        .map(|u| (u.blank_cells, u.not_read_cells))
        .collect();
    let base = Report::input_keys()
        .filter(|&k| reports[0].input(k).is_none())
        .count() as u32;
    assert_eq!(per_unit, [(base, 0), (base, 1), (base, 1), (base + 1, 0)]);
    let findings = nianbao::check::check(&total, None);
    let on_cell = |rule: &str| -> Vec<String> {
        findings
            .iter()
            .filter(|f| f.rule == rule && f.cells.contains(&cell))
            .map(|f| f.message.clone())
            .collect()
    };
    let blank = on_cell("sum-blank");
    let unread = on_cell("sum-not-read");
    assert_eq!(blank.len(), 1, "{findings:#?}");
    assert!(
        blank[0].contains("1 个单位未填此格") && blank[0].contains("只加了填写此格的 1 个单位")
    );
    assert_eq!(unread.len(), 1, "{findings:#?}");
    assert!(unread[0].contains("2 个单位未能读出此格"), "{}", unread[0]);
    // The file keeps it: saved and loaded, the same.
    let path = dir.path().join("total.nianbao");
    file::save(&total, &path).expect("save");
    assert_eq!(file::load(&path).expect("loads").summed, total.summed);
    // The workbook's 汇总 has the column, the page too.
    let (lines, _) = nianbao::audit::xlsx::sum_lines(&result).expect("sums");
    let line = lines
        .iter()
        .find(|l| l.key == "t4.review.other")
        .expect("line");
    let units = line.units.expect("an input cell");
    assert_eq!((units.filled, units.blank, units.not_read), (1, 1, 2));
    assert!(nianbao::audit::html::write_html(&result).contains("未能读出单位数"));
}

mod app_view {
    use super::*;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    use nianbao::app::audit::{AuditAction, AuditView};

    type State = (AuditView, Vec<AuditAction>);

    fn harness(view: AuditView) -> Harness<'static, State> {
        let mut h = Harness::builder()
            .with_size(egui::vec2(1400.0, 900.0))
            .with_context_setup(nianbao::app::fonts::install)
            .build_ui_state(
                |ui, state: &mut State| {
                    let actions = state.0.ui(ui.ctx());
                    state.1.extend(actions);
                },
                (view, Vec::new()),
            );
        h.run();
        h
    }

    #[test]
    fn run_sort_and_open_a_unit() {
        let p = planted();
        let mut view = AuditView::new(false);
        view.open = true;
        let mut h = harness(view);
        h.get_by_label("审核文件夹").click();
        h.run();
        h.get_by_label("审核文件夹")
            .type_text(&p.this_year.display().to_string());
        h.get_by_label("上年文件夹").click();
        h.run();
        h.get_by_label("上年文件夹")
            .type_text(&p.last_year.display().to_string());
        h.run();
        h.get_by_label("开始审核").click();
        h.run();
        for _ in 0..600 {
            if !h.state().0.running() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
            h.run();
        }
        h.run();
        let view = &h.state().0;
        assert!(!view.running());
        assert_eq!(view.result.as_ref().map(|r| r.rows.len()), Some(21));
        // Sort by 错误, most first (click twice: ascending, then descending).
        h.get_by_label("错误").click();
        h.run();
        h.get_by_label("错误 ▲").click();
        h.run();
        let view = &h.state().0;
        let result = view.result.as_ref().expect("result");
        let errors: Vec<usize> = view
            .visible_rows()
            .iter()
            .map(|&i| result.rows[i].errors())
            .collect();
        let mut sorted = errors.clone();
        sorted.sort_by(|a, b| b.cmp(a));
        assert_eq!(errors, sorted);
        // 只看有问题的 hides the clean units.
        h.get_by_label("只看有问题的").click();
        h.run();
        let with_problems = {
            let result = h.state().0.result.as_ref().expect("result");
            result
                .rows
                .iter()
                .filter(|r| r.status != Status::Passed || !r.findings.is_empty())
                .count()
        };
        // The clean units are hidden: 11 of the 21 files (u01–u10 and u16).
        assert_eq!(with_problems, 21 - 11);
        assert_eq!(h.state().0.visible_rows().len(), with_problems);
        // Open unit 11: its findings, then its report.
        h.get_by_label("示例县第11局").click();
        h.run();
        assert!(h.query_by_label_contains("行总计：印").is_some());
        h.get_by_label("打开此单位的报告").click();
        h.run();
        let actions = &h.state().1;
        assert!(
            matches!(actions.last(), Some(AuditAction::Open { path, previous: Some(_) }) if path.ends_with("u11.nianbao")),
            "{actions:?}"
        );
    }

    /// Through the app: 文件 → 批量审核…, run, open a unit (its report and its findings),
    /// then 汇总选中单位 gives a new unsaved report with the units listed.
    #[test]
    fn from_the_menu_open_a_unit_and_sum() {
        use nianbao::app::{Config, NianbaoApp};
        let p = planted();
        let data = tempfile::tempdir().expect("temp dir");
        let app = NianbaoApp::new(Config {
            data_dir: data.path().to_path_buf(),
            native_dialogs: false,
            open_exported: false,
            open: Some(p.this_year.join("u01.nianbao")),
            trace_frames: false,
        });
        let mut h = Harness::builder()
            .with_size(egui::vec2(1500.0, 1000.0))
            .with_context_setup(nianbao::app::fonts::install)
            .build_ui_state(|ui, app: &mut NianbaoApp| app.show(ui), app);
        h.run();
        h.get_by_label("文件").click();
        h.run();
        h.get_by_label("批量审核…").click();
        h.run();
        assert!(h.state().audit.open);
        h.state_mut().audit.folder = p.this_year.display().to_string();
        h.state_mut().audit.previous = p.last_year.display().to_string();
        h.run();
        h.get_by_label("开始审核").click();
        h.run();
        for _ in 0..600 {
            if !h.state().audit.running() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
            h.run();
        }
        h.run();
        // Unit 12's row may lie below the window's fold: show it as a click on its name
        // does (the click itself is driven in `run_sort_and_open_a_unit`).
        let row = {
            let result = h.state().audit.result.as_ref().expect("result");
            result
                .rows
                .iter()
                .position(|r| r.agency.as_deref() == Some("示例县第12局"))
                .expect("unit 12")
        };
        h.state_mut().audit.shown = Some(row);
        h.run();
        h.get_by_label("打开此单位的报告").click();
        h.run();
        h.run();
        let app = h.state();
        assert_eq!(app.doc.report.details.agency_name, "示例县第12局");
        assert!(
            app.doc.findings.iter().any(|f| f.rule == "prose"),
            "{:#?}",
            app.doc.findings
        );
        assert!(!app.audit.open);
        // Back to the window: tick two units and add them up.
        h.get_by_label("文件").click();
        h.run();
        h.get_by_label("批量审核…").click();
        h.run();
        let pick: BTreeSet<usize> = h
            .state()
            .audit
            .result
            .as_ref()
            .expect("result")
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.path.ends_with("u01.nianbao") || r.path.ends_with("u02.nianbao"))
            .map(|(i, _)| i)
            .collect();
        h.state_mut().audit.selected = pick;
        h.state_mut().audit.sum_agency = "示例县人民政府".into();
        h.run();
        h.get_by_label("汇总选中单位（2 个）").click();
        h.run();
        h.run();
        let app = h.state();
        assert_eq!(app.doc.report.details.agency_name, "示例县人民政府");
        assert!(app.doc.path.is_none(), "a new, unsaved report");
        let units = app.doc.report.summed.as_ref().map(|s| s.units.len());
        assert_eq!(units, Some(2));
        assert!(
            app.status
                .as_ref()
                .is_some_and(|(m, _)| m.contains("已汇总 2 个单位"))
        );
        // 基本信息 lists the units summed, read-only.
        h.state_mut().node = nianbao::app::Node::Details;
        h.run();
        assert!(h.query_by_label("汇总的单位（2 个）").is_some());
        assert!(h.query_by_label("示例县第1局").is_some());
        assert!(h.query_by_label("示例县第2局").is_some());
    }
}
