"""Changing a picture's alt text and caption after it was inserted, as one edit of the Markdown."""

from __future__ import annotations

from editor.core.editing.formatting import Edit, image_markdown
from editor.core.text.markdown_images import MarkdownImage, markdown_images, markdown_images_after_edit


def post_images(text: str) -> list[MarkdownImage]:
    """The pictures of a post's text, in order (what the images panel lists)."""
    return markdown_images(text)


def post_images_after_edit(text: str, before: str, found: list[MarkdownImage],
                           change: tuple[int, int]) -> list[MarkdownImage]:
    """post_images(text) for a text that differs from `before` (whose pictures were `found`) only in
    text[change[0]:change[1]]."""
    return markdown_images_after_edit(text, before, found, *change)


def set_image_text(text: str, image: MarkdownImage, alt: str, caption: str) -> Edit | None:
    """The edit that gives `image` (one of `post_images(text)`) this alt text and caption, its address
    as written; None when `text` no longer holds it there or nothing would change."""
    current = next((i for i in markdown_images(text) if i.start == image.start), None)
    if current is None or current.address != image.address:
        return None
    if (current.alt, current.caption) == (alt, caption):
        return None  # leaving a field unchanged rewrites nothing (not even how its brackets are written)
    address = f"<{current.address}>" if any(c.isspace() for c in current.address) else current.address
    replacement = image_markdown(address, alt, caption)
    if replacement == text[current.start:current.end]:
        return None
    end = current.start + len(replacement)
    return Edit(current.start, current.end, replacement, (end, end))
