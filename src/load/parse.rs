//! Turning a file's bytes into an article: decoding, front matter, the
//! facts of the body, title and language. Pure: no I/O, so it is fuzzed and
//! tested directly.

use std::borrow::Cow;
use std::path::Path;

use super::place::{PathLang, Place};
use super::{front_matter, lang, mdx, plain, prose};
use crate::article::{Article, ArticleId, Date, Diagnostic, DiagnosticKind, Format, Lang, LangSource, Level, Stamp};
use crate::document::Facts;
use crate::sanitize::{sanitize, sanitize_line};

/// A file's bytes as text.
pub(super) enum Decoded<'a> {
    /// Sanitised text without BOM (borrowed from the bytes when they were
    /// valid and clean); true when invalid UTF-8 was replaced.
    Text(Cow<'a, str>, bool),
    /// NUL bytes near the start: not an article.
    Binary,
    /// Nothing but white space.
    Empty,
}

pub(super) fn decode(bytes: &[u8]) -> Decoded<'_> {
    let head = &bytes[..bytes.len().min(8192)];
    if memchr::memchr(0, head).is_some() {
        return Decoded::Binary;
    }
    // A SIMD strict check first; the lossy decoder only for bad bytes.
    let (text, lossy) = match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => {
            let text = text.strip_prefix('\u{feff}').unwrap_or(text);
            (sanitize(text), false)
        }
        Err(_) => {
            let text = String::from_utf8_lossy(bytes);
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
            (Cow::Owned(sanitize(text).into_owned()), true)
        }
    };
    if text.trim().is_empty() {
        return Decoded::Empty;
    }
    Decoded::Text(text, lossy)
}

/// Splits sanitised text into its format and its front matter and body
/// (with the problem of an unclosed block).
pub(super) fn split_body<'t>(rel: &Path, text: &'t str) -> (Format, front_matter::Split<'t>, Option<(Level, String)>) {
    let (split, split_problem) = front_matter::split(text);
    (Format::of(rel, split.front.is_some()), split, split_problem)
}

/// The id of a relative path: `/`-separated, without extension.
pub fn article_id(rel: &Path) -> ArticleId {
    let no_ext = rel.with_extension("");
    let parts: Vec<String> = no_ext
        .components()
        .map(|c| sanitize_line(&c.as_os_str().to_string_lossy()).into_owned())
        .collect();
    ArticleId(parts.join("/"))
}

/// True for a file whose text is MDX.
pub(super) fn is_mdx(rel: &Path) -> bool {
    rel.extension().is_some_and(|e| e.eq_ignore_ascii_case("mdx"))
}

/// The title and language of an article. The title: as declared (front
/// matter, or the title line of plain text); for a section or bundle page
/// (`_index.md`, `index.md`) its folder's name; else the first heading, else
/// the first sentence, as plain text; else the file name. The language: as
/// declared, else as its path says (`path`), else detected from the prose
/// `sample` gives (made only then).
pub(super) fn title_and_lang(
    rel: &Path,
    title: Option<String>,
    declared: Option<String>,
    path: &PathLang,
    facts: Option<&crate::document::Facts>,
    sample: impl FnOnce() -> String,
) -> (String, Option<Lang>) {
    let title = title
        .or_else(|| folder_title(rel))
        .or_else(|| {
            facts?
                .heading
                .as_deref()
                .map(plain_title)
                .filter(|h| !h.is_empty())
                .map(|h| plain::shorten(&h, plain::MAX_TITLE_CHARS))
        })
        .or_else(|| {
            facts?
                .first_paragraph
                .as_deref()
                .and_then(|p| plain::title_from_text(&plain_title(p)))
        })
        .unwrap_or_else(|| {
            let stem = rel.file_stem().map(|s| s.to_string_lossy()).unwrap_or_default();
            let stem = date_prefix(&stem).map_or(&*stem, |(_, rest)| rest);
            sanitize_line(stem).into_owned()
        });
    let lang = match (declared, &path.code) {
        (Some(code), _) => Some(Lang {
            code,
            detected: false,
            source: LangSource::FrontMatter,
        }),
        (None, Some(code)) => Some(Lang {
            code: code.to_string(),
            detected: false,
            source: LangSource::Path,
        }),
        (None, None) => lang::detect(&sample()).map(|code| Lang {
            code,
            detected: true,
            source: LangSource::Detected,
        }),
    };
    (title, lang)
}

/// The title of a section or bundle page without one (`docs/getting-started/index.md`
/// → `Getting started`): its folder's name, with `-` and `_` as spaces and a
/// capital first letter.
fn folder_title(rel: &Path) -> Option<String> {
    let stem = rel.file_stem()?.to_str()?;
    let page = stem.split('.').next()?;
    if page != "index" && page != "_index" {
        return None;
    }
    let folder = rel.parent()?.file_name()?.to_string_lossy();
    let words = folder.replace(['-', '_'], " ");
    let words = words.trim();
    let mut chars = words.chars();
    let first = chars.next()?;
    Some(sanitize_line(&format!("{}{}", first.to_uppercase(), chars.as_str())).into_owned())
}

/// A heading or sentence as a title: without an alert marker (`[!NOTE]`),
/// an attribute list (`{#id .class}`), shortcodes, Liquid or HTML tags.
pub(super) fn plain_title(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text.trim();
    if rest.starts_with("[!") {
        if let Some(end) = rest.find(']') {
            rest = rest[end + 1..].trim_start();
        }
    }
    while !rest.is_empty() {
        let skip = if rest.starts_with("{{") || rest.starts_with("{%") {
            let close = if rest.starts_with("{%") { "%}" } else { "}}" };
            rest[2..].find(close).map(|e| e + 2 + close.len())
        } else if rest.starts_with("{#") || rest.starts_with("{.") || rest.starts_with("{:") {
            rest.find('}').map(|e| e + 1)
        } else if rest.starts_with('<') && rest[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/') {
            rest.find('>').map(|e| e + 1)
        } else {
            None
        };
        match skip {
            Some(n) => rest = &rest[n..],
            None => {
                let c = rest.chars().next().unwrap_or(' ');
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A Jekyll post's date and the rest of its name (`2016-01-28-title`).
pub(super) fn date_prefix(stem: &str) -> Option<(Date, &str)> {
    let head = stem.get(..11)?;
    if !head.ends_with('-') {
        return None;
    }
    let date = Date::parse(&head[..10])?;
    Some((date, &stem[11..]))
}

/// The date a file's name gives (Jekyll's `YYYY-MM-DD-title.md`).
pub(super) fn file_name_date(rel: &Path) -> Option<Date> {
    date_prefix(&rel.file_stem()?.to_string_lossy()).map(|(date, _)| date)
}

/// The number of Chinese, Japanese and Korean characters (and their
/// punctuation) in `text`: the characters whose UTF-8 lead byte is E3 to
/// ED, U+3000 to U+DFFF.
pub(super) fn cjk_chars(text: &str) -> usize {
    text.bytes().filter(|b| (0xE3..=0xED).contains(b)).count()
}

/// What the path of a file says of its language when nothing else is
/// known of its place: its `name.LANG.md` suffix.
pub(super) fn path_lang_of_name(rel: &Path) -> PathLang {
    Place::default().file(&rel.file_name().map(|n| n.to_string_lossy()).unwrap_or_default())
}

/// An article of the file `rel` with what its front matter says, and nothing
/// yet of its body (no text, links, word count or hash).
pub(super) fn article_from(
    rel: &Path,
    format: Format,
    meta: front_matter::Meta,
    title: String,
    lang: Option<Lang>,
) -> Article {
    Article {
        id: article_id(rel),
        path: rel.to_path_buf(),
        title,
        date: meta.date,
        lang,
        tags: meta.tags,
        draft: meta.draft,
        summary: meta.summary,
        cover: meta.cover,
        translation_key: meta.translation_key,
        extra: meta.extra,
        cjk_chars: 0,
        path_key: crate::load::PathKey::default(),
        format,
        source: rel.to_path_buf(),
        stamp: Stamp::default(),
        body: std::sync::OnceLock::new(),
        source_hashes: Vec::new(),
        links: crate::article::Links::default(),
        words: 0,
        hash: 0,
        marks_cut: 0,
        preliminary: false,
    }
}

/// Turns a file's bytes into an article. Pure: no I/O, so it is fuzzed and
/// tested directly. Of its path, only the file name's language suffix is
/// looked at (loading a folder also knows its language folders and site
/// config).
pub fn parse_article(rel: &Path, bytes: &[u8]) -> (Option<Article>, Vec<Diagnostic>) {
    let (article, diagnostics, _) = parse_article_keeping(rel, bytes, true, &path_lang_of_name(rel));
    (article, diagnostics)
}

/// [`parse_article`], also giving back the document of a body of at least
/// [`super::KEEP_PARSED_BYTES`] (it is kept for showing); the
/// article holds its body only if `with_body`; `path` is what the file's
/// place says of its language.
pub(super) fn parse_article_keeping(
    rel: &Path,
    bytes: &[u8],
    with_body: bool,
    path: &PathLang,
) -> (
    Option<Article>,
    Vec<Diagnostic>,
    Option<std::sync::Arc<crate::Document>>,
) {
    let mut diagnostics = Vec::new();
    let mut problem = |level: Level, message: String| {
        diagnostics.push(Diagnostic {
            path: rel.to_path_buf(),
            level,
            kind: DiagnosticKind::File,
            message,
        })
    };
    let text = match decode(bytes) {
        Decoded::Text(text, lossy) => {
            if lossy {
                problem(
                    Level::Warning,
                    "not valid UTF-8; undecodable bytes replaced with �".to_string(),
                );
            }
            text
        }
        Decoded::Binary => {
            problem(Level::Warning, "binary file (contains NUL bytes); skipped".to_string());
            return (None, diagnostics, None);
        }
        Decoded::Empty => {
            problem(Level::Warning, "empty file; skipped".to_string());
            return (None, diagnostics, None);
        }
    };
    // Only text the sanitiser changed can have lost marks.
    let marks_cut = match &text {
        Cow::Owned(_) => crate::sanitize::dropped_marks(&String::from_utf8_lossy(bytes)),
        Cow::Borrowed(_) => 0,
    };
    if marks_cut > 0 {
        problem(Level::Warning, crate::article::marks_note(marks_cut));
    }
    let (format, split, split_problem) = split_body(rel, &text);
    let (front, body) = (split.front, split.body);
    if let Some((level, message)) = split_problem {
        problem(level, message);
    }
    let mut meta = front
        .map(|(syntax, raw)| front_matter::read(syntax, raw))
        .unwrap_or_default();
    for (level, message) in meta.problems.drain(..) {
        problem(level, message);
    }

    let (title_line, body) = format.split_title(body);
    let body = body.trim_matches('\n');
    // MDX statements and component tags are not words.
    let text = if is_mdx(rel) {
        mdx::text_of(body)
    } else {
        Cow::Borrowed(body)
    };
    // A long body is parsed whole and kept for showing; any other body only
    // gives its facts (the same, without building its blocks).
    let keep = body.len() >= super::KEEP_PARSED_BYTES && !is_mdx(rel);
    let document = keep.then(|| std::sync::Arc::new(format.parse(body)));
    let facts = match &document {
        Some(doc) => Facts::of(doc, 0),
        None => format.facts(&text, 0),
    };
    let (title, lang) = title_and_lang(
        rel,
        meta.title.take().or(title_line),
        meta.lang.take(),
        path,
        Some(&facts),
        || prose::sample(&text, format, lang::SAMPLE_CHARS),
    );
    meta.date = meta.date.or_else(|| file_name_date(rel));
    let article = Article {
        body: if with_body {
            std::sync::OnceLock::from(body.to_string())
        } else {
            std::sync::OnceLock::new()
        },
        source_hashes: crate::article::source_hashes(&facts.links),
        links: crate::article::Links::held(&facts.links),
        words: facts.words,
        cjk_chars: cjk_chars(&text),
        path_key: path.key,
        hash: crate::hash::content_hash(bytes),
        marks_cut,
        ..article_from(rel, format, meta, title, lang)
    };
    (Some(article), diagnostics, document)
}
