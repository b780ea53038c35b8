"""`ktav list`: the posts of the library, searched (Hebrew-aware) and filtered by status."""

from __future__ import annotations

import argparse
import json

from editor.core.cli import add_db_argument, open_library
from editor.core.cli.import_cmd import _status


def register(subparsers) -> None:
    parser = subparsers.add_parser("list", help="list posts")
    add_db_argument(parser)
    parser.add_argument("--search", metavar="TEXT", help="words to find (niqqud, final letters and prefixes ignored)")
    parser.add_argument("--status", type=_status, help="only posts in this status")
    parser.add_argument("--trash", action="store_true", help="list the posts in the trash")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    with open_library(args, read_only=args.db is not None) as library:
        posts = library.list_posts(search=args.search, status=args.status, trash=args.trash)
    if args.json:
        rows = [{"id": p.id, "slug": p.slug, "title": p.title, "status": p.status.value,
                 "date": p.date.isoformat() if p.date else None} for p in posts]
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    for p in posts:
        date = p.date.strftime("%d.%m.%Y") if p.date else "—"
        print(f"{p.id:>5}  {date:<10}  {p.status.value:<17}  {p.title}")
    return 0
