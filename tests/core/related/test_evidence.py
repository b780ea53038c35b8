"""Kept related suggestions that are judged to hold are the very ones a fresh ranking gives."""

from __future__ import annotations

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


def _ranked(posts):
    index = RelatedIndex(posts)
    ids = [p.id for p in posts]
    pools: dict[int, list[int]] = {}
    cuts: dict[int, float] = {}
    return index, related_ids(index, ids, 3, pools=pools, cuts=cuts), pools, cuts


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
    for post_id, cut in evidence.fresh_cuts.items():  # a post that holds keeps its cut as it is now
        assert post_id in holding and (cuts is None or cut != kept_cuts[post_id])
    assert target.id not in holding
    # Only posts that share a word with the changed post have their candidates gathered again.
    near = _terms(before_index, target.id) | _terms(index, target.id)
    assert all(_terms(index, post_id) & near for wanted in asked for post_id in wanted)
    assert sum(map(len, asked)) < (len(ids) / 2 if champions and change != "common words" else len(ids))
    gained_or_lost = _terms(before_index, target.id) ^ _terms(index, target.id)  # their idf changed
    for post_id in holding:
        assert pools_now[post_id] == kept_pools[post_id]
        assert cuts_now[post_id] == evidence.fresh_cuts.get(post_id, kept_cuts[post_id])
        assert target.id not in kept_pools[post_id]
        assert all(not (_terms(index, read) & gained_or_lost) for read in (post_id, *kept_pools[post_id]))
    if change != "common words":  # words many posts have change their idf, and so every cosine
        assert 0 < len(holding) < len(ids)
    assert {i: before[i] for i in holding} == {i: fresh[i] for i in holding}


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
