"""`ktav bundle`: write one post with its images, comments and history to a .ktav review bundle."""

from __future__ import annotations

import argparse
from pathlib import Path

from editor.core.cli import add_db_argument, open_library


def register(subparsers) -> None:
    parser = subparsers.add_parser("bundle", help="write a post for review elsewhere (read back by `import`)")
    add_db_argument(parser)
    parser.add_argument("--id", type=int, required=True, metavar="N", help="the post's id")
    parser.add_argument("--out", type=Path, required=True, metavar="FILE.ktav", help="the bundle to write")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from editor.core.review.bundle import write_bundle  # only this command pays for it

    out = args.out if args.out.suffix else args.out.with_suffix(".ktav")
    with open_library(args, read_only=True) as library:
        post = library.get_post(args.id)
        write_bundle(library, args.id, out)
        comments = len(library.comments(args.id))
        revisions = len(library.revisions(args.id))
    print(f"wrote {out}: post {post.id} {post.title} ({comments} comments, {revisions} revisions)")
    return 0
