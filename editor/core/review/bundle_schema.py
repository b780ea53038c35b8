"""What every member of a review bundle must hold, field by field, and the limits on its size."""

from __future__ import annotations

from editor.core.models import RevisionReason, Status
from editor.core.review.checked_json import (
              Choice,
              Integer,
              IsoDate,
              IsoTime,
              ListOf,
              MapOf,
              Nullable,
              Pattern,
              Record,
              Text,
)

MIB = 1 << 20
# Sizes are counted on the bytes as they come out of the zip, never taken from its headers.
MAX_JSON_MEMBER_BYTES = 32 * MIB  # a post's whole history: 300 revisions of a 1,500-word post are 1.5 MB
MAX_IMAGE_BYTES = 32 * MIB
MAX_UNPACKED_BYTES = 512 * MIB
MAX_MEMBERS = 1000
MAX_JSON_DEPTH = 16  # what Ktav writes nests 5 deep (revisions[n].snapshot.tags[n])

MAX_REVISIONS = 10_000
MAX_COMMENTS = 10_000
MAX_STATUS_CHANGES = 2_000
MAX_IMAGES = MAX_MEMBERS - 10
MAX_TAGS = 500
MAX_RELATED = 500
MAX_BLOG_WORDS = 20_000  # editor.core.spelling.word_lists.MAX_BLOG_WORDS
WORD_CHARS = 64
NAME_CHARS = 500  # an author, a tag, a slug, a file name
TITLE_CHARS = 2_000
NOTE_CHARS = 20_000

UID = Pattern(r"[0-9A-Za-z_-]{1,64}", "an id (1 to 64 letters, digits, - or _)",
              "מזהה (1 עד 64 אותיות לטיניות, ספרות, - או _)")
SHA256 = Pattern(r"[0-9a-f]{64}", "a SHA-256 checksum (64 hex digits)", "סכום ביקורת SHA-256 ‏(64 ספרות הקסדצימליות)")
NAME = Text(NAME_CHARS)
TEXT = Text()

CONTENT = Record(
    {"title": Text(TITLE_CHARS), "lead": TEXT, "body": TEXT, "author": NAME, "date": Nullable(IsoDate()),
     "tags": ListOf(NAME, MAX_TAGS), "slug": NAME, "status": Choice(Status)},
    defaults={"slug": ""},
)
SNAPSHOT = CONTENT.extended({"related_uids": ListOf(UID, MAX_RELATED)}, defaults={"related_uids": []})

POST = Record(
    {"uid": UID, "content": CONTENT, "created_at": Nullable(IsoTime()), "updated_at": Nullable(IsoTime()),
     "related": ListOf(UID, MAX_RELATED)},
    defaults={"created_at": None, "updated_at": None, "related": []},
)
REVISION = Record(
    {"uid": UID, "created_at": IsoTime(), "author": NAME, "reason": Choice(RevisionReason),
     "note": Text(NOTE_CHARS), "snapshot": SNAPSHOT},
    defaults={"author": "", "note": ""},
)
ANCHOR = Record(
    {"quote": TEXT, "paragraph": Integer(0, 10_000_000), "prefix": TEXT, "suffix": TEXT, "fingerprint": TEXT},
    defaults={"quote": "", "paragraph": 0, "prefix": "", "suffix": "", "fingerprint": ""},
)
COMMENT = Record(
    {"uid": UID, "parent_uid": Nullable(UID), "author": NAME, "body": TEXT, "quote": TEXT,
     "paragraph": Integer(0, 10_000_000), "anchor": Nullable(ANCHOR), "created_at": Nullable(IsoTime()),
     "resolved_at": Nullable(IsoTime())},
    defaults={"parent_uid": None, "author": "", "quote": "", "paragraph": 0, "anchor": None,
              "created_at": None, "resolved_at": None},
)
STATUS_CHANGE = Record(
    {"from": Nullable(Choice(Status)), "to": Choice(Status), "author": NAME, "note": Text(NOTE_CHARS),
     "at": IsoTime()},
    defaults={"from": None, "author": "", "note": ""},
)
IMAGE = Record({"sha256": SHA256, "filename": NAME, "mime": NAME}, defaults={"filename": "", "mime": ""})

MEMBER_NAME = Pattern(r"(post|revisions|comments|status_history|images|blog_words)\.json|images/[0-9a-f]{64}",
                      "a member Ktav writes (post.json, …, images/<sha256>)",
                      "רכיב שכתב כותב (post.json, …, images/<sha256>)")
MANIFEST = Record(
    {"format": NAME, "version": Integer(1, 1_000_000), "created_at": Nullable(IsoTime()),
     "post_uid": Nullable(UID), "title": Nullable(Text(TITLE_CHARS)),
     "members": MapOf(MEMBER_NAME, SHA256, MAX_MEMBERS)},
    defaults={"created_at": None, "post_uid": None, "title": None},
)

MEMBERS = {
    "post.json": POST,
    "revisions.json": ListOf(REVISION, MAX_REVISIONS, unique="uid"),
    "comments.json": ListOf(COMMENT, MAX_COMMENTS, unique="uid"),
    "status_history.json": ListOf(STATUS_CHANGE, MAX_STATUS_CHANGES),
    "images.json": ListOf(IMAGE, MAX_IMAGES, unique="sha256"),
    # The blog's words for the spell check (program names, places, people); bundles before version 2 have none.
    "blog_words.json": ListOf(Text(WORD_CHARS), MAX_BLOG_WORDS),
}
