//! Counting what the sanitiser cuts of runs of combining marks.

use unicode_normalization::char::is_combining_mark;

use super::MAX_MARKS;

/// How many combining marks [`super::sanitize`] drops from `text`: those past
/// [`MAX_MARKS`] in a run. What the reader's note about cut marks counts.
///
/// ```
/// use kiosk::sanitize::{dropped_marks, MAX_MARKS};
/// assert_eq!(dropped_marks(&format!("a{}b", "\u{301}".repeat(MAX_MARKS + 5))), 5);
/// assert_eq!(dropped_marks("Tiếng Việt"), 0);
/// ```
pub fn dropped_marks(text: &str) -> usize {
    let (mut run, mut dropped) = (0usize, 0usize);
    for c in text.chars() {
        if is_combining_mark(c) {
            run += 1;
            dropped += usize::from(run > MAX_MARKS);
        } else {
            run = 0;
        }
    }
    dropped
}
