"""Ktav's own Python-Markdown extension: line numbers, typography, direction, checks and outline."""

from __future__ import annotations

from markdown.extensions import Extension

from editor.core.render.checks import Findings, RecordAddresses, SafetyChecks
from editor.core.render.direction import BlockDirection
from editor.core.render.figures import CaptionedFigures
from editor.core.render.lines import (
    MapParsedLines,
    MarkBlockLines,
    SnapshotSource,
    SourceLines,
    TrackBlocks,
    WriteBlockLines,
)
from editor.core.render.outline import CollectOutline, Summary
from editor.core.render.typography import HebrewTypography
from editor.core.render.unclosed import EscapeUnclosedBlocks, EscapeUnclosedTags


class KtavExtension(Extension):
    """Registers our processors. Its state (lines, findings, outline) is per document: read it
    after `convert`, it is cleared by `Markdown.reset()`.

    Tree processor order: the standard ones build the tree (inline 20, footnotes), ours note the
    addresses images and links were written with (8.5) before attribute lists (8) may change them,
    then check and clean it (7.5), make captioned pictures figures (7.2), typeset (7) and set directions (6.5) before toc gives
    heading ids (5); the outline is read after escapes are undone (0), and `data-line`
    is written last. An unclosed `<style>` and its kind starting a line is escaped before raw HTML
    blocks are taken out (preprocessor 22), any other once the raw HTML is back (postprocessor 5).
    """

    def __init__(self, line_numbers: bool = False) -> None:
        super().__init__()
        self.line_numbers = line_numbers
        self.lines = SourceLines()
        self.findings = Findings()
        self.summary = Summary()
        self._tracker: TrackBlocks | None = None

    def extendMarkdown(self, md) -> None:
        md.registerExtension(self)
        # After whitespace normalization (30), before fenced code (25) folds lines away.
        md.preprocessors.register(SnapshotSource(md, self.lines), "ktav_snapshot", 29)
        # After fenced code (25) is stashed, before raw HTML blocks (20) are taken out.
        md.preprocessors.register(EscapeUnclosedBlocks(md, self.lines, self.findings), "ktav_unclosed_blocks", 22)
        md.preprocessors.register(MapParsedLines(md, self.lines), "ktav_map_lines", 1)
        self._tracker = TrackBlocks(md.parser, self.lines)
        md.parser.blockprocessors.register(self._tracker, "ktav_track_blocks", 1000)
        md.treeprocessors.register(MarkBlockLines(md, self.lines), "ktav_block_lines", 100)
        md.treeprocessors.register(RecordAddresses(md, self.findings), "ktav_addresses", 8.5)
        md.treeprocessors.register(SafetyChecks(md, self.lines, self.findings), "ktav_checks", 7.5)
        md.treeprocessors.register(CaptionedFigures(md), "ktav_figures", 7.2)
        md.treeprocessors.register(HebrewTypography(md), "ktav_typography", 7)
        md.treeprocessors.register(BlockDirection(md), "ktav_direction", 6.5)
        md.treeprocessors.register(CollectOutline(md, self.summary), "ktav_outline", -1)
        if self.line_numbers:
            md.treeprocessors.register(WriteBlockLines(md, self.lines), "ktav_write_lines", -2)
        md.postprocessors.register(EscapeUnclosedTags(md, self.lines, self.findings), "ktav_unclosed", 5)

    def reset(self) -> None:
        self.lines.reset()
        self.findings.reset()
        self.summary.reset()
        if self._tracker is not None:
            self._tracker.reset()
