"""The post being edited and whether the library holds its latest text: dirty, saved, or failed."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Protocol

from editor.core.errors import KtavError
from editor.core.models import Post

FIRST_RETRY_MS = 1000
MAX_RETRY_MS = 30_000


class SaveState(enum.Enum):
    SAVED = "saved"
    DIRTY = "dirty"
    SAVING = "saving"
    FAILED = "failed"


class PostStore(Protocol):
    """The two Library methods a session needs (a test can hand in a small fake)."""

    def add_post(self, post: Post, author: str = "") -> Post: ...

    def save_post(self, post: Post, revision=None, author: str = "", note: str = "",
                  expected_version: str | None = None) -> Post: ...


@dataclass(frozen=True)
class SaveTicket:
    """One save under way: the post as it was when the save began, and how many edits it holds."""

    post: Post
    edits: int


class EditSession:
    """One post under edit. Edits mark it dirty; `save()` writes it in one library call.

    A post that was never stored (a new post) is stored by its first save. Each save names the
    version it started from (the post's `updated_at` as loaded or last saved), so that a library
    changed meanwhile by another window keeps that window's text as a revision. When a save fails
    the edits stay here, the error is kept for the window to show, and `retry_delay_ms()` says
    when to try again (doubling up to MAX_RETRY_MS).

    A save can also run in three steps, its write on another thread: `begin_save()` takes a
    ticket of the post as it is, `write(ticket)` stores it (touching nothing of the session), and
    `finish(ticket, stored_or_error)` takes the outcome; edits made while the write ran stay
    unsaved (DIRTY) for the next save.
    """

    def __init__(self, store: PostStore, post: Post, author: str = "") -> None:
        self._store = store
        self._post = post.copy()
        self._author = author
        self.state = SaveState.SAVED
        self.last_error: KtavError | None = None
        self.failures = 0
        self._edits = 0

    @property
    def post(self) -> Post:
        return self._post.copy()

    @property
    def post_id(self) -> int | None:
        return self._post.id

    @property
    def is_stored(self) -> bool:
        return self._post.id is not None

    @property
    def has_unsaved_changes(self) -> bool:
        return self.state in (SaveState.DIRTY, SaveState.FAILED, SaveState.SAVING)

    def update(self, **fields) -> bool:
        """Apply the writer's edits (Post field names); returns whether anything changed."""
        changed = {k: v for k, v in fields.items() if getattr(self._post, k) != v}
        if not changed:
            return False
        for name, value in changed.items():
            setattr(self._post, name, list(value) if name == "tags" else value)
        self._edits += 1
        if self.state != SaveState.FAILED:
            self.state = SaveState.DIRTY
        return True

    def adopt(self, **fields) -> None:
        """Take fields the library changed by itself (a status move) without marking edits."""
        for name, value in fields.items():
            setattr(self._post, name, value)

    def save(self) -> bool:
        """Write the post if it has unsaved edits; True once the library has committed them."""
        ticket = self.begin_save()
        if ticket is None:
            return True
        try:
            stored: Post | KtavError = self.write(ticket)
        except KtavError as error:
            stored = error
        return self.finish(ticket, stored)

    def begin_save(self) -> SaveTicket | None:
        """A ticket for saving the post as it is now (None: nothing to save)."""
        if not self.has_unsaved_changes:
            return None
        self.state = SaveState.SAVING
        return SaveTicket(self._post.copy(), self._edits)

    def write(self, ticket: SaveTicket) -> Post:
        """Store the ticket's post (any thread); raises KtavError. The session itself is not touched."""
        post = ticket.post
        if post.id is None:
            return self._store.add_post(post, author=self._author)
        return self._store.save_post(post, author=self._author, expected_version=post.updated_at or None)

    def finish(self, ticket: SaveTicket, outcome: Post | KtavError) -> bool:
        """Take a write's outcome; True when it stored the post (edits made since may still wait)."""
        if isinstance(outcome, KtavError):
            self.state = SaveState.FAILED
            self.last_error = outcome
            self.failures += 1
            return False
        self._adopt_stored(outcome)
        self.state = SaveState.SAVED if self._edits == ticket.edits else SaveState.DIRTY
        self.last_error = None
        self.failures = 0
        return True

    def retry_delay_ms(self) -> int:
        if self.failures == 0:
            return FIRST_RETRY_MS
        return min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (self.failures - 1))

    def _adopt_stored(self, stored: Post) -> None:
        # The library decides id, slug, uid, times and (when another window moved it) the status;
        # the writer's text stays as it is here. `updated_at` is the version the next save names.
        self._post.id = stored.id
        self._post.status = stored.status
        self._post.slug = stored.slug
        self._post.created_at = stored.created_at
        self._post.updated_at = stored.updated_at
