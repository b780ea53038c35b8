"""The related index as the library grows, beside scikit-learn TF-IDF in the same run.

Memory and query p50/p99 at 1,000 / 10,000 / 50,000 posts (each engine and size in a fresh process:
its peak resident memory grown by the build, then 300 queries, CPU time) -- a saved post's top 3
(the export's query, by id) and a post as it is being written (the window's related panel: the
post's text analyzed, its top 8 with their reasons) -- and the
batch "top 3 for every post" of an export at 1,000 / 5,000 / 20,000 posts (CPU ms per post).
Posts come from `related_speed.generate_posts` (the corpus's sentences recombined), with, with
`--rare` (the default), a few words of their own each, as real posts have names and places.

    python benchmarks/related_scale.py [--memory-sizes 1000,10000,50000] [--batch-sizes 1000,5000,20000]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from related_speed import SEED, generate_posts, percentile, tfidf_text, time_tfidf_drafts, time_tfidf_queries

from editor.core.models import Post

QUERIES = 300
EXPORT_LIMIT = 3
WINDOW_LIMIT = 8  # the related panel's suggestions
SAVES = 1000
GOAL_MEMORY_RATIO = 3.0
GOAL_QUERY_P99_MS = 10.0
clock = time.process_time
_LETTERS = "אבגדהוזחטיכלמנסעפצקרשת"


def posts_for(count: int, rare: bool) -> list[Post]:
    """The generated posts; with `rare`, each body gains three made-up words drawn from a vocabulary
    that grows with the library (as names and places do), so that not every post shares every word."""
    posts = generate_posts(count)
    if not rare:
        return posts
    rng = random.Random(SEED + 2)
    vocabulary = max(50, count // 2)
    for post in posts:
        words = [_word(rng.randrange(vocabulary)) for _ in range(3)]
        post.body = f"{post.body}\n\n{' '.join(words)}."
    return posts


def _word(number: int) -> str:
    letters = []
    number += len(_LETTERS) ** 2  # at least three letters
    while number:
        number, digit = divmod(number, len(_LETTERS))
        letters.append(_LETTERS[digit])
    return "".join(letters)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(engine: str, task: str, count: int, rare: bool) -> dict:
    posts = posts_for(count, rare)
    texts = [tfidf_text(p) for p in posts]
    query_ids = random.Random(SEED + 1).sample([p.id for p in posts], min(QUERIES, len(posts)))
    by_id = {p.id: p for p in posts}
    drafts = [by_id[i] for i in query_ids]
    if engine == "ktav":
        from editor.core.related import RelatedIndex
        from editor.core.related.batch import related_ids

        before = peak_mb()
        started = clock()
        index = RelatedIndex(posts)
        index.query(query_ids[0], limit=3)  # the first query makes the champion lists
        figures = {"build_s": clock() - started, "memory_mb": peak_mb() - before}
        if task == "batch":
            started = clock()
            related_ids(index, [p.id for p in posts], 3)
            figures["batch_ms_per_post"] = (clock() - started) / len(posts) * 1000
            return figures
        times = _timed(lambda post_id: index.query(post_id, limit=EXPORT_LIMIT), query_ids)
        draft_times = _timed(lambda draft: index.query(draft, limit=WINDOW_LIMIT), drafts)
        edited = _saved_edits(index, posts)  # the window's state after a while: many rows changed
        figures["changed_rows"] = index.changed_rows()
        for name, values in (("saved_edited", _timed(lambda post_id: index.query(post_id, limit=EXPORT_LIMIT), query_ids)),
                             ("draft_edited", _timed(lambda post_id: index.query(edited.get(post_id) or by_id[post_id],
                                                                                    limit=WINDOW_LIMIT), query_ids))):
            figures[f"{name}_p50_ms"] = percentile(values, 0.5) * 1000
            figures[f"{name}_p99_ms"] = percentile(values, 0.99) * 1000
        figures["overlay_rows"] = index.changed_rows()  # fewer if a query built the lists again
    else:
        from sklearn.feature_extraction.text import TfidfVectorizer

        before = peak_mb()
        started = clock()
        vectorizer = TfidfVectorizer(sublinear_tf=True)
        matrix = vectorizer.fit_transform(texts)
        figures = {"build_s": clock() - started, "memory_mb": peak_mb() - before}
        row = {p.id: i for i, p in enumerate(posts)}
        if task == "batch":
            started = clock()
            for start in range(0, matrix.shape[0], 256):
                scores = (matrix[start:start + 256] @ matrix.T).toarray()
                for offset in range(len(scores)):
                    scores[offset, start + offset] = -1.0
                scores.argpartition(-3, axis=1)[:, -3:]
            figures["batch_ms_per_post"] = (clock() - started) / len(posts) * 1000
            return figures
        times = time_tfidf_queries(matrix, row, query_ids)
        draft_times = time_tfidf_drafts(vectorizer, matrix, row, drafts, WINDOW_LIMIT)
    for name, values in (("saved", times), ("draft", draft_times)):
        figures[f"{name}_p50_ms"] = percentile(values, 0.5) * 1000
        figures[f"{name}_p99_ms"] = percentile(values, 0.99) * 1000
    return figures


def _saved_edits(index, posts: list[Post]) -> dict[int, Post]:
    """SAVES saves of posts edited (a paragraph of another post added), as a writer's day brings."""
    rng = random.Random(SEED + 3)
    edited: dict[int, Post] = {}
    for _ in range(SAVES):
        post, other = rng.choice(posts), rng.choice(posts)
        current = edited.get(post.id, post)
        edited[post.id] = current.copy(body=f"{current.body}\n\n{other.body.split(chr(10) * 2)[0]}")
        index.update(edited[post.id])
    return edited


def _timed(ask, questions: list) -> list[float]:
    times = []
    for question in questions:
        started = clock()
        ask(question)
        times.append(clock() - started)
    return times


def run_child(engine: str, task: str, count: int, rare: bool) -> dict:
    command = [sys.executable, __file__, "--child", engine, task, str(count)] + ([] if rare else ["--no-rare"])
    done = subprocess.run(command, capture_output=True, text=True)
    line = next((row for row in done.stdout.splitlines() if row.startswith("{")), None)
    if line is None:
        raise SystemExit(done.stderr[-3000:])
    return json.loads(line)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--memory-sizes", default="1000,10000,50000")
    parser.add_argument("--batch-sizes", default="1000,5000,20000")
    parser.add_argument("--no-rare", dest="rare", action="store_false", help="only the corpus's own words")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        engine, task, count = args.child
        print(json.dumps(child(engine, task, int(count), args.rare)), flush=True)
        return 0
    print(f"posts from the corpus's sentences{' plus three words of their own each' if args.rare else ''}; CPU time")
    print(f"{'posts':>7}  {'query':<20} {'Ktav p50 ms':>11} {'Ktav p99 ms':>11} {'sklearn p50':>11} {'sklearn p99':>11}"
          f" {'Ktav MB':>8} {'sklearn MB':>10} {'ratio':>6} {'Ktav build s':>12} {'sklearn build s':>15}")
    for size in (int(s) for s in args.memory_sizes.split(",") if s):
        ktav, peer = run_child("ktav", "query", size, args.rare), run_child("sklearn", "query", size, args.rare)
        memory = (f" {ktav['memory_mb']:>8.1f} {peer['memory_mb']:>10.1f} {ktav['memory_mb'] / max(peer['memory_mb'], 0.1):>6.2f}"
                  f" {ktav['build_s']:>12.2f} {peer['build_s']:>15.2f}")
        kinds = (("saved", f"saved post, top {EXPORT_LIMIT}"), ("draft", f"as written, top {WINDOW_LIMIT}"),
                 ("saved_edited", f"  after {SAVES:,} saves"), ("draft_edited", "  as written, after"))
        for name, label in kinds:
            theirs = (f" {peer[f'{name}_p50_ms']:>11.2f} {peer[f'{name}_p99_ms']:>11.2f}" if f"{name}_p50_ms" in peer
                      else f" {'—':>11} {'—':>11}")
            print(f"{size:>7,}  {label:<20} {ktav[f'{name}_p50_ms']:>11.2f} {ktav[f'{name}_p99_ms']:>11.2f}{theirs}{memory}",
                  flush=True)
            memory = ""
        print(f"{'':>9}(the saves changed {ktav['changed_rows']:,} rows; the queries read"
              f" {ktav['overlay_rows']:,} through the overlay, the lists being built again past an eighth"
              " of the library; a TF-IDF matrix is fitted again instead)", flush=True)
    print("\nbatch: the top 3 of every post (Ktav's export ranking; sklearn: cosine by blocks, no feedback)")
    print(f"{'posts':>7} {'Ktav ms/post':>13} {'sklearn ms/post':>16}")
    first = None
    for size in (int(s) for s in args.batch_sizes.split(",") if s):
        ktav, peer = run_child("ktav", "batch", size, args.rare), run_child("sklearn", "batch", size, args.rare)
        first = first or ktav["batch_ms_per_post"]
        print(f"{size:>7,} {ktav['batch_ms_per_post']:>13.3f} {peer['batch_ms_per_post']:>16.3f}"
              f"   (Ktav × {ktav['batch_ms_per_post'] / first:.2f} of the smallest)", flush=True)
    print(f"\ngoals: memory ≤ {GOAL_MEMORY_RATIO:.0f}× sklearn at 10,000; query p99 ≤ {GOAL_QUERY_P99_MS:.0f} ms at 50,000"
          " (every kind);"
          " batch cost per post flat")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
