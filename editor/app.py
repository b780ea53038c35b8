"""Ktav's entry point: a command on the command line, or the window when no command is given."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from editor.core import cli

    return cli.main(sys.argv[1:] if argv is None else argv)
