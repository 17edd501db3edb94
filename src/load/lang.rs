//! Language codes: normalising declared ones and detecting missing ones.
//!
//! How codes are written: a declared language (front matter) is its
//! lower-case primary code (`de-CH` → `de`), except Chinese, whose script or
//! region names a different written language (`zh-Hans` → `zh-hans`,
//! `zh_TW` → `zh-tw`). A language a path names (a folder, a `name.LANG.md`
//! suffix, a site config) is the site's own name for it, lower-cased with
//! `-` (`zh-CN` → `zh-cn`, `pt_BR` → `pt-br`; see [`codes::tag`]): a
//! site's languages are what its folder holds. Detection gives primary
//! codes (`zh` for Chinese).

pub mod codes;

/// Normalises a declared language to a lower-case primary code:
/// `EN` → `en`, `de-CH` → `de`, `pt_BR` → `pt`, `German` → `de`; Chinese
/// keeps its script or region (`zh-Hans` → `zh-hans`).
/// Returns `None` for something that is not a language.
pub fn normalise(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let primary = raw
        .split(['-', '_', '.', ' '])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    if primary == "zh" {
        if let Some(tag) = codes::tag(raw.split(['.', ' ']).next().unwrap_or("")) {
            return Some(tag);
        }
    }
    if (2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_lowercase()) {
        return Some(primary);
    }
    let name = raw.to_lowercase();
    let code = match name.as_str() {
        "english" | "englisch" => "en",
        "german" | "deutsch" => "de",
        "french" | "français" | "francais" | "französisch" => "fr",
        "spanish" | "español" | "espanol" => "es",
        "italian" | "italiano" => "it",
        "dutch" | "nederlands" => "nl",
        "portuguese" | "português" => "pt",
        "russian" | "русский" => "ru",
        "chinese" | "中文" => "zh",
        "japanese" | "日本語" => "ja",
        _ => return None,
    };
    Some(code.to_string())
}

/// Characters of text that language detection looks at: enough to be
/// reliable, and cheap on very long articles.
pub const SAMPLE_CHARS: usize = 600;

/// Detects the language of a text (prose: see [`crate::load::prose`]);
/// `None` when the guess is not reliable. Chinese, Japanese and Korean are
/// told by their scripts; the first third of the sample is tried first,
/// and the rest only looked at when that is not decisive.
pub fn detect(text: &str) -> Option<String> {
    let sample = prefix(text, SAMPLE_CHARS);
    let start = prefix(sample, SAMPLE_CHARS / 3);
    for part in [start, sample] {
        match by_script(part) {
            Script::Cjk(code) => return Some(code.to_string()),
            Script::Unsure => return None,
            Script::Other => {}
        }
        if let Some(code) = german_or_english(part) {
            return Some(code.to_string());
        }
        if part.len() == sample.len() {
            break;
        }
    }
    detect_with_whatlang(sample)
}

/// The first `chars` characters of `text`.
fn prefix(text: &str, chars: usize) -> &str {
    match text.char_indices().nth(chars) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}

/// What the scripts of a text say.
#[derive(Debug, PartialEq, Eq)]
enum Script {
    /// Mostly Chinese, Japanese or Korean, and which.
    Cjk(&'static str),
    /// A real share of CJK characters, too few or too mixed to tell.
    Unsure,
    /// Little or no CJK: other means decide.
    Other,
}

/// Decides Chinese, Japanese and Korean by script: kana means Japanese,
/// hangul Korean, Han characters alone Chinese. Needs at least 10 CJK
/// characters, a fifth of the letters.
fn by_script(text: &str) -> Script {
    let (mut letters, mut kana, mut hangul, mut han) = (0usize, 0usize, 0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        match c as u32 {
            0x3040..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F => kana += 1,
            0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => hangul += 1,
            0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF => han += 1,
            _ => {}
        }
    }
    let cjk = kana + hangul + han;
    if cjk == 0 || cjk * 5 < letters {
        return Script::Other;
    }
    if cjk < 10 {
        return Script::Unsure;
    }
    if kana >= 3 && kana * 20 >= cjk && kana >= hangul {
        Script::Cjk("ja")
    } else if hangul * 4 >= cjk {
        Script::Cjk("ko")
    } else if hangul == 0 && kana == 0 {
        Script::Cjk("zh")
    } else {
        Script::Unsure
    }
}

/// Function words frequent in German and absent from English and from the
/// languages nearest German (Dutch, the Scandinavian ones).
const GERMAN: [&str; 16] = [
    "und", "der", "nicht", "ist", "mit", "sich", "auch", "auf", "für", "eine", "einer", "dass", "wird", "werden", "zu",
    "über",
];

/// Function words frequent in English and absent from German, Dutch, the
/// Scandinavian languages and French.
const ENGLISH: [&str; 10] = [
    "the", "and", "that", "with", "this", "are", "have", "from", "which", "not",
];

/// The two languages most articles are in, told apart by their function
/// words when the evidence is overwhelming: a fast path in front of
/// whatlang, whose cost is mostly fixed per text. `None` leaves the text to
/// whatlang (a test checks that whatlang never says otherwise where this
/// answers; it may be unsure).
pub fn german_or_english(sample: &str) -> Option<&'static str> {
    let (mut words, mut de, mut en) = (0usize, 0usize, 0usize);
    for word in sample.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()) {
        words += 1;
        if word.len() > 6 {
            continue;
        }
        // Lower-cased into a buffer on the stack: no copy of every word.
        let mut lower = [0u8; 6];
        let mut len = 0;
        for c in word.chars() {
            let c = if c.is_ascii() {
                c.to_ascii_lowercase()
            } else {
                let mut l = c.to_lowercase();
                match (l.next(), l.next()) {
                    (Some(l), None) => l,
                    _ => '\0',
                }
            };
            let Some(slot) = lower.get_mut(len..len + c.len_utf8()) else {
                len = usize::MAX;
                break;
            };
            c.encode_utf8(slot);
            len += c.len_utf8();
        }
        let Some(lower) = lower.get(..len).and_then(|l| std::str::from_utf8(l).ok()) else {
            continue;
        };
        if GERMAN.contains(&lower) {
            de += 1;
        } else if ENGLISH.contains(&lower) {
            en += 1;
        }
    }
    let decide = |win: usize, lose: usize| win >= 8 && win >= 6 * (lose + 1) && win * 100 >= 8 * words;
    if decide(de, en) {
        Some("de")
    } else if decide(en, de) {
        Some("en")
    } else {
        None
    }
}

/// Detects the language with whatlang alone; `None` when unreliable.
pub fn detect_with_whatlang(sample: &str) -> Option<String> {
    let info = whatlang::detect(sample)?;
    if info.confidence() < 0.5 && !info.is_reliable() {
        return None;
    }
    Some(iso639_1(info.lang()).to_string())
}

/// Maps whatlang's ISO 639-3 languages to the two-letter codes front matter uses.
fn iso639_1(lang: whatlang::Lang) -> &'static str {
    use whatlang::Lang::*;
    match lang {
        Eng => "en",
        Deu => "de",
        Fra => "fr",
        Spa => "es",
        Ita => "it",
        Por => "pt",
        Nld => "nl",
        Rus => "ru",
        Ukr => "uk",
        Pol => "pl",
        Ces => "cs",
        Slk => "sk",
        Slv => "sl",
        Hrv => "hr",
        Srp => "sr",
        Bul => "bg",
        Ron => "ro",
        Hun => "hu",
        Fin => "fi",
        Swe => "sv",
        Dan => "da",
        Nob => "nb",
        Est => "et",
        Lav => "lv",
        Lit => "lt",
        Ell => "el",
        Tur => "tr",
        Ara => "ar",
        Heb => "he",
        Pes => "fa",
        Hin => "hi",
        Ben => "bn",
        Cmn => "zh",
        Jpn => "ja",
        Kor => "ko",
        Vie => "vi",
        Tha => "th",
        Ind => "id",
        Epo => "eo",
        Cat => "ca",
        Bel => "be",
        Kat => "ka",
        Hye => "hy",
        Afr => "af",
        Lat => "la",
        Tgl => "tl",
        Urd => "ur",
        Tam => "ta",
        Tel => "te",
        Mar => "mr",
        Guj => "gu",
        Pan => "pa",
        Kan => "kn",
        Mal => "ml",
        Ori => "or",
        Nep => "ne",
        Sin => "si",
        Mya => "my",
        Khm => "km",
        Amh => "am",
        Yid => "yi",
        Aze => "az",
        Uzb => "uz",
        Mkd => "mk",
        Zul => "zu",
        Sna => "sn",
        Aka => "ak",
        Jav => "jv",
        Tuk => "tk",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What [`german_or_english`] counts, the plain way: every word
    /// lower-cased.
    fn counted_plainly(sample: &str) -> (usize, usize) {
        let words = sample.split(|c: char| !c.is_alphabetic()).map(str::to_lowercase);
        words.fold((0, 0), |(de, en), w| {
            (
                de + usize::from(GERMAN.contains(&w.as_str())),
                en + usize::from(ENGLISH.contains(&w.as_str())),
            )
        })
    }

    proptest! {
        /// Function words in any case, near misses and other scripts: the
        /// fast path decides as counting lower-cased copies would.
        #[test]
        fn function_words_are_found_in_any_case(words in proptest::collection::vec(
            prop_oneof![
                proptest::sample::select(GERMAN.iter().chain(&ENGLISH).copied().collect::<Vec<_>>())
                    .prop_flat_map(|w| proptest::collection::vec(any::<bool>(), w.chars().count()).prop_map(move |up| {
                        w.chars().zip(up).map(|(c, u)| if u { c.to_uppercase().collect::<String>() } else { c.to_string() }).collect::<String>()
                    })),
                Just("Über".to_string()), Just("FÜR".to_string()), Just("fur".to_string()), Just("theе".to_string()),
                "[a-zA-Zäöüß]{1,8}", "\\PC{1,6}",
            ],
            0..120,
        ), sep in proptest::sample::select(vec![" ", ", ", "\n", "-"])) {
            let sample = words.join(sep);
            let (de, en) = counted_plainly(&sample);
            let words = sample.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).count();
            let decide = |win: usize, lose: usize| win >= 8 && win >= 6 * (lose + 1) && win * 100 >= 8 * words;
            let expected = if decide(de, en) { Some("de") } else if decide(en, de) { Some("en") } else { None };
            prop_assert_eq!(german_or_english(&sample), expected);
        }
    }

    #[test]
    fn normalises_codes_and_names() {
        assert_eq!(normalise("EN").as_deref(), Some("en"));
        assert_eq!(normalise("de-CH").as_deref(), Some("de"));
        assert_eq!(normalise("pt_BR").as_deref(), Some("pt"));
        assert_eq!(normalise("zh-Hans").as_deref(), Some("zh-hans"));
        assert_eq!(normalise("zh_TW").as_deref(), Some("zh-tw"));
        assert_eq!(normalise("ZH").as_deref(), Some("zh"));
        assert_eq!(normalise("German").as_deref(), Some("de"));
        assert_eq!(normalise("x"), None);
        assert_eq!(normalise("4711"), None);
    }

    #[test]
    fn detects_german_and_english() {
        let de = "Die Daten wurden im Rahmen der sogenannten Recherche gesammelt und vom Kollektiv veröffentlicht.";
        let en = "The data was collected as part of the so-called research and published by the collective.";
        assert_eq!(detect(de).as_deref(), Some("de"));
        assert_eq!(detect(en).as_deref(), Some("en"));
    }
}
