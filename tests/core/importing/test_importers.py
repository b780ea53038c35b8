"""Import: the three file shapes, the conflict policies, and bad files refused with nothing written."""

import datetime as dt
from pathlib import Path

import pytest

from editor.core.errors import ImportFileError, KtavError
from editor.core.importing.into_library import OnConflict, import_files
from editor.core.importing.readers import parse_site_text, read_post_file
from editor.core.library.store import Library
from editor.core.models import RevisionReason, Status

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def _write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


GOOD_MD = """---
title: ערוגה בשכונה
lead: פתיחה קצרה על קרן רש"י
date: 2023-05-14
author: דנה לוי
tags: [קהילה, גינון]
---
## כותרת משנה

פסקה עם **הדגשה** ו-English words.
"""


def test_front_matter_markdown_is_read_whole(tmp_path):
    parsed = read_post_file(_write(tmp_path, "a.md", GOOD_MD))
    post = parsed.post
    assert (post.title, post.lead, post.author) == ("ערוגה בשכונה", 'פתיחה קצרה על קרן רש"י', "דנה לוי")
    assert post.date == dt.date(2023, 5, 14)
    assert post.tags == ["קהילה", "גינון"]
    assert post.body.startswith("## כותרת משנה") and "ו-English words." in post.body
    assert post.status is Status.DRAFT


def test_every_sample_post_parses_with_title_and_date(sample_paths):
    assert len(sample_paths) == 48
    for path in sample_paths:
        post = read_post_file(path).post
        assert post.title and post.date and post.body.strip()


def test_text_copied_from_the_site(tmp_path):
    post = read_post_file(FIXTURES / "site_post.txt").post
    assert post.title == "גינה קהילתית בלב השכונה"
    assert post.lead == "איך הפכה חלקה נטושה למקום מפגש? ומה למדנו על שכנות בדרך."
    assert post.date == dt.date(2023, 5, 14)
    assert post.status is Status.DRAFT  # published only if the user says so: review is not skipped
    assert "## הצעד הראשון" in post.body and "## מה השתנה" in post.body
    assert 'רש"י פינס' in post.body
    assert "בחזרה לבלוג" not in post.body
    assert "כותרת של פוסט אחר" not in post.body and "קראו עוד" not in post.body


def test_site_text_without_a_back_link_or_date():
    post = parse_site_text("כותרת\n\nפסקה אחת ארוכה מספיק.\n", "x.txt")
    assert (post.title, post.lead, post.date) == ("כותרת", "פסקה אחת ארוכה מספיק.", None)


def test_html_page_from_the_site(tmp_path):
    html = """<!doctype html><html lang="he" dir="rtl"><head><title>אתר</title></head><body>
    <nav><a href="/blog">&lt; בחזרה לבלוג</a></nav>
    <article><h1>שלום לכולם</h1><p class="lead">פתיחה.</p>
    <h2>פרק ראשון</h2><p>טקסט עם <strong>הדגשה</strong> ו<a href="https://example.org">קישור</a>.</p>
    <ul><li>אחד</li><li>שניים</li></ul><time datetime="2020-01-02">02.01.2020</time></article>
    <aside class="related"><h2>אולי יעניין אותך גם</h2><p>אחר</p></aside></body></html>"""
    post = read_post_file(_write(tmp_path, "p.html", html)).post
    assert (post.title, post.lead, post.date) == ("שלום לכולם", "פתיחה.", dt.date(2020, 1, 2))
    assert "## פרק ראשון" in post.body
    assert "**הדגשה**" in post.body and "[קישור](https://example.org)" in post.body
    assert "- אחד\n- שניים" in post.body
    assert "אולי יעניין" not in post.body and "בחזרה" not in post.body


@pytest.mark.parametrize(
    ("name", "content", "encoding", "problem"),
    [
        ("latin.md", "---\ntitle: café\n---\nbody", "latin-1", "not UTF-8"),
        ("bad.md", "---\ntitle: [unclosed\n---\nbody", "utf-8", "not valid YAML"),
        ("notitle.md", "---\nlead: רק פתיחה\n---\nbody", "utf-8", "no title"),
        ("empty.md", "סתם טקסט בלי כותרת", "utf-8", "no front matter"),
        ("doc.pdf", "x", "utf-8", "unknown file type"),
        ("doc.docx", "x", "utf-8", "is damaged or is not a Word document"),
        ("date.md", "---\ntitle: x\ndate: אתמול\n---\n", "utf-8", "not a date"),
    ],
)
def test_bad_files_are_named_with_what_is_wrong(tmp_path, name, content, encoding, problem):
    path = _write(tmp_path, name, content, encoding)
    with pytest.raises(ImportFileError) as caught:
        read_post_file(path)
    assert str(path) in caught.value.message and problem in caught.value.message
    assert caught.value.message_he != caught.value.message


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(ImportFileError, match="no such file"):
        read_post_file(tmp_path / "nothing.md")


def test_import_is_all_or_nothing(library, tmp_path):
    good = _write(tmp_path, "good.md", GOOD_MD)
    bad = _write(tmp_path, "bad.md", "---\ntitle: [\n---\n")
    with pytest.raises(ImportFileError, match="bad.md"):
        import_files(library, [good, bad])
    assert library.list_posts() == []


def test_status_defaults_and_override(library, tmp_path):
    md = _write(tmp_path, "a.md", GOOD_MD)
    with_status = _write(tmp_path, "b.md", GOOD_MD.replace("title: ערוגה בשכונה", "title: אחר\nstatus: approved"))
    report = import_files(library, [md, with_status, FIXTURES / "site_post.txt"])
    assert [p.status for p in report.added] == [Status.DRAFT, Status.APPROVED, Status.DRAFT]
    other = Library.open(tmp_path / "other.sqlite")
    report = import_files(other, [md, with_status], status=Status.IN_REVIEW)
    assert {p.status for p in report.added} == {Status.IN_REVIEW}
    other.close()


def test_an_existing_slug_needs_a_policy(library, tmp_path):
    path = _write(tmp_path, "a.md", GOOD_MD)
    first = import_files(library, [path]).added[0]
    changed = _write(tmp_path, "a2.md", GOOD_MD.replace("פסקה עם", "פסקה מעודכנת עם"))
    with pytest.raises(KtavError, match="--on-conflict"):
        import_files(library, [changed])
    assert import_files(library, [changed], on_conflict=OnConflict.SKIP).skipped
    assert "מעודכנת" not in library.get_post(first.id).body
    updated = import_files(library, [changed], on_conflict=OnConflict.UPDATE).updated[0]
    assert updated.id == first.id and "מעודכנת" in updated.body
    assert library.revisions(first.id)[-1].reason is RevisionReason.IMPORT
    assert "מעודכנת" not in library.revisions(first.id)[0].snapshot["body"]
    copy = import_files(library, [changed], on_conflict=OnConflict.COPY).added[0]
    assert copy.id != first.id and copy.slug == first.slug + "-2"


@pytest.mark.parametrize(("front", "problem"), [
    ("title: [כיתת, מצוינות]", "'title' must be text (found a list)"),
    ("title: x\nauthor: {name: מיכל}", "'author' must be text"),
    ("title: yes", "'title' must be text (found yes/no)"),
    ("title: x\ntags: {חינוך: 1}", "'tags' must be a list of words"),
    ("title: x\ntags: [[חינוך]]", "'tags' must be a list of words"),
    ("title: x\ndate: 2023-13-45", "is not a date"),
    ("title: x\ndate: 20230514", "is not a date"),
    ("title: x\ndate: !!timestamp 2023-13-45", "cannot be read"),
    ("title: x\nstatus: [published]", "status must be one of"),
    pytest.param("title: " + "[" * 5000 + "]" * 5000, "nested deeper", id="5000-deep"),
])
def test_front_matter_of_the_wrong_shape_is_named(tmp_path, front, problem):
    path = _write(tmp_path, "bad.md", f"---\n{front}\n---\nגוף הפוסט.\n")
    with pytest.raises(ImportFileError) as caught:
        read_post_file(path)
    assert problem in caught.value.message and str(path) in caught.value.message
    assert caught.value.message_he


def test_an_alias_bomb_in_front_matter_is_stopped(tmp_path):
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    path = _write(tmp_path, "lol.md", "---\n" + "\n".join(lines) + "\ntitle: צחוק\ntags: *i\n---\nגוף.\n")
    with pytest.raises(ImportFileError, match="expands to more than"):
        read_post_file(path)


def test_dates_and_numbers_in_front_matter_read_as_written(tmp_path):
    text = "---\ntitle: 2023\nslug: 2023-05-14\ndate: 2023-05-14 10:30:00\ntags: [2023, חינוך]\n---\nגוף.\n"
    post = read_post_file(_write(tmp_path, "n.md", text)).post
    assert (post.title, post.slug, post.date, post.tags) == ("2023", "2023-05-14", dt.date(2023, 5, 14), ["2023", "חינוך"])


def test_pages_copied_from_the_site_arrive_as_drafts_unless_the_user_says(tmp_path, capsys):
    from editor.app import main

    html = _write(tmp_path, "p.html", "<html><body><article><h1>עמוד מהאתר</h1><p>טקסט.</p></article></body></html>")
    db = str(tmp_path / "lib.sqlite")
    assert main(["import", "--db", db, str(html), str(FIXTURES / "site_post.txt")]) == 0
    with Library.open(db) as lib:
        assert {p.status for p in lib.all_posts()} == {Status.DRAFT}
    assert main(["import", "--db", str(tmp_path / "b.sqlite"), "--status", "published", str(html)]) == 0
    with Library.open(tmp_path / "b.sqlite") as lib:
        assert [p.status for p in lib.all_posts()] == [Status.PUBLISHED]


def test_a_file_too_large_to_be_a_post_is_refused_unread(tmp_path):
    from editor.core.importing.readers import MAX_FILE_BYTES

    path = tmp_path / "huge.md"
    with path.open("wb") as file:
        file.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(ImportFileError, match="Ktav imports files of up to 16 MB"):
        read_post_file(path)
