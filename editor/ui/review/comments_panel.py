"""Review comments beside the text: threads in reading order, add from a selection, reply, resolve."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from editor.core.errors import KtavError
from editor.core.review import anchors
from editor.core.review import workflow as review
from editor.core.review.workflow import CommentThread

QUOTE_PREVIEW_CHARS = 120

CARD_STYLE = """
QFrame#commentCard { background: #fffbe6; border: 1px solid #e6d98c; border-radius: 6px; }
QFrame#commentCard[resolved="true"] { background: #f3f3f3; border-color: #d0d0d0; }
QFrame#commentCard[orphaned="true"] { background: #fbeeee; border-color: #e0b4b4; }
QLabel#quote { color: #5a4b00; border-right: 3px solid #e0c341; padding-right: 6px; }
QLabel#meta { color: #666; font-size: small; }
QLabel#orphanNote { color: #a33; font-size: small; }
"""


def when(iso: str | None) -> str:
    """A stored UTC time in the user's local time, as 23.12.2019 14:05."""
    if not iso:
        return ""
    try:
        moment = dt.datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso
    return moment.astimezone().strftime("%d.%m.%Y %H:%M")


def _clipped(text: str, limit: int = QUOTE_PREVIEW_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class CommentCard(QFrame):
    """One thread: the quoted text, the comment, its replies, and reply / resolve controls."""

    replyRequested = Signal(int, str)
    resolveToggled = Signal(int, bool)
    activated = Signal(object)

    def __init__(self, thread: CommentThread, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.thread = thread
        self.setObjectName("commentCard")
        self.setProperty("resolved", "true" if thread.resolved else "false")
        self.setProperty("orphaned", "true" if thread.orphaned else "false")
        self.setCursor(Qt.PointingHandCursor)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        comment = thread.comment
        if comment["quote"]:
            quote = QLabel(f"„{_clipped(anchors.shown_words(comment['quote']))}”", objectName="quote",
                           wordWrap=True)
            layout.addWidget(quote)
        if thread.orphaned:
            layout.addWidget(QLabel(self.tr("The text this comment was about is gone"), objectName="orphanNote"))
        layout.addWidget(self._message(comment))
        for answer in thread.replies:
            message = self._message(answer)
            # A reply is indented from the side the text starts on (widget margins do not mirror).
            message.setContentsMargins(*((0, 0, 16, 0) if self.isRightToLeft() else (16, 0, 0, 0)))
            layout.addWidget(message)
        controls = QHBoxLayout()
        self.reply_field = QLineEdit(placeholderText=self.tr("Reply…"))
        self.reply_field.returnPressed.connect(self._send_reply)
        self.resolve_button = QPushButton(self.tr("Reopen") if thread.resolved else self.tr("Resolve"))
        self.resolve_button.clicked.connect(lambda: self.resolveToggled.emit(thread.id, not thread.resolved))
        controls.addWidget(self.reply_field, 1)
        controls.addWidget(self.resolve_button)
        layout.addLayout(controls)

    def _message(self, comment: dict) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        meta = f"{comment['author'] or self.tr('Anonymous')} · {when(comment['created_at'])}"
        if comment["resolved_at"] and comment["parent_id"] is None:
            meta += " · " + self.tr("resolved")
        column.addWidget(QLabel(meta, objectName="meta"))
        text = QLabel(comment["body"], wordWrap=True)
        text.setTextInteractionFlags(Qt.TextSelectableByMouse)
        column.addWidget(text)
        return box

    def reply(self, text: str) -> None:
        self.reply_field.setText(text)
        self._send_reply()

    def _send_reply(self) -> None:
        text = self.reply_field.text().strip()
        if text:
            self.replyRequested.emit(self.thread.id, text)

    def mousePressEvent(self, event) -> None:
        self.activated.emit(self.thread)
        super().mousePressEvent(event)


class CommentsPanel(QWidget):
    """The comments of one post beside its text.

    The host gives the post (`set_post`), the text as edited (`set_body`, to re-locate the
    comments) and the reader's selection (`set_selection(quote, paragraph)` from the page,
    `set_source_selection(start, end)` from the Markdown editor). Signals:
    `commentsChanged()` after any change, `commentActivated(CommentThread)` when a comment is
    clicked (to show its text), `errorOccurred(str)` with a Hebrew message.
    """

    commentsChanged = Signal()
    commentActivated = Signal(object)
    errorOccurred = Signal(str)

    def __init__(self, library, user_name: Callable[[], str | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._user_name = user_name
        self._post_id: int | None = None
        self._body: str | None = None
        self._selection: tuple[str, int | None] | None = None
        self._range: tuple[int, int] | None = None
        self.threads: list[CommentThread] = []
        self.setStyleSheet(CARD_STYLE)

        self.title = QLabel(self.tr("Comments"))
        self.title.setStyleSheet("font-weight: bold; font-size: large;")
        self.show_resolved = QCheckBox(self.tr("Show resolved"), checked=True)
        self.show_resolved.toggled.connect(self._rebuild)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.show_resolved)

        self._cards_host = QWidget()
        self._cards = QVBoxLayout(self._cards_host)
        self._cards.setContentsMargins(0, 0, 0, 0)
        self._cards.addStretch(1)
        scroll = QScrollArea(widgetResizable=True, frameShape=QFrame.NoFrame)
        scroll.setWidget(self._cards_host)
        self._scroll = scroll

        self.selection_label = QLabel(self.tr("Select text in the post to comment on it"), wordWrap=True)
        self.selection_label.setObjectName("quote")
        # A QTextEdit: QPlainTextEdit lays Hebrew out from the left even in a right-to-left window.
        self.new_comment = QTextEdit(placeholderText=self.tr("Your comment"), acceptRichText=False,
                                     tabChangesFocus=True)
        self.new_comment.setAccessibleName(self.tr("A new comment"))
        self.new_comment.setFixedHeight(70)
        self.add_button = QPushButton(self.tr("Add comment"))
        self.add_button.setToolTip(self.tr("Add the comment (Ctrl+Enter)"))
        self.add_button.clicked.connect(self._add_typed_comment)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self.new_comment, self._add_typed_comment,
                      context=Qt.ShortcutContext.WidgetShortcut)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.selection_label)
        layout.addWidget(self.new_comment)
        layout.addWidget(self.add_button)
        self._update_add_button()
        self.new_comment.textChanged.connect(self._update_add_button)

    # -- what the host tells the panel --------------------------------------------------------

    def set_post(self, post_id: int | None, body: str | None = None) -> None:
        self._post_id = post_id
        self._body = body
        self._selection = None
        self.selection_label.setText(self.tr("Select text in the post to comment on it"))
        self.refresh()

    def set_body(self, body: str) -> None:
        """The text as it is now (edited, maybe unsaved): comments are located in it.

        The cards are rebuilt only when a comment's place in the order or its orphaned state
        changed, so typing does not redraw the panel.
        """
        self._body = body
        if self._post_id is None:
            return
        threads = review.comments_with_locations(self._library, self._post_id, body)
        if [(t.id, t.orphaned) for t in threads] == [(t.id, t.orphaned) for t in self.threads]:
            self.threads = threads
            for card, thread in zip(self.cards(), [t for t in threads if self._shown(t)]):
                card.thread = thread
            return
        self.threads = threads
        self._rebuild()

    def set_source_selection(self, start: int, end: int) -> None:
        """The selection in the Markdown editor, as character offsets into the body given to
        `set_body` (Python indices: convert Qt's UTF-16 positions with `editor.core.text.utf16`)."""
        body = self._body if self._body is not None else ""
        start, end = sorted((max(0, start), min(len(body), end)))
        self.set_selection(body[start:end])
        if self._selection is not None:
            self._range = (start, end)

    def set_selection(self, quote: str, paragraph: int | None = None) -> None:
        """The selection in the page: its text and, when known, the paragraph it starts in."""
        quote = quote.strip()
        self._range = None
        self._selection = (quote, paragraph) if quote else None
        self.selection_label.setText(
            self.tr("Comment on: %1").replace("%1", f"„{_clipped(anchors.shown_words(quote))}”") if quote
            else self.tr("Select text in the post to comment on it"))
        self._update_add_button()

    @property
    def has_selection(self) -> bool:
        """Whether a selection is waiting for a comment."""
        return self._selection is not None

    def refresh(self) -> None:
        if self._post_id is None:
            self.threads = []
        else:
            self.threads = review.comments_with_locations(self._library, self._post_id, self._body)
        self._rebuild()

    # -- actions ------------------------------------------------------------------------------

    def add_comment(self, text: str) -> int | None:
        """Add `text` as a comment on the current selection; returns its id."""
        if self._post_id is None or self._selection is None or not text.strip():
            return None
        author = self._user_name()
        if author is None:
            return None
        quote, paragraph = self._selection
        if self._range is not None:
            start, end = self._range
            comment_id = self._run(lambda: review.add_comment_at(self._library, self._post_id, author, text,
                                                                 start, end, body=self._body))
        else:
            comment_id = self._run(lambda: review.add_comment(self._library, self._post_id, author, text,
                                                              quote=quote, paragraph=paragraph, body=self._body))
        if comment_id is not None:
            self.new_comment.clear()
            self.set_selection("")
            self._changed()
        return comment_id

    def _add_typed_comment(self) -> None:
        if self.add_button.isEnabled():
            self.add_comment(self.new_comment.toPlainText())

    def reply(self, comment_id: int, text: str) -> int | None:
        author = self._user_name()
        if author is None or self._post_id is None:
            return None
        reply_id = self._run(lambda: review.reply(self._library, self._post_id, comment_id, author, text))
        if reply_id is not None:
            self._changed()
        return reply_id

    def set_resolved(self, comment_id: int, resolved: bool) -> None:
        action = review.resolve if resolved else review.reopen
        self._run(lambda: action(self._library, comment_id))
        self._changed()

    def cards(self) -> list[CommentCard]:
        return [self._cards.itemAt(i).widget() for i in range(self._cards.count() - 1)]

    # -- inside -------------------------------------------------------------------------------

    def _run(self, action):
        try:
            return action()
        except KtavError as error:
            self.errorOccurred.emit(error.message_he)
            return None

    def _changed(self) -> None:
        self.refresh()
        self.commentsChanged.emit()

    def _update_add_button(self) -> None:
        self.add_button.setEnabled(self._selection is not None and bool(self.new_comment.toPlainText().strip()))

    def _shown(self, thread: CommentThread) -> bool:
        return self.show_resolved.isChecked() or not thread.resolved

    def _rebuild(self) -> None:
        while self._cards.count() > 1:
            widget = self._cards.takeAt(0).widget()
            widget.deleteLater()
        shown = [t for t in self.threads if self._shown(t)]
        for position, thread in enumerate(shown):
            card = CommentCard(thread)
            card.replyRequested.connect(self.reply)
            card.resolveToggled.connect(self.set_resolved)
            card.activated.connect(self.commentActivated)
            self._cards.insertWidget(position, card)
        open_count = sum(1 for t in self.threads if not t.resolved)
        self.title.setText(self.tr("Comments (%1 open)").replace("%1", str(open_count)))
