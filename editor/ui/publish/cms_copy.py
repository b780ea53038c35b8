"""Copy for the CMS: the open post's fragment on the clipboard, as HTML and as its source text."""

from __future__ import annotations

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QClipboard, QGuiApplication

from editor.core import export  # its names load on first use (export/__init__.py): not with the window
from editor.core.models import Post


def cms_fragment(library, post: Post) -> str:
    """The post's CMS fragment (images inlined). Its pictures' web copies may have to be made first
    (a phone photo takes a good part of a second): call it off the UI thread. Raises KtavError (with
    `message_he`) when the post cannot be rendered."""
    return export.render_post(library, post, mode="fragment")


def put_on_clipboard(fragment: str, clipboard: QClipboard | None = None) -> str:
    """Both forms go on: rich HTML for a visual editor, and the HTML source as plain text for a
    CMS's source view."""
    data = QMimeData()
    data.setHtml(fragment)
    data.setText(fragment)
    (clipboard or QGuiApplication.clipboard()).setMimeData(data)
    return fragment


def keep_clipboard_as_text(clipboard: QClipboard | None = None) -> None:
    """Before the application quits: leave rich clipboard content as its plain text.

    PySide6 crashes at exit when the clipboard still holds a QMimeData made in Python; the
    fragment's source stays on the clipboard for the CMS's source view.
    """
    clipboard = clipboard or QGuiApplication.clipboard()
    data = clipboard.mimeData()
    if data is not None and data.hasHtml():
        clipboard.setText(data.text())
