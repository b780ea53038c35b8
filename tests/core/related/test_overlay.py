"""The champion lists kept up by edits (the overlay) answer as lists built afresh would."""

import datetime as dt
import random

import pytest

from editor.core.importing.readers import parse_front_matter_markdown
from editor.core.models import Status
from editor.core.related import RelatedIndex, postings

EDITS = 120


@pytest.fixture
def many_posts(sample_paths):
    """The samples again and again, paragraphs rotated, a day apart: many posts share many words."""
    samples = [parse_front_matter_markdown(path.read_text(encoding="utf-8"), path.name) for path in sample_paths]
    made = []
    for number in range(240):
        sample = samples[number % len(samples)]
        paragraphs = sample.body.split("\n\n")
        shift = (number // len(samples)) % len(paragraphs)
        made.append(sample.copy(id=number + 1, title=f"{sample.title} ({number})",
                                body="\n\n".join(paragraphs[shift:] + paragraphs[:shift]),
                                date=dt.date(2020, 1, 1) + dt.timedelta(days=number), status=Status.PUBLISHED))
    return made


def edited_since_built(many_posts, monkeypatch):
    """An index whose lists were built, then kept up by many edits and a few removals (short champion
    lists, as a big library's, and an overlay never built into the lists); the posts it now has."""
    monkeypatch.setattr(postings, "CHAMPIONS", 6)
    monkeypatch.setattr(postings, "MIN_OVERLAY", 10 * EDITS)
    kept = RelatedIndex(many_posts)
    kept.query(1, limit=3)  # builds the lists
    rng = random.Random(4)
    final = {p.id: p for p in many_posts}
    for number in range(EDITS):
        edited, other = rng.choice(many_posts), rng.choice(many_posts)
        if number % 3 == 0:  # saved again as it was: its weights tie with its twins' in the built lists
            kept.update(final[edited.id])
            continue
        final[edited.id] = edited.copy(body=f"{other.body[:rng.randrange(40, 400)]}\n\n{edited.body}",
                                       title=f"{edited.title} ועוד רש\"י")
        kept.update(final[edited.id])
    for removed in rng.sample(sorted(final), 5):
        kept.remove(removed)
        del final[removed]
    assert len(kept._postings._dirty) > 2 * postings.CHAMPIONS  # lists read past their first entries
    return kept, final


def test_many_edits_since_the_lists_were_built_change_no_answer(many_posts, monkeypatch):
    kept, final = edited_since_built(many_posts, monkeypatch)
    fresh = RelatedIndex(final.values())
    for post_id, post in final.items():
        assert kept.query(post_id, limit=5) == fresh.query(post_id, limit=5)
        draft = post.copy(body=post.body[: len(post.body) // 2] + " ספר חדש")
        assert kept.query(draft, limit=8) == fresh.query(draft, limit=8)


def test_the_lists_kept_up_are_the_lists_built_afresh(many_posts, monkeypatch):
    kept, final = edited_since_built(many_posts, monkeypatch)
    fresh = RelatedIndex(final.values())
    fresh.query(next(iter(final)), limit=1)  # builds its lists
    kept_ids, fresh_ids = kept.post_ids(), fresh.post_ids()
    compared = 0
    for text in fresh.lexicon.terms:
        mine, theirs = kept.lexicon.find_term(text), fresh.lexicon.find_term(text)
        rows, found = kept._postings.champions(mine)
        fresh_rows, fresh_found = fresh._postings.champions(theirs)
        assert kept_ids[rows].tolist() == fresh_ids[fresh_rows].tolist(), text
        assert found.tolist() == fresh_found.tolist(), text
        compared += len(rows) == postings.CHAMPIONS
    assert compared > 100  # many full lists, where changed rows compete with built ones


def test_many_lists_at_once_are_each_list_kept_up(many_posts, monkeypatch):
    """A batch's candidates read many terms' lists in one step, overlay and all: the same rows, impacts
    and order as each list asked alone, for terms asked twice and for words only edits brought."""
    import numpy as np

    kept, final = edited_since_built(many_posts, monkeypatch)
    assert kept._postings.has_overlay()
    terms = np.arange(kept.term_count(), dtype=np.int64)
    terms = np.concatenate([terms, terms[::7]])  # some asked twice, as by two queries of a block
    rows, found, owner = kept._postings.many_champions(terms)
    for position, term in enumerate(terms.tolist()):
        alone_rows, alone_found = kept._postings.champions(term)
        assert rows[owner == position].tolist() == alone_rows.tolist(), term
        assert found[owner == position].tolist() == alone_found.tolist(), term
    new_words = [t for t in range(kept.term_count()) if t + 1 >= len(kept._postings._starts)]
    assert new_words, "no word came with the edits alone"
