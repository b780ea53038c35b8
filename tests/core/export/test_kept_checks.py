"""An export of all keeps each post's pre-publish findings; the next export reuses them only while
nothing they were found from changed: the post, a linked post's status, the spell check's words."""

from __future__ import annotations

from spelling_helpers import checker_for, places_in

from editor.core.export import export_posts
from editor.core.importing.samples import import_samples
from editor.core.library.store import Library
from editor.core.models import Status
from editor.core.spelling import SpellChecker
from editor.core.spelling.word_lists import BlogWords, PersonalWords


def _findings(result) -> dict[int, list[tuple]]:
    return {c.post.id: [(f.code, f.severity.value, f.message_he, f.line) for f in c.findings] for c in result.checks}


def _kept(library: Library) -> int:
    return library._read("SELECT count(*) FROM checked_posts")[0][0]


def test_kept_findings_are_those_a_fresh_check_finds_and_follow_what_they_were_found_from(tmp_path):
    library = Library.open(tmp_path / "lib.sqlite")
    import_samples(library)
    for post in library.all_posts():
        library.set_status(post.id, Status.APPROVED)
    posts = library.all_posts()
    linking, linked = posts[0], posts[1]
    library.save_post(linking.copy(body=linking.body + f"\n\nראו גם [הפוסט על רש\"י](../{linked.slug}/) "
                                   "וגם את המילה זקזקון.\n"))
    checker = checker_for(tmp_path, library)
    out = tmp_path / "site"
    first = _findings(export_posts(library, out, spelling=checker))
    assert _kept(library) == len(posts)
    assert first == _findings(export_posts(library, out, spelling=checker))  # answered from what was kept
    assert not any(code == "link-unpublished" for code, *_ in first[linking.id])
    assert any("זקזקון" in message for code, _, message, _ in first[linking.id] if code == "spelling")

    library.set_status(linked.id, Status.DRAFT)  # the linked post is no longer published
    after_status = _findings(export_posts(library, out, spelling=checker, force=True))
    assert any(code == "link-unpublished" for code, *_ in after_status[linking.id])

    PersonalWords(places_in(tmp_path).personal_words).add("זקזקון")  # the writer teaches the spell check the word
    places = places_in(tmp_path)
    taught = SpellChecker(checker.hebrew, checker.english, personal=PersonalWords(places.personal_words),
                          blog=BlogWords(library))
    after_word = _findings(export_posts(library, out, spelling=taught, force=True))
    assert not any("זקזקון" in message for code, _, message, _ in after_word[linking.id] if code == "spelling")

    edited = posts[5]
    library.save_post(edited.copy(title="כ" * 200))  # far too long a title
    after_edit = _findings(export_posts(library, out, spelling=taught, force=True))
    assert any(code == "long-title" for code, *_ in after_edit[edited.id])
    library.close()
