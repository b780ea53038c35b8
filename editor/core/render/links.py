"""Python-Markdown's link and image patterns in linear time.

The stock patterns look for the `]` that closes each `[` by scanning the rest of the paragraph, and
for the `)` that closes a link's address the same way: a paragraph of ten thousand `[` took 19 s.
Here the closing bracket of every `[` is found in one pass per paragraph and remembered, and an
address is looked for in the next `LINK_SCAN` characters only. Same output for every link that is
not longer than that.
"""

from __future__ import annotations

import re

from markdown import inlinepatterns as stock
from markdown.extensions import Extension

LINK_SCAN = 2048  # characters of `(address "title")` looked at; a longer one is left as text
_BRACKET = re.compile(r"[\[\]]")


class _ClosingBrackets:
    """Where the `[` opening at each position of the last text asked about is closed (or None)."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self._data: str | None = None
        self._closing: dict[int, int | None] = {}

    def closing(self, data: str, opened: int) -> int | None:
        """The index of the `]` closing the `[` just before `opened`, or None."""
        if data is not self._data:
            self._data, self._closing = data, {}
        if opened in self._closing:
            return self._closing[opened]
        stack = [opened]  # one scan records every bracket it passes, so no position is scanned twice
        for match in _BRACKET.finditer(data, opened):
            position = match.start()
            if data[position] == "[":
                stack.append(position + 1)
                continue
            self._closing[stack.pop()] = position
            if not stack:
                return position
        for unclosed in stack:
            self._closing[unclosed] = None
        return None


class _Linear:
    """Replaces `getText` and `getLink` of the stock link processors."""

    brackets: _ClosingBrackets

    def getText(self, data: str, index: int) -> tuple[str, int, bool]:
        closing = self.brackets.closing(data, index)
        if closing is None:
            return "", index, False
        return data[index:closing], closing + 1, True

    def getLink(self, data: str, index: int) -> tuple[str, str | None, int, bool]:
        if data[index:index + 1] != "(" or data.find(")", index, index + LINK_SCAN) < 0:
            return "", None, index, False
        if len(data) - index <= LINK_SCAN:
            return super().getLink(data, index)  # type: ignore[misc]  # the stock processor it is mixed into
        href, title, end, handled = super().getLink(data[index:index + LINK_SCAN], 0)  # type: ignore[misc]
        return href, title, end + index, handled


def _linear(base: type) -> type:
    return type(f"Linear{base.__name__}", (_Linear, base), {})


# (name, priority, processor, pattern) as Python-Markdown's `build_inlinepatterns` registers them
_REPLACED = tuple((name, priority, _linear(base), pattern) for name, priority, base, pattern in (
    ("reference", 170, stock.ReferenceInlineProcessor, stock.REFERENCE_RE),
    ("link", 160, stock.LinkInlineProcessor, stock.LINK_RE),
    ("image_link", 150, stock.ImageInlineProcessor, stock.IMAGE_LINK_RE),
    ("image_reference", 140, stock.ImageReferenceInlineProcessor, stock.IMAGE_REFERENCE_RE),
    ("short_reference", 130, stock.ShortReferenceInlineProcessor, stock.REFERENCE_RE),
    ("short_image_ref", 125, stock.ShortImageReferenceInlineProcessor, stock.IMAGE_REFERENCE_RE),
))


class LinearLinksExtension(Extension):
    """Registers the linear processors under the stock names and priorities."""

    def extendMarkdown(self, md) -> None:
        md.registerExtension(self)
        self.brackets = _ClosingBrackets()
        for name, priority, linear, pattern in _REPLACED:
            processor = linear(pattern, md)
            processor.brackets = self.brackets
            md.inlinePatterns.register(processor, name, priority)

    def reset(self) -> None:
        self.brackets.reset()
