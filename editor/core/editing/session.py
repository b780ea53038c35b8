"""The post being edited and whether the library holds its latest text: dirty, saved, or failed."""

from __future__ import annotations

import enum
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


class EditSession:
    """One post under edit. Edits mark it dirty; `save()` writes it in one library call.

    A post that was never stored (a new post) is stored by its first save. Each save names the
    version it started from (the post's `updated_at` as loaded or last saved), so that a library
    changed meanwhile by another window keeps that window's text as a revision. When a save fails
    the edits stay here, the error is kept for the window to show, and `retry_delay_ms()` says
    when to try again (doubling up to MAX_RETRY_MS).
    """

    def __init__(self, store: PostStore, post: Post, author: str = "") -> None:
        self._store = store
        self._post = post.copy()
        self._author = author
        self.state = SaveState.SAVED
        self.last_error: KtavError | None = None
        self.failures = 0

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
        if self.state != SaveState.FAILED:
            self.state = SaveState.DIRTY
        return True

    def adopt(self, **fields) -> None:
        """Take fields the library changed by itself (a status move) without marking edits."""
        for name, value in fields.items():
            setattr(self._post, name, value)

    def save(self) -> bool:
        """Write the post if it has unsaved edits; True once the library has committed them."""
        if not self.has_unsaved_changes:
            return True
        self.state = SaveState.SAVING
        try:
            if self._post.id is None:
                stored = self._store.add_post(self._post, author=self._author)
            else:
                stored = self._store.save_post(self._post, author=self._author,
                                               expected_version=self._post.updated_at or None)
        except KtavError as error:
            self.state = SaveState.FAILED
            self.last_error = error
            self.failures += 1
            return False
        self._adopt_stored(stored)
        self.state = SaveState.SAVED
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
