"""Comment anchors follow their quote through edits and are orphaned when its text is gone."""

from editor.core.review.anchors import (
    Anchor,
    anchor_at,
    make_anchor,
    paragraph_at_line,
    resolve,
    shown_words,
    split_paragraphs,
)

BODY = """## איך זה התחיל

בשנת 2019 פתחנו כיתה של 4-5 יחידות במתמטיקה בבאר שבע, יחד עם Google ועם רש"י.

התלמידים **נפגשו פעמיים בשבוע** עם מורה מוביל, והפער הצטמצם בתוך שנה.

ההורים קיבלו עדכון חודשי על ההתקדמות של הכיתה."""

QUOTE = "נפגשו פעמיים בשבוע"


def quoted(body, location):
    return body[location.start:location.end]


def test_paragraphs_are_blocks_between_blank_lines_with_their_lines():
    paragraphs = split_paragraphs(BODY)
    assert [p.first_line for p in paragraphs] == [1, 3, 5, 7]
    assert paragraphs[0].text == "## איך זה התחיל"
    assert paragraph_at_line(BODY, 5) == 2
    assert paragraph_at_line(BODY, 4) is None


def test_a_code_fence_with_blank_lines_is_one_paragraph():
    body = "פתיחה\n\n```python\nx = 1\n\ny = 2\n```\n\nסיום"
    assert [p.text for p in split_paragraphs(body)] == ["פתיחה", "```python\nx = 1\n\ny = 2\n```", "סיום"]


def test_a_quote_selected_in_the_preview_matches_the_markdown_source():
    anchor = make_anchor(BODY, QUOTE, paragraph=2)
    location = resolve(anchor, BODY)
    assert location.paragraph == 2 and location.exact
    assert quoted(BODY, location) == QUOTE  # inside the ** markers, which the preview does not show


def test_anchor_survives_an_insertion_before_it():
    anchor = make_anchor(BODY, QUOTE, paragraph=2)
    edited = "פסקה חדשה בראש הפוסט, עם מילים נוספות.\n\n" + BODY
    location = resolve(anchor, edited)
    assert location.paragraph == 3
    assert quoted(edited, location) == QUOTE


def test_anchor_survives_an_edit_inside_its_paragraph():
    anchor = make_anchor(BODY, QUOTE, paragraph=2)
    edited = BODY.replace("התלמידים **נפגשו", "בשנה הראשונה התלמידים והתלמידות **נפגשו")
    location = resolve(anchor, edited)
    assert location.exact and quoted(edited, location) == QUOTE


def test_anchor_follows_a_small_change_to_the_quoted_words():
    anchor = make_anchor(BODY, QUOTE, paragraph=2)
    edited = BODY.replace("פעמיים בשבוע", "פעמים בשבוע")
    location = resolve(anchor, edited)
    assert location is not None and not location.exact
    assert quoted(edited, location) == "נפגשו פעמים בשבוע"


def test_anchor_survives_its_paragraph_moving():
    anchor = make_anchor(BODY, QUOTE, paragraph=2)
    parts = BODY.split("\n\n")
    moved = "\n\n".join([parts[0], parts[2], parts[3], parts[1]])
    location = resolve(anchor, moved)
    assert location.paragraph == 1
    assert quoted(moved, location) == QUOTE


def test_anchor_is_orphaned_when_its_paragraph_is_deleted():
    anchor = make_anchor(BODY, QUOTE, paragraph=2)
    parts = BODY.split("\n\n")
    deleted = "\n\n".join(parts[:2] + parts[3:])
    assert resolve(anchor, deleted) is None


def test_anchor_is_orphaned_when_its_words_are_rewritten():
    anchor = make_anchor(BODY, QUOTE, paragraph=2)
    rewritten = BODY.replace(QUOTE, "נפגשו רק פעם בחודש")
    assert resolve(anchor, rewritten) is None


def test_niqqud_and_gershayim_do_not_break_the_match():
    anchor = make_anchor(BODY, 'יחד עם Google ועם רש"י', paragraph=1)
    pointed = BODY.replace("יחד עם", "יַחַד עִם").replace('רש"י', "רש״י")
    location = resolve(anchor, pointed)
    assert location.exact and quoted(pointed, location) == "יַחַד עִם Google ועם רש״י"


def test_a_repeated_quote_is_told_apart_by_its_context():
    body = "המורה אמרה: כן.\n\nהתלמיד ענה: כן.\n\nההורים שאלו: כן."
    start = body.index("ענה: כן") + len("ענה: ")
    anchor = anchor_at(body, start, start + 2)
    assert anchor.quote == "כן" and anchor.paragraph == 1
    edited = "הקדמה.\n\n" + body.replace("ההורים שאלו", "ההורים שאלו שוב")
    location = resolve(anchor, edited)
    assert location.paragraph == 2 and quoted(edited, location) == "כן"


def test_a_range_with_numbers_is_matched_whole():
    anchor = make_anchor(BODY, "4-5 יחידות", paragraph=1)
    location = resolve(anchor, BODY)
    assert quoted(BODY, location) == "4-5 יחידות"


def test_a_selection_over_two_paragraphs_keeps_its_first_line():
    anchor = make_anchor(BODY, "והפער הצטמצם בתוך שנה.\nההורים קיבלו", paragraph=2)
    assert anchor.quote == "והפער הצטמצם בתוך שנה."
    assert resolve(anchor, BODY).paragraph == 2


def test_anchor_round_trips_through_json_form():
    anchor = make_anchor(BODY, QUOTE, paragraph=2)
    assert Anchor.from_dict(anchor.to_dict()) == anchor
    bare = Anchor.from_dict(None, quote=QUOTE, paragraph=2)
    assert quoted(BODY, resolve(bare, BODY)) == QUOTE


def test_a_selection_of_part_of_a_word_stays_that_part():
    anchor = make_anchor(BODY, "פגשו פעמיים", paragraph=2)
    location = resolve(anchor, BODY)
    assert quoted(BODY, location) == "פגשו פעמיים"


def test_the_threshold_is_one_character_in_five():
    body = "פתיחה.\n\nהתלמידים נפגשו פעמיים בשבוע עם מורה מוביל.\n\nסיום."
    anchor = make_anchor(body, "נפגשו פעמיים בשבוע עם", paragraph=1)  # 21 characters: 4 edits allowed
    four_edits = body.replace("נפגשו פעמיים בשבוע עם", "נפגשי פעמים בשבוא אם")
    assert quoted(four_edits, resolve(anchor, four_edits)) == "נפגשי פעמים בשבוא אם"
    six_edits = body.replace("נפגשו פעמיים בשבוע עם", "נפגשי פעמים בשבאא אמ מ")
    assert resolve(anchor, six_edits) is None


def test_shown_words_are_what_the_page_shows():
    assert shown_words("**נפגשו** [פעמיים](https://example.org) בשבוע") == "נפגשו פעמיים בשבוע"
    assert shown_words('## קרן רש"י') == 'קרן רש"י'


def test_a_four_backtick_fence_stays_one_block_over_a_three_backtick_line():
    from editor.core.review.anchors import split_paragraphs

    body = "פתיחה\n\n````\n```\nקוד בתוך קוד\n```\n````\n\nסוף"
    blocks = [p.text for p in split_paragraphs(body)]
    assert blocks == ["פתיחה", "````\n```\nקוד בתוך קוד\n```\n````", "סוף"]
