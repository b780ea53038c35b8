"""Time the review core on a long post: locating comments, the word diff, a bundle round trip.

A long post is made from the sample corpus (every sample's body, one after another); comments
are placed on quotes spread through it; then the post is edited (a paragraph inserted at the top,
words changed inside quoted passages, a paragraph moved) and the comments are located again.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from editor.core import worddiff
from editor.core.importing.readers import read_post_file
from editor.core.library.store import Library
from editor.core.models import Post, RevisionReason
from editor.core.review import anchors
from editor.core.review import workflow as review
from editor.core.review.bundle import import_bundle, write_bundle

SAMPLES = ROOT / "resources" / "samples"


def long_body() -> str:
    bodies = [read_post_file(path).post.body for path in sorted(SAMPLES.glob("*.md"))]
    return "\n\n".join(bodies)


def quotes(body: str, count: int, rng: random.Random) -> list[tuple[str, int]]:
    paragraphs = [p for p in anchors.split_paragraphs(body) if len(p.text.split()) > 12]
    chosen = []
    for paragraph in rng.sample(paragraphs, min(count, len(paragraphs))):
        words = paragraph.text.split()
        start = rng.randrange(0, len(words) - 6)
        chosen.append((" ".join(words[start:start + 6]), paragraph.index))
    return chosen


def edited(body: str, placed: list[tuple[str, int]], rng: random.Random) -> str:
    parts = body.split("\n\n")
    parts.insert(0, "פסקה חדשה בראש הפוסט, שנוספה אחרי שההערות נכתבו.")
    text = "\n\n".join(parts)
    for quote, _ in placed[::3]:  # every third quote gets one word changed: found approximately
        words = quote.split()
        words[2] = words[2][:-1] if len(words[2]) > 3 else words[2] + "ים"
        text = text.replace(quote, " ".join(words), 1)
    parts = text.split("\n\n")
    parts.append(parts.pop(len(parts) // 2))  # a paragraph moved to the end
    return "\n\n".join(parts)


def best_of(repeat: int, action) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--comments", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(6)
    body = long_body()
    words = len(body.split())
    placed = quotes(body, args.comments, rng)
    made = [anchors.make_anchor(body, quote, paragraph) for quote, paragraph in placed]
    changed = edited(body, placed, rng)
    print(f"post: {words} words, {len(anchors.split_paragraphs(body))} paragraphs; {len(made)} comments")

    located = [anchors.resolve(a, changed) for a in made]
    exact = sum(1 for loc in located if loc and loc.exact)
    fuzzy = sum(1 for loc in located if loc and not loc.exact)
    print(f"after the edits: {exact} found exactly, {fuzzy} approximately, {located.count(None)} orphaned")
    variants = iter(f"{changed}\n\nסוף {n}." for n in range(args.repeat))  # a new text each time: nothing cached
    seconds = best_of(args.repeat, lambda: (lambda text: [anchors.resolve(a, text) for a in made])(next(variants)))
    print(f"locating all {len(made)} comments in a freshly edited text: {seconds * 1000:.0f} ms "
          f"({seconds * 1000 / len(made):.1f} ms each)")

    ops = worddiff.diff_words(body, changed)
    seconds = best_of(args.repeat, lambda: worddiff.diff_html(body, changed))
    print(f"word diff of the whole post as HTML: {seconds * 1000:.0f} ms "
          f"({sum(1 for op in ops if op.tag != 'equal')} changes)")

    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        with Library.open(folder / "a.sqlite") as source, Library.open(folder / "b.sqlite") as target:
            post = source.add_post(Post(title="פוסט ארוך לבדיקה", body=body), author="מיכל")
            for n in range(50):
                post = source.save_post(post.copy(body=body + f"\n\nגרסה {n}."), revision=RevisionReason.SAVE)
            for quote, paragraph in placed:
                review.add_comment(source, post.id, "דנה", "הערה", quote=quote, paragraph=paragraph)
            start = time.perf_counter()
            path = write_bundle(source, post.id, folder / "post.ktav")
            written = time.perf_counter() - start
            start = time.perf_counter()
            import_bundle(target, path)
            imported = time.perf_counter() - start
            start = time.perf_counter()
            again = import_bundle(target, path)
            second = time.perf_counter() - start
            size = path.stat().st_size
    print(f"bundle with 52 revisions and {len(placed)} comments ({size / 1024:.0f} KiB): "
          f"write {written * 1000:.0f} ms, import {imported * 1000:.0f} ms, "
          f"second import {second * 1000:.0f} ms (changed: {again.changed})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
