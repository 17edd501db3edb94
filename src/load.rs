//! Loading an article folder: walking, reading, and turning files into articles.
//!
//! Every problem becomes a [`Diagnostic`]; one bad file never stops the others.

pub mod front_matter;
pub mod lang;
pub mod plain;

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::article::{Article, ArticleId, Diagnostic, Format, Lang, Level};
use crate::document::{parse_markdown, parse_plain};
use crate::sanitize::{sanitize, sanitize_line};

/// Files larger than this are truncated (with a diagnostic).
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// File extensions read as articles.
pub const EXTENSIONS: [&str; 3] = ["md", "markdown", "txt"];

/// Why a folder could not be loaded at all.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The folder does not exist.
    #[error("no such folder: {0}")]
    Missing(PathBuf),
    /// The path exists but is not a folder.
    #[error("not a folder: {0}")]
    NotAFolder(PathBuf),
}

/// What loading a folder yields: the articles (unsorted) and the problems.
pub struct Loaded {
    /// Every article that could be read.
    pub articles: Vec<Article>,
    /// Every problem, sorted by path.
    pub diagnostics: Vec<Diagnostic>,
}

/// Loads every article below `dir`, in parallel.
pub fn load_dir(dir: &Path) -> Result<Loaded, LoadError> {
    let meta = std::fs::metadata(dir).map_err(|_| LoadError::Missing(dir.to_path_buf()))?;
    if !meta.is_dir() {
        return Err(LoadError::NotAFolder(dir.to_path_buf()));
    }
    let (files, mut diagnostics) = walk(dir);
    let results: Vec<(Option<Article>, Vec<Diagnostic>)> = files.par_iter().map(|path| load_file(dir, path)).collect();
    let mut articles = Vec::with_capacity(results.len());
    for (article, mut diags) in results {
        articles.extend(article);
        diagnostics.append(&mut diags);
    }
    diagnostics.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Loaded { articles, diagnostics })
}

fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

fn has_article_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// Lists the article files below `root`. Symlinks are followed; walkdir
/// detects cycles, which become diagnostics. Hidden entries are skipped.
fn walk(root: &Path) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut diagnostics = Vec::new();
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        match entry {
            Ok(entry) => {
                let path = entry.path();
                if entry.file_type().is_dir() || !has_article_extension(path) {
                    continue;
                }
                if entry.file_type().is_file() {
                    files.push(path.to_path_buf());
                } else {
                    diagnostics.push(Diagnostic {
                        path: relative(root, path),
                        level: Level::Warning,
                        message: "not a regular file (FIFO, socket or device); skipped".to_string(),
                    });
                }
            }
            Err(err) => {
                let path = err.path().map(|p| relative(root, p)).unwrap_or_default();
                let message = if err.loop_ancestor().is_some() {
                    "symbolic link loop; not followed".to_string()
                } else {
                    format!("cannot read: {}", io_message(err.io_error()))
                };
                diagnostics.push(Diagnostic {
                    path,
                    level: Level::Warning,
                    message,
                });
            }
        }
    }
    (files, diagnostics)
}

fn io_message(err: Option<&std::io::Error>) -> String {
    err.map_or_else(
        || "unknown error".to_string(),
        |e| sanitize_line(&e.to_string()).into_owned(),
    )
}

/// Reads one file (at most [`MAX_FILE_BYTES`]) and parses it.
pub fn load_file(root: &Path, path: &Path) -> (Option<Article>, Vec<Diagnostic>) {
    let rel = relative(root, path);
    let mut diagnostics = Vec::new();
    let mut bytes = Vec::new();
    // One read for the whole file: size the buffer from the metadata.
    let read = File::open(path).and_then(|f| {
        let size = f.metadata().map_or(0, |m| m.len()).min(MAX_FILE_BYTES + 1);
        bytes.reserve_exact(size as usize + 1);
        f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)
    });
    if let Err(err) = read {
        diagnostics.push(Diagnostic {
            path: rel,
            level: Level::Error,
            message: format!("cannot read: {}", io_message(Some(&err))),
        });
        return (None, diagnostics);
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        bytes.truncate(MAX_FILE_BYTES as usize);
        diagnostics.push(Diagnostic {
            path: rel.clone(),
            level: Level::Warning,
            message: format!("larger than {} MiB; truncated", MAX_FILE_BYTES / (1024 * 1024)),
        });
    }
    let (article, mut more) = parse_article(&rel, &bytes);
    diagnostics.append(&mut more);
    (article, diagnostics)
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

/// Turns a file's bytes into an article. Pure: no I/O, so it is fuzzed and
/// tested directly.
pub fn parse_article(rel: &Path, bytes: &[u8]) -> (Option<Article>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut problem = |level: Level, message: String| {
        diagnostics.push(Diagnostic {
            path: rel.to_path_buf(),
            level,
            message,
        })
    };
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        problem(Level::Warning, "binary file (contains NUL bytes); skipped".to_string());
        return (None, diagnostics);
    }
    let text = String::from_utf8_lossy(bytes);
    if matches!(text, std::borrow::Cow::Owned(_)) {
        problem(
            Level::Warning,
            "not valid UTF-8; undecodable bytes replaced with �".to_string(),
        );
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let text = sanitize(text);
    if text.trim().is_empty() {
        problem(Level::Warning, "empty file; skipped".to_string());
        return (None, diagnostics);
    }

    let (split, split_problem) = front_matter::split(&text);
    if let Some(message) = split_problem {
        problem(Level::Error, message);
    }
    let extension = rel
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let markdown_ext = extension == "md" || extension == "markdown";
    let meta = split.front.map(|(syntax, raw)| front_matter::read(syntax, raw));
    let format = if meta.is_some() || markdown_ext {
        Format::Markdown
    } else {
        Format::Plain
    };
    let mut meta = meta.unwrap_or_default();
    for (level, message) in meta.problems.drain(..) {
        problem(level, message);
    }

    let (title_line, body) = match (format, &meta.title) {
        (Format::Plain, None) => match plain::split_title(split.body) {
            Some((title, rest)) => (Some(title), rest),
            None => (None, split.body),
        },
        _ => (None, split.body),
    };
    let body = body.trim_matches('\n').to_string();
    let document = match format {
        Format::Markdown => parse_markdown(&body),
        Format::Plain => parse_plain(&body),
    };
    let title = meta
        .title
        .take()
        .or(title_line)
        .or_else(|| {
            document
                .headings()
                .into_iter()
                .find(|h| h.level <= 2)
                .map(|h| plain::shorten(&h.text, plain::MAX_TITLE_CHARS))
        })
        .or_else(|| document.first_paragraph().and_then(|p| plain::title_from_text(&p)))
        .unwrap_or_else(|| {
            let stem = rel.file_stem().map(|s| s.to_string_lossy()).unwrap_or_default();
            sanitize_line(&stem).into_owned()
        });
    let lang = match meta.lang.take() {
        Some(code) => Some(Lang { code, detected: false }),
        None => lang::detect(&document.text_sample(lang::SAMPLE_CHARS)).map(|code| Lang { code, detected: true }),
    };
    let words = document.word_count();
    let mut searchable = format!(
        "{title}\n{}\n{}\n",
        meta.summary.as_deref().unwrap_or(""),
        meta.tags.join("\n")
    );
    searchable.push_str(&document.plain_text());
    let folded = crate::library::fold(&searchable);
    drop(searchable);
    let article = Article {
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
        body,
        links: document.links,
        words,
        translations: Vec::new(),
        hash: crate::state::content_hash(bytes),
        folded,
    };
    (Some(article), diagnostics)
}
