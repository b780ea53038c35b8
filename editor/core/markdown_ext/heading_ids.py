"""Heading ids exactly as Python-Markdown's toc gives them, without the table of contents it would
also build and serialize for every document (a tenth of the Markdown's time; no page shows one)."""

from __future__ import annotations

import html
import xml.etree.ElementTree as etree

from markdown.extensions.toc import (
    TocExtension,
    TocTreeprocessor,
    remove_fnrefs,
    render_inner_html,
    strip_tags,
    unique,
)

_HEADINGS = frozenset(f"h{level}" for level in range(1, 7))


class HeadingIds(TocTreeprocessor):
    def run(self, doc: etree.Element) -> None:
        if self.marker and any(not len(p) and (p.text or "").strip() == self.marker for p in doc.iter("p")):
            super().run(doc)  # the writer asked for a table of contents with [TOC]
            return
        used = {element.attrib["id"] for element in doc.iter() if "id" in element.attrib}
        for element in doc.iter():
            if element.tag in _HEADINGS:
                self.set_level(element)
                if "id" not in element.attrib:
                    name = strip_tags(render_inner_html(remove_fnrefs(element), self.md))
                    element.attrib["id"] = unique(self.slugify(html.unescape(name), self.sep), used)
                element.attrib.pop("data-toc-label", None)


class HeadingIdsExtension(TocExtension):
    TreeProcessorClass = HeadingIds
