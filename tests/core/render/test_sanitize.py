"""No script rides in a post: XSS attempts through Markdown come out harmless, our markup stays."""

import pytest

from editor.core.render.pipeline import render_markdown
from editor.core.render.sanitize import sanitize_html, unsafe_parts, url_scheme

ATTACKS = {
    "script": "<script>alert(1)</script>",
    "inline script": "טקסט <script>alert(1)</script> טקסט",
    "onerror image": "<img src=x onerror=alert(1)>",
    "javascript link": "[x](javascript:alert(1))",
    "javascript link with spaces and case": "[x]( JaVaScRiPt:alert(1))",
    "entity-encoded javascript link": "[x](javascript&#58;alert(1))",
    "entity-encoded raw link": '<a href="javascript&#58;alert(1)">x</a>',
    "attr_list handler": 'פסקה\n{: onclick="alert(1)" }',
    "attr_list handler on a heading": '## כותרת {: onmouseover="alert(1)" }',
    "iframe": '<iframe src="https://evil.example"></iframe>',
    "data image": "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "data link": "[x](data:text/html,<script>alert(1)</script>)",
    "svg onload": "<svg onload=alert(1)><circle r=1 /></svg>",
    "style attribute": '<p style="background:url(javascript:alert(1))">x</p>',
    "style element": "<style>body{display:none}</style>",
    "object and embed": '<object data="x.swf"></object><embed src="x.swf">',
    "form": '<form action="https://evil.example"><input name=x><button>send</button></form>',
    "vbscript": "[x](vbscript:msgbox(1))",
}
FORBIDDEN = ["<script", "onerror", "onclick", "onmouseover", "onload", "javascript", "vbscript",
             "data:", "<iframe", "<svg", "style", "<object", "<embed", "<form", "<input", "alert(1)"]  # fmt: skip


@pytest.mark.parametrize("source", ATTACKS.values(), ids=ATTACKS.keys())
def test_attack_renders_harmless(source):
    html = render_markdown(source).html.lower()
    for needle in FORBIDDEN:
        assert needle not in html, (needle, html)


@pytest.mark.parametrize("source", ATTACKS.values(), ids=ATTACKS.keys())
def test_attack_is_reported_to_the_writer(source):
    warnings = render_markdown(source).warnings
    assert {w.code for w in warnings} & {"unsafe-html-removed", "unsafe-link-removed"}, source


def test_the_text_around_a_removed_script_stays():
    html = render_markdown("לפני <script>alert(1)</script> אחרי").html
    assert html == "<p>לפני  אחרי</p>"


def test_external_links_get_rel_internal_and_mail_links_do_not():
    html = render_markdown("[אתר](https://example.org) [מייל](mailto:a@example.org) [עוגן](#סיכום)").html
    assert '<a href="https://example.org" rel="noopener noreferrer">אתר</a>' in html
    assert '<a href="mailto:a@example.org">מייל</a>' in html
    assert '<a href="#ktav-body-סיכום">עוגן</a>' in html


def test_a_link_typed_as_html_gets_rel_too():
    html = render_markdown('ראו <a href="https://example.org" title="א &amp; ב">את האתר</a> כאן').html
    assert html == (
        '<p>ראו <a href="https://example.org" title="א &amp; ב" rel="noopener noreferrer">'
        "את האתר</a> כאן</p>"
    )
    assert render_markdown('<a href="/local">פנימי</a>').html == '<p><a href="/local">פנימי</a></p>'


def test_our_own_markup_survives_sanitizing():
    source = "## סיכום\n\nטקסט[^1]\n\n```python\nx = 1\n```\n\n| א | ב |\n|:--|--:|\n| 1 | 2 |\n\n[^1]: הערה"
    html = render_markdown(source, line_numbers=True).html
    for kept in ['id="ktav-body-סיכום"', 'data-line="1"', 'href="#ktav-body-fn:1"', 'id="ktav-body-fn:1"', 'class="footnote"',
                 'class="codehilite"', '<pre dir="ltr">', '<span class="n">', 'align="left"']:  # fmt: skip
        assert kept in html, kept


def test_images_keep_src_alt_title_and_size_but_not_handlers():
    html = sanitize_html(
        '<img src="ktav-image:ab12" alt="תרשים" title="כותרת" width="10" height="20" onload="x()">'
    )
    assert html == '<img src="ktav-image:ab12" alt="תרשים" title="כותרת" width="10" height="20">'


def test_rel_cannot_be_forged_to_something_else():
    assert sanitize_html('<a href="/x" rel="opener">x</a>') == '<a href="/x">x</a>'


def test_unsafe_parts_names_what_the_sanitizer_drops():
    assert unsafe_parts('<p onclick="x()">a</p><script>b</script><a href="javascript&#58;c">d</a>') == [
        "onclick=",
        "<script>",
        "href=javascript:c",
    ]
    assert unsafe_parts("<b>bold</b> <sup>2</sup> <!-- הערה -->") == []


@pytest.mark.parametrize(
    ("url", "scheme"),
    [("https://a.b", "https"), (" JavaScript:x", "javascript"), ("java\tscript:x", "javascript"),
     ("/path:with-colon", None), ("#fn:1", None), ("ktav-image:ab", "ktav-image")],
)  # fmt: skip
def test_url_scheme_is_read_as_a_browser_reads_it(url, scheme):
    assert url_scheme(url) == scheme


def test_html_shown_as_code_is_neither_removed_nor_reported():
    rendered = render_markdown("```html\n<script>alert(1)</script>\n```\n\nהתגית `<iframe>` חסומה")
    assert rendered.warnings == []
    assert '<span class="nt">script</span>' in rendered.html
    assert '<code dir="ltr">&lt;iframe&gt;</code>' in rendered.html
