//! The Excel fill-in workbook (填报表) that a clerk sends to 科室 and 下级单位.
//!
//! One sheet per table, laid out as the official table from the format declaration (every
//! label and merge), printed one A4 page each; input cells unlocked, lightly filled and
//! validated; totals as formulas whose cached results are our computed values (a workbook
//! opened without recalculation still shows the right totals); every sheet protected without
//! a password; and a defined name per data cell from its cell key ([`defined_name`]), so the
//! workbook is read back ([`crate::import::xlsx`]) whatever the user did to its layout.

use std::collections::BTreeMap;

use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties,
    ExcelDateTime, Format, FormatAlign, FormatBorder, Formula, ProtectionOptions, Workbook,
    Worksheet, XlsxError,
};

use crate::format::{CellKey, CellKind, GridContent, TableDef, TableId, table_def};
use crate::model::{Report, Value};

/// Rows above each table: its title and a line saying whose report it is.
pub const TOP_ROWS: u32 = 2;
/// Name of the instructions sheet.
pub const README_SHEET: &str = "说明";
/// Prefix of every defined name we write; a workbook with such names is one of ours.
pub const NAME_PREFIX: &str = "nb_";
/// Defined name of the 填报单位 cell on the 说明 sheet.
pub const UNIT_NAME: &str = "nb_unit";

/// Why the workbook could not be made (a bug or an impossible value, never the user's input).
#[derive(Debug, thiserror::Error)]
#[error("无法生成 Excel 填报表：{0}")]
pub struct XlsxExportError(String);

impl From<XlsxError> for XlsxExportError {
    fn from(e: XlsxError) -> Self {
        XlsxExportError(e.to_string())
    }
}

/// The sheet name of a table: 表二, 表三, 表四.
pub fn sheet_name(id: TableId) -> &'static str {
    id.name()
}

/// The defined name of a cell: `nb_t3__r3_1_state_secret__natural_person`. Letters, digits
/// and underscores only, so Excel, WPS and LibreOffice (which refuses "." in names) all keep
/// it; keys use single underscores, so the double ones separate unambiguously.
pub fn defined_name(key: CellKey) -> String {
    format!("{NAME_PREFIX}{}__{}__{}", key.table.key(), key.row, key.col)
}

/// Column widths in millimetres on paper, per table, and whether the sheet prints landscape.
/// Wider than the PDF's 156 mm text block: a spreadsheet is read on screen and typed into.
fn columns_mm(id: TableId) -> (Vec<f64>, bool) {
    match id {
        TableId::T2 => (vec![52.0, 38.0, 38.0, 38.0], false),
        TableId::T3 => {
            let mut w = vec![10.0, 20.0, 48.0];
            w.extend([14.0, 13.0, 13.0, 14.0, 14.0, 12.0, 14.0]);
            (w, false)
        }
        TableId::T4 => (vec![16.0; 15], true),
    }
}

/// Text size of the tables: 五号, as printed.
const TABLE_PT: f64 = 10.5;
/// Height of one wrapped line of table text, in points.
const LINE_PT: f64 = TABLE_PT * 1.35;
/// Vertical padding of a cell, in points.
const PAD_PT: f64 = 6.0;
/// The font every PC and WPS has.
const TABLE_FONT: &str = "宋体";
const TITLE_FONT: &str = "黑体";
/// Light fill of the cells to fill in.
const INPUT_FILL: u32 = 0xFFF2CC;
/// Fill of the computed totals.
const TOTAL_FILL: u32 = 0xEDEDED;

fn mm_to_px(mm: f64) -> u32 {
    (mm * 96.0 / 25.4).round() as u32
}

/// How many lines `text` needs in a cell `width_mm` wide at [`TABLE_PT`].
fn lines_needed(text: &str, width_mm: f64) -> usize {
    lines_needed_at(text, width_mm, TABLE_PT)
}

/// How many lines `text` needs in a cell `width_mm` wide at `size_pt`: CJK characters a
/// full em, others about half, less the cell's padding.
fn lines_needed_at(text: &str, width_mm: f64, size_pt: f64) -> usize {
    let em_mm = size_pt * 25.4 / 72.0;
    let usable = (width_mm - 2.5).max(em_mm);
    let mut lines = 1;
    let mut line_mm = 0.0;
    for c in text.chars() {
        let w = if c.is_ascii() { em_mm * 0.55 } else { em_mm };
        if line_mm + w > usable {
            lines += 1;
            line_mm = 0.0;
        }
        line_mm += w;
    }
    lines
}

/// The formats of one workbook.
struct Formats {
    title: Format,
    note: Format,
    header: Format,
    label: Format,
    input: Format,
    amount: Format,
    total: Format,
    readme_title: Format,
    readme_text: Format,
    readme_input: Format,
}

impl Formats {
    fn new() -> Formats {
        let base = Format::new()
            .set_font_name(TABLE_FONT)
            .set_font_size(TABLE_PT)
            .set_border(FormatBorder::Thin)
            .set_text_wrap()
            .set_align(FormatAlign::VerticalCenter);
        let input = base
            .clone()
            .set_align(FormatAlign::Center)
            .set_background_color(Color::RGB(INPUT_FILL))
            .set_unlocked();
        Formats {
            title: Format::new()
                .set_font_name(TITLE_FONT)
                .set_font_size(14)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            note: Format::new()
                .set_font_name(TABLE_FONT)
                .set_font_size(TABLE_PT)
                .set_align(FormatAlign::VerticalCenter),
            header: base.clone().set_align(FormatAlign::Center),
            // One character in from the rule, as the printed table has it.
            label: base.clone().set_align(FormatAlign::Left).set_indent(1),
            amount: input.clone(),
            input,
            total: base
                .clone()
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(TOTAL_FILL)),
            readme_title: Format::new().set_font_name(TITLE_FONT).set_font_size(16),
            readme_text: Format::new()
                .set_font_name(TABLE_FONT)
                .set_font_size(12)
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            readme_input: Format::new()
                .set_font_name(TABLE_FONT)
                .set_font_size(12)
                .set_border(FormatBorder::Thin)
                .set_background_color(Color::RGB(INPUT_FILL))
                .set_unlocked(),
        }
    }
}

/// Where each data cell of a table stands on its sheet: (row, column), 0-based.
pub fn cell_positions(def: &TableDef) -> BTreeMap<CellKey, (u32, u16)> {
    def.grid
        .iter()
        .filter_map(|c| match c.content {
            GridContent::Data(key) => Some((key, (TOP_ROWS + c.row as u32, c.col as u16))),
            _ => None,
        })
        .collect()
}

/// "D7" for (6, 3).
fn a1(row: u32, col: u16) -> String {
    let mut name = String::new();
    let mut n = u32::from(col) + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        name.insert(0, char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    format!("{name}{}", row + 1)
}

/// "$D$7" for (6, 3).
fn absolute(row: u32, col: u16) -> String {
    let cell = a1(row, col);
    let split = cell
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(cell.len());
    format!("${}${}", &cell[..split], &cell[split..])
}

/// The cells a total adds up, as one range when they stand in a line, else a list.
fn sum_args(parts: &[(u32, u16)]) -> String {
    let Some(&first) = parts.first() else {
        return String::new();
    };
    let last = parts[parts.len() - 1];
    let n = parts.len() as u32;
    let in_row = parts
        .iter()
        .enumerate()
        .all(|(i, &(r, c))| r == first.0 && u32::from(c) == u32::from(first.1) + i as u32);
    let in_col = parts
        .iter()
        .enumerate()
        .all(|(i, &(r, c))| c == first.1 && r == first.0 + i as u32);
    if (in_row || in_col) && n > 1 {
        format!("{}:{}", a1(first.0, first.1), a1(last.0, last.1))
    } else {
        parts
            .iter()
            .map(|&(r, c)| a1(r, c))
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// The workbook's creation date: the report's own dates, never the clock, so the same report
/// gives the same bytes.
fn creation_date(report: &Report) -> Option<ExcelDateTime> {
    let d = report
        .details
        .signed_date
        .or(report.details.publish_date)
        .map(|d| (d.year, d.month, d.day))
        .unwrap_or((report.details.year.saturating_add(1).max(1900), 1, 1));
    ExcelDateTime::from_ymd(d.0, d.1, d.2).ok()
}

/// Writes the fill-in workbook of `report`: 说明, 表二, 表三, 表四.
pub fn write_xlsx(report: &Report) -> Result<Vec<u8>, XlsxExportError> {
    let mut workbook = Workbook::new();
    let title = format!(
        "{}{}年政府信息公开工作年度报告 统计表",
        report.title_agency(),
        report.details.year
    );
    let mut properties = DocProperties::new()
        .set_title(&title)
        .set_author(report.details.agency_name.trim())
        .set_comment("由 nianbao（年报）生成的填报表；请只在浅色底的格子里填写。");
    if let Some(date) = creation_date(report) {
        properties = properties.set_creation_datetime(&date);
    }
    workbook.set_properties(&properties);
    let formats = Formats::new();

    readme_sheet(workbook.add_worksheet(), report, &formats)?;
    let mut names: Vec<(String, String)> = Vec::new();
    for id in TableId::ALL {
        let sheet = workbook.add_worksheet();
        table_sheet(sheet, report, id, &formats, &mut names)?;
    }
    names.push((UNIT_NAME.to_string(), format!("={README_SHEET}!$C$4")));
    for (name, target) in &names {
        workbook.define_name(name, target)?;
    }
    Ok(workbook.save_to_buffer()?)
}

fn protection() -> ProtectionOptions {
    ProtectionOptions {
        // Widening a column or a row to read a label breaks nothing.
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::default()
    }
}

fn readme_sheet(sheet: &mut Worksheet, report: &Report, f: &Formats) -> Result<(), XlsxError> {
    sheet.set_name(README_SHEET)?;
    sheet.set_paper_size(9);
    sheet.set_column_width(0, 4)?;
    sheet.set_column_width(1, 14)?;
    sheet.set_column_width(2, 60)?;
    let agency = report.details.agency_name.trim();
    let agency = if agency.is_empty() {
        "本机关"
    } else {
        agency
    };
    let year = report.details.year;
    sheet.write_with_format(
        0,
        1,
        format!("{agency}{year}年政府信息公开工作年度报告 统计表填报说明"),
        &f.readme_title,
    )?;
    sheet.set_row_height(0, 28)?;
    sheet.write_with_format(2, 1, "请先填写：", &f.readme_text)?;
    let fields = ["填报单位", "填报人", "联系电话", "填报日期"];
    for (i, field) in fields.iter().enumerate() {
        let row = 3 + i as u32;
        sheet.write_with_format(row, 1, *field, &f.readme_text)?;
        sheet.write_blank(row, 2, &f.readme_input)?;
    }
    let items = [
        format!(
            "一、本工作簿有表二、表三、表四三张表，与国办公开办函〔2021〕30号规定的《政府信息公开工作年度报告》统计表格式相同，统计期限为{year}年1月1日至{year}年12月31日。"
        ),
        "二、只在浅黄色底的格子里填写数字。件数填不小于 0 的整数；表二“行政事业性收费”的金额以万元为单位，可带两位小数。".to_string(),
        "三、空白表示未填写，0 表示没有：本年度没有发生的事项请填 0，不要留空；确实无法统计的请留空并在发回时说明。".to_string(),
        "四、表三的“总计”列和“（七）总计”行、表四的“总计”由公式自动计算，不用填写。其余格子已锁定（没有密码），请不要取消保护、插入或删除行列，以免读回时出错。".to_string(),
        format!(
            "五、填好后请直接保存（保持 .xlsx 格式，不要另存为图片或 PDF），在本页填写填报单位和联系人，发回{agency}负责编写政府信息公开工作年度报告的同志。"
        ),
    ];
    for (i, item) in items.iter().enumerate() {
        let row = 8 + i as u32;
        sheet.merge_range(row, 1, row, 2, item, &f.readme_text)?;
        // Columns B and C: 74 character widths of about 1.85 mm; text at 12 pt.
        let lines = lines_needed_at(item, 74.0 * 1.85, 12.0);
        sheet.set_row_height(row, (lines as f64 * 12.0 * 1.4 + 6.0).ceil())?;
    }
    sheet.set_margins(0.6, 0.6, 0.7, 0.7, 0.3, 0.3);
    // One page wide, whatever font the PC substitutes.
    sheet.set_print_fit_to_pages(1, 0);
    sheet.protect_with_options(&protection());
    sheet.set_active(true);
    Ok(())
}

fn table_sheet(
    sheet: &mut Worksheet,
    report: &Report,
    id: TableId,
    f: &Formats,
    names: &mut Vec<(String, String)>,
) -> Result<(), XlsxError> {
    let def = table_def(id);
    let name = sheet_name(id);
    sheet.set_name(name)?;
    // A blank total's cached result is the empty text its formula gives, not 0: a workbook
    // opened without recalculation shows blank, and reads back as blank.
    sheet.set_formula_result_default("");
    let (widths, landscape) = columns_mm(id);
    for (c, w) in widths.iter().enumerate() {
        sheet.set_column_width_pixels(c as u16, mm_to_px(*w))?;
    }
    let last_col = (def.grid_cols - 1) as u16;
    sheet.merge_range(0, 0, 0, last_col, id.section_title(), &f.title)?;
    sheet.set_row_height(0, 30)?;
    let unit = match report.details.agency_name.trim() {
        "" => format!("{}年度", report.details.year),
        agency => format!("{agency}　{}年度", report.details.year),
    };
    let unit_note = match id {
        TableId::T2 => format!("{unit}　　（件数：件；收费金额：万元）"),
        _ => format!("{unit}　　（单位：件）"),
    };
    sheet.merge_range(1, 0, 1, last_col, &unit_note, &f.note)?;
    sheet.set_row_height(1, 20)?;

    // Row heights from the wrapped labels: a merged label shares its lines among its rows.
    let mut row_pt = vec![LINE_PT + PAD_PT; def.grid_rows];
    for cell in &def.grid {
        let text = match cell.content {
            GridContent::Header(t) | GridContent::Label(t) => t,
            GridContent::Data(_) => continue,
        };
        let width: f64 = widths[cell.col..cell.col + cell.colspan].iter().sum();
        let need = lines_needed(text, width) as f64 * LINE_PT + PAD_PT;
        let each = need / cell.rowspan as f64;
        for h in row_pt.iter_mut().skip(cell.row).take(cell.rowspan) {
            *h = h.max(each);
        }
    }
    for (r, h) in row_pt.iter().enumerate() {
        sheet.set_row_height(TOP_ROWS + r as u32, h.ceil())?;
    }

    let positions = cell_positions(def);
    for cell in &def.grid {
        let row = TOP_ROWS + cell.row as u32;
        let col = cell.col as u16;
        let last_row = row + cell.rowspan as u32 - 1;
        let last = col + cell.colspan as u16 - 1;
        let merged = cell.rowspan > 1 || cell.colspan > 1;
        match cell.content {
            GridContent::Header(text) | GridContent::Label(text) => {
                let format = if matches!(cell.content, GridContent::Header(_)) {
                    &f.header
                } else {
                    &f.label
                };
                if merged {
                    sheet.merge_range(row, col, last_row, last, text, format)?;
                } else {
                    sheet.write_with_format(row, col, text, format)?;
                }
            }
            GridContent::Data(key) => {
                let Some(data) = key.def() else { continue };
                let format = match data.kind {
                    CellKind::Count => &f.input,
                    CellKind::Amount => &f.amount,
                    CellKind::Total => &f.total,
                };
                if merged {
                    sheet.merge_range(row, col, last_row, last, "", format)?;
                }
                match data.kind {
                    CellKind::Total => {
                        let parts: Vec<(u32, u16)> = data
                            .parts
                            .iter()
                            .filter_map(|p| positions.get(p).copied())
                            .collect();
                        let args = sum_args(&parts);
                        let cached = report.count(key).map(|n| n.to_string()).unwrap_or_default();
                        let formula = Formula::new(format!("IF(COUNT({args})=0,\"\",SUM({args}))"))
                            .set_result(cached);
                        sheet.write_formula_with_format(row, col, formula, format)?;
                    }
                    _ => {
                        match report.input(key) {
                            Some(Value::Count(n)) => {
                                sheet.write_number_with_format(row, col, *n as f64, format)?;
                            }
                            Some(Value::Amount(a)) => match a.as_str().parse::<f64>() {
                                Ok(x) => {
                                    sheet.write_number_with_format(row, col, x, format)?;
                                }
                                Err(_) => {
                                    sheet.write_blank(row, col, format)?;
                                }
                            },
                            None if !merged => {
                                sheet.write_blank(row, col, format)?;
                            }
                            None => {}
                        }
                        sheet.add_data_validation(
                            row,
                            col,
                            row,
                            col,
                            &validation(data.kind, row, col)?,
                        )?;
                    }
                }
                names.push((defined_name(key), format!("={name}!{}", absolute(row, col))));
            }
        }
    }

    sheet.set_paper_size(9);
    if landscape {
        sheet.set_landscape();
    } else {
        sheet.set_portrait();
    }
    sheet.set_margins(0.6, 0.6, 0.7, 0.7, 0.3, 0.3);
    sheet.set_print_center_horizontally(true);
    sheet.set_print_fit_to_pages(1, 1);
    let header_end = TOP_ROWS + def.header_rows as u32;
    sheet.set_repeat_rows(0, header_end.saturating_sub(1).max(1))?;
    // The sheet's name only: each table is one page, and LibreOffice numbers pages across
    // the whole workbook, so "第 4 页" under 表三 would only puzzle.
    sheet.set_footer(format!("&C&\"{TABLE_FONT}\"&9{name}"));
    sheet.protect_with_options(&protection());
    Ok(())
}

/// The validation of an input cell: a non-negative whole number, or for the fee a
/// non-negative amount with at most two decimals.
fn validation(kind: CellKind, row: u32, col: u16) -> Result<DataValidation, XlsxError> {
    let v = match kind {
        CellKind::Amount => {
            let at = a1(row, col);
            DataValidation::new()
                .allow_custom(Formula::new(format!(
                    "AND(ISNUMBER({at}),{at}>=0,ROUND({at},2)={at})"
                )))
                .set_input_title("收费金额")?
                .set_input_message("以万元为单位，不小于 0，最多两位小数；没有收费填 0。")?
                .set_error_title("金额不对")?
                .set_error_message("请填不小于 0 的数字（万元），最多两位小数，如 12.35。")?
        }
        _ => DataValidation::new()
            .allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0))
            .set_input_message("填件数：不小于 0 的整数；没有填 0，未统计留空。")?
            .set_error_title("件数不对")?
            .set_error_message("件数只能是不小于 0 的整数，如 0、3、125。")?,
    };
    Ok(v.set_error_style(DataValidationErrorStyle::Stop))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a1_names() {
        assert_eq!(a1(0, 0), "A1");
        assert_eq!(a1(5, 3), "D6");
        assert_eq!(a1(9, 25), "Z10");
        assert_eq!(a1(0, 26), "AA1");
    }

    #[test]
    fn sums_of_lines_are_ranges() {
        assert_eq!(sum_args(&[(5, 3), (5, 4), (5, 5)]), "D6:F6");
        assert_eq!(sum_args(&[(5, 3), (6, 3)]), "D6:D7");
        assert_eq!(sum_args(&[(5, 3), (7, 3)]), "D6,D8");
    }

    #[test]
    fn names_are_distinct_and_plain() {
        let mut seen = std::collections::BTreeSet::new();
        for id in TableId::ALL {
            for cell in table_def(id).cells() {
                let name = defined_name(cell.key);
                assert!(name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
                assert!(seen.insert(name));
            }
        }
    }
}
