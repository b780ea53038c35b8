"""A line checked again after an edit reads only the words around the edit, and finds exactly what
reading the whole line finds: the same words, the same mistakes, wherever the edit was."""

import random

import pytest

from benchmarks.typing_post import sample_bodies
from editor.core.spelling import SpellChecker
from editor.core.spelling.words import edit_window, moved, placed_runs, prose_words

PIECES = ["א", "ב", "ה", "ו", "ש", "ל", "ם", "ץ", "a", "B", "x", "7", "2024", " ", " ", " ", "  ", ".", ",",
          "-", "־", '"', "'", "״", "׳", "/", "(", ")", "@", "#", "_", "&", ";", ":", "*", "\u05b8", "\u05bc",
          "www.", "http://", "gov.il", "ב-", "רש\"י", "מילה", "שלוםם"]


def prose_lines() -> list[str]:
    lines = [line for body in sample_bodies() for line in body.split("\n") if line.strip()]
    return lines[:60] + ["", "א", " מילה ", "ב-2019 ו-Google", 'ו"ביחד" וכו\' גב\'', "#תג ו@שם a_b ab.cd"]


def edits(seed: int, count: int):
    chance = random.Random(seed)
    lines = prose_lines()
    for _ in range(count):
        line = chance.choice(lines)
        where = chance.randint(0, len(line))
        cut = chance.choice([0, 0, 1, 2, 5])
        typed = "".join(chance.choice(PIECES) for _ in range(chance.choice([0, 1, 1, 2, 3])))
        yield line, line[:where] + typed + line[where + cut:]


def words_from_window(before: str, after: str, window) -> list:
    start, end_before, end = window
    inside = [moved(word, at) if at else word for at, found in placed_runs(after, (start, end)) for word in found]
    return ([w for w in prose_words(before) if w.start < start] + inside
            + [moved(w, end - end_before) for w in prose_words(before) if w.start >= end_before])


@pytest.mark.parametrize("seed", range(4))
def test_the_words_of_an_edited_line_are_the_old_ones_outside_the_window_and_the_read_ones_inside(seed):
    windowed = 0
    for before, after in edits(seed, 1500):
        window = edit_window(before, after)
        if window is None:
            continue
        windowed += 1
        assert words_from_window(before, after, window) == prose_words(after), (before, after, window)
    assert windowed > 500


def test_a_line_with_code_links_or_html_is_read_whole():
    assert edit_window("ראו `קוד` כאן", "ראו `קוד` כאןן") is None
    assert edit_window("ראו [קישור](https://gov.il) כאן", "ראו [קישור](https://gov.il) כאןן") is None
    assert edit_window("שורה <b>מודגשת</b>", "שורה <b>מודגשתת</b>") is None
    assert edit_window("מילה ועוד מילה", "מילה ועוד מילהה") == (10, 14, 15)


class Letters:
    """A dictionary that knows the words made of the letters it was given."""

    provider = "test"

    def __init__(self, letters: str) -> None:
        self.letters = set(letters)

    def check(self, form: str) -> bool:
        return set(form) <= self.letters

    def suggest(self, form: str) -> list[str]:
        return []


@pytest.mark.parametrize("seed", range(3))
def test_an_edited_line_has_the_mistakes_a_whole_reading_finds(seed):
    checker = SpellChecker(Letters("אבגדהוזחטיכלמנסעפצקרשתםןץףך\"'"), Letters("abcdefghijklmnopqrstuvwxyzB"))
    for before, after in edits(seed, 1000):
        found = checker.misspelled(before)
        again = checker.misspelled_after_edit(after, before, found)
        whole = checker.misspelled(after)
        assert (again.mistakes, again.complete) == (whole.mistakes, whole.complete), (before, after)


def test_a_mistake_elsewhere_in_the_line_that_a_word_list_took_in_is_no_longer_one():
    checker = SpellChecker(Letters("מילהועדש"))
    before = "מילה זקזקק ועוד מילה"
    found = checker.misspelled(before)
    assert [w.text for w in found.mistakes] == ["זקזקק"]
    checker.ignore("זקזקק")
    assert checker.misspelled_after_edit(before + " ש", before, found).mistakes == []


def test_an_incomplete_check_is_not_built_on():
    checker = SpellChecker(Letters("מילהועדש"))
    before = "מילה זקזקק ועוד מילה"
    partial = checker.misspelled(before, ask_up_to=0)
    assert not partial.complete
    assert [w.text for w in checker.misspelled_after_edit(before + "ה", before, partial).mistakes] == ["זקזקק"]
