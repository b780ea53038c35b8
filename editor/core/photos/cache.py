"""Web copies kept once on disk, by everything that made them: the picture, the shape, the encoding,
the pipeline's version and Pillow's (whose encoders decide the bytes).

A copy is derived data, remade at will: it lives in the user's cache folder (platformdirs), not in
the library, which holds the originals. Each entry is two files in `<folder>/<key[:2]>/`: the copy
(`<key>.<ext>`) and, written after it, its description (`<key>.json`: size, type, sha256 of the
bytes); an entry without a whole description is not there. Writes go through a temporary file and a
rename, so processes making the same copy at once (an export's workers) are harmless.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

import PIL  # its version only (PIL.Image, the heavy part, is imported to make a copy)
import platformdirs

from editor.core.photos.shapes import PIPELINE_VERSION, Encoding, Shape, WebCopy


def default_folder() -> Path:
    return Path(platformdirs.user_cache_dir("Ktav", appauthor=False)) / "images"


@dataclass(frozen=True)
class CachedCopy:
    """A copy in the cache: where its bytes are, and what they are. A copy the cache could not keep
    (its folder cannot be written) carries its bytes instead."""

    extension: str
    mime: str
    width: int
    height: int
    sha256: str  # of the copy's bytes: its exported file is named by it
    path: Path | None = None
    data: bytes | None = None

    def read(self) -> bytes:
        if self.data is not None:
            return self.data
        assert self.path is not None
        return self.path.read_bytes()


def copy_key(picture_sha256: str, shape: Shape, encoding: Encoding) -> str:
    made_by = f"ktav-photo:{PIPELINE_VERSION}:pillow-{PIL.__version__}:{picture_sha256}:{shape.name}:" \
              f"{encoding.format}:{encoding.quality}"
    return hashlib.sha256(made_by.encode("ascii")).hexdigest()


class CopyCache:
    """The cache folder (made when first written to)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = Path(folder) if folder is not None else default_folder()

    def _base(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def get(self, picture_sha256: str, shape: Shape, encoding: Encoding) -> CachedCopy | None:
        base = self._base(copy_key(picture_sha256, shape, encoding))
        try:
            meta = json.loads(base.with_suffix(".json").read_text(encoding="utf-8"))
            path = base.with_suffix("." + meta["extension"])
            if path.stat().st_size != meta["size"]:
                return None  # damaged (a disk that lost the end of it): made again
            return CachedCopy(meta["extension"], meta["mime"], meta["width"], meta["height"], meta["sha256"], path)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, picture_sha256: str, shape: Shape, encoding: Encoding, copy: WebCopy) -> CachedCopy:
        """Keep `copy`; when the cache folder cannot be written (full, read-only), the copy is
        returned with its bytes, and made again next time."""
        base = self._base(copy_key(picture_sha256, shape, encoding))
        path = base.with_suffix("." + copy.extension)
        digest = hashlib.sha256(copy.data).hexdigest()
        meta = {"extension": copy.extension, "mime": copy.mime, "width": copy.width, "height": copy.height,
                "size": len(copy.data), "sha256": digest}
        try:
            base.parent.mkdir(parents=True, exist_ok=True)
            _write(path, copy.data)
            _write(base.with_suffix(".json"), json.dumps(meta, sort_keys=True).encode("utf-8"))
        except OSError:
            return CachedCopy(copy.extension, copy.mime, copy.width, copy.height, digest, data=copy.data)
        return CachedCopy(copy.extension, copy.mime, copy.width, copy.height, digest, path)


def _write(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
