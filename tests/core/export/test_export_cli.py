"""`python main.py export` as a user runs it: what it writes, what it prints, how it fails."""

import subprocess
import sys
from pathlib import Path

from export_helpers import add_post, small_library

from editor.core.models import Status

ROOT = Path(__file__).resolve().parents[3]


def ktav(*args):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True, text=True)


def test_export_all_writes_pages_index_and_feed_and_says_so(tmp_path):
    library, main, related = small_library(tmp_path / "lib.sqlite")
    library.close()
    out = tmp_path / "site"
    result = ktav("export", "--db", tmp_path / "lib.sqlite", "--out", out, "--all")
    assert result.returncode == 0, result.stderr
    assert (out / "index.html").is_file() and (out / "feed.xml").is_file()
    assert f"wrote {out / 'index.html'}" in result.stdout
    assert len(list(out.glob("*/index.html"))) == 4
    again = ktav("export", "--db", tmp_path / "lib.sqlite", "--out", out, "--all")
    assert "0 files written, 6 unchanged" in again.stdout


def test_export_of_a_draft_by_id_as_a_fragment(tmp_path):
    library, _, _ = small_library(tmp_path / "lib.sqlite")
    draft = add_post(library, "טיוטה לבדיקה", status=Status.DRAFT)
    library.close()
    out = tmp_path / "out"
    result = ktav("export", "--db", tmp_path / "lib.sqlite", "--out", out, "--id", draft.id, "--fragment")
    assert result.returncode == 0, result.stderr
    fragment = (out / draft.slug / "fragment.html").read_text(encoding="utf-8")
    assert "טיוטה לבדיקה" in fragment and "<html" not in fragment
    assert "related posts chosen" in result.stderr  # warnings are listed


def test_check_errors_block_the_export_unless_forced(tmp_path):
    library, _, _ = small_library(tmp_path / "lib.sqlite")
    broken = add_post(library, "פוסט עם תמונה חסרה", body=f"![תמונה](ktav-image:{'1' * 64})")
    library.close()
    db, out = tmp_path / "lib.sqlite", tmp_path / "out"
    checked = ktav("export", "--db", db, "--check", "--all")
    assert checked.returncode == 1 and "error: an image is missing from the library" in checked.stdout
    assert f"post {broken.id} (" in checked.stdout and "checked 5 posts: 1 errors" in checked.stdout
    blocked = ktav("export", "--db", db, "--out", out, "--all")
    assert blocked.returncode != 0 and "nothing exported" in blocked.stderr and not out.exists()
    forced = ktav("export", "--db", db, "--out", out, "--all", "--force")
    assert forced.returncode == 0 and (out / broken.slug / "index.html").is_file()


def test_bad_requests_fail_with_a_message(tmp_path):
    small_library(tmp_path / "lib.sqlite")[0].close()
    db = tmp_path / "lib.sqlite"
    missing = ktav("export", "--db", db, "--out", tmp_path / "o", "--id", "999")
    assert missing.returncode != 0 and "999" in missing.stderr and "Traceback" not in missing.stderr
    no_out = ktav("export", "--db", db, "--all")
    assert no_out.returncode != 0 and "--out" in no_out.stderr
    neither = ktav("export", "--db", db, "--out", tmp_path / "o")
    assert neither.returncode != 0 and "--all" in neither.stderr


def test_a_big_batch_counts_its_warnings_instead_of_listing_them(tmp_path):
    library, _, _ = small_library(tmp_path / "lib.sqlite")
    for number in range(10):
        add_post(library, f"פוסט מספר {number} בלי פתיח", lead="")
    library.close()
    result = ktav("export", "--db", tmp_path / "lib.sqlite", "--out", tmp_path / "out", "--all")
    assert result.returncode == 0, result.stderr
    assert "no-lead x10" in result.stderr and "`export --check` lists them" in result.stderr
    findings = [line for line in result.stderr.splitlines() if not line.startswith("ktav: spell check is off")]
    assert len(findings) == 1  # one summary line, not a line per post (the missing dictionary's notice aside)


def test_site_settings_are_set_from_the_command_line_and_shape_the_export(tmp_path):
    import json

    library, main, _ = small_library(tmp_path / "lib.sqlite")
    library.close()
    db = tmp_path / "lib.sqlite"
    changed = ktav("site", "--db", db, "--set", "blog_url=https://example.org/blog/", "--set", "date_format=d.m.yy")
    assert changed.returncode == 0, changed.stderr
    assert json.loads(ktav("site", "--db", db, "--json").stdout)["blog_url"] == "https://example.org/blog"
    ktav("export", "--db", db, "--out", tmp_path / "out", "--id", main.id)
    page = (tmp_path / "out" / main.slug / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://example.org/blog/%D7%97' in page and ">23.12.19</time>" in page
    refused = ktav("site", "--db", db, "--set", "css_mode=sideways")
    assert refused.returncode != 0 and "inline, linked" in refused.stderr
    assert json.loads(ktav("site", "--db", db, "--json").stdout)["css_mode"] == "inline"


def _tree_bytes(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_an_error_found_after_an_earlier_export_blocks_it_before_the_related_posts_are_taken(tmp_path):
    """After an earlier export the related posts are chosen in a forked copy and the check runs before its
    answer is taken: a post whose image went missing stops the export with the folder as it was."""
    from editor.core.library.store import Library

    library, main, _ = small_library(tmp_path / "lib.sqlite")
    library.close()
    db, out = tmp_path / "lib.sqlite", tmp_path / "site"
    assert ktav("export", "--db", db, "--out", out, "--all", "--jobs", "2").returncode == 0
    before = _tree_bytes(out)
    with Library.open(db) as reopened:
        post = reopened.get_post(main.id)
        reopened.save_post(post.copy(body=f"{post.body}\n\n![תמונה שנמחקה](ktav-image:{'2' * 64})\n"))
    blocked = ktav("export", "--db", db, "--out", out, "--all", "--jobs", "2")
    assert blocked.returncode == 1 and "nothing exported" in blocked.stderr
    assert "an image is missing from the library" in blocked.stderr
    assert _tree_bytes(out) == before
    forced = ktav("export", "--db", db, "--out", out, "--all", "--jobs", "2", "--force")
    assert forced.returncode == 0, forced.stderr
    assert (out / post.slug / "index.html").read_bytes() != before[f"{post.slug}/index.html"]
