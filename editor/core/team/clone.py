"""The team's clone beside the library: a bare git repository (no working folder to fall out of step),
used by one process at a time, tidied after a crash, and its fetch and push."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path

import pygit2

from editor.core.errors import NotATeamRepositoryError, TeamError
from editor.core.team import file_lock, layout
from editor.core.team.remote_access import Callbacks, is_rejection, set_timeouts, unreachable
from editor.core.team.tree_edit import blob_at, tree_of

REMOTE = "origin"
LOCAL_REF = f"refs/heads/{layout.BRANCH}"
REMOTE_REF = f"refs/remotes/{REMOTE}/{layout.BRANCH}"
FETCH_SPEC = f"+refs/heads/{layout.BRANCH}:{REMOTE_REF}"
IN_USE = "ktav-in-use"  # the file the process lock is taken on (not a git lock: never removed)
WAIT_SECONDS = 30.0
_ZERO = pygit2.Oid(raw=b"\0" * 20)


class TeamClone:
    """An open clone; made by `locked()` (which holds the process lock) or `create()`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.repo = pygit2.Repository(str(path))
        except (pygit2.GitError, KeyError, OSError) as error:
            raise TeamError(f"{path}: the team clone cannot be opened ({error})",
                            f"{path}: לא ניתן לפתוח את העותק המקומי של הספרייה המשותפת") from error

    @classmethod
    def create(cls, path: Path, url: str) -> TeamClone:
        pygit2.init_repository(str(path), bare=True, initial_head=layout.BRANCH)
        clone = cls(path)
        clone.repo.remotes.create(REMOTE, url, FETCH_SPEC)
        return clone

    # -- refs ------------------------------------------------------------------------------

    def ref(self, name: str) -> pygit2.Oid | None:
        try:
            target = self.repo.references[name].resolve().target
        except KeyError:
            return None
        return target if isinstance(target, pygit2.Oid) else None

    def set_ref(self, name: str, oid: pygit2.Oid) -> None:
        if self.ref(name) != oid:
            self.repo.references.create(name, oid, force=True)

    def has_commit(self, hex_id: str) -> bool:
        try:
            return self.repo[hex_id].type_str == "commit"
        except (KeyError, ValueError):
            return False

    def align(self, tip: str | None) -> None:
        """The local branch is where the library says it is (a crash may have stopped between the
        library's commit and the branch's move)."""
        if tip is None:
            return
        if not self.has_commit(tip):
            raise TeamError(f"{self.path}: the clone lacks the commit {tip[:12]} the library holds",
                            "העותק המקומי של הספרייה המשותפת חסר או פגום; הצטרפו שוב לספרייה המשותפת")
        self.set_ref(LOCAL_REF, pygit2.Oid(hex=tip))

    # -- the remote -----------------------------------------------------------------------

    def _remote(self, url: str) -> pygit2.Remote:
        try:
            remote = self.repo.remotes[REMOTE]
        except KeyError:
            return self.repo.remotes.create(REMOTE, url, FETCH_SPEC)
        if remote.url != url:
            self.repo.remotes.set_url(REMOTE, url)
            remote = self.repo.remotes[REMOTE]
        return remote

    def fetch(self, url: str) -> pygit2.Oid | None:
        """Bring the remote's branch; its commit, or None when the remote has none yet."""
        set_timeouts()
        try:
            self._remote(url).fetch([FETCH_SPEC], callbacks=Callbacks())
        except (pygit2.GitError, OSError, ValueError) as error:
            raise _network_error(error, url) from error
        return self.ref(REMOTE_REF)

    def remote_heads(self, url: str) -> list[str]:
        """The names of the remote's references (an empty remote has none)."""
        set_timeouts()
        try:
            heads = self._remote(url).list_heads(callbacks=Callbacks())
        except (pygit2.GitError, OSError, ValueError) as error:
            raise _network_error(error, url) from error
        return [str(head.name) for head in heads if head.name and head.oid is not None and head.oid != _ZERO]

    def push(self, url: str) -> bool:
        """Send the local branch; False when the remote refused it (someone pushed first)."""
        set_timeouts()
        callbacks = Callbacks()
        try:
            self._remote(url).push([f"{LOCAL_REF}:refs/heads/{layout.BRANCH}"], callbacks=callbacks)
        except (pygit2.GitError, OSError, ValueError) as error:
            if is_rejection(error):
                return False
            raise _network_error(error, url) from error
        if callbacks.rejected:
            return False
        local = self.ref(LOCAL_REF)
        if local is not None:
            self.set_ref(REMOTE_REF, local)
        return True


def _network_error(error: Exception, url: str) -> TeamError:
    found = unreachable(error, url)
    if found is not None:
        return found
    return TeamError(f"{url}: the team library could not be synchronized ({error})",
                     f"לא ניתן לסנכרן עם הספרייה המשותפת ({url})")


def check_team_tree(repo: pygit2.Repository, commit: pygit2.Oid, url: str) -> None:
    """Refuse a branch whose files are not a Ktav team repository (before anything is written)."""
    data = blob_at(repo, tree_of(repo, commit), layout.MARKER)
    try:
        marker = json.loads(data.decode("utf-8")) if data is not None else None
    except (UnicodeDecodeError, ValueError):
        marker = None
    if not isinstance(marker, dict) or marker.get("format") != layout.FORMAT_NAME:
        raise NotATeamRepositoryError(
            f"{url}: not a Ktav team repository (no {layout.MARKER} on its {layout.BRANCH} branch); nothing was written",
            f"{url}: אינו מאגר של ספרייה משותפת של כתב; שום דבר לא נכתב")
    version = marker.get("version")
    if not isinstance(version, int) or version > layout.FORMAT_VERSION:
        raise NotATeamRepositoryError(
            f"{url}: a team repository of a newer Ktav (format {version}); update Ktav to use it",
            f"{url}: הספרייה המשותפת נוצרה בגרסה חדשה יותר של כתב; יש לעדכן את כתב")


def clear_stale_locks(path: Path) -> None:
    """Remove what a git operation killed midway leaves (lock files, half-written packs): with the
    process lock held, nobody else is using them."""
    candidates = [*path.glob("*.lock"), *(path / "refs").rglob("*.lock"), *(path / "objects" / "pack").glob("pack_git2_*")]
    for leftover in candidates:
        with contextlib.suppress(OSError):
            leftover.unlink()


@contextlib.contextmanager
def locked(path: Path, *, wait: float = WAIT_SECONDS) -> Iterator[TeamClone | None]:
    """The clone at `path`, this process alone on it; None when another one holds it past `wait` seconds."""
    if not path.is_dir():
        raise TeamError(f"{path}: the team clone is missing", "העותק המקומי של הספרייה המשותפת חסר; הצטרפו אליה שוב")
    with file_lock.held(path / IN_USE, wait=wait) as held:
        if not held:
            yield None
            return
        clear_stale_locks(path)
        yield TeamClone(path)
