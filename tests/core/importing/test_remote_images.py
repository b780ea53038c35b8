"""A remote image is a choice: the check warns (or blocks), and the writer can fetch it into the library.

The fetching goes over real HTTP, to a server of the test's own on 127.0.0.1.
"""

import http.server
import threading
from pathlib import Path

import pytest
from export_helpers import add_post, png, small_library

from editor.core.export import ExportBlocked, check_post, export_posts
from editor.core.export.site import SettingsError, SiteSettings, load_site_settings, save_site_settings
from editor.core.importing.remote_images import (
    MAX_IMAGE_BYTES,
    RemoteImageError,
    fetch_remote_images,
    replace_image_address,
    urlopen_fetcher,
)
from editor.core.library.store import Library
from editor.core.models import Post

PICTURE = png(3, 2, (10, 120, 60))


class _Site(http.server.BaseHTTPRequestHandler):
    """/chart.png: a PNG; /page.png: HTML that says it is a PNG; /huge.png: over the limit, with no length
    given; /sized.png: a length over the limit announced; anything else: 404."""

    protocol_version = "HTTP/1.0"  # no length needed: the body ends when the connection does

    def do_GET(self):
        if self.path.startswith("/chart.png"):
            self._send(PICTURE, "image/png")
        elif self.path == "/page.png":
            self._send("<!DOCTYPE html><title>לא תמונה</title>".encode(), "text/html; charset=utf-8")
        elif self.path == "/huge.png":
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            chunk = PICTURE + bytes(1024 * 1024)
            for _ in range(MAX_IMAGE_BYTES // len(chunk) + 2):
                try:
                    self.wfile.write(chunk)
                except (BrokenPipeError, ConnectionResetError):
                    return
        elif self.path == "/sized.png":
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(MAX_IMAGE_BYTES + 1))
            self.end_headers()
            self.wfile.write(PICTURE)
        else:
            self.send_error(404, "Not Found")

    def _send(self, data: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def site():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def library(tmp_path):
    library, main, related = small_library(tmp_path / "lib.sqlite")
    yield library
    library.close()


def remote_findings(library, post):
    return [f for f in check_post(library, post) if f.code == "remote-image"]


def test_every_way_of_writing_a_remote_image_is_reported_by_the_check(library, site):
    body = (f"![תרשים]({site}/chart.png)\n\n<img src={site}/chart.png?raw alt=גולמי>\n\n"
            f"![מקומי](ktav-image:{'ab' * 32}){{: src={site}/tracker.gif }}\n\n![יחסי](//cdn.example/x.png)\n\n"
            f"![הפניה][תמונה]\n\n[תמונה]: {site}/ref.png\n")
    post = add_post(library, "תמונות מרוחקות", body=body)
    found = remote_findings(library, post)
    assert [f.line for f in found] == [1, 3, 7, 9]  # the tracker of line 5 never reaches the page
    assert all(not f.is_error and "מאתר אחר" in f.message_he for f in found)
    assert f"{site}/chart.png?raw" in found[1].message and "//cdn.example/x.png" in found[2].message


def test_with_remote_images_blocked_the_export_stops(library, site, tmp_path):
    post = add_post(library, "תמונה מרוחקת", body=f"![תרשים]({site}/chart.png)\n")
    save_site_settings(library, load_site_settings(library).replace(remote_images="block"))
    assert [f.is_error for f in remote_findings(library, post)] == [True]
    with pytest.raises(ExportBlocked):
        export_posts(library, tmp_path / "out", [post.id])
    with pytest.raises(SettingsError):
        SiteSettings(remote_images="sometimes")


def test_fetching_brings_the_image_into_the_library_in_every_way_it_was_written(library, site):
    body = (f"לפני.\n\n![תרשים]({site}/chart.png \"כותרת\")\n\n<img src=\"{site}/chart.png?a=1&amp;b=2\" alt=\"גולמי\">\n\n"
            f"![הפניה][תמונה]\n\n[קישור, לא תמונה]({site}/chart.png)\n\n[תמונה]: {site}/chart.png?ref\n")
    post = add_post(library, "תמונות מרוחקות", body=body)
    report = fetch_remote_images(library, post.id, urlopen_fetcher)
    assert report.failed == [] and len(report.fetched) == 3
    sha = report.fetched[0][1]
    assert library.get_image(sha).data == PICTURE
    saved = library.get_post(post.id)
    assert saved.body.count(f"ktav-image:{sha}") == 3
    assert f"[קישור, לא תמונה]({site}/chart.png)" in saved.body  # a link is not an image
    assert remote_findings(library, saved) == []
    assert library.revisions(post.id)[-1].note == "remote images fetched into the library"


def test_what_is_not_an_image_or_is_too_big_is_refused_and_left_as_written(library, site):
    names = ["page.png", "huge.png", "sized.png", "missing.png"]
    body = "\n\n".join(f"![{name}]({site}/{name})" for name in names) + "\n"
    post = add_post(library, "תמונות בעייתיות", body=body)
    report = fetch_remote_images(library, post.id, urlopen_fetcher)
    assert report.fetched == [] and report.post is None
    problems = {error.url.rsplit("/", 1)[1]: error for error in report.failed}
    assert all(isinstance(error, RemoteImageError) for error in report.failed)
    assert "not a PNG" in problems["page.png"].message and "text/html" in problems["page.png"].message
    assert "20 MB" in problems["huge.png"].message and "20 MB" in problems["sized.png"].message_he
    assert "404" in problems["missing.png"].message and "האתר השיב" in problems["missing.png"].message_he
    assert library.get_post(post.id).body == body and library.images() == []


def test_an_address_is_replaced_only_where_an_image_is_written_with_it():
    url = "https://example.org/a.png"
    body, count = replace_image_address(f"![a]({url}) [b]({url}) <img src='{url}'> {url}", url, "ktav-image:x")
    assert count == 2 and body == f"![a](ktav-image:x) [b]({url}) <img src='ktav-image:x'> {url}"


def test_the_command_line_fetches_a_posts_remote_images_and_names_what_failed(tmp_path, site):
    import subprocess
    import sys

    db = tmp_path / "cli.sqlite"
    with Library.open(db) as lib:
        post = lib.add_post(Post(title="תמונות", body=f"![תרשים]({site}/chart.png)\n\n![שבור]({site}/page.png)\n"))
    main_py = Path(__file__).resolve().parents[3] / "main.py"
    result = subprocess.run([sys.executable, str(main_py), "fetch-images", "--db", str(db), "--id", str(post.id)],
                            capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    assert "1 fetched, 1 failed" in result.stdout and "page.png" in result.stderr
    with Library.open(db) as lib:
        body = lib.get_post(post.id).body
    assert "ktav-image:" in body and f"{site}/page.png" in body
