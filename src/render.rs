//! Printing a [`Layout`] as text: plain, or with ANSI styles for a terminal.

use crate::layout::{Layout, Role, Style};

/// Renders the layout's lines, one per output line; with `ansi`, styled with
/// SGR codes (the text itself is already free of control characters).
pub fn render(layout: &Layout, ansi: bool) -> String {
    // About a byte a column: grown a few times at most, not line by line.
    let mut out = String::with_capacity(layout.lines.len() * (layout.width + 1));
    for line in &layout.lines {
        if !ansi {
            line.push_text(&mut out);
        } else {
            let last = line.spans.iter().rposition(|s| !s.text.trim().is_empty());
            for (i, span) in line.spans.iter().enumerate() {
                let text = if Some(i) == last {
                    span.text.trim_end()
                } else {
                    &span.text
                };
                if Some(i) > last {
                    break;
                }
                let sgr = sgr(span.style);
                if sgr.is_empty() {
                    out.push_str(text);
                } else {
                    out.push_str(&format!("\x1b[{sgr}m{text}\x1b[0m"));
                }
            }
        }
        out.push('\n');
    }
    out
}

fn sgr(style: Style) -> String {
    let mut codes: Vec<&str> = Vec::new();
    match style.role {
        Role::Title => codes.extend(["1", "36"]),
        Role::Meta | Role::QuoteBar | Role::Rule | Role::LinkTitle => codes.push("2"),
        Role::Summary => codes.push("3"),
        Role::Heading(1 | 2) => codes.extend(["1", "33"]),
        Role::Heading(_) => codes.extend(["1", "33"]),
        Role::Code => codes.push("32"),
        Role::Link => codes.extend(["4", "34"]),
        Role::LinkMarker | Role::Footnote => codes.extend(["1", "35"]),
        Role::ListMarker => codes.push("36"),
        Role::Url => codes.push("34"),
        Role::Text => {}
    }
    if style.strong && !codes.contains(&"1") {
        codes.push("1");
    }
    if style.emph && !codes.contains(&"3") {
        codes.push("3");
    }
    if style.strike {
        codes.push("9");
    }
    codes.join(";")
}
