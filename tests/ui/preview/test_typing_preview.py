"""The preview while the writer types a long post in the window: it follows without a render per key,
and shows the last text right after the writer stops."""

import json

import pytest
from desk_helpers import library_with_posts, open_window, preview_caught_up
from PySide6.QtWidgets import QApplication
from typist import Typist

from editor.core.child_process import RenderProcess
from editor.core.models import Post
from editor.core.preview.page import PreviewContext, render_preview

pytestmark = pytest.mark.slow

PARAGRAPH = 'בבית הספר בדימונה לומדים 4-5 יחידות מתמטיקה, לפי רש"י ו-Google, בשנת 2026.'


class CountingRenders:
    """The app's render process, counting the renders started while `typing` is set."""

    renders_elsewhere = True

    def __init__(self) -> None:
        self.process = RenderProcess()
        self.children = self.process.children
        self.typing = False
        self.during_typing = 0

    def __call__(self, text, context):
        return self.process(*self._count(text, context))

    def while_typing(self, text, context):
        return self.process.while_typing(*self._count(text, context))

    def _count(self, text, context):
        self.during_typing += self.typing
        return text, context


class FastTypist:
    """A fast typist's pace, about 200 words a minute: never a pause."""

    def next_delay_ms(self) -> int:
        return 60


def same_body(qtbot, window, expected):
    from editor.ui.preview.web import OUR_WORLD

    with qtbot.waitCallback(timeout=10_000) as answer:
        window.preview_view.page().runJavaScript(
            "(function(html){var t=document.createElement('template');t.innerHTML=html.trim();"
            "return t.innerHTML===document.querySelector('.ktav-body').innerHTML;})(" + json.dumps(expected) + ")",
            OUR_WORLD, answer)
    return answer.args[0]


def test_after_a_burst_of_keys_the_preview_shows_the_last_text(qtbot, tmp_path, settings):
    library = library_with_posts(tmp_path / "burst.sqlite")
    long_post = library.add_post(Post(title="פוסט ארוך", body="\n\n".join([PARAGRAPH] * 1500)))
    renders = CountingRenders()
    window = open_window(qtbot, library, settings, post_id=long_post.id, render=renders)
    try:
        if not window.preview_view.is_web:
            pytest.skip("QtWebEngine is not available")
        preview_caught_up(qtbot, window)
        editor = window.editor
        editor.moveCursor(editor.textCursor().MoveOperation.End)
        shown_while_typing = []
        window.preview.rendered.connect(lambda generation: shown_while_typing.append(renders.typing))
        typed = ' המשכנו לעבוד על הנתונים של 2024 ועל רש"י, ועוד מילים כדי שההקלדה תימשך כמה שניות'
        typist = Typist(editor, typed, FastTypist())
        renders.typing = True
        with qtbot.waitSignal(typist.finished, timeout=60_000):
            typist.start()
        renders.typing = False
        preview_caught_up(qtbot, window)
        text = editor.text()
        assert text.endswith(typed)
        assert same_body(qtbot, window, render_preview(text, PreviewContext(Post(title="כותרת"))).body_html)
        assert True in shown_while_typing, "the preview followed the typing, not only after it"
        # Rendered after every key would be about len(typed); a loaded machine delivers some keys late,
        # and a late key is a pause the preview may render in (28 of 81 seen in a full run), so the
        # bound is half the keys.
        assert renders.during_typing <= len(typed) / 2, "a long post is not rendered after every key"
    finally:
        window.close()  # saves the post: what the library tells the window of it arrives before it closes
        QApplication.processEvents()
        renders.process.close()
        library.close()
