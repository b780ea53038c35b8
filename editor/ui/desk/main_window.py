"""The writing desk window: assembles the post list, editor, preview and details, and wires them."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from editor.core.editing.session import SaveState
from editor.core.errors import KtavError
from editor.core.importing.foreign_html import markdown_from_clipboard_html, store_images
from editor.core.importing.readers import SUPPORTED as IMPORTABLE_SUFFIXES
from editor.core.library.store import Library
from editor.core.preview.page import render_preview
from editor.core.related import RelatedService
from editor.ui import settings_store as keys
from editor.ui.desk.save_banner import SaveBanner
from editor.ui.settings_store import SettingsStore
from editor.ui.library.details_panel import DetailsPanel
from editor.ui.library.post_list import PostList
from editor.ui.library.related_panel import RelatedPanel
from editor.ui.preview.live import LivePreview, create_preview_view
from editor.ui.publish.publish_desk import PublishDesk
from editor.ui.review.review_desk import ReviewDesk
from editor.ui.review.review_mode import ensure_user_name
from editor.ui.writing.autosave import Autosaver
from editor.ui.writing.image_dialog import ImageText
from editor.ui.writing.image_dialog import describe_image as ask_image_text
from editor.ui.writing.post_controller import PostController, image_source
from editor.ui.writing.source_editor import SourceEditor

PICTURE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp"}


class MainWindow(QMainWindow):
    def __init__(self, library: Library, settings: SettingsStore, *,
                 open_external: Callable[[QUrl], object] | None = None,
                 confirm: Callable[[str], bool] | None = None,
                 render: Callable | None = None,
                 describe_image: Callable[[str], ImageText | None] | None = None) -> None:
        super().__init__()
        self.library = library
        self.settings = settings
        self.confirm = confirm or self._ask
        self.describe_image = describe_image or (lambda file_name: ask_image_text(self, file_name))
        self.open_external = open_external
        self.setWindowTitle(self.tr("Ktav — the blog's writing desk"))
        self.post_list = PostList(library, self.confirm, settings.get(keys.LIST_ORDER))
        self.editor = SourceEditor()
        self.preview_view = create_preview_view(image_source(library), open_external)
        self.preview = LivePreview(self.preview_view, render or render_preview, parent=self)
        self.details = DetailsPanel()
        self.related = RelatedService(library)
        self.related_panel = RelatedPanel(self.related)
        self.banner = SaveBanner()
        self.autosaver = Autosaver(parent=self)
        self.controller = PostController(library, self.editor, self.details, self.preview, self.autosaver,
                                         self.related, self, user_name=lambda: ensure_user_name(self, library))
        self.review = ReviewDesk(self)
        self.publish = PublishDesk(self)
        self.setAcceptDrops(True)
        self.preview_view.setAcceptDrops(False)  # a file dropped on the preview comes to the window
        self._build_layout()
        self._build_status_bar()
        self._build_menus()
        self._connect()
        self._restore_settings()
        if library.read_only:
            self._open_read_only()

    def _build_layout(self) -> None:
        editor_box = QWidget()
        box = QVBoxLayout(editor_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.banner)
        box.addWidget(self.editor, 1)
        box.addWidget(self.editor.find_replace_bar())
        self.editor_box = editor_box
        self.writing_splitter = QSplitter(Qt.Horizontal)
        self.writing_splitter.addWidget(editor_box)
        self.writing_splitter.addWidget(self.preview_view)
        self.side_tabs = QTabWidget()
        self.side_tabs.addTab(self.details, self.tr("Details"))
        self.side_tabs.addTab(self.related_panel, self.tr("Related posts"))
        self.review.add_tabs(self.side_tabs)
        self.main_splitter = QSplitter(Qt.Horizontal)
        for widget in (self.post_list, self.review.central(self.writing_splitter), self.side_tabs):
            self.main_splitter.addWidget(widget)
        self.main_splitter.setStretchFactor(1, 1)
        self.main_splitter.setSizes([260, 790, 350])  # the side panel fits its four tabs
        self.writing_splitter.setSizes([395, 395])
        self.setCentralWidget(self.main_splitter)
        self.resize(1400, 850)

    def _build_status_bar(self) -> None:
        self.words_label = QLabel()
        self.minutes_label = QLabel()
        self.save_label = QLabel()
        for label in (self.words_label, self.minutes_label, self.save_label):
            self.statusBar().addPermanentWidget(label)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.new_action = file_menu.addAction(self.tr("&New post"), QKeySequence.New, self.new_post)
        file_menu.addActions(self.review.file_actions())
        file_menu.addSeparator()
        file_menu.addActions(self.publish.file_actions())
        file_menu.addSeparator()
        file_menu.addAction(self.tr("Load sample posts"), self.load_samples)
        file_menu.addSeparator()
        file_menu.addAction(self.tr("&Quit"), QKeySequence.Quit, self.close)
        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.tr("&Undo"), QKeySequence.Undo, self.editor.undo)
        edit_menu.addAction(self.tr("&Redo"), QKeySequence.Redo, self.editor.redo)
        edit_menu.addSeparator()
        for action in self.editor.find_actions():
            edit_menu.addAction(action)
        format_menu = self.menuBar().addMenu(self.tr("F&ormat"))
        toolbar = self.formatting_toolbar = self.addToolBar(self.tr("Formatting"))
        toolbar.setObjectName("formatting")
        toolbar.addAction(self.new_action)
        toolbar.addSeparator()
        for action in self.editor.formatting_actions():
            if action is None:
                format_menu.addSeparator()
                toolbar.addSeparator()
                continue
            format_menu.addAction(action)
            toolbar.addAction(action)
        self.review.review_menu(self.menuBar().addMenu(self.tr("&Review")))
        review_bar = self.addToolBar(self.tr("Review"))
        review_bar.setObjectName("review")
        for action in self.review.toolbar_actions():
            review_bar.addAction(action)
        publish_bar = self.addToolBar(self.tr("Publish"))
        publish_bar.setObjectName("publish")
        publish_bar.addAction(self.publish.export_action)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.show_editor = self._toggle(view_menu, self.tr("Editor"), self.editor_box)
        self.show_preview = self._toggle(view_menu, self.tr("Preview"), self.preview_view)
        self._toggle(view_menu, self.tr("Post list"), self.post_list)
        self._toggle(view_menu, self.tr("Details panel"), self.side_tabs)
        settings_menu = self.menuBar().addMenu(self.tr("&Settings"))
        settings_menu.addAction(self.publish.site_settings_action)
        language_menu = settings_menu.addMenu(self.tr("Language"))
        for code, name in (("he", "עברית"), ("en", "English")):
            action = language_menu.addAction(name, lambda code=code: self.choose_language(code))
            action.setCheckable(True)
            action.setChecked(self.settings.language() == code)

    def _toggle(self, menu, text: str, widget: QWidget) -> QAction:
        action = menu.addAction(text)
        action.setCheckable(True)
        action.setChecked(True)
        action.toggled.connect(lambda on: self._set_visible(widget, action, on))
        return action

    def _set_visible(self, widget: QWidget, action: QAction, visible: bool) -> None:
        # The editor and the preview may each be hidden, but not both.
        pair = (self.editor_box, self.preview_view)
        if not visible and widget in pair:
            other = pair[1] if widget is pair[0] else pair[0]
            if other.isHidden():
                action.setChecked(True)
                return
        widget.setVisible(visible)

    def _connect(self) -> None:
        self.post_list.postSelected.connect(self.open_post)
        self.post_list.newPostRequested.connect(self.new_post)
        self.post_list.trashed.connect(self._on_trashed)
        self.post_list.restored.connect(lambda post_id: self.related_panel.post_saved(self.library.get_post(post_id)))
        self.controller.postOpened.connect(self._on_post_opened)
        self.controller.problem.connect(self.show_problem)
        self.autosaver.stateChanged.connect(self._show_save_state)
        self.autosaver.saved.connect(self._on_saved)
        self.autosaver.failed.connect(self._on_save_failed)
        self.banner.retryRequested.connect(self.autosaver.save_now)
        self.editor.statsChanged.connect(self._show_stats)
        self.editor.focusLost.connect(self.autosaver.save_now)
        self.editor.imageRequested.connect(self.insert_image)
        self.editor.filesDropped.connect(self.drop_files)
        self.editor.paste_converter = self.markdown_of_pasted_html
        self.editor.imagePasted.connect(lambda data, at: self.insert_picture(data, "", at))
        self.preview.resultReady.connect(self._on_preview_result)
        self.details.warningActivated.connect(self._go_to_line)
        self.controller.postEdited.connect(self.related_panel.text_changed)
        self.related_panel.choicesChanged.connect(self.controller.related_changed)

    def _restore_settings(self) -> None:
        self.restoreGeometry(self.settings.get(keys.GEOMETRY))
        self.restoreState(self.settings.get(keys.WINDOW_STATE))
        self.main_splitter.restoreState(self.settings.get(keys.MAIN_SPLITTER))
        self.writing_splitter.restoreState(self.settings.get(keys.WRITING_SPLITTER))
        self.show_editor.setChecked(self.settings.get(keys.EDITOR_VISIBLE))
        self.show_preview.setChecked(self.settings.get(keys.PREVIEW_VISIBLE))

    def save_settings(self) -> None:
        self.settings.set(keys.GEOMETRY, self.saveGeometry())
        self.settings.set(keys.WINDOW_STATE, self.saveState())
        self.settings.set(keys.MAIN_SPLITTER, self.main_splitter.saveState())
        self.settings.set(keys.WRITING_SPLITTER, self.writing_splitter.saveState())
        self.settings.set(keys.EDITOR_VISIBLE, not self.editor_box.isHidden())
        self.settings.set(keys.PREVIEW_VISIBLE, not self.preview_view.isHidden())
        self.settings.set(keys.LIST_ORDER, self.post_list.current_order)
        self.settings.set(keys.LAST_POST_ID, self.controller.post_id or 0)
        self.settings.sync()

    # -- actions ---------------------------------------------------------------------------

    def open_first_post(self, post_id: int | None = None) -> None:
        """Open `post_id`, else the post open last time, else the newest one, else a new post."""
        self.post_list.refresh()
        for candidate in (post_id, self.settings.get(keys.LAST_POST_ID), *self.post_list.post_ids()[:1]):
            if candidate and self._exists(candidate) and self.controller.open_post(candidate):
                return
        self.controller.new_post()

    def _exists(self, post_id: int) -> bool:
        try:
            return not self.library.get_post(post_id).in_trash
        except KtavError:
            return False

    def open_post(self, post_id: int) -> None:
        if not self.controller.open_post(post_id):
            self.post_list.select(self.controller.post_id)

    def new_post(self) -> None:
        if self.controller.new_post():
            self.editor.setFocus()

    def load_samples(self) -> None:
        from editor.core.importing.samples import import_samples

        try:
            import_samples(self.library)
        except KtavError as error:
            self.show_problem(error.message_he)
        self.post_list.refresh()

    def choose_language(self, code: str) -> None:
        self.settings.set(keys.LANGUAGE, code)
        self.statusBar().showMessage(self.tr("The language changes the next time Ktav opens."), 8000)

    def insert_image(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Insert image"), "",
                                              self.tr("Images (*.png *.jpg *.jpeg *.gif *.webp)"))
        if path:
            self.drop_files([path])

    def insert_picture(self, data: bytes, file_name: str, at: int | None = None) -> bool:
        """Store a picture in the library and insert it after the line at text index `at` (default:
        the caret), once the writer has described it; False when cancelled or refused."""
        described = self.describe_image(file_name)
        if described is None:
            return False
        try:
            image = self.library.add_image(data, filename=file_name)
        except KtavError as error:
            self.show_problem(error.message_he)
            return False
        self.editor.insert_image_reference(image.uri, described.alt, described.caption, at=at)
        return True

    def markdown_of_pasted_html(self, html: str) -> str | None:
        """Clipboard HTML as Markdown, its pictures stored in the library; None: paste the plain text."""
        try:
            return store_images(self.library, markdown_from_clipboard_html(html, local_files=True))
        except KtavError as error:
            self.show_problem(error.message_he)
            return None

    def drop_files(self, paths: list[str], at: int | None = None) -> None:
        """Files dropped (or pasted) on the desk: pictures go into the post where they were dropped,
        posts and documents are imported."""
        pictures = [Path(p) for p in paths if Path(p).suffix.lower() in PICTURE_SUFFIXES]
        posts = [Path(p) for p in paths if Path(p).suffix.lower() in IMPORTABLE_SUFFIXES]
        refused = [Path(p).name for p in paths if Path(p) not in pictures and Path(p) not in posts]
        for picture in pictures:
            try:
                data = picture.read_bytes()
            except OSError:
                self.show_problem(self.tr("The file %1 cannot be read.").replace("%1", f"\u2068{picture.name}\u2069"))
                continue
            self.insert_picture(data, picture.name, at)
        if posts:
            self.publish.import_files(posts)
        if refused:
            self.show_problem(self.tr("Only pictures and posts can be dropped here: %1")
                              .replace("%1", ", ".join(f"\u2068{name}\u2069" for name in refused)))

    def dragEnterEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 (Qt override)
        files = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.drop_files(files)

    def show_problem(self, message: str) -> None:
        self.statusBar().showMessage(message, 10000)

    # -- reactions -------------------------------------------------------------------------

    def _on_post_opened(self, post_id: int) -> None:
        self.post_list.select(post_id or None)
        if post_id:
            self.settings.set(keys.LAST_POST_ID, post_id)  # remembered even if Ktav never closes cleanly
        self.related_panel.set_post(post_id or None)

    def _on_trashed(self, post_id: int) -> None:
        self.related.post_removed(post_id)
        if post_id == self.controller.post_id:
            self.autosaver.save_now()  # its last words go into the trash with it (restore brings them back)
            self.autosaver.set_session(None)
            self.controller.session = None
            self.open_first_post()

    def _open_read_only(self) -> None:
        """A library on read-only media (or opened so): readable, searchable, exportable; not editable."""
        reason = self.library.read_only_reason
        hebrew = self.settings.language() == "he"
        self.banner.show_read_only((reason.message_he if hebrew else reason.message) if reason else "")
        self.editor.setReadOnly(True)
        self.details.setEnabled(False)
        self.new_action.setEnabled(False)
        self.setWindowTitle(self.windowTitle() + " — " + self.tr("read-only"))

    def _on_saved(self, post_id: int) -> None:
        if not self.banner.read_only:
            self.banner.hide()
        if self.controller.session is not None:
            self.related_panel.post_saved(self.controller.session.post)
        self.post_list.refresh()
        self.post_list.select(post_id)
        if self.controller.session is not None and not self.details.slug.hasFocus():
            self.details.slug.setText(self.controller.session.post.slug)  # the library may have made it

    def _on_save_failed(self, message: str) -> None:
        self.banner.show_failure(message)
        self.statusBar().showMessage(message)

    def _show_save_state(self, state: SaveState) -> None:
        self.save_label.setText({
            SaveState.SAVED: self.tr("Saved"),
            SaveState.DIRTY: self.tr("Not saved yet"),
            SaveState.SAVING: self.tr("Saving…"),
            SaveState.FAILED: self.tr("Not saved!"),
        }[state])

    def _show_stats(self, words: int, minutes: int) -> None:
        self.words_label.setText(self.tr("%n word(s)", "", words))
        self.minutes_label.setText(self.tr("%n min read", "", minutes))

    def _on_preview_result(self, result) -> None:
        rendered = result.rendered
        self.details.set_warnings(rendered.warnings, hebrew=self.settings.language() == "he")
        self._show_stats(rendered.word_count, rendered.reading_minutes)

    def _go_to_line(self, line: int) -> None:
        if hasattr(self.editor, "go_to_line"):
            self.editor.go_to_line(line)

    def _ask(self, question: str) -> bool:
        answer = QMessageBox.question(self, self.tr("Ktav"), question)
        return answer == QMessageBox.StandardButton.Yes

    def closeEvent(self, event) -> None:
        if not self.autosaver.save_now() and not self.confirm(
                self.tr("The post could not be saved. Close anyway and lose the unsaved changes?")):
            event.ignore()
            return
        self.review.close()
        self.save_settings()
        self.preview.wait_for_done()
        event.accept()
