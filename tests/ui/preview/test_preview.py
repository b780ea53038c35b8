"""The live preview: Hebrew typing shows up in place, nothing leaves the machine, the fallback works."""

import base64
import dataclasses
import http.server
import json
import sys
import threading

import pytest
from PySide6.QtCore import QUrl

from editor.core.models import Post
from editor.core.preview.page import PreviewContext, render_preview
from editor.ui.preview import live as preview
from editor.ui.preview.render_worker import RenderWorker

preview.register_schemes()  # at collection, before pytest-qt creates the QApplication

# A 2x2 red PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEUlEQVR4nGP8z8DAwMDAxAABAB0AAv8QGUc9AAAAAElFTkSuQmCC"
)
SHA = "a" * 64


def images(sha256):
    return ("image/png", PNG) if sha256 == SHA else None


@pytest.fixture
def opened():
    return []


@pytest.fixture
def live(qtbot, opened):
    view = preview.create_preview_view(images, opened.append)
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.show()
    return preview.LivePreview(view)


def context(title='רש"י ואג"ח'):
    return PreviewContext(Post(title=title, lead="פתיח קצר"))


def show(qtbot, live, text, ctx=None):
    with qtbot.waitSignal(live.rendered, timeout=20000) as blocker:
        live.update(text, ctx or context(), immediately=True)
    return blocker.args[0]


def run_js(qtbot, view, script):
    with qtbot.waitCallback(timeout=10000) as callback:
        view.page().runJavaScript(script, preview_web().OUR_WORLD, callback)
    return callback.args[0]


def preview_web():
    from editor.ui.preview import web as module

    return module


def body_text(qtbot, view):
    return run_js(qtbot, view, "document.querySelector('.ktav-body').innerText")


def test_typing_hebrew_updates_the_page_in_place(qtbot, live):
    view = live.view
    show(qtbot, live, "פסקה ראשונה על 4-5 יחידות.")
    loads = []
    view.loadStarted.connect(lambda: loads.append(1))
    generation = show(qtbot, live, "פסקה ראשונה על 4-5 יחידות.\n\nנוספה פסקה עם Google ו-רש\"י.")
    assert generation == live.latest_generation
    text = body_text(qtbot, view)
    assert "נוספה פסקה עם Google" in text
    assert 'רש"י' in text
    assert loads == []  # the body changed without reloading the page (no flicker, scroll kept)
    title = run_js(qtbot, view, "document.querySelector('h1').innerText")
    assert title == 'רש"י ואג"ח'


def test_only_the_blocks_that_changed_are_replaced(qtbot, live):
    paragraphs = ["פסקה ראשונה.", "פסקה שנייה עם English.", 'פסקה שלישית על רש"י.']
    show(qtbot, live, "\n\n".join(paragraphs))
    run_js(qtbot, live.view, "document.querySelector('.ktav-body p:last-child').ktavMark = 1; true")
    edits = [
        ["כותרת חדשה למעלה"] + paragraphs,  # every block below moves down two lines
        ["כותרת חדשה למעלה", paragraphs[0], "פסקה שנייה, נערכה.", paragraphs[2]],
        ["כותרת חדשה למעלה", paragraphs[0], paragraphs[2]],
    ]
    for blocks in edits:
        text = "\n\n".join(blocks)
        show(qtbot, live, text)
        expected = render_preview(text, context()).body_html
        same = run_js(qtbot, live.view, "(function(html){var t=document.createElement('template');"
                      "t.innerHTML=html.trim();return t.innerHTML===document.querySelector('.ktav-body').innerHTML;})"
                      f"({json.dumps(expected)})")
        assert same, blocks
    assert run_js(qtbot, live.view, "document.querySelector('.ktav-body p:last-child').ktavMark === 1")


def body_is(qtbot, view, expected_html):
    """The page's body holds exactly `expected_html` (as the browser parses it)."""
    return run_js(qtbot, view, "(function(html){var t=document.createElement('template');"
                  "t.innerHTML=html.trim();return t.innerHTML===document.querySelector('.ktav-body').innerHTML;})"
                  f"({json.dumps(expected_html)})")


def test_only_what_changed_crosses_to_the_page_and_it_comes_out_whole(qtbot, live):
    paragraphs = [f"פסקה {n} 🙂 על שָׁלוֹם ו-4-5 יחידות." for n in range(1, 400)]
    show(qtbot, live, "\n\n".join(paragraphs))
    sent = []
    page = live.view.page()
    original = page.runJavaScript
    page.runJavaScript = lambda script, *args: (sent.append(script), original(script, *args))[1]
    for n, typed in ((200, "ש"), (200, "🎉"), (1, " עוד"), (399, "!")):
        paragraphs[n - 1] = paragraphs[n - 1].replace("יחידות", "יחידות" + typed)
        text = "\n\n".join(paragraphs)
        show(qtbot, live, text)
        assert body_is(qtbot, live.view, render_preview(text, context()).body_html), typed
    web = preview_web()
    scripts = len(web._patch_page_script()) + len(web._update_page_script())
    updates = [len(script) - scripts for script in sent if "ktavShownPage" in script]
    # The first update after a page load sends it whole (the script world starts empty), then changes only.
    assert len(updates) == 4 and max(updates[1:]) < 200 < len(render_preview(text, context()).page_html) / 100, \
        f"a keystroke sends what changed, not the page: {updates}"


def test_a_page_that_lost_what_it_held_gets_the_whole_page(qtbot, live):
    show(qtbot, live, "פסקה ראשונה.\n\nפסקה שנייה.")
    run_js(qtbot, live.view, "delete window.ktavShownPage; true")  # as if the page had been made anew
    show(qtbot, live, "פסקה ראשונה.\n\nפסקה שנייה, נערכה.")
    assert "פסקה שנייה, נערכה." in body_text(qtbot, live.view)


def test_the_preview_follows_the_cursor_to_its_block(qtbot, live):
    paragraphs = [f"פסקה מספר {n} על 4-5 יחידות." for n in range(1, 80)]
    show(qtbot, live, "\n\n".join(paragraphs))
    assert run_js(qtbot, live.view, "window.scrollY") == 0
    live.follow_line(2 * 70 + 1)  # the source line of paragraph 71
    qtbot.waitUntil(lambda: run_js(qtbot, live.view, "window.scrollY") > 0, timeout=5000)
    visible = run_js(qtbot, live.view, "(function(){var r=document.querySelector('[data-line=\"141\"]')"
                     ".getBoundingClientRect();return r.top>=0&&r.bottom<=window.innerHeight;})()")
    assert visible


def test_another_post_starts_at_the_top_of_its_page(qtbot, live):
    long_text = "\n\n".join(f"פסקה {n}" for n in range(1, 120))
    show(qtbot, live, long_text, context("פוסט ארוך"))
    run_js(qtbot, live.view, "window.scrollTo(0, 2000); true")
    qtbot.waitUntil(lambda: run_js(qtbot, live.view, "window.scrollY") > 0, timeout=5000)
    with qtbot.waitSignal(live.rendered, timeout=20000):
        live.start_over(long_text, context("פוסט אחר"))
    assert run_js(qtbot, live.view, "window.scrollY") == 0


def test_title_lead_and_related_cards_change_in_place(qtbot, live):
    long_text = "\n\n".join(f"פסקה {n} על 4-5 יחידות" for n in range(1, 120))
    show(qtbot, live, long_text, context("כותרת ראשונה"))
    run_js(qtbot, live.view, "window.scrollTo(0, 1500); true")
    qtbot.waitUntil(lambda: live.view.page().scrollPosition().y() > 1000, timeout=5000)
    loads = []
    live.view.loadStarted.connect(lambda: loads.append(1))
    related = (Post(title="פוסט קשור על רש\"י", lead="תקציר", id=7, slug="related"),)
    changed = PreviewContext(Post(title="כותרת שנייה", lead="פתיח חדש"), related)
    show(qtbot, live, long_text, changed)
    assert run_js(qtbot, live.view, "document.querySelector('h1').innerText") == "כותרת שנייה"
    assert "פתיח חדש" in run_js(qtbot, live.view, "document.body.innerText")
    assert 'פוסט קשור על רש"י' in run_js(qtbot, live.view, "document.body.innerText")
    assert run_js(qtbot, live.view, "window.scrollY") > 1000
    assert loads == []


def test_a_clicked_link_opens_in_the_system_browser_and_the_preview_stays(qtbot, live, opened):
    show(qtbot, live, "ראו [את הדוח](https://example.org/report) המלא.")
    run_js(qtbot, live.view, "document.querySelector('.ktav-body a').click(); true")
    qtbot.waitUntil(lambda: opened == [QUrl("https://example.org/report")], timeout=5000)
    assert "המלא" in body_text(qtbot, live.view)


@pytest.fixture
def image_server():
    """A web server on this machine that counts the requests it gets."""
    requests = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(PNG)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", requests
    server.shutdown()
    server.server_close()


def test_no_script_runs_and_nothing_is_fetched_from_the_network(qtbot, live, image_server):
    address, requests = image_server
    # Straight into the view, past the sanitizer: the page itself must still refuse.
    unsafe = (f'<p>תמונה <img id="local" src="ktav-image:{SHA}"> <img id="remote" src="{address}/x.png"></p>'
              '<script>document.title = "hacked"</script><img src="x" onerror="document.title=\'hacked\'">')
    safe = render_preview("ריק", context())
    # A page without the template's Content-Security-Policy: the view alone must keep the network out.
    page_without_policy = f'<html><body><div class="ktav-body">{safe.body_html}</div></body></html>'
    safe = dataclasses.replace(safe, page_html=page_without_policy)
    unsafe_result = dataclasses.replace(safe, page_html=f'<html><body><div class="ktav-body">{unsafe}</div></body></html>')
    with qtbot.waitSignal(live.view.rendered, timeout=20000):
        live.view.show_result(1, safe)
    with qtbot.waitSignal(live.view.rendered, timeout=20000):
        live.view.show_result(2, unsafe_result)
    qtbot.waitUntil(lambda: run_js(qtbot, live.view, "document.getElementById('local').naturalWidth") == 2,
                    timeout=5000)
    assert run_js(qtbot, live.view, "document.getElementById('remote').naturalWidth") == 0
    assert run_js(qtbot, live.view, "document.title") != "hacked"
    assert requests == []


def test_without_qtwebengine_a_text_preview_shows_the_post(qtbot, monkeypatch, opened):
    monkeypatch.setitem(sys.modules, "editor.ui.preview.web", None)  # importing it now fails
    view = preview.create_preview_view(images, opened.append)
    qtbot.addWidget(view)
    assert not view.is_web
    live = preview.LivePreview(view)
    show(qtbot, live, "שלום לכולם, with English ו-[קישור](https://example.org/a).")
    assert "שלום לכולם, with English" in view.toPlainText()
    assert 'רש"י ואג"ח' in view.toPlainText()
    view.anchorClicked.emit(QUrl("https://example.org/a"))
    assert opened == [QUrl("https://example.org/a")]
    assert view.source() == QUrl()


def test_texts_typed_during_a_render_wait_and_only_the_newest_of_them_renders(qtbot):
    gate = threading.Event()
    rendered = []

    def slow_render(text, context):
        gate.wait(5)
        rendered.append(text)
        return text

    worker = RenderWorker(slow_render, concurrency=2, follow=True)
    shown = []
    worker.ready.connect(lambda generation, text: shown.append(text))
    worker.request("א", None)
    worker.request("אב", None)
    last = worker.request("אבג", None)
    assert worker.waiting_to_start, "one render at a time unless asked to go beside it"
    with qtbot.waitSignal(worker.ready, timeout=10000, check_params_cb=lambda g, _text: g == last):
        gate.set()
    assert rendered == ["א", "אבג"], "the text in between was never rendered"
    assert shown == ["א", "אבג"], "the older result showed while the newest rendered: the preview follows"


def test_rendering_in_the_window_shows_only_the_newest_text(qtbot):
    gate = threading.Event()

    def slow_render(text, context):
        gate.wait(5)
        return text

    worker = RenderWorker(slow_render)  # in the window's process: renders come after pauses only
    shown = []
    worker.ready.connect(lambda generation, text: shown.append(text))
    worker.request("א", None)
    last = worker.request("אבג", None)
    with qtbot.waitSignal(worker.ready, timeout=10000) as blocker:
        gate.set()
    assert blocker.args == [last, "אבג"] and shown == ["אבג"]


def test_a_result_overtaken_by_a_newer_render_beside_it_is_dropped(qtbot):
    gates = {"א": threading.Event(), "אב": threading.Event()}
    done = []

    def render(text, context):
        gates[text].wait(5)
        done.append(text)
        return text

    worker = RenderWorker(render, concurrency=2, follow=True)
    shown = []
    worker.ready.connect(lambda generation, text: shown.append(text))
    worker.request("א", None)
    worker.request("אב", None)
    worker.start_waiting_alongside()  # the writer paused: the newest need not wait for the older
    assert not worker.waiting_to_start
    gates["א"].set()
    qtbot.waitUntil(lambda: done == ["א"], timeout=10000)  # its result is on its way to the UI thread
    with qtbot.waitSignal(worker.ready, timeout=10000):
        gates["אב"].set()  # delivered after the older one's result, which came first
    assert shown == ["אב"], "the older text, done first while the newer rendered, was not shown"


def test_each_preview_request_carries_the_body_once(qtbot, tmp_path, settings):
    from desk_helpers import library_with_posts, open_window, type_into

    from editor.core.preview.page import render_preview

    library = library_with_posts(tmp_path / "once.sqlite")
    library.set_related_choices(1, [2])
    asked = []

    def recording_render(text, context):
        asked.append((text, context))
        return render_preview(text, context)

    window = open_window(qtbot, library, settings, post_id=1, render=recording_render)
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    qtbot.waitUntil(lambda: not window.preview.waiting, timeout=10_000)
    with qtbot.waitSignal(window.preview.resultReady, timeout=10_000) as shown:
        type_into(qtbot, window.editor, " סוף")
    text, context = asked[-1]
    assert text.endswith(" סוף")
    assert context.post.body == "" and context.post.title == "מתמטיקה בדימונה"
    assert context.related and all(post.body == "" for post in context.related)
    assert "מרכז לילה לנערות" in shown.args[0].page_html, "the related card still shows"
    window.close()
    library.close()


def test_the_pause_before_a_render_counts_the_time_the_view_takes_to_show_it(qtbot):
    """A render that is quick but whose page takes the view long to show (Chromium parsing a 20,000-word
    page) is not repeated after every key: the typing must pause for a share of both."""
    from PySide6.QtCore import Qt, QTimer, Signal
    from PySide6.QtWidgets import QWidget

    class SlowToShow(QWidget):
        rendered = Signal(int)

        def show_result(self, generation, result):
            shown = QTimer(self, singleShot=True, interval=300, timerType=Qt.TimerType.PreciseTimer)
            shown.timeout.connect(lambda: self.rendered.emit(generation))
            shown.start()

    def quick_render(text, context):
        return text

    quick_render.renders_elsewhere = True
    view = SlowToShow()
    qtbot.addWidget(view)
    live = preview.LivePreview(view, quick_render)
    with qtbot.waitSignal(live.rendered, timeout=10000):
        live.update("שלום לכולם", context(), immediately=True)
    # (300 ms less a timer's slack; the render alone took a few ms, which would give MIN_PAUSE_MS)
    assert live.pause_ms() >= preview.ELSEWHERE_PAUSE_PER_RENDER * 290, "only the render's own time was counted"
