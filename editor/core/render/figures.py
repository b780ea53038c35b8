"""A captioned picture standing alone in its paragraph becomes a figure with its caption under it.

`![alt](address "caption")` on a paragraph of its own is `<figure><img alt=…><figcaption>caption`
`</figcaption></figure>`: the caption is printed under the picture (and read with it), the alt text
stays what a screen reader says instead of the picture. A picture inside a sentence keeps its title
as a tooltip, as Markdown has it.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.treeprocessors import Treeprocessor


def _blank(text: str | None) -> bool:
    return not (text or "").strip()


class CaptionedFigures(Treeprocessor):
    """Runs after the safety checks (which vet the title as any attribute) and before typography and
    direction, so that the caption is typeset and gets its own direction like any block's text."""

    def run(self, root: etree.Element) -> None:
        for parent in root.iter():
            for block in parent:
                if block.tag == "p":
                    _make_figure(block)


def _make_figure(paragraph: etree.Element) -> None:
    if len(paragraph) != 1 or not _blank(paragraph.text):
        return
    image = paragraph[0]
    caption = (image.get("title") or "").strip()
    if image.tag != "img" or not caption or not _blank(image.tail):
        return
    paragraph.tag = "figure"  # the same element: its source line and attributes stay with it
    paragraph.text = None
    image.tail = None
    del image.attrib["title"]
    figcaption = etree.SubElement(paragraph, "figcaption")
    figcaption.text = caption
