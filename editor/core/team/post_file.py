"""A post as a file of the team repository: front matter, one field a line, then the Markdown body.

Ktav writes each field as `name: <JSON value>` (JSON strings are YAML double-quoted scalars, so
the file is ordinary YAML front matter that `ktav import`, Hugo or Jekyll read); one field a line
lets git's line merge be a field-by-field merge. A file edited by hand is read as any YAML
front matter (bounded, as `import` reads it).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field, fields, replace

import yaml

from editor.core.errors import ImportFileError
from editor.core.importing.front_matter import FrontMatterRefused, load_front_matter
from editor.core.models import Status

# The front matter's fields, in the order Ktav writes them.
FIELD_ORDER = ("title", "lead", "author", "date", "tags", "slug", "status", "uid", "created", "related", "trashed")
# Characters a YAML double-quoted scalar must not hold raw (line breaks YAML knows beyond \n,
# characters PyYAML refuses, lone surrogates); JSON leaves them raw, so they are escaped here.
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
_HEADER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)
_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*): (.*)")
_UID = re.compile(r"[0-9A-Za-z_-]{1,64}")


@dataclass
class PostRecord:
    """One post as the repository holds it; `related` are uids, times are library times."""

    uid: str
    title: str
    body: str = ""
    lead: str = ""
    author: str = ""
    date: str | None = None
    tags: list[str] = field(default_factory=list)
    slug: str = ""
    status: str = Status.DRAFT.value
    created: str = ""
    related: list[str] = field(default_factory=list)
    trashed: str | None = None

    def copy(self, **changes) -> PostRecord:
        changes.setdefault("tags", list(self.tags))
        changes.setdefault("related", list(self.related))
        return replace(self, **changes)

    def content(self) -> dict:
        """The fields a revision's snapshot keeps (Post.content_fields(); related as uids)."""
        return {"title": self.title, "lead": self.lead, "body": self.body, "author": self.author,
                "date": self.date, "tags": list(self.tags), "slug": self.slug, "status": self.status}

    def same_as(self, other: PostRecord | None) -> bool:
        """Whether two records hold the same post (the trash compared as in or out, not by its time)."""
        if other is None:
            return False
        mine, theirs = vars(self) | {"trashed": self.trashed is not None}, vars(other) | {"trashed": other.trashed is not None}
        return mine == theirs


RECORD_FIELDS = tuple(f.name for f in fields(PostRecord))


def quoted(text: str) -> str:
    """A YAML double-quoted scalar on one line (JSON's escapes, and YAML's own line breaks escaped)."""
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", json.dumps(text, ensure_ascii=False))


def _value(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, list):
        return "[" + ", ".join(quoted(str(item)) for item in value) + "]"
    return quoted(str(value))


def to_text(record: PostRecord) -> str:
    lines = [f"{name}: {_value(getattr(record, name))}" for name in FIELD_ORDER]
    return "---\n" + "\n".join(lines) + "\n---\n" + record.body


def from_text(text: str, path: str, *, uid: str | None = None, default_uid: str | None = None) -> PostRecord:
    """The post a file holds; ImportFileError naming the file (and what is wrong) when it is not one.

    `uid` is the one the file's name carries (it wins over a uid in the front matter);
    `default_uid` is taken when neither has one (a file added by hand)."""
    text = text.replace("\r\n", "\n")
    match = _HEADER.match(text)
    if not match:
        raise ImportFileError(path, "has no front matter (--- title: ... ---)",
                              "אין בקובץ front matter ‏(--- title: ... ---)")
    meta = _fast_header(match.group(1) or "")
    if meta is None:
        meta = _yaml_header(match.group(1) or "", path)
    body = text[match.end():]
    return _record(meta, body, path, uid, default_uid)


def _fast_header(header: str) -> dict | None:
    """The header as Ktav writes it (every line `name: <JSON>`), or None to read it as YAML."""
    meta = {}
    for line in header.splitlines():
        found = _LINE.fullmatch(line)
        if not found:
            return None
        try:
            meta[found[1]] = json.loads(found[2])
        except ValueError:
            return None
    return meta


def _yaml_header(header: str, path: str) -> dict:
    try:
        meta = load_front_matter(header) or {}
    except yaml.YAMLError as error:
        detail_he = f": {error.problem_he}" if isinstance(error, FrontMatterRefused) else ""
        raise ImportFileError(path, f"front matter is not valid YAML ({getattr(error, 'problem', None) or error})",
                              f"ה-front matter אינו YAML תקין{detail_he}") from None
    if not isinstance(meta, dict):
        raise ImportFileError(path, "front matter must be 'key: value' lines", "ה-front matter חייב להיות שורות 'שם: ערך'")
    return meta


def _record(meta: dict, body: str, path: str, uid: str | None, default_uid: str | None) -> PostRecord:
    title = _text(meta, "title", path)
    if not title:
        raise ImportFileError(path, "front matter has no title", "ב-front matter אין כותרת (title)")
    uid = uid or _text(meta, "uid", path) or default_uid
    if not uid:
        raise ImportFileError(path, "no uid: neither in the file's name nor in its front matter",
                              "אין לפוסט מזהה (uid): לא בשם הקובץ ולא ב-front matter")
    if not _UID.fullmatch(uid):
        raise ImportFileError(path, f"uid {uid!r} is not an id (1 to 64 letters, digits, - or _)",
                              "המזהה (uid) אינו תקין: 1 עד 64 אותיות לטיניות, ספרות, - או _")
    return PostRecord(
        uid=uid, title=title, body=body, lead=_text(meta, "lead", path), author=_text(meta, "author", path),
        date=_date(meta.get("date"), path), tags=_words(meta, "tags", path), slug=_text(meta, "slug", path),
        status=_status(meta.get("status"), path), created=_text(meta, "created", path),
        related=_words(meta, "related", path), trashed=_text(meta, "trashed", path) or None,
    )


def _text(meta: dict, key: str, path: str) -> str:
    value = meta.get(key)
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ImportFileError(path, f"front matter field '{key}' must be text", f"השדה '{key}' ב-front matter חייב להיות טקסט")
    return str(value).strip() if key == "title" else str(value)  # the library strips titles only


def _date(value, path: str) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return (value.date() if isinstance(value, dt.datetime) else value).isoformat()
    parsed = _read_date(value) if isinstance(value, str) else None
    if parsed is None:
        raise ImportFileError(path, f"date {value!r} is not a date (use 2023-05-14)",
                              f"התאריך '{value}' אינו תקין (יש לכתוב 2023-05-14)")
    return parsed.isoformat()


def _read_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)  # as Ktav writes it
    except ValueError:
        from editor.core.importing.readers import parse_date  # the forms `import` reads (a hand-edit)

        return parse_date(text)


def _words(meta: dict, key: str, path: str) -> list[str]:
    value = meta.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        return [word.strip() for word in value.split(",") if word.strip()]
    if isinstance(value, list) and all(isinstance(w, (str, int, float)) and not isinstance(w, bool) for w in value):
        return [str(word).strip() for word in value if str(word).strip()]
    raise ImportFileError(path, f"front matter '{key}' must be a list of words", f"השדה {key} חייב להיות רשימת מילים")


def _status(value, path: str) -> str:
    if value is None:
        return Status.DRAFT.value
    try:
        if not isinstance(value, str):
            raise ValueError(f"status must be one of: {', '.join(s.value for s in Status)}")
        return Status.parse(value).value
    except ValueError as error:
        raise ImportFileError(path, str(error), f"סטטוס לא מוכר: {value}") from None
