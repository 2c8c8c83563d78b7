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

/// xorshift64*: a deterministic random source for the mutation fuzz runs, no dependency.
pub struct Rng(pub u64);

impl Rng {
    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}
