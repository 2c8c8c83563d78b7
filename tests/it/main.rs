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
