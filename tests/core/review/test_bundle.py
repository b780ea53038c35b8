"""Review bundles carry a post between libraries: round trip, idempotent re-import, conflicts, damage."""

import datetime as dt
import json
import zipfile

import pytest
from export_helpers import png

from editor.core.errors import BundleError
from editor.core.library.store import Library
from editor.core.models import Post, RevisionReason, Status
from editor.core.review import workflow as review
from editor.core.review.bundle import import_bundle, read_bundle, write_bundle

PNG = png(32, 16)  # a whole picture: the library refuses one that Pillow cannot decode


@pytest.fixture
def writer(tmp_path):
    with Library.open(tmp_path / "writer.sqlite") as lib:
        yield lib


@pytest.fixture
def editor_lib(tmp_path):
    with Library.open(tmp_path / "editor.sqlite") as lib:
        yield lib


@pytest.fixture
def post(writer):
    image = writer.add_image(PNG, filename="כיתה.png")
    body = (f"## הרקע\n\nבשנת 2019 פתחנו כיתה של 4-5 יחידות עם Google וקרן רש\"י.\n\n"
            f"![הכיתה]({image.uri})\n\nהתלמידים נפגשו פעמיים בשבוע.")
    post = writer.add_post(Post(title="כיתת מצוינות", lead="שנה ראשונה", body=body, author="מיכל",
                                tags=["חינוך", "נגב"], date=dt.date(2019, 12, 23)), author="מיכל")
    post = writer.save_post(post.copy(lead="שנה ראשונה בנגב"), revision=RevisionReason.SAVE, author="מיכל")
    review.change_status(writer, post.id, Status.IN_REVIEW, "מיכל", note="מוכן לעריכה")
    root = review.add_comment(writer, post.id, "מיכל", "לבדוק את המספר", quote="4-5 יחידות", paragraph=1)
    review.reply(writer, post.id, root, "מיכל", "בדקתי")
    return writer.get_post(post.id)


def state(library, post_id):
    """Everything a reviewer sees of a post: content, history, comments, images."""
    return (
        library.get_post(post_id).content_fields() | {"slug": None},
        [(r.reason, r.author, r.note, r.created_at, json.dumps(r.snapshot, sort_keys=True))
         for r in library.revisions(post_id)],
        library.status_history(post_id),
        [(c["uid"], c["body"], c["quote"], c["resolved_at"]) for c in library.comments(post_id)],
        [i.sha256 for i in library.images()],
        len(library.list_posts()),
    )


def test_round_trip_brings_post_images_comments_and_history(writer, editor_lib, post, tmp_path):
    path = write_bundle(writer, post.id, tmp_path / "כיתה.ktav")
    result = import_bundle(editor_lib, path)
    assert result.created and not result.conflict
    arrived = editor_lib.get_post(result.post_id)
    assert arrived.content_fields() == post.content_fields()
    assert editor_lib.post_uid(arrived.id) == writer.post_uid(post.id)
    assert editor_lib.get_image(writer.images()[0].sha256).data == PNG
    threads = review.comments_with_locations(editor_lib, arrived.id)
    assert [(t.comment["body"], [r["body"] for r in t.replies]) for t in threads] == [("לבדוק את המספר", ["בדקתי"])]
    assert arrived.body[threads[0].location.start:threads[0].location.end] == "4-5 יחידות"
    sent = [(r.reason, r.author, r.created_at) for r in writer.revisions(post.id)]
    received = [(r.reason, r.author, r.created_at) for r in editor_lib.revisions(arrived.id)]
    assert set(sent) <= set(received)
    assert editor_lib.status_history(arrived.id) == writer.status_history(post.id)


def test_a_second_import_changes_nothing(writer, editor_lib, post, tmp_path):
    path = write_bundle(writer, post.id, tmp_path / "post.ktav")
    first = import_bundle(editor_lib, path)
    before = state(editor_lib, first.post_id), editor_lib.data_version()
    second = import_bundle(editor_lib, path)
    assert not second.changed and "unchanged" in str(second)
    assert (state(editor_lib, first.post_id), editor_lib.data_version()) == before


def test_the_editors_changes_come_back_to_the_writer(writer, editor_lib, post, tmp_path):
    arrived = import_bundle(editor_lib, write_bundle(writer, post.id, tmp_path / "out.ktav"))
    review.add_comment(editor_lib, arrived.post_id, "דנה", "יפה מאוד", quote="נפגשו פעמיים", paragraph=3)
    review.change_status(editor_lib, arrived.post_id, Status.APPROVED, "דנה")
    back = import_bundle(writer, write_bundle(editor_lib, arrived.post_id, tmp_path / "back.ktav"))
    assert back.post_id == post.id and back.updated and not back.conflict
    assert writer.get_post(post.id).status == Status.APPROVED
    assert [c["body"] for c in writer.comments(post.id)] == ["לבדוק את המספר", "בדקתי", "יפה מאוד"]
    assert [h["to"] for h in writer.status_history(post.id)] == ["in_review", "approved"]


def test_a_post_changed_on_both_sides_keeps_both(writer, editor_lib, post, tmp_path):
    arrived = import_bundle(editor_lib, write_bundle(writer, post.id, tmp_path / "out.ktav"))
    editor_post = editor_lib.get_post(arrived.post_id)
    editor_lib.save_post(editor_post.copy(title="כיתת מצוינות בנגב"), revision=RevisionReason.SAVE, author="דנה")
    review.add_comment(editor_lib, arrived.post_id, "דנה", "שיניתי כותרת", quote="נפגשו", paragraph=3)
    writer.save_post(post.copy(body=post.body + "\n\nפסקה שהכותבת הוסיפה."))
    review.add_comment(writer, post.id, "מיכל", "הוספתי פסקה", quote="נפגשו פעמיים", paragraph=3)
    path = write_bundle(editor_lib, arrived.post_id, tmp_path / "back.ktav")
    result = import_bundle(writer, path)
    assert result.conflict and "CONFLICT" in str(result)
    kept = writer.get_post(post.id)
    assert kept.body.endswith("פסקה שהכותבת הוסיפה.") and kept.title == "כיתת מצוינות"
    conflict = writer.revisions(post.id)[-1]
    assert conflict.reason == RevisionReason.CONFLICT and conflict.snapshot["title"] == "כיתת מצוינות בנגב"
    bodies = [c["body"] for c in writer.comments(post.id)]
    assert sorted(bodies) == sorted(["לבדוק את המספר", "בדקתי", "הוספתי פסקה", "שיניתי כותרת"])
    before = state(writer, post.id)
    assert not import_bundle(writer, path).changed
    assert state(writer, post.id) == before


def test_an_older_bundle_does_not_undo_newer_work(writer, editor_lib, post, tmp_path):
    old = write_bundle(writer, post.id, tmp_path / "old.ktav")
    writer.save_post(post.copy(title="כותרת מעודכנת"), revision=RevisionReason.SAVE, author="מיכל")
    result = import_bundle(writer, old)
    assert not result.conflict and not result.updated
    assert writer.get_post(post.id).title == "כותרת מעודכנת"


def damage_truncate(path):
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def damage_member(path):
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["post.json"] = members["post.json"].replace("כיתת".encode(), "כיתה".encode())
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def damage_contents(path):
    """Checksums that match, over contents Ktav did not write."""
    import hashlib

    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["post.json"] = json.dumps({"uid": 7, "content": "<script>"}).encode()
    manifest = json.loads(members["manifest.json"])
    manifest["members"]["post.json"] = hashlib.sha256(members["post.json"]).hexdigest()
    members["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def damage_foreign(path):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("manifest.json", json.dumps({"format": "something-else", "version": 1}))
        archive.writestr("word/document.xml", "<w/>")


def damage_not_zip(path):
    path.write_text("---\ntitle: סתם קובץ\n---\nטקסט", encoding="utf-8")


@pytest.mark.parametrize("damage, words", [
    (damage_truncate, "truncated"),
    (damage_member, "checksum"),
    (damage_foreign, "not a Ktav"),
    (damage_contents, "not a Ktav post"),
    (damage_not_zip, "not a readable zip"),
])
def test_a_damaged_or_foreign_bundle_is_refused_and_changes_nothing(writer, editor_lib, post, tmp_path,
                                                                   damage, words):
    existing = editor_lib.add_post(Post(title="פוסט קיים", body="טקסט"))
    path = write_bundle(writer, post.id, tmp_path / "bad.ktav")
    damage(path)
    before = state(editor_lib, existing.id), editor_lib.data_version()
    with pytest.raises(BundleError) as error:
        import_bundle(editor_lib, path)
    assert words in error.value.message and "nothing was imported" in error.value.message
    assert "שום דבר לא יובא" in error.value.message_he
    assert (state(editor_lib, existing.id), editor_lib.data_version()) == before


def test_a_failure_half_way_rolls_the_whole_import_back(writer, editor_lib, post, tmp_path, monkeypatch):
    path = write_bundle(writer, post.id, tmp_path / "post.ktav")
    before = len(editor_lib.list_posts()), editor_lib.images()

    def broken(*args, **kwargs):
        raise OSError("disk gone")

    monkeypatch.setattr(editor_lib, "add_comment", broken)
    with pytest.raises(OSError):
        import_bundle(editor_lib, path)
    assert (len(editor_lib.list_posts()), editor_lib.images()) == before


def test_bundle_is_written_atomically_and_lists_a_checksum_per_member(writer, post, tmp_path):
    path = tmp_path / "post.ktav"
    path.write_bytes(b"previous")
    write_bundle(writer, post.id, path)
    contents = read_bundle(path)
    assert contents.manifest["format"] == "ktav-review-bundle" and contents.manifest["version"] == 2
    assert set(contents.manifest["members"]) >= {"post.json", "revisions.json", "comments.json",
                                                  "status_history.json", "images.json", "blog_words.json"}
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_bundle_and_import_on_the_command_line(writer, post, tmp_path, capsys):
    from editor.app import main

    writer.close()
    out = tmp_path / "review.ktav"
    assert main(["bundle", "--db", str(tmp_path / "writer.sqlite"), "--id", str(post.id), "--out", str(out)]) == 0
    assert "2 comments" in capsys.readouterr().out
    target = str(tmp_path / "other.sqlite")
    assert main(["import", "--db", target, str(out)]) == 0
    assert "added post" in capsys.readouterr().out
    assert main(["bundle", "--db", target, "--id", "999", "--out", str(out)]) == 1
    assert "999" in capsys.readouterr().err


def test_related_posts_travel_by_uid_where_the_other_library_has_them(writer, editor_lib, post, tmp_path):
    other = writer.add_post(Post(title="מרכז לילה לנערות", body="טקסט"))
    missing = writer.add_post(Post(title="פוסט שנשאר אצל הכותבת", body="טקסט"))
    writer.set_related_choices(post.id, [other.id, missing.id])
    import_bundle(editor_lib, write_bundle(writer, other.id, tmp_path / "other.ktav"))
    result = import_bundle(editor_lib, write_bundle(writer, post.id, tmp_path / "post.ktav"))
    (related,) = editor_lib.related_choices(result.post_id)
    assert editor_lib.get_post(related).title == "מרכז לילה לנערות"
