"""The command line as a user or a script drives it: `python main.py COMMAND ...`."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[3]
SAMPLES = ROOT / "resources" / "samples"


def ktav(*args, cwd=None):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)],
                          capture_output=True, text=True, cwd=cwd)


def test_import_the_corpus_then_list_shows_every_post(tmp_path):
    db = tmp_path / "lib.sqlite"
    files = sorted(SAMPLES.glob("*.md"))
    result = ktav("import", "--db", db, *files)
    assert result.returncode == 0, result.stderr
    listed = json.loads(ktav("list", "--db", db, "--json").stdout)
    assert len(listed) == len(files)
    by_title = {row["title"]: row for row in listed}
    for path in files:
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        row = by_title[meta["title"]]
        assert row["date"] == meta["date"].isoformat()
        assert set(row) == {"id", "slug", "title", "status", "date"}


def test_list_search_and_status_filters(tmp_path):
    db = tmp_path / "lib.sqlite"
    ktav("import", "--db", db, "--status", "published", *sorted(SAMPLES.glob("0*.md")))
    found = json.loads(ktav("list", "--db", db, "--json", "--search", "והמתמטיקה").stdout)
    assert found and all(row["status"] == "published" for row in found)
    assert json.loads(ktav("list", "--db", db, "--json", "--status", "draft").stdout) == []


def test_errors_go_to_stderr_with_a_non_zero_exit(tmp_path):
    db = tmp_path / "lib.sqlite"
    bad = tmp_path / "bad.md"
    bad.write_bytes("---\ntitle: x\n---\n".encode("utf-16"))
    result = ktav("import", "--db", db, bad)
    assert result.returncode != 0 and "bad.md" in result.stderr and "UTF-8" in result.stderr
    assert result.stdout == ""
    missing = ktav("import", "--db", db, tmp_path / "nope.md")
    assert missing.returncode != 0 and "nope.md" in missing.stderr
    not_a_db = tmp_path / "text.sqlite"
    not_a_db.write_text("hello")
    listed = ktav("list", "--db", not_a_db)
    assert listed.returncode != 0 and "not a Ktav library" in listed.stderr
    assert ktav("list", "--db", db, "--status", "nonsense").returncode != 0


def test_import_samples_loads_the_corpus(tmp_path):
    db = tmp_path / "lib.sqlite"
    assert ktav("import", "--db", db, "--samples").returncode == 0
    assert ktav("import", "--db", db, "--samples").returncode == 0  # a second time skips them
    assert len(json.loads(ktav("list", "--db", db, "--json").stdout)) == 48


def test_a_new_default_library_starts_with_the_welcome_post(tmp_path):
    env = {**__import__("os").environ, "XDG_DATA_HOME": str(tmp_path / "data"), "HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "list", "--json"],
                            capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    [welcome] = json.loads(result.stdout)
    assert welcome["title"] == "ברוכים הבאים לכתב"
    assert list((tmp_path / "data").rglob("*.sqlite"))


def test_related_ranks_drafts_too_unless_asked_for_linkable_posts(tmp_path):
    db = tmp_path / "lib.sqlite"
    education = [SAMPLES / "01-five-units-math-negev.md", SAMPLES / "17-bagrut-north-school.md",
                 SAMPLES / "08-regional-bus-line.md"]
    assert ktav("import", "--db", db, *education).returncode == 0  # drafts
    first = min(row["id"] for row in json.loads(ktav("list", "--db", db, "--json").stdout))
    rows = json.loads(ktav("related", "--db", db, "--id", first, "--json").stdout)
    assert len(rows) == 2 and first not in [r["id"] for r in rows]
    assert "draft" in ktav("related", "--db", db, "--id", first).stdout
    assert json.loads(ktav("related", "--db", db, "--id", first, "--json", "--linkable").stdout) == []


def test_every_command_module_is_on_the_command_line():
    from editor.core.cli import build_parser, command_modules

    modules = {module.__name__.rsplit(".", 1)[1] for module in command_modules()}
    assert modules == {path.stem for path in (ROOT / "editor" / "core" / "cli").glob("*_cmd.py")}
    help_text = build_parser().format_help()
    for name in ("import", "list", "export", "related", "bundle", "site", "open"):
        assert f"    {name} " in help_text


def _damaged_library(path: Path) -> None:
    """A library of approved posts whose file has pages in its middle overwritten."""
    from editor.core.library.store import Library
    from editor.core.models import Post, Status

    with Library.open(path) as library:
        for number in range(30):
            library.add_post(Post(title=f"פוסט {number} על רש\"י", body="מילים ו-AI ב־2026 " * 600,
                                  status=Status.APPROVED))
    data = bytearray(path.read_bytes())
    data[len(data) // 2:len(data) // 2 + 8192] = b"\xff" * 8192
    path.write_bytes(bytes(data))


def test_an_export_from_a_damaged_library_says_so_and_writes_nothing(tmp_path):
    db = tmp_path / "lib.sqlite"
    _damaged_library(db)
    before = db.read_bytes()
    out = tmp_path / "site"
    result = ktav("--db", str(db), "export", "--all", "--out", str(out))
    assert result.returncode == 1
    assert "damaged" in result.stderr and "Traceback" not in result.stderr
    assert not list(out.rglob("*.html")) and not list(out.rglob("*.xml"))
    assert db.read_bytes() == before  # nothing kept in it either (the caches wait for the check)
    checked = ktav("--db", str(db), "export", "--all", "--check")
    assert checked.returncode == 1 and "damaged" in checked.stderr


def test_a_commands_whole_output_reaches_its_pipe_though_the_process_ends_at_once(tmp_path):
    db = tmp_path / "lib.sqlite"
    assert ktav("import", "--db", db, "--status", "approved", *sorted(SAMPLES.glob("*.md"))).returncode == 0
    out = tmp_path / "site"
    buffered = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}  # as a user's shell
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db), "export", "--all", "--out", str(out),
                             "--no-spelling"], capture_output=True, text=True, env=buffered)
    assert result.returncode == 0, result.stderr
    wrote = [line for line in result.stdout.splitlines() if line.startswith("wrote ")]
    files = [p for p in out.rglob("*") if p.is_file()]
    assert len(wrote) == len(files) > 48 and result.stdout.rstrip().splitlines()[-1].startswith("exported 48 posts")
    head = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--db", str(db), "export", "--all", "--out",
                             str(tmp_path / "again"), "--no-spelling"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=buffered)
    assert head.stdout is not None and head.stderr is not None
    with head.stdout, head.stderr:
        assert head.stdout.readline().startswith(b"wrote ")
        head.stdout.close()  # as `| head -1` does: the rest of the output has nowhere to go
        assert head.wait(timeout=60) in (0, 1) and b"Traceback" not in head.stderr.read()


_THREADS_AFTER_NUMPY = """
import os, sys
from editor.app import main
main(["list", "--db", sys.argv[1]])
import numpy
print(len(os.listdir("/proc/self/task")))
"""


@pytest.mark.skipif(not Path("/proc/self/task").is_dir() or (os.cpu_count() or 1) < 2,
                    reason="counts a process's threads on a machine of two cores or more")
def test_numpy_in_ktav_starts_no_thread_of_its_own_unless_the_user_asks(tmp_path):
    db = tmp_path / "lib.sqlite"
    assert ktav("import", "--db", db, *sorted(SAMPLES.glob("*.md"))[:2]).returncode == 0
    environment = {key: value for key, value in os.environ.items() if key != "OPENBLAS_NUM_THREADS"}

    def threads(**extra: str) -> int:
        result = subprocess.run([sys.executable, "-c", _THREADS_AFTER_NUMPY, str(db)], capture_output=True, text=True,
                                env={**environment, **extra}, cwd=ROOT)
        assert result.returncode == 0, result.stderr
        return int(result.stdout.splitlines()[-1])

    assert threads() == 1  # OpenBLAS's spinning threads would take a core from the export's own work
    assert threads(OPENBLAS_NUM_THREADS="2") == 2  # the user's own setting stands


@pytest.mark.parametrize("argv", [
    ["export", "--db", "ספרייה.sqlite", "--all", "--jobs", "2", "--out", "אתר"],
    ["--db", "export", "list"],  # a library named after a command
    ["--db=lib.sqlite", "related", "--id", "3", "--json"],
    ["list", "--status", "draft"],
    ["--install-desktop"],
    [],
])
def test_a_command_line_is_read_as_the_whole_parser_reads_it(argv):
    from editor.core.cli import build_parser, parse_arguments

    whole = vars(build_parser().parse_args(argv))
    read = vars(parse_arguments(argv))
    assert read.keys() == whole.keys()
    assert {k: v for k, v in read.items() if k != "run"} == {k: v for k, v in whole.items() if k != "run"}
    assert getattr(read.get("run"), "__qualname__", None) == getattr(whole.get("run"), "__qualname__", None)


@pytest.mark.parametrize("argv, said", [
    (["exprt", "--all"], "invalid choice: 'exprt'"),
    (["export", "--db", "x.sqlite"], "one of the arguments --all --id is required"),
    (["--d", "x.sqlite", "lst"], "invalid choice: 'lst'"),  # an abbreviation: read by the whole parser
])
def test_a_mistaken_command_line_is_told_what_the_whole_parser_tells(argv, said):
    done = ktav(*argv)
    assert done.returncode == 2 and said in done.stderr and done.stderr.count("usage:") == 1


def test_a_command_imports_only_its_own_module_to_be_read():
    script = ("import sys; from editor.core.cli import parse_arguments; parse_arguments(['export', '--all', '--out', 'x']);"
              "print(sorted(m for m in sys.modules if m.endswith('_cmd')))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['editor.core.cli.export_cmd']"
    help_text = ktav("export", "--help").stdout
    assert help_text.count("usage: ktav export") == 1 and "--all" in help_text


_COLLECTOR_AFTER_EXPORT = """
import gc, sys
from editor.app import main
code = main(["export", "--db", sys.argv[1], "--all", "--jobs", "1", "--out", sys.argv[2]])
print(code, gc.isenabled())
"""


def test_an_export_run_inside_a_program_gives_it_its_cycle_collector_back(tmp_path):
    """The export runs without the collector; only a process that ends with it (`ktav export`) leaves it off."""
    db = tmp_path / "ספרייה.sqlite"
    assert ktav("import", "--db", db, *sorted(SAMPLES.glob("*.md"))[:3]).returncode == 0
    result = subprocess.run([sys.executable, "-c", _COLLECTOR_AFTER_EXPORT, str(db), str(tmp_path / "אתר")],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split()[-1] == "True"
    assert (tmp_path / "אתר" / "index.html").is_file()
