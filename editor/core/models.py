"""The values the core passes around: posts, statuses, revisions, images and comments."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field, replace


class Status(enum.StrEnum):
    """Where a post stands in the editorial workflow (stored and typed on the command line as is)."""

    DRAFT = "draft"
    IN_REVIEW = "in_review"
    CHANGES_REQUESTED = "changes_requested"
    APPROVED = "approved"
    PUBLISHED = "published"

    @property
    def label_he(self) -> str:
        return _STATUS_LABELS_HE[self]

    @classmethod
    def parse(cls, text: str) -> Status:
        """A status from its name, a Hebrew label or a short form (review, changes)."""
        key = text.strip().lower().replace("-", "_").replace(" ", "_")
        key = _STATUS_ALIASES.get(key, key)
        for status in cls:
            if key == status.value or text.strip() == status.label_he:
                return status
        names = ", ".join(s.value for s in cls)
        raise ValueError(f"unknown status {text!r} (one of: {names})")


_STATUS_LABELS_HE = {
    Status.DRAFT: "טיוטה",
    Status.IN_REVIEW: "בבדיקה",
    Status.CHANGES_REQUESTED: "נדרשים שינויים",
    Status.APPROVED: "מאושר",
    Status.PUBLISHED: "פורסם",
}
_STATUS_ALIASES = {"review": "in_review", "changes": "changes_requested"}

def stored_id(post: Post) -> int:
    """The id of a post the library holds (a new post, not stored yet, has none: a ValueError)."""
    if post.id is None:
        raise ValueError(f"the post {post.title!r} is not stored in a library")
    return post.id


def utc_now() -> str:
    """Now, as every time in the library is written: UTC, ISO-8601 (2026-11-27T03:16:12.000000Z)."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


# Posts in these statuses may be linked from other posts and exported in a batch.
LINKABLE_STATUSES = frozenset({Status.APPROVED, Status.PUBLISHED})


def is_linkable(post: Post) -> bool:
    """Whether other posts may link to this one: approved or published, and not in the trash."""
    return post.status in LINKABLE_STATUSES and not post.in_trash


@dataclass
class Post:
    """One blog post. `id` is None until the library stores it."""

    title: str
    body: str = ""
    lead: str = ""
    author: str = ""
    date: dt.date | None = None
    tags: list[str] = field(default_factory=list)
    slug: str = ""
    status: Status = Status.DRAFT
    id: int | None = None
    created_at: str = ""
    updated_at: str = ""
    deleted_at: str | None = None

    @property
    def in_trash(self) -> bool:
        return self.deleted_at is not None

    def copy(self, **changes) -> Post:
        changes.setdefault("tags", list(self.tags))
        return replace(self, **changes)

    def content_fields(self) -> dict:
        """What a writer edits: compared by revisions, bundles and the import round trip."""
        return {
            "title": self.title,
            "lead": self.lead,
            "body": self.body,
            "author": self.author,
            "date": self.date.isoformat() if self.date else None,
            "tags": list(self.tags),
            "slug": self.slug,
            "status": self.status.value,
        }


@dataclass(frozen=True)
class PostSummary:
    """A row of the post list."""

    id: int
    slug: str
    title: str
    status: Status
    date: dt.date | None
    updated_at: str
    word_count: int
    lead: str = ""
    deleted_at: str | None = None


class RevisionReason(enum.StrEnum):
    CREATE = "create"
    SAVE = "save"
    STATUS = "status"
    IMPORT = "import"
    RESTORE = "restore"
    CONFLICT = "conflict"  # a bundle's version of a post changed on both sides, kept beside the local one
    OVERWRITTEN = "overwritten"  # the stored text a save replaced without having loaded it (another window)

    @property
    def label_he(self) -> str:
        return {
            "create": "יצירה",
            "save": "שמירה",
            "status": "שינוי סטטוס",
            "import": "ייבוא",
            "restore": "שחזור",
            "conflict": "גרסה מתנגשת",
            "overwritten": "גרסה שנדרסה",
        }[self.value]


@dataclass(frozen=True)
class Revision:
    """A snapshot of a post's content at a moment, with who made it and why."""

    id: int
    post_id: int
    created_at: str
    author: str
    reason: RevisionReason
    note: str
    snapshot: dict  # Post.content_fields() plus "related": [post ids]


@dataclass(frozen=True)
class Image:
    """An image stored in the library; Markdown refers to it as `ktav-image:<sha256>`."""

    id: int
    sha256: str
    mime: str
    filename: str
    width: int | None
    height: int | None
    data: bytes = field(repr=False, default=b"")

    @property
    def uri(self) -> str:
        return f"ktav-image:{self.sha256}"
