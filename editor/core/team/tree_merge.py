"""Merging the team's branch with this clone's: libgit2's tree merge, then each post changed on both
sides merged as a post (`post_merge`), so that no file ever holds conflict markers.

libgit2 (`Repository.merge_trees`) merges everything that is not a clash: different posts, new
review-trail files, images. A post both sides changed is then merged field by field and paragraph
by paragraph, whatever libgit2 made of it; where the same words changed on both sides ours stay,
and theirs go into the review trail as a `conflict` file that every library shows in its history.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

import pygit2

from editor.core.errors import ImportFileError
from editor.core.models import utc_now
from editor.core.team import layout
from editor.core.team.from_tree import ADDED, DELETED, read_post, uid_of_path
from editor.core.team.history import changes_between
from editor.core.team.post_file import PostRecord, to_text
from editor.core.team.post_merge import merge_posts
from editor.core.team.review_files import ReviewFile, comment_file, conflict_file
from editor.core.team.text_merge import BodyMerger
from editor.core.team.tree_edit import BLOB, changes, empty_tree, paths_under, tree_of

KEPT_NOTE = ("הפוסט הועבר לאשפה (או נמחק) בספרייה אחת ונערך באחרת, ולכן נשאר בספרייה עם השינויים. "
             "אם צריך, אפשר להעביר אותו לאשפה שוב.")


@dataclass
class TreeMerge:
    tree: pygit2.Oid
    conflicts: int = 0
    kept: int = 0  # posts trashed or deleted on one side and changed on the other, kept
    problems: list[ImportFileError] = field(default_factory=list)


def _changed_uids(repo: pygit2.Repository, old: pygit2.Tree, new: pygit2.Tree) -> dict[str, list[str]]:
    """The posts a side changed, with the post-file paths it touched."""
    found: dict[str, list[str]] = {}
    for delta in changes(old, new):
        if delta.status != ADDED and layout.is_post_path(delta.old_file.path):
            found.setdefault(uid_of_path(repo, old, delta.old_file.path), []).append(delta.old_file.path)
        if delta.status != DELETED and layout.is_post_path(delta.new_file.path):
            found.setdefault(uid_of_path(repo, new, delta.new_file.path), []).append(delta.new_file.path)
    return found


def merge_commits(repo: pygit2.Repository, ours: pygit2.Oid, theirs: pygit2.Oid, *, bodies: BodyMerger,
                  our_name: str) -> TreeMerge:
    found_base = repo.merge_base(ours, theirs)
    base = tree_of(repo, found_base) if found_base is not None else empty_tree(repo)
    ours_tree, theirs_tree = tree_of(repo, ours), tree_of(repo, theirs)
    index = repo.merge_trees(base, ours_tree, theirs_tree, flags=pygit2.enums.MergeFlag(0))
    ours_changed, theirs_changed = _changed_uids(repo, base, ours_tree), _changed_uids(repo, base, theirs_tree)
    both = set(ours_changed) & set(theirs_changed)
    for path in _conflicted_paths(index):
        if not layout.is_post_path(path):
            _keep_one_side(index, path)
    result = TreeMerge(tree=pygit2.Oid(raw=b"\0" * 20))
    their_changes = changes_between(repo, found_base, theirs)
    trees = (base, ours_tree, theirs_tree)
    for uid in sorted(both):
        paths = set(ours_changed[uid]) | set(theirs_changed[uid])
        theirs_name = their_changes[uid].author if uid in their_changes else ""
        _merge_one(repo, index, uid, paths, trees, bodies, our_name, theirs_name, result)
    for path in _conflicted_paths(index):  # clashes of files that are not named like posts
        _keep_one_side(index, path)
    result.tree = index.write_tree(repo)
    return result


def _conflicted_paths(index: pygit2.Index) -> list[str]:
    if index.conflicts is None:
        return []
    paths = []
    for ancestor, ours, theirs in index.conflicts:
        entry = ours or theirs or ancestor
        paths.append(entry.path)
    return paths


def _keep_one_side(index: pygit2.Index, path: str) -> None:
    """A clash outside the posts (a review-trail file or image added twice): ours if we have it, else theirs."""
    ancestor, ours, theirs = index.conflicts[path]
    del index.conflicts[path]
    kept = ours or theirs
    if kept is not None:
        index.add(pygit2.IndexEntry(path, kept.id, kept.mode))


def _side(repo: pygit2.Repository, tree: pygit2.Tree, paths: set[str], uid: str) -> PostRecord | None:
    for path in sorted(paths):
        record = read_post(repo, tree, path)
        if record is not None and record.uid == uid:
            return record
    return None


def _merge_one(repo, index: pygit2.Index, uid: str, paths: set[str], trees, bodies: BodyMerger,
               our_name: str, their_name: str, result: TreeMerge) -> None:
    base_tree, ours_tree, theirs_tree = trees
    try:
        base = _side(repo, base_tree, paths, uid)
    except ImportFileError:
        base = None
    try:
        ours, theirs = _side(repo, ours_tree, paths, uid), _side(repo, theirs_tree, paths, uid)
    except ImportFileError as error:  # a broken file on one side: libgit2's result, ours where it clashed
        result.problems.append(error)
        clashing = set(_conflicted_paths(index))
        for path in paths & clashing:
            _keep_one_side(index, path)
        return
    for path in paths:
        _drop(index, path)
    if ours is None and theirs is None:
        return
    if ours is None or theirs is None:
        kept, keeper_tree = (theirs, theirs_tree) if theirs is not None else (ours, ours_tree)
        assert kept is not None
        if kept.same_as(base):
            return  # deleted on one side, unchanged on the other
        _put(repo, index, layout.post_path(uid, kept.slug), to_text(kept))
        _restore_review(repo, index, keeper_tree, uid)
        _put_review(repo, index, _note(uid, our_name))
        result.kept += 1
        return
    merged = merge_posts(base, ours, theirs, bodies)
    _put(repo, index, layout.post_path(uid, merged.record.slug), to_text(merged.record))
    if merged.conflict:
        version = theirs.content() | {"related": list(theirs.related)}
        note = (f"הגרסה של {their_name or 'הצד השני'}: אותן מילים שונו גם אצל {our_name}, "
                f"והגרסה של {our_name} נשארה בפוסט")
        _put_review(repo, index, conflict_file(uid, uuid.uuid4().hex, utc_now(), their_name, note, version))
        result.conflicts += 1
    if merged.kept_from_trash:
        _put_review(repo, index, _note(uid, our_name))
        result.kept += 1


def _drop(index: pygit2.Index, path: str) -> None:
    if index.conflicts is not None and path in set(_conflicted_paths(index)):
        del index.conflicts[path]
    if path in index:
        index.remove(path)


def _put(repo: pygit2.Repository, index: pygit2.Index, path: str, text: str) -> None:
    index.add(pygit2.IndexEntry(path, repo.create_blob(text.encode("utf-8")), BLOB))


def _put_review(repo: pygit2.Repository, index: pygit2.Index, file: ReviewFile) -> None:
    _put(repo, index, file.path, file.text)


def _restore_review(repo: pygit2.Repository, index: pygit2.Index, tree: pygit2.Tree, uid: str) -> None:
    """The review trail of a post kept after the other side deleted it comes back with it."""
    for path in paths_under(tree, layout.review_folder(uid)):
        if path not in index:
            index.add(pygit2.IndexEntry(path, tree[path].id, BLOB))


def _note(uid: str, author: str) -> ReviewFile:
    comment = {"uid": uuid.uuid4().hex, "author": author, "body": KEPT_NOTE, "quote": "", "paragraph": 0,
               "anchor": None, "created_at": utc_now()}
    return comment_file(uid, comment, None)
