"""What comes into the desk from outside: pictures inserted, pasted or dropped, HTML pasted, files dropped.

Pictures go into the open post after the line they were dropped on, once the writer has described
them (alt text, caption); posts and documents dropped anywhere are imported; pasted HTML becomes
Markdown with its pictures stored in the library. Refusals go out as `events.problem`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QWidget

from editor.core.errors import KtavError
from editor.core.importing.readers import SUPPORTED as IMPORTABLE_SUFFIXES
from editor.core.photos.decode import inspect as inspect_picture
from editor.ui.events import DeskEvents
from editor.ui.writing.image_dialog import ImageText

PICTURE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".heic", ".heif"}


def isolated(name: str) -> str:
    """A file name kept in its own order inside a Hebrew sentence."""
    return f"\u2068{name}\u2069"


class IncomingFiles(QObject):
    def __init__(self, library, editor, events: DeskEvents, *, dialog_parent: QWidget,
                 describe_image: Callable[[str], ImageText | None],
                 import_files: Callable[[list[Path]], object]) -> None:
        super().__init__(dialog_parent)
        self.library = library
        self.editor = editor
        self.events = events
        self.dialog_parent = dialog_parent
        self.describe_image = describe_image
        self.import_files = import_files

    def choose_picture(self) -> None:
        """The toolbar's picture button: a file, then its description."""
        path, _ = QFileDialog.getOpenFileName(self.dialog_parent, self.tr("Insert image"), "",
                                              self.tr("Images (*.png *.jpg *.jpeg *.gif *.webp *.heic *.heif)"))
        if path:
            self.drop_files([path])

    def insert_picture(self, data: bytes, file_name: str, at: int | None = None) -> bool:
        """Store a picture and insert it after the line at text index `at` (default: the caret), once
        the writer has described it; False when cancelled or refused (a picture Ktav will not keep is
        refused before the writer is asked to describe it)."""
        try:
            inspect_picture(data, file_name)
        except KtavError as error:
            self.events.problem.emit(error.message_he)
            return False
        described = self.describe_image(file_name)
        if described is None:
            return False
        try:
            image = self.library.add_image(data, filename=file_name)
        except KtavError as error:
            self.events.problem.emit(error.message_he)
            return False
        self.editor.insert_image_reference(image.uri, described.alt, described.caption, at=at)
        return True

    def markdown_of_pasted_html(self, html: str) -> str | None:
        """Clipboard HTML as Markdown, its pictures stored; None: the plain text is pasted instead."""
        # The converter (BeautifulSoup, markdownify) loads at the first paste, not with the window.
        converter = importlib.import_module("editor.core.importing.foreign_html")
        try:
            return converter.store_images(self.library, converter.markdown_from_clipboard_html(html, local_files=True))
        except KtavError as error:
            self.events.problem.emit(error.message_he)
            return None

    def drop_files(self, paths: list[str], at: int | None = None) -> None:
        """Files dropped (or pasted): pictures into the post where they were dropped, posts imported."""
        pictures = [Path(p) for p in paths if Path(p).suffix.lower() in PICTURE_SUFFIXES]
        posts = [Path(p) for p in paths if Path(p).suffix.lower() in IMPORTABLE_SUFFIXES]
        refused = [Path(p).name for p in paths if Path(p) not in pictures and Path(p) not in posts]
        for picture in pictures:
            try:
                data = picture.read_bytes()
            except OSError:
                self.events.problem.emit(self.tr("The file %1 cannot be read.").replace("%1", isolated(picture.name)))
                continue
            self.insert_picture(data, picture.name, at)
        if posts:
            self.import_files(posts)
        if refused:
            self.events.problem.emit(self.tr("Only pictures and posts can be dropped here: %1")
                                     .replace("%1", ", ".join(isolated(name) for name in refused)))
