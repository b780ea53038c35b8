"""The team repository's files: a post's front matter round-trips exactly (Hebrew, niqqud, gershayim,
odd characters), reads as ordinary YAML front matter, and a file edited or broken by hand is read
or named; the paragraph merge and the field merge keep every word."""

import tempfile

import pygit2
import pytest
import yaml

from editor.core.errors import ImportFileError
from editor.core.importing.readers import parse_front_matter_markdown
from editor.core.team import layout
from editor.core.team.post_file import PostRecord, from_text, to_text
from editor.core.team.post_merge import merge_posts
from editor.core.team.review_files import comment_file, read_event, status_file
from editor.core.team.text_merge import BodyMerger

RECORD = PostRecord(
    uid="3f2a9c0b1d2e4f5a6b7c8d9e0f1a2b3c", title='רש"י ו"שָׁלוֹם": Mixed English, 3.14', lead="  פתיח עם רווחים  ",
    body="פסקה ראשונה.\n\n---\n\nשורה עם : נקודתיים ו-# סולמית\n<<<<<<< לא סימן מיזוג\n", author="דנה כהן",
    date="2024-05-14", tags=["חינוך", "C#", "a, b"], slug="רשי-ושלום", status="in_review",
    created="2026-11-27T03:16:12.000000Z", related=["aa11", "bb22"], trashed=None)


@pytest.fixture
def bodies():
    return BodyMerger(pygit2.init_repository(tempfile.mkdtemp(), bare=True))


def test_a_post_file_round_trips_exactly_and_reads_as_plain_front_matter():
    text = to_text(RECORD)
    assert from_text(text, "p.md") == RECORD
    header = text.split("\n---\n", 1)[0].removeprefix("---\n")
    assert yaml.safe_load(header)["title"] == RECORD.title  # ordinary YAML
    imported = parse_front_matter_markdown(text, "p.md")  # what `ktav import` reads
    assert (imported.title, imported.tags, imported.status.value) == (RECORD.title, RECORD.tags, "in_review")


@pytest.mark.parametrize("odd", ["\u2028", "\u2029", "\x85", "\x7f", "\ufffe", "\x00", "\t", "\\", '"'])
def test_characters_yaml_would_break_a_line_on_stay_on_their_line(odd):
    record = RECORD.copy(title=f"כותרת{odd}סוף")
    text = to_text(record)
    assert len(text.split("\n---\n", 1)[0].splitlines()) == 12
    assert from_text(text, "p.md").title == f"כותרת{odd}סוף"


def test_a_file_edited_by_hand_reads_as_yaml():
    text = ("---\r\ntitle: פוסט שנכתב ביד\r\ndate: 14.05.2024\r\ntags: ידני, git\r\nstatus: review\r\n"
            "uid: handmade_1\r\n---\r\nגוף\r\n")
    record = from_text(text, "posts/x.md")
    assert (record.title, record.date, record.tags, record.status, record.uid, record.body) == (
        "פוסט שנכתב ביד", "2024-05-14", ["ידני", "git"], "in_review", "handmade_1", "גוף\n")


@pytest.mark.parametrize("text, problem", [
    ("no front matter", "front matter"),
    ("---\ntitle: [לא נסגר\n---\n", "YAML"),
    ("---\nlead: בלי כותרת\n---\n", "title"),
    ("---\ntitle: x\ndate: אתמול\n---\n", "date"),
    ("---\ntitle: x\nstatus: lost\n---\n", "status"),
    ("---\ntitle: x\nuid: 'not an id!'\n---\n", "uid"),
    ("---\na: &a [1,1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
     "d: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ntitle: bomb\n---\n", "YAML"),
])
def test_a_broken_file_is_named_with_what_is_wrong(text, problem):
    with pytest.raises(ImportFileError) as raised:
        from_text(text, "posts/broken.md", default_uid="u1")
    assert raised.value.path == "posts/broken.md" and problem in raised.value.message
    assert raised.value.message_he


def test_names_are_valid_on_windows_and_carry_the_uid():
    path = layout.post_path(RECORD.uid, 'רש"י: מה? <כן> / לא*|')
    assert not set(path) & set(':*?"<>|\\')
    assert layout.uid_of_post_path(path) == RECORD.uid
    review = comment_file(RECORD.uid, {"uid": "c1", "author": "רוני", "body": "הערה", "quote": "", "paragraph": 0,
                                       "anchor": None, "created_at": "2026-11-27T03:16:12.000000Z"}, None)
    assert ":" not in review.path and review.path.endswith("20261127T031612Z-comment-c1.json")
    assert read_event(review.path, review.text.encode()).fields["body"] == "הערה"


def test_a_status_file_is_named_by_what_it_records():
    change = {"from": "draft", "to": "in_review", "author": "דנה", "note": "", "at": "2026-11-27T03:16:12Z"}
    assert status_file("u1", change).path == status_file("u1", dict(change)).path
    assert status_file("u1", change).path != status_file("u1", change | {"author": "רוני"}).path


def test_different_paragraphs_merge_and_the_same_paragraph_keeps_ours(bodies):
    base = "א.\n\nב.\n\nג.\n"
    assert bodies.merge(base, "א!\n\nב.\n\nג.\n", "א.\n\nב!\n\nג.\n").text == "א!\n\nב!\n\nג.\n"
    assert bodies.merge(base, "א.\n\nב.\n\nג.\n\nד שלנו.\n", "פתיחה שלהם.\n\nא.\n\nב.\n\nג.\n").text == \
        "פתיחה שלהם.\n\nא.\n\nב.\n\nג.\n\nד שלנו.\n"
    clash = bodies.merge(base, "א.\n\nב שלנו.\n\nג.\n", "א.\n\nב שלהם.\n\nג.\n")
    assert clash.conflict and clash.text == "א.\n\nב שלנו.\n\nג.\n"


def test_text_that_looks_like_conflict_markers_is_only_text(bodies):
    base = "<<<<<<< ours\n\n=======\n\n>>>>>>> theirs\n"
    merged = bodies.merge(base, base + "\nשלנו\n", "שלהם\n\n" + base)
    assert merged.text == "שלהם\n\n" + base + "\nשלנו\n" and not merged.conflict


def test_fields_merge_one_by_one_and_tags_as_sets(bodies):
    base = RECORD
    ours = base.copy(title="כותרת שלנו", tags=["חינוך", "C#", "a, b", "חדש-שלנו"])
    theirs = base.copy(lead="פתיח שלהם", tags=["C#", "a, b", "חדש-שלהם"], status="approved")
    merged = merge_posts(base, ours, theirs, bodies)
    assert not merged.conflict
    record = merged.record
    assert (record.title, record.lead, record.status) == ("כותרת שלנו", "פתיח שלהם", "approved")
    assert record.tags == ["C#", "a, b", "חדש-שלנו", "חדש-שלהם"]


def test_the_same_field_changed_on_both_sides_is_a_conflict_that_keeps_ours(bodies):
    merged = merge_posts(RECORD, RECORD.copy(title="שלנו"), RECORD.copy(title="שלהם"), bodies)
    assert merged.conflict and merged.record.title == "שלנו"


def test_trash_on_one_side_and_an_edit_on_the_other_keeps_the_post(bodies):
    trashed = RECORD.copy(trashed="2026-11-27T03:16:12Z")
    edited = RECORD.copy(body=RECORD.body + "\nעוד.\n")
    for ours, theirs in ((trashed, edited), (edited, trashed)):
        merged = merge_posts(RECORD, ours, theirs, bodies)
        assert merged.kept_from_trash and merged.record.trashed is None and "עוד." in merged.record.body
    assert merge_posts(RECORD, trashed, RECORD, bodies).record.trashed is not None  # nothing else changed
