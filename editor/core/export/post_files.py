"""A post's files in an export (its images, then its page or fragment) and what making them needs,
read from the library beforehand so that a worker process can make them (`PostMaker` is pickled)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Protocol

from editor.core.export.assets import image_sources
from editor.core.export.page import render_page
from editor.core.export.site import SiteSettings
from editor.core.models import Image, Post, stored_id

if TYPE_CHECKING:
    from editor.core.render.pipeline import Rendered

CSS_FILE = "site.css"


@dataclass(frozen=True)
class Place:
    """Where a post goes in the export: computed once, used by every step that needs it."""

    page_path: str  # the post's page in the site's structure ("blog/<slug>/index.html")
    fragment_path: str  # its CMS fragment beside it

    def target(self, fragment: bool) -> str:
        """The file an export of this form writes."""
        return self.fragment_path if fragment else self.page_path

    @property
    def folder(self) -> str:
        return str(PurePosixPath(self.page_path).parent)


class PostSource(Protocol):
    """What `post_files` reads: the export's job in this process, or a PostMaker in a worker."""

    settings: SiteSettings
    card_views: dict

    def place(self, post: Post) -> Place: ...

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
    card_views: dict = field(default_factory=dict)  # a memo: each worker keeps its own

    @classmethod
    def of(cls, job: PostSource, posts: list[Post], rendered: dict, *, fragment: bool) -> PostMaker:
        images = {sha: job.image(sha) for post in posts for sha in rendered[post.id].image_refs}
        return cls(job.settings, fragment, {stored_id(p): rendered[p.id] for p in posts}, images,
                   {stored_id(p): job.related(p) for p in posts}, {stored_id(p): job.uid(stored_id(p)) for p in posts},
                   {stored_id(p): job.place(p) for p in posts})

    def share(self, posts: list[Post]) -> PostMaker:
        ids = {stored_id(p) for p in posts}
        images = {sha: self.images[sha] for i in ids for sha in self.rendered[i].image_refs}
        return PostMaker(self.settings, self.fragment, {i: self.rendered[i] for i in ids}, images,
                         {i: self.related_posts[i] for i in ids}, {i: self.uids[i] for i in ids},
                         {i: self.places[i] for i in ids})

    def place(self, post: Post) -> Place:
        return self.places[stored_id(post)]

    def image(self, sha256: str) -> Image | None:
        return self.images.get(sha256)

    def related(self, post: Post) -> list[Post]:
        return self.related_posts[stored_id(post)]

    def uid(self, post_id: int) -> str:
        return self.uids[post_id]

    def __call__(self, post: Post) -> dict[str, bytes]:
        return post_files(self, post, self.rendered, fragment=self.fragment)


def post_files(job: PostSource, post: Post, rendered: dict, *, fragment: bool) -> dict[str, bytes]:
    """A post's images, then its page (or fragment)."""
    settings = job.settings
    linked_css = settings.css_mode == "linked" and not fragment
    place = job.place(post)
    page_path = place.page_path
    files: dict[str, bytes] = {}
    sources = image_sources(job.image, rendered[post.id].image_refs, PurePosixPath(page_path).parent, files,
                            inline=settings.image_mode == "inline")
    html = render_page(
        post, rendered[post.id].html, job.related(post), settings,
        mode="fragment" if fragment else "page", page_path=page_path, image_source=sources.get,
        css_href=relative(CSS_FILE, page_path) if linked_css else None, uid=job.uid(stored_id(post)),
        card_views=job.card_views)
    files[place.target(fragment)] = html.encode("utf-8")
    return files


def fragment_path(page_path: str) -> str:
    path = PurePosixPath(page_path)
    if path.name == "index.html":
        return str(path.with_name("fragment.html"))
    return str(path.with_suffix(".fragment.html"))


def relative(target: str, from_path: str) -> str:
    return "../" * (len(PurePosixPath(from_path).parts) - 1) + target
