"""The pre-publish check lists the words the spell check does not know, as warnings with their lines."""

from spelling_helpers import checker_for

from editor.core.export import check_post
from editor.core.export.check import MAX_SPELLING_FINDINGS
from editor.core.models import Post


def test_misspelled_words_are_warnings_at_their_first_line(library, tmp_path):
    body = "פסקה ראשונה נכונה.\n\nבפסקה השנייה ירושליים.\n\n```\nשלוםם בקוד\n```\n\nושוב ירושליים, וגם אתמל."
    post = Post(title="כותרת עם שלוםם", lead="פתיח נכון", body=body)
    checker = checker_for(tmp_path, library)
    spelling = [f for f in check_post(library, post, spelling=checker) if f.code == "spelling"]
    assert [(f.severity.value, f.message_he, f.line) for f in spelling] == [
        ("warning", "מילה שבודק האיות אינו מכיר: שלוםם", None),
        ("warning", "מילה שבודק האיות אינו מכיר: ירושליים (2 פעמים)", 3),
        ("warning", "מילה שבודק האיות אינו מכיר: אתמל", 9),
    ]
    assert spelling[1].message == "a word the spell check does not know: ירושליים (2 times)"
    assert not [f for f in check_post(library, post) if f.code == "spelling"]  # no checker, no spelling


def test_a_post_full_of_unknown_words_gets_a_count_of_the_rest(library, tmp_path):
    unknown = [f"זקזק{letters}" for letters in ("אב", "גד", "הו", "זח", "טי", "כל", "מנ", "סע", "פצ", "קר", "שת")]
    words = [f"{a}{b}" for a in unknown for b in ("ם", "ן", "ץ")]
    post = Post(title="רשימה", lead="פתיח", body=" ".join(words))
    found = [f for f in check_post(library, post, spelling=checker_for(tmp_path, library)) if f.code == "spelling"]
    assert len(words) > MAX_SPELLING_FINDINGS
    assert len(found) == MAX_SPELLING_FINDINGS + 1
    assert found[-1].message_he == f"ועוד {len(words) - MAX_SPELLING_FINDINGS} מילים שבודק האיות אינו מכיר"


class CountingDictionary:
    """The real Hebrew dictionary, counting the words asked of it."""

    def __init__(self, real) -> None:
        self.real, self.asked = real, []
        self.tag, self.provider, self.path, self.found = real.tag, real.provider, real.path, real.found

    def check(self, word: str) -> bool:
        self.asked.append(word)
        return self.real.check(word)

    def suggest(self, word: str) -> list[str]:
        return self.real.suggest(word)


def test_after_a_sentence_is_added_only_its_new_words_are_asked_of_the_dictionary(library, tmp_path):
    from editor.core.export import export_posts
    from editor.core.models import Status

    body = "פסקה ראשונה נכונה על ירושלים.\n\nבפסקה השנייה ירושליים ועוד מילים רבות."
    post = library.add_post(Post(title="כותרת", lead="פתיח", body=body, status=Status.APPROVED))
    first = export_posts(library, tmp_path / "site", spelling=checker_for(tmp_path, library))
    library.save_post(library.get_post(post.id).copy(body=body + "\n\nמשפט חדש עם שגיאהה."))
    checker = checker_for(tmp_path, library)
    counting = checker.hebrew = CountingDictionary(checker.hebrew)
    again = export_posts(library, tmp_path / "site", spelling=checker)
    assert set(counting.asked) <= {"משפט", "חדש", "עם", "שגיאהה"}  # the rest of the body was answered before
    words = [[f.message for f in c.findings if f.code == "spelling"] for c in (first.checks[0], again.checks[0])]
    assert words[1] == [*words[0], "a word the spell check does not know: שגיאהה"]


def test_the_words_the_workers_asked_are_kept_for_the_next_export(sample_library, tmp_path):
    """A first export spells most posts on its workers: what their dictionaries answered is kept too, so
    a post later changed with words it already had asks the dictionary nothing."""
    from editor.core.export import export_posts

    library = sample_library
    export_posts(library, tmp_path / "site", workers=2, start_method="fork",
                 spelling=checker_for(tmp_path, library))
    with library.transaction():
        for post in library.all_posts():
            first_paragraph = post.body.split("\n\n")[0]
            library.save_post(post.copy(body=f"{post.body}\n\n{first_paragraph}"))
    checker = checker_for(tmp_path, library)
    counting = checker.hebrew = CountingDictionary(checker.hebrew)
    export_posts(library, tmp_path / "site", spelling=checker)
    assert counting.asked == []


def test_an_export_after_one_post_changed_spell_checks_that_post_alone(sample_library, tmp_path):
    """The other posts' findings are kept whole, their misspelled words with them: not one of their texts
    is asked again, not even of the library's kept answers (here emptied: else each would be spell-checked
    again on the workers), and the export's findings are those of a full check."""
    from editor.core.export import check_posts, export_posts

    library = sample_library
    first = export_posts(library, tmp_path / "site", spelling=checker_for(tmp_path, library))
    changed = library.all_posts()[7]
    library.save_post(changed.copy(body=changed.body + '\n\nמשפט חדש על רש"י עם שגיאהה.'))
    with library.cache_transaction() as db:
        db.execute("DELETE FROM checked_spelling")
    checker = checker_for(tmp_path, library)
    asked = []
    real = checker.misspellings
    checker.misspellings = lambda text: asked.append(text) or real(text)
    again = export_posts(library, tmp_path / "site", spelling=checker, workers=2, start_method="fork")
    assert asked and set(asked) <= {changed.title, changed.lead, library.get_post(changed.id).body}
    # Not one other text was sent to the workers to be checked (their answers would be kept here): the
    # changed post's title, lead and body, and the row of the dictionaries' answers word by word.
    assert len(library._read("SELECT inputs_hash FROM checked_spelling")) <= 4
    full = {c.post.id: [f.message for f in c.findings] for c in check_posts(library, spelling=checker_for(tmp_path, library))}
    assert {c.post.id: [f.message for f in c.findings] for c in again.checks} == full
    assert "a word the spell check does not know: שגיאהה" in full[changed.id]
    assert len(first.checks) == len(again.checks)


def test_a_word_taught_to_the_spell_check_leaves_what_the_dictionary_said_of_the_others(sample_library, tmp_path):
    """The writer adds a word to the personal dictionary: every text is checked again (its answer may
    change), but from the dictionaries' answers kept word by word, which the lists do not change; the
    dictionary is asked nothing, and the word taught is no longer reported."""
    from spelling_helpers import places_in

    from editor.core.export import export_posts
    from editor.core.spelling.word_lists import PersonalWords

    library = sample_library
    post = library.all_posts()[4]
    library.save_post(post.copy(body=post.body + "\n\nמשפט עם זקזקון ועם שגיאהה."))
    before = export_posts(library, tmp_path / "site", spelling=checker_for(tmp_path, library))
    PersonalWords(places_in(tmp_path).personal_words).add("זקזקון")
    checker = checker_for(tmp_path, library)
    counting = checker.hebrew = CountingDictionary(checker.hebrew)
    after = export_posts(library, tmp_path / "site", spelling=checker)
    assert counting.asked == []

    def spelling(result):
        return next([f.message for f in c.findings if f.code == "spelling"] for c in result.checks if c.post.id == post.id)

    assert "a word the spell check does not know: זקזקון" in spelling(before)
    assert spelling(after) == [m for m in spelling(before) if "זקזקון" not in m]
