"""A library post as the repository's record of it, and a record stored back into the library."""

from __future__ import annotations

import datetime as dt
import re

from editor.core.errors import KtavError
from editor.core.models import Post, RevisionReason, Status
from editor.core.team.post_file import PostRecord

IMAGE_REFERENCE = re.compile(r"ktav-image:([0-9a-f]{64})")


def record_of(library, post: Post) -> PostRecord:
    assert post.id is not None
    return PostRecord(
        uid=library.post_uid(post.id), title=post.title, body=post.body, lead=post.lead, author=post.author,
        date=post.date.isoformat() if post.date else None, tags=list(post.tags), slug=post.slug,
        status=post.status.value, created=post.created_at,
        related=[library.post_uid(i) for i in library.related_choices(post.id)], trashed=post.deleted_at)


def local_record(library, uid: str) -> PostRecord | None:
    post = library.post_by_uid(uid)
    return record_of(library, post) if post is not None else None


def image_references(body: str) -> list[str]:
    return list(dict.fromkeys(IMAGE_REFERENCE.findall(body)))


def local_ids(library, uids: list[str]) -> list[int]:
    """The library ids of the posts named by uid that this library has, in order."""
    ids = []
    for uid in uids:
        post = library.post_by_uid(uid)
        if post is not None:
            ids.append(post.id)
    return ids


def snapshot_of(library, record: PostRecord) -> dict:
    """A revision's snapshot of a record (its related posts as this library's ids)."""
    return record.content() | {"related": local_ids(library, record.related)}


def store_record(library, record: PostRecord, *, author: str, note: str) -> Post:
    """Write a record into the library (a new post, or an IMPORT revision of the post it updates).

    A published post keeps its address; its place in the trash follows the record. Related posts
    are set by the caller once every post of the change is in.
    """
    post = Post(title=record.title, body=record.body, lead=record.lead, author=record.author,
                date=_date(record.date), tags=list(record.tags), slug=record.slug, status=Status(record.status),
                created_at=record.created)
    existing = library.post_by_uid(record.uid)
    if existing is None:
        stored = library.add_post(post, author=author, reason=RevisionReason.IMPORT, uid=record.uid)
    else:
        if existing.status == Status.PUBLISHED:
            post.slug = existing.slug
        stored = library.save_post(post.copy(id=existing.id), revision=RevisionReason.IMPORT, author=author, note=note)
    if record.trashed is not None and not stored.in_trash:
        library.move_to_trash(stored.id)
    elif record.trashed is None and stored.in_trash:
        library.restore_from_trash(stored.id)
    return stored


def set_related(library, post_id: int, related_uids: list[str]) -> None:
    ids = [i for i in local_ids(library, related_uids) if i != post_id]
    if ids != library.related_choices(post_id):
        library.set_related_choices(post_id, ids)


def _date(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise KtavError(f"date {text!r} is not a date", f"התאריך '{text}' אינו תקין") from error
