//! Writes a deterministic corpus of articles for tests and benchmarks.
//!
//! `cargo run --release --example gen_corpus -- DIR N` writes N articles into
//! DIR; `gen_corpus --long FILE` writes one 1 MiB Markdown article to FILE
//! (for `kiosk show` against `mdcat`).
//!
//! `gen_corpus --profile site DIR N` writes a documentation site instead
//! (see `corpus/site.rs`): Hugo language folders, no `lang` keys, small pages
//! with code, tables, shortcodes and raw HTML, CJK translations.
//!
//! The corpus: about 70% Markdown with YAML front matter in every shape the loader
//! accepts (tags as string, comma list or list; dates in several forms; de and
//! en; some fields missing; some drafts) and 30% plain text, each 5-20 KB with
//! headings, titled links, lists, umlauts, CJK and emoji.

use std::fmt::Write as _;
use std::path::Path;

#[path = "corpus/site.rs"]
pub mod site;

/// A small deterministic generator (xorshift64*), so corpora are reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const DE: &[&str] = &[
    "Daten",
    "Überwachung",
    "Behörden",
    "die",
    "der",
    "und",
    "Plattform",
    "Nutzerinnen",
    "werden",
    "Größe",
    "Sicherheit",
    "Rechenzentren",
    "veröffentlicht",
    "für",
    "mit",
    "nicht",
    "Regierung",
    "Änderung",
    "zeigt",
    "Straße",
    "möglich",
    "Gespräch",
    "über",
    "Zugriff",
    "Konzern",
    "Bericht",
];
const EN: &[&str] = &[
    "data",
    "surveillance",
    "authorities",
    "the",
    "and",
    "platform",
    "users",
    "were",
    "security",
    "report",
    "government",
    "shows",
    "with",
    "not",
    "for",
    "access",
    "company",
    "leaked",
    "documents",
    "published",
    "network",
    "policy",
    "research",
    "of",
    "to",
    "in",
];
const EXTRA: &[&str] = &[
    "数据",
    "監視",
    "🙂",
    "👩‍💻",
    "naïve",
    "café",
    "Zürich",
    "🇩🇪",
    "東京",
    "résumé",
];
const TAGS: &[&str] = &[
    "Staat",
    "State",
    "Technik",
    "Privacy",
    "Netz",
    "Politik",
    "Wirtschaft",
    "Science",
];
const DOMAINS: &[&str] = &[
    "theintercept.com",
    "example.org",
    "reuters.com",
    "netzpolitik.org",
    "bbc.com",
];

fn sentence(rng: &mut Rng, words: &[&str]) -> String {
    let n = 6 + rng.below(14);
    let mut s = String::new();
    for i in 0..n {
        let w = if rng.below(40) == 0 {
            rng.pick(EXTRA)
        } else {
            rng.pick(words)
        };
        if i == 0 {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                s.extend(f.to_uppercase());
                s.push_str(c.as_str());
            }
        } else {
            s.push(' ');
            s.push_str(w);
        }
    }
    s.push('.');
    s
}

fn paragraph(rng: &mut Rng, words: &[&str], markdown: bool, links: &mut usize) -> String {
    let mut p = String::new();
    for i in 0..(3 + rng.below(5)) {
        if i > 0 {
            p.push(' ');
        }
        p.push_str(&sentence(rng, words));
        if markdown && rng.below(4) == 0 {
            *links += 1;
            let d = rng.pick(DOMAINS);
            let _ = write!(
                p,
                " See [source {links}](https://{d}/a/{} \"Title {links}\").",
                rng.next() % 100_000
            );
        } else if !markdown && rng.below(8) == 0 {
            let _ = write!(p, " https://{}/p/{}", rng.pick(DOMAINS), rng.next() % 100_000);
        }
    }
    p
}

fn article(rng: &mut Rng, i: usize) -> (String, String) {
    let german = rng.below(2) == 0;
    let words = if german { DE } else { EN };
    let markdown = rng.below(10) < 7;
    let target = 5_000 + rng.below(15_000);
    let title = sentence(rng, words).trim_end_matches('.').to_string();
    let mut out = String::new();
    let mut links = 0;
    if markdown {
        out.push_str("---\n");
        let _ = writeln!(out, "title: \"{title} {i}\"");
        let (y, m, d) = (2015 + rng.below(10), 1 + rng.below(12), 1 + rng.below(28));
        match rng.below(4) {
            0 => {
                let _ = writeln!(out, "date: {y}-{m:02}-{d:02}");
            }
            1 => {
                let _ = writeln!(out, "date: \"{y}-{m:02}-{d:02}T10:00:00+02:00\"");
            }
            2 => {
                let _ = writeln!(out, "date: '{d:02}.{m:02}.{y}'");
            }
            _ => {}
        }
        match rng.below(4) {
            0 => {
                let _ = writeln!(out, "tags: \"{}\"", rng.pick(TAGS));
            }
            1 => {
                let _ = writeln!(out, "tags: \"{}, {}\"", rng.pick(TAGS), rng.pick(TAGS));
            }
            2 => {
                let _ = writeln!(
                    out,
                    "tags: [{}, {}]\ncategories: [{}]",
                    rng.pick(TAGS),
                    rng.pick(TAGS),
                    rng.pick(TAGS)
                );
            }
            _ => {}
        }
        if rng.below(3) > 0 {
            let _ = writeln!(out, "shorttext: \"{}\"", sentence(rng, words));
        }
        if rng.below(4) > 0 {
            let _ = writeln!(out, "lang: {}", if german { "de" } else { "EN" });
        }
        if rng.below(20) == 0 {
            out.push_str("draft: true\n");
        }
        out.push_str("---\n\n");
        while out.len() < target {
            match rng.below(8) {
                0 => {
                    let _ = writeln!(out, "## {}\n", sentence(rng, words).trim_end_matches('.'));
                }
                1 => {
                    for _ in 0..(2 + rng.below(4)) {
                        let _ = writeln!(out, "- {}", sentence(rng, words));
                    }
                    out.push('\n');
                }
                2 => {
                    let _ = writeln!(out, "> {}\n", sentence(rng, words));
                }
                _ => {
                    let _ = writeln!(out, "{}\n", paragraph(rng, words, true, &mut links));
                }
            }
        }
        (format!("{:02}/a{i:06}.md", i % 50), out)
    } else {
        let _ = writeln!(out, "{title}");
        while out.len() < target {
            match rng.below(8) {
                0 => {
                    let _ = writeln!(out, "{}", sentence(rng, words).trim_end_matches('.'));
                }
                1 => {
                    for _ in 0..(2 + rng.below(4)) {
                        let _ = writeln!(out, "- {}", sentence(rng, words));
                    }
                }
                _ => {
                    let _ = writeln!(out, "{}", paragraph(rng, words, false, &mut links));
                }
            }
        }
        (format!("{:02}/p{i:06}.txt", i % 50), out)
    }
}

/// A Markdown article of about `bytes` bytes: front matter, then sections
/// with headings, titled links, lists, quotes, umlauts, CJK and emoji.
pub fn long_article(bytes: usize) -> String {
    let mut text = String::from("---\ntitle: Big\nlang: de\ntags: [a, b]\n---\n\n");
    let mut i = 0;
    while text.len() < bytes {
        i += 1;
        let _ = write!(
            text,
            "## Abschnitt {i}\n\nDie Überwachung der Daten 数据 🙂 wird [hier {i}](https://example.org/{i} \"Titel {i}\") beschrieben, \
             und zwar ausführlich und mit **Nachdruck** sowie *Betonung*. Weitere Sätze folgen hier.\n\n\
             - Punkt eins mit `code`\n- Punkt zwei\n\n> Ein Zitat, das länger ist als eine Zeile im Terminal.\n\n"
        );
    }
    text
}

/// Writes the corpus of `n` articles into `dir`; returns the bytes written.
/// (The tests include this file to build their own corpora.)
pub fn write_corpus(dir: &Path, n: usize) -> std::io::Result<usize> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut bytes = 0;
    for i in 0..n {
        let (rel, text) = article(&mut rng, i);
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap_or(dir))?;
        std::fs::write(&path, &text)?;
        bytes += text.len();
    }
    Ok(bytes)
}

fn main() -> std::io::Result<()> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() == 2 && args[0] == "--long" {
        return std::fs::write(&args[1], long_article(1 << 20));
    }
    let mut site = false;
    if args.len() == 4 && args[0] == "--profile" {
        site = match args[1].as_str() {
            "site" => true,
            "news" => false,
            other => {
                eprintln!("error: unknown profile {other:?} (news or site)");
                std::process::exit(2);
            }
        };
        args.drain(..2);
    }
    if args.len() != 2 {
        eprintln!("usage: gen_corpus [--profile news|site] DIR N | gen_corpus --long FILE");
        std::process::exit(2);
    }
    let dir = Path::new(&args[0]);
    let n: usize = args[1].parse().unwrap_or_else(|_| {
        eprintln!("error: N must be a number");
        std::process::exit(2);
    });
    let bytes = if site {
        site::write_site(dir, n)?
    } else {
        write_corpus(dir, n)?
    };
    eprintln!("wrote {n} articles ({:.1} MB) to {}", bytes as f64 / 1e6, dir.display());
    Ok(())
}
