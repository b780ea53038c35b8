"""Opening a picture safely: only the types Ktav keeps, within Pillow's pixel budget, and whole."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from editor.core.errors import KtavError, isolate

if TYPE_CHECKING:  # Pillow is imported where a picture is opened: opening a library does without it
    from PIL import Image

# Pillow's format names of the pictures Ktav keeps, with the type each is stored as.
FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WEBP": "image/webp", "HEIF": "image/heic"}
# Pillow's own decompression-bomb limit (about 89 megapixels: a 12-megapixel phone photo is far below).
MAX_PIXELS = 89_478_485  # Pillow's own limit (its MAX_IMAGE_PIXELS)
# EXIF orientations that turn the picture a quarter: its width and height change places on the page.
QUARTER_TURNS = frozenset({5, 6, 7, 8})
_ORIENTATION = 0x0112
_HEIF_BRANDS = (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1")


class PictureRefused(KtavError):
    """A picture Ktav will not keep: not an image, damaged, too many pixels, or HEIC without its codec."""


@dataclass(frozen=True)
class PictureInfo:
    """A picture as the page shows it: its stored type, and its size once its EXIF orientation is applied."""

    mime: str
    width: int
    height: int
    frames: int = 1


@cache
def heic_available() -> bool:
    """Whether HEIC/HEIF pictures (iPhones) can be read: the optional pillow-heif package is installed."""
    try:
        import pillow_heif
    except ImportError:
        return False
    pillow_heif.register_heif_opener()
    return True


def looks_like_heic(data: bytes) -> bool:
    return data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS


def open_picture(data: bytes, name: str = "") -> Image.Image:
    """The picture, opened lazily (its header read, its pixels not yet), or PictureRefused saying why."""
    from PIL import Image

    formats = [f for f in FORMATS if f != "HEIF" or heic_available()]
    if looks_like_heic(data) and "HEIF" not in formats:
        raise _refused(name, "a HEIC picture (from an iPhone); Ktav reads HEIC when the pillow-heif package is "
                       "installed (pip install pillow-heif), or save it as JPEG",
                       "תמונה בפורמט HEIC (מאייפון); כתב קורא HEIC כשהחבילה pillow-heif מותקנת, "
                       "או שאפשר לשמור את התמונה כ-JPEG ולהוסיף אותה שוב")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            picture = Image.open(io.BytesIO(data), formats=formats)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels(name, None) from None
    except Exception:  # Pillow's plugins raise many kinds on hostile bytes; none of them is our bug
        raise _refused(name, "not a PNG, JPEG, GIF, WebP or HEIC image",
                       "אינה תמונה מסוג PNG,‏ JPEG,‏ GIF,‏ WebP או HEIC") from None
    width, height = picture.size
    if width < 1 or height < 1 or width * height > MAX_PIXELS:
        raise _too_many_pixels(name, picture.size)
    return picture


def inspect(data: bytes, name: str = "") -> PictureInfo:
    """The picture's type and shown size, once it is proven whole (all of it decoded; a JPEG at an
    eighth of its size, which reads every byte but costs little)."""
    picture = open_picture(data, name)
    width, height = picture.size  # before draft() shrinks it
    try:
        if picture.format == "JPEG":
            picture.draft("RGB", (max(1, width // 8), max(1, height // 8)))
        picture.load()
    except Exception:  # a truncated or damaged file
        raise _refused(name, "a damaged or incomplete image file", "קובץ תמונה פגום או חלקי") from None
    if orientation(picture) in QUARTER_TURNS:
        width, height = height, width
    return PictureInfo(FORMATS[str(picture.format)], width, height, getattr(picture, "n_frames", 1))


def orientation(picture: Image.Image) -> int:
    try:
        return int(picture.getexif().get(_ORIENTATION, 1))
    except Exception:  # a damaged EXIF block: shown as stored
        return 1


def _too_many_pixels(name: str, size: tuple[int, int] | None) -> PictureRefused:
    shown = f" ({size[0]:,}×{size[1]:,})" if size else ""
    return _refused(name, f"too many pixels{shown}: at most {MAX_PIXELS:,} (it could exhaust the memory)",
                    f"יש בה יותר מדי פיקסלים{shown}: לכל היותר {MAX_PIXELS:,} (עלולה למלא את הזיכרון)")


def _refused(name: str, problem: str, problem_he: str) -> PictureRefused:
    return PictureRefused(f"{name or 'the picture'}: {problem}",
                          f"{isolate(name) if name else 'התמונה'}: {problem_he}")
