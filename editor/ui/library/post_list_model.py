"""The post list's rows as a Qt model: filled once per search, then kept up by the one post that changed.

A save never re-reads the library: `post_changed(summary, text)` updates that row in place and, in the
"last changed" order, moves it to the top. The rows' texts live in Qt's own string list, so the view's
layout of 10,000 rows (which a one-row change sets off) never calls into Python; the summaries, in the
same order, are kept beside them.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QStringListModel

from editor.core.models import PostSummary


class PostListModel(QStringListModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[PostSummary] = []
        self._row_of: dict[int, int] = {}

    def set_rows(self, summaries: list[PostSummary], texts: list[str]) -> None:
        self._rows = list(summaries)
        self._reindex()
        self.setStringList(texts)

    def post_ids(self) -> list[int]:
        return [summary.id for summary in self._rows]

    def titles(self) -> list[str]:
        return [summary.title for summary in self._rows]

    def post_id_at(self, row: int) -> int | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def summary_of(self, post_id: int) -> PostSummary | None:
        row = self._row_of.get(post_id)
        return self._rows[row] if row is not None else None

    def top_summary(self, leaving_out: set[int]) -> PostSummary | None:
        """The first row's post, of those not in `leaving_out`."""
        return next((summary for summary in self._rows if summary.id not in leaving_out), None)

    def row_of(self, post_id: int | None) -> int | None:
        return self._row_of.get(post_id) if post_id is not None else None

    def post_changed(self, summary: PostSummary, text: str, *, to_top: bool) -> None:
        """One post's row anew (added at the top when it is not listed yet and `to_top`)."""
        row = self._row_of.get(summary.id)
        if row is None:
            if not to_top:
                return
            self._rows.insert(0, summary)
            self._reindex()
            self.insertRows(0, 1)
            self.setData(self.index(0), text)
            return
        self._rows[row] = summary
        if to_top and row > 0:
            self._rows.insert(0, self._rows.pop(row))
            self._reindex()
            self.moveRows(QModelIndex(), row, 1, QModelIndex(), 0)
            row = 0
        if self.index(row).data() != text:
            self.setData(self.index(row), text)

    def remove(self, post_id: int) -> None:
        row = self._row_of.get(post_id)
        if row is not None:
            del self._rows[row]
            self._reindex()
            self.removeRows(row, 1)

    def _reindex(self) -> None:
        self._row_of = {summary.id: row for row, summary in enumerate(self._rows)}
