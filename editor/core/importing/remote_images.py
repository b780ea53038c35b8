"""Fetching the images a post loads from other sites into the library, at the writer's request.

The fetcher is passed in (the window and the command line use `urlopen_fetcher`; tests use it too,
against a server of their own). What comes back must be an image Ktav knows (PNG, JPEG, GIF, WebP)
of at most MAX_IMAGE_BYTES; each address fetched is replaced in the text by the library's image, in
every way an image can be written: `![](address)`, `<img src=address>`, `{: src=address }` and a
reference definition `[name]: address`.
"""

from __future__ import annotations

import html
import importlib
import re
import urllib.error
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import BinaryIO
from urllib.parse import unquote, urlsplit

from editor.core.errors import KtavError
from editor.core.export.check import body_images, is_remote
from editor.core.library import images
from editor.core.models import Post, RevisionReason

MAX_IMAGE_BYTES = 20 * 1024 * 1024
FETCH_TIMEOUT = 20  # seconds, for the connection and each read
IMAGE_SCHEME = "ktav-image:"

Fetcher = Callable[[str], BinaryIO]  # an opened response: `read(n)`, optionally `headers`, a context manager


class RemoteImageError(KtavError):
    """An image address that could not be fetched into the library."""

    def __init__(self, url: str, problem: str, problem_he: str) -> None:
        super().__init__(f"{url}: {problem}", f"{url}: {problem_he}")
        self.url = url


@dataclass
class FetchReport:
    """What `fetch_remote_images` did: the addresses now in the library, those that failed, the post."""

    fetched: list[tuple[str, str]] = field(default_factory=list)  # (address, sha256)
    failed: list[RemoteImageError] = field(default_factory=list)
    post: Post | None = None  # as saved (None: nothing changed)


def urlopen_fetcher(url: str) -> BinaryIO:
    request_module = importlib.import_module("urllib.request")  # with http and ssl: on the first download, not at start-up
    request = request_module.Request(url, headers={"User-Agent": "Ktav", "Accept": "image/*"})
    return request_module.urlopen(request, timeout=FETCH_TIMEOUT)


def remote_image_addresses(body: str) -> list[str]:
    """The addresses of the images of `body` that load from other sites, each once, in order."""
    from editor.core.render.pipeline import render_markdown

    rendered = render_markdown(body)
    return list(dict.fromkeys(src.strip() for src, _, _ in body_images(rendered.html) if is_remote(src)))


def fetch_remote_images(library, post_id: int, fetcher: Fetcher = urlopen_fetcher, *,
                        author: str = "") -> FetchReport:
    """Fetch every remote image of the post into the library and point the text at it; one revision
    keeps the text as it was. An address that fails is left as written, its reason in the report."""
    body = library.get_post(post_id).body
    return store_downloads(library, post_id, download_images(remote_image_addresses(body), fetcher), author=author)


def download_images(urls: list[str], fetcher: Fetcher = urlopen_fetcher) -> dict[str, bytes | RemoteImageError]:
    """The network half, which touches no library (the window runs it off its thread): each
    address's image bytes, or why it could not be had."""
    downloads: dict[str, bytes | RemoteImageError] = {}
    for url in urls:
        try:
            downloads[url] = _download(fetcher, url)
        except RemoteImageError as error:
            downloads[url] = error
    return downloads


def store_downloads(library, post_id: int, downloads: dict[str, bytes | RemoteImageError], *,
                    author: str = "") -> FetchReport:
    """The library half: the downloaded images stored, the post's text pointed at them (one revision)."""
    post = library.get_post(post_id)
    report = FetchReport()
    body = post.body
    for url, data in downloads.items():
        if isinstance(data, RemoteImageError):
            report.failed.append(data)
            continue
        try:
            image = library.add_image(data, filename=_file_name(url))
        except KtavError as error:
            report.failed.append(RemoteImageError(url, error.message, error.message_he))
            continue
        replaced, count = replace_image_address(body, url, IMAGE_SCHEME + image.sha256)
        if not count:
            report.failed.append(RemoteImageError(url, "fetched, but not found in the text as written",
                                                  "התמונה הורדה, אך הכתובת לא נמצאה בטקסט כפי שנכתבה"))
            continue
        body = replaced
        report.fetched.append((url, image.sha256))
    if body != post.body:
        report.post = library.save_post(post.copy(body=body), revision=RevisionReason.SAVE, author=author,
                                        note="remote images fetched into the library")
    return report


def _download(fetcher: Fetcher, url: str) -> bytes:
    address = "https:" + url if url.startswith("//") else url
    limit = MAX_IMAGE_BYTES // (1024 * 1024)
    too_big = RemoteImageError(url, f"is bigger than {limit} MB; not fetched", f"גדולה מ-{limit} MB; לא הורדה")
    try:
        with fetcher(address) as response:
            headers = getattr(response, "headers", None)
            length = headers.get("Content-Length") if headers is not None else None
            if length and length.strip().isdigit() and int(length) > MAX_IMAGE_BYTES:
                raise too_big
            data = response.read(MAX_IMAGE_BYTES + 1)
            kind = (headers.get("Content-Type") if headers is not None else None) or "unknown"
    except urllib.error.HTTPError as error:
        error.close()  # it holds the site's answer open
        raise RemoteImageError(url, f"the site answered {error.code} {error.reason}",
                               f"האתר השיב {error.code} ({error.reason})") from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", None) or error
        raise RemoteImageError(url, f"could not be fetched ({reason})", f"לא ניתן היה להוריד ({reason})") from None
    if len(data) > MAX_IMAGE_BYTES:
        raise too_big
    if images.sniff(data) is None:
        raise RemoteImageError(url, f"is not a PNG, JPEG, GIF or WebP image (the site sent {kind.split(';')[0]})",
                               f"אינה תמונה מסוג PNG,‏ JPEG,‏ GIF או WebP (האתר שלח {kind.split(';')[0]})")
    return data


def _file_name(url: str) -> str:
    name = unquote(PurePosixPath(urlsplit(url).path).name)
    return name if name and len(name) <= 200 else "image"


def replace_image_address(body: str, url: str, replacement: str) -> tuple[str, int]:
    """`body` with `url` replaced where an image is written with it; and how many places."""
    total = 0
    for written in dict.fromkeys([url, html.escape(url, quote=False), html.escape(url)]):
        address = re.escape(written)
        for pattern in (
            rf"(!\[[^\]\n]*\]\(\s*<?){address}(?=>?[\s)])",  # ![alt](address "title")
            rf"(\bsrc\s*=\s*[\"']?){address}(?=[\"'\s>}}]|$)",  # <img src=...>, {: src=... }
            rf"(?m)(^ {{0,3}}\[[^\]\n]+\]:[ \t]*<?){address}(?=>?(?:\s|$))",  # [name]: address
        ):
            body, count = re.subn(pattern, lambda m: m.group(1) + replacement, body)
            total += count
    return body, total
