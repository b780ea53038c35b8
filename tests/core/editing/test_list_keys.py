"""Enter, Tab and Shift+Tab on a line of Markdown: lists and quotes go on, end and nest."""

import pytest

from editor.core.editing.list_keys import enter, indent, line_prefix, outdent

CARET = "|"


def pressed_enter(line_with_caret: str, in_code: bool = False) -> str:
    """The line (caret marked by |) after Enter, with the caret marked where it lands."""
    column = line_with_caret.index(CARET)
    line = line_with_caret.replace(CARET, "")
    edit = enter(line, column, in_code=in_code)
    after = edit.apply(line)
    caret = edit.selection[0]
    assert edit.selection[0] == edit.selection[1]
    return after[:caret] + CARET + after[caret:]


@pytest.mark.parametrize("before, after", [
    ("שלום|", "שלום\n|"),
    ("hello world|", "hello world\n|"),
    ("שלום |עולם", "שלום \n|עולם"),
    ("## כותרת|", "## כותרת\n|"),
    ("|", "\n|"),
    ("---|", "---\n|"),
    ("* * *|", "* * *\n|"),
    ("-מינוס|", "-מינוס\n|"),
    ("2021.|", "2021.\n|"),
])
def test_enter_outside_a_list_is_a_new_line(before, after):
    assert pressed_enter(before) == after


@pytest.mark.parametrize("before, after", [
    ("- פריט ראשון|", "- פריט ראשון\n- |"),
    ("* item one|", "* item one\n* |"),
    ("+ רש\"י|", "+ רש\"י\n+ |"),
    ("3. שלישי|", "3. שלישי\n4. |"),
    ("9) תשיעי|", "9) תשיעי\n10) |"),
    ("    - מקונן|", "    - מקונן\n    - |"),
    ("- [x] נעשה|", "- [x] נעשה\n- [ ] |"),
    ("> ציטוט|", "> ציטוט\n> |"),
    ("> > עמוק|", "> > עמוק\n> > |"),
    ("> - בתוך ציטוט|", "> - בתוך ציטוט\n> - |"),
])
def test_enter_at_the_end_of_an_item_starts_the_next_one(before, after):
    assert pressed_enter(before) == after


def test_enter_in_the_middle_of_an_item_carries_the_rest_into_the_next_item():
    assert pressed_enter("- אחת |שתיים") == "- אחת\n- |שתיים"
    assert pressed_enter("1. one| two") == "1. one\n2. |two"


def test_enter_before_the_marker_only_moves_the_item_down():
    assert pressed_enter("|- פריט") == "\n|- פריט"


@pytest.mark.parametrize("before, after", [
    ("- |", "\n|"),
    ("7. |", "\n|"),
    ("> |", "\n|"),
    ("- [ ] |", "\n|"),
])
def test_enter_on_an_empty_item_ends_the_list_with_a_blank_line(before, after):
    assert pressed_enter(before) == after


def test_enter_on_an_empty_nested_item_moves_it_out_one_level():
    assert pressed_enter("        - |") == "    - |"
    assert pressed_enter("    1. |") == "1. |"
    assert pressed_enter("> - |") == "> |"


def test_enter_in_code_keeps_the_indentation_and_never_continues_a_list():
    assert pressed_enter("    - x = 1|", in_code=True) == "    - x = 1\n    |"
    assert pressed_enter("def f():|", in_code=True) == "def f():\n|"


def test_tab_and_shift_tab_nest_and_unnest_an_item_by_four_spaces():
    assert indent("- פריט").apply("- פריט") == "    - פריט"
    assert indent("> 2. שני").apply("> 2. שני") == ">     2. שני"
    assert outdent("        - עמוק").apply("        - עמוק") == "    - עמוק"
    assert outdent("  - שני רווחים").apply("  - שני רווחים") == "- שני רווחים"
    assert outdent("- כבר בחוץ") is None


def test_tab_outside_a_list_is_left_to_the_editor():
    assert indent("פסקה רגילה") is None
    assert indent("---") is None
    assert outdent("    קוד") is None


def test_the_prefix_of_a_line():
    prefix = line_prefix("> 12. [x] משימה")
    assert (prefix.quote, prefix.marker, prefix.task) == ("> ", "12.", "[x] ")
    assert prefix.next_item() == "> 13. [ ] "
    assert not line_prefix("**מודגש**").is_list_item
