//! Printing a [`Layout`] as text: plain, or with ANSI styles for a terminal.
//!
//! This is an output boundary: each span's text passes
//! [`for_output`](crate::sanitize::for_output) before it is written, so that
//! nothing a parser or the index cache let through can reach the terminal.

use std::borrow::Cow;

use crate::document::CalloutKind;
use crate::layout::{Highlight, Layout, Role, Style};
use crate::sanitize::sanitize_line;

/// Renders the layout's lines, one per output line; with `ansi`, styled with
/// SGR codes (the text itself is already free of control characters).
pub fn render(layout: &Layout, ansi: bool) -> String {
    // About a byte a column: grown a few times at most, not line by line.
    let mut out = String::with_capacity(layout.lines.len() * (layout.width + 1));
    for line in &layout.lines {
        if !ansi {
            let start = out.len();
            line.push_text(&mut out);
            if let Cow::Owned(clean) = sanitize_line(&out[start..]) {
                out.truncate(start);
                out.push_str(&clean);
            }
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
                let text = sanitize_line(text);
                let sgr = sgr(span.style);
                if sgr.is_empty() {
                    out.push_str(&text);
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
        Role::Meta | Role::QuoteBar | Role::Rule | Role::LinkTitle | Role::Note => codes.push("2"),
        Role::Summary => codes.push("3"),
        Role::Heading(1 | 2) => codes.extend(["1", "33"]),
        Role::Heading(_) => codes.extend(["1", "33"]),
        Role::Code => codes.push("32"),
        Role::Link => codes.extend(["4", "34"]),
        Role::LinkMarker | Role::Footnote => codes.extend(["1", "35"]),
        Role::ListMarker => codes.push("36"),
        Role::Url => codes.push("34"),
        Role::Callout(kind) => codes.push(match kind {
            CalloutKind::Note => "34",
            CalloutKind::Tip => "32",
            CalloutKind::Important => "35",
            CalloutKind::Warning => "33",
            CalloutKind::Caution => "31",
            CalloutKind::Section => "36",
        }),
        Role::Syntax(h) => codes.push(match h {
            Highlight::Keyword => "35",
            Highlight::String => "32",
            Highlight::Comment => "2",
            Highlight::Number | Highlight::Constant => "36",
            Highlight::Type => "33",
            Highlight::Function => "34",
            Highlight::Tag => "31",
        }),
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
