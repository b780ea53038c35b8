"""Markdown to a sanitized HTML fragment, with outline, word count, reading time and warnings.

The same pipeline serves the live preview (`line_numbers=True`) and export. A post over the limits
of `render_limits` (size, nesting) or its time budget raises RenderTooComplex; `render_or_explain`
gives the preview a page that says so instead.
"""

from __future__ import annotations

import html as html_text
import importlib
import threading

import markdown
from markdown.extensions.toc import slugify_unicode

from editor.core.errors import RenderTooComplex
from editor.core.render.block_tests import QuickBlockTestsExtension
from editor.core.render.budget import BudgetExceeded, run_within
from editor.core.render.code import LtrCodeFormatter, code_css, write_code_css
from editor.core.render.extension import KtavExtension
from editor.core.render.footnotes import FastFootnotes
from editor.core.render.heading_ids import HeadingIdsExtension
from editor.core.render.inline import QuickInlineExtension
from editor.core.render.limits import RENDER_TIME_BUDGET, check_render_limits, too_slow
from editor.core.render.links import LinearLinksExtension
from editor.core.render.registries import list_once
from editor.core.render.rendered import Heading, Rendered, RenderWarning
from editor.core.render.sanitize import body_id, sanitize_html
from editor.core.render.tables import FastTableExtension
from editor.core.text import hebrew

__all__ = [
    "Heading",
    "RenderWarning",
    "Rendered",
    "code_css",
    "RenderTooComplex",
    "render_markdown",
    "render_or_error",
    "render_or_explain",
    "standard_markdown",
    "write_code_css",
]

FOOTNOTE_BACKLINK_TITLE_HE = "חזרה להערה %d בטקסט"




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
    "unclosed-tag": (
        "An unclosed tag would have hidden the rest of the post ({detail}): it is shown as text; "
        "close it or remove it.",
        "תג שלא נסגר היה מסתיר את המשך הפוסט ({detail}): הוא מוצג כטקסט; יש לסגור אותו או להסיר אותו.",
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
    """One Markdown instance, built once and reset between documents.

    The standard extensions, with ours where theirs take quadratic time: toc's heading ids (without
    the table of contents toc would build for each document), footnotes, tables, links; and the
    inline step without trying its patterns on plain prose.
    """

    def __init__(self, line_numbers: bool) -> None:
        self.ktav = KtavExtension(line_numbers=line_numbers)
        configs = _extension_configs()
        ours = [HeadingIdsExtension(**configs.pop("toc")), FastFootnotes(**configs.pop("footnotes")),
                FastTableExtension(**configs.pop("tables")), LinearLinksExtension(), QuickInlineExtension(),
                QuickBlockTestsExtension()]
        replaced = {"toc", "footnotes", "tables"}
        # Built from their modules: a name would have Python-Markdown read every installed package's
        # entry points first (~30 ms of an export that renders one post).
        extensions = [importlib.import_module(f"markdown.extensions.{name}").makeExtension(**configs.get(name, {}))
                      for name in _standard_extensions() if name not in replaced]
        self.md = markdown.Markdown(extensions=[*extensions, *ours, self.ktav])
        list_once(self.md)

    def render(self, text: str) -> Rendered:
        self.md.reset()
        html = sanitize_html(self.md.convert(text))
        ktav = self.ktav
        return Rendered(
            html=html,
            outline=[Heading(level, title, body_id(id_) if id_ else id_) for level, title, id_ in ktav.summary.headings],
            warnings=_warnings(text, ktav),
            image_refs=list(ktav.findings.image_refs),
            source=text,
        )


def _warnings(text: str, ktav: KtavExtension) -> list[RenderWarning]:
    found: list[tuple[str, int | None, str]] = _without_unclosed_as_removed(
        [(f.code, f.line, f.detail) for f in ktav.findings.items])
    if hebrew.has_bidi_controls(text):
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")  # as Markdown counts
        for number, source_line in enumerate(lines, start=1):
            if hebrew.has_bidi_controls(source_line):
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


def _without_unclosed_as_removed(found: list[tuple[str, int | None, str]]) -> list[tuple[str, int | None, str]]:
    """An unclosed `<style>` shown as text was not removed: no "removed" warning for it on its line."""
    unclosed = {(line, detail.partition(": ")[0]) for code, line, detail in found if code == "unclosed-tag"}
    if not unclosed:
        return found
    kept = []
    for code, line, detail in found:
        if code == "unsafe-html-removed":
            detail = " ".join(part for part in detail.split(" ") if (line, part) not in unclosed)
            if not detail:
                continue
        kept.append((code, line, detail))
    return kept


_per_thread = threading.local()  # Markdown instances are not thread-safe; building one is slow


def render_markdown(text: str, *, line_numbers: bool = False,
                    time_budget: float | None = RENDER_TIME_BUDGET) -> Rendered:
    """Renders a post body; with `line_numbers`, top-level blocks carry `data-line` (preview).

    Raises RenderTooComplex for a post over a limit (`editor.core.render.limits`) or one that takes
    more than `time_budget` seconds of CPU.
    """
    check_render_limits(text)
    renderers = getattr(_per_thread, "renderers", None)
    if renderers is None:
        renderers = _per_thread.renderers = {}
    renderer = renderers.get(line_numbers)
    if renderer is None:
        renderer = renderers[line_numbers] = _Renderer(line_numbers)
    try:
        return run_within(time_budget, lambda: renderer.render(text))
    except BudgetExceeded:
        renderers.pop(line_numbers, None)  # stopped half-way: its state is not to be trusted
        raise too_slow(time_budget or 0.0) from None
    except RecursionError:  # a nesting the limits did not foresee
        renderers.pop(line_numbers, None)
        raise RenderTooComplex("the post is nested too deeply to render: flatten its lists, quotes or HTML",
                               "הפוסט מקונן עמוק מדי לעיבוד: כדאי לשטח רשימות, ציטוטים או HTML",
                               reason="too-deep") from None


def render_or_error(text: str, *, line_numbers: bool = False) -> Rendered | RenderTooComplex:
    """`render_markdown`, with the refusal returned instead of raised (a batch keeps going)."""
    try:
        return render_markdown(text, line_numbers=line_numbers)
    except RenderTooComplex as error:
        return error


PROBLEM_CLASS = "ktav-render-problem"


def render_or_explain(text: str, *, line_numbers: bool = False,
                      time_budget: float | None = RENDER_TIME_BUDGET) -> Rendered:
    """`render_markdown`, or for a post it refuses, a Rendered whose HTML is a block saying why (in
    Hebrew, then English) and whose warnings carry the reason (code `too-complex`): the preview shows
    the problem instead of an error."""
    try:
        return render_markdown(text, line_numbers=line_numbers, time_budget=time_budget)
    except RenderTooComplex as error:
        return explain(error, text)


def explain(error: RenderTooComplex, text: str = "") -> Rendered:
    """The Rendered standing in for a post that `error` refused."""
    where = f' data-line="{error.line}"' if error.line else ""
    block = (f'<div class="{PROBLEM_CLASS}" role="alert"{where}>\n'
             f"<p><strong>{html_text.escape(error.message_he)}</strong></p>\n"
             f'<p dir="ltr" lang="en">{html_text.escape(error.message)}</p>\n</div>')
    warning = RenderWarning("too-complex", error.message, error.message_he, error.line)
    return Rendered(html=block, outline=[], warnings=[warning], image_refs=[], source=text)
