"""The post list's rows as a Qt model: filled once per search, then kept up by the one post that changed.

A save never re-reads the library: `post_changed(summary)` updates that row in place and, in the
"last changed" order, moves it to the top. Rows are PostSummary values; the text of a row is made
when the view asks for it (only the rows on screen).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from editor.core.models import PostSummary

POST_ID = Qt.ItemDataRole.UserRole


class PostListModel(QAbstractListModel):
    def __init__(self, row_text: Callable[[PostSummary], str], parent=None) -> None:
        super().__init__(parent)
        self._rows: list[PostSummary] = []
        self._row_of: dict[int, int] = {}
        self._row_text = row_text

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        summary = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._row_text(summary)
        if role == Qt.ItemDataRole.ToolTipRole:
            return summary.title
        if role == POST_ID:
            return summary.id
        return None

    def set_rows(self, summaries: list[PostSummary]) -> None:
        self.beginResetModel()
        self._rows = list(summaries)
        self._reindex()
        self.endResetModel()

    def post_ids(self) -> list[int]:
        return [summary.id for summary in self._rows]

    def row_of(self, post_id: int | None) -> int | None:
        return self._row_of.get(post_id) if post_id is not None else None

    def post_changed(self, summary: PostSummary, *, to_top: bool) -> None:
        """One post's row anew (added at the top when it is not listed yet and `to_top`)."""
        row = self._row_of.get(summary.id)
        if row is None:
            if not to_top:
                return
            self.beginInsertRows(QModelIndex(), 0, 0)
            self._rows.insert(0, summary)
            self._reindex()
            self.endInsertRows()
            return
        self._rows[row] = summary
        if to_top and row > 0:
            self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), 0)
            self._rows.insert(0, self._rows.pop(row))
            self._reindex()
            self.endMoveRows()
            row = 0
        self.dataChanged.emit(self.index(row), self.index(row))

    def _reindex(self) -> None:
        self._row_of = {summary.id: row for row, summary in enumerate(self._rows)}
