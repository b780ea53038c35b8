"""Pygments output for code blocks: CSS classes, always left-to-right, and the matching stylesheet."""

from __future__ import annotations

from html import escape

from pygments.formatters import HtmlFormatter

CODE_CSS_CLASS = "codehilite"
CODE_STYLE = "default"


class LtrCodeFormatter(HtmlFormatter):
    """Pygments' HTML with `dir="ltr"` on the `pre`, so code reads left-to-right in a Hebrew page."""

    def __init__(self, **options) -> None:
        self.lang_str = options.pop("lang_str", "")
        super().__init__(**options)

    def wrap(self, source):
        language = f' class="{escape(self.lang_str)}"' if self.lang_str else ""
        # The empty span keeps a leading blank line of the code from being dropped by HTML parsers.
        yield 0, f'<pre dir="ltr"><span></span><code{language}>'
        yield from source
        yield 0, "</code></pre>"


def code_css(style: str = CODE_STYLE) -> str:
    """The stylesheet for highlighted code (`.codehilite` classes), for the preview and export."""
    return HtmlFormatter(style=style, cssclass=CODE_CSS_CLASS).get_style_defs(f".{CODE_CSS_CLASS}")
