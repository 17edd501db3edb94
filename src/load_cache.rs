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
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::article::{path_bytes, Article, Diagnostic, Link, Links, Stamp, StoredLinks};
use crate::document::Document;

/// How the links of an article kept nowhere are read: parsing its file
/// again (the loader's [`crate::load::read_links`]).
pub type ReadLinks<'a> = &'a (dyn Fn(&Path) -> Vec<Link> + Sync);

/// What loading one file found: the article (if any) and its problems.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Entry {
    /// The path relative to the folder.
    #[serde(with = "path_bytes")]
    pub rel: PathBuf,
    /// Size and modification time when the file was read.
    pub stamp: Stamp,
    /// The article, without its body (boxed: entries move through several
    /// lists while loading, and an article is large).
    pub article: Option<Box<Article>>,
    /// The document of a long body, made while loading (see
    /// [`crate::load::Loaded::documents`]); never cached.
    #[serde(skip)]
    pub document: Option<Arc<Document>>,
    /// The problems found in the file.
    pub diagnostics: Vec<Diagnostic>,
}

const MAGIC: &[u8; 8] = b"KIOSKIX1";

/// Entries per independently decoded chunk (chunks decode on both cores).
const CHUNK: usize = 512;

/// Files modified less than this long before loading are not cached.
const RACY_NS: i128 = 2_000_000_000;

use crate::hash::{fnv1a as fnv, FNV_OFFSET};

/// Identifies the code that turns files into entries: any change to it
/// makes older indexes unusable. (The order kept with them carries the code
/// of whoever made it: see [`KeptOrder`].)
const CODE: u64 = {
    let mut h = fnv(FNV_OFFSET, env!("CARGO_PKG_VERSION").as_bytes());
    h = fnv(h, include_bytes!("article.rs"));
    h = fnv(h, include_bytes!("article/links.rs"));
    h = fnv(h, include_bytes!("article/path_bytes.rs"));
    h = fnv(h, include_bytes!("load_cache.rs"));
    h = fnv(h, include_bytes!("load.rs"));
    h = fnv(h, include_bytes!("load/format.rs"));
    h = fnv(h, include_bytes!("load/front_matter.rs"));
    h = fnv(h, include_bytes!("load/front_matter/fields.rs"));
    h = fnv(h, include_bytes!("load/front_matter/near_miss.rs"));
    h = fnv(h, include_bytes!("load/front_matter/simple.rs"));
    h = fnv(h, include_bytes!("load/lang.rs"));
    h = fnv(h, include_bytes!("load/lang/codes.rs"));
    h = fnv(h, include_bytes!("load/mdx.rs"));
    h = fnv(h, include_bytes!("load/place.rs"));
    h = fnv(h, include_bytes!("load/prose.rs"));
    h = fnv(h, include_bytes!("load/site.rs"));
    h = fnv(h, include_bytes!("load/parse.rs"));
    h = fnv(h, include_bytes!("load/plain.rs"));
    h = fnv(h, include_bytes!("load/preview.rs"));
    h = fnv(h, include_bytes!("load/walk.rs"));
    h = fnv(h, include_bytes!("load/walk/tests.rs"));
    h = fnv(h, include_bytes!("sanitize.rs"));
    h = fnv(h, include_bytes!("hash.rs"));
    h = fnv(h, include_bytes!("document.rs"));
    h = fnv(h, include_bytes!("document/markdown.rs"));
    h = fnv(h, include_bytes!("document/plain.rs"));
    h = fnv(h, include_bytes!("document/linkify.rs"));
    h = fnv(h, include_bytes!("document/facts.rs"));
    h = fnv(h, include_bytes!("document/elements.rs"));
    h = fnv(h, include_bytes!("document/emoji.rs"));
    h = fnv(h, include_bytes!("document/html.rs"));
    h = fnv(h, include_bytes!("document/html/inline.rs"));
    h = fnv(h, include_bytes!("document/pulldown.rs"));
    h = fnv(h, include_bytes!("document/sitegen.rs"));
    h = fnv(h, include_bytes!("document/sitegen/shortcode.rs"));
    // (Their tests too: the index test asks for every file of the folder.)
    h = fnv(h, include_bytes!("document/markdown_tests.rs"));
    h = fnv(h, include_bytes!("document/sitegen_tests.rs"));
    h = fnv(h, include_bytes!("document/words.rs"));
    h
};

/// Where indexes live: `$XDG_CACHE_HOME/kiosk`, else `~/.cache/kiosk`.
/// A relative `XDG_CACHE_HOME` is ignored (see [`crate::xdg::base_dir`]).
pub fn default_dir() -> Option<PathBuf> {
    crate::xdg::base_dir("XDG_CACHE_HOME", ".cache").map(|d| d.join("kiosk"))
}

/// The index file of the folder `root` inside the cache folder.
pub fn file_for(cache_dir: &Path, root: &Path) -> PathBuf {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let h = crate::hash::content_hash(root.as_os_str().as_encoded_bytes());
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

/// Bytes per entry for where its links are: offset, length, checksum.
const LINK_REF: usize = 8 + 4 + 8;

/// Encodes entries for the folder `root`. The file: magic, code, root,
/// where the links begin and how long they are, a table of chunks (length,
/// checksum), the chunks (entries without links, then for each entry where
/// its links are), the links, which loading does not read, and last the
/// order handed in (its code, count, positions, checksum; see [`KeptOrder`]).
/// An entry that cannot be encoded is an error: the index is not written.
pub fn encode(
    root: &Path,
    entries: &[Entry],
    order: Option<KeptOrder<'_>>,
    read_links: ReadLinks<'_>,
) -> postcard::Result<Vec<u8>> {
    let parts: Vec<(Vec<u8>, Vec<Vec<u8>>)> = entries
        .par_chunks(CHUNK)
        .map(|c| {
            let head = postcard::to_stdvec(c)?;
            let links = c
                .iter()
                .map(|e| {
                    e.article
                        .as_deref()
                        .map(|a| a.encoded_links_or(|| read_links(&a.source)))
                        .unwrap_or_default()
                })
                .collect();
            Ok((head, links))
        })
        .collect::<postcard::Result<_>>()?;
    let root = root_bytes(root);
    let header = 8 + 8 + 8 + root.len() + 8 + 8 + 8 + 16 * parts.len();
    let chunk_len = |(head, links): &(Vec<u8>, Vec<Vec<u8>>)| 8 + head.len() + LINK_REF * links.len();
    let links_start = header + parts.iter().map(chunk_len).sum::<usize>();
    let links_len: usize = parts.iter().flat_map(|(_, l)| l).map(Vec::len).sum();
    let mut chunks = Vec::with_capacity(parts.len());
    let mut offset = links_start;
    for (head, links) in &parts {
        let mut c = Vec::with_capacity(chunk_len(&(Vec::new(), Vec::new())) + head.len() + LINK_REF * links.len());
        c.extend_from_slice(&(head.len() as u64).to_le_bytes());
        c.extend_from_slice(head);
        for l in links {
            c.extend_from_slice(&(offset as u64).to_le_bytes());
            c.extend_from_slice(&(l.len() as u32).to_le_bytes());
            c.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(l).to_le_bytes());
            offset += l.len();
        }
        chunks.push(c);
    }
    let mut out = Vec::with_capacity(links_start + links_len);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&CODE.to_le_bytes());
    out.extend_from_slice(&(root.len() as u64).to_le_bytes());
    out.extend_from_slice(&root);
    out.extend_from_slice(&(links_start as u64).to_le_bytes());
    out.extend_from_slice(&(links_len as u64).to_le_bytes());
    out.extend_from_slice(&(chunks.len() as u64).to_le_bytes());
    for c in &chunks {
        out.extend_from_slice(&(c.len() as u64).to_le_bytes());
        out.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(c).to_le_bytes());
    }
    for c in &chunks {
        out.extend_from_slice(c);
    }
    for (_, links) in &parts {
        for l in links {
            out.extend_from_slice(l);
        }
    }
    // Last, the order handed in (see `KeptOrder`); none is an empty one.
    let (code, positions) = order.map_or((0, &[][..]), |o| (o.code, o.positions));
    let mut order = Vec::with_capacity(16 + 4 * positions.len());
    order.extend_from_slice(&code.to_le_bytes());
    order.extend_from_slice(&(positions.len() as u64).to_le_bytes());
    for &i in positions {
        order.extend_from_slice(&i.to_le_bytes());
    }
    out.extend_from_slice(&order);
    out.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(&order).to_le_bytes());
    Ok(out)
}

fn word(bytes: &[u8]) -> Option<u64> {
    Some(u64::from_le_bytes(bytes.get(..8)?.try_into().ok()?))
}

/// Decodes one chunk; its articles' links stay in `file`.
fn decode_chunk(chunk: &[u8], file: &Arc<fs::File>, links: Range<u64>) -> Option<Vec<Entry>> {
    let head_len = usize::try_from(word(chunk)?).ok()?;
    let head = chunk.get(8..8usize.checked_add(head_len)?)?;
    let mut entries = match postcard::take_from_bytes::<Vec<Entry>>(head) {
        Ok((entries, [])) => entries,
        _ => return None,
    };
    let refs = chunk.get(8 + head_len..)?;
    if refs.len() != LINK_REF * entries.len() {
        return None;
    }
    for (entry, r) in entries.iter_mut().zip(refs.chunks_exact(LINK_REF)) {
        let offset = word(r)?;
        let len = u32::from_le_bytes(r[8..12].try_into().ok()?);
        let hash = word(&r[12..])?;
        if offset < links.start || offset.checked_add(u64::from(len))? > links.end {
            return None;
        }
        if let Some(article) = &mut entry.article {
            article.links = Links::stored(StoredLinks {
                file: Arc::clone(file),
                offset,
                len,
                hash,
            });
        }
    }
    Some(entries)
}

/// An order of the articles of the entries written with it (positions
/// among the entries that have one), kept so that an unchanged folder is not
/// sorted again. The cache does not know what the order means: `code`
/// identifies the code that made it, and whoever reads it back checks that.
#[derive(Clone, Copy, Debug)]
pub struct KeptOrder<'a> {
    /// Identifies the code that made the order.
    pub code: u64,
    /// The positions, in order.
    pub positions: &'a [u32],
}

/// What the index holds for a folder.
#[derive(Default)]
pub struct Cached {
    /// The entries (all but their links), in the order they were written.
    pub entries: Vec<Entry>,
    /// The order written with them (see [`KeptOrder`]), with its code:
    /// valid while every entry is, and no file was added or removed.
    pub order: Option<(u64, Vec<u32>)>,
}

/// Reads the index of `root` from `file`; empty when there is none, or when
/// it is for other code or another folder, truncated, or fails a checksum.
pub fn read(file: &Path, root: &Path) -> Cached {
    read_checked(file, root).unwrap_or_default()
}

fn read_checked(path: &Path, root: &Path) -> Option<Cached> {
    use std::os::unix::fs::FileExt;
    // Never blocks on a FIFO or device put in its place.
    let file = crate::safe_open::open_regular(path).ok()?;
    let size = file.metadata().ok()?.len();
    let mut fixed = [0u8; 24];
    file.read_exact_at(&mut fixed, 0).ok()?;
    if &fixed[..8] != MAGIC || word(&fixed[8..])? != CODE {
        return None;
    }
    let root_len = word(&fixed[16..])?;
    let expected = root_bytes(root);
    if root_len != expected.len() as u64 {
        return None;
    }
    let mut next = vec![0u8; expected.len() + 24];
    file.read_exact_at(&mut next, 24).ok()?;
    if next[..expected.len()] != expected[..] {
        return None;
    }
    let links_start = word(&next[expected.len()..])?;
    let links_len = word(&next[expected.len() + 8..])?;
    let count = usize::try_from(word(&next[expected.len() + 16..])?).ok()?;
    let links_end = links_start.checked_add(links_len)?;
    let mut articles = [0u8; 16];
    file.read_exact_at(&mut articles, links_end).ok()?;
    let order_len = word(&articles[8..])?.checked_mul(4)?.checked_add(16)?;
    if links_end.checked_add(order_len)?.checked_add(8)? != size || count as u64 > size / 16 {
        return None;
    }
    let mut order = vec![0u8; usize::try_from(order_len).ok()? + 8];
    file.read_exact_at(&mut order, links_end).ok()?;
    let (order, sum) = order.split_at(order.len() - 8);
    let order = (xxhash_rust::xxh3::xxh3_64(order) == word(sum)?).then(|| {
        let positions = order[16..]
            .chunks_exact(4)
            .map(|p| u32::from_le_bytes([p[0], p[1], p[2], p[3]]))
            .collect();
        (word(order).unwrap_or(0), positions)
    });
    // The chunk table, then each chunk read and decoded on its own, in
    // parallel: no copy of the whole index, and reading overlaps decoding.
    let table_start = 24 + next.len() as u64;
    let mut table = vec![0u8; count.checked_mul(16)?];
    file.read_exact_at(&mut table, table_start).ok()?;
    let mut at = table_start + table.len() as u64;
    let mut chunks = Vec::with_capacity(count);
    for entry in table.chunks_exact(16) {
        let (len, sum) = (word(entry)?, word(&entry[8..])?);
        chunks.push((at, usize::try_from(len).ok()?, sum));
        at = at.checked_add(len)?;
    }
    if at != links_start {
        return None;
    }
    let file = Arc::new(file);
    let links = links_start..links_start + links_len;
    let decoded: Option<Vec<Vec<Entry>>> = chunks
        .par_iter()
        .map(|&(offset, len, sum)| {
            let mut chunk = vec![0u8; len];
            file.read_exact_at(&mut chunk, offset).ok()?;
            if xxhash_rust::xxh3::xxh3_64(&chunk) != sum {
                return None;
            }
            decode_chunk(&chunk, &file, links.clone())
        })
        .collect();
    Some(Cached {
        entries: decoded?.into_iter().flatten().collect(),
        order,
    })
}

/// Entries to write to the index once their order is known (see
/// [`Pending::write`]).
pub struct Pending {
    file: PathBuf,
    root: PathBuf,
    entries: Vec<Entry>,
    /// Every entry loaded is here: positions among all are positions here.
    whole: bool,
}

impl Pending {
    /// The `entries` to write to `file` for the folder `root`; `whole` when
    /// they are every entry loaded.
    pub fn new(file: PathBuf, root: &Path, entries: Vec<Entry>, whole: bool) -> Pending {
        Pending {
            file,
            root: root.to_path_buf(),
            entries,
            whole,
        }
    }

    /// Writes the entries, with `order` (positions among the articles of
    /// every entry loaded) when they are all of them: else the positions
    /// would not fit, and none is kept. An index that cannot be written
    /// only makes the next start slower.
    pub fn write(self, order: Option<KeptOrder<'_>>, read_links: ReadLinks<'_>) {
        let order = order.filter(|_| self.whole);
        let _ = write(&self.file, &self.root, &self.entries, order, read_links);
    }
}

/// Writes the index atomically (see [`crate::atomic::write`]).
pub fn write(
    file: &Path,
    root: &Path,
    entries: &[Entry],
    order: Option<KeptOrder<'_>>,
    read_links: ReadLinks<'_>,
) -> std::io::Result<()> {
    fs::create_dir_all(file.parent().unwrap_or(Path::new(".")))?;
    let bytes = encode(root, entries, order, read_links).map_err(std::io::Error::other)?;
    crate::atomic::write(file, &bytes, None)
}
