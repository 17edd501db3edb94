//! Matches drawn highlighted: the find in the reading pane and the list
//! search's words in the list's titles.

use std::ops::Range;

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::library::Matcher;

use super::Theme;

/// `line` with the bytes of `marks` (ranges into the text of its spans one
/// after the other, in order) drawn in `style(current)`.
pub(super) fn mark_line<'a>(
    line: Line<'a>,
    marks: impl IntoIterator<Item = (Range<usize>, bool)>,
    style: impl Fn(bool) -> Style,
) -> Line<'a> {
    let mut marks = marks.into_iter().peekable();
    if marks.peek().is_none() {
        return line;
    }
    let marks: Vec<(Range<usize>, bool)> = marks.collect();
    let mut spans = Vec::with_capacity(line.spans.len() + marks.len() * 2);
    let mut at = 0;
    for span in line.spans {
        let text = span.content.as_ref();
        let (start, end) = (at, at + text.len());
        let mut cut = 0;
        for (range, current) in marks.iter().filter(|(r, _)| r.start < end && r.end > start) {
            let (a, b) = (range.start.max(start) - start, range.end.min(end) - start);
            // Marks are made on character boundaries of the whole text; a
            // span boundary is one too.
            if !(text.is_char_boundary(a) && text.is_char_boundary(b)) || a < cut {
                continue;
            }
            if a > cut {
                spans.push(Span::styled(text[cut..a].to_string(), span.style));
            }
            spans.push(Span::styled(text[a..b].to_string(), span.style.patch(style(*current))));
            cut = b;
        }
        if cut < text.len() {
            spans.push(Span::styled(text[cut..].to_string(), span.style));
        }
        at = end;
    }
    Line::from(spans).style(line.style)
}

/// The spans of a list title with the search's words highlighted.
pub(super) fn title_spans(title: String, matcher: &Matcher, theme: &Theme) -> Vec<Span<'static>> {
    let marks = matcher.find(&title);
    if marks.is_empty() {
        return vec![Span::raw(title)];
    }
    let line = mark_line(Line::from(title), marks.into_iter().map(|r| (r, false)), |_| {
        theme.found(false)
    });
    line.spans
        .into_iter()
        .map(|s| Span::styled(s.content.into_owned(), s.style))
        .collect()
}
