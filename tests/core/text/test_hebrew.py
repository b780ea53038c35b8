"""Hebrew text tools: matching forms, tokens, prefixes, direction, counts and slugs."""

from editor.core.text import hebrew


def test_normalize_strips_niqqud_and_folds_finals_and_quotes():
    assert hebrew.normalize("שָׁלוֹם") == hebrew.normalize("שלום") == "שלומ"
    assert hebrew.normalize("רש״י") == hebrew.normalize('רש"י')
    assert hebrew.normalize("Google") == "google"


def test_cantillation_and_presentation_forms_are_folded():
    assert hebrew.normalize("בְּרֵאשִׁ֖ית") == hebrew.normalize("בראשית")
    assert hebrew.normalize("\ufb2a") == "ש"  # shin with shin dot, a presentation form


def test_acronyms_and_geresh_stay_one_word():
    assert hebrew.tokenize('קרן רש"י תמכה') == ["קרן", 'רש"י', "תמכה"]
    assert hebrew.tokenize("צ'יפס וג'") == ["צ'יפס", "וג'"]
    assert hebrew.normalized_tokens("רש״י") == hebrew.normalized_tokens('רש"י') == ["רשי"]


def test_hyphenated_prefix_belongs_to_its_word():
    assert hebrew.tokenize("ב-2019 ו-Google") == ["ב-2019", "ו-Google"]
    assert hebrew.normalized_tokens("ב-2019 ו-Google") == ["2019", "google"]


def test_prefix_variants_peel_up_to_three_letters():
    assert hebrew.prefix_variants("והחדשנות") == ["החדשנות", "חדשנות"]
    assert hebrew.prefix_variants("חדשנות") == []
    assert hebrew.prefix_variants("של") == []  # a stem keeps at least two letters


def test_stop_words_are_found_behind_prefixes():
    assert hebrew.is_stop_word(hebrew.normalize_token("וגם"))
    assert hebrew.is_stop_word(hebrew.normalize_token("שהוא"))
    assert not hebrew.is_stop_word(hebrew.normalize_token("חינוך"))


def test_direction_follows_the_majority_of_words():
    assert hebrew.text_direction("Google הודיעה היום על שירות חדש") == "rtl"
    assert hebrew.text_direction("The foundation works with ארגון in the south") == "ltr"
    assert hebrew.text_direction("4-5 יחידות") == "rtl"
    assert hebrew.text_direction("2019 - 2020") is None


def test_word_count_and_reading_time():
    text = 'קרן רש"י ו-Social Finance Israel פועלות יחד: 4-5 יחידות.'
    assert hebrew.word_count(text) == 10
    assert hebrew.reading_minutes(0) == 0
    assert hebrew.reading_minutes(1) == 1
    assert hebrew.reading_minutes(450) == 3


def test_slug_keeps_hebrew_drops_niqqud_and_punctuation():
    assert hebrew.slugify("חמש יחידות – שנה ראשונה!") == "חמש-יחידות-שנה-ראשונה"
    assert hebrew.slugify("שָׁלוֹם עוֹלָם") == "שלום-עולם"
    assert hebrew.slugify('קרן רש"י ו-Social Finance') == "קרן-רשי-ו-social-finance"
    assert hebrew.slugify("?!") == "post"
    long_slug = hebrew.slugify(" ".join(["מילה"] * 40))
    assert len(long_slug) <= hebrew.MAX_SLUG_LENGTH and not long_slug.endswith("-")


def test_valid_slug():
    assert hebrew.is_valid_slug("שלום-עולם-2024")
    assert not hebrew.is_valid_slug("שָׁלוֹם")
    assert not hebrew.is_valid_slug("a b")
    assert not hebrew.is_valid_slug("-x")


def test_counts_read_as_hebrew_speakers_say_them():
    from editor.core.text.hebrew import counted

    assert counted(1, "הערה חדשה אחת", "{n} הערות חדשות") == "הערה חדשה אחת"
    assert counted(3, "הערה חדשה אחת", "{n} הערות חדשות") == "3 הערות חדשות"


def test_a_library_time_reads_as_a_date_and_a_time():
    import os
    import time

    from editor.core.text.hebrew import readable_time

    previous = os.environ.get("TZ")
    os.environ["TZ"] = "Asia/Jerusalem"
    time.tzset()
    try:
        assert readable_time("2026-12-01T08:19:56.194589Z") == "1.12.2026 בשעה 10:19"
        assert readable_time("not a time") == "not a time"
    finally:
        if previous is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = previous
        time.tzset()
