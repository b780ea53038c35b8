"""`ktav import FILE...`: front-matter Markdown, text or HTML copied from the site, Word documents, bundles."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from editor.core.cli import add_db_argument, open_library
from editor.core.errors import KtavError
from editor.core.models import Status

# As editor.core.importing.into_library.OnConflict, whose readers are imported only for an import
# (every command builds this parser: an export must not wait for the Word reader).
ON_CONFLICT = ("skip", "update", "copy")


def register(subparsers) -> None:
    parser = subparsers.add_parser("import", help="import posts from files (all or nothing)")
    add_db_argument(parser)
    parser.add_argument("files", nargs="*", type=Path, metavar="FILE",
                        help=".md with front matter, .txt or .html copied from the site, .docx, .ktav bundle")
    parser.add_argument("--status", type=_status, help="status for every imported post")
    parser.add_argument("--on-conflict", type=_on_conflict, choices=ON_CONFLICT,
                        help="when a post with the same address exists: skip, update (keeps a revision) or copy")
    parser.add_argument("--samples", action="store_true", help="load the sample posts")
    parser.set_defaults(run=run)


def _on_conflict(text: str):
    from editor.core.importing.into_library import OnConflict

    try:
        return OnConflict(text)
    except ValueError:
        return text  # argparse then names the choices


def _status(text: str) -> Status:
    try:
        return Status.parse(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def run(args: argparse.Namespace) -> int:
    from editor.core.importing.into_library import import_files
    from editor.core.importing.samples import import_samples

    if not args.files and not args.samples:
        raise KtavError("nothing to import: name files, or use --samples")
    with open_library(args) as library:
        if args.samples:
            report = import_samples(library)
            print(f"samples: {report.summary()}")
        if args.files:
            report = import_files(library, args.files, status=args.status, on_conflict=args.on_conflict)
            for post in report.added:
                print(f"added    {post.id:>5}  {post.title}")
            for post in report.updated:
                print(f"updated  {post.id:>5}  {post.title}")
            for path, post in report.skipped:
                print(f"skipped         {post.title} ({path})")
            for result in report.bundles:
                print(f"bundle   {result}")
            for problem in report.picture_problems:
                print(f"ktav: {problem.file}: picture not brought in: {problem.message}", file=sys.stderr)
            print(report.summary())
    return 0
