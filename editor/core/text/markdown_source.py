"""Line-level facts about Markdown source for the editor: code fences, links and each line's direction."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from editor.core.text.hebrew import script_counts, text_direction
from editor.core.text.line_edit import spaced_window

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
# Parts of a line a reader of the published page never sees as text.
LINK_TARGET = re.compile(r"\]\([^)\n]*\)")  # the target of a link or image, from its "]"
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:\s*\S+.*$")
_ANGLE = re.compile(r"<[^<>\n]*>")
# [text](address "title") and ![alt](address): the address may hold one level of parentheses.
_LINK = re.compile(
    r"(?P<open>!?\[)(?P<text>[^\[\]\n]*)\]"
    r"(?P<target>\((?P<address><[^<>\n]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)"
    r"(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\s*\))"
)


@dataclass(frozen=True)
class Fence:
    char: str
    length: int


def fence_opening(line: str) -> Fence | None:
    """The fence a line opens (```python, ~~~), or None; a backtick fence's info has no backtick."""
    match = _FENCE.match(line)
    if not match:
        return None
    marker, info = match.groups()
    if marker[0] == "`" and "`" in info:
        return None
    return Fence(marker[0], len(marker))


def closes_fence(line: str, fence: Fence) -> bool:
    """Whether `line` closes `fence`: the same character, at least as long, nothing after it."""
    match = _FENCE.match(line)
    if not match:
        return False
    marker, rest = match.groups()
    return marker[0] == fence.char and len(marker) >= fence.length and not rest.strip()


@dataclass(frozen=True)
class Link:
    """A link or an image in a line; indices into the line."""

    start: int  # the "[" (or the "!" of an image)
    text_start: int
    text_end: int  # the "]"
    target_start: int  # the "(" of "(address ...)"
    end: int  # just after the ")"
    address: str
    is_image: bool

    def contains(self, position: int) -> bool:
        """Whether a caret at `position` is inside the link (not just touching its ends)."""
        return self.start < position < self.end


def links(line: str) -> list[Link]:
    """The inline links and images of a line, in order."""
    found = []
    for match in _LINK.finditer(line):
        found.append(Link(
            start=match.start(),
            text_start=match.start("text"),
            text_end=match.end("text"),
            target_start=match.start("target"),
            end=match.end(),
            address=match.group("address").strip("<>"),
            is_image=match.group("open") == "![",
        ))
    return found


def short_address(address: str) -> str:
    """What a folded address shows: the site's name (gov.il), the e-mail, the anchor, the file name."""
    if address.startswith("mailto:"):
        return address[len("mailto:"):]
    if address.startswith("#"):
        return address
    parts = urlsplit(address)
    if parts.netloc:
        host = parts.hostname or parts.netloc
        return host[4:] if host.startswith("www.") else host
    name = parts.path.rstrip("/").rsplit("/", 1)[-1]
    return name or address


class FenceTracker:
    """Follows fenced code blocks line by line: `is_code(line)` for each line in order says whether
    it belongs to a fenced block (its fence lines included). One home for the fence rules: the
    editor's highlighter, anchors, the render's limits and the related-posts analyzer all use them."""

    def __init__(self) -> None:
        self.open: Fence | None = None

    def is_code(self, line: str) -> bool:
        if self.open is not None:
            if closes_fence(line, self.open):
                self.open = None
            return True
        self.open = fence_opening(line)
        return self.open is not None


def without_code(text: str) -> str:
    """The text with its fenced code blocks' lines emptied (line numbers stay where they were)."""
    if "```" not in text and "~~~" not in text:
        return text
    tracker = FenceTracker()
    return "\n".join("" if tracker.is_code(line) else line for line in text.split("\n"))


def visible_text(line: str) -> str:
    """The line without link targets, autolinks, HTML tags or reference definitions."""
    if _REFERENCE_DEFINITION.match(line):
        return ""
    return _ANGLE.sub(" ", LINK_TARGET.sub("] ", line))


def line_direction(line: str) -> str | None:
    """'rtl' or 'ltr' by the words a reader sees; None for a line with no words (follows its neighbour)."""
    return text_direction(visible_text(line))


def direction_counts(line: str) -> tuple[int, int]:
    """(Hebrew words, Latin words) a reader sees in the line: line_direction() is
    `hebrew.direction_of_counts(*direction_counts(line))`."""
    return script_counts(visible_text(line))


# What visible_text() hides starts or ends at one of these: a line without them is all visible.
_HIDING = re.compile(r"[\[\]<>]")


def direction_counts_after_edit(line: str, before: str, counts: tuple[int, int]) -> tuple[int, int]:
    """direction_counts(line) for a line edited from `before`, whose counts were `counts`: only the
    words around the edit are counted again (the words of a paragraph, at every key, were ~0.1 ms)."""
    if _HIDING.search(line) or _HIDING.search(before):
        return direction_counts(line)
    start, end_before, end = spaced_window(before, line)
    gone, added = script_counts(before[start:end_before]), script_counts(line[start:end])
    return counts[0] - gone[0] + added[0], counts[1] - gone[1] + added[1]
