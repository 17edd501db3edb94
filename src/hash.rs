//! The hashes kiosk keeps on disk: of an article's bytes (read marks, the
//! index cache), of cited URLs (pairing translations) and of source code
//! (the index cache's version). A leaf: it imports nothing of kiosk, so the
//! model, the loader and the read-marks store can all use it.

/// XXH3, 64 bits: a stable content hash (its output is fixed by its
/// specification, unlike std's hashers; the state file outlives releases) that
/// runs at memory speed.
pub fn content_hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// The content hash of kiosk 0.1 (FNV-1a, 64 bits), still found in the read
/// marks of older state files (the read-marks store upgrades them).
pub fn legacy_content_hash(bytes: &[u8]) -> u64 {
    fnv1a(FNV_OFFSET, bytes)
}

/// The hash of a cited URL, as written: what pairing translations compares
/// instead of the URLs themselves.
pub fn url_hash(url: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(url.as_bytes())
}

/// FNV-1a's starting value.
pub(crate) const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a from the hash `h` of what came before `bytes` (usable in constants:
/// the index cache hashes the loader's sources with it at compile time).
pub(crate) const fn fnv1a(mut h: u64, bytes: &[u8]) -> u64 {
    let mut i = 0;
    while i < bytes.len() {
        h ^= bytes[i] as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
        i += 1;
    }
    h
}
