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
