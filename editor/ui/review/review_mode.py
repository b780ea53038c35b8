"""Review mode: the post as it will look on the site, read-only, with its comments and status beside it."""

from __future__ import annotations

import json
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QInputDialog,
    QPushButton,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from editor.core.errors import KtavError
from editor.core.library.images import image_source
from editor.core.models import Post, Status
from editor.core.preview.page import PreviewContext
from editor.core.review import anchors
from editor.core.review import workflow as review
from editor.ui.preview.live import LivePreview, create_preview_view
from editor.ui.preview.selection import read_selection
from editor.ui.review.comments_panel import CommentsPanel
from editor.ui.review.status_strip import StatusStrip

# Marks each commented quote in the page: {line: the block's data-line, text, resolved}.
_HIGHLIGHT_SCRIPT = """
(function(marks){
  document.querySelectorAll('mark.ktav-comment').forEach(function(m){
    var parent = m.parentNode;
    while (m.firstChild) parent.insertBefore(m.firstChild, m);
    parent.removeChild(m); parent.normalize();
  });
  var count = 0;
  marks.forEach(function(mark){
    var block = document.querySelector('[data-line="' + mark.line + '"]');
    if (!block) return;
    var nodes = [], text = '';
    var walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) { nodes.push([walker.currentNode, text.length]); text += walker.currentNode.data; }
    var at = text.indexOf(mark.text);
    if (at < 0) return;
    var end = at + mark.text.length;
    nodes.forEach(function(pair){
      var node = pair[0], start = pair[1], stop = start + node.data.length;
      if (stop <= at || start >= end) return;
      var range = document.createRange();
      range.setStart(node, Math.max(at, start) - start);
      range.setEnd(node, Math.min(end, stop) - start);
      var m = document.createElement('mark');
      m.className = 'ktav-comment';
      m.style.backgroundColor = mark.resolved ? '#e5e7eb' : '#fde68a';
      m.style.color = 'inherit';
      range.surroundContents(m);
    });
    count += 1;
  });
  return count;
})(%s)
"""


def mark_comments(view, body: str, threads) -> None:
    """Mark in a preview page the quote of each comment located in `body` (resolved ones in grey)."""
    paragraphs = anchors.split_paragraphs(body)
    marks = []
    for thread in threads:
        if thread.location is None or thread.location.paragraph >= len(paragraphs):
            continue
        text = anchors.shown_words(body[thread.location.start:thread.location.end])
        if text:
            marks.append({"line": paragraphs[thread.location.paragraph].first_line, "text": text,
                          "resolved": thread.resolved})
    if getattr(view, "is_web", False):
        from editor.ui.preview.web import OUR_WORLD

        view.page().runJavaScript(_HIGHLIGHT_SCRIPT % json.dumps(marks, ensure_ascii=False), OUR_WORLD)
    else:
        view.setExtraSelections(_text_marks(view, marks))


def _text_marks(view, marks) -> list:
    selections = []
    for mark in marks:
        cursor = view.document().find(mark["text"])
        if cursor.isNull():
            continue
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        selection.format.setBackground(QColor("#e5e7eb" if mark["resolved"] else "#fde68a"))
        selections.append(selection)
    return selections


def ensure_user_name(parent: QWidget | None, library) -> str | None:
    """The user's name for comments and status changes, asked for once and kept as a setting.

    None when the user cancels.
    """
    name = review.user_name(library)
    if name:
        return name
    text, ok = QInputDialog.getText(
        parent, QCoreApplication.translate("ReviewMode", "Your name"),
        QCoreApplication.translate("ReviewMode", "Ktav signs your comments, status changes and saved versions with your name, "
            "so that editors and writers know who wrote what. Your name:"))
    if not ok or not text.strip():
        return None
    review.set_user_name(library, text)
    return review.user_name(library)


class ReviewMode(QWidget):
    """A post for an editor: the rendered page (read-only), its status and moves, its comments.

    Selecting text in the page prepares a comment on it. Signals: `statusChanged(Post)`,
    `errorOccurred(str)` (Hebrew). `rendered(int)` once the page shows the post.
    """

    statusChanged = Signal(object)
    errorOccurred = Signal(str)
    rendered = Signal(int)

    def __init__(self, library, user_name: Callable[[], str | None] | None = None,
                 preview_view: QWidget | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._user_name = user_name or (lambda: ensure_user_name(self, library))
        self.post: Post | None = None
        self.preview_view = preview_view or create_preview_view(image_source(library))
        self.preview = LivePreview(self.preview_view, parent=self)
        self.preview.rendered.connect(self.highlight_comments)
        self.preview.rendered.connect(self.rendered)
        self.comments = CommentsPanel(library, self._user_name)
        self.comments.commentActivated.connect(self.show_comment)
        self.comments.errorOccurred.connect(self.errorOccurred)
        self.comments.commentsChanged.connect(self.highlight_comments)
        self.preview_view.selectionChanged.connect(self.capture_selection)

        self.strip = StatusStrip()
        self.strip.moveRequested.connect(self.move_to)
        self.badge, self.title, self.note = self.strip.badge, self.strip.title, self.strip.note

        splitter = QSplitter(Qt.Horizontal)
        splitter.addWidget(self.preview_view)
        splitter.addWidget(self.comments)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([900, 380])
        self.preview_view.setMinimumWidth(360)
        self.comments.setMinimumWidth(300)
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.strip)
        layout.addWidget(splitter, 1)

    def set_post(self, post_id: int) -> None:
        post = self._library.get_post(post_id)
        self.post = post
        self.strip.set_title(post.title)
        self.strip.show_status(post.status)
        self.comments.set_post(post.id, post.body)
        related = []
        for related_id in self._library.related_choices(post.id):
            try:
                related.append(self._library.get_post(related_id))
            except KtavError:
                continue
        self.preview.update(post.body, PreviewContext(post, tuple(related)), immediately=True)

    def move_to(self, status: Status) -> Post | None:
        if self.post is None:
            return None
        author = self._user_name()
        if author is None:
            return None
        try:
            post = review.change_status(self._library, self.post.id, status, author, self.strip.note_text())
        except KtavError as error:
            self.errorOccurred.emit(error.message_he)
            return None
        self.note.clear()
        self.post = post
        self.strip.show_status(post.status)
        self.statusChanged.emit(post)
        return post

    def move_buttons(self) -> list[QPushButton]:
        return self.strip.move_buttons()

    def capture_selection(self) -> None:
        """Hand the text selected in the page (and the paragraph it starts in) to the comments."""
        read_selection(self.preview_view, self._on_selection)

    def highlight_comments(self, *_ignored) -> None:
        """Mark every located comment's quote in the page (resolved ones in grey)."""
        if self.post is not None:
            mark_comments(self.preview_view, self.post.body, self.comments.threads)

    def show_comment(self, thread) -> None:
        """Bring a comment's paragraph into view in the page."""
        if self.post is None or thread.location is None:
            return
        paragraph = anchors.split_paragraphs(self.post.body)[thread.location.paragraph]
        self.preview_view.scroll_to_line(paragraph.first_line)

    def _on_selection(self, text: str, line: int | None) -> None:
        if self.post is None:
            return
        paragraph = anchors.paragraph_at_line(self.post.body, line) if line else None
        self.comments.set_selection(text, paragraph)
