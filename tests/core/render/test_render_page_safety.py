"""A post cannot break the page it sits in: an unclosed <style> hides nothing, its ids and classes
cannot take the page's, and an attribute list cannot change an image's address."""

import pytest

from editor.core.export import render_page
from editor.core.export.site import SiteSettings
from editor.core.models import Post
from editor.core.render.pipeline import render_markdown

REST = "פסקה **שנייה** שלא נעלמת.\n\nועוד פסקה, with English."


@pytest.mark.parametrize("tag", ["style", "script", "textarea", "title", "iframe", "noscript", "template",
                                 "object", "xmp", "plaintext"])
def test_an_unclosed_tag_on_its_own_line_hides_nothing_and_is_reported_with_what_follows(tag):
    rendered = render_markdown(f"פתיחה.\n\n<{tag}>\n\n{REST}\n", line_numbers=True)
    assert "<strong>שנייה</strong> שלא נעלמת." in rendered.html and "ועוד פסקה" in rendered.html
    assert f"&lt;{tag}&gt;" in rendered.html  # shown as text
    [warning] = rendered.warnings
    assert (warning.code, warning.line) == ("unclosed-tag", 3)
    assert f"<{tag}>: פסקה **שנייה** שלא נעלמת." in warning.message_he and "לא נסגר" in warning.message_he


def test_an_unclosed_tag_inside_a_paragraph_or_an_item_hides_nothing():
    for text in (f"פתיחה <style> באמצע\n\n{REST}", f"- פריט <script src=x> ואז\n- פריט שני\n\n{REST}"):
        rendered = render_markdown(text)
        assert "<strong>שנייה</strong>" in rendered.html, text
        assert [w.code for w in rendered.warnings] == ["unclosed-tag"]  # not also "removed"


def test_an_unclosed_comment_hides_nothing_and_closed_ones_still_go():
    rendered = render_markdown(f"<!-- הערה לעורכת\n\n{REST}")
    assert "<strong>שנייה</strong>" in rendered.html and rendered.warnings[0].message.count("<!--: ") == 1
    closed = render_markdown(f"<!-- הערה -->\n\n<style>p {{ color: red }}</style>\n\n{REST}")
    assert "הערה" not in closed.html and "color" not in closed.html and "<strong>שנייה</strong>" in closed.html
    assert [w.code for w in closed.warnings] == ["unsafe-html-removed"]


def test_tags_in_code_are_code():
    rendered = render_markdown("```html\n<style>\n```\n\nקוד `<script>` בשורה\n\n    <textarea>\n")
    assert rendered.warnings == [] and rendered.html.count("&lt;") == 3


def page_of(body: str) -> str:
    post = Post(id=1, title="כותרת", lead="פתיח", body=body, slug="post")
    related = [Post(id=2, title="קשור", slug="related", lead="פתיח אחר")]
    return render_page(post, render_markdown(body).html, related, SiteSettings())


def test_a_posts_ids_cannot_take_the_pages_and_its_links_follow_them():
    body = ("## ktav related heading\n\n<div id=\"ktav-related-heading\">x</div>\n\n## סיכום {#related}\n\n"
            "[למעלה](#related) [לסיכום](#סיכום) [לראש העמוד](#) הערה[^1]\n\n[^1]: מקור")
    page = page_of(body)
    assert page.count('id="ktav-related-heading"') == 1  # the page's own, once
    assert 'id="ktav-body-ktav-related-heading"' in page and 'id="ktav-body-related"' in page
    assert 'href="#ktav-body-related"' in page and 'href="#">' in page
    assert 'id="ktav-body-fn:1"' in page and 'href="#ktav-body-fn:1"' in page and 'href="#ktav-body-fnref:1"' in page
    outline = render_markdown(body).outline
    assert [h.id for h in outline] == ["ktav-body-ktav-related-heading", "ktav-body-related"]


def test_a_writers_classes_do_not_reach_the_page_and_the_pipelines_do():
    body = ('<div class="site-header ktav-related">x</div>\n\n<span class="ktav-card">y</span>\n\n'
            "- פריט\n{: .ktav-post }\n\n```python\nprint('שלום')\n```\n\nהערה[^1]\n\n[^1]: מקור")
    html = render_markdown(body).html
    for writers in ("site-header", "ktav-related", "ktav-card", "ktav-post"):
        assert writers not in html
    for ours in ('class="codehilite"', 'class="language-python"', 'class="nb"', 'class="footnote"',
                 'class="footnote-ref"', 'class="footnote-backref"'):
        assert ours in html


@pytest.mark.parametrize("trick", ['{: src="https://tracker.example/p.gif" }', '{: src=https://tracker.example/p.gif}',
                                   "{: src='//tracker.example/p.gif' }"])
def test_an_attribute_list_cannot_change_an_images_address(trick):
    rendered = render_markdown(f"![תרשים](ktav-image:{'ab' * 32}){trick}\n")
    assert "tracker" not in rendered.html and f"ktav-image:{'ab' * 32}" in rendered.html
    assert rendered.image_refs == ["ab" * 32]
    assert any(w.code == "unsafe-html-removed" and "src=" in w.message for w in rendered.warnings)


def test_an_attribute_list_cannot_change_a_links_address():
    rendered = render_markdown('[האתר שלנו](https://foundation.example/){: href="https://elsewhere.example/" }')
    assert 'href="https://foundation.example/"' in rendered.html and "elsewhere" not in rendered.html
