"""`ktav sync`: synchronize a team library with its remote; one summary line and an exit code (for cron)."""

from __future__ import annotations

import argparse

from editor.core.cli import add_db_argument, open_library


def register(subparsers) -> None:
    parser = subparsers.add_parser("sync", help="synchronize a team library: commit, fetch, merge, push")
    add_db_argument(parser)
    parser.add_argument("--json", action="store_true",
                        help="print the report (or the refusal) as one JSON line, for a program to read")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from editor.core.errors import KtavError
    from editor.core.team.sync import sync
    from editor.core.team.sync_process import error_json, report_json

    if not args.json:
        with open_library(args) as library:
            report = sync(library)
        print(report.summary)
        return 0
    try:
        with open_library(args) as library:
            report = sync(library)
    except KtavError as error:
        print(error_json(error), flush=True)
        return 1
    print(report_json(report), flush=True)
    return 0
