//! Site configs (Hugo, Zola, Jekyll): the languages a site declares, which
//! decide what language files without a language suffix are in.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::lang::codes;

/// Config files larger than this are not read.
const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// The config files of a site, by name, in the order they are tried.
const FILES: [&str; 10] = [
    "hugo.toml",
    "hugo.yaml",
    "hugo.yml",
    "hugo.json",
    "config.toml",
    "config.yaml",
    "config.yml",
    "config.json",
    "_config.yml",
    "_config.yaml",
];

/// Hugo's split configuration folder.
const SPLIT: &str = "config/_default";

/// What a site config says about languages.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Site {
    /// The language of files that name none (Hugo's
    /// `defaultContentLanguage`, Zola's `default_language`, Jekyll
    /// Polyglot's `default_lang`), as a tag (see [`codes::tag`]).
    pub default: Option<String>,
    /// The languages the site declares (keys of `languages`), as tags.
    pub languages: Vec<String>,
    /// Folders that hold one language's content (Hugo's `contentDir`).
    pub content_dirs: Vec<(PathBuf, String)>,
}

impl Site {
    /// The site config in `dir`, when one of its files is there (`names`
    /// says which entries the folder has) and it declares a language.
    pub fn in_folder(dir: &Path, has: impl Fn(&str) -> bool) -> Option<Site> {
        let mut site = Site::default();
        let mut found = false;
        for name in FILES.iter().filter(|n| has(n)) {
            if let Some(value) = read(&dir.join(name)) {
                found |= site.learn(dir, &value);
                break;
            }
        }
        if has("config") {
            let split = dir.join(SPLIT);
            for stem in ["hugo", "config", "languages"] {
                for ext in ["toml", "yaml", "yml", "json"] {
                    let Some(value) = read(&split.join(format!("{stem}.{ext}"))) else {
                        continue;
                    };
                    found |= if stem == "languages" {
                        site.learn_languages(dir, &value)
                    } else {
                        site.learn(dir, &value)
                    };
                }
            }
        }
        if !found {
            return None;
        }
        if site.default.is_none() && !site.languages.is_empty() {
            // Hugo's and Zola's default.
            site.default = Some("en".to_string());
        }
        Some(site)
    }

    /// The site config of the nearest folder above `dir` that has one
    /// (at most `MAX_UP` folders up).
    pub fn above(dir: &Path) -> Option<Site> {
        const MAX_UP: usize = 64;
        let dir = dir.canonicalize().ok()?;
        dir.ancestors()
            .skip(1)
            .take(MAX_UP)
            .find_map(|up| Site::in_folder(up, |name| up.join(name).exists()))
    }

    /// Learns from a whole config; true when it declares a language.
    fn learn(&mut self, dir: &Path, value: &Value) -> bool {
        let Value::Object(map) = value else { return false };
        let mut found = false;
        for (key, v) in map {
            match key.to_ascii_lowercase().as_str() {
                "defaultcontentlanguage" | "default_language" | "default_lang" => {
                    if let Some(tag) = v.as_str().and_then(codes::tag) {
                        self.default = Some(tag);
                        found = true;
                    }
                }
                "languages" => found |= self.learn_languages(dir, v),
                _ => {}
            }
        }
        found
    }

    /// Learns from a `languages` map (or Polyglot's list); true when it
    /// names one.
    fn learn_languages(&mut self, dir: &Path, value: &Value) -> bool {
        let before = self.languages.len();
        match value {
            Value::Object(map) => {
                for (key, settings) in map {
                    let Some(tag) = codes::tag(key) else { continue };
                    let content = settings
                        .as_object()
                        .and_then(|s| s.iter().find(|(k, _)| k.eq_ignore_ascii_case("contentdir")))
                        .and_then(|(_, v)| v.as_str());
                    if let Some(content) = content {
                        self.content_dirs.push((dir.join(content), tag.clone()));
                    }
                    self.add(tag);
                }
            }
            Value::Array(items) => {
                for tag in items.iter().filter_map(Value::as_str).filter_map(codes::tag) {
                    self.add(tag);
                }
            }
            _ => {}
        }
        self.languages.len() > before
    }

    fn add(&mut self, tag: String) {
        if !self.languages.contains(&tag) {
            self.languages.push(tag);
        }
    }

    /// Whether `tag` may be a language of this site: any language when it
    /// lists none.
    pub fn allows(&self, tag: &str) -> bool {
        self.languages.is_empty() || self.languages.iter().any(|l| l == tag)
    }
}

/// A config file as a JSON value; `None` when it is missing, too large or
/// not readable.
fn read(path: &Path) -> Option<Value> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > MAX_CONFIG_BYTES {
        return None;
    }
    let text = std::fs::read_to_string(path).ok()?;
    match path.extension()?.to_str()? {
        "toml" => serde_json::to_value(text.parse::<toml::Table>().ok()?).ok(),
        "json" => serde_json::from_str(&text).ok(),
        // Aliases and nesting are bounded first, as in front matter.
        _ => {
            super::front_matter::check_yaml_bounds(&text).ok()?;
            serde_json::to_value(serde_yaml::from_str::<serde_yaml::Value>(&text).ok()?).ok()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &str)]) -> Option<Site> {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        Site::in_folder(dir.path(), |n| dir.path().join(n).exists()).map(|mut s| {
            s.content_dirs
                .iter_mut()
                .for_each(|(p, _)| *p = p.strip_prefix(dir.path()).unwrap().to_path_buf());
            s
        })
    }

    #[test]
    fn hugo_zola_and_jekyll_configs() {
        let hugo = site(&[(
            "hugo.toml",
            "defaultContentLanguage = 'de'\n[languages.de]\ncontentDir = 'content/de'\n[languages.zh-Hans]\nweight = 2\n",
        )])
        .unwrap();
        assert_eq!(hugo.default.as_deref(), Some("de"));
        assert_eq!(hugo.languages, ["de", "zh-hans"]);
        assert_eq!(hugo.content_dirs, [(PathBuf::from("content/de"), "de".to_string())]);
        let zola = site(&[(
            "config.toml",
            "default_language = \"fr\"\n[languages.en]\ntitle = 'x'\n",
        )])
        .unwrap();
        assert_eq!(
            (zola.default.as_deref(), zola.languages.as_slice()),
            (Some("fr"), &["en".to_string()][..])
        );
        let jekyll = site(&[("_config.yml", "languages: [\"en\", \"es\"]\ndefault_lang: es\n")]).unwrap();
        assert_eq!(jekyll.default.as_deref(), Some("es"));
        let split = site(&[("config/_default/languages.yaml", "ja:\n  weight: 1\nen:\n  weight: 2\n")]).unwrap();
        assert_eq!(split.default.as_deref(), Some("en"));
        assert_eq!(split.languages.len(), 2);
    }

    #[test]
    fn configs_without_languages_and_broken_ones_say_nothing() {
        assert_eq!(site(&[("config.toml", "[package]\nname = 'x'\n")]), None);
        assert_eq!(site(&[("hugo.toml", "defaultContentLanguage = [")]), None);
        assert_eq!(site(&[("config.yaml", "languages: 7\n")]), None);
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for i in 0..20 {
            bomb.push_str(&format!("b{i}: &b{i} [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"));
        }
        bomb.push_str("defaultContentLanguage: de\n");
        assert_eq!(site(&[("hugo.yaml", &bomb)]), None);
        assert_eq!(site(&[]), None);
    }
}
