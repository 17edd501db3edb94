//! The "site" profile: a folder shaped like a real documentation site, not
//! like a news archive.
//!
//! A Hugo tree `content/{en,de,ja,zh-cn}/docs/<section>/<page>.md` with a
//! `hugo.toml` naming the languages, so the language comes from the path and
//! never from the front matter (no page has `lang`). Every page exists in
//! English; about half are translated into German, a third into Japanese and
//! a fifth into Chinese, at the same relative path. Pages are 1-10 KB, most of
//! them small, and carry what real docs carry: fenced code, tables,
//! shortcodes, raw HTML, GitHub alerts, heading ids, relative links. Front
//! matter is YAML or TOML (`+++`, sometimes after a blank line), with singular
//! `category:` as often as `tags:`, and sections have `_index.md` pages.

use std::fmt::Write as _;
use std::path::Path;

use super::Rng;

const EN: &[&str] = &[
    "the",
    "configuration",
    "file",
    "is",
    "read",
    "when",
    "server",
    "starts",
    "and",
    "each",
    "request",
    "uses",
    "cluster",
    "container",
    "a",
    "service",
    "to",
    "of",
    "with",
    "default",
    "value",
    "set",
    "option",
    "build",
    "template",
    "page",
    "content",
    "for",
    "in",
    "deploy",
    "runs",
    "output",
];
const DE: &[&str] = &[
    "die",
    "Konfiguration",
    "wird",
    "beim",
    "Start",
    "gelesen",
    "und",
    "jede",
    "Anfrage",
    "nutzt",
    "der",
    "Dienst",
    "mit",
    "einem",
    "Standardwert",
    "für",
    "Seite",
    "Vorlage",
    "Inhalt",
    "über",
    "Ausgabe",
    "Größe",
    "nicht",
    "Container",
    "Einstellung",
];
const JA: &[&str] = &[
    "設定",
    "ファイル",
    "は",
    "サーバー",
    "の",
    "起動時",
    "に",
    "読み込まれ",
    "ます",
    "コンテナ",
    "を",
    "使用",
    "し",
    "て",
    "サービス",
    "が",
    "実行",
    "されます",
    "テンプレート",
    "ページ",
    "出力",
    "です",
    "計装",
];
const ZH: &[&str] = &[
    "配置",
    "文件",
    "在",
    "服务器",
    "启动",
    "时",
    "读取",
    "每个",
    "请求",
    "使用",
    "容器",
    "服务",
    "的",
    "默认",
    "值",
    "模板",
    "页面",
    "内容",
    "输出",
    "部署",
    "运行",
    "集群",
];
const SECTIONS: &[&str] = &[
    "getting-started",
    "guides",
    "reference",
    "concepts",
    "tutorials",
    "operations",
];
const CODE_LANGS: &[&str] = &["bash", "yaml", "go", "toml", "json", "rust", "python"];
const ALERTS: &[&str] = &["NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"];

/// The languages of the site with their word lists and how often a page is
/// translated into each (per mille of English pages).
const LANGS: &[(&str, &[&str], usize)] = &[("en", EN, 1000), ("de", DE, 500), ("ja", JA, 330), ("zh-cn", ZH, 200)];

fn cjk(words: &[&str]) -> bool {
    words[0].chars().next().is_some_and(|c| c as u32 > 0x2E80)
}

fn sentence(rng: &mut Rng, words: &[&str]) -> String {
    let n = 6 + rng.below(12);
    let join = if cjk(words) { "" } else { " " };
    let mut s = String::new();
    for i in 0..n {
        if i > 0 {
            s.push_str(join);
        }
        let w = rng.pick(words);
        if i == 0 && !cjk(words) {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                s.extend(f.to_uppercase());
                s.push_str(c.as_str());
            }
        } else if rng.below(15) == 0 && !cjk(words) {
            let _ = write!(s, "`{w}`");
        } else {
            s.push_str(w);
        }
    }
    s.push(if cjk(words) { '。' } else { '.' });
    s
}

fn paragraph(rng: &mut Rng, words: &[&str]) -> String {
    let mut p = String::new();
    for i in 0..(2 + rng.below(4)) {
        if i > 0 && !cjk(words) {
            p.push(' ');
        }
        p.push_str(&sentence(rng, words));
        match rng.below(8) {
            0 => {
                let _ = write!(
                    p,
                    " See [{}](../{}/page-{}/).",
                    rng.pick(words),
                    rng.pick(SECTIONS),
                    rng.below(500)
                );
            }
            1 => {
                let _ = write!(
                    p,
                    " [{}](https://example.org/docs/{})",
                    rng.pick(words),
                    rng.below(10_000)
                );
            }
            _ => {}
        }
    }
    p
}

fn block(rng: &mut Rng, words: &[&str], out: &mut String, heading: &mut usize) {
    match rng.below(14) {
        0 | 1 => {
            *heading += 1;
            let title = sentence(rng, words);
            let title = title.trim_end_matches(['.', '。']);
            if rng.below(3) == 0 {
                let _ = writeln!(out, "## {title} {{#section-{heading}}}\n");
            } else {
                let _ = writeln!(out, "## {title}\n");
            }
        }
        2 | 3 => {
            let lang = rng.pick(CODE_LANGS);
            let _ = writeln!(out, "```{lang}");
            for i in 0..(3 + rng.below(15)) {
                let _ = writeln!(
                    out,
                    "{}key_{i} = \"{}\"  # {}",
                    "  ".repeat(rng.below(3)),
                    rng.pick(EN),
                    rng.pick(EN)
                );
            }
            out.push_str("```\n\n");
        }
        4 => {
            let cols = 2 + rng.below(4);
            let row = |rng: &mut Rng| {
                (0..cols)
                    .map(|_| rng.pick(words).to_string())
                    .collect::<Vec<_>>()
                    .join(" | ")
            };
            let _ = writeln!(out, "| {} |", row(rng));
            let _ = writeln!(out, "|{}", "---|".repeat(cols));
            for _ in 0..(2 + rng.below(7)) {
                let _ = writeln!(out, "| {} |", row(rng));
            }
            out.push('\n');
        }
        5 => {
            let _ = writeln!(
                out,
                "{{{{< figure src=\"/images/{}.png\" alt=\"{}\" caption=\"{}\" >}}}}\n",
                rng.below(1000),
                rng.pick(words),
                sentence(rng, words)
            );
        }
        6 => {
            let _ = writeln!(
                out,
                "{{{{% notice note %}}}}\n{}\n{{{{% /notice %}}}}\n",
                sentence(rng, words)
            );
        }
        7 => {
            let _ = writeln!(
                out,
                "<details>\n<summary>{}</summary>\n\n{}\n\n</details>\n",
                rng.pick(words),
                sentence(rng, words)
            );
        }
        8 => {
            let _ = writeln!(out, "> [!{}]\n> {}\n", rng.pick(ALERTS), sentence(rng, words));
        }
        9 => {
            for _ in 0..(2 + rng.below(4)) {
                let _ = writeln!(out, "- {}", sentence(rng, words));
            }
            out.push('\n');
        }
        _ => {
            let _ = writeln!(out, "{}\n", paragraph(rng, words));
        }
    }
}

fn front_matter(rng: &mut Rng, words: &[&str], title: &str, weight: usize) -> String {
    let mut fm = String::new();
    let toml = rng.below(5) == 0;
    let date = (rng.below(2) == 0).then(|| {
        format!(
            "{}-{:02}-{:02}",
            2018 + rng.below(8),
            1 + rng.below(12),
            1 + rng.below(28)
        )
    });
    let description = sentence(rng, words);
    let tag = rng.pick(&["kubernetes", "observability", "security", "templates", "deployment"]);
    if toml {
        if rng.below(2) == 0 {
            fm.push('\n');
        }
        let _ = writeln!(
            fm,
            "+++\ntitle = \"{title}\"\ndescription = \"{description}\"\nweight = {weight}"
        );
        if let Some(date) = date {
            let _ = writeln!(fm, "date = {date}");
        }
        let _ = writeln!(fm, "[taxonomies]\ntags = [\"{tag}\"]\n+++\n");
    } else {
        let _ = writeln!(
            fm,
            "---\ntitle: \"{title}\"\ndescription: \"{description}\"\nweight: {weight}"
        );
        if let Some(date) = date {
            let _ = writeln!(fm, "date: {date}");
        }
        if rng.below(2) == 0 {
            let _ = writeln!(fm, "category: {tag}");
        } else {
            let _ = writeln!(
                fm,
                "tags:\n  - {tag}\n  - {}",
                rng.pick(&["docs", "howto", "reference"])
            );
        }
        fm.push_str("---\n\n");
    }
    fm
}

fn page(rng: &mut Rng, words: &[&str], weight: usize) -> String {
    // Most pages are small: 1-3 KB for two thirds, up to 10 KB for the rest.
    let target = if rng.below(3) > 0 {
        1_000 + rng.below(2_000)
    } else {
        3_000 + rng.below(7_000)
    };
    let title = sentence(rng, words);
    let title = title.trim_end_matches(['.', '。']);
    let mut out = front_matter(rng, words, title, weight);
    let _ = writeln!(out, "{}\n", paragraph(rng, words));
    let mut heading = 0;
    while out.len() < target {
        block(rng, words, &mut out, &mut heading);
    }
    out
}

/// Writes a site of about `n` page files into `dir`; returns the bytes written.
pub fn write_site(dir: &Path, n: usize) -> std::io::Result<usize> {
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    let mut bytes = 0;
    let mut config =
        String::from("baseURL = \"https://example.org/\"\ntitle = \"Docs\"\ndefaultContentLanguage = \"en\"\n");
    for (lang, _, _) in LANGS {
        let _ = writeln!(config, "[languages.{lang}]\ncontentDir = \"content/{lang}\"");
    }
    std::fs::create_dir_all(dir)?;
    std::fs::write(dir.join("hugo.toml"), config)?;
    let mut written = 0;
    let mut index = 0;
    while written < n {
        let section = SECTIONS[index % SECTIONS.len()];
        for (lang, words, per_mille) in LANGS {
            if written == n {
                break;
            }
            if *lang != "en" && rng.below(1000) >= *per_mille {
                continue;
            }
            let folder = dir.join("content").join(lang).join("docs").join(section);
            std::fs::create_dir_all(&folder)?;
            let (name, text) = if index < SECTIONS.len() {
                ("_index.md".to_string(), page(&mut rng, words, index))
            } else {
                (format!("page-{index}.md"), page(&mut rng, words, index))
            };
            std::fs::write(folder.join(name), &text)?;
            bytes += text.len();
            written += 1;
        }
        index += 1;
    }
    Ok(bytes)
}
