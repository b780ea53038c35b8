"""Images of an exported post: `ktav-image:` references become asset files or data: URIs."""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath

from editor.core.library.images import extension
from editor.core.models import Image

IMAGE_SCHEME = "ktav-image:"
ASSETS_FOLDER = "assets"

# The body HTML comes from the sanitizer's serializer, which always double-quotes attribute values
# and escapes '"' inside them, so an <img> tag is matched exactly by this pattern.
_IMG_TAG = re.compile(r'<img((?:\s+[^\s"\'=<>`/]+(?:="[^"]*")?)*)\s*/?>')
_ATTRIBUTE = re.compile(r'([^\s"\'=<>`/]+)(?:="([^"]*)")?')


@dataclass(frozen=True)
class ImageSource:
    """What an <img> of a stored image gets: its address and, when known, its size."""

    src: str
    width: int | None = None
    height: int | None = None


def asset_name(image: Image) -> str:
    """The content-hash file name of a stored image: the same bytes always give the same name."""
    return f"{image.sha256[:16]}.{extension(image.mime)}"


def data_uri(image: Image) -> str:
    return f"data:{image.mime};base64,{base64.b64encode(image.data).decode('ascii')}"


def image_refs(body_html: str) -> list[tuple[str, str | None]]:
    """(src, alt or None) of every <img> in the body, in order."""
    found = []
    for match in _IMG_TAG.finditer(body_html):
        attributes = dict(_parse_attributes(match.group(1)))
        found.append((html.unescape(attributes.get("src") or ""), _unescaped(attributes.get("alt"))))
    return found


def rewrite_images(body_html: str, source_for: Callable[[str], ImageSource | None]) -> str:
    """Point every `ktav-image:<sha256>` <img> at `source_for(sha256)`, adding width and height.

    A reference `source_for` cannot resolve (a missing image, reported by the check) is left as is.
    """
    def rewrite(match: re.Match) -> str:
        attributes = _parse_attributes(match.group(1))
        values = dict(attributes)
        src = html.unescape(values.get("src") or "")
        if not src.startswith(IMAGE_SCHEME):
            return match.group(0)
        source = source_for(src[len(IMAGE_SCHEME):])
        if source is None:
            return match.group(0)
        values["src"] = html.escape(source.src, quote=True)
        if source.width and source.height and "width" not in values and "height" not in values:
            values["width"], values["height"] = str(source.width), str(source.height)
        names = [name for name, _ in attributes] + [n for n in ("width", "height") if n in values and
                                                   n not in dict(attributes)]
        return "<img" + "".join(_attribute_text(name, values[name]) for name in names) + ">"

    return _IMG_TAG.sub(rewrite, body_html)


def image_sources(image_of: Callable[[str], Image | None], refs, folder: PurePosixPath, files: dict[str, bytes],
                  *, inline: bool) -> dict[str, ImageSource]:
    """Sources of a post's stored images (by sha256), relative to its page; with `inline` data: URIs,
    else asset files under `folder/assets/`, which are added to `files` (export path -> bytes)."""
    sources = {}
    for sha256 in dict.fromkeys(refs):
        image = image_of(sha256)
        if image is None:
            continue
        if inline:
            sources[sha256] = ImageSource(data_uri(image), image.width, image.height)
            continue
        name = f"{ASSETS_FOLDER}/{asset_name(image)}"
        files[str(folder / name) if str(folder) != "." else name] = image.data
        sources[sha256] = ImageSource(name, image.width, image.height)
    return sources


def _parse_attributes(text: str) -> list[tuple[str, str | None]]:
    return [(m.group(1).lower(), m.group(2)) for m in _ATTRIBUTE.finditer(text)]


def _unescaped(value: str | None) -> str | None:
    return None if value is None else html.unescape(value)


def _attribute_text(name: str, value: str | None) -> str:
    return f" {name}" if value is None else f' {name}="{value}"'
