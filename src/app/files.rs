//! Files around the document: the app's settings, the recovery copy, and choosing a path
//! (the system's dialog on a thread, or the built-in chooser where none can be shown).

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::file;
use crate::model::Report;

/// The file extension of a report saved by the app. Windows associates a program by the
/// last extension only, so report files need one of their own; the content is the same
/// JSON, and `.json` files open as well.
pub const REPORT_EXTENSION: &str = "nianbao";

/// How many recently opened files are offered.
const RECENT_LIMIT: usize = 8;

/// App settings, kept between runs (not part of any report).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Recently opened or saved reports, newest first.
    pub recent: Vec<PathBuf>,
    /// Start under X11 (XWayland) on a Wayland desktop, where an input method may fail.
    pub force_x11: bool,
    /// Print preview zoom (1.0 = 100 %).
    pub preview_zoom: Option<f32>,
    /// 机关 and 年度 of the recent reports, for the start-up dialog.
    pub recent_about: Vec<RecentReport>,
}

/// What a recent report is: its 机关 and 年度 as last opened or saved.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RecentReport {
    /// The file.
    pub path: PathBuf,
    /// 机关名称.
    pub agency: String,
    /// 报告年度.
    pub year: u16,
}

impl Settings {
    /// Reads the settings; missing or unreadable settings give the defaults.
    pub fn load(dir: &Path) -> Settings {
        std::fs::read_to_string(dir.join("settings.json"))
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default()
    }

    /// Writes the settings; a failure only loses the settings, never a report.
    pub fn save(&self, dir: &Path) {
        if let Ok(text) = serde_json::to_string_pretty(self) {
            let _ = std::fs::create_dir_all(dir);
            let _ = file::write_atomic(&dir.join("settings.json"), text.as_bytes());
        }
    }

    /// Puts a file first in the recent list, with the 机关 and 年度 of its report.
    pub fn remember(&mut self, path: &Path, report: &Report) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_path_buf());
        self.recent.truncate(RECENT_LIMIT);
        self.recent_about.retain(|r| r.path != path);
        self.recent_about.push(RecentReport {
            path: path.to_path_buf(),
            agency: report.details.agency_name.trim().to_string(),
            year: report.details.year,
        });
        let recent = &self.recent;
        self.recent_about.retain(|r| recent.contains(&r.path));
    }

    /// A recent file as a clerk knows it: "示例局 2025年度 — 文件名".
    pub fn describe(&self, path: &Path) -> String {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        match self.recent_about.iter().find(|r| r.path == path) {
            Some(r) if !r.agency.is_empty() => format!("{} {}年度 — {name}", r.agency, r.year),
            Some(r) => format!("{}年度 — {name}", r.year),
            None => name,
        }
    }
}

/// Where the app keeps its settings and recovery copy: the platform's data folder.
pub fn data_dir() -> PathBuf {
    eframe::storage_dir("nianbao").unwrap_or_else(|| std::env::temp_dir().join("nianbao"))
}

/// The copy of unsaved work, written every 30 s and when the window loses focus, so that
/// a crash or power cut loses nothing.
pub struct Recovery {
    dir: PathBuf,
}

/// What a recovery copy holds.
pub struct Recovered {
    /// The unsaved report.
    pub report: Report,
    /// The file it belonged to, if it had been saved before.
    pub path: Option<PathBuf>,
    /// When the copy was written, as the file system says.
    pub written: Option<std::time::SystemTime>,
}

impl Recovery {
    /// Recovery copies in `dir`.
    pub fn new(dir: PathBuf) -> Recovery {
        Recovery { dir }
    }

    fn report_path(&self) -> PathBuf {
        self.dir.join("recovery.nianbao")
    }

    fn origin_path(&self) -> PathBuf {
        self.dir.join("recovery-origin.txt")
    }

    /// Writes the copy (atomically, as a report file).
    pub fn write(&self, report: &Report, origin: Option<&Path>) -> Result<(), String> {
        std::fs::create_dir_all(&self.dir).map_err(|e| file::io_reason(&e))?;
        let origin = origin.map(|p| p.display().to_string()).unwrap_or_default();
        file::write_atomic(&self.origin_path(), origin.as_bytes()).map_err(|e| e.to_string())?;
        file::save(report, &self.report_path()).map_err(|e| e.to_string())
    }

    /// Removes the copy: the work is saved, or the user chose to discard it.
    pub fn clear(&self) {
        let _ = std::fs::remove_file(self.report_path());
        let _ = std::fs::remove_file(self.origin_path());
    }

    /// The copy left by a run that did not end normally, if any.
    pub fn find(&self) -> Option<Result<Recovered, String>> {
        let path = self.report_path();
        if !path.exists() {
            return None;
        }
        let written = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
        let origin = std::fs::read_to_string(self.origin_path()).unwrap_or_default();
        let origin = Some(PathBuf::from(origin.trim())).filter(|p| !p.as_os_str().is_empty());
        Some(
            file::load(&path)
                .map(|report| Recovered {
                    report,
                    path: origin,
                    written,
                })
                .map_err(|e| e.to_string()),
        )
    }
}

/// Why a path is being chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// 打开 a report.
    Open,
    /// 另存为.
    SaveAs,
    /// 导出PDF.
    ExportPdf,
    /// 从上年报告导入.
    ImportPrevious,
    /// 从上年报告开始: a new report from last year's.
    StartFromPrevious,
    /// 导入已发布的报告 (a web page or text).
    ImportPublished,
    /// 导出网页.
    ExportHtml,
    /// 导出Excel填报表.
    ExportXlsx,
    /// 导出Word.
    ExportDocx,
    /// 导入Excel填报表 into the open report.
    ImportXlsx,
}

impl Purpose {
    /// The dialog's title.
    pub fn title(self) -> &'static str {
        match self {
            Purpose::Open => "打开年报",
            Purpose::SaveAs => "保存年报",
            Purpose::ExportPdf => "导出PDF",
            Purpose::ImportPrevious => "选择上年度的年报（年报文件，或已发布的 PDF、网页、文字）",
            Purpose::StartFromPrevious => {
                "从上年报告开始：选择上年度的年报（年报文件，或已发布的 PDF、网页、文字）"
            }
            Purpose::ImportPublished => "导入已发布的报告（PDF、网页或文本）",
            Purpose::ExportHtml => "导出网页",
            Purpose::ExportXlsx => "导出Excel填报表",
            Purpose::ExportDocx => "导出Word",
            Purpose::ImportXlsx => "导入Excel填报表（.xlsx、.xls、.ods）",
        }
    }

    /// Whether the path is to be written (a save dialog) rather than read.
    pub fn saves(self) -> bool {
        matches!(
            self,
            Purpose::SaveAs
                | Purpose::ExportPdf
                | Purpose::ExportHtml
                | Purpose::ExportXlsx
                | Purpose::ExportDocx
        )
    }

    /// Extensions shown.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Purpose::ExportPdf => &["pdf"],
            Purpose::ExportHtml => &["html", "htm"],
            Purpose::ExportXlsx => &["xlsx"],
            Purpose::ExportDocx => &["docx"],
            Purpose::ImportXlsx => &["xlsx", "xlsm", "xls", "ods"],
            Purpose::ImportPublished => &["pdf", "html", "htm", "txt", "md", "mhtml"],
            Purpose::ImportPrevious | Purpose::StartFromPrevious => &[
                REPORT_EXTENSION,
                "json",
                "pdf",
                "html",
                "htm",
                "txt",
                "md",
                "mhtml",
            ],
            _ => &[REPORT_EXTENSION, "json"],
        }
    }

    /// The filter's name.
    pub fn filter_name(self) -> &'static str {
        match self {
            Purpose::ExportPdf => "PDF 文件",
            Purpose::ExportHtml => "网页",
            Purpose::ExportXlsx => "Excel 工作簿",
            Purpose::ExportDocx => "Word 文档",
            Purpose::ImportXlsx => "Excel、WPS 或 OpenDocument 表格",
            Purpose::ImportPublished => "PDF、网页或文本",
            Purpose::ImportPrevious | Purpose::StartFromPrevious => "年报文件、PDF、网页或文本",
            _ => "年报文件",
        }
    }
}

/// A system dialog that comes back with nothing sooner than this never showed: with no
/// desktop portal and no zenity, rfd returns at once. A person takes longer to cancel.
const NO_DIALOG_WITHIN: Duration = Duration::from_millis(300);

/// The built-in chooser: a folder listing and a path field, for desktops where no system
/// dialog can be shown.
pub struct Chooser {
    /// What the path is for.
    pub purpose: Purpose,
    /// The folder listed.
    pub dir: PathBuf,
    /// The path typed or picked.
    pub path_text: String,
    /// Folders and matching files of `dir`: (name, is folder).
    pub entries: Vec<(String, bool)>,
    /// A path to write that is already there: the chooser asks whether to replace it.
    pub replace_asked: Option<PathBuf>,
}

impl Chooser {
    /// A chooser in `dir`, with `name` proposed for a file to write.
    pub fn new(purpose: Purpose, dir: PathBuf, name: &str) -> Chooser {
        // A name is proposed only for a file to write.
        let name = if purpose.saves() { name } else { "" };
        let mut c = Chooser {
            purpose,
            path_text: dir.join(name).display().to_string(),
            dir,
            entries: Vec::new(),
            replace_asked: None,
        };
        c.list();
        c
    }

    /// Goes into a folder.
    pub fn enter(&mut self, dir: PathBuf) {
        let name = Path::new(&self.path_text)
            .file_name()
            .filter(|_| self.purpose.saves())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        self.path_text = dir.join(name).display().to_string();
        self.dir = dir;
        self.list();
    }

    fn list(&mut self) {
        let extensions = self.purpose.extensions();
        let mut entries: Vec<(String, bool)> = std::fs::read_dir(&self.dir)
            .map(|rd| {
                rd.filter_map(Result::ok)
                    .filter_map(|e| {
                        let name = e.file_name().to_string_lossy().into_owned();
                        let is_dir = e.file_type().ok()?.is_dir();
                        let wanted = is_dir
                            || Path::new(&name)
                                .extension()
                                .and_then(|x| x.to_str())
                                .is_some_and(|x| extensions.contains(&x.to_lowercase().as_str()));
                        (wanted && !name.starts_with('.')).then_some((name, is_dir))
                    })
                    .collect()
            })
            .unwrap_or_default();
        entries.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        self.entries = entries;
    }
}

/// How the built-in chooser lists an entry: a folder is marked "【文件夹】", in characters
/// the window's fonts have (the folder emoji they lack showed as a missing-glyph box).
pub fn entry_label(name: &str, is_dir: bool) -> String {
    if is_dir {
        format!("【文件夹】{name}")
    } else {
        name.to_string()
    }
}

/// Chooses paths without blocking the window: the system dialog runs on its own thread
/// and sends its answer back; when it cannot be shown, the built-in chooser opens.
pub struct Dialogs {
    native: bool,
    tx: Sender<(u64, Option<PathBuf>, Duration)>,
    rx: Receiver<(u64, Option<PathBuf>, Duration)>,
    next_id: u64,
    /// The dialog being waited for: (id, purpose, the folder it started in, proposed name).
    pending: Option<(u64, Purpose, PathBuf, String)>,
    /// The built-in chooser, when open.
    pub chooser: Option<Chooser>,
}

impl Dialogs {
    /// With `native` false (tests, or a setting) the built-in chooser is always used.
    pub fn new(native: bool) -> Dialogs {
        let (tx, rx) = channel();
        Dialogs {
            native,
            tx,
            rx,
            next_id: 0,
            pending: None,
            chooser: None,
        }
    }

    /// Whether a system dialog is open.
    pub fn waiting(&self) -> bool {
        self.pending.is_some()
    }

    /// Asks for a path: `dir` to start in, `name` proposed when saving.
    pub fn ask(&mut self, ctx: &egui::Context, purpose: Purpose, dir: PathBuf, name: String) {
        if !self.native {
            self.chooser = Some(Chooser::new(purpose, dir, &name));
            return;
        }
        self.next_id += 1;
        let id = self.next_id;
        self.pending = Some((id, purpose, dir.clone(), name.clone()));
        let tx = self.tx.clone();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let started = Instant::now();
            let dialog = rfd::FileDialog::new()
                .set_title(purpose.title())
                .add_filter(purpose.filter_name(), purpose.extensions())
                .set_directory(&dir);
            let picked = if purpose.saves() {
                dialog.set_file_name(&name).save_file()
            } else {
                dialog.pick_file()
            };
            let _ = tx.send((id, picked, started.elapsed()));
            ctx.request_repaint();
        });
    }

    /// Gives up on a system dialog that never appeared and opens the built-in chooser.
    pub fn use_chooser_instead(&mut self) {
        if let Some((_, purpose, dir, name)) = self.pending.take() {
            self.chooser = Some(Chooser::new(purpose, dir, &name));
        }
    }

    /// A path chosen in a system dialog since the last frame, if any.
    pub fn poll(&mut self) -> Option<(Purpose, PathBuf)> {
        while let Ok((id, picked, took)) = self.rx.try_recv() {
            let Some((pending, purpose, dir, name)) = self.pending.take() else {
                continue;
            };
            if pending != id {
                self.pending = Some((pending, purpose, dir, name));
                continue;
            }
            match picked {
                Some(path) => return Some((purpose, path)),
                None if took < NO_DIALOG_WITHIN => {
                    self.chooser = Some(Chooser::new(purpose, dir, &name));
                }
                None => {}
            }
        }
        None
    }
}

/// `path` with the extension a file of this purpose needs, added when missing.
pub fn with_extension(purpose: Purpose, path: PathBuf) -> PathBuf {
    let ext = path
        .extension()
        .and_then(|x| x.to_str())
        .map(str::to_lowercase)
        .unwrap_or_default();
    if purpose.extensions().contains(&ext.as_str()) {
        path
    } else {
        let mut name = path.clone().into_os_string();
        name.push(".");
        name.push(purpose.extensions()[0]);
        PathBuf::from(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovery_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let rec = Recovery::new(dir.path().join("data"));
        assert!(rec.find().is_none());
        let mut r = Report::new("示例局", 2024);
        r.problems = "未保存的文字".into();
        rec.write(&r, Some(Path::new("/tmp/a.nianbao"))).unwrap();
        let found = rec.find().unwrap().unwrap();
        assert_eq!(found.report, r);
        assert_eq!(found.path.as_deref(), Some(Path::new("/tmp/a.nianbao")));
        rec.clear();
        assert!(rec.find().is_none());
    }

    #[test]
    fn settings_round_trip_and_recent_list() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Settings::load(dir.path());
        assert_eq!(s, Settings::default());
        for i in 0..10 {
            s.remember(
                Path::new(&format!("/r/{i}.nianbao")),
                &Report::new("某局", 2024),
            );
        }
        s.remember(Path::new("/r/3.nianbao"), &Report::new("某局", 2025));
        assert_eq!(s.recent.len(), RECENT_LIMIT);
        assert_eq!(s.recent[0], Path::new("/r/3.nianbao"));
        assert_eq!(
            s.describe(Path::new("/r/3.nianbao")),
            "某局 2025年度 — 3.nianbao"
        );
        assert_eq!(s.recent_about.len(), RECENT_LIMIT);
        s.force_x11 = true;
        s.save(dir.path());
        assert_eq!(Settings::load(dir.path()), s);
    }

    #[test]
    fn extensions_are_added_when_missing() {
        let p = |s: &str| PathBuf::from(s);
        assert_eq!(
            with_extension(Purpose::SaveAs, p("/a/报告")),
            p("/a/报告.nianbao")
        );
        assert_eq!(
            with_extension(Purpose::SaveAs, p("/a/r.json")),
            p("/a/r.json")
        );
        assert_eq!(
            with_extension(Purpose::ExportPdf, p("/a/r.PDF")),
            p("/a/r.PDF")
        );
        assert_eq!(with_extension(Purpose::ExportPdf, p("/a/r")), p("/a/r.pdf"));
    }

    #[test]
    fn the_chooser_lists_folders_and_reports() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("子目录")).unwrap();
        for name in ["b.nianbao", "a.json", "c.txt", ".hidden.json"] {
            std::fs::write(dir.path().join(name), "").unwrap();
        }
        let c = Chooser::new(Purpose::Open, dir.path().to_path_buf(), "");
        let names: Vec<&str> = c.entries.iter().map(|e| e.0.as_str()).collect();
        assert_eq!(names, ["子目录", "a.json", "b.nianbao"]);
    }
}
