//! The `nianbao` binary: the command line, and (with no subcommand) the app.

use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use nianbao::cli::{Cli, run};

fn main() -> ExitCode {
    let cli = Cli::parse();
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
