"""The inline step leaves plain prose alone and still finds every inline mark: the same HTML as
Python-Markdown's own step gives, text by text."""

import markdown
import pytest

from editor.core.render.inline import QuickInlineExtension, marks_of
from editor.core.render.pipeline import render_markdown, standard_markdown

MARKS = [
    "שורה עם `קוד` בתוכה",
    "כוכבית \\* בורחת",
    "הערה[^1] בסוף\n\n[^1]: הנה היא.",
    "[קישור](https://example.org) ו[הפניה][א]\n\n[א]: https://example.org/a",
    "![תמונה](pic.png) באמצע",
    "<https://example.org> ו-<mail@example.org>",
    "שורה שנשברת  \nכאן",
    "<b>מודגש</b> ו-&amp; ישות",
    "*נטוי* ו-**מודגש** ו-_גם_",
]


@pytest.mark.parametrize("source", MARKS)
def test_each_inline_mark_is_still_found(source):
    stock = markdown.Markdown(extensions=["footnotes"])
    quick = markdown.Markdown(extensions=["footnotes", QuickInlineExtension()])
    assert quick.convert(source) == stock.convert(source)


def test_plain_prose_comes_out_as_written():
    text = 'פסקה של פרוזה בלבד, עם פסיקים, נקודות, מרכאות "כפולות" ו-4-5 מספרים.'
    assert render_markdown(text).html == f"<p>{text}</p>"


def test_a_pattern_it_does_not_know_turns_the_shortcut_off():
    md = standard_markdown()
    assert marks_of(md.inlinePatterns) is not None
    md.inlinePatterns.register(markdown.inlinepatterns.SimpleTagInlineProcessor(r"()~~(.+?)~~", "del"), "del", 65)
    assert marks_of(md.inlinePatterns) is None
    quick = markdown.Markdown(extensions=[QuickInlineExtension()])
    quick.inlinePatterns.register(markdown.inlinepatterns.SimpleTagInlineProcessor(r"()~~(.+?)~~", "del"), "del", 65)
    assert quick.convert("מחיקה ~~כזו~~ כאן") == "<p>מחיקה <del>כזו</del> כאן</p>"
