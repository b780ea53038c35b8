"""Importing a Markdown file brings the pictures beside it (Hugo's page bundles); the ones it cannot
bring are named, in Hebrew too, and their references stay as written."""

import pytest
from photo_helpers import bomb_png, phone_jpeg

from editor.core.importing.into_library import import_files
from editor.core.library.store import Library


@pytest.fixture
def library(tmp_path):
    with Library.open(tmp_path / "lib.sqlite") as lib:
        yield lib


def test_the_pictures_beside_a_markdown_file_come_with_it_and_the_others_are_named(library, tmp_path):
    bundle = tmp_path / "יום-נטיעות"
    (bundle / "images").mkdir(parents=True)
    (bundle / "IMG_0001.JPG").write_bytes(phone_jpeg(2400, 1800, orientation=6))
    (bundle / "images" / "חצר בית הספר.jpg").write_bytes(phone_jpeg(1200, 900, orientation=1, seed=3))
    (bundle / "fake.png").write_text("not a picture\n" * 30, encoding="utf-8")
    (bundle / "huge.png").write_bytes(bomb_png())
    (tmp_path / "outside.jpg").write_bytes(phone_jpeg(300, 200))
    (bundle / "index.md").write_text(
        "---\ntitle: יום הנטיעות\n---\n"
        "![ילדים שותלים](IMG_0001.JPG)\n\n"
        '![החצר](<images/חצר בית הספר.jpg> "כיתוב של רש"י")\n\n'
        "![שוב הראשונה](./IMG_0001.JPG)\n\n"
        "![חסרה](missing.jpg)\n\n![מזויפת](fake.png)\n\n![ענקית](huge.png)\n\n![בחוץ](../outside.jpg)\n\n"
        "![מהרשת](https://example.org/a.jpg)\n\n```\n![בקוד](code.jpg)\n```\n", encoding="utf-8")
    report = import_files(library, [bundle / "index.md"])
    [post] = report.added
    images = {image.filename: image for image in library.images()}
    assert sorted(images) == ["IMG_0001.JPG", "חצר בית הספר.jpg"]  # the first one once, though shown twice
    first, yard = images["IMG_0001.JPG"], images["חצר בית הספר.jpg"]
    assert (first.mime, first.width, first.height) == ("image/jpeg", 1800, 2400)  # its size as shown (upright)
    assert library.get_image(first.sha256).data == (bundle / "IMG_0001.JPG").read_bytes()  # kept as it came
    body = library.get_post(post.id).body
    assert f"![ילדים שותלים](ktav-image:{first.sha256})" in body
    assert f'![החצר](ktav-image:{yard.sha256} "כיתוב של רש"י")' in body
    assert f"![שוב הראשונה](ktav-image:{first.sha256})" in body
    for kept in ("](missing.jpg)", "](fake.png)", "](huge.png)", "](../outside.jpg)", "](https://example.org/a.jpg)",
                 "](code.jpg)"):
        assert kept in body
    named = {problem.reference: problem for problem in report.picture_problems}
    assert sorted(named) == ["../outside.jpg", "fake.png", "huge.png", "missing.jpg"]
    assert "no such picture" in named["missing.jpg"].message and "אין תמונה כזו" in named["missing.jpg"].message_he
    assert "not a PNG" in named["fake.png"].message and "אינה תמונה" in named["fake.png"].message_he
    assert "too many pixels" in named["huge.png"].message and "פיקסלים" in named["huge.png"].message_he
    assert "outside the post's folder" in named["../outside.jpg"].message
    assert "4 pictures not found or refused" in report.summary()
