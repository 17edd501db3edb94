//! The `kiosk` binary: parses the command line, runs it, maps errors to exit codes.

#![forbid(unsafe_code)]

mod cli;
mod commands;
mod ingest_cli;
mod list_query;
mod man;

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
/// threads, where it is markedly faster than the system allocator. Its v2
/// (the `v2` feature), because here it beat v3 on every load measured (first
/// run at 10k 3% faster, 13% at 100k, from the index 7%) and touches fewer
/// fresh pages (peak memory at 10k 55 against 67 MB), whose zeroing by the
/// kernel is a tenth of a first run's time.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
