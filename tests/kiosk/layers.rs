//! The layers run one way: every `crate::` (and, in the binary, `kiosk::`)
//! reference in `src/` is collected per module, and a module may only use
//! modules of its own tier or below, with no cycle at all between modules
//! (submodules included; a module and its own submodules are one unit).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The tiers, lowest first: a module may use its own tier and those below.
const TIERS: &[(&str, &[&str])] = &[
    (
        "leaves",
        &[
            "hash",
            "sanitize",
            "bitset",
            "atomic",
            "safe_open",
            "xdg",
            "config",
            "bundled",
        ],
    ),
    ("model", &["article", "document", "state"]),
    ("loader", &["load", "load_cache"]),
    // Beside the reader, it writes files the loader reads; it uses only the
    // leaves and the loader's language detection.
    ("ingest", &["ingest"]),
    ("library", &["library", "translations"]),
    ("layout", &["layout", "render"]),
    ("commands", &["json", "sources"]),
    ("reader", &["tui"]),
    ("binary", &["bin"]),
];

/// Cycles that are known and being removed, each as its set of modules:
/// none now (the reader's `app` -> `sources_view` -> `view` -> `app` went
/// with its one `Mode`).
const ALLOWED_CYCLES: &[&[&str]] = &[];

/// Source text with comments, string and character literals blanked, except
/// that string literals that are paths (`"crate::x::y"`, as serde's `with`
/// takes them) are kept, unquoted.
fn code_only(text: &str) -> String {
    let b: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < b.len() && b[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < b.len() {
                if b[i] == '/' && b.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if b[i] == '*' && b.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            out.push(' ');
        } else if c == 'r' && (next == Some('"') || next == Some('#')) && !prev_is_ident(&b, i) {
            // A raw string: r"..." or r#"..."#.
            let mut j = i + 1;
            let mut hashes = 0;
            while b.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if b.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            while j < b.len() && !(b[j] == '"' && (0..hashes).all(|k| b.get(j + 1 + k) == Some(&'#'))) {
                j += 1;
            }
            i = j + 1 + hashes;
            out.push_str("\"\"");
        } else if c == '"' {
            let mut j = i + 1;
            let mut literal = String::new();
            while j < b.len() && b[j] != '"' {
                if b[j] == '\\' {
                    j += 1;
                } else {
                    literal.push(b[j]);
                }
                j += 1;
            }
            i = j + 1;
            if literal.starts_with("crate::") && literal.chars().all(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                out.push(' ');
                out.push_str(&literal);
                out.push(' ');
            } else {
                out.push_str("\"\"");
            }
        } else if c == '\'' {
            // A character literal ('x', '\n', '\u{..}'), else a lifetime.
            let close = match next {
                Some('\\') => (i + 3..b.len().min(i + 12)).find(|&j| b[j] == '\''),
                Some(_) if b.get(i + 2) == Some(&'\'') => Some(i + 2),
                _ => None,
            };
            match close {
                Some(j) => {
                    out.push_str("' '");
                    i = j + 1;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn prev_is_ident(b: &[char], i: usize) -> bool {
    i > 0 && (b[i - 1].is_alphanumeric() || b[i - 1] == '_')
}

/// Removes `#[cfg(test)]` items (unit tests may use what they test from
/// anywhere).
fn without_tests(code: &str) -> String {
    let mut out = String::new();
    let mut rest = code;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        let Some(open) = after.find(['{', ';']) else {
            rest = "";
            break;
        };
        if after.as_bytes()[open] == b';' {
            rest = &after[open + 1..];
            continue;
        }
        let mut depth = 0;
        let mut end = after.len();
        for (k, ch) in after[open..].char_indices() {
            match ch {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = open + k + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// Expands a `use` tree (`a::{b, c::{d, e}}`) into its paths.
fn expand(tree: &str) -> Vec<String> {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        let path = tree.split(" as ").next().unwrap_or("").trim();
        return vec![path.to_string()];
    };
    let prefix = tree[..open].trim_end_matches("::").trim();
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (k, ch) in inner.char_indices() {
        match ch {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..k]);
                start = k + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .flat_map(expand)
        .map(|p| match p.as_str() {
            "self" => prefix.to_string(),
            _ => format!("{prefix}::{p}"),
        })
        .collect()
}

/// Every path that `code` refers to: those of `use` items, and paths in
/// expressions and types starting with `crate`, `super`, `self` or `kiosk`.
fn paths(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    // `use` trees first (they may be grouped), then the code without them.
    let mut others = String::new();
    while let Some(at) = find_word(rest, "use") {
        others.push_str(&rest[..at]);
        let after = &rest[at + 3..];
        let end = after.find(';').unwrap_or(after.len());
        out.extend(expand(&after[..end]));
        rest = &after[(end + 1).min(after.len())..];
    }
    others.push_str(rest);
    let chars: Vec<char> = others.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_alphabetic()
            && (i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '_' || chars[i - 1] == ':'))
        {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == ':') {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            let head = word.split("::").next().unwrap_or("");
            if word.contains("::") && ["crate", "super", "self", "kiosk"].contains(&head) {
                out.push(word.trim_end_matches(':').to_string());
            }
        } else {
            i += 1;
        }
    }
    out
}

/// Where the keyword `word` starts a statement in `code` (`pub use`,
/// `pub(crate) use` included).
fn find_word(code: &str, word: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(k) = code[from..].find(word) {
        let at = from + k;
        let before = code[..at].chars().next_back();
        let after = code[at + word.len()..].chars().next();
        let starts = before.is_none_or(|c| c.is_whitespace() || c == ';' || c == '{' || c == '}' || c == ')');
        if starts && after.is_some_and(char::is_whitespace) {
            return Some(at);
        }
        from = at + word.len();
    }
    None
}

/// The module a path names, from the module `from`: the longest known
/// module it starts with (root re-exports resolved through `reexports`).
fn resolve(path: &str, from: &str, modules: &BTreeSet<String>, reexports: &BTreeMap<String, String>) -> Option<String> {
    let mut segments: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
    let mut base: Vec<String> = match segments.first().copied() {
        Some("crate") if from.starts_with("bin") => vec!["bin".into()],
        Some("crate") | Some("kiosk") => Vec::new(),
        Some("self") | Some("super") => from.split("::").filter(|s| !s.is_empty()).map(String::from).collect(),
        _ => return None,
    };
    if matches!(segments.first().copied(), Some("crate") | Some("kiosk") | Some("self")) {
        segments.remove(0);
    }
    while segments.first() == Some(&"super") {
        base.pop();
        segments.remove(0);
    }
    let full: Vec<String> = base.into_iter().chain(segments.iter().map(|s| s.to_string())).collect();
    for len in (1..=full.len()).rev() {
        let candidate = full[..len].join("::");
        if modules.contains(&candidate) {
            return Some(candidate);
        }
    }
    full.first().and_then(|name| reexports.get(name)).cloned()
}

/// The module of each source file, its code, and the root's re-exports.
fn sources(src: &Path) -> (BTreeMap<String, String>, BTreeMap<String, String>) {
    let mut files = Vec::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read src") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    let mut modules = BTreeMap::new();
    let mut reexports = BTreeMap::new();
    for file in files {
        let rel = file.strip_prefix(src).expect("below src").with_extension("");
        let rel = rel.to_string_lossy().replace('\\', "/");
        let module = match rel.as_str() {
            "lib" => String::new(),
            "main" | "cli" | "commands" | "ingest_cli" | "list_query" | "man" => format!("bin::{rel}"),
            _ => rel.replace('/', "::"),
        };
        let code = without_tests(&code_only(&std::fs::read_to_string(&file).expect("read")));
        if module.is_empty() {
            for tree in code.split(';').filter_map(|s| s.trim().strip_prefix("pub use ")) {
                for path in expand(tree) {
                    let mut parts = path.split("::");
                    if let (Some(m), Some(name)) = (parts.next(), path.rsplit("::").next()) {
                        reexports.insert(name.to_string(), m.to_string());
                    }
                }
            }
            continue;
        }
        modules.insert(module, code);
    }
    modules.insert("bin".into(), String::new());
    (modules, reexports)
}

/// The references between modules: (from, to), each once, leaving out a
/// module's references to its own submodules and ancestors.
fn edges(src: &Path) -> BTreeSet<(String, String)> {
    let (modules, reexports) = sources(src);
    let names: BTreeSet<String> = modules.keys().cloned().collect();
    let mut out = BTreeSet::new();
    for (module, code) in &modules {
        for path in paths(code) {
            let Some(to) = resolve(&path, module, &names, &reexports) else {
                continue;
            };
            let related =
                to == *module || to.starts_with(&format!("{module}::")) || module.starts_with(&format!("{to}::"));
            if !related && !to.is_empty() {
                out.insert((module.clone(), to));
            }
        }
    }
    out
}

fn tier(module: &str) -> usize {
    let top = module.split("::").next().unwrap_or("");
    TIERS
        .iter()
        .position(|(_, members)| members.contains(&top))
        .unwrap_or_else(|| panic!("module {top} is in no tier of tests/kiosk/layers.rs"))
}

/// The strongly connected groups of more than one module (Tarjan).
fn cycles(edges: &BTreeSet<(String, String)>) -> Vec<BTreeSet<String>> {
    let mut graph: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (a, b) in edges {
        graph.entry(a).or_default().push(b);
        graph.entry(b).or_default();
    }
    struct State<'a> {
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        groups: Vec<BTreeSet<String>>,
    }
    fn visit<'a>(v: &'a str, graph: &BTreeMap<&'a str, Vec<&'a str>>, s: &mut State<'a>) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on_stack.insert(v);
        for &w in &graph[v] {
            if !s.index.contains_key(w) {
                visit(w, graph, s);
                let low = s.low[v].min(s.low[w]);
                s.low.insert(v, low);
            } else if s.on_stack.contains(w) {
                let low = s.low[v].min(s.index[w]);
                s.low.insert(v, low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut group = BTreeSet::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                group.insert(w.to_string());
                if w == v {
                    break;
                }
            }
            if group.len() > 1 {
                s.groups.push(group);
            }
        }
    }
    let mut state = State {
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        groups: Vec::new(),
    };
    for &v in graph.keys() {
        if !state.index.contains_key(v) {
            visit(v, &graph, &mut state);
        }
    }
    state.groups
}

fn src() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn no_module_uses_a_higher_layer() {
    let wrong: Vec<String> = edges(&src())
        .into_iter()
        .filter(|(a, b)| tier(a) < tier(b))
        .map(|(a, b)| format!("{a} ({}) uses {b} ({})", TIERS[tier(&a)].0, TIERS[tier(&b)].0))
        .collect();
    assert!(wrong.is_empty(), "imports against the layers:\n{}", wrong.join("\n"));
}

#[test]
fn no_modules_import_each_other_in_a_circle() {
    let allowed: Vec<BTreeSet<String>> = ALLOWED_CYCLES
        .iter()
        .map(|c| c.iter().map(|m| m.to_string()).collect())
        .collect();
    let found = cycles(&edges(&src()));
    let wrong: Vec<&BTreeSet<String>> = found.iter().filter(|c| !allowed.contains(c)).collect();
    assert!(wrong.is_empty(), "import circles: {wrong:?}");
    // An allowed circle that is gone must leave the list.
    for c in &allowed {
        assert!(
            found.contains(c),
            "{c:?} is no longer a circle: remove it from ALLOWED_CYCLES"
        );
    }
}

/// The checker itself: it sees what it must, in every form it is written.
#[test]
fn the_checker_finds_references_in_every_form() {
    let code = code_only(
        "use crate::{article::{Article, Link}, load::{self, x}};\n\
         use super::super::layout::Line;\n\
         // use crate::tui::App; (a comment)\n\
         let s = \"crate::library is text\"; let c = '\"'; fn f<'a>(x: &'a str) {}\n\
         #[serde(with = \"crate::load_cache::path_bytes\")]\n\
         let d = crate::document::parse(x);\n\
         #[cfg(test)]\nmod tests { use crate::tui::App; }\n",
    );
    let found = paths(&without_tests(&code));
    for want in [
        "crate::article::Article",
        "crate::article::Link",
        "crate::load",
        "crate::load::x",
        "super::super::layout::Line",
        "crate::load_cache::path_bytes",
        "crate::document::parse",
    ] {
        assert!(found.iter().any(|p| p == want), "{want} not in {found:?}");
    }
    assert!(
        !found.iter().any(|p| p.contains("tui") || p.contains("library")),
        "{found:?}"
    );
    let modules: BTreeSet<String> = ["layout", "load", "tui", "tui::app", "tui::view"]
        .map(String::from)
        .into();
    let none = BTreeMap::new();
    assert_eq!(
        resolve("super::super::layout::Line", "tui::sources_view", &modules, &none).as_deref(),
        Some("layout")
    );
    assert_eq!(
        resolve("super::view::draw", "tui::app", &modules, &none).as_deref(),
        Some("tui::view")
    );
    assert_eq!(
        resolve("kiosk::load::x", "bin::commands", &modules, &none).as_deref(),
        Some("load")
    );
    let circle: BTreeSet<(String, String)> = [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")]
        .map(|(x, y)| (x.to_string(), y.to_string()))
        .into();
    let abc: BTreeSet<String> = ["a", "b", "c"].map(String::from).into();
    assert_eq!(cycles(&circle), vec![abc]);
}
