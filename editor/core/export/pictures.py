"""The pictures of an export: which web copies its pages need, made once for all of them, and what each
<img> gets (its file beside the page, its size, `srcset` and `sizes`).

A body picture gets a copy at the column's width and one at the sharper width (site settings; never
enlarged), written as the site's format; a post's cover gets the social card (1200×630, JPEG, which
every site that shows cards reads) and the two thumbnails its related cards show on other pages.
Files are named by the hash of their bytes: the same picture and settings always give the same file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath

from editor.core.errors import ExportError
from editor.core.export.assets import ImageSource, asset_path, data_uri
from editor.core.export.site import SiteSettings
from editor.core.models import Post
from editor.core.photos.batch import Copies, ensure_copies
from editor.core.photos.cache import CachedCopy, CopyCache
from editor.core.photos.shapes import Ask, Encoding, Shape
from editor.core.text.markdown_images import markdown_images

CARD = Shape(1200, 630)  # og:image: the proportions (1.91:1) and size Facebook, X and LinkedIn ask for
THUMBNAILS = (Shape(400, 210), Shape(800, 420))  # a related card's picture, and its sharper copy
THUMBNAIL_SIZES = "(max-width: 36rem) 100vw, 14rem"  # one column of cards on a phone, three beside each other


def cover_of(post: Post, chosen: str | None, has_image: Callable[[str], bool]) -> tuple[str, str] | None:
    """(sha256, alt text) of a post's cover: the picture chosen for it if the library has it, else the
    first library picture its text shows; None for a post without one."""
    shown = [(sha, image.alt) for image in markdown_images(post.body) if (sha := image.stored_sha256)]
    if chosen and has_image(chosen):
        return chosen, next((alt for sha, alt in shown if sha == chosen), "")
    return next(((sha, alt) for sha, alt in shown if has_image(sha)), None)


@dataclass(frozen=True)
class CardImage:
    """The social card of a page: its address (absolute under the blog address), size and alt text."""

    src: str
    width: int
    height: int
    alt: str = ""


class Pictures:
    """The web copies of one export. `want_*` say what the pages will show, `make` finds or makes all
    of it at once (on worker processes for a big export), then the `*_source` give each <img>."""

    def __init__(self, settings: SiteSettings, cache: CopyCache | None = None) -> None:
        self.cache = cache if cache is not None else CopyCache()
        self.inline = settings.image_mode == "inline"
        encoding = Encoding(settings.image_format, settings.image_quality)
        self.column_width = settings.image_width
        self.body_asks: tuple[Ask, ...] = tuple(sorted({(Shape(settings.image_width), encoding),
                                                        (Shape(settings.image_width_2x), encoding)}))
        self.card_ask: Ask = (CARD, Encoding("jpeg", settings.image_quality))
        self.thumbnail_asks: tuple[Ask, ...] = tuple((shape, encoding) for shape in THUMBNAILS)
        self.wanted: dict[str, set[Ask]] = {}
        self.copies = Copies()

    def want_body(self, sha256: str) -> None:
        # a single-file page carries the column's copy only (the smallest ask)
        self.wanted.setdefault(sha256, set()).update(self.body_asks[:1] if self.inline else self.body_asks)

    def want_card(self, sha256: str) -> None:
        if not self.inline:
            self.wanted.setdefault(sha256, set()).add(self.card_ask)

    def want_thumbnail(self, sha256: str) -> None:
        self.wanted.setdefault(sha256, set()).update(self.thumbnail_asks)

    def make(self, picture: Callable[[str], tuple[str, bytes] | None], *, workers: int = 1,
             pool: Callable[[int], object] | None = None) -> Copies:
        """Every wanted copy, from the cache or made now. A stored picture that cannot be decoded (a
        damaged file kept by an older Ktav) stops the export: its page would show nothing."""
        self.copies = ensure_copies(self.cache, self.wanted, picture, workers=workers, pool=pool)
        if self.copies.failed:
            names = ", ".join(f"{sha[:12]}… ({error.message})" for sha, error in sorted(self.copies.failed.items()))
            names_he = ", ".join(f"{sha[:12]}… ({error.message_he})" for sha, error in sorted(self.copies.failed.items()))
            raise ExportError(f"pictures of the library cannot be read: {names}; replace them in the post",
                              f"לא ניתן לקרוא תמונות מהספרייה: {names_he}; יש להחליף אותן בפוסט")
        return self.copies

    def body_source(self, sha256: str, folder: PurePosixPath, files: dict[str, bytes] | None) -> ImageSource | None:
        """A body picture of the page in `folder`: its copies added to `files` (None: they are added by
        the page), as its <img> names them."""
        copies = self._unique([self.copies.get(sha256, ask) for ask in self.body_asks])
        if not copies:
            return None
        first = copies[0]
        if self.inline:  # a single-file page carries one copy, the column's
            return ImageSource(data_uri(first.mime, first.read()), first.width, first.height)
        names = [self._add(copy, folder, files) for copy in copies]
        if len(copies) == 1:
            return ImageSource(names[0], first.width, first.height)
        srcset = ", ".join(f"{name} {copy.width}w" for name, copy in zip(names, copies))
        sizes = f"(max-width: {self.column_width}px) 100vw, {self.column_width}px"
        return ImageSource(names[0], first.width, first.height, srcset, sizes)

    def thumbnail_source(self, sha256: str, folder: PurePosixPath, files: dict[str, bytes]) -> ImageSource | None:
        copies = self._unique([self.copies.get(sha256, ask) for ask in self.thumbnail_asks])
        if not copies:
            return None
        first = copies[0]
        if self.inline:
            return ImageSource(data_uri(first.mime, first.read()), first.width, first.height)
        names = [self._add(copy, folder, files) for copy in copies]
        srcset = ", ".join(f"{name} {copy.width}w" for name, copy in zip(names, copies)) if len(copies) > 1 else ""
        return ImageSource(names[0], first.width, first.height, srcset, THUMBNAIL_SIZES if srcset else "")

    def card(self, sha256: str, folder: PurePosixPath, files: dict[str, bytes], *, page_address: str,
             alt: str) -> CardImage | None:
        """The page's social card, a file beside it; `page_address` is the page's own address, absolute
        when the blog's is known (social sites read only absolute ones). A single-file page (image
        mode `inline`) has none: a card is fetched by the site that shows it, it cannot be inlined."""
        copy = self.copies.get(sha256, self.card_ask)
        if copy is None or self.inline:
            return None
        name = self._add(copy, folder, files)
        base = page_address if page_address.endswith("/") else page_address.rsplit("/", 1)[0] + "/"
        src = base + name if page_address.startswith(("http://", "https://")) else name
        return CardImage(src, copy.width, copy.height, alt)

    @staticmethod
    def _unique(copies: list[CachedCopy | None]) -> list[CachedCopy]:
        """The copies that exist, smallest first, each file once (a narrow picture's copies are one)."""
        seen: dict[str, CachedCopy] = {}
        for copy in copies:
            if copy is not None and copy.sha256 not in seen:
                seen[copy.sha256] = copy
        return sorted(seen.values(), key=lambda c: c.width)

    @staticmethod
    def _add(copy: CachedCopy, folder: PurePosixPath, files: dict[str, bytes] | None) -> str:
        name = f"{copy.sha256[:16]}.{copy.extension}"
        path = asset_path(folder, name)
        if files is not None and path not in files:
            files[path] = copy.read()
        return asset_path(PurePosixPath("."), name)
