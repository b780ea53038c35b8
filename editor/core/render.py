"""Markdown to a sanitized HTML fragment, with outline, word count, reading time and warnings.

The same pipeline serves the live preview (`line_numbers=True`) and export.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import cached_property

import markdown
from markdown.extensions.toc import slugify_unicode

from editor.core import hebrew
from editor.core.word_counter import markdown_word_count
from editor.core.markdown_ext import KtavExtension
from editor.core.markdown_ext.code import LtrCodeFormatter, code_css, write_code_css
from editor.core.markdown_ext.heading_ids import HeadingIdsExtension
from editor.core.sanitize import sanitize_html

__all__ = [
    "Heading",
    "RenderWarning",
    "Rendered",
    "code_css",
    "render_markdown",
    "standard_markdown",
    "write_code_css",
]

FOOTNOTE_BACKLINK_TITLE_HE = "חזרה להערה %d בטקסט"


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    id: str


@dataclass(frozen=True)
class RenderWarning:
    """Something the writer should fix; `line` is the 1-based source line when known."""

    code: str
    message: str
    message_he: str
    line: int | None = None


@dataclass(frozen=True)
class Rendered:
    html: str
    outline: list[Heading]
    warnings: list[RenderWarning]
    image_refs: list[str]
    source: str = field(default="", repr=False)

    # Counted on first use: the preview shows the count, an export of a thousand posts never asks.
    @cached_property
    def word_count(self) -> int:
        return markdown_word_count(self.source)

    @cached_property
    def reading_minutes(self) -> int:
        return hebrew.reading_minutes(self.word_count)


_MESSAGES = {
    "image-no-alt": (
        "Image without alt text ({detail}): describe it for readers who cannot see it.",
        "תמונה ללא טקסט חלופי ({detail}): כדאי לתאר אותה עבור מי שלא רואה אותה.",
    ),
    "heading-skip": (
        "Heading level skips ({detail}): use the next level down.",
        "רמת כותרת מדלגת ({detail}): כדאי להשתמש ברמה הבאה.",
    ),
    "bidi-control": (
        "Invisible direction control characters in the text: they can reorder words unexpectedly.",
        "תווי כיווניות נסתרים בטקסט: הם עלולים לשבש את סדר המילים.",
    ),
    "unsafe-html-removed": (
        "HTML that is not allowed in a post was removed: {detail}",
        "קוד HTML שאינו מותר ברשומה הוסר: {detail}",
    ),
    "unsafe-link-removed": (
        "A link or image address that is not allowed was removed: {detail}",
        "כתובת קישור או תמונה שאינה מותרת הוסרה: {detail}",
    ),
}


def _standard_extensions() -> list:
    return ["tables", "footnotes", "fenced_code", "codehilite", "attr_list", "sane_lists", "toc"]


def _extension_configs() -> dict:
    return {
        "footnotes": {"BACKLINK_TITLE": FOOTNOTE_BACKLINK_TITLE_HE},
        "codehilite": {"guess_lang": False, "pygments_formatter": LtrCodeFormatter},
        "tables": {"use_align_attribute": True},  # `style` is not allowed; `align` is
        "toc": {"slugify": slugify_unicode},
    }


def standard_markdown() -> markdown.Markdown:
    """Python-Markdown with our standard extensions and none of ours (the benchmark's baseline)."""
    return markdown.Markdown(
        extensions=_standard_extensions(), extension_configs=_extension_configs()
    )


class _Renderer:
    """One Markdown instance, built once and reset between documents."""

    def __init__(self, line_numbers: bool) -> None:
        self.ktav = KtavExtension(line_numbers=line_numbers)
        configs = _extension_configs()
        # toc's heading ids, without the table of contents toc would build for each document
        heading_ids = HeadingIdsExtension(**configs.pop("toc"))
        extensions = [name for name in _standard_extensions() if name != "toc"]
        self.md = markdown.Markdown(extensions=[*extensions, heading_ids, self.ktav], extension_configs=configs)

    def render(self, text: str) -> Rendered:
        self.md.reset()
        html = sanitize_html(self.md.convert(text))
        ktav = self.ktav
        return Rendered(
            html=html,
            outline=[Heading(level, title, id_) for level, title, id_ in ktav.summary.headings],
            warnings=_warnings(text, ktav),
            image_refs=list(ktav.findings.image_refs),
            source=text,
        )


def _warnings(text: str, ktav: KtavExtension) -> list[RenderWarning]:
    found = [(f.code, f.line, f.detail) for f in ktav.findings.items]
    if hebrew.has_bidi_controls(text):
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")  # as Markdown counts
        for number, line in enumerate(lines, start=1):
            if hebrew.has_bidi_controls(line):
                found.append(("bidi-control", number, ""))
    merged: dict[tuple[str, int | None], list[str]] = {}  # one warning per kind and line
    for code, line, detail in found:
        details = merged.setdefault((code, line), [])
        if detail and detail not in details:
            details.append(detail)
    warnings = []
    for (code, line), details in sorted(merged.items(), key=lambda item: item[0][1] or 0):
        english, hebrew_text = _MESSAGES[code]
        detail = ", ".join(details)
        message, message_he = english.format(detail=detail), hebrew_text.format(detail=detail)
        warnings.append(RenderWarning(code, message, message_he, line))
    return warnings


_per_thread = threading.local()  # Markdown instances are not thread-safe; building one is slow


def render_markdown(text: str, *, line_numbers: bool = False) -> Rendered:
    """Renders a post body; with `line_numbers`, top-level blocks carry `data-line` (preview)."""
    renderers = getattr(_per_thread, "renderers", None)
    if renderers is None:
        renderers = _per_thread.renderers = {}
    renderer = renderers.get(line_numbers)
    if renderer is None:
        renderer = renderers[line_numbers] = _Renderer(line_numbers)
    return renderer.render(text)
