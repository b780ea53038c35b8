"""Export from the library: check, render every file in memory, then write each one atomically."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

import jinja2
from markupsafe import Markup

from editor.core import forked, resources
from editor.core.errors import ExportError, RenderTooComplex
from editor.core.export import caches, listing, parallel, related_choice, templates
from editor.core.export.atomic import FileDigest, StagedFiles, file_digest, write_files
from editor.core.export.check import CheckContext, Finding, Severity, find_problems
from editor.core.export.page import render_page
from editor.core.export.pictures import Pictures, cover_of
from editor.core.export.post_files import CSS_FILE, Place, PostMaker, post_files, thumbnails
from editor.core.export.related_aside import RelatedAside, may_answer
from editor.core.export.related_choice import BATCH_RELATED_FROM
from editor.core.export.site import SiteSettings, load_site_settings
from editor.core.export.spelling_pass import ExportSpelling
from editor.core.export.staging import export_folder
from editor.core.library.cache_rows import digest, source_hash
from editor.core.models import Image, Post, Status, is_linkable, stored_id
from editor.core.photos.cache import CopyCache
from editor.core.related import EXPORTED_RELATED, chosen_related, stored

if TYPE_CHECKING:
    from editor.core.related.index import RelatedIndex  # numpy: imported where the index is made
INDEX_FILE = listing.INDEX_FILE
FEED_FILE = listing.FEED_FILE


@dataclass
class PostCheck:
    """The check's findings for one post."""

    post: Post
    findings: list[Finding]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]


@dataclass
class ExportResult:
    """What an export wrote (and what it left as it was, being already identical), and the posts it
    could not render (each with its RenderTooComplex), which it left out."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    checks: list[PostCheck] = field(default_factory=list)
    failed: list[tuple[Post, RenderTooComplex]] = field(default_factory=list)
    pictures_made: int = 0  # web copies of pictures made for this export (0: all were in the cache)


class ExportIncomplete(ExportError):
    """Some posts could not be rendered: every other post was exported (`result`), these were not."""

    def __init__(self, result: ExportResult) -> None:
        lines = [f"post {post.id} ({post.slug}) was not exported: {error.message}" for post, error in result.failed]
        lines_he = [f"הפוסט {post.id} ({post.slug}) לא יוצא: {error.message_he}" for post, error in result.failed]
        exported = len(result.checks) - len(result.failed)
        super().__init__(f"{exported} posts exported, {len(result.failed)} could not be rendered:\n  "
                         + "\n  ".join(lines),
                         f"יוצאו {exported} פוסטים; {len(result.failed)} לא ניתן היה לעבד:\n  " + "\n  ".join(lines_he))
        self.result = result


class ExportBlocked(ExportError):
    """The pre-publish check found errors; nothing was written."""

    def __init__(self, checks: list[PostCheck]) -> None:
        failing = [c for c in checks if c.errors]
        lines = [f"post {c.post.id} ({c.post.slug}): {f.message}" for c in failing for f in c.errors]
        lines_he = [f"פוסט {c.post.id} ({c.post.slug}): {f.message_he}" for c in failing for f in c.errors]
        super().__init__("the pre-publish check found errors (use --force to export anyway):\n  " + "\n  ".join(lines),
                         "בדיקת טרום-פרסום מצאה שגיאות:\n  " + "\n  ".join(lines_he))
        self.checks = checks


_FIELDS_BUT_BODY = tuple(f.name for f in fields(Post) if f.name != "body")


class _Job:
    """Everything one export run needs from the library, each read at most once and only when needed
    (checking one post in the window must not build the related index of the whole library)."""

    def __init__(self, library, settings: SiteSettings | None, spelling=None,
                 image_cache: CopyCache | None = None, *, kept_index: bool = True) -> None:
        self.library = library
        self.kept_index = kept_index
        self.settings = settings or load_site_settings(library)
        self.spelling = ExportSpelling(library, spelling)  # its checker None: spelling is not checked
        self.image_cache = image_cache
        self._related: dict[int, list[Post]] = {}
        self._uids: dict[int, str] = {}
        self._covers: dict[tuple[int | None, str], tuple[str, str] | None] = {}
        self._card_keys: dict[int, str] = {}
        self._shown_keys: dict[int, str] = {}
        self.body_hash = caches.BodyHashes().__getitem__  # a body's hash, made once
        self.card_views: dict = {}  # related cards, for render_page
        self._places: dict[int, Place] = {}
        self.unrendered: set[int] = set()  # posts left out of this export: no card links to them
        self.analyses_made: dict = {}  # related analyses made on the workers, by post id
        self.kept_checks: caches.StoredChecks | None = None  # set by `keep_checks`
        self._files_inputs: dict[str, str] = {}
        self._check_keys: dict[int, str] = {}
        self.may_fork = False  # related posts ranked again may be shared with a forked copy (`_export`)
        self.related_aside: RelatedAside | None = None  # the related posts chosen in a forked copy meanwhile
        self.index_made: bytes | None = None  # made while the copy chose (`_index_ahead`), of the same posts
        self.spelled_later: set[int] = set()  # posts checked but for their spelling (`check(wait=False)`)

    @cached_property
    def posts(self) -> list[Post]:
        return self.library.all_posts()

    @cached_property
    def _by_id(self) -> dict[int, Post]:
        return {stored_id(p): p for p in self.posts}

    @cached_property
    def _status_by_slug(self) -> dict[str, Status]:
        return {p.slug: p.status for p in self.posts}

    @cached_property
    def related_index(self) -> RelatedIndex:
        if self.kept_index:
            from editor.core.related import snapshot

            return snapshot.kept_index(self.library, self.posts, self.analyses_made)
        return stored.related_index(self.library, self.posts, self.analyses_made)

    def to_analyze(self, posts: list[Post]) -> list[Post]:
        """The library's posts the related index has no analysis of, when choosing these posts'
        related posts will build it (a batch): their analysis can be made on the workers."""
        if len(posts) < BATCH_RELATED_FROM or "related_index" in self.__dict__:
            return []
        return stored.unanalyzed(self.library, self.posts)

    @cached_property
    def ranking_code(self) -> str:
        return related_choice.ranking_code()

    @cached_property
    def files_code(self) -> str:
        """The hash of the code and templates that make an export's files."""
        import editor.core.export as export

        texts = [source_hash(export), jinja2.__version__]
        folders = [resources.path("templates")]
        if self.settings.templates_dir:
            folders.append(Path(self.settings.templates_dir).expanduser())
        for folder in folders:
            texts += [f"{path}\n{path.read_bytes().hex()}" for path in sorted(folder.rglob("*")) if path.is_file()]
        texts += [str(self.page_css)]
        return digest(*texts)

    @cached_property
    def page_css(self) -> Markup:
        """The stylesheet of every page of this export (`templates.page_css`), read once."""
        return Markup(templates.page_css(self.settings.templates_dir))

    def files_inputs(self, fragment: bool) -> str:
        """What every post's files are made from beside the post: the code and templates, the form, the
        settings and the render's version (hashed once for all the posts)."""
        form = "fragment" if fragment else "page"
        if form not in self._files_inputs:
            self._files_inputs[form] = digest(self.files_code, form, repr(self.settings), caches.render_version())
        return self._files_inputs[form]

    @cached_property
    def _images(self) -> dict[str, Image]:
        """The library's pictures without their bytes (the export reads each original only to make a
        copy the cache lacks)."""
        return {image.sha256: image for image in self.library.images()}

    @cached_property
    def _chosen_covers(self) -> dict[int, str]:
        return self.library.cover_images()

    @cached_property
    def pictures(self) -> Pictures:
        return Pictures(self.settings, self.image_cache)

    def cover(self, post: Post) -> tuple[str, str] | None:
        """(sha256, alt text) of the post's cover: the picture chosen for it, else its first picture."""
        key = (post.id, post.body)
        if key not in self._covers:
            chosen = self._chosen_covers.get(post.id) if post.id is not None else None
            self._covers[key] = cover_of(post, chosen, lambda sha: self.image(sha) is not None)
        return self._covers[key]

    def card_key(self, post: Post) -> str:
        """All of a post but its body, as text for a hash (of its own page's inputs and its check's)."""
        post_id = stored_id(post)
        if post_id not in self._card_keys:
            self._card_keys[post_id] = repr([getattr(post, name) for name in _FIELDS_BUT_BODY])
        return self._card_keys[post_id]

    def shown_key(self, post: Post) -> str:
        """What another page shows of a post, as text for a hash: the fields of its card in a related
        block or its entry in the index (`page.post_view`; its address is made of the slug and the date
        by the settings). Not its times: a body edited leaves the cards and the index as they were."""
        post_id = stored_id(post)
        if post_id not in self._shown_keys:
            self._shown_keys[post_id] = repr((post.id, post.title, post.lead, tuple(post.tags), post.date, post.slug))
        return self._shown_keys[post_id]

    @cached_property
    def _choices(self) -> dict[int, list[int]]:
        return self.library.all_related_choices()

    def choices(self, post_id: int) -> list[int]:
        """The writer's related choices of a post (read for every post at once in an export of all)."""
        if "posts" in self.__dict__:
            return list(self._choices.get(post_id, []))
        return self.library.related_choices(post_id)

    def original(self, sha256: str) -> tuple[str, bytes] | None:
        """A picture as stored (type, bytes), for making its web copies."""
        if self.image(sha256) is None:
            return None
        image = self.library.get_image(sha256)
        return image.mime, image.data

    def status_of_slug(self, slug: str) -> Status | None:
        if "posts" in self.__dict__:
            return self._status_by_slug.get(slug)
        post = self.library.post_by_slug(slug)
        return None if post is None or post.in_trash else post.status

    def select(self, post_ids) -> list[Post]:
        if post_ids is None:
            return [p for p in self.posts if is_linkable(p)]
        selected = [self.library.get_post(post_id) for post_id in dict.fromkeys(post_ids)]
        self._by_id.update((p.id, p) for p in selected)  # a post in the trash can be asked for by id
        return selected

    def choose_related(self, posts: list[Post]) -> None:
        """The related posts of every given post, chosen in one pass over the index (an export), or
        taken from the copy that chose them aside (`related_aside`, an export of all on the command line)."""
        aside, self.related_aside = self.related_aside, None
        taken = aside.take(self.library, self.posts, self._choices) if aside is not None else None
        for post_id, ids in (taken or {}).items():
            self._related[post_id] = self._linkable(post_id, [self._by_id[i] for i in ids if i in self._by_id])
        wanted = [p.id for p in posts if p.id is not None and p.id not in self._related]
        if not wanted:
            return
        chosen = related_choice.choose(self.library, lambda: self.related_index, wanted, known=self._by_id,
                                       choices={post_id: self.choices(post_id) for post_id in wanted},
                                       code=self.ranking_code, fork=self.may_fork)
        self._related.update((post_id, self._linkable(post_id, found)) for post_id, found in chosen.items())

    def know_posts(self, posts: list[Post]) -> None:
        """Make the posts' keys, places, uids and covers now (each is made once, when first asked)."""
        for post in posts:
            self.card_key(post)
            self.shown_key(post)
            self.place(post)
            self.uid(stored_id(post))
            self.cover(post)

    def place(self, post: Post) -> Place:
        post_id = stored_id(post)
        if post_id not in self._places:
            page_path = self.settings.post_path(post)
            self._places[post_id] = Place(page_path)
        return self._places[post_id]

    def uid(self, post_id: int) -> str:
        if post_id not in self._uids:
            if "posts" in self.__dict__ and not self._uids:  # an export of all: every uid in one read
                self._uids = self.library.post_uids()
            if post_id not in self._uids:
                self._uids[post_id] = self.library.post_uid(post_id)
        return self._uids[post_id]

    def image(self, sha256: str) -> Image | None:
        return self._images.get(sha256)

    def want_pictures(self, posts: list[Post], rendered: dict, *, fragment: bool) -> None:
        """Tell `pictures` every copy the posts' files will show: their body pictures, their social
        cards (pages only) and the thumbnails of their related cards."""
        for post in posts:
            self.want_pictures_of(rendered[post.id].image_refs, None if fragment else self.cover(post), self.related(post))

    def want_pictures_of(self, image_refs: list[str], cover: tuple[str, str] | None, related: list[Post]) -> None:
        pictures = self.pictures
        for sha256 in image_refs:
            if self.image(sha256) is not None:
                pictures.want_body(sha256)
        if cover is not None:
            pictures.want_card(cover[0])
        for post in related:
            related_cover = self.cover(post)
            if related_cover is not None:
                pictures.want_thumbnail(related_cover[0])

    def related(self, post: Post) -> list[Post]:
        post_id = stored_id(post)
        if post_id not in self._related:
            self._related[post_id] = self._linkable(
                post_id, chosen_related(self.library, self.related_index, post_id, count=EXPORTED_RELATED))
        return [p for p in self._related[post_id] if p.id not in self.unrendered]

    @staticmethod
    def _linkable(post_id: int, chosen: list[Post]) -> list[Post]:
        return [p for p in chosen if is_linkable(p) and p.id != post_id][:EXPORTED_RELATED]

    def check(self, post: Post, rendered, *, wait: bool = True) -> PostCheck:
        """The post's findings. `wait=False`: a post whose spell check would wait for the Hebrew dictionary,
        still loading, is checked but for its spelling (`spelled_later`; see `spelled`)."""
        key = self._check_key(post) if self.kept_checks is not None and not isinstance(rendered, RenderTooComplex) else None
        kept = self._kept_findings(post) if key is not None else None
        if kept is not None:
            return PostCheck(post, [Finding(code, Severity(severity), message, message_he, line)
                                    for code, severity, message, message_he, line in kept])
        later = not wait and self.spelling.would_wait(post)
        chosen = len(self.choices(post.id)) if post.id is not None else 0
        context = CheckContext(has_image=lambda sha: self.image(sha) is not None,
                               status_of_slug=self.status_of_slug, related_chosen=chosen,
                               misspellings=None if later else self.spelling.for_check)
        findings = find_problems(post, rendered, self.settings, context)
        if later:
            self.spelled_later.add(stored_id(post))
            return PostCheck(post, findings)
        if self.kept_checks is not None and key is not None:
            self.kept_checks.put(key, [[f.code, f.severity.value, f.message, f.message_he, f.line] for f in findings])
        return PostCheck(post, findings)

    def spelled(self, checks: list[PostCheck], rendered: dict) -> list[PostCheck]:
        """These checks with the spelling of the posts checked without it (`check(wait=False)`), waiting for
        the dictionary; then the spell check's answers and the findings are kept in the library."""
        later, self.spelled_later = self.spelled_later, set()
        checks = [self.check(c.post, rendered[c.post.id]) if stored_id(c.post) in later else c for c in checks]
        self.spelling.keep()
        if self.kept_checks is not None:
            self.kept_checks.store()
        return checks

    def has_kept_check(self, post: Post) -> bool:
        """Whether the post's findings are kept (`keep_checks`), for its body as it is."""
        return self._kept_findings(post) is not None

    def _kept_findings(self, post: Post) -> list | None:
        return self.kept_checks.get(self._check_key(post)) if self.kept_checks is not None else None

    def keep_checks(self, posts: list[Post]) -> None:
        """Answer the check of these posts (an export of all) from the findings kept in the library,
        where nothing they were found from changed; `kept_checks.store()` keeps the new ones."""
        self.kept_checks = caches.StoredChecks(self.library)
        self.kept_checks.read(self._check_key(post) for post in posts)

    @cached_property
    def _check_inputs(self) -> str:
        """What a post's check reads beside the post: the code, the settings, every post's status by
        its slug (its links), the library's pictures and the spell check's dictionaries and words."""
        statuses = "\n".join(sorted(f"{slug}\x1f{status}" for slug, status in self._status_by_slug.items()))
        return digest(self.files_code, caches.render_version(), repr(self.settings), statuses,
                      "\n".join(sorted(self._images)), self.spelling.fingerprint)

    def _check_key(self, post: Post) -> str:
        post_id = stored_id(post)  # asked when the kept findings are read, then by the check
        if post_id not in self._check_keys:
            self._check_keys[post_id] = digest(self._check_inputs, self.card_key(post), self.body_hash(post.body),
                                               str(len(self.choices(post_id))))
        return self._check_keys[post_id]


def check_posts(library, post_ids=None, *, settings: SiteSettings | None = None, spelling=None) -> list[PostCheck]:
    """The pre-publish check of the given posts (default: every approved or published one); a post the
    render refuses gets a `too-complex` error. `spelling`: a SpellChecker, whose unknown words are warnings."""
    from editor.core.render.pipeline import render_or_error

    job = _Job(library, settings, spelling)
    return [job.check(post, render_or_error(post.body, line_numbers=True)) for post in job.select(post_ids)]


def check_post(library, post: Post, *, settings: SiteSettings | None = None, spelling=None) -> list[Finding]:
    """The check of one post as the editor holds it (saved or not), with body line numbers."""
    from editor.core.render.pipeline import render_or_error

    job = _Job(library, settings, spelling)
    return job.check(post, render_or_error(post.body, line_numbers=True)).findings


def render_post(library, post: Post, *, mode: str = "fragment", settings: SiteSettings | None = None,
                image_cache: CopyCache | None = None) -> str:
    """One post (saved or not) as a single string: "copy for the CMS" (the fragment) or a full page.

    Images are inlined as data: URIs, since a string cannot carry files beside it. Raises
    RenderTooComplex for a post the render refuses.
    """
    from editor.core.render.pipeline import render_markdown

    job = _Job(library, (settings or load_site_settings(library)).replace(image_mode="inline"), image_cache=image_cache)
    rendered = render_markdown(post.body)
    related = job.related(post) if post.id is not None else []
    job.want_pictures_of(rendered.image_refs, None, related)
    job.pictures.make(job.original)
    files: dict[str, bytes] = {}
    folder = PurePosixPath(".")
    sources = {sha: job.pictures.body_source(sha, folder, files) for sha in rendered.image_refs}
    uid = library.post_uid(post.id) if post.id is not None else ""
    return render_page(post, rendered.html, related, job.settings, mode=mode, image_source=sources.get, uid=uid,
                       thumbnails=thumbnails(job, related, folder, files))


def export_posts(library, out_dir: Path, post_ids=None, *, fragment: bool = False, force: bool = False,
                 settings: SiteSettings | None = None, workers: int = 1, spelling=None,
                 start_method: str | None = None, image_cache: CopyCache | None = None,
                 picture_workers: int | None = None, kept_index: bool = True,
                 related_aside: RelatedAside | None = None) -> ExportResult:
    """Export posts to `out_dir`: the given ids, or (None) every approved or published post with
    `index.html` and `feed.xml` (with pages only: fragments go into the site's own pages).
    Raises ExportBlocked, writing nothing, when the check finds errors and `force` is False.
    A post the render refuses (too big, too deep, too slow) stops nothing: the others are exported
    (no index entry, feed entry or related card points to it), then ExportIncomplete names it.
    Every file is rendered first, then all are written atomically (see `atomic.write_files`); staging
    them while rendering was measured slower (the staging threads and the rendering share one
    interpreter lock), so the two steps stay apart. The folder is held by `staging.export_folder` for
    the whole export (locked, a killed export's leftovers removed first).
    `workers` > 1 renders a big batch on that many processes (the command line does; a window, with its
    threads, should not fork), forked where the system can, else spawned (`start_method` overrides);
    the pictures' missing web copies are made there too, or on `picture_workers` processes when given
    (a window passes one per core with `start_method="spawn"`, rendering in its own process).
    `spelling`: a SpellChecker for the check, as in `check_posts`. `image_cache` keeps the pictures'
    copies (default: the user's cache folder). `kept_index`: the related index is the library's snapshot
    brought up to date (`related.snapshot`); a window passes False, since reading and storing a
    snapshot hold the interpreter for a long moment (half a second each at 10,000 posts), and builds
    it from the stored analyses instead, which lets its UI thread run. `related_aside`: the related
    posts of an export of all being chosen in a forked copy (the command line's, begun at its start).
    """
    job = _Job(library, settings, spelling, image_cache, kept_index=kept_index)
    job.related_aside = related_aside if post_ids is None else None
    try:
        posts = job.select(post_ids)
        swept = caches.swept(library, Path(out_dir))
        with export_folder(Path(out_dir), old_temporaries=not swept):
            result = _export(job, Path(out_dir), posts, fragment=fragment, force=force, workers=workers,
                             with_index=post_ids is None and not fragment, method=start_method,
                             picture_workers=picture_workers)
    finally:
        if related_aside is not None:
            related_aside.abandon()  # an export that stopped before taking its answer
    if not swept:
        caches.mark_swept(library, Path(out_dir))
    if result.failed:
        raise ExportIncomplete(result)
    return result


def _export(job: _Job, out_dir: Path, posts: list[Post], *, fragment: bool, force: bool, workers: int,
            with_index: bool, method: str | None, picture_workers: int | None = None) -> ExportResult:
    rendered: dict = {}
    kept_renders = caches.stored_renders(job.library, (post.body for post in posts), job.body_hash)
    for post in posts:
        hit = kept_renders.get(job.body_hash(post.body))
        if hit is not None:
            rendered[post.id] = hit
    if with_index:  # an export of all: every post's status by slug is known
        job.keep_checks(posts)
    # A post whose findings are kept is not spell-checked again: its texts' answers are not even read.
    to_check = [post for post in posts if not job.has_kept_check(post)]
    job.spelling.read(to_check)
    unspelled = job.spelling.unanswered(to_check)
    work = [post for post in posts if post.id not in rendered or unspelled.get(stored_id(post))]
    # Texts to spell whose bodies were all rendered before are mostly of words asked before (a word list
    # changed): the workers need not wait for the Hebrew dictionary (`ExportSpelling.portable`).
    job.spelling.new_bodies = any(post.id not in rendered for post in work if unspelled.get(stored_id(post)))
    on_workers = parallel.use_workers(workers, work)
    if on_workers:  # the workers make the posts' folders early
        _check_targets(job, posts, fragment=fragment, with_index=with_index)
    if job.related_aside is not None and not may_answer(job.library):
        job.related_aside.abandon()  # a first export: its workers analyze the posts meanwhile
        job.related_aside = None
    aside = job.related_aside is not None  # the related posts are being chosen in a copy: nothing to analyze here
    to_analyze = [] if aside else job.to_analyze(posts)
    forking = parallel.use_workers(workers, [*work, *to_analyze])  # as prepare_all decides
    job.spelling.want_hebrew(unspelled, for_workers=forking)  # a dictionary left for later loads now, or never
    # With no worker at work while this process chooses related posts (an export after a few changes),
    # the posts it ranks again are shared with a forked copy; beside workers, the cores are busy.
    job.may_fork = workers >= 2 and method in (None, "fork") and forked.can_fork() and not forking
    analyzed: dict = {}
    if forking:  # the workers start once the Hebrew dictionary is loaded: this one analyzes meanwhile
        if parallel.start_method(method) == "fork" and any(post.id not in rendered for post in work):
            # Imported before the fork, so that the workers find it imported (Markdown, Pygments and their
            # plugins: ~0.08 s that each of them spent again); this process renders its share too.
            import editor.core.render.pipeline  # noqa: F401
        analyzed, to_analyze = parallel.analyze_while(lambda: job.spelling.loading, to_analyze)
    # Without workers, the texts are spell-checked by the check itself, as late as it can: the Hebrew
    # dictionary goes on loading meanwhile (`open_spell_checker(wait=False)`).
    units = [parallel.Unit(None if post.id in rendered else post.body,
                           str(PurePosixPath(job.place(post).target(fragment)).parent) if on_workers else None,
                           unspelled.get(stored_id(post), []) if forking else []) for post in work]

    def choose_related(analyses: dict) -> None:
        job.analyses_made = {**analyzed, **analyses}
        if not aside:  # else taken once the bodies are rendered here, beside the copy
            job.choose_related(posts)

    prepared = parallel.prepare_all(units, workers, to_analyze=to_analyze, meanwhile=choose_related,
                                    out_dir=out_dir if on_workers else None,
                                    spelling=job.spelling.portable if forking else None,
                                    misspellings=job.spelling.ask, method=method,
                                    render_aside=job.may_fork and not aside)
    fresh = {post.id: result for post, result in zip(work, prepared.rendered) if result is not None}
    made = prepared.made
    job.spelling.learn(prepared.spelled, prepared.answers)
    rendered.update(fresh)
    unkept = [r for r in fresh.values() if not isinstance(r, RenderTooComplex)]
    failed = [(post, rendered[post.id]) for post in posts if isinstance(rendered[post.id], RenderTooComplex)]
    job.unrendered = {stored_id(post) for post, _ in failed}
    good = [post for post in posts if post.id not in job.unrendered]

    def keep_renders() -> None:
        """The fresh renders kept in the library, once: beside the workers making the files (the check's
        moment), rather than before them with every other core idle."""
        nonlocal unkept
        caches.store_renders(job.library, unkept)
        unkept = []

    try:
        def check_all(wait: bool) -> list[PostCheck]:
            """The check of every post; `wait=False`: the spelling of those whose texts wait for the Hebrew
            dictionary is left for after the files are written (its findings are only warnings)."""
            keep_renders()
            found = [job.check(post, rendered[post.id], wait=wait) for post in posts]
            if not force and any(c.errors for c in found if c.post.id not in job.unrendered):
                raise ExportBlocked(job.spelled(found, rendered))
            return found if job.spelled_later else job.spelled(found, rendered)

        checks: list[PostCheck] = []
        checked = False

        def check_once(wait: bool = True) -> None:
            nonlocal checks, checked
            if not checked:
                checks, checked = check_all(wait), True

        job.library.sound()  # a library whose file is damaged (checked aside since it opened) exports nothing
        if aside:  # all the files' inputs but the related cards, and the check, while the copy may still be at work
            job.know_posts(posts)
            if not on_workers:  # the check reads no related post: it is not left for after the copy's answer
                check_once(wait=False)
                if with_index:
                    _index_ahead(job, out_dir, good, rendered)
        job.choose_related(posts)
        # With workers, no picture copy is made before the check passes, and the posts' files are made
        # beside it (nothing is written when it blocks); in this process alone, the files are made in
        # memory first and the check runs just before they are written (see `units`), or before the
        # related posts are taken from the copy choosing them.
        job.want_pictures(good, rendered, fragment=fragment)
        if on_workers and job.pictures.wanted:
            check_once()
        pictures_made = job.pictures.make(job.original, workers=picture_workers or workers,
                                          pool=parallel.pool_maker(method)).made
        inputs: dict[int, str] = {}
        listed: dict[int, str] = {}

        def hash_inputs() -> None:
            if not inputs:
                inputs.update((stored_id(post), _files_inputs(job, post, rendered, fragment=fragment)) for post in good)
                listed.update(_listing_inputs(job, good, inputs) if with_index else {})

        # A library that keeps no exported file yet (its first export) has none unchanged: the inputs'
        # hashes, then needed only to keep what is written, are taken beside the workers making the files
        # (0.1 s at 5,000 posts, before them with a core idle).
        if on_workers and not caches.files_kept(job.library):
            kept: dict[int, list[str]] = {}
            remade = list(LISTING) if with_index else []
        else:
            hash_inputs()
            kept = caches.unchanged_files(job.library, out_dir, {**inputs, **listed})
            remade = [number for number in listed if number not in kept]  # of the index and the feed
        changed = [post for post in good if post.id not in kept]
        digests: dict[str, FileDigest] = {}  # of the files written, by path: kept without reading them back
        if on_workers and parallel.use_workers(workers, changed):
            def before_joining() -> None:
                check_once()
                hash_inputs()

            written, unchanged = parallel.write_all(
                out_dir, changed, workers, PostMaker.of(job, changed, rendered, fragment=fragment),
                first=_first_files(job, fragment=fragment),
                last=lambda: _listing_files(job, good, rendered, remade), made=made, method=method,
                before=before_joining, digests=digests, while_syncing=job.library.checkpoint,
                folders_first=_folders_to_make(job, changed, made, out_dir, fragment))
        else:
            hash_inputs()
            _check_targets(job, good, fragment=fragment, with_index=with_index)
            files = _render_files(job, changed, rendered, fragment=fragment)
            files.update(_listing_files(job, good, rendered, remade))
            check_once(wait=False)  # the Hebrew dictionary goes on loading while the files are written
            written, unchanged = write_files(out_dir, files, meanwhile=job.library.checkpoint)
            digests = {path: file_digest(data) for path, data in files.items()}
    except BaseException:
        StagedFiles.remove_folders(made)  # an export that stops leaves no empty folders behind
        keep_renders()  # as an export that gets to its check does
        raise
    unchanged += [out_dir / path for post in good if post.id in kept for path in kept[post.id]]
    unchanged += [out_dir / path for number in listed if number in kept for path in kept[number]]
    made_files = {inputs[stored_id(post)]: {path: digests[path] for path in _post_paths(job, post, rendered, fragment)}
                  for post in changed}
    made_files.update((listed[number], {path: digests[path]}) for number, path in LISTING.items() if number in remade)
    caches.store_files(job.library, made_files, keep=len(good) + len(listed), out_dir=out_dir)
    if job.spelled_later:
        checks = job.spelled(checks, rendered)
    return ExportResult(written=written, unchanged=unchanged, checks=checks, failed=failed, pictures_made=pictures_made)


def _files_inputs(job: _Job, post: Post, rendered: dict, *, fragment: bool) -> str:
    """The hash of everything a post's files are made from: the post, its rendered body, its related
    cards, its pictures' web copies (the bytes of each, by their hash: its cover's card and its related
    posts' thumbnails too), the settings, the templates and the code that fills them."""
    cards = [job.shown_key(p) for p in job.related(post)]
    return digest(job.files_inputs(fragment), job.card_key(post), job.body_hash(post.body),
                  job.uid(stored_id(post)), *cards, "pictures", *sorted(_picture_files(job, post, rendered, fragment)))


def _picture_files(job: _Job, post: Post, rendered: dict, fragment: bool) -> dict[str, bytes]:
    """The web copies a post's files carry, by their paths in the export (as `post_files` names them)."""
    files: dict[str, bytes] = {}
    place = job.place(post)
    page_path, folder = place.page_path, place.parent
    for sha256 in rendered[post.id].image_refs:
        job.pictures.body_source(sha256, folder, files)
    cover = None if fragment else job.cover(post)
    if cover is not None:
        job.pictures.card(cover[0], folder, files, page_address=job.settings.post_address(post, from_path=page_path),
                          alt=cover[1])
    thumbnails(job, job.related(post), folder, files)
    return files


def _folders_to_make(job: _Job, posts: list[Post], made: list[Path], out_dir: Path, fragment: bool) -> list[Path]:
    """The pages' folders not made while the posts were rendered (those of posts this process rendered)."""
    done = set(made)
    wanted = dict.fromkeys(out_dir / PurePosixPath(job.place(post).target(fragment)).parent for post in posts)
    return [folder for folder in wanted if folder not in done and folder != out_dir]


def _post_paths(job: _Job, post: Post, rendered: dict, fragment: bool) -> list[str]:
    """The paths of a post's files: its pictures' copies, then its page."""
    return [*_picture_files(job, post, rendered, fragment), job.place(post).target(fragment)]


def _render_files(job: _Job, posts: list[Post], rendered: dict, *, fragment: bool) -> dict[str, bytes]:
    """The files of the export but the index and feed by their path, in order (each post's images
    before its page)."""
    files = _first_files(job, fragment=fragment)
    for post in posts:
        for path, data in post_files(job, post, rendered, fragment=fragment).items():
            files.setdefault(path, data)
    return files


def _first_files(job: _Job, *, fragment: bool) -> dict[str, bytes]:
    if job.settings.css_mode == "linked" and not fragment:
        return {CSS_FILE: templates.page_css(job.settings.templates_dir).encode("utf-8")}
    return {}


def _check_targets(job: _Job, posts: list[Post], *, fragment: bool, with_index: bool) -> None:
    """No two posts may share a file, nor a post take the index's or the feed's."""
    taken = {INDEX_FILE, FEED_FILE} if with_index else set()
    for post in posts:
        target = job.place(post).target(fragment)
        if target in taken:
            raise ExportError(f"post {post.id} ({post.slug}) would overwrite {target}: change its slug or the "
                              "post address pattern", f"הפוסט {post.id} ({post.slug}) היה דורס את {target}: "
                              "יש לשנות את הכתובת שלו או את תבנית הכתובות")
        taken.add(target)


# The index and the feed among the exported files kept in the library (by numbers no post has).
LISTING = {-1: INDEX_FILE, -2: FEED_FILE}


def _listing_inputs(job: _Job, posts: list[Post], inputs: dict[int, str]) -> dict[int, str]:
    """The hash of what the index is made from (`_index_inputs`) and of what the feed is (each of its
    posts' files' inputs, in order)."""
    newest = listing.newest_first(posts)
    return {-1: _index_inputs(job, newest),
            -2: digest(job.files_inputs(False), FEED_FILE,
                       *(inputs[stored_id(p)] for p in newest[:listing.FEED_ENTRIES]))}


def _index_inputs(job: _Job, newest: list[Post]) -> str:
    """The hash of what the index is made from: every listed post's card, newest first (no related
    post: the index shows none), the settings, the templates and the code."""
    return digest(job.files_inputs(False), INDEX_FILE, job.settings.css_mode, *(job.shown_key(p) for p in newest))


def _index_ahead(job: _Job, out_dir: Path, good: list[Post], rendered: dict) -> None:
    """The index made now, if the folder's is not the one these posts make, while the related posts are
    still being chosen in the command line's copy (the index shows none); `_listing_files` takes it."""
    if -1 not in caches.unchanged_files(job.library, out_dir, {-1: _index_inputs(job, listing.newest_first(good))}):
        job.index_made = _listing_files(job, good, rendered, [-1])[INDEX_FILE]


def _listing_files(job: _Job, posts: list[Post], rendered: dict, numbers: list[int]) -> dict[str, bytes]:
    """The index and the feed, those of them whose `LISTING` number is given."""
    linked_css = job.settings.css_mode == "linked"
    files = {}
    if -1 in numbers:
        files[INDEX_FILE] = job.index_made or listing.index_page(
            job, posts, css_href=CSS_FILE if linked_css else None).encode("utf-8")
    if -2 in numbers:
        files[FEED_FILE] = listing.atom_feed(job, posts, rendered).encode("utf-8")
    return files
