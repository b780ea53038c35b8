"""Starting the window: one window per library file however it is named, and a disk's trouble said as it is."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from editor.core.errors import DiskFullError
from editor.core.library.store import Library
from editor.core.models import Post
from editor.ui.desk.launch import LibraryInUseError, lock_library

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def library_file(tmp_path):
    path = tmp_path / "ספרייה" / "lib.sqlite"
    path.parent.mkdir()
    with Library.open(path) as lib:
        lib.add_post(Post(title="פוסט ראשון", body='טקסט עם רש"י ו-English.'))
    return path


def start_window(db: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    """`python main.py --db DB --open 1 --screenshot`: a real second copy of Ktav."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "main.py", "--db", str(db), "--open", "1",
                           "--screenshot", str(tmp_path / "window.png")],
                          cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120)


HOLDER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from editor.ui.desk.launch import lock_library
    lock = lock_library(Path(sys.argv[1]))
    print("locked", flush=True)
    sys.stdin.readline()
    lock.unlock()
""")


def test_a_window_through_a_symlink_is_refused_while_another_process_has_the_file(library_file, tmp_path):
    link = tmp_path / "קישור.sqlite"
    link.symlink_to(library_file)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(library_file)], cwd=ROOT, text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(LibraryInUseError) as refused:
            lock_library(link)
        assert "כבר פתוחה" in refused.value.message_he
        second = start_window(link, tmp_path)
        assert second.returncode == 1 and "already open in another Ktav window" in second.stderr
    finally:
        holder.communicate("done\n", timeout=30)
    lock_library(link).unlock()  # free once the first copy lets go


@pytest.mark.parametrize("other_name", ["hard link", "dot-dot", "symlinked folder"])
def test_every_other_path_to_the_same_file_is_refused(library_file, tmp_path, other_name):
    if other_name == "hard link":
        other = tmp_path / "עותק-קשיח.sqlite"
        os.link(library_file, other)
    elif other_name == "dot-dot":
        other = library_file.parent / ".." / library_file.parent.name / library_file.name
    else:
        (tmp_path / "תיקייה-מקושרת").symlink_to(library_file.parent)
        other = tmp_path / "תיקייה-מקושרת" / library_file.name
    lock = lock_library(library_file)
    try:
        with pytest.raises(LibraryInUseError):
            lock_library(other)
    finally:
        lock.unlock()
    lock_library(other).unlock()


def test_a_new_library_is_locked_by_its_identity_once_made(tmp_path):
    path = tmp_path / "חדשה.sqlite"
    lock = lock_library(path)  # the file does not exist yet
    Library.open(path).close()
    lock.hold_identity()
    os.link(path, tmp_path / "קישור.sqlite")
    try:
        with pytest.raises(LibraryInUseError):
            lock_library(tmp_path / "קישור.sqlite")
    finally:
        lock.unlock()


def test_a_full_disk_at_launch_is_said_to_be_full(small_disk, tmp_path):
    path = small_disk.path / "lib.sqlite"
    with Library.open(path) as lib:
        lib.add_post(Post(title="פוסט על דיסק מלא"))
    small_disk.fill()
    with pytest.raises(DiskFullError) as refused:
        lock_library(path)
    assert "הדיסק" in refused.value.message_he and "מלא" in refused.value.message_he
    window = start_window(path, tmp_path)
    assert window.returncode == 1
    assert "is full" in window.stderr and "already open" not in window.stderr
    assert not Path(str(path) + ".lock").exists()


def test_a_library_on_read_only_media_opens_in_the_window(library_file, tmp_path, read_only_view):
    media = read_only_view(library_file.parent)
    assert lock_library(media / library_file.name) is None  # no lock can be written there
    window = start_window(media / library_file.name, tmp_path)
    assert window.returncode == 0, window.stderr
    assert (tmp_path / "window.png").stat().st_size > 0


def test_a_damaged_library_is_found_by_the_check_the_window_runs_off_its_thread(qtbot, tmp_path, settings, hebrew):
    from desk_helpers import open_window

    from editor.core.library.store import Library
    from editor.core.models import Post

    path = tmp_path / "damaged.sqlite"
    with Library.open(path) as library:
        for number in range(30):
            library.add_post(Post(title=f"פוסט {number}", body="מילים " * 3000))
    data = bytearray(path.read_bytes())
    data[len(data) // 2:len(data) // 2 + 8192] = b"\xff" * 8192  # pages in the middle of the file
    path.write_bytes(bytes(data))
    library = Library.open(path, check_integrity=False)  # as the window opens it: fast
    window = open_window(qtbot, library, settings)
    window.check_library()
    qtbot.waitUntil(window.banner.isVisible, timeout=10_000)
    assert "פגום" in window.banner.message.text() and window.editor.isReadOnly()
    window.close()
    library.close()


@pytest.mark.slow
def test_a_bundle_handed_over_by_the_file_manager_opens_in_the_window(library_file, tmp_path):
    """`ktav open FILE.ktav` (the desktop entry's command): the window starts and imports the bundle into its library."""
    bundle = tmp_path / "לעריכה.ktav"
    made = subprocess.run([sys.executable, "main.py", "bundle", "--db", str(library_file), "--id", "1",
                           "--out", str(bundle)], cwd=ROOT, capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    other = tmp_path / "אחרת.sqlite"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    shown = subprocess.run([sys.executable, "main.py", "--db", str(other), "--screenshot", str(tmp_path / "w.png"),
                            "open", str(bundle)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert shown.returncode == 0, shown.stderr
    with Library.open(other) as library:
        assert [post.title for post in library.all_posts() if post.title == "פוסט ראשון"] == ["פוסט ראשון"]


def test_the_window_starts_without_what_only_some_actions_need():
    """Word and HTML conversion, git, the network, Pillow and the related index's numpy load when first
    used (the index is built off the UI thread), not with every window: each is a few hundredths of a
    second or more of start-up (benchmarks/scale.py)."""
    code = ("import sys, editor.ui.desk.launch, editor.ui.desk.main_window\n"
            "print(' '.join(sorted(m for m in ('bs4', 'mammoth', 'markdownify', 'pygit2', 'keyring', 'ssl',"
            " 'numpy', 'PIL.Image', 'editor.core.export.run') if m in sys.modules)))")
    loaded = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.split() == []
