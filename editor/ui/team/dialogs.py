"""The two small dialogs: join a team library (clone a URL into a new library file) and share this
library (push it into an empty repository). Their work runs off the UI thread; a refusal is shown
in the dialog, which stays open to correct the address."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from editor.core.errors import KtavError
from editor.ui.background import Background
from editor.ui.team.git_side import git_side


def _tr(text: str) -> str:
    return QCoreApplication.translate("TeamDialog", text)  # the same context in the subclasses


class TeamDialog(QDialog):
    """A form with the remote's address and, for HTTPS, a user name and a password or token (kept
    in the system keyring, never in the library); `work()` runs in the background on OK."""

    def __init__(self, parent: QWidget | None, jobs: Background) -> None:
        super().__init__(parent)
        self._jobs = jobs
        self.result_value: Any = None
        self.url = QLineEdit()
        self.url.setPlaceholderText("git@server:team/blog.git  ·  https://…  ·  /mnt/share/blog.git")
        self.url.setLayoutDirection(Qt.LeftToRight)
        self.username = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.Password)
        self.form = QFormLayout()
        self.form.addRow(_tr("Address of the team repository:"), self.url)
        self.form.addRow(_tr("User name (HTTPS, optional):"), self.username)
        self.form.addRow(_tr("Password or token (kept in the system keyring):"), self.password)
        self.message = QLabel(wordWrap=True)
        self.message.setStyleSheet("QLabel { color: #b91c1c; }")
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        self.explanation = QLabel(wordWrap=True)
        layout.addWidget(self.explanation)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(560, 0)

    def work(self) -> Callable[[], Any]:
        raise NotImplementedError

    def start(self) -> None:
        url = self.url.text().strip()
        if not url:
            self.message.setText(_tr("Write the address of the team repository."))
            return
        try:
            if self.username.text().strip() and self.password.text():
                git_side.remote_access.save_password(url, self.username.text().strip(), self.password.text())
            work = self.work()
        except KtavError as error:
            self.message.setText(error.message_he)
            return
        self.message.setStyleSheet("QLabel { color: #1d4ed8; }")
        self.message.setText(_tr("Working… (this may take a while for a large library)"))
        self.buttons.setEnabled(False)
        self._jobs.run(work, self._finished, receiver=self)

    def _finished(self, result: Any) -> None:
        self.buttons.setEnabled(True)
        if isinstance(result, KtavError):
            self.message.setStyleSheet("QLabel { color: #b91c1c; }")
            self.message.setText(result.message_he)
            return
        if isinstance(result, Exception):
            raise result
        self.result_value = result
        self.accept()


class JoinDialog(TeamDialog):
    """Join a team library: its address and the new library file it is cloned into."""

    def __init__(self, parent: QWidget | None, jobs: Background, join: Callable[[str, Path], Any],
                 suggested: Path) -> None:
        super().__init__(parent, jobs)
        self.setWindowTitle(self.tr("Join a team library"))
        self.explanation.setText(self.tr("A new library is made on this computer from the team's repository; "
                                         "you write in it offline, and a sync shares your changes."))
        self._join = join
        self.path = QLineEdit(str(suggested))
        self.path.setLayoutDirection(Qt.LeftToRight)
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.form.insertRow(1, self.tr("New library file:"), row)

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("New library file"), self.path.text(),
                                                self.tr("Ktav library (*.sqlite)"))
        if chosen:
            self.path.setText(chosen)

    def work(self) -> Callable[[], Any]:
        url, path = self.url.text().strip(), Path(self.path.text().strip()).expanduser()
        return lambda: self._join(url, path)


class ShareDialog(TeamDialog):
    """Share this library: the address of an empty repository the team can reach."""

    def __init__(self, parent: QWidget | None, jobs: Background, share: Callable[[str], Any]) -> None:
        super().__init__(parent, jobs)
        self.setWindowTitle(self.tr("Share this library"))
        self.explanation.setText(self.tr("Every post of this library, with its comments and history of review, "
                                         "goes into an empty git repository the team can reach; "
                                         "others join it from there."))
        self._share = share

    def work(self) -> Callable[[], Any]:
        url = self.url.text().strip()
        return lambda: self._share(url)
