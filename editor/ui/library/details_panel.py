"""The post's details beside the editor: title, lead, date, author, tags, slug, status, warnings."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QStringListModel, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from editor.core.models import Post, Status
from editor.ui.library.post_list import status_label

TAG_SEPARATOR = ","


def parse_tags(text: str) -> list[str]:
    """Tags typed as a comma-separated list, without blanks or repeats, in the order typed."""
    tags: list[str] = []
    for part in text.split(TAG_SEPARATOR):
        tag = part.strip()
        if tag and tag not in tags:
            tags.append(tag)
    return tags


class TagCompleter(QCompleter):
    """Completes the tag being typed after the last comma, keeping the ones before it."""

    def pathFromIndex(self, index) -> str:
        typed = self.widget().text()
        done = typed.rsplit(TAG_SEPARATOR, 1)[0] + f"{TAG_SEPARATOR} " if TAG_SEPARATOR in typed else ""
        return done + str(index.data())

    def splitPath(self, path: str) -> list[str]:
        return [path.rsplit(TAG_SEPARATOR, 1)[-1].strip()]


class DetailsPanel(QWidget):
    """Edits a post's fields; `edited(dict)` carries the changed Post fields by name.
    `statusRequested(Status)` when the writer picks another status (the workflow decides);
    `warningActivated(line)` when a render warning is double-clicked; `coverChosen(sha256)` when the
    writer picks the post's cover ("" for its first picture)."""

    edited = Signal(dict)
    statusRequested = Signal(object)
    warningActivated = Signal(int)
    coverChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._filling = False
        self.title = QLineEdit(placeholderText=self.tr("The post's title"))
        # A QTextEdit: QPlainTextEdit lays Hebrew out from the left even in a right-to-left window.
        self.lead = QTextEdit(placeholderText=self.tr("One or two sentences under the title"),
                              acceptRichText=False)
        self.lead.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        self.lead.setTabChangesFocus(True)
        self.has_date = QCheckBox(self.tr("Publication date"))
        # Dates read 23.12.2019, as on the site. Qt reverses a date format's sections in a
        # right-to-left application, so there the format is given reversed.
        day_first = "yyyy.MM.dd" if QGuiApplication.isRightToLeft() else "dd.MM.yyyy"
        self.date = QDateEdit(calendarPopup=True, displayFormat=day_first)
        self.date.setAccessibleName(self.tr("Publication date"))
        self.date.setLayoutDirection(Qt.LeftToRight)
        self.author = QLineEdit()
        self.tags = QLineEdit(placeholderText=self.tr("education, data, Negev"))
        self._tag_model = QStringListModel(self)
        completer = TagCompleter(self._tag_model, self)
        completer.setCaseSensitivity(Qt.CaseInsensitive)
        self.tags.setCompleter(completer)
        self.slug = QLineEdit()
        self.slug.setLayoutDirection(Qt.LeftToRight)
        self.status = QComboBox()
        for status in Status:
            self.status.addItem(status_label(status), status)
        self.cover = QComboBox()
        self.cover.setAccessibleName(self.tr("Cover picture"))
        self.cover.setToolTip(self.tr("The picture of the post's card when it is shared, and of its card under "
                                      "other posts"))
        self._cover_options: list[tuple[str, str]] = []
        self._chosen_cover = ""
        self._fill_cover()
        self.warnings = QListWidget()
        self.warnings.setAccessibleName(self.tr("Warnings about the post"))
        self.warnings.setAccessibleDescription(self.tr("Double-click a warning to go to its line in the editor"))
        self._lay_out()
        self.title.textEdited.connect(lambda text: self._emit(title=text))
        self.lead.textChanged.connect(self._on_lead_changed)
        self.has_date.toggled.connect(self._on_date_changed)
        self.date.dateChanged.connect(self._on_date_changed)
        self.author.textEdited.connect(lambda text: self._emit(author=text))
        self.tags.textChanged.connect(lambda text: self._emit(tags=parse_tags(text)))
        self.slug.editingFinished.connect(self._on_slug_finished)
        self.status.activated.connect(lambda _: self.statusRequested.emit(self.status.currentData()))
        self.warnings.itemActivated.connect(self._on_warning_activated)
        self.cover.activated.connect(lambda _: self.coverChosen.emit(self.cover.currentData() or ""))

    def _lay_out(self) -> None:
        date_row = QHBoxLayout()
        date_row.addWidget(self.has_date)
        date_row.addWidget(self.date, 1)
        form = QFormLayout()
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Lead"), self.lead)
        form.addRow(date_row)
        form.addRow(self.tr("Author"), self.author)
        form.addRow(self.tr("Tags"), self.tags)
        form.addRow(self.tr("Address (slug)"), self.slug)
        form.addRow(self.tr("Status"), self.status)
        form.addRow(self.tr("Cover"), self.cover)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Warnings")))
        layout.addWidget(self.warnings, 1)

    def set_known_tags(self, tags: list[str]) -> None:
        self._tag_model.setStringList(tags)

    def set_post(self, post: Post) -> None:
        """Show `post` without announcing its values as edits."""
        self._filling = True
        try:
            self.title.setText(post.title)
            self.lead.setPlainText(post.lead)
            self.has_date.setChecked(post.date is not None)
            self.date.setEnabled(post.date is not None)
            self.date.setDate(QDate(post.date or dt.date.today()))
            self.author.setText(post.author)
            self.tags.setText(f"{TAG_SEPARATOR} ".join(post.tags))
            self.slug.setText(post.slug)
            self.status.setCurrentIndex(self.status.findData(post.status))
            self.set_published(post.status == Status.PUBLISHED)
            for field in (self.title, self.author, self.tags, self.slug):
                field.setCursorPosition(0)  # show where the text begins, not where it ends
        finally:
            self._filling = False

    def set_published(self, published: bool) -> None:
        # A published post's address is on the web: changing it would break links to it.
        self.slug.setReadOnly(published)
        self.slug.setToolTip(self.tr("A published post's address cannot change") if published else "")

    def set_status(self, status: Status) -> None:
        self.status.setCurrentIndex(self.status.findData(status))
        self.set_published(status == Status.PUBLISHED)

    def set_warnings(self, warnings: list, hebrew: bool = True) -> None:
        self.warnings.clear()
        for warning in warnings:
            text = warning.message_he if hebrew else warning.message
            if warning.line:
                text = self.tr("Line %1: %2").replace("%1", str(warning.line)).replace("%2", text)
            item = QListWidgetItem(text)
            item.setData(Qt.UserRole, warning.line or 0)
            self.warnings.addItem(item)

    def set_cover_options(self, options: list[tuple[str, str]]) -> None:
        """The library pictures of the post's text, (sha256, label) each, that may be its cover."""
        self._cover_options = list(options)
        self._fill_cover()

    def set_cover(self, sha256: str | None) -> None:
        """Show the cover stored for the post (None: its first picture)."""
        self._chosen_cover = sha256 or ""
        self._fill_cover()

    def _fill_cover(self) -> None:
        self.cover.clear()
        self.cover.addItem(self.tr("The first picture of the post"), "")
        for number, (sha256, label) in enumerate(self._cover_options, start=1):
            text = self.tr("Picture %1").replace("%1", str(number))
            self.cover.addItem(f"{text}: {label}" if label else text, sha256)
        if self._chosen_cover and self.cover.findData(self._chosen_cover) < 0:
            self.cover.addItem(self.tr("A picture no longer in the text"), self._chosen_cover)
        self.cover.setCurrentIndex(max(0, self.cover.findData(self._chosen_cover)))

    def _emit(self, **fields) -> None:
        if not self._filling:
            self.edited.emit(fields)

    def _on_lead_changed(self) -> None:
        self._emit(lead=self.lead.toPlainText())

    def _on_date_changed(self, *_args) -> None:
        self.date.setEnabled(self.has_date.isChecked())
        self._emit(date=self.date.date().toPython() if self.has_date.isChecked() else None)

    def _on_slug_finished(self) -> None:
        if not self.slug.isReadOnly():
            self._emit(slug=self.slug.text().strip())

    def _on_warning_activated(self, item: QListWidgetItem) -> None:
        if item.data(Qt.UserRole):
            self.warningActivated.emit(item.data(Qt.UserRole))
