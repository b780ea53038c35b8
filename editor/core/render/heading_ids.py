"""Heading ids exactly as Python-Markdown's toc gives them, without the table of contents it would
also build and serialize for every document (a tenth of the Markdown's time; no page shows one), and
in linear time: toc finds the id of the n-th heading of a name by trying `name_1` ... `name_n-1`
first (ten thousand headings "סיכום" took 13 s)."""

from __future__ import annotations

import html
import xml.etree.ElementTree as etree

from markdown.extensions.toc import (
    IDCOUNT_RE,
    TocExtension,
    TocTreeprocessor,
    remove_fnrefs,
    render_inner_html,
    strip_tags,
)

_HEADINGS = frozenset(f"h{level}" for level in range(1, 7))


class HeadingIds(TocTreeprocessor):
    def run(self, doc: etree.Element) -> None:
        if self.marker and any(not len(p) and (p.text or "").strip() == self.marker for p in doc.iter("p")):
            super().run(doc)  # the writer asked for a table of contents with [TOC]
            return
        ids = UniqueIds({element.attrib["id"] for element in doc.iter() if "id" in element.attrib})
        for element in doc.iter():
            if element.tag in _HEADINGS:
                self.set_level(element)
                if "id" not in element.attrib:
                    name = strip_tags(render_inner_html(remove_fnrefs(element), self.md))
                    element.attrib["id"] = ids.unique(self.slugify(html.unescape(name), self.sep))
                element.attrib.pop("data-toc-label", None)


class UniqueIds:
    """toc's `unique`: an id not in `used` (`name`, else `name_1`, `name_2`, ...), remembering where each
    name's search ended (the ids before it stay taken), so each heading costs the same."""

    def __init__(self, used: set[str]) -> None:
        self.used = used
        self._last: dict[str, str] = {}

    def unique(self, wanted: str) -> str:
        candidate = self._last.get(wanted, wanted)
        while candidate in self.used or not candidate:
            counted = IDCOUNT_RE.match(candidate)
            candidate = f"{counted.group(1)}_{int(counted.group(2)) + 1}" if counted else f"{candidate}_1"
        self.used.add(candidate)
        self._last[wanted] = candidate
        return candidate


class HeadingIdsExtension(TocExtension):
    TreeProcessorClass = HeadingIds
