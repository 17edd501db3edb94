//! The command line contract: output, JSON Lines, exit codes, widths.

use kiosk::layout::width;

use crate::common::{kiosk, stdout};

fn ids(out: &std::process::Output) -> Vec<String> {
    stdout(out)
        .lines()
        .map(|l| l.rsplit("  ").next().unwrap().to_string())
        .collect()
}

#[test]
fn list_defaults_to_articles_and_sorts_newest_first() {
    let out = kiosk(&["list"]);
    assert!(out.status.success());
    let text = stdout(&out);
    // The undated plain texts go by their files' day (the checkout's), so
    // before the 2020 articles, by title; the date column stays blank.
    let first = text.lines().next().unwrap();
    assert_eq!(
        first,
        "            de  Die chinesische Social-Media-Plattform TikTok musste sich in der Vergangenheit…  001_8fa43bf7fe4e0427"
    );
    assert_eq!(
        text.lines().nth(3).unwrap(),
        "2020-08-24  en  USA monitor with data from TikTok  [State]  003_99cfcbda6ab29d43"
    );
    assert_eq!(text.lines().count(), 5);
    assert!(!text.contains('\x1b'), "no colour into a pipe");
}

#[test]
fn list_filters_select_exactly() {
    assert_eq!(ids(&kiosk(&["list", "--lang", "en"])), ["003_99cfcbda6ab29d43"]);
    assert_eq!(ids(&kiosk(&["list", "--lang", "EN"])), ["003_99cfcbda6ab29d43"]);
    assert_eq!(ids(&kiosk(&["list", "--tag", "Staat"])), ["000_f9bd4a49aeb422e6"]);
    assert_eq!(
        ids(&kiosk(&["list", "--search", "oracle"])),
        ["001_8fa43bf7fe4e0427", "004_afe6046d54508ad7", "002_febce40671cb284b"]
    );
    assert!(ids(&kiosk(&["list", "--lang", "fr"])).is_empty());
}

#[test]
fn list_json_lines_follow_the_contract() {
    let out = kiosk(&["list", "articles", "--json"]);
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(lines.len(), 5);
    let keys: Vec<&str> = lines[0].as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "id",
            "path",
            "title",
            "date",
            "lang",
            "lang_detected",
            "tags",
            "draft",
            "summary",
            "format",
            "words",
            "links",
            "translations",
            "lang_source",
            "section",
            "read",
            "starred"
        ]
    );
    let de = lines.iter().find(|v| v["id"] == "000_f9bd4a49aeb422e6").unwrap();
    assert_eq!(de["path"], "000_f9bd4a49aeb422e6.txt");
    assert_eq!(de["date"], "2020-08-24");
    assert_eq!(de["lang"], "de");
    assert_eq!(de["lang_detected"], false);
    assert_eq!(de["tags"], serde_json::json!(["Staat"]));
    assert_eq!(de["format"], "markdown");
    assert_eq!(de["links"].as_array().unwrap().len(), 13);
    assert_eq!(
        de["links"][0],
        serde_json::json!({"n": 1, "text": "The Intercept",
            "url": "https://theintercept.com/2020/08/10/blueleaks-tiktok-law-enforcement-privacy/",
            "title": "LEAKED DOCUMENTS REVEAL WHAT TIKTOK SHARES WITH AUTHORITIES — IN THE U.S."})
    );
    assert_eq!(de["translations"], serde_json::json!(["003_99cfcbda6ab29d43"]));
    let plain = lines.iter().find(|v| v["id"] == "002_febce40671cb284b").unwrap();
    assert_eq!(plain["date"], serde_json::Value::Null);
    assert_eq!(plain["summary"], serde_json::Value::Null);
    assert_eq!(plain["lang_detected"], true);
    assert_eq!(plain["format"], "plain");
}

#[test]
fn show_fits_every_width_for_every_seed() {
    for id in ["000", "001", "002", "003", "004"] {
        for w in [40usize, 80, 120] {
            let out = kiosk(&["show", id, "--width", &w.to_string()]);
            assert!(out.status.success(), "{id} at {w}");
            let text = stdout(&out);
            for (n, line) in text.lines().enumerate() {
                assert!(
                    width(line) <= w,
                    "{id} at {w}, line {n}: {line:?} is {} wide",
                    width(line)
                );
                assert!(!line.contains('\x1b'));
            }
        }
    }
}

#[test]
fn show_prints_header_body_markers_and_links() {
    let out = kiosk(&["show", "000_f9bd4a49aeb422e6", "--width", "80"]);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "USA überwachen mit Daten von TikTok");
    assert_eq!(lines[1], "2020-08-24 · de · Staat · 6 min read · also in en");
    assert!(text.replace('\n', " ").contains("\"The Intercept[1]\""));
    let links_at = lines.iter().position(|l| *l == "Links").expect("Links section");
    assert!(
        lines[links_at + 1].starts_with("[1]  https://theintercept.com/2020/08/10/blueleaks-tiktok-law-enforcement-")
    );
    assert!(lines.last().unwrap().contains("\"INVISIBLE CENSORSHIP\""));
}

#[test]
fn show_accepts_a_path() {
    let out = kiosk(&["show", "articles/003_99cfcbda6ab29d43.txt", "--width", "60"]);
    assert!(out.status.success());
    assert!(stdout(&out).starts_with("USA monitor with data from TikTok\n"));
}

#[test]
fn exit_codes_and_errors() {
    let out = kiosk(&["show", "nope"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("error: no article \"nope\""), "{err}");
    let out = kiosk(&["show", "00"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("matches 5 articles"));
    let out = kiosk(&["list", "/no/such/dir"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("error: cannot load /no/such/dir"));
    assert_eq!(kiosk(&["list", "--bogus"]).status.code(), Some(2));
    assert_eq!(kiosk(&["show", "000", "--width", "0"]).status.code(), Some(2));
    assert_eq!(kiosk(&["frobnicate", "x", "y"]).status.code(), Some(2));
}

#[test]
fn check_reports_and_sets_the_exit_code() {
    let out = kiosk(&["check"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "");
    let out = kiosk(&["check", "tests/fixtures/odd"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.lines().any(|l| l == "empty.md: warning: empty file; skipped"),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l == "wrong_types.md: error: title: expected text, found a list"),
        "{text}"
    );
    let summary = String::from_utf8_lossy(&out.stderr);
    assert!(summary.contains("6 errors"), "{summary}");
}

#[test]
fn reader_refuses_a_pipe() {
    let out = kiosk(&[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("needs a terminal"));
}

#[test]
fn a_config_file_sets_the_folder_and_bad_ones_name_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.toml");
    std::fs::write(&good, "articles = \"tests/fixtures/odd\"\ntheme = \"mono\"\n").unwrap();
    let out = kiosk(&["--config", good.to_str().unwrap(), "list"]);
    assert!(out.status.success());
    assert!(stdout(&out).contains("Zola style"), "the configured folder is listed");
    // A folder on the command line wins over the file.
    let out = kiosk(&["list", "articles", "--config", good.to_str().unwrap()]);
    assert_eq!(stdout(&out).lines().count(), 5);
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "theme = \"dark\"\ncolour = true\n").unwrap();
    let out = kiosk(&["--config", bad.to_str().unwrap(), "list"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with(&format!("error: {}: line 2: unknown field `colour`", bad.display())),
        "{err}"
    );
    let out = kiosk(&["--config", "/no/such/config.toml", "list"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("error: cannot read config /no/such/config.toml"));
}

#[test]
fn completions_and_man_page_come_from_the_cli_definitions() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = kiosk(&["completions", shell]);
        assert!(out.status.success(), "{shell}");
        let text = stdout(&out);
        for sub in ["list", "show", "check", "sources"] {
            assert!(text.contains(sub), "{shell} completions lack {sub}");
        }
        assert!(text.contains("json"), "{shell}");
    }
    let man = stdout(&kiosk(&["man"]));
    assert!(man.contains(".TH kiosk 1"), "{man}");
    assert!(man.contains("kiosk\\-list") || man.contains("list"));
    assert!(man.contains("\\-\\-config"));
    assert_eq!(kiosk(&["completions", "tcsh"]).status.code(), Some(2));
}
