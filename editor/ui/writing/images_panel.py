"""The open post's pictures, each with its thumbnail, alt text and caption, to describe them later.

`show_text(text, change)` lists the pictures of the text as it is now (given where it changed, only
the lines edited are read again); a change typed in a picture's alt text or caption (committed with
Enter or by leaving the field) becomes `editRequested(Edit)`, one edit of the Markdown computed by
the core (`editing.image_text`), which the editor applies as one undo step. `imagesChanged(list)`
carries the library pictures of the text, (sha256, label) each, when they change (the details panel
offers them as the cover). Thumbnails are made off the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from editor.core.editing.image_text import post_images, post_images_after_edit, set_image_text
from editor.core.text.markdown_images import MarkdownImage
from editor.ui.background import Background

THUMBNAIL_HEIGHT = 72


class _ImageRow(QFrame):
    """One picture: its thumbnail, and its alt text and caption as fields."""

    def __init__(self, image: MarkdownImage, number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image = image
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.thumbnail = QLabel()
        self.thumbnail.setFixedHeight(THUMBNAIL_HEIGHT)
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumbnail.setAccessibleName(self.tr("Picture %1").replace("%1", str(number)))
        self.alt = QLineEdit(image.alt)
        self.alt.setPlaceholderText(self.tr("What does the picture show? (needed to publish)"))
        self.alt.setAccessibleName(self.tr("Alt text of picture %1").replace("%1", str(number)))
        self.caption = QLineEdit(image.caption)
        self.caption.setPlaceholderText(self.tr("Optional: printed under the picture"))
        self.caption.setAccessibleName(self.tr("Caption of picture %1").replace("%1", str(number)))
        form = QFormLayout(self)
        form.addRow(self.thumbnail)
        form.addRow(self.tr("Alt text"), self.alt)
        form.addRow(self.tr("Caption"), self.caption)
        if image.stored_sha256 is None:
            self.thumbnail.setText("\u2068" + image.address + "\u2069")  # a picture from elsewhere: its address
            self.thumbnail.setWordWrap(True)

    def show_thumbnail(self, data: bytes | None) -> None:
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            self.thumbnail.setPixmap(pixmap.scaledToHeight(THUMBNAIL_HEIGHT, Qt.TransformationMode.SmoothTransformation))
        else:
            self.thumbnail.setText(self.tr("The picture is not in the library"))

    def refresh(self, image: MarkdownImage) -> None:
        """The same picture, its text perhaps changed in the editor: fields not being typed in follow."""
        self.image = image
        for field, value in ((self.alt, image.alt), (self.caption, image.caption)):
            if not field.hasFocus() and field.text() != value:
                field.setText(value)


class ImagesPanel(QWidget):
    editRequested = Signal(object)
    imagesChanged = Signal(list)

    def __init__(self, thumbnail: Callable[[str], tuple[str, bytes] | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._thumbnail = thumbnail
        self._jobs = Background(self)
        self._text = ""
        self._images: list[MarkdownImage] = []  # the pictures of _text
        self._rows: list[_ImageRow] = []
        self._stored: list[tuple[str, str]] = []
        self.empty = QLabel(self.tr("The post has no pictures yet. Add one from the toolbar, or drop or paste it "
                                    "into the text."), wordWrap=True)
        self._list = QWidget()
        self._list_layout = QVBoxLayout(self._list)
        self._list_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self._list)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(scroll, 1)

    @property
    def rows(self) -> list[_ImageRow]:
        return list(self._rows)

    def show_text(self, text: str, change: tuple[int, int] | None = None) -> None:
        """List the pictures of `text`: rows are kept while the same pictures stay in the same order.
        `change`: the text differs from the one shown last only in text[start:end] (None: not known)."""
        before, self._text = self._text, text
        images = post_images(text) if change is None else post_images_after_edit(text, before, self._images, change)
        self._images = images
        if [r.image.address for r in self._rows] == [i.address for i in images]:
            for row, image in zip(self._rows, images):
                row.refresh(image)
        else:
            self._rebuild(images)
        self.empty.setVisible(not images)
        stored = list({sha: (sha, i.alt or i.caption) for i in images if (sha := i.stored_sha256)}.values())
        if stored != self._stored:
            self._stored = stored
            self.imagesChanged.emit(stored)

    def _rebuild(self, images: list[MarkdownImage]) -> None:
        for row in self._rows:
            row.deleteLater()
        self._rows = []
        for number, image in enumerate(images, start=1):
            row = _ImageRow(image, number)
            self._list_layout.insertWidget(self._list_layout.count() - 1, row)
            row.alt.editingFinished.connect(lambda row=row: self._commit(row))
            row.caption.editingFinished.connect(lambda row=row: self._commit(row))
            self._rows.append(row)
            sha256 = image.stored_sha256
            if sha256:
                self._jobs.run(lambda sha256=sha256: self._thumbnail(sha256),
                               lambda found, row=row: row.show_thumbnail(found[1] if isinstance(found, tuple) else None),
                               receiver=row)

    def _commit(self, row: _ImageRow) -> None:
        edit = set_image_text(self._text, row.image, row.alt.text(), row.caption.text())
        if edit is not None:
            self.editRequested.emit(edit)
