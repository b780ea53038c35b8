"""The editorial review in the writing desk: status strip, comments and history tabs, review mode, bundles."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QStackedWidget, QVBoxLayout, QWidget

from editor.core.library.images import image_source
from editor.core.models import Post, Status
from editor.core.review import workflow as review
from editor.ui.events import DeskEvents
from editor.ui.library.post_list import status_label
from editor.ui.preview.live import create_preview_view
from editor.ui.review import bundle_actions
from editor.ui.review.comments_feed import CommentsFeed
from editor.ui.review.comments_panel import CommentsPanel
from editor.ui.review.history_view import HistoryView
from editor.ui.review.review_mode import ReviewMode, mark_comments
from editor.ui.review.status_strip import StatusStrip, move_label


class ReviewDesk(QObject):
    """The review widgets and actions of the desk, kept on the open post.

    The window places `central(writing)`, the `comments` and `history` tabs (`add_tabs`), and the
    actions (`file_actions()`, `review_menu(...)`, `toolbar_actions()`); the desk's assembly
    connects it (`editor/ui/desk/assembly.py`). `reviewModeToggled(on)` when review mode comes or
    goes. `review_mode` is built the first time it is shown. Messages and refusals go out through
    `events`, changes to the library as `events.libraryChanged`.
    """

    reviewModeToggled = Signal(bool)

    def __init__(self, library, controller, editor, preview, preview_view, events: DeskEvents, *,
                 dialog_parent: QWidget, open_external=None) -> None:
        super().__init__(dialog_parent)
        self.library = library
        self.controller = controller
        self.autosaver = controller.autosaver
        self.editor = editor
        self.preview = preview
        self.preview_view = preview_view
        self.events = events
        self.dialog_parent = dialog_parent
        self.open_external = open_external
        user_name = self.controller.user_name
        self.strip = StatusStrip()
        self.comments = CommentsPanel(self.library, user_name)
        self.feed = CommentsFeed(self.comments, editor, preview_view, self)
        self.history = HistoryView(self.library, user_name, flush=self._keep_text_before_restore)
        self.review_mode: ReviewMode | None = None
        self.stack = QStackedWidget()
        self._history_stale = True
        self._side_was_visible = True
        self._shown: tuple[Status, bool] | None = None
        self._marked = False  # the writing preview may show marks that must go
        self._make_actions()

    def _make_actions(self) -> None:
        def action(text: str, slot, shortcut=None) -> QAction:
            made = QAction(text, self.dialog_parent)
            if shortcut is not None:
                made.setShortcut(QKeySequence(shortcut))
            made.triggered.connect(slot)
            return made

        self.save_action = action(self.tr("&Save"), self.save, QKeySequence.StandardKey.Save)
        self.save_bundle_action = action(self.tr("Save for review (.ktav)…"), lambda: self.save_bundle())
        self.open_bundle_action = action(self.tr("Open review bundle…"), lambda: self.open_bundle())
        self.comment_action = action(self.tr("Add comment"), self.add_comment, "Ctrl+Alt+M")
        self.comment_action.setToolTip(self.tr("Comment on the selected text (Ctrl+Alt+M)"))
        self.review_mode_action = QAction(self.tr("Review mode"), self.dialog_parent, checkable=True)
        self.review_mode_action.setShortcut(QKeySequence("Ctrl+Shift+R"))
        self.review_mode_action.setToolTip(
            self.tr("The post as the site will show it, read-only, with its comments (Ctrl+Shift+R)"))
        self.review_mode_action.toggled.connect(self.set_review_mode)
        self.history_action = action(self.tr("Revision history"), self.show_history, "Ctrl+Shift+H")
        self.name_action = action(self.tr("Your name…"), self.ask_name)

    def window_actions(self) -> list[QAction]:
        """Actions whose shortcuts work wherever the focus is (the window adds them)."""
        return [self.comment_action, self.review_mode_action, self.history_action]

    def connect_own_parts(self) -> None:
        """The review's own widgets to each other (the assembly connects the rest of the desk)."""
        self.strip.moveRequested.connect(self.move_to)
        self.history.restored.connect(self._on_restored)
        for source in (self.comments, self.history):
            source.errorOccurred.connect(self.events.problem)
        self.feed.notice.connect(self.events.problem)
        self.feed.selectionReady.connect(self._on_selection_ready)
        for changed in (self.feed.located, self.comments.commentsChanged):
            changed.connect(self.mark_comments)
            changed.connect(self._count_comments)

    # -- what the window places ----------------------------------------------------------------

    def central(self, writing: QWidget) -> QStackedWidget:
        """The writing area under the status strip; review mode takes its place when on."""
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.strip)
        column.addWidget(writing, 1)
        self.stack.addWidget(page)
        return self.stack

    def add_tabs(self, tabs) -> None:
        self.side_tabs = tabs
        tabs.addTab(self.comments, self.tr("Comments"))
        tabs.addTab(self.history, self.tr("History"))
        tabs.currentChanged.connect(lambda _index: self._reload_history_if_shown())

    def file_actions(self) -> list[QAction]:
        return [self.save_action, self._separator(), self.save_bundle_action, self.open_bundle_action]

    def _separator(self) -> QAction:
        separator = QAction(self.dialog_parent)
        separator.setSeparator(True)
        return separator

    def review_menu(self, menu) -> None:
        self._menu = menu
        menu.aboutToShow.connect(self._fill_review_menu)
        self._fill_review_menu()

    def toolbar_actions(self) -> list[QAction]:
        return [self.review_mode_action, self.comment_action, self.history_action]

    # -- actions ------------------------------------------------------------------------------

    def save(self) -> bool:
        """Ctrl+S: save now and keep this text as a revision in the history."""
        if not self.controller.save_revision():
            return False
        self.events.message.emit(self.tr("Saved; the history keeps this text"))
        return True

    def move_to(self, status: Status) -> bool:
        if self.in_review_mode:
            return self.review_mode.move_to(status) is not None
        if not self.controller.change_status(status, self.strip.note_text()):
            return False
        self.strip.note.clear()
        return True

    def add_comment(self) -> None:
        """Ctrl+Alt+M: comment on the selected text (in the editor or the preview)."""
        if self.in_review_mode:
            self.review_mode.comments.new_comment.setFocus()
        else:
            self.feed.comment_on_selection()

    def _on_selection_ready(self, found: bool) -> None:
        if not found:
            self.events.problem.emit(self.tr("Select the text to comment on, in the editor or the preview."))
            return
        self.side_tabs.show()
        self.side_tabs.setCurrentWidget(self.comments)
        self.comments.new_comment.setFocus()

    def show_history(self) -> None:
        self.review_mode_action.setChecked(False)
        self.side_tabs.show()
        self.side_tabs.setCurrentWidget(self.history)

    def ask_name(self) -> None:
        name, ok = QInputDialog.getText(self.dialog_parent, self.tr("Your name"),
                                        self.tr("Ktav signs your comments, status changes and saved versions with your name, "
            "so that editors and writers know who wrote what. Your name:"),
                                        text=review.user_name(self.library))
        if ok and name.strip():
            review.set_user_name(self.library, name)

    @property
    def in_review_mode(self) -> bool:
        return self.review_mode is not None and self.stack.currentWidget() is self.review_mode

    def set_review_mode(self, on: bool) -> None:
        """Swap the editor and preview for the read-only page with its comments, and back."""
        if on == self.in_review_mode:
            return
        if on:
            if self.controller.post_id is None or not self.autosaver.save_now():
                self.events.problem.emit(self.tr("Write and save the post before reviewing it."))
                self.review_mode_action.setChecked(False)
                return
            mode = self._review_mode()
            mode.set_post(self.controller.post_id)
            self._side_was_visible = not self.side_tabs.isHidden()
            self.side_tabs.hide()  # the page has its own comments beside it
            self.stack.setCurrentWidget(mode)
        else:
            self.stack.setCurrentIndex(0)
            self.side_tabs.setVisible(self._side_was_visible)
            self.feed.refresh()  # comments made in review mode
        self.review_mode_action.setChecked(on)
        self.reviewModeToggled.emit(on)

    def close(self) -> None:
        """The window closes: back to the writing desk (the layout remembered), renders finished."""
        self.set_review_mode(False)
        self.feed.stop()
        if self.review_mode is not None:
            self.review_mode.preview.wait_for_done()

    def save_bundle(self, path: str | Path | None = None) -> Path | None:
        post_id = self.controller.post_id
        if post_id is None or not self.autosaver.save_now():
            self.events.problem.emit(self.tr("Write and save the post before sending it for review."))
            return None
        return bundle_actions.save_bundle(self.dialog_parent, self.library, post_id, path)

    def open_bundle(self, path: str | Path | None = None):
        """Import a .ktav file, then show the post it brought (its newest text if it is open)."""
        if not self.autosaver.save_now():
            self.events.problem.emit(self.tr("The open post could not be saved, so nothing was imported."))
            return None
        result = bundle_actions.open_bundle(self.dialog_parent, self.library, path,
                                            author=review.user_name(self.library))
        if result is None:
            return None
        self.events.posts_changed(result.post_id)  # the open post, if it is this one, is shown anew
        if result.post_id != self.controller.post_id:
            self.events.openRequested.emit(result.post_id)
        return result

    def mark_comments(self, *_ignored) -> None:
        """Mark the commented words in the writing desk's preview too."""
        located = [thread for thread in self.comments.threads if thread.location is not None]
        if (located or self._marked) and self.feed.body and not self.preview.waiting:
            self._marked = bool(located)
            mark_comments(self.preview_view, self.feed.body, located)

    # -- reactions ----------------------------------------------------------------------------

    def _count_comments(self) -> None:
        """The tab says how many comments wait for an answer, so they are seen with the tab closed."""
        waiting = sum(1 for thread in self.comments.threads if not thread.resolved)
        label = self.tr("Comments (%1)").replace("%1", str(waiting)) if waiting else self.tr("Comments")
        self.side_tabs.setTabText(self.side_tabs.indexOf(self.comments), label)

    def _review_mode(self) -> ReviewMode:
        if self.review_mode is None:
            view = create_preview_view(image_source(self.library), self.open_external)
            self.review_mode = ReviewMode(self.library, self.controller.user_name, preview_view=view)
            self.review_mode.statusChanged.connect(self.controller.adopt_status)
            self.review_mode.errorOccurred.connect(self.events.problem)
            self.stack.addWidget(self.review_mode)
        return self.review_mode

    def on_post_opened(self, post_id: int) -> None:
        self.feed.set_post(post_id or None, self.editor.text())
        self._history_stale = True
        self._reload_history_if_shown()
        self._show_status()
        if self.in_review_mode:
            if post_id:
                self.review_mode.set_post(post_id)
            else:
                self.set_review_mode(False)  # a new post is written, not reviewed

    def on_status_changed(self, post: Post) -> None:
        self._show_status()
        self._history_stale = True
        self._reload_history_if_shown()
        self.events.message.emit(self.tr("The post is now: %1").replace("%1", status_label(post.status)))

    def on_post_stored(self, _post: Post) -> None:
        self._show_status()

    def on_text_edited(self, _post: Post) -> None:
        self.feed.text_changed()

    def on_revision_saved(self, _post: Post) -> None:
        self.feed.refresh()
        self._history_stale = True
        self._reload_history_if_shown()

    def _keep_text_before_restore(self) -> bool:
        """The open text is saved and kept in the history, so a restore loses nothing."""
        return self.controller.save_revision(note=self.tr("The text before a restore"))

    def _on_restored(self, post: Post) -> None:
        self.events.posts_changed(post.id)  # the open post is shown as restored
        self.events.message.emit(self.tr("The revision was restored; the text before it stays in the history."))

    def _show_status(self) -> None:
        """The open post's status and moves (rebuilt only when they change: autosaves are frequent)."""
        session = self.controller.session
        shown = (session.post.status, session.is_stored) if session is not None else None
        if shown is not None and shown != self._shown:
            self._shown = shown
            self.strip.show_status(*shown)

    def _reload_history_if_shown(self) -> None:
        if self._history_stale and self.side_tabs.currentWidget() is self.history:
            self._history_stale = False
            self.history.set_post(self.controller.post_id)

    def _fill_review_menu(self) -> None:
        menu = self._menu
        menu.clear()
        session = self.controller.session
        if session is not None:
            status = session.post.status
            for new in review.allowed_moves(status):
                move = menu.addAction(move_label(status, new), lambda s=new: self.move_to(s))
                move.setEnabled(session.is_stored)
            menu.addSeparator()
        menu.addActions([self.comment_action, self.review_mode_action, self.history_action])
        menu.addSeparator()
        menu.addAction(self.name_action)
