"""The list of posts: search as you type, status filter, order, new post, trash and restore."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QItemSelectionModel, QModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from editor.core.library.store import Library
from editor.core.models import PostSummary, Status
from editor.ui.background import Background
from editor.ui.library.post_list_model import PostListModel

ORDERS = ("updated", "date")
SEARCH_PAUSE_MS = 150  # the list is searched once typing in the search box pauses
ROWS_FOLLOWED_ONE_BY_ONE = 20  # more posts changed at once (a sync after a week away): the list is read again


def status_label(status: Status) -> str:
    """The status as the interface language says it (Hebrew: the core's label_he)."""
    names = {
        Status.DRAFT: QCoreApplication.translate("Status", "Draft"),
        Status.IN_REVIEW: QCoreApplication.translate("Status", "In review"),
        Status.CHANGES_REQUESTED: QCoreApplication.translate("Status", "Changes requested"),
        Status.APPROVED: QCoreApplication.translate("Status", "Approved"),
        Status.PUBLISHED: QCoreApplication.translate("Status", "Published"),
    }
    return names[status]


def untitled() -> str:
    return QCoreApplication.translate("PostList", "(untitled)")


def secondary_text(palette: QPalette) -> QColor:
    """The text colour, a little faded: readable under a title on a light and on a dark palette."""
    text, base = palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base)
    mix = 0.68
    return QColor(round(text.red() * mix + base.red() * (1 - mix)), round(text.green() * mix + base.green() * (1 - mix)),
                  round(text.blue() * mix + base.blue() * (1 - mix)))


class _PostItemDelegate(QStyledItemDelegate):
    """Draws a post as its title (bold, elided to one line) over its status, words and date."""

    PADDING = 6

    def paint(self, painter, option, index) -> None:
        title, _, details = index.data(Qt.DisplayRole).partition("\n")
        self.initStyleOption(option, index)
        option.text = ""
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        rect = option.rect.adjusted(self.PADDING, self.PADDING // 2, -self.PADDING, -self.PADDING // 2)
        align = Qt.AlignmentFlag.AlignAbsolute | (
            Qt.AlignmentFlag.AlignRight if option.direction == Qt.RightToLeft else Qt.AlignmentFlag.AlignLeft)
        bold = QFont(option.font)
        bold.setBold(True)
        painter.save()
        painter.setFont(bold)
        painter.setPen(option.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text))
        line = QFontMetrics(bold).height()
        title = QFontMetrics(bold).elidedText(title, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(rect.adjusted(0, 0, 0, -(rect.height() - line)), align | Qt.AlignmentFlag.AlignVCenter, title)
        painter.setFont(option.font)
        if not selected:
            painter.setPen(secondary_text(option.palette))
        painter.drawText(rect.adjusted(0, line, 0, 0), align | Qt.AlignmentFlag.AlignTop, details)
        painter.restore()

    def helpEvent(self, event, view, option, index) -> bool:
        if event.type() == QEvent.Type.ToolTip and index.isValid():  # the whole title, which the row may elide
            QToolTip.showText(event.globalPos(), index.data().partition("\n")[0], view)
            return True
        return super().helpEvent(event, view, option, index)

    def sizeHint(self, option, index) -> QSize:
        height = QFontMetrics(option.font).height()
        return QSize(200, 2 * height + 2 * self.PADDING)


class PostList(QWidget):
    """Lists the library's posts. `postSelected(id)` when the writer picks one;
    `newPostRequested()`; `trashed(id)` after a post moved to the trash; `restored(id)`.

    `refresh()` reads the list again (an import, the trash); `post_changed(post_id)` after a save
    updates that row only; typing in the search box searches off the UI thread once it pauses."""

    postSelected = Signal(int)
    newPostRequested = Signal()
    trashed = Signal(int)
    restored = Signal(int)

    def __init__(self, library: Library, confirm: Callable[[str], bool], order: str = "updated",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._confirm = confirm
        self.search = QLineEdit(placeholderText=self.tr("Search posts…"), clearButtonEnabled=True)
        self.search.setAccessibleName(self.tr("Search posts"))
        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("All statuses"), None)
        for status in Status:
            self.status_filter.addItem(status_label(status), status)
        self.order = QComboBox()
        self.order.addItem(self.tr("Last changed"), "updated")
        self.order.addItem(self.tr("Publication date"), "date")
        self.order.setCurrentIndex(max(0, self.order.findData(order)))
        self.model = PostListModel(self)
        self.items = QListView()
        self.items.setModel(self.model)
        self.items.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.items.setAccessibleName(self.tr("The posts"))
        self.items.setItemDelegate(_PostItemDelegate(self.items))
        self.items.setAlternatingRowColors(True)
        self.items.setUniformItemSizes(True)  # 10,000 rows are laid out without asking each its size
        self._jobs = Background(self)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_PAUSE_MS)
        self._search_timer.timeout.connect(self._search_in_background)
        self._generation = 0
        self._answered = 0
        self._quiet = False
        self._open_id: int | None = None
        self.new_button = QPushButton(self.tr("New post"))
        self.delete_button = QPushButton(self.tr("Move to trash"))
        self.trash_toggle = QPushButton(self.tr("Trash"), checkable=True)
        self.restore_button = QPushButton(self.tr("Restore"))
        self.empty_button = QPushButton(self.tr("Empty trash"))
        self._lay_out()
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.status_filter.currentIndexChanged.connect(self.fill)  # read off the UI thread (10,000 rows: ~0.2 s)
        self.order.currentIndexChanged.connect(self.fill)
        self.trash_toggle.toggled.connect(self._show_trash)
        self.items.selectionModel().currentChanged.connect(self._on_current_changed)
        self.new_button.clicked.connect(self.newPostRequested)
        self.delete_button.clicked.connect(self.trash_selected)
        self.restore_button.clicked.connect(self.restore_selected)
        self.empty_button.clicked.connect(self.empty_trash)
        self._show_buttons(trash=False)  # the list itself is filled by the window (see fill())

    def _lay_out(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.status_filter)
        filters.addWidget(self.order)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.delete_button, self.restore_button, self.empty_button):
            buttons.addWidget(button)
        buttons.addStretch()
        buttons.addWidget(self.trash_toggle)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.items, 1)
        layout.addLayout(buttons)

    @property
    def showing_trash(self) -> bool:
        return self.trash_toggle.isChecked()

    @property
    def current_order(self) -> str:
        return self.order.currentData()

    def selected_id(self) -> int | None:
        index = self.items.currentIndex()
        return self.model.post_id_at(index.row()) if index.isValid() else None

    def post_ids(self) -> list[int]:
        return self.model.post_ids()

    def row_texts(self) -> list[str]:
        return self.model.stringList()

    def titles(self) -> list[str]:
        return self.model.titles()

    def _query(self) -> dict:
        return {"search": self.search.text() or None, "status": self.status_filter.currentData(),
                "trash": self.showing_trash, "order": self.current_order}

    def refresh(self) -> None:
        """Read the list again off the UI thread (an import, a sync, the trash), keeping the selection
        (without announcing it as a new choice)."""
        self._search_timer.stop()
        self._search_in_background()

    def fill(self) -> None:
        """Fill the list off the UI thread (the window's start: the editor is usable meanwhile)."""
        self._search_in_background()

    def _search_in_background(self) -> None:
        self._generation += 1
        generation, query, library = self._generation, self._query(), self._library
        self._jobs.run(lambda: with_row_texts(library.list_posts(**query)), lambda found: self._searched(generation, found),
                       receiver=self)

    @property
    def loading(self) -> bool:
        """A fill or a search is running off the UI thread, or waits for typing to pause."""
        return self._answered != self._generation or self._search_timer.isActive()

    def _searched(self, generation: int, found) -> None:
        if generation != self._generation:
            return
        self._answered = generation
        if not isinstance(found, Exception):
            self._show(found)

    def _show(self, rows: tuple[list[PostSummary], list[str]]) -> None:
        selected = self.selected_id() or self._open_id
        self._quiet = True
        self.model.set_rows(*rows)
        self._select_quietly(selected)
        self._quiet = False
        self._update_buttons()

    def post_changed(self, post_id: int) -> None:
        """The library stored this post (an autosave, a save): its row follows, nothing else is read."""
        if self.showing_trash:
            return
        summary = self._library.post_summary(post_id)
        if summary is None or summary.deleted_at is not None:
            return
        selected = self.selected_id()
        self._quiet = True
        self.model.post_changed(summary, row_text(summary), to_top=self.current_order == "updated" and not self.search.text()
                                and self.status_filter.currentData() in (None, summary.status))
        self._select_quietly(selected)  # a moved row keeps its selection: nothing to do then
        self._quiet = False

    def posts_changed(self, post_ids) -> None:
        """Posts changed by an action (a sync, a restore, an import): their rows follow, read one by one,
        when that shows the list as reading it again would (a few posts, none gone to the trash, no
        search or status filter; in the "last changed" order the newest, else each where it was); else
        the list is read again, off the UI thread (10,000 rows are ~0.2 s of a worker's Python)."""
        ids = set(post_ids)
        if (not ids or len(ids) > ROWS_FOLLOWED_ONE_BY_ONE or self.loading or self.showing_trash or self.search.text()
                or self.status_filter.currentData() is not None):
            self.refresh()
            return
        found = [self._library.post_summary(post_id) for post_id in ids]
        summaries = sorted((s for s in found if s is not None and s.deleted_at is None), key=lambda s: (s.updated_at, s.id))
        if len(summaries) != len(ids) or not self._rows_can_follow(summaries, ids):  # one gone, or moved
            self.refresh()
            return
        by_change = self.current_order == "updated"
        selected = self.selected_id()
        self._quiet = True
        for summary in summaries:  # the newest last: on top
            self.model.post_changed(summary, row_text(summary), to_top=by_change)
        self._select_quietly(selected)
        self._quiet = False
        self._update_buttons()

    def _rows_can_follow(self, summaries: list[PostSummary], ids: set[int]) -> bool:
        """Whether the changed rows, each updated where it is (or on top), are where a re-read puts them."""
        if self.current_order == "updated":  # each goes to the top: none may be older than the rows below
            top = self.model.top_summary(ids)
            return top is None or (summaries[0].updated_at, summaries[0].id) >= (top.updated_at, top.id)
        listed = [self.model.summary_of(summary.id) for summary in summaries]
        return all(row is not None and row.date == summary.date for row, summary in zip(listed, summaries))

    def select(self, post_id: int | None) -> None:
        """Mark `post_id` as the open post (no postSelected: the caller already opened it); a list still
        being filled marks it once its rows are there."""
        self._open_id = post_id
        self._quiet = True
        self._select_quietly(post_id)
        self._quiet = False
        self._update_buttons()

    def _select_quietly(self, post_id: int | None) -> None:
        row = self.model.row_of(post_id)
        selection = self.items.selectionModel()
        current = selection.currentIndex()
        if row is not None and current.isValid() and current.row() == row and selection.isRowSelected(row):
            return  # selecting anew costs ~40 ms at 10,000 rows (the view visits every row)
        if row is None:
            selection.clear()
            selection.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.Clear)
            return
        index = self.model.index(row)
        selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def trash_selected(self) -> None:
        post_id = self.selected_id()
        if post_id is None or self.showing_trash:
            return
        self._library.move_to_trash(post_id)
        self._quiet = True
        self.model.remove(post_id)  # at once; the list is read again behind it
        self._quiet = False
        self.refresh()
        self.trashed.emit(post_id)

    def restore_selected(self) -> None:
        post_id = self.selected_id()
        if post_id is not None and self.showing_trash:
            self.restore(post_id)

    def restore(self, post_id: int) -> None:
        """Bring a post back from the trash (the trash's button, or undo right after moving it there)."""
        self._library.restore_from_trash(post_id)
        if self.showing_trash:
            self.model.remove(post_id)
        self.refresh()
        self.restored.emit(post_id)

    def empty_trash(self) -> None:
        count = self.model.rowCount() if self.showing_trash else len(self._library.list_posts(trash=True))
        if count and self._confirm(self.tr("Delete %n post(s) in the trash for good?", "", count)):
            self._library.empty_trash()
            if self.showing_trash:
                self.model.set_rows([], [])
            self.refresh()

    def _show_trash(self, trash: bool) -> None:
        self._show_buttons(trash)
        self.refresh()

    def _show_buttons(self, trash: bool) -> None:
        self.new_button.setVisible(not trash)
        self.delete_button.setVisible(not trash)
        self.restore_button.setVisible(trash)
        self.empty_button.setVisible(trash)

    def _update_buttons(self) -> None:
        has_selection = self.selected_id() is not None
        self.delete_button.setEnabled(has_selection)
        self.restore_button.setEnabled(has_selection)

    def _on_current_changed(self, current: QModelIndex, _previous) -> None:
        self._update_buttons()
        if not self._quiet and current.isValid() and not self.showing_trash:
            self.postSelected.emit(self.model.post_id_at(current.row()))


def row_text(summary: PostSummary) -> str:
    """A post's row: its title over its status, words and date (made off the UI thread for a whole list)."""
    words = QCoreApplication.translate("PostList", "%n word(s)", "", summary.word_count)
    details = [status_label(summary.status), words]
    if summary.date:
        details.append(summary.date.strftime("%d.%m.%Y"))
    return f"{summary.title or untitled()}\n{' · '.join(details)}"


def with_row_texts(summaries: list[PostSummary]) -> tuple[list[PostSummary], list[str]]:
    """The summaries and their rows' texts, as the model takes them (made on the worker that read them)."""
    return summaries, [row_text(summary) for summary in summaries]
