"""What the preview shows: the post rendered by the core and set in export's page template."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from editor.core.export.assets import IMAGE_SCHEME, ImageSource
from editor.core.export.page import render_page
from editor.core.export.pictures import THUMBNAILS, cover_of
from editor.core.export.site import SiteSettings
from editor.core.models import Post
from editor.core.render.pipeline import Rendered, render_or_explain


@dataclass(frozen=True)
class PreviewContext:
    """Everything besides the body text that shapes the page (values only: safe in a thread).

    The body travels once, as the text to render: `post` and the `related` cards come without it."""

    post: Post
    related: tuple[Post, ...] = ()
    site: Any = None
    covers: tuple[tuple[int, str], ...] = ()  # (post id, sha256) of the related posts' covers: their cards' pictures

    def page_key(self) -> tuple:
        """Changes when the page must be loaded anew (its styles); anything else is updated in place."""
        return (self.site,)


@dataclass(frozen=True)
class PreviewResult:
    rendered: Rendered
    page_html: str
    page_key: tuple = field(default=())
    title: str = ""
    lead: str = ""
    source_lines: int = 1

    @property
    def body_html(self) -> str:
        return self.rendered.html

    def __reduce__(self):
        """Pickled (from the render child to the window) without what the window need not unpickle
        twice: the body inside the page travels once, as `rendered.html`."""
        body = self.rendered.html
        at = self.page_html.find(body) if body else -1
        if at < 0:
            return (PreviewResult, (self.rendered, self.page_html, self.page_key, self.title, self.lead,
                                    self.source_lines))
        return (_result_around_body, (self.rendered, self.page_html[:at], self.page_html[at + len(body):],
                                      self.page_key, self.title, self.lead, self.source_lines))


def _result_around_body(rendered: Rendered, before: str, after: str, *fields: Any) -> PreviewResult:
    return PreviewResult(rendered, before + rendered.html + after, *fields)


def _without_source(rendered: Rendered) -> Rendered:
    """The render as the window needs it: the counts made, the text (the window's own) not sent back."""
    counts = {"word_count": rendered.word_count, "reading_minutes": rendered.reading_minutes}
    light = dataclasses.replace(rendered, source="")
    vars(light).update(counts)  # where cached_property keeps its values: the counts stay those of the text
    return light


def render_preview(text: str, context: PreviewContext) -> PreviewResult:
    """Render `text` as the body of `context.post` (runs in the render worker's thread). A post the
    render refuses (too big, too deep, too slow) shows a block saying why instead of its body."""
    # Counted here, where the render runs (a child process): the counts travel with the result,
    # so the window's thread never counts the words of a long post after each render.
    rendered = _without_source(render_or_explain(text, line_numbers=True))
    post = context.post.copy(body=text)
    return PreviewResult(rendered, build_page(post, rendered.html, context), context.page_key(),
                         title=post.title, lead=post.lead, source_lines=text.count("\n") + 1)


def build_page(post: Post, body_html: str, context: PreviewContext) -> str:
    """The page export would write for `post`, in its preview mode (no network, no scripts)."""
    site = context.site if context.site is not None else SiteSettings()
    # A card's picture is the preview's copy of the cover, cut as the exported thumbnail by the page's CSS.
    thumbnails = {post_id: ImageSource(IMAGE_SCHEME + sha, THUMBNAILS[0].width, THUMBNAILS[0].height)
                  for post_id, sha in context.covers}
    return render_page(post, body_html, list(context.related), site, mode="preview", thumbnails=thumbnails)


def related_covers(library, posts) -> tuple[tuple[int, str], ...]:
    """(post id, sha256) of the covers of `posts` (stored, with their text), for a PreviewContext."""
    found = []
    for post in posts:
        cover = cover_of(post, library.cover_image(post.id), library.has_image)
        if cover is not None:
            found.append((post.id, cover[0]))
    return tuple(found)
