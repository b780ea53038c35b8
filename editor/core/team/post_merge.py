"""Merging two versions of one post against the version they both started from, field by field.

    title, lead, author, date, slug   changed on one side: that side's; on both, differently: ours,
                                      and the merge is a conflict (theirs is kept as a revision)
    body                              paragraph by paragraph (text_merge); the same paragraph changed
                                      on both sides: ours, and a conflict
    tags, related                     as sets: what either side added or removed
    status                            changed on both sides: ours (both moves stay in the review trail)
    trash                             one side put the post in the trash while the other changed it:
                                      the post stays out of the trash, with a note
Nothing is dropped: a word only ours holds is in the result, one only theirs holds is in the result
or in the conflict revision.
"""

from __future__ import annotations

from dataclasses import dataclass

from editor.core.team.post_file import PostRecord
from editor.core.team.text_merge import BodyMerger

WORD_FIELDS = ("title", "lead", "author", "date", "slug")
SET_FIELDS = ("tags", "related")
CONTENT_FIELDS = (*WORD_FIELDS, *SET_FIELDS, "status", "body")


@dataclass(frozen=True)
class MergedPost:
    record: PostRecord
    conflict: bool = False  # words changed on both sides: `theirs` is to be kept as a conflict revision
    kept_from_trash: bool = False  # trashed on one side and changed on the other: kept, with a note


def merge_posts(base: PostRecord | None, ours: PostRecord, theirs: PostRecord, bodies: BodyMerger) -> MergedPost:
    if ours.same_as(theirs) or (base is not None and theirs.same_as(base)):
        return MergedPost(ours)
    if base is not None and ours.same_as(base):
        return MergedPost(theirs.copy(uid=ours.uid))
    conflict = False
    merged = ours.copy()
    for name in WORD_FIELDS:
        value, clash = _three_way(getattr(base, name) if base else None, getattr(ours, name), getattr(theirs, name))
        setattr(merged, name, value)
        conflict = conflict or clash
    for name in SET_FIELDS:
        setattr(merged, name, _set_merge(getattr(base, name) if base else [], getattr(ours, name), getattr(theirs, name)))
    merged.status, _ = _three_way(base.status if base else None, ours.status, theirs.status)
    body = bodies.merge(base.body if base else None, ours.body, theirs.body)
    merged.body = body.text
    conflict = conflict or body.conflict
    merged.created = ours.created or theirs.created
    merged.trashed, kept = _trash(base, ours, theirs)
    return MergedPost(merged, conflict, kept)


def _three_way(base, ours, theirs):
    """(value, whether both sides changed it differently)."""
    if ours == theirs or theirs == base:
        return ours, False
    if ours == base:
        return theirs, False
    return ours, True


def _set_merge(base: list[str], ours: list[str], theirs: list[str]) -> list[str]:
    removed_there = set(base) - set(theirs)
    kept = [item for item in ours if item not in removed_there]
    added_there = [item for item in theirs if item not in base and item not in kept]
    return kept + added_there


def _changed(record: PostRecord, base: PostRecord | None) -> bool:
    return base is None or any(getattr(record, name) != getattr(base, name) for name in CONTENT_FIELDS)


def _trash(base: PostRecord | None, ours: PostRecord, theirs: PostRecord) -> tuple[str | None, bool]:
    """The merged trash state, and whether a trashing was undone because the other side changed the post."""
    was = base is not None and base.trashed is not None
    ours_in, theirs_in = ours.trashed is not None, theirs.trashed is not None
    if ours_in == theirs_in:
        return ours.trashed, False
    if ours_in != was:  # we moved it (into or out of the trash); they did not
        if ours_in and _changed(theirs, base):
            return None, True
        return ours.trashed, False
    if theirs_in and _changed(ours, base):
        return None, True
    return theirs.trashed, False
