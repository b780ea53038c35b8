"""Ctrl+arrow steps in a line: whole words, acronyms with gershayim one word, reading order."""

from editor.core.editing.word_moves import next_word_start, previous_word_start


def test_forward_goes_to_the_start_of_the_next_word():
    line = 'אמר רש"י: "שלום, world"'
    stops, column = [], 0
    while (column := next_word_start(line, column)) is not None and column < len(line):
        stops.append(line[column:column + 4])
    assert stops == ['רש"י', "שלום", "worl"]


def test_backward_goes_to_the_start_of_the_word_before():
    line = "צ'יפס ו-Coca-Cola בשקל"
    stops, column = [], len(line)
    while (column := previous_word_start(line, column)) is not None:
        stops.append(line[column:].split(" ")[0])
        if column == 0:
            break
    assert stops == ["בשקל", "Cola", "Coca-Cola", "ו-Coca-Cola", "צ'יפס"]


def test_niqqud_stays_inside_its_word():
    assert next_word_start("שָׁלוֹם עולם", 0) == len("שָׁלוֹם ")


def test_at_the_ends_of_the_line_the_move_leaves_it():
    assert next_word_start("מילה", 4) is None
    assert previous_word_start("מילה", 0) is None
