"""Copy for the CMS: the open post's fragment on the clipboard, as HTML and as its source text."""

from __future__ import annotations

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QClipboard, QGuiApplication

from editor.core.export import render_post
from editor.core.models import Post


def copy_for_cms(library, post: Post, clipboard: QClipboard | None = None) -> str:
    """Put the post's CMS fragment (images inlined) on the clipboard; returns it.

    Both forms go on: rich HTML for a visual editor, and the HTML source as plain text for a
    CMS's source view. Raises KtavError (with `message_he`) when the post cannot be rendered.
    """
    fragment = render_post(library, post, mode="fragment")
    data = QMimeData()
    data.setHtml(fragment)
    data.setText(fragment)
    (clipboard or QGuiApplication.clipboard()).setMimeData(data)
    return fragment
