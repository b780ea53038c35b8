"""Pygments output for code blocks (CSS classes, always left-to-right) and its stylesheet."""

from __future__ import annotations

import os
from html import escape
from pathlib import Path

from pygments.formatters import HtmlFormatter

from editor.core import resources

CODE_CSS_CLASS = "codehilite"
CODE_STYLE = "default"


class LtrCodeFormatter(HtmlFormatter):
    """Pygments' HTML with `dir="ltr"` on the `pre`: code reads left-to-right in a Hebrew page."""

    def __init__(self, **options) -> None:
        self.lang_str = options.pop("lang_str", "")
        super().__init__(**options)

    def wrap(self, source):
        language = f' class="{escape(self.lang_str)}"' if self.lang_str else ""
        # The empty span keeps a leading blank line of the code from being dropped by HTML parsers.
        yield 0, f'<pre dir="ltr"><span></span><code{language}>'
        yield from source
        yield 0, "</code></pre>"


CODE_CSS_RESOURCE = "code.css"
_LAYOUT = f"""/* Code reads left-to-right inside the right-to-left page. */
.{CODE_CSS_CLASS} pre {{ direction: ltr; text-align: left; overflow-x: auto; }}
"""


def code_css(style: str = CODE_STYLE) -> str:
    """The stylesheet for highlighted code (`.codehilite` classes), for the preview and export."""
    formatter = HtmlFormatter(style=style, cssclass=CODE_CSS_CLASS)
    scope = f".{CODE_CSS_CLASS}"
    # Background and token rules only: the line-number rules style every `pre` of the page.
    colors = "\n".join(
        formatter.get_background_style_defs(scope) + formatter.get_token_style_defs(scope)
    )
    header = "/* Written by the render pipeline (render/code.py, write_code_css): do not edit. */"
    return f"{header}\n{_LAYOUT}{colors}\n"


def write_code_css(path: Path | None = None, style: str = CODE_STYLE) -> Path:
    """Writes `code_css()` to resources/code.css (or `path`), replacing the file in one step."""
    target = path or resources.path(CODE_CSS_RESOURCE)
    temporary = target.with_name(target.name + ".tmp")
    temporary.write_text(code_css(style), encoding="utf-8")
    os.replace(temporary, target)
    return target
