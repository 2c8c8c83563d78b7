//! The app driven as a user would, by its labels, with egui_kittest (headless, no display).

use std::path::{Path, PathBuf};

use egui::{Event, ImeEvent, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use nianbao::app::{Command, Config, Modal, NianbaoApp, Node};
use nianbao::format::{CellKey, TableId};

const EXAMPLE: &str = "assets/examples/example-city-2024.json";

fn key(table: TableId, row: &'static str, col: &'static str) -> CellKey {
    CellKey { table, row, col }
}

/// A copy of the realistic example in a temporary folder, and the folder for app data.
fn setup() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.nianbao");
    std::fs::copy(EXAMPLE, &path).unwrap();
    (dir, path)
}

fn harness(data_dir: &Path, open: Option<PathBuf>) -> Harness<'static, NianbaoApp> {
    harness_sized(data_dir, open, egui::vec2(1500.0, 1000.0))
}

fn harness_sized(
    data_dir: &Path,
    open: Option<PathBuf>,
    size: egui::Vec2,
) -> Harness<'static, NianbaoApp> {
    let app = NianbaoApp::new(Config {
        data_dir: data_dir.to_path_buf(),
        native_dialogs: false,
        open_exported: false,
        open,
        trace_frames: false,
    });
    let mut h = Harness::builder()
        .with_size(size)
        .with_context_setup(nianbao::app::fonts::install)
        .build_ui_state(|ui, app: &mut NianbaoApp| app.show(ui), app);
    h.run();
    h
}

/// Answers the start dialog: types the agency and presses 创建.
fn create_report(h: &mut Harness<'_, NianbaoApp>, agency: &str) {
    h.get_all_by_label("机关名称（全称）")
        .last()
        .unwrap()
        .click();
    h.run();
    h.event(Event::Text(agency.into()));
    h.run();
    click(h, "创建");
}

fn click(h: &mut Harness<'_, NianbaoApp>, label: &str) {
    h.get_all_by_label(label)
        .next()
        .unwrap_or_else(|| panic!("no “{label}” on screen"))
        .click();
    h.run();
}

fn type_into_cell(h: &mut Harness<'_, NianbaoApp>, cell: CellKey, text: &str) {
    h.get_by_label(&cell.label_path()).click();
    h.run();
    h.event(Event::Text(text.into()));
    h.run();
    h.key_press(Key::Enter);
    h.run();
}

fn cell_value(h: &Harness<'_, NianbaoApp>, cell: CellKey) -> String {
    h.get_by_label(&cell.label_path())
        .value()
        .unwrap_or_default()
}

#[test]
fn a_typed_cell_updates_its_total_and_the_findings() {
    let (dir, path) = setup();
    let mut h = harness(&dir.path().join("data"), Some(path));
    assert!(h.state().doc.findings.is_empty());
    click(&mut h, "三、收到和处理政府信息公开申请情况");
    let cell = key(TableId::T3, "new_received", "natural_person");
    let total = key(TableId::T3, "new_received", "total");
    let before: u64 = cell_value(&h, total).parse().unwrap();
    let old: u64 = cell_value(&h, cell).parse().unwrap();
    // The total follows the digits as they are typed, before Enter.
    h.get_by_label(&cell.label_path()).click();
    h.run();
    h.event(Event::Text((old + 5).to_string()));
    h.run();
    assert_eq!(cell_value(&h, total), (before + 5).to_string());
    assert!(
        h.state().doc.findings.is_empty(),
        "findings wait for the commit"
    );
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(cell_value(&h, total), (before + 5).to_string());
    assert!(h.state().doc.is_dirty());
    assert!(h.title_contains("*"));
    let findings = &h.state().doc.findings;
    assert!(
        findings
            .iter()
            .any(|f| f.rule == "R-id" && f.cells.contains(&cell)),
        "{findings:?}"
    );
    // Enter moved the cursor down to the next row.
    assert_eq!(
        h.state().tables.selected,
        Some(key(TableId::T3, "carried_over", "natural_person"))
    );

    // The finding leads back to its cell.
    click(&mut h, "三、收到和处理政府信息公开申请情况");
    h.state_mut().tables.selected = None;
    h.get_by_label_contains("检查结果（").click();
    h.run();
    let message = h.state().doc.findings[0].message.clone();
    click(&mut h, &message);
    assert_eq!(h.state().node, Node::Table(TableId::T3));
    let selected = h.state().tables.selected.unwrap();
    assert!(h.state().doc.findings[0].cells.contains(&selected));

    // Undo and redo, from the keyboard.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(cell_value(&h, total), before.to_string());
    assert!(h.state().doc.findings.is_empty());
    assert!(!h.state().doc.is_dirty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(cell_value(&h, total), (before + 5).to_string());
}

trait TitleExt {
    fn title_contains(&self, part: &str) -> bool;
}

impl TitleExt for Harness<'_, NianbaoApp> {
    fn title_contains(&self, part: &str) -> bool {
        self.state().title().contains(part)
    }
}

#[test]
fn save_writes_the_same_bytes_and_reopens() {
    let (dir, path) = setup();
    let original = std::fs::read(&path).unwrap();
    let mut h = harness(&dir.path().join("data"), Some(path.clone()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert_eq!(std::fs::read(&path).unwrap(), original);
    click(&mut h, "四、政府信息公开行政复议、行政诉讼情况");
    let cell = key(TableId::T4, "review", "pending");
    type_into_cell(&mut h, cell, "7");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(!h.state().doc.is_dirty());
    let saved = nianbao::file::load(&path).unwrap();
    assert_eq!(saved.count(cell), Some(7));
    assert_eq!(saved, h.state().doc.report);
}

#[test]
fn keyboard_moves_across_merged_rows_and_escape_reverts() {
    let (dir, path) = setup();
    let mut h = harness(&dir.path().join("data"), Some(path));
    click(&mut h, "三、收到和处理政府信息公开申请情况");
    let start = key(TableId::T3, "r2_partial", "research");
    h.get_by_label(&start.label_path()).click();
    h.run();
    for _ in 0..2 {
        h.key_press(Key::ArrowDown);
        h.run();
    }
    assert_eq!(
        h.state().tables.selected,
        Some(key(TableId::T3, "r3_2_law_prohibited", "research"))
    );
    h.key_press(Key::Tab);
    h.run();
    assert_eq!(
        h.state().tables.selected,
        Some(key(TableId::T3, "r3_2_law_prohibited", "social_welfare"))
    );
    h.key_press_modifiers(Modifiers::SHIFT, Key::Tab);
    h.key_press(Key::ArrowLeft);
    h.run();
    assert_eq!(
        h.state().tables.selected,
        Some(key(TableId::T3, "r3_2_law_prohibited", "commercial"))
    );
    // F2 edits; Esc throws the typing away.
    let cell = key(TableId::T3, "r3_2_law_prohibited", "commercial");
    let before = h.state().doc.report.clone();
    h.key_press(Key::F2);
    h.run();
    h.event(Event::Text("99".into()));
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(h.state().doc.report, before);
    assert_eq!(h.state().tables.selected, Some(cell));
    // A letter is not mended away: it stays on the cell, with an error, until corrected.
    h.event(Event::Text("a".into()));
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(
        h.state().doc.rejected.get(&cell).map(String::as_str),
        Some("a")
    );
    assert_eq!(h.state().doc.report.count(cell), None);
}

#[test]
fn pasting_a_block_fills_cells_and_a_bad_block_changes_nothing() {
    let (dir, path) = setup();
    let mut h = harness(&dir.path().join("data"), Some(path));
    click(&mut h, "三、收到和处理政府信息公开申请情况");
    let start = key(TableId::T3, "r4_1_not_held", "natural_person");
    h.get_by_label(&start.label_path()).click();
    h.run();
    let before = h.state().doc.report.clone();
    h.event(Event::Paste("1\t2\tx".into()));
    h.run();
    assert_eq!(h.state().doc.report, before);
    let (message, error) = h.state().status.clone().unwrap();
    assert!(error && message.contains("不是件数"), "{message}");
    h.event(Event::Paste(
        "4\t0\t0\t0\t0\t1\r\n2\t0\t0\t0\t0\t0\r\n".into(),
    ));
    h.run();
    let r = &h.state().doc.report;
    assert_eq!(r.count(key(TableId::T3, "r4_1_not_held", "total")), Some(5));
    assert_eq!(
        r.count(key(TableId::T3, "r4_2_needs_creation", "natural_person")),
        Some(2)
    );
    // One paste is one undo step.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().doc.report, before);
}

#[test]
fn only_committed_input_method_text_reaches_the_report() {
    let (dir, path) = setup();
    let mut h = harness(&dir.path().join("data"), Some(path));
    click(&mut h, "五、存在的主要问题及改进情况");
    h.get_by_label("正文").click();
    h.run();
    let before = h.state().doc.report.problems.clone();
    let revision = h.state().doc.revision;
    h.key_press_modifiers(Modifiers::COMMAND, Key::End);
    h.event(Event::Ime(ImeEvent::Preedit {
        text: "gongwen".into(),
        active_range_chars: None,
    }));
    h.run();
    assert_eq!(h.state().doc.report.problems, before);
    assert_eq!(
        h.state().doc.revision,
        revision,
        "composition reached the checks"
    );
    assert!(!h.state().doc.can_undo());
    h.event(Event::Ime(ImeEvent::Commit("公文".into())));
    h.run();
    let after = &h.state().doc.report.problems;
    assert!(
        after.contains("公文") && !after.contains("gongwen"),
        "{after}"
    );
    assert_eq!(after.chars().count(), before.chars().count() + 2);
}

#[test]
fn closing_with_unsaved_changes_asks_first() {
    let (dir, path) = setup();
    let mut h = harness(&dir.path().join("data"), Some(path));
    click(&mut h, "四、政府信息公开行政复议、行政诉讼情况");
    type_into_cell(&mut h, key(TableId::T4, "review", "other"), "3");
    click(&mut h, "文件");
    click(&mut h, "退出");
    assert!(matches!(h.state().modal, Some(Modal::Unsaved(_))));
    click(&mut h, "取消");
    assert!(h.state().modal.is_none());
    assert!(h.state().doc.is_dirty());
    // Opening another file asks too; "不保存" goes on.
    h.state_mut().apply(
        Command::OpenPath(EXAMPLE.into()),
        &egui::Context::default(),
        0.0,
    );
    h.run();
    assert!(matches!(h.state().modal, Some(Modal::Unsaved(_))));
    click(&mut h, "不保存");
    assert!(!h.state().doc.is_dirty());
    assert_eq!(h.state().doc.path.as_deref(), Some(Path::new(EXAMPLE)));
}

#[test]
fn unsaved_work_is_recovered_after_a_crash() {
    let (dir, path) = setup();
    let data = dir.path().join("data");
    {
        let mut h = harness(&data, Some(path.clone()));
        click(&mut h, "六、其他需要报告的事项");
        h.get_by_label("正文").click();
        h.run();
        h.key_press_modifiers(Modifiers::COMMAND, Key::End);
        h.event(Event::Text("断电前输入的字".into()));
        h.run();
        // The window loses focus: the recovery copy is written.
        h.event(Event::WindowFocused(false));
        h.run();
        // The process dies here: nothing saved, nothing cleaned up.
    }
    let mut h = harness(&data, None);
    assert!(matches!(h.state().modal, Some(Modal::Recover(_))));
    click(&mut h, "恢复");
    let doc = &h.state().doc;
    assert!(doc.report.other_matters.contains("断电前输入的字"));
    assert!(doc.is_dirty());
    assert_eq!(doc.path.as_deref(), Some(path.as_path()));
    // Saving clears the copy: the next start offers nothing.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let h2 = harness(&data, None);
    assert!(matches!(h2.state().modal, Some(Modal::New { .. })));
}

#[test]
fn new_report_insert_statistics_and_export() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(&dir.path().join("data"), None);
    // The first start asks for the agency.
    create_report(&mut h, "示例县某局");
    assert_eq!(h.state().doc.report.details.agency_name, "示例县某局");
    click(&mut h, "三、收到和处理政府信息公开申请情况");
    type_into_cell(
        &mut h,
        key(TableId::T3, "new_received", "natural_person"),
        "12",
    );
    click(&mut h, "一、总体情况");
    click(&mut h, "插入统计句");
    assert!(
        h.state()
            .doc
            .report
            .overview
            .on_request
            .contains("本年度共收到政府信息公开申请12件")
    );
    // Preview lays out pages with the draft mark (the report is far from complete).
    click(&mut h, "打印预览");
    assert!(h.query_by_label("第1页").is_some());
    // Export through the built-in chooser (no system dialog in tests).
    h.key_press_modifiers(Modifiers::COMMAND, Key::P);
    h.run();
    let pdf = dir.path().join("out.pdf");
    h.state_mut().apply(
        Command::Chosen(nianbao::app::files::Purpose::ExportPdf, pdf.clone()),
        &egui::Context::default(),
        0.0,
    );
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    let (message, _) = h.state().status.clone().unwrap();
    assert!(message.contains("草稿"), "{message}");
}

#[test]
fn importing_last_years_report_fills_carry_over() {
    let (dir, path) = setup();
    let mut h = harness(&dir.path().join("data"), Some(path));
    let mut previous = nianbao::file::load(Path::new(EXAMPLE)).unwrap();
    previous.details.year = 2023;
    let fwd = key(TableId::T3, "carried_forward", "natural_person");
    previous.set_input(fwd, Some(nianbao::model::Value::Count(9)));
    h.state_mut()
        .import_previous("last.nianbao".into(), previous);
    h.run();
    let r = &h.state().doc.report;
    assert_eq!(
        r.count(key(TableId::T3, "carried_over", "natural_person")),
        Some(9)
    );
    assert!(h.state().doc.previous.is_some());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_ne!(
        h.state()
            .doc
            .report
            .count(key(TableId::T3, "carried_over", "natural_person")),
        Some(9)
    );
}

#[test]
fn the_input_method_window_sits_on_the_cell_being_typed() {
    let (dir, path) = setup();
    let mut h = harness(&dir.path().join("data"), Some(path));
    click(&mut h, "四、政府信息公开行政复议、行政诉讼情况");
    let cell = key(TableId::T4, "litigation_direct", "correct");
    let rect = h.get_by_label(&cell.label_path()).rect();
    h.get_by_label(&cell.label_path()).click();
    h.run();
    h.key_press(Key::F2);
    h.run();
    h.step();
    let ime = h
        .output()
        .platform_output
        .ime
        .expect("no input method area");
    assert!(
        rect.expand(1.0).contains_rect(ime.rect),
        "{:?} not in {rect:?}",
        ime.rect
    );
    assert!(rect.expand(1.0).contains_rect(ime.cursor_rect));
}

#[test]
fn a_number_being_typed_is_kept_when_saving_or_leaving_the_table() {
    let (dir, path) = setup();
    let mut h = harness(&dir.path().join("data"), Some(path.clone()));
    click(&mut h, "四、政府信息公开行政复议、行政诉讼情况");
    let cell = key(TableId::T4, "review", "maintain");
    h.get_by_label(&cell.label_path()).click();
    h.run();
    h.event(Event::Text("42".into()));
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert_eq!(nianbao::file::load(&path).unwrap().count(cell), Some(42));
    h.event(Event::Text("7".into()));
    h.run();
    click(&mut h, "五、存在的主要问题及改进情况");
    assert_eq!(h.state().doc.report.count(cell), Some(7));
}

#[test]
fn a_published_report_imports_with_its_doubts_marked_and_exports_as_a_web_page() {
    use nianbao::app::files::Purpose;
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(&dir.path().join("data"), None);
    click(&mut h, "取消");
    let ctx = egui::Context::default();
    h.state_mut().apply(
        Command::Chosen(
            Purpose::ImportPublished,
            "tests/import/web-run-together.txt".into(),
        ),
        &ctx,
        0.0,
    );
    h.run();
    let doc = &h.state().doc;
    assert!(doc.is_dirty(), "an imported report is not saved yet");
    assert!(doc.path.is_none());
    let doubtful = doc
        .uncertain
        .iter()
        .find_map(|u| u.cell)
        .expect("the run-together row that nothing can split is listed");
    // 检查结果 lists it, and a click leads to its cell.
    h.get_by_label_contains("检查结果（").click();
    h.run();
    assert!(h.query_by_label_contains("导入时未能确定的内容").is_some());
    let place = h
        .state()
        .doc
        .uncertain
        .iter()
        .find(|u| u.cell == Some(doubtful))
        .unwrap()
        .place
        .clone();
    h.get_by_label_contains(&place).click();
    h.run();
    assert_eq!(h.state().node, Node::Table(doubtful.table));
    assert_eq!(h.state().tables.selected, Some(doubtful));
    // Typing the figure clears the doubt.
    h.event(Event::Text("1".into()));
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert!(
        h.state()
            .doc
            .uncertain
            .iter()
            .all(|u| u.cell != Some(doubtful))
    );
    // One checked against the original is ticked off the list without typing.
    let before = h.state().doc.uncertain.len();
    assert!(before > 0, "the import leaves more than one doubt");
    h.get_by_label_contains("检查结果（").click();
    h.run();
    h.get_all_by_label("已核对")
        .next()
        .expect("a tick per doubt")
        .click();
    h.run();
    assert_eq!(h.state().doc.uncertain.len(), before - 1);

    let html = dir.path().join("web");
    h.state_mut().apply(
        Command::Chosen(Purpose::ExportHtml, html.clone()),
        &ctx,
        0.0,
    );
    let page = std::fs::read_to_string(dir.path().join("web.html")).unwrap();
    assert!(page.contains("<table") && page.contains("lang=\"zh-CN\""));

    // Something that is not a report is refused with the importer's message.
    let junk = dir.path().join("junk.txt");
    std::fs::write(&junk, "今天天气很好。").unwrap();
    h.state_mut().apply(
        Command::Confirmed(Box::new(Command::Chosen(Purpose::ImportPublished, junk))),
        &ctx,
        0.0,
    );
    h.run();
    assert!(matches!(&h.state().modal, Some(Modal::Message(m)) if m.contains("不像是")));
}

/// A finding about a date goes to that date's field, not to a field whose name its message
/// happens to contain (the 成文日期 warning names 署名机关 too).
#[test]
fn a_finding_goes_to_the_field_it_is_about() {
    let (dir, path) = setup();
    let mut report = nianbao::file::load(&path).unwrap();
    report.details.signed_date = None;
    nianbao::file::save(&report, &path).unwrap();
    let mut h = harness(&dir.path().join("data"), Some(path));
    let message = h
        .state()
        .doc
        .findings
        .iter()
        .find(|f| f.message.starts_with("未填写成文日期"))
        .expect("the missing 成文日期 is found")
        .message
        .clone();
    h.get_by_label_contains("检查结果（").click();
    h.run();
    click(&mut h, &message);
    h.run();
    assert_eq!(h.state().node, Node::Details);
    let focused = h.ctx.memory(|m| m.focused());
    assert_eq!(
        focused,
        Some(nianbao::app::text_editor::date_field_id(true)),
        "the cursor is in the 成文日期 field"
    );
}

/// After opening another report the preview shows the new report's pages, even though both
/// documents count their changes from the same start.
#[test]
fn the_preview_shows_the_report_just_opened() {
    let (dir, path) = setup();
    let other = dir.path().join("other.nianbao");
    nianbao::file::save(&nianbao::model::Report::new("另一个局", 2024), &other).unwrap();
    let pages = |p: &Path| {
        let report = nianbao::file::load(p).unwrap();
        let findings = nianbao::check::check(&report, None);
        nianbao::export::print_layout(&report, &findings)
            .document
            .pages
            .len()
    };
    let (first, second) = (pages(&path), pages(&other));
    assert_ne!(first, second, "the two reports differ in length");
    let mut h = harness(&dir.path().join("data"), Some(path));
    h.key_press(Key::F5);
    h.run();
    assert!(h.query_by_label(&format!("共 {first} 页")).is_some());
    h.state_mut().open(&other);
    h.run();
    h.run();
    assert_eq!(h.state().node, Node::Details);
    h.key_press(Key::F5);
    h.run();
    assert!(
        h.query_by_label(&format!("共 {second} 页")).is_some(),
        "the preview still shows the report opened before"
    );
}

/// Every character the built-in chooser shows has a glyph in the window's fonts: a folder
/// is marked with one they have, not an emoji they lack (drawn as a missing-glyph box).
#[test]
fn the_built_in_chooser_marks_folders_with_a_glyph_the_fonts_have() {
    let (dir, path) = setup();
    std::fs::create_dir(dir.path().join("子目录")).unwrap();
    let mut h = harness(&dir.path().join("data"), Some(path));
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    let label = h
        .get_all_by_label_contains("子目录")
        .next()
        .expect("the folder is listed")
        .accesskit_node()
        .label()
        .unwrap_or_default();
    assert_ne!(label, "子目录", "a folder is marked as one");
    let font = egui::FontId::proportional(14.0);
    for c in label.chars() {
        let has = h.ctx.fonts_mut(|f| f.has_glyph(&font, c));
        assert!(has, "“{c}” in “{label}” has no glyph in the window's fonts");
    }
}

/// A key pressed, as the window reports it.
fn press(key: Key) -> Event {
    Event::Key {
        key,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: Modifiers::NONE,
    }
}

fn press_with(modifiers: Modifiers, key: Key) -> Event {
    Event::Key {
        key,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers,
    }
}

/// Delivers the events in one frame, as a fast typist on a slow office PC does.
fn one_frame(h: &mut Harness<'_, NianbaoApp>, events: Vec<Event>) {
    h.input_mut().events.extend(events);
    h.run();
}

fn text(t: &str) -> Event {
    Event::Text(t.into())
}

fn grid_has_focus(h: &Harness<'_, NianbaoApp>, table: TableId) -> bool {
    let id = nianbao::app::table_editor::grid_id(table);
    h.ctx.memory(|m| m.has_focus(id))
}

fn below(cell: CellKey) -> CellKey {
    nianbao::app::grid::step(cell, nianbao::app::grid::Move::Down, true)
}

fn next(cell: CellKey) -> CellKey {
    nianbao::app::grid::step(cell, nianbao::app::grid::Move::Next, true)
}

#[test]
fn several_keys_in_one_frame_each_land_in_their_cell() {
    let (dir, path) = setup();
    let mut h = harness(&dir.path().join("data"), Some(path));
    click(&mut h, "三、收到和处理政府信息公开申请情况");
    let a = key(TableId::T3, "new_received", "natural_person");
    h.get_by_label(&a.label_path()).click();
    h.run();
    // Digits, Enter and Tab all in one frame, starting on a selected cell.
    one_frame(
        &mut h,
        vec![
            text("36"),
            press(Key::Enter),
            text("21"),
            press(Key::Enter),
            text("7"),
            press(Key::Tab),
        ],
    );
    let (b, c) = (below(a), below(below(a)));
    let r = &h.state().doc.report;
    assert_eq!(r.count(a), Some(36));
    assert_eq!(r.count(b), Some(21));
    assert_eq!(r.count(c), Some(7));
    assert_eq!(h.state().tables.selected, Some(next(c)));
    assert!(
        grid_has_focus(&h, TableId::T3),
        "the grid lost the keyboard"
    );

    // The cell's text field opened in an earlier frame; the rest comes in one frame.
    let d = next(c);
    one_frame(&mut h, vec![text("4")]);
    one_frame(
        &mut h,
        vec![text("2"), press(Key::Tab), text("9"), press(Key::Enter)],
    );
    let r = &h.state().doc.report;
    assert_eq!(r.count(d), Some(42));
    assert_eq!(r.count(next(d)), Some(9));
    assert!(grid_has_focus(&h, TableId::T3));

    // A Tab alone, the frame after the field opened, stays in the table.
    let e = below(next(d));
    assert_eq!(h.state().tables.selected, Some(e));
    one_frame(&mut h, vec![text("5")]);
    one_frame(&mut h, vec![press(Key::Tab)]);
    one_frame(&mut h, vec![text("6"), press(Key::Enter)]);
    let r = &h.state().doc.report;
    assert_eq!(r.count(e), Some(5));
    assert_eq!(r.count(next(e)), Some(6));
    assert!(grid_has_focus(&h, TableId::T3));
}

#[test]
fn enter_on_a_selected_cell_moves_down_and_a_digit_replaces() {
    let (dir, path) = setup();
    let mut h = harness(&dir.path().join("data"), Some(path));
    click(&mut h, "三、收到和处理政府信息公开申请情况");
    let a = key(TableId::T3, "new_received", "natural_person");
    let (b, c) = (below(a), below(below(a)));
    let b_before = h.state().doc.report.count(b);
    h.get_by_label(&a.label_path()).click();
    h.run();
    // "36 ⏎ ⏎ 21 ⏎", one key a frame: the second Enter only moves on.
    for event in [
        text("36"),
        press(Key::Enter),
        press(Key::Enter),
        text("21"),
        press(Key::Enter),
    ] {
        one_frame(&mut h, vec![event]);
    }
    let r = &h.state().doc.report;
    assert_eq!(r.count(a), Some(36));
    assert_eq!(r.count(b), b_before);
    assert_eq!(r.count(c), Some(21));
    // A digit on a filled cell replaces its number; F2 edits it.
    h.get_by_label(&c.label_path()).click();
    h.run();
    one_frame(&mut h, vec![text("8"), press(Key::Enter)]);
    assert_eq!(h.state().doc.report.count(c), Some(8));
    h.get_by_label(&c.label_path()).click();
    h.run();
    one_frame(&mut h, vec![press(Key::F2)]);
    one_frame(&mut h, vec![text("5"), press(Key::Enter)]);
    assert_eq!(h.state().doc.report.count(c), Some(85));
}

#[test]
fn a_number_with_a_point_or_a_letter_is_never_changed_into_another() {
    let (dir, path) = setup();
    let mut h = harness(&dir.path().join("data"), Some(path));
    click(&mut h, "四、政府信息公开行政复议、行政诉讼情况");
    let cell = key(TableId::T4, "review", "maintain");
    let other = key(TableId::T4, "review", "correct");
    for typed in ["12.5", "a-1.5x"] {
        h.get_by_label(&cell.label_path()).click();
        h.run();
        one_frame(&mut h, vec![text(typed), press(Key::Tab)]);
        let doc = &h.state().doc;
        assert_eq!(doc.report.count(cell), None, "{typed} became a number");
        assert_eq!(doc.rejected.get(&cell).map(String::as_str), Some(typed));
        // The cell shows what was typed, the error lasts, and the status says why.
        assert_eq!(cell_value(&h, cell), "");
        let (message, error) = h.state().status.clone().unwrap();
        assert!(error && message.contains(typed), "{message}");
        assert!(h.state().doc.counts().0 >= 1);
    }
    // Moving on and typing elsewhere keeps the error; filling the cell clears it.
    one_frame(&mut h, vec![text("3"), press(Key::Enter)]);
    assert!(h.state().doc.rejected.contains_key(&cell));
    h.get_by_label_contains("检查结果（").click();
    h.run();
    assert!(h.query_by_label_contains("未能填入的内容").is_some());
    click(&mut h, "四、政府信息公开行政复议、行政诉讼情况");
    h.get_by_label(&cell.label_path()).click();
    h.run();
    one_frame(&mut h, vec![text("12"), press(Key::Enter)]);
    assert_eq!(h.state().doc.report.count(cell), Some(12));
    assert!(h.state().doc.rejected.is_empty());
    assert_ne!(other, cell);
}

#[test]
fn dates_as_clerks_write_them_are_taken_or_kept_with_an_error() {
    let (dir, path) = setup();
    let mut h = harness(&dir.path().join("data"), Some(path));
    click(&mut h, "基本信息");
    for (typed, iso) in [
        ("2026.1.20", "2026-01-20"),
        ("2026/01/18", "2026-01-18"),
        ("2026年1月20日", "2026-01-20"),
        ("２０２６－０１－０５", "2026-01-05"),
    ] {
        h.get_by_label("成文日期（落款日期）").click();
        h.run();
        one_frame(
            &mut h,
            vec![press_with(Modifiers::COMMAND, Key::A), text(typed)],
        );
        // Focus leaves the field.
        h.get_by_label("机关名称（全称）").click();
        h.run();
        let signed = h.state().doc.report.details.signed_date;
        let shown = h.get_by_label("成文日期（落款日期）").value();
        assert_eq!(
            signed.map(|d| d.to_string()).as_deref(),
            Some(iso),
            "{typed}: {shown:?}"
        );
        assert_eq!(
            h.get_by_label("成文日期（落款日期）").value().as_deref(),
            Some(iso)
        );
    }
    // Not a date: the text stays, with its error, and the report keeps its date.
    h.get_by_label("成文日期（落款日期）").click();
    h.run();
    one_frame(
        &mut h,
        vec![press_with(Modifiers::COMMAND, Key::A), text("2026.13.1")],
    );
    h.get_by_label("机关名称（全称）").click();
    h.run();
    assert_eq!(
        h.get_by_label("成文日期（落款日期）").value().as_deref(),
        Some("2026.13.1")
    );
    assert!(h.query_by_label_contains("不是有效日期").is_some());
    assert_eq!(
        h.state()
            .doc
            .report
            .details
            .signed_date
            .map(|d| d.to_string()),
        Some("2026-01-05".into())
    );
}

#[test]
fn keyboard_moves_keep_the_selected_cell_in_sight() {
    let (dir, path) = setup();
    let data = dir.path().join("data");
    let app = NianbaoApp::new(Config {
        data_dir: data,
        native_dialogs: false,
        open_exported: false,
        open: Some(path),
        trace_frames: false,
    });
    let mut h = Harness::builder()
        .with_size(egui::vec2(1366.0, 768.0))
        .with_context_setup(nianbao::app::fonts::install)
        .build_ui_state(|ui, app: &mut NianbaoApp| app.show(ui), app);
    h.run();
    click(&mut h, "三、收到和处理政府信息公开申请情况");
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1366.0, 768.0));
    let in_sight = |h: &Harness<'_, NianbaoApp>| {
        let cell = h.state().tables.selected.unwrap();
        let r = h.get_by_label(&cell.label_path()).rect();
        window.contains_rect(r)
    };
    // The table opens at its top with the cursor on its first cell, ready to type.
    let first = key(TableId::T3, "new_received", "natural_person");
    assert_eq!(h.state().tables.selected, Some(first));
    assert!(grid_has_focus(&h, TableId::T3));
    // Enter down the whole column, one row a frame: every cell is in sight when reached.
    for _ in 0..30 {
        one_frame(&mut h, vec![press(Key::Enter)]);
        assert!(in_sight(&h), "{:?} out of sight", h.state().tables.selected);
    }
    one_frame(&mut h, vec![press_with(Modifiers::COMMAND, Key::Home)]);
    assert_eq!(h.state().tables.selected, Some(first));
    assert!(in_sight(&h));
    one_frame(&mut h, vec![press_with(Modifiers::COMMAND, Key::End)]);
    assert_eq!(
        h.state().tables.selected,
        Some(key(TableId::T3, "carried_forward", "total"))
    );
    assert!(in_sight(&h));
    one_frame(&mut h, vec![press(Key::Home)]);
    assert_eq!(
        h.state().tables.selected,
        Some(key(TableId::T3, "carried_forward", "natural_person"))
    );
    one_frame(&mut h, vec![press(Key::End)]);
    assert_eq!(
        h.state().tables.selected,
        Some(key(TableId::T3, "carried_forward", "total"))
    );
    one_frame(&mut h, vec![press(Key::PageUp)]);
    assert!(in_sight(&h));
    let up = h.state().tables.selected.unwrap();
    assert_ne!(up.row, "carried_forward");
    one_frame(&mut h, vec![press(Key::PageDown)]);
    assert_eq!(h.state().tables.selected.unwrap().row, "carried_forward");
    // Another table and back: 三 opens at its top again.
    click(&mut h, "四、政府信息公开行政复议、行政诉讼情况");
    click(&mut h, "三、收到和处理政府信息公开申请情况");
    assert_eq!(h.state().tables.selected, Some(first));
    assert!(in_sight(&h));
}

#[test]
fn this_year_starts_from_last_years_report_in_one_step() {
    use nianbao::app::files::Purpose;
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(&dir.path().join("data"), None);
    // The start-up dialog offers it.
    assert!(h.query_by_label("从上年报告开始").is_some());
    let ctx = egui::Context::default();
    h.state_mut().apply(
        Command::Chosen(Purpose::StartFromPrevious, EXAMPLE.into()),
        &ctx,
        0.0,
    );
    h.run();
    let last = nianbao::file::load(Path::new(EXAMPLE)).unwrap();
    let doc = &h.state().doc;
    assert!(h.state().modal.is_none());
    assert_eq!(doc.report.details.year, last.details.year + 1);
    assert_eq!(doc.report.details.agency_name, last.details.agency_name);
    assert_eq!(doc.report.problems, last.problems);
    assert_eq!(
        doc.report
            .count(key(TableId::T3, "carried_over", "natural_person")),
        last.count(key(TableId::T3, "carried_forward", "natural_person"))
    );
    assert!(doc.previous.is_some(), "last year is paired for the checks");
    assert!(doc.path.is_none() && doc.is_dirty());
    // The copied sentences naming last year are findings to revise, not rewritten.
    let stale: Vec<&str> = doc
        .findings
        .iter()
        .filter(|f| f.rule == "cross-year" && f.message.contains("照搬自"))
        .map(|f| f.message.as_str())
        .collect();
    assert!(stale.iter().any(|m| m.contains("2024年")), "{stale:?}");
    assert!(doc.report.details.opening.contains("2024年"));
    // 检查结果 shows them under the Chinese rule name.
    h.get_by_label_contains("检查结果（").click();
    h.run();
    assert!(h.query_all_by_label_contains("照搬自").next().is_some());
    assert!(h.query_all_by_label("跨年").next().is_some());
}

#[test]
fn last_years_report_of_another_agency_asks_before_pairing() {
    use nianbao::app::files::Purpose;
    let (dir, path) = setup();
    let mut h = harness(&dir.path().join("data"), Some(path));
    let before = h.state().doc.report.clone();
    // A 2023 report of another agency, as a published page.
    let other = dir.path().join("other.txt");
    std::fs::copy("tests/import/hotan-wenlv-2023-report.txt", &other).unwrap();
    h.state_mut().apply(
        Command::Chosen(Purpose::ImportPrevious, other),
        &egui::Context::default(),
        0.0,
    );
    h.run();
    let Some(Modal::ConfirmPrevious { question, .. }) = &h.state().modal else {
        panic!("no question asked");
    };
    assert!(
        question.contains("示例市") && question.contains("和田县"),
        "{question}"
    );
    assert_eq!(
        h.state().doc.report,
        before,
        "nothing changed before the answer"
    );
    // Esc cancels; the report stays as it was.
    h.key_press(Key::Escape);
    h.run();
    assert!(h.state().modal.is_none());
    assert_eq!(h.state().doc.report, before);
    assert!(h.state().doc.previous.is_none());
}

#[test]
fn the_start_dialog_lists_recent_reports_and_answers_enter_and_escape() {
    let (dir, path) = setup();
    let data = dir.path().join("data");
    {
        let _h = harness(&data, Some(path.clone()));
    }
    let mut h = harness(&data, None);
    assert!(matches!(h.state().modal, Some(Modal::New { .. })));
    assert!(
        h.query_by_label("示例市某局 2024年度 — report.nianbao")
            .is_some()
            || h.query_by_label_contains("2024年度 — report.nianbao")
                .is_some()
    );
    // Esc cancels.
    h.key_press(Key::Escape);
    h.run();
    assert!(h.state().modal.is_none());
    // Enter presses 创建.
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    h.get_all_by_label("机关名称（全称）")
        .last()
        .unwrap()
        .click();
    h.run();
    h.event(Event::Text("示例县某局".into()));
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert!(h.state().modal.is_none());
    assert_eq!(h.state().doc.report.details.agency_name, "示例县某局");
    // 最近打开 opens a listed file.
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    h.get_by_label_contains("2024年度 — report.nianbao").click();
    h.run();
    assert_eq!(h.state().doc.path.as_deref(), Some(path.as_path()));
}

#[test]
fn the_statistics_sentence_quotes_no_blank_table_and_replaces_itself() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(&dir.path().join("data"), None);
    create_report(&mut h, "示例县某局");
    click(&mut h, "一、总体情况");
    // Nothing filled: nothing written, and the clerk is told why.
    click(&mut h, "插入统计句");
    assert_eq!(h.state().doc.report.overview.on_request, "");
    assert!(
        h.state()
            .status
            .as_ref()
            .unwrap()
            .0
            .contains("表三、表四都还没有填写")
    );
    click(&mut h, "三、收到和处理政府信息公开申请情况");
    type_into_cell(
        &mut h,
        key(TableId::T3, "new_received", "natural_person"),
        "12",
    );
    click(&mut h, "一、总体情况");
    click(&mut h, "插入统计句");
    let text = h.state().doc.report.overview.on_request.clone();
    assert!(text.contains("本年度共收到政府信息公开申请12件"), "{text}");
    assert!(
        !text.contains("行政复议"),
        "blank 表四 gave a number: {text}"
    );
    click(&mut h, "四、政府信息公开行政复议、行政诉讼情况");
    type_into_cell(&mut h, key(TableId::T4, "review", "maintain"), "2");
    click(&mut h, "一、总体情况");
    click(&mut h, "插入统计句");
    let text = h.state().doc.report.overview.on_request.clone();
    assert_eq!(text.matches("本年度共收到").count(), 1, "{text}");
    assert!(text.contains("被申请行政复议2件"), "{text}");
}

#[test]
fn the_help_menu_shows_the_keys_and_where_copies_are_kept() {
    let (dir, path) = setup();
    let data = dir.path().join("data");
    let mut h = harness(&data, Some(path));
    click(&mut h, "帮助");
    h.get_by_label_contains("键盘操作").click();
    h.run();
    assert!(matches!(h.state().modal, Some(Modal::Help(_))));
    assert!(h.query_by_label("Ctrl+Home / Ctrl+End").is_some());
    h.key_press(Key::Escape);
    h.run();
    assert!(h.state().modal.is_none());
    click(&mut h, "帮助");
    click(&mut h, "关于年报");
    assert!(
        h.query_by_label_contains(&data.display().to_string())
            .is_some()
    );
}

/// At 1024×600 (a window of about 1008×528) every field of 基本信息 and the text parts
/// lies inside the window: the page reflows, nothing is cut off on the right.
#[test]
fn a_small_screen_cuts_no_field_off() {
    let (dir, path) = setup();
    let size = egui::vec2(1008.0, 528.0);
    let mut h = harness_sized(&dir.path().join("data"), Some(path), size);
    for part in ["基本信息", "一、总体情况", "六、其他需要报告的事项"] {
        h.get_all_by_label(part).next().expect("tree node").click();
        h.run();
        h.run();
        for node in h.root().children_recursive() {
            let Some(r) = node.accesskit_node().bounding_box() else {
                continue;
            };
            assert!(
                r.x1 <= size.x as f64 + 0.5,
                "{part}: {:?} “{}” ends at x = {} beyond {}",
                node.accesskit_node().role(),
                node.accesskit_node().label().unwrap_or_default(),
                r.x1,
                size.x
            );
        }
    }
}
