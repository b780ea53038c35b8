"""The writing desk window: lays out the desk's parts (built and connected by `desk/assembly.py`),
its menus, toolbars and status bar, and remembers its layout."""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from editor.core.editing.session import SaveState
from editor.core.errors import KtavError
from editor.core.importing import samples
from editor.core.library.store import Library
from editor.core.spelling import SpellingPlaces
from editor.ui import settings_store as keys
from editor.ui.background import Background
from editor.ui.desk import assembly, help_pages
from editor.ui.desk.responsive import FittedLayout
from editor.ui.settings_store import SettingsStore
from editor.ui.writing.image_dialog import ImageText

UNDO_TRASH_MS = 15_000  # how long the undo button stays after a post went to the trash
MIN_PANE_WIDTH = 240  # the editor and the preview never get narrower than this
UI_SWITCH_INTERVAL_S = 0.001  # the interpreter's switch between threads (Python's default: 5 ms)


class MainWindow(QMainWindow):
    def __init__(self, library: Library, settings: SettingsStore, *,
                 open_external: Callable[[QUrl], object] | None = None,
                 confirm: Callable[[str], bool] | None = None,
                 render: Callable | None = None,
                 describe_image: Callable[[str], ImageText | None] | None = None,
                 spelling_places: SpellingPlaces | None = None, related_elsewhere: bool = False) -> None:
        super().__init__()
        # Workers here (related index, spell check, list texts) run Python: the UI thread gets the
        # interpreter back within 1 ms instead of 5 each time Qt calls into Python (a key, a paint).
        sys.setswitchinterval(UI_SWITCH_INTERVAL_S)
        self.library = library
        self.settings = settings
        self.confirm = confirm or self._ask
        self.open_external = open_external
        self.setWindowTitle(self.tr("Ktav — the blog's writing desk"))
        assembly.build(self, library, settings, open_external=open_external, render=render,
                       describe_image=describe_image, spelling_places=spelling_places,
                       related_elsewhere=related_elsewhere)
        self.setAcceptDrops(True)
        self.preview_view.setAcceptDrops(False)  # a file dropped on the preview comes to the window
        self._build_layout()
        self._build_status_bar()
        self._build_menus()
        assembly.connect(self)
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
        self.side_tabs.addTab(self.images_panel, self.tr("Pictures"))
        self.review.add_tabs(self.side_tabs)
        self.main_splitter = QSplitter(Qt.Horizontal)
        self.writing_area = self.review.central(self.writing_splitter)
        for widget in (self.post_list, self.writing_area, self.side_tabs):
            self.main_splitter.addWidget(widget)
        self.main_splitter.setStretchFactor(1, 1)
        self.main_splitter.setCollapsible(1, False)
        self.main_splitter.setSizes([250, 820, 330])  # the side panel fits its four tabs
        self.writing_splitter.setSizes([410, 410])
        for pane in (self.editor_box, self.preview_view):
            pane.setMinimumWidth(MIN_PANE_WIDTH)
        # the panels may be squeezed for a moment: the layout then moves them (desk/responsive.py)
        self.post_list.setMinimumWidth(100)
        self.side_tabs.setMinimumWidth(150)
        self.setCentralWidget(self.main_splitter)
        self.fitted = FittedLayout(self.main_splitter, self.post_list, self.writing_area, self.side_tabs)
        self.resize(1400, 850)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.fitted.fit(event.size().width()):
            for action, shown in ((self.show_list_action, not self.post_list.isHidden()),
                                  (self.show_side_action, not self.side_tabs.isHidden())):
                action.blockSignals(True)  # the layout moved them: not the writer's choice
                action.setChecked(shown)
                action.blockSignals(False)

    def _build_status_bar(self) -> None:
        self.words_label = QLabel()
        self.minutes_label = QLabel()
        self.save_label = QLabel()
        for label in (self.words_label, self.minutes_label, self.save_label):
            self.statusBar().addPermanentWidget(label)
        self.undo_trash_button = QPushButton(self.tr("Undo"), objectName="undoTrash")
        self.undo_trash_button.setAccessibleName(self.tr("Bring the post back from the trash"))
        self.undo_trash_button.hide()
        self.statusBar().addPermanentWidget(self.undo_trash_button)
        self._undo_trash_timer = QTimer(self, singleShot=True, interval=UNDO_TRASH_MS)
        self._undo_trash_timer.timeout.connect(self.undo_trash_button.hide)
        self._trashed_post: int | None = None
        self.undo_trash_button.clicked.connect(self.undo_trash)
        self.statusBar().addPermanentWidget(self.team.indicator)  # the team library's sync state

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
        edit_menu.addSeparator()
        edit_menu.addAction(self.spelling.toggle_action)
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
        for action in self.editor.formatting_actions():
            button = toolbar.widgetForAction(action) if action is not None else None
            if button is not None:  # "B", "H1": a screen reader says what the button does
                button.setAccessibleName(action.statusTip() or action.text())
        self.review.review_menu(self.menuBar().addMenu(self.tr("&Review")))
        self.team.team_menu(self.menuBar().addMenu(self.tr("&Team")))
        self.addActions(self.review.window_actions() + self.publish.window_actions()  # shortcuts anywhere
                        + self.team.window_actions())
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
        self.show_list_action = self._toggle(view_menu, self.tr("Post list"), self.post_list)
        self.show_side_action = self._toggle(view_menu, self.tr("Details panel"), self.side_tabs)
        settings_menu = self.menuBar().addMenu(self.tr("&Settings"))
        settings_menu.addAction(self.publish.site_settings_action)
        settings_menu.addAction(self.review.name_action)
        language_menu = settings_menu.addMenu(self.tr("Language"))
        for code, name in (("he", "עברית"), ("en", "English")):
            action = language_menu.addAction(name, lambda code=code: self.choose_language(code))
            action.setCheckable(True)
            action.setChecked(self.settings.language() == code)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.shortcuts_action = help_menu.addAction(self.tr("Keyboard shortcuts"), QKeySequence.StandardKey.HelpContents,
                                                    lambda: self.show_help(help_pages.shortcuts_dialog(self)))
        self.addAction(self.shortcuts_action)  # F1 wherever the focus is
        help_menu.addAction(self.tr("A short guide to the desk"), lambda: self.show_help(help_pages.guide_dialog(self)))
        help_menu.addSeparator()
        help_menu.addAction(self.tr("About Ktav"), lambda: self.show_help(help_pages.about_dialog(self, self.library.path)))

    def show_help(self, dialog) -> None:
        self.help_dialog = dialog
        dialog.show()

    def _toggle(self, menu, text: str, widget: QWidget) -> QAction:
        action = menu.addAction(text)
        action.setCheckable(True)
        action.setChecked(True)
        action.toggled.connect(lambda on: self._set_visible(widget, action, on))
        return action

    def _set_visible(self, widget: QWidget, action: QAction, visible: bool) -> None:
        if widget is self.post_list and visible:
            self.fitted.show_post_list()
            return
        if widget is self.side_tabs:
            self.fitted.side_hidden_by_writer = not visible
        # The editor and the preview may each be hidden, but not both.
        pair = (self.editor_box, self.preview_view)
        if not visible and widget in pair:
            other = pair[1] if widget is pair[0] else pair[0]
            if other.isHidden():
                action.setChecked(True)
                return
        widget.setVisible(visible)

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
        """Open `post_id`, else the post open last time, else the newest one, else a new post; the
        list fills off the UI thread meanwhile."""
        self.post_list.fill()
        newest = self.library.newest_post_id(self.post_list.current_order)
        for candidate in (post_id, self.settings.get(keys.LAST_POST_ID), newest):
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
        try:
            report = samples.import_samples(self.library)
        except KtavError as error:
            self.show_problem(error.message_he)
            return
        self.events.posts_changed(*(post.id for post in report.added))
        self.events.message.emit(self.tr("Sample posts: %1 added.").replace("%1", str(len(report.added))))

    def choose_language(self, code: str) -> None:
        self.settings.set(keys.LANGUAGE, code)
        self.statusBar().showMessage(self.tr("The language changes the next time Ktav opens."), 8000)

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        files = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.incoming.drop_files(files)

    def show_problem(self, message: str) -> None:
        self.statusBar().showMessage(message, 10000)

    # -- reactions -------------------------------------------------------------------------

    def on_post_opened(self, post_id: int) -> None:
        self.post_list.select(post_id or None)
        if post_id and self.settings.get(keys.LAST_POST_ID) != post_id:
            # remembered even if Ktav never closes cleanly; not again when the post is shown anew (a
            # sync): a write, even of the same value, rewrites the settings file on the window's thread
            self.settings.set(keys.LAST_POST_ID, post_id)
        self.related_panel.set_post(post_id or None)

    def check_library(self) -> None:
        """Check the library's whole file off the UI thread; a damaged one is shown read-only."""
        self._checking = Background(self)
        self._checking.run(self.library.damage, self._library_checked, receiver=self)

    def _library_checked(self, damage) -> None:
        if damage is None or isinstance(damage, Exception) and not isinstance(damage, KtavError):
            return
        hebrew = self.settings.language() == "he"
        self.banner.show_read_only(damage.message_he if hebrew else damage.message)
        self.editor.setReadOnly(True)
        self.details.setEnabled(False)
        self.new_action.setEnabled(False)

    def _open_read_only(self) -> None:
        """A library on read-only media (or opened so): readable, searchable, exportable; not editable."""
        reason = self.library.read_only_reason
        hebrew = self.settings.language() == "he"
        self.banner.show_read_only((reason.message_he if hebrew else reason.message) if reason else "")
        self.editor.setReadOnly(True)
        self.details.setEnabled(False)
        self.new_action.setEnabled(False)
        self.setWindowTitle(self.windowTitle() + " — " + self.tr("read-only"))

    def offer_undo_trash(self, post_id: int) -> None:
        """A post went to the trash: say so, with a button that brings it back, for a while."""
        self._trashed_post = post_id
        try:
            title = self.library.get_post(post_id).title
        except KtavError:
            return
        self.statusBar().showMessage(self.tr("„%1” was moved to the trash.").replace("%1", title), UNDO_TRASH_MS)
        self.undo_trash_button.show()
        self._undo_trash_timer.start()

    def undo_trash(self) -> None:
        post_id, self._trashed_post = self._trashed_post, None
        self.undo_trash_button.hide()
        if post_id is not None:
            self.post_list.restore(post_id)
            self.open_post(post_id)

    def show_save_failure(self, message: str) -> None:
        self.banner.show_failure(message)
        self.statusBar().showMessage(message)

    def show_save_state(self, state: SaveState) -> None:
        self.save_label.setText({
            SaveState.SAVED: self.tr("Saved"),
            SaveState.DIRTY: self.tr("Not saved yet"),
            SaveState.SAVING: self.tr("Saving…"),
            SaveState.FAILED: self.tr("Not saved!"),
        }[state])

    def show_stats(self, words: int, minutes: int) -> None:
        self.words_label.setText(self.tr("%n word(s)", "", words))
        self.minutes_label.setText(self.tr("%n min read", "", minutes))

    def show_render_failure(self, error: str) -> None:
        self.show_problem(self.tr("The preview could not show the post: %1").replace("%1", f"\u2068{error}\u2069"))

    def show_preview_result(self, result) -> None:
        rendered = result.rendered
        self.details.set_warnings(rendered.warnings, hebrew=self.settings.language() == "he")
        self.show_stats(rendered.word_count, rendered.reading_minutes)

    def _ask(self, question: str) -> bool:
        answer = QMessageBox.question(self, self.tr("Ktav"), question)
        return answer == QMessageBox.StandardButton.Yes

    def closeEvent(self, event) -> None:
        if not self.autosaver.save_now() and not self.confirm(
                self.tr("The post could not be saved. Close anyway and lose the unsaved changes?")):
            event.ignore()
            return
        self.review.close()
        self.catch_up.clear()  # the views that would have followed a library change are going
        self.save_settings()
        self.preview.wait_for_done()
        self.related.close()
        event.accept()
