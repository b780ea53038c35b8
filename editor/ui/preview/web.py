"""The Chromium preview: the page loaded once, then updated in place (only what changed) while typing."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import lru_cache

import shiboken6
from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QEvent,
    QIODevice,
    QPointF,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineScript,
    QWebEngineSettings,
    QWebEngineUrlRequestInterceptor,
    QWebEngineUrlRequestJob,
    QWebEngineUrlScheme,
    QWebEngineUrlSchemeHandler,
)
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QWidget

from editor.core import resources
from editor.core.preview.page import PreviewResult
from editor.core.preview.page_delta import Change, page_changes
from editor.ui.background import Background

IMAGE_SCHEME = b"ktav-image"
# Our own scripts run in an isolated world; the page's main world has JavaScript switched off.
OUR_WORLD = QWebEngineScript.ScriptWorldId.ApplicationWorld
LOCAL_SCHEMES = frozenset({"ktav-image", "data", "about", "blob"})
PAGE_URL = QUrl("ktav-image:preview/")

ImageSource = Callable[[str], "tuple[str, bytes] | None"]  # sha256 -> (mime, data)


class Liveness:
    """Whether a Qt object still stands, known without touching it.

    Chromium answers `runJavaScript` later, and answers every pending call (with nothing) when
    its page is destroyed, possibly while the view around it is half torn down: an answer must
    not reach back into a view that is going away.
    """

    def __init__(self, obj) -> None:
        self.alive = True
        obj.destroyed.connect(self._gone)

    def _gone(self, *_) -> None:
        self.alive = False

    def guard(self, callback: Callable[[object], object]) -> Callable[[object], None]:
        def answer(result) -> None:
            if self.alive:
                callback(result)

        return answer


@lru_cache(maxsize=1)
def _update_page_script() -> str:
    return resources.read_text("preview/update_page.js")


@lru_cache(maxsize=1)
def _patch_page_script() -> str:
    return resources.read_text("preview/patch_page.js")


def register_image_scheme() -> None:
    """Tell Chromium about `ktav-image:`; must run before the QApplication exists."""
    if QCoreApplication.instance() is not None:
        return  # too late: Chromium reads its schemes when the application starts
    if QWebEngineUrlScheme.schemeByName(IMAGE_SCHEME).name() == IMAGE_SCHEME:
        return
    scheme = QWebEngineUrlScheme(IMAGE_SCHEME)
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Path)
    scheme.setFlags(QWebEngineUrlScheme.Flag.LocalScheme | QWebEngineUrlScheme.Flag.LocalAccessAllowed
                    | QWebEngineUrlScheme.Flag.SecureScheme)
    QWebEngineUrlScheme.registerScheme(scheme)


class _ImageSchemeHandler(QWebEngineUrlSchemeHandler):
    """Serves `ktav-image:<sha256>` from the library: the picture's web copy (upright, stripped), made
    off the UI thread (a phone photo takes a moment the first time), answered when it is ready."""

    def __init__(self, images: ImageSource, parent) -> None:
        super().__init__(parent)
        self._images = images
        self._jobs = Background(self)

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:
        sha256 = job.requestUrl().path()
        waiting = Liveness(job)  # Chromium drops the request if the page goes away meanwhile
        self._jobs.run(lambda: self._images(sha256), lambda found: self._reply(job, waiting, found), receiver=self)

    @staticmethod
    def _reply(job: QWebEngineUrlRequestJob, waiting: Liveness, found) -> None:
        if not waiting.alive or not shiboken6.isValid(job):
            return
        if found is None or isinstance(found, BaseException):
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        mime, data = found
        buffer = QBuffer(job)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        job.reply(mime.encode(), buffer)


class _LocalOnly(QWebEngineUrlRequestInterceptor):
    """Blocks every request that would leave the machine (http, https, ftp, ws, file...)."""

    def interceptRequest(self, info) -> None:
        if info.requestUrl().scheme() not in LOCAL_SCHEMES:
            info.block(True)


class _PreviewPage(QWebEnginePage):
    """Allows only the loads we make; a clicked link goes to the system browser instead."""

    def __init__(self, profile: QWebEngineProfile, open_external: Callable[[QUrl], object], parent) -> None:
        super().__init__(profile, parent)
        self._open_external = open_external
        self.loading_our_page = False

    def acceptNavigationRequest(self, url: QUrl, kind, is_main_frame: bool) -> bool:
        if kind == QWebEnginePage.NavigationType.NavigationTypeLinkClicked:
            if url.scheme() in ("http", "https", "mailto"):
                self._open_external(url)
            return False
        return self.loading_our_page and is_main_frame

    def createWindow(self, kind):
        return None

    def javaScriptConsoleMessage(self, level, message, line, source) -> None:
        pass  # CSP reports from post content are expected; they are not ours to print


class WebPreview(QWebEngineView):
    """Shows PreviewResults: a new page when the page around the body changes, else the body only.

    `rendered(generation)` is emitted once the page shows that generation's text.
    """

    rendered = Signal(int)

    def __init__(self, images: ImageSource, open_external: Callable[[QUrl], object],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._profile = QWebEngineProfile()  # off the record: nothing stored on disk
        self._image_handler = _ImageSchemeHandler(images, self._profile)
        self._profile.installUrlSchemeHandler(IMAGE_SCHEME, self._image_handler)
        self._interceptor = _LocalOnly(self._profile)
        self._profile.setUrlRequestInterceptor(self._interceptor)
        self._page = _PreviewPage(self._profile, open_external, self)
        self.liveness = Liveness(self)
        settings = self._page.settings()
        settings.setAttribute(QWebEngineSettings.WebAttribute.JavascriptEnabled, False)
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, False)
        settings.setAttribute(QWebEngineSettings.WebAttribute.AutoLoadIconsForPage, False)
        self.setPage(self._page)
        # The profile must outlive its page: as the page's child it is deleted right after it.
        self._profile.setParent(self._page)
        self._page.loadFinished.connect(self._on_page_loaded)
        # The preview is read, not typed into: Tab passes it by (Chromium would keep Tab for the
        # page's own links, a trap for a writer moving round the desk by keyboard); a click still
        # focuses it, for selecting words to comment on.
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self._page_key: tuple | None = None
        self._loading_generation: int | None = None
        self._queued: tuple[int, PreviewResult] | None = None
        self._queued_line: int | None = None
        self._scroll_to_restore = QPointF()
        self._from_top = False
        # The page our script world holds (its serial and HTML): the next update sends only what changed.
        self._page_serial = 0
        self._held: tuple[int, str] | None = None

    @property
    def is_web(self) -> bool:
        return True

    def start_over(self) -> None:
        """Another post is coming: its page starts at the top, not where this one was scrolled."""
        self._page_key = None
        self._from_top = True

    def show_result(self, generation: int, result: PreviewResult) -> None:
        if self._loading_generation is not None:
            self._queued = (generation, result)
        elif result.page_key != self._page_key:
            self._load_page(generation, result)
        else:
            self._update_page(generation, result)

    def scroll_to_line(self, line: int) -> None:
        """Bring the block written at source line `line` (or the last one before it) into view."""
        if self._loading_generation is not None:
            self._queued_line = line
            return
        script = (
            "(function(line){var best=null;"
            "document.querySelectorAll('[data-line]').forEach(function(el){"
            "if(+el.dataset.line<=line&&(!best||+el.dataset.line>=+best.dataset.line))best=el;});"
            "if(best)best.scrollIntoView({block:'nearest'});})(" + str(int(line)) + ")"
        )
        self._page.runJavaScript(script, OUR_WORLD)

    def _load_page(self, generation: int, result: PreviewResult) -> None:
        self._page_key = result.page_key
        self._loading_generation = generation
        self._scroll_to_restore = QPointF() if self._from_top else self._page.scrollPosition()
        self._from_top = False
        self._held = None  # a new document: our script world starts empty
        self._page.loading_our_page = True
        self._page.setHtml(result.page_html, PAGE_URL)

    def childEvent(self, event) -> None:
        super().childEvent(event)
        # Chromium's render widget, made lazily. Only widgets are polished: asking a plain QObject
        # child for itself costs PySide ~0.15 s the first time (it builds that type's enums).
        if event.type() == QEvent.Type.ChildPolished:
            child = event.child()
            if isinstance(child, QWidget):
                child.setFocusPolicy(Qt.FocusPolicy.ClickFocus)

    def _on_page_loaded(self, ok: bool) -> None:
        self._page.loading_our_page = False
        generation, self._loading_generation = self._loading_generation, None
        if generation is None:
            return
        position = self._scroll_to_restore
        self._page.runJavaScript(f"window.scrollTo({position.x()},{position.y()});", OUR_WORLD,
                                 self.liveness.guard(lambda _: self._after_load(generation)))

    def _after_load(self, generation: int) -> None:
        self.rendered.emit(generation)
        if self._queued is not None:
            queued, self._queued = self._queued, None
            self.show_result(*queued)
        if self._queued_line is not None:
            line, self._queued_line = self._queued_line, None
            self.scroll_to_line(line)

    def _update_page(self, generation: int, result: PreviewResult) -> None:
        """Update the page in place; only what changed since the page last sent crosses to Chromium
        (a keystroke in a 20,000-word post: a few characters, not a megabyte of escaped HTML)."""
        html = result.page_html
        self._page_serial += 1
        serial = self._page_serial
        if self._held is None:
            base, changes = 0, [Change(0, 0, html)]
        else:
            base, changes = self._held[0], page_changes(self._held[1], html)
        self._held = (serial, html)
        parts = json.dumps([list(change) for change in changes], ensure_ascii=False)
        script = f"{_patch_page_script()}({base},{serial},{parts},{_update_page_script()})"
        self._page.runJavaScript(script, OUR_WORLD,
                                 self.liveness.guard(lambda done: self._page_updated(generation, serial, result, done)))

    def _page_updated(self, generation: int, serial: int, result: PreviewResult, done) -> None:
        if done is True:
            self.rendered.emit(generation)
        elif self._held is not None and self._held[0] == serial:  # the page lost what it held: all of it
            self._held = None
            self._update_page(generation, result)
