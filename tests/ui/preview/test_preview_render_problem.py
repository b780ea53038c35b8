"""The preview of a post the render refuses shows why, through the render process the window uses."""

import pytest

from editor.core.child_process import RenderProcess
from editor.core.models import Post
from editor.core.preview.page import PreviewContext, render_preview

TOO_DEEP = "פסקה ראשונה.\n\n" + "- " * 10_000 + "פריט"
TOO_SLOW = "-\n" * 200_000  # within the size limit; past the time budget


@pytest.fixture
def process():
    renderer = RenderProcess(children=1)
    yield renderer
    renderer.close()


def test_a_post_nested_too_deep_previews_as_a_page_that_says_so(process):
    context = PreviewContext(Post(title="פוסט עמוק"))
    for result in (process(TOO_DEEP, context), render_preview(TOO_DEEP, context)):
        assert "ktav-render-problem" in result.page_html and "פוסט עמוק" in result.page_html
        assert "רשימות וציטוטים מקוננים לעומק 10000 רמות בשורה 3" in result.page_html
        assert [w.code for w in result.rendered.warnings] == ["too-complex"]


@pytest.mark.slow
def test_a_post_too_slow_to_render_is_stopped_and_the_next_text_previews(process):
    context = PreviewContext(Post(title="פוסט איטי"))
    stopped = process(TOO_SLOW, context)
    assert "נעצר" in stopped.body_html and stopped.rendered.warnings[0].code == "too-complex"
    assert "<h2" in process("## כותרת\n\nפסקה", context).body_html  # the same child renders on
