"""Python-Markdown's tables, asking "is this a table?" of a block's first two lines first.

The stock test splits the whole block into rows. A processor that takes the first line of a block
(a heading) puts the rest back, and the test runs again on it: a block of ten thousand heading lines
was split ten thousand times. Whether a block is a table is decided by its first two lines (header
and separator), except for a one-column table, whose every line must carry a pipe: the whole block
is then read only when the first two lines pass, and a table is then consumed whole.
"""

from __future__ import annotations

from markdown.extensions.tables import TableExtension, TableProcessor


class FastTableProcessor(TableProcessor):
    def test(self, parent, block: str) -> bool:
        first = block.find("\n")
        second = block.find("\n", first + 1) if first >= 0 else -1
        if second >= 0 and not super().test(parent, block[:second]):
            return False  # a block is a table only if its first two lines are
        return super().test(parent, block)


class FastTableExtension(TableExtension):
    def extendMarkdown(self, md) -> None:
        super().extendMarkdown(md)
        md.parser.blockprocessors.register(FastTableProcessor(md.parser, self.getConfigs()), "table", 75)
