"""Ktav's entry point: a command on the command line, or the window when no command is given."""

from __future__ import annotations

import os
import sys

from editor.core import child_process, cli

EXIT_NO_WINDOW = 2


def run() -> None:
    """The program (`ktav`, `python main.py`, `python -m editor`): `main`, then the process ends.

    After a command (not the window) it ends at once, its output flushed: an export leaves the library's
    posts, renders and related index behind, and Python's teardown (each object freed, atexit's joins,
    a last collection over everything) took 0.05-0.15 s after the work was done. Whatever a command
    writes is closed by the command itself (its `with` blocks), never left to an atexit handler."""
    raise SystemExit(main(leave_at_once=True))


def main(argv: list[str] | None = None, *, leave_at_once: bool = False) -> int:
    one_blas_thread()
    if getattr(sys, "frozen", False):  # a frozen Ktav's export workers start as this program (spawn)
        import multiprocessing

        multiprocessing.freeze_support()
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == [child_process.CHILD_ARGUMENT]:  # the preview's render process of a frozen Ktav
        child_process.serve(*argv[1:2])
        return 0
    args = cli.parse_arguments(argv)
    if args.install_desktop:
        return install_desktop()
    if args.command is not None and args.command != "open":
        args.leave_at_once = leave_at_once  # the command may leave its objects to the system (see export_cmd.run)
        code = cli.run(args)
        if leave_at_once:
            _leave(code)
        return code
    try:
        from editor.ui.desk.launch import launch
    except ImportError as error:
        print(f"ktav: the window cannot start ({error}); use a command: import, list, export",
              file=sys.stderr)
        return EXIT_NO_WINDOW
    return launch(db=args.db, open_id=args.open, screenshot=args.screenshot, files=getattr(args, "files", []))


def one_blas_thread() -> None:
    """numpy's OpenBLAS on one thread in Ktav and the processes it starts, unless the user says
    otherwise: its work here (the related index's small vectors) gains nothing from threads, and the
    thread it starts per core at numpy's import spins for a while, taking a core from the dictionary's
    loading, the library's check and the export's own processes (measured: 50-60 ms of a core for
    each process that imports numpy, and as much later on the clock of a loaded two-core machine)."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def _leave(code: int) -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`| head`) or a closed stream: nothing more to say
            pass
    os._exit(code)


def install_desktop() -> int:
    from editor.core.desktop_entry import install_desktop as install

    installed = install()
    for path in installed.files:
        print(f"wrote {path}")
    for note in installed.notes:
        print(note)
    return 0
