"""Importing files into the library: all files in one transaction, with a policy for existing slugs."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path

from editor.core.errors import ImportConflictError, ImportFileError
from editor.core.importing.local_pictures import PictureProblem
from editor.core.importing.readers import BUNDLE_SUFFIXES, ParsedFile, read_post_file
from editor.core.library.store import Library
from editor.core.models import Post, RevisionReason, Status
from editor.core.text import hebrew


class OnConflict(enum.StrEnum):
    SKIP = "skip"
    UPDATE = "update"
    COPY = "copy"


@dataclass
class ImportReport:
    added: list[Post] = field(default_factory=list)
    updated: list[Post] = field(default_factory=list)
    skipped: list[tuple[Path, Post]] = field(default_factory=list)
    bundles: list[object] = field(default_factory=list)
    picture_problems: list[PictureProblem] = field(default_factory=list)  # pictures named but not brought in

    def summary(self) -> str:
        parts = [f"{len(self.added)} added", f"{len(self.updated)} updated", f"{len(self.skipped)} skipped"]
        if self.picture_problems:
            parts.append(f"{len(self.picture_problems)} pictures not found or refused")
        if self.bundles:
            parts.append(f"{len(self.bundles)} bundles")
        return ", ".join(parts)


def import_files(library: Library, paths: list[Path], *, status: Status | None = None,
                 on_conflict: OnConflict | None = None, author: str = "") -> ImportReport:
    """Import every file or none: a bad file stops the import, named, before anything is written.

    A post whose address (slug) is already in the library needs `on_conflict`: skip it, update
    the stored post (a revision keeps what it was), or add a copy under a new address.
    """
    parsed: list[ParsedFile] = []
    bundle_paths: list[Path] = []
    for path in paths:
        if path.suffix.lower() in BUNDLE_SUFFIXES:
            if not path.is_file():
                raise ImportFileError(str(path), "no such file", "הקובץ אינו קיים")
            bundle_paths.append(path)
        else:
            parsed.append(read_post_file(path))
    if on_conflict is None:
        clashes = [f"{item.path} ({_slug_of(item.post)})" for item in parsed
                   if library.post_by_slug(_slug_of(item.post)) is not None]
        if clashes:
            raise ImportConflictError(clashes)
    report = ImportReport()
    with library.transaction():
        for item in parsed:
            post = item.post
            if status is not None:
                post.status = status
            existing = library.post_by_slug(_slug_of(post))
            if existing is None or on_conflict != OnConflict.SKIP:
                report.picture_problems += item.problems
                for image in item.images:  # the body refers to them by their sha256
                    if image.data is not None:
                        library.add_image(image.data, filename=image.filename)
            if existing is None or on_conflict == OnConflict.COPY:
                report.added.append(_add(library, post, author))
            elif on_conflict == OnConflict.UPDATE:
                report.updated.append(_update(library, existing, post, author))
            else:
                report.skipped.append((item.path, post))
        for path in bundle_paths:
            from editor.core.review.bundle import import_bundle

            report.bundles.append(import_bundle(library, path))
    return report


def _slug_of(post: Post) -> str:
    return hebrew.slug_of(post.slug, post.title)


def _add(library: Library, post: Post, author: str) -> Post:
    return library.add_post(post, author=author, reason=RevisionReason.IMPORT)


def _update(library: Library, existing: Post, incoming: Post, author: str) -> Post:
    updated = incoming.copy(id=existing.id, slug=existing.slug)
    return library.save_post(updated, revision=RevisionReason.IMPORT, author=author, note="import")
