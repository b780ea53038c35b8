"""Find ignoring niqqud, final letters, quote styles and case, with matches in the original text."""

from editor.core.text.find import SearchableText, find_all, replace_all


def found(text: str, query: str) -> list[str]:
    return [text[start:end] for start, end in find_all(text, query)]


def test_plain_query_finds_the_pointed_word_with_all_its_niqqud():
    text = "אמר לה שָׁלוֹם וחזר"
    assert found(text, "שלום") == ["שָׁלוֹם"]


def test_pointed_query_finds_the_plain_word():
    assert found("שלום לכולם", "שָׁלוֹם") == ["שלום"]


def test_substring_inside_a_word_with_prefixes():
    assert found("על החדשנות והחדשנות החברתית", "חדשנות") == ["חדשנות", "חדשנות"]


def test_final_and_medial_forms_match_each_other():
    # "שלומ" (as inside שלומם) and "שלום" are the same letters
    assert found("שלומם של התלמידים", "שלום") == ["שלומ"]
    assert found("ספר הספרים", "ספרימ") == ["ספרים"]


def test_gershayim_and_ascii_quote_match_each_other():
    assert found('לפי רש״י ולפי רש"י', 'רש"י') == ["רש״י", 'רש"י']


def test_latin_is_matched_without_case():
    assert found("We moved to Python; python is fine", "PYTHON") == ["Python", "python"]


def test_numbers_and_ranges_in_hebrew_text():
    assert found("קבוצות של 4-5 תלמידים", "4-5 תלמ") == ["4-5 תלמ"]


def test_match_spans_refer_to_the_original_text_after_astral_characters():
    text = "🎉 שָׁלוֹם 🎉 שלום"
    spans = find_all(text, "שלום")
    assert [text[s:e] for s, e in spans] == ["שָׁלוֹם", "שלום"]


def test_empty_query_finds_nothing():
    assert find_all("שלום", "") == []
    assert find_all("שלום", "\u05b8") == []  # a lone niqqud mark is no query


def test_find_next_wraps_around_and_backwards():
    text = "אחת שלום שתיים שָׁלוֹם שלוש"
    searchable = SearchableText(text)
    first, second = searchable.find_all("שלום")
    assert searchable.find_next("שלום", 0) == first
    assert searchable.find_next("שלום", first[1]) == second
    assert searchable.find_next("שלום", second[1]) == first
    assert searchable.find_next("שלום", second[0], backwards=True) == first
    assert searchable.find_next("שלום", first[0], backwards=True) == second
    assert searchable.find_next("ירושלים", 0) is None


def test_replace_all_removes_the_niqqud_of_replaced_words_only():
    text = "שָׁלוֹם וּבְרָכָה, שלום לכולם"
    assert replace_all(text, "שלום", "היי") == ("היי וּבְרָכָה, היי לכולם", 2)
