"""The outline (headings with their ids) and the words of the rendered text."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field

from markdown.treeprocessors import Treeprocessor

_HEADING_LEVELS = {f"h{n}": n for n in range(1, 7)}
_PLACEHOLDER = re.compile("\x02[^\x03]*\x03")
_SPACES = re.compile(r"\s+")


@dataclass
class Summary:
    """Headings as (level, text, id) in order."""

    headings: list[tuple[int, str, str]] = field(default_factory=list)

    def reset(self) -> None:
        self.headings.clear()


def plain_text(element: etree.Element) -> str:
    return _SPACES.sub(" ", _PLACEHOLDER.sub("", "".join(element.itertext()))).strip()


class CollectOutline(Treeprocessor):
    """Runs last, after heading ids and escapes are final."""

    def __init__(self, md, summary: Summary) -> None:
        super().__init__(md)
        self.summary = summary

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            level = _HEADING_LEVELS.get(element.tag)
            if level:
                self.summary.headings.append((level, plain_text(element), element.get("id", "")))
