"""The pre-publish check: what must be fixed before a post leaves (errors) and what to look at (warnings).

Errors block the export unless it is forced; warnings are listed. Severities (see docs/export.md):
errors — no title, no body, an image missing from the library, a body the render refuses (too big,
too deep or too slow: that post alone is left out of an export), a remote image when the site setting
`remote_images` is "block" (else a warning), an image without alt text unless the site setting
`image_alt` is "warn";
warnings — no lead, no date, a title over 70 characters, a link to a post
that is not approved/published (or not in the library), a skipped heading level or a second top-level
heading, a stray bidi control character, an empty section, fewer than three related posts chosen,
the words the spell check does not know (when one is given), and the render pipeline's own warnings.
"""

from __future__ import annotations

import enum
import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import unquote

from editor.core.errors import RenderTooComplex
from editor.core.export.assets import IMAGE_SCHEME
from editor.core.export.site import SiteSettings
from editor.core.models import LINKABLE_STATUSES, Post, Status
from editor.core.render.sanitize import EXTERNAL_SCHEMES, url_scheme
from editor.core.text import hebrew

MAX_TITLE_LENGTH = 70
RELATED_WANTED = 3
MAX_SPELLING_FINDINGS = 30  # words listed one by one; the rest are counted in one more finding


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One problem the check found; `line` is the body's source line when known."""

    code: str
    severity: Severity
    message: str
    message_he: str
    line: int | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def describe(self) -> str:
        where = f" (line {self.line})" if self.line else ""
        return f"{self.severity.value}: {self.message}{where}"


def _error(code, message, message_he, line=None) -> Finding:
    return Finding(code, Severity.ERROR, message, message_he, line)


def _warning(code, message, message_he, line=None) -> Finding:
    return Finding(code, Severity.WARNING, message, message_he, line)


@dataclass(frozen=True)
class CheckContext:
    """What the check asks of the library, as plain functions (a test can hand in its own)."""

    has_image: Callable[[str], bool]
    status_of_slug: Callable[[str], Status | None]
    related_chosen: int
    # A text's misspelled words (editor.core.spelling's SpellChecker.misspellings); None: not checked.
    misspellings: Callable[[str], list] | None = None


def find_problems(post: Post, rendered, settings: SiteSettings, context: CheckContext) -> list[Finding]:
    """Every finding for `post`, errors first, each group in the order of the text. `rendered` is the
    body's Rendered, or the RenderTooComplex that refused it (a `too-complex` error)."""
    if isinstance(rendered, RenderTooComplex):
        refused = _error("too-complex", rendered.message, rendered.message_he, rendered.line)
        return sorted(_text_findings(post) + [refused] + _spelling_findings(post, context), key=lambda f: (not f.is_error))
    findings = _text_findings(post) + _body_findings(rendered, settings, context) + _spelling_findings(post, context)
    if context.related_chosen < RELATED_WANTED:
        findings.append(_warning(
            "few-related", f"{context.related_chosen} related posts chosen (the page shows {RELATED_WANTED})",
            f"נבחרו {context.related_chosen} פוסטים קשורים (בעמוד מוצגים {RELATED_WANTED})"))
    for warning in getattr(rendered, "warnings", ()):
        if warning.code not in _CHECKED_HERE:
            findings.append(_warning(warning.code, warning.message, warning.message_he, warning.line))
    return sorted(findings, key=lambda f: (not f.is_error))


# The render pipeline warns about these too; the check's own findings (which also cover the title
# and lead, and know the page's h1) stand in for them.
_CHECKED_HERE = frozenset({"image-no-alt", "heading-skip", "bidi-control"})


def _text_findings(post: Post) -> list[Finding]:
    found = []
    if not post.title.strip():
        found.append(_error("no-title", "the post has no title", "לפוסט אין כותרת"))
    elif len(post.title.strip()) > MAX_TITLE_LENGTH:
        found.append(_warning(
            "long-title", f"the title is {len(post.title.strip())} characters long (over {MAX_TITLE_LENGTH})",
            f"הכותרת ארוכה: {len(post.title.strip())} תווים (יותר מ-{MAX_TITLE_LENGTH})"))
    if post.status in (Status.IN_REVIEW, Status.CHANGES_REQUESTED):
        found.append(_warning(
            "not-approved", f"the post is {post.status.value.replace('_', ' ')}: the review has not approved it",
            f"הפוסט במצב „{post.status.label_he}”: הסקירה עוד לא אישרה אותו"))
    if not post.body.strip():
        found.append(_error("no-body", "the post has no text", "לפוסט אין תוכן"))
    if not post.lead.strip():
        found.append(_warning("no-lead", "the post has no lead (it is also the page's description)",
                              "לפוסט אין פסקת פתיחה (היא גם תיאור העמוד)"))
    if post.date is None:
        found.append(_warning("no-date", "the post has no publication date", "לפוסט אין תאריך פרסום"))
    for field, field_he, text in (("title", "בכותרת", post.title), ("lead", "בפתיח", post.lead),
                                  ("body", "בגוף הפוסט", post.body)):
        if not hebrew.has_bidi_controls(text):
            continue
        for line_number, line in enumerate(text.splitlines(), start=1):
            for char in sorted({c for c in line if hebrew.has_bidi_controls(c)}):
                name = unicodedata.name(char, f"U+{ord(char):04X}")
                found.append(_warning(
                    "bidi-control", f"a hidden direction mark {name} in the {field}",
                    f"תו כיווניות נסתר ({name}) {field_he}", line_number if field == "body" else None))
    return found


def _spelling_findings(post: Post, context: CheckContext) -> list[Finding]:
    """One warning per word the spell check does not know (title, lead, body), at its first line in the body."""
    if context.misspellings is None:
        return []
    words: dict[str, tuple[int | None, int]] = {}
    for text, in_body in ((post.title, False), (post.lead, False), (post.body, True)):
        for found in context.misspellings(text):
            line, count = words.get(found.word, (None, 0))
            words[found.word] = (line if line is not None or not in_body else found.line, count + found.count)
    findings = []
    for word, (line, count) in list(words.items())[:MAX_SPELLING_FINDINGS]:
        times, times_he = (f" ({count} times)", f" ({count} פעמים)") if count > 1 else ("", "")
        findings.append(_warning("spelling", f"a word the spell check does not know: {word}{times}",
                                 f"מילה שבודק האיות אינו מכיר: {word}{times_he}", line))
    if len(words) > MAX_SPELLING_FINDINGS:
        more = len(words) - MAX_SPELLING_FINDINGS
        findings.append(_warning("spelling", f"and {more} more words the spell check does not know",
                                 f"ועוד {more} מילים שבודק האיות אינו מכיר"))
    return findings


def _body_findings(rendered, settings: SiteSettings, context: CheckContext) -> list[Finding]:
    scan = _scan_body(rendered.html)
    found = []
    for src, alt, line in scan.images:
        if is_remote(src):
            found.append(_remote_image(src, line, blocked=settings.remote_images == "block"))
        if src.startswith(IMAGE_SCHEME) and not context.has_image(src[len(IMAGE_SCHEME):]):
            found.append(_error("image-missing", f"an image is missing from the library: {src}",
                                f"תמונה חסרה בספרייה: {src}", line))
        if not (alt or "").strip():
            found.append(_no_alt(line, blocked=settings.image_alt == "block"))
    for href, line in scan.links:
        address = slug_of_address(href, settings)
        if address is None:
            continue
        slug, under_blog = address
        status = context.status_of_slug(slug)
        if status is None and under_blog:
            found.append(_warning("link-unknown-post", f"a link to a post that is not in the library: {href}",
                                  f"קישור לפוסט שאינו בספרייה: {href}", line))
        elif status is not None and status not in LINKABLE_STATUSES:
            found.append(_warning("link-unpublished", f"a link to a post that is not published ({status.value}): {href}",
                                  f"קישור לפוסט שלא פורסם ({status.label_he}): {href}", line))
    found += _heading_findings(scan.blocks)
    return found


def is_remote(src: str) -> bool:
    """An image address a reader's browser fetches from another site (`http:`, `https:`, `//host/`)."""
    src = src.strip()
    return src.startswith("//") or url_scheme(src) in EXTERNAL_SCHEMES


def _remote_image(src: str, line: int | None, *, blocked: bool) -> Finding:
    make = _error if blocked else _warning
    return make("remote-image", f"an image is loaded from another site each time the page is read (that site "
                f"sees every reader, and the image can change or vanish): {src}; fetch it into the library",
                f"תמונה נטענת מאתר אחר בכל קריאה של העמוד (האתר ההוא רואה כל קורא, והתמונה עלולה להשתנות או "
                f"להיעלם): {src}; כדאי להוריד אותה לספרייה", line)


def _no_alt(line: int | None, *, blocked: bool) -> Finding:
    make = _error if blocked else _warning
    return make("image-no-alt", "an image has no alt text: describe what it shows (screen readers read it to blind "
                "readers, and it shows where the picture does not load)", "לתמונה אין טקסט חלופי: יש לתאר מה רואים "
                "בה (קוראי מסך מקריאים אותו לקוראים עיוורים, והוא מוצג כשהתמונה לא נטענת)", line)


def _heading_findings(blocks: list[tuple[str, int | None]]) -> list[Finding]:
    found = []
    previous_level = 1  # the page's title is the h1
    for index, (tag, line) in enumerate(blocks):
        level = _heading_level(tag)
        if level is None:
            continue
        if level == 1:
            found.append(_warning("heading-h1", "a top-level heading (#) in the body: the title is the page's only one",
                                  "כותרת ראשית (#) בגוף הפוסט: הכותרת הראשית של העמוד היא כותרת הפוסט", line))
        elif level > previous_level + 1:
            found.append(_warning("heading-skip", f"the heading levels skip from h{previous_level} to h{level}",
                                  f"רמות הכותרות מדלגות מ-h{previous_level} ל-h{level}", line))
        previous_level = level
        following = blocks[index + 1][0] if index + 1 < len(blocks) else None
        following_level = _heading_level(following) if following else 0
        if following is None or (following_level is not None and following_level <= level):
            found.append(_warning("empty-section", "a heading with nothing under it", "כותרת שאין תחתיה תוכן", line))
    return found


_HEADING = re.compile("^h([1-6])$")


def _heading_level(tag: str | None) -> int | None:
    match = _HEADING.match(tag or "")
    return int(match.group(1)) if match else None


def slug_of_address(href: str, settings: SiteSettings) -> tuple[str, bool] | None:
    """(slug, under the blog address) of a link shaped like a post address, else None.

    A relative link (`../other-post/`) has the shape too, but may lead anywhere on the site: the
    caller trusts it only when the library has a post with that slug.
    """
    if settings.absolute and href.startswith(settings.blog_url + "/"):
        rest, under_blog = href[len(settings.blog_url) + 1:], True
    elif not _SCHEME.match(href) and not href.startswith(("#", "//")):
        rest, under_blog = _LEADING_DOTS.sub("", href), False
    else:
        return None
    match = _address_pattern(settings.post_url_pattern).match(rest.split("#")[0].split("?")[0])
    return (unquote(match.group("slug")), under_blog) if match else None


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_LEADING_DOTS = re.compile(r"^(?:\.{1,2}/)*/?")


def _address_pattern(pattern: str) -> re.Pattern:
    relative = pattern[len("{blog}"):] if pattern.startswith("{blog}") else pattern
    parts = re.split(r"(\{(?:slug|yyyy|mm|dd)\})", relative.lstrip("/"))
    regex = "".join("(?P<slug>[^/?#]+)" if p == "{slug}" else "[0-9]+" if p.startswith("{") else re.escape(p)
                    for p in parts)
    if regex.endswith("/"):
        regex += "?(?:index\\.html)?"
    return re.compile(f"^{regex}$")


_VOID = frozenset(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"])
_RAW_TEXT = frozenset({"script", "style"})
# A comment or declaration (skipped), or a tag: its name and attributes (quoted values may hold '>').
_TOKEN = re.compile(r"<!--.*?(?:-->|\Z)|<[!?][^>]*>|<(/?)([a-zA-Z][^\s/>]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.S)
_ATTRIBUTE = re.compile(r"""([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")


@dataclass
class _Scan:
    """Top-level blocks, images and links of a body fragment, each with its source line when known."""

    blocks: list[tuple[str, int | None]]
    images: list[tuple[str, str, int | None]]
    links: list[tuple[str, int | None]]


def body_images(markup: str) -> list[tuple[str, str, int | None]]:
    """(src, alt, line) of every image of a rendered body (`Rendered.html`), in order."""
    return _scan_body(markup).images


def _scan_body(markup: str) -> _Scan:
    """Reads tags with a regular expression rather than html.parser (4 times slower, measured on a
    thousand posts): the body is the sanitizer's output, whose tags and quoted attributes it reads
    as html.parser does (tests/core/test_export_check.py compares the two)."""
    scan = _Scan([], [], [])
    depth, line, position = 0, None, 0
    while (match := _TOKEN.search(markup, position)) is not None:
        start = match.start()
        if depth == 0 and start > position and html.unescape(markup[position:start]).strip():
            scan.blocks.append(("#text", line))
        position = match.end()
        closing, tag, rest = match.groups()
        if tag is None:
            continue
        tag = tag.lower()
        if closing:
            if tag not in _VOID:
                depth = max(0, depth - 1)
            continue
        values = {}
        if rest.strip(" /"):
            for name, double, single, bare in _ATTRIBUTE.findall(rest):
                values[name.lower()] = html.unescape(double or single or bare)
        if depth == 0:
            number = values.get("data-line")
            line = int(number) if number and number.isdigit() else None
            scan.blocks.append((tag, line))
        if tag == "img":
            scan.images.append((values.get("src") or "", values.get("alt") or "", line))
        elif tag == "a" and values.get("href"):
            scan.links.append((values["href"], line))
        if tag not in _VOID and not rest.endswith("/"):
            depth += 1
        if tag in _RAW_TEXT:  # its text is not markup
            close = re.compile(f"</{tag}\\s*>", re.I).search(markup, position)
            position = close.start() if close else len(markup)
    if depth == 0 and html.unescape(markup[position:]).strip():
        scan.blocks.append(("#text", line))
    return scan
