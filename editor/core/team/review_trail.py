"""A post's review trail between the library and the repository: comments, replies, status moves,
resolutions and conflicts written as files once each, and brought back in once each."""

from __future__ import annotations

import pygit2

from editor.core.errors import ImportFileError
from editor.core.models import Post, RevisionReason, utc_now
from editor.core.team import layout
from editor.core.team.library_records import local_ids
from editor.core.team.outcome import Brought
from editor.core.team.review_files import (
    COMMENT_KINDS,
    RESOLUTION_KINDS,
    ReviewEvent,
    comment_file,
    latest_resolution,
    read_event,
    resolution_file,
    status_file,
)
from editor.core.team.tree_edit import TreeEdit, blob_at, files_in


def write_review(library, edit: TreeEdit, post: Post, uid: str, author: str) -> None:
    """Add the files of the post's review events the repository does not hold yet."""
    assert post.id is not None
    folder = layout.review_folder(uid)
    existing = set(edit.names(folder))
    names = [n for n in (layout.review_name(f"{folder}/{name}") for name in existing) if n is not None]

    def put(file) -> None:
        if file.path.rpartition("/")[2] not in existing:
            edit.put(file.path, file.text.encode("utf-8"))

    comments = library.comments(post.id)
    uid_of_id = {c["id"]: c["uid"] for c in comments}
    for comment in comments:
        put(comment_file(uid, comment, uid_of_id.get(comment["parent_id"])))
        shared = latest_resolution(names, comment["uid"])
        if comment["resolved_at"] is not None and shared is not True:
            put(resolution_file(uid, comment["uid"], comment["resolved_at"], resolved=True, author=author))
        elif comment["resolved_at"] is None and shared is True:
            put(resolution_file(uid, comment["uid"], utc_now(), resolved=False, author=author))
    for change in library.status_history(post.id):
        put(status_file(uid, change))


def bring_review_events(library, repo: pygit2.Repository, tree: pygit2.Tree, paths: list[str], brought: Brought) -> None:
    """Add the review events of these (new) files to the library, each once."""
    events = []
    for path in paths:
        try:
            events.append(read_event(path, blob_at(repo, tree, path) or b""))
        except ImportFileError as error:
            brought.problems.append(error)
    changed = brought.changed
    added = 0
    comments = sorted((e for e in events if e.kind in COMMENT_KINDS),
                      key=lambda e: (e.kind == "reply", e.fields["created_at"] or "", e.fields["uid"]))
    for event in comments:
        added += _bring_comment(library, event, changed)
    for event in events:
        if event.kind == "status":
            added += _bring_status(library, event, changed)
        elif event.kind == "conflict":
            conflict = _bring_conflict(library, event, changed)
            brought.conflicts += conflict
            added += conflict
    touched = {(e.post_uid, e.fields["comment_uid"]) for e in events if e.kind in RESOLUTION_KINDS}
    for post_uid, comment_uid in sorted(touched):
        added += _bring_resolution(library, repo, tree, post_uid, comment_uid, changed)
    brought.review_events += added


def _comment_by_uid(library, post_id: int, uid: str) -> dict | None:
    return next((c for c in library.comments(post_id) if c["uid"] == uid), None)


def _bring_comment(library, event: ReviewEvent, changed: set[int]) -> int:
    post = library.post_by_uid(event.post_uid)
    fields = event.fields
    if post is None or library.comment_owner(fields["uid"]) is not None:
        return 0
    parent = _comment_by_uid(library, post.id, fields["parent_uid"]) if fields["parent_uid"] else None
    library.add_comment(post.id, fields["author"], fields["body"], quote=fields["quote"], paragraph=fields["paragraph"],
                        parent_id=parent["id"] if parent else None, anchor=fields["anchor"], uid=fields["uid"],
                        created_at=fields["created_at"])
    changed.add(post.id)
    return 1


def _bring_status(library, event: ReviewEvent, changed: set[int]) -> int:
    post = library.post_by_uid(event.post_uid)
    fields = event.fields
    if post is None:
        return 0
    key = (fields["from"], fields["to"], fields["author"], fields["at"])
    if key in {(c["from"], c["to"], c["author"], c["at"]) for c in library.status_history(post.id)}:
        return 0
    library.add_status_change(post.id, fields["from"], fields["to"], author=fields["author"], note=fields["note"],
                              at=fields["at"])
    changed.add(post.id)
    return 1


def _bring_conflict(library, event: ReviewEvent, changed: set[int]) -> int:
    post = library.post_by_uid(event.post_uid)
    fields = event.fields
    if post is None or library.revision_owner(fields["uid"]) is not None:
        return 0
    version = dict(fields["version"])
    snapshot = {k: v for k, v in version.items() if k != "related"} | {"related": local_ids(library, version["related"])}
    library.add_revision(post.id, RevisionReason.CONFLICT, author=fields["author"], note=fields["note"],
                         snapshot=snapshot, created_at=fields["at"], uid=fields["uid"])
    changed.add(post.id)
    return 1


def _bring_resolution(library, repo: pygit2.Repository, tree: pygit2.Tree, post_uid: str, comment_uid: str,
                      changed: set[int]) -> int:
    """The thread takes the state of its latest resolution event in the repository."""
    post = library.post_by_uid(post_uid)
    comment = _comment_by_uid(library, post.id, comment_uid) if post is not None else None
    if comment is None:
        return 0
    folder = layout.review_folder(post_uid)
    names = [n for n in (layout.review_name(f"{folder}/{name}") for name in files_in(tree, folder)) if n is not None]
    resolved = latest_resolution(names, comment_uid)
    if resolved is None or resolved == (comment["resolved_at"] is not None):
        return 0
    at = None
    if resolved:
        latest = max((n for n in names if n.kind == "resolved" and n.id == comment_uid), key=lambda n: n.stamp)
        path = layout.review_path(post_uid, latest.stamp, "resolved", comment_uid)
        try:
            at = read_event(path, blob_at(repo, tree, path) or b"").fields["at"]
        except ImportFileError:
            at = utc_now()
    library.update_comment(comment["id"], resolved_at=at)
    changed.add(post.id)
    return 1
