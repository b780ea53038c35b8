"""Precision@3 of the related-posts engine on the sample corpus, beside simple baselines."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from editor.core.importing.readers import parse_front_matter_markdown
from editor.core.models import Post, Status
from editor.core.related import RelatedIndex

SAMPLES = ROOT / "resources" / "samples"
TOP = 3


def load_corpus(folder: Path) -> list[Post]:
    """The corpus's front-matter Markdown files as posts, ids in file order, all published."""
    posts = []
    for number, path in enumerate(sorted(folder.glob("*.md")), start=1):
        post = parse_front_matter_markdown(path.read_text(encoding="utf-8"), path.name)
        posts.append(post.copy(id=number, slug=path.stem, status=Status.PUBLISHED))
    return posts


def load_labels(folder: Path) -> dict[str, str]:
    lines = (folder / "labels.tsv").read_text(encoding="utf-8").splitlines()
    return dict(line.split("\t") for line in lines if line.strip())


def precision_at(ranker: Callable[[Post], list[int]], posts: list[Post], topic: dict[int, str]) -> float:
    hits = total = 0
    for post in posts:
        chosen = ranker(post)[:TOP]
        assert post.id not in chosen
        hits += sum(1 for other in chosen if topic[other] == topic[post.id])
        total += TOP
    return hits / total


def by_score(post: Post, posts: list[Post], score: Callable[[Post], float]) -> list[int]:
    """Other posts by score, best first; ties by the newer post, then id."""
    others = [p for p in posts if p.id != post.id]
    others.sort(key=lambda p: (-score(p), -(p.date or dt.date.min).toordinal(), p.id))
    return [p.id for p in others]


def recent_baseline(posts: list[Post]) -> Callable[[Post], list[int]]:
    return lambda post: by_score(post, posts, lambda p: 0.0)


def tags_baseline(posts: list[Post]) -> Callable[[Post], list[int]]:
    return lambda post: by_score(post, posts, lambda p: len(set(p.tags) & set(post.tags)))


def tfidf_baseline(posts: list[Post], **vectorizer_options) -> Callable[[Post], list[int]]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    texts = [f"{p.title}\n{p.lead}\n{' '.join(p.tags)}\n{p.body}" for p in posts]
    matrix = TfidfVectorizer(sublinear_tf=True, **vectorizer_options).fit_transform(texts)
    similarity = cosine_similarity(matrix)
    row = {p.id: i for i, p in enumerate(posts)}
    return lambda post: by_score(post, posts, lambda p: float(similarity[row[post.id], row[p.id]]))


def tfidf_while_writing(posts: list[Post], **vectorizer_options) -> Callable[[Post], list[int]]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    vectorizer = TfidfVectorizer(sublinear_tf=True, **vectorizer_options)
    matrix = vectorizer.fit_transform([f"{p.title}\n{p.lead}\n{' '.join(p.tags)}\n{p.body}" for p in posts])
    row = {p.id: i for i, p in enumerate(posts)}

    def ask(post: Post) -> list[int]:
        similarity = cosine_similarity(vectorizer.transform([f"{post.title}\n{post.lead}"]), matrix)[0]
        return by_score(post, posts, lambda p: float(similarity[row[p.id]]))

    return ask


def engine(posts: list[Post]) -> Callable[[Post], list[int]]:
    index = RelatedIndex(posts)
    return lambda post: [s.post_id for s in index.query(post.id, limit=TOP)]


def engine_while_writing(posts: list[Post]) -> Callable[[Post], list[int]]:
    """The engine asked about a post that so far has only its title and lead."""
    index = RelatedIndex(posts)

    def ask(post: Post) -> list[int]:
        draft = Post(title=post.title, lead=post.lead)
        return [s.post_id for s in index.query(draft, limit=TOP, exclude=[post.id])]

    return ask


def engine_unseen(posts: list[Post]) -> Callable[[Post], list[int]]:
    """The engine asked about a post it has never indexed (its words unknown to the library)."""

    def ask(post: Post) -> list[int]:
        index = RelatedIndex([p for p in posts if p.id != post.id])
        return [s.post_id for s in index.query(post.copy(id=None), limit=TOP)]

    return ask


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=SAMPLES, help="folder of .md posts and labels.tsv")
    parser.add_argument("--show", action="store_true", help="print each post's suggestions with reasons")
    args = parser.parse_args()
    posts = load_corpus(args.corpus)
    labels = load_labels(args.corpus)
    topic = {p.id: labels[f"{p.slug}.md"] for p in posts}
    rankers = {
        "most recent posts": recent_baseline(posts),
        "shared tags only": tags_baseline(posts),
        "TF-IDF, whitespace tokens": tfidf_baseline(posts, token_pattern=r"\S+"),
        "TF-IDF, char 3-5-grams": tfidf_baseline(posts, analyzer="char_wb", ngram_range=(3, 5)),
        "Ktav related engine": engine(posts),
    }
    partial = {
        "TF-IDF, char 3-5-grams": tfidf_while_writing(posts, analyzer="char_wb", ngram_range=(3, 5)),
        "Ktav related engine": engine_while_writing(posts),
    }
    print(f"precision@{TOP} on {len(posts)} posts ({args.corpus.name}):")
    for name, ranker in rankers.items():
        print(f"  {name:<32} {precision_at(ranker, posts, topic):.3f}")
    print(f"  {'Ktav, asking post not indexed':<32} {precision_at(engine_unseen(posts), posts, topic):.3f}")
    print("while writing (only the title and lead of the asking post so far):")
    for name, ranker in partial.items():
        print(f"  {name:<32} {precision_at(ranker, posts, topic):.3f}")
    if args.show:
        index = RelatedIndex(posts)
        for post in posts:
            print(f"\n{post.id:>2} [{topic[post.id]}] {post.title}")
            for s in index.query(post.id, limit=TOP):
                mark = "+" if topic[s.post_id] == topic[post.id] else "-"
                print(f"   {mark} {s.post_id:>2} {s.score:.3f} {s.title[:50]}  ({s.reason})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
