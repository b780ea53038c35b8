"""Python-Markdown's block tests, asked only of a block that holds what they look for.

For every block the parser asks each block processor in turn whether the block is its kind, and four
of them answer with a regular expression searched over the whole block: a `#` heading, a setext heading
(a line of `=` or `-` under a text), a horizontal rule (three `-`, `_` or `*`) and a quote (`>`). Most
blocks are paragraphs of prose that hold none of those marks; a block without the mark cannot match, so
it is answered at once (the same answer the expression gives). A processor that is not the stock one
(another extension's) is left as it is.
"""

from __future__ import annotations

from markdown.blockprocessors import BlockQuoteProcessor, HashHeaderProcessor, HRProcessor, SetextHeaderProcessor
from markdown.extensions import Extension


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


_QUICK = {"hashheader": (HashHeaderProcessor, QuickHashHeader), "setextheader": (SetextHeaderProcessor, QuickSetextHeader),
          "hr": (HRProcessor, QuickHR), "quote": (BlockQuoteProcessor, QuickBlockQuote)}


class QuickBlockTestsExtension(Extension):
    def extendMarkdown(self, md) -> None:
        registry = md.parser.blockprocessors
        for name, (stock, quick) in _QUICK.items():
            if name in registry and type(registry[name]) is stock:
                priority = next(item.priority for item in registry._priority if item.name == name)
                registry.register(quick(md.parser), name, priority)
