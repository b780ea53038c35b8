"""The review bundle format (.ktav): its members, and reading one back with every check made first.

A bundle is a zip: `manifest.json` (format name, version, a SHA-256 per member) and JSON members
for the post, revisions, comments, status history and image list, plus `images/<sha256>`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from editor.core.errors import BundleError
from editor.core.models import RevisionReason, Status

FORMAT_NAME = "ktav-review-bundle"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATA_MEMBERS = ("post.json", "revisions.json", "comments.json", "status_history.json", "images.json")
MAX_UNPACKED_BYTES = 1 << 30  # refuse zip bombs before reading anything


@dataclass
class BundleContents:
    """A bundle read and checked: every member present, intact and of the expected shape."""

    manifest: dict
    post: dict
    revisions: list[dict]
    comments: list[dict]
    status_history: list[dict]
    images: list[dict]
    image_data: dict[str, bytes]


def read_bundle(path: str | Path) -> BundleContents:
    """Open and check a bundle; BundleError (saying what is wrong) for anything damaged or foreign."""
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as archive:
            return _read_members(path, archive)
    except FileNotFoundError as error:
        raise bundle_error(path, "no such file", "הקובץ אינו קיים") from error
    except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile) as error:
        raise bundle_error(path, "damaged or truncated (not a readable zip file)",
                     "הקובץ פגום או קטוע (אינו קובץ zip תקין)") from error
    except OSError as error:
        raise bundle_error(path, f"cannot be read ({error.strerror or error})",
                     f"לא ניתן לקרוא את הקובץ ({error.strerror or error})") from error


def _read_members(path: Path, archive: zipfile.ZipFile) -> BundleContents:
    names = set(archive.namelist())
    if MANIFEST not in names:
        raise bundle_error(path, "not a Ktav review bundle (no manifest)", "אינו חבילת בדיקה של כתב (אין מניפסט)")
    if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
        raise bundle_error(path, "too large to be a review bundle", "גדול מדי לחבילת בדיקה")
    manifest = _load_json(path, archive.read(MANIFEST), MANIFEST)
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_NAME:
        raise bundle_error(path, "not a Ktav review bundle (unknown format)", "אינו חבילת בדיקה של כתב (תבנית לא מוכרת)")
    version = manifest.get("version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise bundle_error(path, f"made by a newer Ktav (bundle version {version}); update Ktav to open it",
                     f"נוצר בגרסה חדשה יותר של כתב (גרסת חבילה {version}); יש לעדכן את כתב")
    checksums = manifest.get("members")
    if not isinstance(checksums, dict) or not all(isinstance(v, str) for v in checksums.values()):
        raise bundle_error(path, "the manifest has no list of members", "במניפסט אין רשימת רכיבים")
    missing = [n for n in DATA_MEMBERS if n not in checksums or n not in names]
    missing += [n for n in checksums if n not in names]
    if missing:
        raise bundle_error(path, f"incomplete: {', '.join(sorted(set(missing)))} missing",
                     f"החבילה חסרה: {', '.join(sorted(set(missing)))}")
    unexpected = names - set(checksums) - {MANIFEST}
    if unexpected:
        raise bundle_error(path, f"unexpected files inside: {', '.join(sorted(unexpected))}",
                     f"קבצים לא צפויים בחבילה: {', '.join(sorted(unexpected))}")
    data = {}
    for name, checksum in checksums.items():
        data[name] = archive.read(name)
        if hashlib.sha256(data[name]).hexdigest() != checksum:
            raise bundle_error(path, f"damaged: {name} does not match its checksum",
                         f"החבילה פגומה: {name} אינו תואם את סכום הביקורת")
    loaded = {name: _load_json(path, data[name], name) for name in DATA_MEMBERS}
    contents = BundleContents(
        manifest=manifest, post=loaded["post.json"], revisions=loaded["revisions.json"],
        comments=loaded["comments.json"], status_history=loaded["status_history.json"],
        images=loaded["images.json"],
        image_data={name.removeprefix("images/"): blob for name, blob in data.items() if name.startswith("images/")},
    )
    _check_shape(path, contents)
    return contents


def _load_json(path: Path, data: bytes, name: str):
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise bundle_error(path, f"damaged: {name} is not valid JSON", f"החבילה פגומה: {name} אינו JSON תקין") from error


def _check_shape(path: Path, contents: BundleContents) -> None:
    """Refuse members that parse but are not what Ktav writes, before anything is imported."""
    try:
        post = contents.post
        _require(isinstance(post["uid"], str) and post["uid"])
        content = post["content"]
        _require(all(isinstance(content[k], str) for k in ("title", "lead", "body", "author")))
        _require(isinstance(content["tags"], list) and all(isinstance(t, str) for t in content["tags"]))
        Status(content["status"])
        parse_date(content["date"])
        for revision in contents.revisions:
            _require(isinstance(revision["uid"], str) and isinstance(revision["snapshot"], dict))
            _require(isinstance(revision["created_at"], str))
            RevisionReason(revision["reason"])
        for comment in contents.comments:
            _require(isinstance(comment["uid"], str) and isinstance(comment["body"], str))
            _require(comment["parent_uid"] is None or isinstance(comment["parent_uid"], str))
        for change in contents.status_history:
            _require(isinstance(change["to"], str) and isinstance(change["at"], str))
        for image in contents.images:
            blob = contents.image_data[image["sha256"]]
            _require(hashlib.sha256(blob).hexdigest() == image["sha256"])
    except (KeyError, TypeError, ValueError) as error:
        raise bundle_error(path, "damaged: its contents are not a Ktav post", "החבילה פגומה: התוכן אינו פוסט של כתב") from error


def _require(condition: bool) -> None:
    """A check that holds under `python -O` too (unlike assert)."""
    if not condition:
        raise ValueError("unexpected bundle contents")


def parse_date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def bundle_error(path: Path, problem: str, problem_he: str) -> BundleError:
    return BundleError(f"{path}: {problem}; nothing was imported",
                       f"{path}: {problem_he}; שום דבר לא יובא")
