"""Line facts for the editor: code fences, the direction a reader sees, UTF-16 positions."""

from editor.core.text.markdown_source import Fence, closes_fence, fence_opening, line_direction
from editor.core.text.utf16 import from_utf16, to_utf16


def test_fences_open_with_backticks_or_tildes_and_close_with_the_same():
    assert fence_opening("```python") == Fence("`", 3)
    assert fence_opening("~~~~") == Fence("~", 4)
    assert fence_opening("``` not `a fence`") is None  # inline code, not a fence
    assert fence_opening("    ```") is None  # indented four: code text, not a fence
    assert closes_fence("`````", Fence("`", 3))
    assert not closes_fence("~~~", Fence("`", 3))
    assert not closes_fence("``", Fence("`", 3))
    assert not closes_fence("```python", Fence("`", 3))


def test_direction_is_by_the_words_a_reader_sees():
    assert line_direction("ראו [כאן](https://example.org/a/long/english/path)") == "rtl"
    assert line_direction("See [the guide](https://example.org/מדריך) first") == "ltr"
    assert line_direction('לפי רש"י, השיטה של Google עובדת') == "rtl"
    assert line_direction("Python הוא language nice") == "ltr"
    assert line_direction("[1]: https://example.org/some/english/words") is None
    assert line_direction("<https://example.org/path/words>") is None
    assert line_direction("---") is None
    assert line_direction("4-5, 2019") is None  # numbers alone follow the paragraph before


def test_utf16_positions_count_emoji_twice():
    text = "א🎉ב"
    assert to_utf16(text, 2) == 3
    assert from_utf16(text, 3) == 2
    assert from_utf16(text, 2) == 1  # inside the pair: the pair's start
    assert to_utf16("שלום", 3) == from_utf16("שלום", 3) == 3


def test_links_and_images_of_a_line_with_their_addresses():
    from editor.core.text.markdown_source import links

    line = 'ראו [ויקיפדיה](https://he.wikipedia.org/wiki/X_(Y)) ו-![תמונה](ktav-image:ab "כיתוב").'
    found = links(line)
    assert [(link.address, link.is_image) for link in found] == [
        ("https://he.wikipedia.org/wiki/X_(Y)", False), ("ktav-image:ab", True)]
    assert line[found[0].text_start:found[0].text_end] == "ויקיפדיה"
    assert line[found[1].target_start:found[1].end] == '(ktav-image:ab "כיתוב")'
    assert found[0].contains(found[0].start + 1) and not found[0].contains(found[0].end)


def test_short_addresses_name_the_site():
    from editor.core.text.markdown_source import short_address

    assert short_address("https://www.gov.il/he/departments/x") == "gov.il"
    assert short_address("http://localhost:8000/a") == "localhost"
    assert short_address("mailto:info@example.org") == "info@example.org"
    assert short_address("#פרק-שני") == "#פרק-שני"
    assert short_address("files/report.pdf") == "report.pdf"


def test_the_fence_rules_are_shared_code_lines_are_found_once():
    from editor.core.text.markdown_source import FenceTracker, without_code

    lines = ["טקסט", "~~~python", "x = 1", "```", "~~~", "אחרי"]
    tracker = FenceTracker()
    assert [tracker.is_code(line) for line in lines] == [False, True, True, True, True, False]
    assert without_code("א\n```\nקוד\n```\nב") == "א\n\n\n\nב"
