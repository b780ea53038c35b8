"""Reading a post back from an HTML page: its JSON-LD when Ktav wrote it, else its markup as Markdown."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SKIPPED = {"script", "style", "template", "noscript", "nav", "footer", "form", "button", "svg"}
# Opened again while open, these close the one before (`<p>a<p>b`, `<li>a<li>b`), as a browser reads them.
CLOSED_BY_A_SIBLING = {"p", "li", "dt", "dd", "tr", "td", "th", "option"}
# Elements inside each other: a page deeper than this is refused (the conversion recurses once per level;
# browsers stop nesting at 512, and a real blog page stays well under a hundred).
MAX_PAGE_DEPTH = 256


class PageTooDeep(ValueError):
    """The page nests elements deeper than MAX_PAGE_DEPTH."""

    def __init__(self, line: int) -> None:
        super().__init__(f"elements nested more than {MAX_PAGE_DEPTH} deep at line {line}")
        self.line = line


@dataclass
class Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)
    parent: Node | None = None

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def walk(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.walk()

    def find(self, predicate) -> Node | None:
        return next((n for n in self.walk() if predicate(n)), None)


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root")
        self.current = self.root
        self.json_ld: list[str] = []
        self._in_json_ld = False
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in CLOSED_BY_A_SIBLING and self.current.tag == tag:
            self.current = self.current.parent
            self._depth -= 1
        node = Node(tag, {k: v or "" for k, v in attrs}, parent=self.current)
        self.current.children.append(node)
        if tag == "script" and node.attrs.get("type") == "application/ld+json":
            self._in_json_ld = True
        if tag not in VOID:
            self.current = node
            self._depth += 1
            if self._depth > MAX_PAGE_DEPTH:
                raise PageTooDeep(self.getpos()[0])

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, {k: v or "" for k, v in attrs}, parent=self.current))

    def handle_endtag(self, tag):
        node, closed = self.current, 1
        while node is not self.root and node.tag != tag:
            node, closed = node.parent, closed + 1
        if node is not self.root:
            self.current = node.parent
            self._depth -= closed
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld.append(data)
        self.current.children.append(data)


@dataclass
class Page:
    title: str = ""
    lead: str = ""
    body_markdown: str = ""
    author: str = ""
    date: str = ""
    tags: list[str] = field(default_factory=list)


def read_page(html: str) -> Page:
    """The post of an HTML page; raises PageTooDeep for a page nested past MAX_PAGE_DEPTH."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    from_json = _page_from_json_ld("".join(builder.json_ld))
    if from_json is not None:
        return from_json
    return _page_from_markup(builder.root)


def _page_from_json_ld(text: str) -> Page | None:
    if not text.strip():
        return None
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return None
    if not isinstance(data, dict) or "articleBody" not in data:
        return None
    author = data.get("author") or {}
    keywords = data.get("keywords") or []
    if isinstance(keywords, str):
        keywords = [k.strip() for k in keywords.split(",") if k.strip()]
    return Page(
        title=str(data.get("headline", "")),
        lead=str(data.get("description", "")),
        body_markdown=str(data.get("articleBody", "")),
        author=str(author.get("name", "") if isinstance(author, dict) else author),
        date=str(data.get("datePublished", ""))[:10],
        tags=[str(k) for k in keywords],
    )


_SITE_DATE = re.compile(r"\b\d{1,2}\.\d{1,2}\.\d{4}\b")


def _page_from_markup(root: Node) -> Page:
    h1 = root.find(lambda n: n.tag == "h1")
    title = _clean(h1.text()) if h1 else ""
    if not title:
        title_node = root.find(lambda n: n.tag == "title")
        title = _clean(title_node.text()) if title_node else ""
    lead_node = root.find(lambda n: "lead" in n.classes() or n.attrs.get("itemprop") == "description")
    time_node = root.find(lambda n: n.tag == "time")
    date = ""
    if time_node is not None:
        date = time_node.attrs.get("datetime", "") or _clean(time_node.text())
    container = (
        root.find(lambda n: "post-body" in n.classes() or n.attrs.get("itemprop") == "articleBody")
        or root.find(lambda n: n.tag == "article")
        or root.find(lambda n: n.tag == "main")
        or root.find(lambda n: n.tag == "body")
        or root
    )
    skip = {id(n) for n in (h1, lead_node, time_node) if n is not None}
    markdown = _Converter(skip).blocks(container)
    if not date:
        found = _SITE_DATE.search(container.text())
        date = found.group(0) if found else ""
    return Page(title=title, lead=_clean(lead_node.text()) if lead_node else "", body_markdown=markdown, date=date)


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _is_related_block(node: Node) -> bool:
    return any("related" in c for c in node.classes()) or node.tag == "aside"


class _Converter:
    """Block and inline Markdown for the common elements of a blog post."""

    def __init__(self, skip: set[int]) -> None:
        self.skip = skip

    def blocks(self, node: Node) -> str:
        out: list[str] = []
        self._blocks(node, out)
        return "\n\n".join(b for b in out if b.strip()) + "\n" if out else ""

    def _blocks(self, node: Node, out: list[str]) -> None:
        for child in node.children:
            if isinstance(child, str):
                if child.strip():
                    out.append(_clean(child))
                continue
            if id(child) in self.skip or child.tag in SKIPPED or _is_related_block(child):
                continue
            if child.tag == "header" or "back-link" in child.classes():
                continue
            tag = child.tag
            if tag in {"h2", "h3", "h4", "h5", "h6"}:
                out.append("#" * int(tag[1]) + " " + self.inline(child))
            elif tag == "p":
                out.append(self.inline(child))
            elif tag in {"ul", "ol"}:
                out.append(self._list(child, ordered=tag == "ol"))
            elif tag == "blockquote":
                inner = self.blocks(child).strip()
                out.append("\n".join("> " + line if line else ">" for line in inner.split("\n")))
            elif tag == "pre":
                code = child.text().strip("\n")
                language = next((c[9:] for n in child.walk() for c in n.classes() if c.startswith("language-")), "")
                out.append(f"```{language}\n{code}\n```")
            elif tag == "hr":
                out.append("---")
            elif tag == "img":
                out.append(self.inline(Node("span", children=[child])))
            elif tag == "table":
                out.append(self._table(child))
            else:
                self._blocks(child, out)

    def _list(self, node: Node, *, ordered: bool) -> str:
        lines = []
        items = [c for c in node.children if isinstance(c, Node) and c.tag == "li"]
        for number, item in enumerate(items, start=1):
            marker = f"{number}." if ordered else "-"
            lines.append(f"{marker} {self.inline(item)}")
        return "\n".join(lines)

    def _table(self, node: Node) -> str:
        rows = [r for r in node.walk() if r.tag == "tr"]
        cells = [[self.inline(c) for c in r.children if isinstance(c, Node) and c.tag in {"td", "th"}] for r in rows]
        if not cells:
            return ""
        lines = ["| " + " | ".join(cells[0]) + " |", "|" + "---|" * len(cells[0])]
        lines += ["| " + " | ".join(row) + " |" for row in cells[1:]]
        return "\n".join(lines)

    def inline(self, node: Node) -> str:
        parts = []
        for child in node.children:
            if isinstance(child, str):
                parts.append(child)
                continue
            tag = child.tag
            if tag in SKIPPED or tag in {"ul", "ol"} or "footnote-backref" in child.classes():
                continue
            inner = self.inline(child)
            if tag in {"strong", "b"}:
                parts.append(f"**{inner.strip()}**")
            elif tag in {"em", "i"}:
                parts.append(f"*{inner.strip()}*")
            elif tag == "code":
                parts.append(f"`{child.text()}`")
            elif tag == "a":
                href = child.attrs.get("href", "")
                parts.append(f"[{inner.strip()}]({href})" if href else inner)
            elif tag == "img":
                parts.append(f"![{child.attrs.get('alt', '')}]({child.attrs.get('src', '')})")
            elif tag == "br":
                parts.append("  \n")
            else:
                parts.append(inner)
        return re.sub(r"[ \t\r\n]+", " ", "".join(parts)).strip() if "  \n" not in parts else "".join(parts).strip()
