"""`ktav sync`: synchronize a team library with its remote; one summary line and an exit code (for cron)."""

from __future__ import annotations

import argparse

from editor.core.cli import add_db_argument, open_library


def register(subparsers) -> None:
    parser = subparsers.add_parser("sync", help="synchronize a team library: commit, fetch, merge, push")
    add_db_argument(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from editor.core.team.sync import sync

    with open_library(args) as library:
        report = sync(library)
    print(report.summary)
    return 0
