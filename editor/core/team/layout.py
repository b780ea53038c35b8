"""Where things live in a team repository: post files, review-trail files, images, the marker file.

    ktav-team.json                                   what marks a Ktav team repository (format, version)
    posts/<shard>/<slug>.<uid>.md                    one post: front matter, then its Markdown body
    review/<shard>/<uid>/<stamp>-<kind>-<id>.json    its review trail, one file per event, never changed
    images/<sha[:2]>/<sha256>.<ext>                  an image, stored once by its content hash

`shard` is the first two characters of the post's uid (so no folder grows past a few hundred
entries and a commit rewrites small trees). Every name is valid on Windows: slugs are letters,
digits and hyphens, uids letters, digits, `-` and `_`, stamps `20261127T031612Z` (no `:`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from editor.core.text import hebrew

MARKER = "ktav-team.json"
README = "README.md"
FORMAT_NAME = "ktav-team"
FORMAT_VERSION = 1
BRANCH = "main"
POSTS, REVIEW, IMAGES = "posts", "review", "images"
SLUG_IN_NAME = 60  # characters of the slug kept in a file name (Windows paths stay short)

_UID = r"[0-9A-Za-z_-]{1,64}"
_POST_NAME = re.compile(rf"(?P<slug>[^./\\]*)\.(?P<uid>{_UID})\.md")
_REVIEW_PATH = re.compile(rf"{REVIEW}/[^/]+/(?P<uid>{_UID})/(?P<name>[^/]+)")
_REVIEW_NAME = re.compile(r"(?P<stamp>\d{8}T\d{6}Z)-(?P<kind>[a-z]+)-(?P<id>[0-9A-Za-z_-]{1,64})\.json")
_IMAGE_PATH = re.compile(rf"{IMAGES}/[0-9a-f]{{2}}/(?P<sha>[0-9a-f]{{64}})\.[a-z]+")
IMAGE_EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp"}


def marker_text() -> str:
    return json.dumps({"format": FORMAT_NAME, "version": FORMAT_VERSION}, indent=2) + "\n"


def shard(uid: str) -> str:
    return uid[:2].lower().ljust(2, "_")


def post_path(uid: str, slug: str) -> str:
    readable = hebrew.slugify(slug.replace("-", " "))[:SLUG_IN_NAME].strip("-") if slug else ""
    return f"{POSTS}/{shard(uid)}/{readable or 'post'}.{uid}.md"


def post_folder(uid: str) -> str:
    return f"{POSTS}/{shard(uid)}"


def uid_of_post_path(path: str) -> str | None:
    """The uid a post file's name carries; None for a file under posts/ that is not named so."""
    folder, _, name = path.rpartition("/")
    if not folder.startswith(POSTS + "/"):
        return None
    match = _POST_NAME.fullmatch(name)
    if not match or folder != post_folder(match["uid"]):
        return None
    return match["uid"]


def is_post_path(path: str) -> bool:
    return path.startswith(POSTS + "/") and path.endswith(".md")


def review_folder(uid: str) -> str:
    return f"{REVIEW}/{shard(uid)}/{uid}"


@dataclass(frozen=True)
class ReviewName:
    """What a review-trail file's name says: whose post, when, what kind of event, which one."""

    post_uid: str
    stamp: str
    kind: str
    id: str


def review_name(path: str) -> ReviewName | None:
    match = _REVIEW_PATH.fullmatch(path)
    if not match:
        return None
    name = _REVIEW_NAME.fullmatch(match["name"])
    if not name:
        return None
    return ReviewName(match["uid"], name["stamp"], name["kind"], name["id"])


def review_path(post_uid: str, at: str, kind: str, event_id: str) -> str:
    return f"{review_folder(post_uid)}/{stamp(at)}-{kind}-{event_id}.json"


def stamp(at: str) -> str:
    """A library time (2026-11-27T03:16:12.000000Z) as a file name's stamp: 20261127T031612Z."""
    digits = re.sub(r"[^0-9]", "", at)
    digits = (digits + "0" * 14)[:14]
    return f"{digits[:8]}T{digits[8:14]}Z"


def image_path(sha256: str, mime: str) -> str:
    return f"{IMAGES}/{sha256[:2]}/{sha256}.{IMAGE_EXTENSIONS.get(mime, 'bin')}"


def sha_of_image_path(path: str) -> str | None:
    match = _IMAGE_PATH.fullmatch(path)
    return match["sha"] if match else None


def image_folder(sha256: str) -> str:
    return f"{IMAGES}/{sha256[:2]}"
