"""A text changed elsewhere is taken in as the few spans that changed."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from editor.core.editing.text_change import change_between, changes_between


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


def apply_all(old: str, changes) -> str:
    for change in reversed(changes):
        old = old[:change.start] + change.replacement + old[change.old_end:]
    return old


def test_a_fix_at_the_top_and_a_paragraph_at_the_end_leave_the_paragraphs_between_untouched():
    middle = "".join(f"פסקה {n} שלא השתנתה.\n\n" for n in range(50))
    old = "פתיחה עם שגיאה.\n\n" + middle + "סוף.\n"
    new = "פתיחה בלי שגיאה.\n\n" + middle + "סוף.\n\nפסקה שנוספה בצוות.\n"
    changes = changes_between(old, new)
    assert len(changes) == 2 and apply_all(old, changes) == new
    untouched = (len("פתיחה עם שגיאה.\n\n"), len(old) - len("סוף.\n"))
    assert all(c.old_end <= untouched[0] or c.start >= untouched[1] for c in changes)
    assert changes[0].replacement == "בלי" and old[changes[0].start:changes[0].old_end] == "עם"


def test_equal_texts_need_no_changes():
    assert changes_between("שלום\nעולם\n", "שלום\nעולם\n") == []


@given(st.text(alphabet="אב \n😀a"), st.text(alphabet="אב \n😀a"))
def test_applying_the_changes_from_the_last_gives_the_new_text(old, new):
    changes = changes_between(old, new)
    assert apply_all(old, changes) == new
    assert all(a.old_end < b.start for a, b in zip(changes, changes[1:])), "in order, apart"
