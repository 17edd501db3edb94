//! The JSON Lines record of `kiosk list --json` (a stable contract).

use serde::Serialize;

use crate::article::{Article, ArticleId, LinkRef};
use crate::library::Library;
use crate::sources::{Domain, Kind};

/// One article as `kiosk list --json` prints it. Field order is the contract's.
#[derive(Debug, Serialize)]
pub struct ArticleRecord<'a> {
    /// Path relative to the folder, without extension.
    pub id: &'a str,
    /// Path relative to the folder.
    pub path: String,
    /// Title.
    pub title: &'a str,
    /// `YYYY-MM-DD` or null.
    pub date: Option<String>,
    /// Language code or null.
    pub lang: Option<&'a str>,
    /// Whether the language was detected.
    pub lang_detected: bool,
    /// Tags.
    pub tags: &'a [String],
    /// Draft flag.
    pub draft: bool,
    /// Summary or null.
    pub summary: Option<&'a str>,
    /// `markdown` or `plain`.
    pub format: &'static str,
    /// Word count.
    pub words: usize,
    /// Numbered links.
    pub links: &'a [LinkRef<'a>],
    /// Ids of translations.
    pub translations: Vec<&'a str>,
    /// Where the language comes from: `front_matter`, `path`, `detected`,
    /// or null when there is none.
    pub lang_source: Option<&'static str>,
    /// The article's folder below the library folder, or null at the top.
    pub section: Option<&'a str>,
    /// Read in the reader, and unchanged since.
    pub read: bool,
    /// Starred in the reader.
    pub starred: bool,
}

impl<'a> ArticleRecord<'a> {
    /// The record of an article, with its links (see
    /// [`crate::Library::with_link_refs`]) and the ids of its translations.
    pub fn new(a: &'a Article, links: &'a [LinkRef<'a>], translations: &'a [ArticleId]) -> Self {
        ArticleRecord {
            id: a.id.as_str(),
            path: a.path.to_string_lossy().replace('\\', "/"),
            title: &a.title,
            date: a.date.map(|d| d.to_string()),
            lang: a.lang_code(),
            lang_detected: a.lang.as_ref().is_some_and(|l| l.detected),
            tags: &a.tags,
            draft: a.draft,
            summary: a.summary.as_deref(),
            format: a.format.name(),
            words: a.words,
            links,
            translations: translations.iter().map(|t| t.as_str()).collect(),
            lang_source: a.lang_source().map(crate::article::LangSource::name),
            section: a.section(),
            read: false,
            starred: false,
        }
    }

    /// The same record with the reader's marks (see [`crate::state::State`]).
    pub fn with_marks(self, read: bool, starred: bool) -> Self {
        ArticleRecord { read, starred, ..self }
    }
}

impl ArticleRecord<'_> {
    /// Appends the record as one line of JSON (with its newline): the bytes
    /// serde_json writes for it, with strings escaped 16 bytes at a time
    /// ([`string`]); a list of 100,000 articles is mostly link strings.
    pub fn write_line(&self, out: &mut Vec<u8>) {
        let optional = |out: &mut Vec<u8>, value: Option<&str>| match value {
            Some(v) => string(out, v),
            None => out.extend_from_slice(b"null"),
        };
        let list = |out: &mut Vec<u8>, items: &mut dyn Iterator<Item = &str>| {
            out.push(b'[');
            for (k, item) in items.enumerate() {
                if k > 0 {
                    out.push(b',');
                }
                string(out, item);
            }
            out.push(b']');
        };
        out.extend_from_slice(b"{\"id\":");
        string(out, self.id);
        out.extend_from_slice(b",\"path\":");
        string(out, &self.path);
        out.extend_from_slice(b",\"title\":");
        string(out, self.title);
        out.extend_from_slice(b",\"date\":");
        optional(out, self.date.as_deref());
        out.extend_from_slice(b",\"lang\":");
        optional(out, self.lang);
        out.extend_from_slice(if self.lang_detected {
            b",\"lang_detected\":true,\"tags\":"
        } else {
            b",\"lang_detected\":false,\"tags\":"
        });
        list(out, &mut self.tags.iter().map(String::as_str));
        out.extend_from_slice(if self.draft {
            b",\"draft\":true,\"summary\":"
        } else {
            b",\"draft\":false,\"summary\":"
        });
        optional(out, self.summary);
        out.extend_from_slice(b",\"format\":");
        string(out, self.format);
        out.extend_from_slice(b",\"words\":");
        number(out, self.words);
        out.extend_from_slice(b",\"links\":[");
        for (k, link) in self.links.iter().enumerate() {
            if k > 0 {
                out.push(b',');
            }
            out.extend_from_slice(b"{\"n\":");
            number(out, link.n);
            out.extend_from_slice(b",\"text\":");
            string(out, link.text);
            out.extend_from_slice(b",\"url\":");
            string(out, link.url);
            out.extend_from_slice(b",\"title\":");
            optional(out, link.title);
            out.push(b'}');
        }
        out.extend_from_slice(b"],\"translations\":");
        list(out, &mut self.translations.iter().copied());
        out.extend_from_slice(b",\"lang_source\":");
        optional(out, self.lang_source);
        out.extend_from_slice(b",\"section\":");
        optional(out, self.section);
        out.extend_from_slice(if self.read {
            b",\"read\":true"
        } else {
            b",\"read\":false"
        });
        out.extend_from_slice(if self.starred {
            b",\"starred\":true}\n"
        } else {
            b",\"starred\":false}\n"
        });
    }
}

/// Appends `s` as a JSON string, escaped as serde_json escapes it: `"`, `\\`
/// and control characters (`\n`, `\t`, ... or `\u00XX`); and, as the output
/// boundary of `list --json`, every other character
/// [`is_forbidden`](crate::sanitize::is_forbidden) names (DEL, C1 controls,
/// bidi and zero-width format characters) as `\uXXXX`: the value is the same
/// to a JSON reader, and no raw escape or bidi character reaches a terminal
/// that shows the output. Runs without any of these are found 16 bytes at a
/// time (a short string or the end of one, padded with spaces, in one step
/// too); only the lead bytes that may begin such a character are looked at
/// closely.
pub fn string(out: &mut Vec<u8>, s: &str) {
    use wide::u8x16;
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut done = 0;
    let mut at = 0;
    while at < bytes.len() {
        let len = (bytes.len() - at).min(16);
        let mut lanes = [b' '; 16];
        lanes[..len].copy_from_slice(&bytes[at..at + len]);
        let x = u8x16::new(lanes);
        let within = |lo: u8, span: u8| {
            let t = x - u8x16::splat(lo);
            t.min(u8x16::splat(span)).simd_eq(t)
        };
        let special = x.min(u8x16::splat(0x1F)).simd_eq(x)
            | x.simd_eq(u8x16::splat(b'"'))
            | x.simd_eq(u8x16::splat(b'\\'))
            | x.simd_eq(u8x16::splat(0x7F))
            | x.simd_eq(u8x16::splat(0xC2))
            | within(0xD8, 0x0B)
            | x.simd_eq(u8x16::splat(0xEF))
            | within(0xF0, 0x03);
        let mask = special.to_bitmask();
        if mask == 0 {
            at += len;
            continue;
        }
        // Padding is never special: the byte is in the string.
        at += mask.trailing_zeros() as usize;
        let b = bytes[at];
        if b.is_ascii() {
            out.extend_from_slice(&bytes[done..at]);
            escape(out, b);
            at += 1;
            done = at;
            continue;
        }
        let c = s[at..].chars().next().unwrap_or(' ');
        if crate::sanitize::is_forbidden(c) {
            out.extend_from_slice(&bytes[done..at]);
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                unicode_escape(out, *unit);
            }
            at += c.len_utf8();
            done = at;
        } else {
            at += c.len_utf8();
        }
    }
    out.extend_from_slice(&bytes[done..]);
    out.push(b'"');
}

/// JSON text with every character [`is_forbidden`](crate::sanitize::is_forbidden)
/// names written as `\\uXXXX` (the text's meaning is the same): the output
/// boundary for JSON that serde_json wrote.
pub fn escape_forbidden(json: &str) -> std::borrow::Cow<'_, str> {
    if !json.chars().any(crate::sanitize::is_forbidden) {
        return std::borrow::Cow::Borrowed(json);
    }
    let mut out = Vec::with_capacity(json.len() + 16);
    let mut buf = [0u8; 4];
    for c in json.chars() {
        if crate::sanitize::is_forbidden(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                unicode_escape(&mut out, *unit);
            }
        } else {
            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        }
    }
    std::borrow::Cow::Owned(String::from_utf8(out).unwrap_or_default())
}

/// Appends `\uXXXX` for one UTF-16 code unit.
fn unicode_escape(out: &mut Vec<u8>, unit: u16) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.extend_from_slice(b"\\u");
    for shift in [12, 8, 4, 0] {
        out.push(HEX[usize::from((unit >> shift) & 15)]);
    }
}

/// Appends `n` in decimal.
fn number(out: &mut Vec<u8>, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

/// The escape of one byte that needs it.
fn escape(out: &mut Vec<u8>, b: u8) {
    match b {
        b'"' => out.extend_from_slice(b"\\\""),
        b'\\' => out.extend_from_slice(b"\\\\"),
        b'\n' => out.extend_from_slice(b"\\n"),
        b'\r' => out.extend_from_slice(b"\\r"),
        b'\t' => out.extend_from_slice(b"\\t"),
        0x08 => out.extend_from_slice(b"\\b"),
        0x0C => out.extend_from_slice(b"\\f"),
        _ => unicode_escape(out, u16::from(b)),
    }
}

/// One domain as `kiosk sources --json` prints it.
#[derive(Debug, Serialize)]
pub struct DomainRecord<'a> {
    /// The domain (`www.` dropped), or the group's name (`this folder`,
    /// `mail`, `not web`).
    pub domain: &'a str,
    /// `web`, `this-folder`, `mail` or `not-web`.
    pub kind: &'static str,
    /// Number of links to it (one per URL per citing article).
    pub links: usize,
    /// Number of distinct articles citing it.
    pub articles: usize,
    /// The URLs.
    pub urls: Vec<UrlRecord<'a>>,
}

/// One URL of a [`DomainRecord`].
#[derive(Debug, Serialize)]
pub struct UrlRecord<'a> {
    /// The URL.
    pub url: &'a str,
    /// Link texts it is cited with.
    pub texts: &'a [String],
    /// Link titles it carries.
    pub titles: &'a [String],
    /// Ids of the citing articles.
    pub articles: Vec<&'a str>,
    /// For a link to an article of the folder, its id.
    pub target: Option<&'a str>,
}

impl<'a> DomainRecord<'a> {
    /// The record of a domain.
    pub fn new(library: &'a Library, d: &'a Domain) -> Self {
        DomainRecord {
            domain: &d.name,
            kind: match d.kind {
                Kind::Web => "web",
                Kind::ThisFolder => "this-folder",
                Kind::Mail => "mail",
                Kind::NotWeb => "not-web",
            },
            links: d.links,
            articles: d.articles.len(),
            urls: d
                .urls
                .iter()
                .map(|u| UrlRecord {
                    url: &u.url,
                    texts: &u.texts,
                    titles: &u.titles,
                    articles: u
                        .citations
                        .iter()
                        .map(|c| library.articles()[c.article].id.as_str())
                        .collect(),
                    target: u.target.map(|i| library.articles()[i].id.as_str()),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Strings are escaped byte for byte as serde_json escapes them, and
        /// the characters the sanitiser forbids as `\uXXXX` besides: what a
        /// JSON reader gets back is the string itself.
        #[test]
        fn strings_are_escaped_as_serde_json_escapes_them(
            chars in proptest::collection::vec(proptest::prop_oneof![
                proptest::char::any(),
                proptest::char::range('\u{0}', '\u{20}'),
                proptest::char::range('\u{80}', '\u{a0}'),
                proptest::char::range('\u{2000}', '\u{2070}'),
                proptest::strategy::Just('"'), proptest::strategy::Just('\\'), proptest::strategy::Just('a'),
                proptest::strategy::Just('\u{7f}'), proptest::strategy::Just('ü'), proptest::strategy::Just('\u{feff}'),
                proptest::strategy::Just('\u{e0041}'), proptest::strategy::Just('“'),
            ], 0..80),
        ) {
            let text: String = chars.into_iter().collect();
            let mut out = Vec::new();
            string(&mut out, &text);
            let mut want = String::new();
            for c in serde_json::to_string(&text).unwrap().chars() {
                if crate::sanitize::is_forbidden(c) {
                    let mut units = [0u16; 2];
                    for unit in c.encode_utf16(&mut units) {
                        want.push_str(&format!("\\u{unit:04x}"));
                    }
                } else {
                    want.push(c);
                }
            }
            let got = String::from_utf8(out).unwrap();
            proptest::prop_assert_eq!(&got, &want);
            proptest::prop_assert_eq!(serde_json::from_str::<String>(&got).unwrap(), text);
            proptest::prop_assert!(!got.chars().any(crate::sanitize::is_forbidden));
        }

        /// Numbers are written as `to_string` writes them.
        #[test]
        fn numbers_are_decimal(n in proptest::prop_oneof![0usize..20, proptest::num::usize::ANY]) {
            let mut out = Vec::new();
            number(&mut out, n);
            proptest::prop_assert_eq!(String::from_utf8(out).unwrap(), n.to_string());
        }
    }
}
