"""What the spell check reads as words in Markdown: prose only, Hebrew words whole, the rest left alone."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.spelling.words import _NOT_PROSE, _RUN_WORDS, _mask, full_spellings, is_hebrew_numeral, markdown_words, prose_words


def texts(line: str) -> list[str]:
    return [word.text for word in prose_words(line)]


def forms(line: str) -> list[str]:
    return [word.form for word in prose_words(line)]


@pytest.mark.parametrize("written", ['רש"י', "רש״י", "רש\u201dי", "ג'ירפה", "ג׳ירפה", "צה\"ל", "וכו'"])
def test_gershayim_and_geresh_in_any_form_stay_inside_the_word(written):
    assert texts(f"אמר {written} אתמול") == ["אמר", written, "אתמול"]


def test_the_dictionary_is_asked_with_ascii_quotes_and_without_niqqud():
    assert forms('רש״י וג׳ירפה שָׁלוֹם') == ['רש"י', "וג'ירפה", "שלום"]


def test_maqaf_and_hyphens_split_words_as_a_reader_reads_them():
    assert texts("בית־הספר בתל-אביב") == ["בית", "הספר", "בתל", "אביב"]


def test_a_prefix_before_a_hyphen_number_or_foreign_word_is_not_a_word():
    assert texts("ב-2019 עבדנו וה-CIA ידעה, גם בiPhone") == ["עבדנו", "ידעה", "גם"]


def test_quotation_marks_around_a_word_are_not_part_of_it():
    assert texts('"שלום" \'עולם\' “ספר”') == ["שלום", "עולם", "ספר"]


def test_a_prefix_before_an_opening_quote_leaves_the_quoted_word_to_be_asked():
    word = prose_words('קראנו ו"ביחד" הצלחנו')[1]
    assert word.text == 'ו"ביחד' and "ביחד" in word.alternatives


def test_a_gender_ending_after_a_slash_is_not_a_word():
    assert texts('תלמידים/ות ומנכ"ל/ית') == ["תלמידים", 'ומנכ"ל']


def test_markdown_syntax_addresses_html_and_code_are_not_prose():
    line = ('## **כותרת** [קישור](https://example.org/שלוםם "כותרתת") ![תמונה](ktav-image:abc) `קודד` '
            '<span class="זזז">טקסט</span> <!-- הערהה --> [^הערהה] כתבו ל-name@example.org או ל-שלוםם@דוגמה.org '
            'באתר www.example.org/zzz ובקובץ site.css {: #מזהה .klass} ‏&nbsp; #תגית my_var')
    assert texts(line) == ["כותרת", "קישור", "תמונה", "טקסט", "כתבו", "או", "באתר", "ובקובץ"]


def test_reference_definitions_and_fenced_code_have_no_words():
    text = "שורה ראשונה\n\n```python\nשלוםם = 'ספרר'\n```\n\n[1]: https://example.org/zz \"כותרתת\"\n~~~\nעוד\n~~~\nסוף"
    assert [(line, word.text) for line, word in markdown_words(text)] == [(1, "שורה"), (1, "ראשונה"), (11, "סוף")]


def test_numbers_and_hebrew_numerals_are_not_words():
    assert texts('ב-2019, כ"ג באייר תשפ"ד, פרק ט"ו, ה\' בחשוון, 4-5 יחידות, COVID-19') == ["באייר", "פרק", "בחשוון", "יחידות"]


@pytest.mark.parametrize("numeral", ["ה'", 'כ"ג', 'תשפ"ד', 'ט"ו', 'ט"ז', 'בכ"ג', 'תש"ם', 'תת"ק'])
def test_hebrew_numerals(numeral):
    assert is_hebrew_numeral(numeral)


@pytest.mark.parametrize("acronym", ['רש"י', 'צה"ל', 'אג"ח', 'ד"ר', "ג'ירפה", "וכו'"])
def test_acronyms_are_not_numerals(acronym):
    assert not is_hebrew_numeral(acronym)


def test_latin_acronyms_camel_case_and_single_letters_are_left_alone():
    assert texts("NASA and JavaScript in a UNESCO report, I think") == ["and", "in", "report", "think"]


def test_a_pointed_word_is_also_asked_in_full_spelling():
    assert "תרדוף" in full_spellings("תִּרְדֹּף")
    assert full_spellings("כֻּלָּם") == ["כולם"]
    assert "קיבוץ" in full_spellings("קִבּוּץ")
    word = prose_words("כֻּלָּם")[0]
    assert (word.form, word.alternatives) == ("כלם", ("כולם",))


def test_indices_are_where_the_word_stands_in_the_line():
    line = "**שָׁלוֹם** ל-Google ולרש״י"
    for word in prose_words(line):
        assert line[word.start:word.end] == word.text
    assert texts(line) == ["שָׁלוֹם", "Google", "ולרש״י"]


_PIECES = ["ב", "ה", "ו", "של", "בית", "ספר", "רש\"י", "ג'ירפה", "iPhone", "CIA", "2019", "-", "־", "/", "ות",
           "'", '"', "`", "[", "](", ")", "<b>", "www.x.co", "a_b", "#תג", " ", " ", "  "]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14), st.lists(st.sampled_from(_PIECES), max_size=14))
def test_a_line_has_the_same_words_whether_its_runs_were_seen_in_other_lines_or_not(first, second):
    line, other = "".join(first), "".join(second)
    _RUN_WORDS.clear()
    fresh = prose_words(line)
    prose_words(other + line)  # the same runs, seen with other neighbours first
    prose_words(line + other)
    assert prose_words(line) == fresh
    _RUN_WORDS.clear()
    assert prose_words(line) == fresh


_NOT_PROSE_PIECES = ["<a href=x>", "<!-- ה", "-->", "&amp;", "&#12;", "][ref]", "[^1]:", "{: .x}", "{#מזהה}",
                     "http://a.b/c", "www.x.com", "a@b.co", "שלום@דוגמה.org", "gov.il", "site.css", "snake_case",
                     "@user", "#תג", "&#", "ktav-image:ab", "mailto:q", "שלום", "ב-2019", " ", ".", ":", "_", "@",
                     "#", "[", "]", "^", "{", "}", "<", ">", "&", ";", "x", "Y9", "-"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_NOT_PROSE_PIECES), max_size=16))
def test_a_line_is_blanked_as_by_every_kind_of_markdown_at_once(pieces):
    """The line is blanked only with the kinds it can hold: the same spaces as the whole alternation."""
    line = "".join(pieces)
    assert _mask(line) == _NOT_PROSE.sub(lambda m: " " * len(m.group()), line)
