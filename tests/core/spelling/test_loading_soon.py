"""The Hebrew dictionary asked for before it is loaded: the check answers as with a loaded one, a
process forked while it loads still checks words, and loaded ahead it loads at the lowest priority (the English one first, at full speed)."""

import multiprocessing
import os
import sys
import threading

import pytest
from spelling_helpers import own_dictionary

from editor.core.export.caches import spelling_fingerprint
from editor.core.giving_way import LOWEST_NICENESS
from editor.core.spelling import SpellingPlaces, engine, open_spell_checker, prose_words
from editor.core.spelling.engine import PendingDictionary
from editor.core.spelling.portable import load_ahead

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


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a thread's own niceness is Linux's")
def test_the_dictionaries_loaded_ahead_load_behind_everything_else_and_answer_as_ever(tmp_path, monkeypatch):
    places = own_dictionary(tmp_path, EXTRA)
    niceness_while_loading = []
    loading = threading.Event()
    load = engine._load_hunspell

    def observed(found):
        niceness_while_loading.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))
        loading.set()
        return load(found)

    english_niceness = []
    load_english = engine._load_english

    def observed_english():
        english_niceness.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))
        return load_english()

    monkeypatch.setattr(engine, "_load_hunspell", observed)
    monkeypatch.setattr(engine, "_load_english", observed_english)
    monkeypatch.setattr(engine, "_loaded", {})  # the English one not loaded yet in this process
    own_niceness = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    load_ahead(places)
    assert loading.wait(timeout=60)  # the thread it starts for the Hebrew dictionary loads it
    checker = open_spell_checker(places)  # waits for that load
    assert niceness_while_loading == [max(own_niceness, LOWEST_NICENESS)]
    # The English one, which opening the checker waits for (its fingerprint names it), loads first at full speed.
    assert english_niceness == [own_niceness]
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == own_niceness  # this thread's untouched
    assert [m.word for m in checker.misspellings(f"שלום {EXTRA} שלוםםם")] == ["שלוםםם"]


def _counted_loads(monkeypatch) -> list[int]:
    """The Hebrew dictionary forgotten by this process; each load of it from now on noted by its thread's niceness."""
    niceness = []
    load = engine._load_hunspell

    def counted(found):
        niceness.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))
        return load(found)

    monkeypatch.setattr(engine, "_load_hunspell", counted)
    monkeypatch.setattr(engine, "_loaded", {name: found for name, found in engine._loaded.items() if name == "english"})
    monkeypatch.setattr(engine, "_started", set())
    return niceness


def test_a_hebrew_dictionary_left_for_later_is_not_loaded_unless_wanted_and_answers_all_the_same(tmp_path, monkeypatch):
    from editor.core.spelling.portable import want_hebrew

    places = own_dictionary(tmp_path, EXTRA)
    loads = _counted_loads(monkeypatch)
    thread = load_ahead(places, hebrew_when_wanted=True)
    checker = open_spell_checker(places, wait=False)  # starts no load of its own
    want_hebrew(False)  # as an export whose words were all asked before says
    thread.join(timeout=60)
    assert not thread.is_alive() and loads == [] and not checker.hebrew.is_loaded()
    # A word asked all the same loads it where it is asked, and is answered as ever.
    assert [m.word for m in checker.misspellings(f"שלום {EXTRA} שלוםםם")] == ["שלוםםם"]
    assert len(loads) == 1


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a thread's own niceness is Linux's")
def test_a_hebrew_dictionary_wanted_loads_at_the_programs_own_priority(tmp_path, monkeypatch):
    from editor.core.spelling.portable import want_hebrew

    places = own_dictionary(tmp_path, EXTRA)
    loads = _counted_loads(monkeypatch)
    own_niceness = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    thread = load_ahead(places, hebrew_when_wanted=True)
    checker = open_spell_checker(places, wait=False)
    want_hebrew(True)  # the export will ask it: not behind everything else, since it will be waited for
    want_hebrew(False)  # only the first word counts
    thread.join(timeout=60)
    assert loads == [own_niceness] and checker.hebrew.is_loaded()
    assert [m.word for m in checker.misspellings(f"שלום {EXTRA} שלוםםם")] == ["שלוםםם"]
    assert len(loads) == 1
