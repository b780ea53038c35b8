"""What a web copy of a picture is asked as (its shape and encoding) and what it is (its bytes and size),
without Pillow: the export and the cache name copies by these, and import Pillow only to make one."""

from __future__ import annotations

from dataclasses import dataclass

# Bumped whenever what a copy looks like changes: the cache then makes every copy anew.
PIPELINE_VERSION = 1
FORMATS = ("webp", "jpeg")
_EXTENSION = {"image/webp": "webp", "image/jpeg": "jpg", "image/png": "png", "image/gif": "gif"}


@dataclass(frozen=True, order=True)
class Shape:
    """A copy `width` pixels wide (its height follows the picture's proportions), or, with a
    `height`, cropped from the centre to width×height."""

    width: int
    height: int = 0

    @property
    def cropped(self) -> bool:
        return self.height > 0

    @property
    def name(self) -> str:
        return f"c{self.width}x{self.height}" if self.cropped else f"w{self.width}"


@dataclass(frozen=True, order=True)
class Encoding:
    """How copies are written: WebP or JPEG at a quality (1-100). A picture with transparency is
    written as PNG when the format is JPEG, which has none."""

    format: str = "webp"
    quality: int = 80

    def __post_init__(self) -> None:
        if self.format not in FORMATS:
            raise ValueError(f"unknown image format {self.format!r}")
        if not 1 <= self.quality <= 100:
            raise ValueError(f"image quality {self.quality} is not within 1-100")


@dataclass(frozen=True)
class WebCopy:
    """One copy's bytes and its size in pixels."""

    data: bytes
    mime: str
    width: int
    height: int

    @property
    def extension(self) -> str:
        return _EXTENSION.get(self.mime, "bin")


def copy_size(shape: Shape, width: int, height: int) -> tuple[int, int]:
    """The size of `shape`'s copy of a picture shown at width×height: never bigger than the picture."""
    if not shape.cropped:
        target = min(shape.width, width)
        return target, max(1, round(height * target / width))
    if shape.width <= width and shape.height <= height:
        return shape.width, shape.height
    # too small for the card: the biggest box of the card's proportions that the picture holds
    if width * shape.height > height * shape.width:
        return max(1, round(height * shape.width / shape.height)), height
    return width, max(1, round(width * shape.height / shape.width))


Ask = tuple[Shape, Encoding]  # one copy: its shape, and how it is written
