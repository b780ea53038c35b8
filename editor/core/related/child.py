"""The window's related posts answered by a process of its own, so that the index is never built or
asked on the window's interpreter.

Building the index after a join (every post analysed: seconds at 5,000 posts) or loading it, and
every question after, is pure Python and numpy: in a thread of the window's process it takes the
interpreter lock from the window's thread, and the window stalls (a sync's catch-up, a key) behind
it. `RelatedProcess` is a `RelatedService` whose questions go down a pipe to a child (the render
child's machinery, `child_process`) that opens the same library file and keeps the index
there: the library's snapshot brought up to date, or built and stored (`snapshot.kept_index`), so
the next window starts from it. The saves and removals the window tells it are sent with the next
question. A question whose child is lost is answered in the window's process, by the in-process
service, and a new child starts (from the library, which holds every change told).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from editor.core.child_process import START_TIMEOUT, RenderProcess
from editor.core.models import Post
from editor.core.related.choices import EXPORTED_RELATED, RelatedService

ANSWER_FUNCTION = "editor.core.related.child:answer"
# The related work only keeps the panel and the cards following: on a busy machine it gives way to
# the window and the sync.
NICENESS = 10
SUGGESTIONS, CHOSEN = "suggestions", "chosen"

_served: dict[tuple[str, bool], RelatedService] = {}  # in the child: the service of each library asked about


def answer(question: tuple[str, bool, str, tuple], changes: list[Post | int]) -> Any:
    """In the child: one question about the library at a path (opened read-only or not), after the
    saves (posts) and removals (ids) the window told since its last question."""
    path, read_only, kind, arguments = question
    service = _served.get((path, read_only))
    if service is None:
        from editor.core.library.store import Library

        library = Library.open(path, read_only=read_only, check_integrity=False)
        service = _served[(path, read_only)] = RelatedService(library, hold_collector=True, kept=True)
    _tell(service, changes)
    return _ask(service, kind, arguments)


def _tell(service: RelatedService, changes: list[Post | int]) -> None:
    for change in changes:
        if isinstance(change, int):
            service.post_removed(change)
        else:
            service.post_saved(change)


def _ask(service: RelatedService, kind: str, arguments: tuple) -> Any:
    if kind == SUGGESTIONS:
        post, limit, linkable_only, exclude = arguments
        return service.suggestions(post, limit, linkable_only=linkable_only, exclude=exclude)
    if kind == CHOSEN:
        post_id, count = arguments
        return service.chosen_related(post_id, count)
    raise ValueError(f"no such question about related posts: {kind!r}")


class RelatedProcess(RelatedService):
    """The window's `RelatedService`, its index in a child process (see the module). `pace` is the
    in-process service's, when it answers; `command` and `start_timeout` are the child's (tests start
    one that fails); `close()` stops it."""

    def __init__(self, library, *, pace: Callable[[], None] | None = None, command: list[str] | None = None,
                 start_timeout: float = START_TIMEOUT) -> None:
        super().__init__(library)
        self._asking = threading.Lock()  # one question at a time, with the changes told before it
        self._pace = pace
        self._here = RelatedService(library, pace=pace)  # answers when no child can
        self._here_heard_all = False  # the last question was answered here: `_here` heard every change
        self._answering_here = False
        self._process = RenderProcess(ANSWER_FUNCTION, fallback=self._answer_here, children=1, command=command,
                                      start_timeout=start_timeout, name="the related posts' process",
                                      niceness=NICENESS)

    @property
    def problem(self) -> str | None:
        """What went wrong with the child, if anything (also said on stderr)."""
        return self._process.problem

    @property
    def pids(self) -> list[int]:
        return self._process.pids

    def _question(self, kind: str, arguments: tuple) -> Any:
        with self._asking:
            with self._queue_lock:
                changes, self._queued = self._queued, []
            self._answering_here = False
            try:
                return self._process((str(self._library.path), self._library.read_only, kind, arguments), changes)
            finally:
                self._here_heard_all = self._answering_here

    def _answer_here(self, question: tuple[str, bool, str, tuple], changes: list[Post | int]) -> Any:
        if self._closed:
            return []  # the window is going: its question needs no answer
        if not self._here_heard_all:
            # the changes since it last answered went to a child: it starts again from the library,
            # which holds every one of them (an index not built yet costs nothing to drop)
            self._here.close()
            self._here = RelatedService(self._library, pace=self._pace)
        self._answering_here = True
        _tell(self._here, changes)
        return _ask(self._here, question[2], question[3])

    def suggestions(self, post: Post | int, limit: int = 8, *, linkable_only: bool = True,
                    exclude: tuple[int, ...] = ()):
        return self._question(SUGGESTIONS, (post, limit, linkable_only, tuple(exclude)))

    def chosen_related(self, post_id: int, count: int = EXPORTED_RELATED) -> list[Post]:
        return self._question(CHOSEN, (post_id, count))

    def close(self) -> None:
        """Stop the child, even in the middle of a question (which is then answered with nothing),
        and let go of what was built here."""
        super().close()
        self._process.close(kill=True)
        self._here.close()
