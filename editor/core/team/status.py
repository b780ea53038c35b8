"""Where a team library stands, for the status bar: changes waiting to be sent, conflicts to look at,
and how the last sync went."""

from __future__ import annotations

from dataclasses import dataclass

import pygit2

from editor.core.team import outbox, state
from editor.core.team.clone import LOCAL_REF, REMOTE_REF

# A post's conflict is looked at once the writer saved the post (Ctrl+S) or restored a version after it.
_OPEN_CONFLICTS = """
SELECT DISTINCT c.post_id FROM revisions c JOIN posts p ON p.id = c.post_id
WHERE c.reason = 'conflict' AND p.deleted_at IS NULL AND c.id > coalesce(
    (SELECT max(s.id) FROM revisions s WHERE s.post_id = c.post_id AND s.reason IN ('save', 'restore')), 0)
ORDER BY c.post_id
"""


@dataclass(frozen=True)
class TeamStatus:
    waiting: int  # posts changed here and commits made here, not yet sent
    conflicts: tuple[int, ...]  # ids of posts with a conflict version not looked at yet
    last: state.LastSync | None

    @property
    def offline(self) -> bool:
        return self.last is not None and self.last.offline


def conflicts_to_look_at(library) -> tuple[int, ...]:
    return tuple(row[0] for row in library.query(_OPEN_CONFLICTS))


def team_status(library) -> TeamStatus | None:
    """None for a library that is not a team library."""
    team = state.link(library)
    if team is None:
        return None
    waiting = outbox.waiting_posts(library)
    try:
        repo = pygit2.Repository(str(team.clone))
        local, remote = repo.references[LOCAL_REF].target, repo.references.get(REMOTE_REF)
        waiting += repo.ahead_behind(local, remote.target)[0] if remote is not None else 1
    except (pygit2.GitError, KeyError, OSError):
        pass  # a clone being repaired: what the library waits with is said all the same
    return TeamStatus(waiting, conflicts_to_look_at(library), state.last_sync(library))
