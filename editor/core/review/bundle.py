"""Review bundles (.ktav): one post with its images, comments and history, carried between libraries.

`write_bundle` writes one atomically; `import_bundle` checks everything before it writes, then
writes in one transaction: all or nothing. The format is in `bundle_format`, the merge in
`bundle_merge`.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from pathlib import Path

from editor.core.errors import BundleError, KtavError, isolate
from editor.core.export.atomic import write_atomic
from editor.core.models import utc_now
from editor.core.review.bundle_format import FORMAT_NAME, FORMAT_VERSION, MANIFEST, BundleContents, read_bundle
from editor.core.review.bundle_merge import BundleImport, apply_bundle
from editor.core.spelling.word_lists import blog_words

__all__ = ["BundleContents", "BundleImport", "import_bundle", "read_bundle", "write_bundle"]

_IMAGE_REF = re.compile(r"ktav-image:([0-9a-f]{64})")


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
        "blog_words.json": _json(blog_words(library)),
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


# -- importing -----------------------------------------------------------------------------


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
            return apply_bundle(library, path, contents, author)
    except BundleError:
        raise
    except KtavError as error:
        raise BundleError(f"{path}: {error.message}; nothing was imported",
                          f"{isolate(path)}: {error.message_he}; שום דבר לא יובא") from error
