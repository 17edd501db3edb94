//! What a file's place in the folder says about its language: a folder
//! named as a language beside other such folders (Hugo's `content/de/`,
//! Starlight's `docs/ja/`, Docusaurus' `i18n/fr/`), a `name.LANG.md`
//! suffix, and the site config above it (see [`Site`]).

use std::path::Path;
use std::sync::Arc;

use super::lang::codes;
use super::site::Site;

/// Parents whose language-named folders count alone, without a sibling.
const LOCALE_PARENTS: [&str; 6] = ["i18n", "l10n", "locales", "locale", "translations", "lang"];

/// What the walk knows of a folder when it enters it: the language folder
/// it is in, and the site config that applies.
#[derive(Clone, Debug, Default)]
pub(crate) struct Place {
    /// The language a folder on the way names, and which part of the
    /// relative path that folder is (0 for the first).
    folder: Option<(Arc<str>, u16)>,
    /// The nearest site config at or above the folder.
    site: Option<Arc<Site>>,
    /// How many parts the folder's path below the root has.
    depth: u16,
    /// Names of pages in the folder that have a translation by suffix
    /// (`index` for `index.ja.md`): their unsuffixed file is in the
    /// default language.
    translated: Arc<[String]>,
}

/// The default language of Hugo and Zola when no config names one.
const GENERATORS_DEFAULT: &str = "en";

pub use crate::article::PathKey;

/// The language a file's path gives, with its [`PathKey`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct PathLang {
    /// The language, when the path says one.
    pub code: Option<Arc<str>>,
    /// Where it comes from.
    pub key: PathKey,
}

impl Place {
    /// The place of the library's root folder: the site config above it.
    pub fn root(root: &Path) -> Place {
        let site = Site::above(root).map(|mut site| {
            // Its folders are found from the root as the walk names them.
            if let Ok(canonical) = root.canonicalize() {
                for (dir, _) in &mut site.content_dirs {
                    if let Ok(below) = dir.strip_prefix(&canonical) {
                        *dir = root.join(below);
                    }
                }
            }
            Arc::new(site)
        });
        Place {
            site,
            ..Place::default()
        }
    }

    /// The place of the folder `dir`, which this place is of, once its
    /// entries are listed (`has` says whether one is there): a site config
    /// in it applies from here down.
    pub fn entered(&self, dir: &Path, has: impl Fn(&str) -> bool) -> Place {
        match Site::in_folder(dir, has) {
            Some(site) => Place {
                site: Some(Arc::new(site)),
                ..self.clone()
            },
            None => self.clone(),
        }
    }

    /// This place, knowing the names of the files in its folder: a page
    /// with a translation by suffix there (`index.ja.md`) has its
    /// unsuffixed file (`index.md`) in the default language.
    pub fn with_files<'n>(mut self, names: impl Iterator<Item = &'n str>) -> Place {
        let mut translated: Vec<String> = names
            .filter_map(|name| {
                let (stem, _) = name.rsplit_once('.')?;
                let (base, suffix) = stem.rsplit_once('.')?;
                let tag = codes::tag(suffix)?;
                let allowed = !base.is_empty() && self.site.as_ref().is_none_or(|s| s.allows(&tag));
                allowed.then(|| base.to_string())
            })
            .collect();
        translated.sort_unstable();
        translated.dedup();
        self.translated = translated.into();
        self
    }

    /// The places of the subfolders of this place's folder `dir`, given
    /// their names (in order): a folder named as a language is a language
    /// folder when another subfolder is too, when the folder is a locale
    /// folder (`i18n`, `locales`...), or when the site config says so.
    pub fn children(&self, dir: &Path, names: &[&str]) -> Vec<Place> {
        let tags: Vec<Option<String>> = names.iter().map(|n| codes::tag(n)).collect();
        let locale_parent = dir
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| LOCALE_PARENTS.iter().any(|p| p.eq_ignore_ascii_case(n)));
        let several = tags.iter().flatten().count() >= 2 || locale_parent;
        names
            .iter()
            .zip(tags)
            .map(|(name, tag)| {
                let configured = self.site.as_ref().and_then(|s| {
                    let path = dir.join(name);
                    s.content_dirs.iter().find(|(d, _)| *d == path).map(|(_, t)| t.clone())
                });
                let tag = configured.or(tag.filter(|t| several && self.site.as_ref().is_none_or(|s| s.allows(t))));
                Place {
                    folder: tag.map(|t| (Arc::from(t), self.depth)).or_else(|| self.folder.clone()),
                    site: self.site.clone(),
                    depth: self.depth.saturating_add(1),
                    translated: Arc::default(),
                }
            })
            .collect()
    }

    /// The language the path of the file `name` in this place's folder
    /// gives: its suffix, else its language folder, else the site's
    /// default language; without a site config, a file beside its own
    /// translations by suffix is in Hugo's and Zola's default language
    /// (English).
    pub fn file(&self, name: &str) -> PathLang {
        let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
        let suffix = stem
            .rsplit_once('.')
            .filter(|(base, _)| !base.is_empty())
            .and_then(|(_, s)| codes::tag(s))
            .filter(|t| self.site.as_ref().is_none_or(|s| s.allows(t)));
        let key = PathKey {
            folder: self.folder.as_ref().map(|(_, at)| *at),
            suffix: suffix.is_some(),
        };
        let code = match suffix {
            Some(tag) => Some(Arc::from(tag)),
            None => self
                .folder
                .as_ref()
                .map(|(t, _)| Arc::clone(t))
                .or_else(|| match &self.site {
                    Some(site) => site.default.as_deref().map(Arc::from),
                    None => self
                        .translated
                        .binary_search_by(|t| t.as_str().cmp(stem))
                        .is_ok()
                        .then(|| Arc::from(GENERATORS_DEFAULT)),
                }),
        };
        PathLang { code, key }
    }

    /// The place of the folder of `rel` (a file's path below `root`),
    /// found by listing every folder on the way: for loading one file.
    pub fn of_file(root: &Path, rel: &Path) -> Place {
        let mut place = Place::root(root);
        let mut dir = root.to_path_buf();
        let parts: Vec<_> = rel.parent().into_iter().flat_map(|p| p.components()).collect();
        for part in parts {
            let names: Vec<String> = std::fs::read_dir(&dir)
                .map(|entries| {
                    entries
                        .flatten()
                        .filter(|e| e.path().is_dir())
                        .map(|e| e.file_name().to_string_lossy().into_owned())
                        .collect()
                })
                .unwrap_or_default();
            place = place.entered(&dir, |n| dir.join(n).exists());
            let name = part.as_os_str().to_string_lossy();
            let mut refs: Vec<&str> = names.iter().map(String::as_str).collect();
            if !refs.contains(&&*name) {
                refs.push(&name);
            }
            let at = refs.iter().position(|n| *n == name).unwrap_or(0);
            place = place.children(&dir, &refs).swap_remove(at);
            dir.push(part);
        }
        let files: Vec<String> = std::fs::read_dir(&dir)
            .map(|entries| {
                entries
                    .flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        place
            .entered(&dir, |n| dir.join(n).exists())
            .with_files(files.iter().map(String::as_str))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(p: &PathLang) -> Option<&str> {
        p.code.as_deref()
    }

    #[test]
    fn language_folders_need_a_sibling_or_a_locale_parent() {
        let root = Place::default();
        let kids = root.children(Path::new("content"), &["de", "docs", "en"]);
        assert_eq!(code(&kids[0].file("x.md")), Some("de"));
        assert_eq!(code(&kids[1].file("x.md")), None);
        assert_eq!(
            kids[2].file("x.md").key,
            PathKey {
                folder: Some(0),
                suffix: false
            }
        );
        let alone = root.children(Path::new("docs"), &["ja", "guides"]);
        assert_eq!(code(&alone[0].file("x.md")), None);
        let i18n = root.children(Path::new("site/i18n"), &["fr"]);
        assert_eq!(code(&i18n[0].file("x.md")), Some("fr"));
        // Deeper folders keep the language and where it was named.
        let deeper = kids[0].children(Path::new("content/de"), &["posts"]);
        assert_eq!(deeper[0].file("x.md").key.folder, Some(0));
        assert_eq!(code(&deeper[0].file("x.md")), Some("de"));
    }

    #[test]
    fn suffixes_come_before_folders() {
        let root = Place::default();
        assert_eq!(code(&root.file("index.zh-Hans.md")), Some("zh-hans"));
        assert!(root.file("index.ja.md").key.suffix);
        for plain in ["index.md", "release.v2.md", ".de.md", "notes.old.md"] {
            assert_eq!(root.file(plain), PathLang::default(), "{plain}");
        }
        let de = &root.children(Path::new("c"), &["de", "en"])[0];
        assert_eq!(code(&de.file("x.fr.md")), Some("fr"));
    }

    #[test]
    fn a_file_beside_its_translations_by_suffix_is_in_the_default_language() {
        let place = Place::default().with_files(["index.md", "index.ja.md", "other.md", "v.2.md"].into_iter());
        assert_eq!(code(&place.file("index.md")), Some("en"));
        assert_eq!(code(&place.file("other.md")), None);
        assert_eq!(code(&place.file("v.md")), None);
    }

    #[test]
    fn a_site_config_decides_unsuffixed_files_and_allowed_suffixes() {
        let place = Place {
            site: Some(Arc::new(Site {
                default: Some("de".into()),
                languages: vec!["de".into(), "en".into()],
                content_dirs: Vec::new(),
            })),
            ..Place::default()
        };
        assert_eq!(code(&place.file("x.md")), Some("de"));
        assert_eq!(code(&place.file("x.en.md")), Some("en"));
        // Not a language of the site: part of the name.
        assert_eq!(code(&place.file("x.it.md")), Some("de"));
        assert!(!place.file("x.it.md").key.suffix);
    }
}
