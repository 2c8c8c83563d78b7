//! The office's own formats: the Excel fill-in workbook out and back in, and the Word copy.

use crate::nianbao;
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::Path;
use std::process::Command;

use nianbao::export::xlsx::defined_name;
use nianbao::export::{Format, render};
use nianbao::format::{CellKind, GridContent, TableId, table_def};
use nianbao::import::xlsx::{WorkbookError, merge_into, read_workbook, unit_report};
use nianbao::model::{Report, Value};

const EXAMPLES: [&str; 2] = [
    "assets/examples/hotan-wenlv-2023.json",
    "assets/examples/example-city-2024.json",
];

/// The workbook, through the pipeline the command line and the app use.
fn write_xlsx(report: &Report) -> Result<Vec<u8>, String> {
    render(report, None, Format::Xlsx)
        .map(|e| e.output.bytes)
        .map_err(|e| e.to_string())
}

/// The Word copy, likewise.
fn write_docx(report: &Report) -> Result<Vec<u8>, String> {
    render(report, None, Format::Docx)
        .map(|e| e.output.bytes)
        .map_err(|e| e.to_string())
}

fn example(i: usize) -> Report {
    nianbao::file::load(Path::new(EXAMPLES[i])).expect("example loads")
}

/// Every part of a zip, by name.
fn unzip(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut parts = BTreeMap::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).expect("entry");
        let mut text = String::new();
        if file.read_to_string(&mut text).is_ok() {
            let name = file.name().map(|n| n.to_string()).unwrap_or_default();
            parts.insert(name, text);
        }
    }
    parts
}

/// Writes the parts back as a zip (what a user's spreadsheet program does on saving).
fn rezip(parts: &BTreeMap<String, String>) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in parts {
        zip.start_file(name.as_str(), options).expect("entry");
        zip.write_all(text.as_bytes()).expect("write");
    }
    zip.finish().expect("zip").into_inner()
}

fn inputs(report: &Report) -> BTreeMap<String, Value> {
    Report::input_keys()
        .filter_map(|k| report.input(k).map(|v| (k.to_string(), v.clone())))
        .collect()
}

/// The sheet part of each table: 说明 is sheet1, then 表二, 表三, 表四.
fn sheet_part(id: TableId) -> String {
    let n = 2 + TableId::ALL.iter().position(|t| *t == id).unwrap_or(0);
    format!("xl/worksheets/sheet{n}.xml")
}

#[test]
fn workbook_round_trip_gives_the_same_tables() {
    for (i, name) in EXAMPLES.iter().enumerate() {
        let report = example(i);
        let bytes = write_xlsx(&report).expect("workbook");
        let read = read_workbook(&bytes).expect("reads back");
        assert!(read.by_names);
        assert_eq!(read.units.len(), 1);
        let unit = &read.units[0];
        assert!(unit.notes.is_empty(), "{:#?}", unit.notes);
        let back = unit_report(unit);
        assert_eq!(inputs(&back), inputs(&report), "{name}");
        // Every input cell was found: filled or blank.
        assert_eq!(
            unit.values.len() + unit.blank.len(),
            Report::input_keys().count()
        );
    }
}

#[test]
fn same_report_same_bytes() {
    let report = example(1);
    assert_eq!(write_xlsx(&report).ok(), write_xlsx(&report).ok());
    assert_eq!(write_docx(&report).ok(), write_docx(&report).ok());
}

/// A blank workbook filled in the way a spreadsheet program saves typed numbers: a value in
/// each input cell's `<c>`.
#[test]
fn a_blank_workbook_filled_in_reads_back_as_the_report() {
    let full = example(1);
    let mut blank = full.clone();
    for key in Report::input_keys() {
        blank.set_input(key, None);
    }
    let bytes = write_xlsx(&blank).expect("workbook");
    let mut parts = unzip(&bytes);
    for id in TableId::ALL {
        let part = sheet_part(id);
        let mut xml = parts.get(&part).cloned().expect("sheet part");
        for cell in table_def(id).input_cells() {
            let Some(value) = full.input(cell.key) else {
                continue;
            };
            let (row, col) = nianbao::export::xlsx::cell_positions(table_def(id))[&cell.key];
            let at = cell_name(row, col);
            let start = xml
                .find(&format!("<c r=\"{at}\" "))
                .unwrap_or_else(|| panic!("{at} written"));
            let end = start + xml[start..].find("/>").expect("empty cell") + 2;
            let empty = &xml[start..end];
            let filled = format!("{}><v>{value}</v></c>", &empty[..empty.len() - 2]);
            xml.replace_range(start..end, &filled);
        }
        parts.insert(part, xml);
    }
    let read = read_workbook(&rezip(&parts)).expect("reads");
    let unit = &read.units[0];
    let mut report = blank.clone();
    let changed = merge_into(&mut report, unit);
    assert_eq!(inputs(&report), inputs(&full));
    assert_eq!(changed.len(), inputs(&full).len());
    // Totals were cached blank; the parts now disagree with nothing (blank totals are skipped).
    assert!(unit.notes.is_empty(), "{:#?}", unit.notes);
}

fn cell_name(row: u32, col: u16) -> String {
    let mut name = String::new();
    let mut n = u32::from(col) + 1;
    while n > 0 {
        name.insert(0, char::from(b'A' + ((n - 1) % 26) as u8));
        n = (n - 1) / 26;
    }
    format!("{name}{}", row + 1)
}

#[test]
fn workbook_structure_protection_validation_names_and_cached_totals() {
    let report = example(1);
    let bytes = write_xlsx(&report).expect("workbook");
    let parts = unzip(&bytes);
    let workbook = &parts["xl/workbook.xml"];
    // 说明 first, then one sheet per table.
    let sheets: Vec<&str> = workbook
        .split("<sheet name=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    assert_eq!(sheets, ["说明", "表二", "表三", "表四"]);
    // A defined name for every data cell, pointing at its sheet.
    for id in TableId::ALL {
        for cell in table_def(id).cells() {
            let name = defined_name(cell.key);
            assert!(
                workbook.contains(&format!("name=\"{name}\">{}!$", id.name())),
                "{name}"
            );
        }
    }
    // Header rows repeat when printed.
    assert!(workbook.contains("_xlnm.Print_Titles"));
    for id in TableId::ALL {
        let xml = &parts[&sheet_part(id)];
        let def = table_def(id);
        // Protected, with no password.
        assert!(xml.contains("<sheetProtection"), "{id:?}");
        assert!(!xml.contains("password"), "{id:?}");
        // Every merge of the format (plus the title and note rows).
        let merges = def
            .grid
            .iter()
            .filter(|c| c.rowspan > 1 || c.colspan > 1)
            .count();
        assert!(
            xml.contains(&format!("<mergeCells count=\"{}\">", merges + 2)),
            "{id:?}"
        );
        // One validation per input cell.
        let inputs = def.input_cells().count();
        assert!(
            xml.contains(&format!("<dataValidations count=\"{inputs}\">")),
            "{id:?}"
        );
        // A4, one page.
        assert!(xml.contains("paperSize=\"9\""), "{id:?}");
        assert!(
            xml.contains("fitToWidth") || xml.contains("fitToPage"),
            "{id:?}"
        );
        assert_eq!(
            xml.contains("orientation=\"landscape\""),
            id == TableId::T4,
            "{id:?}"
        );
        // Every label of the table is in the workbook's strings.
        for cell in &def.grid {
            if let GridContent::Header(t) | GridContent::Label(t) = cell.content {
                assert!(parts["xl/sharedStrings.xml"].contains(t), "{t}");
            }
        }
    }
    // Totals: formulas whose cached results are the computed totals.
    let mut book =
        calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).expect("opens");
    use calamine::Reader;
    for id in TableId::ALL {
        let range = book.worksheet_range(id.name()).expect("sheet");
        let formulas = book.worksheet_formula(id.name()).expect("formulas");
        let positions = nianbao::export::xlsx::cell_positions(table_def(id));
        for cell in table_def(id).cells().filter(|c| c.kind == CellKind::Total) {
            let (row, col) = positions[&cell.key];
            let at = (row, u32::from(col));
            let cached = range.get_value(at).cloned().unwrap_or_default();
            let want = report.count(cell.key).map(|n| n as f64);
            let got = match cached {
                calamine::Data::Float(x) => Some(x),
                calamine::Data::Int(n) => Some(n as f64),
                _ => None,
            };
            assert_eq!(got, want, "{}", cell.key);
            let formula = formulas.get_value(at).cloned().unwrap_or_default();
            assert!(formula.contains("SUM("), "{}: {formula}", cell.key);
        }
    }
}

/// A unit's own workbook, laid out like the official table but not by us: read by labels.
fn unit_sheet(sheet: &mut rust_xlsxwriter::Worksheet, values: &dyn Fn(&str, usize) -> Option<f64>) {
    use nianbao::format::{T3_COLUMNS, T3_ROWS};
    sheet
        .write(0, 1, "2024年 收到和处理政府信息公开申请情况")
        .expect("write");
    sheet.write(1, 1, "填报单位：示例区教育局").expect("write");
    // Header rows from row 3, starting in column B.
    sheet
        .write(
            3,
            1,
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        )
        .expect("w");
    sheet.write(3, 4, "申请人情况").expect("w");
    sheet.write(4, 4, "自然人").expect("w");
    sheet.write(4, 5, "法人或其他组织").expect("w");
    sheet.write(4, 10, "总计").expect("w");
    for (i, (_, label)) in T3_COLUMNS[1..6].iter().enumerate() {
        sheet.write(5, 5 + i as u16, *label).expect("w");
    }
    let mut row = 6;
    for (key, label, first_col, _) in T3_ROWS.iter() {
        if *key == "r3_2_law_prohibited" {
            continue; // a deleted row
        }
        sheet.write(row, 1 + *first_col as u16, *label).expect("w");
        for c in 0..7 {
            if let Some(v) = values(key, c) {
                sheet.write(row, 4 + c as u16, v).expect("w");
            }
        }
        row += 1;
    }
}

#[test]
fn a_units_own_layout_is_read_by_labels_with_bad_cells_listed() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("教育局").expect("name");
    unit_sheet(sheet, &|key, c| match (key, c) {
        ("new_received", 0) => Some(10.0),
        ("new_received", 1) => Some(2.0),
        ("new_received", 6) => Some(13.0), // a broken total: 10 + 2 = 12
        ("r1_granted", 0) => Some(6.0),
        ("r1_granted", 1) => Some(-1.0), // a negative
        ("carried_forward", 0) => Some(4.0),
        _ => None,
    });
    // Text in a number cell, and a formula error.
    // Rows from 6: 一, 二, （一）, （二）, 1.国家秘密, then 3.三安全一稳定 (2. was deleted).
    sheet.write(9, 5, "两件").expect("w"); // （二）部分公开 · 商业企业
    sheet
        .write_formula(
            11,
            4,
            rust_xlsxwriter::Formula::new("=#REF!+1").set_result("#REF!"),
        )
        .expect("w"); // 3.危及“三安全一稳定” · 自然人
    let bytes = book.save_to_buffer().expect("saves");
    let read = read_workbook(&bytes).expect("reads by labels");
    assert!(!read.by_names);
    assert_eq!(read.units.len(), 1);
    let unit = &read.units[0];
    assert_eq!(unit.name, "示例区教育局");
    assert_eq!(unit.year, Some(2024));
    let value = |k: &str| {
        unit.values
            .get(&nianbao::format::CellKey::parse(k).expect("key"))
            .map(|v| v.to_string())
    };
    assert_eq!(
        value("t3.new_received.natural_person").as_deref(),
        Some("10")
    );
    assert_eq!(value("t3.new_received.commercial").as_deref(), Some("2"));
    assert_eq!(value("t3.r1_granted.natural_person").as_deref(), Some("6"));
    assert_eq!(
        value("t3.carried_forward.natural_person").as_deref(),
        Some("4")
    );
    assert_eq!(value("t3.r1_granted.commercial"), None);
    assert_eq!(value("t3.r2_partial.commercial"), None);
    let note_for = |k: &str| {
        unit.notes
            .iter()
            .filter(|n| n.cell.map(|c| c.to_string()).as_deref() == Some(k))
            .map(|n| format!("{}｜{}", n.seen, n.reason))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(
        note_for("t3.new_received.total").contains("表中为 13，各项相加为 12"),
        "{:#?}",
        unit.notes
    );
    assert!(
        note_for("t3.r1_granted.commercial").contains("负数"),
        "{:#?}",
        unit.notes
    );
    assert!(
        note_for("t3.r2_partial.commercial").contains("文字"),
        "{:#?}",
        unit.notes
    );
    assert!(
        note_for("t3.r3_3_three_safeties.natural_person").contains("#REF!"),
        "{:#?}",
        unit.notes
    );
    assert!(
        note_for("t3.r3_2_law_prohibited.natural_person").contains("没有找到这一行"),
        "{:#?}",
        unit.notes
    );
}

#[test]
fn several_units_on_separate_sheets_give_several_reports() {
    let mut book = rust_xlsxwriter::Workbook::new();
    for (name, n) in [("甲单位", 3.0), ("乙单位", 5.0)] {
        let sheet = book.add_worksheet();
        sheet.set_name(name).expect("name");
        unit_sheet(sheet, &|key, c| {
            (key == "new_received" && c == 0).then_some(n)
        });
        sheet.write(1, 1, format!("填报单位：{name}")).expect("w");
    }
    let read = read_workbook(&book.save_to_buffer().expect("saves")).expect("reads");
    let names: Vec<&str> = read.units.iter().map(|u| u.name.as_str()).collect();
    assert_eq!(names, ["甲单位", "乙单位"]);
    let key = nianbao::format::CellKey::parse("t3.new_received.natural_person").expect("key");
    assert_eq!(read.units[1].values.get(&key), Some(&Value::Count(5)));
}

#[test]
fn our_workbook_with_a_broken_total_text_and_a_deleted_row() {
    let report = example(1);
    let bytes = write_xlsx(&report).expect("workbook");
    let mut parts = unzip(&bytes);
    let t3 = table_def(TableId::T3);
    let positions = nianbao::export::xlsx::cell_positions(t3);
    let key = |k: &str| nianbao::format::CellKey::parse(k).expect("key");
    let xml = parts.get_mut(&sheet_part(TableId::T3)).expect("sheet");
    // A total overwritten by hand (its cached value changed).
    let (r, c) = positions[&key("t3.new_received.total")];
    let at = cell_name(r, c);
    let start = xml.find(&format!("<c r=\"{at}\"")).expect("total");
    let v = start + xml[start..].find("<v>").expect("cached") + 3;
    let v_end = v + xml[v..].find("</v>").expect("end");
    xml.replace_range(v..v_end, "999");
    // Text typed into a number cell.
    let (r, c) = positions[&key("t3.r1_granted.natural_person")];
    let at = cell_name(r, c);
    let start = xml.find(&format!("<c r=\"{at}\"")).expect("cell");
    let end = start + xml[start..].find("</c>").expect("end") + 4;
    let s_attr = xml[start..end]
        .split("s=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or("0")
        .to_string();
    xml.replace_range(
        start..end,
        &format!("<c r=\"{at}\" s=\"{s_attr}\" t=\"inlineStr\"><is><t>见附件</t></is></c>"),
    );
    // A deleted row: Excel turns the names into #REF!.
    let workbook = parts.get_mut("xl/workbook.xml").expect("workbook");
    let name = defined_name(key("t3.r6_3_other.commercial"));
    let start = workbook.find(&format!("name=\"{name}\">")).expect("name") + name.len() + 8;
    let end = start + workbook[start..].find('<').expect("end");
    workbook.replace_range(start..end, "表三!#REF!");

    let read = read_workbook(&rezip(&parts)).expect("reads");
    let unit = &read.units[0];
    let reasons: Vec<String> = unit
        .notes
        .iter()
        .map(|n| {
            format!(
                "{}｜{}｜{}",
                n.cell.map(|c| c.to_string()).unwrap_or_default(),
                n.seen,
                n.reason
            )
        })
        .collect();
    assert!(
        reasons
            .iter()
            .any(|r| r.starts_with("t3.new_received.total") && r.contains("表中为 999")),
        "{reasons:#?}"
    );
    assert!(
        reasons
            .iter()
            .any(|r| r.starts_with("t3.r1_granted.natural_person")
                && r.contains("见附件")
                && r.contains("文字")),
        "{reasons:#?}"
    );
    assert!(
        reasons
            .iter()
            .any(|r| r.starts_with("t3.r6_3_other.commercial") && r.contains("删除")),
        "{reasons:#?}"
    );
    // Nothing else is lost, and the bad cell is left as the report had it.
    let mut merged = report.clone();
    merge_into(&mut merged, unit);
    assert_eq!(inputs(&merged), inputs(&report));
}

#[test]
fn not_a_workbook_and_no_tables_are_refused_in_chinese() {
    let err = read_workbook(b"not a workbook at all").expect_err("refused");
    assert!(matches!(err, WorkbookError::Unreadable(_)));
    assert!(err.to_string().contains("无法打开这个表格文件"));
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet().write(0, 0, "通讯录").expect("w");
    let err = read_workbook(&book.save_to_buffer().expect("saves")).expect_err("refused");
    assert!(err.to_string().contains("没有认出年报的统计表"), "{err}");
}

// ---- the Word copy ----------------------------------------------------------------------

/// The schema order of the children we write, per parent (a subsequence of the schema's).
const ORDER: [(&str, &[&str]); 8] = [
    (
        "w:pPr",
        &[
            "w:pStyle",
            "w:keepNext",
            "w:keepLines",
            "w:widowControl",
            "w:snapToGrid",
            "w:spacing",
            "w:ind",
            "w:jc",
            "w:outlineLvl",
            "w:rPr",
        ],
    ),
    (
        "w:rPr",
        &[
            "w:rFonts",
            "w:b",
            "w:spacing",
            "w:kern",
            "w:sz",
            "w:szCs",
            "w:lang",
        ],
    ),
    (
        "w:tblPr",
        &[
            "w:tblStyle",
            "w:tblW",
            "w:jc",
            "w:tblBorders",
            "w:tblLayout",
            "w:tblCellMar",
            "w:tblLook",
        ],
    ),
    ("w:tcPr", &["w:tcW", "w:gridSpan", "w:vMerge", "w:vAlign"]),
    ("w:trPr", &["w:cantSplit", "w:trHeight", "w:tblHeader"]),
    (
        "w:sectPr",
        &[
            "w:headerReference",
            "w:footerReference",
            "w:pgSz",
            "w:pgMar",
            "w:pgNumType",
            "w:cols",
            "w:docGrid",
        ],
    ),
    ("w:tbl", &["w:tblPr", "w:tblGrid", "w:tr"]),
    (
        "w:settings",
        &[
            "w:zoom",
            "w:defaultTabStop",
            "w:evenAndOddHeaders",
            "w:characterSpacingControl",
            "w:compat",
        ],
    ),
];

/// Checks that the direct children of each listed parent come in schema order and that no
/// unlisted child appears. A tiny tag scanner: our XML has no comments or CDATA.
fn check_order(xml: &str) -> Result<(), String> {
    let mut stack: Vec<(String, usize)> = Vec::new();
    let mut rest = xml;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt + 1..];
        let gt = rest.find('>').ok_or("unclosed tag")?;
        let tag = &rest[..gt];
        rest = &rest[gt + 1..];
        if tag.starts_with('?') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            let (open, _) = stack.pop().ok_or("close without open")?;
            if open != name {
                return Err(format!("</{name}> closes <{open}>"));
            }
            continue;
        }
        let name = tag.split([' ', '/']).next().unwrap_or("").to_string();
        if let Some((parent, last)) = stack.last_mut()
            && let Some((_, order)) = ORDER.iter().find(|(p, _)| p == parent)
        {
            let at = order
                .iter()
                .position(|n| *n == name)
                .ok_or_else(|| format!("<{name}> not expected in <{parent}>"))?;
            if at < *last {
                return Err(format!("<{name}> after a later sibling in <{parent}>"));
            }
            *last = at;
        }
        if !tag.ends_with('/') {
            stack.push((name, 0));
        }
    }
    if stack.is_empty() {
        Ok(())
    } else {
        Err(format!("unclosed: {stack:?}"))
    }
}

#[test]
fn docx_parts_are_in_schema_order_with_every_merge_and_repeated_headers() {
    for (i, name) in EXAMPLES.iter().enumerate() {
        let report = example(i);
        let parts = unzip(&write_docx(&report).expect("docx"));
        for name in [
            "[Content_Types].xml",
            "_rels/.rels",
            "word/document.xml",
            "word/styles.xml",
            "word/settings.xml",
            "word/fontTable.xml",
            "word/footer1.xml",
            "word/footer2.xml",
            "word/header1.xml",
            "word/header2.xml",
        ] {
            let xml = parts.get(name).unwrap_or_else(|| panic!("{name} present"));
            check_order(xml).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
        let doc = &parts["word/document.xml"];
        // Three tables, table 三 and 四 with their three header rows repeated.
        assert_eq!(doc.matches("<w:tbl>").count(), 3);
        assert_eq!(doc.matches("<w:tblHeader/>").count(), 6);
        let rows: usize = TableId::ALL.iter().map(|t| table_def(*t).grid_rows).sum();
        assert_eq!(doc.matches("<w:cantSplit/>").count(), rows);
        // Every horizontal merge is a gridSpan, every vertical one a restart.
        for id in TableId::ALL {
            for cell in &table_def(id).grid {
                if cell.rowspan > 1 {
                    assert!(doc.contains("<w:vMerge w:val=\"restart\"/>"));
                }
                if let GridContent::Header(t) | GridContent::Label(t) = cell.content {
                    let escaped = t.replace('"', "&quot;");
                    assert!(doc.contains(&escaped), "{t}");
                }
            }
        }
        let restarts = doc.matches("<w:vMerge w:val=\"restart\"/>").count();
        let vertical: usize = TableId::ALL
            .iter()
            .flat_map(|t| table_def(*t).grid.iter())
            .filter(|c| c.rowspan > 1)
            .count();
        assert_eq!(restarts, vertical);
        // Fonts named with their fallbacks; indents in both units; odd/even footers.
        let styles = &parts["word/styles.xml"];
        assert!(styles.contains("w:firstLineChars=\"200\" w:firstLine=\"640\""));
        for face in ["方正小标宋简体", "黑体", "楷体_GB2312", "仿宋_GB2312"] {
            assert!(styles.contains(face), "{face}");
        }
        assert!(parts["word/fontTable.xml"].contains("<w:altName w:val=\"仿宋\"/>"));
        assert!(parts["word/settings.xml"].contains("<w:evenAndOddHeaders/>"));
        assert!(parts["word/footer1.xml"].contains("w:val=\"right\""));
        assert!(parts["word/footer2.xml"].contains("w:val=\"left\""));
        assert!(doc.contains("w:type=\"even\""));
        // The draft mark of the PDF, in the header, exactly while the checks find errors.
        let errors = nianbao::export::error_count(&nianbao::check::check(&report, None));
        assert_eq!(
            parts["word/header1.xml"].contains("草稿：检查发现"),
            errors > 0,
            "{name}"
        );
        // The 落款, right-aligned, when the report has a 成文日期.
        if let Some(date) = report.details.signed_date {
            assert!(doc.contains(&date.chinese()));
        }
    }
}

#[test]
fn order_checker_catches_a_misplaced_element() {
    assert!(check_order("<w:pPr><w:jc/><w:ind/></w:pPr>").is_err());
    assert!(check_order("<w:pPr><w:ind/><w:jc/></w:pPr>").is_ok());
    assert!(check_order("<w:tcPr><w:vMerge/><w:gridSpan/></w:tcPr>").is_err());
}

// ---- LibreOffice, where installed --------------------------------------------------------

fn soffice() -> Option<&'static str> {
    ["soffice", "libreoffice"].into_iter().find(|cmd| {
        Command::new(cmd)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

/// Converts a file to PDF with LibreOffice headless and returns the PDF's text.
fn libreoffice_text(cmd: &str, file: &Path, dir: &Path) -> String {
    let profile = dir.join("profile");
    let out = Command::new(cmd)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(file)
        .output()
        .expect("soffice runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = file.with_extension("pdf");
    assert!(
        pdf.exists(),
        "LibreOffice wrote no PDF for {}",
        file.display()
    );
    // -raw: in the order LibreOffice drew the text, so a label wrapped in a narrow cell
    // comes out whole, not interleaved with the next cells' lines.
    let text = Command::new("pdftotext")
        .arg("-raw")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs (poppler-utils)");
    String::from_utf8_lossy(&text.stdout).into_owned()
}

/// The text without spaces, ASCII and curly quotes: LibreOffice draws "3." and “ ” in the
/// Latin font, and pdftotext -raw puts that run apart from the Chinese one.
fn han(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !c.is_ascii() && !"“”‘’".contains(*c))
        .collect()
}

#[test]
fn libreoffice_opens_both_and_prints_every_label() {
    let Some(cmd) = soffice() else {
        eprintln!("LibreOffice is not installed: conversion test skipped");
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let report = example(1);
    let docx = dir.path().join("report.docx");
    std::fs::write(&docx, write_docx(&report).expect("docx")).expect("write");
    let xlsx = dir.path().join("workbook.xlsx");
    std::fs::write(&xlsx, write_xlsx(&report).expect("xlsx")).expect("write");
    for (file, pages) in [(&docx, true), (&xlsx, false)] {
        let raw = libreoffice_text(cmd, file, dir.path());
        let text = han(&raw);
        for id in TableId::ALL {
            for cell in &table_def(id).grid {
                if let GridContent::Header(t) | GridContent::Label(t) = cell.content {
                    let t = han(t);
                    assert!(text.contains(&t), "{}: {t}", file.display());
                }
            }
        }
        if pages {
            let plain: String = raw.split_whitespace().collect();
            assert!(
                plain.contains("—1—") && plain.contains("—2—"),
                "page numbers"
            );
            assert!(text.contains(report.title_agency()));
        }
    }
}

// ---- the command line and the app --------------------------------------------------------

#[test]
fn command_line_renders_both_and_imports_the_workbook_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let source = Path::new(EXAMPLES[1]);
    let xlsx = dir.path().join("填报表.xlsx");
    let docx = dir.path().join("送审稿.docx");
    for out in [&xlsx, &docx] {
        let o = nianbao(&[
            "render".as_ref(),
            source.as_os_str(),
            "-o".as_ref(),
            out.as_os_str(),
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert!(String::from_utf8_lossy(&o.stdout).contains("已输出"));
    }
    assert!(std::fs::read(&docx).expect("docx").starts_with(b"PK"));
    // Rendering again replaces what nianbao wrote; a file of the user's is kept unless asked.
    for out in [&xlsx, &docx] {
        let o = nianbao(&[
            "render".as_ref(),
            source.as_os_str(),
            "-o".as_ref(),
            out.as_os_str(),
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    for name in ["别人的.xlsx", "别人的.docx"] {
        let theirs = dir.path().join(name);
        let mut book = rust_xlsxwriter::Workbook::new();
        book.add_worksheet().write(0, 0, "通讯录").expect("w");
        let bytes = book.save_to_buffer().expect("saves");
        std::fs::write(&theirs, &bytes).expect("write");
        let o = nianbao(&[
            "render".as_ref(),
            source.as_os_str(),
            "-o".as_ref(),
            theirs.as_os_str(),
        ]);
        assert_eq!(o.status.code(), Some(2), "{name}");
        assert!(String::from_utf8_lossy(&o.stderr).contains("--replace"));
        assert_eq!(std::fs::read(&theirs).expect("kept"), bytes);
    }
    let back = dir.path().join("back.json");
    let o = nianbao(&[
        "import".as_ref(),
        xlsx.as_os_str(),
        "-o".as_ref(),
        back.as_os_str(),
    ]);
    let said = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{said}");
    assert!(said.contains("按格子名称读取"), "{said}");
    let report = nianbao::file::load(&back).expect("imported report loads");
    assert_eq!(inputs(&report), inputs(&example(1)));
    assert_eq!(report.details.year, example(1).details.year);
    // Never over an existing file.
    let o = nianbao(&[
        "import".as_ref(),
        xlsx.as_os_str(),
        "-o".as_ref(),
        back.as_os_str(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("已存在"));
    // A workbook that is not one: a Chinese sentence naming the file, exit 2.
    let junk = dir.path().join("junk.xlsx");
    std::fs::write(&junk, "不是表格").expect("write");
    let o = nianbao(&[
        "import".as_ref(),
        junk.as_os_str(),
        "-o".as_ref(),
        dir.path().join("j.json").as_os_str(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("junk.xlsx") && err.contains("无法打开这个表格文件"),
        "{err}"
    );
}

#[test]
fn app_exports_the_workbook_and_imports_it_back_as_one_undo_step() {
    use nianbao::app::files::Purpose;
    use nianbao::app::{Command as AppCommand, Config, Modal, NianbaoApp};
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("report.nianbao");
    std::fs::copy(EXAMPLES[1], &path).expect("copy");
    let mut app = NianbaoApp::new(Config {
        data_dir: dir.path().join("data"),
        native_dialogs: false,
        open_exported: false,
        open: Some(path),
        trace_frames: false,
    });
    let ctx = egui::Context::default();
    let xlsx = dir.path().join("填报表");
    app.apply(AppCommand::Chosen(Purpose::ExportXlsx, xlsx), &ctx, 0.0);
    let xlsx = dir.path().join("填报表.xlsx");
    assert!(xlsx.exists(), "{:?}", app.status);
    app.apply(
        AppCommand::Chosen(Purpose::ExportDocx, dir.path().join("送审稿")),
        &ctx,
        0.0,
    );
    assert!(dir.path().join("送审稿.docx").exists(), "{:?}", app.status);

    // The clerk clears two cells, then reads the workbook back: both return, in one step.
    let full = app.doc.report.clone();
    let a = nianbao::format::CellKey::parse("t3.new_received.natural_person").expect("key");
    let b = nianbao::format::CellKey::parse("t2.licensing_decisions.count").expect("key");
    let cleared = {
        let mut r = full.clone();
        r.set_input(a, None);
        r.set_input(b, Some(Value::Count(1)));
        r
    };
    app.doc.edit(nianbao::app::doc::EditKind::Step, 1.0, |r| {
        *r = cleared.clone()
    });
    app.apply(AppCommand::Chosen(Purpose::ImportXlsx, xlsx), &ctx, 2.0);
    assert_eq!(inputs(&app.doc.report), inputs(&full));
    let Some(Modal::Message(text)) = &app.modal else {
        panic!("the changed cells are shown: {:?}", app.status);
    };
    assert!(text.contains("2 个格子有变化"), "{text}");
    assert!(
        text.contains(&a.label_path()) && text.contains("未填 →"),
        "{text}"
    );
    assert!(app.doc.undo());
    assert_eq!(inputs(&app.doc.report), inputs(&cleared));
}

#[test]
fn a_word_copy_with_errors_is_marked_as_a_draft_on_every_page() {
    let mut report = example(1);
    report.details.year = 2019;
    let errors = nianbao::export::error_count(&nianbao::check::check(&report, None));
    assert!(errors > 0);
    let parts = unzip(&write_docx(&report).expect("docx"));
    for header in ["word/header1.xml", "word/header2.xml"] {
        assert!(
            parts[header].contains(&format!("草稿：检查发现 {errors} 个错误，更正前请勿印发")),
            "{header}"
        );
        check_order(&parts[header]).unwrap_or_else(|e| panic!("{header}: {e}"));
    }
}
