"""The related index's rows kept in the library: each post's analysis (so that the index is built
without analyzing posts that did not change) and the export's suggestions with what they were chosen
from (`evidence`), in the tables of schema version 4 (see `library.cache_rows`)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

from editor.core.errors import KtavError
from editor.core.library.cache_rows import digest, write_rows
from editor.core.models import Post

if TYPE_CHECKING:
    from editor.core.related import analyzer
    from editor.core.related.index import RelatedIndex
    from editor.core.related.ranking import Bars


def analyzed_text_hash(post: Post) -> str:
    """The hash of the fields the related analysis reads of a post."""
    return digest(post.title, post.lead, "\x1f".join(post.tags), post.body)



def unanalyzed(library, posts: Iterable[Post]) -> list[Post]:
    """The posts without a stored analysis of their text as it is (those `stored_analyses` would analyze)."""
    from editor.core.related import analyzer

    try:
        rows = library._read("SELECT post_id, content_hash FROM related_analysis WHERE version = ?",
                             (analyzer.ANALYSIS_VERSION,))
    except (KtavError, sqlite3.Error):
        rows = []
    stored = {row["post_id"]: row["content_hash"] for row in rows}
    return [post for post in posts if stored.get(post.id) != analyzed_text_hash(post)]


def stored_analyses(library, posts: Iterable[Post],
                    made: Mapping[int, analyzer.Analysis] | None = None) -> Iterator[tuple[Post, analyzer.Analysis]]:
    """Each post with its analysis: the stored one while the post's text is the same, else the one in
    `made` (analyzed elsewhere: an export's workers), else made now (and stored once every post was given)."""
    import numpy as np

    from editor.core.related import analyzer

    posts = list(posts)
    stored = {row["post_id"]: row for row in _analysis_rows(library, [p.id for p in posts if p.id is not None])}
    fresh: list[tuple] = []
    for post in posts:
        text_hash = analyzed_text_hash(post)
        row = stored.pop(post.id, None)
        if row is not None and row["content_hash"] == text_hash:
            forms = row["forms"]
            counts = np.frombuffer(row["counts"], dtype=np.float64)
            yield post, analyzer.Analysis(tuple(forms.split("\n")) if forms else (), tuple(counts.tolist()),
                                          json.loads(row["surfaces"]))
            continue
        analysis = made[post.id] if made and post.id is not None and post.id in made else analyzer.analyze(post)
        fresh.append((post.id, text_hash, analyzer.ANALYSIS_VERSION, "\n".join(analysis.forms),
                      np.asarray(analysis.counts, dtype=np.float64).tobytes(),
                      json.dumps(analysis.surfaces, ensure_ascii=False)))
        yield post, analysis
    write_rows(library, "INSERT OR REPLACE INTO related_analysis (post_id, content_hash, version, forms, counts, "
                    "surfaces) VALUES (?, ?, ?, ?, ?, ?)", fresh)


# Up to this many posts, their analyses are read by id (else all of them at once).
READ_BY_ID = 256


def _analysis_rows(library, post_ids: list[int]) -> list:
    from editor.core.related import analyzer

    select = "SELECT post_id, content_hash, forms, counts, surfaces FROM related_analysis WHERE version = ?"
    try:
        if len(post_ids) > READ_BY_ID:
            return library._read(select, (analyzer.ANALYSIS_VERSION,))
        return library._read(f"{select} AND post_id IN ({', '.join('?' * len(post_ids))})",
                             (analyzer.ANALYSIS_VERSION, *post_ids)) if post_ids else []
    except (KtavError, sqlite3.Error):  # e.g. closed meanwhile: the posts are analyzed instead
        return []


def related_index(library, posts: Iterable[Post] | None = None,
                  made: Mapping[int, analyzer.Analysis] | None = None, *,
                  pace: Callable[[], None] | None = None) -> RelatedIndex:
    """A related index of the given posts (default: every post not in the trash) from their stored
    analyses: only the posts changed since they were last indexed are analyzed again (or taken from
    `made`). `pace()`, when given, is called every PACE_EVERY posts (and may block: the window waits
    for its writer to pause)."""
    from editor.core.related.index import RelatedIndex

    index = RelatedIndex()
    analyses = stored_analyses(library, library.all_posts() if posts is None else posts, made)
    index.add_analyzed(analyses if pace is None else _paced(analyses, pace), pace=pace)
    return index


PACE_EVERY = 64


def _paced(items: Iterable, pace: Callable[[], None]) -> Iterator:
    for count, item in enumerate(items):
        if count % PACE_EVERY == 0:
            pace()
        yield item


def _kept_pool(ids: list[int], cut: float | None, bars: Bars | None) -> dict:
    pool: dict = {"ids": ids, "cut": cut}
    if bars is not None:
        pool.update(near=list(bars.nearest), near_bar=bars.nearest_bar, result_bar=bars.result_bar)
    return pool


def _pool(pool) -> tuple[list[int], float | None, Bars | None]:
    """A kept pool, as parsed: its candidates' ids, the cut and the bars (None where they were not kept)."""
    if isinstance(pool, dict):
        bars = None
        if "near" in pool:
            from editor.core.related.ranking import Bars

            bars = Bars(tuple(pool["near"]), pool.get("near_bar"), pool.get("result_bar"))
        return list(pool.get("ids", [])), pool.get("cut"), bars
    return list(pool), None, None


def _parsed_all(texts: list[str]) -> list:
    """Many JSON texts parsed in one call (each kept row holds two; one call each cost more than the parse)."""
    return json.loads("[" + ",".join(texts) + "]") if texts else []


def kept_suggestions(library, evidence, inputs: dict[int, str], pools_now) -> dict[int, list[int]]:
    """The kept suggestions that still hold (`related.evidence`): made with the same inputs (choices,
    count, code, number of posts), and nothing they depend on changed since; `pools_now(ids)` gives
    those posts' candidates and cuts now."""
    try:
        rows = library._read("SELECT post_id, row_digest, inputs_hash, related_ids, pool FROM related_suggestions")
        now = evidence.rows
        # A row kept as it is now is the row now (its digest is of all of it): only the others' terms are read.
        moved = [row["post_id"] for row in rows if row["post_id"] not in now or now[row["post_id"]].digest != row["row_digest"]]
        old = _old_rows(library, moved)
    except (KtavError, sqlite3.Error):
        return {}
    before = {row["post_id"]: old[row["post_id"]] if row["post_id"] in old else now[row["post_id"]] for row in rows
              if row["post_id"] in old or row["post_id"] in now}
    current = [row for row in rows if row["inputs_hash"] and inputs.get(row["post_id"]) == row["inputs_hash"]]
    parsed = _parsed_all([text for row in current for text in (row["related_ids"], row["pool"])])
    kept = {row["post_id"]: (parsed[2 * n], *_pool(parsed[2 * n + 1])) for n, row in enumerate(current)}
    evidence.before = before
    evidence.kept = kept
    if not kept:
        return {}
    holding = evidence.still_hold({post_id: pool for post_id, (_, pool, _, _) in kept.items()}, pools_now, before,
                                  {post_id: cut for post_id, (_, _, cut, _) in kept.items()},
                                  {post_id: (related, bars) for post_id, (related, _, _, bars) in kept.items()
                                   if bars is not None})
    return {post_id: kept[post_id][0] for post_id in holding}


def _old_rows(library, post_ids: list[int]) -> dict:
    """The kept rows (`evidence.Row`) of the given posts, as they were ranked."""
    import numpy as np

    from editor.core.related.evidence import Row

    if not post_ids:
        return {}
    select = "SELECT post_id, row_digest, terms, weights FROM related_suggestions"
    rows = library._read(select) if len(post_ids) > READ_BY_ID else library._read(
        f"{select} WHERE post_id IN ({', '.join('?' * len(post_ids))})", tuple(post_ids))
    wanted = set(post_ids)
    return {row["post_id"]: Row(row["row_digest"], np.frombuffer(row["terms"], dtype=np.int64),
                                np.frombuffer(row["weights"], dtype=np.float32)) for row in rows if row["post_id"] in wanted}


def keep_suggestions(library, evidence, inputs: dict[int, str], found: dict[int, list[int]],
                     pools: dict[int, list[int]], cuts: dict[int, float], bars: Mapping[int, Bars]) -> None:
    """Keep the rows that changed and the suggestions just ranked (with their candidates, cuts and
    bars), and the new cuts (and candidates' order) of kept suggestions that hold (`Evidence.fresh_cuts`,
    `fresh_pools`)."""
    before = getattr(evidence, "before", {})
    kept = getattr(evidence, "kept", {})
    fresh_cuts = getattr(evidence, "fresh_cuts", {})
    fresh_pools = getattr(evidence, "fresh_pools", {})
    found = {**{p: kept[p][0] for p in fresh_cuts if p in kept}, **found}
    pools = {**{p: fresh_pools.get(p, kept[p][1]) for p in fresh_cuts if p in kept}, **pools}
    bars = {**{p: kept[p][3] for p in fresh_cuts if p in kept and kept[p][3] is not None}, **bars}
    cuts = {**fresh_cuts, **cuts}
    rows = []
    for post_id, row in evidence.rows.items():
        ranked = post_id in found and post_id in pools and post_id in inputs
        old = before.get(post_id)
        if not ranked and old is not None and old.digest == row.digest:
            continue
        pool = _kept_pool(pools[post_id], cuts.get(post_id), bars.get(post_id)) if ranked else []
        rows.append((post_id, row.digest, row.terms.tobytes(), row.weights.tobytes(),
                     inputs[post_id] if ranked else "", json.dumps(found[post_id] if ranked else []),
                     json.dumps(pool)))
    write_rows(library, "INSERT OR REPLACE INTO related_suggestions (post_id, row_digest, terms, weights, inputs_hash, "
                    "related_ids, pool) VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    gone = [(post_id,) for post_id in before if post_id not in evidence.rows]
    write_rows(library, "DELETE FROM related_suggestions WHERE post_id = ?", gone)
