"""The fallback preview where QtWebEngine is missing: Qt's own rich-text view of the same HTML."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from editor.core.preview.page import PreviewResult

STYLE = """
body { line-height: 150%; }
h1 { font-size: x-large; }
.lead { font-size: large; color: #444; }
pre, code { font-family: monospace; }
blockquote { color: #555; }
"""


class TextPreview(QTextBrowser):
    """Shows the post's title, lead and body; scroll kept; links go to the system browser."""

    rendered = Signal(int)

    def __init__(self, images: Callable[[str], tuple[str, bytes] | None],
                 open_external: Callable[[QUrl], object], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._images = images
        self._open_external = open_external
        self._source_lines = 1
        self._from_top = False
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._on_link)
        self.document().setDefaultStyleSheet(STYLE)

    @property
    def is_web(self) -> bool:
        return False

    def start_over(self) -> None:
        """Another post is coming: show it from the top."""
        self._from_top = True

    def show_result(self, generation: int, result: PreviewResult) -> None:
        scroll = 0 if self._from_top else self.verticalScrollBar().value()
        self._from_top = False
        self.setHtml(
            '<html dir="rtl"><body>'
            f"<h1>{html.escape(result.title)}</h1><p class=\"lead\">{html.escape(result.lead)}</p>"
            f"{result.body_html}</body></html>"
        )
        self._source_lines = result.source_lines
        self.verticalScrollBar().setValue(scroll)
        self.rendered.emit(generation)

    def scroll_to_line(self, line: int) -> None:
        # Qt's rich text keeps no data-line attributes: scroll in proportion instead.
        bar = self.verticalScrollBar()
        bar.setValue(round(bar.maximum() * (line - 1) / max(1, self._source_lines - 1)))

    def loadResource(self, kind: int, url: QUrl):
        if url.scheme() == "ktav-image" and kind == QTextDocument.ResourceType.ImageResource.value:
            found = self._images(url.path())
            return QImage.fromData(found[1]) if found else QImage()
        if url.scheme() in ("ktav-image", "http", "https", "ftp", "file"):
            return None  # nothing from the network or the disk
        return super().loadResource(kind, url)

    def _on_link(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            self._open_external(url)
