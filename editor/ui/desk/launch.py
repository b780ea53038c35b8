"""Starting the window: Chromium's flags, one copy per library, the language, and the screenshot mode."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QLockFile, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from editor.core.child_process import RenderProcess
from editor.core.errors import KtavError, LibraryError
from editor.core.library.file import disk_full_error, disk_is_full
from editor.core.library.store import Library
from editor.core.review import workflow as review
from editor.core.startup import open_chosen_library
from editor.ui.desk.i18n import install_language
from editor.ui.preview.live import register_schemes
from editor.ui.publish.cms_copy import keep_clipboard_as_text
from editor.ui.review.review_mode import ensure_user_name
from editor.ui.settings_store import SettingsStore

SCREENSHOT_TIMEOUT_MS = 60_000
SCREENSHOT_SETTLE_MS = 400  # the compositor paints a moment after the page reports the new text
SCREENSHOT_SIZE = (1400, 850)
EXIT_ERROR = 1


class LibraryInUseError(KtavError):
    """Another copy of Ktav has this library open."""


def prepare_chromium() -> None:
    """Flags QtWebEngine needs here; must run before the QApplication exists."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ["QTWEBENGINE_DISABLE_SANDBOX"] = "1"  # Chromium refuses its sandbox as root
    flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
    if "--no-sandbox" not in flags and os.environ.get("QTWEBENGINE_DISABLE_SANDBOX") == "1":
        os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = f"{flags} --no-sandbox".strip()
    register_schemes()


class LibraryLock:
    """The locks a window holds on its library, so that a second window is refused however it names
    the file: `<real path>.lock` beside the file itself (a symlink or `dir/../` reaches the same
    one, from this machine or another sharing the folder), and one named by the file's device and
    inode in this user's runtime folder (a hard link reaches the same one)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(os.path.realpath(path))
        self._locks: list[QLockFile] = []

    def hold_beside(self) -> bool:
        """Lock `<real path>.lock`; False when no file can be written there (a read-only folder)."""
        return self._take(Path(str(self.path) + ".lock"), required=True)

    def hold_identity(self) -> None:
        """Lock the file by its identity, once it exists (a new library: after its creation)."""
        try:
            info = self.path.stat()
        except OSError:
            return
        folder = _runtime_folder()
        if folder is not None:
            self._take(folder / f"{info.st_dev:x}-{info.st_ino:x}.lock", required=False)

    def _take(self, lock_path: Path, *, required: bool) -> bool:
        lock = QLockFile(str(lock_path))
        lock.setStaleLockTime(0)  # a lock left by a crash is detected by its dead process, not by age
        if lock.tryLock(0):
            self._locks.append(lock)
            return True
        error = lock.error()
        if error == QLockFile.LockError.LockFailedError:
            self.unlock()
            raise LibraryInUseError(
                f"{self.path}: the library is already open in another Ktav window",
                f"הספרייה {self.path.name} כבר פתוחה בחלון אחר של כתב. "
                "סגרו את החלון האחר (או עברו אליו) ונסו שוב — כך שתי עריכות לא ידרסו זו את זו.",
            )
        if not required or error == QLockFile.LockError.PermissionError:
            return False
        self.unlock()
        if disk_is_full(lock_path.parent):
            raise disk_full_error(self.path)
        raise LibraryError(f"{self.path}: cannot write the lock file {lock_path.name} beside the library",
                           f"לא ניתן לכתוב את קובץ הנעילה {lock_path.name} ליד הספרייה {self.path.name}")

    def unlock(self) -> None:
        for lock in self._locks:
            lock.unlock()
        self._locks.clear()


def lock_library(path: Path) -> LibraryLock | None:
    """Hold the library's locks while the window is open; a second copy on the same file is refused.

    None when no lock file can be written beside it (a read-only folder: the library then opens
    read-only, and says so). A full disk is reported as one (DiskFullError)."""
    lock = LibraryLock(path)
    if not lock.hold_beside():
        return None
    lock.hold_identity()
    return lock


def _runtime_folder() -> Path | None:
    """This user's folder for the identity locks (XDG_RUNTIME_DIR, else one in the temp folder)."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    user = os.getuid() if hasattr(os, "getuid") else os.environ.get("USERNAME", "user")
    folder = Path(runtime) / "ktav-locks" if runtime else Path(tempfile.gettempdir()) / f"ktav-locks-{user}"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    return folder


def launch(db: Path | None, open_id: int | None, screenshot: Path | None, files: list[Path] = ()) -> int:
    """Open the writing desk, importing `files` (a .ktav bundle a file manager hands over) and showing
    the post they bring; with `screenshot`, save a PNG of the window once the preview shows and exit."""
    if screenshot is not None and not any(map(os.environ.get, ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a screenshot needs no screen
    prepare_chromium()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Ktav")
    app.setOrganizationName("Ktav")
    if screenshot is not None:  # the picture must not depend on this machine's remembered layout
        qsettings = QSettings(str(Path(tempfile.mkdtemp()) / "ktav.ini"), QSettings.IniFormat)
    else:
        qsettings = QSettings()
    settings = SettingsStore(qsettings)
    path = Path(db if db is not None else Library.default_path()).expanduser().absolute()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = lock_library(path)
    except (KtavError, OSError) as error:
        return _refuse(error, settings.language(), automated=screenshot is not None)
    try:
        library = open_chosen_library(db, check_integrity=False)  # checked by the window, off its thread
    except KtavError as error:
        if lock is not None:
            lock.unlock()
        return _refuse(error, settings.language(), automated=screenshot is not None)
    try:
        if lock is not None and library.created:
            lock.hold_identity()  # the file exists only now
    except KtavError as error:
        library.close()
        lock.unlock()
        return _refuse(error, settings.language(), automated=screenshot is not None)
    try:
        translators = install_language(app, settings.language())  # noqa: F841 (kept alive until exit)
    except KtavError as error:  # the installation lacks its translation
        library.close()
        if lock is not None:
            lock.unlock()
        return _refuse(error, settings.language(), automated=screenshot is not None)
    renderer = window = None
    try:
        from editor.ui.desk.main_window import MainWindow

        try:
            renderer = RenderProcess()
        except OSError as error:  # the preview then renders in a thread of this process
            print(f"ktav: preview rendering stays in the window's process ({error})", file=sys.stderr)
        window = MainWindow(library, settings, render=renderer, related_elsewhere=True)
        window.open_first_post(open_id)
        if files:
            _import_and_show(window, [Path(f).absolute() for f in files])
        if screenshot is not None:
            return _take_screenshot(app, window, screenshot)
        window.show()
        window.check_library()
        if not review.user_name(library) and not library.read_only:
            # once, at the first start: the name signs comments, status moves and saved versions
            QTimer.singleShot(0, lambda: ensure_user_name(window, library))
        app.aboutToQuit.connect(keep_clipboard_as_text)
        return app.exec()
    finally:
        if window is not None:
            window.related.close()  # its process ends with the window (closing again does nothing)
        if renderer is not None:
            renderer.close()
        library.close()
        if lock is not None:
            lock.unlock()


def _import_and_show(window, files: list[Path]) -> None:
    report = window.publish.import_files(files)
    if report is None:  # refused: the window has said why
        return
    brought = [bundle.post_id for bundle in report.bundles if getattr(bundle, "post_id", None)]
    brought += [post.id for post in [*report.added, *report.updated]]
    if brought:
        window.open_post(brought[0])


def _refuse(error: Exception, language: str, *, automated: bool) -> int:
    english = getattr(error, "message", str(error))
    print(f"ktav: {english}", file=sys.stderr)
    if not automated:
        hebrew = language == "he"
        if hebrew:
            QApplication.setLayoutDirection(Qt.RightToLeft)
        QMessageBox.critical(None, "Ktav — כתב", getattr(error, "message_he", english) if hebrew else english)
    return EXIT_ERROR


def _take_screenshot(app: QApplication, window, target: Path) -> int:
    window.resize(*SCREENSHOT_SIZE)
    window.show()
    outcome = {"code": EXIT_ERROR, "done": False}

    def save() -> None:
        if outcome["done"]:
            return
        outcome["done"] = True
        target.parent.mkdir(parents=True, exist_ok=True)
        if window.grab().save(str(target), "PNG"):
            outcome["code"] = 0
        else:
            print(f"ktav: cannot write {target}", file=sys.stderr)
        window.close()
        app.quit()

    def on_rendered(generation: int) -> None:
        if generation == window.preview.latest_generation:
            QTimer.singleShot(SCREENSHOT_SETTLE_MS, save)

    def give_up() -> None:
        if outcome["done"]:
            return
        outcome["done"] = True
        print("ktav: the preview did not render in time; no screenshot", file=sys.stderr)
        window.close()
        app.quit()

    window.preview.rendered.connect(on_rendered)
    QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, give_up)
    app.exec()
    return outcome["code"]
