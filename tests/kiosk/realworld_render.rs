//! Real sites (`../shared/realworld/`: Hugo, Zola, Jekyll): every article
//! laid out shows no site-generator syntax, alert marker or HTML tag outside
//! code, draws its tables aligned, and keeps every word of its prose.

use std::path::PathBuf;

use kiosk::layout::{article_layout, width, Layout, Role};
use kiosk::Library;

const SITES: [&str; 4] = [
    "glossary/content",
    "zola/docs/content",
    "jekyll/docs/_posts",
    "congo/exampleSite/content",
];

/// `../shared/realworld/PATH` beside the crate (as CI lays it out), or
/// beside a folder further up (a git worktree inside the project's folder).
fn site(path: &str) -> PathBuf {
    let crate_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let shared = crate_dir
        .ancestors()
        .skip(1)
        .map(|a| a.join("shared/realworld"))
        .find(|p| p.is_dir())
        .unwrap_or_else(|| crate_dir.join("../shared/realworld"));
    shared.join(path)
}

/// The line's text outside code (code spans and code blocks show their
/// text verbatim, syntax and all).
fn prose(layout: &Layout, line: usize) -> String {
    layout.lines[line]
        .spans
        .iter()
        .filter(|s| !matches!(s.style.role, Role::Code | Role::Syntax(_)))
        .map(|s| s.text.as_str())
        .collect()
}

/// True when `text` holds something that reads as an HTML tag: `<`, a
/// letter or `/` and a letter, then a `>`.
fn has_tag(text: &str) -> bool {
    let b = text.as_bytes();
    (0..b.len()).any(|i| {
        b[i] == b'<'
            && match b.get(i + 1) {
                Some(c) if c.is_ascii_alphabetic() => true,
                Some(b'/') => b.get(i + 2).is_some_and(u8::is_ascii_alphabetic),
                _ => false,
            }
            && text[i..].contains('>')
    })
}

/// The columns of the table rules and separators (`│` `┼` drawn as rules).
fn rule_columns(layout: &Layout, line: usize) -> Vec<usize> {
    let mut at = 0;
    let mut out = Vec::new();
    for span in &layout.lines[line].spans {
        for c in span.text.chars() {
            if span.style.role == Role::Rule && (c == '│' || c == '┼') {
                out.push(at);
            }
            at += width(c.encode_utf8(&mut [0; 4]));
        }
    }
    out
}

/// The words of the source's prose lines (outside front matter, code,
/// comments and tags): runs of letters, which any rendering must keep.
fn prose_words(source: &str) -> Vec<String> {
    let body = match source.strip_prefix("---") {
        Some(rest) => rest.split_once("\n---").map_or(rest, |(_, b)| b),
        None => match source.trim_start().strip_prefix("+++") {
            Some(rest) => rest.split_once("\n+++").map_or(rest, |(_, b)| b),
            None => source,
        },
    };
    let mut words = Vec::new();
    let (mut fence, mut comment) = (false, false);
    for line in body.lines() {
        let t = line.trim();
        if t.starts_with("```") || t.starts_with("~~~") {
            fence = !fence;
            continue;
        }
        if t.contains("<!--") {
            comment = !t.contains("-->");
            continue;
        }
        if comment {
            comment = !t.contains("-->");
            continue;
        }
        if fence || line.starts_with("    ") || line.starts_with('\t') || t.is_empty() {
            continue;
        }
        // Lines with markup that means something other than its letters.
        if t.contains(['<', '>', '{', '}', '`', '|', '[', ']', '(', ')', '\\', '$', '=']) || t.starts_with("import ") {
            continue;
        }
        for token in t.split_whitespace() {
            // Emoji shortcodes and character references become what they name.
            if token.contains([':', '&']) {
                continue;
            }
            let word = token.trim_matches(|c: char| !c.is_alphabetic());
            if word.chars().count() >= 2 && word.chars().all(char::is_alphabetic) {
                words.push(word.to_string());
            }
        }
    }
    words
}

#[test]
fn real_sites_render_clean() {
    let mut failures = Vec::new();
    let mut articles = 0;
    for path in SITES {
        let library = Library::load(site(path)).expect("site loads");
        for (i, article) in library.articles().iter().enumerate() {
            articles += 1;
            for w in [80, 40] {
                let layout = article_layout(article, &library.document(i), &library.translation_names(i), w);
                let name = format!("{}/{} at {w}", path, article.id.as_str());
                let mut table: Option<Vec<usize>> = None;
                for l in layout.body_start..layout.lines.len() {
                    let text = prose(&layout, l);
                    for bad in ["{{<", "{{%", "{%", "{#", "[!NOTE]", "[!TIP]", "[!WARNING]"] {
                        if text.contains(bad) {
                            failures.push(format!("{name}: {bad} in {text:?}"));
                        }
                    }
                    if has_tag(&text) {
                        failures.push(format!("{name}: tag in {text:?}"));
                    }
                    let cols = rule_columns(&layout, l);
                    if cols.is_empty() {
                        table = None;
                    } else if let Some(prev) = &table {
                        if *prev != cols {
                            failures.push(format!("{name}: misaligned table at {text:?}"));
                        }
                    } else {
                        table = Some(cols);
                    }
                }
                if w == 80 {
                    // Chinese and Japanese break inside what whitespace calls a
                    // word, with the bars of a quote or callout on the next
                    // line: those are not text.
                    let shown: String = layout
                        .text_lines()
                        .concat()
                        .split_whitespace()
                        .collect::<String>()
                        .replace(|c| ('\u{2500}'..='\u{259F}').contains(&c), "");
                    // The body as the loader split it (front matter may follow blank lines).
                    let source = library.body(i).to_string();
                    for word in prose_words(&source) {
                        if !shown.contains(&word) {
                            failures.push(format!("{name}: lost {word:?}"));
                        }
                    }
                }
            }
        }
    }
    assert!(articles > 400, "{articles} articles");
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures[..failures.len().min(60)].join("\n")
    );
}
