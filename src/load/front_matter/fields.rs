//! The known fields of front matter, read out of the neutral map with their
//! problems (a wrong type is a diagnostic, and what can be recovered is kept).

use serde_json::{Map, Value};

use super::Meta;
use crate::article::{Date, Level};
use crate::load::lang;

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "a map",
    }
}

/// Reads the known fields out of the neutral map.
pub(super) fn fields(map: Map<String, Value>) -> Meta {
    let mut meta = Meta::default();
    let mut tags = Vec::new();
    let mut summary: [Option<String>; 3] = [None, None, None];
    let mut dates: [Option<Value>; 2] = [None, None];
    for (key, value) in map {
        let lower = key.to_ascii_lowercase();
        match lower.as_str() {
            "title" => meta.title = text_field(&key, &value, &mut meta.problems),
            "date" => dates[0] = Some(value),
            "publishdate" | "pubdate" if dates[1].is_none() => dates[1] = Some(value),
            "draft" => meta.draft = bool_field(&key, &value, &mut meta.problems),
            "tags" | "categories" | "category" | "keywords" => list_field(&key, &value, &mut tags, &mut meta.problems),
            "taxonomies" => {
                if let Value::Object(tax) = &value {
                    for name in ["tags", "categories"] {
                        if let Some(v) = tax.get(name) {
                            list_field(name, v, &mut tags, &mut meta.problems);
                        }
                    }
                }
                meta.extra.insert(key, value.to_string());
            }
            "shorttext" => summary[0] = text_field(&key, &value, &mut meta.problems),
            "summary" => summary[1] = text_field(&key, &value, &mut meta.problems),
            "description" => summary[2] = text_field(&key, &value, &mut meta.problems),
            "cover" => {
                meta.cover = match &value {
                    Value::Object(m) => m.get("image").and_then(Value::as_str).map(str::to_string),
                    _ => text_field(&key, &value, &mut meta.problems),
                }
            }
            "lang" | "language" | "locale" => {
                if let Some(raw) = text_field(&key, &value, &mut meta.problems) {
                    match lang::normalise(&raw) {
                        Some(code) => meta.lang = Some(code),
                        None => meta.problems.push((
                            Level::Warning,
                            format!("{key}: {raw:?} is not a language code; language detected instead"),
                        )),
                    }
                }
            }
            "translationkey" => meta.translation_key = text_field(&key, &value, &mut meta.problems),
            _ => {
                let text = match value {
                    Value::String(s) => s,
                    other => other.to_string(),
                };
                meta.extra.insert(key, text);
            }
        }
    }
    for value in dates.into_iter().flatten() {
        if meta.date.is_some() {
            break;
        }
        match &value {
            Value::String(s) if s.trim().is_empty() => {}
            Value::Null => {}
            Value::String(s) => match Date::parse(s) {
                Some(d) => meta.date = Some(d),
                None => meta
                    .problems
                    .push((Level::Error, format!("date: cannot read {s:?} as a date"))),
            },
            other => meta
                .problems
                .push((Level::Error, format!("date: expected a date, found {}", kind_of(other)))),
        }
    }
    meta.summary = summary.into_iter().flatten().find(|s| !s.trim().is_empty());
    for tag in tags {
        if !meta.tags.contains(&tag) {
            meta.tags.push(tag);
        }
    }
    meta
}

fn text_field(key: &str, value: &Value, problems: &mut Vec<(Level, String)>) -> Option<String> {
    match value {
        Value::String(s) => {
            let s = crate::sanitize::sanitize_line(s).trim().to_string();
            (!s.is_empty()).then_some(s)
        }
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Null => None,
        other => {
            problems.push((Level::Error, format!("{key}: expected text, found {}", kind_of(other))));
            None
        }
    }
}

fn bool_field(key: &str, value: &Value, problems: &mut Vec<(Level, String)>) -> bool {
    match value {
        Value::Bool(b) => *b,
        Value::Null => false,
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "yes" | "on" | "1" => true,
            "false" | "no" | "off" | "0" | "" => false,
            _ => {
                problems.push((Level::Error, format!("{key}: expected true or false, found {s:?}")));
                false
            }
        },
        other => {
            problems.push((
                Level::Error,
                format!("{key}: expected true or false, found {}", kind_of(other)),
            ));
            false
        }
    }
}

fn list_field(key: &str, value: &Value, into: &mut Vec<String>, problems: &mut Vec<(Level, String)>) {
    let mut push = |s: &str| {
        let s = crate::sanitize::sanitize_line(s).trim().to_string();
        if !s.is_empty() {
            into.push(s);
        }
    };
    match value {
        // A comma list; Jekyll's `tags` and `categories` may be separated
        // by spaces instead (a singular `category` is one, spaces and all).
        Value::String(s) if s.contains(',') => s.split(',').for_each(&mut push),
        Value::String(s) if matches!(key.to_ascii_lowercase().as_str(), "tags" | "categories") => {
            s.split_whitespace().for_each(&mut push)
        }
        Value::String(s) => push(s),
        Value::Number(n) => push(&n.to_string()),
        Value::Null => {}
        Value::Array(items) => {
            for item in items {
                match item {
                    Value::String(s) => push(s),
                    Value::Number(n) => push(&n.to_string()),
                    Value::Bool(b) => push(&b.to_string()),
                    Value::Null => {}
                    other => problems.push((
                        Level::Error,
                        format!("{key}: expected a list of text, found {} in it", kind_of(other)),
                    )),
                }
            }
        }
        other => problems.push((
            Level::Error,
            format!("{key}: expected text or a list, found {}", kind_of(other)),
        )),
    }
}
