"""`ktav open [FILE ...]`: the window, importing the given files first (what a file manager runs for a
`.ktav` bundle). The window itself is started by editor/app.py: the core never loads Qt."""

from __future__ import annotations

from pathlib import Path

from editor.core.cli import add_db_argument


def register(subparsers) -> None:
    parser = subparsers.add_parser("open", help="open the window, importing FILEs (a .ktav bundle, posts) first")
    add_db_argument(parser)
    parser.add_argument("files", nargs="*", type=Path, metavar="FILE", help="a .ktav bundle or posts to import")
    parser.set_defaults(run=None)  # the window, not a command run here
