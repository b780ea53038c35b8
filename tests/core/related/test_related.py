"""Related posts: Hebrew-aware matching, a stable order, drafts kept out, an index that follows edits."""

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from editor.core.errors import PostNotFoundError
from editor.core.importing.readers import parse_front_matter_markdown
from editor.core.library.store import Library
from editor.core.models import Post, Status
from editor.core.related import RelatedIndex, chosen_related, suggest_for
from editor.core.related.analyzer import choose_stem
from editor.core.related.batch import related_ids

ROOT = Path(__file__).resolve().parents[3]

EDUCATION = "תלמידי התיכון ניגשו לבגרות במתמטיקה ברמה של 4-5 יחידות, והמורים ליוו אותם בכיתה."
BUSES = "קו האוטובוס החדש מחבר שבע מועצות, והנסיעה לתחנה המרכזית התקצרה בחצי שעה."
WELFARE = "העובדת הסוציאלית ביקרה את המשפחה בערב, אחרי שהדיווח על הזנחה הגיע למחלקת הרווחה."
DATA = "Google Sheets and Python: הרשות המקומית פתחה את הנתונים של התקציב לציבור."


def post(post_id, title, body="", *, lead="", tags=(), status=Status.PUBLISHED, date=dt.date(2024, 1, 1)):
    return Post(title=title, body=body, lead=lead, tags=list(tags), status=status, id=post_id, date=date)


def ids(suggestions):
    return [s.post_id for s in suggestions]


@pytest.fixture
def corpus(sample_paths):
    posts = []
    for number, path in enumerate(sample_paths, start=1):
        parsed = parse_front_matter_markdown(path.read_text(encoding="utf-8"), path.name)
        posts.append(parsed.copy(id=number, status=Status.PUBLISHED))
    return posts


def test_an_analysis_counts_each_written_word_by_the_weight_of_its_field(corpus):
    from editor.core.related import analyzer

    for sample in corpus:  # against the words read one by one, as a query of an unsaved post reads them
        counts = analyzer.weighted_forms(analyzer.analyze_fields(sample))
        analysis = analyzer.analyze(sample)
        assert (analysis.forms, analysis.counts) == (tuple(counts), tuple(counts.values())), sample.title
    found = analyzer.analyze(post(1, "NASA", "NASA שיגרה לוויין. Nasa הודיעה. ההודעה של nasa."))
    assert dict(zip(found.forms, found.counts))["nasa"] == 2.0 + 3 * 1.0  # the title's counts twice
    assert found.surfaces == {"nasa": "NASA"}  # the reasons show the spelling the post uses most


def test_a_word_behind_prefixes_matches_the_bare_word():
    index = RelatedIndex([
        post(1, "מה שלמדנו על החינוך", "והחינוך בפריפריה צריך מורים. ובחינוך יש פערים."),
        post(2, "חינוך בנגב", "חינוך טוב מתחיל במורה."),
        post(3, "קו אוטובוס", BUSES),
    ])
    found = index.query(1, limit=2)
    assert ids(found) == [2]  # the bus post shares no word
    assert "חינוך" in found[0].shared_terms


def test_prefixes_are_cut_only_where_the_rest_is_a_known_word():
    known = {"חינוך", "דינה"}.__contains__
    assert choose_stem("והחינוך", known) == "חינוך"
    assert choose_stem("במדינה", lambda w: w == "מדינה") == "מדינה"
    # מורים is not מ+ורים when ורים is no word of the library
    assert choose_stem("מורים", known) == "מורים"
    # רכז is a word, but המרכז (or במרכז) shows that the מ of מרכז is not a prefix
    library_words = {"מרכז", "רכז", "המרכז"}.__contains__
    assert choose_stem("במרכז", library_words) == "מרכז"
    assert choose_stem("והחינוך", {"חינוך", "החינוך", "בחינוך"}.__contains__) == "חינוך"


def test_niqqud_and_final_letters_do_not_stop_a_match():
    index = RelatedIndex([
        post(1, "שִׁיעוּרֵי חִינּוּךְ לַיְּלָדִים", "מַתְמָטִיקָה וְהַחִינּוּךְ"),
        post(2, "חינוך לילדים", "מתמטיקה ושיעורים"),
        post(3, "שכונה", "ערוגה משותפת בגינה הציבורית"),
    ])
    found = index.query(1, limit=5)
    assert ids(found) == [2]
    assert set(found[0].shared_terms) >= {"חינוך", "מתמטיקה"}


def test_inflections_of_a_word_match_and_give_one_reason():
    index = RelatedIndex([
        post(1, "מטפלת אחת", "המטפלת בגן נשארת עם הפעוטות עד הערב."),
        post(2, "מטפלות בגנים", "מטפלים ומטפלות מספרים על יום עבודה עם פעוטות."),
        post(3, "שכונה", "ערוגה משותפת בגינה הציבורית"),
    ])
    found = index.query(1, limit=5)
    assert ids(found) == [2]
    assert len([r for r in found[0].shared_terms if r.startswith("מטפל")]) == 1


def test_latin_words_match_whatever_their_case():
    index = RelatedIndex([
        post(1, "דשבורד חדש", DATA),
        post(2, "סדנה", "למדנו GOOGLE sheets ו-python בסדנה של מנהלי הנתונים."),
        post(3, "בגרות", EDUCATION),
    ])
    assert ids(index.query(1, limit=1)) == [2]


def test_the_post_itself_is_never_suggested(corpus):
    index = RelatedIndex(corpus)
    for each in corpus:
        found = index.query(each.id, limit=10)
        assert each.id not in ids(found) and len(found) == 10
        # also while it is being written (a Post, not its id)
        assert each.id not in ids(index.query(each, limit=10))


def test_the_order_is_the_same_whatever_order_the_posts_came_in(corpus):
    forward = RelatedIndex(corpus)
    one_by_one = RelatedIndex()
    for each in reversed(corpus):
        one_by_one.add(each)
    for each in corpus:
        first = [(s.post_id, s.score, s.shared_terms) for s in forward.query(each.id, limit=5)]
        assert first == [(s.post_id, s.score, s.shared_terms) for s in forward.query(each.id, limit=5)]
        assert first == [(s.post_id, s.score, s.shared_terms) for s in one_by_one.query(each.id, limit=5)]


def test_equal_scores_go_by_id():
    twins = [post(i, "קו אוטובוס בין המועצות", BUSES) for i in (9, 4, 7)]
    index = RelatedIndex([post(1, "קו אוטובוס בין המועצות", BUSES), *twins])
    found = index.query(1, limit=3)
    assert ids(found) == [4, 7, 9]
    assert found[0].score == found[1].score == found[2].score


def test_the_index_follows_an_edit():
    index = RelatedIndex([
        post(1, "בגרות במתמטיקה", EDUCATION),
        post(2, "כיתת מצוינות", EDUCATION + " הבגרות במתמטיקה היא היעד."),
        post(3, "קו אוטובוס", BUSES),
    ])
    assert ids(index.query(1, limit=1)) == [2]
    index.update(post(1, "תחבורה ציבורית", "האוטובוס לא מגיע לתחנה המרכזית של המועצות."))
    assert ids(index.query(1, limit=1)) == [3]
    index.remove(3)
    assert 3 not in ids(index.query(1, limit=5))


def test_an_index_kept_up_by_edits_equals_one_built_fresh(corpus):
    kept = RelatedIndex(corpus[:30])
    for each in corpus[30:]:
        kept.add(each)
    edited = corpus[4].copy(body=corpus[4].body + "\nוהשיקום של המשפחות, ובשיקום הקהילה.")
    kept.update(edited)
    kept.remove(corpus[7].id)
    final = [edited if p.id == edited.id else p for p in corpus if p.id != corpus[7].id]
    fresh = RelatedIndex(final)
    for each in final:
        assert kept.query(each.id, limit=5) == fresh.query(each.id, limit=5)


def test_a_word_that_leaves_the_library_stops_joining_prefixed_forms():
    first = [
        post(1, "חינוך", "חינוך"),
        post(2, "פריפריה", "והחינוך בפריפריה"),
        post(3, "תקציב", "בחינוך יש תקציב"),
    ]
    kept = RelatedIndex(first)
    assert 3 in ids(kept.query(2, limit=3))  # both mean חינוך while the library knows the word
    edited = post(1, "תחבורה", "קו אוטובוס")
    kept.update(edited)
    fresh = RelatedIndex([edited, *first[1:]])
    assert kept.query(2, limit=3) == fresh.query(2, limit=3) == []


def test_drafts_and_trash_are_not_suggested_unless_asked():
    index = RelatedIndex([
        post(1, "בגרות במתמטיקה", EDUCATION),
        post(2, "בגרות במתמטיקה – טיוטה", EDUCATION, status=Status.DRAFT),
        post(3, "בגרות במתמטיקה – בבדיקה", EDUCATION, status=Status.IN_REVIEW),
        Post("בגרות – נמחק", EDUCATION, status=Status.PUBLISHED, id=4, deleted_at="2026-01-01T00:00:00Z"),
        post(5, "מתמטיקה בתיכון", EDUCATION + " " + WELFARE, status=Status.APPROVED),
    ])
    assert ids(index.query(1, limit=5)) == [5]
    assert set(ids(index.query(1, limit=5, linkable_only=False))) == {2, 3, 4, 5}


def test_a_recent_post_wins_over_an_equal_older_one():
    index = RelatedIndex([
        post(1, "קו אוטובוס", BUSES, date=dt.date(2026, 1, 1)),
        post(2, "קו אוטובוס", BUSES, date=dt.date(2015, 1, 1)),
        post(3, "קו אוטובוס", BUSES, date=dt.date(2025, 6, 1)),
    ])
    assert ids(index.query(1, limit=2)) == [3, 2]


def test_corpus_suggestions_share_the_subject(corpus):
    index = RelatedIndex(corpus)
    math_post = next(p for p in corpus if "חמש יחידות" in p.title)
    top = index.query(math_post.id, limit=3)
    assert any("בגרות" in s.title or "תיכון" in s.title for s in top)
    assert "מתמטיקה" in top[0].reason


def add(library, title, body, status=Status.PUBLISHED, day=1):
    return library.add_post(Post(title=title, body=body, status=status, date=dt.date(2025, 1, day)))


def test_chosen_posts_come_first_and_survive_re_ranking(library):
    from editor.core.related import build_index

    writing = add(library, "בגרות במתמטיקה", EDUCATION)
    close = add(library, "כיתת מצוינות", EDUCATION + " הבגרות במתמטיקה היא היעד.")
    far = add(library, "קו אוטובוס", BUSES)
    other = add(library, "ביקור בית", WELFARE)
    draft = add(library, "מתמטיקה בטיוטה", EDUCATION, status=Status.DRAFT)
    library.set_related_choices(writing.id, [far.id, draft.id])
    index = build_index(library)
    chosen = chosen_related(library, index, writing.id)
    # the pinned post first; the draft choice skipped; filled up from the suggestions
    assert [p.id for p in chosen][:2] == [far.id, close.id]
    assert len(chosen) == 3 and draft.id not in [p.id for p in chosen]
    edited = library.save_post(writing.copy(body=WELFARE + " " + WELFARE))
    index.update(edited)
    assert [p.id for p in chosen_related(library, index, writing.id)][:2] == [far.id, other.id]


def test_the_service_follows_saves_and_removals(library):
    from editor.core.related import RelatedService

    writing = add(library, "בגרות במתמטיקה", EDUCATION, status=Status.DRAFT)
    bus = add(library, "קו אוטובוס", BUSES)
    service = RelatedService(library)
    assert ids(service.suggestions(writing.id)) == []
    math = add(library, "כיתת מצוינות", EDUCATION)
    service.post_saved(math)
    assert ids(service.suggestions(writing.id)) == [math.id]
    # while typing: the text as it is now, never the post itself
    typed = writing.copy(title="קו אוטובוס למועצות", body=BUSES)
    assert ids(service.suggestions(typed, linkable_only=False)) == [bus.id]
    library.move_to_trash(math.id)
    service.post_removed(math.id)
    assert ids(service.suggestions(writing.id)) == []
    assert [s.title for s in service.describe([bus.id, 999])] == ["קו אוטובוס"]


def test_suggest_for_reads_the_library(library):
    writing = add(library, "בגרות במתמטיקה", EDUCATION)
    close = add(library, "כיתת מצוינות", EDUCATION)
    add(library, "קו אוטובוס", BUSES)
    assert ids(suggest_for(library, writing.id, 1)) == [close.id]
    with pytest.raises(PostNotFoundError):
        suggest_for(library, 999)


def ktav(*args, env=None):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)],
                          capture_output=True, text=True, env=env)


def test_the_same_library_gives_the_same_answer_in_every_run(tmp_path, sample_paths):
    import os

    db = tmp_path / "lib.sqlite"
    assert ktav("import", "--db", db, "--status", "published", *sample_paths).returncode == 0
    runs = [
        ktav("related", "--db", db, "--id", 26, "--limit", 8, "--json", env={**os.environ, "PYTHONHASHSEED": seed})
        for seed in ("1", "2")
    ]
    assert runs[0].returncode == 0, runs[0].stderr
    assert runs[0].stdout == runs[1].stdout and len(json.loads(runs[0].stdout)) == 8


def test_command_line_prints_related_posts_best_first(tmp_path):
    db = tmp_path / "lib.sqlite"
    with Library.open(db) as library:
        writing = add(library, "בגרות במתמטיקה", EDUCATION)
        close = add(library, "כיתת מצוינות", EDUCATION + " הבגרות במתמטיקה היא היעד.")
        far = add(library, "קו אוטובוס", BUSES + " תלמידי התיכון נוסעים בו.")
    result = ktav("related", "--db", db, "--id", writing.id, "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [r["id"] for r in rows] == [close.id, far.id]
    assert set(rows[0]) == {"id", "title", "score"} and rows[0]["score"] > rows[1]["score"]
    table = ktav("related", "--db", db, "--id", writing.id, "--limit", "1")
    assert "כיתת מצוינות" in table.stdout and "מתמטיקה" in table.stdout and "קו אוטובוס" not in table.stdout


def test_command_line_unknown_post_is_an_error(tmp_path):
    db = tmp_path / "lib.sqlite"
    Library.open(db).close()
    result = ktav("related", "--db", db, "--id", "42")
    assert result.returncode != 0 and "42" in result.stderr and result.stdout == ""


# ---- many posts at once (export) ------------------------------------------------------------------


def one_by_one(index, post_ids, limit, exclude=None):
    exclude = exclude or {}
    return {i: [s.post_id for s in index.query(i, limit, exclude=exclude.get(i, ()))] for i in post_ids}


def test_many_at_once_gives_each_samples_posts_in_the_same_order(corpus):
    # some drafts (never suggested, but asked about) and a post with no words that carry meaning
    posts = [p.copy(status=Status.DRAFT) if p.id % 7 == 0 else p for p in corpus]
    posts.append(post(len(posts) + 1, "4-5", "ו-3 של 2024"))
    index = RelatedIndex(posts)
    every = [p.id for p in posts]
    exclude = {i: [i + 1, i + 2] for i in every if i % 3 == 0}
    for limit in (1, 3, 8):
        assert related_ids(index, every, limit, exclude=exclude) == one_by_one(index, every, limit, exclude)
    assert related_ids(index, [len(posts)], 3) == {len(posts): []}
    assert related_ids(index, every, 0) == {i: [] for i in every}


def generated(sample_posts, count):
    """Like the export benchmark: the samples again and again with numbered titles, rotated paragraphs
    and a day between posts, so many posts have the very same words (ties everywhere)."""
    made = []
    for number in range(count):
        sample = sample_posts[number % len(sample_posts)]
        round_ = number // len(sample_posts)
        paragraphs = sample.body.split("\n\n")
        shift = round_ % len(paragraphs)
        made.append(sample.copy(
            id=number + 1, title=f"{sample.title} ({round_ + 1})", body="\n\n".join(paragraphs[shift:] + paragraphs[:shift]),
            date=dt.date(2020, 1, 1) + dt.timedelta(days=number),
            status=Status.DRAFT if number % 11 == 5 else Status.APPROVED))
    return made


# Small blocks, and champion lists shorter than many terms' posts (as in a big library).
@pytest.mark.parametrize(("block", "champions"), [(64, None), (7, 5)])
def test_many_at_once_matches_one_by_one_where_posts_repeat_each_other(corpus, block, champions, monkeypatch):
    from editor.core.related import batch, postings

    monkeypatch.setattr(batch, "BLOCK", block)
    if champions:
        monkeypatch.setattr(postings, "CHAMPIONS", champions)
    index = RelatedIndex(generated(corpus, 160))
    every = list(range(1, 161))
    assert related_ids(index, every, 3) == one_by_one(index, every, 3)
    index.remove(17)
    index.update(generated(corpus, 40)[33].copy(id=34, body=EDUCATION))
    every.remove(17)
    assert related_ids(index, every, 5) == one_by_one(index, every, 5)


def test_many_at_once_in_a_forked_copy_too_gives_the_same_posts_candidates_and_cuts(corpus, monkeypatch):
    from editor.core.related import batch

    monkeypatch.setattr(batch, "BLOCK", 9)  # 160 posts in 18 blocks: half of them ranked in the copy
    index = RelatedIndex(generated(corpus, 160))
    every = list(range(1, 161))
    exclude = {i: [i + 1] for i in every if i % 5 == 0}
    alone, forked_pools, forked_cuts, pools, cuts = {}, {}, {}, {}, {}
    alone = related_ids(index, every, 3, exclude=exclude, pools=pools, cuts=cuts)
    shared = related_ids(index, every, 3, exclude=exclude, pools=forked_pools, cuts=forked_cuts, fork=True)
    assert shared == alone == one_by_one(index, every, 3, exclude)
    assert list(shared) == every
    assert forked_pools == pools and forked_cuts == cuts


def test_an_exports_choices_are_the_pages_choices(library, sample_paths):
    from editor.core.related import build_index, chosen_related_many

    for path in sample_paths[:24]:
        parsed = parse_front_matter_markdown(path.read_text(encoding="utf-8"), path.name)
        library.add_post(parsed.copy(status=Status.PUBLISHED))
    stored = library.all_posts()
    draft = library.save_post(stored[5].copy(status=Status.DRAFT))
    library.set_related_choices(stored[0].id, [stored[9].id, draft.id])  # a draft choice is skipped
    library.set_related_choices(stored[1].id, [stored[2].id, stored[3].id, stored[4].id])
    library.set_related_choices(stored[2].id, [stored[7].id])
    library.move_to_trash(stored[7].id)
    index = build_index(library)
    every = [p.id for p in stored]
    many = chosen_related_many(library, index, every, known={p.id: p for p in library.all_posts()})
    assert {i: [p.id for p in chosen] for i, chosen in many.items()} == \
        {i: [p.id for p in chosen_related(library, index, i)] for i in every}
    assert [p.id for p in many[stored[1].id]] == [stored[2].id, stored[3].id, stored[4].id]
    assert stored[9].id == many[stored[0].id][0].id and draft.id not in [p.id for p in many[stored[0].id]]
    with pytest.raises(PostNotFoundError):
        related_ids(index, [999], 3)
