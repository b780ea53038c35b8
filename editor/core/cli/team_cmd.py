"""`ktav team clone URL --db PATH` and `ktav team share URL`: join a team's library, or share this one."""

from __future__ import annotations

import argparse
from pathlib import Path

from editor.core.cli import add_db_argument, open_library


def register(subparsers) -> None:
    parser = subparsers.add_parser("team", help="a team's shared library on git: join one, or share this library")
    actions = parser.add_subparsers(dest="team_action", metavar="ACTION", required=True)
    clone = actions.add_parser("clone", help="join a team: a new library at --db, cloned from URL")
    clone.add_argument("url", metavar="URL", help="the team repository (a path, ssh://, git@host:..., https://, git://)")
    clone.add_argument("--db", type=Path, required=True, help="the new library file")
    clone.set_defaults(run=run_clone)
    share = actions.add_parser("share", help="share this library: push it to URL, an empty git repository")
    share.add_argument("url", metavar="URL", help="an empty repository the team can reach")
    add_db_argument(share)
    share.set_defaults(run=run_share)


def run_clone(args: argparse.Namespace) -> int:
    from editor.core.team.joining import join_team

    report = join_team(args.url, args.db)
    print(report.summary)
    for problem in report.problems:
        print(f"  not read: {problem}")
    return 0


def run_share(args: argparse.Namespace) -> int:
    from editor.core.team.joining import share_library

    with open_library(args) as library:
        report = share_library(library, args.url)
    print(report.summary)
    return 0
