"""The spell check against the real he_IL Hunspell dictionary: right Hebrew passes, mistakes are caught
with the right word among the suggestions, and nothing but prose is ever flagged."""

import pytest
from spelling_helpers import checker_for

from editor.core.spelling import prose_words


@pytest.fixture(scope="module")
def checker(tmp_path_factory):
    return checker_for(tmp_path_factory.mktemp("spelling"))


RIGHT = [
    # one-letter prefixes, as the dictionary's affix rules allow them
    "ובבית", "וכשהגענו", "שבעיר", "מהבית", "כשהלכנו", "והילדים", "לירושלים", "ולכשיגיעו",
    # niqqud, also in defective spelling
    "שָׁלוֹם", "יְלָדִים", "בְּרֵאשִׁית", "כֻּלָּם", "תִּרְדֹּף",
    # gershayim and geresh in every form
    'רש"י', "רש״י", 'צה"ל', 'בצה"ל', 'אג"ח', "ג'ירפה", "ג׳ירפה", "צ'יפס", "וכו'", "גב'",
    # maqaf and hyphen
    "בית־הספר", "תל־אביב", "תל-אביב",
    # quotation marks, and a prefix before an opening one
    '"שלום"', 'ו"ביחד"',
]


@pytest.mark.parametrize("word", RIGHT)
def test_right_hebrew_words_pass(checker, word):
    assert checker.check_word(word), word


def test_a_hebrew_paragraph_with_everything_has_no_mistake(checker):
    paragraph = ("וכשהגענו לבית־הספר בתל־אביב, רש״י כבר חיכה לנו עם 4-5 ספרים. ב-2019 פתחנו כיתה של צה\"ל "
                 "בכ\"ג באייר תשפ\"ד, וכֻּלָּם אמרו \"שָׁלוֹם\" לג׳ירפה.")
    assert checker.misspellings(paragraph) == []


MISTAKES = [("שלוםם", "שלום"), ("ירושליים", "ירושלים"), ("אתמל", "אתמול"), ("ישרעל", "ישראל"),
            ("מתמטיקע", "מתמטיקה"), ("הממשלהה", "הממשלה"), ("חינוךך", "חינוך"), ("מתנדביםם", "מתנדבים"),
            ("בשכונהה", "בשכונה"), ("תורמיםם", "תורמים")]


@pytest.mark.parametrize(("garbled", "meant"), MISTAKES)
def test_a_misspelling_is_caught_and_the_right_word_suggested(checker, garbled, meant):
    word = prose_words(garbled)[0]
    assert not checker.is_correct(word)
    suggestions = checker.suggestions(word)
    assert meant in suggestions and len(suggestions) <= 6


def test_hebrew_is_answered_by_hunspell_not_by_the_hspell_provider_that_accepts_everything(checker):
    assert checker.hebrew.provider == "hunspell" and checker.hebrew.path.name == "he_IL.dic"
    garbled = prose_words("זקזקזקזק")[0]
    assert not checker.is_correct(garbled) and checker.hebrew.suggest("שלוםם")


def test_suggestions_are_written_with_the_writers_quote_marks(checker):
    assert "רש״י" in checker.suggestions(prose_words("רש״יי")[0])
    assert 'רש"י' in checker.suggestions(prose_words('רש"יי')[0])


def test_markdown_syntax_addresses_and_code_are_never_flagged(checker):
    garbled = "שלוםם"
    text = f"""# כותרת על [הפרויקט](https://example.org/{garbled}/זקזק "{garbled}")

![תמונה של הכיתה](ktav-image:{"a" * 64} "{garbled}") וגם `{garbled}` בתוך קוד, <span title="{garbled}">טקסט</span>
<!-- {garbled} --> הערה[^{garbled}] לכתובת {garbled}@example.org או https://{garbled}.example.org/x
{{: #{garbled} .klass}}

```
{garbled} ספרר זקזק
```

[{garbled}]: https://example.org/{garbled}
[^{garbled}]: הסבר קצר.
"""
    assert checker.misspellings(text) == []
    found = checker.misspellings(text + f"\nובסוף {garbled} אחד בפרוזה.\n")
    assert [(m.word, m.line, m.count) for m in found] == [(garbled, 14, 1)]


def test_english_words_are_checked_with_an_english_dictionary_when_there_is_one(checker):
    if checker.english is None:
        pytest.skip("no English dictionary is installed here")
    assert [m.word for m in checker.misspellings("כתבנו about the reserch, Google and NASA")] == ["reserch"]


def test_without_an_english_dictionary_latin_words_are_not_judged(checker):
    from editor.core.spelling import SpellChecker

    hebrew_only = SpellChecker(checker.hebrew)
    assert [m.word for m in hebrew_only.misspellings("about the reserch and שלוםם")] == ["שלוםם"]


def test_answers_are_cached_per_word(checker):
    word = prose_words("קקטוסים")[0]
    fresh = type(checker)(checker.hebrew)
    assert fresh.known_answer(word) is None
    first = fresh.is_correct(word)
    assert fresh.known_answer(word) is first
    pointed, plain = prose_words("כֻּלָּם")[0], prose_words("כלם")[0]
    assert fresh.is_correct(pointed) and fresh.known_answer(plain) is None  # niqqud can make it another word


def test_a_line_is_answered_within_a_budget_of_new_words(checker):
    fresh = type(checker)(checker.hebrew)
    line = "אחת שתיים שלוש ארבע חמש"
    first = fresh.misspelled(line, ask_up_to=2)
    assert (first.asked, first.complete) == (2, False)
    rest = fresh.misspelled(line, ask_up_to=10)
    assert (rest.asked, rest.complete, rest.mistakes) == (3, True, [])


def test_ignoring_a_word_accepts_it_for_the_session_only(checker):
    session = type(checker)(checker.hebrew)
    session.ignore("קרןזהבית")
    assert session.check_word("קרןזהבית") and not type(checker)(checker.hebrew).check_word("קרןזהבית")


def test_a_posts_misspellings_are_its_unknown_words_as_read_line_by_line(checker, sample_paths):
    from editor.core.spelling import markdown_words

    garbled = "\n\nבמשפט הזה יש טעותת אחת, ושוב טעותת, ועוד שגיאהה.\n"
    for path in sample_paths:
        text = path.read_text(encoding="utf-8") + garbled
        expected: dict[str, list] = {}
        for number, word in markdown_words(text):  # what the underlines read, word by word
            if not checker.is_correct(word):
                expected.setdefault(word.form, [word.text, number, 0])[2] += 1
        found = checker.misspellings(text)
        assert [[m.word, m.line, m.count] for m in found] == list(expected.values()), path.name
        assert {"טעותת": 2, "שגיאהה": 1}.items() <= {m.word: m.count for m in found}.items()
