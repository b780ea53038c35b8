"""Publishing and importing in the desk: the export dialog, copy for the CMS, site settings, import files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence

from editor.core.errors import KtavError
from editor.core.review import workflow as review
from editor.ui.library.import_actions import choose_files, import_into_library, summary
from editor.ui.publish.cms_copy import copy_for_cms
from editor.ui.publish.export_dialog import ExportDialog
from editor.ui.publish.site_settings_dialog import SiteSettingsDialog


class PublishDesk(QObject):
    """The window's File-menu actions for leaving and entering Ktav. `window` is the MainWindow:
    its library, settings, controller, autosaver, post list, editor and status bar are used."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.export_dialog: ExportDialog | None = None
        self.site_dialog: SiteSettingsDialog | None = None
        self.export_action = self._action(self.tr("&Export…"), self.open_export, "Ctrl+E")
        self.export_action.setToolTip(self.tr("Check the post and export it for the site (Ctrl+E)"))
        self.copy_action = self._action(self.tr("Copy for the CMS"), self.copy_for_cms, "Ctrl+Shift+C")
        self.import_action = self._action(self.tr("&Import files…"), self.import_files)
        self.site_settings_action = self._action(self.tr("Site settings…"), self.edit_site_settings)

    def _action(self, text: str, slot, shortcut: str | None = None) -> QAction:
        action = QAction(text, self.window)
        action.triggered.connect(lambda _checked=False: slot())
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            self.window.addAction(action)  # the shortcut works wherever the focus is
        return action

    def file_actions(self) -> list[QAction]:
        return [self.import_action, self.export_action, self.copy_action]

    def _open_post(self):
        """The open post after its edits are saved; (saved?, post or None)."""
        session = self.window.controller.session
        saved = self.window.autosaver.save_now()
        return saved, (session.post if session is not None else None)

    def open_export(self) -> ExportDialog | None:
        saved, post = self._open_post()
        if not saved:
            self.window.show_problem(self.tr("The open post could not be saved, so it cannot be exported yet."))
            return None
        if self.export_dialog is not None:
            self.export_dialog.close()
        window = self.window
        dialog = ExportDialog(window.library, post, window.settings, parent=window,
                              open_folder=window.open_external or QDesktopServices.openUrl,
                              save_first=window.autosaver.save_now, hebrew=window.settings.language() == "he")
        dialog.lineActivated.connect(window._go_to_line)
        dialog.exported.connect(lambda result: window.statusBar().showMessage(dialog.summary.text(), 10000))
        self.export_dialog = dialog
        dialog.show()
        return dialog

    def copy_for_cms(self) -> str | None:
        _saved, post = self._open_post()
        if post is None:
            return None
        try:
            fragment = copy_for_cms(self.window.library, post)
        except KtavError as error:
            self.window.show_problem(error.message_he)
            return None
        self.window.statusBar().showMessage(
            self.tr("Copied for the CMS: paste it into the site's editor."), 8000)
        return fragment

    def edit_site_settings(self) -> SiteSettingsDialog:
        window = self.window
        dialog = SiteSettingsDialog(window.library, window, hebrew=window.settings.language() == "he")
        dialog.accepted.connect(self._site_saved)
        self.site_dialog = dialog
        dialog.open()
        return dialog

    def _site_saved(self) -> None:
        self.window.controller.site_changed()
        self.window.statusBar().showMessage(self.tr("Site settings saved."), 8000)

    def import_files(self, paths: list[Path] | None = None):
        window = self.window
        paths = choose_files(window) if paths is None else paths
        if not paths:
            return None
        window.autosaver.save_now()  # an update of the open post must not be overwritten by its old text
        report = import_into_library(window, window.library, paths, author=review.user_name(window.library))
        if report is None:
            return None
        for post in [*report.added, *report.updated]:
            window.related_panel.post_saved(post)
        if any(post.id == window.controller.post_id for post in report.updated) or report.bundles:
            window.controller.reload()
        window.post_list.refresh()
        window.statusBar().showMessage(summary(report), 10000)
        return report
