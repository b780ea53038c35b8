"""A query's stems: decided as if the post being written were indexed, its own new words included."""

import datetime as dt

from editor.core.models import Post, Status
from editor.core.related import RelatedIndex
from editor.core.related.analyzer import choose_stem


def post(post_id, title, body):
    return Post(title=title, body=body, status=Status.PUBLISHED, id=post_id, date=dt.date(2024, 1, 1))


def library_without_the_bare_word():
    return RelatedIndex([
        post(1, "הספר החדש של הספרייה", "קראנו את הספר בכיתה, והספר עורר ויכוח."),
        post(2, "ביקור בספרייה", "הילדים שאלו על הספר שקראו בבית."),
    ])


def test_a_drafts_new_word_decides_again_the_forms_that_depend_on_it():
    lexicon = library_without_the_bare_word().lexicon
    assert lexicon.query_stems(["הספר"]) == ["הספר"]  # ספר is no word of the library
    # a draft that writes ספר too: its הספר is ה + ספר, as the index will decide once it is saved
    assert lexicon.query_stems(["הספר", "ספר", "כיתה"]) == ["ספר", "ספר", "כיתה"]
    assert lexicon.query_stems(["הספר"]) == ["הספר"]  # the draft's word was not remembered


def test_a_query_decides_as_the_index_will_once_the_draft_is_saved():
    index = library_without_the_bare_word()
    draft = ["הספר", "ספר", "ובספר", "הילדים"]
    before_saving = index.lexicon.query_stems(draft)
    index.add(post(3, "ספר", "ספר חדש: הספר, ובספר, הילדים."))
    known = index.lexicon.is_known
    assert before_saving == [choose_stem(form, known) for form in draft]
    assert before_saving == index.lexicon.query_stems(draft)


def test_a_word_gone_from_the_library_is_known_again_only_through_the_draft():
    index = library_without_the_bare_word()
    index.add(post(3, "ספר", "ספר טוב."))
    assert index.lexicon.query_stems(["הספר"]) == ["ספר"]
    index.remove(3)
    assert index.lexicon.query_stems(["הספר"]) == ["הספר"]
    assert index.lexicon.query_stems(["ספר", "הספר"]) == ["ספר", "ספר"]
