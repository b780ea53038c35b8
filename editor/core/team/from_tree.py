"""Bringing a change of the team repository (one tree to the next) into the library.

Each post the change touched is merged with the library's copy against the version the library
last had from the repository (`post_merge`): edits kept only in this library (autosaves not yet
committed) stay, what the others changed comes in. Review-trail files are added once each. A
file that cannot be read is reported by its name and skipped; the rest comes in all the same.
The caller holds the library's transaction.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass

import pygit2

from editor.core.errors import ImportFileError, KtavError
from editor.core.models import RevisionReason
from editor.core.team import layout
from editor.core.team.history import Change, reason_label_he
from editor.core.team.library_records import image_references, local_record, set_related, snapshot_of, store_record
from editor.core.team.outcome import Brought
from editor.core.team.post_file import PostRecord, from_text
from editor.core.team.post_merge import merge_posts
from editor.core.team.review_trail import bring_review_events
from editor.core.team.text_merge import BodyMerger
from editor.core.team.tree_edit import blob_at, empty_tree, files_in
from editor.core.team.tree_edit import changes as tree_changes

DELETED, ADDED = pygit2.enums.DeltaStatus.DELETED, pygit2.enums.DeltaStatus.ADDED
CONFLICT_NOTE = "גרסה מהספרייה המשותפת ששינתה את אותן מילים; הגרסה שלך נשארה בפוסט"
FROM_TEAM_NOTE = "מהספרייה המשותפת"


@dataclass
class _Sides:
    old: str | None = None
    new: str | None = None


def hand_made_uid(path: str) -> str:
    """The uid of a post file added by hand without one: the same in every library."""
    return uuid.uuid5(uuid.NAMESPACE_URL, "ktav-team:" + path).hex


def read_post(repo: pygit2.Repository, tree: pygit2.Tree | None, path: str) -> PostRecord | None:
    data = blob_at(repo, tree, path)
    if data is None:
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(path, f"is not UTF-8 text (invalid byte at position {error.start})",
                              "הקובץ אינו בקידוד UTF-8") from None
    return from_text(text, path, uid=layout.uid_of_post_path(path), default_uid=hand_made_uid(path))


def uid_of_path(repo: pygit2.Repository, tree: pygit2.Tree, path: str) -> str:
    uid = layout.uid_of_post_path(path)
    if uid is not None:
        return uid
    try:
        record = read_post(repo, tree, path)
    except ImportFileError:
        record = None
    return record.uid if record is not None else hand_made_uid(path)


def bring_in(library, repo: pygit2.Repository, old: pygit2.Tree | None, new: pygit2.Tree, *,
             bodies: BodyMerger, changes: dict[str, Change]) -> Brought:
    brought = Brought()
    base_tree = old if old is not None else empty_tree(repo)
    posts: dict[str, _Sides] = {}
    review_paths: list[str] = []
    for delta in tree_changes(base_tree, new):
        if delta.status != ADDED and layout.is_post_path(delta.old_file.path):
            posts.setdefault(uid_of_path(repo, base_tree, delta.old_file.path), _Sides()).old = delta.old_file.path
        if delta.status == DELETED:
            continue
        path = delta.new_file.path
        if layout.is_post_path(path):
            posts.setdefault(uid_of_path(repo, new, path), _Sides()).new = path
        elif path.startswith(layout.REVIEW + "/"):
            review_paths.append(path)
    stored: dict[str, PostRecord] = {}
    for uid in sorted(posts):
        record = _bring_post(library, repo, old, new, uid, posts[uid], bodies, changes.get(uid), brought)
        if record is not None:
            stored[uid] = record
    for uid, record in stored.items():
        post = library.post_by_uid(uid)
        assert post is not None and post.id is not None
        set_related(library, post.id, record.related)
        _bring_images(library, repo, new, record, brought)
    bring_review_events(library, repo, new, review_paths, brought)
    return brought


def _bring_post(library, repo, old, new, uid: str, sides: _Sides, bodies: BodyMerger, change: Change | None,
                brought: Brought) -> PostRecord | None:
    """Merge one post's change into the library; the record now stored, or None when nothing was."""
    try:
        base = read_post(repo, old, sides.old) if sides.old else None
    except ImportFileError:
        base = None  # a broken old version: the two sides are merged without it
    try:
        theirs = read_post(repo, new, sides.new) if sides.new else None
    except ImportFileError as error:
        brought.problems.append(error)
        return None
    ours = local_record(library, uid)
    if theirs is None:
        if ours is not None and ours.trashed is None and ours.same_as(base):
            post = library.post_by_uid(uid)
            library.move_to_trash(post.id)  # deleted for good over there: kept in this library's trash
            brought.changed.add(post.id)
        return None
    author = change.author if change else theirs.author
    note = FROM_TEAM_NOTE + (f" ({reason_label_he(change.reason)})" if change else "")
    if ours is None:
        result = theirs
    else:
        merged = merge_posts(base, ours, theirs, bodies)
        result = merged.record
        if merged.conflict:
            post = library.post_by_uid(uid)
            library.add_revision(post.id, RevisionReason.CONFLICT, author=author, note=CONFLICT_NOTE,
                                 snapshot=snapshot_of(library, theirs))
            brought.conflicts += 1
            brought.changed.add(post.id)
        if result.same_as(ours):
            return None
    try:
        with library.transaction():  # one post's write, undone whole if it cannot be made
            post = store_record(library, result, author=author, note=note)
    except KtavError as error:
        brought.problems.append(ImportFileError(sides.new or uid, error.message, error.message_he))
        return None
    assert post.id is not None
    brought.changed.add(post.id)
    if ours is None:
        brought.created += 1
    else:
        brought.updated += 1
    return result


def _bring_images(library, repo: pygit2.Repository, tree: pygit2.Tree, record: PostRecord, brought: Brought) -> None:
    for sha in image_references(record.body):
        if library.has_image(sha):
            continue
        folder = layout.image_folder(sha)
        names = [n for n in files_in(tree, folder) if n.startswith(sha + ".")]
        if not names:
            continue  # a picture whose file never reached the repository: the post shows it as missing
        path = f"{folder}/{names[0]}"
        data = blob_at(repo, tree, path) or b""
        if hashlib.sha256(data).hexdigest() != sha:
            brought.problems.append(ImportFileError(path, "the image's bytes do not match its name (its SHA-256)",
                                                    "תוכן התמונה אינו תואם את שמה (SHA-256)"))
            continue
        try:
            library.add_image(data, filename=names[0])
        except KtavError as error:
            brought.problems.append(ImportFileError(path, error.message, error.message_he))
