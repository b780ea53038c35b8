"""Which library to open: the one named by --db, or the default one, new with its welcome post."""

from __future__ import annotations

from pathlib import Path

from editor.core.library.store import Library


def open_chosen_library(db: Path | None, *, read_only: bool = False, check_integrity: bool = True,
                        check_aside: bool = False) -> Library:
    """`check_integrity=False` leaves the whole-file check to the caller (`Library.damage()`, off the
    window's thread): at 10,000 posts it takes most of a second. `check_aside`: see `Library.open`."""
    if db is not None:
        return Library.open(db, read_only=read_only, check_integrity=check_integrity, check_aside=check_aside)
    from editor.core.importing.samples import ensure_welcome_post

    library = Library.open(Library.default_path(), read_only=read_only, check_integrity=check_integrity,
                           check_aside=check_aside)
    if library.created:
        ensure_welcome_post(library)
    return library
