"""Finds what a writer should know (images without alt, skipped heading levels, unsafe markup).

Unsafe attributes and URLs are removed from the tree here, so the HTML that the sanitizer then
checks again is already what the warnings describe.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field

from markdown.treeprocessors import Treeprocessor

from editor.core.render import sanitize
from editor.core.render.lines import SourceLines

KTAV_IMAGE_SCHEME = "ktav-image"
_HEADING_LEVELS = {f"h{n}": n for n in range(1, 7)}
_EXTERNAL = sanitize.EXTERNAL_SCHEMES
TITLE_LEVEL = 1  # the page's title is the h1 above the body


@dataclass(frozen=True)
class Finding:
    code: str
    line: int | None
    detail: str = ""


@dataclass
class Findings:
    """What the checks found in one document."""

    items: list[Finding] = field(default_factory=list)
    image_refs: list[str] = field(default_factory=list)
    # The address each image and link had as written in Markdown, before `{: src=... }` could change it.
    addresses: dict[etree.Element, str] = field(default_factory=dict)

    def reset(self) -> None:
        self.items.clear()
        self.image_refs.clear()
        self.addresses.clear()


# The attribute that holds the address an element shows or leads to, as Markdown writes it.
WRITTEN_ADDRESS = {"img": "src", "a": "href"}


class RecordAddresses(Treeprocessor):
    """Runs after the inline patterns made images and links, before attribute lists (`{: src=... }`)."""

    def __init__(self, md, findings: Findings) -> None:
        super().__init__(md)
        self.findings = findings

    def run(self, root: etree.Element) -> None:
        addresses = self.findings.addresses
        for tag, name in WRITTEN_ADDRESS.items():
            for element in root.iter(tag):
                addresses[element] = element.get(name, "")


class SafetyChecks(Treeprocessor):
    """Walks the tree once: records findings, strips disallowed attributes, marks external links.

    Raw HTML is checked as stored; an opening `<a>` typed as HTML gets the same `rel` as a
    Markdown link.
    """

    def __init__(self, md, lines: SourceLines, findings: Findings) -> None:
        super().__init__(md)
        self.lines = lines
        self.findings = findings

    def run(self, root: etree.Element) -> None:
        self._previous_level = TITLE_LEVEL
        for block in root:
            self._check(block, self.lines.element_lines.get(block))
        self._check_raw_html()

    def _add(self, code: str, line: int | None, detail: str = "") -> None:
        self.findings.items.append(Finding(code, line, detail))

    def _check(self, element: etree.Element, line: int | None) -> None:
        tag = element.tag
        if tag in _HEADING_LEVELS:
            level = _HEADING_LEVELS[tag]
            if level > self._previous_level + 1:
                self._add("heading-skip", line, f"h{self._previous_level} → h{level}")
            self._previous_level = level
        written = WRITTEN_ADDRESS.get(tag)
        if written and element in self.findings.addresses and element.get(written, "") != self.findings.addresses[element]:
            # an attribute list changed the address Markdown gave: the one written in the text stays
            element.set(written, self.findings.addresses[element])
            self._add("unsafe-html-removed", line, f"{written}=")
        for name, value in list(element.attrib.items()):
            is_url = name in sanitize.URL_ATTRIBUTES
            if is_url and not sanitize.is_allowed_url(html.unescape(value)):
                del element.attrib[name]
                self._add("unsafe-link-removed", self._line_of(value, line), value)
            elif not sanitize.is_allowed_attribute(tag, name, value):
                del element.attrib[name]
                self._add("unsafe-html-removed", line, f"{name}=")
        if tag == "img":
            self._check_image(element, line)
        elif tag == "a" and sanitize.url_scheme(element.get("href", "")) in _EXTERNAL:
            element.set("rel", sanitize.EXTERNAL_LINK_REL)
        for child in element:
            self._check(child, line)

    def _check_image(self, image: etree.Element, line: int | None) -> None:
        src = image.get("src", "")
        line = self._line_of(src, line) if src else line
        if not (image.get("alt") or "").strip():
            self._add("image-no-alt", line, src)
        if sanitize.url_scheme(src) == KTAV_IMAGE_SCHEME:
            self.findings.image_refs.append(src.partition(":")[2].strip())

    def _check_raw_html(self) -> None:
        stash = self.md.htmlStash.rawHtmlBlocks
        for index, raw in enumerate(stash):
            if not isinstance(raw, str):
                continue
            removed = sanitize.unsafe_parts(raw)
            if removed:
                first_line = raw.strip().splitlines()[0] if raw.strip() else raw
                self._add("unsafe-html-removed", self._line_of(first_line, None), " ".join(removed))
            stash[index] = sanitize.with_external_rel(raw)  # an `<a>` typed as HTML links out too

    def _line_of(self, snippet: str, block_line: int | None) -> int | None:
        """The first source line from the block's line on that contains `snippet`."""
        source = self.lines.source
        start = (block_line or 1) - 1
        for index in range(start, len(source)):
            if snippet in source[index]:
                return index + 1
        return block_line
