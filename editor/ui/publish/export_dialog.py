"""The export dialog: the pre-publish check of the open post, then an export run off the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QThreadPool, QUrl, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from editor.core.errors import KtavError, isolate, os_reason
from editor.core.export import ExportBlocked, ExportResult, Finding, check_post, export_posts
from editor.core.export.run import ExportIncomplete
from editor.core.forked import default_workers
from editor.core.models import Post
from editor.ui.background import Background
from editor.ui.settings_store import Setting, SettingsStore

EXPORT_FOLDER = Setting("export/folder", "", str)
LINE = Qt.ItemDataRole.UserRole
ERROR_COLOR = QColor("#b3261e")
WARNING_COLOR = QColor("#8a5a00")  # amber dark enough to read on white


def run_export(library, out_dir: Path, post_ids: list[int] | None, fragment: bool, force: bool):
    """What the worker does: values in, an ExportResult or the error out (never raises)."""
    try:
        # one process renders (a window must not fork); the pictures' missing copies are made on
        # spawned processes, one per core; the related index is not read whole from the library (that
        # would hold the UI thread)
        return export_posts(library, out_dir, post_ids, fragment=fragment, force=force, workers=1,
                            start_method="spawn", picture_workers=default_workers(), kept_index=False)
    except KtavError as error:
        return error
    except OSError as error:
        english, hebrew = os_reason(error)
        return KtavError(f"{out_dir}: {english}", f"לא ניתן לכתוב אל {isolate(out_dir)}: {hebrew}.")


def left_to_right(text: str) -> str:
    """`text` isolated as left-to-right (a path inside a Hebrew sentence keeps its slashes in place)."""
    return f"\u2066{text}\u2069"


class ExportDialog(QDialog):
    """Check the open post, choose the folder, the form (page or fragment) and the posts, export.

    `post` is the open post as saved (None: nothing to check). `lineActivated(line)` asks the window
    to move the editor's cursor to a finding's line; `exported(ExportResult)` after a success.
    `save_first()` saves the open post's latest edits before the export reads the library (False: it could not).
    """

    lineActivated = Signal(int)
    exported = Signal(object)
    failed = Signal(str)

    def __init__(self, library, post: Post | None, settings: SettingsStore, *,
                 open_folder: Callable[[QUrl], object], save_first: Callable[[], bool] | None = None,
                 parent: QWidget | None = None, pool: QThreadPool | None = None, hebrew: bool = True,
                 spelling=None) -> None:
        super().__init__(parent)
        self.library = library
        self.spelling = spelling  # a SpellChecker: the check lists the words it does not know
        self.post = post
        self.settings = settings
        self.open_folder = open_folder
        self.save_first = save_first or (lambda: True)
        self.hebrew = hebrew  # the core's messages in Hebrew (the interface's own strings follow the translator)
        self._jobs = Background(self, pool)
        self._folder: Path | None = None
        self.findings: list[Finding] = []
        self.setWindowTitle(self.tr("Export"))
        self._build()
        self.run_check()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.check_label = QLabel(wordWrap=True)
        self.findings_list = QListWidget(objectName="exportFindings")
        self.findings_list.setWordWrap(True)
        self.findings_list.itemDoubleClicked.connect(self._activate)
        layout.addWidget(self.check_label)
        layout.addWidget(self.findings_list, 1)
        self.line_hint = QLabel(self.tr("Double-click a finding with a line to go to it in the editor."), wordWrap=True)
        self.line_hint.setEnabled(False)  # greyed: a hint, not a message
        layout.addWidget(self.line_hint)

        form = QFormLayout()
        self.folder_field = QLineEdit(self.settings.get(EXPORT_FOLDER))
        self.folder_field.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self.choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_field, 1)
        folder_row.addWidget(browse)
        form.addRow(self.tr("Folder:"), folder_row)
        self.page_button = QRadioButton(self.tr("Site page"), checked=True)
        self.fragment_button = QRadioButton(self.tr("Fragment for the CMS"))
        form.addRow(self.tr("Form:"), self._pair(self.page_button, self.fragment_button))
        self.this_post_button = QRadioButton(self.tr("This post"))
        self.all_button = QRadioButton(self.tr("All approved and published posts"))
        (self.this_post_button if self._post_stored() else self.all_button).setChecked(True)
        self.this_post_button.setEnabled(self._post_stored())
        form.addRow(self.tr("Posts:"), self._pair(self.this_post_button, self.all_button))
        layout.addLayout(form)
        self.single_page_note = QLabel(self.tr(
            "One page alone: its links back to the blog and to the related posts work only when the whole "
            "blog is uploaded with it (choose All posts for that)."), wordWrap=True, objectName="singlePageNote")
        self.single_page_note.setStyleSheet(f"color: {WARNING_COLOR.name()};")
        layout.addWidget(self.single_page_note)

        self.force_box = QCheckBox(self.tr("Export anyway"))
        self.force_box.setToolTip(self.tr("Export even though the check found errors"))
        layout.addWidget(self.force_box)
        self.busy = QProgressBar(objectName="exportBusy")
        self.busy.setRange(0, 0)  # a busy indicator: the export does not report its progress
        self.busy.hide()
        layout.addWidget(self.busy)
        self.summary = QLabel(wordWrap=True, objectName="exportSummary")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)

        buttons = QHBoxLayout()
        self.export_button = QPushButton(self.tr("Export"), default=True)
        self.export_button.clicked.connect(self.start_export)
        self.open_button = QPushButton(self.tr("Open the folder"))
        self.open_button.clicked.connect(self._open_folder)
        self.open_button.hide()
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        for toggle in (self.force_box, self.this_post_button, self.all_button, self.page_button):
            toggle.toggled.connect(self._update_buttons)
        self.folder_field.textChanged.connect(self._update_buttons)
        self.resize(620, 520)

    @staticmethod
    def _pair(first: QRadioButton, second: QRadioButton) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        group = QButtonGroup(box)
        for button in (first, second):
            group.addButton(button)
            row.addWidget(button)
        row.addStretch(1)
        return box

    def _post_stored(self) -> bool:
        return self.post is not None and self.post.id is not None

    # -- the check ------------------------------------------------------------------------

    def run_check(self) -> None:
        """Check the open post and list what the check found, errors first."""
        if self.post is None:
            self.show_findings([], self.tr("No post is open: the export takes all approved and published posts."))
            return
        try:
            findings = check_post(self.library, self.post, spelling=self.spelling)
        except KtavError as error:
            self.show_findings([], self._message(error))
            return
        self.show_findings(findings)

    def show_findings(self, findings: list[Finding], note: str | None = None, titles: list[str] | None = None) -> None:
        if titles is None:  # one post's findings: errors first, then by line; a batch keeps its posts' order
            findings = sorted(findings, key=lambda f: (not f.is_error, f.line or 0))
        self.findings = list(findings)
        self.findings_list.clear()
        for index, finding in enumerate(findings):
            self.findings_list.addItem(self._item(finding, titles[index] if titles else ""))
        errors = sum(f.is_error for f in findings)
        self.line_hint.setVisible(titles is None and any(f.line for f in findings))
        if note is not None:
            self.check_label.setText(note)
        elif not findings:
            self.check_label.setText(self.tr("The pre-publish check found nothing to fix."))
        else:
            self.check_label.setText(self.tr("The pre-publish check: %1 error(s), %2 warning(s).")
                                     .replace("%1", str(errors)).replace("%2", str(len(findings) - errors)))
        self._update_buttons()

    def _item(self, finding: Finding, title: str) -> QListWidgetItem:
        kind = self.tr("Error") if finding.is_error else self.tr("Warning")
        where = self.tr(" (line %1)").replace("%1", str(finding.line)) if finding.line else ""
        prefix = f"{title}: " if title else ""
        item = QListWidgetItem(f"{kind}{where}: {prefix}{finding.message_he if self.hebrew else finding.message}")
        item.setForeground(QBrush(ERROR_COLOR if finding.is_error else WARNING_COLOR))
        item.setData(LINE, finding.line if not title else None)
        item.setToolTip(finding.code)
        return item

    def _activate(self, item: QListWidgetItem) -> None:
        line = item.data(LINE)
        if line:
            self.lineActivated.emit(int(line))

    def has_errors(self) -> bool:
        return any(f.is_error for f in self.findings)

    def _update_buttons(self) -> None:
        blocked = self.this_post_button.isChecked() and self.has_errors() and not self.force_box.isChecked()
        folder = bool(self.folder_field.text().strip())
        self.export_button.setEnabled(folder and not blocked and not self.busy.isVisible())
        self.single_page_note.setVisible(self.this_post_button.isChecked() and self.page_button.isChecked())
        if blocked:
            self.export_button.setToolTip(self.tr("The check found errors: fix them or tick Export anyway"))
        else:
            self.export_button.setToolTip("")

    # -- the export -----------------------------------------------------------------------

    def choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Export folder"), self.folder_field.text())
        if chosen:
            self.folder_field.setText(chosen)

    def start_export(self) -> None:
        """Export on the thread pool with the values chosen now; the outcome comes back as a signal."""
        folder = Path(self.folder_field.text().strip()).expanduser()
        if not str(folder) or not self.export_button.isEnabled():
            return
        if not self.save_first():
            self.summary.setText(self.tr("The open post could not be saved, so it was not exported."))
            return
        self.settings.set(EXPORT_FOLDER, str(folder))
        self._folder = folder
        ids = [self.post.id] if self.this_post_button.isChecked() and self._post_stored() else None
        fragment, force, library = self.fragment_button.isChecked(), self.force_box.isChecked(), self.library
        self.busy.show()
        self.summary.setText(self.tr("Exporting…"))
        self.open_button.hide()
        self._update_buttons()
        self._jobs.run(lambda: run_export(library, folder, ids, fragment, force), self._on_finished, receiver=self)

    def _on_finished(self, outcome) -> None:
        self.busy.hide()
        self._update_buttons()
        if isinstance(outcome, ExportResult):
            self.summary.setText(self._summary(outcome))
            self.open_button.show()
            self.exported.emit(outcome)
            return
        if isinstance(outcome, ExportIncomplete):  # the good posts were written; these could not be
            result = outcome.result
            left_out = "\n".join(f"\u2022 {post.title}: {self._message(error)}" for post, error in result.failed)
            message = (self._summary(result) + "\n"
                       + self.tr("%n post(s) could not be exported:", "", len(result.failed)) + "\n" + left_out)
            self.summary.setText(message)
            self.open_button.show()
            self.failed.emit(message)
            return
        if isinstance(outcome, ExportBlocked):
            failing = [(check.post.title, f) for check in outcome.checks for f in check.errors]
            self.show_findings([f for _, f in failing], titles=[t for t, _ in failing],
                               note=self.tr("The pre-publish check found errors: nothing was exported."))
            message = self.tr("Fix the errors, or tick Export anyway.")
        elif isinstance(outcome, KtavError):
            message = self._message(outcome)
        else:
            message = self.tr("The export failed: %1").replace("%1", str(outcome))
        self.summary.setText(message)
        self.failed.emit(message)

    def _message(self, error: KtavError) -> str:
        return error.message_he if self.hebrew else error.message

    def _summary(self, result: ExportResult) -> str:
        written, unchanged = len(result.written), len(result.unchanged)
        return (self.tr("Exported to %1: %2 file(s) written, %3 unchanged.")
                .replace("%1", left_to_right(str(self._folder)))
                .replace("%2", str(written)).replace("%3", str(unchanged)))

    def _open_folder(self) -> None:
        if self._folder is not None:
            self.open_folder(QUrl.fromLocalFile(str(self._folder)))

    def done(self, result: int) -> None:
        if self.busy.isVisible():
            return  # the export is still writing: the dialog stays until it has finished
        super().done(result)
