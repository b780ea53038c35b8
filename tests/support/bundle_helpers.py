"""Making review bundles for tests: a real one from a library, then members changed with matching checksums."""

import datetime as dt
import hashlib
import json
import zipfile
from pathlib import Path

from export_helpers import png

from editor.core.models import Post, RevisionReason, Status
from editor.core.review import workflow as review

PNG = png(32, 16)  # a whole picture: the library refuses one that Pillow cannot decode


def post_with_history(library) -> Post:
    """A Hebrew post with an image, a saved revision, a status move and a comment thread."""
    image = library.add_image(PNG, filename="כיתה.png")
    body = (f"## הרקע\n\nבשנת 2019 פתחנו כיתה של 4-5 יחידות עם Google וקרן רש\"י.\n\n"
            f"![הכיתה]({image.uri})\n\nהתלמידים נפגשו פעמיים בשבוע.")
    post = library.add_post(Post(title="כיתת מצוינות", lead="שנה ראשונה", body=body, author="מיכל",
                                 tags=["חינוך", "נגב"], date=dt.date(2019, 12, 23)), author="מיכל")
    post = library.save_post(post.copy(lead="שנה ראשונה בנגב"), revision=RevisionReason.SAVE, author="מיכל")
    review.change_status(library, post.id, Status.IN_REVIEW, "מיכל", note="מוכן לעריכה")
    root = review.add_comment(library, post.id, "מיכל", "לבדוק את המספר", quote="4-5 יחידות", paragraph=1)
    review.reply(library, post.id, root, "מיכל", "בדקתי")
    return library.get_post(post.id)


def read_members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def json_member(path: Path, name: str):
    return json.loads(read_members(path)[name])


def rewrite(path: Path, changes: dict[str, bytes | object | None], *, compression=zipfile.ZIP_DEFLATED) -> Path:
    """Replace members (bytes as they are, anything else as JSON; None removes one), with the
    manifest's checksums made to match, as a careful forger would."""
    members = read_members(path)
    manifest = json.loads(members.pop("manifest.json"))
    for name, value in changes.items():
        if value is None:
            members.pop(name, None)
        else:
            members[name] = value if isinstance(value, bytes) else json.dumps(value, ensure_ascii=False).encode()
    manifest["members"] = {name: hashlib.sha256(data).hexdigest() for name, data in members.items()}
    with zipfile.ZipFile(path, "w", compression=compression) as archive:
        archive.writestr("manifest.json", json.dumps(manifest))
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def library_state(library, *, with_version: bool = True) -> tuple:
    """Everything of a library a user could see change; with its data_version, which moves even
    when a write is rolled back, so that it says nothing was even tried."""
    posts = [(p.content_fields(), p.updated_at) for p in library.all_posts()]
    revisions = [[(r.reason, r.note, r.snapshot) for r in library.revisions(p.id)] for p in library.all_posts()]
    comments = [library.comments(p.id) for p in library.all_posts()]
    history = [library.status_history(p.id) for p in library.all_posts()]
    state = posts, revisions, comments, history, [(i.sha256, i.mime) for i in library.images()]
    return (*state, library.data_version()) if with_version else state
