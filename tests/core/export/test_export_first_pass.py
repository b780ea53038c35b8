"""An export's first pass on its workers (forked or spawned) does what one process does: the spell check
finds the same unknown words at the same lines, with the writer's personal words, the blog's words and
the session's ignored words known there too (a second export answers from the library the same way);
the related analyses they make are the ones kept in the library and give the same related cards."""

import multiprocessing
import os
import pickle
import shutil

import pytest
from spelling_helpers import checker_for, own_dictionary

from editor.core.export import export_posts
from editor.core.importing.into_library import import_files
from editor.core.importing.samples import sample_paths
from editor.core.library.store import Library
from editor.core.models import Post, Status
from editor.core.spelling import open_spell_checker
from editor.core.spelling.portable import portable, still_loading
from editor.core.spelling.words import prose_words

needs_fork = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork here")


def spelling_of(result):
    return {c.post.slug: [(f.message, f.message_he, f.line) for f in c.findings if f.code == "spelling"]
            for c in result.checks}


def library_with_typos(path):
    with Library.open(path) as library:
        import_files(library, sample_paths(), status=Status.APPROVED)
        for number, post in enumerate(library.all_posts()):
            extra = f"\n\nשורה {number} עם ירושליים, אתמל ו-Ktavv, וגם זקזקון ופלונימוס.\n"
            library.save_post(post.copy(title=f"{post.title} שלוםם", body=post.body + extra))
    return path


def checker(folder, library):
    found = checker_for(folder, library)
    found.add_to_blog("זקזקון")
    found.add_personal("פלונימוס")
    found.ignore("Ktavv")
    return found


@pytest.mark.slow
@needs_fork
def test_the_spell_check_on_workers_finds_what_one_process_finds(tmp_path):
    pristine = library_with_typos(tmp_path / "pristine.sqlite")
    found = {}
    for name, workers, method in (("one", 1, None), ("fork", 3, "fork"), ("spawn", 3, "spawn")):
        path = tmp_path / f"{name}.sqlite"
        shutil.copy(pristine, path)  # no spelling answers kept in it yet
        with Library.open(path) as library:
            result = export_posts(library, tmp_path / name, workers=workers, start_method=method,
                                  spelling=checker(tmp_path / name, library))
            found[name] = spelling_of(result)
            again = export_posts(library, tmp_path / name, workers=workers, start_method=method,
                                 spelling=checker(tmp_path / name, library))
            assert spelling_of(again) == found[name]  # answered from the library this time
    assert len(found["one"]) == 48
    for findings in found["one"].values():
        words = {message.split(": ")[1].split(" (")[0] for message, _, _ in findings}
        assert {"שלוםם", "ירושליים", "אתמל"} <= words
        assert not words & {"זקזקון", "פלונימוס", "Ktavv"}  # the blog's, the personal and an ignored word
    assert found["fork"] == found["one"]
    assert found["spawn"] == found["one"]


def test_the_checker_sent_to_another_process_answers_as_the_original(tmp_path, library):
    original = checker(tmp_path, library)
    sent = pickle.loads(pickle.dumps(portable(original))).checker()
    text = "ירושליים ירושלים זקזקון וזקזקון פלונימוס Ktavv ktavv Ktavvv שלום"
    assert sent.misspellings(text) == original.misspellings(text)
    assert [w.text for w in prose_words(text) if not sent.is_correct(w)] == ["ירושליים", "Ktavvv"]


def analyses_of(path):
    with Library.open(path, read_only=True) as library:
        return {row["post_id"]: tuple(row) for row in library._read(
            "SELECT post_id, content_hash, version, forms, counts, surfaces FROM related_analysis")}


@pytest.mark.slow
@needs_fork
def test_the_related_analyses_made_on_workers_are_those_one_process_makes(tmp_path):
    pristine = library_with_typos(tmp_path / "pristine.sqlite")
    pages = {}
    for name, workers, method in (("one", 1, None), ("fork", 2, "fork"), ("spawn", 3, "spawn")):
        path = tmp_path / f"{name}.sqlite"
        shutil.copy(pristine, path)
        with Library.open(path) as library:
            with library.transaction() as db:  # none kept: every post is analyzed now
                db.execute("DELETE FROM related_analysis")
            export_posts(library, tmp_path / name, workers=workers, start_method=method)
        pages[name] = {p.parent.name: p.read_bytes() for p in (tmp_path / name).glob("*/index.html")}
    one = analyses_of(tmp_path / "one.sqlite")
    assert len(one) == 48
    assert analyses_of(tmp_path / "fork.sqlite") == one
    assert analyses_of(tmp_path / "spawn.sqlite") == one
    assert pages["fork"] == pages["one"] == pages["spawn"]


@pytest.mark.slow
@needs_fork
def test_the_posts_analyzed_while_the_dictionary_loads_give_what_one_process_gives(tmp_path):
    """The workers start once the Hebrew dictionary is loaded; this process analyzes posts meanwhile."""
    pristine = library_with_typos(tmp_path / "pristine.sqlite")
    places = own_dictionary(tmp_path / "own", "זקזקון")  # a dictionary no test loaded: it loads now
    pages, spelling = {}, {}
    for name, workers in (("fork", 2), ("one", 1)):  # the first one while it loads
        path = tmp_path / f"{name}.sqlite"
        shutil.copy(pristine, path)
        with Library.open(path) as library:
            with library.transaction() as db:  # none kept: every post is analyzed now
                db.execute("DELETE FROM related_analysis")
            checker = open_spell_checker(places, library, wait=False)
            if name == "fork":
                assert still_loading(checker)
            result = export_posts(library, tmp_path / name, workers=workers, start_method="fork", spelling=checker)
        pages[name] = {p.parent.name: p.read_bytes() for p in (tmp_path / name).glob("*/index.html")}
        spelling[name] = spelling_of(result)
    assert analyses_of(tmp_path / "fork.sqlite") == analyses_of(tmp_path / "one.sqlite")
    assert len(pages["one"]) == 48
    assert pages["fork"] == pages["one"]
    assert spelling["fork"] == spelling["one"]
    assert any(spelling["one"].values())


@needs_fork
def test_workers_spell_words_asked_before_without_the_hebrew_dictionary(tmp_path, monkeypatch):
    """A word taught to the spell check makes every text's check change, not what the dictionary said of
    each word: the workers are given the answers kept, and the export neither waits for the Hebrew
    dictionary nor needs it (here it cannot load at all) when no word is new."""
    from editor.core.errors import SpellingError
    from editor.core.spelling import engine
    from editor.core.spelling.word_lists import PersonalWords

    places = own_dictionary(tmp_path, "זקזוקית")
    path = library_with_typos(tmp_path / "lib.sqlite")
    with Library.open(path) as library:
        first = spelling_of(export_posts(library, tmp_path / "site", workers=2, start_method="fork",
                                         spelling=open_spell_checker(places, library)))
        PersonalWords(places.personal_words).add("אתמל")

        def refused(found):
            raise SpellingError("the Hebrew dictionary was to be left unloaded", "המילון לא היה אמור להיטען")

        monkeypatch.setattr(engine, "_loaded", {})  # forgotten by this process, and failing to load again
        monkeypatch.setattr(engine, "_started", set())
        monkeypatch.setattr(engine, "_load_hunspell", refused)
        checker = open_spell_checker(places, library, wait=False)
        again = spelling_of(export_posts(library, tmp_path / "site", workers=2, start_method="fork", spelling=checker))
    assert again == {slug: [f for f in found if "אתמל" not in f[0]] for slug, found in first.items()}
    assert any("אתמל" in f[0] for found in first.values() for f in found)


@needs_fork
def test_new_posts_to_spell_have_the_workers_wait_for_the_hebrew_dictionary(tmp_path, monkeypatch):
    """Posts never rendered bring words never asked: the workers are forked once this process has loaded
    the Hebrew dictionary, and find it loaded (no worker loads it again, were the answers of the others kept)."""
    from editor.core.spelling import engine

    places = own_dictionary(tmp_path, "זקזוקית")
    path = library_with_typos(tmp_path / "lib.sqlite")
    loads = tmp_path / "loads.txt"
    load = engine._load_hunspell

    def counted(found):
        with loads.open("a") as file:
            file.write(f"{os.getpid()}\n")
        return load(found)

    with Library.open(path) as library:
        export_posts(library, tmp_path / "site", workers=2, start_method="fork",
                     spelling=open_spell_checker(places, library))  # the answers are kept from now on
        for number in range(40):
            library.add_post(Post(title=f"פוסט חדש {number}", lead="פתיח", status=Status.APPROVED,
                                  body=f"מילים חדשות: {'אבגדהוזחטיכלמנסעפצקרשת'[number % 22] * 3}לון ושמרגול {number}."))
        monkeypatch.setattr(engine, "_loaded", {})
        monkeypatch.setattr(engine, "_started", set())
        monkeypatch.setattr(engine, "_load_hunspell", counted)
        again = export_posts(library, tmp_path / "site", workers=2, start_method="fork",
                             spelling=open_spell_checker(places, library, wait=False))
    assert loads.read_text().split() == [str(os.getpid())]
    assert any("ושמרגול" in f[0] for found in spelling_of(again).values() for f in found)


def test_an_export_after_one_loads_the_hebrew_dictionary_only_for_a_word_never_asked(tmp_path, monkeypatch):
    """As the command line exports (`load_ahead(hebrew_when_wanted=True)` where the library kept answers):
    a title edited, or a paragraph of words asked before, loads no Hebrew dictionary; a paragraph with a new
    word loads it once, and its misspelling is found."""
    from editor.core.spelling import engine
    from editor.core.spelling.portable import load_ahead, want_hebrew

    places = own_dictionary(tmp_path, "זקזוקית")
    path = library_with_typos(tmp_path / "lib.sqlite")
    loads = []
    load = engine._load_hunspell

    def counted(found):
        loads.append(found.tag)
        return load(found)

    def export_after(edit) -> dict:
        with Library.open(path) as library:
            edit(library)
            monkeypatch.setattr(engine, "_loaded", {})
            monkeypatch.setattr(engine, "_started", set())
            monkeypatch.setattr(engine, "_load_hunspell", counted)
            thread = load_ahead(places, hebrew_when_wanted=True)
            try:
                found = spelling_of(export_posts(library, tmp_path / "site",
                                                 spelling=open_spell_checker(places, library, wait=False)))
            finally:
                want_hebrew(False)
                thread.join(timeout=60)
            return found

    with Library.open(path) as library:
        export_posts(library, tmp_path / "site", spelling=open_spell_checker(places, library))  # answers kept
        post = library.all_posts()[2]
    export_after(lambda library: library.save_post(library.get_post(post.id).copy(title=post.title + " (2)")))
    assert loads == []
    export_after(lambda library: library.save_post(library.get_post(post.id).copy(body=f"{post.body}\n\n{post.lead}\n")))
    assert loads == []  # every word of the paragraph (the post's lead) was asked before
    found = export_after(lambda library: library.save_post(library.get_post(post.id).copy(
        body=f"{post.body}\n\n{post.lead} ושמרגולון.\n")))
    assert loads == ["he_IL"]
    assert any("ושמרגולון" in f[0] for findings in found.values() for f in findings)
