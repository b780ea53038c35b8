"""The render pipeline: Markdown in, HTML out, with Hebrew and English mixed."""

import re
import textwrap

from editor.core.render.pipeline import Heading, render_markdown


def assert_renders(source: str, expected: str, **options) -> None:
    """Renders dedented `source` and compares the HTML with dedented `expected`."""
    html = render_markdown(textwrap.dedent(source), **options).html
    assert html.strip() == textwrap.dedent(expected).strip()


# --- direction ---------------------------------------------------------------------------------


def test_hebrew_paragraph_with_an_english_name_inside_stays_rtl():
    assert_renders(
        "הקרן עבדה עם Social Finance Israel על אג\"ח חברתי.",
        '<p>הקרן עבדה עם Social Finance Israel על אג"ח חברתי.</p>',
    )


def test_hebrew_paragraph_that_starts_with_an_english_name_stays_rtl():
    assert_renders("Google פתחה מרכז פיתוח חדש בבאר שבע.", "<p>Google פתחה מרכז פיתוח חדש בבאר שבע.</p>")


def test_english_paragraph_in_the_hebrew_page_is_ltr():
    assert_renders(
        """\
        פסקה בעברית.

        This paragraph quotes the report in English.
        """,
        """\
        <p>פסקה בעברית.</p>
        <p dir="ltr">This paragraph quotes the report in English.</p>
        """,
    )


def test_english_list_is_ltr_and_its_hebrew_item_keeps_the_markers_on_one_side():
    assert_renders(
        """\
        - Reading the data
        - Writing the report
        - סיכום
        """,
        """\
        <ul dir="ltr">
        <li>Reading the data</li>
        <li>Writing the report</li>
        <li><span dir="rtl">סיכום</span></li>
        </ul>
        """,
    )


def test_english_item_of_a_hebrew_list_and_its_nested_list():
    assert_renders(
        """\
        - קריאת הנתונים
        - Writing the **final** report
            - טיוטה ראשונה
        """,
        """\
        <ul>
        <li>קריאת הנתונים</li>
        <li><span dir="ltr">Writing the <strong>final</strong> report</span><ul>
        <li>טיוטה ראשונה</li>
        </ul>
        </li>
        </ul>
        """,
    )


def test_loose_list_items_leave_the_direction_to_their_paragraphs():
    assert_renders(
        "- פריט ראשון ברשימה הזאת\n\n- An English item",
        '<ul>\n<li>\n<p>פריט ראשון ברשימה הזאת</p>\n</li>\n<li>\n<p dir="ltr">An English item</p>\n</li>\n</ul>',
    )


def test_english_heading_and_table_cells_get_their_own_direction():
    assert_renders(
        """\
        ## Impact bonds

        | שנה | Program |
        |---|---|
        | 2019 | פיילוט |
        """,
        """\
        <h2 dir="ltr" id="ktav-body-impact-bonds">Impact bonds</h2>
        <table>
        <thead>
        <tr>
        <th>שנה</th>
        <th dir="ltr">Program</th>
        </tr>
        </thead>
        <tbody>
        <tr>
        <td>2019</td>
        <td>פיילוט</td>
        </tr>
        </tbody>
        </table>
        """,
    )


def test_inline_code_is_ltr_and_does_not_turn_its_hebrew_sentence():
    assert_renders(
        "כדי לייצא מריצים `python main.py export --all` מהתיקייה.",
        '<p>כדי לייצא מריצים <code dir="ltr">python main.py export --all</code> מהתיקייה.</p>',
    )


def test_a_direction_the_writer_set_is_kept():
    assert_renders("This stays right to left\n{: dir=rtl }", '<p dir="rtl">This stays right to left</p>')


# --- code --------------------------------------------------------------------------------------


def test_code_block_is_ltr_with_pygments_classes():
    assert_renders(
        """\
        ```python
        x = 1  # הערה
        ```
        """,
        """\
        <div class="codehilite"><pre dir="ltr"><span></span><code class="language-python"><span class="n">x</span> <span class="o">=</span> <span class="mi">1</span>  <span class="c1"># הערה</span>
        </code></pre></div>
        """,
    )


def test_code_without_a_language_is_not_guessed():
    html = render_markdown("```\nSELECT * FROM posts;\n```").html
    assert 'class="language-text"' in html
    assert '<span class="k">' not in html


# --- typography --------------------------------------------------------------------------------


def test_gershayim_and_geresh_survive_exactly():
    assert_renders("""רש"י, צה"ל ו-צ'יפס בכיתה ט'.""", """<p>רש"י, צה"ל ו-צ'יפס בכיתה ט'.</p>""")


def test_quotation_marks_are_never_curled():
    assert_renders(
        """הם אמרו "לא בשבילנו" ו-He said "it's fine".""",
        """<p>הם אמרו "לא בשבילנו" ו-He said "it's fine".</p>""",
    )


def test_niqqud_survives():
    assert_renders("בְּרֵאשִׁית בָּרָא", "<p>בְּרֵאשִׁית בָּרָא</p>")


def test_ranges_and_numbers_are_untouched():
    assert_renders("קבוצות של 4-5 יחידות, 10 - 12 תלמידים.", "<p>קבוצות של 4-5 יחידות, 10 - 12 תלמידים.</p>")


def test_dashes_between_words_and_ellipsis_become_typographic():
    assert_renders(
        "שנה ראשונה - ומה הלאה -- ועוד --- בסוף...",
        "<p>שנה ראשונה \u2013 ומה הלאה \u2013 ועוד \u2014 בסוף\u2026</p>",
    )


def test_an_escaped_dot_keeps_the_three_dots():
    assert_renders("רשימה חלקית\\...", "<p>רשימה חלקית...</p>")


def test_code_keeps_its_dashes_and_dots():
    assert_renders("הפקודה `a -- b...`", '<p>הפקודה <code dir="ltr">a -- b...</code></p>')


# --- headings, footnotes, outline, counts ------------------------------------------------------


def test_hebrew_heading_keeps_a_hebrew_id():
    assert_renders("## מה עוד לפנינו", '<h2 id="ktav-body-מה-עוד-לפנינו">מה עוד לפנינו</h2>')


def test_repeated_headings_get_distinct_ids_and_a_writers_own_id_is_kept():
    rendered = render_markdown('## סיכום\n\nא\n\n## סיכום\n\nב\n\n## שאלות {#faq}\n\n## רש"י[^1] ו-*AI*\n\n[^1]: הערה')
    assert [heading.id for heading in rendered.outline] == ["ktav-body-" + name for name in ("סיכום", "סיכום_1", "faq", "רשי-ו-ai")]


def test_a_table_of_contents_is_made_where_the_writer_asks_for_one():
    html = render_markdown("[TOC]\n\n## פתיחה\n\n## סיום").html
    assert '<div class="toc">' in html and '<a href="#ktav-body-פתיחה">פתיחה</a>' in html and "[TOC]" not in html
    assert '<div class="toc">' not in render_markdown("## פתיחה\n\n## סיום").html


def test_heading_id_drops_niqqud_and_outline_lists_headings_in_order():
    rendered = render_markdown("## שָׁלוֹם\n\nטקסט\n\n### Next steps\n\n## סיכום")
    assert rendered.outline == [
        Heading(2, "שָׁלוֹם", "ktav-body-שלום"),
        Heading(3, "Next steps", "ktav-body-next-steps"),
        Heading(2, "סיכום", "ktav-body-סיכום"),
    ]


def test_footnote_back_link_has_a_hebrew_title():
    html = render_markdown("טקסט עם הערה[^1].\n\n[^1]: מקור הנתון.").html
    assert '<sup id="ktav-body-fnref:1"><a class="footnote-ref" href="#ktav-body-fn:1">1</a></sup>' in html
    assert '<li id="ktav-body-fn:1">' in html
    assert 'href="#ktav-body-fnref:1" title="חזרה להערה 1 בטקסט"' in html


def test_word_count_and_reading_time_count_what_the_reader_sees():
    rendered = render_markdown('## כותרת\n\n**מילה** [קישור](https://example.org) ו-רש"י\n\n```\nnot counted\n```')
    assert rendered.word_count == 4  # כותרת, מילה, קישור, ו-רש"י
    assert rendered.reading_minutes == 1
    assert render_markdown("").word_count == 0


def test_long_post_reading_time_rounds_up():
    rendered = render_markdown(" ".join(["מילה"] * 401))
    assert (rendered.word_count, rendered.reading_minutes) == (401, 3)


# --- warnings ----------------------------------------------------------------------------------


def codes(source: str) -> list[tuple[str, int | None]]:
    return [(w.code, w.line) for w in render_markdown(textwrap.dedent(source)).warnings]


def test_image_without_alt_is_reported_with_its_line():
    assert codes("פסקה\n\n![](ktav-image:abc)\n\n![תרשים](ktav-image:def)") == [("image-no-alt", 3)]


def test_ktav_image_references_are_collected_in_order():
    rendered = render_markdown("![א](ktav-image:aaa1) טקסט\n\n![ב](https://example.org/x.png)\n\n![ג](ktav-image:bbb2)")
    assert rendered.image_refs == ["aaa1", "bbb2"]
    assert '<img alt="א" src="ktav-image:aaa1">' in rendered.html


def test_skipped_heading_level_is_reported():
    assert codes("## פרק\n\n#### סעיף\n\n### תת פרק") == [("heading-skip", 3)]
    assert codes("### מתחילים מוקדם מדי") == [("heading-skip", 1)]  # the page title is the h1


def test_bidi_control_characters_are_reported_on_their_line():
    assert codes("שורה רגילה\n\nשורה עם\u202e תו נסתר") == [("bidi-control", 3)]
    # Lines are counted as Markdown (and the editor) count them: a form feed does not end a line.
    assert codes("שורה\x0cעם מעבר עמוד\r\n\r\nשורה עם\u200f סימן") == [("bidi-control", 3)]


def test_warnings_carry_english_and_hebrew_messages():
    (warning,) = render_markdown("![](x.png)").warnings
    assert "alt text" in warning.message
    assert "טקסט חלופי" in warning.message_he


def test_removed_raw_html_is_reported_with_its_line():
    assert codes("פסקה\n\n<script>alert(1)</script>\n") == [("unsafe-html-removed", 3)]


def test_allowed_raw_html_is_kept_without_warning():
    rendered = render_markdown("הנוסחה של מים היא H<sub>2</sub>O")
    assert rendered.html == "<p>הנוסחה של מים היא H<sub>2</sub>O</p>"
    assert rendered.warnings == []


# --- source line numbers -----------------------------------------------------------------------


def data_lines(source: str) -> list[tuple[str, int]]:
    html = render_markdown(textwrap.dedent(source), line_numbers=True).html
    return [(tag, int(n)) for tag, n in re.findall(r'<(\w+) data-line="(\d+)"', html)]


def test_no_line_numbers_unless_asked():
    assert "data-line" not in render_markdown("## כותרת\n\nפסקה\n\n- א\n- ב").html


def test_line_numbers_of_headings_paragraphs_lists_and_blank_runs():
    source = """\
        ## כותרת
        פסקה מיד אחרי הכותרת
        ושורה שנייה שלה



        - פריט
        - פריט שני

        - פריט שלישי, באותה רשימה

        > ציטוט
        """
    assert data_lines(source) == [("h2", 1), ("p", 2), ("ul", 7), ("blockquote", 12)]


def test_line_numbers_of_fenced_code_tables_and_raw_html():
    source = """\
        פתיחה

        ```python
        a = 1

        b = 2
        ```
        | א | ב |
        |---|---|
        | 1 | 2 |

        <div>
        גוש HTML

        </div>

        ~~~
        ```
        ~~~
        סוף
        ***
        ## כותרת אחרי פסקה
        """
    assert data_lines(source) == [
        ("p", 1),
        ("div", 3),  # the wrapper around highlighted code
        ("table", 8),
        ("div", 12),
        ("div", 17),
        ("p", 20),
        ("hr", 21),
        ("h2", 22),
    ]


def test_heading_right_after_a_paragraph_line_gets_its_own_line():
    assert data_lines("פסקה\n## כותרת\nעוד פסקה") == [("p", 1), ("h2", 2), ("p", 3)]


def test_line_numbers_around_footnote_and_link_definitions_inside_a_block():
    source = """\
        פתיחה
        [מקור]: https://example.org
        ופסקה אחרי ההגדרה
        ## כותרת
        [עוד]: https://example.org/2
        - רשימה

        טקסט עם הערה[^1]

        [^1]: ההערה
        ## כותרת אחרי ההערה
        """
    assert data_lines(source) == [
        ("p", 1), ("p", 3), ("h2", 4), ("ul", 6), ("p", 8), ("h2", 11)
    ]  # fmt: skip


def test_line_numbers_of_a_setext_heading_followed_by_a_list_in_one_block():
    source = "כותרת\n=====\n1. א\n2. ב\n## עוד כותרת\nסוף"
    assert data_lines(source) == [("h1", 1), ("ol", 3), ("h2", 5), ("p", 6)]


def test_line_numbers_follow_the_source_with_windows_line_ends():
    assert data_lines("א\r\n\r\nב\r\n\r\n## ג") == [("p", 1), ("p", 3), ("h2", 5)]


def test_rendering_twice_gives_the_same_result():
    source = "## כותרת\n\nפסקה[^1]\n\n[^1]: הערה"
    assert render_markdown(source, line_numbers=True) == render_markdown(source, line_numbers=True)


# --- the sample corpus -------------------------------------------------------------------------


def body_of(path) -> str:
    """The Markdown after the front matter (the importer's job; a tiny split is enough here)."""
    text = path.read_text(encoding="utf-8")
    return text.split("\n---\n", 1)[1] if text.startswith("---\n") else text


def test_sample_posts_render_without_warnings(sample_paths):
    assert len(sample_paths) > 10
    with_headings = 0
    for path in sample_paths:
        rendered = render_markdown(body_of(path), line_numbers=True)
        assert rendered.warnings == [], path.name
        assert all(heading.id for heading in rendered.outline), path.name
        with_headings += bool(rendered.outline)
        assert rendered.word_count > 100, path.name
        assert '<p data-line="' in rendered.html, path.name
    assert with_headings > len(sample_paths) // 2


def test_code_stylesheet_resource_is_up_to_date():
    from editor.core import resources
    from editor.core.render.pipeline import code_css

    css = resources.read_text("code.css")
    assert css == code_css()
    assert ".codehilite .k " in css and "direction: ltr" in css


def test_indented_code_is_highlighted_and_ltr_too():
    assert '<pre dir="ltr">' in render_markdown("פסקה\n\n    x = 1\n").html


def test_threads_render_independently():
    from concurrent.futures import ThreadPoolExecutor

    sources = [f"## כותרת {n}\n\nפסקה עם הערה[^1] ו-![](ktav-image:{n:04x})\n\n[^1]: הערה {n}" for n in range(40)]
    expected = [render_markdown(s, line_numbers=bool(n % 2)) for n, s in enumerate(sources)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda item: render_markdown(item[1], line_numbers=bool(item[0] % 2)), enumerate(sources)))
    assert results == expected
    assert [r.image_refs for r in results] == [[f"{n:04x}"] for n in range(40)]


_PIECES = [
    "## כותרת", "פסקה בעברית", "English text here", "- פריט\n- item", "1. א\n2. ב", "> ציטוט\n> עוד",
    "```\ncode\n\nmore\n```", "| א | ב |\n|---|---|\n| 1 | 2 |", "<div>\nraw\n</div>", "***",
    "טקסט\n## כותרת ב\nעוד", "טקסט ג\n***\nעוד ד", "    indented code", "א[^1]", "[^1]: הערה\n    המשך",
    "[r]: http://x.org", "כותרת ה\n====", "", "\n", "![](ktav-image:ab)", "טקסט  \nשבירה",
    "ו\n[r2]: http://y.org\nז",
]  # fmt: skip
_OPENS = {"table": "|", "hr": "***", "ul": "-", "ol": "1", "blockquote": ">"}


def test_every_data_line_points_at_the_first_line_of_its_block():
    import random

    rng = random.Random(7)
    for _ in range(300):
        blocks = [rng.choice(_PIECES) + rng.choice(["\n", "\n\n", "\n\n\n"]) for _ in range(8)]
        source = "".join(blocks)
        lines = source.split("\n")
        html = render_markdown(source, line_numbers=True).html
        for tag, number, text in re.findall(r'<(\w+) data-line="(\d+)"[^>]*>([^<]*)', html):
            line = lines[int(number) - 1]
            if tag in ("p", "h1", "h2") and text.strip():
                assert text.split()[0] in line, (source, tag, number)
            elif tag in _OPENS:
                assert line.lstrip().startswith(_OPENS[tag]), (source, tag, number)


def test_block_direction_shortcut_agrees_with_hebrew_text_direction(sample_paths):
    from editor.core.render.direction import direction_of
    from editor.core.text.hebrew import text_direction

    texts = ["", "2019 – 2020", "Google", "שלום", "Google פתחה", "The report (הדו\"ח) said", "é à"]
    for path in sample_paths[:10]:
        texts.extend(body_of(path).split("\n\n"))
    assert [direction_of(t) for t in texts] == [text_direction(t) for t in texts]
