//! Decoding fetched bytes to text: the charset from the `Content-Type`
//! header, else a byte order mark, else what the document declares (HTML
//! `<meta charset>` / `http-equiv`, or an XML declaration), else UTF-8.
//! Undecodable bytes become U+FFFD rather than failing the page.

use encoding_rs::{Encoding, UTF_8};

/// How far into a document its own charset declaration is looked for (the
/// HTML standard's prescan looks at the first 1024 bytes).
const PRESCAN: usize = 1024;

/// The text of `bytes`, decoded as header, BOM or document say.
pub fn decode(bytes: &[u8], content_type: Option<&str>) -> String {
    let encoding = content_type
        .and_then(charset_param)
        .and_then(|label| Encoding::for_label(label.as_bytes()))
        .or_else(|| Encoding::for_bom(bytes).map(|(e, _)| e))
        .or_else(|| declared(&bytes[..bytes.len().min(PRESCAN)]))
        .unwrap_or(UTF_8);
    // UTF-16 declared inside an ASCII-compatible prefix is a lie the
    // standard says to read as UTF-8.
    let encoding = if encoding.is_ascii_compatible() || Encoding::for_bom(bytes).is_some() {
        encoding
    } else {
        UTF_8
    };
    let (text, _, _) = encoding.decode(bytes);
    text.into_owned()
}

/// The `charset=` parameter of a `Content-Type` value.
fn charset_param(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (key, value) = param.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(['"', '\'']).to_string())
    })
}

/// The encoding a document names in its first bytes: `<?xml ...
/// encoding="..."?>`, `<meta charset="...">`, or `<meta http-equiv=
/// "Content-Type" content="text/html; charset=...">`.
fn declared(head: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    if head.trim_start().starts_with("<?xml") {
        let decl = &head[..head.find("?>").unwrap_or(head.len())];
        if let Some(label) = attribute_value(decl, "encoding") {
            return Encoding::for_label(label.as_bytes());
        }
    }
    let mut rest = head.as_str();
    while let Some(at) = rest.find("<meta") {
        let tag = &rest[at..];
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        if let Some(label) = attribute_value(tag, "charset") {
            return Encoding::for_label(label.as_bytes());
        }
        if let Some(label) = attribute_value(tag, "content").as_deref().and_then(charset_param) {
            return Encoding::for_label(label.as_bytes());
        }
        rest = &rest[at + 5..];
    }
    None
}

/// The value of `name=` in a tag's text (quoted or not).
fn attribute_value(tag: &str, name: &str) -> Option<String> {
    let mut from = 0;
    while let Some(at) = tag[from..].find(name) {
        let start = from + at;
        from = start + name.len();
        let before_ok =
            start == 0 || !tag.as_bytes()[start - 1].is_ascii_alphanumeric() && tag.as_bytes()[start - 1] != b'-';
        let after = tag[from..].trim_start();
        if !before_ok || !after.starts_with('=') {
            continue;
        }
        let value = after[1..].trim_start();
        let value = match value.chars().next() {
            Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or(""),
            _ => value
                .split(|c: char| c.is_whitespace() || matches!(c, '>' | '/' | '"' | '\'' | ';'))
                .next()
                .unwrap_or(""),
        };
        return Some(value.trim().to_string());
    }
    None
}

/// `text` (an XML document already decoded) with the encoding of its XML
/// declaration dropped, so that an XML parser reads it as the UTF-8 it now is.
pub fn drop_xml_encoding(text: &str) -> std::borrow::Cow<'_, str> {
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if !trimmed.starts_with("<?xml") {
        return text.into();
    }
    let offset = text.len() - trimmed.len();
    let end = trimmed.find("?>").map_or(0, |e| e + 2);
    if end == 0 {
        return text.into();
    }
    format!("<?xml version=\"1.0\"?>{}", &text[offset + end..]).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_wins_then_bom_then_meta_then_utf8() {
        let latin1 = b"<html><head><meta charset=\"utf-8\"></head>caf\xe9</html>";
        assert!(decode(latin1, Some("text/html; charset=ISO-8859-1")).contains("café"));
        let meta = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"></head>\x93hi\x94</html>";
        assert!(decode(meta, Some("text/html")).contains("\u{201c}hi\u{201d}"));
        let short = b"<meta charset=koi8-r><p>\xf0\xd2\xc9\xd7\xc5\xd4";
        assert!(decode(short, None).ends_with("Привет"));
        let xml = b"<?xml version='1.0' encoding='ISO-8859-15'?><rss>\xa4</rss>";
        assert!(decode(xml, None).contains('€'));
        assert_eq!(decode("plain ü".as_bytes(), None), "plain ü");
        let bom = b"\xef\xbb\xbf<meta charset=latin1>\xc3\xbc";
        assert!(decode(bom, None).ends_with('ü'));
    }

    #[test]
    fn the_xml_declaration_loses_its_encoding() {
        assert_eq!(
            drop_xml_encoding("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss/>"),
            "<?xml version=\"1.0\"?><rss/>"
        );
        assert_eq!(drop_xml_encoding("<rss/>"), "<rss/>");
    }
}
