"""The editor's running word count agrees with the core's count while a text is edited."""

from editor.core import hebrew
from editor.core.word_counter import WordCounter


def test_count_follows_edits_like_a_full_count(sample_paths):
    text = sample_paths[0].read_text(encoding="utf-8")
    counter = WordCounter()
    assert counter.count(text) == hebrew.word_count(text)
    edits = [
        text.replace("\n\n", "\n\nמילה חדשה ", 1),
        text + '\nלפי רש"י, 4-5 יחידות ו-Google',
        text[: len(text) // 2] + text[len(text) // 2 + 40 :],
        "",
    ]
    for edited in edits:
        assert counter.count(edited) == hebrew.word_count(edited)


def test_repeated_lines_are_all_counted():
    assert WordCounter().count("שתי מילים\nשתי מילים\nשתי מילים") == 6
