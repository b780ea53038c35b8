"""A text changed elsewhere is taken in as one replaced span."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from editor.core.editing.text_change import change_between


def apply(old: str, change) -> str:
    return old if change is None else old[:change.start] + change.replacement + old[change.old_end:]


def test_a_paragraph_added_by_a_teammate_is_the_only_span_replaced():
    old = 'פסקה ראשונה על רש"י.\n\nפסקה אחרונה.\n'
    new = 'פסקה ראשונה על רש"י.\n\nפסקה שנוספה בצוות.\n\nפסקה אחרונה.\n'
    change = change_between(old, new)
    assert change.start == change.old_end, "nothing of the old text is replaced: the writer's words stay put"
    assert change.start >= len('פסקה ראשונה על רש"י.\n\n')
    assert len(change.replacement) == len("פסקה שנוספה בצוות.\n\n") and apply(old, change) == new


def test_equal_texts_need_no_change_and_repeated_letters_do_not_overlap():
    assert change_between("שָׁלוֹם", "שָׁלוֹם") is None
    change = change_between("אאא", "אא")
    assert change.old_end - change.start == 1 and change.replacement == ""


@given(st.text(alphabet="אבג \n😀a"), st.text(alphabet="אבג \n😀a"))
def test_applying_the_change_gives_the_new_text(old, new):
    assert apply(old, change_between(old, new)) == new
