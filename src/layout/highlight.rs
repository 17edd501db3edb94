//! Syntax highlighting of code blocks with syntect's bundled grammars.
//!
//! Highlighting here is semantic, like every style of the layout: a piece
//! of code is a keyword, a string, a comment; the reader's theme gives each
//! a colour (none under `NO_COLOR` or the mono theme) and `kiosk show`
//! an ANSI code only when it writes to a terminal.

use std::sync::LazyLock;

use syntect::easy::ScopeRangeIterator;
use syntect::parsing::{ParseState, Scope, ScopeStack, SyntaxSet};

/// What a piece of code is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Highlight {
    /// Keywords and storage modifiers (`fn`, `if`, `pub`).
    Keyword,
    /// String literals.
    String,
    /// Comments.
    Comment,
    /// Numbers.
    Number,
    /// Other constants (`true`, `None`, character escapes).
    Constant,
    /// Type names.
    Type,
    /// Function names.
    Function,
    /// Markup tags and attribute names.
    Tag,
}

/// Code blocks longer than this are shown without highlighting: the
/// grammars' regular expressions cost far more than wrapping does.
pub const MAX_BYTES: usize = 64 * 1024;

/// Lines longer than this are not highlighted (minified code).
const MAX_LINE: usize = 2048;

static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);

/// Scope prefixes and what they mean, most specific first.
static CLASSES: LazyLock<Vec<(Scope, Highlight)>> = LazyLock::new(|| {
    [
        ("comment", Highlight::Comment),
        ("string", Highlight::String),
        ("constant.numeric", Highlight::Number),
        ("constant", Highlight::Constant),
        ("entity.name.function", Highlight::Function),
        ("support.function", Highlight::Function),
        ("entity.name.type", Highlight::Type),
        ("entity.name.class", Highlight::Type),
        ("support.type", Highlight::Type),
        ("support.class", Highlight::Type),
        ("storage.type", Highlight::Keyword),
        ("storage.modifier", Highlight::Keyword),
        ("keyword.operator", Highlight::Keyword),
        ("keyword", Highlight::Keyword),
        ("entity.name.tag", Highlight::Tag),
        ("entity.other.attribute-name", Highlight::Tag),
    ]
    .into_iter()
    .filter_map(|(s, h)| Some((Scope::new(s).ok()?, h)))
    .collect()
});

/// The pieces of one line: byte ranges and what they are (`None`: plain).
pub type Pieces = Vec<(std::ops::Range<usize>, Option<Highlight>)>;

/// The highlighted pieces of each line of `code` in language `lang`: byte
/// ranges of the line and what they are (`None`: plain). `None` when the
/// language is unknown or the code too long.
pub fn highlight(code: &str, lang: &str) -> Option<Vec<Pieces>> {
    if code.len() > MAX_BYTES || lang.is_empty() {
        return None;
    }
    let syntaxes = &*SYNTAXES;
    let syntax = syntaxes
        .find_syntax_by_token(lang)
        .or_else(|| syntaxes.find_syntax_by_token(alias(lang)?))?;
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    let mut out = Vec::new();
    let mut line_nl = String::new();
    for line in code.split('\n') {
        if line.len() > MAX_LINE {
            return None;
        }
        line_nl.clear();
        line_nl.push_str(line);
        line_nl.push('\n');
        let ops = state.parse_line(&line_nl, syntaxes).ok()?;
        let mut pieces = Vec::new();
        for (range, op) in ScopeRangeIterator::new(&ops, &line_nl) {
            stack.apply(op).ok()?;
            let range = range.start.min(line.len())..range.end.min(line.len());
            if range.is_empty() {
                continue;
            }
            pieces.push((range, class(&stack)));
        }
        out.push(pieces);
    }
    Some(out)
}

/// What the innermost classified scope says.
fn class(stack: &ScopeStack) -> Option<Highlight> {
    stack
        .as_slice()
        .iter()
        .rev()
        .find_map(|&scope| CLASSES.iter().find(|(p, _)| p.is_prefix_of(scope)).map(|&(_, h)| h))
}

/// Names fences use for languages the grammars know by another token.
fn alias(lang: &str) -> Option<&'static str> {
    Some(match lang {
        "shell" | "console" | "zsh" | "bash" | "sh" | "shell-session" => "bash",
        "jsx" | "ts" | "typescript" | "tsx" | "mjs" | "javascript" | "node" => "js",
        "toml" | "ini" | "cfg" => "ini",
        "yml" => "yaml",
        "golang" => "go",
        "py" | "python3" => "python",
        "rs" => "rust",
        "dockerfile" | "docker" => "bash",
        "html5" | "vue" | "svelte" | "xml" | "svg" => "html",
        "jsonc" | "json5" => "json",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rust_keywords_strings_and_comments() {
        let code = "fn main() { // hi\n    let s = \"x\";\n}";
        let lines = highlight(code, "rust").unwrap();
        let first = &lines[0];
        let class_of = |line: &[(std::ops::Range<usize>, Option<Highlight>)], text: &str, src: &str| {
            let at = src.find(text).unwrap();
            line.iter().find(|(r, _)| r.contains(&at)).and_then(|(_, h)| *h)
        };
        assert_eq!(class_of(first, "fn", "fn main() { // hi"), Some(Highlight::Keyword));
        assert_eq!(class_of(first, "// hi", "fn main() { // hi"), Some(Highlight::Comment));
        assert_eq!(
            class_of(&lines[1], "\"x\"", "    let s = \"x\";"),
            Some(Highlight::String)
        );
    }

    #[test]
    fn unknown_languages_and_huge_code_are_plain() {
        assert_eq!(highlight("x", "no-such-language"), None);
        assert_eq!(highlight(&"x".repeat(MAX_BYTES + 1), "rust"), None);
    }
}
