"""Word's list paragraphs (`mso-list:l0 level2 lfo1` with a typed bullet) as nested `ul`/`ol` lists.

Word puts a list on the clipboard as sibling paragraphs (`MsoListParagraphCxSpFirst`, `…Middle`,
`…Last`), each with its level in the style and its bullet or number as text in a
`<span style='mso-list:Ignore'>`. The number of the first item becomes the list's `start`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, NavigableString, Tag

from editor.core.importing.html_whitespace import attribute

_MSO_LIST = re.compile(r"mso-list\s*:\s*l(\d+)\s+level(\d+)", re.IGNORECASE)
_IGNORE = re.compile(r"mso-list\s*:\s*ignore", re.IGNORECASE)
# 1.  3)  (2)  1.2.  a.  iv.  א.  : an ordered list; anything else (·, o, §, •, -) is a bullet
_NUMBERED = re.compile(r"\(?(?:\d+|[a-z]|[ivxlcdm]+|[\u05d0-\u05ea]{1,2})[.)]|\(\d+\)|\d+(?:\.\d+)+\.?", re.IGNORECASE)
_LAST_NUMBER = re.compile(r"(\d+)\D*\Z")
_BLANK = " \t\n\r\f\u00a0"
_FACTORY = BeautifulSoup("", "html.parser")


@dataclass
class _Open:
    level: int
    ordered: bool
    tag: Tag


def build_lists(root: Tag) -> None:
    """Replace every run of Word list paragraphs under `root` by real nested lists."""
    for paragraph in root.find_all("p", style=_MSO_LIST):
        if paragraph.parent is None or _is_list_paragraph(_previous(paragraph)):
            continue  # already part of a run, or its run starts earlier
        run = [paragraph]
        while _is_list_paragraph(following := _next(run[-1])):
            run.append(following)
        _replace_run(run)
    for heading in root.find_all(re.compile(r"^h[1-6]$"), style=_MSO_LIST):
        marker = _take_marker(heading)  # a numbered heading keeps its number as text
        if marker:
            heading.insert(0, NavigableString(marker + " "))


def _is_list_paragraph(node) -> bool:
    return isinstance(node, Tag) and node.name == "p" and bool(_MSO_LIST.search(attribute(node, "style")))


def _previous(node):
    node = node.previous_sibling
    while isinstance(node, NavigableString) and not node.strip(_BLANK):
        node = node.previous_sibling
    return node


def _next(node):
    node = node.next_sibling
    while isinstance(node, NavigableString) and not node.strip(_BLANK):
        node = node.next_sibling
    return node


def _replace_run(run: list[Tag]) -> None:
    stack: list[_Open] = []
    list_id = None
    for paragraph in run:
        found = _MSO_LIST.search(attribute(paragraph, "style"))
        if found is None:
            continue
        this_list, level = found.group(1), int(found.group(2))
        starts_group = any(c.lower().endswith("cxspfirst") for c in paragraph.get("class") or [])
        if stack and (starts_group or this_list != list_id) and level <= stack[0].level:
            stack = []
        list_id = list_id if stack else this_list
        marker = _take_marker(paragraph)
        numbered = bool(marker) and _NUMBERED.fullmatch(marker) is not None
        while stack and stack[-1].level > level:
            stack.pop()
        if stack and stack[-1].level == level and stack[-1].ordered != numbered:
            stack.pop()
        if not stack or stack[-1].level < level:
            new_list = _FACTORY.new_tag("ol" if numbered else "ul")
            start = _LAST_NUMBER.search(marker) if numbered else None
            if start and int(start.group(1)) != 1:
                new_list["start"] = str(int(start.group(1)))
            if stack:
                items = stack[-1].tag.find_all("li", recursive=False)
                (items[-1] if items else stack[-1].tag).append(new_list)
            else:
                paragraph.insert_before(new_list)
            stack.append(_Open(level, numbered, new_list))
        item = _FACTORY.new_tag("li")
        for child in list(paragraph.contents):
            item.append(child.extract())
        stack[-1].tag.append(item)
        paragraph.decompose()


def _take_marker(paragraph: Tag) -> str:
    """The typed bullet or number of a list paragraph, removed from it."""
    span = paragraph.find(style=_IGNORE)
    if span is None:
        return ""
    marker = span.get_text().strip(_BLANK)
    span.decompose()
    return marker
