"""`ktav export`: publish-ready pages (or CMS fragments), with index and feed for --all; `--check` only checks."""

from __future__ import annotations

import argparse
import gc
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from editor.core.cli import add_db_argument, open_library
from editor.core.heap import keep_freed_memory

EXIT_CHECK_FAILED = 1
LIST_FINDINGS_UP_TO = 10  # posts; a bigger batch gets a count of each kind of finding


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "export", help="export posts as publish-ready HTML",
        description="Export posts as pages of the site (with images, and index.html and feed.xml for --all). "
                    "The pre-publish check runs first: its errors stop the export unless --force.")
    add_db_argument(parser)
    parser.add_argument("--out", type=Path, metavar="DIR", help="folder to write into (created if missing)")
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--all", action="store_true", help="every approved or published post, the index and the feed")
    which.add_argument("--id", type=int, nargs="+", metavar="N", help="these posts (drafts too)")
    parser.add_argument("--fragment", action="store_true", help="the article and related block only, for the CMS")
    parser.add_argument("--check", action="store_true", help="only run the pre-publish check and list its findings")
    parser.add_argument("--force", action="store_true", help="export even when the check finds errors")
    parser.add_argument("--jobs", type=int, metavar="N", help="processes for a big export (default: one per core)")
    parser.add_argument("--no-spelling", action="store_true",
                        help="leave out the spell check (its unknown words are warnings)")
    parser.add_argument("--start-method", choices=("fork", "spawn", "forkserver"),
                        help="how those processes start (default: fork where the system has it, else spawn)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # A short batch whose objects are freed by their counts: the cycle collector's passes over every
    # post, analysis and page cost ~0.1 s (one post changed) to 0.3 s (a first export of 1,000 posts)
    # and found nothing worth keeping it for (the same peak memory without it). Forked workers inherit this.
    was_enabled = gc.isenabled()
    gc.disable()
    keep_freed_memory()  # its numpy temporaries and files, freed and made again by the thousand
    try:
        return _export(args)
    finally:
        # In a process that ends with the command (`app.run`), enabling it again would have the collector
        # pass over everything the export made and still holds, to free nothing (~30 ms at 1,000 posts).
        if was_enabled and not getattr(args, "leave_at_once", False):
            gc.enable()


def _export(args: argparse.Namespace) -> int:
    aside = _related_aside(args)  # before any thread starts
    try:
        return _export_with(args, aside)
    finally:
        if aside is not None:
            aside.abandon()  # not taken (the export stopped before): the copy is ended


def _export_with(args: argparse.Namespace, aside) -> int:
    if not args.no_spelling:  # the dictionaries load while the export's modules are imported
        from editor.core.spelling.portable import load_ahead, want_hebrew

        # A library that kept spelling answers (an export after one) may need no Hebrew dictionary: the
        # export says so once it has read them (`ExportSpelling.want_hebrew`); whatever stops it first
        # leaves it unloaded (a word asked of it loads it there).
        load_ahead(hebrew_when_wanted=not args.check and _spelling_kept(args))
        try:
            return _export_and_report(args, aside)
        finally:
            want_hebrew(False)
    return _export_and_report(args, aside)


def _spelling_kept(args: argparse.Namespace) -> bool:
    from editor.core.library.peek import has_rows

    return has_rows(args.db if args.db is not None else _default_library_path(), "checked_spelling")


def _export_and_report(args: argparse.Namespace, aside) -> int:
    from editor.core.export import ExportBlocked, ExportIncomplete, check_posts, export_posts
    from editor.core.forked import default_workers

    if not args.check and args.out is None:
        print("ktav: export needs --out DIR (or --check to only check)", file=sys.stderr)
        return EXIT_CHECK_FAILED
    post_ids = None if args.all else args.id
    # An existing library is opened for writing (falling back to read-only where it cannot be written):
    # an older one is migrated, and the export keeps its caches in it (editor/core/export/caches.py).
    # Its whole-file check runs meanwhile; the export waits for it before writing anything.
    with open_library(args, read_only=args.db is not None and not args.db.exists(), check_aside=True) as library:
        spelling = None if args.no_spelling else _spell_checker(library)
        if args.check:
            checks = _spelled(lambda checker: check_posts(library, post_ids, spelling=checker), spelling)
            library.sound()
            _print_findings(checks, sys.stdout)
            errors = sum(len(c.errors) for c in checks)
            warnings = sum(len(c.warnings) for c in checks)
            print(f"checked {len(checks)} posts: {errors} errors, {warnings} warnings")
            return EXIT_CHECK_FAILED if errors else 0
        try:
            result = _spelled(lambda checker: export_posts(
                library, args.out, post_ids, fragment=args.fragment, force=args.force,
                workers=args.jobs or default_workers(), spelling=checker, start_method=args.start_method,
                related_aside=aside), spelling)
        except ExportBlocked as blocked:
            _print_findings(blocked.checks, sys.stderr)
            print("ktav: nothing exported: the check found errors (use --force to export anyway)", file=sys.stderr)
            return EXIT_CHECK_FAILED
        except ExportIncomplete as incomplete:
            result = incomplete.result
    failed = {post.id for post, _ in result.failed}
    _print_warnings([c for c in result.checks if c.post.id not in failed], sys.stderr)
    # In one write: a line each is a write each where the output is unbuffered (PYTHONUNBUFFERED, a pipe).
    listed = [*(f"wrote {path}\n" for path in result.written), *(f"unchanged {path}\n" for path in result.unchanged)]
    sys.stdout.write("".join(listed))
    print(f"exported {len(result.checks) - len(failed)} posts: {len(result.written)} files written, "
          f"{len(result.unchanged)} unchanged, {result.pictures_made} picture copies made")
    for post, error in result.failed:  # the message names the line when it is known
        print(f"ktav: post {post.id} ({post.slug}) not exported: {error.message}", file=sys.stderr)
    return EXIT_CHECK_FAILED if result.failed else 0


def _related_aside(args: argparse.Namespace):
    """For an export of all with workers that fork, the related posts chosen in a forked copy from now
    on (`export.related_aside.RelatedAside`), while this process imports, reads and renders; else None."""
    if not args.all or args.check or args.out is None or (args.start_method or "fork") != "fork":
        return None
    from editor.core.export.related_aside import RelatedAside
    from editor.core.forked import default_workers

    path = args.db if args.db is not None else _default_library_path()
    if (args.jobs or default_workers()) < 2 or not Path(path).is_file():
        return None
    return RelatedAside.start(Path(path))


def _default_library_path() -> Path:
    from editor.core.library.store import Library

    return Library.default_path()


def _spell_checker(library):
    """The spell check for the pre-publish check, or None (said on stderr) when it cannot run here."""
    from editor.core.errors import SpellingError
    from editor.core.spelling import open_spell_checker

    try:  # the Hebrew dictionary goes on loading: only a text the library has no answer for waits for it
        return open_spell_checker(library=library, wait=False)
    except SpellingError as error:
        print(f"ktav: {error.message}", file=sys.stderr)
        return None


def _spelled(work: Callable[[Any], Any], spelling):
    """`work(spelling)`; when the Hebrew dictionary (found, and still loading as the work began) cannot be
    loaded, said on stderr and done again without the spell check, as when it cannot be opened at all."""
    from editor.core.errors import SpellingError

    try:
        return work(spelling)
    except SpellingError as error:
        if spelling is None:
            raise
        print(f"ktav: {error.message}", file=sys.stderr)
        return work(None)


def _print_findings(checks, stream) -> None:
    for check in checks:
        for finding in check.findings:
            print(f"post {check.post.id} ({check.post.slug}): {finding.describe()}", file=stream)


def _print_warnings(checks, stream) -> None:
    """What the check found in an export that went ahead: each finding, or a count by kind for a big batch."""
    findings = [(check, finding) for check in checks for finding in check.findings]
    if len(checks) <= LIST_FINDINGS_UP_TO:
        _print_findings(checks, stream)
        return
    counts = Counter(finding.code for _, finding in findings)
    if counts:
        summary = ", ".join(f"{code} x{count}" for code, count in sorted(counts.items()))
        print(f"check: {len(findings)} findings in {len(checks)} posts ({summary}); "
              "`export --check` lists them", file=stream)
