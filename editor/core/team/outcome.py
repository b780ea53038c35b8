"""What bringing a change of the team repository into the library did (counted as it goes)."""

from __future__ import annotations

from dataclasses import dataclass, field

from editor.core.errors import ImportFileError


@dataclass
class Brought:
    changed: set[int] = field(default_factory=set)  # library ids of the posts it touched
    created: int = 0
    updated: int = 0
    conflicts: int = 0  # versions kept as conflict revisions
    review_events: int = 0
    problems: list[ImportFileError] = field(default_factory=list)
