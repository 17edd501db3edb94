//! Integration tests: one binary, one module per area.

mod cli;
mod common;
mod elements;
mod entities;
mod facts;
mod files;
mod fixtures;
mod folders;
mod fuzz_replay;
mod hostile;
mod index;
mod json;
mod lang;
mod layers;
mod layout_props;
mod pty;
mod reader_traps;
mod realworld;
mod realworld_render;
mod screenshot;
mod seeds;
mod sources;
mod tui_loop;
mod tui_snapshots;
mod tui_update;
