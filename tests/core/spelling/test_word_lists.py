"""The writer's personal dictionary and the blog's words: kept, found behind prefixes, carried by bundles."""

import os

import pytest
from spelling_helpers import checker_for

from editor.core.errors import SpellingError
from editor.core.library.store import Library
from editor.core.models import Post
from editor.core.review.bundle import import_bundle, read_bundle, write_bundle
from editor.core.spelling import blog_words, merge_blog_words
from editor.core.spelling.word_lists import PersonalWords, WordSet

NAME = "מדעטק"  # a program's name no dictionary knows


def test_a_listed_hebrew_word_is_known_behind_prefixes_and_latin_in_any_case():
    words = WordSet([NAME, "Ktav"])
    assert all(words.knows(w) for w in (NAME, "ב" + NAME, "ולכש" + NAME, "ktav", "KTAV"))
    assert not words.knows("ת" + NAME) and not words.knows("מדעט")


def test_a_word_added_to_the_blogs_words_clears_it_in_another_post(tmp_path):
    library = Library.open(tmp_path / "blog.sqlite")
    first = library.add_post(Post(title="על התוכנית", body=f"התוכנית {NAME} נפתחה השנה."))
    second = library.add_post(Post(title="סיכום", body=f"ובתוכנית {NAME}, ולצד ה{NAME}, למדו עשרות ילדים."))
    writer = checker_for(tmp_path / "writer", library)
    assert [m.word for m in writer.misspellings(library.get_post(second.id).body)] == [NAME, "ה" + NAME]
    writer.add_to_blog(f"{NAME[:2]}\u05b8{NAME[2:]}")  # with a niqqud mark, as it may be selected
    assert blog_words(library) == [NAME]
    another_editor = checker_for(tmp_path / "editor", library)  # another writer, another session
    assert another_editor.misspellings(library.get_post(second.id).body) == []
    assert another_editor.misspellings(library.get_post(first.id).body) == []
    library.close()


def test_the_blogs_words_survive_a_bundle_round_trip(tmp_path):
    writer = Library.open(tmp_path / "writer.sqlite")
    post = writer.add_post(Post(title="הכנס", body=f"בכנס של {NAME} בדימונה השתתפו מאות."))
    merge_blog_words(writer, [NAME, 'רש"י', "Ktav"])
    path = write_bundle(writer, post.id, tmp_path / "post.ktav")
    assert read_bundle(path).blog_words == ["Ktav", NAME, 'רש"י']
    editor = Library.open(tmp_path / "editor.sqlite")
    merge_blog_words(editor, ["ניצנה"])
    result = import_bundle(editor, path)
    assert result.blog_words_added == 3 and "מילון הבלוג" in result.summary_he
    assert blog_words(editor) == ["Ktav", NAME, "ניצנה", 'רש"י']
    assert checker_for(tmp_path / "editor-data", editor).misspellings(editor.get_post(result.post_id).body) == []
    again = import_bundle(editor, path)
    assert again.blog_words_added == 0 and not again.changed
    writer.close()
    editor.close()


def test_a_bundle_from_before_the_blogs_words_still_opens(tmp_path):
    from bundle_helpers import rewrite

    writer = Library.open(tmp_path / "writer.sqlite")
    post = writer.add_post(Post(title="ישן", body="פוסט מגרסה קודמת."))
    path = rewrite(write_bundle(writer, post.id, tmp_path / "old.ktav"), {"blog_words.json": None})
    contents = read_bundle(path)
    assert contents.blog_words == [] and contents.post["content"]["title"] == "ישן"
    writer.close()


def test_a_bundle_whose_blog_words_are_not_words_is_refused_whole(tmp_path):
    from bundle_helpers import rewrite

    from editor.core.errors import BundleError

    writer = Library.open(tmp_path / "writer.sqlite")
    post = writer.add_post(Post(title="פוסט", body="טקסט."))
    path = rewrite(write_bundle(writer, post.id, tmp_path / "bad.ktav"), {"blog_words.json": [NAME, {"word": 1}]})
    with pytest.raises(BundleError) as raised:
        read_bundle(path)
    assert "blog_words.json" in raised.value.message and "blog_words.json" in raised.value.message_he
    writer.close()


def test_the_personal_dictionary_is_a_file_in_the_data_folder(tmp_path):
    path = tmp_path / "data" / "personal_words.txt"
    words = PersonalWords(path)
    assert words.add(" ג׳ירפונת ") == "ג'ירפונת"
    PersonalWords(path).add("Ktav")  # another window adds a word meanwhile
    words.add(NAME)
    assert path.read_text(encoding="utf-8") == f"Ktav\nג'ירפונת\n{NAME}\n"
    assert PersonalWords(path).knows("וג'ירפונת") and PersonalWords(path).knows("ktav")


def test_a_personal_dictionary_that_cannot_be_read_is_never_overwritten(tmp_path):
    path = tmp_path / "personal_words.txt"
    path.write_bytes(b"\xff\xfe not utf-8 \x80")
    with pytest.raises(SpellingError) as raised:
        PersonalWords(path).add(NAME)
    assert "המילון האישי" in raised.value.message_he
    assert path.read_bytes() == b"\xff\xfe not utf-8 \x80"


def test_a_personal_dictionary_on_a_read_only_disk_says_so(tmp_path, read_only_view):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "personal_words.txt").write_text("שלום\n", encoding="utf-8")
    view = read_only_view(folder)
    words = PersonalWords(view / "personal_words.txt")
    with pytest.raises(SpellingError) as raised:
        words.add(NAME)
    assert "לא ניתן לשמור" in raised.value.message_he
    assert (folder / "personal_words.txt").read_text(encoding="utf-8") == "שלום\n"
    assert [p.name for p in folder.iterdir()] == ["personal_words.txt"]


def test_words_that_are_not_one_word_are_refused(tmp_path):
    words = PersonalWords(tmp_path / "personal_words.txt")
    for bad in ("", "שתי מילים", "123", "א" * 65):
        with pytest.raises(SpellingError):
            words.add(bad)
    assert not os.path.exists(tmp_path / "personal_words.txt")
