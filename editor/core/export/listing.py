"""The blog index (newest first, with dates and leads) and the Atom feed of an `export --all`."""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from markupsafe import Markup

from editor.core.export import templates
from editor.core.export.assets import ImageSource, rewrite_images
from editor.core.export.page import CONTENT_SECURITY_POLICY, clean_text, post_view
from editor.core.export.site import SiteSettings
from editor.core.models import Post, stored_id

INDEX_FILE = "index.html"
FEED_FILE = "feed.xml"
FEED_ENTRIES = 50
_EPOCH = "1970-01-01T00:00:00Z"


def newest_first(posts: list[Post]) -> list[Post]:
    return sorted(posts, key=lambda p: (p.date is not None, p.date or 0, p.id), reverse=True)


def index_page(job, posts: list[Post], *, css_href: str | None) -> str:
    settings = job.settings
    return templates.render(
        settings.templates_dir, "index.html", site=settings, csp=CONTENT_SECURITY_POLICY,
        css_href=css_href, css=Markup(templates.page_css(settings.templates_dir)),
        feed_href=FEED_FILE, posts=[post_view(p, settings, from_path=INDEX_FILE) for p in newest_first(posts)])


def atom_feed(job, posts: list[Post], rendered: dict) -> str:
    """The newest posts with their full HTML; ids are the posts' stable uids, never their addresses."""
    settings = job.settings
    entries = []
    for post in newest_first(posts)[:FEED_ENTRIES]:
        folder = PurePosixPath(job.place(post).folder)
        sources = {sha: _from_root(source, folder, settings) for sha in rendered[post.id].image_refs
                   if (source := job.pictures.body_source(sha, folder, None)) is not None}
        published = f"{post.date.isoformat()}T00:00:00Z" if post.date else ""
        entries.append({
            "id": _uid_urn(job.uid(stored_id(post))), "title": clean_text(post.title), "lead": clean_text(post.lead),
            "address": settings.post_address(post, from_path=FEED_FILE), "author": clean_text(post.author),
            "tags": [clean_text(tag) for tag in post.tags], "published": published, "updated": post.updated_at or published or _EPOCH,
            "content": clean_text(rewrite_images(rendered[post.id].html, sources.get)),
        })
    feed = {"id": settings.blog_url + "/" if settings.absolute else _uid_urn(uuid.uuid5(uuid.NAMESPACE_URL,
                                                                                        "ktav:" + settings.site_name).hex),
            "updated": max((e["updated"] for e in entries), default=_EPOCH)}
    return templates.render(settings.templates_dir, "feed.xml", site=settings, feed=feed, entries=entries)


def _from_root(source: ImageSource, folder: PurePosixPath, settings: SiteSettings) -> ImageSource:
    """A picture of a page as the feed at the export's root names it: one copy (a feed reader chooses
    no sizes), its address from the root, absolute under the blog's."""
    if source.src.startswith("data:"):
        return source
    path = str(folder / source.src) if str(folder) != "." else source.src
    return ImageSource(f"{settings.blog_url}/{path}" if settings.absolute else path, source.width, source.height)


def _uid_urn(uid: str) -> str:
    try:
        return uuid.UUID(hex=uid).urn
    except ValueError:
        return f"urn:ktav:post:{uid}"
