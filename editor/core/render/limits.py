"""The limits of one render (size, nesting of lists, quotes and HTML) and the scan that enforces them
before Python-Markdown sees the text (its block parser recurses once per level, and its raw HTML and
the sanitizer slow down with the square of the nesting)."""

from __future__ import annotations

import re

from editor.core.errors import RenderTooComplex
from editor.core.text.markdown_source import FenceTracker

MAX_POST_BYTES = 2 * 1024 * 1024  # of Markdown (UTF-8): ~170,000 Hebrew words; renders in under a second
MAX_NESTING = 32  # lists and quotes inside each other (a real post rarely goes past 5)
MAX_HTML_DEPTH = 64  # HTML elements typed in the post, inside each other
RENDER_TIME_BUDGET = 5.0  # seconds of CPU for one render; a 2 MB post of prose takes ~0.6 s

# The containers a line opens: quote marks and list markers, with the indentation before them.
_CONTAINERS = re.compile(r"(?:[ \t]*(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)))+")
_MARKER = re.compile(r">|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?=[\s/>]|$)")
# Elements that nest nothing (void) or that the next sibling closes (optional end tags): not counted.
_NOT_NESTING = frozenset(
    "area base br col embed hr img input link meta source track wbr "
    "p li dt dd tr td th thead tbody tfoot option optgroup rb rt rp rtc colgroup caption html head body".split()
)


def check_render_limits(text: str) -> None:
    """Raises RenderTooComplex when `text` is over a limit; costs one pass over the text (fenced code
    blocks are skipped: their lines are text)."""
    _check_size(text)
    fences, html_depth = FenceTracker(), 0
    for number, line in enumerate(text.split("\n"), start=1):
        if fences.is_code(line):
            continue
        _check_nesting(line, number)
        if "<" in line:
            html_depth = _check_html_depth(line, number, html_depth)


def utf8_size(text: str) -> int:
    return len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))


def too_big(size: int, name: str = "") -> RenderTooComplex:
    """The error for a post of `size` bytes (`name`: the file it comes from, if any)."""
    where, where_he = (f"{name}: ", f"{name}: ") if name else ("", "")
    return RenderTooComplex(
        f"{where}the post is {_megabytes(size)} of text; a post can have at most {_megabytes(MAX_POST_BYTES)}: "
        "split it into several posts",
        f"{where_he}הפוסט גדול מדי ({_megabytes(size)} של טקסט); המגבלה היא {_megabytes(MAX_POST_BYTES)}: "
        "כדאי לפצל אותו לכמה פוסטים", reason="too-big")


def too_slow(seconds: float) -> RenderTooComplex:
    return RenderTooComplex(
        f"the post took more than {seconds:g} seconds to render and was stopped: look for long runs of "
        "brackets, stars, backticks or HTML tags",
        f"עיבוד הפוסט נמשך יותר מ-{seconds:g} שניות ונעצר: כדאי לחפש רצפים ארוכים של סוגריים, כוכביות, "
        "גרשיים הפוכים (`) או תגי HTML", reason="too-slow")


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _check_size(text: str) -> None:
    if len(text) * 4 <= MAX_POST_BYTES:  # a character is at most 4 bytes
        return
    if len(text) > 8 * MAX_POST_BYTES:  # far over: its characters are enough to say so (no copy of it)
        raise too_big(len(text))
    size = utf8_size(text)
    if size > MAX_POST_BYTES:
        raise too_big(size)


def _check_nesting(line: str, number: int) -> None:
    prefix = _CONTAINERS.match(line)
    if prefix is None:
        return
    markers = prefix.group(0)
    indent = len(markers) - len(markers.lstrip(" \t"))
    depth = len(_MARKER.findall(markers)) + len(markers[:indent].expandtabs(4)) // 4
    if depth > MAX_NESTING:
        raise RenderTooComplex(
            f"lists and quotes are nested {depth} levels deep at line {number}; at most {MAX_NESTING} "
            "are rendered: flatten them",
            f"רשימות וציטוטים מקוננים לעומק {depth} רמות בשורה {number}; המגבלה היא {MAX_NESTING} רמות: "
            "כדאי לשטח אותם", reason="too-deep", line=number)


def _check_html_depth(line: str, number: int, depth: int) -> int:
    """The depth of HTML elements after `line`, from `depth` before it."""
    for match in _TAG.finditer(line):
        if match.group(2).lower() in _NOT_NESTING:
            continue
        if match.group(1):
            depth = max(0, depth - 1)
            continue
        depth += 1
        if depth > MAX_HTML_DEPTH:
            raise RenderTooComplex(
                f"HTML elements are nested more than {MAX_HTML_DEPTH} levels deep at line {number}: "
                "close the tags or remove them",
                f"תגי HTML מקוננים ליותר מ-{MAX_HTML_DEPTH} רמות בשורה {number}: כדאי לסגור את התגים או להסיר אותם",
                reason="too-deep", line=number)
    return depth
