"""Comment anchors: a quoted text tied to its paragraph, found again after the post is edited."""

from __future__ import annotations

import bisect
import difflib
import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass
from functools import lru_cache

from editor.core.text import hebrew
from editor.core.text.markdown_source import LINK_TARGET, FenceTracker

CONTEXT_CHARS = 32
GRAM = 3
# A quote is found again when at most one character in five differs (edit distance ≤ 20% of it).
MIN_SIMILARITY = 0.8

_HEADING = re.compile(r"^\s{0,3}#{1,6}(\s|$)")
_LINE_MARKERS = re.compile(r"^\s{0,3}(?:#{1,6}\s+|(?:>\s?)+|(?:[-*+]|\d{1,9}[.)])\s+)*")
_INLINE_MARKUP = frozenset("*_~`[]!")
_VISIBLE_DROP = re.compile(r"[*_`~\[\]]|^\s*(#{1,6}|>)\s*", re.MULTILINE)


@dataclass(frozen=True)
class Paragraph:
    """A top-level block of the Markdown body: `text` is body[start:end]; lines are 1-based."""

    index: int
    start: int
    end: int
    first_line: int
    last_line: int
    text: str


@dataclass(frozen=True)
class Location:
    """Where an anchor lies now: its paragraph and character offsets into the whole body."""

    paragraph: int
    start: int
    end: int
    exact: bool = True


@dataclass(frozen=True)
class Anchor:
    """What a comment points at: the quote, its paragraph, a little context and a fingerprint."""

    quote: str
    paragraph: int
    prefix: str = ""
    suffix: str = ""
    fingerprint: str = ""

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict | None, quote: str = "", paragraph: int = 0) -> Anchor:
        """An anchor from stored JSON; a comment stored without one is anchored by its quote."""
        data = data or {}
        return cls(
            quote=str(data.get("quote", quote) or quote),
            paragraph=int(data.get("paragraph", paragraph) or 0),
            prefix=str(data.get("prefix", "")),
            suffix=str(data.get("suffix", "")),
            fingerprint=str(data.get("fingerprint", "")),
        )


def split_paragraphs(body: str) -> list[Paragraph]:
    """The body's blocks: runs of lines between blank lines; a heading or a code fence is one block."""
    blocks: list[list[int]] = []  # start, end, first line, last line
    current: list[int] | None = None
    fences = FenceTracker()
    offset = 0
    for number, line in enumerate(body.splitlines(keepends=True), start=1):
        content = line.rstrip("\r\n")
        line_end = offset + len(content)
        was_in_fence = fences.open is not None
        in_code = fences.is_code(content)
        if was_in_fence and current is not None:
            current[1], current[3] = line_end, number
        elif in_code:
            if current:
                blocks.append(current)
            current = [offset, line_end, number, number]
        elif not content.strip():
            if current:
                blocks.append(current)
            current = None
        elif _HEADING.match(content):
            if current:
                blocks.append(current)
            blocks.append([offset, line_end, number, number])
            current = None
        elif current is None:
            current = [offset, line_end, number, number]
        else:
            current[1], current[3] = line_end, number
        offset += len(line)
    if current:
        blocks.append(current)
    return [Paragraph(i, s, e, first, last, body[s:e]) for i, (s, e, first, last) in enumerate(blocks)]


def paragraph_at_line(body: str, line: int) -> int | None:
    """The index of the paragraph holding 1-based source `line` (the preview's data-line)."""
    for paragraph in split_paragraphs(body):
        if paragraph.first_line <= line <= paragraph.last_line:
            return paragraph.index
    return None


def paragraph_at_offset(body: str, offset: int) -> int | None:
    """The index of the paragraph holding character `offset`, or the next one after a gap."""
    for paragraph in split_paragraphs(body):
        if offset <= paragraph.end:
            return paragraph.index
    return None


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char.isspace():
        return " "
    return hebrew.normalize(char)


def _matching_view(text: str) -> tuple[str, list[int]]:
    """The text as matched: Markdown markup dropped, niqqud/finals/quotes/case folded, spaces collapsed.

    Returns the view and, for each of its characters, the offset in `text` it came from; a quote
    selected in the preview (no markup) and the same words in the source then match.
    """
    dropped = bytearray(len(text))
    line_start = 0
    for line in text.splitlines(keepends=True):
        marker = _LINE_MARKERS.match(line)
        for i in range(line_start, line_start + (marker.end() if marker else 0)):
            dropped[i] = 1
        line_start += len(line)
    for link in LINK_TARGET.finditer(text):
        for i in range(link.start(), link.end()):
            dropped[i] = 1
    view: list[str] = []
    origin: list[int] = []
    for i, char in enumerate(text):
        if dropped[i] or char in _INLINE_MARKUP:
            continue
        folded = _fold_char(char)
        if folded == " " and (not view or view[-1] == " "):
            continue
        for piece in folded:
            view.append(piece)
            origin.append(i)
    if view and view[-1] == " ":
        view.pop()
        origin.pop()
    return "".join(view), origin


def shown_words(markdown: str) -> str:
    """A quoted Markdown snippet's words as the page shows them, on one line: emphasis marks,
    heading and quote markers and link targets gone (for showing a comment's quote)."""
    return " ".join(_VISIBLE_DROP.sub("", LINK_TARGET.sub("", markdown)).split())


def fingerprint(paragraph_text: str) -> str:
    """A short hash of a paragraph's matching form: equal when only markup or niqqud changed."""
    return _hash(_matching_view(paragraph_text)[0])


def _hash(view: str) -> str:
    return hashlib.sha1(view.encode("utf-8")).hexdigest()[:16]


def anchor_at(body: str, start: int, end: int) -> Anchor:
    """An anchor for the body's characters [start, end) (clipped to the paragraph they start in)."""
    paragraphs = split_paragraphs(body)
    if not paragraphs:
        raise ValueError("an empty post has nothing to anchor to")
    index = paragraph_at_offset(body, start)
    paragraph = paragraphs[index if index is not None else -1]
    start = max(start, paragraph.start)
    end = max(start, min(end, paragraph.end))
    if end == start:
        start, end = paragraph.start, paragraph.end
    view, origin = _matching_view(paragraph.text)
    view_start = bisect.bisect_left(origin, start - paragraph.start)
    view_end = bisect.bisect_left(origin, end - paragraph.start)
    return Anchor(
        quote=body[start:end],
        paragraph=paragraph.index,
        prefix=view[max(0, view_start - CONTEXT_CHARS):view_start],
        suffix=view[view_end:view_end + CONTEXT_CHARS],
        fingerprint=fingerprint(paragraph.text),
    )


def make_anchor(body: str, quote: str, paragraph: int | None = None) -> Anchor:
    """An anchor for `quote` as selected in the editor or the preview, near paragraph `paragraph`.

    A selection over several paragraphs keeps its first line; a quote not found in the body
    anchors to the whole paragraph given.
    """
    paragraphs = split_paragraphs(body)
    if not paragraphs:
        raise ValueError("an empty post has nothing to anchor to")
    hint = min(max(paragraph or 0, 0), len(paragraphs) - 1)
    for candidate in (quote, next((ln for ln in quote.splitlines() if ln.strip()), "")):
        location = resolve(Anchor(candidate, hint), body, whole_words=False) if candidate.strip() else None
        if location and location.exact:
            anchor = anchor_at(body, location.start, location.end)
            return Anchor(candidate.strip(), anchor.paragraph, anchor.prefix, anchor.suffix,
                          anchor.fingerprint)
    whole = paragraphs[hint]
    return anchor_at(body, whole.start, whole.end)


def resolve(anchor: Anchor, body: str, *, whole_words: bool = True) -> Location | None:
    """Where the anchor's quote is in `body` now, or None when its text is gone (orphaned).

    An exact match of the quote wins (several: the one whose context and paragraph fit best);
    otherwise the closest approximate match within the similarity threshold. With `whole_words`
    a match that ends inside a word where the quote ended at a word's end takes the whole word.
    """
    quote, _ = _matching_view(anchor.quote)
    if not quote:
        return None
    candidates = []
    views = _paragraph_views(body)
    for paragraph, view, origin, _ in views:
        position = view.find(quote)
        while position >= 0:
            candidates.append((paragraph, view, origin, position, position + len(quote)))
            position = view.find(quote, position + 1)
    if candidates:
        best = max(candidates, key=lambda c: _fit(anchor, *c))
        location = _location(body, *best, exact=True)
        # A quote of whole words that now ends inside a longer word (מוביל → מובילה) takes the word.
        if not whole_words:
            return location
        return _snap_to_words(body, location, start=_at_boundary(anchor.prefix[-1:]),
                              end=_at_boundary(anchor.suffix[:1]))
    max_edits = int(len(quote) * (1 - MIN_SIMILARITY))
    if max_edits == 0:
        return None
    # The q-gram lemma: a text within k edits of the quote shares at least
    # len - q + 1 - k*q of the quote's q-grams; paragraphs sharing fewer cannot hold a match.
    grams = _grams(quote)
    needed = len(grams) - max_edits * GRAM
    fuzzy = []
    for paragraph, view, origin, present in views:
        if needed > 0 and sum(1 for gram in grams if gram in present) < needed:
            continue
        match = _approximate_match(quote, view, max_edits)
        if match:
            edits, start, end = match
            fuzzy.append((edits, paragraph, view, origin, start, end))
    if not fuzzy:
        return None
    fewest = min(f[0] for f in fuzzy)
    best = max((f[1:] for f in fuzzy if f[0] == fewest), key=lambda c: _fit(anchor, *c))
    return _snap_to_words(body, _location(body, *best, exact=False))


@lru_cache(maxsize=8)
def _paragraph_views(body: str) -> tuple[tuple[Paragraph, str, list[int], frozenset[str]], ...]:
    """Each paragraph with its matching view and q-grams, kept for the few bodies being looked at."""
    views = []
    for paragraph in split_paragraphs(body):
        view, origin = _matching_view(paragraph.text)
        views.append((paragraph, view, origin, frozenset(_grams(view))))
    return tuple(views)


def _grams(text: str) -> list[str]:
    return [text[i:i + GRAM] for i in range(len(text) - GRAM + 1)]


def _fit(anchor: Anchor, paragraph: Paragraph, view: str, origin, start: int, end: int):
    """How well a match fits the anchor: same paragraph text, same context, nearest paragraph."""
    same_text = bool(anchor.fingerprint) and _hash(view) == anchor.fingerprint
    before = view[max(0, start - len(anchor.prefix)):start]
    after = view[end:end + len(anchor.suffix)]
    context = (_similarity(anchor.prefix, before) + _similarity(anchor.suffix, after)) / 2
    return (same_text, round(context, 2), -abs(paragraph.index - anchor.paragraph), -start)


def _similarity(expected: str, found: str) -> float:
    if not expected and not found:
        return 1.0
    return difflib.SequenceMatcher(None, expected, found, autojunk=False).ratio()


def _location(body, paragraph: Paragraph, view, origin, start, end, *, exact) -> Location:
    return Location(paragraph.index, paragraph.start + origin[start],
                    paragraph.start + origin[end - 1] + 1, exact)


def _at_boundary(neighbour: str) -> bool:
    return not neighbour or not _in_word(neighbour)


def _snap_to_words(body: str, location: Location, *, start: bool = True, end: bool = True) -> Location:
    """Widen a match that begins or ends inside a word to the whole word."""
    first, last = location.start, location.end
    while start and first > 0 and _in_word(body[first - 1]) and _in_word(body[first]):
        first -= 1
    while end and last < len(body) and _in_word(body[last - 1]) and _in_word(body[last]):
        last += 1
    return Location(location.paragraph, first, last, location.exact)


def _in_word(char: str) -> bool:
    return char.isalnum() or unicodedata.category(char).startswith("M")


def _approximate_match(pattern: str, text: str, max_edits: int) -> tuple[int, int, int] | None:
    """The substring of `text` nearest to `pattern` by edit distance: (edits, start, end), or None."""
    scores = _edit_distances_at_ends(pattern, text)
    if not scores:
        return None
    edits = min(scores)
    if edits > max_edits:
        return None
    end = scores.index(edits) + 1
    # The start: the same search run backwards from the end over the reversed strings.
    window = text[max(0, end - len(pattern) - edits):end][::-1]
    back = _edit_distances_at_ends(pattern[::-1], window)
    # Of the starts as near, the earliest: words inserted at the quote's start belong to it.
    lengths = [n + 1 for n, score in enumerate(back) if score == edits]
    length = max(lengths) if lengths else len(pattern)
    return edits, end - length, end


def _edit_distances_at_ends(pattern: str, text: str) -> list[int]:
    """For each end position in `text`, the least edit distance from `pattern` to a substring ending there.

    Myers' bit-parallel algorithm (1999) in Hyyrö's formulation, with the free start of a search.
    """
    m = len(pattern)
    if m == 0:
        return []
    peq: dict[str, int] = {}
    for i, char in enumerate(pattern):
        peq[char] = peq.get(char, 0) | (1 << i)
    mask = (1 << m) - 1
    high = 1 << (m - 1)
    pv, mv, score = mask, 0, m
    scores = []
    for char in text:
        eq = peq.get(char, 0)
        xv = eq | mv
        xh = ((((eq & pv) + pv) & mask) ^ pv) | eq
        ph = mv | (~(xh | pv) & mask)
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = (ph << 1) & mask
        mh = (mh << 1) & mask
        pv = mh | (~(xv | ph) & mask)
        mv = ph & xv
        scores.append(score)
    return scores
