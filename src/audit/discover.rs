//! Finding the files to audit: folders searched recursively, files taken as given.

use std::fs;
use std::path::{Path, PathBuf};

/// Deepest folder nesting searched (a real collection is two or three levels deep; a
/// symbolic-link loop is not followed at all).
const MAX_DEPTH: usize = 32;

/// One input found: a file to read, or a path that could not be searched.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Found {
    /// A file to load or import.
    File(PathBuf),
    /// A path given or met that cannot be read, with the reason in Chinese.
    Unreadable(PathBuf, String),
}

impl Found {
    /// The path concerned.
    pub fn path(&self) -> &Path {
        match self {
            Found::File(p) | Found::Unreadable(p, _) => p,
        }
    }
}

/// Every file under the given paths, sorted by path and without repeats. Hidden files
/// (names starting with '.') and office lock files (`~$…`) are passed over; so are the
/// files in `exclude` (the audit's own output, when written inside the folder).
pub fn discover(paths: &[PathBuf], exclude: &[PathBuf]) -> Vec<Found> {
    let excluded: Vec<PathBuf> = exclude
        .iter()
        .filter_map(|p| fs::canonicalize(p).ok())
        .collect();
    let mut out = Vec::new();
    for path in paths {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, 0, &mut out),
            Ok(_) => out.push(Found::File(path.clone())),
            Err(e) => out.push(Found::Unreadable(path.clone(), crate::file::io_reason(&e))),
        }
    }
    out.retain(|f| match f {
        Found::File(p) => fs::canonicalize(p).map_or(true, |c| !excluded.contains(&c)),
        Found::Unreadable(..) => true,
    });
    out.sort_by(|a, b| a.path().cmp(b.path()));
    out.dedup_by(|a, b| a.path() == b.path());
    out
}

fn walk(dir: &Path, depth: usize, out: &mut Vec<Found>) {
    if depth > MAX_DEPTH {
        out.push(Found::Unreadable(
            dir.to_path_buf(),
            format!("文件夹嵌套超过 {MAX_DEPTH} 层，未再往下查找"),
        ));
        return;
    }
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            out.push(Found::Unreadable(
                dir.to_path_buf(),
                format!("无法打开文件夹：{}", crate::file::io_reason(&e)),
            ));
            return;
        }
    };
    for entry in entries {
        let Ok(entry) = entry else { continue };
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') || name.starts_with("~$") {
            continue;
        }
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            walk(&path, depth + 1, out);
        } else if kind.is_symlink() {
            // A link to a file is read; a link to a folder is not followed (loops).
            if fs::metadata(&path).is_ok_and(|m| m.is_file()) {
                out.push(Found::File(path));
            }
        } else if kind.is_file() {
            out.push(Found::File(path));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_sorted_skips_hidden_and_excluded() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        fs::create_dir_all(root.join("乡镇/sub")).expect("mkdir");
        for name in [
            "b.txt",
            "a.json",
            ".hidden",
            "~$lock.docx",
            "乡镇/sub/c.html",
            "out.xlsx",
        ] {
            fs::write(root.join(name), "x").expect("write");
        }
        let found = discover(
            &[root.to_path_buf(), root.join("missing")],
            &[root.join("out.xlsx")],
        );
        let names: Vec<String> = found
            .iter()
            .map(|f| {
                f.path()
                    .strip_prefix(root)
                    .map(|p| p.display().to_string())
                    .unwrap_or_default()
            })
            .collect();
        assert_eq!(names, ["a.json", "b.txt", "missing", "乡镇/sub/c.html"]);
        assert!(matches!(found[2], Found::Unreadable(..)));
    }
}
