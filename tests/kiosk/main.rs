//! Integration tests: one binary, one module per area.

mod cli;
mod common;
mod fixtures;
mod layout_props;
mod seeds;
mod tui_update;
