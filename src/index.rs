//! The index cache: what loading a folder found, kept in
//! `$XDG_CACHE_HOME/kiosk` so that the next start reads no file that has not
//! changed.
//!
//! An entry is used only when the file's path, size and modification time
//! are exactly those recorded. The whole index is ignored when it was written
//! by other loader code (a hash of the loader's sources is part of the
//! header), for another folder, or when any part fails its checksum or does
//! not decode: a stale or corrupt index costs a full load, never a wrong
//! article. Files changed within the last seconds are left out, since a
//! second write in the same clock tick would not change their stamp.

use std::fs;
use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::article::{Article, Diagnostic, Links, Stamp};

/// What loading one file found: the article (if any) and its problems.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Entry {
    /// The path relative to the folder.
    pub rel: PathBuf,
    /// Size and modification time when the file was read.
    pub stamp: Stamp,
    /// The article, without its body.
    pub article: Option<Article>,
    /// The problems found in the file.
    pub diagnostics: Vec<Diagnostic>,
}

const MAGIC: &[u8; 8] = b"KIOSKIX1";

/// Entries per independently decoded chunk (chunks decode on both cores).
const CHUNK: usize = 512;

/// Files modified less than this long before loading are not cached.
const RACY_NS: i128 = 2_000_000_000;

const fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    let mut i = 0;
    while i < bytes.len() {
        h ^= bytes[i] as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
        i += 1;
    }
    h
}

/// Identifies the code that turns files into entries: any change to it
/// makes older indexes unusable.
const CODE: u64 = {
    let mut h = fnv(0xcbf2_9ce4_8422_2325, env!("CARGO_PKG_VERSION").as_bytes());
    h = fnv(h, include_bytes!("article.rs"));
    h = fnv(h, include_bytes!("index.rs"));
    h = fnv(h, include_bytes!("load.rs"));
    h = fnv(h, include_bytes!("load/front_matter.rs"));
    h = fnv(h, include_bytes!("load/lang.rs"));
    h = fnv(h, include_bytes!("load/plain.rs"));
    h = fnv(h, include_bytes!("sanitize.rs"));
    h = fnv(h, include_bytes!("document.rs"));
    h = fnv(h, include_bytes!("document/markdown.rs"));
    h = fnv(h, include_bytes!("document/plain.rs"));
    h = fnv(h, include_bytes!("document/linkify.rs"));
    h
};

/// Where indexes live: `$XDG_CACHE_HOME/kiosk`, else `~/.cache/kiosk`.
pub fn default_dir() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    Some(base.join("kiosk"))
}

/// The index file of the folder `root` inside the cache folder.
pub fn file_for(cache_dir: &Path, root: &Path) -> PathBuf {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let h = fnv(0xcbf2_9ce4_8422_2325, root.as_os_str().as_encoded_bytes());
    cache_dir.join(format!("index-{h:016x}.bin"))
}

/// True when a file with this stamp may have changed again without its
/// stamp changing (modified within the last seconds, or in the future).
pub fn racy(stamp: Stamp, now_ns: i128) -> bool {
    stamp.mtime_ns > now_ns - RACY_NS
}

/// The current time in nanoseconds since the epoch.
pub fn now_ns() -> i128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as i128)
}

fn root_bytes(root: &Path) -> Vec<u8> {
    root.canonicalize()
        .unwrap_or_else(|_| root.to_path_buf())
        .as_os_str()
        .as_encoded_bytes()
        .to_vec()
}

/// One chunk: its entries (links left out), then each entry's links,
/// encoded apart so that decoding the index leaves them encoded.
fn encode_chunk(entries: &[Entry]) -> Vec<u8> {
    let mut out = Vec::new();
    let head = postcard::to_stdvec(entries).unwrap_or_default();
    out.extend_from_slice(&(head.len() as u64).to_le_bytes());
    out.extend_from_slice(&head);
    let links: Vec<Vec<u8>> = entries
        .iter()
        .map(|e| e.article.as_ref().map(|a| a.links.encode()).unwrap_or_default())
        .collect();
    for l in &links {
        out.extend_from_slice(&(l.len() as u32).to_le_bytes());
    }
    for l in &links {
        out.extend_from_slice(l);
    }
    out
}

/// Decodes the chunk at `buffer[range]`; its articles' links stay in `buffer`.
fn decode_chunk(buffer: &Arc<Vec<u8>>, range: Range<usize>) -> Option<Vec<Entry>> {
    let chunk = buffer.get(range.clone())?;
    let head_len = usize::try_from(u64::from_le_bytes(chunk.get(..8)?.try_into().ok()?)).ok()?;
    let head = chunk.get(8..8usize.checked_add(head_len)?)?;
    let mut entries = match postcard::take_from_bytes::<Vec<Entry>>(head) {
        Ok((entries, [])) => entries,
        _ => return None,
    };
    let lens_at = 8 + head_len;
    let mut blob = lens_at.checked_add(entries.len().checked_mul(4)?)?;
    for (k, entry) in entries.iter_mut().enumerate() {
        let at = lens_at + 4 * k;
        let len = u32::from_le_bytes(chunk.get(at..at + 4)?.try_into().ok()?) as usize;
        let end = blob.checked_add(len)?;
        chunk.get(blob..end)?;
        if let Some(article) = &mut entry.article {
            article.links = Links::shared(Arc::clone(buffer), range.start + blob..range.start + end);
        }
        blob = end;
    }
    (blob == chunk.len()).then_some(entries)
}

/// Encodes entries for the folder `root`.
pub fn encode(root: &Path, entries: &[Entry]) -> Vec<u8> {
    let chunks: Vec<Vec<u8>> = entries.par_chunks(CHUNK).map(encode_chunk).collect();
    let root = root_bytes(root);
    let mut out = Vec::with_capacity(chunks.iter().map(Vec::len).sum::<usize>() + 64);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&CODE.to_le_bytes());
    out.extend_from_slice(&(root.len() as u64).to_le_bytes());
    out.extend_from_slice(&root);
    out.extend_from_slice(&(chunks.len() as u64).to_le_bytes());
    for c in &chunks {
        out.extend_from_slice(&(c.len() as u64).to_le_bytes());
        out.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(c).to_le_bytes());
    }
    for c in &chunks {
        out.extend_from_slice(c);
    }
    out
}

/// Decodes an index written for the folder `root`, in the order it was
/// written; `None` when it is for other code or another folder, truncated,
/// or fails a checksum. The articles' links stay encoded in `bytes`.
pub fn decode(root: &Path, bytes: Vec<u8>) -> Option<Vec<Entry>> {
    let buffer = Arc::new(bytes);
    let bytes = buffer.as_slice();
    let mut at = 0usize;
    let mut take = |n: usize| -> Option<Range<usize>> {
        let end = at.checked_add(n).filter(|&e| e <= bytes.len())?;
        let range = at..end;
        at = end;
        Some(range)
    };
    let word = |r: Range<usize>| u64::from_le_bytes(bytes[r].try_into().unwrap_or([0; 8]));
    if bytes.get(take(8)?)? != MAGIC {
        return None;
    }
    if word(take(8)?) != CODE {
        return None;
    }
    let root_len = usize::try_from(word(take(8)?)).ok()?;
    if bytes.get(take(root_len)?)? != root_bytes(root).as_slice() {
        return None;
    }
    let count = usize::try_from(word(take(8)?)).ok()?;
    if count > bytes.len() / 16 {
        return None;
    }
    let mut table = Vec::with_capacity(count);
    for _ in 0..count {
        let len = usize::try_from(word(take(8)?)).ok()?;
        let sum = word(take(8)?);
        table.push((len, sum));
    }
    let mut chunks = Vec::with_capacity(count);
    for (len, sum) in table {
        chunks.push((take(len)?, sum));
    }
    if at != bytes.len() {
        return None;
    }
    let decoded: Option<Vec<Vec<Entry>>> = chunks
        .into_par_iter()
        .map(|(range, sum)| {
            if xxhash_rust::xxh3::xxh3_64(&bytes[range.clone()]) != sum {
                return None;
            }
            decode_chunk(&buffer, range)
        })
        .collect();
    Some(decoded?.into_iter().flatten().collect())
}

/// Reads the index of `root` from `file`, in the order it was written;
/// empty when there is none or it cannot be trusted.
pub fn read(file: &Path, root: &Path) -> Vec<Entry> {
    fs::read(file)
        .ok()
        .and_then(|bytes| decode(root, bytes))
        .unwrap_or_default()
}

/// Writes the index atomically (a temporary file renamed over the old one).
pub fn write(file: &Path, root: &Path, entries: &[Entry]) -> std::io::Result<()> {
    let dir = file.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        file.file_name().unwrap_or_default().to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(&encode(root, entries))?;
        f.sync_all()?;
        fs::rename(&tmp, file)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}
