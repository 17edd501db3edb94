//! The smaller parts of the document model: table alignment, callout kinds,
//! footnote numbers, and the limits that bound the work per article.

/// How a table column is aligned (the alignment row `|:--|:-:|--:|`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Align {
    /// No alignment given: drawn left.
    #[default]
    None,
    /// `:--`.
    Left,
    /// `:-:`.
    Center,
    /// `--:`.
    Right,
}

/// The kind of a callout: GitHub's alerts (`> [!NOTE]`), and the notices,
/// asides and `<details>` sections of site generators mapped onto them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CalloutKind {
    /// `[!NOTE]`, `notice info`, `<Aside>`.
    Note,
    /// `[!TIP]`.
    Tip,
    /// `[!IMPORTANT]`.
    Important,
    /// `[!WARNING]`.
    Warning,
    /// `[!CAUTION]`, `danger`, `error`.
    Caution,
    /// A titled section: `<details>`, a tab, a step.
    Section,
}

impl CalloutKind {
    /// The kind a site generator's name for a notice means (`info`,
    /// `warning`, `danger`, ...), `None` when the name is not one.
    pub fn from_name(name: &str) -> Option<CalloutKind> {
        let kind = match name.trim().to_ascii_lowercase().as_str() {
            "note" | "info" | "information" | "notice" | "aside" | "callout" | "hint" | "admonition" | "primary"
            | "secondary" | "abstract" | "summary" | "example" | "quote" => CalloutKind::Note,
            "tip" | "success" | "check" | "done" | "hint-tip" => CalloutKind::Tip,
            "important" | "question" | "faq" => CalloutKind::Important,
            "warning" | "warn" | "attention" | "alert" => CalloutKind::Warning,
            "caution" | "danger" | "error" | "failure" | "bug" => CalloutKind::Caution,
            "details" | "tabs" | "tab" | "steps" | "step" | "tabitem" | "section" | "collapse" | "expand"
            | "spoiler" => CalloutKind::Section,
            _ => return None,
        };
        Some(kind)
    }

    /// The icon and title a callout is drawn with when it has no title.
    pub fn label(self) -> &'static str {
        match self {
            CalloutKind::Note => "ℹ Note",
            CalloutKind::Tip => "💡 Tip",
            CalloutKind::Important => "❗ Important",
            CalloutKind::Warning => "⚠ Warning",
            CalloutKind::Caution => "⛔ Caution",
            CalloutKind::Section => "▸",
        }
    }
}

/// A number in superscript digits: footnote references (`¹`, `²³`).
pub fn superscript(n: usize) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    n.to_string().bytes().map(|b| DIGITS[usize::from(b - b'0')]).collect()
}

/// The number superscript digits stand for (`¹²` is 12).
pub fn superscript_value(text: &str) -> Option<usize> {
    let mut n: usize = 0;
    let mut any = false;
    for c in text.trim().chars() {
        let d = "⁰¹²³⁴⁵⁶⁷⁸⁹".chars().position(|s| s == c)?;
        n = n.checked_mul(10)?.checked_add(d)?;
        any = true;
    }
    any.then_some(n)
}

/// At most this many cells of one table are kept; the rows after are
/// counted and named in a note.
pub const MAX_TABLE_CELLS: usize = 20_000;

/// At most this many columns of a table are kept.
pub const MAX_TABLE_COLUMNS: usize = 64;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn superscripts() {
        assert_eq!(superscript(1), "¹");
        assert_eq!(superscript(10), "¹⁰");
        assert_eq!(superscript(2309), "²³⁰⁹");
    }

    #[test]
    fn callout_names() {
        assert_eq!(CalloutKind::from_name("Warning"), Some(CalloutKind::Warning));
        assert_eq!(CalloutKind::from_name("danger"), Some(CalloutKind::Caution));
        assert_eq!(CalloutKind::from_name("figure"), None);
    }
}
