"""Review bundles (.ktav): one post with its images, comments and history, carried between libraries.

A bundle is a zip: `manifest.json` (format, version, a SHA-256 per member) and JSON members for
the post, revisions, comments, status history and image list, plus `images/<sha256>`. Import
checks everything before it writes, then writes in one transaction: all or nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from editor.core.errors import BundleError, KtavError
from editor.core.export.atomic import write_atomic
from editor.core.library import utc_now
from editor.core.models import Post, RevisionReason, Status

FORMAT_NAME = "ktav-review-bundle"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATA_MEMBERS = ("post.json", "revisions.json", "comments.json", "status_history.json", "images.json")
MAX_UNPACKED_BYTES = 1 << 30  # refuse zip bombs before reading anything
_IMAGE_REF = re.compile(r"ktav-image:([0-9a-f]{64})")
# What decides whether two versions of a post are the same (the slug is each library's own).
COMPARED_FIELDS = ("title", "lead", "body", "author", "date", "tags", "status")


# -- writing -------------------------------------------------------------------------------


def write_bundle(library, post_id: int, path: str | Path) -> Path:
    """Write post `post_id` with its images, comments, revisions and status history to `path`."""
    path = Path(path)
    post = library.get_post(post_id)
    revisions = library.revisions(post_id)
    revision_uids = {rid: uid for uid, rid in library.revision_uids(post_id).items()}
    related_ids = set(library.related_choices(post_id))
    for revision in revisions:
        related_ids.update(revision.snapshot.get("related", []))
    uid_of_post = _post_uids(library, related_ids)
    comments = library.comments(post_id)
    comment_uids = {c["id"]: c["uid"] for c in comments}
    members: dict[str, bytes] = {
        "post.json": _json({
            "uid": library.post_uid(post_id),
            "content": post.content_fields(),
            "created_at": post.created_at,
            "updated_at": post.updated_at,
            "related": [uid_of_post[i] for i in library.related_choices(post_id) if i in uid_of_post],
        }),
        "revisions.json": _json([{
            "uid": revision_uids[r.id],
            "created_at": r.created_at,
            "author": r.author,
            "reason": r.reason.value,
            "note": r.note,
            "snapshot": _portable_snapshot(r.snapshot, uid_of_post),
        } for r in revisions]),
        "comments.json": _json([{
            "uid": c["uid"],
            "parent_uid": comment_uids.get(c["parent_id"]),
            "author": c["author"],
            "body": c["body"],
            "quote": c["quote"],
            "paragraph": c["paragraph"],
            "anchor": c["anchor"],
            "created_at": c["created_at"],
            "resolved_at": c["resolved_at"],
        } for c in comments]),
        "status_history.json": _json(library.status_history(post_id)),
    }
    images = []
    for sha in _image_refs([post.body] + [r.snapshot.get("body", "") for r in revisions]):
        if library.has_image(sha):
            image = library.get_image(sha)
            images.append({"sha256": sha, "filename": image.filename, "mime": image.mime})
            members[f"images/{sha}"] = image.data
    members["images.json"] = _json(images)
    manifest = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "created_at": utc_now(),
        "post_uid": library.post_uid(post_id),
        "title": post.title,
        "members": {name: hashlib.sha256(data).hexdigest() for name, data in members.items()},
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, _json(manifest))
        for name, data in members.items():
            stored = zipfile.ZIP_STORED if name.startswith("images/") else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, compress_type=stored)
    try:
        write_atomic(path, buffer.getvalue())
    except KtavError as error:
        raise BundleError(error.message, error.message_he) from error
    return path


def _json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


def _post_uids(library, post_ids) -> dict[int, str]:
    """The uids of the posts still in the library among `post_ids`."""
    uids = {}
    for post_id in post_ids:
        try:
            uids[post_id] = library.post_uid(post_id)
        except KtavError:
            continue
    return uids


def _local_ids(library, contents: BundleContents) -> dict[str, int]:
    """The local ids of the posts the bundle names as related (those this library has)."""
    wanted = set(contents.post.get("related", []))
    for revision in contents.revisions:
        wanted.update(revision["snapshot"].get("related_uids", []))
    ids = {}
    for uid in wanted:
        found = library.post_by_uid(uid) if isinstance(uid, str) else None
        if found is not None:
            ids[uid] = found.id
    return ids


def _portable_snapshot(snapshot: dict, uid_of_post: dict[int, str]) -> dict:
    """A snapshot whose related posts are named by uid: ids mean nothing in another library."""
    portable = {k: v for k, v in snapshot.items() if k != "related"}
    portable["related_uids"] = [uid_of_post[i] for i in snapshot.get("related", []) if i in uid_of_post]
    return portable


def _image_refs(texts: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for text in texts:
        for sha in _IMAGE_REF.findall(text or ""):
            seen.setdefault(sha)
    return list(seen)


# -- reading -------------------------------------------------------------------------------


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
        raise _error(path, "no such file", "הקובץ אינו קיים") from error
    except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile) as error:
        raise _error(path, "damaged or truncated (not a readable zip file)",
                     "הקובץ פגום או קטוע (אינו קובץ zip תקין)") from error
    except OSError as error:
        raise _error(path, f"cannot be read ({error.strerror or error})",
                     f"לא ניתן לקרוא את הקובץ ({error.strerror or error})") from error


def _read_members(path: Path, archive: zipfile.ZipFile) -> BundleContents:
    names = set(archive.namelist())
    if MANIFEST not in names:
        raise _error(path, "not a Ktav review bundle (no manifest)", "אינו חבילת בדיקה של כתב (אין מניפסט)")
    if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
        raise _error(path, "too large to be a review bundle", "גדול מדי לחבילת בדיקה")
    manifest = _load_json(path, archive.read(MANIFEST), MANIFEST)
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_NAME:
        raise _error(path, "not a Ktav review bundle (unknown format)", "אינו חבילת בדיקה של כתב (תבנית לא מוכרת)")
    version = manifest.get("version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise _error(path, f"made by a newer Ktav (bundle version {version}); update Ktav to open it",
                     f"נוצר בגרסה חדשה יותר של כתב (גרסת חבילה {version}); יש לעדכן את כתב")
    checksums = manifest.get("members")
    if not isinstance(checksums, dict) or not all(isinstance(v, str) for v in checksums.values()):
        raise _error(path, "the manifest has no list of members", "במניפסט אין רשימת רכיבים")
    missing = [n for n in DATA_MEMBERS if n not in checksums or n not in names]
    missing += [n for n in checksums if n not in names]
    if missing:
        raise _error(path, f"incomplete: {', '.join(sorted(set(missing)))} missing",
                     f"החבילה חסרה: {', '.join(sorted(set(missing)))}")
    unexpected = names - set(checksums) - {MANIFEST}
    if unexpected:
        raise _error(path, f"unexpected files inside: {', '.join(sorted(unexpected))}",
                     f"קבצים לא צפויים בחבילה: {', '.join(sorted(unexpected))}")
    data = {}
    for name, checksum in checksums.items():
        data[name] = archive.read(name)
        if hashlib.sha256(data[name]).hexdigest() != checksum:
            raise _error(path, f"damaged: {name} does not match its checksum",
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
        raise _error(path, f"damaged: {name} is not valid JSON", f"החבילה פגומה: {name} אינו JSON תקין") from error


def _check_shape(path: Path, contents: BundleContents) -> None:
    """Refuse members that parse but are not what Ktav writes, before anything is imported."""
    try:
        post = contents.post
        _require(isinstance(post["uid"], str) and post["uid"])
        content = post["content"]
        _require(all(isinstance(content[k], str) for k in ("title", "lead", "body", "author")))
        _require(isinstance(content["tags"], list) and all(isinstance(t, str) for t in content["tags"]))
        Status(content["status"])
        _date(content["date"])
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
        raise _error(path, "damaged: its contents are not a Ktav post", "החבילה פגומה: התוכן אינו פוסט של כתב") from error


def _require(condition: bool) -> None:
    """A check that holds under `python -O` too (unlike assert)."""
    if not condition:
        raise ValueError("unexpected bundle contents")


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _error(path: Path, problem: str, problem_he: str) -> BundleError:
    return BundleError(f"{path}: {problem}; nothing was imported",
                       f"{path}: {problem_he}; שום דבר לא יובא")


# -- importing -----------------------------------------------------------------------------


@dataclass
class BundleImport:
    """What importing a bundle did to the library."""

    path: Path
    post_id: int
    title: str
    created: bool = False
    updated: bool = False
    conflict: bool = False
    revisions_added: int = 0
    comments_added: int = 0
    comments_resolved: int = 0
    images_added: int = 0
    status_changes_added: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.conflict or self.revisions_added
                    or self.comments_added or self.comments_resolved or self.images_added
                    or self.status_changes_added)

    def __str__(self) -> str:
        if self.created:
            action = "added"
        elif self.conflict:
            action = "CONFLICT: changed on both sides; the incoming version is kept as a revision of"
        elif self.updated:
            action = "updated"
        else:
            action = "unchanged" if not self.changed else "merged into"
        extras = [f"{n} {what}" for n, what in ((self.comments_added, "new comments"),
                                                (self.revisions_added, "revisions"),
                                                (self.images_added, "images")) if n]
        detail = f" ({', '.join(extras)})" if extras else ""
        return f"{self.path.name}: {action} post {self.post_id} {self.title}{detail}"

    @property
    def summary_he(self) -> str:
        if self.created:
            text = f"הפוסט „{self.title}” נוסף לספרייה"
        elif self.conflict:
            text = (f"הפוסט „{self.title}” שונה בשני הצדדים: הגרסה שלך נשארה, "
                    "והגרסה מהחבילה נשמרה כגרסה מתנגשת בהיסטוריה")
        elif self.updated:
            text = f"הפוסט „{self.title}” עודכן מהחבילה"
        elif self.changed:
            text = f"הפוסט „{self.title}” לא השתנה; נוספו הערות או היסטוריה"
        else:
            text = f"הפוסט „{self.title}” כבר מעודכן; שום דבר לא השתנה"
        if self.comments_added:
            text += f" · {self.comments_added} הערות חדשות"
        return text


def import_bundle(library, path: str | Path, author: str = "") -> BundleImport:
    """Add the bundle's post to the library, or bring the library's copy up to date, all or nothing.

    A post changed on both sides keeps the local version; the incoming one becomes a CONFLICT
    revision and `conflict` is set. Comments, revisions and images are merged by their ids
    (uid, SHA-256): importing the same bundle twice changes nothing the second time.
    """
    path = Path(path)
    contents = read_bundle(path)
    try:
        with library.transaction():
            return _apply(library, path, contents, author)
    except BundleError:
        raise
    except KtavError as error:
        raise BundleError(f"{path}: {error.message}; nothing was imported",
                          f"{path}: {error.message_he}; שום דבר לא יובא") from error


def _apply(library, path: Path, contents: BundleContents, author: str) -> BundleImport:
    uid = contents.post["uid"]
    incoming = _post_from(contents.post["content"])
    local = library.post_by_uid(uid)
    id_of_uid = _local_ids(library, contents)
    related = [id_of_uid[u] for u in contents.post.get("related", []) if u in id_of_uid]
    result = BundleImport(path, 0, incoming.title)
    result.images_added = _merge_images(library, contents)
    if local is None:
        incoming.created_at = contents.post.get("created_at") or ""
        local = library.add_post(incoming, author=author, reason=RevisionReason.IMPORT, uid=uid)
        if related:
            library.set_related_choices(local.id, [i for i in related if i != local.id])
        result.created = True
        result.post_id = local.id
        result.revisions_added = _merge_revisions(library, local.id, contents, id_of_uid)
    else:
        result.post_id = local.id
        known_versions = [_compared(r.snapshot) for r in library.revisions(local.id)]
        result.revisions_added = _merge_revisions(library, local.id, contents, id_of_uid)
        incoming_key, local_key = _compared(contents.post["content"]), _compared(local.content_fields())
        sender_versions = [_compared(r["snapshot"]) for r in contents.revisions]
        if incoming_key == local_key or incoming_key in known_versions:
            pass  # the same, or an older version the library already has
        elif local_key in sender_versions:
            updated = incoming.copy(id=local.id, slug=local.slug)
            library.save_post(updated, revision=RevisionReason.IMPORT, author=author, note=path.name)
            if related:
                library.set_related_choices(local.id, related)
            result.updated = True
        else:
            snapshot = contents.post["content"] | {"related": related}
            last_editor = contents.revisions[-1].get("author", "") if contents.revisions else ""
            library.add_revision(local.id, RevisionReason.CONFLICT, author=last_editor or incoming.author,
                                 note=path.name, snapshot=snapshot)
            result.conflict = True
    result.status_changes_added = _merge_status_history(library, local.id, contents.status_history)
    result.comments_added, result.comments_resolved = _merge_comments(library, local.id, contents.comments)
    result.title = library.get_post(local.id).title
    return result


def _post_from(content: dict) -> Post:
    return Post(title=content["title"], body=content["body"], lead=content["lead"], author=content["author"],
                date=_date(content["date"]), tags=list(content["tags"]), slug=content.get("slug", ""),
                status=Status(content["status"]))


def _compared(snapshot: dict) -> tuple:
    return tuple(json.dumps(snapshot.get(name), ensure_ascii=False, sort_keys=True) for name in COMPARED_FIELDS)


def _merge_images(library, contents: BundleContents) -> int:
    added = 0
    for image in contents.images:
        if not library.has_image(image["sha256"]):
            library.add_image(contents.image_data[image["sha256"]], filename=image.get("filename", ""),
                              mime=image.get("mime"))
            added += 1
    return added


def _merge_revisions(library, post_id: int, contents: BundleContents, id_of_uid: dict[str, int]) -> int:
    known = library.revision_uids(post_id)
    added = 0
    for revision in contents.revisions:
        if revision["uid"] in known:
            continue
        snapshot = {k: v for k, v in revision["snapshot"].items() if k != "related_uids"}
        snapshot["related"] = [id_of_uid[u] for u in revision["snapshot"].get("related_uids", []) if u in id_of_uid]
        library.add_revision(post_id, RevisionReason(revision["reason"]), author=revision.get("author", ""),
                             note=revision.get("note", ""), snapshot=snapshot,
                             created_at=revision["created_at"], uid=revision["uid"])
        added += 1
    return added


def _merge_status_history(library, post_id: int, changes: list[dict]) -> int:
    """Status changes made on the other side, each once (a change is who, when, from and to)."""
    def key(change):
        return (change.get("from"), change["to"], change.get("author", ""), change["at"])

    known = {key(c) for c in library.status_history(post_id)}
    fresh = [c for c in changes if key(c) not in known]
    if fresh:
        # The library records status changes only as they happen; history from elsewhere is
        # written here, inside the import's transaction.
        with library.transaction() as db:
            db.executemany(
                "INSERT INTO status_changes (post_id, from_status, to_status, author, note, at)"
                " VALUES (?,?,?,?,?,?)",
                [(post_id, c.get("from"), c["to"], c.get("author", ""), c.get("note", ""), c["at"])
                 for c in fresh])
    return len(fresh)


def _merge_comments(library, post_id: int, comments: list[dict]) -> tuple[int, int]:
    """New comments added (replies after their parents); a thread resolved elsewhere is resolved here.

    A reopening elsewhere does not undo a local resolution: without a time of reopening, the
    resolved state is the one that cannot be lost by accident.
    """
    local = {c["uid"]: c for c in library.comments(post_id)}
    local_ids = {uid: c["id"] for uid, c in local.items()}
    added = resolved = 0
    pending = list(comments)
    while pending:
        waiting = []
        for comment in pending:
            parent = comment.get("parent_uid")
            if parent is not None and parent not in local_ids:
                waiting.append(comment)
                continue
            if comment["uid"] in local_ids:
                mine = local.get(comment["uid"])
                if mine and mine["resolved_at"] is None and comment.get("resolved_at"):
                    library.update_comment(mine["id"], resolved_at=comment["resolved_at"])
                    resolved += 1
                continue
            local_ids[comment["uid"]] = library.add_comment(
                post_id, comment.get("author", ""), comment["body"], quote=comment.get("quote", ""),
                paragraph=int(comment.get("paragraph") or 0),
                parent_id=local_ids[parent] if parent is not None else None,
                anchor=comment.get("anchor"), uid=comment["uid"], created_at=comment.get("created_at"),
                resolved_at=comment.get("resolved_at"))
            added += 1
        if len(waiting) == len(pending):  # replies whose parent is not in the bundle: keep as threads
            waiting = [dict(comment, parent_uid=None) for comment in waiting]
        pending = waiting
    return added, resolved
