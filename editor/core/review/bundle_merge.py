"""Merging a checked review bundle into a library: add or update the post, keep conflicts, merge by uid."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from editor.core.models import Post, RevisionReason, Status
from editor.core.review.bundle_format import BundleContents, bundle_error, parse_date
from editor.core.spelling.word_lists import merge_blog_words
from editor.core.text import hebrew

# What decides whether two versions of a post are the same (the slug is each library's own).
COMPARED_FIELDS = ("title", "lead", "body", "author", "date", "tags", "status")


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
    blog_words_added: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.conflict or self.revisions_added
                    or self.comments_added or self.comments_resolved or self.images_added
                    or self.status_changes_added or self.blog_words_added)

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
                                                (self.images_added, "images"),
                                                (self.blog_words_added, "blog words")) if n]
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
            text += " · " + hebrew.counted(self.comments_added, "הערה חדשה אחת", "{n} הערות חדשות")
        if self.blog_words_added:
            text += " · " + hebrew.counted(self.blog_words_added, "מילה חדשה אחת במילון הבלוג",
                                           "{n} מילים חדשות במילון הבלוג")
        return text


def apply_bundle(library, path: Path, contents: BundleContents, author: str) -> BundleImport:
    """Write the bundle into the library; the caller holds the transaction."""
    uid = contents.post["uid"]
    incoming = _post_from(contents.post["content"])
    local = library.post_by_uid(uid)
    _refuse_ids_of_other_posts(library, path, contents, local.id if local else None)
    id_of_uid = _local_ids(library, contents)
    related = [id_of_uid[u] for u in contents.post.get("related", []) if u in id_of_uid]
    result = BundleImport(path, 0, incoming.title)
    action = _action(library, local, contents) if local is not None else "create"
    if action == "update":  # refused before anything is written
        _check_status_moves(path, local.status, incoming.status, _fresh_changes(library, local.id, contents))
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
        result.revisions_added = _merge_revisions(library, local.id, contents, id_of_uid)
        if action == "update":
            updated = incoming.copy(id=local.id, slug=local.slug)
            library.save_post(updated, revision=RevisionReason.IMPORT, author=author, note=path.name)
            if related:
                library.set_related_choices(local.id, related)
            result.updated = True
        elif action == "conflict":
            snapshot = contents.post["content"] | {"related": related}
            last_editor = contents.revisions[-1].get("author", "") if contents.revisions else ""
            library.add_revision(local.id, RevisionReason.CONFLICT, author=last_editor or incoming.author,
                                 note=path.name, snapshot=snapshot)
            result.conflict = True
    result.status_changes_added = _merge_status_history(library, local.id, contents.status_history)
    result.comments_added, result.comments_resolved = _merge_comments(library, local.id, contents.comments)
    result.blog_words_added = merge_blog_words(library, contents.blog_words)
    result.title = library.get_post(local.id).title
    return result


def _action(library, local: Post, contents: BundleContents) -> str:
    """What the bundle does to the library's copy: "keep" it (the same, or an older version),
    "update" it (the sender started from it), or keep the incoming one as a "conflict"."""
    known_versions = [_compared(r.snapshot) for r in library.revisions(local.id)]
    incoming_key, local_key = _compared(contents.post["content"]), _compared(local.content_fields())
    if incoming_key == local_key or incoming_key in known_versions:
        return "keep"
    if local_key in [_compared(r["snapshot"]) for r in contents.revisions]:
        return "update"
    return "conflict"


def _refuse_ids_of_other_posts(library, path: Path, contents: BundleContents, post_id: int | None) -> None:
    """Revisions and comments are merged by their ids: one that another post here has is not this post's."""
    for member, items, owner in (("revisions.json", contents.revisions, library.revision_owner),
                                 ("comments.json", contents.comments, library.comment_owner)):
        for n, item in enumerate(items):
            found = owner(item["uid"])
            if found is not None and found != post_id:
                raise bundle_error(path, f"damaged: {member}[{n}].uid is the id of another post's "
                                   f"{member.removesuffix('s.json')} in this library",
                                   f"החבילה פגומה: {member}[{n}].uid הוא מזהה של רשומה בפוסט אחר בספרייה")


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


def _post_from(content: dict) -> Post:
    return Post(title=content["title"], body=content["body"], lead=content["lead"], author=content["author"],
                date=parse_date(content["date"]), tags=list(content["tags"]), slug=content.get("slug", ""),
                status=Status(content["status"]))


def _compared(snapshot: dict) -> tuple:
    return tuple(json.dumps(snapshot.get(name), ensure_ascii=False, sort_keys=True) for name in COMPARED_FIELDS)


def _merge_images(library, contents: BundleContents) -> int:
    added = 0
    for image in contents.images:
        if not library.has_image(image["sha256"]):
            # Stored as the type its bytes show; the bundle's word for it ("mime") is not trusted.
            library.add_image(contents.image_data[image["sha256"]], filename=image["filename"])
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


def _status_key(change: dict) -> tuple:
    return change["from"], change["to"], change["author"], change["at"]


def _fresh_changes(library, post_id: int, contents: BundleContents) -> list[dict]:
    """The bundle's status changes this library has not recorded yet, in the bundle's order."""
    known = {_status_key(c) for c in library.status_history(post_id)}
    return [c for c in contents.status_history if _status_key(c) not in known]


def _check_status_moves(path: Path, local: Status, incoming: Status, fresh: list[dict]) -> None:
    """A bundle that moves the library's post to another status must record each move from where
    the post is here (each one allowed by review: `bundle_format.check_status_history`)."""
    if local == incoming:
        return
    if fresh and fresh[0]["from"] == local and fresh[-1]["to"] == incoming:
        return
    raise bundle_error(
        path, f"the bundle moves the post from {local.value} to {incoming.value} without recording the "
        "review steps from its status here", f"החבילה מעבירה את הפוסט מ„{local.label_he}” ל„{incoming.label_he}” "
        "בלי שנרשמו שלבי העריכה מהסטטוס שלו כאן")


def _merge_status_history(library, post_id: int, changes: list[dict]) -> int:
    """Status changes made on the other side, each once (a change is who, when, from and to)."""
    known = {_status_key(c) for c in library.status_history(post_id)}
    fresh = [c for c in changes if _status_key(c) not in known]
    for change in fresh:
        library.add_status_change(post_id, change.get("from"), change["to"], author=change.get("author", ""),
                                  note=change.get("note", ""), at=change["at"])
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
