"""Images of an exported post: `ktav-image:` references become asset files or data: URIs."""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath

IMAGE_SCHEME = "ktav-image:"
ASSETS_FOLDER = "assets"

# The body HTML comes from the sanitizer's serializer, which always double-quotes attribute values
# and escapes '"' inside them, so an <img> tag is matched exactly by this pattern.
_IMG_TAG = re.compile(r'<img((?:\s+[^\s"\'=<>`/]+(?:="[^"]*")?)*)\s*/?>')
_ATTRIBUTE = re.compile(r'([^\s"\'=<>`/]+)(?:="([^"]*)")?')


@dataclass(frozen=True)
class ImageSource:
    """What an <img> of a stored picture gets: its address, its size (so the page does not move as it
    loads), and, when there are several copies, `srcset` and `sizes` for the browser to choose from."""

    src: str
    width: int | None = None
    height: int | None = None
    srcset: str = ""
    sizes: str = ""


def data_uri(mime: str, data: bytes) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def asset_path(folder: PurePosixPath, name: str) -> str:
    """Where a picture file of a page in `folder` goes in the export: `folder/assets/name`."""
    relative = f"{ASSETS_FOLDER}/{name}"
    return str(folder / relative) if str(folder) != "." else relative


def image_refs(body_html: str) -> list[tuple[str, str | None]]:
    """(src, alt or None) of every <img> in the body, in order."""
    found = []
    for match in _IMG_TAG.finditer(body_html):
        attributes = dict(_parse_attributes(match.group(1)))
        found.append((html.unescape(attributes.get("src") or ""), _unescaped(attributes.get("alt"))))
    return found


def rewrite_images(body_html: str, source_for: Callable[[str], ImageSource | None]) -> str:
    """Point every `ktav-image:<sha256>` <img> at `source_for(sha256)`, adding its size (unless the
    writer gave one), `srcset`/`sizes` and lazy loading for every picture after the first.

    A reference `source_for` cannot resolve (a missing image, reported by the check) is left as is.
    """
    seen = 0

    def rewrite(match: re.Match) -> str:
        nonlocal seen
        attributes = _parse_attributes(match.group(1))
        values = dict(attributes)
        src = html.unescape(values.get("src") or "")
        if not src.startswith(IMAGE_SCHEME):
            return match.group(0)
        source = source_for(src[len(IMAGE_SCHEME):])
        if source is None:
            return match.group(0)
        seen += 1
        added = {"src": source.src}
        if source.width and source.height and "width" not in values and "height" not in values:
            added |= {"width": str(source.width), "height": str(source.height)}
        if source.srcset:
            added |= {"srcset": source.srcset, "sizes": source.sizes}
        if seen > 1:  # the first picture is likely on the first screen: the rest wait until scrolled to
            added |= {"loading": "lazy", "decoding": "async"}
        values.update((name, html.escape(value, quote=True)) for name, value in added.items())
        names = [name for name, _ in attributes] + [n for n in added if n not in dict(attributes)]
        return "<img" + "".join(_attribute_text(name, values[name]) for name in names) + ">"

    return _IMG_TAG.sub(rewrite, body_html)


def _parse_attributes(text: str) -> list[tuple[str, str | None]]:
    return [(m.group(1).lower(), m.group(2)) for m in _ATTRIBUTE.finditer(text)]


def _unescaped(value: str | None) -> str | None:
    return None if value is None else html.unescape(value)


def _attribute_text(name: str, value: str | None) -> str:
    return f" {name}" if value is None else f' {name}="{value}"'
