//! An article's links as they are kept: encoded in memory after parsing, in
//! the index file, or decoded once asked for.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::Link;

/// A link borrowed from where it is kept (its encoding, or a [`Link`]): what
/// `kiosk list --json` writes, without a string of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkRef<'a> {
    /// The link's number.
    pub n: usize,
    /// The link text.
    #[serde(borrow)]
    pub text: &'a str,
    /// The target URL.
    #[serde(borrow)]
    pub url: &'a str,
    /// The optional title.
    #[serde(borrow)]
    pub title: Option<&'a str>,
}

impl<'a> From<&'a Link> for LinkRef<'a> {
    fn from(l: &'a Link) -> LinkRef<'a> {
        LinkRef {
            n: l.n,
            text: &l.text,
            url: &l.url,
            title: l.title.as_deref(),
        }
    }
}

/// An article's links: decoded when first asked for, from their encoding
/// (postcard, as the index cache stores them) held in memory after parsing,
/// or still on disk in the index cache. Most articles of a large library are
/// never opened, and their links are most of their size: one buffer per
/// article instead of three strings per link.
#[derive(Clone, Debug, Default)]
pub(crate) struct Links {
    decoded: OnceLock<Vec<Link>>,
    encoded: Encoded,
}

/// Where an article's encoded links are.
#[derive(Clone, Debug, Default)]
enum Encoded {
    /// Nowhere: parse the file when asked.
    #[default]
    None,
    /// In memory.
    Held(std::sync::Arc<[u8]>),
    /// In the index file.
    Stored(StoredLinks),
}

/// Where an article's encoded links are in the index file, and their checksum.
#[derive(Clone, Debug)]
pub(crate) struct StoredLinks {
    pub(crate) file: std::sync::Arc<std::fs::File>,
    pub(crate) offset: u64,
    pub(crate) len: u32,
    pub(crate) hash: u64,
}

impl StoredLinks {
    /// The encoded links, if they can be read and pass their checksum.
    fn read(&self) -> Option<Vec<u8>> {
        use std::os::unix::fs::FileExt;
        let mut bytes = vec![0; self.len as usize];
        self.file.read_exact_at(&mut bytes, self.offset).ok()?;
        (xxhash_rust::xxh3::xxh3_64(&bytes) == self.hash).then_some(bytes)
    }
}

impl Links {
    /// Links kept in the index file.
    pub(crate) fn stored(stored: StoredLinks) -> Links {
        Links {
            decoded: OnceLock::new(),
            encoded: Encoded::Stored(stored),
        }
    }

    /// Links just parsed, held encoded.
    pub(crate) fn held(links: &[Link]) -> Links {
        match postcard::to_stdvec(links) {
            Ok(bytes) => Links {
                decoded: OnceLock::new(),
                encoded: Encoded::Held(bytes.into()),
            },
            Err(_) => Links::from(links.to_vec()),
        }
    }

    /// The encoded links, where they are kept.
    fn bytes(&self) -> Option<std::borrow::Cow<'_, [u8]>> {
        match &self.encoded {
            Encoded::None => None,
            Encoded::Held(bytes) => Some(std::borrow::Cow::Borrowed(bytes)),
            Encoded::Stored(stored) => stored.read().map(std::borrow::Cow::Owned),
        }
    }

    /// The links, decoded the first time; `parse` finds them when they are
    /// not kept or cannot be read (changed on disk since, say).
    pub(crate) fn get_or(&self, parse: impl FnOnce() -> Vec<Link>) -> &[Link] {
        self.decoded.get_or_init(|| {
            self.bytes()
                .and_then(|b| postcard::from_bytes(&b).ok())
                .unwrap_or_else(parse)
        })
    }

    /// Calls `f` with the links borrowed from their encoding, decoding no
    /// string and keeping nothing (`parse` as for [`Links::get_or`]).
    pub(crate) fn with_refs<R>(&self, parse: impl FnOnce() -> Vec<Link>, f: impl FnOnce(&[LinkRef<'_>]) -> R) -> R {
        if self.decoded.get().is_none() {
            if let Some(bytes) = self.bytes() {
                if let Ok(refs) = postcard::from_bytes::<Vec<LinkRef<'_>>>(&bytes) {
                    return f(&refs);
                }
            }
        }
        let refs: Vec<LinkRef<'_>> = self.get_or(parse).iter().map(LinkRef::from).collect();
        f(&refs)
    }

    /// The links encoded for the index cache (`parse` as for [`Links::get_or`]).
    pub(crate) fn encode(&self, parse: impl FnOnce() -> Vec<Link>) -> Vec<u8> {
        match (&self.encoded, self.decoded.get()) {
            (Encoded::Held(bytes), _) => bytes.to_vec(),
            (Encoded::Stored(stored), None) => stored
                .read()
                .unwrap_or_else(|| postcard::to_stdvec(&parse()).unwrap_or_default()),
            _ => postcard::to_stdvec(self.get_or(parse)).unwrap_or_default(),
        }
    }
}

impl From<Vec<Link>> for Links {
    fn from(links: Vec<Link>) -> Links {
        Links {
            decoded: OnceLock::from(links),
            encoded: Encoded::None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<Link> {
        vec![
            Link {
                n: 1,
                text: "Die Quelle".into(),
                url: "https://a.example/x?y=\"z\"".into(),
                title: Some("Titel".into()),
            },
            Link {
                n: 2,
                text: "大".into(),
                url: "mailto:b@example.org".into(),
                title: None,
            },
        ]
    }

    /// Links held encoded decode to themselves, lend the same links without
    /// decoding, and encode for the index as themselves; nothing is parsed.
    #[test]
    fn held_links_are_the_links() {
        let links = sample();
        let held = Links::held(&links);
        let never = || -> Vec<Link> { panic!("held links are never parsed again") };
        let refs: Vec<LinkRef<'_>> = links.iter().map(LinkRef::from).collect();
        assert!(held.with_refs(never, |r| r == refs.as_slice()));
        assert_eq!(held.encode(never), postcard::to_stdvec(&links).unwrap());
        assert_eq!(held.get_or(never), links.as_slice());
        // Once decoded, the decoded links are lent.
        assert!(held.with_refs(never, |r| r == refs.as_slice()));
        // Links that are not kept anywhere are parsed when asked for.
        let absent = Links::default();
        assert_eq!(absent.with_refs(sample, |r| r.len()), 2);
        assert_eq!(absent.get_or(Vec::new), links.as_slice());
    }
}
