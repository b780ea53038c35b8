"""Editorial review: the status workflow, comments anchored to paragraphs, and restoring a revision."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from editor.core.errors import KtavError, StatusTransitionError
from editor.core.models import Post, RevisionReason, Status, utc_now
from editor.core.review import anchors
from editor.core.review.anchors import Anchor, Location
from editor.core.text import hebrew

# Where a post may go from each status. Every status can go back to draft.
ALLOWED_MOVES: dict[Status, tuple[Status, ...]] = {
    Status.DRAFT: (Status.IN_REVIEW,),
    Status.IN_REVIEW: (Status.CHANGES_REQUESTED, Status.APPROVED, Status.DRAFT),
    Status.CHANGES_REQUESTED: (Status.IN_REVIEW, Status.DRAFT),
    Status.APPROVED: (Status.PUBLISHED, Status.CHANGES_REQUESTED, Status.DRAFT),
    Status.PUBLISHED: (Status.DRAFT,),
}

USER_NAME_SETTING = "user_name"


def allowed_moves(status: Status) -> tuple[Status, ...]:
    return ALLOWED_MOVES[Status(status)]


def can_move(old: Status, new: Status) -> bool:
    return Status(new) in allowed_moves(old)


def change_status(library, post_id: int, new_status: Status, author: str, note: str = "") -> Post:
    """Move a post to `new_status` if the workflow allows it; recorded with who, when, note and a revision."""
    new_status = Status(new_status)
    with library.transaction():
        post = library.get_post(post_id)
        if not can_move(post.status, new_status):
            raise _refusal(post.status, new_status)
        return library.set_status(post_id, new_status, author=author, note=note)


def _refusal(old: Status, new: Status) -> StatusTransitionError:
    allowed = allowed_moves(old)
    if old == new:
        return StatusTransitionError(f"the post is already {old.value}", f"הפוסט כבר במצב „{old.label_he}”")
    return StatusTransitionError(
        f"a post cannot move from {old.value} to {new.value}"
        f" (from {old.value} it can move to: {', '.join(s.value for s in allowed)})",
        f"אי אפשר להעביר פוסט מ„{old.label_he}” ל„{new.label_he}”"
        f" (מ„{old.label_he}” אפשר להעביר ל: {', '.join(s.label_he for s in allowed)})",
    )


def user_name(library) -> str:
    """The name recorded on comments and status changes; empty until the user gives it."""
    return str(library.get_setting(USER_NAME_SETTING, "") or "").strip()


def set_user_name(library, name: str) -> None:
    name = name.strip()
    if not name:
        raise KtavError("a name is needed to sign comments and status changes",
                        "יש להזין שם כדי לחתום על הערות ושינויי סטטוס")
    library.set_setting(USER_NAME_SETTING, name)


# -- comments ------------------------------------------------------------------------------


@dataclass
class CommentThread:
    """A comment with its replies and where its quote lies in the body now (None: orphaned)."""

    comment: dict
    location: Location | None
    replies: list[dict] = field(default_factory=list)

    @property
    def id(self) -> int:
        return self.comment["id"]

    @property
    def orphaned(self) -> bool:
        return self.location is None

    @property
    def resolved(self) -> bool:
        return self.comment["resolved_at"] is not None


def add_comment(library, post_id: int, author: str, text: str, *, quote: str = "",
                paragraph: int | None = None, body: str | None = None) -> int:
    """A comment on `quote` (the selected text) near `paragraph`; no quote: the whole paragraph."""
    text = _comment_text(text)
    if body is None:
        body = library.get_post(post_id).body
    if anchors.split_paragraphs(body):
        anchor = anchors.make_anchor(body, quote or "", paragraph) if quote.strip() else _whole(body, paragraph)
        quote_shown = quote.strip() if quote.strip() else anchor.quote
        return library.add_comment(post_id, author, text, quote=quote_shown, paragraph=anchor.paragraph,
                                   anchor=anchor.to_dict())
    return library.add_comment(post_id, author, text, quote=quote.strip(), paragraph=0)


def add_comment_at(library, post_id: int, author: str, text: str, start: int, end: int,
                   body: str | None = None) -> int:
    """A comment on the body's characters [start, end), as selected in the source editor."""
    text = _comment_text(text)
    if body is None:
        body = library.get_post(post_id).body
    anchor = anchors.anchor_at(body, start, end)
    return library.add_comment(post_id, author, text, quote=anchor.quote, paragraph=anchor.paragraph,
                               anchor=anchor.to_dict())


def _whole(body: str, paragraph: int | None) -> Anchor:
    paragraphs = anchors.split_paragraphs(body)
    chosen = paragraphs[min(max(paragraph or 0, 0), len(paragraphs) - 1)]
    return anchors.anchor_at(body, chosen.start, chosen.end)


def _comment_text(text: str) -> str:
    if not text.strip():
        raise KtavError("a comment cannot be empty", "הערה אינה יכולה להיות ריקה")
    return text.strip()


def reply(library, post_id: int, parent_id: int, author: str, text: str) -> int:
    """A reply in the thread of comment `parent_id` (a reply to a reply joins the same thread)."""
    by_id = {c["id"]: c for c in library.comments(post_id)}
    if parent_id not in by_id:
        raise KtavError(f"no comment {parent_id} on post {post_id}", "ההערה אינה קיימת")
    root = _thread_root(by_id, parent_id)
    return library.add_comment(post_id, author, _comment_text(text), parent_id=root,
                               quote="", paragraph=by_id[root]["paragraph"])


def _thread_root(by_id: dict[int, dict], comment_id: int) -> int:
    seen = set()
    while by_id[comment_id]["parent_id"] is not None and comment_id not in seen:
        seen.add(comment_id)
        comment_id = by_id[comment_id]["parent_id"]
    return comment_id


def resolve(library, comment_id: int) -> None:
    """Mark a comment thread as resolved (it stays, shown as done)."""
    library.update_comment(comment_id, resolved_at=utc_now())


def reopen(library, comment_id: int) -> None:
    library.update_comment(comment_id, resolved_at=None)


def comments_with_locations(library, post_id: int, body: str | None = None) -> list[CommentThread]:
    """The post's comment threads, located in `body` (default: as saved), in reading order.

    Orphaned threads (their text is gone) come last, oldest first.
    """
    if body is None:
        body = library.get_post(post_id).body
    comments = library.comments(post_id)
    by_id = {c["id"]: c for c in comments}
    threads: dict[int, CommentThread] = {}
    for comment in comments:
        if comment["parent_id"] is None:
            anchor = Anchor.from_dict(comment["anchor"], comment["quote"], comment["paragraph"])
            location = anchors.resolve(anchor, body) if anchor.quote.strip() else None
            threads[comment["id"]] = CommentThread(comment, location)
    for comment in comments:
        if comment["parent_id"] is not None and comment["parent_id"] in by_id:
            root = _thread_root(by_id, comment["id"])
            if root in threads:
                threads[root].replies.append(comment)
    placed = sorted((t for t in threads.values() if t.location),
                    key=lambda t: (t.location.start, t.location.end, t.id) if t.location else (0, 0, t.id))
    orphans = [t for t in threads.values() if not t.location]
    return placed + orphans


def refresh_anchors(library, post_id: int, body: str | None = None) -> int:
    """Re-anchor comments to the body as it is now (after an explicit save), so that they keep
    following their text through many small edits; returns how many anchors moved."""
    if body is None:
        body = library.get_post(post_id).body
    moved = 0
    with library.transaction():
        for thread in comments_with_locations(library, post_id, body):
            if thread.location is None:
                continue
            fresh = anchors.anchor_at(body, thread.location.start, thread.location.end).to_dict()
            if fresh != thread.comment["anchor"]:
                library.update_comment(thread.id, anchor=fresh, paragraph=fresh["paragraph"])
                moved += 1
    return moved


# -- restore -------------------------------------------------------------------------------

RESTORED_FIELDS = ("title", "lead", "body", "author", "tags", "slug")


def restore_revision(library, revision_id: int, author: str) -> Post:
    """Bring back a revision's content as a new save (a RESTORE revision): nothing is lost.

    The status stays where it is (restoring words is not a review decision); a published post
    keeps its address.
    """
    revision = library.get_revision(revision_id)
    snapshot = revision.snapshot
    with library.transaction():
        post = library.get_post(revision.post_id)
        restored = post.copy()
        for name in RESTORED_FIELDS:
            if name in snapshot:
                setattr(restored, name, list(snapshot[name]) if name == "tags" else snapshot[name])
        if "date" in snapshot:
            restored.date = dt.date.fromisoformat(snapshot["date"]) if snapshot["date"] else None
        if post.status == Status.PUBLISHED:
            restored.slug = post.slug
        if "related" in snapshot:
            library.set_related_choices(post.id, [i for i in snapshot["related"] if _exists(library, i)])
        note = f"שוחזרה הגרסה מ-{hebrew.readable_time(revision.created_at)} ({revision.reason.label_he})"
        return library.save_post(restored, revision=RevisionReason.RESTORE, author=author, note=note)


def _exists(library, post_id: int) -> bool:
    try:
        library.get_post(post_id)
    except KtavError:
        return False
    return True
