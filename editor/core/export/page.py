"""The exported post page, its CMS fragment and the live preview: one template, three modes."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

from markupsafe import Markup

from editor.core.export import templates
from editor.core.export.assets import ImageSource, rewrite_images
from editor.core.export.pictures import CardImage
from editor.core.export.site import SiteSettings
from editor.core.models import Post

MODES = ("page", "preview", "fragment")
# Control characters (Word's vertical tab for a line break, stray NULs) are invalid in HTML and make
# the Atom feed unreadable XML; they never carry meaning in a post.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)

# Scripts are forbidden: default-src 'none' covers script-src. Styles may be inline (the page's own
# <style>); images come from the export folder, the site or data: URIs. JSON-LD is a data block, not a script.
CONTENT_SECURITY_POLICY = ("default-src 'none'; img-src * data:; style-src * 'unsafe-inline'; font-src * data:; "
                           "base-uri 'none'; form-action 'none'")
PREVIEW_CONTENT_SECURITY_POLICY = ("default-src 'none'; img-src data: ktav-image: blob:; style-src 'unsafe-inline'; "
                                   "base-uri 'none'; form-action 'none'")


def clean_text(text: str) -> str:
    """`text` with control characters turned into spaces."""
    return _CONTROL.sub(" ", text) if _CONTROL.search(text) else text


@dataclass(frozen=True)
class PostView:
    """A post as the templates see it: text fields plus its formatted date and addresses."""

    title: str
    lead: str
    tags: tuple[str, ...]
    date: bool
    date_iso: str
    date_text: str
    address: str
    canonical: str
    uid: str = ""
    thumbnail: ImageSource | None = None  # a related card's picture (the post's cover)


def post_view(post: Post, settings: SiteSettings, *, from_path: str, uid: str = "",
              thumbnail: ImageSource | None = None) -> PostView:
    return PostView(
        title=clean_text(post.title),
        lead=clean_text(post.lead),
        tags=tuple(clean_text(tag) for tag in post.tags),
        date=post.date is not None,
        date_iso=post.date.isoformat() if post.date else "",
        date_text=settings.format_date(post.date),
        address=settings.post_address(post, from_path=from_path),
        canonical=settings.post_address(post) if settings.absolute else "",
        uid=uid,
        thumbnail=thumbnail,
    )


def json_ld(post: Post, settings: SiteSettings, card: CardImage | None = None) -> Markup:
    """schema.org BlogPosting, safe inside <script type="application/ld+json"> (no '<', '>' or '&')."""
    post = post.copy(title=clean_text(post.title), lead=clean_text(post.lead), body=clean_text(post.body),
                     tags=[clean_text(tag) for tag in post.tags])
    data: dict = {"@context": "https://schema.org", "@type": "BlogPosting", "headline": post.title,
                  "inLanguage": "he", "publisher": {"@type": "Organization", "name": settings.site_name}}
    if post.lead:
        data["description"] = post.lead
    if post.date:
        data["datePublished"] = post.date.isoformat()
    if post.author:
        data["author"] = {"@type": "Person", "name": post.author}
    if post.tags:
        data["keywords"] = list(post.tags)
    if settings.absolute:
        data["url"] = data["mainEntityOfPage"] = settings.post_address(post)
    if card is not None:
        data["image"] = {"@type": "ImageObject", "url": card.src, "width": card.width, "height": card.height}
    # The Markdown source as the article's text: importing an exported page gives back the same post.
    # HTML comments are a writer's notes to the editor, never published.
    data["articleBody"] = _HTML_COMMENT.sub("", post.body)
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=None)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _card_views(posts: Iterable[Post], settings: SiteSettings, from_path: str, memo: dict | None,
                thumbnails: dict[int, ImageSource]) -> list[PostView]:
    if memo is None:
        return [post_view(p, settings, from_path=from_path, thumbnail=thumbnails.get(_id_of(p))) for p in posts]
    depth = len(PurePosixPath(from_path).parts)
    views = []
    for post in posts:
        thumbnail = thumbnails.get(_id_of(post))
        key = (post.id, depth, thumbnail)  # a thumbnail's address is the same from every page folder
        view = memo.get(key)
        if view is None:
            view = memo[key] = post_view(post, settings, from_path=from_path, thumbnail=thumbnail)
        views.append(view)
    return views


def _id_of(post: Post) -> int:
    return post.id if post.id is not None else 0


def render_page(post: Post, rendered_html: str, related_posts: Iterable[Post], settings: SiteSettings, *,
                mode: str = "page", page_path: str | None = None,
                image_source: Callable[[str], ImageSource | None] | None = None,
                css_href: str | None = None, uid: str = "", card_views: dict | None = None,
                card: CardImage | None = None, thumbnails: dict[int, ImageSource] | None = None,
                css: Markup | None = None) -> str:
    """The post as a full page, a preview page or a CMS fragment; needs no library.

    `rendered_html` is `Rendered.html` (the preview passes it rendered with line numbers).
    `page_path` is where the page sits in the export folder (relative links are computed from it);
    `image_source` resolves `ktav-image:` references; `css_href` links a stylesheet instead of inlining
    it (ignored in the preview, which never touches the network or the disk).
    `card_views`: a dict a batch keeps across its pages, so that a post shown in many related blocks
    is prepared once for each folder depth (the only thing its card's address depends on).
    `card` is the page's social card (og:image), `thumbnails` the pictures of its related cards by post id.
    `css`: the stylesheet as `templates.page_css` gives it, read once by a batch (else read here, which
    looks at its files' times).
    """
    if mode not in MODES:
        raise ValueError(f"unknown page mode {mode!r} (one of {', '.join(MODES)})")
    path = settings.post_path(post) if page_path is None else page_path
    body = clean_text(rewrite_images(rendered_html, image_source) if image_source else rendered_html)
    context = {
        "mode": mode,
        "site": settings,
        "post": post_view(post, settings, from_path=path, uid=uid),
        "body_html": Markup(body),
        "related": _card_views(related_posts, settings, path, card_views, thumbnails or {}),
    }
    if mode == "fragment":
        return templates.render(settings.templates_dir, "fragment.html", **context)
    preview = mode == "preview"
    return templates.render(
        settings.templates_dir, "post.html", **context,
        blog_address=settings.blog_address(from_path=path),
        csp=PREVIEW_CONTENT_SECURITY_POLICY if preview else CONTENT_SECURITY_POLICY,
        css_href=None if preview else css_href,
        css=css if css is not None else Markup(templates.page_css(settings.templates_dir)),
        json_ld=json_ld(post, settings, None if preview else card),
        card=None if preview else card,
    )
