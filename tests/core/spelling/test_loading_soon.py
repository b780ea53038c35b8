"""The Hebrew dictionary asked for before it is loaded: the check answers as with a loaded one, and a
process forked while it loads still checks words."""

import multiprocessing

import pytest
from spelling_helpers import own_dictionary

from editor.core.export.caches import spelling_fingerprint
from editor.core.spelling import SpellingPlaces, open_spell_checker, prose_words
from editor.core.spelling.engine import PendingDictionary

EXTRA = "זקזוקית"  # in no dictionary but the one this test writes


def test_a_checker_not_waiting_for_its_dictionary_answers_as_a_loaded_one(tmp_path):
    places = own_dictionary(tmp_path, EXTRA)
    soon = open_spell_checker(places, wait=False)
    assert isinstance(soon.hebrew, PendingDictionary)
    text = f"שלום {EXTRA} שלוםםם"
    answers = [m.word for m in soon.misspellings(text)]
    loaded = open_spell_checker(places)
    assert not isinstance(loaded.hebrew, PendingDictionary)
    assert answers == [m.word for m in loaded.misspellings(text)] == ["שלוםםם"]
    # The kept answers of the export are found again by either (the same fingerprint).
    assert spelling_fingerprint(soon) == spelling_fingerprint(loaded)


def _check_in_child(places: SpellingPlaces, answers) -> None:
    answers.put(open_spell_checker(places, wait=False).is_correct(prose_words(EXTRA)[0]))


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_a_process_forked_while_the_dictionary_loads_checks_words(tmp_path):
    places = own_dictionary(tmp_path, EXTRA)
    open_spell_checker(places, wait=False)  # its thread is loading it now
    context = multiprocessing.get_context("fork")
    answers = context.Queue()
    child = context.Process(target=_check_in_child, args=(places, answers))
    child.start()
    assert answers.get(timeout=60) is True  # the lock the loading thread held is not the child's
    child.join(timeout=60)
    assert child.exitcode == 0
