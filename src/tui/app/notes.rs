//! Footnotes in the reading pane: one key goes from a reference (¹) to its
//! note under "Notes", and from there back to where you were reading. Again
//! at the same place, it goes on to the next reference.

use super::trail::Jump;
use super::App;
use crate::tui::action::Action;

impl App {
    /// The footnote key.
    pub(super) fn footnote(&mut self) {
        if self.side_by_side() {
            self.message = Some("footnotes: in one column only".into());
            return;
        }
        let Some(shown) = self.reading.shown else { return };
        let Some(layout) = self.layout() else { return };
        if layout.note_lines.is_empty() {
            self.message = Some("this article has no footnotes".into());
            return;
        }
        let scroll = self.reading.scroll;
        // Back from a note this key jumped to, while still there.
        if let Some(stop) = self.inside.trail.stops.last() {
            if let (Jump::Note(_), true) = (stop.jump, stop.arrived == (shown, scroll)) {
                return self.go_back();
            }
        }
        let notes_start = layout.note_lines.iter().map(|&(_, l)| l).min().unwrap_or(usize::MAX);
        // References in the text from the top of the pane on, in reading order.
        let mut refs: Vec<(usize, usize)> = layout
            .footnote_lines
            .iter()
            .filter(|&&(_, line)| line >= scroll && line < notes_start)
            .map(|&(n, line)| (line, n))
            .collect();
        refs.sort_unstable();
        // Just back from a note: on to the reference after it.
        let after = match self.inside.trail.last_reference {
            Some((article, n, at)) if article == shown && at == scroll => layout
                .footnote_lines
                .iter()
                .find(|&&(m, _)| m == n)
                .map(|&(m, line)| (line, m)),
            _ => None,
        };
        let next = match after {
            Some(last) => refs.iter().find(|&&r| r > last).or(refs.first()),
            None => refs.first(),
        };
        if let Some(&(_, n)) = next {
            let Some(&(_, line)) = layout.note_lines.iter().find(|&&(m, _)| m == n) else {
                self.message = Some(format!("note {n} is missing"));
                return;
            };
            let stop = self.here(Jump::Note(n));
            // The row above goes under the sticky "Notes" header; near the
            // end, the end of the article fills the pane.
            let end = self.scroll_total().saturating_sub(self.page_height());
            self.scroll_to(line.saturating_sub(1).min(end));
            self.leave(stop);
            self.inside.trail.last_reference = None;
            let key = self.keymap.key_for(&Action::Footnote);
            self.message = Some(match key {
                Some(k) => format!("note {n} · {k} goes back"),
                None => format!("note {n}"),
            });
            return;
        }
        // In the notes with no reference below: from the first note on
        // screen to where it is cited. (The top row is under the sticky
        // "Notes" header; no note starts on the heading's own line.)
        let height = self.page_height();
        let on_screen = layout
            .note_lines
            .iter()
            .filter(|&&(_, line)| line > scroll && line < scroll + height)
            .min_by_key(|&&(_, line)| line);
        let cited = on_screen.and_then(|&(n, _)| layout.footnote_lines.iter().find(|&&(m, _)| m == n));
        match cited {
            Some(&(n, line)) => {
                let stop = self.here(Jump::Reference(n));
                // A line of context above the sentence that cites it.
                self.scroll_to(line.saturating_sub(1));
                self.leave(stop);
                self.message = Some(format!("reference {n}"));
            }
            None => self.message = Some("no footnote reference below".into()),
        }
    }
}
