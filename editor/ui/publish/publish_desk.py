"""Publishing and importing in the desk: the export dialog, copy for the CMS, site settings, import files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QWidget

from editor.core.errors import KtavError
from editor.core.importing.remote_images import download_images, remote_image_addresses, store_downloads
from editor.core.review import workflow as review
from editor.ui.background import Background
from editor.ui.events import DeskEvents, LibraryChange
from editor.ui.library.import_actions import choose_files, import_into_library, summary
from editor.ui.publish.cms_copy import cms_fragment, put_on_clipboard
from editor.ui.publish.site_settings_dialog import SiteSettingsDialog
from editor.ui.settings_store import SettingsStore

if TYPE_CHECKING:
    from editor.ui.publish.export_dialog import ExportDialog


class PublishDesk(QObject):
    """The File-menu actions for leaving and entering Ktav: export, copy for the CMS, import, site settings.

    `controller` gives the open post (saved first); `lineRequested(line)` asks for the editor's
    caret on a line (a finding of the check); `siteChanged()` after the site settings were saved.
    Messages go out through `events`, imported posts as `events.libraryChanged`.
    """

    lineRequested = Signal(int)
    siteChanged = Signal()

    def __init__(self, library, settings: SettingsStore, controller, events: DeskEvents, *,
                 dialog_parent: QWidget, open_external=None, spell_checker=None) -> None:
        super().__init__(dialog_parent)
        self.spell_checker = spell_checker or (lambda: None)  # the desk's SpellChecker, for the check
        self.library = library
        self.settings = settings
        self.controller = controller
        self.events = events
        self.dialog_parent = dialog_parent
        self.open_external = open_external
        self.export_dialog: ExportDialog | None = None
        self.site_dialog: SiteSettingsDialog | None = None
        self.export_action = self._action(self.tr("&Export…"), self.open_export, "Ctrl+E")
        self.export_action.setToolTip(self.tr("Check the post and export it for the site (Ctrl+E)"))
        self.copy_action = self._action(self.tr("Copy for the CMS"), self.copy_for_cms, "Ctrl+Shift+C")
        self.import_action = self._action(self.tr("&Import files…"), self.import_files)
        self.site_settings_action = self._action(self.tr("Site settings…"), self.edit_site_settings)
        self.fetch_images_action = self._action(self.tr("Bring the post's web images into the library"),
                                                self.fetch_remote_images)
        self.fetch_images_action.setToolTip(self.tr("Pictures the post loads from other sites are downloaded and "
                                                    "kept in the library, so the page no longer depends on them"))
        self._jobs = Background(self)

    def _action(self, text: str, slot, shortcut: str | None = None) -> QAction:
        action = QAction(text, self.dialog_parent)
        action.triggered.connect(lambda _checked=False: slot())
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        return action

    def file_actions(self) -> list[QAction]:
        return [self.import_action, self.export_action, self.copy_action, self.fetch_images_action]

    def window_actions(self) -> list[QAction]:
        """Actions whose shortcuts work wherever the focus is (the window adds them)."""
        return [self.export_action, self.copy_action]

    def _open_post(self):
        """The open post after its edits are saved; (saved?, post or None)."""
        session = self.controller.session
        saved = self.controller.autosaver.save_now()
        return saved, (session.post if session is not None else None)

    def _hebrew(self) -> bool:
        return self.settings.language() == "he"

    def open_export(self) -> ExportDialog | None:
        saved, post = self._open_post()
        if not saved:
            self.events.problem.emit(self.tr("The open post could not be saved, so it cannot be exported yet."))
            return None
        if self.export_dialog is not None:
            self.export_dialog.close()
        from editor.ui.publish.export_dialog import ExportDialog  # with the whole export: loaded when first asked for

        dialog = ExportDialog(self.library, post, self.settings, parent=self.dialog_parent,
                              open_folder=self.open_external or QDesktopServices.openUrl,
                              save_first=self.controller.autosaver.save_now, hebrew=self._hebrew(),
                              spelling=self.spell_checker())
        dialog.lineActivated.connect(self.lineRequested)
        dialog.exported.connect(lambda _result: self.events.message.emit(dialog.summary.text()))
        self.export_dialog = dialog
        dialog.show()
        return dialog

    def copy_for_cms(self) -> bool:
        """Render the open post's fragment off the UI thread (its pictures may have to be sized
        first), then put it on the clipboard; False when no post is open."""
        _saved, post = self._open_post()
        if post is None:
            return False
        library = self.library
        self._jobs.run(lambda: cms_fragment(library, post), self._fragment_ready, receiver=self)
        return True

    def _fragment_ready(self, fragment) -> None:
        if isinstance(fragment, KtavError):
            self.events.problem.emit(fragment.message_he)
            return
        if isinstance(fragment, Exception):
            raise fragment
        put_on_clipboard(fragment)
        self.events.message.emit(self.tr("Copied for the CMS: paste it into the site's editor."))

    def edit_site_settings(self) -> SiteSettingsDialog:
        dialog = SiteSettingsDialog(self.library, self.dialog_parent, hebrew=self._hebrew())
        dialog.accepted.connect(self._site_saved)
        self.site_dialog = dialog
        dialog.open()
        return dialog

    def _site_saved(self) -> None:
        self.siteChanged.emit()
        self.events.message.emit(self.tr("Site settings saved."))

    def fetch_remote_images(self) -> bool:
        """Download the open post's web images off the UI thread, then store them and point the text
        at them here; False when there is nothing to fetch (or the post could not be saved)."""
        saved, post = self._open_post()
        if not saved or post is None or post.id is None:
            self.events.problem.emit(self.tr("Write and save the post first."))
            return False
        urls = remote_image_addresses(post.body)
        if not urls:
            self.events.message.emit(self.tr("The post loads no pictures from other sites."))
            return False
        self.events.message.emit(self.tr("Downloading %n picture(s)…", "", len(urls)))
        post_id = post.id
        self._jobs.run(lambda: download_images(urls), lambda downloads: self._store_downloads(post_id, downloads),
                       receiver=self)
        return True

    def _store_downloads(self, post_id: int, downloads) -> None:
        if isinstance(downloads, Exception):
            self.events.problem.emit(str(downloads))
            return
        self.controller.autosaver.save_now()
        try:
            report = store_downloads(self.library, post_id, downloads, author=review.user_name(self.library))
        except KtavError as error:
            self.events.problem.emit(error.message_he if self._hebrew() else error.message)
            return
        self.events.posts_changed(post_id)  # the open post shows the library's copies
        text = self.tr("%n picture(s) brought into the library.", "", len(report.fetched))
        if report.failed:
            failed = "; ".join(error.message_he if self._hebrew() else error.message for error in report.failed)
            text += " " + self.tr("Not fetched: %1").replace("%1", failed)
        self.events.message.emit(text)

    def import_files(self, paths: list[Path] | None = None):
        paths = choose_files(self.dialog_parent) if paths is None else paths
        if not paths:
            return None
        self.controller.autosaver.save_now()  # an update of the open post must not be overwritten by its old text
        report = import_into_library(self.dialog_parent, self.library, paths, author=review.user_name(self.library))
        if report is None:
            return None
        changed = [post.id for post in [*report.added, *report.updated]]
        changed += [bundle.post_id for bundle in report.bundles if getattr(bundle, "post_id", None)]
        self.events.libraryChanged.emit(LibraryChange(changed=tuple(changed)))
        self.events.message.emit(summary(report))
        return report
