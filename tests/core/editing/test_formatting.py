"""Markdown formatting edits on plain text: emphasis, links, headings, lists, quotes, images."""

from editor.core.editing.formatting import (
    BOLD,
    ITALIC,
    image_markdown,
    insert_block,
    set_heading,
    toggle_bullets,
    toggle_link,
    toggle_numbers,
    toggle_quote,
    toggle_wrap,
    word_at,
)


def apply(edit_maker, text, start, end, *args):
    """The text after the edit and the selected part of it."""
    edit = edit_maker(text, start, end, *args)
    new = edit.apply(text)
    return new, new[edit.selection[0] : edit.selection[1]]


def test_bold_wraps_a_hebrew_selection_and_keeps_it_selected():
    text = "התוכנית שבנינו יחד"
    assert apply(toggle_wrap, text, 8, 14, BOLD) == ("התוכנית **שבנינו** יחד", "שבנינו")


def test_bold_on_bold_text_removes_it():
    text = "התוכנית **שבנינו** יחד"
    assert apply(toggle_wrap, text, 10, 16, BOLD) == ("התוכנית שבנינו יחד", "שבנינו")
    # selecting the markers too also unwraps
    assert apply(toggle_wrap, text, 8, 18, BOLD) == ("התוכנית שבנינו יחד", "שבנינו")


def test_without_selection_the_word_under_the_cursor_is_used_with_its_niqqud():
    text = "אמר שָׁלוֹם לכולם"
    new, selected = apply(toggle_wrap, text, 6, 6, BOLD)
    assert new == "אמר **שָׁלוֹם** לכולם"
    assert selected == "שָׁלוֹם"


def test_word_under_cursor_keeps_acronym_quotes_and_geresh():
    text = 'לפי רש"י וצ\'יפס'
    assert text[slice(*word_at(text, 5))] == 'רש"י'
    assert text[slice(*word_at(text, 12))] == "וצ'יפס"


def test_no_word_under_cursor_inserts_a_pair_with_the_cursor_inside():
    edit = toggle_wrap("שורה ", 5, 5, BOLD)
    assert edit.apply("שורה ") == "שורה ****"
    assert edit.selection == (7, 7)


def test_surrounding_spaces_stay_outside_the_markers():
    assert apply(toggle_wrap, "א בגד ה", 1, 6, BOLD)[0] == "א **בגד** ה"


def test_italic_and_bold_are_told_apart():
    text = "**מודגש** ו*נטוי*"
    assert apply(toggle_wrap, text, 2, 7, ITALIC)[0] == "***מודגש*** ו*נטוי*"
    assert apply(toggle_wrap, text, 12, 16, ITALIC)[0] == "**מודגש** ונטוי"
    assert apply(toggle_wrap, text, 12, 16, BOLD)[0] == "**מודגש** ו***נטוי***"
    assert apply(toggle_wrap, "***שניהם***", 3, 8, BOLD)[0] == "*שניהם*"


def test_mixed_hebrew_english_selection():
    text = "עברנו ל-Python 3 השנה"
    assert apply(toggle_wrap, text, 8, 16, BOLD)[0] == "עברנו ל-**Python 3** השנה"


def test_multi_line_selection_is_wrapped_line_by_line_and_unwrapped_back():
    text = "שורה ראשונה\n\nשורה שנייה"
    new, _ = apply(toggle_wrap, text, 0, len(text), BOLD)
    assert new == "**שורה ראשונה**\n\n**שורה שנייה**"
    assert apply(toggle_wrap, new, 2, len(new) - 2, BOLD)[0] == text


def test_link_from_word_selects_the_address_to_type():
    new, selected = apply(toggle_link, "ראו כאן עכשיו", 5, 5)
    assert new == "ראו [כאן](https://) עכשיו"
    assert selected == "https://"


def test_link_on_an_address_puts_the_cursor_on_the_label():
    edit = toggle_link("ראו https://example.org היום", 4, 23)
    assert edit.apply("ראו https://example.org היום") == "ראו [](https://example.org) היום"
    assert edit.selection == (5, 5)


def test_link_inside_a_link_removes_it():
    text = "ראו [המדריך](https://example.org) היום"
    assert apply(toggle_link, text, 6, 6) == ("ראו המדריך היום", "המדריך")


def test_heading_levels_replace_each_other_and_toggle_off():
    assert apply(set_heading, "מה ראינו בכיתה", 3, 3, 2)[0] == "## מה ראינו בכיתה"
    assert apply(set_heading, "## מה ראינו", 4, 4, 3)[0] == "### מה ראינו"
    assert apply(set_heading, "## מה ראינו", 4, 4, 2)[0] == "מה ראינו"


def test_heading_keeps_the_cursor_on_the_same_letter():
    edit = set_heading("מה ראינו", 3, 3, 2)
    assert edit.selection == (6, 6)
    assert edit.apply("מה ראינו")[6:] == "ראינו"


def test_bullets_on_several_lines_and_back():
    text = "קבוצות של 4-5 תלמידים\nמורה מוביל\n\nקשר עם ההורים"
    new, _ = apply(toggle_bullets, text, 0, len(text))
    assert new == "- קבוצות של 4-5 תלמידים\n- מורה מוביל\n\n- קשר עם ההורים"
    assert apply(toggle_bullets, new, 0, len(new))[0] == text


def test_numbers_count_only_lines_with_text_and_replace_bullets():
    text = "- א\n- ב\n\n- ג"
    assert apply(toggle_numbers, text, 0, len(text))[0] == "1. א\n2. ב\n\n3. ג"
    assert apply(toggle_numbers, "1. א\n2. ב", 0, 8)[0] == "א\nב"


def test_selection_ending_at_a_line_start_does_not_take_that_line():
    text = "שורה אחת\nשורה שתיים"
    assert apply(toggle_quote, text, 0, 9)[0] == "> שורה אחת\nשורה שתיים"


def test_quote_toggles():
    text = '"בהתחלה חשבתי", סיפרה נ\'.'
    quoted, _ = apply(toggle_quote, text, 3, 3)
    assert quoted == "> " + text
    assert apply(toggle_quote, quoted, 3, 3)[0] == text


def test_image_reference_is_its_own_paragraph():
    text = "פסקה ראשונה\nפסקה שנייה"
    edit = insert_block(text, 3, image_markdown("ktav-image:abc", "תלמידות בכיתה"))
    assert edit.apply(text) == "פסקה ראשונה\n\n![תלמידות בכיתה](ktav-image:abc)\n\nפסקה שנייה"
    assert edit.apply("") if False else insert_block("", 0, "![x](u)").apply("") == "![x](u)"


def test_image_on_an_empty_line_between_paragraphs_adds_no_extra_blank_lines():
    text = "פסקה\n\n\nעוד"
    assert insert_block(text, 6, "![x](u)").apply(text) == "פסקה\n\n![x](u)\n\nעוד"


def test_image_alt_text_brackets_are_escaped():
    assert image_markdown("ktav-image:1", "גרף [2024]") == "![גרף \\[2024\\]](ktav-image:1)"


def test_an_image_with_a_caption_keeps_the_gershayim_of_the_caption():
    from editor.core.render.pipeline import render_markdown

    markdown = image_markdown("ktav-image:ab", "ילדים\nבחצר", 'דברי רש"י בחצר')
    assert markdown == '![ילדים בחצר](ktav-image:ab "דברי רש"י בחצר")'
    assert '<figcaption>דברי רש"י בחצר</figcaption>' in render_markdown(markdown).html  # a caption makes a figure


def test_an_image_is_never_inserted_inside_a_table():
    text = "פסקה\n\n| א | ב |\n|---|---|\n| 1 | 2 |\n\nסוף"
    edit = insert_block(text, text.index("| 1"), "![x](u)")
    assert edit.apply(text) == "פסקה\n\n| א | ב |\n|---|---|\n| 1 | 2 |\n\n![x](u)\n\nסוף"
    at_the_end = "| א | ב |\n|---|---|\n| 1 | 2 |"
    assert insert_block(at_the_end, 2, "![x](u)").apply(at_the_end) == at_the_end + "\n\n![x](u)"
