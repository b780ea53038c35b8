"""The review bundle format (.ktav): its members, and reading one back with every check made first.

A bundle is a zip: `manifest.json` (format name, version, a SHA-256 per member) and JSON members
for the post, revisions, comments, status history and image list, plus `images/<sha256>`; since
version 2, the blog's words for the spell check (`blog_words.json`, optional when reading).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from editor.core.errors import BundleError, isolate
from editor.core.library import images
from editor.core.models import Status
from editor.core.review import bundle_schema as schema
from editor.core.review.checked_json import SchemaError, TooDeepError, loads_bounded
from editor.core.review.workflow import can_move

FORMAT_NAME = "ktav-review-bundle"
FORMAT_VERSION = 2
MANIFEST = "manifest.json"
DATA_MEMBERS = ("post.json", "revisions.json", "comments.json", "status_history.json", "images.json")
OPTIONAL_MEMBERS = ("blog_words.json",)
_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)  # what Ktav writes; nothing else is unpacked
# What a damaged zip makes zipfile raise: zlib.error for a garbled deflate stream, UnicodeDecodeError
# for a name flagged UTF-8 that is not, NotImplementedError for flags of methods Ktav never writes.
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error, UnicodeDecodeError,
               NotImplementedError, struct.error)


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
    blog_words: list[str] = field(default_factory=list)


def read_bundle(path: str | Path) -> BundleContents:
    """Open and check a bundle; BundleError (saying what is wrong) for anything damaged or foreign.

    Every member is unpacked with a cap on its real size, every JSON member is bounded in depth
    and checked field by field against `bundle_schema` before anything reaches a library.
    """
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as archive:
            return _read_members(path, archive)
    except FileNotFoundError as error:
        raise bundle_error(path, "no such file", "הקובץ אינו קיים") from error
    except _ZIP_ERRORS as error:
        raise bundle_error(path, "damaged or truncated (not a readable zip file)",
                           "הקובץ פגום או קטוע (אינו קובץ zip תקין)") from error
    except OSError as error:
        raise bundle_error(path, f"cannot be read ({error.strerror or error})",
                           f"לא ניתן לקרוא את הקובץ ({error.strerror or error})") from error


def _read_members(path: Path, archive: zipfile.ZipFile) -> BundleContents:
    infos = archive.infolist()
    names = [info.filename for info in infos]
    if MANIFEST not in names:
        raise bundle_error(path, "not a Ktav review bundle (no manifest)", "אינו חבילת בדיקה של כתב (אין מניפסט)")
    if len(infos) > schema.MAX_MEMBERS + 1 or len(set(names)) != len(names):
        raise bundle_error(path, "not a Ktav review bundle (too many or repeated files inside)",
                           "אינו חבילת בדיקה של כתב (קבצים רבים מדי או כפולים)")
    budget = _Budget(path)
    manifest = _manifest(path, _load_json(path, budget.read(archive, MANIFEST), MANIFEST))
    checksums = manifest["members"]
    missing = [n for n in DATA_MEMBERS if n not in checksums or n not in names]
    missing += [n for n in checksums if n not in names]
    if missing:
        raise bundle_error(path, f"incomplete: {', '.join(sorted(set(missing)))} missing",
                           f"החבילה חסרה: {', '.join(sorted(set(missing)))}")
    unexpected = set(names) - set(checksums) - {MANIFEST}
    if unexpected:
        shown = ", ".join(sorted(unexpected)[:5])
        raise bundle_error(path, f"unexpected files inside: {shown}", f"קבצים לא צפויים בחבילה: {shown}")
    data = {}
    for name, checksum in checksums.items():
        data[name] = budget.read(archive, name)
        if hashlib.sha256(data[name]).hexdigest() != checksum:
            raise bundle_error(path, f"damaged: {name} does not match its checksum",
                               f"החבילה פגומה: {name} אינו תואם את סכום הביקורת")
    loaded = {name: _checked(path, name, _load_json(path, data[name], name))
              for name in DATA_MEMBERS + OPTIONAL_MEMBERS if name in data}
    contents = BundleContents(
        manifest=manifest, post=loaded["post.json"], revisions=loaded["revisions.json"],
        comments=loaded["comments.json"], status_history=loaded["status_history.json"],
        images=loaded["images.json"],
        image_data={name.removeprefix("images/"): blob for name, blob in data.items() if name.startswith("images/")},
        blog_words=loaded.get("blog_words.json", []),
    )
    for n, image in enumerate(contents.images):
        blob = contents.image_data.get(image["sha256"])
        if blob is None or hashlib.sha256(blob).hexdigest() != image["sha256"]:
            raise bundle_error(path, f"damaged: images.json[{n}] names an image that is not inside",
                               f"החבילה פגומה: images.json[{n}] מציין תמונה שאינה בחבילה")
        if images.sniff(blob) is None:  # an SVG (scripts), or magic bytes in front of something else
            raise bundle_error(path, f"images.json[{n}] ({image['filename'] or image['sha256'][:12]}) is not a "
                               "PNG, JPEG, GIF or WebP image", f"images.json[{n}] אינה תמונה מסוג PNG,‏ JPEG,‏ GIF או WebP")
    check_status_history(path, contents)
    return contents


class _Budget:
    """Unpacks members one by one, each within its cap, all within MAX_UNPACKED_BYTES."""

    def __init__(self, path: Path):
        self.path = path
        self.left = schema.MAX_UNPACKED_BYTES

    def read(self, archive: zipfile.ZipFile, name: str) -> bytes:
        info = archive.getinfo(name)
        if info.compress_type not in _METHODS or info.flag_bits & 0x1:
            raise bundle_error(self.path, f"{name} is packed in a way Ktav does not write (compressed "
                               "otherwise or encrypted)", f"{name} ארוז בדרך שכתב אינו כותב (דחיסה אחרת או הצפנה)")
        cap = schema.MAX_IMAGE_BYTES if name.startswith("images/") else schema.MAX_JSON_MEMBER_BYTES
        cap = min(cap, self.left)
        with archive.open(info) as member:
            data = member.read(cap + 1)
        if len(data) > cap:
            raise bundle_error(self.path, f"too large to be a review bundle ({name} unpacks to more than "
                               f"{cap // schema.MIB} MB)", f"גדול מדי לחבילת בדיקה ({name} גדול מ-{cap // schema.MIB} MB)")
        self.left -= len(data)
        return data


def _manifest(path: Path, manifest) -> dict:
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_NAME:
        raise bundle_error(path, "not a Ktav review bundle (unknown format)", "אינו חבילת בדיקה של כתב (תבנית לא מוכרת)")
    version = manifest.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise bundle_error(path, f"made by a newer Ktav (bundle version {version}); update Ktav to open it",
                           f"נוצר בגרסה חדשה יותר של כתב (גרסת חבילה {version}); יש לעדכן את כתב")
    return _checked(path, MANIFEST, manifest)


def _load_json(path: Path, data: bytes, name: str):
    try:
        return loads_bounded(data, schema.MAX_JSON_DEPTH)
    except TooDeepError as error:
        raise bundle_error(path, f"damaged: {name} nests deeper than a Ktav post ({schema.MAX_JSON_DEPTH} levels)",
                           f"החבילה פגומה: {name} מקונן עמוק מדי ({schema.MAX_JSON_DEPTH} רמות)") from error
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise bundle_error(path, f"damaged: {name} is not valid JSON", f"החבילה פגומה: {name} אינו JSON תקין") from error


def _checked(path: Path, name: str, value):
    try:
        return schema.MEMBERS.get(name, schema.MANIFEST).check(value, "")
    except SchemaError as error:
        raise bundle_error(path, f"damaged: its contents are not a Ktav post: in {name}, {error.problem}",
                           f"החבילה פגומה: התוכן אינו פוסט של כתב: ב-{name}, {error.problem_he}") from error


def check_status_history(path: Path, contents: BundleContents) -> None:
    """Each status move the bundle records must be one the review workflow allows, one after another,
    ending where the post is."""
    history = contents.status_history
    for n, change in enumerate(history):
        if change["from"] is not None and not can_move(change["from"], change["to"]):
            raise bundle_error(path, f"status_history.json[{n}] moves the post from {change['from']} to "
                               f"{change['to']}, which review does not allow",
                               f"status_history.json[{n}] מעביר את הפוסט מ„{Status(change['from']).label_he}” "
                               f"ל„{Status(change['to']).label_he}”, מעבר שתהליך העריכה אינו מתיר")
        if n and change["from"] is not None and change["from"] != history[n - 1]["to"]:
            raise bundle_error(path, f"status_history.json[{n}] starts from {change['from']}, but the post was "
                               f"{history[n - 1]['to']} then", f"status_history.json[{n}] מתחיל מסטטוס שהפוסט לא היה בו")
    status = contents.post["content"]["status"]
    if history and history[-1]["to"] != status:
        raise bundle_error(path, f"the post is {status}, but its recorded status moves end at {history[-1]['to']}",
                           f"הפוסט במצב „{Status(status).label_he}”, אבל שינויי הסטטוס שנרשמו מסתיימים "
                           f"ב„{Status(history[-1]['to']).label_he}”")


def parse_date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def bundle_error(path: Path, problem: str, problem_he: str) -> BundleError:
    return BundleError(f"{path}: {problem}; nothing was imported",
                       f"{isolate(path)}: {problem_he}; שום דבר לא יובא")
