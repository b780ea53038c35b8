"""The block tests that answer at once for a block without their mark give the stock answers: headings
(`#` and setext), rules and quotes render as Python-Markdown renders them, and prose stays prose."""

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.render.block_tests import QuickBlockTestsExtension

CASES = [
    "# כותרת\n\nפסקה", "## כותרת ##\nשורה", "פסקה עם # באמצע ו-#תגית", "כותרת\n=====\n\nפסקה", "כותרת\n---",
    "טקסט\n- פריט", "---", "- - -", "***", "* * *", "___", "_ _ _", "--", "a -- b -- c", "> ציטוט\n> המשך",
    "פסקה\n> ציטוט באמצע", "ב-2019 וב-2020 ו-2021", "1 > 0 ו-2 > 1", "   ---", "    ---", "טקסט * עם * כוכביות *",
    "[קישור][א]\n\n[א]: https://example.org \"כותרת\"", "פסקה\n[א]: https://example.org\nעוד", "[לא]: הגדרה?",
    "טקסט[^1] עם הערה\n\n[^1]: ההערה\n    והמשכה", "[^1] בלי הגדרה", "פסקה\n[^2]: הגדרה באמצע",
]


def stock(text):
    return markdown.Markdown(extensions=["footnotes"]).convert(text)


def quick(text):
    return markdown.Markdown(extensions=["footnotes", QuickBlockTestsExtension()]).convert(text)


@pytest.mark.parametrize("text", CASES)
def test_each_kind_of_block_renders_as_the_stock_parser_renders_it(text):
    assert quick(text) == stock(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["#", "##", " ", "\n", "\n\n", "=", "===", "-", "---", "*", "_", ">", "> ",
                                 "[", "]", "]:", "[^", "[^1]: ", "[א]: ", "http://x", "(", ")", '"',
                                 "שלום", "עולם", "a", "1."]), max_size=20))
def test_any_mix_of_marks_renders_as_the_stock_parser_renders_it(pieces):
    text = "".join(pieces)
    assert quick(text) == stock(text)


def test_another_extensions_processor_is_left_as_it_is():
    class Own(markdown.blockprocessors.HashHeaderProcessor):
        pass

    class OwnHeadings(markdown.extensions.Extension):
        def extendMarkdown(self, md):
            md.parser.blockprocessors.register(Own(md.parser), "hashheader", 70)

    md = markdown.Markdown(extensions=[OwnHeadings(), QuickBlockTestsExtension()])
    assert type(md.parser.blockprocessors["hashheader"]) is Own
