"""The figures of an installed Ktav: the wheel's size, the frozen program's size, and start-up times.

    python benchmarks/install_figures.py [--frozen dist/frozen/ktav] [--runs N]

Start-up is timed from the command to its exit, as a person waits for it: a command (`list`) and the
window up to its first rendered preview saved as a screenshot (`--open 1 --screenshot`, offscreen), from
the source tree and from the frozen build (built by `python packaging/build_frozen.py`). Medians of N runs
after one unrecorded run (a cold disk cache would time the disk, not Ktav).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOT_SOURCE = shutil.ignore_patterns("__pycache__", ".git", ".venv", "build", "dist", "*.egg-info", "*.sqlite*")


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink())


def wheel_size(work: Path) -> int:
    shutil.copytree(ROOT, work / "source", ignore=NOT_SOURCE)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(work / "wheel"),
                    str(work / "source")], check=True, capture_output=True)
    return next((work / "wheel").glob("ktav-*.whl")).stat().st_size


def median_seconds(command: list[str], runs: int, cwd: Path) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    subprocess.run(command, check=True, capture_output=True, cwd=cwd, env=env)  # warm: files in the page cache
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, cwd=cwd, env=env)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--frozen", type=Path, default=ROOT / "dist" / "frozen" / "ktav")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ktav-figures-") as folder:
        work = Path(folder)
        print(f"wheel: {wheel_size(work) / 1024:.0f} KiB (ktav only; PySide6 and the rest are its dependencies)")
        db = work / "lib.sqlite"
        source = [sys.executable, str(ROOT / "main.py")]
        subprocess.run([*source, "import", "--db", str(db), "--samples"], check=True, capture_output=True)
        programs = {"source tree": source}
        frozen = args.frozen / ("ktav.exe" if sys.platform == "win32" else "ktav")
        if frozen.exists():
            print(f"frozen folder: {folder_size(args.frozen) / 2**20:.0f} MiB ({args.frozen})")
            programs["frozen build"] = [str(frozen)]
        else:
            print(f"frozen folder: not built ({frozen} missing: python packaging/build_frozen.py)")
        for name, program in programs.items():
            command = median_seconds([*program, "list", "--db", str(db)], args.runs, work)
            window = median_seconds([*program, "--db", str(db), "--open", "1", "--screenshot", str(work / "w.png")],
                                    max(1, args.runs // 2), work)
            print(f"{name:12}  start-up of a command (list): {command:.2f} s   "
                  f"window to its first rendered preview: {window:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
