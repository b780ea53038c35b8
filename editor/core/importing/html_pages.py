"""Reading a post back from an HTML page: its JSON-LD when Ktav wrote it, else its markup as Markdown."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Tag

from editor.core.importing import foreign_html as paste_html
from editor.core.importing import html_clean as paste_clean
from editor.core.importing.foreign_html import PastedImage
from editor.core.importing.html_whitespace import attribute

SKIPPED = ("nav", "footer", "form", "header", "aside")


@dataclass
class Page:
    title: str = ""
    lead: str = ""
    body_markdown: str = ""
    author: str = ""
    date: str = ""
    tags: list[str] = field(default_factory=list)
    images: list[PastedImage] = field(default_factory=list)  # with bytes: to store with the post


def read_page(html: str) -> Page:
    """The post of an HTML page; HtmlTooDeep for a page nested past paste_clean.MAX_DEPTH."""
    soup = paste_clean.parse(html)
    for script in soup.find_all("script", type="application/ld+json"):
        from_json = _page_from_json_ld(script.get_text())
        if from_json is not None:
            return from_json  # our own page: its Markdown exactly as it was written
    return _page_from_markup(soup)


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


def _page_from_markup(soup: BeautifulSoup) -> Page:
    """A page saved from a site: the title, lead and date it shows, its post body through the
    one converter for foreign HTML (`paste_html`), without the site's navigation and related posts."""
    h1 = soup.find("h1")
    title = _clean(h1.get_text()) if h1 else ""
    if not title and soup.title:
        title = _clean(soup.title.get_text())
    lead_node = soup.find(lambda n: "lead" in _classes(n) or n.get("itemprop") == "description")
    time_node = soup.find("time")
    date = (str(time_node.get("datetime", "")) or _clean(time_node.get_text())) if time_node else ""
    container = (
        soup.find(lambda n: "post-body" in _classes(n) or n.get("itemprop") == "articleBody")
        or soup.find("article") or soup.find("main") or soup.find("body") or soup
    )
    lead = _clean(lead_node.get_text()) if lead_node else ""
    for node in [h1, lead_node, time_node, *container.find_all(_is_furniture)]:
        if node is not None and not node.decomposed:
            node.decompose()
    if not date:
        found = _SITE_DATE.search(container.get_text())
        date = found.group(0) if found else ""
    pasted = paste_html.convert_tree(paste_clean.clean_tree(container))
    body = pasted.markdown + "\n" if pasted.markdown else ""
    return Page(title=title, lead=lead, body_markdown=body, date=date,
                images=[image for image in pasted.images if image.data is not None])


def _classes(node: Tag) -> list[str]:
    return attribute(node, "class").split()


def _is_furniture(node: Tag) -> bool:
    """The site's navigation, back link, related posts and footnote back links, not the post."""
    classes = _classes(node)
    return node.name in SKIPPED or "back-link" in classes or "footnote-backref" in classes \
        or any("related" in c for c in classes)


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
