"""Image files: the type and pixel size read from their headers (PNG, JPEG, GIF, WebP, HEIC), and
the pictures as the preview shows them."""

from __future__ import annotations

import struct
from dataclasses import dataclass

from editor.core.errors import KtavError
from editor.core.photos.cache import CopyCache
from editor.core.photos.decode import looks_like_heic
from editor.core.photos.shapes import Ask, Encoding, Shape


@dataclass(frozen=True)
class ImageInfo:
    mime: str
    width: int | None
    height: int | None



# The file extension of each picture type Ktav stores or exports.
EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp",
              "image/svg+xml": "svg", "image/avif": "avif", "image/heic": "heic"}


def extension(mime: str) -> str:
    return EXTENSIONS.get(mime, "bin")


def sniff(data: bytes) -> ImageInfo | None:
    """The image's type and size, or None when the bytes are not an image we know.

    The headers must be whole (a PNG's IHDR, a JPEG's frame, a WebP's first chunk): a few magic
    bytes in front of something else (an SVG, a script) are not an image.
    """
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24 and data[12:16] == b"IHDR":
        width, height = struct.unpack(">II", data[16:24])
        return ImageInfo("image/png", width, height) if width and height else None
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        width, height = struct.unpack("<HH", data[6:10])
        return ImageInfo("image/gif", width, height)
    if data.startswith(b"\xff\xd8\xff"):
        width, height = _jpeg_size(data)
        return ImageInfo("image/jpeg", width, height) if width and height else None
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        width, height = _webp_size(data)
        return ImageInfo("image/webp", width, height) if width and height else None
    if looks_like_heic(data):  # an iPhone's picture: its size is read when it is stored (with pillow-heif)
        return ImageInfo("image/heic", None, None)
    return None


_JPEG_FRAME_MARKERS = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def _jpeg_size(data: bytes) -> tuple[int | None, int | None]:
    offset = 2
    while offset + 9 < len(data):
        if data[offset] != 0xFF:
            offset += 1
            continue
        marker = data[offset + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7 or marker == 0xFF:
            offset += 1 if marker == 0xFF else 2
            continue
        (length,) = struct.unpack(">H", data[offset + 2 : offset + 4])
        if marker in _JPEG_FRAME_MARKERS:
            height, width = struct.unpack(">HH", data[offset + 5 : offset + 9])
            return width, height
        offset += 2 + length
    return None, None


def _webp_size(data: bytes) -> tuple[int | None, int | None]:
    chunk = data[12:16]
    if chunk == b"VP8 " and len(data) >= 30:
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L" and len(data) >= 25:
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X" and len(data) >= 30:
        return int.from_bytes(data[24:27], "little") + 1, int.from_bytes(data[27:30], "little") + 1
    return None, None


# What the preview shows of a picture: a copy as wide as a sharp column, upright and stripped, as a
# page would (and a HEIC picture, which Chromium cannot show, as WebP).
PREVIEW_ASK: Ask = (Shape(1600), Encoding("webp", 80))
THUMBNAIL_ASK: Ask = (Shape(240), Encoding("webp", 80))  # the images panel's


def image_source(library, cache: CopyCache | None = None, ask: Ask = PREVIEW_ASK):
    """A library's pictures as the preview asks for them: sha256 -> (mime, data) of its copy for the
    preview (or `ask`), made once, then kept in the cache; None for a picture missing or damaged.
    Slow the first time for a big photo: call it off the UI thread."""
    copies = cache if cache is not None else CopyCache()

    def image(sha256: str) -> tuple[str, bytes] | None:
        found = copies.get(sha256, *ask)
        if found is not None:
            try:
                return found.mime, found.read()
            except OSError:
                pass  # removed meanwhile: made again
        try:
            stored = library.get_image(sha256)
            from editor.core.photos.variants import make_copies  # Pillow, only when a copy is made

            made = make_copies(stored.data, [ask], mime=stored.mime)[ask]
        except KtavError:
            return None
        copies.put(sha256, *ask, made)
        return made.mime, made.data

    return image
