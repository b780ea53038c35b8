"""The pictures a Markdown text shows, `![alt](address "caption")`, read as Python-Markdown reads them.

The alt text may hold escaped or balanced brackets; the caption (the title) ends at the last quote
before the closing parenthesis, so a gershayim inside it (רש"י) stays part of it. Fenced code is
not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from editor.core.text.markdown_source import FenceTracker

STORED_IMAGE_SCHEME = "ktav-image:"
_ALT_PART = r"(?:\\.|[^\[\]\\\n])"
_IMAGE = re.compile(
    rf"!\[(?P<alt>(?:{_ALT_PART}|\[{_ALT_PART}*\])*)\]"
    r"\(\s*(?P<address><[^<>\n]*>|[^\s()]+)(?:\s+(?P<quote>[\"'])(?P<caption>[^\n]*?)(?P=quote))?\s*\)"
)
_ESCAPE = re.compile(r"\\(.)")


@dataclass(frozen=True)
class MarkdownImage:
    """One picture of the text: where it is written (indices into the whole text, 1-based line)."""

    start: int
    end: int
    line: int
    alt: str
    address: str
    caption: str
    address_span: tuple[int, int] = (0, 0)  # where the address is written (with its <>), in the whole text

    @property
    def stored_sha256(self) -> str | None:
        """The library picture it shows (`ktav-image:<sha256>`), or None for an address elsewhere."""
        if self.address.startswith(STORED_IMAGE_SCHEME):
            return self.address[len(STORED_IMAGE_SCHEME):].strip() or None
        return None


def markdown_images(text: str) -> list[MarkdownImage]:
    """Every picture written in `text`, in order."""
    if "![" not in text:
        return []
    found = []
    tracker = FenceTracker()
    offset = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if not tracker.is_code(line) and "![" in line:
            for match in _IMAGE.finditer(line):
                found.append(MarkdownImage(
                    start=offset + match.start(), end=offset + match.end(), line=number,
                    alt=_ESCAPE.sub(r"\1", match.group("alt")), address=match.group("address").strip("<>"),
                    caption=match.group("caption") or "",
                    address_span=(offset + match.start("address"), offset + match.end("address"))))
        offset += len(line) + 1
    return found


# A line without these has no picture and opens or closes no fence.
_PICTURE_OR_FENCE = ("![", "```", "~~~")


def markdown_images_after_edit(text: str, before: str, found: list[MarkdownImage],
                               start: int, end: int) -> list[MarkdownImage]:
    """markdown_images(text) for a text that differs from `before` (whose pictures were `found`)
    only in text[start:end]: when the lines edited hold no picture and no fence, before or after,
    the pictures are those found, the ones after the edit moved (a key costs its line, not the post)."""
    moved_by = len(text) - len(before)
    end_before = end - moved_by
    if not 0 <= start <= end_before <= len(before) or end > len(text):
        return markdown_images(text)
    line_start = before.rfind("\n", 0, start) + 1
    line_end_before = before.find("\n", end_before)
    line_end_before = len(before) if line_end_before < 0 else line_end_before
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    lines_before, lines = before[line_start:line_end_before], text[line_start:line_end]
    if any(mark in lines_before or mark in lines for mark in _PICTURE_OR_FENCE):
        return markdown_images(text)
    lines_moved = lines.count("\n") - lines_before.count("\n")
    return [image for image in found if image.end <= line_start] + [
        replace(image, start=image.start + moved_by, end=image.end + moved_by, line=image.line + lines_moved,
                address_span=(image.address_span[0] + moved_by, image.address_span[1] + moved_by))
        for image in found if image.start >= line_end_before]


def stored_images(text: str) -> list[str]:
    """The sha256 of every library picture the text shows, in order, each once."""
    return list(dict.fromkeys(sha for image in markdown_images(text) if (sha := image.stored_sha256)))
