"""A post's files in an export (its images, then its page or fragment) and what making them needs,
read from the library beforehand so that a worker process can make them (`PostMaker` is pickled)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Protocol

from markupsafe import Markup

from editor.core.export.assets import ImageSource
from editor.core.export.page import render_page
from editor.core.export.pictures import Pictures
from editor.core.export.site import SiteSettings
from editor.core.models import Image, Post, stored_id

if TYPE_CHECKING:
    from editor.core.render.pipeline import Rendered

CSS_FILE = "site.css"


@dataclass(frozen=True)
class Place:
    """Where a post goes in the export: computed once, used by every step that needs it."""

    page_path: str  # the post's page in the site's structure ("blog/<slug>/index.html")

    @cached_property
    def fragment_path(self) -> str:
        """Its CMS fragment beside it."""
        return fragment_path(self.page_path)

    def target(self, fragment: bool) -> str:
        """The file an export of this form writes."""
        return self.fragment_path if fragment else self.page_path

    @cached_property
    def parent(self) -> PurePosixPath:
        """The folder of the page, as a path the files beside it are named from."""
        return PurePosixPath(self.page_path).parent

    @property
    def folder(self) -> str:
        return str(self.parent)


class PostSource(Protocol):
    """What `post_files` reads: the export's job in this process, or a PostMaker in a worker."""

    settings: SiteSettings
    card_views: dict

    @property
    def page_css(self) -> Markup:
        """The stylesheet of every page (`templates.page_css`), read once."""
        ...

    @property
    def pictures(self) -> Pictures:
        """The export's web copies, found or made before any file is."""
        ...

    def place(self, post: Post) -> Place: ...

    def cover(self, post: Post) -> tuple[str, str] | None: ...

    def image(self, sha256: str) -> Image | None: ...

    def related(self, post: Post) -> list[Post]: ...

    def uid(self, post_id: int) -> str: ...


@dataclass
class PostMaker:
    """What making the posts' files needs, read from the library beforehand, for the export's worker
    processes (it is pickled to them): `maker(post)` is `post_files` of the job it was made of."""

    settings: SiteSettings
    fragment: bool
    rendered: dict[int, Rendered]
    images: dict[str, Image | None]
    related_posts: dict[int, list[Post]]
    uids: dict[int, str]
    places: dict[int, Place]
    pictures: Pictures
    covers: dict[int, tuple[str, str] | None]  # of the posts and of their related posts
    page_css: Markup
    card_views: dict = field(default_factory=dict)  # a memo: each worker keeps its own

    @classmethod
    def of(cls, job: PostSource, posts: list[Post], rendered: dict, *, fragment: bool) -> PostMaker:
        images = {sha: job.image(sha) for post in posts for sha in rendered[post.id].image_refs}
        related = {stored_id(p): job.related(p) for p in posts}
        covers = {stored_id(p): job.cover(p) for p in [*posts, *(r for shown in related.values() for r in shown)]}
        return cls(job.settings, fragment, {stored_id(p): rendered[p.id] for p in posts}, images,
                   related, {stored_id(p): job.uid(stored_id(p)) for p in posts},
                   {stored_id(p): job.place(p) for p in posts}, job.pictures, covers, job.page_css)

    def share(self, posts: list[Post]) -> PostMaker:
        ids = {stored_id(p) for p in posts}
        images = {sha: self.images[sha] for i in ids for sha in self.rendered[i].image_refs}
        covers = {stored_id(p): self.covers[stored_id(p)] for i in ids for p in self.related_posts[i]}
        covers.update((i, self.covers[i]) for i in ids)
        return PostMaker(self.settings, self.fragment, {i: self.rendered[i] for i in ids}, images,
                         {i: self.related_posts[i] for i in ids}, {i: self.uids[i] for i in ids},
                         {i: self.places[i] for i in ids}, self.pictures, covers, self.page_css)

    def place(self, post: Post) -> Place:
        return self.places[stored_id(post)]

    def cover(self, post: Post) -> tuple[str, str] | None:
        return self.covers.get(stored_id(post))

    def image(self, sha256: str) -> Image | None:
        return self.images.get(sha256)

    def related(self, post: Post) -> list[Post]:
        return self.related_posts[stored_id(post)]

    def uid(self, post_id: int) -> str:
        return self.uids[post_id]

    def __call__(self, post: Post) -> dict[str, bytes]:
        return post_files(self, post, self.rendered, fragment=self.fragment)


def post_files(job: PostSource, post: Post, rendered: dict, *, fragment: bool) -> dict[str, bytes]:
    """A post's images (their web copies), then its page (or fragment)."""
    settings = job.settings
    linked_css = settings.css_mode == "linked" and not fragment
    place = job.place(post)
    page_path = place.page_path
    folder = PurePosixPath(page_path).parent
    files: dict[str, bytes] = {}
    pictures = job.pictures
    sources = {sha: pictures.body_source(sha, folder, files) for sha in rendered[post.id].image_refs}
    cover = None if fragment else job.cover(post)
    card = pictures.card(cover[0], folder, files, page_address=settings.post_address(post, from_path=page_path),
                         alt=cover[1]) if cover else None
    related = job.related(post)
    html = render_page(
        post, rendered[post.id].html, related, settings,
        mode="fragment" if fragment else "page", page_path=page_path, image_source=sources.get,
        css_href=relative(CSS_FILE, page_path) if linked_css else None, uid=job.uid(stored_id(post)),
        card_views=job.card_views, card=card, thumbnails=thumbnails(job, related, folder, files), css=job.page_css)
    files[place.target(fragment)] = html.encode("utf-8")
    return files


def thumbnails(job: PostSource, related: list[Post], folder: PurePosixPath, files: dict[str, bytes]) -> dict[int, ImageSource]:
    """The pictures of a page's related cards (their posts' covers), by post id; files beside the page."""
    found = {}
    for post in related:
        cover = job.cover(post)
        source = job.pictures.thumbnail_source(cover[0], folder, files) if cover else None
        if source is not None:
            found[stored_id(post)] = source
    return found


def fragment_path(page_path: str) -> str:
    path = PurePosixPath(page_path)
    if path.name == "index.html":
        return str(path.with_name("fragment.html"))
    return str(path.with_suffix(".fragment.html"))


def relative(target: str, from_path: str) -> str:
    return "../" * (len(PurePosixPath(from_path).parts) - 1) + target
