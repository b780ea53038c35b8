"""The related-posts panel: suggestions refreshed as the writer types, and the posts the writer chose."""

from __future__ import annotations

import html
import itertools
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtGui import QPalette, QTextDocument, QTextOption
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from editor.core.errors import KtavError
from editor.core.models import LINKABLE_STATUSES, Post
from editor.core.related import EXPORTED_RELATED, RelatedService

if TYPE_CHECKING:
    from editor.core.related.index import Suggestion
from editor.ui.background import Background
from editor.ui.library.post_list import secondary_text

translate = QCoreApplication.translate

DEBOUNCE_MS = 400
SUGGESTIONS = 8
POST_ID = Qt.ItemDataRole.UserRole
TITLE = Qt.ItemDataRole.UserRole + 1
DETAILS = Qt.ItemDataRole.UserRole + 2
PADDING = 4


class _PostItemDelegate(QStyledItemDelegate):
    """Draws a post as its title in bold over a grey line of details (date, reason), right to left."""

    def _document(self, index, width: int, palette: QPalette | None = None) -> QTextDocument:
        document = QTextDocument()
        options = QTextOption()
        options.setTextDirection(Qt.LayoutDirection.RightToLeft)
        options.setWrapMode(QTextOption.WrapMode.WordWrap)
        document.setDefaultTextOption(options)
        document.setDocumentMargin(PADDING)
        title = html.escape(index.data(TITLE) or index.data() or "")
        details = html.escape(index.data(DETAILS) or "")
        faded = secondary_text(palette or QApplication.palette()).name()
        document.setHtml(f'<div dir="rtl"><b>{title}</b><br><span style="color:{faded}">{details}</span></div>')
        document.setTextWidth(max(width, 50))
        return document

    def paint(self, painter, option, index) -> None:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        item.text = ""
        style = item.widget.style() if item.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, item.widget)
        document = self._document(index, option.rect.width(), option.palette)
        painter.save()
        painter.translate(option.rect.topLeft())
        document.drawContents(painter)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        width = option.rect.width() or (option.widget.viewport().width() if option.widget else 300)
        document = self._document(index, width)
        return QSize(width, int(document.size().height()))


def _item(post_id: int, title: str, details: str) -> QListWidgetItem:
    item = QListWidgetItem(f"{title}\n{details}")
    item.setData(POST_ID, post_id)
    item.setData(TITLE, title)
    item.setData(DETAILS, details)
    return item


def _date_text(suggestion: Suggestion) -> str:
    return suggestion.date.strftime("%d.%m.%Y") if suggestion.date else translate("RelatedPanel", "no date")


class RelatedPanel(QWidget):
    """Suggested related posts for the post being written, and the writer's ordered choices.

    `source` is a RelatedService (or a Library, for which one is made). The window calls
    `set_post(id)` when a post opens, `text_changed(post)` while it is edited and `post_saved(post)`
    after a save. Choices are stored in the library at once and announced by `choicesChanged`.
    """

    choicesChanged = Signal(list)
    suggestionsReady = Signal(list)

    def __init__(self, source, parent: QWidget | None = None, *, debounce_ms: int = DEBOUNCE_MS,
                 pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._service = source if hasattr(source, "suggestions") else RelatedService(source)
        self._jobs = Background(self, pool)
        self._generations = itertools.count(1)
        self._latest = 0
        self._answered = 0
        self._post_id: int | None = None
        self._draft: Post | None = None
        self._chosen: list[int] = []
        self._timer = QTimer(self, singleShot=True, interval=debounce_ms)
        self._timer.timeout.connect(self._refresh)
        self._build()

    def _build(self) -> None:
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.chosen_list = QListWidget(objectName="chosenRelated")
        self.chosen_list.setAccessibleName(self.tr("Chosen related posts"))
        self.suggestion_list = QListWidget(objectName="suggestedRelated")
        self.suggestion_list.setAccessibleName(self.tr("Suggested related posts"))
        self._delegate = _PostItemDelegate(self)
        for view in (self.chosen_list, self.suggestion_list):
            view.setWordWrap(True)
            view.setAlternatingRowColors(True)
            view.setItemDelegate(self._delegate)
            view.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.chosen_list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.chosen_list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.up_button = QPushButton(self.tr("▲ Up"))
        self.down_button = QPushButton(self.tr("▼ Down"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.pin_button = QPushButton(self.tr("Add to the chosen"))
        self.show_drafts = QCheckBox(self.tr("Show drafts among the suggestions (they are not exported)"))
        self.status = QLabel(wordWrap=True)
        hint = QLabel(self.tr("The first %1 posts appear at the end of the post, under \"You may also be interested\". "
                              "When fewer are chosen, the suggestions fill the rest.").replace("%1", str(EXPORTED_RELATED)),
                      wordWrap=True)
        hint.setEnabled(False)

        chosen_buttons = QHBoxLayout()
        for button in (self.up_button, self.down_button, self.remove_button):
            chosen_buttons.addWidget(button)
        chosen_buttons.addStretch()
        suggestion_buttons = QHBoxLayout()
        suggestion_buttons.addWidget(self.pin_button)
        suggestion_buttons.addStretch()

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<b>" + self.tr("Chosen") + "</b>"))
        layout.addWidget(self.chosen_list, 2)
        layout.addLayout(chosen_buttons)
        layout.addWidget(hint)
        layout.addWidget(QLabel("<b>" + self.tr("Suggestions") + "</b>"))
        layout.addWidget(self.suggestion_list, 3)
        layout.addLayout(suggestion_buttons)
        layout.addWidget(self.show_drafts)
        layout.addWidget(self.status)

        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(+1))
        self.remove_button.clicked.connect(self.remove_selected)
        self.pin_button.clicked.connect(self.pin_selected)
        self.suggestion_list.itemDoubleClicked.connect(lambda _item: self.pin_selected())
        self.show_drafts.toggled.connect(lambda _on: self._refresh())
        self.chosen_list.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.chosen_list.model().rowsMoved.connect(lambda *_args: QTimer.singleShot(0, self, self._dropped))
        self.suggestion_list.currentRowChanged.connect(lambda _row: self._update_buttons())
        self._update_buttons()

    # ---- what the window calls ----------------------------------------------------------

    @property
    def chosen_ids(self) -> list[int]:
        return list(self._chosen)

    @Slot(object)
    def set_post(self, post_id: int | None) -> None:
        """Show the choices and suggestions of a stored post (None: no post)."""
        self._timer.stop()
        self._post_id = post_id
        self._draft = None
        self._chosen = self._service.choices(post_id) if post_id is not None else []
        self._show_chosen()
        self.suggestion_list.clear()
        if post_id is None:
            self._latest = next(self._generations)  # drops any result still on its way
            self.status.setText("")
        else:
            self._refresh()

    @Slot(object)
    def text_changed(self, post: Post) -> None:
        """The writer changed the post: suggestions follow once the typing pauses."""
        self._draft = post.copy()
        self._timer.start()

    @Slot(object)
    def post_saved(self, post: Post) -> None:
        """Keep the suggestions index up with a saved post (any post, not only the one shown)."""
        self._service.post_saved(post)
        if post.id in self._chosen or post.id == self._post_id:
            self._show_chosen()

    @property
    def refresh_pending(self) -> bool:
        """Typing is waiting for its pause, or suggestions are being computed."""
        return self._timer.isActive() or self._latest != self._answered

    def refresh_now(self) -> None:
        self._timer.stop()
        self._refresh()

    # ---- choices --------------------------------------------------------------------------

    def pin_selected(self) -> None:
        item = self.suggestion_list.currentItem()
        if item is None or self._post_id is None:
            return
        post_id = item.data(POST_ID)
        if post_id not in self._chosen:
            self._store(self._chosen + [post_id], select=len(self._chosen))

    def remove_selected(self) -> None:
        row = self.chosen_list.currentRow()
        if 0 <= row < len(self._chosen):
            self._store(self._chosen[:row] + self._chosen[row + 1:], select=min(row, len(self._chosen) - 2))

    def _move(self, step: int) -> None:
        row = self.chosen_list.currentRow()
        target = row + step
        if 0 <= row < len(self._chosen) and 0 <= target < len(self._chosen):
            ids = list(self._chosen)
            ids[row], ids[target] = ids[target], ids[row]
            self._store(ids, select=target)

    def _dropped(self) -> None:
        """The writer dragged a chosen post to another place: store the order the list shows."""
        ids = [self.chosen_list.item(row).data(POST_ID) for row in range(self.chosen_list.count())]
        if ids != self._chosen:
            moved = self.chosen_list.currentRow()
            self._store(ids, select=moved)

    def _store(self, ids: list[int], select: int) -> None:
        try:
            self._service.set_choices(self._post_id, ids)
        except KtavError as error:
            self.status.setText(self.tr("The choice was not saved: %1").replace("%1", error.message_he))
            return
        self._chosen = ids
        self._show_chosen()
        if 0 <= select < self.chosen_list.count():
            self.chosen_list.setCurrentRow(select)
        self.choicesChanged.emit(list(ids))
        self._refresh()

    def _show_chosen(self) -> None:
        self.chosen_list.clear()
        described = {s.post_id: s for s in self._service.describe(self._chosen)}
        for position, post_id in enumerate(self._chosen, start=1):
            suggestion = described.get(post_id)
            if suggestion is None:
                title = self.tr("%1. post %2").replace("%1", str(position)).replace("%2", str(post_id))
                details = self.tr("not in the library")
            else:
                title, details = f"{position}. {suggestion.title}", _date_text(suggestion)
                if suggestion.status not in LINKABLE_STATUSES:
                    details += " · " + self.tr("%1 – not exported").replace("%1", suggestion.status.label_he)
            item = _item(post_id, title, details)
            self.chosen_list.addItem(item)
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.chosen_list.currentRow()
        count = self.chosen_list.count()
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)
        self.remove_button.setEnabled(0 <= row < count)
        self.pin_button.setEnabled(self.suggestion_list.currentItem() is not None and self._post_id is not None)

    # ---- suggestions ----------------------------------------------------------------------

    def _refresh(self) -> None:
        if self._post_id is None and self._draft is None:
            return
        generation = self._latest = next(self._generations)
        target: Post | int = self._draft if self._draft is not None else self._post_id
        service, exclude = self._service, tuple(self._chosen)
        linkable_only = not self.show_drafts.isChecked()
        self.status.setText(self.tr("Finding suggestions…"))
        self._jobs.run(
            lambda: service.suggestions(target, SUGGESTIONS, linkable_only=linkable_only, exclude=exclude),
            lambda result: self._on_finished(generation, result), receiver=self)

    def _on_finished(self, generation: int, result) -> None:
        if generation != self._latest:
            return  # overtaken by newer typing
        self._answered = generation
        if isinstance(result, Exception):
            self.status.setText(self.tr("No suggestions could be found: %1").replace("%1", str(result)))
            return
        self.suggestion_list.clear()
        for suggestion in result:
            reason = suggestion.reason or "—"
            item = _item(suggestion.post_id, suggestion.title,
                         _date_text(suggestion) + " · " + self.tr("because of: %1").replace("%1", reason))
            item.setToolTip(self.tr("score %1").replace("%1", f"{suggestion.score:.3f}"))
            self.suggestion_list.addItem(item)
        self.status.setText("" if result else self.tr("No related posts yet"))
        self._update_buttons()
        self.suggestionsReady.emit(list(result))
