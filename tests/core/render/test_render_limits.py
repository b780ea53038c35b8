"""A render has limits: a post too big or too deep is refused with a clear error, a slow one is stopped,
and the inputs that took Python-Markdown quadratic time render as the stock extensions render them."""

import threading
import time

import markdown
import pytest
from markdown.extensions.footnotes import FootnoteExtension
from markdown.extensions.tables import TableExtension
from markdown.extensions.toc import unique

from editor.core.errors import RenderTooComplex
from editor.core.render.budget import BudgetExceeded, OutOfTime, run_within
from editor.core.render.footnotes import FastFootnotes
from editor.core.render.heading_ids import UniqueIds
from editor.core.render.limits import MAX_HTML_DEPTH, MAX_NESTING, MAX_POST_BYTES
from editor.core.render.links import LinearLinksExtension
from editor.core.render.pipeline import explain, render_markdown, render_or_explain
from editor.core.render.tables import FastTableExtension


def refusal(text: str, **options) -> RenderTooComplex:
    with pytest.raises(RenderTooComplex) as raised:
        render_markdown(text, **options)
    error = raised.value
    assert error.message and error.message_he != error.message
    return error


# --- too deep, too big ----------------------------------------------------------------------------


@pytest.mark.parametrize("body", [
    "- " * 10_000 + "פריט",  # ten thousand lists, one in the other (Python-Markdown: RecursionError)
    "1. " * 10_000 + "x",
    "> " * 10_000 + "ציטוט",
    ">" * 10_000,
    "".join("    " * depth + "- רמה\n" for depth in range(300)),  # nested by indentation
])
def test_lists_and_quotes_nested_past_the_limit_are_refused_with_their_line(body):
    error = refusal("פסקה ראשונה.\n\n" + body)
    assert error.reason == "too-deep" and error.line is not None and error.line >= 3
    assert f"{MAX_NESTING}" in error.message and "רשימות וציטוטים" in error.message_he


def test_html_nested_past_the_limit_is_refused():
    error = refusal("טקסט\n\n" + "<div>" * 10_000 + "x" + "</div>" * 10_000)
    assert error.reason == "too-deep" and error.line == 3 and "HTML" in error.message_he


def test_nesting_at_the_limit_still_renders_and_code_does_not_count():
    deep = "- " * MAX_NESTING + "עמוק"
    assert "עמוק" in render_markdown(deep).html
    html = "<div>" * MAX_HTML_DEPTH + "בפנים" + "</div>" * MAX_HTML_DEPTH
    assert "בפנים" in render_markdown(html).html
    code = "```\n" + "> " * 200 + "\n" + "<div>" * 200 + "\n```\n"
    assert "&gt; &gt;" in render_markdown(code).html  # a fenced block's lines are text, not nesting
    paragraphs = "\n\n".join(["<p>פסקה"] * 500 + ["<li>פריט"] * 500)  # closed by the next one, as HTML does
    assert render_markdown(paragraphs).html


def test_a_post_over_the_size_limit_is_refused_in_hebrew_and_english():
    word = "מילה "  # 9 bytes of UTF-8 for 5 characters: the limit counts bytes
    body = word * (MAX_POST_BYTES // 9 + 1)
    assert len(body) < MAX_POST_BYTES < len(body.encode())
    error = refusal(body)
    assert error.reason == "too-big" and "2.0 MB" in error.message and "גדול מדי" in error.message_he
    assert render_markdown(word * (MAX_POST_BYTES // 10)).html  # just under it renders


# --- the time budget -------------------------------------------------------------------------------


SLOW = "-\n" * 12_000  # a block of setext underlines: each line taken off is searched again (a regex in C)


def test_a_render_over_its_time_budget_is_stopped_and_the_next_one_works():
    error = refusal(SLOW, time_budget=0.05)
    assert error.reason == "too-slow" and "0.05" in error.message and "נעצר" in error.message_he
    assert render_markdown("## אחרי\n\nהכול כרגיל").outline[0].text == "אחרי"
    assert render_markdown(SLOW[:200]).html  # the same input, short, renders


def test_the_budget_stops_a_render_in_another_thread_too():
    outcome = []
    worker = threading.Thread(target=lambda: outcome.append(render_or_explain(SLOW, time_budget=0.05)))
    worker.start()
    worker.join()
    assert outcome[0].warnings[0].code == "too-complex" and "נעצר" in outcome[0].html


def test_an_interruption_that_is_lost_is_sent_again_until_the_work_stops():
    lost = []

    def work_that_loses_the_first_interruption() -> str:
        # As Python does with an exception raised inside a garbage collector's callback: reported, dropped.
        started = time.thread_time()
        while time.thread_time() - started < 5.0:
            try:
                while time.thread_time() - started < 5.0:
                    pass
            except OutOfTime:
                if lost:
                    raise
                lost.append(time.thread_time() - started)
        return "ran to its end"

    started = time.thread_time()
    with pytest.raises(BudgetExceeded):
        run_within(0.05, work_that_loses_the_first_interruption)
    assert len(lost) == 1 and time.thread_time() - started < 1.0  # stopped soon after, not at the end


def test_a_budget_that_does_not_run_out_never_fires_later():
    for _ in range(200):  # many renders just under a tight budget: none may be hit after it ended
        try:
            render_markdown("פסקה *עם* הדגשה.\n\n- פריט\n", time_budget=0.002)
        except RenderTooComplex:
            pass
    total = 0
    for number in range(300_000):  # a few tenths of a second of Python after them: no stray OutOfTime
        total += number
    assert total == sum(range(300_000))


def test_the_preview_gets_a_page_that_explains_instead_of_an_error():
    rendered = render_or_explain("פתיחה\n\n" + "> " * 100 + "x", line_numbers=True)
    assert rendered.outline == [] and rendered.image_refs == []
    assert [w.code for w in rendered.warnings] == ["too-complex"]
    assert 'role="alert"' in rendered.html and 'data-line="3"' in rendered.html
    assert "רשימות וציטוטים מקוננים" in rendered.html and 'lang="en"' in rendered.html
    assert explain(RenderTooComplex("a <b>", "א <ב>", reason="too-big")).html.count("&lt;") == 2


# --- the quadratic inputs render as the stock extensions render them --------------------------------


LINKS = [
    "[" * 300 + "טקסט",
    "[א [ב] ג](https://example.org/a_(b)) ו-![תמונה](x.png \"כותרת\") [ref] [r][ref] ![i][ref]\n\n[ref]: /p",
    "[a](<b c> 'd') [e](f \"g\") [h]( i ) [j](k(l(m)n)o) [p](q \"r(s)\") [t](u 'v) w",
    "[](" * 200 + ")" + "[x](y)" * 50,
    "![" * 100 + "]" * 50 + "(z)",
    "[x](" + "a" * 3000 + ")",  # an address longer than LINK_SCAN: text (the one difference)
]


@pytest.mark.parametrize("text", LINKS[:-1])
def test_links_and_images_render_as_the_stock_patterns_render_them(text):
    stock = markdown.Markdown().convert(text)
    assert markdown.Markdown(extensions=[LinearLinksExtension()]).convert(text) == stock


def test_a_link_address_longer_than_the_scan_stays_text():
    html = markdown.Markdown(extensions=[LinearLinksExtension()]).convert(LINKS[-1])
    assert "<a" not in html and "[x](" in html


def test_footnotes_referred_to_many_times_get_the_stock_ids_and_numbers():
    text = "א[^2] ב[^1] ג[^2] ד[^2] ה[^x]\n\n[^1]: ראשונה[^1] ושוב[^2]\n[^2]: שנייה\n[^x]: שלישית[^x][^x]"
    for order in (True, False):
        options = {"USE_DEFINITION_ORDER": order}
        stock = markdown.Markdown(extensions=[FootnoteExtension(**options)]).convert(text)
        assert markdown.Markdown(extensions=[FastFootnotes(**options)]).convert(text) == stock
    many = render_markdown("טקסט[^1]\n\n[^1]: " + "ראו[^1] " * 3000).html
    assert 'id="ktav-body-fnref3001:1"' in many and many.count('class="footnote-backref"') == 3001


def test_tables_are_found_as_the_stock_extension_finds_them():
    texts = ["| א | ב |\n|---|---|\n| 1 | 2 |", "| א |\n|---|\n| 1 |\nשורה בלי קו", "| א |\n|---|\n| 1 |",
             "# כותרת\n| א | ב |\n|---|---|\n| 1 | 2 |", "# a|b\n" * 50, "א | ב\n--- | ---\n1 | 2\n\nטקסט"]
    for text in texts:
        stock = markdown.Markdown(extensions=[TableExtension()]).convert(text)
        assert markdown.Markdown(extensions=[FastTableExtension()]).convert(text) == stock, text


def test_heading_ids_are_toc_ids():
    names = ["סיכום"] * 50 + ["סיכום_1", "סיכום_3", "", "", "a_1", "a", "a", "a_1", "a_5", "a"]
    used_by_toc, ours = {"סיכום_7", "a_2"}, UniqueIds({"סיכום_7", "a_2"})
    assert [ours.unique(name) for name in names] == [unique(name, used_by_toc) for name in names]
    outline = render_markdown("## סיכום\n\nטקסט\n\n" * 3000).outline
    assert outline[-1].id == "ktav-body-סיכום_2999" and len({h.id for h in outline}) == 3000
