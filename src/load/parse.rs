//! Turning a file's bytes into an article: decoding, front matter, the
//! facts of the body, title and language. Pure: no I/O, so it is fuzzed and
//! tested directly.

use std::borrow::Cow;
use std::path::Path;

use super::{front_matter, lang, plain};
use crate::article::{Article, ArticleId, Diagnostic, DiagnosticKind, Format, Lang, Level, Stamp};
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
pub(super) fn split_body<'t>(rel: &Path, text: &'t str) -> (Format, front_matter::Split<'t>, Option<String>) {
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

/// The title and language of an article: as declared (front matter, or the
/// title line of plain text), else found in the facts of its body, else the
/// file name and no language.
pub(super) fn title_and_lang(
    rel: &Path,
    title: Option<String>,
    lang: Option<String>,
    facts: Option<&crate::document::Facts>,
) -> (String, Option<Lang>) {
    let title = title
        .or_else(|| {
            facts?
                .heading
                .as_ref()
                .map(|h| plain::shorten(h, plain::MAX_TITLE_CHARS))
        })
        .or_else(|| facts?.first_paragraph.as_ref().and_then(|p| plain::title_from_text(p)))
        .unwrap_or_else(|| {
            let stem = rel.file_stem().map(|s| s.to_string_lossy()).unwrap_or_default();
            sanitize_line(&stem).into_owned()
        });
    let lang = match lang {
        Some(code) => Some(Lang { code, detected: false }),
        None => facts
            .and_then(|f| lang::detect(&f.sample))
            .map(|code| Lang { code, detected: true }),
    };
    (title, lang)
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
        format,
        source: rel.to_path_buf(),
        stamp: Stamp::default(),
        body: std::sync::OnceLock::new(),
        source_hashes: Vec::new(),
        links: crate::article::Links::default(),
        words: 0,
        hash: 0,
        preliminary: false,
    }
}

/// Turns a file's bytes into an article. Pure: no I/O, so it is fuzzed and
/// tested directly.
pub fn parse_article(rel: &Path, bytes: &[u8]) -> (Option<Article>, Vec<Diagnostic>) {
    let (article, diagnostics, _) = parse_article_keeping(rel, bytes, true);
    (article, diagnostics)
}

/// [`parse_article`], also giving back the document of a body of at least
/// [`super::KEEP_PARSED_BYTES`] (it is kept for showing); the
/// article holds its body only if `with_body`.
pub(super) fn parse_article_keeping(
    rel: &Path,
    bytes: &[u8],
    with_body: bool,
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
    let (format, split, split_problem) = split_body(rel, &text);
    let (front, body) = (split.front, split.body);
    if let Some(message) = split_problem {
        problem(Level::Error, message);
    }
    let mut meta = front
        .map(|(syntax, raw)| front_matter::read(syntax, raw))
        .unwrap_or_default();
    for (level, message) in meta.problems.drain(..) {
        problem(level, message);
    }

    let (title_line, body) = format.split_title(body);
    let body = body.trim_matches('\n');
    // A long body is parsed whole and kept for showing; any other body only
    // gives its facts (the same, without building its blocks).
    let keep = body.len() >= super::KEEP_PARSED_BYTES;
    let document = keep.then(|| std::sync::Arc::new(format.parse(body)));
    // A language sample only when the front matter does not declare one.
    let sample = if meta.lang.is_some() { 0 } else { lang::SAMPLE_CHARS };
    let facts = match &document {
        Some(doc) => Facts::of(doc, sample),
        None => format.facts(body, sample),
    };
    let (title, lang) = title_and_lang(rel, meta.title.take().or(title_line), meta.lang.take(), Some(&facts));
    let article = Article {
        body: if with_body {
            std::sync::OnceLock::from(body.to_string())
        } else {
            std::sync::OnceLock::new()
        },
        source_hashes: crate::article::source_hashes(&facts.links),
        links: crate::article::Links::held(&facts.links),
        words: facts.words,
        hash: crate::hash::content_hash(bytes),
        ..article_from(rel, format, meta, title, lang)
    };
    (Some(article), diagnostics, document)
}
