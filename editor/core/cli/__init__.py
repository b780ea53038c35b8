"""The command line: `python main.py [--db PATH] COMMAND ...`, one module per command."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from types import ModuleType
from typing import NoReturn

from editor.core.errors import KtavError

EXIT_ERROR = 1


# Each command's name, by its module: a command line names one, and only its module need be imported to parse it.
COMMANDS = {"import": "import_cmd", "list": "list_cmd", "export": "export_cmd", "related": "related_cmd",
            "bundle": "bundle_cmd", "site": "site_cmd", "fetch-images": "fetch_images_cmd", "team": "team_cmd",
            "sync": "sync_cmd", "open": "open_cmd"}
# The options before a command that take a value (the value may be a command's name: `--db export`).
_VALUED = ("--db", "--open", "--screenshot")
_VALUED_JOINED = tuple(f"{name}=" for name in _VALUED)  # `--db=x.sqlite`


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


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    """`build_parser().parse_args(argv)`, importing only the named command's module where the command line
    plainly names one (the other nine cost a command ~12 ms of imports); anything the shorter parser
    refuses (a mistake, --help, an option it cannot tell) is parsed by the whole one, which says why."""
    named = _named_command(argv)
    if named is not None:
        import importlib

        module = importlib.import_module(f"editor.core.cli.{COMMANDS[named]}")
        try:
            return _parser([module], parser_class=_Refusing).parse_args(argv)
        except _Refused:
            pass
    return build_parser().parse_args(argv)


def _named_command(argv: list[str]) -> str | None:
    """The command the arguments name, found before any other word; None where that is not plain (help
    asked for anywhere, an option the short parser might read otherwise, such as an abbreviation)."""
    if "-h" in argv or "--help" in argv:
        return None  # printed by the parser that knows every command
    values_next = False
    for argument in argv:
        if values_next:
            values_next = False
        elif argument in _VALUED:
            values_next = True
        elif argument.startswith("-"):
            if argument != "--install-desktop" and not argument.startswith(_VALUED_JOINED):
                return None
        else:
            return argument if argument in COMMANDS else None
    return None


class _Refused(Exception):
    pass


class _Refusing(argparse.ArgumentParser):
    """A parser that raises where argparse would print an error and exit."""

    def error(self, message: str) -> NoReturn:
        raise _Refused(message)

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        raise _Refused(message or "")


def build_parser() -> argparse.ArgumentParser:
    return _parser(command_modules())


def _parser(modules: list[ModuleType], parser_class: type[argparse.ArgumentParser] = argparse.ArgumentParser
            ) -> argparse.ArgumentParser:
    parser = parser_class(prog="ktav", description="Ktav: a Hebrew-first blog authoring desk")
    parser.add_argument("--db", type=Path, help="library file (default: the library in your data folder)")
    parser.add_argument("--open", type=int, metavar="ID", help="open the window on this post")
    parser.add_argument("--screenshot", type=Path, metavar="FILE.png",
                        help="with --open: save a PNG of the window once the preview is rendered, then exit")
    parser.add_argument("--install-desktop", action="store_true",
                        help="add Ktav to this user's applications menu, with its icon, opening .ktav bundles")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in modules:
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
