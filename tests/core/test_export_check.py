"""The pre-publish check: the findings a writer sees before a post leaves, in English and Hebrew."""

import datetime as dt

import pytest
from export_helpers import add_post, png, small_library

from editor.core.export import Severity, check_post, check_posts
from editor.core.models import Post, Status


@pytest.fixture
def library_and_posts(tmp_path):
    library, main, related = small_library(tmp_path / "lib.sqlite")
    library.set_setting("site.blog_url", "https://example.org/blog")
    yield library, main, related
    library.close()


def codes(findings, severity=None):
    return [f.code for f in findings if severity is None or f.severity is severity]


def test_a_complete_post_with_three_related_posts_has_no_findings(library_and_posts):
    library, main, _ = library_and_posts
    assert check_post(library, main) == []


def test_every_warning_is_found_with_its_line(library_and_posts):
    library, main, related = library_and_posts
    draft = add_post(library, "טיוטה", status=Status.DRAFT)
    image = library.add_image(png(2, 2))
    body = (
        "## פתיחה\n\n"                                                      # 1
        f"פסקה עם קישור [לטיוטה](https://example.org/blog/{draft.slug}/).\n\n"  # 3
        "#### כותרת שמדלגת רמה\n\n"                                          # 5
        f"![]({image.uri})\n\n"                                               # 7
        "טקסט עם סימן כיווניות נסתר\u202e באמצע.\n\n"                         # 9
        "## סעיף ריק\n\n"                                                     # 11
        "## סוף\n\nמילים אחרונות.\n"                                           # 13
    )
    post = Post(title="א" * 71, body=body, lead="", date=None, slug="checked", id=None)
    post = library.add_post(post)
    library.set_related_choices(post.id, [related[0].id])
    findings = check_post(library, post)
    by_code = {f.code: f for f in findings}
    assert codes(findings, Severity.ERROR) == []
    assert set(codes(findings)) == {"long-title", "no-lead", "no-date", "link-unpublished", "heading-skip",
                                    "image-no-alt", "bidi-control", "empty-section", "few-related"}
    assert by_code["link-unpublished"].line == 3 and "טיוטה" in by_code["link-unpublished"].message_he
    assert by_code["heading-skip"].line == 5 and "h2" in by_code["heading-skip"].message
    assert by_code["image-no-alt"].line == 7
    assert by_code["bidi-control"].line == 9 and "RIGHT-TO-LEFT OVERRIDE" in by_code["bidi-control"].message
    assert by_code["empty-section"].line == 11
    for finding in findings:
        assert finding.message and finding.message_he != finding.message


def test_errors_no_title_no_body_and_a_missing_image(library_and_posts):
    library, _, _ = library_and_posts
    post = library.add_post(Post(title=" ", body=f"![תמונה](ktav-image:{'0' * 64})", lead="פתיח",
                                 date=dt.date(2020, 1, 1)))
    errors = codes(check_post(library, post), Severity.ERROR)
    assert errors == ["no-title", "image-missing"]
    empty = library.add_post(Post(title="כותרת", body="", lead="פתיח", date=dt.date(2020, 1, 1)))
    assert codes(check_post(library, empty), Severity.ERROR) == ["no-body"]


def test_a_link_to_a_post_outside_the_library_and_to_a_published_one(library_and_posts):
    library, main, related = library_and_posts
    main.body += (f"\n\nראו [פוסט שפורסם](https://example.org/blog/{related[0].slug}/) "
                  "ו[פוסט שנמחק](https://example.org/blog/no-such-post/) ו[אתר אחר](https://example.com/x).\n")
    library.save_post(main)
    assert codes(check_post(library, library.get_post(main.id))) == ["link-unknown-post"]


def test_a_relative_link_to_a_draft_is_found_and_other_relative_links_are_left_alone(library_and_posts):
    library, main, _ = library_and_posts
    draft = add_post(library, "טיוטה", status=Status.DRAFT)
    main.body += (f"\n\nראו [טיוטה](../{draft.slug}/) ו[עמוד אודות](../about/) ו[הערה](#fn-1).\n")
    library.save_post(main)
    findings = check_post(library, library.get_post(main.id))
    assert codes(findings) == ["link-unpublished"] and draft.slug in findings[0].message


def test_check_posts_covers_the_batch_that_export_all_takes(library_and_posts):
    library, main, related = library_and_posts
    add_post(library, "טיוטה", status=Status.DRAFT)
    checks = check_posts(library)
    assert sorted(c.post.id for c in checks) == sorted(p.id for p in [main, *related])
    assert all(c.errors == [] for c in checks)


def test_the_window_can_check_a_post_it_has_not_saved_yet(library_and_posts):
    library, _, related = library_and_posts
    unsaved = Post(title="פוסט חדש", body=f"## פתיחה\n\nקישור [לפוסט](https://example.org/blog/{related[0].slug}/).\n",
                   lead="פתיח", date=dt.date(2025, 5, 1))
    assert codes(check_post(library, unsaved)) == ["few-related"]
