//! Site-generator syntax understood before the Markdown is parsed: Hugo
//! shortcodes (`{{< name >}}`, `{{% name %}}`), Liquid and Jekyll tags
//! (`{% raw %}`, `{% highlight %}`, `{{ site.x }}`), Zola shortcodes
//! (`{{ name() }}`, `{% name() %}...{% end %}`), Kramdown attribute lists
//! (`{: .class}`), and MDX (`import`/`export` lines, JSX component lines).
//!
//! Each is rewritten into the Markdown it stands for (an image, a link, a
//! fenced code block, a GitHub alert, its inner Markdown) so that the one
//! Markdown reader lays out the result. Code blocks and code spans are
//! copied untouched. A body without any of these markers is borrowed as it
//! is, after one scan.

mod shortcode;

use std::borrow::Cow;

use foldhash::HashSet;
use shortcode::{Finder, Meaning, Shortcode, Syntax};

/// `body` with site-generator syntax rewritten into Markdown.
pub(super) fn rewrite(body: &str) -> Cow<'_, str> {
    if !may_have_syntax(body) {
        return Cow::Borrowed(body);
    }
    let mut r = Rewriter {
        body,
        out: String::with_capacity(body.len() + 64),
        open: Vec::new(),
        depth: 0,
        closers: None,
        finder: Finder::default(),
    };
    r.run();
    Cow::Owned(r.out)
}

/// True when `body` may hold any syntax this module rewrites.
fn may_have_syntax(body: &str) -> bool {
    let bytes = body.as_bytes();
    let braces = memchr::memchr_iter(b'{', bytes).any(|i| matches!(bytes.get(i + 1), Some(b'{' | b'%' | b':' | b'#')));
    braces
        || memchr::memchr_iter(b'\n', bytes)
            .map(|i| i + 1)
            .chain([0])
            .any(|start| line_start_syntax(&bytes[start..]))
}

/// An MDX `import`/`export` line or a JSX component line starts here.
fn line_start_syntax(line: &[u8]) -> bool {
    line.starts_with(b"import ")
        || line.starts_with(b"export ")
        || (line.first() == Some(&b'<') && line.get(1).is_some_and(|c| c.is_ascii_uppercase() || *c == b'/'))
}

/// A region opened by a paired shortcode or component, closed by its name.
struct Open {
    name: String,
    /// Drawn as a callout: its lines are quoted.
    quoted: bool,
}

struct Rewriter<'a> {
    body: &'a str,
    out: String,
    open: Vec<Open>,
    /// How many callouts are open: each line is quoted this many times.
    depth: usize,
    /// The names of every Hugo closing tag in the body (found once, when a
    /// shortcode first asks whether it is paired).
    closers: Option<HashSet<String>>,
    finder: Finder,
}

impl Rewriter<'_> {
    /// Appends text; every new line inside callouts gets their quote marks
    /// (but a final newline: the next line's start quotes it).
    fn push(&mut self, text: &str) {
        // Outside callouts nothing is added: most text of most pages.
        if self.depth == 0 {
            self.out.push_str(text);
            return;
        }
        let parts = text.split('\n').count();
        for (k, part) in text.split('\n').enumerate() {
            if k > 0 {
                self.out.push('\n');
                if k + 1 < parts || !part.is_empty() {
                    self.quote();
                }
            }
            self.out.push_str(part);
        }
    }

    fn quote(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str("> ");
        }
    }

    fn run(&mut self) {
        let body = self.body;
        let mut pos = 0;
        let mut fence: Option<(u8, usize)> = None;
        let mut prev_blank = true;
        let mut indented_code = false;
        // Inside a list, indented lines continue its items: they are not code.
        let mut in_list = false;
        let mut first_line = true;
        while pos < body.len() {
            let end = memchr::memchr(b'\n', &body.as_bytes()[pos..]).map_or(body.len(), |k| pos + k + 1);
            let line = &body[pos..end];
            if !first_line {
                self.quote();
            }
            first_line = false;
            let trimmed = line.trim_start();
            let indent = line.len() - trimmed.len();
            // Code blocks are copied as they are.
            if let Some((ch, len)) = fence {
                if indent < 4
                    && fence_len(trimmed, ch) >= len
                    && trimmed.trim_start_matches(ch as char).trim().is_empty()
                {
                    fence = None;
                }
                self.out.push_str(line);
                pos = end;
                continue;
            }
            if indent < 4 {
                for ch in [b'`', b'~'] {
                    let len = fence_len(trimmed, ch);
                    if len >= 3 && !(ch == b'`' && trimmed[len..].contains('`')) {
                        fence = Some((ch, len));
                    }
                }
                if fence.is_some() {
                    self.out.push_str(line);
                    pos = end;
                    prev_blank = false;
                    continue;
                }
            }
            let blank = trimmed.trim().is_empty();
            let indented = line.starts_with("    ") || line.starts_with('\t');
            if !blank && !indented {
                in_list = is_list_item(trimmed);
            }
            indented_code = !blank
                && indented
                && !in_list
                && (prev_blank || indented_code)
                && self.depth == 0
                && self.open.is_empty();
            if indented_code {
                self.out.push_str(line);
                pos = end;
                prev_blank = false;
                continue;
            }
            prev_blank = blank;
            pos = match self.line_syntax(pos, end, trimmed) {
                Some(next) => next,
                None => self.inline(pos, end),
            };
        }
    }

    /// Whole-line syntax at `pos`: MDX imports and exports, JSX component
    /// lines, Kramdown attribute lines. Returns where the next line starts.
    fn line_syntax(&mut self, pos: usize, end: usize, trimmed: &str) -> Option<usize> {
        if pos > 0 && !self.body[..pos].ends_with('\n') {
            return None;
        }
        let body = self.body;
        let t = trimmed.trim_end();
        let mdx_import = (t.starts_with("import ") && (t.contains(" from ") || t.contains('\'') || t.contains('"')))
            || (t.starts_with("export ")
                && [
                    "const ",
                    "let ",
                    "var ",
                    "function ",
                    "default ",
                    "{",
                    "*",
                    "async ",
                    "class ",
                ]
                .iter()
                .any(|k| t["export ".len()..].starts_with(k)));
        if mdx_import {
            // A statement over several lines ends where its brackets close.
            let mut balance = 0i64;
            let mut at = pos;
            loop {
                let e = memchr::memchr(b'\n', &body.as_bytes()[at..]).map_or(body.len(), |k| at + k + 1);
                for c in body[at..e].chars() {
                    match c {
                        '{' | '(' | '[' => balance += 1,
                        '}' | ')' | ']' => balance -= 1,
                        _ => {}
                    }
                }
                at = e;
                if balance <= 0 || at >= body.len() {
                    return Some(at);
                }
            }
        }
        // Kramdown: `{: .class}` or `{::options ...}` alone on a line.
        if t.starts_with("{:") && t.ends_with('}') {
            self.out.push('\n');
            return Some(end);
        }
        // JSX components alone on their line: `<Aside type="tip">`, `</Aside>`, `<Video />`.
        if let Some(tag) = shortcode::jsx_line(t) {
            self.apply(tag, true);
            self.out.push('\n');
            return Some(end);
        }
        None
    }

    /// Copies a line, rewriting the syntax in it outside code spans.
    /// Returns where the rewrite stopped (a tag may span lines).
    fn inline(&mut self, start: usize, end: usize) -> usize {
        let body = self.body;
        let bytes = body.as_bytes();
        let mut done = start;
        let mut at = start;
        while at < end {
            match bytes[at] {
                b'`' => {
                    // A code span: copied up to its closing run of the same length.
                    let run = bytes[at..end].iter().take_while(|&&b| b == b'`').count();
                    let ticks = &body[at..at + run];
                    let close = body[at + run..end].find(ticks).map(|k| at + run + k + run);
                    at = close.unwrap_or(at + run);
                }
                b'{' if matches!(bytes.get(at + 1), Some(b'{' | b'%' | b':' | b'#')) => {
                    let Some(found) = shortcode::parse(body, at, &mut self.finder) else {
                        at += 1;
                        continue;
                    };
                    self.push(&body[done..at]);
                    let alone = body[start..at].trim().is_empty()
                        && body[found.end..]
                            .split('\n')
                            .next()
                            .is_some_and(|r| r.trim().is_empty());
                    let next = found.end;
                    let skip_to = self.apply(found, alone);
                    at = skip_to.unwrap_or(next);
                    done = at;
                    if at >= end {
                        return at;
                    }
                }
                _ => at += 1,
            }
        }
        self.push(&body[done..end]);
        end
    }

    /// Writes what a shortcode means; returns where to go on when it took
    /// text after it (a code block up to its closing tag).
    fn apply(&mut self, code: Shortcode, alone: bool) -> Option<usize> {
        let paired = code.syntax == Syntax::Hugo && !code.self_closing && self.closers().contains(&code.name);
        let last_open = self.open.last().map(|o| o.name.clone());
        match shortcode::meaning(&code, self.body, paired, last_open.as_deref(), &mut self.finder) {
            Meaning::Skip(until) => return Some(until),
            Meaning::Text(text) => self.push(&text),
            Meaning::Drop => {}
            Meaning::Open { title, callout } => {
                if !alone {
                    self.push(&title.map(|t| format!("**{t}** ")).unwrap_or_default());
                    self.open.push(Open {
                        name: code.name,
                        quoted: false,
                    });
                    return None;
                }
                match callout {
                    Some(kind) => {
                        self.push(&format!("\n> [!{kind}]"));
                        self.depth += 1;
                        if let Some(title) = title {
                            self.push(&format!("\n**{title}**\n"));
                        }
                    }
                    None => {
                        if let Some(title) = title {
                            self.push(&format!("\n**{title}**\n"));
                        }
                    }
                }
                self.open.push(Open {
                    name: code.name,
                    quoted: callout.is_some(),
                });
            }
            Meaning::Close(name) => {
                if let Some(k) = self.open.iter().rposition(|o| o.name == name) {
                    for o in self.open.drain(k..).rev().collect::<Vec<_>>() {
                        if o.quoted {
                            self.depth = self.depth.saturating_sub(1);
                        }
                    }
                    self.push("\n");
                }
            }
            Meaning::Verbatim { fence, until } => {
                // Up to the closing tag, as is; fenced when it is code.
                let (inner, next) = match until {
                    Some((inner_end, next)) => (&self.body[code.end..inner_end], next),
                    None => (&self.body[code.end..], self.body.len()),
                };
                match fence {
                    Some(lang) => {
                        let inner = inner.trim_matches('\n');
                        self.push(&format!("\n```{lang}\n{inner}\n```\n"));
                    }
                    None => self.push(inner),
                }
                return Some(next);
            }
        }
        None
    }
}

impl Rewriter<'_> {
    fn closers(&mut self) -> &HashSet<String> {
        let body = self.body;
        let finder = &mut self.finder;
        self.closers.get_or_insert_with(|| {
            memchr::memmem::find_iter(body.as_bytes(), b"{{")
                .filter_map(|at| shortcode::parse(body, at, finder))
                .filter(|c| c.syntax == Syntax::Hugo && c.closing)
                .map(|c| c.name)
                .collect()
        })
    }
}

/// True for the first line of a list item: `- `, `* `, `+ `, `1. `, `1) `.
fn is_list_item(line: &str) -> bool {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &line[digits..];
    if digits > 0 {
        return rest.starts_with(". ") || rest.starts_with(") ");
    }
    ["- ", "* ", "+ "].iter().any(|m| line.starts_with(m))
}

/// The length of a run of `ch` at the start of `line`.
fn fence_len(line: &str, ch: u8) -> usize {
    line.bytes().take_while(|&b| b == ch).count()
}

#[cfg(test)]
#[path = "sitegen_tests.rs"]
mod tests;
