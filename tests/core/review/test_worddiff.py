"""Word-level diffs: a changed Hebrew word is one change, the HTML is escaped RTL with paragraphs."""

from editor.core.review.worddiff import EQUAL, changed_words, details_html, diff_details, diff_html, diff_words, tokens


def test_tokens_keep_a_word_with_its_prefixes_and_rebuild_the_text():
    text = 'והחינוך ב-2019, לפי רש"י: 4-5 יחידות (Google).'
    parts = tokens(text)
    assert "".join(parts) == text
    assert "והחינוך" in parts and "ב-2019" in parts and 'רש"י' in parts


def test_a_changed_hebrew_word_with_its_prefix_is_one_change():
    old = "המטרה היא שוויון והחינוך הוא הדרך."
    new = "המטרה היא שוויון והחנוך הוא הדרך."
    assert changed_words(diff_words(old, new)) == [("והחינוך", "והחנוך")]


def test_a_changed_prefix_alone_is_still_a_change_of_the_whole_word():
    assert changed_words(diff_words("ראינו בכיתה שינוי", "ראינו לכיתה שינוי")) == [("בכיתה", "לכיתה")]


def test_niqqud_added_to_a_word_is_shown_as_a_change():
    assert changed_words(diff_words("שלום לכולם", "שָׁלוֹם לכולם")) == [("שלום", "שָׁלוֹם")]


def test_insertions_and_deletions_in_a_mixed_paragraph():
    old = "בשנת 2019 עבדנו עם Google על 4-5 יחידות."
    new = "בשנת 2020 עבדנו עם Google ועם Microsoft על 4-5 יחידות."
    assert changed_words(diff_words(old, new)) == [("2019", "2020"), ("", " ועם Microsoft")]


def test_ops_rebuild_both_texts():
    old = "פסקה ראשונה.\n\nפסקה שנייה עם מילה.\n\nפסקה שלישית."
    new = "פסקה ראשונה.\n\nפסקה שנייה עם מילים רבות.\n\nפסקה רביעית.\n\nפסקה שלישית."
    ops = diff_words(old, new)
    assert "".join(op.old for op in ops) == old
    assert "".join(op.new for op in ops) == new
    assert ops[0].tag == EQUAL and ops[0].new.startswith("פסקה ראשונה.")


def test_html_is_rtl_marked_escaped_and_keeps_paragraphs():
    old = "אחת <b>שתיים</b> & שלוש.\n\nEnglish paragraph here."
    new = "אחת <b>שתיים</b> & ארבע.\n\nEnglish paragraph there."
    page = diff_html(old, new)
    assert 'dir="rtl"' in page and "&lt;b&gt;" in page and "&amp;" in page and "<b>" not in page
    assert "<del>שלוש</del><ins>ארבע</ins>" in page
    assert '<p dir="ltr">English paragraph <del>here</del><ins>there</ins>.</p>' in page
    assert page.count("<p ") == 2


def test_an_inserted_paragraph_is_its_own_marked_paragraph():
    page = diff_html("ראשונה.\n\nאחרונה.", "ראשונה.\n\nחדשה באמצע.\n\nאחרונה.")
    assert '<p dir="rtl"><ins>חדשה באמצע.</ins></p>' in page
    assert page.count("<p ") == 3


def test_details_diff_lists_only_the_changed_fields():
    old = {"title": "כותרת ישנה", "lead": "פתיח", "tags": ["חינוך", "נגב"], "date": "2019-12-23",
           "related": [3, 5], "status": "draft", "body": "x"}
    new = dict(old, title="כותרת חדשה", tags=["חינוך", "מתמטיקה"], date="2019-12-24", related=[5, 3],
               body="y")
    titles = {3: "פוסט שלוש", 5: "פוסט חמש"}
    changes = {c.field: c for c in diff_details(old, new, titles.__getitem__)}
    assert set(changes) == {"title", "tags", "date", "related"}
    assert changed_words(list(changes["title"].ops)) == [("ישנה", "חדשה")]
    assert (changes["date"].old, changes["date"].new) == ("23.12.2019", "24.12.2019")
    assert changes["related"].old == "פוסט שלוש; פוסט חמש"
    table = details_html(list(changes.values()))
    assert "<b>כותרת:</b> כותרת <del>ישנה</del><ins>חדשה</ins>" in table
