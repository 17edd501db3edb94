//! The front matter most files have, read without a YAML parser: top-level
//! `key: value` lines whose values are plain words, quoted strings without
//! escapes, small integers, `[flow, lists]` of those, or `- item` lines.
//! Anything else (a comment, a nested map, an escape, another number, a tab...) is left to
//! serde_yaml: [`read`] answers only where it gives exactly what serde_yaml
//! gives (a property test holds it to that), and says `None` otherwise.

use serde_json::{Map, Value};

/// The fields of `raw`, when every line is of the simple kind; `None` sends
/// the block to serde_yaml.
pub(super) fn read(raw: &str) -> Option<Map<String, Value>> {
    let mut map = Map::new();
    // The key whose value is the `- item` lines that follow, with their indent.
    let mut list: Option<(String, Vec<Value>, Option<usize>)> = None;
    for line in raw.split('\n') {
        if line.trim_start_matches(' ').is_empty() {
            continue;
        }
        let body = line.trim_start_matches(' ');
        let indent = line.len() - body.len();
        if let Some(item) = body.strip_prefix("- ") {
            let (_, items, at) = list.as_mut()?;
            if at.is_some_and(|at| at != indent) {
                return None;
            }
            *at = Some(indent);
            items.push(scalar(item, false)?);
            continue;
        }
        if indent > 0 {
            return None;
        }
        if let Some(list) = list.take() {
            insert_list(&mut map, list)?;
        }
        let (key, rest) = line.split_once(':')?;
        let mut chars = key.chars();
        let first = chars.next()?;
        // (A key serde_yaml reads as null or a boolean is written back in
        // its own spelling: left to it.)
        if !(first.is_ascii_alphabetic() || first == '_')
            || !chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            || !matches!(scalar(key, false)?, Value::String(_))
        {
            return None;
        }
        if rest.is_empty() {
            list = Some((key.to_string(), Vec::new(), None));
            continue;
        }
        let value = rest.strip_prefix(' ')?.trim_matches(' ');
        let value = match value.strip_prefix('[') {
            Some(inner) => {
                let inner = inner.strip_suffix(']')?.trim_matches(' ');
                if inner.is_empty() {
                    Value::Array(Vec::new())
                } else {
                    Value::Array(
                        inner
                            .split(',')
                            .map(|i| scalar(i.trim_matches(' '), true))
                            .collect::<Option<_>>()?,
                    )
                }
            }
            None => scalar(value, false)?,
        };
        insert(&mut map, key.to_string(), value)?;
    }
    if let Some(list) = list {
        insert_list(&mut map, list)?;
    }
    Some(map)
}

/// Adds the field of a key whose value is the `- item` lines after it (with
/// their indent); a key with none is null.
fn insert_list(map: &mut Map<String, Value>, (key, items, _): (String, Vec<Value>, Option<usize>)) -> Option<()> {
    let value = if items.is_empty() {
        Value::Null
    } else {
        Value::Array(items)
    };
    insert(map, key, value)
}

/// Adds a field; `None` for a key given twice (serde_yaml refuses that).
fn insert(map: &mut Map<String, Value>, key: String, value: Value) -> Option<()> {
    map.insert(key, value).is_none().then_some(())
}

/// A simple scalar: quoted without escapes, a plain word, or a small
/// decimal integer;
/// `in_flow` inside `[...]`, where commas and brackets end it.
fn scalar(text: &str, in_flow: bool) -> Option<Value> {
    if text.is_empty() || !text.chars().all(printable) {
        return None;
    }
    for quote in ['"', '\''] {
        if let Some(inner) = text.strip_prefix(quote) {
            let inner = inner.strip_suffix(quote)?;
            if inner.contains(['"', '\'', '\\']) || (in_flow && inner.contains([',', '[', ']', '{', '}'])) {
                return None;
            }
            return Some(Value::String(inner.to_string()));
        }
    }
    let first = text.chars().next()?;
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) || text.contains(": ") || text.contains('#') || text.ends_with(':') {
        return None;
    }
    if text.contains(['[', ']', '{', '}']) || (in_flow && text.contains(',')) {
        return None;
    }
    Some(match text {
        "~" | "null" | "Null" | "NULL" => Value::Null,
        "true" | "True" | "TRUE" => Value::Bool(true),
        "false" | "False" | "FALSE" => Value::Bool(false),
        // A small decimal integer (`weight: 3`, `sidebar_position: 12`, in
        // most site pages): the number serde_yaml gives.
        _ if text.len() <= 15 && text.bytes().all(|b| b.is_ascii_digit()) && (text.len() == 1 || first != '0') => {
            Value::Number(text.parse::<u64>().ok()?.into())
        }
        // Any other number, or something serde_yaml may read as one; a day is text.
        _ if first.is_ascii_digit() || first == '+' || first == '.' => {
            if !is_day(text) {
                return None;
            }
            Value::String(text.to_string())
        }
        _ => Value::String(text.to_string()),
    })
}

/// `YYYY-MM-DD`.
fn is_day(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, &c)| {
            if i == 4 || i == 7 {
                c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

/// Characters YAML reads as text wherever they are: no tabs or other
/// controls, no line or paragraph separators, no byte order mark or
/// noncharacter.
fn printable(c: char) -> bool {
    !(c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'))
}

#[cfg(test)]
mod tests {
    use super::read;
    use proptest::prelude::*;

    /// Values of every kind, simple or not: words, quoted text with and
    /// without what ends or escapes it, numbers and things like them,
    /// null and booleans in any spelling, days and times, indicators,
    /// comments, flow lists and maps, odd characters.
    fn value() -> impl Strategy<Value = String> {
        let word = proptest::sample::select(vec![
            "Staat",
            "Überwachung",
            "数据",
            "a b",
            "it's",
            "a:b",
            "C#",
            "~",
            "~x",
            "null",
            "Null",
            "NULL",
            "nUll",
            "true",
            "True",
            "TRUE",
            "tRue",
            "false",
            "FALSE",
            "yes",
            "no",
            "on",
            "off",
            "y",
            "n",
            "inf",
            ".inf",
            "-.inf",
            "nan",
            ".NaN",
            "12",
            "007",
            "1.5",
            "1e3",
            "0x1F",
            "0o7",
            "-3",
            "+3",
            ".5",
            "1_000",
            "2024-01-05",
            "2024-1-5",
            "2024-01-05T10:00:00Z",
            "2024-01-05 10:00",
            "05.01.2024",
            "- x",
            "-x",
            "? x",
            "a, b",
            "&a",
            "*a",
            "!tag x",
            "|",
            ">",
            "%x",
            "@x",
            "`x",
            "x #c",
            "x: y",
            "x:",
            "{a: b}",
            "a]",
            "\u{a0}x",
            "x\u{85}",
            "x\u{2028}",
            "x\ty",
            "\u{feff}x",
            "\u{fffe}",
            "😀",
            "",
        ]);
        let quoted = (
            proptest::sample::select(vec!['"', '\'']),
            word.clone(),
            proptest::sample::select(vec!["", "\\n", "\\\"", "''", ", ", "#", ": "]),
        )
            .prop_map(|(q, w, extra)| format!("{q}{w}{extra}{q}"));
        let flow = proptest::collection::vec(prop_oneof![word.clone().prop_map(String::from), quoted.clone()], 0..4)
            .prop_map(|items| format!("[{}]", items.join(", ")));
        prop_oneof![
            4 => word.prop_map(String::from),
            3 => quoted,
            2 => flow,
            1 => Just("[a, b,]".to_string()),
            1 => Just("[[a], b]".to_string()),
        ]
    }

    /// Lines: `key: value`, a key with `- item` lines, and odd lines.
    fn line() -> impl Strategy<Value = String> {
        let key = proptest::sample::select(vec![
            "title",
            "date",
            "tags",
            "draft",
            "lang",
            "shorttext",
            "x_y-z",
            "_k",
            "true",
            "Null",
            "1a",
            "a b",
            "ä",
        ]);
        let spaces = proptest::sample::select(vec![" ", "  ", "", " \t"]);
        let indent = proptest::sample::select(vec!["", "  ", "    "]);
        prop_oneof![
            6 => (key.clone(), spaces.clone(), value(), proptest::sample::select(vec!["", " ", "  # c"]))
                .prop_map(|(k, s, v, tail)| format!("{k}:{s}{v}{tail}")),
            2 => (key, indent.clone(), proptest::collection::vec((indent, value()), 0..3)).prop_map(|(k, _, items)| {
                let mut out = format!("{k}:");
                for (i, v) in items {
                    out.push_str(&format!("\n{i}- {v}"));
                }
                out
            }),
            1 => proptest::sample::select(vec!["", "   ", "# comment", "  nested: map", "...", "-", "- x"]).prop_map(String::from),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        /// Where the simple reader answers, it answers as serde_yaml does.
        #[test]
        fn simple_front_matter_reads_as_serde_yaml_reads_it(lines in proptest::collection::vec(line(), 0..8)) {
            let raw = lines.join("\n");
            if let Some(map) = read(&raw) {
                prop_assert_eq!(Ok(map), super::super::yaml(&raw), "{:?}", raw);
            }
        }
    }

    /// The usual front matter is read by the simple reader.
    #[test]
    fn usual_front_matter_is_simple() {
        for raw in [
            "title: \"USA überwachen mit Daten von TikTok\"\ndate: 2020-08-24\ndraft: false\ntags: \"Staat\"\nshorttext: \"Geleakte Dokumente: 1.\"\ncover: \"repression\"\nlang: de\n",
            "title: Ein Titel\ntags: [Staat, \"Netz\"]\ncategories:\n  - Politik\n  - Netz\nlang: EN\n",
            "title: 'Single'\ndate: \"2024-01-05T10:00:00+02:00\"\ntags:\n- a\n- b\n",
        ] {
            assert!(read(raw).is_some(), "{raw}");
            assert_eq!(read(raw).map(Ok), Some(super::super::yaml(raw)), "{raw}");
        }
    }
}
