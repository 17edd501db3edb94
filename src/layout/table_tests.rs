//! Tests of table layout.

use crate::document::parse_markdown;
use crate::layout::layout;

fn lines(md: &str, width: usize) -> Vec<String> {
    let out = layout(&parse_markdown(md), width);
    for line in &out.lines {
        assert!(line.width() <= width, "{:?} wider than {width}", line.text());
    }
    out.text_lines()
}

/// The columns of `│` in each line that has one: all the same.
fn aligned(lines: &[String]) -> bool {
    let cols = |l: &String| -> Vec<usize> {
        let mut at = 0;
        let mut out = Vec::new();
        for c in l.chars() {
            if c == '│' || c == '┼' {
                out.push(at);
            }
            at += crate::layout::width(&c.to_string());
        }
        out
    };
    let with: Vec<Vec<usize>> = lines.iter().map(cols).filter(|c| !c.is_empty()).collect();
    with.windows(2).all(|w| w[0] == w[1])
}

const TABLE: &str = "| Column A | Column B | Column C |\n|:--|:-:|--:|\n| one | two | three |\n| a much longer cell value here | ✓ | 12345 |\n";

#[test]
fn a_table_that_fits_is_padded_and_aligned() {
    let got = lines(TABLE, 80);
    assert_eq!(
        got,
        [
            "Column A                      │ Column B │ Column C",
            "──────────────────────────────┼──────────┼─────────",
            "one                           │   two    │    three",
            "a much longer cell value here │    ✓     │    12345",
        ]
    );
    assert_eq!(lines(TABLE, 120), got);
}

#[test]
fn a_wide_table_wraps_within_its_columns() {
    let got = lines(TABLE, 40);
    assert!(aligned(&got), "{got:#?}");
    assert_eq!(
        got,
        [
            "Column A           │ Column B │ Column C",
            "───────────────────┼──────────┼─────────",
            "one                │   two    │    three",
            "a much longer cell │    ✓     │    12345",
            "value here         │          │",
        ]
    );
}

#[test]
fn a_table_too_wide_to_wrap_becomes_records() {
    let got = lines(TABLE, 20);
    assert_eq!(
        got,
        [
            "Column A: one",
            "Column B: two",
            "Column C: three",
            "",
            "Column A: a much",
            "longer cell value",
            "here",
            "Column B: ✓",
            "Column C: 12345",
        ]
    );
}

#[test]
fn eight_columns_at_forty_are_records() {
    let md = "|a|b|c|d|e|f|g|h|\n|-|-|-|-|-|-|-|-|\n|one|two|three|four|five|six|seven|eight|\n";
    let got = lines(md, 40);
    assert_eq!(got[0], "a: one");
    assert_eq!(got[7], "h: eight");
}

#[test]
fn links_and_styles_inside_cells() {
    let md = "| a | b |\n|---|---|\n| [x](https://x.org) | **bold** |\n";
    let out = layout(&parse_markdown(md), 40);
    assert_eq!(out.text_lines()[2], "x[1] │ bold");
    assert_eq!(out.link_lines, [Some(2)]);
}
