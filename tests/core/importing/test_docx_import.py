"""Importing Word documents: Markdown and images into the library, damaged or locked files refused."""

import base64
import hashlib
import io
import subprocess
import sys
from pathlib import Path

import pytest
from docx_helpers import docx, image, paragraph, run
from export_helpers import png

from editor.core.errors import ImportFileError
from editor.core.importing.into_library import import_files
from editor.core.importing.readers import read_post_file
from editor.core.library.store import Library
from editor.core.models import Status

ROOT = Path(__file__).resolve().parents[3]
PICTURE = png(8, 6)
PICTURE_SHA = hashlib.sha256(PICTURE).hexdigest()

BODY = (
    paragraph(run('דוח שנתי: רש"י ואג"ח'), style="Heading1")
    + paragraph(run("פתיחה עם "), run("מודגש", bold=True), run(" ו-"), run("נטוי", italic=True),
                run(" ו-4-5 יחידות "), run("Excel"), run("."))
    + paragraph(run("מה עשינו"), style="Heading2")
    + paragraph(run("ראשון"), style="ListParagraph", num_id=1)
    + paragraph(run("תת"), style="ListParagraph", num_id=1, level=1)
    + paragraph(run("שני"), style="ListParagraph", num_id=1)
    + paragraph(run("הַשָּׁנָה "), run("הבאה", bold=True))
    + paragraph(image("rId7", "גרף ההכנסות"))
    + paragraph(image("rId7", "אותו גרף שוב"))
)
EXPECTED_BODY = f"""\
פתיחה עם **מודגש** ו-*נטוי* ו-4-5 יחידות Excel.

## מה עשינו

1. ראשון
    - תת
2. שני

הַשָּׁנָה **הבאה**

![גרף ההכנסות](ktav-image:{PICTURE_SHA})

![אותו גרף שוב](ktav-image:{PICTURE_SHA})
"""


def ktav(*args):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True, text=True)


def _write(tmp_path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_the_command_line_imports_a_word_document_with_its_image(tmp_path):
    path = _write(tmp_path, "דוח.docx", docx(BODY, {"rId7": PICTURE}))
    db = tmp_path / "lib.sqlite"
    result = ktav("import", "--db", db, path)
    assert result.returncode == 0, result.stderr
    with Library.open(db) as library:
        [post] = library.all_posts()
        assert (post.title, post.body, post.status) == ('דוח שנתי: רש"י ואג"ח', EXPECTED_BODY, Status.DRAFT)
        assert [image.sha256 for image in library.images()] == [PICTURE_SHA]
        assert library.get_image(PICTURE_SHA).data == PICTURE


def test_without_a_heading_the_first_paragraph_is_the_title_else_the_file_name(tmp_path):
    first = read_post_file(_write(tmp_path, "a.docx", docx(paragraph(run("שלום רב")) + paragraph(run("גוף")))))
    assert (first.post.title, first.post.body) == ("שלום רב", "גוף\n")
    empty = read_post_file(_write(tmp_path, "מסמך ריק.docx", docx("")))
    assert (empty.post.title, empty.post.body, empty.images) == ("מסמך ריק", "", [])


def test_an_image_ktav_cannot_show_is_left_out(tmp_path):
    parsed = read_post_file(_write(tmp_path, "emf.docx", docx(paragraph(run("טקסט")) + paragraph(image("rId7", "לוגו")),
                                                               {"rId7": b"\x01\x00\x00\x00 EMF bytes"})))
    assert (parsed.post.body, parsed.images) == ("", [])


def _encrypted(data: bytes) -> bytes:
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml")
    out = io.BytesIO()
    ooxml.OOXMLFile(io.BytesIO(data)).encrypt("סיסמה123", out)
    return out.getvalue()


def _corrupt_member(data: bytes) -> bytes:
    """The same zip with a byte of word/document.xml's compressed data changed."""
    at = data.index(b"word/document.xml") + len("word/document.xml") + 10
    return data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1:]


GOOD = docx(paragraph(run("כותרת"), style="Heading1"))
BAD_FILES = {
    "truncated.docx": (GOOD[: len(GOOD) // 2], "is damaged or is not a Word document"),
    "text.docx": ("סתם טקסט".encode(), "is damaged or is not a Word document"),
    "crc.docx": (_corrupt_member(GOOD), "is damaged or is not a Word document"),
    "no-document.docx": (docx("", omit=("word/document.xml",)), "has no word/document.xml"),
    "old.docx": (bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 504, "old Word 97-2003 document"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_damaged_files_are_refused_naming_the_file_and_nothing_is_written(library, tmp_path, name):
    data, problem = BAD_FILES[name]
    _check_refused(library, tmp_path, name, data, problem)


def test_a_password_protected_document_is_refused(library, tmp_path):
    data = _encrypted(docx(BODY, {"rId7": PICTURE}))
    assert data.startswith(bytes.fromhex("D0CF11E0A1B11AE1"))
    _check_refused(library, tmp_path, "מוגן.docx", data, "is protected by a password")


def _check_refused(library, tmp_path, name, data, problem):
    good = _write(tmp_path, "good.docx", docx(BODY, {"rId7": PICTURE}))
    bad = _write(tmp_path, name, data)
    before = library.data_version()
    with pytest.raises(ImportFileError) as caught:
        import_files(library, [good, bad])
    assert str(bad) in caught.value.message and problem in caught.value.message
    assert str(bad) in caught.value.message_he and caught.value.message_he != caught.value.message
    assert (library.list_posts(), library.images(), library.data_version()) == ([], [], before)
    result = ktav("import", "--db", tmp_path / "cli.sqlite", good, bad)
    assert result.returncode != 0 and problem in result.stderr and name in result.stderr
    with Library.open(tmp_path / "cli.sqlite") as fresh:
        assert (fresh.list_posts(), fresh.images()) == ([], [])


def test_a_foreign_html_page_keeps_its_embedded_image(library, tmp_path):
    uri = "data:image/png;base64," + base64.b64encode(PICTURE).decode()
    page = _write(tmp_path, "page.html", f"""<!doctype html><html lang="he"><body><nav>תפריט</nav><article>
        <h1>כותרת הדף</h1><p><span>שלום</span><span> עולם</span></p><p><img src="{uri}" alt="גרף"></p>
        <ol start="2"><li>ב<ul><li>פנימי</li></ul></li></ol></article></body></html>""".encode())
    post = import_files(library, [page]).added[0]
    assert post.body == f"שלום עולם\n\n![גרף](ktav-image:{PICTURE_SHA})\n\n2. ב\n    - פנימי\n"
    assert library.get_image(PICTURE_SHA).data == PICTURE
