//! The reader's first screen without an index: articles from the start of
//! their files.

use std::io::Read;
use std::path::Path;

use super::parse::{file_name_date, is_mdx, path_lang_of_name};
use super::place::PathLang;
use super::{article_from, front_matter, mdx, prose, relative, LoadError, Loaded};
use super::{decode, find, load_entry, resolve, split_body, title_and_lang, Decoded, Entry};
use crate::article::{Article, Stamp};
use crate::load_cache;

/// How many bytes of a file [`load_preview`] reads when the index cannot
/// give its article.
pub const HEAD_BYTES: usize = 4 * 1024;

/// Loads `dir` for the reader's first screen, fast: articles unchanged since
/// the index cache are taken from it; of any other file only the first
/// [`HEAD_BYTES`] are read, enough for what the list shows (title, date,
/// language, tags, summary), and it becomes a preliminary article (see
/// [`Article::is_preliminary`]); a shorter file too, from all of it. A file
/// whose start is not enough (front matter longer than that, say, or not
/// text) is loaded as usual. The index is not written:
/// [`super::load_dir_with`] follows and replaces every preliminary article.
pub fn load_preview(dir: &Path, cache_dir: Option<&Path>) -> Result<Loaded, LoadError> {
    let mut found = find(dir, cache_dir.map(|c| load_cache::file_for(c, dir)))?;
    let work = std::mem::take(&mut found.work);
    let entries = resolve(work, load_cache::now_ns(), |path, stamp, lang| {
        head_entry(dir, path, stamp, lang)
    });
    Ok(found.into_loaded(entries))
}

/// The entry of a file for [`load_preview`]: from its first [`HEAD_BYTES`]
/// if that is enough, else from the whole file.
fn head_entry(root: &Path, path: &Path, stamp: Stamp, lang: &PathLang) -> Entry {
    let mut head = Vec::with_capacity(HEAD_BYTES + 1);
    let read = crate::safe_open::open_regular(path).and_then(|f| f.take(HEAD_BYTES as u64 + 1).read_to_end(&mut head));
    if read.is_err() {
        return load_entry(root, path, Some(stamp), lang);
    }
    let whole = head.len() <= HEAD_BYTES;
    let rel = relative(root, path);
    match parse_head_at(&rel, &head, whole, lang) {
        Some(mut article) => {
            article.source = path.to_path_buf();
            article.stamp = stamp;
            Entry {
                rel,
                stamp,
                article: Some(Box::new(article)),
                document: None,
                diagnostics: Vec::new(),
            }
        }
        None => load_entry(root, path, Some(stamp), lang),
    }
}

/// A preliminary article from the start of a file (`whole`: the file is no
/// longer; see [`load_preview`]): its front matter, and what front matter
/// does not declare found in the blocks complete within the start. `None`
/// when the start is not enough to tell (front matter not closed in it, or
/// not text). Of its path, only the file name's language suffix is looked at.
pub fn parse_head(rel: &Path, head: &[u8], whole: bool) -> Option<Article> {
    parse_head_at(rel, head, whole, &path_lang_of_name(rel))
}

/// [`parse_head`] of a file whose place says `path` of its language.
fn parse_head_at(rel: &Path, head: &[u8], whole: bool, path: &PathLang) -> Option<Article> {
    // A character cut at the end of the start is left out.
    let end = match simdutf8::compat::from_utf8(head) {
        Err(e) if e.error_len().is_none() && !whole => e.valid_up_to(),
        _ => head.len(),
    };
    let Decoded::Text(text, _) = decode(&head[..end]) else {
        return None;
    };
    let (format, split, problem) = split_body(rel, &text);
    if problem.is_some() && !whole {
        return None;
    }
    let mut meta = split
        .front
        .map(|(syntax, raw)| front_matter::read(syntax, raw))
        .unwrap_or_default();
    let (title_line, body) = format.split_title(split.body);
    let (title, lang) = (meta.title.take().or(title_line), meta.lang.take());
    // The last block may go on after the start: only the blocks before it.
    let body = body.trim_matches('\n');
    let complete = match whole {
        true => None,
        false => format.last_break(body),
    }
    .map_or(body, |cut| &body[..cut]);
    let text = if is_mdx(rel) {
        mdx::text_of(complete)
    } else {
        std::borrow::Cow::Borrowed(complete)
    };
    let facts = title.is_none().then(|| format.facts(&text, 0));
    let (title, lang) = title_and_lang(rel, title, lang, path, facts.as_ref(), || {
        prose::sample(&text, format, super::lang::SAMPLE_CHARS)
    });
    meta.date = meta.date.or_else(|| file_name_date(rel));
    Some(Article {
        preliminary: true,
        path_key: path.key,
        ..article_from(rel, format, meta, title, lang)
    })
}
