"""`ktav related`: the posts most related to a post, with the reason for each (or as JSON).

All posts outside the trash are ranked (drafts too, marked: a writer exploring the library wants
them); `--linkable` keeps only those an exported page may link to.
"""

from __future__ import annotations

import argparse
import json

from editor.core.cli import add_db_argument, open_library
from editor.core.models import LINKABLE_STATUSES

DEFAULT_LIMIT = 5


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def register(subparsers) -> None:
    parser = subparsers.add_parser("related", help="the posts most related to a post")
    add_db_argument(parser)
    parser.add_argument("--id", type=int, required=True, metavar="N", help="the post's id")
    parser.add_argument("--limit", type=_positive, default=DEFAULT_LIMIT, metavar="K",
                        help=f"how many posts (default {DEFAULT_LIMIT})")
    parser.add_argument("--linkable", action="store_true",
                        help="only posts a page may link to (approved or published), as export chooses")
    parser.add_argument("--json", action="store_true",
                        help='print [{"id", "title", "score"}], best first')
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from editor.core.related import suggest_for  # only this command pays for it

    with open_library(args, read_only=True) as library:
        post = library.get_post(args.id)
        suggestions = suggest_for(library, args.id, args.limit, linkable_only=args.linkable)
    if args.json:
        rows = [{"id": s.post_id, "title": s.title, "score": round(s.score, 4)} for s in suggestions]
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    print(f"Related to {post.id}: {post.title}")
    if not suggestions:
        kind = "approved or published post" if args.linkable else "post"
        print(f"  (no {kind} shares enough words with it)")
    for rank, s in enumerate(suggestions, start=1):
        date = s.date.strftime("%d.%m.%Y") if s.date else "—"
        status = "" if s.status in LINKABLE_STATUSES else f"  [{s.status.value}: not linked on export]"
        print(f"{rank:>3}. {s.post_id:>5}  {date:<10}  {s.score:6.3f}  {s.title}{status}")
        print(f"{'':>20}because of: {s.reason or '—'}")
    return 0
