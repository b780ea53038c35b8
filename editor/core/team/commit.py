"""Committing what the library marked to the team clone, signed with the writer's review name.

The commit's objects are written first, then one library transaction records the commit as the
library's and clears the marks, then the branch moves: a kill at any moment leaves either the
marks (the next commit redoes it) or a library that names the commit (the branch is moved to it
when the clone is next opened).
"""

from __future__ import annotations

import pygit2

from editor.core.review.workflow import user_name
from editor.core.team import outbox, state
from editor.core.team.clone import LOCAL_REF, TeamClone, locked
from editor.core.team.history import message, reason_label_he
from editor.core.team.to_tree import write_changes
from editor.core.team.tree_edit import TreeEdit, tree_of

DEFAULT_EMAIL = "ktav@localhost"


def signature(library, repo: pygit2.Repository) -> pygit2.Signature:
    name = user_name(library) or "Ktav"
    try:
        email = repo.config["user.email"]
    except (KeyError, pygit2.GitError):
        email = DEFAULT_EMAIL
    return pygit2.Signature(name, email or DEFAULT_EMAIL)


def subject(reason: str, titles: list[str]) -> str:
    label = reason_label_he(reason)
    if len(titles) == 1:
        return f"{label}: {titles[0]}"
    return f"{label}: {len(titles)} פוסטים"


def commit_now(library, *, wait: float = 0.0) -> pygit2.Oid | None:
    """Commit what the library marked, if its clone is free within `wait` seconds (a sync commits it
    otherwise); None when nothing was committed."""
    team = state.link(library)
    if team is None or not outbox.waiting_posts(library):
        return None
    with locked(team.clone, wait=wait) as clone:
        if clone is None:
            return None
        clone.align(state.tip(library))
        return commit_pending(library, clone)


def commit_pending(library, clone: TeamClone) -> pygit2.Oid | None:
    """Commit the library's marked changes on top of the commit it holds; the new commit, or None
    when nothing was marked or the marks changed no file. The caller holds the clone's lock."""
    if not outbox.waiting_posts(library):
        return None  # no transaction at all: nothing for the library's commit listeners to hear
    repo = clone.repo
    with library.transaction() as db:
        marks = outbox.marks(db)
        if not marks:
            return None
        tip = state.tip(library)
        base = tree_of(repo, tip) if tip else None
        parts: dict[str, set[str]] = {}
        for mark in marks:
            parts.setdefault(mark.uid, set()).add(mark.part)
        sig = signature(library, repo)
        edit = TreeEdit(repo, base)
        titles = write_changes(library, edit, parts, sig.name)
        tree = edit.write()
        commit = None
        if base is None or tree != base.id:
            entries = list(dict.fromkeys((m.uid, m.reason) for m in marks))
            text = message(subject(marks[-1].reason, titles or [""]), entries)
            commit = repo.create_commit(None, sig, sig, text, tree, [pygit2.Oid(hex=tip)] if tip else [])
            state.set_tip(library, str(commit))
        outbox.clear(db, marks[-1].id)
    if commit is not None:
        clone.set_ref(LOCAL_REF, commit)
    return commit
