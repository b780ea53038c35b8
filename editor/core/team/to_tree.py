"""Writing library posts into a tree of the team repository: the post's file, its images, its review trail."""

from __future__ import annotations

from editor.core.models import Post
from editor.core.team import layout
from editor.core.team.from_tree import hand_made_uid
from editor.core.team.library_records import image_references, record_of
from editor.core.team.post_file import to_text
from editor.core.team.review_trail import write_review
from editor.core.team.tree_edit import TreeEdit, subtree

PARTS = ("post", "review")


def write_changes(library, edit: TreeEdit, parts: dict[str, set[str]], author: str) -> list[str]:
    """Write each post's marked parts (or remove a post the library no longer has); the titles written."""
    titles = []
    for uid, wanted in parts.items():
        post = library.post_by_uid(uid)
        if post is None:
            remove_post(edit, uid)
            continue
        if "post" in wanted:
            write_post(library, edit, post, uid)
        if "review" in wanted:
            write_review(library, edit, post, uid, author)
        titles.append(post.title)
    return titles


def write_post(library, edit: TreeEdit, post: Post, uid: str) -> None:
    path = layout.post_path(uid, post.slug)
    for other in _files_of(edit, uid):
        if other != path:
            edit.remove(other)  # the slug changed, or a file added by hand gets its proper name
    edit.put(path, to_text(record_of(library, post)).encode("utf-8"))
    for sha in image_references(post.body):
        folder = layout.image_folder(sha)
        if library.has_image(sha) and not any(name.startswith(sha + ".") for name in edit.names(folder)):
            image = library.get_image(sha)
            edit.put(layout.image_path(sha, image.mime), image.data)


def remove_post(edit: TreeEdit, uid: str) -> None:
    for path in _files_of(edit, uid):
        edit.remove(path)
    edit.remove_folder(layout.review_folder(uid))


def _files_of(edit: TreeEdit, uid: str) -> list[str]:
    """The post files of `uid`: in its shard, and any a person added by hand outside the shards."""
    folder = layout.post_folder(uid)
    found = [f"{folder}/{name}" for name in edit.names(folder) if layout.uid_of_post_path(f"{folder}/{name}") == uid]
    return found + [path for path in _hand_made_files(edit) if _names_uid(edit, path, uid)]


def _hand_made_files(edit: TreeEdit) -> list[str]:
    """Post files directly in posts/ or in a folder of it that is not a shard (added by hand)."""
    top = subtree(edit.base, layout.POSTS)
    if top is None:
        return []
    found = []
    for item in top:
        name = str(item.name)
        if item.type_str == "blob" and name.endswith(".md"):
            found.append(f"{layout.POSTS}/{name}")
        elif item.type_str == "tree" and len(name) != 2:
            found.extend(f"{layout.POSTS}/{name}/{n}" for n in edit.names(f"{layout.POSTS}/{name}") if n.endswith(".md"))
    return [path for path in found if edit.exists(path)]


def _names_uid(edit: TreeEdit, path: str, uid: str) -> bool:
    if hand_made_uid(path) == uid:
        return True
    data = edit.blob(path) or b""
    return f'uid: "{uid}"'.encode() in data or f"uid: {uid}\n".encode() in data


def write_everything(library, edit: TreeEdit, author: str) -> int:
    """Every post of the library, in the trash or not, into the tree (sharing a library); how many."""
    uids = [library.post_uid(s.id) for s in library.list_posts() + library.list_posts(trash=True)]
    write_changes(library, edit, {uid: set(PARTS) for uid in uids}, author)
    return len(uids)


def initial_files(edit: TreeEdit) -> None:
    edit.put(layout.MARKER, layout.marker_text().encode("utf-8"))
    edit.put(layout.README, README_TEXT.encode("utf-8"))


README_TEXT = """# ספרייה משותפת של כתב · A Ktav team library

מאגר git של פוסטים ושל מסלול העריכה שלהם. כתב מסנכרן אותו; אפשר לקרוא אותו גם בלעדיו.
A git repository of blog posts and their review trail, synchronized by Ktav; readable without it.

- `posts/<xx>/<slug>.<uid>.md` — a post: YAML front matter, then Markdown
- `review/<xx>/<uid>/…json` — its comments, replies, status moves (one file each, never changed)
- `images/<xx>/<sha256>.<ext>` — its images, once each

The format: docs/team-format.md in Ktav's source.
"""


