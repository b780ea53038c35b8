"""After a key, a paragraph's direction is found from the words around the edit, and it is the
direction the whole paragraph's words give, wherever the edit was and whatever it typed."""

import random

from benchmarks.typing_post import sample_bodies
from editor.core.text.hebrew import direction_of_counts
from editor.core.text.line_edit import spaced_window
from editor.core.text.markdown_source import direction_counts, direction_counts_after_edit, line_direction

PIECES = ["א", "ב", "ש", "a", "Z", "é", "7", " ", "  ", "-", "'", '"', "ב-", "ו-Google", "\u05b8", "־", "׳",
          "״", "_", "(", ")", "[", "]", "<", ">", "](", "https://gov.il", "Python"]


def edited_lines(seed: int):
    chance = random.Random(seed)
    lines = [line for body in sample_bodies() for line in body.split("\n")] + ["", "Google", "ב Google"]
    for line in lines:
        for _ in range(8):
            edited = line
            for _ in range(chance.randint(1, 3)):
                where, cut = chance.randint(0, len(edited)), chance.choice([0, 0, 1, 3])
                typed = "".join(chance.choice(PIECES) for _ in range(chance.randint(0, 3)))
                edited = edited[:where] + typed + edited[where + cut:]
            yield line, edited


def test_the_window_holds_the_whole_change_and_is_cut_at_spaces():
    for before, after in edited_lines(1):
        start, end_before, end = spaced_window(before, after)
        assert before[:start] + after[start:end] + before[end_before:] == after
        assert start == 0 or before[start - 1] in " \t"
        assert end == len(after) or after[end] in " \t"


def test_counts_after_an_edit_are_the_counts_of_the_edited_line():
    for before, after in edited_lines(2):
        assert direction_counts_after_edit(after, before, direction_counts(before)) == direction_counts(after)
        assert direction_of_counts(*direction_counts(after)) == line_direction(after)


def test_a_hebrew_paragraph_turns_left_to_right_when_its_english_words_become_more():
    before = "שתי מילים and three"
    counts = direction_counts(before)
    assert direction_of_counts(*counts) == "rtl"
    after = before + " more"
    assert direction_of_counts(*direction_counts_after_edit(after, before, counts)) == "ltr"
