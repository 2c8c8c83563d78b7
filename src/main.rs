//! The `nianbao` binary: the command line, and (with no subcommand) the app.

use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use nianbao::cli::{Cli, run, usage_error};

fn main() -> ExitCode {
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
            // The window comes in a later release; until then say what there is.
            let _ = Cli::command().print_help();
            ExitCode::SUCCESS
        }
    }
}
