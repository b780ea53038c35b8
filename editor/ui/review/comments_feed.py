"""Feeds the comments tab from the writing desk: the text as typed, the selection, and back to the words."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from editor.core.review import anchors
from editor.ui.preview.selection import read_selection
from editor.ui.review.comments_panel import CommentsPanel

# Comments are located again this long after typing stops: on a long post with many comments
# that takes tens of milliseconds (benchmarks/review.py), so not between two keystrokes.
BODY_DELAY_MS = 700
SELECTION_DELAY_MS = 150


class CommentsFeed(QObject):
    """Keeps a CommentsPanel on the post open in the editor.

    The text reaches the panel a moment after typing stops, so comments follow their words; a
    selection in the editor or in the preview prepares a comment on it; clicking a comment selects
    its words in the editor (and the preview follows the cursor). `notice(str)` carries a
    message for the status bar; `selectionReady(bool)` answers `comment_on_selection`;
    `located()` after the comments were placed in the text again (`body` is that text).
    """

    notice = Signal(str)
    selectionReady = Signal(bool)
    located = Signal()

    def __init__(self, panel: CommentsPanel, editor, preview_view, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._panel = panel
        self._editor = editor
        self._view = preview_view
        self._post_id: int | None = None
        self.body = ""
        self._from_editor = False  # where the panel's prepared selection came from
        self._body_timer = QTimer(self, singleShot=True, interval=BODY_DELAY_MS)
        self._body_timer.timeout.connect(self.flush)
        self._selection_timer = QTimer(self, singleShot=True, interval=SELECTION_DELAY_MS)
        self._selection_timer.timeout.connect(self._take_editor_selection)
        editor.selectionChanged.connect(lambda: self._selection_timer.start())
        preview_view.selectionChanged.connect(self._take_preview_selection)
        panel.commentActivated.connect(self.show_comment)

    def set_post(self, post_id: int | None, body: str) -> None:
        self._body_timer.stop()
        self._selection_timer.stop()
        self._post_id = post_id or None
        self.body = body
        self._panel.set_post(self._post_id, body)
        self.located.emit()

    def stop(self) -> None:
        """The window closes: nothing is located later (the library may be closed by then)."""
        self._body_timer.stop()
        self._selection_timer.stop()
        self._post_id = None

    def text_changed(self) -> None:
        if self._post_id is not None:
            self._body_timer.start()

    def flush(self) -> None:
        """Give the panel the editor's text now."""
        self._body_timer.stop()
        if self._post_id is not None:
            self.body = self._editor.text()
            self._panel.set_body(self.body)
            self.located.emit()

    def refresh(self) -> None:
        """Read the comments again (added elsewhere, or re-anchored by a save)."""
        self.flush()
        self._panel.refresh()
        self.located.emit()

    def comment_on_selection(self) -> None:
        """Prepare a comment on the editor's selection; without one, on the preview's, else on the
        paragraph at the cursor. `selectionReady(bool)` follows (False: nothing to comment on)."""
        if self._post_id is None:
            self.selectionReady.emit(False)
            return
        self.flush()
        _body, start, end = self._editor.selection_indices()
        if start != end:
            self._from_editor = True
            self._panel.set_source_selection(start, end)
            self.selectionReady.emit(self._panel.has_selection)
        else:
            read_selection(self._view, self._on_asked_preview)

    def _on_asked_preview(self, text: str, line: int | None) -> None:
        if text:
            self._on_preview_selection(text, line)
        elif self._post_id is not None:
            body, start, _end = self._editor.selection_indices()
            paragraph = next((p for p in anchors.split_paragraphs(body) if p.start <= start <= p.end), None)
            if paragraph is not None:
                self._from_editor = True
                self._panel.set_source_selection(paragraph.start, paragraph.end)
        self.selectionReady.emit(self._post_id is not None and self._panel.has_selection)

    def show_comment(self, thread) -> None:
        """Select the words a comment is about in the editor."""
        self.flush()
        located = next((t for t in self._panel.threads if t.id == thread.id), thread)
        if located.location is None:
            self.notice.emit(self.tr("The text this comment was about is gone"))
            return
        self._editor.select_indices(self._editor.text(), located.location.start, located.location.end)
        self._selection_timer.stop()  # showing a comment's words is not a new selection to comment on
        self._editor.ensureCursorVisible()
        self._editor.setFocus()

    def _take_editor_selection(self) -> None:
        if self._post_id is None:
            return
        _body, start, end = self._editor.selection_indices()
        if start == end:
            if self._from_editor:
                self._panel.set_selection("")
            return
        self.flush()
        self._from_editor = True
        self._panel.set_source_selection(start, end)

    def _take_preview_selection(self) -> None:
        if self._post_id is not None:
            read_selection(self._view, self._on_preview_selection)

    def _on_preview_selection(self, text: str, line: int | None) -> None:
        if self._post_id is None:
            return
        if not text:
            if not self._from_editor:
                self._panel.set_selection("")
            return
        self.flush()
        self._from_editor = False
        paragraph = anchors.paragraph_at_line(self._editor.text(), line) if line else None
        self._panel.set_selection(text, paragraph)
