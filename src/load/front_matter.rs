//! Front matter: splitting it off the body and reading its fields.
//!
//! YAML (`---`) and TOML (`+++`) are both turned into one neutral map of JSON
//! values, so the field rules are written once. serde_yaml is used only here.
//! Parsers never see unbounded input: the block is size-capped and YAML
//! aliases and nesting are counted before serde_yaml runs.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::article::{Date, Level};

mod fields;
mod near_miss;
mod simple;

use fields::fields;
pub use near_miss::looks_like_front_matter;

/// Front matter larger than this is not parsed.
pub const MAX_FRONT_MATTER: usize = 64 * 1024;
/// More YAML aliases than this are refused (alias amplification).
const MAX_ALIASES: usize = 64;
/// Deeper nesting than this is refused.
const MAX_DEPTH: usize = 32;

/// The syntax of a front matter block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    /// `---` delimited YAML.
    Yaml,
    /// `+++` delimited TOML (Hugo, Zola).
    Toml,
}

/// A text split into its front matter and body.
#[derive(Debug)]
pub struct Split<'a> {
    /// The block's syntax and raw text, if the text starts with one.
    pub front: Option<(Syntax, &'a str)>,
    /// Everything after the closing delimiter.
    pub body: &'a str,
}

/// Splits a front matter block off `text` (which has no BOM and no CR). The
/// block may follow blank lines (Hugo and Zola read it there too). A block
/// that is opened but never closed is not front matter: the caller gets the
/// whole text as body and a problem to report; so does a text that looks
/// like front matter kiosk cannot take as one (see [`looks_like_front_matter`]).
pub fn split(text: &str) -> (Split<'_>, Option<(Level, String)>) {
    let blank = leading_blank_lines(text);
    let rest = &text[blank..];
    let (syntax, delim) = if is_delimiter(first_line(rest), "---") {
        (Syntax::Yaml, "---")
    } else if is_delimiter(first_line(rest), "+++") {
        (Syntax::Toml, "+++")
    } else {
        let problem = looks_like_front_matter(text).map(|m| (Level::Warning, m));
        return (
            Split {
                front: None,
                body: text,
            },
            problem,
        );
    };
    let start = blank + memchr::memchr(b'\n', rest.as_bytes()).map_or(rest.len(), |i| i + 1);
    let mut pos = start;
    while pos < text.len() {
        let end = memchr::memchr(b'\n', &text.as_bytes()[pos..]).map_or(text.len(), |i| pos + i);
        let line = &text[pos..end];
        if is_delimiter(line, delim) || (syntax == Syntax::Yaml && is_delimiter(line, "...")) {
            let body_start = (end + 1).min(text.len());
            return (
                Split {
                    front: Some((syntax, &text[start..pos])),
                    body: &text[body_start..],
                },
                None,
            );
        }
        pos = end + 1;
    }
    let line = line_of(text, blank);
    (
        Split {
            front: None,
            body: text,
        },
        Some((
            Level::Error,
            format!("front matter opened with `{delim}` on line {line} is never closed; read as body"),
        )),
    )
}

/// The length of the blank lines at the start of `text`.
pub(super) fn leading_blank_lines(text: &str) -> usize {
    let mut at = 0;
    while let Some(end) = memchr::memchr(b'\n', &text.as_bytes()[at..]) {
        if !text[at..at + end].trim().is_empty() {
            break;
        }
        at += end + 1;
    }
    at
}

/// The 1-based line of byte `at`.
pub(super) fn line_of(text: &str, at: usize) -> usize {
    memchr::memchr_iter(b'\n', &text.as_bytes()[..at]).count() + 1
}

pub(super) fn first_line(text: &str) -> &str {
    text.split('\n').next().unwrap_or("")
}

pub(super) fn is_delimiter(line: &str, delim: &str) -> bool {
    line.trim_end() == delim
}

/// The fields kiosk reads from front matter, with what could not be read.
#[derive(Debug, Default)]
pub struct Meta {
    /// `title`.
    pub title: Option<String>,
    /// `date` (or `publishDate`/`pubDate`).
    pub date: Option<Date>,
    /// `draft`.
    pub draft: bool,
    /// `tags`, `categories`, `category` and `keywords` (also Zola's
    /// `taxonomies`).
    pub tags: Vec<String>,
    /// `shorttext`, `summary` or `description`.
    pub summary: Option<String>,
    /// `cover` (a string, or a map with `image`).
    pub cover: Option<String>,
    /// `lang`, `language` or `locale`, normalised.
    pub lang: Option<String>,
    /// `translationKey`.
    pub translation_key: Option<String>,
    /// Every other field, as text.
    pub extra: BTreeMap<String, String>,
    /// Problems found, each with its level.
    pub problems: Vec<(Level, String)>,
}

/// Parses a front matter block and reads its fields. Never fails: what cannot
/// be parsed is recovered field by field where possible and reported.
pub fn read(syntax: Syntax, raw: &str) -> Meta {
    let mut problems = Vec::new();
    let map = if raw.len() > MAX_FRONT_MATTER {
        problems.push((
            Level::Error,
            format!(
                "front matter is {} KiB, over the {} KiB limit; not read",
                raw.len() / 1024,
                MAX_FRONT_MATTER / 1024
            ),
        ));
        Map::new()
    } else {
        match parse(syntax, raw) {
            Ok(map) => map,
            Err(message) => {
                let recovered = recover(syntax, raw);
                let names: Vec<&str> = recovered.keys().map(String::as_str).collect();
                let tail = if names.is_empty() {
                    String::new()
                } else {
                    format!("; recovered {}", names.join(", "))
                };
                problems.push((Level::Error, format!("{message}{tail}")));
                recovered
            }
        }
    };
    let mut meta = fields(map);
    problems.append(&mut meta.problems);
    meta.problems = problems;
    meta
}

fn parse(syntax: Syntax, raw: &str) -> Result<Map<String, Value>, String> {
    match syntax {
        // Most front matter is simple enough to be read without serde_yaml.
        Syntax::Yaml => simple::read(raw).map_or_else(|| yaml(raw), Ok),
        Syntax::Toml => {
            let table: toml::Table = raw
                .parse()
                .map_err(|e: toml::de::Error| format!("invalid TOML front matter: {}", one_line(e.message())))?;
            match toml_to_json(toml::Value::Table(table), 0) {
                Value::Object(map) => Ok(map),
                _ => Err("front matter is not a table of fields".to_string()),
            }
        }
    }
}

/// YAML front matter through serde_yaml.
fn yaml(raw: &str) -> Result<Map<String, Value>, String> {
    check_yaml_bounds(raw)?;
    let value: serde_yaml::Value =
        serde_yaml::from_str(raw).map_err(|e| format!("invalid YAML front matter: {}", one_line(&e.to_string())))?;
    match yaml_to_json(value, 0) {
        Value::Object(map) => Ok(map),
        Value::Null => Ok(Map::new()),
        _ => Err("front matter is not a map of fields".to_string()),
    }
}

fn one_line(message: &str) -> String {
    crate::sanitize::sanitize_line(message).trim().to_string()
}

/// Refuses YAML whose aliases could amplify it or whose nesting is too deep,
/// before serde_yaml expands anything.
pub(crate) fn check_yaml_bounds(raw: &str) -> Result<(), String> {
    let mut aliases = 0;
    let mut depth = 0usize;
    let mut max_depth = 0usize;
    let bytes = raw.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'*' if bytes
                .get(i + 1)
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == b'_') =>
            {
                let prev = if i == 0 { b' ' } else { bytes[i - 1] };
                if matches!(prev, b' ' | b'\t' | b'\n' | b'[' | b'{' | b',' | b':' | b'-') {
                    aliases += 1;
                }
            }
            b'[' | b'{' => {
                depth += 1;
                max_depth = max_depth.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    let indent_depth = raw
        .lines()
        .map(|l| l.len() - l.trim_start_matches([' ', '-']).len())
        .max()
        .unwrap_or(0)
        / 2;
    if aliases > MAX_ALIASES {
        return Err(format!(
            "front matter uses {aliases} YAML aliases (limit {MAX_ALIASES}); not read"
        ));
    }
    if max_depth.max(indent_depth) > MAX_DEPTH {
        return Err(format!(
            "front matter is nested deeper than {MAX_DEPTH} levels; not read"
        ));
    }
    Ok(())
}

fn yaml_to_json(value: serde_yaml::Value, depth: usize) -> Value {
    use serde_yaml::Value as Y;
    if depth > MAX_DEPTH {
        return Value::Null;
    }
    match value {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => serde_json::to_value(&n).unwrap_or(Value::Null),
        Y::String(s) => Value::String(s),
        Y::Sequence(items) => Value::Array(items.into_iter().map(|v| yaml_to_json(v, depth + 1)).collect()),
        Y::Mapping(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (yaml_key(k), yaml_to_json(v, depth + 1)))
                .collect(),
        ),
        Y::Tagged(tagged) => yaml_to_json(tagged.value, depth + 1),
    }
}

fn yaml_key(key: serde_yaml::Value) -> String {
    match key {
        serde_yaml::Value::String(s) => s,
        other => serde_yaml::to_string(&other).unwrap_or_default().trim().to_string(),
    }
}

fn toml_to_json(value: toml::Value, depth: usize) -> Value {
    use toml::Value as T;
    if depth > MAX_DEPTH {
        return Value::Null;
    }
    match value {
        T::String(s) => Value::String(s),
        T::Integer(i) => Value::from(i),
        T::Float(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        T::Boolean(b) => Value::Bool(b),
        T::Datetime(d) => Value::String(d.to_string()),
        T::Array(items) => Value::Array(items.into_iter().map(|v| toml_to_json(v, depth + 1)).collect()),
        T::Table(table) => Value::Object(
            table
                .into_iter()
                .map(|(k, v)| (k, toml_to_json(v, depth + 1)))
                .collect(),
        ),
    }
}

/// Recovers top-level `key: value` (YAML) or `key = value` (TOML) lines one
/// at a time, so that one broken line does not cost the title and the date.
fn recover(syntax: Syntax, raw: &str) -> Map<String, Value> {
    let sep = match syntax {
        Syntax::Yaml => ':',
        Syntax::Toml => '=',
    };
    let mut map = Map::new();
    for line in raw.lines() {
        if line.starts_with([' ', '\t', '-', '#', '[']) {
            continue;
        }
        let Some((key, value)) = line.split_once(sep) else {
            continue;
        };
        let key = key.trim();
        if key.is_empty() || !key.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-') {
            continue;
        }
        let parsed = parse(syntax, line).ok().and_then(|mut m| m.remove(key));
        // A flow list or map that does not parse is the broken line: drop it
        // rather than keep its brackets as text.
        if parsed.is_none() && value.trim_start().starts_with(['[', '{']) {
            continue;
        }
        let value = parsed.unwrap_or_else(|| {
            let v = value.trim();
            // A quote left open (the break itself) goes with the one closed.
            let v = match v.chars().next() {
                Some(q @ ('"' | '\'')) => v[1..].strip_suffix(q).unwrap_or(&v[1..]).trim(),
                _ => v,
            };
            Value::String(v.to_string())
        });
        if !matches!(&value, Value::String(s) if s.is_empty()) {
            map.insert(key.to_string(), value);
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(syntax: Syntax, raw: &str) -> Meta {
        read(syntax, raw)
    }

    #[test]
    fn splits_yaml_and_toml() {
        let (s, p) = split("---\ntitle: a\n---\nbody\n");
        assert_eq!(s.front, Some((Syntax::Yaml, "title: a\n")));
        assert_eq!(s.body, "body\n");
        assert!(p.is_none());
        let (s, _) = split("+++\ntitle = \"a\"\n+++\nbody");
        assert_eq!(s.front, Some((Syntax::Toml, "title = \"a\"\n")));
        assert_eq!(s.body, "body");
    }

    #[test]
    fn unclosed_block_is_body_with_problem() {
        let (s, p) = split("---\ntitle: a\nbody");
        assert!(s.front.is_none());
        assert!(p.unwrap().1.contains("on line 1 is never closed"));
    }

    proptest::proptest! {
        /// Blank lines before a block change nothing but where the body
        /// starts: the same block, the same body.
        #[test]
        fn blank_lines_before_front_matter_change_nothing(
            blank in "([ \t]*\n){0,4}",
            key in "[a-z]{1,8}",
            value in "[a-zA-Z0-9 ]{0,20}",
            body in "\\PC{0,40}",
        ) {
            let text = format!("---\n{key}: {value}\n---\n{body}");
            let padded = format!("{blank}{text}");
            let (a, pa) = split(&text);
            let (b, pb) = split(&padded);
            proptest::prop_assert_eq!(a.front, b.front);
            proptest::prop_assert_eq!(a.body, b.body);
            proptest::prop_assert_eq!(pa, pb);
        }
    }

    #[test]
    fn blank_lines_may_come_first() {
        let (s, p) = split("\n  \n+++\ntitle = \"a\"\n+++\nbody");
        assert_eq!(s.front, Some((Syntax::Toml, "title = \"a\"\n")));
        assert_eq!((s.body, p), ("body", None));
        let (_, p) = split("\n\n---\ntitle: a\n");
        assert!(p.unwrap().1.contains("on line 3 is never closed"));
    }

    #[test]
    fn tags_in_every_shape() {
        assert_eq!(meta(Syntax::Yaml, "tags: Staat").tags, ["Staat"]);
        assert_eq!(meta(Syntax::Yaml, "tags: \"a, b ,c\"").tags, ["a", "b", "c"]);
        assert_eq!(
            meta(Syntax::Yaml, "tags: [a, b]\ncategories: [b, c]").tags,
            ["a", "b", "c"]
        );
        assert_eq!(meta(Syntax::Toml, "[taxonomies]\ntags = [\"x\"]").tags, ["x"]);
    }

    #[test]
    fn dates_keep_the_day() {
        for raw in [
            "date: 2020-08-24",
            "date: 2020-08-24T10:11:12+02:00",
            "date: \"2020-08-24 10:11\"",
            "date: '24.08.2020'",
        ] {
            assert_eq!(meta(Syntax::Yaml, raw).date, Date::new(2020, 8, 24), "{raw}");
        }
        assert_eq!(
            meta(Syntax::Toml, "date = 2020-08-24T10:00:00Z").date,
            Date::new(2020, 8, 24)
        );
        let m = meta(Syntax::Yaml, "date: yesterday");
        assert_eq!(m.date, None);
        assert!(m.problems[0].1.contains("yesterday"));
    }

    #[test]
    fn summary_lang_and_extra() {
        let m = meta(
            Syntax::Yaml,
            "description: d\nshorttext: s\nlang: de-CH\nfoo: bar\nn: [1]",
        );
        assert_eq!(m.summary.as_deref(), Some("s"));
        assert_eq!(m.lang.as_deref(), Some("de"));
        assert_eq!(m.extra["foo"], "bar");
        assert_eq!(m.extra["n"], "[1]");
    }

    #[test]
    fn wrong_types_are_problems() {
        let m = meta(Syntax::Yaml, "title: [a, b]\ndraft: maybe\ntags: {a: 1}");
        assert_eq!(m.title, None);
        assert_eq!(m.problems.len(), 3, "{:?}", m.problems);
    }

    #[test]
    fn broken_yaml_recovers_fields() {
        let m = meta(Syntax::Yaml, "title: \"Kept\"\ndate: 2021-01-02\ntags: [unclosed\n");
        assert_eq!(m.title.as_deref(), Some("Kept"));
        assert_eq!(m.date, Date::new(2021, 1, 2));
        assert_eq!(m.problems[0].0, Level::Error);
        assert!(m.problems[0].1.contains("recovered"), "{:?}", m.problems);
    }

    #[test]
    fn alias_bombs_are_refused_quickly() {
        let mut raw = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for i in 0..20 {
            raw.push_str(&format!("b{i}: &b{i} [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"));
        }
        let m = meta(Syntax::Yaml, &raw);
        assert!(m.problems[0].1.contains("aliases"), "{:?}", m.problems);
    }
}
