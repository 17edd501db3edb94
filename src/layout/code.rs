//! Code blocks: lines kept as written, highlighted by language, and a line
//! too long for the width continued under its own indent after a `↪`
//! (never from column 1, where it would read as a line of its own).

use unicode_segmentation::UnicodeSegmentation;

use super::highlight::highlight;
use super::wrap::width;
use super::{Line, Role, Span, Style};

/// The mark in front of a continued code line.
pub const CONTINUED: &str = "↪ ";

/// Lays out a code block: `first` before its first line, `rest` before the
/// others.
pub(super) fn code_lines(
    text: &str,
    lang: Option<&str>,
    first: &[Span],
    rest: &[Span],
    total: usize,
    out: &mut Vec<Line>,
) {
    let text = text.trim_end_matches('\n');
    let plain = Style::role(Role::Code);
    let classes = lang.and_then(|l| highlight(text, l));
    for (i, source) in text.split('\n').enumerate() {
        let prefix = if i == 0 { first } else { rest };
        let segments: Vec<(&str, Style)> = match classes.as_ref().and_then(|c| c.get(i)) {
            Some(pieces) => pieces
                .iter()
                .map(|(range, class)| {
                    let style = class.map_or(plain, |h| Style::role(Role::Syntax(h)));
                    (&source[range.clone()], style)
                })
                .collect(),
            None => vec![(source, plain)],
        };
        wrap_line(&segments, source, prefix, rest, total, out);
    }
}

/// Hard-wraps one line of code at grapheme boundaries.
fn wrap_line(
    segments: &[(&str, Style)],
    source: &str,
    first: &[Span],
    rest: &[Span],
    total: usize,
    out: &mut Vec<Line>,
) {
    let prefix_width: usize = rest.iter().map(|s| width(&s.text)).sum();
    let avail = total.saturating_sub(prefix_width).max(1);
    let indent = source.len() - source.trim_start_matches(' ').len();
    // The continuation sits under the code's indent, if that leaves room.
    let marker = width(CONTINUED);
    let (indent, marked) = if indent + marker < avail / 2 {
        (indent, true)
    } else if marker < avail / 2 {
        (0, true)
    } else {
        (0, false)
    };
    let cont_avail = avail - if marked { indent + marker } else { 0 };
    let mut line = Line { spans: first.to_vec() };
    let mut used = 0;
    let mut line_avail = avail;
    for &(text, style) in segments {
        for g in text.graphemes(true) {
            let w = width(g);
            if used + w > line_avail && used > 0 {
                out.push(std::mem::replace(&mut line, Line { spans: rest.to_vec() }));
                if marked {
                    line.push(&" ".repeat(indent), Style::role(Role::Code));
                    line.push(CONTINUED, Style::role(Role::Rule));
                }
                used = 0;
                line_avail = cont_avail;
            }
            if w > line_avail {
                continue; // a grapheme wider than the whole line cannot be shown
            }
            line.push(g, style);
            used += w;
        }
    }
    out.push(line);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[Line]) -> Vec<String> {
        lines.iter().map(Line::text).collect()
    }

    #[test]
    fn long_lines_continue_under_their_indent() {
        let mut out = Vec::new();
        code_lines("    let total = first + second;\nx", None, &[], &[], 20, &mut out);
        assert_eq!(texts(&out), ["    let total = firs", "    ↪ t + second;", "x"]);
        assert!(out.iter().all(|l| l.width() <= 20));
    }

    #[test]
    fn narrow_widths_drop_the_indent_then_the_marker() {
        let mut out = Vec::new();
        code_lines("        abcdefghij", None, &[], &[], 8, &mut out);
        assert_eq!(texts(&out), ["", "↪ abcdef", "↪ ghij"]);
        let mut out = Vec::new();
        code_lines("abcdef", None, &[], &[], 3, &mut out);
        assert_eq!(texts(&out), ["abc", "def"]);
    }

    #[test]
    fn highlighted_code_keeps_its_text() {
        let mut out = Vec::new();
        code_lines("fn main() {}\n", Some("rust"), &[], &[], 80, &mut out);
        assert_eq!(texts(&out), ["fn main() {}"]);
        assert!(out[0]
            .spans
            .iter()
            .any(|s| s.style.role == Role::Syntax(super::super::Highlight::Keyword)));
    }
}
