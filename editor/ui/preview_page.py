"""What the preview shows: the post rendered by the core and set in export's page template."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

from editor.core.models import Post
from editor.core.render import Rendered, render_markdown

# The element of export's page template that holds the post's body; the preview replaces its content.
BODY_SELECTOR = ".ktav-body"


@dataclass(frozen=True)
class PreviewContext:
    """Everything besides the body text that shapes the page (values only: safe in a thread)."""

    post: Post
    related: tuple[Post, ...] = ()
    site: Any = None

    def page_key(self) -> tuple:
        """Changes when the page around the body must be built again (not on body edits)."""
        post = self.post
        return (post.title, post.lead, post.author, post.date, tuple(post.tags), post.slug,
                tuple((p.id, p.title, p.lead, p.date) for p in self.related))


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


def render_preview(text: str, context: PreviewContext) -> PreviewResult:
    """Render `text` as the body of `context.post` (runs in the render worker's thread)."""
    rendered = render_markdown(text, line_numbers=True)
    post = context.post.copy(body=text)
    return PreviewResult(rendered, build_page(post, rendered.html, context), context.page_key(),
                         title=post.title, lead=post.lead, source_lines=text.count("\n") + 1)


def build_page(post: Post, body_html: str, context: PreviewContext) -> str:
    try:
        from editor.core.export.page import render_page
        from editor.core.site import SiteSettings
    except ImportError:
        return _placeholder_page(post, body_html)
    site = context.site if context.site is not None else SiteSettings()
    return render_page(post, body_html, list(context.related), site, mode="preview")


def _placeholder_page(post: Post, body_html: str) -> str:
    """A bare page used until the export templates exist."""
    title = html.escape(post.title)
    lead = html.escape(post.lead)
    return (
        '<!DOCTYPE html><html lang="he" dir="rtl"><head><meta charset="utf-8">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "img-src ktav-image: data:; style-src 'unsafe-inline'\">"
        "<style>body{font-family:sans-serif;max-width:42em;margin:2em auto;padding:0 1em;"
        "line-height:1.6}.lead{font-size:1.2em;color:#444}</style></head><body><main>"
        f'<h1>{title}</h1><p class="lead">{lead}</p>'
        f'<div class="ktav-body">{body_html}</div></main></body></html>'
    )
