//! The `[layout]` table: how the screen is shared between the list and the
//! article, how wide a line of text may run, and which columns the list shows.

use serde::Deserialize;

/// A column of the article list besides its marks and title.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Column {
    /// The date (an undated article's file day, dimmed).
    Date,
    /// The language code.
    #[serde(alias = "language")]
    Lang,
    /// The reading time in minutes.
    Time,
    /// The domain the article was saved from (its `site` or `source`).
    Site,
    /// The folder below the library folder, when there are several.
    #[serde(alias = "section")]
    Folder,
    /// The tags, after the title in the room it leaves.
    Tags,
}

impl Column {
    /// The columns, left to right as the list draws them.
    pub const ALL: [Column; 6] = [
        Column::Date,
        Column::Lang,
        Column::Time,
        Column::Site,
        Column::Folder,
        Column::Tags,
    ];

    /// The order in which columns give way as the list narrows: the first
    /// goes first (the folder narrows before the date goes). The title
    /// keeps at least [`Layout::MIN_TITLE`] columns; the tags only ever
    /// take the room it leaves.
    pub const DROP_ORDER: [Column; 5] = [Column::Site, Column::Time, Column::Date, Column::Folder, Column::Lang];
}

/// The `[layout]` settings.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Layout {
    /// The list's share of the screen's width, in per cent, when the list
    /// and the article are shown side by side (20 to 80).
    pub split: u16,
    /// The longest line of text in the reading pane, in columns (30 to
    /// 400): a wider pane centres the text, and on a wide screen the list
    /// takes the rest.
    pub measure: u16,
    /// The list's columns (any of date, lang, time, site, folder, tags).
    pub columns: Vec<Column>,
}

impl Layout {
    /// The fewest columns the title keeps before another column gives way.
    pub const MIN_TITLE: usize = 24;

    /// What is wrong with the settings, if anything: the key and why.
    pub fn check(&self) -> Result<(), (&'static str, String)> {
        if !(20..=80).contains(&self.split) {
            let why = format!("layout.split: {} is not between 20 and 80 (per cent)", self.split);
            return Err(("split", why));
        }
        if !(30..=400).contains(&self.measure) {
            let why = format!("layout.measure: {} is not between 30 and 400 (columns)", self.measure);
            return Err(("measure", why));
        }
        Ok(())
    }

    /// True when the list shows `column`.
    pub fn shows(&self, column: Column) -> bool {
        self.columns.contains(&column)
    }
}

/// The line (from 1) of the first `key =` at or after byte `from` of `text`.
pub(super) fn line_of_key(text: &str, from: usize, key: &str) -> usize {
    let start = text[..from.min(text.len())].matches('\n').count();
    text.lines()
        .enumerate()
        .skip(start)
        .find(|(_, l)| {
            l.trim_start()
                .strip_prefix(key)
                .is_some_and(|r| r.trim_start().starts_with('='))
        })
        .map_or(start + 1, |(n, _)| n + 1)
}

impl Default for Layout {
    fn default() -> Layout {
        Layout {
            split: 40,
            measure: 100,
            columns: vec![Column::Date, Column::Lang, Column::Site, Column::Folder, Column::Tags],
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::{Column, Config, Layout};

    #[test]
    fn the_layout_table_sets_split_measure_and_columns() {
        let c = Config::parse(
            "[layout]\nsplit = 30\nmeasure = 72\ncolumns = [\"time\", \"folder\", \"language\"]\n",
            "c.toml",
        )
        .unwrap();
        assert_eq!(
            c.layout,
            Layout {
                split: 30,
                measure: 72,
                columns: vec![Column::Time, Column::Folder, Column::Lang],
            }
        );
        let partial = Config::parse("[layout]\nmeasure = 80\n", "c.toml").unwrap();
        assert_eq!((partial.layout.split, partial.layout.measure), (40, 80));
        assert_eq!(partial.layout.columns, Layout::default().columns);
        assert_eq!(Config::parse("", "c.toml").unwrap().layout, Layout::default());
        let none = Config::parse("[layout]\ncolumns = []\n", "c.toml").unwrap();
        assert!(none.layout.columns.is_empty());
    }

    #[test]
    fn a_wrong_layout_names_its_line() {
        let cases = [
            (
                "mouse = true\n[layout]\nsplit = 90\n",
                "c.toml: line 3: layout.split: 90 is not between 20 and 80 (per cent)",
            ),
            (
                "[layout]\nsplit = 40\n\nmeasure = 1000\n",
                "c.toml: line 4: layout.measure: 1000 is not between 30 and 400 (columns)",
            ),
            (
                "[layout]\ncolumns = [\"date\", \"size\"]\n",
                "c.toml: line 2: unknown variant `size`",
            ),
            ("[layout]\nwidth = 3\n", "c.toml: line 2: unknown field `width`"),
            (
                "[layout]\nsplit = \"wide\"\n",
                "c.toml: line 2: invalid type: string \"wide\"",
            ),
        ];
        for (text, want) in cases {
            let err = Config::parse(text, "c.toml").unwrap_err().to_string();
            assert!(err.starts_with(want), "{text:?}: {err}");
        }
    }

    #[test]
    fn the_documented_layout_is_the_default() {
        let text = include_str!("../../assets/config.toml");
        let c = Config::parse(text, "assets/config.toml").unwrap();
        assert_eq!(c.layout, Layout::default());
    }
}
