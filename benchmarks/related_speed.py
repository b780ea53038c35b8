"""Speed of the related-posts index at 10,000 generated posts, beside scikit-learn TF-IDF cosine."""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.related_quality import SAMPLES, load_corpus
from editor.core.models import Post, Status
from editor.core.related import RelatedIndex
from editor.core.related.batch import related_ids

SEED = 20261127
QUERIES = 300
# CPU time of this process: on a shared, busy machine wall time mostly measures the neighbours.
clock = time.process_time
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def generate_posts(count: int, seed: int = SEED) -> list[Post]:
    """Posts made by recombining the corpus's sentences, titles and tags (the same for a seed)."""
    corpus = load_corpus(SAMPLES)
    rng = random.Random(seed)
    sentences = [s for p in corpus for s in _SENTENCE_END.split(p.body.replace("\n", " ")) if len(s) > 20]
    leads = [p.lead for p in corpus]
    titles = [p.title for p in corpus]
    tags = sorted({t for p in corpus for t in p.tags})
    start = dt.date(2012, 1, 1)
    posts = []
    for number in range(1, count + 1):
        title_words = rng.choice(titles).split() + rng.choice(titles).split()
        posts.append(Post(
            id=number,
            title=" ".join(rng.sample(title_words, min(len(title_words), rng.randint(4, 9)))),
            lead=rng.choice(leads),
            body="\n\n".join(" ".join(rng.sample(sentences, 4)) for _ in range(rng.randint(2, 5))),
            tags=rng.sample(tags, 3),
            date=start + dt.timedelta(days=rng.randint(0, 5000)),
            status=Status.PUBLISHED if rng.random() < 0.8 else Status.DRAFT,
        ))
    return posts


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def time_queries(index: RelatedIndex, query_ids: list[int]) -> list[float]:
    times = []
    for post_id in query_ids:
        started = clock()
        index.query(post_id, limit=3)
        times.append(clock() - started)
    return times


def peak_memory_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def time_engine(posts: list[Post], query_ids: list[int]) -> tuple[float, list[float], list[float], float]:
    memory = peak_memory_mb()
    started = clock()
    index = RelatedIndex(posts)
    for_export = clock() - started
    print(f"index for an export (without posting lists, which queries need): {for_export:.2f} s, "
          f"peak memory +{peak_memory_mb() - memory:.0f} MB")
    index._postings  # noqa: B018 (the window's first query makes them: counted in the build)
    build = clock() - started
    print(f"the index with posting lists grew the process's peak memory by {peak_memory_mb() - memory:.0f} MB")
    times = time_queries(index, query_ids)  # the first queries also fill the caches
    warm = time_queries(index, query_ids)
    edited = posts[0].copy(body=posts[0].body + " " + posts[1].body)
    started = clock()
    index.update(edited)
    update = clock() - started
    return build, times, warm, update


def time_sklearn(posts: list[Post], query_ids: list[int]) -> tuple[float, list[float]]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    started = clock()
    texts = [tfidf_text(p) for p in posts]
    matrix = TfidfVectorizer(sublinear_tf=True).fit_transform(texts)
    build = clock() - started
    row = {p.id: i for i, p in enumerate(posts)}
    return build, time_tfidf_queries(matrix, row, query_ids)


def time_tfidf_queries(matrix, row: dict[int, int], query_ids: list[int]) -> list[float]:
    """Each query's time on a TF-IDF matrix: cosine scores against every post, the top 3 sorted."""
    times = []
    for post_id in query_ids:
        started = clock()
        scores = (matrix @ matrix[row[post_id]].T).toarray().ravel()
        scores[row[post_id]] = -1.0
        top = scores.argpartition(-3)[-3:]
        sorted(top, key=lambda i: -scores[i])
        times.append(clock() - started)
    return times


def time_tfidf_drafts(vectorizer, matrix, row: dict[int, int], drafts: list[Post], limit: int) -> list[float]:
    """Each post as being written, on a TF-IDF matrix: its text made a vector, cosine scores against
    every post, the top `limit` (itself aside) sorted."""
    times = []
    for post in drafts:
        started = clock()
        vector = vectorizer.transform([tfidf_text(post)])
        scores = (matrix @ vector.T).toarray().ravel()
        scores[row[post.id]] = -1.0
        top = scores.argpartition(-limit)[-limit:]
        sorted(top, key=lambda i: -scores[i])
        times.append(clock() - started)
    return times


def tfidf_text(post: Post) -> str:
    """What the TF-IDF peer reads of a post: its fields as one text."""
    return f"{post.title}\n{post.lead}\n{' '.join(post.tags)}\n{post.body}"


def time_batch(posts: list[Post], query_ids: list[int]) -> tuple[float, bool]:
    """CPU seconds to rank the top 3 of every post at once (an export), and whether the queried posts
    got the same posts in the same order as one query each."""
    index = RelatedIndex(posts)
    start = clock()
    found = related_ids(index, [p.id for p in posts], 3)
    seconds = clock() - start
    return seconds, all(found[i] == [s.post_id for s in index.query(i, 3)] for i in query_ids)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=QUERIES)
    args = parser.parse_args()
    posts = generate_posts(args.posts)
    query_ids = random.Random(SEED + 1).sample([p.id for p in posts], min(args.queries, len(posts)))
    build, times, warm, update = time_engine(posts, query_ids)
    sk_build, sk_times = time_sklearn(posts, query_ids)
    ms = 1000.0
    print(f"{len(posts)} generated posts, {len(query_ids)} queries (top 3); CPU time of this process")
    print(f"{'':<26}{'build s':>10}{'query p50 ms':>14}{'query p99 ms':>14}")
    print(f"{'Ktav RelatedIndex':<26}{build:>10.2f}{percentile(times, .5) * ms:>14.2f}"
          f"{percentile(times, .99) * ms:>14.2f}")
    print(f"{'scikit-learn TF-IDF cosine':<26}{sk_build:>10.2f}{percentile(sk_times, .5) * ms:>14.2f}"
          f"{percentile(sk_times, .99) * ms:>14.2f}")
    print(f"{'ratio (Ktav / sklearn)':<26}{build / sk_build:>10.1f}"
          f"{percentile(times, .5) / percentile(sk_times, .5):>14.1f}"
          f"{percentile(times, .99) / percentile(sk_times, .99):>14.1f}")
    print(f"{'Ktav, caches warm':<26}{'':>10}{percentile(warm, .5) * ms:>14.2f}{percentile(warm, .99) * ms:>14.2f}")
    print(f"re-indexing one edited post: {update * ms:.1f} ms")
    batch, same = time_batch(posts, query_ids)
    print(f"every post's top 3 at once (export, no reasons): {batch:.2f} s, {batch / len(posts) * ms:.2f} ms/post "
          f"(one by one: {percentile(times, .5) * ms:.2f} ms p50); same posts and order: {'yes' if same else 'NO'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
