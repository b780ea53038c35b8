"""A sync in a process of its own, for the window: git and the merge never hold the window's interpreter.

The child is `ktav sync --db PATH --json` (the same command cron runs), which prints its report as one
JSON line; a refusal comes back as the same KtavError the sync raised, in both languages.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from editor.core.errors import ImportFileError, KtavError
from editor.core.team.sync import SyncReport

SYNC_TIMEOUT_S = 15 * 60  # a first sync of a large team library over a slow line


def ktav_command() -> list[str]:
    """How to run Ktav's own command line again (a frozen Ktav is its own interpreter)."""
    return [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "editor"]


def report_json(report: SyncReport) -> str:
    return json.dumps({"report": {
        "brought": report.brought, "sent": report.sent, "conflicts": report.conflicts, "kept": report.kept,
        "changed_ids": sorted(report.changed_ids),
        "problems": [{"path": p.path, "message": p.message, "message_he": p.message_he} for p in report.problems],
    }}, ensure_ascii=False)


def error_json(error: KtavError) -> str:
    return json.dumps({"error": {"message": error.message, "message_he": error.message_he}}, ensure_ascii=False)


def read_answer(output: str, errors: str = "") -> SyncReport:
    """The child's report (a KtavError raised as it said it); a child that said nothing is an error too."""
    line = next((row for row in reversed(output.splitlines()) if row.startswith("{")), None)
    if line is None:
        last = errors.strip().splitlines()[-1:] or ["no output"]
        raise KtavError(f"the sync stopped before it reported ({last[0]})", "הסנכרון נעצר לפני שדיווח מה נעשה")
    answer = json.loads(line)
    if "error" in answer:
        raise KtavError(answer["error"]["message"], answer["error"]["message_he"])
    report = answer["report"]
    problems = []
    for problem in report["problems"]:
        made = ImportFileError(problem["path"], "")
        made.message, made.message_he = problem["message"], problem["message_he"]
        problems.append(made)
    return SyncReport(brought=report["brought"], sent=report["sent"], conflicts=report["conflicts"],
                      kept=report["kept"], changed_ids=set(report["changed_ids"]), problems=problems)


def sync_in_child(library_path: Path) -> SyncReport:
    """Sync the library in a child process and wait for its report (the caller runs this off the UI thread)."""
    try:
        done = subprocess.run([*ktav_command(), "sync", "--db", str(library_path), "--json"], capture_output=True,
                              text=True, encoding="utf-8", timeout=SYNC_TIMEOUT_S, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as error:
        raise KtavError("the sync took too long and was stopped", "הסנכרון נמשך זמן רב מדי ונעצר") from error
    except OSError as error:
        raise KtavError(f"the sync could not start ({error.strerror})", "לא ניתן היה להתחיל את הסנכרון") from error
    return read_answer(done.stdout, done.stderr)
