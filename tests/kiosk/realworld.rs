//! Four real site folders (`../shared/realworld`: Hugo by directory, Hugo
//! by suffix, Zola, Jekyll): the truth is computed from the files and the
//! generators' documented rules, and kiosk must match it exactly.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use kiosk::{Article, Library};

/// `../shared/realworld` beside the crate (as CI has it), or beside a
/// folder above it (a git worktree of the crate).
pub(crate) fn realworld() -> PathBuf {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    crate_dir
        .ancestors()
        .skip(1)
        .map(|up| up.join("shared/realworld"))
        .find(|p| p.is_dir())
        .unwrap_or_else(|| panic!("no shared/realworld beside {} or above", crate_dir.display()))
}

/// What the files say of one page.
#[derive(Debug, Default)]
struct Truth {
    title: Option<String>,
    date: Option<String>,
    tags: Vec<String>,
    lang: String,
    /// The page its translations share (None: no translations by path).
    page: Option<String>,
}

/// Zola's docs hold no site config, so their language is what their prose
/// is: English, but for four theme pages (their themes' READMEs) written
/// in Chinese, as read by hand.
const CHINESE: [&str; 4] = [
    "zola/docs/content/themes/float",
    "zola/docs/content/themes/homepage-creators",
    "zola/docs/content/themes/xuan",
    "zola/docs/content/themes/zola-theme-jiaxiang.wang",
];

const EXTENSIONS: [&str; 6] = ["md", "markdown", "mdown", "mkd", "mdx", "txt"];

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read_dir") {
        let path = entry.expect("entry").path();
        if path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')) {
            continue;
        }
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| EXTENSIONS.iter().any(|x| e == *x)) {
            out.push(path);
        }
    }
}

/// The front matter of a file as JSON: `---` YAML or `+++` TOML, after
/// blank lines.
fn front_matter(text: &str) -> serde_json::Map<String, serde_json::Value> {
    let text = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    let start = text.trim_start_matches(['\n', ' ', '\t']);
    for (delim, toml) in [("---", false), ("+++", true)] {
        if let Some(rest) = start
            .strip_prefix(delim)
            .and_then(|r| r.strip_prefix('\n').or(r.strip_prefix(" \n")))
        {
            let end = rest.find(&format!("\n{delim}")).expect("closed");
            let raw = &rest[..end + 1];
            let value: serde_json::Value = if toml {
                serde_json::to_value(raw.parse::<toml::Table>().expect("toml")).unwrap()
            } else {
                serde_json::to_value(serde_yaml::from_str::<serde_yaml::Value>(raw).expect("yaml")).unwrap()
            };
            return value.as_object().cloned().unwrap_or_default();
        }
    }
    serde_json::Map::new()
}

fn text_of(v: &serde_json::Value) -> Option<String> {
    match v {
        // A TOML datetime.
        serde_json::Value::Object(m) if m.len() == 1 => m.values().next().and_then(text_of),
        serde_json::Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        serde_json::Value::Null => None,
        other => Some(other.to_string()),
    }
}

/// The truth of `rel` (below the realworld folder).
fn truth(rel: &Path, text: &str) -> Truth {
    let fm = front_matter(text);
    let get = |key: &str| fm.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| v);
    let stem = rel.file_stem().unwrap().to_string_lossy().into_owned();
    let parent = rel.parent().unwrap();
    // Hugo: a section or bundle page without a title is titled from its folder.
    let title = get("title")
        .and_then(text_of)
        .or_else(|| {
            stem.split('.')
                .next()
                .filter(|s| *s == "index" || *s == "_index")
                .map(|_| {
                    let folder = parent.file_name().unwrap().to_string_lossy().replace(['-', '_'], " ");
                    let mut c = folder.chars();
                    c.next().unwrap().to_uppercase().chain(c).collect()
                })
        })
        // A file that is not a page of a site (the folder's README): its heading.
        .or_else(|| {
            text.lines()
                .find_map(|l| l.strip_prefix("# "))
                .map(|h| h.trim().to_string())
        });
    // Jekyll: the date in a post's file name when the front matter has none.
    let date = ["date", "publishDate", "pubDate"]
        .iter()
        .find_map(|k| get(k).and_then(text_of))
        .map(|d| d.trim_matches('"')[..10].to_string())
        .or_else(|| {
            let digits = |r: std::ops::Range<usize>| stem.as_bytes()[r].iter().all(u8::is_ascii_digit);
            let dated = stem.len() > 11 && digits(0..4) && digits(5..7) && digits(8..10) && stem.as_bytes()[10] == b'-';
            dated.then(|| stem[..10].to_string())
        });
    let mut tags: Vec<String> = Vec::new();
    let mut add = |key: &str, v: &serde_json::Value| match v {
        serde_json::Value::String(s) if s.contains(',') => tags.extend(s.split(',').map(|t| t.trim().to_string())),
        serde_json::Value::String(s) if key == "tags" || key == "categories" => {
            tags.extend(s.split_whitespace().map(str::to_string))
        }
        serde_json::Value::String(s) => tags.push(s.trim().to_string()),
        serde_json::Value::Array(items) => tags.extend(items.iter().filter_map(text_of)),
        _ => {}
    };
    for (key, v) in &fm {
        let key = key.to_ascii_lowercase();
        if ["tags", "categories", "category", "keywords"].contains(&key.as_str()) {
            add(&key, v);
        }
        if key == "taxonomies" {
            for name in ["tags", "categories"] {
                if let Some(v) = v.get(name) {
                    add(name, v);
                }
            }
        }
    }
    let mut seen = BTreeSet::new();
    tags.retain(|t| !t.is_empty() && seen.insert(t.clone()));
    let parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    let (lang, page) = if parts[0] == "glossary" {
        // Hugo by directory: content/LANG/...; the same path is the same page.
        let mut page = parts.clone();
        page[2] = "*".into();
        (parts[2].clone(), Some(page.join("/")))
    } else if parts[0] == "congo" {
        // Hugo by suffix: name.LANG.md, name.md in the default language (en).
        let no_ext = rel.with_extension("");
        let name = no_ext.file_name().unwrap().to_string_lossy().into_owned();
        let (base, lang) = match name.split_once('.') {
            Some((base, lang)) => (base.to_string(), lang.to_ascii_lowercase()),
            None => (name, "en".to_string()),
        };
        (lang, Some(format!("{}/{base}", parent.display())))
    } else if CHINESE.iter().any(|p| rel.starts_with(p)) {
        ("zh".to_string(), None)
    } else {
        // Zola docs and Jekyll posts: English, no translations.
        ("en".to_string(), None)
    };
    Truth {
        title,
        date,
        tags,
        lang,
        page,
    }
}

fn library() -> (Library, BTreeMap<String, Truth>) {
    let root = realworld();
    let mut all = Vec::new();
    files(&root, &mut all);
    let mut truths = BTreeMap::new();
    for path in all {
        let text = std::fs::read_to_string(&path).expect("utf-8");
        if text.trim().is_empty() {
            continue;
        }
        let rel = path.strip_prefix(&root).unwrap();
        let id = rel.with_extension("").to_string_lossy().into_owned();
        truths.insert(id, truth(rel, &text));
    }
    let library = Library::load(&root).expect("load");
    (library, truths)
}

fn by_id(library: &Library) -> BTreeMap<String, &Article> {
    library.articles().iter().map(|a| (a.id.to_string(), &**a)).collect()
}

#[test]
fn every_file_is_listed_with_its_title_date_and_categories() {
    let (library, truths) = library();
    let articles = by_id(&library);
    assert_eq!(articles.keys().collect::<Vec<_>>(), truths.keys().collect::<Vec<_>>());
    assert!(truths.len() > 500, "{}", truths.len());
    let mut wrong = Vec::new();
    for (id, t) in &truths {
        let a = articles[id];
        let date = a.date.map(|d| d.to_string());
        if Some(&a.title) != t.title.as_ref() {
            wrong.push(format!("{id}: title {:?}, truth {:?}", a.title, t.title));
        }
        if date != t.date {
            wrong.push(format!("{id}: date {date:?}, truth {:?}", t.date));
        }
        if a.tags != t.tags {
            wrong.push(format!("{id}: tags {:?}, truth {:?}", a.tags, t.tags));
        }
    }
    assert!(wrong.is_empty(), "{} wrong:\n{}", wrong.len(), wrong.join("\n"));
}

#[test]
fn languages_are_right_on_every_page_of_50_words_and_never_wrong() {
    let (library, truths) = library();
    let articles = by_id(&library);
    let mut wrong = Vec::new();
    let mut long = 0;
    for (id, t) in &truths {
        let a = articles[id];
        long += usize::from(a.words >= 50);
        match a.lang_code() {
            Some(code) if code == t.lang => {}
            None if a.words < 50 => {}
            other => wrong.push(format!(
                "{id} ({} words, {:?}): {other:?}, truth {}",
                a.words,
                a.lang_source(),
                t.lang
            )),
        }
    }
    assert!(long > 400, "{long}");
    assert!(wrong.is_empty(), "{} wrong:\n{}", wrong.len(), wrong.join("\n"));
    // The language filter offers what the folder has.
    let langs: Vec<String> = library.languages(true).into_keys().collect();
    assert_eq!(langs, ["de", "en", "es", "ja", "zh", "zh-cn", "zh-hans"]);
}

#[test]
fn translation_pairs_are_all_found_and_none_is_wrong() {
    let (library, truths) = library();
    library.prepare();
    let mut wrong = Vec::new();
    let mut pairs = 0;
    for (i, a) in library.articles().iter().enumerate() {
        let id = a.id.to_string();
        let t = &truths[&id];
        let expected: Vec<String> = truths
            .iter()
            .filter(|(other, o)| **other != id && o.page.is_some() && o.page == t.page && o.lang != t.lang)
            .map(|(other, _)| other.clone())
            .collect();
        let found: Vec<String> = library.translations(i).iter().map(|t| t.to_string()).collect();
        pairs += found.len();
        if found != expected {
            wrong.push(format!("{id}: {found:?}, truth {expected:?}"));
        }
    }
    assert!(pairs > 300, "{pairs}");
    assert!(wrong.is_empty(), "{} wrong:\n{}", wrong.len(), wrong.join("\n"));
}

#[test]
fn the_index_cache_gives_the_same_library() {
    let cache = tempfile::tempdir().expect("tempdir");
    let root = realworld();
    let plain = Library::load(&root).expect("load");
    let first = Library::load_with(&root, Some(cache.path())).expect("first");
    let second = Library::load_with(&root, Some(cache.path())).expect("second");
    assert!(second.from_index() > 500, "{}", second.from_index());
    let shown = |lib: &Library| -> Vec<String> {
        lib.prepare();
        lib.articles()
            .iter()
            .enumerate()
            .map(|(i, a)| {
                format!(
                    "{} {:?} {:?} {:?} {:?} {} {} {:?} {:?}",
                    a.id,
                    a.title,
                    a.date,
                    a.lang,
                    a.tags,
                    a.words,
                    a.cjk_chars,
                    a.path_key,
                    lib.translations(i)
                )
            })
            .collect()
    };
    assert_eq!(shown(&first), shown(&plain));
    assert_eq!(shown(&second), shown(&plain));
}

#[test]
fn the_preview_from_the_start_of_files_shows_what_the_full_load_shows() {
    let root = realworld();
    let full = Library::load(&root).expect("load");
    let preview = Library::load_preview(&root, None).expect("preview");
    let shown = |lib: &Library| -> Vec<String> {
        lib.articles()
            .iter()
            .map(|a| {
                format!(
                    "{} {:?} {:?} {:?} {:?} {:?}",
                    a.id, a.title, a.date, a.lang, a.tags, a.path_key
                )
            })
            .collect()
    };
    assert_eq!(shown(&preview), shown(&full));
}

#[test]
fn t_goes_round_every_translation_of_a_page() {
    use kiosk::tui::action::Action;
    use kiosk::tui::app::App;
    let dir = realworld().join("glossary/content");
    let library = kiosk::Library::load(&dir).unwrap();
    library.prepare();
    let start = library
        .articles()
        .iter()
        .position(|a| a.id.as_str() == "en/cloud-native-apps")
        .expect("the glossary's en/cloud-native-apps");
    let names: Vec<String> = library.translations(start).iter().map(|id| id.to_string()).collect();
    assert_eq!(names, ["de/cloud-native-apps", "zh-cn/cloud-native-apps"]);
    let mut app = App::new(library, (120, 35), false);
    let pos = app.list.visible.iter().position(|&i| i == start).unwrap();
    app.update(Action::Top);
    for _ in 0..pos {
        app.update(Action::Down);
    }
    app.update(Action::Confirm);
    let mut seen = Vec::new();
    for _ in 0..3 {
        app.update(Action::Translation);
        seen.push(app.library.articles()[app.reading.shown.unwrap()].id.to_string());
    }
    assert_eq!(
        seen,
        [
            "zh-cn/cloud-native-apps",
            "de/cloud-native-apps",
            "en/cloud-native-apps"
        ]
    );
}
