"""Revision history of a post: every revision with time, author and reason; a word diff of any two; restore."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.core.errors import KtavError
from editor.core.models import Revision, RevisionReason
from editor.core.review import worddiff
from editor.core.review import workflow as review
from editor.ui.review.comments_panel import when

DIFF_STYLE = """
ins { background-color: #d7f5dd; color: #0b5d1e; text-decoration: none; }
del { background-color: #fbdcdc; color: #8a1616; text-decoration: line-through; }
p { margin-bottom: 8px; }
"""

REVISION_ID = Qt.UserRole
WIDE_ENOUGH = 700  # pixels for the list beside the difference


class HistoryView(QWidget):
    """The revisions of one post, newest first. One selected: what it changed from the one before;
    two selected: the difference between them. Restore brings the selected one back as a new revision.

    Signals: `aboutToRestore()` (flush unsaved edits now), `restored(Post)`, `errorOccurred(str)`.
    `flush()`, when given, saves the open text before a restore; False stops the restore.
    Narrower than WIDE_ENOUGH (a side panel) the list sits above the difference, not beside it.
    """

    aboutToRestore = Signal()
    restored = Signal(object)
    errorOccurred = Signal(str)

    def __init__(self, library, user_name: Callable[[], str | None], parent: QWidget | None = None, *,
                 flush: Callable[[], bool] | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._user_name = user_name
        self._flush = flush
        self._post_id: int | None = None
        self._revisions: dict[int, Revision] = {}
        self._order: list[int] = []
        self.diff_html = ""

        self.list = QTreeWidget()
        self.list.setAccessibleName(self.tr("The post's revisions"))
        self.list.header().setAccessibleName(self.tr("Columns of the revisions"))
        self.list.setHeaderLabels([self.tr("Time"), self.tr("By"), self.tr("Reason")])
        self.list.setRootIsDecorated(False)
        self.list.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.list.itemSelectionChanged.connect(self._on_selection)
        self.hint = QLabel(self.tr("Pick a revision to see what it changed, or two to compare them (Ctrl+click)"),
                           wordWrap=True)
        self.restore_button = QPushButton(self.tr("Restore this revision"))
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self.restore_selected)
        self.diff = QTextBrowser()
        self.diff.setAccessibleName(self.tr("What changed between the two revisions"))
        self.diff.setLayoutDirection(Qt.RightToLeft)
        self.diff.document().setDefaultStyleSheet(DIFF_STYLE)

        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.list, 1)
        column.addWidget(self.hint)
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        splitter = QSplitter(Qt.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.diff)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([420, 880])
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def set_post(self, post_id: int | None) -> None:
        self._post_id = post_id
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        self.diff.clear()
        self.diff_html = ""
        revisions = self._library.revisions(self._post_id) if self._post_id is not None else []
        # Revisions imported from a bundle keep their own times: show the true order.
        revisions.sort(key=lambda r: (r.created_at, r.id))
        self._revisions = {r.id: r for r in revisions}
        self._order = [r.id for r in revisions]
        for revision in reversed(revisions):
            reason = revision.reason.label_he + (f" — {revision.note}" if revision.note else "")
            item = QTreeWidgetItem([when(revision.created_at), revision.author, reason])
            item.setData(0, REVISION_ID, revision.id)
            item.setToolTip(2, reason)
            self.list.addTopLevelItem(item)
        for column in range(3):
            self.list.resizeColumnToContents(column)

    def select(self, *revision_ids: int) -> None:
        """Select these revisions (as a user would with Ctrl+click)."""
        self.list.clearSelection()
        for index in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(index)
            if item.data(0, REVISION_ID) in revision_ids:
                item.setSelected(True)

    def select_newest_conflict(self) -> bool:
        """Select the newest version kept from a conflict (it is then compared with the text now)."""
        conflicts = [i for i in self._order if self._revisions[i].reason == RevisionReason.CONFLICT]
        if conflicts:
            self.select(conflicts[-1])
        return bool(conflicts)

    def selected_ids(self) -> list[int]:
        """The selected revisions, oldest first."""
        ids = [item.data(0, REVISION_ID) for item in self.list.selectedItems()]
        return sorted(ids, key=self._order.index)

    def compare(self, old_id: int, new_id: int) -> None:
        old, new = self._revisions[old_id], self._revisions[new_id]
        heading = self.tr("From %1 to %2").replace("%1", when(old.created_at)).replace("%2", when(new.created_at))
        self._show_difference(old.snapshot, new.snapshot, heading)

    def compare_with_now(self, revision_id: int) -> None:
        """What taking this version would change in the post's text as it is now (a conflict's version)."""
        revision = self._revisions[revision_id]
        post = self._library.get_post(self._post_id)
        now = post.content_fields() | {"related": self._library.related_choices(post.id)}
        heading = self.tr("From the text now to the version of %1 (%2)").replace(
            "%1", html.escape(revision.author or "?")).replace("%2", when(revision.created_at))
        self._show_difference(now, revision.snapshot, heading)

    def _show_difference(self, old: dict, new: dict, heading: str) -> None:
        details = worddiff.details_html(worddiff.diff_details(old, new, self._title_of))
        body = worddiff.diff_html(old.get("body", ""), new.get("body", ""))
        self.diff_html = (f'<html dir="rtl"><body><h3>{heading}</h3>{details}<hr>{body}</body></html>')
        self.diff.setHtml(self.diff_html)

    def restore_selected(self) -> None:
        ids = self.selected_ids()
        if not ids or self._post_id is None:
            return
        author = self._user_name()
        if author is None:
            return
        self.aboutToRestore.emit()
        if self._flush is not None and not self._flush():
            self.errorOccurred.emit(self.tr("The open text could not be saved, so nothing was restored."))
            return
        try:
            post = review.restore_revision(self._library, ids[-1], author)
        except KtavError as error:
            self.errorOccurred.emit(error.message_he)
            return
        self.reload()
        self.restored.emit(post)

    def resizeEvent(self, event) -> None:
        wide = event.size().width() >= WIDE_ENOUGH
        orientation = Qt.Horizontal if wide else Qt.Vertical
        if self.splitter.orientation() != orientation:
            self.splitter.setOrientation(orientation)
            self.splitter.setSizes([420, 880] if wide else [280, 420])
        super().resizeEvent(event)

    def _title_of(self, post_id: int) -> str:
        return self._library.get_post(post_id).title

    def _on_selection(self) -> None:
        ids = self.selected_ids()
        self.restore_button.setEnabled(len(ids) == 1)
        conflict = len(ids) == 1 and self._revisions[ids[0]].reason == RevisionReason.CONFLICT
        self.restore_button.setText(self.tr("Take this version") if conflict else self.tr("Restore this revision"))
        if len(ids) == 2:
            self.compare(*ids)
        elif conflict:
            self.compare_with_now(ids[0])
        elif len(ids) == 1:
            position = self._order.index(ids[0])
            self.compare(self._order[max(0, position - 1)], ids[0])
        elif len(ids) > 2:
            self.diff.setPlainText(self.tr("Pick at most two revisions"))
