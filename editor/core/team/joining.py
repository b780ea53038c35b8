"""Joining a team (a new library cloned from its remote) and sharing a library (into an empty remote).

    join_team(url, db_path) -> JoinReport      # the new library at db_path, its clone beside it
    share_library(library, url) -> ShareReport # the library's posts become the team repository

Both refuse before anything is written when the remote is not what they need (not a Ktav team
repository to join; not empty to share into) or cannot be reached. Their work is done under
temporary names and renamed into place, so a kill leaves nothing that looks finished.
"""

from __future__ import annotations

import contextlib
import shutil
from dataclasses import dataclass
from pathlib import Path

from editor.core.errors import NotATeamRepositoryError, TeamError
from editor.core.library.store import Library
from editor.core.team import outbox, state
from editor.core.team.clone import LOCAL_REF, TeamClone, check_team_tree, locked
from editor.core.team.commit import signature
from editor.core.team.from_tree import bring_in
from editor.core.team.history import changes_between, message
from editor.core.team.text_merge import BodyMerger
from editor.core.team.to_tree import initial_files, write_everything
from editor.core.team.tree_edit import TreeEdit, tree_of

JOINING = "ktav-joining"  # in a clone folder while its library is not in place yet
SHARE_MESSAGE = "ספרייה משותפת חדשה"


@dataclass(frozen=True)
class JoinReport:
    library_path: Path
    posts: int
    problems: tuple[str, ...]

    @property
    def summary(self) -> str:
        text = f"joined: {self.posts} post(s) in {self.library_path}"
        return text + (f"; {len(self.problems)} file(s) could not be read" if self.problems else "")


@dataclass(frozen=True)
class ShareReport:
    posts: int
    pushed: bool

    @property
    def summary(self) -> str:
        sent = "sent" if self.pushed else "kept here until the next sync (the remote was not reached)"
        return f"shared: {self.posts} post(s), {sent}"


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def join_team(url: str, db_path: Path) -> JoinReport:
    db_path = Path(db_path).expanduser().absolute()
    folder = state.clone_folder_for(db_path)
    if (folder / JOINING).exists() and not db_path.exists():
        _remove(folder)  # an earlier join stopped between its two renames
    if db_path.exists() or folder.exists():
        raise TeamError(f"{db_path}: a library (or its team clone) is already there; choose a new file",
                        f"{db_path}: כבר יש שם ספרייה (או עותק של ספרייה משותפת); בחרו קובץ חדש")
    temp_folder = folder.with_name(folder.name + ".new")
    temp_db = db_path.with_name(db_path.name + ".new")
    for leftover in (temp_folder, temp_db, temp_db.with_name(temp_db.name + "-wal"),
                     temp_db.with_name(temp_db.name + "-shm")):
        _remove(leftover)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    clone = TeamClone.create(temp_folder, url)
    try:
        remote = clone.fetch(url)
        if remote is None and clone.remote_heads(url):
            raise NotATeamRepositoryError(
                f"{url}: not a Ktav team repository (it has no {LOCAL_REF}); nothing was written",
                f"{url}: אינו מאגר של ספרייה משותפת של כתב; שום דבר לא נכתב")
        if remote is None:
            raise NotATeamRepositoryError(
                f"{url}: the remote is empty; nothing to join (share a library into it instead); nothing was written",
                f"{url}: המאגר ריק ואין אליו למה להצטרף (אפשר לשתף אליו ספרייה); שום דבר לא נכתב")
        check_team_tree(clone.repo, remote, url)
        with Library.open(temp_db) as library, library.transaction() as db:
            brought = bring_in(library, clone.repo, None, tree_of(clone.repo, remote), bodies=BodyMerger(clone.repo),
                               changes=changes_between(clone.repo, None, remote))
            outbox.clear_all(db)
            state.set_link(library, url, folder)
            state.set_tip(library, str(remote))
            posts = len(library.list_posts()) + len(library.list_posts(trash=True))
        clone.set_ref(LOCAL_REF, remote)
        (temp_folder / JOINING).touch()
    except BaseException:
        for leftover in (temp_folder, temp_db):
            _remove(leftover)
        raise
    temp_folder.rename(folder)
    temp_db.rename(db_path)
    (folder / JOINING).unlink()
    return JoinReport(db_path, posts, tuple(p.message for p in brought.problems))


def share_library(library, url: str) -> ShareReport:
    if state.link(library) is not None:
        raise TeamError(f"{library.path}: this library is a team library already",
                        "הספרייה הזאת כבר משותפת")
    folder = state.clone_folder_for(library.path)
    temp_folder = folder.with_name(folder.name + ".new")
    for leftover in (folder, temp_folder):  # no link names them: what a stopped share left
        _remove(leftover)
    clone = TeamClone.create(temp_folder, url)
    try:
        heads = clone.remote_heads(url)
        if heads:
            raise NotATeamRepositoryError(
                f"{url}: the remote is not empty ({', '.join(heads[:3])}); share into a new, empty repository "
                "(or join it, if it is a team library); nothing was written",
                f"{url}: המאגר אינו ריק; יש לשתף למאגר חדש וריק (או להצטרף אליו, אם זו ספרייה משותפת); שום דבר לא נכתב")
        sig = signature(library, clone.repo)
        edit = TreeEdit(clone.repo, None)
        initial_files(edit)
        posts = write_everything(library, edit, sig.name)
        commit = clone.repo.create_commit(None, sig, sig, message(SHARE_MESSAGE, []), edit.write(), [])
        clone.set_ref(LOCAL_REF, commit)
    except BaseException:
        _remove(temp_folder)
        raise
    temp_folder.rename(folder)
    with library.transaction() as db:
        state.set_link(library, url, folder)
        state.set_tip(library, str(commit))
        outbox.clear_all(db)
    try:
        with locked(folder) as held:
            pushed = held is not None and held.push(url)
    except TeamError:
        pushed = False
    return ShareReport(posts, pushed)
