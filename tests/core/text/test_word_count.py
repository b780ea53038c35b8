"""The word count: the words a reader sees, the same in the post list and the status bar."""

from editor.core.text.word_count import markdown_word_count


def test_repeated_lines_are_all_counted():
    assert markdown_word_count("שתי מילים\nשתי מילים\nשתי מילים") == 6


def test_markdown_around_the_words_is_not_counted():
    text = (
        "1. [קישור לאתר](https://example.org/a-b-c) של קרן רש\"י\n"
        "- ![תמונה](ktav-image:abc123) פריט\n"
        "> 2) ציטוט[^1]\n"
        "[^1]: הערה\n"
        "```python\nprint('not words')\n```\n"
        "<b>ו-Google</b> {: .x }"
    )
    # קישור, לאתר, של, קרן, רש"י / פריט / ציטוט / הערה / ו-Google
    assert markdown_word_count(text) == 9


def test_the_list_the_status_bar_and_the_render_agree(sample_paths):
    from editor.core.render.pipeline import render_markdown

    for path in sample_paths[:10]:
        body = path.read_text(encoding="utf-8").split("---", 2)[2]
        assert markdown_word_count(body) == render_markdown(body).word_count
