"""Python-Markdown's footnotes, with references numbered and made unique in constant time.

The stock extension numbers each reference by searching the list of footnotes, and gives the n-th
reference to the same footnote its id (`fnref5:1`) by trying `fnref2:1`, `fnref3:1`, ... in turn:
a footnote that refers to itself ten thousand times took minutes. The ids and numbers are the same.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown.extensions.footnotes import FootnoteExtension, FootnoteInlineProcessor

_NUMBERED_REF = re.compile(r"(fnref)(\d+)")  # as the stock extension reads a numbered reference id
FOOTNOTE_RE = r"\[\^([^\]]*)\]"


class FastFootnotes(FootnoteExtension):
    def extendMarkdown(self, md) -> None:
        super().extendMarkdown(md)
        md.inlinePatterns.register(FastFootnoteReferences(FOOTNOTE_RE, self), "footnote", 175)

    def reset(self) -> None:
        super().reset()
        self.last_unique: dict[str, str] = {}  # a reference id -> the last unique id given for it
        self.by_definition: dict[str, int] = {}  # footnote id -> its number in the order of definition
        self.by_reference: dict[str, int] = {}  # ... in the order of first reference

    def addFootnoteRef(self, id: str) -> None:  # noqa: A002 (Python-Markdown's name)
        if id not in self.by_reference:
            self.footnote_order.append(id)
            self.by_reference[id] = len(self.footnote_order)

    def number_of(self, id: str) -> int:  # noqa: A002
        if not self.getConfig("USE_DEFINITION_ORDER"):
            return self.by_reference[id]
        if len(self.by_definition) != len(self.footnotes):  # definitions are all read before the text
            self.by_definition = {key: number for number, key in enumerate(self.footnotes, start=1)}
        return self.by_definition[id]

    def unique_ref(self, reference: str, found: bool = False) -> str:
        if not found:
            return reference
        separator = self.get_separator()
        # Every id between the reference and the last one given for it is taken: start from there.
        unique = self.last_unique.get(reference, reference)
        while unique in self.used_refs:
            head, rest = unique.split(separator, 1)
            numbered = _NUMBERED_REF.match(head)
            if numbered:
                unique = f"{numbered.group(1)}{int(numbered.group(2)) + 1}{separator}{rest}"
            else:
                unique = f"{head}2{separator}{rest}"
        self.used_refs.add(unique)
        self.last_unique[reference] = unique
        self.found_refs[reference] = self.found_refs.get(reference, 0) + 1
        return unique


class FastFootnoteReferences(FootnoteInlineProcessor):
    """`[^1]` in the text: a superscript link to the footnote, numbered in constant time."""

    def handleMatch(self, m, data):
        id = m.group(1)  # noqa: A001 (as the footnotes extension calls it)
        footnotes = self.footnotes
        if id not in footnotes.footnotes:
            return None, None, None
        footnotes.addFootnoteRef(id)
        sup = etree.Element("sup")
        link = etree.SubElement(sup, "a")
        sup.set("id", footnotes.makeFootnoteRefId(id, found=True))
        link.set("href", "#" + footnotes.makeFootnoteId(id))
        link.set("class", "footnote-ref")
        link.text = footnotes.getConfig("SUPERSCRIPT_TEXT").format(footnotes.number_of(id))
        return sup, m.start(0), m.end(0)
