//! Plain data: the article model every other part of kiosk reads.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

mod links;
pub(crate) mod path_bytes;

pub use links::LinkRef;
pub(crate) use links::{Links, StoredLinks};

/// Identifies an article: its path relative to the library folder, with `/`
/// separators and without the file extension (`sub/name`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ArticleId(pub String);

impl fmt::Display for ArticleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl ArticleId {
    /// The id as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A calendar day. Front matter may carry a time as well; kiosk keeps the day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    /// Year, e.g. 2020.
    pub year: i32,
    /// Month, 1 to 12.
    pub month: u8,
    /// Day of the month, 1 to 31.
    pub day: u8,
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Date {
    /// Builds a date if it exists in the Gregorian calendar.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days).contains(&day).then_some(Date { year, month, day })
    }

    /// Parses the date forms found in front matter: `2020-08-24`, an RFC 3339
    /// or `YYYY-MM-DD HH:MM` datetime (the day is kept), `2020/08/24` and `24.08.2020`.
    ///
    /// ```
    /// use kiosk::Date;
    /// assert_eq!(Date::parse("2020-08-24T10:00:00+02:00"), Date::new(2020, 8, 24));
    /// assert_eq!(Date::parse("24.08.2020").unwrap().to_string(), "2020-08-24");
    /// assert_eq!(Date::parse("2021-02-30"), None);
    /// ```
    pub fn parse(text: &str) -> Option<Date> {
        let text = text.trim();
        let num = |s: &str| -> Option<u32> {
            (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        // ISO forms: the date part ends at 'T', ' ' or the end.
        let head = text.split(['T', 't', ' ']).next().unwrap_or("");
        for sep in ['-', '/'] {
            let parts: Vec<&str> = head.split(sep).collect();
            if parts.len() == 3 && parts[0].len() == 4 {
                let (y, m, d) = (num(parts[0])?, num(parts[1])?, num(parts[2])?);
                return Date::new(y as i32, u8::try_from(m).ok()?, u8::try_from(d).ok()?);
            }
        }
        let parts: Vec<&str> = head.split('.').collect();
        if parts.len() == 3 && parts[2].len() == 4 {
            let (d, m, y) = (num(parts[0])?, num(parts[1])?, num(parts[2])?);
            return Date::new(y as i32, u8::try_from(m).ok()?, u8::try_from(d).ok()?);
        }
        None
    }
}

/// How an article's body is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Format {
    /// Markdown (front matter present, or a `.md`/`.markdown` file).
    Markdown,
    /// Plain text: one line is one paragraph.
    Plain,
}

impl Format {
    /// The name used on the command line and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Format::Markdown => "markdown",
            Format::Plain => "plain",
        }
    }
}

/// A cited source: a numbered link of the article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    /// The link's number, 1-based, in reading order. Repeated URLs share one.
    pub n: usize,
    /// The link text as the reader sees it (first occurrence).
    pub text: String,
    /// The target URL, as written.
    pub url: String,
    /// The optional title (`[text](url "title")`).
    pub title: Option<String>,
}

/// The language of an article, and where kiosk found it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Lang {
    /// Lower-case code (`de`, `en`; a path's own tag such as `zh-cn`: see
    /// [`crate::load::lang`]).
    pub code: String,
    /// True when guessed from the text, false when the front matter or the
    /// path says so.
    pub detected: bool,
    /// Where the language comes from.
    pub source: LangSource,
}

/// Where an article's language comes from, in the order they are tried.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LangSource {
    /// `lang`, `language` or `locale` in the front matter.
    FrontMatter,
    /// The path: a language folder, a `name.LANG.md` suffix, or the site
    /// config's default language.
    Path,
    /// Detected from the prose.
    Detected,
}

impl LangSource {
    /// The name `kiosk list --json` gives it (`lang_source`).
    pub fn name(self) -> &'static str {
        match self {
            LangSource::FrontMatter => "front_matter",
            LangSource::Path => "path",
            LangSource::Detected => "detected",
        }
    }
}

/// Where the language of a file's path comes from, as the article keeps it:
/// what pairs translations (see [`crate::translations`]) and tells whether
/// an index entry still stands for the file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PathKey {
    /// The part of the id that is a language folder.
    pub folder: Option<u16>,
    /// The file name ends in a language suffix (`name.de.md`).
    pub suffix: bool,
}

/// What the reader and the command line show for a language not known.
pub const UNKNOWN_LANG: &str = "--";

/// One article of the library, as loaded and cleaned.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Article {
    /// The id (relative path without extension).
    pub id: ArticleId,
    /// The path relative to the library folder (`sub/name.md`).
    #[serde(with = "path_bytes")]
    pub path: PathBuf,
    /// The title (declared, else inferred from the body, else the file name).
    pub title: String,
    /// The publication day, if known.
    pub date: Option<Date>,
    /// The language, if declared or detected.
    pub lang: Option<Lang>,
    /// Tags (front matter `tags` and `categories`), in order, without duplicates.
    pub tags: Vec<String>,
    /// Drafts are hidden unless asked for.
    pub draft: bool,
    /// The summary (`shorttext`, `summary` or `description`).
    pub summary: Option<String>,
    /// The cover image name or path, as written.
    pub cover: Option<String>,
    /// Hugo's `translationKey`, when present.
    pub translation_key: Option<String>,
    /// Front-matter fields kiosk does not interpret, kept as text (JSON for structures).
    pub extra: BTreeMap<String, String>,
    /// Markdown or plain text.
    pub format: Format,
    /// The file it was read from (the library folder joined with `path`).
    #[serde(skip)]
    pub source: PathBuf,
    /// The file's size and modification time when it was read.
    pub stamp: Stamp,
    /// The body (without front matter and, for plain text, without the title
    /// line): kept when parsed from bytes, else read again from `source` when
    /// asked for (see [`crate::Library::body`]).
    #[serde(skip)]
    pub(crate) body: OnceLock<String>,
    /// The numbered links of the body, in reading order (see [`crate::Library::links`]).
    /// The index cache stores them apart (see [`crate::load_cache`]).
    #[serde(skip)]
    pub(crate) links: Links,
    /// Hashes of the cited URLs, sorted and without repeats: what pairing
    /// translations compares, without decoding the links.
    pub(crate) source_hashes: Vec<u64>,
    /// Number of words in the body.
    pub words: usize,
    /// Number of Chinese, Japanese and Korean characters in the body (read
    /// by the character, not the word: see [`Article::reading_minutes`]).
    pub cjk_chars: usize,
    /// Which parts of the path name a language (what pairs translations
    /// by path).
    pub path_key: PathKey,
    /// Hash of the file's bytes (see [`crate::hash::content_hash`]): tells a
    /// changed article from the one that was read. 0 in a preliminary article.
    pub hash: u64,
    /// Combining marks the sanitiser cut from the file (runs longer than
    /// [`crate::sanitize::MAX_MARKS`]): the reader and `show` say so.
    #[serde(default)]
    pub marks_cut: usize,
    /// Made from the start of its file only, for the reader's first screen
    /// (see [`crate::load::load_preview`]): no links, word count or hash yet.
    #[serde(skip)]
    pub(crate) preliminary: bool,
}

/// What identifies a version of a file without reading it: its size and
/// modification time (nanoseconds since the epoch; 0 when unknown).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Stamp {
    /// Size in bytes.
    pub size: u64,
    /// Modification time in nanoseconds since the Unix epoch.
    pub mtime_ns: i128,
}

impl Stamp {
    /// The stamp of a file's metadata.
    pub fn of(meta: &std::fs::Metadata) -> Stamp {
        let mtime_ns = meta
            .modified()
            .ok()
            .map_or(0, |t| match t.duration_since(std::time::UNIX_EPOCH) {
                Ok(d) => d.as_nanos() as i128,
                Err(e) => -(e.duration().as_nanos() as i128),
            });
        Stamp {
            size: meta.len(),
            mtime_ns,
        }
    }
}

/// What `check`, the reader and `show` say of an article whose combining
/// marks were cut (see [`Article::marks_cut`]).
pub fn marks_note(cut: usize) -> String {
    format!(
        "{cut} combining mark{} cut (more than {} on one character)",
        if cut == 1 { "" } else { "s" },
        crate::sanitize::MAX_MARKS
    )
}

impl Article {
    /// The numbered links of the body: as kept, else what `read` gives
    /// (parsing the file again), kept from then on. The library passes the
    /// loader's reading: see [`crate::Library::links`].
    pub fn links_or(&self, read: impl FnOnce() -> Vec<Link>) -> &[Link] {
        self.links.get_or(read)
    }

    /// Calls `f` with the links borrowed where they are kept, decoding and
    /// keeping nothing: for writing them out (see [`LinkRef`]); `read` as
    /// for [`Article::links_or`].
    pub fn with_link_refs_or<R>(&self, read: impl FnOnce() -> Vec<Link>, f: impl FnOnce(&[LinkRef<'_>]) -> R) -> R {
        self.links.with_refs(read, f)
    }

    /// The links encoded for the index cache; `read` as for [`Article::links_or`].
    pub(crate) fn encoded_links_or(&self, read: impl FnOnce() -> Vec<Link>) -> Vec<u8> {
        self.links.encode(read)
    }

    /// The body text: as kept, else what `read` gives (reading the file
    /// again), kept from then on. A library loaded from a folder does not
    /// keep bodies in memory: see [`crate::Library::body`].
    pub fn body_or(&self, read: impl FnOnce() -> String) -> &str {
        self.body.get_or_init(read)
    }

    /// The language code, if known.
    pub fn lang_code(&self) -> Option<&str> {
        self.lang.as_ref().map(|l| l.code.as_str())
    }

    /// True for an article made from the start of its file only (see
    /// [`crate::load::load_preview`]): its links are read when asked for, and
    /// its word count and hash are not known yet.
    pub fn is_preliminary(&self) -> bool {
        self.preliminary
    }

    /// Estimated reading time in minutes, at least 1: 220 words a minute,
    /// and Chinese, Japanese and Korean text at 500 characters a minute
    /// (their runs of characters count as words too, which adds little).
    pub fn reading_minutes(&self) -> usize {
        // words / 220 + chars / 500, rounded up, in whole numbers.
        (self.words * 500 + self.cjk_chars * 220).div_ceil(220 * 500).max(1)
    }

    /// Where the language comes from, if known.
    pub fn lang_source(&self) -> Option<LangSource> {
        self.lang.as_ref().map(|l| l.source)
    }

    /// The article's folder below the library folder (`docs/guides`), or
    /// `None` for an article at the top.
    pub fn section(&self) -> Option<&str> {
        self.id.as_str().rsplit_once('/').map(|(folder, _)| folder)
    }
}

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Level {
    /// Something was skipped or guessed; nothing was lost.
    Warning,
    /// The file is wrong; kiosk listed what it could recover.
    Error,
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Level::Warning => "warning",
            Level::Error => "error",
        })
    }
}

/// What kind of problem a diagnostic reports, which decides whether the
/// file's entry may be kept in the index cache.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DiagnosticKind {
    /// The file or folder could not be read (an I/O error): reading it
    /// again may succeed, so nothing of it is cached.
    Io,
    /// Something about the file as it is (its text, its front matter, its
    /// type): the same file gives the same problem.
    File,
}

/// A problem found while loading, tied to a file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// The file, relative to the library folder.
    #[serde(with = "path_bytes")]
    pub path: PathBuf,
    /// Warning or error.
    pub level: Level,
    /// Whether it came from reading or from what was read.
    pub kind: DiagnosticKind,
    /// What is wrong, in one line.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}: {}",
            crate::sanitize::sanitize_line(&self.path.to_string_lossy()),
            self.level,
            self.message
        )
    }
}

/// The sorted, distinct hashes of the URLs of `links` (see `Article::source_hashes`).
pub(crate) fn source_hashes(links: &[Link]) -> Vec<u64> {
    let mut hashes: Vec<u64> = links.iter().map(|l| crate::hash::url_hash(&l.url)).collect();
    hashes.sort_unstable();
    hashes.dedup();
    hashes
}
