"""The web copies of a picture: orientation applied, metadata dropped, sRGB, resized, WebP or JPEG.

One decode serves every copy asked for. A copy never has more pixels than the picture (no upscaling);
a cropped copy (a social card) is cut from the centre at the asked proportions. Nothing of the
original's metadata survives: the pixels are written into a new file with no EXIF (GPS included),
XMP, IPTC, comments or ICC profile (colours are converted to sRGB, which an untagged file means).
The same picture and the same asks always give the same bytes.
"""

from __future__ import annotations

import io

from PIL import Image, ImageCms, ImageOps

from editor.core.photos.decode import QUARTER_TURNS, PictureRefused, open_picture, orientation
from editor.core.photos.shapes import FORMATS, PIPELINE_VERSION, Ask, Encoding, Shape, WebCopy, copy_size

__all__ = ["FORMATS", "PIPELINE_VERSION", "Ask", "Encoding", "Shape", "WebCopy", "copy_size", "make_copies"]

_MIME = {"webp": "image/webp", "jpeg": "image/jpeg", "png": "image/png"}
_SRGB = ImageCms.createProfile("sRGB")


def make_copies(data: bytes, asks: list[Ask], *, mime: str = "") -> dict[Ask, WebCopy]:
    """The web copy of each ask. An animated picture (GIF, WebP) keeps its frames: its uncropped
    copies are the file as it is; its cropped ones are cut from the first frame."""
    picture = open_picture(data)
    copies: dict[Ask, WebCopy] = {}
    if getattr(picture, "n_frames", 1) > 1:
        for ask in asks:
            if not ask[0].cropped:
                copies[ask] = WebCopy(data, mime or Image.MIME.get(str(picture.format), ""), *picture.size)
        asks = [ask for ask in asks if ask[0].cropped]
    # Each copy is made from a decode that depends on its own shape only, so a copy's bytes never
    # depend on which other copies were asked for at the same time (the cache relies on it).
    groups: dict[int, list[Ask]] = {}
    for ask in asks:
        groups.setdefault(_jpeg_scale(picture, ask[0]), []).append(ask)
    try:
        for number, (scale, group) in enumerate(sorted(groups.items())):
            decoded = _decoded(picture if number == 0 else open_picture(data), scale)  # one decode a scale
            for shape, encoding in group:
                copies[(shape, encoding)] = _encode(_resized(decoded, shape), encoding)
    except PictureRefused:
        raise
    except Exception:  # a truncated or damaged file, found only once decoded
        raise PictureRefused("a damaged or incomplete image file", "קובץ תמונה פגום או חלקי") from None
    return {ask: copies[ask] for ask in sorted(copies)}


_JPEG_SCALES = (8, 4, 2, 1)  # what a JPEG decoder shrinks by almost for free


def _jpeg_scale(picture: Image.Image, shape: Shape) -> int:
    """How much a JPEG can be shrunk while decoding and still give `shape`'s copy without enlarging."""
    if picture.format != "JPEG":
        return 1
    turned = orientation(picture) in QUARTER_TURNS
    stored_w, stored_h = picture.size
    width, height = (stored_h, stored_w) if turned else (stored_w, stored_h)
    need_w, need_h = _covering(shape, width, height)
    if turned:
        need_w, need_h = need_h, need_w
    fits = min(stored_w // need_w, stored_h // need_h)
    return next(s for s in _JPEG_SCALES if fits >= s)


def _decoded(picture: Image.Image, scale: int) -> Image.Image:
    """The picture's pixels, upright and in sRGB; a JPEG decoded at 1/`scale` of its size."""
    if scale > 1:
        width, height = picture.size
        picture.draft(None, (-(-width // scale), -(-height // scale)))
    icc = picture.info.get("icc_profile")
    upright = ImageOps.exif_transpose(picture)
    return _in_srgb(upright, icc)


def _covering(shape: Shape, width: int, height: int) -> tuple[int, int]:
    """The smallest picture size from which `shape`'s copy is made without enlarging."""
    target_w, target_h = copy_size(shape, width, height)
    scale = max(target_w / width, target_h / height)
    return max(1, int(width * scale + 0.999)), max(1, int(height * scale + 0.999))


def _has_alpha(picture: Image.Image) -> bool:
    return picture.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (
        picture.mode == "P" and "transparency" in picture.info)


def _in_srgb(picture: Image.Image, icc: bytes | None) -> Image.Image:
    mode = "RGBA" if _has_alpha(picture) else "RGB"
    if icc and picture.mode in ("RGB", "RGBA", "CMYK", "L"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            converted = ImageCms.profileToProfile(picture, source, _SRGB, outputMode=mode if picture.mode != "L" else "RGB")
            if converted is not None:
                picture = converted
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a damaged profile: the pixels are taken as sRGB
    if picture.mode != mode:
        picture = picture.convert("RGBA" if mode == "RGBA" else "RGB") if picture.mode not in ("I;16", "I") else (
            picture.point(lambda v: v / 256).convert("RGB"))
    clean = Image.new(mode, picture.size)
    clean.paste(picture)  # a new image: nothing of the original's info (EXIF, XMP, comments) comes along
    return clean


def _resized(picture: Image.Image, shape: Shape) -> Image.Image:
    width, height = picture.size
    target = copy_size(shape, width, height)
    box = _centre_box(width, height, *target) if shape.cropped else (0, 0, width, height)
    if target == (width, height) and box == (0, 0, width, height):
        return picture
    return picture.resize(target, Image.Resampling.LANCZOS, box=box, reducing_gap=REDUCING_GAP)


# Pillow first shrinks by whole factors (box filter) down to this many times the target, then
# resamples with Lanczos: three times as fast as Lanczos alone, no visible difference at 2.0 and more.
REDUCING_GAP = 2.0


def _centre_box(width: int, height: int, target_w: int, target_h: int) -> tuple[int, int, int, int]:
    """The biggest box of the target's proportions in the middle of the picture."""
    if width * target_h > height * target_w:
        box_w = height * target_w / target_h
        left = (width - box_w) / 2
        return round(left), 0, round(left + box_w), height
    box_h = width * target_h / target_w
    top = (height - box_h) / 2
    return 0, round(top), width, round(top + box_h)


def _encode(picture: Image.Image, encoding: Encoding) -> WebCopy:
    kind = "png" if encoding.format == "jpeg" and picture.mode == "RGBA" else encoding.format
    out = io.BytesIO()
    if kind == "webp":
        picture.save(out, "WEBP", quality=encoding.quality, method=4)
    elif kind == "jpeg":
        picture.save(out, "JPEG", quality=encoding.quality, optimize=True, progressive=True)
    else:
        picture.save(out, "PNG", optimize=False, compress_level=6)
    return WebCopy(out.getvalue(), _MIME[kind], *picture.size)
