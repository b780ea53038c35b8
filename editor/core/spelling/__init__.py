"""Hebrew spell check: Hunspell's he_IL through pyenchant, the prose words of Markdown, the writer's
and the blog's own word lists.

    checker = open_spell_checker(places=None, library=None)   # SpellingError: no Hebrew dictionary
    hebrew, english = load_dictionaries(places)                 # the slow part, for a worker thread
    checker.misspelled(line) -> LineCheck(mistakes, complete, asked)  # a Markdown line outside code
    checker.suggestions(word) -> list[str]                      # up to 6, in the writer's quote marks
    checker.misspellings(text) -> list[Misspelling]            # a whole post (the pre-publish check)
    checker.add_personal(word); checker.add_to_blog(word); checker.ignore(word)
    SpellingPlaces.default().find("he_IL") -> FoundDictionary | None
"""

from editor.core.spelling.checker import (
    LineCheck,
    Misspelling,
    SpellChecker,
    load_dictionaries,
    missing_dictionary,
    open_spell_checker,
)
from editor.core.spelling.places import FoundDictionary, SpellingPlaces
from editor.core.spelling.word_lists import BLOG_WORDS_SETTING, blog_words, merge_blog_words
from editor.core.spelling.words import Word, markdown_words, prose_words

__all__ = [
    "BLOG_WORDS_SETTING", "FoundDictionary", "LineCheck", "Misspelling", "SpellChecker", "SpellingPlaces", "Word",
    "blog_words", "load_dictionaries", "markdown_words", "merge_blog_words", "missing_dictionary", "open_spell_checker",
    "prose_words",
]
