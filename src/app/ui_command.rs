//! The commands a clerk gives from the menu, a toolbar button or the keyboard. Each one's
//! label, shortcut and tooltip are declared here once (Rerun's `UICommand`): the menu, the
//! key handling, the 帮助 page and the tooltips all read them.

use egui::{Key, KeyboardShortcut, Modifiers};

use super::{Command, Node};

/// A command of the menu and the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UiCommand {
    /// 新建.
    New,
    /// 从上年报告开始.
    StartFromPrevious,
    /// 打开.
    Open,
    /// 保存.
    Save,
    /// 另存为.
    SaveAs,
    /// 导出PDF.
    ExportPdf,
    /// 导出网页.
    ExportHtml,
    /// 导出Excel填报表.
    ExportXlsx,
    /// 导出Word.
    ExportDocx,
    /// 导入Excel填报表 (into the open report).
    ImportXlsx,
    /// 从上年报告导入 (into the open report).
    ImportPrevious,
    /// 导入已发布的报告.
    ImportPublished,
    /// 批量审核: the supervisor's desk.
    BatchAudit,
    /// 退出.
    Quit,
    /// 撤销.
    Undo,
    /// 重做.
    Redo,
    /// 检查结果.
    ShowFindings,
    /// 打印预览.
    ShowPreview,
    /// 帮助 → 键盘操作.
    KeyboardHelp,
    /// 帮助 → 关于.
    About,
}

impl UiCommand {
    /// Every command, in menu order.
    pub const ALL: [UiCommand; 20] = [
        UiCommand::New,
        UiCommand::StartFromPrevious,
        UiCommand::Open,
        UiCommand::Save,
        UiCommand::SaveAs,
        UiCommand::ExportPdf,
        UiCommand::ExportHtml,
        UiCommand::ExportXlsx,
        UiCommand::ExportDocx,
        UiCommand::ImportPrevious,
        UiCommand::ImportPublished,
        UiCommand::ImportXlsx,
        UiCommand::BatchAudit,
        UiCommand::Quit,
        UiCommand::Undo,
        UiCommand::Redo,
        UiCommand::ShowFindings,
        UiCommand::ShowPreview,
        UiCommand::KeyboardHelp,
        UiCommand::About,
    ];

    /// The words on the menu item or button.
    pub fn label(self) -> &'static str {
        match self {
            UiCommand::New => "新建…",
            UiCommand::StartFromPrevious => "从上年报告开始…",
            UiCommand::Open => "打开…",
            UiCommand::Save => "保存",
            UiCommand::SaveAs => "另存为…",
            UiCommand::ExportPdf => "导出PDF…",
            UiCommand::ExportHtml => "导出网页…",
            UiCommand::ExportXlsx => "导出Excel填报表…",
            UiCommand::ExportDocx => "导出Word…",
            UiCommand::ImportXlsx => "导入Excel填报表…",
            UiCommand::ImportPrevious => "从上年报告导入…",
            UiCommand::ImportPublished => "导入已发布的报告…",
            UiCommand::BatchAudit => "批量审核…",
            UiCommand::Quit => "退出",
            UiCommand::Undo => "撤销",
            UiCommand::Redo => "重做",
            UiCommand::ShowFindings => "检查结果",
            UiCommand::ShowPreview => "打印预览",
            UiCommand::KeyboardHelp => "键盘操作",
            UiCommand::About => "关于年报",
        }
    }

    /// What the command does, for its tooltip and the 帮助 page.
    pub fn tooltip(self) -> &'static str {
        match self {
            UiCommand::New => "新建一份空白年报：填写机关名称、报告年度和机关类型",
            UiCommand::StartFromPrevious => {
                "选上年的年报（年报文件或已发布的网页、文字），新建下一年度的年报：文字照搬待改，上年结转按上年“结转下年度继续办理”填好，照搬的年份列入检查结果"
            }
            UiCommand::Open => "打开保存过的年报文件（.nianbao）",
            UiCommand::Save => "保存到当前文件；尚未保存过时询问保存位置",
            UiCommand::SaveAs => "保存到另一个文件",
            UiCommand::ExportPdf => "排版为 A4 公文格式的 PDF；仍有错误时每页标为草稿",
            UiCommand::ExportHtml => "导出可发布到网站的网页",
            UiCommand::ExportXlsx => {
                "导出发给科室和下级单位填写的 Excel 工作簿：表二、表三、表四与正式表格相同，只能在浅黄色格子里填数字，合计自动计算"
            }
            UiCommand::ExportDocx => {
                "导出送领导审签的 Word 文件：A4 公文版式，字体、表格和页码与 PDF 相同"
            }
            UiCommand::ImportXlsx => {
                "把科室或下级单位填好的 Excel 填报表（.xlsx、.xls、.ods）读进本报告：可一步撤销，列出有变化的格子和没有读取的格子"
            }
            UiCommand::ImportPrevious => {
                "把上年的年报与本报告对照：填好上年结转，核对结转、现行有效件数和照搬的文字"
            }
            UiCommand::ImportPublished => {
                "读入已发布的年报（网页、复制的文字、pdftotext 转出的文字），生成一份新年报"
            }
            UiCommand::BatchAudit => {
                "审核一个文件夹里各单位的年报（年报文件、PDF、网页或文字）：逐份检查、列出问题、与上年对照，并可汇总选中单位的表格"
            }
            UiCommand::Quit => "关闭程序；有未保存的修改时先询问",
            UiCommand::Undo => "撤销上一步修改",
            UiCommand::Redo => "重做刚撤销的修改",
            UiCommand::ShowFindings => "列出全部错误和警告，点击一条转到相应位置",
            UiCommand::ShowPreview => "按打印效果逐页查看",
            UiCommand::KeyboardHelp => "表格和窗口的键盘操作一览",
            UiCommand::About => "版本，恢复副本和设置的存放位置",
        }
    }

    /// The keys that give the command; the first is shown in the menu.
    pub fn shortcuts(self) -> Vec<KeyboardShortcut> {
        const CMD: Modifiers = Modifiers::COMMAND;
        const CMD_SHIFT: Modifiers = Modifiers {
            shift: true,
            ..Modifiers::COMMAND
        };
        match self {
            UiCommand::New => vec![KeyboardShortcut::new(CMD, Key::N)],
            UiCommand::Open => vec![KeyboardShortcut::new(CMD, Key::O)],
            UiCommand::Save => vec![KeyboardShortcut::new(CMD, Key::S)],
            UiCommand::SaveAs => vec![KeyboardShortcut::new(CMD_SHIFT, Key::S)],
            UiCommand::ExportPdf => vec![KeyboardShortcut::new(CMD, Key::P)],
            UiCommand::Undo => vec![KeyboardShortcut::new(CMD, Key::Z)],
            UiCommand::Redo => vec![
                KeyboardShortcut::new(CMD, Key::Y),
                KeyboardShortcut::new(CMD_SHIFT, Key::Z),
            ],
            UiCommand::ShowPreview => vec![KeyboardShortcut::new(Modifiers::NONE, Key::F5)],
            UiCommand::KeyboardHelp => vec![KeyboardShortcut::new(Modifiers::NONE, Key::F1)],
            _ => vec![],
        }
    }

    /// The shortcut as the menu shows it ("Ctrl+S"), or empty.
    pub fn shortcut_text(self) -> String {
        self.shortcuts()
            .first()
            .map(|s| {
                let mut text = String::new();
                if s.modifiers.command || s.modifiers.ctrl {
                    text.push_str("Ctrl+");
                }
                if s.modifiers.shift {
                    text.push_str("Shift+");
                }
                if s.modifiers.alt {
                    text.push_str("Alt+");
                }
                text.push_str(s.logical_key.name());
                text
            })
            .unwrap_or_default()
    }

    /// What the command does to the app.
    pub fn command(self) -> Command {
        match self {
            UiCommand::New => Command::New,
            UiCommand::StartFromPrevious => Command::StartFromPrevious,
            UiCommand::Open => Command::Open,
            UiCommand::Save => Command::Save,
            UiCommand::SaveAs => Command::SaveAs,
            UiCommand::ExportPdf => Command::ExportPdf,
            UiCommand::ExportHtml => Command::ExportHtml,
            UiCommand::ExportXlsx => Command::ExportXlsx,
            UiCommand::ExportDocx => Command::ExportDocx,
            UiCommand::ImportXlsx => Command::ImportXlsx,
            UiCommand::ImportPrevious => Command::ImportPrevious,
            UiCommand::ImportPublished => Command::ImportPublished,
            UiCommand::BatchAudit => Command::BatchAudit,
            UiCommand::Quit => Command::Quit,
            UiCommand::Undo => Command::Undo,
            UiCommand::Redo => Command::Redo,
            UiCommand::ShowFindings => Command::Select(Node::Findings),
            UiCommand::ShowPreview => Command::Select(Node::Preview),
            UiCommand::KeyboardHelp => Command::Help(HelpPage::Keyboard),
            UiCommand::About => Command::Help(HelpPage::About),
        }
    }

    /// A menu item (label, shortcut, tooltip); true when clicked.
    pub fn menu_item(self, ui: &mut egui::Ui, enabled: bool) -> bool {
        let keys = self.shortcut_text();
        let button = egui::Button::new(self.label());
        let button = if keys.is_empty() {
            button
        } else {
            button.shortcut_text(keys)
        };
        ui.add_enabled(enabled, button)
            .on_hover_text(self.tooltip())
            .clicked()
    }

    /// A toolbar button (label without "…", tooltip with the shortcut); true when clicked.
    pub fn button(self, ui: &mut egui::Ui) -> bool {
        let label = self.label().trim_end_matches('…');
        let keys = self.shortcut_text();
        let tip = if keys.is_empty() {
            self.tooltip().to_string()
        } else {
            format!("{}（{keys}）", self.tooltip())
        };
        ui.button(label).on_hover_text(tip).clicked()
    }
}

/// The commands whose shortcut was pressed this frame, taken out of the input. A shortcut
/// with more modifiers is tried first, so Ctrl+Shift+S is not read as Ctrl+S.
pub fn consume_shortcuts(ctx: &egui::Context) -> Vec<UiCommand> {
    let mut all: Vec<(UiCommand, KeyboardShortcut)> = UiCommand::ALL
        .iter()
        .flat_map(|&c| c.shortcuts().into_iter().map(move |s| (c, s)))
        .collect();
    let weight = |m: Modifiers| {
        [m.command || m.ctrl, m.shift, m.alt]
            .iter()
            .filter(|b| **b)
            .count()
    };
    all.sort_by_key(|(_, s)| std::cmp::Reverse(weight(s.modifiers)));
    let mut out = Vec::new();
    for (command, shortcut) in all {
        if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) && !out.contains(&command) {
            out.push(command);
        }
    }
    out
}

/// A page of the 帮助 menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpPage {
    /// The keyboard table.
    Keyboard,
    /// Version and where things are kept.
    About,
}

/// The table editor's keys, for the 帮助 page: (keys, what they do).
pub const TABLE_KEYS: [(&str, &str); 12] = [
    ("数字键", "替换所选单元格的数字，开始填写"),
    ("回车", "确认并下移一格（未在填写时也下移）；Shift+回车上移"),
    (
        "Tab / Shift+Tab",
        "确认并右移 / 左移到下一个要填的格（跳过自动计算的总计）",
    ),
    ("方向键", "移动所选单元格；填写中按上下键确认并移动"),
    ("F2 或双击", "修改单元格中已有的数字（光标在末尾）"),
    ("Esc", "取消正在填写的内容"),
    (
        "Delete / Backspace",
        "清空所选单元格（空白表示未填写，不等于 0）",
    ),
    ("Home / End", "本行第一格 / 最后一格"),
    ("Ctrl+Home / Ctrl+End", "表格第一格 / 最后一格"),
    ("PgUp / PgDn", "上移 / 下移十行"),
    ("Shift+方向键", "扩大选择范围，以便复制"),
    (
        "Ctrl+C / Ctrl+V",
        "复制所选单元格 / 粘贴从 Excel、WPS 复制的一块数字",
    ),
];
