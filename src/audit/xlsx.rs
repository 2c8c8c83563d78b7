//! The audit as a workbook: sheet 单位 (one row per file, worst first), 问题清单 (one row
//! per finding, what a supervisor sends back to each unit) and 汇总 (the units' tables
//! added up, with the units summed and the files left out).

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, Note, Workbook, Worksheet, XlsxError,
};

use super::{Audit, Status, UnitRow};
use crate::check::Severity;
use crate::format::{CellKind, TableId, table_def};

/// Columns of sheet 单位: (header, width in characters).
pub const UNIT_COLUMNS: [(&str, f64); 20] = [
    ("状态", 8.0),
    ("文件", 36.0),
    ("机关", 28.0),
    ("年度", 6.0),
    ("发布日期", 11.0),
    ("逾期", 5.0),
    ("错误", 5.0),
    ("警告", 5.0),
    ("未读出", 6.0),
    ("新收", 7.0),
    ("上年结转", 8.0),
    ("办结", 7.0),
    ("予以公开", 8.0),
    ("部分公开占比", 10.0),
    ("复议", 6.0),
    ("复议纠错", 8.0),
    ("诉讼", 6.0),
    ("诉讼纠错", 8.0),
    ("跨年度比对", 40.0),
    ("说明", 50.0),
];

/// The column of [`UNIT_COLUMNS`] that says how the unit compares with last year.
const CROSS_YEAR_COLUMN: u16 = 18;

/// Columns of sheet 问题清单.
pub const FINDING_COLUMNS: [(&str, f64); 7] = [
    ("单位", 28.0),
    ("文件", 30.0),
    ("严重程度", 8.0),
    ("规则", 14.0),
    ("位置", 24.0),
    ("说明", 80.0),
    ("单元格", 30.0),
];

const RED: u32 = 0xFFC7CE;
const AMBER: u32 = 0xFFEB9C;

fn fill(status: Status) -> Option<u32> {
    match status {
        Status::NeedsChanges | Status::Unreadable => Some(RED),
        Status::OldFormat | Status::Duplicate => Some(AMBER),
        Status::Passed => None,
    }
}

/// One row of sheet 单位 as text and numbers, shared with the HTML page.
pub fn unit_cells(row: &UnitRow) -> Vec<Cell> {
    let n = |v: Option<u64>| v.map_or(Cell::Blank, |n| Cell::Number(n as f64));
    let f = &row.figures;
    let mut note = Vec::new();
    if let Some(reason) = &row.reason {
        note.push(reason.clone());
    }
    if !row.from_file_name.is_empty() {
        note.push(format!("{}取自文件名", row.from_file_name.join("和")));
    }
    let read = !row.status.left_out() || row.status == Status::Duplicate;
    let count = |v: usize| {
        if read {
            Cell::Number(v as f64)
        } else {
            Cell::Blank
        }
    };
    vec![
        Cell::Text(row.status.word().to_string()),
        Cell::Text(row.file()),
        Cell::Text(row.agency.clone().unwrap_or_default()),
        row.year.map_or(Cell::Blank, |y| Cell::Number(f64::from(y))),
        Cell::Text(row.publish_date.map(|d| d.to_string()).unwrap_or_default()),
        Cell::Text(match row.late {
            Some(true) => "逾期".into(),
            Some(false) => "否".into(),
            None => String::new(),
        }),
        Cell::Number(row.errors() as f64),
        count(row.warnings()),
        count(row.not_read),
        n(f.new_received),
        n(f.carried_over),
        n(f.concluded),
        n(f.granted),
        f.partial_share().map_or(Cell::Blank, Cell::Percent),
        n(f.review),
        n(f.review_corrected),
        n(f.litigation),
        n(f.litigation_corrected),
        Cell::Text(row.cross_year.clone()),
        Cell::Text(note.join("；")),
    ]
}

/// A value in a table of the audit.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing.
    Blank,
    /// Text.
    Text(String),
    /// A number.
    Number(f64),
    /// A share, 0–1.
    Percent(f64),
}

impl Cell {
    /// The value as text (a share as "12.5%").
    pub fn text(&self) -> String {
        match self {
            Cell::Blank => String::new(),
            Cell::Text(t) => t.clone(),
            Cell::Number(n) => format!("{n}"),
            Cell::Percent(p) => format!("{:.1}%", p * 100.0),
        }
    }
}

/// One line of the 汇总: a cell of the three tables added up over the units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SumLine {
    /// 表二 / 表三 / 表四.
    pub table: &'static str,
    /// The cell key (`t3.new_received.natural_person`).
    pub key: String,
    /// The cell's labels, row then column.
    pub label: String,
    /// The sum as shown ("" when no unit filled it).
    pub value: String,
    /// Units that filled the cell, left it blank, and whose import could not read it
    /// (None for a total, which is computed).
    pub units: Option<CellUnits>,
}

/// How many units filled an input cell, left it blank, or could not be read at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellUnits {
    /// Filled it (the sum is over these).
    pub filled: u32,
    /// Left it blank (未填).
    pub blank: u32,
    /// Could not be read from their published report (not 未填).
    pub not_read: u32,
}

/// The headers of the 汇总 table (sheet and page).
pub const SUM_HEADERS: [&str; 7] = [
    "表",
    "单元格",
    "项目",
    "合计",
    "填写单位数",
    "未填单位数",
    "未能读出单位数",
];

/// What the 汇总's counts mean (sheet and page).
pub const SUM_NOTE: &str = "空白不计为 0：每格只加填写了此格的单位；“未填单位数”为未填此格的单位数，“未能读出单位数”为导入其发布的报告时未能读出此格的单位数（不是未填，请对照原文核对）";

/// A unit summed: its 机关, its file, its blank cells and cells not read.
pub type SummedUnit = crate::model::SummedUnit;

/// The 汇总 as lines, every cell of the three tables, and the units summed; or the refusals.
pub fn sum_lines(audit: &Audit) -> Result<(Vec<SumLine>, Vec<SummedUnit>), Vec<String>> {
    let report = audit.sum("")?;
    let summed = report.summed.clone().unwrap_or_default();
    let units = summed.units.len() as u32;
    let mut lines = Vec::new();
    for table in TableId::ALL {
        for cell in table_def(table).cells() {
            let key = cell.key.to_string();
            let counts = (cell.kind != CellKind::Total).then(|| {
                let blank = summed.blanks.get(&key).copied().unwrap_or(0);
                let not_read = summed.not_read.get(&key).copied().unwrap_or(0);
                CellUnits {
                    filled: units.saturating_sub(blank.saturating_add(not_read)),
                    blank,
                    not_read,
                }
            });
            lines.push(SumLine {
                table: table.name(),
                label: cell.key.label_path(),
                value: report.display(cell.key),
                key,
                units: counts,
            });
        }
    }
    Ok((lines, summed.units))
}

/// The workbook's bytes. Deterministic: the creation date is fixed (1 January after the
/// audited year), so the same audit gives the same file.
pub fn write_xlsx(audit: &Audit) -> Result<Vec<u8>, String> {
    build(audit).map_err(|e| format!("无法生成审核结果工作簿：{e}"))
}

fn build(audit: &Audit) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let year = audit.year.map_or(2000, |y| y.saturating_add(1));
    let date = ExcelDateTime::from_ymd(year, 1, 1)?;
    book.set_properties(
        &DocProperties::new()
            .set_title("政府信息公开工作年度报告审核结果")
            .set_creation_datetime(&date),
    );
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xD9E1F2))
        .set_text_wrap();

    let sheet = book.add_worksheet().set_name("单位")?;
    write_header(sheet, &UNIT_COLUMNS, &header)?;
    let rows = audit.worst_first();
    for (i, row) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        let base = fill(row.status).map(|c| Format::new().set_background_color(Color::RGB(c)));
        for (c, cell) in unit_cells(row).iter().enumerate() {
            let mut format = base.clone().unwrap_or_default();
            if matches!(cell, Cell::Percent(_)) {
                format = format.set_num_format("0.0%");
            }
            write_cell(sheet, r, c as u16, cell, &format)?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, rows.len() as u32, UNIT_COLUMNS.len() as u16 - 1)?;
    if audit.compared {
        // How the similarity with last year is computed, on the column that shows it.
        let note = Note::new(format!(
            "与上年报告的相似度：{}。达到 {:.0}% 的部分视为雷同。",
            super::similarity::HOW,
            super::similarity::NEAR_COPY * 100.0
        ))
        .set_author("nianbao")
        .set_width(420)
        .set_height(120);
        sheet.insert_note(0, CROSS_YEAR_COLUMN, &note)?;
    }

    let sheet = book.add_worksheet().set_name("问题清单")?;
    write_header(sheet, &FINDING_COLUMNS, &header)?;
    let mut r = 1u32;
    for row in &rows {
        let mut findings: Vec<_> = row.findings.iter().collect();
        findings.sort_by_key(|f| f.severity);
        for f in findings {
            let format = match f.severity {
                Severity::Error => Format::new().set_background_color(Color::RGB(RED)),
                Severity::Warning => Format::new(),
            };
            let cells = [
                row.agency.clone().unwrap_or_default(),
                row.file(),
                f.severity.name().to_string(),
                crate::check::rule_name(&f.rule).to_string(),
                f.place.clone(),
                f.message.clone(),
                f.cells.join("、"),
            ];
            for (c, text) in cells.iter().enumerate() {
                sheet.write_string_with_format(r, c as u16, text, &format)?;
            }
            r += 1;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(
        0,
        0,
        r.saturating_sub(1).max(1),
        FINDING_COLUMNS.len() as u16 - 1,
    )?;

    let sheet = book.add_worksheet().set_name("汇总")?;
    let bold = Format::new().set_bold();
    sheet.set_column_width(0, 8)?;
    sheet.set_column_width(1, 36)?;
    sheet.set_column_width(2, 60)?;
    sheet.set_column_width(3, 14)?;
    sheet.set_column_width(4, 10)?;
    sheet.set_column_width(5, 10)?;
    sheet.set_column_width(6, 12)?;
    let mut r = 0u32;
    match sum_lines(audit) {
        Ok((lines, units)) => {
            let year = audit.year.map(|y| format!("{y} 年度")).unwrap_or_default();
            sheet.write_string_with_format(
                r,
                0,
                format!(
                    "{year}表二、三、四汇总：{} 个单位相加。{SUM_NOTE}",
                    units.len()
                ),
                &bold,
            )?;
            r += 2;
            for (c, h) in SUM_HEADERS.iter().enumerate() {
                sheet.write_string_with_format(r, c as u16, *h, &header)?;
            }
            sheet.set_freeze_panes(r + 1, 0)?;
            r += 1;
            for line in &lines {
                sheet.write_string(r, 0, line.table)?;
                sheet.write_string(r, 1, &line.key)?;
                sheet.write_string(r, 2, &line.label)?;
                let value = &line.value;
                match value.parse::<f64>() {
                    Ok(v) if !value.contains('.') => {
                        sheet.write_number(r, 3, v)?;
                    }
                    // The fee amount is kept as text so no digit is rounded.
                    _ if !value.is_empty() => {
                        sheet.write_string(r, 3, value)?;
                    }
                    _ => {}
                }
                if let Some(n) = line.units {
                    sheet.write_number(r, 4, f64::from(n.filled))?;
                    sheet.write_number(r, 5, f64::from(n.blank))?;
                    sheet.write_number(r, 6, f64::from(n.not_read))?;
                }
                r += 1;
            }
            r += 1;
            sheet.write_string_with_format(r, 0, "汇总的单位", &bold)?;
            r += 1;
            for (c, h) in ["序号", "机关", "文件", "未填格数", "未能读出格数"]
                .iter()
                .enumerate()
            {
                sheet.write_string_with_format(r, c as u16, *h, &header)?;
            }
            r += 1;
            for (i, unit) in units.iter().enumerate() {
                sheet.write_number(r, 0, (i + 1) as f64)?;
                sheet.write_string(r, 1, &unit.agency)?;
                sheet.write_string(r, 2, &unit.file)?;
                sheet.write_number(r, 3, f64::from(unit.blank_cells))?;
                sheet.write_number(r, 4, f64::from(unit.not_read_cells))?;
                r += 1;
            }
        }
        Err(refusals) => {
            sheet.write_string_with_format(r, 0, "未能汇总", &bold)?;
            r += 1;
            for reason in refusals {
                sheet.write_string(r, 1, reason)?;
                r += 1;
            }
        }
    }
    r += 1;
    let others = audit.not_summed();
    sheet.write_string_with_format(
        r,
        0,
        format!("未纳入的文件（{} 个）及原因", others.len()),
        &bold,
    )?;
    r += 1;
    for (file, reason) in &others {
        sheet.write_string(r, 1, file)?;
        sheet.write_string(r, 2, reason)?;
        r += 1;
    }
    book.save_to_buffer()
}

fn write_header(
    sheet: &mut Worksheet,
    columns: &[(&str, f64)],
    format: &Format,
) -> Result<(), XlsxError> {
    for (c, (title, width)) in columns.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *title, format)?;
        sheet.set_column_width(c as u16, *width)?;
    }
    Ok(())
}

fn write_cell(
    sheet: &mut Worksheet,
    r: u32,
    c: u16,
    cell: &Cell,
    format: &Format,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Blank => sheet.write_blank(r, c, format)?,
        Cell::Text(t) => sheet.write_string_with_format(r, c, t, format)?,
        Cell::Number(n) | Cell::Percent(n) => sheet.write_number_with_format(r, c, *n, format)?,
    };
    Ok(())
}
