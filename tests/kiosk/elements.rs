//! Every Markdown element real sites write, as `kiosk show` prints it and
//! as the reading pane draws it, at 120, 80, 40 and 20 columns.

use kiosk::layout::article_layout;
use kiosk::render::render;
use kiosk::tui::action::Action;
use kiosk::tui::app::App;
use kiosk::Library;

const WIDTHS: [usize; 4] = [120, 80, 40, 20];

/// One article of each element.
const ELEMENTS: &str = r#"---
title: Elements
date: 2024-05-01
lang: en
cover: images/cover.png
---
Intro with a note[^1], ~~struck~~ text, <kbd>Ctrl</kbd>+<kbd>C</kbd>, H<sub>2</sub>O and :warning: emoji.

## Install {#setup .wide}

| Name | Count | Notes |
|:-----|:-----:|------:|
| apples | 3 | a longer note that wraps when narrow |
| **pears** | 12 | [link](https://example.org/pears) |

- [x] done
- [ ] open

Term
: Its definition, which explains the term.

> [!WARNING]
> Mind the gap.

{{< figure src="img/cat.png" alt="A cat" caption="Our cat" >}}

{{% notice tip %}}
Inner **Markdown** of a notice.
{{% /notice %}}

{{< icon "github" >}} and {{< unknown >}}

{% raw %}{{ kept }}{% endraw %} and {% include footer.html %}

<details>
<summary>More</summary>

Hidden text.

</details>

<div class="box"><p>Raw <a href="https://example.org/raw">HTML link</a><br>next line</p><img src="pic.jpg" alt="Picture"></div>

```rust
fn main() { println!("a long line of code that will not fit in a narrow pane at all"); }
```

![Diagram](diagram.svg "The diagram")

[^1]: The note's text.
"#;

fn library() -> (tempfile::TempDir, Library) {
    // A folder of a fixed name: the status bar shows it.
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("elements");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("elements.md"), ELEMENTS).unwrap();
    let library = Library::load(&folder).unwrap();
    (dir, library)
}

#[test]
fn show_renders_every_element_at_every_width() {
    let (_dir, library) = library();
    for width in WIDTHS {
        let layout = article_layout(
            &library.articles()[0],
            &library.document(0),
            &library.translation_names(0),
            width,
        );
        for line in &layout.lines {
            assert!(line.width() <= width, "{:?} wider than {width}", line.text());
        }
        insta::assert_snapshot!(format!("elements_show_{width}"), render(&layout, false));
    }
}

#[test]
fn the_layout_keeps_what_the_reader_needs_later() {
    let (_dir, library) = library();
    let layout = article_layout(
        &library.articles()[0],
        &library.document(0),
        &library.translation_names(0),
        80,
    );
    let text = layout.text_lines();
    // Heading ids (given and made) point at their headings.
    let (_, line) = layout.anchors.iter().find(|(id, _)| id == "setup").expect("anchor");
    assert_eq!(text[*line], "Install");
    // The note and its reference.
    let (n, note) = layout.note_lines[0];
    assert_eq!(n, 1);
    assert!(text[note].starts_with("¹ The note's text."), "{}", text[note]);
    assert_eq!(layout.footnote_lines[0].0, 1);
    assert!(text.iter().any(|l| l == "Notes"));
    assert!(layout.headings.iter().any(|h| h.text == "Notes"));
}

use crate::common::screen;

#[test]
fn the_reading_pane_draws_every_element_at_every_width() {
    for width in WIDTHS {
        let (_dir, library) = library();
        let mut app = App::new(library, (width as u16, 60), false);
        app.update(Action::Confirm);
        insta::assert_snapshot!(format!("elements_pane_{width}"), screen(&app));
    }
}
