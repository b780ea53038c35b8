"""An export whose new words wait for the Hebrew dictionary, still loading, writes its files first: the
spell check's warnings (never errors) come once it is loaded, the same as a loaded dictionary's, and are
kept for the next export; an error still stops the export before anything is written."""

import threading

import pytest
from spelling_helpers import own_dictionary

from editor.core.export import ExportBlocked, export_posts
from editor.core.export import run as export_run
from editor.core.importing.samples import import_samples
from editor.core.library.store import Library
from editor.core.spelling import engine, open_spell_checker

EXTRA = "זקזוקית"  # in no dictionary but the one this test writes
NEW_TEXT = f"\n\nפסקה חדשה עם {EXTRA} ועם שלוםםם, שתי מילים שלא נשאלו מעולם.\n"


def spelling_words(result, post_id):
    check = next(c for c in result.checks if c.post.id == post_id)
    return sorted(f.message.split(": ")[1] for f in check.findings if f.code == "spelling" and ": " in f.message)


@pytest.fixture
def held_dictionary(tmp_path, monkeypatch):
    """A dictionary of this test's own whose load waits (up to 30 s) until the export has written its
    files; what it saw when it went on: True when the files were written by then."""
    places = own_dictionary(tmp_path, EXTRA)
    written = threading.Event()
    seen: list[bool] = []
    load, write = engine._load_hunspell, export_run.write_files

    def held(found):
        seen.append(written.wait(timeout=30))
        return load(found)

    def write_then_say(*args, **kwargs):
        result = write(*args, **kwargs)
        written.set()
        return result

    monkeypatch.setattr(engine, "_load_hunspell", held)
    monkeypatch.setattr(export_run, "write_files", write_then_say)
    return places, seen


def edited_library(path):
    library = Library.open(path)
    import_samples(library)
    post = library.all_posts()[3]
    library.save_post(post.copy(body=post.body + NEW_TEXT))
    return library, post.id


def test_the_files_are_written_before_the_spell_check_waits_for_its_dictionary(tmp_path, held_dictionary):
    places, seen = held_dictionary
    library, edited = edited_library(tmp_path / "lib.sqlite")
    out = tmp_path / "site"
    with library:
        checker = open_spell_checker(places, library, wait=False)  # its Hebrew dictionary loads on a thread
        result = export_posts(library, out, spelling=checker)
        assert seen == [True]  # the dictionary was let go on only once the pages were on disk
        slug = library.get_post(edited).slug
        assert "שלוםםם" in (out / slug / "index.html").read_text(encoding="utf-8")
        found = spelling_words(result, edited)
        assert "שלוםםם" in found and EXTRA not in found
        kept = library._read("SELECT count(*) FROM checked_posts")[0][0]
        assert kept == len(result.checks)  # every post's findings kept, the late ones too
        again = export_posts(library, out, spelling=checker)
        assert spelling_words(again, edited) == found

    loaded_library, _ = edited_library(tmp_path / "loaded.sqlite")  # the same posts, the dictionary loaded
    with loaded_library:
        loaded = open_spell_checker(places, loaded_library)
        expected = export_posts(loaded_library, tmp_path / "loaded-site", spelling=loaded)
    assert [(c.post.id, [(f.code, f.message, f.line) for f in c.findings]) for c in result.checks] == [
        (c.post.id, [(f.code, f.message, f.line) for f in c.findings]) for c in expected.checks]


def test_an_error_stops_the_export_before_the_late_spelling_and_lists_it_too(tmp_path):
    places = own_dictionary(tmp_path, EXTRA)
    library, edited = edited_library(tmp_path / "lib.sqlite")
    with library:
        post = library.get_post(edited)
        library.save_post(post.copy(title=""))  # an error: no title
        checker = open_spell_checker(places, library, wait=False)
        with pytest.raises(ExportBlocked) as blocked:
            export_posts(library, tmp_path / "site", spelling=checker)
    assert not (tmp_path / "site" / "index.html").exists()
    check = next(c for c in blocked.value.checks if c.post.id == edited)
    assert [f.code for f in check.errors] == ["no-title"]
    assert any("שלוםםם" in f.message for f in check.warnings if f.code == "spelling")


def test_a_dictionary_that_fails_to_load_late_leaves_a_whole_export_done_again_without_spelling(tmp_path, monkeypatch,
                                                                                               capsys):
    """The command line's answer to a Hebrew dictionary that cannot load after all (`_spelled`): said on
    stderr, the export done again without the spell check. Its files were written first: the second pass
    finds them as they should be and writes nothing again."""
    from editor.core.cli.export_cmd import _spelled
    from editor.core.errors import SpellingError

    places = own_dictionary(tmp_path, EXTRA)
    library, edited = edited_library(tmp_path / "lib.sqlite")

    def refused(found):
        raise SpellingError("the Hebrew dictionary could not be loaded", "לא ניתן לטעון את המילון")

    monkeypatch.setattr(engine, "_load_hunspell", refused)
    out = tmp_path / "site"
    with library:
        checker = open_spell_checker(places, library, wait=False)
        result = _spelled(lambda spelling: export_posts(library, out, spelling=spelling), checker)
        assert "could not be loaded" in capsys.readouterr().err
        assert result.written == []  # all written by the first pass, found whole by the second
        assert len(result.unchanged) == len(result.checks) + 2  # every page, the index and the feed
        assert not [f for c in result.checks for f in c.findings if f.code == "spelling"]
        again = export_posts(library, out)
        assert again.written == []
        slug = library.get_post(edited).slug
    assert "שלוםםם" in (out / slug / "index.html").read_text(encoding="utf-8")
