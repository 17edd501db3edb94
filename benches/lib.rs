//! Nothing here: the package exists for its benchmark (`benches/kiosk.rs`).
