"""What the spell check reads in Markdown: the words of the prose, each with where it stands in its line.

Skipped: Markdown syntax, link and image addresses, code spans and fenced code, HTML, footnote labels,
attribute lists, addresses (web, e-mail, file names), numbers (also Hebrew numerals: כ"ג, תשפ"ד, ה'),
acronyms and camelCase in Latin letters, one-letter words, a prefix before a hyphen (ב-2019) and the
gender ending after a slash (מנכ"ל/ית). Gershayim and geresh in any form (רש"י, רש״י, ג'ירפה, ג׳ירפה)
are inside the word; maqaf and hyphens split words (בית־הספר is בית and הספר). The dictionary is asked
without niqqud, with ASCII quotes, the way Hunspell's he_IL writes its words; a word with niqqud is
also asked in full spelling (תִּרְדֹּף: תרדוף), and a prefix before a quotation mark (ו"ביחד") leaves the
word after it to be asked.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from editor.core.text.hebrew import strip_marks
from editor.core.text.line_edit import spaced_window
from editor.core.text.markdown_source import FenceTracker, links

HEBREW_LETTERS = "\u05d0-\u05ea"
HEBREW_MARKS = "\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7"
LATIN_LETTERS = "A-Za-z\u00c0-\u024f"
GERSHAYIM = '"\u05f4\u201c\u201d'  # ASCII, Hebrew, and the curly quotes word processors put in
GERESH = "'\u05f3\u2019"
PREFIX_LETTERS = "והבלמשכ"

# Parts of a line that are not prose, blanked before words are looked for (indices stay put).
CODE_SPAN = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)")
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:\s*\S.*$")
# Each alternative with what a line must hold for it to match anywhere in it (a substring, or a pattern
# searched for): a line is blanked with the alternatives it can match only (most lines hold none, and
# the whole alternation tried at every letter of a line cost more than the rest of the check).
_NOT_PROSE_PARTS: tuple[tuple[str | re.Pattern, str], ...] = (
    ("<", r"<!--.*?(?:-->|$)"),  # an HTML comment
    ("<", r"</?[A-Za-z][^<>]*>"),  # an HTML tag
    ("<", r"<[^<>\s]+[:@][^<>\s]*>"),  # an autolink
    ("&", r"&#?\w+;"),  # an HTML entity
    ("][", r"\]\[[^\]]*\]"),  # a reference link's label
    ("[^", r"\[\^[^\]]*\]:?"),  # a footnote label
    ("{", r"\{[:#.][^}]*\}"),  # an attribute list
    (":", r"\b(?:https?|ftp|mailto|file|ktav-image):[^\s<>()\[\]]+"),  # an address
    ("www.", r"\bwww\.[^\s<>()\[\]]+"),
    ("@", r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),  # an e-mail address
    (re.compile(r"[A-Za-z0-9_-]\.[A-Za-z0-9_-]"), r"(?<![\w.])[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+"),  # gov.il, site.css
    ("_", r"[^\W_]+(?:_[^\W_]+)+"),  # an identifier: snake_case
    (re.compile("[@#]"), r"(?<![\w&])[@#][^\W_][\w-]*"),  # a mention or a hashtag
)
_NOT_PROSE = re.compile("|".join(part for _, part in _NOT_PROSE_PARTS))
_NOT_PROSE_OF: dict[tuple[int, ...], re.Pattern | None] = {}  # by the alternatives a line can match


def _not_prose_in(line: str) -> re.Pattern | None:
    """`_NOT_PROSE` without the alternatives that cannot match in this line (None: none can); leaving
    out an alternative that matches nowhere changes none of the others' matches."""
    present = tuple(number for number, (needle, _) in enumerate(_NOT_PROSE_PARTS)
                    if (needle in line if isinstance(needle, str) else needle.search(line)))
    if present not in _NOT_PROSE_OF:
        _NOT_PROSE_OF[present] = re.compile("|".join(_NOT_PROSE_PARTS[n][1] for n in present)) if present else None
    return _NOT_PROSE_OF[present]


_QUOTES = GERSHAYIM + GERESH
_RUN = re.compile(rf"(?:[^\W_]|[{HEBREW_MARKS}{_QUOTES}])+")
_SCRIPT_PART = re.compile(
    rf"[{HEBREW_LETTERS}](?:[{HEBREW_LETTERS}{HEBREW_MARKS}]|[{_QUOTES}](?=[{HEBREW_LETTERS}]))*[{GERESH}]?"
    rf"|[{LATIN_LETTERS}](?:[{LATIN_LETTERS}]|[{GERESH}](?=[{LATIN_LETTERS}]))*"
)
_TO_ASCII = str.maketrans({"\u05f4": '"', "\u201c": '"', "\u201d": '"', "\u05f3": "'", "\u2019": "'"})
_HEBREW = re.compile(f"[{HEBREW_LETTERS}]")
_PLAIN_HEBREW = re.compile(f"[{HEBREW_LETTERS}]+")
# A prefix, then an opening quotation mark, then a word: ו"ביחד" (an acronym's gershayim is before its last letter).
_QUOTE_AFTER_PREFIX = re.compile(rf'^[{PREFIX_LETTERS}]{{1,3}}"([{HEBREW_LETTERS}]{{2,}}[{HEBREW_LETTERS}\'"]*)$')
_HEBREW_MARK_SET = frozenset(chr(c) for c in range(0x0591, 0x05C8)) - {"\u05be", "\u05c0", "\u05c3", "\u05c6"}
_HOLAM, _KUBBUTZ, _HIRIQ = "\u05b9", "\u05bb", "\u05b4"
_DIGIT_OR_UNDERSCORE = re.compile(r"[\d_]")
_NUMERAL_VALUES = dict(zip("אבגדהוזחטיכלמנסעפצקרשתךםןףץ",
                           (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 200, 300, 400,
                            20, 40, 50, 80, 90)))


@dataclass(frozen=True, slots=True)
class Word:
    """A word of the prose: `text` as written at [start, end) of its line, `form` as the dictionary is
    asked; the word is right when `form` or one of `alternatives` is."""

    start: int
    end: int
    text: str
    form: str
    alternatives: tuple[str, ...] = ()

    @property
    def is_hebrew(self) -> bool:
        return "\u05d0" <= self.form[0] <= "\u05ea"

    @property
    def key(self) -> str:
        """What the answer is remembered by (niqqud can make the same letters another word)."""
        return self.text if self.alternatives else self.form


# The words of a run of letters depend on the run and on the two characters each side of it only:
# (run, two before, two after) -> its words, placed as if the run stood at 0. Typing changes one run
# of a line; the others are found here again (a line is read again at every keystroke in it).
_RunKey = tuple[str, str, str]
_RUN_WORDS: dict[_RunKey, tuple[Word, ...]] = {}
MAX_REMEMBERED_RUNS = 50_000


def prose_words(line: str) -> list[Word]:
    """The words to check in one line of Markdown outside fenced code."""
    words: list[Word] = []
    for start, found in placed_runs(line):
        words += found if start == 0 else [moved(word, start) for word in found]
    return words


def placed_runs(line: str, window: tuple[int, int] | None = None) -> Iterator[tuple[int, tuple[Word, ...]]]:
    """prose_words() by runs: (where the run starts in the line, its words placed as if it stood at 0).
    With a `window` from edit_window(), the runs inside it only."""
    if _REFERENCE_DEFINITION.match(line):
        return
    remembered = _RUN_WORDS
    offset, masked = 0, None
    if window is not None:
        offset, end = window
        masked = _mask(line[offset:end])  # cut at spaces in a line without far-reaching Markdown: as in the line
    for run in _RUN.finditer(masked if masked is not None else _mask(line)):
        text = run.group()
        start, end = run.start() + offset, run.end() + offset
        key = (text, line[start - 2:start] if start >= 2 else line[:start], line[end:end + 2])
        found = remembered.get(key)
        if found is None:
            if len(remembered) >= MAX_REMEMBERED_RUNS:
                remembered.clear()
            found = remembered[key] = _run_words(key)
        if found:
            yield start, found


# Markdown whose one character can change which words a line has far from it: code spans, HTML and
# comments, links, footnote labels, attribute lists. Everything else the check skips (addresses, numbers,
# hashtags, e-mail...) never spans a space, so a line without these has the same words cut at its spaces.
_FAR_REACHING = re.compile(r"[`<\[\]{]")


def edit_window(before: str, after: str) -> tuple[int, int, int] | None:
    """Where the words of the line `after`, an edit of the line `before`, may differ from its words:
    (start, end before, end after), cut at spaces (`line_edit.spaced_window`). Words that end before
    `start` are the same in both lines; words from `end before` on in `before` are those from `end
    after` on in `after`, moved by the lengths' difference. None when a line holds Markdown that
    reaches far (see _FAR_REACHING)."""
    if _FAR_REACHING.search(before) or _FAR_REACHING.search(after):
        return None
    # A run of letters' words depend on two characters either side of it: a word ending a space before
    # the window, or starting a space after it, has all its context outside the change.
    return spaced_window(before, after)


def _run_words(key: _RunKey) -> tuple[Word, ...]:
    """The words of a run standing at 0, read in a line made of its neighbours and itself."""
    text, before, after = key
    if _DIGIT_OR_UNDERSCORE.search(text):
        return ()  # a number, or a word glued to one (COVID-19 is split by its hyphen, 3D is not)
    offset = len(before)
    return tuple(moved(word, -offset) for word in _words_of_run(before + text + after, offset, text))


def moved(word: Word, by: int) -> Word:
    return Word(word.start + by, word.end + by, word.text, word.form, word.alternatives)


def markdown_words(text: str) -> Iterator[tuple[int, Word]]:
    """(1-based line number, word) for every word to check in a Markdown text, fences skipped."""
    for number, line in prose_lines(text):
        for word in prose_words(line):
            yield number, word


def prose_lines(text: str) -> Iterator[tuple[int, str]]:
    """(1-based line number, line) for the lines of a Markdown text outside fenced code."""
    fences = FenceTracker()
    for number, line in enumerate(text.split("\n"), start=1):
        if not fences.is_code(line):
            yield number, line


def _mask(line: str) -> str:
    """The line with everything that is not prose turned into spaces."""
    spans = [m.span() for m in CODE_SPAN.finditer(line)]
    if "](" in line:
        spans += [(link.target_start, link.end) for link in links(line)]
    if spans:
        line = _blank(line, spans)
    not_prose = _not_prose_in(line)
    return line if not_prose is None else not_prose.sub(_spaces, line)


def _spaces(match: re.Match) -> str:
    return " " * (match.end() - match.start())


def _blank(line: str, spans: list[tuple[int, int]]) -> str:
    characters = list(line)
    for start, end in spans:
        characters[start:end] = " " * (end - start)
    return "".join(characters)


def _words_of_run(line: str, offset: int, run: str) -> list[Word]:
    """The words of a run of letters, marks and quotes: one per script, quotes around it left out."""
    if _PLAIN_HEBREW.fullmatch(run):  # most words: letters only
        end = offset + len(run)
        if len(run) < 2 or (len(run) <= 3 and _is_prefix_before_something(line, end, run, False)):
            return []
        if line[offset - 1:offset] == "/" and len(run) <= 3 and _HEBREW.match(line[offset - 2:offset - 1]):
            return []  # a gender ending: תלמידים/ות, מנכ"ל/ית
        return [Word(offset, end, run, run)]
    parts = list(_SCRIPT_PART.finditer(run))
    words = []
    for index, part in enumerate(parts):
        start, end = offset + part.start(), offset + part.end()
        text = part.group()
        if text[-1] in GERESH and _opened_by_single_quote(line, start):
            text, end = text[:-1], end - 1  # 'מילה' in single quotes: the last one closes the quote
        if _is_prefix_before_something(line, end, text, index < len(parts) - 1):
            continue
        form = strip_marks(text).translate(_TO_ASCII)
        if _worth_checking(form):
            words.append(Word(start, end, text, form, _alternatives(text, form)))
    return words


def _alternatives(text: str, form: str) -> tuple[str, ...]:
    if form[0] < "\u05d0" or form[0] > "\u05ea":
        return ()
    found: list[str] = []
    if form != text.translate(_TO_ASCII):
        found += full_spellings(text)
    quoted = _QUOTE_AFTER_PREFIX.match(form)
    if quoted:
        found.append(quoted.group(1))
    return tuple(f for f in dict.fromkeys(found) if f != form)


def full_spellings(pointed: str) -> list[str]:
    """A pointed word in full spelling (כתיב מלא), the way the dictionary has it: a holam or a kubbutz
    gets its vav, a hiriq its yod (or not: both are given, in closed syllables it has none)."""
    spellings = [""]
    characters = unicodedata.normalize("NFD", pointed)
    for index, char in enumerate(characters):
        if char in _HEBREW_MARK_SET:
            letter = _letter_before(characters, index)
            following = _letter_after(characters, index)
            if char in (_HOLAM, _KUBBUTZ) and letter != "ו" and following != "ו":
                spellings = [s + "ו" for s in spellings]
            elif char == _HIRIQ and following != "י" and len(spellings) < 8:
                spellings = spellings + [s + "י" for s in spellings]
            continue
        spellings = [s + char.translate(_TO_ASCII) for s in spellings]
    return spellings


def _letter_before(characters: str, index: int) -> str:
    while index > 0 and characters[index - 1] in _HEBREW_MARK_SET:
        index -= 1
    return characters[index - 1] if index > 0 else ""


def _letter_after(characters: str, index: int) -> str:
    while index < len(characters) and characters[index] in _HEBREW_MARK_SET:
        index += 1
    return characters[index] if index < len(characters) else ""


def _opened_by_single_quote(line: str, start: int) -> bool:
    return start > 0 and line[start - 1] in GERESH


def _is_prefix_before_something(line: str, end: int, text: str, glued_to_more: bool) -> bool:
    """ב in ב-2019, וה in וה־CIA, ה in הiPhone: one to three prefix letters on a number or a foreign word."""
    if len(text) > 3 or any(c not in PREFIX_LETTERS for c in text):
        return False
    if glued_to_more:
        return True
    following = line[end:end + 2]
    return len(following) == 2 and following[0] in "-\u05be" and not following[1].isspace()


def _worth_checking(form: str) -> bool:
    letters = form.replace('"', "").replace("'", "")
    if len(letters) < 2:
        return False
    if _HEBREW.match(form):
        return not is_hebrew_numeral(form)
    if form.isupper():
        return False  # an acronym: NASA, UNESCO
    return not any(c.isupper() for c in form[1:])  # camelCase and names like iPhone, JavaScript


def is_hebrew_numeral(form: str) -> bool:
    """A number in Hebrew letters: ה', כ"ג, תשפ"ד, ט"ו, בכ"ג (with a prefix letter before it)."""
    if "'" in form[:-1] or ('"' not in form and not form.endswith("'")):
        return False
    if form.endswith("'"):
        return len(form) == 2 and form[0] in _NUMERAL_VALUES
    letters, _, last = form.partition('"')
    if len(last) != 1:
        return False
    for cut in range(0, min(2, len(letters)) + 1):  # a prefix letter or two before a date: בכ"ג, ובתש"ם
        if cut and letters[cut - 1] not in PREFIX_LETTERS:
            break
        if len(letters) - cut >= 1 and _descending_values(letters[cut:] + last):
            return True
    return False


def _descending_values(letters: str) -> bool:
    if not letters or any(c not in _NUMERAL_VALUES for c in letters):
        return False
    if letters[-2:] in ("טו", "טז"):  # 15 and 16 are written 9+6 and 9+7
        letters = letters[:-2] + "י"
    values = [_NUMERAL_VALUES[c] for c in letters]
    return all(a >= b for a, b in zip(values, values[1:])) and all(
        v != w or v == 400 for v, w in zip(values, values[1:]))
