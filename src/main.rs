//! The `kiosk` binary: parses the command line, runs it, maps errors to exit codes.

#![forbid(unsafe_code)]

mod cli;
mod commands;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match commands::run(cli) {
        Ok(code) => code,
        Err(err) => {
            let message = format!("{err:#}");
            eprintln!("error: {}", kiosk::sanitize::sanitize_line(&message));
            ExitCode::from(1)
        }
    }
}

/// mimalloc: loading builds hundreds of thousands of small strings on two
/// threads, where it is markedly faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
