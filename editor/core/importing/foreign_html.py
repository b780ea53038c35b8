"""Foreign HTML (the clipboard of Word, Google Docs, LibreOffice, a browser; a docx; a web page) as Markdown.

The one HTML→Markdown converter for HTML that Ktav did not write: `paste_clean` reduces the
tree to semantic tags, then markdownify's converter, extended here, writes Markdown as our
render pipeline (Python-Markdown with `tables` and `sane_lists`) reads it.

Images: the Markdown refers to an image whose bytes came with the HTML (a `data:` URI, or a
`file:` address when `local_files=True`) as `ktav-image:<sha256>`, exactly the reference that
`Library.add_image(data)` gives those bytes; the result lists each such image with its bytes, so
the caller stores them (`store_images(library, pasted)`) and the Markdown is then final as it is.
Web images (`http(s):`) stay web addresses and are listed without bytes. Tracking pixels (an
image of 2 pixels or less on a side), images with no usable address and `file:` images that
cannot be read are dropped.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from bs4 import Tag
from markdownify import ATX, MarkdownConverter

from editor.core.importing import html_clean as paste_clean
from editor.core.importing import html_whitespace as paste_whitespace
from editor.core.library import images as image_types

__all__ = ["PastedImage", "PastedMarkdown", "convert_tree", "markdown_from_clipboard_html", "store_images"]


@dataclass(frozen=True)
class PastedImage:
    """An image the Markdown refers to as `![alt](reference)`."""

    reference: str  # "ktav-image:<sha256>" when `data` is given, else the web address
    alt: str
    data: bytes | None = field(default=None, repr=False)
    mime: str = ""
    filename: str = ""


@dataclass
class PastedMarkdown:
    markdown: str  # no blank lines at either end
    images: list[PastedImage] = field(default_factory=list)


def markdown_from_clipboard_html(html: str, *, local_files: bool = False) -> PastedMarkdown:
    """Markdown for the `text/html` of the clipboard; `local_files` reads `file:` images."""
    return convert_tree(paste_clean.clean_tree(paste_clean.parse(html)), local_files=local_files)


def convert_tree(root: Tag, *, local_files: bool = False) -> PastedMarkdown:
    """Markdown for a tree already reduced by `paste_clean.clean_tree`."""
    converter = _Converter(local_files=local_files)
    markdown = converter.process_tag(root, parent_tags=set())
    return PastedMarkdown(markdown.strip("\n"), converter.images)


def store_images(library, pasted: PastedMarkdown) -> str:
    """Store the images that came with their bytes (one transaction); returns the Markdown."""
    with library.transaction():
        for image in pasted.images:
            if image.data is not None:
                library.add_image(image.data, filename=image.filename)
    return pasted.markdown


_LINE_START_MARKS = re.compile(r"^(#{1,6}(?=\s|$)|>|[-+*](?=\s|$)|\d{1,9}(?=\.(?:\s|$)))")
_RULE_LINE = re.compile(r"^(?:[-*_] ?){3,}$|^=+$|^-+$")
_TAG_LIKE = re.compile(r"<(?=[A-Za-z/!?])")
_ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")
_LONE_STAR = re.compile(r"(?<! )\*|\*(?! )")
_EDGE_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
_ESCAPED_PUNCTUATION = re.compile(r"\\(?=[!-/:-@\[-`{-~])")
_ATTR_LIST = re.compile(r"\{(?=[^}\n]*\})")
_HEADING_TAIL = re.compile(r"(#+)\s*$")
_MAX_PIXEL = 2


class _Converter(MarkdownConverter):
    """markdownify for our Markdown: `-` bullets, 4-space nesting, pipe tables, minimal escapes."""

    class Options(MarkdownConverter.DefaultOptions):
        heading_style = ATX
        bullets = "-"
        escape_asterisks = False
        escape_underscores = False
        escape_misc = False
        table_infer_header = True
        keep_inline_images_in = ["td", "th"]
        wrap = True
        wrap_width = None

    def __init__(self, *, local_files: bool = False, **options) -> None:
        super().__init__(**options)
        self.local_files = local_files
        self.images: list[PastedImage] = []

    # -- text ---------------------------------------------------------------------------

    def escape(self, text, parent_tags):
        """Only what would change the meaning: Markdown's `*`, `_` at a word's edge, backticks, `](`…"""
        if not text:
            return ""
        text = _ESCAPED_PUNCTUATION.sub(r"\\\\", text)
        text = text.replace("`", r"\`").replace("](", r"\](").replace("][", r"\][")
        text = _LONE_STAR.sub(r"\*", text)
        text = _EDGE_UNDERSCORE.sub(r"\_", text)
        text = _ATTR_LIST.sub(r"\{", text)
        text = _ENTITY_LIKE.sub("&amp;", text)
        text = _TAG_LIKE.sub("&lt;", text)
        if "td" in parent_tags or "th" in parent_tags:
            text = text.replace("|", r"\|")
        return text

    def process_text(self, el, parent_tags=None):
        text = super().process_text(el, parent_tags=parent_tags)
        if text and not ({"_noformat", "_inline"} & (parent_tags or set())) and _starts_line(el):
            text = _guard_line_start(text, whole_line=_ends_line(el))
        return text

    # -- blocks -------------------------------------------------------------------------

    def convert_hN(self, n, el, text, parent_tags):
        text = _HEADING_TAIL.sub(lambda m: "\\#" * len(m.group(1)), text.strip())
        return super().convert_hN(n, el, text, parent_tags)

    def convert_li(self, el, text, parent_tags):
        text = (text or "").strip()
        if not text:
            return "\n"
        parent = el.parent
        if parent is not None and parent.name == "ol":
            start = parent.get("start")
            first = int(start) if start and str(start).isdigit() else 1
            marker = f"{first + len(el.find_previous_siblings('li'))}."
        else:
            marker = "-"
        lines = text.split("\n")
        body = "\n".join([f"{marker} {lines[0]}"] + [("    " + line) if line else "" for line in lines[1:]])
        loose = "\n\n" in text  # an item of several paragraphs: items apart by a blank line
        return body + ("\n\n" if loose else "\n")

    def convert_list(self, el, text, parent_tags):
        if "li" in parent_tags:
            return "\n" + text.rstrip()
        return "\n\n" + text.rstrip("\n") + "\n\n"

    convert_ul = convert_ol = convert_list

    def convert_br(self, el, text, parent_tags):
        """A line break; two or more in a row are a paragraph break, as they look."""
        if "_inline" in parent_tags:
            return " "
        if _sibling_is_br(el, 1):
            return ""
        return "\n\n" if _sibling_is_br(el, -1) else "  \n"

    # -- links and images ---------------------------------------------------------------

    def convert_a(self, el, text, parent_tags):
        href = (el.get("href") or "").strip()
        if not href or href.startswith("#") or _scheme(href) in ("javascript", "data", "vbscript"):
            return text
        el.attrs.pop("title", None)
        el["href"] = _markdown_url(href)
        return super().convert_a(el, text, parent_tags)

    def convert_img(self, el, text, parent_tags):
        image = self._image(el)
        if image is None:
            return ""
        alt = image.alt.replace("[", r"\[").replace("]", r"\]")
        if "_inline" in parent_tags and el.parent.name not in ("td", "th"):
            return alt
        self.images.append(image)
        return f"![{alt}]({_markdown_url(image.reference)})"

    def _image(self, el) -> PastedImage | None:
        src, alt = (el.get("src") or "").strip(), " ".join((el.get("alt") or "").split())
        if _is_tiny(el.get("width")) or _is_tiny(el.get("height")) \
                or _is_tiny(paste_clean.style_of(el).get("width")) or _is_tiny(paste_clean.style_of(el).get("height")):
            return None
        scheme = _scheme(src)
        if scheme == "data":
            data = _data_uri_bytes(src)
        elif scheme == "file" and self.local_files:
            data = _read_local(src)
        elif scheme in ("http", "https", "ktav-image") or (src and scheme is None):
            return PastedImage(src, alt, filename=Path(urlsplit(src).path).name)
        else:
            return None
        info = image_types.sniff(data) if data else None
        if data is None or info is None or any(size is not None and size <= _MAX_PIXEL for size in (info.width, info.height)):
            return None
        name = Path(unquote(urlsplit(src).path)).name if scheme == "file" else ""
        sha = hashlib.sha256(data).hexdigest()
        return PastedImage(f"ktav-image:{sha}", alt, data, info.mime, name or f"pasted-{sha[:8]}.{image_types.extension(info.mime)}")


def _guard_line_start(text: str, *, whole_line: bool) -> str:
    """Escape what would start a heading, quote, list or rule where the source had plain text."""
    if whole_line and _RULE_LINE.match(text):
        return "\\" + text
    mark = _LINE_START_MARKS.match(text)
    if not mark:
        return text
    if mark.group(1)[0].isdigit():
        return text[:mark.end()] + "\\" + text[mark.end():]
    return "\\" + text


def _starts_line(node) -> bool:
    """Whether nothing is shown before `node` on its line inside its block."""
    while True:
        before = node.previous_sibling
        if before is not None:
            return isinstance(before, Tag) and (before.name == "br" or paste_whitespace.is_block(before))
        node = node.parent
        if node is None or paste_whitespace.is_block(node):
            return True


def _sibling_is_br(node, step: int) -> bool:
    sibling = node.next_sibling if step > 0 else node.previous_sibling
    return isinstance(sibling, Tag) and sibling.name == "br"


def _ends_line(node) -> bool:
    while True:
        after = node.next_sibling
        if after is not None:
            return isinstance(after, Tag) and (after.name == "br" or paste_whitespace.is_block(after))
        node = node.parent
        if node is None or paste_whitespace.is_block(node):
            return True


def _scheme(url: str) -> str | None:
    found = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", url)
    return found.group(1).lower() if found else None


def _markdown_url(url: str) -> str:
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def _is_tiny(size) -> bool:
    found = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(px)?\s*", str(size or ""))
    return found is not None and float(found.group(1)) <= _MAX_PIXEL


def _data_uri_bytes(src: str) -> bytes | None:
    header, _, payload = src.partition(",")
    try:
        if header.lower().endswith(";base64"):
            return base64.b64decode(re.sub(r"\s+", "", unquote(payload)), validate=True)
        return unquote(payload).encode("latin-1")
    except (binascii.Error, ValueError, UnicodeEncodeError):
        return None


def _read_local(src: str) -> bytes | None:
    try:
        return Path(url2pathname(unquote(urlsplit(src).path))).read_bytes()
    except (OSError, ValueError):
        return None
