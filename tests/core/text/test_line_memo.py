"""A line's answer is computed once: a post saved again after a few keys costs the lines typed in."""

from editor.core.library.search import index_text
from editor.core.text.line_memo import LineMemo
from editor.core.text.word_count import markdown_word_count


def test_each_distinct_line_is_computed_once():
    computed: list[str] = []
    memo = LineMemo(lambda line: computed.append(line) or len(line))
    assert [memo(line) for line in ["שלום", "עולם", "שלום"]] == [4, 4, 4]
    assert computed == ["שלום", "עולם"]


def test_a_full_memo_starts_over_and_still_answers():
    memo = LineMemo(str.upper, limit=2)
    assert [memo(line) for line in ["a", "b", "c", "a"]] == ["A", "B", "C", "A"]


def test_a_post_counted_and_indexed_again_after_an_edit_gives_the_new_answers():
    post = "שורה ראשונה\n\nשורה שנייה עם מילים\n```\nקוד לא נספר\n```\n"
    assert markdown_word_count(post) == 6
    edited = post.replace("שנייה", "שנייה ועוד")
    assert markdown_word_count(edited) == 7
    assert index_text(edited).split().count("ועוד") == 1
    assert "ועוד" not in index_text(post).split()
