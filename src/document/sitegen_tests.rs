//! Tests of the site-generator rewrite.

use super::rewrite;

fn r(text: &str) -> String {
    rewrite(text).into_owned()
}

#[test]
fn plain_markdown_is_borrowed() {
    assert!(matches!(
        rewrite("# Title\n\nText with {braces} and `code`.\n"),
        std::borrow::Cow::Borrowed(_)
    ));
}

#[test]
fn hugo_figure_ref_and_embeds() {
    assert_eq!(
        r("{{< figure src=\"cat.png\" alt=\"A cat\" caption=\"Our cat\" >}}\n"),
        "![A cat](<cat.png>)\n\n*Our cat*\n\n"
    );
    assert_eq!(
        r("See [docs]({{< ref \"docs/install\" >}}).\n"),
        "See [docs](docs/install).\n"
    );
    assert_eq!(
        r("{{< youtube dQw4w9WgXcQ >}}\n"),
        "[YouTube video dQw4w9WgXcQ](https://www.youtube.com/watch?v=dQw4w9WgXcQ)\n"
    );
    assert_eq!(
        r("{{< gist spf13 7896402 >}}\n"),
        "[Gist spf13/7896402](https://gist.github.com/spf13/7896402)\n"
    );
}

#[test]
fn hugo_callouts_quote_their_inner_markdown() {
    assert_eq!(
        r("{{< alert >}}\n**Warning!** Careful.\n{{< /alert >}}\n\nAfter.\n"),
        "\n> [!WARNING]\n> **Warning!** Careful.\n> \n\n\nAfter.\n"
    );
    assert_eq!(
        r("{{% notice tip \"Title\" %}}\nInner\n{{% /notice %}}\n"),
        "\n> [!TIP]\n> Inner\n> \n\n"
    );
}

#[test]
fn unknown_shortcodes_show_their_content_or_their_name() {
    assert_eq!(r("{{< lead >}}\nLead text.\n{{< /lead >}}\n"), "\nLead text.\n\n\n");
    assert_eq!(
        r("Icon {{< icon \"github\" >}} here.\n"),
        "Icon <kiosk-dim>⟨icon github⟩</kiosk-dim> here.\n"
    );
}

#[test]
fn highlight_becomes_a_fence_and_code_is_untouched() {
    assert_eq!(
        r("{{< highlight go >}}\nfunc {{ x }}\n{{< /highlight >}}\n"),
        "\n```go\nfunc {{ x }}\n```\n\n"
    );
    let code = "```\n{{< figure src=x >}} {% raw %}\n```\n\n`{{< ref x >}}` and {{< ref y >}}\n";
    assert_eq!(
        r(code),
        "```\n{{< figure src=x >}} {% raw %}\n```\n\n`{{< ref x >}}` and y\n"
    );
}

#[test]
fn liquid_and_zola() {
    assert_eq!(
        r("{% raw %}{{ site.url }}{% endraw %} and {{ page.title }}\n"),
        "{{ site.url }} and <kiosk-dim>⟨page.title⟩</kiosk-dim>\n"
    );
    assert_eq!(
        r("{% highlight ruby %}\nputs 1\n{% endhighlight %}\n"),
        "\n```ruby\nputs 1\n```\n\n"
    );
    assert_eq!(
        r("[x]({% link _docs/a.md %}) {% if y %}y{% endif %}\n"),
        "[x](_docs/a.md) y\n"
    );
    assert_eq!(r("{% comment %}hidden{% endcomment %}shown\n"), "shown\n");
    assert_eq!(
        r("{{ youtube(id=\"abc\") }}\n"),
        "[YouTube video abc](https://www.youtube.com/watch?v=abc)\n"
    );
    assert_eq!(
        r("{% note(kind=\"warning\") %}\nBody\n{% end %}\n"),
        "\n> [!WARNING]\n> Body\n> \n\n"
    );
}

#[test]
fn kramdown_mdx_and_escaped_shortcodes() {
    assert_eq!(r("Para\n{: .lead}\n"), "Para\n\n");
    assert_eq!(r("*x*{: .c} y\n"), "*x* y\n");
    assert_eq!(
        r("import X from './x'\nexport const meta = {\n  a: 1,\n}\n\n# Hi\n"),
        "\n# Hi\n"
    );
    assert_eq!(
        r("<Aside type=\"caution\">\nText\n</Aside>\n"),
        "\n> [!CAUTION]\n> Text\n> \n\n"
    );
    assert_eq!(r("{{</* alert */>}}\n"), "`{{< alert >}}`\n");
}

#[test]
fn hostile_input_stays_linear() {
    // Many unclosed openers: each looks ahead a bounded window at most.
    let text = "{{< x ".repeat(100_000);
    let out = r(&text);
    assert!(out.len() >= text.len() / 2);
    let text = "{{< a >}}".repeat(50_000);
    assert!(r(&text).contains("⟨a⟩"));
}
