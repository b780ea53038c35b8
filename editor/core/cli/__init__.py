"""The command line: `python main.py [--db PATH] COMMAND ...`, one module per command."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from types import ModuleType

from editor.core.errors import KtavError

EXIT_ERROR = 1


def command_modules() -> list[ModuleType]:
    """Every command: a module with register(subparsers) (setting `run`, the function given the
    parsed arguments; `args.db` is the library path or None). Imported here rather than at the top
    because they import this package's helpers; a command that cannot be imported is an error."""
    from editor.core.cli import (
        bundle_cmd,
        export_cmd,
        fetch_images_cmd,
        import_cmd,
        list_cmd,
        open_cmd,
        related_cmd,
        site_cmd,
        sync_cmd,
        team_cmd,
    )

    return [import_cmd, list_cmd, export_cmd, related_cmd, bundle_cmd, site_cmd, fetch_images_cmd, team_cmd, sync_cmd,
            open_cmd]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ktav", description="Ktav: a Hebrew-first blog authoring desk")
    parser.add_argument("--db", type=Path, help="library file (default: the library in your data folder)")
    parser.add_argument("--open", type=int, metavar="ID", help="open the window on this post")
    parser.add_argument("--screenshot", type=Path, metavar="FILE.png",
                        help="with --open: save a PNG of the window once the preview is rendered, then exit")
    parser.add_argument("--install-desktop", action="store_true",
                        help="add Ktav to this user's applications menu, with its icon, opening .ktav bundles")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in command_modules():
        module.register(subparsers)
    return parser


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    """Commands accept --db after their name too (`list --db x.sqlite`)."""
    parser.add_argument("--db", type=Path, default=argparse.SUPPRESS, help="library file")


def run(args: argparse.Namespace) -> int:
    """Run a parsed command; a KtavError becomes a message on stderr and a non-zero exit."""
    try:
        return args.run(args)
    except KtavError as error:
        print(f"ktav: {error.message}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # the output was piped into `head` or the like
        sys.stderr.close()
        return EXIT_ERROR


def open_library(args: argparse.Namespace, *, read_only: bool = False, check_aside: bool = False):
    """The library named by --db, or the default one (created with a welcome post when new);
    `check_aside`: its whole-file check runs while it is read (`Library.open`)."""
    from editor.core.startup import open_chosen_library

    return open_chosen_library(args.db, read_only=read_only, check_aside=check_aside)
