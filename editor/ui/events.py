"""What happens on the desk, said once for every view that cares: the one place views learn of changes.

    events.libraryChanged(LibraryChange)   # posts added, updated or removed by an action (an import,
                                           #   a bundle, a restore, the trash): lists, search, related
                                           #   suggestions and the open post catch up
    events.postStored(Post)                # the open post's text is committed (autosave, Ctrl+S,
                                           #   a status move): its row and its related index follow
    events.message(str)                    # a line for the status bar (interface language)
    events.problem(str)                    # something was refused: why, in the interface language
    events.openRequested(int)              # show this post (one a bundle brought, say)
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal


@dataclass(frozen=True)
class LibraryChange:
    """Which posts changed; `everything` when too many to say (samples loaded, trash emptied);
    `blog_words` unless the change surely left the blog's spelling words as they were (a team sync
    never brings them: bundles do)."""

    changed: tuple[int, ...] = ()
    removed: tuple[int, ...] = ()
    everything: bool = False
    blog_words: bool = True

    def touches(self, post_id: int | None) -> bool:
        return post_id is not None and (self.everything or post_id in self.changed or post_id in self.removed)


class DeskEvents(QObject):
    libraryChanged = Signal(object)
    postStored = Signal(object)
    message = Signal(str)
    problem = Signal(str)
    openRequested = Signal(int)

    def posts_changed(self, *post_ids: int, blog_words: bool = True) -> None:
        self.libraryChanged.emit(LibraryChange(changed=tuple(post_ids), blog_words=blog_words))

    def posts_removed(self, *post_ids: int) -> None:
        self.libraryChanged.emit(LibraryChange(removed=tuple(post_ids)))

    def all_changed(self) -> None:
        self.libraryChanged.emit(LibraryChange(everything=True))
