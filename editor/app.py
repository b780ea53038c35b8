"""Ktav's entry point: a command on the command line, or the window when no command is given."""

from __future__ import annotations

import sys

from editor.core import cli

EXIT_NO_WINDOW = 2


def main(argv: list[str] | None = None) -> int:
    args = cli.build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    if args.command is not None:
        return cli.run(args)
    try:
        from editor.ui.desk.launch import launch
    except ImportError as error:
        print(f"ktav: the window cannot start ({error}); use a command: import, list, export",
              file=sys.stderr)
        return EXIT_NO_WINDOW
    return launch(db=args.db, open_id=args.open, screenshot=args.screenshot)
