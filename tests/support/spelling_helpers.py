"""The spell check in tests: this machine's Hunspell dictionaries with a test's own data folder,
skipped (saying why) where the Hebrew dictionary or the enchant library is missing."""

from pathlib import Path

import pytest

from editor.core.errors import SpellingError
from editor.core.spelling import SpellChecker, SpellingPlaces, load_dictionaries
from editor.core.spelling.places import system_folders
from editor.core.spelling.word_lists import BlogWords, PersonalWords

NO_DICTIONARY = "needs the he_IL Hunspell dictionary and the enchant library (apt-get install hunspell-he libenchant-2-2)"


def places_in(folder: Path) -> SpellingPlaces:
    """This machine's dictionary folders; the personal dictionary and dictionaries/ in `folder`."""
    return SpellingPlaces(folder / "ktav-data", tuple(system_folders()))


def nowhere(folder: Path) -> SpellingPlaces:
    """Places holding no dictionary at all."""
    return SpellingPlaces(folder / "ktav-data", (folder / "no-dictionaries-here",))


def dictionaries_or_skip(places: SpellingPlaces):
    try:
        return load_dictionaries(places)
    except SpellingError as error:
        pytest.skip(f"{NO_DICTIONARY}: {error.message}")


def checker_for(folder: Path, library=None) -> SpellChecker:
    places = places_in(folder)
    hebrew, english = dictionaries_or_skip(places)
    return SpellChecker(hebrew, english, personal=PersonalWords(places.personal_words),
                        blog=BlogWords(library) if library is not None else None)


def own_dictionary(folder: Path, extra: str) -> SpellingPlaces:
    """Places whose he_IL, in the writer's own folder, is a copy of the system's with `extra` added (a
    dictionary no test loaded yet); the test is skipped without the system's."""
    system = places_in(folder).find("he_IL")
    if system is None:
        pytest.skip(NO_DICTIONARY)
    places = SpellingPlaces(folder / "ktav-data", places_in(folder).system)
    own = places.user_dictionaries
    own.mkdir(parents=True)
    lines = system.dic.read_text(encoding="utf-8").split("\n")
    (own / "he_IL.dic").write_text("\n".join([str(int(lines[0]) + 1), extra, *lines[1:]]), encoding="utf-8")
    (own / "he_IL.aff").write_bytes(system.aff.read_bytes())
    return places
