"""Cleaning foreign HTML (Word, Google Docs, LibreOffice, web pages) into plain semantic tags.

Works on a BeautifulSoup tree in place, before markdownify sees it: what is left is headings,
paragraphs, lists, quotes, tables, links, images and `strong`/`em`, with whitespace as a browser
would show it (`paste_whitespace`).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from bs4 import (
    BeautifulSoup,
    Comment,
    Declaration,
    NavigableString,
    ProcessingInstruction,
    Tag,
)

from editor.core.errors import HtmlTooDeep
from editor.core.importing import word_lists
from editor.core.importing.html_whitespace import (
    BIDI_CONTROLS,
    attribute,
    drop_edge_breaks,
    is_block,
    normalize_whitespace,
)

FORMATTING = frozenset({"strong", "em", "a", "code"})  # kept as Markdown
DROPPED = frozenset({
    "head", "title", "meta", "link", "style", "script", "template", "noscript", "xml", "o:p", "svg",
    "math", "iframe", "object", "embed", "canvas", "audio", "video", "input", "button", "select",
    "textarea", "col", "colgroup",
})
RENAMED = {"b": "strong", "i": "em", "tt": "code", "kbd": "code"}
MEANINGLESS = frozenset({"span", "font", "u", "s", "strike", "del", "ins", "mark", "small", "big", "abbr", "cite"})
WORD_CLASSES = {"msotitle": "h1", "msosubtitle": "h2"}
WORD_QUOTES = frozenset({"msoquote", "msointensequote"})

_CF_HTML_HEADER = re.compile(r"\AVersion:\d[^<]*")
_STYLE = re.compile(r"([\w-]+)\s*:\s*([^;]+)")


def parse(html: str) -> BeautifulSoup:
    """The tree of clipboard HTML, without a Windows CF_HTML header if one is left in front.

    HtmlTooDeep for HTML nested past MAX_DEPTH: converting it would recurse once per level."""
    html = _CF_HTML_HEADER.sub("", html)
    check_depth(html)
    return BeautifulSoup(html, "html.parser")


# Browsers stop nesting at 512; a real page or clipboard stays well under a hundred.
MAX_DEPTH = 256
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                   "source", "track", "wbr"})
# Opened again while open, these close the one before (`<p>a<p>b`, `<li>a<li>b`), as a browser reads them.
_CLOSED_BY_A_SIBLING = frozenset({"p", "li", "dt", "dd", "tr", "td", "th", "option"})


class _DepthScanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        if tag in _VOID:
            return
        if tag in _CLOSED_BY_A_SIBLING and self.open and self.open[-1] == tag:
            self.open.pop()
        self.open.append(tag)
        if len(self.open) > MAX_DEPTH:
            raise HtmlTooDeep(MAX_DEPTH, self.getpos()[0])

    def handle_endtag(self, tag) -> None:
        if tag in self.open:
            while self.open and self.open.pop() != tag:
                pass


def check_depth(html: str) -> None:
    """Refuse HTML nested deeper than MAX_DEPTH (HtmlTooDeep), in one linear pass."""
    scanner = _DepthScanner()
    scanner.feed(html)
    scanner.close()


def clean_tree(root: Tag) -> Tag:
    """Reduce `root` (a soup or one of its tags) to semantic markup; returns `root`."""
    _drop_hidden(root)
    word_lists.build_lists(root)
    for tag in list(root.find_all(True)):
        if tag.parent is not None or tag is root:
            _normalize_tag(tag)
    _unwrap_meaningless(root)
    _lift_blocks_out_of_inline(root)
    _close_open_items(root)
    _nest_stray_lists(root)
    _tidy_formatting(root)
    _unwrap_single_paragraph_items(root)
    drop_edge_breaks(root)
    normalize_whitespace(root)
    return root


def style_of(tag: Tag) -> dict[str, str]:
    return {k.lower(): v.strip().lower() for k, v in _STYLE.findall(attribute(tag, "style"))}


def _drop_hidden(root: Tag) -> None:
    """Comments, declarations, what Word's `<![if supportX]>` hides from other programs, dropped tags."""
    specials = [n for n in root.descendants if isinstance(n, (Comment, Declaration, ProcessingInstruction))]
    opening = None
    for node in specials:
        condition = str(node).strip().strip("[]").strip().lower()
        if condition.startswith("if ") and not condition.endswith("endif"):
            opening = node if not condition[3:].lstrip().startswith("!") else None
            continue
        if condition == "endif" and opening is not None:
            _remove_between(opening, node)
            opening = None
    for node in specials:
        node.extract()
    for tag in [*root.find_all(list(DROPPED)), *root.find_all(_is_hidden)]:
        if not tag.decomposed:  # _is_hidden: a heading's "#" permalink, Word's hidden text
            tag.decompose()


def _is_hidden(tag: Tag) -> bool:
    return tag.get("aria-hidden") == "true" or tag.has_attr("hidden") \
        or style_of(tag).get("display") == "none" or "mso-hide:all" in attribute(tag, "style").replace(" ", "")


def _remove_between(start, end) -> None:
    around_end = {id(a) for a in end.parents}
    doomed, gone = [], set()
    for node in start.next_elements:
        if node is end:
            break
        if id(node) in around_end:
            continue
        if id(node.parent) not in gone:
            doomed.append(node)
        gone.add(id(node))
    for node in doomed:
        node.extract()


def _normalize_tag(tag: Tag) -> None:
    """Word's namespaced tags and classes, `b`/`i` by their names and styles as tags, bidi in alt."""
    if ":" in tag.name:
        tag.unwrap()
        return
    classes = {c.lower() for c in tag.get("class") or []}
    if tag.name == "p" and classes & WORD_CLASSES.keys():
        tag.name = WORD_CLASSES[next(iter(classes & WORD_CLASSES.keys()))]
    elif tag.name == "p" and classes & WORD_QUOTES:
        tag.wrap(new_tag("blockquote"))
    tag.name = RENAMED.get(tag.name, tag.name)
    if tag.get("alt"):
        tag["alt"] = BIDI_CONTROLS.sub("", attribute(tag, "alt"))
    style = style_of(tag)
    if not style:
        return
    weight, font_style = style.get("font-weight", ""), style.get("font-style", "")
    if tag.name == "strong" and _is_normal_weight(weight) or tag.name == "em" and font_style == "normal":
        tag.name = "span"
    if tag.name in ("span", "font"):
        if _is_bold_weight(weight):
            _wrap_contents(tag, "strong")
        if font_style in ("italic", "oblique"):
            _wrap_contents(tag, "em")


def _unwrap_meaningless(root: Tag) -> None:
    """Spans, fonts, underline and strike-through (our Markdown has neither) and links without
    an address (Word's bookmarks) leave their text, so formatting runs meet and can be joined."""
    for tag in root.find_all(lambda t: t.name in MEANINGLESS or (t.name == "a" and not t.get("href"))):
        tag.unwrap()


def _is_normal_weight(weight: str) -> bool:
    return weight in ("normal", "lighter") or (weight.isdigit() and int(weight) < 600)


def _is_bold_weight(weight: str) -> bool:
    return weight in ("bold", "bolder") or (weight.isdigit() and int(weight) >= 600)


def _wrap_contents(tag: Tag, name: str) -> None:
    wrapper = new_tag(name)
    for child in list(tag.contents):
        wrapper.append(child.extract())
    tag.append(wrapper)


_FACTORY = BeautifulSoup("", "html.parser")


def new_tag(name: str, attrs: dict | None = None) -> Tag:
    return _FACTORY.new_tag(name, attrs=dict(attrs or {}))


def _lift_blocks_out_of_inline(root: Tag) -> None:
    """Inline tags around blocks (Google Docs' `<b id="docs-internal-guid-…">`, a link around a
    paragraph) move inside each block; a `span` or `font` around blocks is just removed."""
    work = [t for t in root.find_all(True) if not is_block(t) and any(is_block(c) for c in t.children)]
    while work:
        tag = work.pop()
        if tag.parent is None or not any(is_block(c) for c in tag.children):
            continue
        keep = tag.name in FORMATTING
        run: list = []
        for child in list(tag.children):
            if is_block(child):
                _wrap_run(run, tag) if keep else None
                run = []
                if keep and child.name != "hr":
                    clone = new_tag(tag.name, tag.attrs)
                    for grandchild in list(child.contents):
                        clone.append(grandchild.extract())
                    child.append(clone)
                    if any(is_block(c) for c in clone.children):
                        work.append(clone)
            else:
                run.append(child)
        if keep:
            _wrap_run(run, tag)
        tag.unwrap()


def _wrap_run(run: list, like: Tag) -> None:
    if not any(isinstance(n, Tag) or n.strip() for n in run):
        return
    clone = new_tag(like.name, like.attrs)
    run[0].insert_before(clone)
    for node in run:
        clone.append(node.extract())


def _close_open_items(root: Tag) -> None:
    """`<li>` closes an open `<li>` (LibreOffice leaves out `</li>`); html.parser nests them instead."""
    for item in root.find_all("li"):
        parent = item.parent
        if parent is not None and parent.name == "li":
            for node in reversed([item, *item.find_next_siblings()]):
                parent.insert_after(node.extract())


def _nest_stray_lists(root: Tag) -> None:
    """A list directly inside a list (as Google Docs nests them) belongs to the item before it."""
    for inner in root.find_all(["ul", "ol"]):
        if inner.parent is None or inner.parent.name not in ("ul", "ol"):
            continue
        item = inner.find_previous_sibling("li")
        if item is None:
            item = new_tag("li")
            inner.insert_before(item)
        item.append(inner.extract())


def _tidy_formatting(root: Tag) -> None:
    """No bold inside bold, in headings or a table's header, no empty bold; `**a****b**` joined."""
    for tag in list(root.find_all(["strong", "em", "code"])):
        if tag.parent is None:
            continue
        in_heading = tag.name == "strong" and tag.find_parent(["h1", "h2", "h3", "h4", "h5", "h6"])
        if in_heading or tag.find_parent(tag.name) or not (tag.get_text().strip() or tag.find("img")):
            tag.unwrap()
    for table in root.find_all("table"):
        header = table.find("tr")  # becomes the Markdown table's header row, bold already
        for tag in header.find_all("strong") if header is not None else []:
            tag.unwrap()
    for tag in list(root.find_all(["strong", "em"])):
        while tag.parent is not None:
            between, following = [], tag.next_sibling
            while isinstance(following, NavigableString) and not following.strip():
                between.append(following)
                following = following.next_sibling
            if not (isinstance(following, Tag) and following.name == tag.name):
                break
            for node in [*between, *following.contents]:
                tag.append(node.extract())
            following.decompose()


def _unwrap_single_paragraph_items(root: Tag) -> None:
    """A list item's only paragraph is its text; a table cell's paragraphs are lines of one cell."""
    for cell in root.find_all(["td", "th"]):
        for index, paragraph in enumerate(cell.find_all("p", recursive=False)):
            if index:
                paragraph.insert_before(new_tag("br"))
            paragraph.unwrap()
    for item in root.find_all("li"):
        paragraphs = item.find_all("p", recursive=False)
        others = [c for c in item.children if is_block(c) and c.name not in ("p", "ul", "ol")]
        if len(paragraphs) == 1 and not others:
            paragraphs[0].unwrap()
