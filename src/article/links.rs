//! An article's links as they are kept: encoded in memory after parsing, in
//! the index file, or decoded once asked for.
//!
//! The encoding ([`pack`]): a header of four numbers per link (postcard:
//! number, and the byte lengths of text, URL and title plus one, 0 for none),
//! then every string, one after the other. The strings are checked as UTF-8
//! once, all together, and then lent as slices of it.

use std::sync::OnceLock;

use serde::Serialize;

use super::Link;

/// A link borrowed from where it is kept (its encoding, or a [`Link`]): what
/// `kiosk list --json` writes, without a string of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct LinkRef<'a> {
    /// The link's number.
    pub n: usize,
    /// The link text.
    pub text: &'a str,
    /// The target URL.
    pub url: &'a str,
    /// The optional title.
    pub title: Option<&'a str>,
}

impl LinkRef<'_> {
    fn to_link(self) -> Link {
        Link {
            n: self.n,
            text: self.text.to_string(),
            url: self.url.to_string(),
            title: self.title.map(str::to_string),
        }
    }
}

/// Encodes links (see the module's documentation); `None` for one whose
/// number or strings are too large to encode.
pub(crate) fn pack<'a>(links: impl IntoIterator<Item = LinkRef<'a>> + Clone) -> Option<Vec<u8>> {
    let number = |n: usize| u32::try_from(n).ok();
    let header: Option<Vec<[u32; 4]>> = links
        .clone()
        .into_iter()
        .map(|l| {
            let title = match l.title {
                Some(t) => number(t.len().checked_add(1)?)?,
                None => 0,
            };
            Some([number(l.n)?, number(l.text.len())?, number(l.url.len())?, title])
        })
        .collect();
    let mut out = postcard::to_stdvec(&header?).ok()?;
    for l in links {
        out.extend_from_slice(l.text.as_bytes());
        out.extend_from_slice(l.url.as_bytes());
        out.extend_from_slice(l.title.unwrap_or("").as_bytes());
    }
    Some(out)
}

/// Decodes what [`pack`] encoded, lending its strings; `None` for bytes that
/// are not such an encoding.
fn unpack(bytes: &[u8]) -> Option<Vec<LinkRef<'_>>> {
    let (header, strings) = postcard::take_from_bytes::<Vec<[u32; 4]>>(bytes).ok()?;
    let strings = simdutf8::basic::from_utf8(strings).ok()?;
    let mut at = 0usize;
    let mut take = |len: usize| -> Option<&str> {
        let s = strings.get(at..at.checked_add(len)?)?;
        at += len;
        Some(s)
    };
    let refs = header
        .iter()
        .map(|&[n, text, url, title]| {
            Some(LinkRef {
                n: n as usize,
                text: take(text as usize)?,
                url: take(url as usize)?,
                title: match title {
                    0 => None,
                    t => Some(take(t as usize - 1)?),
                },
            })
        })
        .collect::<Option<Vec<_>>>()?;
    (at == strings.len()).then_some(refs)
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
        match pack(links.iter().map(LinkRef::from)) {
            Some(bytes) => Links {
                decoded: OnceLock::new(),
                encoded: Encoded::Held(bytes.into()),
            },
            None => Links::from(links.to_vec()),
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
                .and_then(|b| unpack(&b).map(|refs| refs.into_iter().map(LinkRef::to_link).collect()))
                .unwrap_or_else(parse)
        })
    }

    /// Calls `f` with the links borrowed from their encoding, decoding no
    /// string and keeping nothing (`parse` as for [`Links::get_or`]).
    pub(crate) fn with_refs<R>(&self, parse: impl FnOnce() -> Vec<Link>, f: impl FnOnce(&[LinkRef<'_>]) -> R) -> R {
        if self.decoded.get().is_none() {
            if let Some(bytes) = self.bytes() {
                if let Some(refs) = unpack(&bytes) {
                    return f(&refs);
                }
            }
        }
        let refs: Vec<LinkRef<'_>> = self.get_or(parse).iter().map(LinkRef::from).collect();
        f(&refs)
    }

    /// The links encoded for the index cache (`parse` as for [`Links::get_or`]).
    pub(crate) fn encode(&self, parse: impl FnOnce() -> Vec<Link>) -> Vec<u8> {
        let packed = |links: &[Link]| pack(links.iter().map(LinkRef::from)).unwrap_or_default();
        match (&self.encoded, self.decoded.get()) {
            (Encoded::Held(bytes), _) => bytes.to_vec(),
            (Encoded::Stored(stored), None) => stored.read().unwrap_or_else(|| packed(&parse())),
            _ => packed(self.get_or(parse)),
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
    use proptest::prelude::*;

    fn link() -> impl Strategy<Value = Link> {
        (
            1usize..100_000,
            "\\PC{0,12}",
            "\\PC{0,30}",
            proptest::option::of("\\PC{0,12}"),
        )
            .prop_map(|(n, text, url, title)| Link { n, text, url, title })
    }

    proptest! {
        /// Packed links unpack as themselves; any cut or changed byte gives
        /// other links or none, never a panic (the index may be damaged).
        #[test]
        fn packed_links_unpack_as_themselves(
            links in proptest::collection::vec(link(), 0..20),
            cut in any::<proptest::sample::Index>(),
            flip in any::<(proptest::sample::Index, u8)>(),
        ) {
            let refs: Vec<LinkRef<'_>> = links.iter().map(LinkRef::from).collect();
            let bytes = pack(refs.iter().copied()).expect("small links pack");
            prop_assert_eq!(unpack(&bytes), Some(refs.clone()));
            let cut = cut.index(bytes.len().max(1));
            prop_assert!(cut == bytes.len() || unpack(&bytes[..cut]).is_none_or(|r| r.len() <= refs.len()));
            let mut flipped = bytes.clone();
            if !flipped.is_empty() {
                let at = flip.0.index(flipped.len());
                flipped[at] ^= flip.1;
                let _ = unpack(&flipped);
            }
        }
    }

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
        assert_eq!(Some(held.encode(never)), pack(refs.iter().copied()));
        assert_eq!(held.get_or(never), links.as_slice());
        // Once decoded, the decoded links are lent.
        assert!(held.with_refs(never, |r| r == refs.as_slice()));
        // Links that are not kept anywhere are parsed when asked for.
        let absent = Links::default();
        assert_eq!(absent.with_refs(sample, |r| r.len()), 2);
        assert_eq!(absent.get_or(Vec::new), links.as_slice());
    }
}
