"""Which library to open: the one named by --db, or the default one, new with its welcome post."""

from __future__ import annotations

from pathlib import Path

from editor.core.library.store import Library


def open_chosen_library(db: Path | None, *, read_only: bool = False) -> Library:
    if db is not None:
        return Library.open(db, read_only=read_only)
    from editor.core.importing.samples import ensure_welcome_post

    library = Library.open(Library.default_path(), read_only=read_only)
    if library.created:
        ensure_welcome_post(library)
    return library
