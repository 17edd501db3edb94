//! Language tags as sites name their folders and files: an ISO 639-1 code,
//! optionally followed by a script or region (`zh-Hans`, `zh-cn`, `pt_BR`).

/// Every ISO 639-1 code. A path part counts as a language only when its
/// primary subtag is one of these: `v2`, `old` or `js` never do.
const ISO_639_1: [&str; 184] = [
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bh", "bi", "bm", "bn",
    "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da", "de", "dv", "dz", "ee", "el", "en",
    "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr", "fy", "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he",
    "hi", "ho", "hr", "ht", "hu", "hy", "hz", "ia", "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv",
    "ka", "kg", "ki", "kj", "kk", "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li",
    "ln", "lo", "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my", "na", "nb", "nd", "ne",
    "ng", "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa", "pi", "pl", "ps", "pt", "qu", "rm",
    "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk", "sl", "sm", "sn", "so", "sq", "sr", "ss", "st",
    "su", "sv", "sw", "ta", "te", "tg", "th", "ti", "tk", "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk",
    "ur", "uz", "ve", "vi", "vo", "wa", "wo", "xh", "yi", "yo", "za", "zh", "zu",
];

/// True for an ISO 639-1 code (lower case).
pub fn is_iso_639_1(code: &str) -> bool {
    ISO_639_1.binary_search(&code).is_ok()
}

/// The language tag a folder or file-name part names, lower-cased with `-`
/// between subtags (`zh-Hans` → `zh-hans`, `pt_BR` → `pt-br`, `de` → `de`),
/// or `None` when it is not one: the primary subtag must be an ISO 639-1
/// code, and a second subtag a script (4 letters) or a region (2 letters or
/// 3 digits). Sites name languages this way; the tag is kept whole, so
/// that a site with both `zh-cn` and `zh-tw` keeps them apart.
///
/// ```
/// use kiosk::load::lang::codes::tag;
/// assert_eq!(tag("zh-Hans").as_deref(), Some("zh-hans"));
/// assert_eq!(tag("pt_BR").as_deref(), Some("pt-br"));
/// assert_eq!(tag("de").as_deref(), Some("de"));
/// assert_eq!(tag("v2"), None);
/// assert_eq!(tag("docs"), None);
/// ```
pub fn tag(raw: &str) -> Option<String> {
    let mut parts = raw.split(['-', '_']);
    let primary = parts.next()?;
    if primary.len() != 2 || !primary.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let primary = primary.to_ascii_lowercase();
    if !is_iso_639_1(&primary) {
        return None;
    }
    let Some(second) = parts.next() else {
        return Some(primary);
    };
    let script = second.len() == 4 && second.bytes().all(|b| b.is_ascii_alphabetic());
    let region = (second.len() == 2 && second.bytes().all(|b| b.is_ascii_alphabetic()))
        || (second.len() == 3 && second.bytes().all(|b| b.is_ascii_digit()));
    if parts.next().is_some() || !(script || region) {
        return None;
    }
    Some(format!("{primary}-{}", second.to_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// A tag is lower case, is its own tag, and starts with an ISO
        /// 639-1 code.
        #[test]
        fn tags_are_stable(raw in "[a-zA-Z0-9_-]{0,12}") {
            if let Some(t) = tag(&raw) {
                proptest::prop_assert_eq!(t.to_ascii_lowercase(), t.clone());
                proptest::prop_assert_eq!(tag(&t), Some(t.clone()));
                proptest::prop_assert!(is_iso_639_1(&t[..2]));
            }
        }
    }

    #[test]
    fn the_list_is_sorted_for_binary_search() {
        assert!(ISO_639_1.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn tags_keep_their_region_or_script() {
        assert_eq!(tag("zh-cn").as_deref(), Some("zh-cn"));
        assert_eq!(tag("zh-CN").as_deref(), Some("zh-cn"));
        assert_eq!(tag("zh-Hans").as_deref(), Some("zh-hans"));
        assert_eq!(tag("es-419").as_deref(), Some("es-419"));
        for not in [
            "",
            "x",
            "eng",
            "old",
            "v2",
            "js",
            "de-",
            "de-CH-x",
            "de-toolong",
            "img",
            "12",
        ] {
            assert_eq!(tag(not), None, "{not}");
        }
    }
}
