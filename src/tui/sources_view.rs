//! The sources view (`O`): every cited source of the visible articles,
//! grouped by domain, expandable to URLs and the articles citing them.

use std::collections::BTreeSet;

use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding, Paragraph};
use ratatui::Frame;

use crate::library::Library;
use crate::sources::{collect, count_widths, counts, Domain, Kind, SortBy};

use super::action::Action;
use super::text::fit;
use super::theme::Theme;

/// A row of the flattened view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Row {
    /// A domain (index into `domains`).
    Domain(usize),
    /// A URL of a domain (domain, url).
    Url(usize, usize),
    /// An article citing a URL (domain, url, citation).
    Citation(usize, usize, usize),
}

/// What the view asks of the app after a key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing beyond the view's own change.
    Stay,
    /// Close the view.
    Close,
    /// Open this URL.
    OpenUrl(String),
    /// Say this in the status bar (a link that is not opened).
    Message(String),
    /// Show this article at the place of link `n`.
    OpenArticle {
        /// Library index of the article.
        article: usize,
        /// The link number cited there.
        n: usize,
    },
}

/// The state of the sources view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourcesView {
    /// The domains, in the current order.
    pub domains: Vec<Domain>,
    /// The current order.
    pub sort: SortBy,
    /// Names of the expanded domains.
    pub expanded: BTreeSet<String>,
    /// The highlighted row.
    pub selected: usize,
    /// Only domains this fuzzy-matches (see [`super::fuzzy`]) are shown.
    pub filter: String,
    /// The URLs saved as articles (marked ✓; Enter opens the saved copy).
    pub saved: BTreeSet<String>,
    articles: Vec<usize>,
}

impl SourcesView {
    /// The view over the given (visible) articles.
    pub fn new(library: &Library, articles: &[usize]) -> SourcesView {
        SourcesView {
            domains: collect(library, articles, SortBy::Count),
            sort: SortBy::Count,
            expanded: BTreeSet::new(),
            selected: 0,
            filter: String::new(),
            saved: BTreeSet::new(),
            articles: articles.to_vec(),
        }
    }

    /// The rows as shown, expanded domains opened.
    pub fn rows(&self) -> Vec<Row> {
        let mut rows = Vec::new();
        let names: Vec<&str> = self.domains.iter().map(|d| d.name.as_str()).collect();
        // The view keeps its own order (count or name) under a filter.
        let mut shown = super::fuzzy::filter(&self.filter, &names);
        shown.sort_unstable();
        for d in shown {
            let domain = &self.domains[d];
            rows.push(Row::Domain(d));
            if self.expanded.contains(&domain.name) {
                for (u, url) in domain.urls.iter().enumerate() {
                    rows.push(Row::Url(d, u));
                    for c in 0..url.citations.len() {
                        rows.push(Row::Citation(d, u, c));
                    }
                }
            }
        }
        rows
    }

    /// Applies a key of the view.
    pub fn update(&mut self, action: Action, library: &Library) -> Outcome {
        let rows = self.rows();
        let row = rows.get(self.selected).cloned();
        match action {
            Action::Down => self.selected = (self.selected + 1).min(rows.len().saturating_sub(1)),
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::PageDown => self.selected = (self.selected + 10).min(rows.len().saturating_sub(1)),
            Action::PageUp => self.selected = self.selected.saturating_sub(10),
            Action::Top => self.selected = 0,
            Action::Bottom => self.selected = rows.len().saturating_sub(1),
            Action::Back | Action::Quit => return Outcome::Close,
            Action::Sort => {
                let name = row.map(|r| self.domains[self.domain_of(&r)].name.clone());
                self.sort = match self.sort {
                    SortBy::Count => SortBy::Name,
                    SortBy::Name => SortBy::Count,
                };
                self.domains = collect(library, &self.articles, self.sort);
                // Keep the highlighted domain highlighted.
                if let Some(name) = name {
                    let d = self.domains.iter().position(|x| x.name == name).unwrap_or(0);
                    self.selected = self.rows().iter().position(|r| *r == Row::Domain(d)).unwrap_or(0);
                }
            }
            Action::Toggle | Action::Confirm => match row {
                Some(Row::Domain(d)) => {
                    let name = self.domains[d].name.clone();
                    if !self.expanded.remove(&name) {
                        self.expanded.insert(name);
                    }
                }
                Some(Row::Url(d, u)) if action == Action::Confirm => {
                    let url = &self.domains[d].urls[u];
                    return match (self.domains[d].kind, url.target) {
                        (Kind::ThisFolder, Some(article)) => Outcome::OpenArticle { article, n: 0 },
                        (Kind::NotWeb, _) => Outcome::Message(format!("not a web link, not opened: {}", url.url)),
                        _ => Outcome::OpenUrl(url.url.clone()),
                    };
                }
                Some(Row::Citation(d, u, c)) if action == Action::Confirm => {
                    let citation = &self.domains[d].urls[u].citations[c];
                    return Outcome::OpenArticle {
                        article: citation.article,
                        n: citation.n,
                    };
                }
                _ => {}
            },
            _ => {}
        }
        Outcome::Stay
    }

    fn domain_of(&self, row: &Row) -> usize {
        match *row {
            Row::Domain(d) | Row::Url(d, _) | Row::Citation(d, _, _) => d,
        }
    }

    /// Draws the view over `area`.
    pub fn draw(&self, frame: &mut Frame, library: &Library, theme: &Theme, area: Rect) {
        let w = usize::from(area.width.saturating_sub(4));
        let links: usize = self.domains.iter().map(|d| d.links).sum();
        let web = self.domains.iter().filter(|d| d.kind == Kind::Web).count();
        let widths = count_widths(&self.domains);
        let title = format!(
            " Sources: {web} domain{}, {links} links · Enter opens · Space expands · s sorts by {} · Esc closes ",
            if web == 1 { "" } else { "s" },
            match self.sort {
                SortBy::Count => "name",
                SortBy::Name => "count",
            }
        );
        let block = Block::bordered()
            .title(Span::styled(
                fit(&title, usize::from(area.width.saturating_sub(2))),
                theme.border().add_modifier(Modifier::BOLD),
            ))
            .border_style(theme.border())
            .padding(Padding::horizontal(1));
        let inner_h = usize::from(area.height.saturating_sub(2)).max(1);
        let rows = self.rows();
        let first = (self.selected + 1).saturating_sub(inner_h);
        let lines: Vec<Line> = rows
            .iter()
            .enumerate()
            .skip(first)
            .take(inner_h)
            .map(|(i, row)| {
                let line = match *row {
                    Row::Domain(d) => {
                        let dom = &self.domains[d];
                        let mark = if self.expanded.contains(&dom.name) {
                            "▾"
                        } else {
                            "▸"
                        };
                        let name = match dom.kind {
                            Kind::Web => Span::styled(dom.name.clone(), theme.border().add_modifier(Modifier::BOLD)),
                            // A group, not a domain.
                            _ => Span::styled(format!("({})", dom.name), theme.dim().add_modifier(Modifier::BOLD)),
                        };
                        Line::from(vec![
                            Span::raw(format!("{mark} ")),
                            Span::styled(format!("{}  ", counts(dom, widths)), theme.dim()),
                            name,
                        ])
                    }
                    Row::Url(d, u) => {
                        let url = &self.domains[d].urls[u];
                        let mut detail = url.texts.join(" / ");
                        if let Some(t) = url.titles.first() {
                            detail = format!("{detail} · \"{t}\"");
                        }
                        let url_text = fit(&url.url, w.saturating_sub(4));
                        let rest = w.saturating_sub(4 + super::super::layout::width(&url_text) + 2);
                        let mark = if self.saved.contains(&url.url) {
                            "  ✓ "
                        } else {
                            "    "
                        };
                        Line::from(vec![
                            Span::styled(mark, theme.badge()),
                            Span::styled(
                                url_text,
                                theme.text(crate::layout::Style::role(crate::layout::Role::Url)),
                            ),
                            Span::raw("  "),
                            Span::styled(fit(&detail, rest), theme.dim()),
                        ])
                    }
                    Row::Citation(d, u, c) => {
                        let citation = &self.domains[d].urls[u].citations[c];
                        let a = &library.articles()[citation.article];
                        let lang = a.lang_code().unwrap_or(crate::article::UNKNOWN_LANG);
                        Line::from(vec![
                            Span::raw("        "),
                            Span::styled(
                                format!("[{}] ", citation.n),
                                theme.text(crate::layout::Style::role(crate::layout::Role::LinkMarker)),
                            ),
                            Span::styled(format!("{lang} "), theme.badge()),
                            Span::raw(fit(&a.title, w.saturating_sub(16))),
                        ])
                    }
                };
                if i == self.selected {
                    let plain: Vec<Span> = line.spans.into_iter().map(|s| Span::raw(s.content)).collect();
                    Line::from(plain).style(theme.selected(true))
                } else {
                    line
                }
            })
            .collect();
        frame.render_widget(Clear, area);
        frame.render_widget(Paragraph::new(lines).block(block), area);
    }
}
