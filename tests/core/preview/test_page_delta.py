"""The preview sends the browser only the part of its page that changed: the rest it already holds."""

import random

from editor.core.preview.page_delta import apply_changes, page_changes

PAGE = '<html dir="rtl"><body><h1>רש"י ואג"ח</h1>' + "".join(
    f'<p data-line="{n}">פסקה {n} על 4-5 יחידות, with English.</p>' for n in range(1, 2000)) + "</body></html>"


def test_a_keystroke_in_the_middle_sends_a_few_characters():
    at = PAGE.index("פסקה 1000 ") + len("פסקה 1000 ")
    typed = PAGE[:at] + "ש" + PAGE[at:]
    assert [change.middle for change in page_changes(PAGE, typed)] == ["ש"]
    assert apply_changes(PAGE, page_changes(PAGE, typed)) == typed


def test_the_head_and_the_body_send_their_own_changes():
    page = '<html><head><meta content="פסקה 10 על 4-5"></head>' + PAGE[len("<html>"):]
    typed = page.replace("פסקה 10 ", "פסקה 10 ש")
    changes = page_changes(page, typed)
    assert [change.middle for change in changes] == ["ש", "ש"], "not everything between the two places"
    assert apply_changes(page, changes) == typed


def test_emoji_and_niqqud_are_counted_as_the_browser_counts_them():
    old = "<p>🙂 שָׁלוֹם 🙂</p>" + PAGE
    new = "<p>🙂 שָׁלוֹם 🙂 עוד</p>" + PAGE.replace("פסקה 1999", "פסקה 🎉 1999")
    changes = page_changes(old, new)
    prefix = "<p>🙂 שָׁלוֹם 🙂"
    assert changes[0].start == changes[0].stop == len(prefix) + 2, "each emoji is two UTF-16 units"
    assert apply_changes(old, changes) == new


def test_any_edit_is_rebuilt_exactly():
    rng = random.Random(15)
    alphabet = "אבגדהוזחטיכלמנסעפצקרשת abc<>/\"'🙂\u05b8\n"
    for _ in range(300):
        old = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 9000)))
        at, cut = rng.randrange(0, len(old) + 1), rng.randrange(0, 50)
        new = old[:at] + "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 30))) + old[at + cut:]
        if rng.random() < 0.2:
            new = new + old  # a repeated page: the ends overlap
        if rng.random() < 0.3:
            old, new = old[:len(old) // 2] + "<body>" + old[len(old) // 2:], "<body>" + new
        assert apply_changes(old, page_changes(old, new)) == new


def test_the_same_page_or_an_empty_one():
    assert page_changes(PAGE, PAGE) == []
    assert apply_changes("", page_changes("", PAGE)) == PAGE
    assert apply_changes(PAGE, page_changes(PAGE, "")) == ""
    assert apply_changes(PAGE, page_changes(PAGE, "<body>שונה</body>")) == "<body>שונה</body>"
