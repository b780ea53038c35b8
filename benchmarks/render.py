"""Prints the render pipeline's time against bare Python-Markdown on 2,000- and 20,000-word posts.

Bare is Python-Markdown with the same standard extensions (tables, footnotes, fenced code with
Pygments, attr_list, sane_lists, toc) and one reused instance, without our processors and
without sanitizing. Posts are built deterministically from the sample corpus: its blocks,
shuffled with a fixed seed, until the word count is reached. Times are the CPU time of this
process (steadier than wall-clock time on a busy machine; `--wall` for the other), with the
contestants taking turns and the garbage collector paused while one runs, as timeit does.

    python benchmarks/render.py [--runs N] [--wall]
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from editor.core import resources
from editor.core.render.pipeline import render_markdown, standard_markdown
from editor.core.text import hebrew

SEED = 20261127
SIZES = (2_000, 20_000)
GOAL = 1.5


def corpus_blocks() -> list[str]:
    blocks = []
    for path in sorted(resources.path("samples").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
        blocks.extend(b.strip() for b in body.split("\n\n") if b.strip())
    return blocks


def make_post(words: int, blocks: list[str], seed: int = SEED) -> str:
    """A post of at least `words` words: the corpus blocks shuffled, repeated as needed."""
    rng = random.Random(seed)
    chosen: list[str] = []
    count = 0
    while count < words:
        batch = blocks[:]
        rng.shuffle(batch)
        for block in batch:
            chosen.append(block)
            count += hebrew.word_count(block)
            if count >= words:
                break
    return "\n\n".join(chosen) + "\n"


def interleaved_timings(
    functions: dict, text: str, runs: int, clock=time.process_time
) -> dict[str, list[float]]:
    """Milliseconds per run of each function, taking turns so a busy machine slows all alike."""
    for function in functions.values():
        function(text)  # warm-up: builds the instance, compiles the patterns
    results: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(runs):
        for name, function in functions.items():
            gc.collect()  # as timeit does: no collector pause lands inside one contestant's time
            gc.disable()
            try:
                start = clock()
                function(text)
                results[name].append((clock() - start) * 1000)
            finally:
                gc.enable()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="timed runs per case (default 9)")
    parser.add_argument(
        "--wall", action="store_true", help="wall-clock time instead of CPU time of this process"
    )
    args = parser.parse_args()
    clock = time.perf_counter if args.wall else time.process_time

    bare_md = standard_markdown()

    def bare(text: str) -> str:
        bare_md.reset()
        return bare_md.convert(text)

    blocks = corpus_blocks()
    kind = "wall-clock" if args.wall else "CPU"
    print(f"{kind} time, best and median of {args.runs} runs ({args.runs * 3} for 2,000 words)")
    print(f"{'post':>12} {'bare best':>10} {'bare med':>9} {'ktav best':>10} {'ktav med':>9}"
          f" {'ratio best':>11} {'ratio med':>10} {'+lines med':>11}")  # fmt: skip
    worst = 0.0
    for size in SIZES:
        post = make_post(size, blocks)
        words = hebrew.word_count(post)
        runs = max(3, args.runs if size > 5_000 else args.runs * 3)
        times = interleaved_timings(
            {
                "bare": bare,
                # With the word count, which is counted on first use: the window shows it.
                "ktav": lambda t: render_markdown(t).word_count,
                "lines": lambda t: render_markdown(t, line_numbers=True).word_count,
            },
            post,
            runs,
            clock,
        )
        base, ours, with_lines = times["bare"], times["ktav"], times["lines"]
        ratio_best = min(ours) / min(base)
        ratio_median = statistics.median(ours) / statistics.median(base)
        worst = max(worst, ratio_median)
        print(f"{words:>7} words {min(base):>8.1f}ms {statistics.median(base):>7.1f}ms"
              f" {min(ours):>8.1f}ms {statistics.median(ours):>7.1f}ms"
              f" {ratio_best:>10.2f}x {ratio_median:>9.2f}x {statistics.median(with_lines):>9.1f}ms")  # fmt: skip
    print(f"goal: pipeline <= {GOAL}x bare; worst median ratio {worst:.2f}x "
          f"({'met' if worst <= GOAL else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
