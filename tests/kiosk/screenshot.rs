//! The README screenshot (assets/screenshot.svg) is drawn by the real app on
//! a TestBackend; this test fails when it is out of date. Regenerate with
//! `UPDATE_SCREENSHOT=1 cargo test screenshot`.

use std::fmt::Write;

use kiosk::tui::action::Action;
use kiosk::tui::app::App;
use kiosk::tui::theme::{Theme, ThemeName};
use kiosk::tui::view;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use ratatui::Terminal;

use crate::common::seeds;

const CELL_W: f64 = 8.4;
const CELL_H: f64 = 18.0;

fn hex(color: Color, default: &str) -> String {
    match color {
        Color::Reset => default.to_string(),
        Color::Black => "#1e1e24".into(),
        Color::Red => "#e06c75".into(),
        Color::Green => "#98c379".into(),
        Color::Yellow => "#e5c07b".into(),
        Color::Blue => "#61afef".into(),
        Color::Magenta => "#c678dd".into(),
        Color::Cyan => "#56b6c2".into(),
        Color::Gray => "#abb2bf".into(),
        Color::DarkGray => "#5c6370".into(),
        Color::White => "#ffffff".into(),
        Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
        // The grey ramp of the 256 colours.
        Color::Indexed(n @ 232..) => {
            let v = 8 + 10 * (n - 232);
            format!("#{v:02x}{v:02x}{v:02x}")
        }
        _ => default.to_string(),
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Renders a buffer as an SVG picture of a terminal.
fn svg(buffer: &Buffer) -> String {
    let (w, h) = (buffer.area.width, buffer.area.height);
    let mut out = String::new();
    let _ = write!(
        out,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" font-family="DejaVu Sans Mono, Menlo, monospace" font-size="14">
<rect width="100%" height="100%" fill="#1e1e24"/>
"##,
        f64::from(w) * CELL_W,
        f64::from(h) * CELL_H
    );
    for y in 0..h {
        let mut x = 0;
        while x < w {
            let cell = &buffer[(x, y)];
            let bg = hex(cell.bg, "");
            let reversed = cell.modifier.contains(Modifier::REVERSED);
            if !bg.is_empty() || reversed {
                let fill = if reversed { hex(cell.fg, "#abb2bf") } else { bg };
                let _ = writeln!(
                    out,
                    r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{CELL_H}" fill="{fill}"/>"#,
                    f64::from(x) * CELL_W,
                    f64::from(y) * CELL_H,
                    CELL_W + 0.5
                );
            }
            let symbol = cell.symbol();
            if !symbol.trim().is_empty() {
                let fg = if reversed {
                    hex(cell.bg, "#1e1e24")
                } else {
                    hex(cell.fg, "#dcdfe4")
                };
                let mut attrs = String::new();
                if cell.modifier.contains(Modifier::BOLD) {
                    attrs.push_str(r#" font-weight="bold""#);
                }
                if cell.modifier.contains(Modifier::ITALIC) {
                    attrs.push_str(r#" font-style="italic""#);
                }
                if cell.modifier.contains(Modifier::UNDERLINED) {
                    attrs.push_str(r#" text-decoration="underline""#);
                }
                let _ = writeln!(
                    out,
                    r#"<text x="{:.1}" y="{:.1}" fill="{fg}"{attrs}>{}</text>"#,
                    f64::from(x) * CELL_W,
                    f64::from(y) * CELL_H + 13.5,
                    escape(symbol)
                );
            }
            x += 1;
        }
    }
    out.push_str("</svg>\n");
    out
}

#[test]
fn readme_screenshot_is_current() {
    let mut app = App::new(seeds(), (120, 35), false);
    for a in [Action::Down, Action::Confirm] {
        app.update(a);
    }
    let mut terminal = Terminal::new(TestBackend::new(120, 35)).unwrap();
    terminal
        .draw(|f| view::draw(f, &app, &Theme::new(ThemeName::Dark)))
        .unwrap();
    let picture = svg(terminal.backend().buffer());
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/screenshot.svg");
    if std::env::var_os("UPDATE_SCREENSHOT").is_some() {
        std::fs::write(path, &picture).unwrap();
    }
    let saved = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        saved == picture,
        "assets/screenshot.svg is out of date: run UPDATE_SCREENSHOT=1 cargo test screenshot"
    );
}
