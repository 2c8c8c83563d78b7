//! The `nianbao` binary: the command line, and (with no subcommand) the app window.

// A release build on Windows opens no console window behind the app.
#![cfg_attr(all(windows, not(debug_assertions)), windows_subsystem = "windows")]

use std::process::ExitCode;

use clap::Parser;
use nianbao::cli::{Cli, run, usage_error};

fn main() -> ExitCode {
    attach_console();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            // --help and --version
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("年报：{}\n（用法见 nianbao --help）", usage_error(&e));
            return ExitCode::from(nianbao::cli::EXIT_FILE);
        }
    };
    match cli.command {
        Some(command) => {
            let code = run(command, &mut std::io::stdout(), &mut std::io::stderr());
            ExitCode::from(code)
        }
        None => {
            if let Some(file) = cli.file.as_ref().filter(|f| !f.exists()) {
                // A mistyped command reads as a file name: say both.
                let name = file.display();
                eprintln!(
                    "年报：没有“{name}”这个命令，也找不到文件“{name}”\n（用法见 nianbao --help）"
                );
                return ExitCode::from(nianbao::cli::EXIT_FILE);
            }
            match nianbao::app::run(cli.file) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!(
                        "年报：无法打开程序窗口：{e}\n（没有图形界面时可以用命令行，用法见 nianbao --help）"
                    );
                    ExitCode::from(nianbao::cli::EXIT_FILE)
                }
            }
        }
    }
}

/// A Windows GUI program has no console; when started from one (the command line), write
/// to it all the same.
#[cfg(windows)]
fn attach_console() {
    unsafe extern "system" {
        fn AttachConsole(process_id: u32) -> i32;
    }
    const ATTACH_PARENT_PROCESS: u32 = u32::MAX;
    // SAFETY: AttachConsole takes a plain integer and only fails when there is no parent
    // console, which is fine: then there is nobody to write to.
    unsafe {
        AttachConsole(ATTACH_PARENT_PROCESS);
    }
}

#[cfg(not(windows))]
fn attach_console() {}
