"""Prints how much typed text a SIGKILL of the real window loses: the figure must be 0.

Each round opens the desk (`tests/support/typist.py`, the product's own launch, offscreen) on a
library, types into a new or an existing post — steadily, never pausing for a second, or in bursts
with pauses — and kills the window with SIGKILL at a random moment; the library is then read and
the characters typed more than 2 s before the kill that are missing are counted.

    python benchmarks/crash.py [--rounds 50] [--seed 1]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "support"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from typist import SAFE_AFTER_S, crash_round

from editor.core.library.store import Library
from editor.core.models import Post


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--longest", type=float, default=25.0, help="latest kill, seconds into the typing")
    args = parser.parse_args()
    chooser = random.Random(args.seed)
    totals = {"typed": 0, "promised": 0, "missing": 0}
    rounds_losing = 0
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "library.sqlite"
        with Library.open(db) as library:
            library.add_post(Post(title="פוסט קיים", body="פסקה ראשונה של פוסט קיים, עם English ומספרים 4-5."))
        print(f"{'round':>5} {'post':>5} {'pace':>7} {'kill s':>7} {'typed':>6} {'>2 s':>6} {'lost':>5}")
        for number in range(1, args.rounds + 1):
            post = chooser.choice(("1", "new"))
            pace = chooser.choice(("steady", "bursts"))
            kill_after = chooser.uniform(2.5, args.longest)
            outcome = crash_round(db, post, pace, chooser.randrange(10**6), kill_after)
            for key in totals:
                totals[key] += getattr(outcome, key)
            rounds_losing += outcome.missing > 0
            print(f"{number:>5} {post:>5} {pace:>7} {kill_after:>7.1f} {outcome.typed:>6} "
                  f"{outcome.promised:>6} {outcome.missing:>5}", flush=True)
    print(f"\n{args.rounds} kills in {time.monotonic() - started:.0f} s: {totals['typed']} characters typed, "
          f"{totals['promised']} of them more than {SAFE_AFTER_S:.0f} s before a kill; "
          f"missing after reopening: {totals['missing']} (rounds that lost text: {rounds_losing})")
    return 1 if totals["missing"] else 0


if __name__ == "__main__":
    sys.exit(main())
