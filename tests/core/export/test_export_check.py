"""The pre-publish check: the findings a writer sees before a post leaves, in English and Hebrew."""

import datetime as dt
import html.parser

import pytest
from export_helpers import add_post, png, small_library

from editor.core.export import Severity, check_post, check_posts
from editor.core.export.check import _scan_body
from editor.core.models import Post, Status
from editor.core.render.pipeline import render_markdown


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
    library.set_setting("site.image_alt", "warn")  # the site lets an image without alt text through
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


class _ParserScan(html.parser.HTMLParser):
    """The reference the check's own tag reader must agree with: top-level blocks, images, links."""

    VOID = frozenset(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"])

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks, self.images, self.links, self.depth, self.line = [], [], [], 0, None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if self.depth == 0:
            line = values.get("data-line")
            self.line = int(line) if line and line.isdigit() else None
            self.blocks.append((tag, self.line))
        if tag == "img":
            self.images.append((values.get("src") or "", values.get("alt") or "", self.line))
        elif tag == "a" and values.get("href"):
            self.links.append((values["href"], self.line))
        self.depth += tag not in self.VOID

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self.depth -= tag not in self.VOID

    def handle_endtag(self, tag):
        if tag not in self.VOID:
            self.depth = max(0, self.depth - 1)

    def handle_data(self, data):
        if self.depth == 0 and data.strip() and (not self.blocks or self.blocks[-1][0] != "#text"):
            self.blocks.append(("#text", self.line))


@pytest.mark.parametrize("markup", [
    render_markdown(
        "## תוכנית 4-5 יחידות\n\nפסקה של רש\"י עם [קישור](https://example.org/blog/a-b/?x=1&y=2) ו-<b>HTML</b>.\n\n"
        "![תמונה של בית־ספר](ktav-image:abc123)\n\n#### קפיצה\n\n> ציטוט עם *הדגשה*\n\n```\nif a < b: pass\n```\n\n"
        "| א | ב |\n|---|---|\n| 1 | 2 |\n\nהערה[^1]\n\n[^1]: בְּרֵאשִׁית\n", line_numbers=True).html,
    '<p data-line="3">a < b<br/>c</p>text after &nbsp;<h2 data-line="5"></h2>',
    "<!-- an editor's note --><h3 data-line=7>t</h3><img src='x' alt='a > b'>",
    '<script>if (a<b) {}</script><h2>אחרי</h2>&nbsp;',
    '<P DATA-LINE="2">x</P><a href="../post&amp;more/">קישור</a></div>tail',
])
def test_the_checks_tag_reader_reads_a_body_as_html_parser_does(markup):
    reference = _ParserScan()
    reference.feed(markup)
    reference.close()
    scan = _scan_body(markup)
    blocks = [b for n, b in enumerate(scan.blocks) if not (b[0] == "#text" and n and scan.blocks[n - 1][0] == "#text")]
    assert (blocks, scan.images, scan.links) == (reference.blocks, reference.images, reference.links)


def test_a_post_still_in_review_or_sent_back_is_warned_about():
    from editor.core.export.check import CheckContext, find_problems
    from editor.core.export.site import SiteSettings
    from editor.core.models import Post, Status
    from editor.core.render.pipeline import render_markdown

    context = CheckContext(has_image=lambda sha: True, status_of_slug=lambda slug: None, related_chosen=3)
    for status in (Status.IN_REVIEW, Status.CHANGES_REQUESTED):
        post = Post(title="כותרת", lead="פתיח", body="גוף.", status=status)
        found = {f.code: f for f in find_problems(post, render_markdown(post.body), SiteSettings(), context)}
        assert "not-approved" in found and not found["not-approved"].is_error
        assert status.label_he in found["not-approved"].message_he
    approved = Post(title="כותרת", lead="פתיח", body="גוף.", status=Status.APPROVED)
    codes = [f.code for f in find_problems(approved, render_markdown(approved.body), SiteSettings(), context)]
    assert "not-approved" not in codes
