"""Python-Markdown's block tests, asked only of a block that holds what they look for.

For every block the parser asks each block processor in turn whether the block is its kind, and six
of them answer with a regular expression searched over the whole block: a `#` heading, a setext heading
(a line of `=` or `-` under a text), a horizontal rule (three `-`, `_` or `*`), a quote (`>`), a link
reference definition (`]:`) and a footnote definition (`[^`; the last two say yes to every block and
search it when run). Most blocks are paragraphs of prose that hold none of those marks; a block without
the mark cannot match, so it is answered at once (the same answer the expression gives, or the same
refusal: the parser goes on to the next processor). The stock processors are given these tests
(their class swapped for a subclass, their state kept); another extension's are left as they are.
"""

from __future__ import annotations

from markdown.blockprocessors import (
    BlockQuoteProcessor,
    HashHeaderProcessor,
    HRProcessor,
    ReferenceProcessor,
    SetextHeaderProcessor,
)
from markdown.extensions import Extension
from markdown.extensions.footnotes import FootnoteBlockProcessor


class QuickHashHeader(HashHeaderProcessor):
    def test(self, parent, block: str) -> bool:
        return "#" in block and super().test(parent, block)


class QuickSetextHeader(SetextHeaderProcessor):
    def test(self, parent, block: str) -> bool:
        return ("\n=" in block or "\n-" in block) and super().test(parent, block)


class QuickHR(HRProcessor):
    def test(self, parent, block: str) -> bool:
        # a rule is three marks of one kind at least
        return (block.count("-") >= 3 or block.count("*") >= 3 or block.count("_") >= 3) and super().test(parent, block)


class QuickBlockQuote(BlockQuoteProcessor):
    def test(self, parent, block: str) -> bool:
        return ">" in block and super().test(parent, block)


class QuickReference(ReferenceProcessor):
    def test(self, parent, block: str) -> bool:
        return "]:" in block


class QuickFootnoteBlock(FootnoteBlockProcessor):
    def test(self, parent, block: str) -> bool:
        return "[^" in block and "]:" in block


_QUICK = {HashHeaderProcessor: QuickHashHeader, SetextHeaderProcessor: QuickSetextHeader, HRProcessor: QuickHR,
          BlockQuoteProcessor: QuickBlockQuote, ReferenceProcessor: QuickReference,
          FootnoteBlockProcessor: QuickFootnoteBlock}


class QuickBlockTestsExtension(Extension):
    """Registered after the others: it gives the stock block processors it finds their quick tests."""

    def extendMarkdown(self, md) -> None:
        for processor in md.parser.blockprocessors:
            quick = _QUICK.get(type(processor))
            if quick is not None:
                processor.__class__ = quick
