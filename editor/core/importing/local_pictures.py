"""A Markdown file's own pictures, beside it (as in Hugo's page bundles): read into the import.

`![…](photo.jpg)` or `![…](images/photo.jpg)` in a file `post.md` names `photo.jpg` in the file's
folder (or below it). Each one that is a picture Ktav keeps is brought along, and its reference in
the text becomes `ktav-image:<sha256>`; one that is missing, outside the file's folder, or refused
(not a picture, a decompression bomb) is named in `problems` and its reference stays as written.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from editor.core.errors import ImportFileError, KtavError, isolate
from editor.core.photos.decode import inspect as inspect_picture
from editor.core.text.markdown_images import markdown_images

if TYPE_CHECKING:  # foreign_html loads the HTML converters: only when a picture is brought in
    from editor.core.importing.foreign_html import PastedImage

MAX_PICTURE_BYTES = 64 << 20  # a phone's HEIC or JPEG is a few MB; a 64 MB file is not a photo for a blog


@dataclass(frozen=True)
class PictureProblem:
    """A picture a file refers to that was not brought along, and why."""

    file: Path
    reference: str
    message: str
    message_he: str


def bring_local_pictures(body: str, source: Path) -> tuple[str, list[PastedImage], list[PictureProblem]]:
    """`body` with its local pictures' references made `ktav-image:`, the pictures, and the problems."""
    folder = source.parent.resolve()
    pictures: dict[str, PastedImage] = {}
    problems: list[PictureProblem] = []
    replacements: list[tuple[int, int, str]] = []
    for image in markdown_images(body):
        target = _local_path(image.address)
        if target is None:
            continue
        try:
            picture = _read_picture(folder, target, image.alt)
        except KtavError as error:
            problems.append(PictureProblem(source, image.address, error.message, error.message_he))
            continue
        pictures.setdefault(picture.reference, picture)
        replacements.append((*image.address_span, picture.reference))
    for start, end, text in reversed(replacements):
        body = body[:start] + text + body[end:]
    return body, list(pictures.values()), problems


def _local_path(address: str) -> str | None:
    """The file path an address names, when it names a file beside the post (no scheme, no host)."""
    parts = urlsplit(address)
    if parts.scheme or parts.netloc or address.startswith(("#", "/")) or not parts.path:
        return None
    return unquote(parts.path)


def _read_picture(folder: Path, relative: str, alt: str) -> PastedImage:
    path = (folder / relative).resolve()
    if not path.is_relative_to(folder):
        raise KtavError(f"{relative}: outside the post's folder; only pictures beside the file or below it are brought in",
                        f"{isolate(relative)}: מחוץ לתיקיית הפוסט; מובאות רק תמונות שליד הקובץ או בתיקיות שמתחתיו")
    if not path.is_file():
        raise KtavError(f"{relative}: no such picture beside the file", f"{isolate(relative)}: אין תמונה כזו ליד הקובץ")
    if path.stat().st_size > MAX_PICTURE_BYTES:
        raise KtavError(f"{relative}: over {MAX_PICTURE_BYTES >> 20} MB", f"{isolate(relative)}: גדולה מ-{MAX_PICTURE_BYTES >> 20} MB")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ImportFileError(relative, f"cannot be read ({error.strerror})", "לא ניתן לקרוא את הקובץ") from None
    info = inspect_picture(data, relative)
    from editor.core.importing.foreign_html import PastedImage

    return PastedImage(f"ktav-image:{hashlib.sha256(data).hexdigest()}", alt, data, info.mime, path.name)
