"""Where the Hebrew dictionary is found: the writer's dictionaries/ folder first, then the system's."""

import pytest
from spelling_helpers import nowhere, own_dictionary, places_in

from editor.core.errors import SpellingError
from editor.core.spelling import open_spell_checker, prose_words

EXTRA = "זקזוקית"  # in no dictionary but the one this test writes


def test_without_a_hebrew_dictionary_spell_check_says_where_to_put_one(tmp_path):
    places = nowhere(tmp_path)
    assert places.find("he_IL") is None
    with pytest.raises(SpellingError) as raised:
        open_spell_checker(places)
    folder = str(tmp_path / "ktav-data" / "dictionaries")
    assert folder in raised.value.message and folder in raised.value.message_he
    assert "he_IL.dic" in raised.value.message_he and "hunspell-he" in raised.value.message_he


def test_a_dic_without_its_aff_is_no_dictionary(tmp_path):
    places = nowhere(tmp_path)
    places.user_dictionaries.mkdir(parents=True)
    (places.user_dictionaries / "he_IL.dic").write_text("1\nשלום\n", encoding="utf-8")
    assert places.find("he_IL") is None


def test_a_dictionary_in_the_writers_folder_is_the_one_loaded(tmp_path):
    places = own_dictionary(tmp_path, EXTRA)
    own = places.user_dictionaries
    found = places.find("he_IL")
    assert found.in_user_folder and found.dic == own / "he_IL.dic"
    checker = open_spell_checker(places)
    assert checker.is_correct(prose_words(EXTRA)[0])  # only the writer's copy has it
    assert checker.hebrew.provider == "hunspell"
    assert not open_spell_checker(places_in(tmp_path / "other")).is_correct(prose_words(EXTRA)[0])
