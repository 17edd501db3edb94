//! One site-generator tag: how it is read, and what it means.

use crate::document::CalloutKind;

/// Which syntax a tag was written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Syntax {
    /// Hugo: `{{< name >}}` or `{{% name %}}`.
    Hugo,
    /// Liquid or Zola block tag: `{% name %}`, `{% name(args) %}`.
    Tag,
    /// Liquid output or Zola inline shortcode: `{{ x }}`, `{{ name(args) }}`.
    Output,
    /// A comment or attribute list that means nothing: `{# #}`, `{: .x}`.
    Nothing,
    /// An MDX/JSX component alone on a line.
    Jsx,
}

/// A tag found in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Shortcode {
    pub syntax: Syntax,
    /// Lower-case name (`figure`, `/alert` closes `alert`).
    pub name: String,
    /// True for a closing tag.
    pub closing: bool,
    /// True for `{{< x />}}` and `<X />`: no content follows.
    pub self_closing: bool,
    /// True when the name had parentheses (Zola).
    pub call: bool,
    /// Arguments: keyed (`src="x"`) or positional.
    pub args: Vec<(Option<String>, String)>,
    /// The tag's text between its delimiters (for escaped shortcodes).
    pub inner: String,
    /// The byte after the tag.
    pub end: usize,
}

impl Shortcode {
    /// The value of the first of `keys`, else the positional argument `pos`.
    fn arg(&self, keys: &[&str], pos: Option<usize>) -> Option<&str> {
        let keyed = self.args.iter().find(|(k, _)| {
            k.as_deref()
                .is_some_and(|k| keys.contains(&k.to_ascii_lowercase().as_str()))
        });
        keyed
            .or_else(|| pos.and_then(|p| self.args.iter().filter(|(k, _)| k.is_none()).nth(p)))
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    }
}

/// What a tag stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Meaning {
    /// This Markdown instead of the tag.
    Text(String),
    /// Nothing.
    Drop,
    /// A region opens: a titled section, quoted as a callout of this GitHub
    /// alert kind when it is one.
    Open {
        title: Option<String>,
        callout: Option<&'static str>,
    },
    /// The region of this name closes.
    Close(String),
    /// The text up to the closing tag, as is (fenced as code of this
    /// language when `fence`): `until` is where that text ends and where the
    /// rewrite goes on, `None` without a closing tag.
    Verbatim {
        fence: Option<String>,
        until: Option<(usize, usize)>,
    },
    /// The text up to `until` is left out (`{% comment %}`).
    Skip(usize),
}

/// The closing delimiters of tags.
const CLOSES: [&str; 6] = [">}}", "%}}", "%}", "}}", "#}", "}"];

/// Remembers where each closing delimiter occurs next, and which closing
/// tags do not occur at all, so that a body full of openers without an end
/// is read in linear time.
#[derive(Debug, Default)]
pub(super) struct Finder {
    /// Per delimiter: searched from, and the first place at or after it.
    next: [Option<(usize, Option<usize>)>; 6],
    /// Closing tags known to be missing after some place.
    missing: foldhash::HashMap<(Syntax, String), usize>,
}

impl Finder {
    /// The first place at or after `from` where delimiter `k` occurs.
    fn find(&mut self, body: &str, k: usize, from: usize) -> Option<usize> {
        if let Some((searched, found)) = self.next[k] {
            if searched <= from && found.is_none_or(|f| f >= from) {
                return found;
            }
        }
        let found = memchr::memmem::find(&body.as_bytes()[from..], CLOSES[k].as_bytes()).map(|i| from + i);
        self.next[k] = Some((from, found));
        found
    }
}

/// Reads the tag that starts at `at` (`{{<`, `{%`, `{{`, `{:`, `{#`), if it is one.
pub(super) fn parse(body: &str, at: usize, finder: &mut Finder) -> Option<Shortcode> {
    let rest = &body[at..];
    let (syntax, open, close) = if rest.starts_with("{{<") {
        (Syntax::Hugo, 3, 0)
    } else if rest.starts_with("{{%") {
        (Syntax::Hugo, 3, 1)
    } else if rest.starts_with("{%") {
        (Syntax::Tag, 2, 2)
    } else if rest.starts_with("{{") {
        (Syntax::Output, 2, 3)
    } else if rest.starts_with("{#") {
        (Syntax::Nothing, 2, 4)
    } else if rest.starts_with("{:") {
        (Syntax::Nothing, 2, 5)
    } else {
        return None;
    };
    let len = finder.find(body, close, at + open)? - (at + open);
    // A tag is short: a long way to a delimiter means this is none.
    if len > 4096 {
        return None;
    }
    let close = CLOSES[close];
    let inner = &rest[open..open + len];
    // A paragraph break ends any tag; `{#id}` is a heading's attribute, not a comment.
    if inner.contains("\n\n") || (open == 2 && rest.starts_with("{#") && inner.contains('}')) {
        return None;
    }
    let end = at + open + len + close.len();
    let mut code = Shortcode {
        syntax,
        name: String::new(),
        closing: false,
        self_closing: false,
        call: false,
        args: Vec::new(),
        inner: inner.to_string(),
        end,
    };
    if syntax == Syntax::Nothing {
        return Some(code);
    }
    let mut text = inner.trim().trim_start_matches('-').trim_end_matches('-').trim();
    if syntax == Syntax::Hugo && text.starts_with("/*") && text.ends_with("*/") {
        return Some(code); // escaped: shown as written, without the comment marks
    }
    if let Some(t) = text.strip_prefix('/') {
        code.closing = true;
        text = t.trim_start();
    }
    if let Some(t) = text.strip_suffix('/') {
        code.self_closing = true;
        text = t.trim_end();
    }
    let name_len = text
        .find(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '/')))
        .unwrap_or(text.len());
    if name_len == 0 {
        return None;
    }
    code.name = text[..name_len].to_ascii_lowercase();
    let mut args = &text[name_len..];
    if let Some(a) = args.trim_start().strip_prefix('(') {
        code.call = true;
        args = a.rsplit_once(')').map_or(a, |(a, _)| a);
    }
    code.args = arguments(args);
    Some(code)
}

/// Arguments: `"quoted"`, `'quoted'`, `bare`, `key=value`, `key="value"`,
/// separated by white space or commas.
fn arguments(text: &str) -> Vec<(Option<String>, String)> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    let value = |chars: &mut std::iter::Peekable<std::str::Chars>| -> String {
        match chars.peek().copied() {
            Some(q @ ('"' | '\'' | '`')) => {
                chars.next();
                chars.by_ref().take_while(|&c| c != q).collect()
            }
            _ => {
                let mut v = String::new();
                while let Some(&c) = chars.peek() {
                    if c.is_whitespace() || c == ',' {
                        break;
                    }
                    v.push(c);
                    chars.next();
                }
                v
            }
        }
    };
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() || c == ',' || c == '|' {
            chars.next();
            continue;
        }
        if matches!(c, '"' | '\'' | '`') {
            out.push((None, value(&mut chars)));
            continue;
        }
        // A word: a key when `=` follows it, else a positional value.
        let mut word = String::new();
        while let Some(&c) = chars.peek() {
            if c.is_whitespace() || c == ',' || c == '=' {
                break;
            }
            word.push(c);
            chars.next();
        }
        if chars.peek() == Some(&'=') {
            chars.next();
            out.push((Some(word), value(&mut chars)));
        } else {
            out.push((None, word));
        }
    }
    out
}

/// A JSX component alone on a line: `<Aside type="tip">`, `</Aside>`, `<Video />`.
pub(super) fn jsx_line(line: &str) -> Option<Shortcode> {
    let inner = line.strip_prefix('<')?.strip_suffix('>')?;
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(i) => (true, i),
        None => (false, inner),
    };
    if !inner.starts_with(|c: char| c.is_ascii_uppercase()) || inner.contains('<') || inner.contains('>') {
        return None;
    }
    let (inner, self_closing) = match inner.trim_end().strip_suffix('/') {
        Some(i) => (i, true),
        None => (inner, false),
    };
    let name_len = inner
        .find(|c: char| !(c.is_alphanumeric() || c == '.' || c == '_'))
        .unwrap_or(inner.len());
    // JSX attribute values may be `{expressions}`: read as plain words.
    let args = arguments(&inner[name_len..].replace(['{', '}'], "\""));
    Some(Shortcode {
        syntax: Syntax::Jsx,
        name: inner[..name_len].to_ascii_lowercase(),
        closing,
        self_closing,
        call: false,
        args,
        inner: inner.to_string(),
        end: 0,
    })
}

/// Shown dim, as kiosk's own note that something was there.
fn dim(what: &str) -> String {
    let what: String = what.chars().filter(|c| !matches!(c, '<' | '>' | '&')).collect();
    format!("<kiosk-dim>⟨{}⟩</kiosk-dim>", what.trim())
}

/// The GitHub alert a callout kind is written as.
fn alert(kind: CalloutKind) -> Option<&'static str> {
    Some(match kind {
        CalloutKind::Note => "NOTE",
        CalloutKind::Tip => "TIP",
        CalloutKind::Important => "IMPORTANT",
        CalloutKind::Warning => "WARNING",
        CalloutKind::Caution => "CAUTION",
        CalloutKind::Section => return None,
    })
}

/// Finds the next tag after `from` that closes `name` (`{{< /name >}}`,
/// `{% endname %}`, `{% end %}`): where it starts and ends.
pub(super) fn find_close(
    body: &str,
    from: usize,
    syntax: Syntax,
    name: &str,
    finder: &mut Finder,
) -> Option<(usize, usize)> {
    let key = (syntax, name.to_string());
    if finder.missing.get(&key).is_some_and(|&after| after <= from) {
        return None;
    }
    let mut at = from;
    while let Some(k) = memchr::memchr(b'{', &body.as_bytes()[at..]) {
        let start = at + k;
        if let Some(tag) = parse(body, start, finder) {
            let closes = match syntax {
                Syntax::Hugo => tag.syntax == Syntax::Hugo && tag.closing && tag.name == name,
                _ => tag.syntax == Syntax::Tag && (tag.name == format!("end{name}") || tag.name == "end"),
            };
            if closes {
                return Some((start, tag.end));
            }
        }
        at = start + 1;
    }
    finder.missing.insert(key, from);
    None
}

/// What a tag means. `paired` tells whether a Hugo tag has a closing tag
/// later; `last_open` is the innermost open region (which `{% end %}` closes).
pub(super) fn meaning(
    code: &Shortcode,
    body: &str,
    paired: bool,
    last_open: Option<&str>,
    finder: &mut Finder,
) -> Meaning {
    let name = code.name.as_str();
    match code.syntax {
        Syntax::Nothing => return Meaning::Drop,
        Syntax::Hugo if name.is_empty() => {
            let inner = code.inner.trim().trim_start_matches("/*").trim_end_matches("*/").trim();
            return Meaning::Text(format!("`{{{{< {inner} >}}}}`"));
        }
        _ => {}
    }
    if code.closing {
        return Meaning::Close(name.to_string());
    }
    if code.syntax == Syntax::Tag && !code.call {
        return liquid(code, body, last_open, finder);
    }
    if code.syntax == Syntax::Output && !code.call {
        let expr = code.inner.trim();
        if expr.contains("url") {
            return Meaning::Drop; // `{{ site.baseurl }}/x`: the rest of the path is the link
        }
        return Meaning::Text(dim(expr.split('|').next().unwrap_or(expr)));
    }
    // Hugo shortcodes and Zola calls share their names.
    let first = || code.arg(&["src", "url", "path", "id"], Some(0));
    let text = match name {
        "figure" | "img" | "image" | "picture" => {
            let src = code.arg(&["src", "path", "url"], Some(0)).unwrap_or("");
            let caption = code.arg(&["caption"], None);
            let alt = code.arg(&["alt", "caption", "title"], None).unwrap_or("");
            let title = code
                .arg(&["title"], None)
                .map(|t| format!(" \"{}\"", t.replace('"', "'")))
                .unwrap_or_default();
            let mut md = format!(
                "![{}](<{}>{title})",
                alt.replace(['[', ']'], ""),
                src.replace(['<', '>'], "")
            );
            if let Some(caption) = caption.filter(|c| *c != alt) {
                md.push_str(&format!("\n\n*{caption}*\n"));
            }
            md
        }
        "ref" | "relref" | "link" => first().unwrap_or("").to_string(),
        "highlight" | "code" | "mermaid" | "chart" | "katex" | "math" if paired || code.syntax != Syntax::Hugo => {
            let lang = if name == "highlight" || name == "code" {
                code.arg(&["lang", "language"], Some(0)).unwrap_or("")
            } else {
                name
            };
            let until = find_close(body, code.end, code.syntax, name, finder);
            return Meaning::Verbatim {
                fence: Some(lang.to_string()),
                until,
            };
        }
        "youtube" | "youtube_simple" => {
            let id = first().unwrap_or("");
            format!("[YouTube video {id}](https://www.youtube.com/watch?v={id})")
        }
        "vimeo" | "vimeo_simple" => {
            let id = first().unwrap_or("");
            format!("[Vimeo video {id}](https://vimeo.com/{id})")
        }
        "tweet" | "twitter" | "twitter_simple" | "x" => {
            let user = code.arg(&["user"], Some(0)).unwrap_or("");
            let id = code.arg(&["id"], Some(1)).unwrap_or("");
            format!("[Post by @{user}](https://x.com/{user}/status/{id})")
        }
        "gist" => match code.arg(&["url"], None) {
            Some(url) => format!("[Gist]({url})"),
            None => {
                let user = code.arg(&["user"], Some(0)).unwrap_or("");
                let id = code.arg(&["id"], Some(1)).unwrap_or("");
                format!("[Gist {user}/{id}](https://gist.github.com/{user}/{id})")
            }
        },
        "instagram" => {
            let id = first().unwrap_or("");
            format!("[Instagram post {id}](https://www.instagram.com/p/{id}/)")
        }
        _ if paired || code.syntax == Syntax::Tag || (code.syntax == Syntax::Jsx && !code.self_closing) => {
            return open(code);
        }
        _ => {
            let label = match code.arg(&["name", "icon"], Some(0)) {
                Some(arg) if name == "icon" || name == "param" => format!("{name} {arg}"),
                _ => name.to_string(),
            };
            dim(&label)
        }
    };
    Meaning::Text(text)
}

/// A region opening: a callout, a titled section, or only its content.
fn open(code: &Shortcode) -> Meaning {
    let name = code.name.as_str();
    let by_arg = code
        .arg(&["type", "kind", "variant", "context", "style", "class"], Some(0))
        .and_then(CalloutKind::from_name);
    let by_name = CalloutKind::from_name(name);
    let title = code
        .arg(&["title", "summary", "label", "name", "header"], None)
        .map(str::to_string);
    match (by_name, by_arg) {
        (Some(CalloutKind::Section), _) if matches!(name, "tabs" | "steps") => Meaning::Open {
            title: None,
            callout: None,
        },
        (Some(CalloutKind::Section), _) => {
            let title = title
                .or_else(|| code.arg(&[], Some(0)).map(str::to_string))
                .map(|t| format!("▸ {t}"));
            Meaning::Open { title, callout: None }
        }
        (Some(kind), arg) => {
            // `alert` without a kind is a warning (Congo, Docsy draw it so).
            let kind = arg
                .filter(|k| *k != CalloutKind::Section)
                .unwrap_or(if name == "alert" { CalloutKind::Warning } else { kind });
            Meaning::Open {
                title,
                callout: alert(kind),
            }
        }
        (None, _) => Meaning::Open { title, callout: None },
    }
}

/// Liquid (and Jinja, Tera) block tags.
fn liquid(code: &Shortcode, body: &str, last_open: Option<&str>, finder: &mut Finder) -> Meaning {
    let name = code.name.as_str();
    match name {
        "raw" | "verbatim" => Meaning::Verbatim {
            fence: None,
            until: find_close(body, code.end, Syntax::Tag, name, finder),
        },
        "highlight" => Meaning::Verbatim {
            fence: Some(code.arg(&[], Some(0)).unwrap_or("").to_string()),
            until: find_close(body, code.end, Syntax::Tag, name, finder),
        },
        "comment" | "capture" => match find_close(body, code.end, Syntax::Tag, name, finder) {
            Some((_, end)) => Meaning::Skip(end),
            None => Meaning::Drop,
        },
        "include" | "include_relative" | "include_cached" | "render" => {
            Meaning::Text(dim(&format!("{name} {}", code.arg(&[], Some(0)).unwrap_or(""))))
        }
        "link" | "post_url" => Meaning::Text(code.arg(&[], Some(0)).unwrap_or("").to_string()),
        "end" => Meaning::Close(last_open.unwrap_or("").to_string()),
        _ => Meaning::Drop,
    }
}
