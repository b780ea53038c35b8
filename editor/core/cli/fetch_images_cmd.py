"""`ktav fetch-images --id N`: a post's images on other sites brought into the library (the text then
points at the library's copy; a revision keeps the text as it was). Each address that fails is named."""

from __future__ import annotations

import argparse
import sys

from editor.core.cli import add_db_argument, open_library

EXIT_SOME_FAILED = 1


def register(subparsers) -> None:
    parser = subparsers.add_parser("fetch-images", help="bring a post's remote images into the library")
    add_db_argument(parser)
    parser.add_argument("--id", type=int, required=True, metavar="N", help="the post's id")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from editor.core.importing.remote_images import fetch_remote_images  # PIL and http: only when it runs
    from editor.core.review.workflow import user_name

    with open_library(args) as library:
        report = fetch_remote_images(library, args.id, author=user_name(library))
    for address, sha256 in report.fetched:
        print(f"{address} -> ktav-image:{sha256}")
    for error in report.failed:
        print(f"ktav: {error.message}", file=sys.stderr)
    print(f"fetch-images: {len(report.fetched)} fetched, {len(report.failed)} failed")
    return EXIT_SOME_FAILED if report.failed else 0
