"""The list of posts: search as you type, status filter, order, new post, trash and restore."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QVBoxLayout,
    QWidget,
)

from editor.core.library.store import Library
from editor.core.models import PostSummary, Status

ORDERS = ("updated", "date")


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

    def sizeHint(self, option, index) -> QSize:
        height = QFontMetrics(option.font).height()
        return QSize(200, 2 * height + 2 * self.PADDING)


class PostList(QWidget):
    """Lists the library's posts. `postSelected(id)` when the writer picks one;
    `newPostRequested()`; `trashed(id)` after a post moved to the trash; `restored(id)`."""

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
        self.items = QListWidget()
        self.items.setAccessibleName(self.tr("The posts"))
        self.items.setItemDelegate(_PostItemDelegate(self.items))
        self.items.setAlternatingRowColors(True)
        self.new_button = QPushButton(self.tr("New post"))
        self.delete_button = QPushButton(self.tr("Move to trash"))
        self.trash_toggle = QPushButton(self.tr("Trash"), checkable=True)
        self.restore_button = QPushButton(self.tr("Restore"))
        self.empty_button = QPushButton(self.tr("Empty trash"))
        self._lay_out()
        self.search.textChanged.connect(self.refresh)
        self.status_filter.currentIndexChanged.connect(self.refresh)
        self.order.currentIndexChanged.connect(self.refresh)
        self.trash_toggle.toggled.connect(self._show_trash)
        self.items.currentItemChanged.connect(self._on_current_changed)
        self.new_button.clicked.connect(self.newPostRequested)
        self.delete_button.clicked.connect(self.trash_selected)
        self.restore_button.clicked.connect(self.restore_selected)
        self.empty_button.clicked.connect(self.empty_trash)
        self._show_trash(False)

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
        item = self.items.currentItem()
        return item.data(Qt.UserRole) if item is not None else None

    def post_ids(self) -> list[int]:
        return [self.items.item(i).data(Qt.UserRole) for i in range(self.items.count())]

    def refresh(self) -> None:
        """Read the list again, keeping the selection (without announcing it as a new choice)."""
        selected = self.selected_id()
        summaries = self._library.list_posts(search=self.search.text() or None,
                                             status=self.status_filter.currentData(),
                                             trash=self.showing_trash, order=self.current_order)
        self.items.blockSignals(True)
        self.items.clear()
        for summary in summaries:
            item = QListWidgetItem(self._item_text(summary))
            item.setToolTip(summary.title)
            item.setData(Qt.UserRole, summary.id)
            self.items.addItem(item)
            if summary.id == selected:
                self.items.setCurrentItem(item)
        self.items.blockSignals(False)
        self._update_buttons()

    def select(self, post_id: int | None) -> None:
        """Mark `post_id` as the open post (no postSelected: the caller already opened it)."""
        self.items.blockSignals(True)
        self.items.setCurrentItem(None)
        for i in range(self.items.count()):
            if self.items.item(i).data(Qt.UserRole) == post_id:
                self.items.setCurrentRow(i)
        self.items.blockSignals(False)
        self._update_buttons()

    def trash_selected(self) -> None:
        post_id = self.selected_id()
        if post_id is None or self.showing_trash:
            return
        self._library.move_to_trash(post_id)
        self.refresh()
        self.trashed.emit(post_id)

    def restore_selected(self) -> None:
        post_id = self.selected_id()
        if post_id is not None and self.showing_trash:
            self.restore(post_id)

    def restore(self, post_id: int) -> None:
        """Bring a post back from the trash (the trash's button, or undo right after moving it there)."""
        self._library.restore_from_trash(post_id)
        self.refresh()
        self.restored.emit(post_id)

    def empty_trash(self) -> None:
        count = self.items.count() if self.showing_trash else len(self._library.list_posts(trash=True))
        if count and self._confirm(self.tr("Delete %n post(s) in the trash for good?", "", count)):
            self._library.empty_trash()
            self.refresh()

    def _show_trash(self, trash: bool) -> None:
        self.new_button.setVisible(not trash)
        self.delete_button.setVisible(not trash)
        self.restore_button.setVisible(trash)
        self.empty_button.setVisible(trash)
        self.refresh()

    def _update_buttons(self) -> None:
        has_selection = self.selected_id() is not None
        self.delete_button.setEnabled(has_selection)
        self.restore_button.setEnabled(has_selection)

    def _on_current_changed(self, current: QListWidgetItem | None, _previous) -> None:
        self._update_buttons()
        if current is not None and not self.showing_trash:
            self.postSelected.emit(current.data(Qt.UserRole))

    def _item_text(self, summary: PostSummary) -> str:
        words = self.tr("%n word(s)", "", summary.word_count)
        details = [status_label(summary.status), words]
        if summary.date:
            details.append(summary.date.strftime("%d.%m.%Y"))
        return f"{summary.title or untitled()}\n{' · '.join(details)}"
