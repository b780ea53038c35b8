"""Commits of the team repository: the message Ktav writes, and who changed which post in a range.

A Ktav commit says in its message which posts it holds and why, one trailer line each
(`Ktav-Post: <uid> <reason>`), so that who changed what is read without comparing trees; a
commit made by hand (no trailers) is compared with its parent instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pygit2

from editor.core.models import RevisionReason
from editor.core.team import layout
from editor.core.team.tree_edit import changes, empty_tree

TRAILER = "Ktav-Post"
MAX_WALK = 2000  # commits read to name who changed what; older changes are signed by the post's author
_TRAILER_LINE = re.compile(rf"^{TRAILER}: (\S+)(?: (\S+))?$", re.MULTILINE)
_ACTIONS_HE = {"status": "שינוי סטטוס", "comment": "הערה", "trash": "העברה לאשפה או ממנה", "delete": "מחיקה",
               "merge": "מיזוג"}


@dataclass(frozen=True)
class Change:
    author: str
    reason: str
    at: int  # the commit's time (seconds since 1970)


def reason_label_he(reason: str) -> str:
    try:
        return RevisionReason(reason).label_he
    except ValueError:
        return _ACTIONS_HE.get(reason, reason)


def message(subject: str, entries: list[tuple[str, str]]) -> str:
    """A commit message: `subject`, then a `Ktav-Post: <uid> <reason>` line per post."""
    trailers = "\n".join(f"{TRAILER}: {uid} {reason}" for uid, reason in entries)
    return f"{subject}\n\n{trailers}\n" if trailers else subject + "\n"


def changes_between(repo: pygit2.Repository, old: pygit2.Oid | None, new: pygit2.Oid) -> dict[str, Change]:
    """For each post changed after `old` up to `new`: who changed it last, and why."""
    walker = repo.walk(new, pygit2.enums.SortMode.TOPOLOGICAL | pygit2.enums.SortMode.TIME)
    if old is not None:
        walker.hide(old)
    found: dict[str, Change] = {}
    for count, commit in enumerate(walker):
        if count >= MAX_WALK:
            break
        if len(commit.parents) > 1:
            continue  # a merge: the changes it joins are in the commits it joins
        entries = _TRAILER_LINE.findall(commit.message)
        if not entries:
            entries = [(uid, "save") for uid in _posts_changed_by(repo, commit)]
        for uid, reason in entries:
            found.setdefault(uid, Change(commit.author.name, reason or "save", commit.commit_time))
    return found


def _posts_changed_by(repo: pygit2.Repository, commit: pygit2.Commit) -> list[str]:
    parent_tree = commit.parents[0].tree if commit.parents else empty_tree(repo)
    uids = []
    for delta in changes(parent_tree, commit.tree):
        for path in (delta.old_file.path, delta.new_file.path):
            uid = layout.uid_of_post_path(path)
            if uid is not None and uid not in uids:
                uids.append(uid)
    return uids
