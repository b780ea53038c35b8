"""An unclosed `<style>` (or script, textarea, title, iframe, comment...) is shown as text, with a warning.

A browser (and the sanitizer, which parses as one) reads everything after such a tag as its content,
up to a closing tag that never comes: the rest of the post would vanish, or show as raw markup. A line
that starts with one is escaped before Python-Markdown takes it for a raw HTML block (so the rest of
the post is still Markdown); any other (inside a paragraph) is found in the finished HTML, where
every literal `<` is markup (code and text are escaped), and its `<` escaped there.
"""

from __future__ import annotations

import html
import re

from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from editor.core.render.checks import Finding, Findings
from editor.core.render.lines import SourceLines

# Elements whose content is raw text, or dropped whole by the sanitizer, up to their closing tag.
SWALLOWING_TAGS = ("script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
                   "noscript", "plaintext", "template", "object")
_OPENING = re.compile(r"<(?:(" + "|".join(SWALLOWING_TAGS) + r")(?=[\s/>]|$)|(!--))", re.I)
_CLOSING = {tag: re.compile(f"</{tag}(?=[\\s/>]|$)", re.I) for tag in SWALLOWING_TAGS}
_TAGS = re.compile(r"<[^>]*>?")
SHOWN_WORDS = 8  # of the text after the tag, in the warning


_BLOCK_OPENING = re.compile(r" {0,3}" + _OPENING.pattern, re.I)


class _Warns:
    def __init__(self, md, lines: SourceLines, findings: Findings) -> None:
        super().__init__(md)  # type: ignore[call-arg]  # the processor it is mixed into takes md
        self.lines = lines
        self.findings = findings

    def _warn(self, tag: str, following: str) -> None:
        opening = re.compile("<" + re.escape(tag), re.I)
        line = next((n for n, text in enumerate(self.lines.source, start=1) if opening.search(text)), None)
        shown = "<!--" if tag == "!--" else f"<{tag}>"
        self.findings.items.append(Finding("unclosed-tag", line, f"{shown}: {following}"))


class EscapeUnclosedBlocks(_Warns, Preprocessor):
    """A line starting with an unclosed swallowing tag: escaped before raw HTML blocks are taken out
    (after fenced code is, so code keeps its tags)."""

    def run(self, lines: list[str]) -> list[str]:
        text, offset, last_closing, warned = None, 0, {}, set()
        for number, line in enumerate(lines):
            opening = _BLOCK_OPENING.match(line)
            if opening is None:
                offset += len(line) + 1
                continue
            if text is None:
                text = "\n".join(lines)
            tag = (opening.group(1) or opening.group(2)).lower()
            if tag not in last_closing:
                last_closing[tag] = _last_closing(tag, text)
            if last_closing[tag] < offset + opening.end():
                at = line.index("<")
                lines[number] = line[:at] + "&lt;" + line[at + 1:]
                if tag not in warned:  # the first of each kind: the rest of the post starts there
                    warned.add(tag)
                    self._warn(tag, _following_words(text, offset + opening.end(), markup_text=False))
            offset += len(line) + 1
        return lines


class EscapeUnclosedTags(_Warns, Postprocessor):
    """Any other unclosed swallowing tag, in the finished HTML."""

    def run(self, text: str) -> str:
        if "<" not in text:
            return text
        escaped, found = escape_unclosed(text)
        for tag, following in dict(reversed(found)).items():  # the first of each kind
            self._warn(tag, following)
        return escaped


def _last_closing(tag: str, text: str) -> int:
    """Where the last closing tag of `tag` starts in `text` (-1: none; a comment's is `-->`)."""
    if tag == "!--":
        return text.rfind("-->")
    if tag == "plaintext":
        return -1
    return max((match.start() for match in _CLOSING[tag].finditer(text)), default=-1)


def escape_unclosed(markup: str) -> tuple[str, list[tuple[str, str]]]:
    """`markup` with the `<` of every unclosed swallowing tag escaped, and for each (tag, the first
    words after it)."""
    parts: list[str] = []
    found: list[tuple[str, str]] = []
    done = position = 0
    while (opening := _OPENING.search(markup, position)) is not None:
        tag = (opening.group(1) or opening.group(2)).lower()
        if tag == "!--":
            end = markup.find("-->", opening.end())
            position = end + 3 if end >= 0 else opening.end()
        else:
            closing = None if tag == "plaintext" else _CLOSING[tag].search(markup, opening.end())
            position = closing.end() if closing else opening.end()
        if position != opening.end():
            continue
        parts += [markup[done:opening.start()], "&lt;"]
        done = opening.start() + 1
        found.append((tag, _following_words(markup, opening.end())))
    if not found:
        return markup, []
    parts.append(markup[done:])
    return "".join(parts), found


def _following_words(markup: str, start: int, *, markup_text: bool = True) -> str:
    after = markup[start:start + 2000]
    after = after[after.find(">") + 1:] if ">" in after else after
    if markup_text:
        after = html.unescape(_TAGS.sub(" ", after))
    words = after.split()
    shown = " ".join(words[:SHOWN_WORDS])
    return shown + ("…" if len(words) > SHOWN_WORDS else "")
