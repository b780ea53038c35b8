"""The editor's running word count agrees with the core's count while a text is edited."""

from editor.core.text.word_count import WordCounter, markdown_word_count


def test_count_follows_edits_like_a_full_count(sample_paths):
    text = sample_paths[0].read_text(encoding="utf-8")
    counter = WordCounter()
    assert counter.count(text) == _full_count(text)
    edits = [
        text.replace("\n\n", "\n\nמילה חדשה ", 1),
        text + '\nלפי רש"י, 4-5 יחידות ו-Google',
        text[: len(text) // 2] + text[len(text) // 2 + 40 :],
        "",
    ]
    for edited in edits:
        assert counter.count(edited) == _full_count(edited)


def test_repeated_lines_are_all_counted():
    assert WordCounter().count("שתי מילים\nשתי מילים\nשתי מילים") == 6


def _full_count(text):
    return markdown_word_count(text)


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
    assert markdown_word_count(text) == WordCounter().count(text) == 9


def test_the_list_the_status_bar_and_the_render_agree(sample_paths):
    from editor.core.render.pipeline import render_markdown

    for path in sample_paths[:10]:
        body = path.read_text(encoding="utf-8").split("---", 2)[2]
        assert WordCounter().count(body) == markdown_word_count(body) == render_markdown(body).word_count
