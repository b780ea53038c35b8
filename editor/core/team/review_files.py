"""The review trail as files: one JSON file per comment, reply, status move, resolution or conflict.

A file is written once and never changed, under a name made of the event's time, kind and id,
so two people's review actions never touch the same file and a merge of the trail is a union.

    comment, reply      a comment (with its quote and anchor) or a reply (with its parent's uid)
    status              a status move: from, to, who, when, note
    resolved, reopened  a thread marked done or opened again (the latest one counts)
    conflict            the other side's version of a post whose same words were changed on both sides
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from editor.core.errors import ImportFileError
from editor.core.review.bundle_schema import COMMENT, CONTENT, MAX_JSON_DEPTH, MAX_RELATED, NAME, NOTE_CHARS, STATUS_CHANGE, UID
from editor.core.review.checked_json import IsoTime, ListOf, Record, SchemaError, Text, TooDeepError, loads_bounded
from editor.core.team import layout

COMMENT_KINDS = ("comment", "reply")
RESOLUTION_KINDS = ("resolved", "reopened")
KINDS = (*COMMENT_KINDS, "status", *RESOLUTION_KINDS, "conflict")
MAX_FILE_BYTES = 16 << 20

_COMMENT_FILE = COMMENT.extended({"kind": Text(20)})
_RESOLUTION_FILE = Record({"kind": Text(20), "comment_uid": UID, "author": NAME, "at": IsoTime()}, defaults={"author": ""})
_CONFLICT_FILE = Record({"kind": Text(20), "uid": UID, "author": NAME, "at": IsoTime(), "note": Text(NOTE_CHARS),
                         "version": CONTENT.extended({"related": ListOf(UID, MAX_RELATED)}, defaults={"related": []})},
                        defaults={"author": "", "note": ""})
_STATUS_FILE = STATUS_CHANGE.extended({"kind": Text(20)})
SPECS = {"comment": _COMMENT_FILE, "reply": _COMMENT_FILE, "status": _STATUS_FILE,
         "resolved": _RESOLUTION_FILE, "reopened": _RESOLUTION_FILE, "conflict": _CONFLICT_FILE}


@dataclass(frozen=True)
class ReviewFile:
    path: str
    text: str


@dataclass(frozen=True)
class ReviewEvent:
    """A review-trail file read back: its kind, its post, its checked fields."""

    path: str
    kind: str
    post_uid: str
    fields: dict


def _file(post_uid: str, at: str, kind: str, event_id: str, fields: dict) -> ReviewFile:
    text = json.dumps({"kind": kind} | fields, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return ReviewFile(layout.review_path(post_uid, at, kind, event_id), text)


def comment_file(post_uid: str, comment: dict, parent_uid: str | None) -> ReviewFile:
    fields = {"uid": comment["uid"], "parent_uid": parent_uid, "author": comment["author"], "body": comment["body"],
              "quote": comment["quote"], "paragraph": comment["paragraph"], "anchor": comment["anchor"],
              "created_at": comment["created_at"]}
    return _file(post_uid, comment["created_at"], "reply" if parent_uid else "comment", comment["uid"], fields)


def status_id(change: dict) -> str:
    key = "\x1f".join(str(change.get(k) or "") for k in ("from", "to", "author", "at"))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def status_file(post_uid: str, change: dict) -> ReviewFile:
    fields = {k: change[k] for k in ("from", "to", "author", "note", "at")}
    return _file(post_uid, change["at"], "status", status_id(change), fields)


def resolution_file(post_uid: str, comment_uid: str, at: str, *, resolved: bool, author: str) -> ReviewFile:
    kind = "resolved" if resolved else "reopened"
    return _file(post_uid, at, kind, comment_uid, {"comment_uid": comment_uid, "author": author, "at": at})


def conflict_file(post_uid: str, revision_uid: str, at: str, author: str, note: str, version: dict) -> ReviewFile:
    fields = {"uid": revision_uid, "author": author, "at": at, "note": note, "version": version}
    return _file(post_uid, at, "conflict", revision_uid, fields)


def read_event(path: str, data: bytes) -> ReviewEvent:
    """A review-trail file checked field by field; ImportFileError naming it when it is not one."""
    name = layout.review_name(path)
    if name is None or name.kind not in SPECS:
        raise ImportFileError(path, "not a review-trail file Ktav knows (its name or kind)",
                              "אינו קובץ של מסלול העריכה שכתב מכיר (שם או סוג)")
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError(path, "too big for a review-trail file", "גדול מדי לקובץ של מסלול העריכה")
    try:
        fields = SPECS[name.kind].check(loads_bounded(data, MAX_JSON_DEPTH), "")
    except (TooDeepError, UnicodeDecodeError, ValueError) as error:
        problem = error.problem if isinstance(error, SchemaError) else f"not valid JSON ({error})"
        problem_he = error.problem_he if isinstance(error, SchemaError) else "אינו JSON תקין"
        raise ImportFileError(path, problem, problem_he) from None
    return ReviewEvent(path, name.kind, name.post_uid, fields)


def latest_resolution(names: list[layout.ReviewName], comment_uid: str) -> bool | None:
    """Whether the latest resolution event of a comment in these names resolved it (None: none yet)."""
    events = sorted((n.stamp, n.kind == "resolved") for n in names
                    if n.kind in RESOLUTION_KINDS and n.id == comment_uid)
    return events[-1][1] if events else None
