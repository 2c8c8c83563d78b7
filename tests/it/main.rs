//! The integration tests, one binary: each file below was its own test target, and linking the
//! app and its fonts into fourteen binaries was most of CI's time. Run one part with
//! `cargo test --test it import::`.

mod app;
mod audit;
mod check_rules;
mod cli;
mod corpus;
mod files;
mod hostile;
mod import;
mod import_fuzz;
mod layout_snapshot;
mod office;
mod prose;
mod real_style;
mod render;
mod typeset;

// ---- helpers every part uses -----------------------------------------------------------------

use std::ffi::OsStr;
use std::path::Path;
use std::process::{Command, Output};

/// Runs the nianbao binary as a clerk or a script would, with `args`.
pub fn nianbao<S: AsRef<OsStr>>(args: &[S]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// What a run printed on standard output.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// What a run printed on standard error.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A temporary path as the `&str` a command line takes.
pub fn path_str(p: &Path) -> &str {
    p.to_str().expect("temp paths are UTF-8")
}
