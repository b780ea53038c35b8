"""Review workflow: allowed status moves, comments that follow their text, restoring a revision."""

import datetime as dt

import pytest

from editor.core.errors import KtavError, StatusTransitionError
from editor.core.models import Post, RevisionReason, Status
from editor.core.review import workflow as review

BODY = """## הרקע

בשנת 2019 פתחנו כיתה של 4-5 יחידות במתמטיקה, יחד עם Google ועם קרן רש"י.

התלמידים נפגשו פעמיים בשבוע עם מורה מוביל, והפער הצטמצם בתוך שנה.

ההורים קיבלו עדכון חודשי על ההתקדמות."""


@pytest.fixture
def post(library):
    return library.add_post(Post(title="כיתת מצוינות בנגב", lead="שנה ראשונה", body=BODY,
                                 tags=["חינוך"], date=dt.date(2019, 12, 23)), author="מיכל")


def test_the_happy_path_through_every_status_is_recorded(library, post):
    path = [Status.IN_REVIEW, Status.CHANGES_REQUESTED, Status.IN_REVIEW, Status.APPROVED, Status.PUBLISHED]
    for status in path:
        review.change_status(library, post.id, status, "דנה העורכת", note=f"אל {status.label_he}")
    assert library.get_post(post.id).status == Status.PUBLISHED
    history = library.status_history(post.id)
    assert [h["to"] for h in history] == [s.value for s in path]
    assert history[1] | {"at": None} == {"from": "in_review", "to": "changes_requested",
                                         "author": "דנה העורכת", "note": "אל נדרשים שינויים", "at": None}
    reasons = [r.reason for r in library.revisions(post.id)]
    assert reasons.count(RevisionReason.STATUS) == len(path)


@pytest.mark.parametrize("old_path, forbidden", [
    ([], Status.PUBLISHED),
    ([], Status.APPROVED),
    ([Status.IN_REVIEW], Status.PUBLISHED),
    ([Status.IN_REVIEW, Status.CHANGES_REQUESTED], Status.APPROVED),
    ([Status.IN_REVIEW, Status.APPROVED, Status.PUBLISHED], Status.IN_REVIEW),
    ([], Status.DRAFT),
])
def test_forbidden_moves_are_refused_and_change_nothing(library, post, old_path, forbidden):
    for status in old_path:
        review.change_status(library, post.id, status, "דנה")
    before = (library.get_post(post.id), len(library.revisions(post.id)), library.status_history(post.id))
    with pytest.raises(StatusTransitionError) as error:
        review.change_status(library, post.id, forbidden, "דנה")
    assert forbidden.value in error.value.message or "already" in error.value.message
    assert "פוסט" in error.value.message_he
    assert (library.get_post(post.id), len(library.revisions(post.id)),
            library.status_history(post.id)) == before


def test_every_status_can_go_back_to_draft():
    for status in Status:
        if status != Status.DRAFT:
            assert review.can_move(status, Status.DRAFT)


def test_the_user_name_is_a_setting_that_must_not_be_empty(library):
    assert review.user_name(library) == ""
    with pytest.raises(KtavError):
        review.set_user_name(library, "   ")
    review.set_user_name(library, " נועה ")
    assert review.user_name(library) == "נועה"


def test_comments_are_located_in_reading_order_and_follow_edits(library, post):
    later = review.add_comment(library, post.id, "דנה", "להוסיף מקור", quote="עדכון חודשי", paragraph=3)
    first = review.add_comment(library, post.id, "דנה", "מי המורה?", quote="נפגשו פעמיים בשבוע",
                               paragraph=2)
    threads = review.comments_with_locations(library, post.id)
    assert [t.id for t in threads] == [first, later]
    edited = "פסקת פתיחה חדשה.\n\n" + BODY.replace("נפגשו פעמיים", "נפגשו אחר הצהריים פעמיים")
    moved = {t.id: t for t in review.comments_with_locations(library, post.id, edited)}
    assert edited[moved[later].location.start:moved[later].location.end] == "עדכון חודשי"
    assert moved[later].location.paragraph == 4
    assert moved[first].orphaned  # its quoted words were split apart: its text is gone


def test_replies_resolve_and_reopen(library, post):
    root = review.add_comment(library, post.id, "דנה", "האם 4-5 יחידות נכון?", quote="4-5 יחידות", paragraph=1)
    answer = review.reply(library, post.id, root, "מיכל", "כן, בדקתי מול רש\"י")
    review.reply(library, post.id, answer, "דנה", "תודה")
    review.resolve(library, root)
    (thread,) = review.comments_with_locations(library, post.id)
    assert thread.resolved and [r["body"] for r in thread.replies] == ['כן, בדקתי מול רש"י', "תודה"]
    review.reopen(library, root)
    assert not review.comments_with_locations(library, post.id)[0].resolved


def test_an_empty_comment_is_refused(library, post):
    with pytest.raises(KtavError):
        review.add_comment(library, post.id, "דנה", "  ", quote="נפגשו")


def test_a_comment_without_a_quote_covers_its_paragraph(library, post):
    review.add_comment(library, post.id, "דנה", "פסקה חזקה", paragraph=3)
    (thread,) = review.comments_with_locations(library, post.id)
    assert BODY[thread.location.start:thread.location.end] == "ההורים קיבלו עדכון חודשי על ההתקדמות."


def test_refreshed_anchors_keep_following_through_many_small_edits(library, post):
    review.add_comment(library, post.id, "דנה", "ניסוח", quote="נפגשו פעמיים בשבוע עם מורה מוביל",
                       paragraph=2)
    body = BODY
    for old, new in [("נפגשו", "נפגשים"), ("פעמיים", "שלוש פעמים"), ("מורה מוביל", "מורה מובילה")]:
        body = body.replace(old, new)
        review.refresh_anchors(library, post.id, body)
    (thread,) = review.comments_with_locations(library, post.id, body)
    assert body[thread.location.start:thread.location.end] == "נפגשים שלוש פעמים בשבוע עם מורה מובילה"


def test_restore_appends_a_revision_and_loses_nothing(library, post):
    first = library.revisions(post.id)[-1]
    changed = library.save_post(post.copy(title="כותרת חדשה", body=BODY + "\n\nעוד פסקה."),
                                revision=RevisionReason.SAVE, author="מיכל")
    count = len(library.revisions(post.id))
    restored = review.restore_revision(library, first.id, "דנה")
    revisions = library.revisions(post.id)
    assert len(revisions) == count + 1 and revisions[-1].reason == RevisionReason.RESTORE
    assert revisions[-1].author == "דנה"
    assert (restored.title, restored.body) == (post.title, post.body)
    assert any(r.snapshot["title"] == changed.title for r in revisions)  # the undone version stays


def test_restore_keeps_the_status_and_a_published_address(library, post):
    first = library.revisions(post.id)[-1]
    for status in (Status.IN_REVIEW, Status.APPROVED, Status.PUBLISHED):
        review.change_status(library, post.id, status, "דנה")
    published = library.get_post(post.id)
    restored = review.restore_revision(library, first.id, "דנה")
    assert restored.status == Status.PUBLISHED and restored.slug == published.slug
