"""Kept related suggestions that are judged to hold are the very ones a fresh ranking gives."""

from __future__ import annotations

import numpy as np
import pytest

from editor.core.importing.readers import parse_front_matter_markdown
from editor.core.models import Status
from editor.core.related import RelatedIndex, postings
from editor.core.related.batch import candidate_pools, related_ids
from editor.core.related.evidence import Evidence
from editor.core.resources import path as resource_path


def _samples():
    """The sample posts four times over (paragraphs rotated, titles numbered): enough posts that a
    change does not reach every post's candidates."""
    samples = [parse_front_matter_markdown(file.read_text(encoding="utf-8"), file.name)
               for file in sorted(resource_path("samples").glob("*.md"))]
    posts = []
    for round_ in range(4):
        for sample in samples:
            paragraphs = sample.body.split("\n\n")
            shift = round_ % len(paragraphs)
            posts.append(sample.copy(id=len(posts) + 1, slug=f"post-{len(posts) + 1}", status=Status.PUBLISHED,
                                     title=f"{sample.title} ({round_ + 1})",
                                     body="\n\n".join(paragraphs[shift:] + paragraphs[:shift])))
    return posts


def _terms(index: RelatedIndex, post_id: int) -> set[str]:
    return {index.lexicon.terms[t] for t in index.row_terms[index.row_of[post_id]].tolist()}


def _ranked(posts, bars: dict | None = None):
    index = RelatedIndex(posts)
    ids = [p.id for p in posts]
    pools: dict[int, list[int]] = {}
    cuts: dict[int, float] = {}
    return index, related_ids(index, ids, 3, pools=pools, cuts=cuts, bars=bars), pools, cuts


def _pools_now(index: RelatedIndex, asked: list[set[int]] | None = None):
    def ask(wanted: set[int]) -> tuple[dict[int, list[int]], dict[int, float]]:
        if asked is not None:
            asked.append(set(wanted))
        cuts: dict[int, float] = {}
        return candidate_pools(index, wanted, 3, cuts=cuts), cuts
    return ask


@pytest.mark.parametrize("with_cuts", [True, False])
@pytest.mark.parametrize("champions", [None, 6])
@pytest.mark.parametrize("change", ["body", "common words", "title", "tags", "status"])
def test_what_still_holds_after_one_change_is_what_a_fresh_ranking_gives(change, champions, with_cuts, monkeypatch):
    if champions:  # short champion lists, as a big library's are beside its posts: a change moves few of them
        monkeypatch.setattr(postings, "CHAMPIONS", champions)
    posts = _samples()
    before_index, before, kept_pools, kept_cuts = _ranked(posts)
    rows_before = Evidence(before_index).rows
    cuts = kept_cuts if with_cuts else None
    target = posts[11]
    changed = {
        "body": target.copy(body=target.body + "\n\nפגישה עם יונתן קרמרמן בקיבוץ נחשונים, וגם עם Zephyrine.\n"),
        "common words": target.copy(body=target.body + "\n\nמשפט חדש על מתנדבים צעירים בנגב ועל רש\"י.\n"),
        "title": target.copy(title="שָׁלוֹם: " + target.title),
        "tags": target.copy(tags=[*target.tags, "חדשנות חברתית"]),
        "status": target.copy(status=Status.DRAFT),
    }[change]
    posts = [changed if p.id == target.id else p for p in posts]
    index, fresh, _, _ = _ranked(posts)
    evidence = Evidence(index)
    ids = [p.id for p in posts]
    cuts_now: dict[int, float] = {}
    pools_now = candidate_pools(index, ids, 3, cuts=cuts_now)
    asked: list[set[int]] = []
    holding = evidence.still_hold(kept_pools, _pools_now(index, asked), rows_before, cuts)
    for post_id, cut in evidence.fresh_cuts.items():  # a post that holds keeps its cut (and candidates' order) as now
        assert post_id in holding and (cuts is None or cut != kept_cuts[post_id] or post_id in evidence.fresh_pools)
    assert target.id not in holding
    # Only posts that share a word with the changed post have their candidates gathered again.
    near = _terms(before_index, target.id) | _terms(index, target.id)
    assert all(_terms(index, post_id) & near for wanted in asked for post_id in wanted)
    assert sum(map(len, asked)) < (len(ids) / 2 if champions and change != "common words" else len(ids))
    gained_or_lost = _terms(before_index, target.id) ^ _terms(index, target.id)  # their idf changed
    for post_id in holding:
        assert pools_now[post_id] == evidence.fresh_pools.get(post_id, kept_pools[post_id])
        assert cuts_now[post_id] == evidence.fresh_cuts.get(post_id, kept_cuts[post_id])
        assert target.id not in kept_pools[post_id]
        assert all(not (_terms(index, read) & gained_or_lost) for read in (post_id, *kept_pools[post_id]))
    if change != "common words":  # words many posts have change their idf, and so every cosine
        assert 0 < len(holding) < len(ids)
    assert {i: before[i] for i in holding} == {i: fresh[i] for i in holding}


def _changed(posts, change: str):
    target = posts[11]
    changed = {
        "body": target.copy(body=target.body + "\n\nפגישה עם יונתן קרמרמן בקיבוץ נחשונים, וגם עם Zephyrine.\n"),
        "common words": target.copy(body=target.body + "\n\nמשפט חדש על מתנדבים צעירים בנגב ועל רש\"י.\n"),
        "niqqud": target.copy(body=target.body + "\n\nשָׁלוֹם לַמִּתְנַדְּבִים, ו-ESG של 2026.\n"),
        "tags": target.copy(tags=[*target.tags, "חדשנות חברתית"]),
        "status": target.copy(status=Status.DRAFT),
    }[change]
    return target, [changed if p.id == target.id else p for p in posts]


@pytest.mark.parametrize("champions", [None, 6])
@pytest.mark.parametrize("change", ["body", "common words", "niqqud", "tags", "status"])
def test_with_their_bars_kept_posts_beside_a_moved_candidate_hold_as_a_fresh_ranking_does(change, champions, monkeypatch):
    """A post that merely has the changed post (or one whose words' idf moved) among its candidates is
    rescored, not ranked again: it holds unless the moved candidate may now join what it rested on."""
    if champions:
        monkeypatch.setattr(postings, "CHAMPIONS", champions)
    posts = _samples()
    bars: dict = {}
    before_index, before, kept_pools, kept_cuts = _ranked(posts, bars)
    rows_before = Evidence(before_index).rows
    target, posts = _changed(posts, change)
    index, fresh, _, _ = _ranked(posts)
    results = {post_id: (before[post_id], bars[post_id]) for post_id in before}
    without = Evidence(index).still_hold(kept_pools, _pools_now(index), rows_before, kept_cuts)
    evidence = Evidence(index)
    holding = evidence.still_hold(kept_pools, _pools_now(index), rows_before, kept_cuts, results)
    assert {i: before[i] for i in holding} == {i: fresh[i] for i in holding}
    pools_now = candidate_pools(index, [p.id for p in posts], 3)
    assert all(set(pools_now[i]) == set(kept_pools[i]) for i in holding)  # the same candidates, if not their order
    assert without < holding and target.id not in holding  # more hold than without the bars
    if change != "status":  # its words weigh what they did: nobody's candidates moved before either
        assert any(target.id in kept_pools[i] for i in holding - without)  # ranked again without the bars
    for post_id in holding - without:  # each of them had a moved candidate, not a moved nearest one
        assert set(bars[post_id].nearest).isdisjoint(evidence.changed(rows_before) | {target.id})


def test_a_candidate_that_moves_over_the_bars_is_ranked_again():
    """The changed post says again, six times, the words it shares with a post that had it among its
    candidates (no word comes or goes: no idf moves). Where it now wins a place among that post's
    suggestions, the post does not hold (it is ranked again); the others still do."""
    posts = _samples()[:48]  # each sample once: no post has a copy of itself to be nearest to
    bars: dict = {}
    before_index, before, kept_pools, kept_cuts = _ranked(posts, bars)
    rows_before = Evidence(before_index).rows
    results = {post_id: (before[post_id], bars[post_id]) for post_id in before}
    target = posts[11]
    own_words = set(target.body.split())
    displaced = 0
    for reader in [i for i in before if target.id in kept_pools[i] and target.id not in before[i]]:
        shared = [w for w in next(p for p in posts if p.id == reader).body.split() if w in own_words and w.isalpha()]
        nearer = target.copy(body=target.body + "\n\n" + " ".join(shared * 6) + "\n")
        index, fresh, _, _ = _ranked([nearer if p.id == target.id else p for p in posts])
        holding = Evidence(index).still_hold(kept_pools, _pools_now(index), rows_before, kept_cuts, results)
        assert {i: before[i] for i in holding} == {i: fresh[i] for i in holding}
        if target.id in fresh[reader]:
            assert reader not in holding and len(holding) > len(posts) / 2
            displaced += 1
    assert displaced  # the case came up


def test_nothing_holds_when_a_post_comes_or_many_change():
    posts = _samples()
    index, _, pools, cuts = _ranked(posts[:-1])
    rows_before = Evidence(index).rows
    grown = RelatedIndex(posts)
    assert Evidence(grown).still_hold(pools, _pools_now(grown), rows_before, cuts) \
        <= set(pools)  # a new post changes every idf: its summary differs (checked by the caller)
    edited = [p.copy(body=p.body + "\n\nעוד מילה.\n") for p in posts[:-1]]
    again = RelatedIndex(edited)
    assert Evidence(again).still_hold(pools, _pools_now(again), rows_before, cuts) == set()


def test_a_pair_scored_alone_scores_as_in_the_whole_ranking():
    """`ranking.pair_scores` of a candidate that is not one of the nearest gives the cosine and score
    the whole ranking gave it (what the bars are judged by)."""
    from editor.core.related import ranking, scoring
    from editor.core.related.batch import queries_of

    posts = _samples()[:48]
    index = RelatedIndex(posts)
    block = [p.id for p in posts[:16]]
    bars: list[ranking.Bars] = []
    queries = queries_of(index, block, {})
    ranked = ranking.rank(index, queries, 200, linkable_only=False, bars=bars)
    pair_query, pair_row, expected, nearest = [], [], [], []
    for number, (found, post_bars) in enumerate(zip(ranked, bars)):
        nearest.append(np.array([index.row_of[i] for i in post_bars.nearest]))
        for row, score in found:
            if int(index.post_ids()[row]) not in post_bars.nearest:
                pair_query.append(number)
                pair_row.append(row)
                expected.append(score)
        assert post_bars.result_bar is None  # fewer candidates than asked for
        assert len(post_bars.nearest) == scoring.FEEDBACK_POSTS and post_bars.nearest_bar is not None
    first, scores = ranking.pair_scores(index, queries, nearest, np.array(pair_query), np.array(pair_row))
    assert len(expected) > 16 * 10
    assert scoring.rounded(scores).tolist() == expected
    for number in set(pair_query):  # a candidate not among the nearest is no nearer than the last of them
        assert all(f <= bars[number].nearest_bar + 1e-9 for f, q in zip(first.tolist(), pair_query) if q == number)
