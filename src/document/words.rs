//! Counting words fast: the word count of every article is made at load.

/// The number of words of `text`, as `text.split_whitespace().count()`, but
/// 64 bytes at a time: white space is found as a bit mask, and word starts
/// are the bits of non-space after space. Only the lead bytes of the few
/// non-ASCII white-space characters (U+0085, U+00A0, U+1680, U+2000-U+205F,
/// U+3000) are looked at one by one.
///
/// ```
/// assert_eq!(kiosk::document::count_words(" Über\u{a0}die  Straße\u{3000}大 "), 4);
/// ```
pub fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut words = 0;
    // Whether the byte before the chunk is (part of) white space.
    let mut after_space = true;
    // The bytes of a white-space character that runs on into the next chunk.
    let mut carry = 0u64;
    for (at, chunk) in bytes.chunks(64).enumerate().map(|(n, c)| (n * 64, c)) {
        let (mut space, mut lead) = match <&[u8; 64]>::try_from(chunk) {
            Ok(chunk) => masks(chunk),
            Err(_) => {
                // The last chunk is padded with spaces, which start no word.
                let mut padded = [b' '; 64];
                padded[..chunk.len()].copy_from_slice(chunk);
                masks(&padded)
            }
        };
        space |= carry;
        carry = 0;
        while lead != 0 {
            let k = lead.trailing_zeros() as usize;
            lead &= lead - 1;
            let len = wide_space_len(&bytes[at + k..]);
            if len > 0 {
                let bits = ((1u128 << len) - 1) << k;
                space |= bits as u64;
                carry |= (bits >> 64) as u64;
            }
        }
        let starts = !space & ((space << 1) | u64::from(after_space));
        words += starts.count_ones() as usize;
        after_space = space >> 63 == 1;
    }
    words
}

/// Bit masks of a chunk: its ASCII white space, and the lead bytes of the
/// non-ASCII white-space characters (0xC2, 0xE1-0xE3; not all of them lead
/// white space). 16 bytes per compare (SSE2 on x86-64, through `wide`).
fn masks(chunk: &[u8; 64]) -> (u64, u64) {
    use wide::u8x16;
    let (mut space, mut lead) = (0u64, 0u64);
    for (k, part) in chunk.chunks_exact(16).enumerate() {
        let mut lanes = [0u8; 16];
        lanes.copy_from_slice(part);
        let x = u8x16::new(lanes);
        // Unsigned `lo <= x <= lo + span` as `min(x - lo, span) == x - lo`.
        let within = |lo: u8, span: u8| {
            let t = x - u8x16::splat(lo);
            t.min(u8x16::splat(span)).simd_eq(t)
        };
        let is = |b: u8| x.simd_eq(u8x16::splat(b));
        let s = is(b' ') | within(b'\t', 4);
        let l = is(0xC2) | within(0xE1, 2);
        space |= u64::from(s.to_bitmask()) << (16 * k);
        lead |= u64::from(l.to_bitmask()) << (16 * k);
    }
    (space, lead)
}

/// The length of the non-ASCII white-space character `bytes` starts with,
/// or 0.
fn wide_space_len(bytes: &[u8]) -> usize {
    match bytes {
        [0xC2, 0x85 | 0xA0, ..] => 2,
        [0xE1, 0x9A, 0x80, ..]
        | [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..]
        | [0xE2, 0x81, 0x9F, ..]
        | [0xE3, 0x80, 0x80, ..] => 3,
        _ => 0,
    }
}
