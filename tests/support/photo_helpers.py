"""Real picture files for the photo tests, made with Pillow: a phone photo with its EXIF (orientation,
GPS), XMP, ICC profile and comment, and a decompression bomb."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image, ImageCms, ImageDraw

RED = (230, 20, 20)
GPS_IFD = 0x8825
ORIENTATION = 0x0112
XMP = (b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
       b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
       b'xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" photoshop:City="Beer Sheva"/></rdf:RDF>'
       b'</x:xmpmeta><?xpacket end="w"?>')


def phone_jpeg(width: int = 2400, height: int = 1800, *, orientation: int = 6, seed: int = 0,
               with_icc: bool = True) -> bytes:
    """A JPEG as a phone writes it, stored `width`×`height` (landscape, the sensor's way) with EXIF
    `orientation` (6: the phone was held upright, turn a quarter clockwise to show it), GPS tags, XMP,
    an sRGB ICC profile (unless not `with_icc`) and a comment. Its stored top-left corner is red; the rest varies with `seed`."""
    picture = Image.new("RGB", (width, height), (40 + seed % 150, 110, 160 + seed % 90))
    draw = ImageDraw.Draw(picture)
    for step in range(0, width, max(1, width // 24)):
        draw.rectangle([step, height // 3, step + width // 48, height], fill=((step + seed * 37) % 255, 180, 90))
    draw.rectangle([0, 0, width // 5, height // 5], fill=RED)
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F] = "PhoneMaker"  # Make
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2], gps[3], gps[4] = "N", (31.0, 15.0, 9.5), "E", (34.0, 47.0, 30.2)
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=88, exif=exif, icc_profile=icc if with_icc else None,
                 comment=b"taken at the school", xmp=XMP)
    return out.getvalue()


def bomb_png(width: int = 50_000, height: int = 50_000) -> bytes:
    """A small, valid PNG whose header claims `width`×`height` pixels (2.5 gigapixels by default)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 1024))
            + chunk(b"IEND", b""))


def opened(data: bytes) -> Image.Image:
    picture = Image.open(io.BytesIO(data))
    picture.load()
    return picture


def has_no_metadata(data: bytes) -> bool:
    """No EXIF (so no GPS), XMP, ICC profile or comment, read back with Pillow and in the raw bytes."""
    picture = opened(data)
    info_keys = {key for key in picture.info if key in ("exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "comment")}
    raw_marks = [mark for mark in (b"Exif\0", b"adobe:ns:meta", b"Beer Sheva", b"PhoneMaker", b"taken at the school")
                 if mark in data]
    return not dict(picture.getexif()) and not info_keys and not raw_marks
