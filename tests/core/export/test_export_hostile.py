"""One bad post never stops the blog: `export --all` writes every other post and names the bad one, and
an import refuses a post that could never be rendered. The command line is run as a user runs it."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from editor.core.importing.samples import import_samples
from editor.core.library.store import Library
from editor.core.models import Post, Status
from editor.core.render.limits import MAX_POST_BYTES

ROOT = Path(__file__).resolve().parents[3]

# Posts an older Ktav (or a paste into the editor) could store, that no render can publish.
UNRENDERABLE = {
    "רשימות-בתוך-רשימות": "פתיחה.\n\n" + "- " * 10_000 + "פריט",
    "כוכביות": "* " * 10_000 + "x",
    "ציטוטים": "> " * 10_000 + "ציטוט",
    "html-מקונן": "<div>" * 10_000 + "טקסט" + "</div>" * 10_000,
    "ענק": "מילה " * (MAX_POST_BYTES // 9 + 1),
}
# Posts that used to take seconds to minutes: they are published like any other now.
ONCE_SLOW = {
    "סוגריים": "[" * 10_000,
    "הערה-שמפנה-לעצמה": "טקסט[^1]\n\n[^1]: " + "ראו[^1] " * 5_000,
    "כותרות-זהות": "## סיכום\n\nפסקה.\n\n" * 10_000,
}


def ktav(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True, text=True)


@pytest.fixture(scope="module")
def hostile_library(tmp_path_factory) -> tuple[Path, dict[str, int]]:
    path = tmp_path_factory.mktemp("hostile") / "lib.sqlite"
    with Library.open(path) as library:
        import_samples(library)
        ids = {}
        for slug, body in {**UNRENDERABLE, **ONCE_SLOW}.items():
            post = library.add_post(Post(title=f"פוסט {slug}", lead="פתיח", body=body, slug=slug))
            ids[slug] = library.set_status(post.id, Status.PUBLISHED).id
    return path, ids


@pytest.mark.slow
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_export_all_writes_every_good_post_and_names_each_bad_one(hostile_library, tmp_path, jobs):
    db, ids = hostile_library
    out = tmp_path / "site"
    result = ktav("export", "--db", db, "--out", out, "--all", "--jobs", jobs)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    for slug in UNRENDERABLE:
        line = f"ktav: post {ids[slug]} ({slug}) not exported: "
        assert line in result.stderr, result.stderr
        assert not (out / slug).exists()
    assert "nested 10000 levels deep at line 3" in result.stderr and "2.0 MB" in result.stderr
    pages = {p.parent.name for p in out.glob("*/index.html")}
    assert len(pages) == 48 + len(ONCE_SLOW) and set(ONCE_SLOW) <= pages
    listing = (out / "index.html").read_text(encoding="utf-8") + (out / "feed.xml").read_text(encoding="utf-8")
    assert all(f"פוסט {slug}" not in listing for slug in UNRENDERABLE)
    assert all(f"פוסט {slug}" in listing for slug in ONCE_SLOW)
    for page in out.glob("*/index.html"):  # no related card leads to a page that was not written
        for slug in UNRENDERABLE:
            assert f"../{slug}/" not in page.read_text(encoding="utf-8")
    assert not list(out.rglob("*.tmp")) and not (out / ".ktav-staging").exists()
    assert f"exported {48 + len(ONCE_SLOW)} posts" in result.stdout


def test_the_check_lists_a_post_it_cannot_render_as_an_error(hostile_library):
    db, ids = hostile_library
    result = ktav("export", "--db", db, "--check", "--id", ids["ציטוטים"], ids["סוגריים"])
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert re.search(rf"post {ids['ציטוטים']} \(ציטוטים\): error: lists and quotes are nested", result.stdout)
    assert "checked 2 posts: 1 errors" in result.stdout


def test_an_export_of_only_a_bad_post_writes_nothing_and_says_why(hostile_library, tmp_path):
    db, ids = hostile_library
    result = ktav("export", "--db", db, "--out", tmp_path / "out", "--id", ids["html-מקונן"])
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "HTML elements are nested more than 64 levels deep" in result.stderr
    assert not (tmp_path / "out").exists()


def test_import_refuses_a_post_too_big_or_too_deep_naming_the_file(tmp_path):
    files = {
        "deep.md": "---\ntitle: עמוק\n---\n" + "- " * 10_000 + "x\n",
        "big.md": "---\ntitle: גדול\n---\n" + "מילה " * (MAX_POST_BYTES // 9 + 1),
        "deep.html": "<html><head><title>עמוק</title></head><body><article>" + "<div>" * 10_000 + "טקסט"
                     + "</div>" * 10_000 + "</article></body></html>",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    with open(tmp_path / "huge.md", "wb") as huge:  # over the file limit: refused before it is read
        huge.write(b"---\ntitle: x\n---\n")
        huge.truncate(17 * 1024 * 1024)
    db = tmp_path / "lib.sqlite"
    expected = {"deep.md": "nested 10000 levels deep", "big.md": "at most 2.0 MB",
                "deep.html": "more than 256 deep", "huge.md": "is 17.0 MB; Ktav imports files of up to 16 MB"}
    for name, message in expected.items():
        result = ktav("import", "--db", db, tmp_path / name)
        assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
        assert f"{tmp_path / name}: " in result.stderr and message in result.stderr, result.stderr
    with Library.open(db) as library:
        assert library.all_posts() == []
