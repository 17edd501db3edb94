//! The query language of `/` and `kiosk list --search`: parsing, printing
//! and describing a query. What a query selects is [`super::select`]'s.
//!
//! ```text
//! tiktok "exact phrase" -oracle tag:Politik lang:de section:docs
//! site:theintercept.com is:unread is:starred before:2021-01-01 after:2020-08
//! ```
//!
//! Terms are separated by white space and all must hold; `-` before a term
//! excludes what it matches. Words and phrases are matched case- and
//! accent-insensitively in title, summary, tags and text; a value with
//! spaces is quoted (`tag:"Foreign Policy"`), and `\"` and `\\` escape
//! inside quotes. [`Search`]'s `Display` prints a query that parses back to
//! the same [`Search`].

use std::fmt;

use crate::article::Date;

/// A parsed query: every term must hold.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Search {
    /// The terms, in the order written.
    pub terms: Vec<Term>,
}

/// One term of a query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    /// Written with a leading `-`: the term must not hold.
    pub negated: bool,
    /// What the term asks for.
    pub kind: Kind,
}

/// What a term asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A word in the title, summary, tags or text (also inside longer words).
    Word(String),
    /// Words in this order (`"exact phrase"`), white space between them alike.
    Phrase(String),
    /// A tag (case-insensitive): `tag:Politik`.
    Tag(String),
    /// A language code: `lang:de`.
    Lang(String),
    /// A folder below the library folder, and those below it: `section:docs`.
    Section(String),
    /// Cites a link to this domain or a subdomain of it: `site:theintercept.com`.
    Site(String),
    /// A reading mark: `is:unread`, `is:read`, `is:starred`.
    Is(Flag),
    /// Dated before this day: `before:2021-01-01`.
    Before(Day),
    /// Dated on or after this day: `after:2020-08`.
    After(Day),
}

/// A reading mark asked for by `is:`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Flag {
    /// Not read (or changed since it was read).
    Unread,
    /// Read.
    Read,
    /// Starred.
    Starred,
}

impl Flag {
    /// The name written after `is:`.
    pub fn name(self) -> &'static str {
        match self {
            Flag::Unread => "unread",
            Flag::Read => "read",
            Flag::Starred => "starred",
        }
    }
}

/// The day a date term names, and how much of it was written: `2021`
/// is 2021-01-01, `2021-03` is 2021-03-01.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Day {
    /// The first day of the year, month or day written.
    pub date: Date,
    /// How many parts were written: 1 (year), 2 (month) or 3 (day).
    pub parts: u8,
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.date;
        match self.parts {
            1 => write!(f, "{:04}", d.year),
            2 => write!(f, "{:04}-{:02}", d.year, d.month),
            _ => write!(f, "{d}"),
        }
    }
}

impl Day {
    /// Reads `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    fn parse(text: &str) -> Option<Day> {
        let parts: Vec<&str> = text.split('-').collect();
        let num = |s: &str, len: usize| -> Option<u32> {
            (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        let year = num(parts.first()?, 4)? as i32;
        let month = parts.get(1).map_or(Some(1), |m| num(m, 2))?;
        let day = parts.get(2).map_or(Some(1), |d| num(d, 2))?;
        if parts.len() > 3 {
            return None;
        }
        let date = Date::new(year, u8::try_from(month).ok()?, u8::try_from(day).ok()?)?;
        Some(Day {
            date,
            parts: parts.len() as u8,
        })
    }
}

/// Why a query cannot be read, and where.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message} (at character {column})")]
pub struct QueryError {
    /// The character (counted from 1) where the trouble starts.
    pub column: usize,
    /// What is wrong, and how to write it instead.
    pub message: String,
}

/// The filters, as written before `:` (aliases map to the same kind).
const FIELDS: &str = "tag: lang: section: site: is: before: after:";

impl Search {
    /// Parses a query; an error says what is wrong and where.
    ///
    /// ```
    /// use kiosk::library::Search;
    /// let q = Search::parse("lang:de  tag:Staat -oracle").unwrap();
    /// assert_eq!(q.to_string(), "lang:de tag:Staat -oracle");
    /// assert!(Search::parse("\"exact phr").unwrap_err().message.contains("closing quote"));
    /// ```
    pub fn parse(text: &str) -> Result<Search, QueryError> {
        let chars: Vec<char> = text.chars().collect();
        let mut at = 0;
        let mut terms = Vec::new();
        loop {
            while chars.get(at).is_some_and(|c| c.is_whitespace()) {
                at += 1;
            }
            if at >= chars.len() {
                return Ok(Search { terms });
            }
            let start = at;
            let negated = chars[at] == '-';
            if negated {
                at += 1;
                if chars.get(at).is_none_or(|c| c.is_whitespace()) {
                    return Err(error(
                        start,
                        "a lone \"-\": write it right before what to leave out (-word)",
                    ));
                }
            }
            let kind = term(&chars, &mut at)?;
            terms.push(Term { negated, kind });
        }
    }

    /// True when the query asks for nothing.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The query in words, for the status bar: `tag Staat · not "oracle"`.
    pub fn describe(&self) -> String {
        let parts: Vec<String> = self
            .terms
            .iter()
            .map(|t| {
                let what = match &t.kind {
                    Kind::Word(w) => format!("{w:?}"),
                    Kind::Phrase(p) => format!("phrase {p:?}"),
                    Kind::Tag(v) => format!("tag {v}"),
                    Kind::Lang(v) => format!("language {v}"),
                    Kind::Section(v) => format!("section {v}"),
                    Kind::Site(v) => format!("citing {v}"),
                    Kind::Is(f) => f.name().to_string(),
                    Kind::Before(d) => format!("before {d}"),
                    Kind::After(d) => format!("from {d} on"),
                };
                if t.negated {
                    format!("not {what}")
                } else {
                    what
                }
            })
            .collect();
        parts.join(" · ")
    }

    /// The words and phrases a matching article contains (not the excluded
    /// ones), as written: what a reader highlights.
    pub fn wanted_text(&self) -> Vec<&str> {
        self.terms
            .iter()
            .filter(|t| !t.negated)
            .filter_map(|t| match &t.kind {
                Kind::Word(s) | Kind::Phrase(s) => Some(s.as_str()),
                _ => None,
            })
            .collect()
    }
}

fn error(column: usize, message: impl Into<String>) -> QueryError {
    QueryError {
        column: column + 1,
        message: message.into(),
    }
}

/// One term at `at` (after any `-`), moving `at` past it.
fn term(chars: &[char], at: &mut usize) -> Result<Kind, QueryError> {
    if chars[*at] == '"' {
        let start = *at;
        let phrase = quoted(chars, at)?;
        if phrase.trim().is_empty() {
            return Err(error(start, "an empty phrase: write words between the quotes"));
        }
        return Ok(Kind::Phrase(phrase));
    }
    let start = *at;
    let mut end = start;
    while end < chars.len() && !chars[end].is_whitespace() {
        end += 1;
    }
    let token: String = chars[start..end].iter().collect();
    let field = token.split_once(':').filter(|(key, rest)| {
        !key.is_empty() && key.chars().all(|c| c.is_ascii_alphabetic()) && !rest.starts_with("//")
    });
    let Some((key, _)) = field else {
        *at = end;
        return Ok(Kind::Word(token));
    };
    let key = key.to_ascii_lowercase();
    let value_at = start + key.chars().count() + 1;
    *at = value_at;
    let value = if chars.get(value_at) == Some(&'"') {
        quoted(chars, at)?
    } else {
        *at = end;
        chars[value_at..end].iter().collect()
    };
    let name = match key.as_str() {
        "language" => "lang",
        other => other,
    };
    if !FIELDS.split(' ').any(|f| f.trim_end_matches(':') == name) {
        return Err(error(
            start,
            format!("unknown filter \"{key}:\" (filters are {FIELDS}); quote it to search for the text: \"{token}\""),
        ));
    }
    if value.trim().is_empty() {
        let example = match name {
            "tag" => "tag:Politik",
            "lang" => "lang:de",
            "section" => "section:docs",
            "site" => "site:theintercept.com",
            "is" => "is:unread",
            _ => "before:2021-01-01",
        };
        return Err(error(start, format!("\"{name}:\" needs a value, e.g. {example}")));
    }
    Ok(match name {
        "tag" => Kind::Tag(value),
        "lang" => Kind::Lang(value),
        "section" => Kind::Section(value),
        "site" => Kind::Site(value),
        "is" => match value.to_ascii_lowercase().as_str() {
            "unread" => Kind::Is(Flag::Unread),
            "read" => Kind::Is(Flag::Read),
            "starred" => Kind::Is(Flag::Starred),
            _ => {
                return Err(error(
                    value_at,
                    format!("\"is:\" takes unread, read or starred, not {value:?}"),
                ))
            }
        },
        _ => {
            let day = Day::parse(&value).ok_or_else(|| {
                error(
                    value_at,
                    format!("\"{name}:\" takes a date as YYYY-MM-DD, YYYY-MM or YYYY, not {value:?}"),
                )
            })?;
            if name == "before" {
                Kind::Before(day)
            } else {
                Kind::After(day)
            }
        }
    })
}

/// The text between the quote at `at` and its closing quote (`\"` and `\\`
/// escaped), moving `at` past the closing quote.
fn quoted(chars: &[char], at: &mut usize) -> Result<String, QueryError> {
    let start = *at;
    let mut out = String::new();
    let mut i = start + 1;
    while i < chars.len() {
        match chars[i] {
            '"' => {
                *at = i + 1;
                return Ok(out);
            }
            '\\' if matches!(chars.get(i + 1), Some('"' | '\\')) => {
                out.push(chars[i + 1]);
                i += 2;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    let opened: String = chars[start..].iter().take(24).collect();
    Err(error(start, format!("{opened} needs a closing quote")))
}

/// A value as the parser reads it back: bare when it can be, else quoted.
fn write_value(f: &mut fmt::Formatter<'_>, value: &str) -> fmt::Result {
    if !value.is_empty() && !value.starts_with('"') && !value.chars().any(char::is_whitespace) {
        f.write_str(value)
    } else {
        write_quoted(f, value)
    }
}

fn write_quoted(f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
    f.write_str("\"")?;
    for c in text.chars() {
        if c == '"' || c == '\\' {
            f.write_str("\\")?;
        }
        write!(f, "{c}")?;
    }
    f.write_str("\"")
}

impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.negated {
            f.write_str("-")?;
        }
        let (key, value) = match &self.kind {
            // A bare word is what parsing made of a token: it reads back alike.
            Kind::Word(w) => return f.write_str(w),
            Kind::Phrase(p) => return write_quoted(f, p),
            Kind::Is(flag) => return write!(f, "is:{}", flag.name()),
            Kind::Before(d) => return write!(f, "before:{d}"),
            Kind::After(d) => return write!(f, "after:{d}"),
            Kind::Tag(v) => ("tag", v),
            Kind::Lang(v) => ("lang", v),
            Kind::Section(v) => ("section", v),
            Kind::Site(v) => ("site", v),
        };
        write!(f, "{key}:")?;
        write_value(f, value)
    }
}

impl fmt::Display for Search {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, t) in self.terms.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            write!(f, "{t}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(bool, Kind)> {
        Search::parse(text)
            .unwrap()
            .terms
            .into_iter()
            .map(|t| (t.negated, t.kind))
            .collect()
    }

    fn day(y: i32, m: u8, d: u8, parts: u8) -> Day {
        Day {
            date: Date::new(y, m, d).unwrap(),
            parts,
        }
    }

    #[test]
    fn every_form_parses_to_its_term() {
        let w = |s: &str| Kind::Word(s.into());
        assert_eq!(
            kinds("TikTok \"exact  phrase\" -oracle tag:\"Foreign Policy\" LANG:de language:EN section:docs/x"),
            [
                (false, w("TikTok")),
                (false, Kind::Phrase("exact  phrase".into())),
                (true, w("oracle")),
                (false, Kind::Tag("Foreign Policy".into())),
                (false, Kind::Lang("de".into())),
                (false, Kind::Lang("EN".into())),
                (false, Kind::Section("docs/x".into())),
            ]
        );
        assert_eq!(
            kinds("site:theintercept.com is:unread -is:Starred is:read before:2021-01-01 after:2020-08 after:2019"),
            [
                (false, Kind::Site("theintercept.com".into())),
                (false, Kind::Is(Flag::Unread)),
                (true, Kind::Is(Flag::Starred)),
                (false, Kind::Is(Flag::Read)),
                (false, Kind::Before(day(2021, 1, 1, 3))),
                (false, Kind::After(day(2020, 8, 1, 2))),
                (false, Kind::After(day(2019, 1, 1, 1))),
            ]
        );
        // Not filters: a URL, a time, a dash inside a word, a quote inside one.
        assert_eq!(
            kinds("https://x.org/a 10:30 nothing-matches don\"t --x \"a\\\"b\\\\\""),
            [
                (false, w("https://x.org/a")),
                (false, w("10:30")),
                (false, w("nothing-matches")),
                (false, w("don\"t")),
                (true, w("-x")),
                (false, Kind::Phrase("a\"b\\".into())),
            ]
        );
        assert!(Search::parse("  ").unwrap().is_empty());
    }

    #[test]
    fn mistakes_say_what_is_wrong_and_where() {
        let cases = [
            ("tiktok \"exact phr", 8, "\"exact phr needs a closing quote"),
            ("a \"\"", 3, "an empty phrase"),
            ("oracle - x", 8, "a lone \"-\""),
            ("tga:Politik", 1, "unknown filter \"tga:\""),
            ("tag:", 1, "\"tag:\" needs a value, e.g. tag:Politik"),
            ("is:new", 4, "\"is:\" takes unread, read or starred, not \"new\""),
            ("before:2021-13-01", 8, "\"before:\" takes a date as YYYY-MM-DD"),
            ("after:21", 7, "\"after:\" takes a date"),
            ("tag:\"Foreign", 5, "\"Foreign needs a closing quote"),
        ];
        for (text, column, want) in cases {
            let e = Search::parse(text).unwrap_err();
            assert!(e.message.starts_with(want), "{text:?}: {e}");
            assert_eq!(e.column, column, "{text:?}: {e}");
        }
    }

    #[test]
    fn printing_is_canonical_and_describing_reads_well() {
        let q = Search::parse("  tag:\"Foreign Policy\"   -\"a b\" language:de after:2020-08 is:unread site:x.org")
            .unwrap();
        assert_eq!(
            q.to_string(),
            "tag:\"Foreign Policy\" -\"a b\" lang:de after:2020-08 is:unread site:x.org"
        );
        assert_eq!(
            q.describe(),
            "tag Foreign Policy · not phrase \"a b\" · language de · from 2020-08 on · unread · citing x.org"
        );
        assert_eq!(Search::parse("a -b \"c d\"").unwrap().wanted_text(), ["a", "c d"]);
    }
}
