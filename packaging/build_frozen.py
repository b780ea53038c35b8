"""Build the frozen Ktav with PyInstaller (packaging/ktav.spec) and smoke-test the program it made.

    pip install -e ".[package]" && python packaging/build_frozen.py [--no-build]

The smoke test, in a fresh folder: `import --samples` (48 posts), `related`, `export --all` on forked
workers and on spawned ones (what Windows and macOS use), and a screenshot of the window (offscreen),
whose preview must come from the render child (the frozen program started again). Exits non-zero on
any failure. Runs on Linux, Windows and macOS alike.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist" / "frozen"
WORK = ROOT / "build" / "frozen"
SAMPLES = len(list((ROOT / "resources" / "samples").glob("*.md")))


def program() -> Path:
    name = "ktav.exe" if sys.platform == "win32" else "ktav"
    return DIST / "ktav" / name


def build() -> None:
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
                    "--distpath", str(DIST), "--workpath", str(WORK), str(ROOT / "packaging" / "ktav.spec")],
                   check=True, cwd=ROOT)


def run(*args, env: dict | None = None, cwd: Path) -> subprocess.CompletedProcess:
    started = time.perf_counter()
    result = subprocess.run([str(program()), *map(str, args)], capture_output=True, text=True, encoding="utf-8",
                            cwd=cwd, env=env, timeout=300)
    took = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"FAILED ({result.returncode}): ktav {' '.join(map(str, args))}\n{result.stdout}\n{result.stderr}")
    print(f"ok  {took:5.1f} s  ktav {' '.join(map(str, args))}")
    return result


def smoke_test() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("PYTHONPATH", None)
    with tempfile.TemporaryDirectory(prefix="ktav-frozen-") as folder:
        work = Path(folder)
        db = work / "ספרייה.sqlite"
        imported = run("import", "--db", db, "--samples", env=env, cwd=work)
        assert f"{SAMPLES} added" in imported.stdout, imported.stdout
        related = run("related", "--db", db, "--id", "1", env=env, cwd=work)
        assert len(related.stdout.splitlines()) >= 3, related.stdout
        exports = {}
        for method in ("fork", "spawn"):
            if method == "fork" and sys.platform == "win32":
                continue
            out = work / f"site-{method}"
            run("export", "--db", db, "--out", out, "--all", "--jobs", "3", "--start-method", method, env=env, cwd=work)
            pages = list(out.glob("*/index.html"))
            assert len(pages) == SAMPLES and (out / "index.html").is_file() and (out / "feed.xml").is_file()
            exports[method] = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
        if len(exports) == 2:
            assert exports["fork"] == exports["spawn"], "spawned workers wrote other bytes than forked ones"
        shot = work / "window.png"
        window = run("--db", db, "--open", "1", "--screenshot", shot, env=env, cwd=work)
        assert "render process" not in window.stderr, window.stderr  # the preview came from the render child
        data = shot.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000, "no real screenshot"
        kept = ROOT / "dist" / "frozen-window.png"
        kept.write_bytes(data)
        print(f"smoke test passed; the window's screenshot: {kept}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-build", action="store_true", help="smoke-test the program already built")
    args = parser.parse_args()
    if not args.no_build:
        build()
    if not program().exists():
        raise SystemExit(f"no frozen program at {program()}")
    smoke_test()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
