"""Pasting HTML from Word, Google Docs, LibreOffice and browsers: clean Markdown, exactly."""

import base64
import hashlib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from export_helpers import png

from editor.core.importing.foreign_html import PastedImage, markdown_from_clipboard_html, store_images
from editor.core.render.pipeline import render_markdown

CLIPBOARD = Path(__file__).resolve().parents[2] / "fixtures" / "clipboard"


def assert_markdown_renders(html: str, expected: str, **options) -> None:
    """HTML in, Markdown out, compared as whole strings."""
    assert markdown_from_clipboard_html(html, **options).markdown == expected


# -- words and spaces where tags meet ---------------------------------------------------

@pytest.mark.parametrize(("html", "expected"), [
    ("<span>שלום</span><span> עולם</span>", "שלום עולם"),
    ("<span>שלום </span><span>עולם</span>", "שלום עולם"),
    ("<span>שלום </span><span> עולם</span>", "שלום עולם"),
    ("<span>שלום</span><span>עולם</span>", "שלוםעולם"),
    ("<span>שלום</span>\n<span>עולם</span>", "שלום עולם"),
    ("<b>מילה</b><i>אחרת</i>", "**מילה***אחרת*"),
    ("<b>מילה </b><i>אחרת</i>", "**מילה** *אחרת*"),
    ("<b>מילה</b> <i> אחרת</i>", "**מילה** *אחרת*"),
    ("ה<b>מילה</b> הזאת", "ה**מילה** הזאת"),
    ('<p>רמת ה<span dir="rtl">חייל</span> בצפון</p>', "רמת החייל בצפון"),
    ('<p>על<span dir="rtl"> </span>תקציבים</p>', "על תקציבים"),
    ("<p>a&nbsp;&nbsp;b &nbsp;c</p>", "a b c"),
    ("<p>  רווחים   בהתחלה  </p>", "רווחים בהתחלה"),
])
def test_words_meet_as_the_source_shows_them(html, expected):
    assert_markdown_renders(html, expected)


def test_bidi_controls_go_but_joiners_inside_words_stay():
    html = "<p>\u200fשלום\u200e \u202bעולם\u202c \u2067x\u2069 \u061c\u05de\u05b4\u05d9\u200c\u05dc\u05b8\u05d4 a\u200db</p>"
    assert_markdown_renders(html, "שלום עולם x \u05de\u05b4\u05d9\u200c\u05dc\u05b8\u05d4 a\u200db")


def test_gershayim_and_niqqud_come_out_as_they_went_in():
    assert_markdown_renders('<p>רש"י, אג&quot;ח ו־שָׁלוֹם, ״גרשיים״ ו-4-5 יחידות</p>',
                            'רש"י, אג"ח ו־שָׁלוֹם, ״גרשיים״ ו-4-5 יחידות')


# -- escaping only what would change the meaning ----------------------------------------

@pytest.mark.parametrize(("html", "expected"), [
    ("<p>snake_case, מילה_מילה, 2 * 3</p>", "snake_case, מילה_מילה, 2 * 3"),
    ("<p>_הדגשה_ ו-*כוכבית*</p>", r"\_הדגשה\_ ו-\*כוכבית\*"),
    ("<p># לא כותרת</p>", r"\# לא כותרת"),
    ("<p>1. לא רשימה</p>", r"1\. לא רשימה"),
    ("<p>- לא רשימה</p>", r"\- לא רשימה"),
    ("<p>&gt; לא ציטוט</p>", r"\> לא ציטוט"),
    ("<p>---</p>", r"\---"),
    ("<p>C# ו-## באמצע</p>", "C# ו-## באמצע"),
    ("<p>שורה<br># שנייה</p>", "שורה  \n\\# שנייה"),
    ("<p>[x](y) ו-[הערה]</p>", r"[x\](y) ו-[הערה]"),
    ("<p>`קוד` ו-{.class}</p>", r"\`קוד\` ו-\{.class}"),
    ("<p>&lt;b&gt; ו-&amp;amp; ו-A&amp;B</p>", "&lt;b> ו-&amp;amp; ו-A&B"),
    ("<h2>C#</h2>", r"## C\#"),
    ("<p>קוד <code>a_b *c*</code> כאן</p>", "קוד `a_b *c*` כאן"),
])
def test_only_what_would_change_the_meaning_is_escaped(html, expected):
    assert_markdown_renders(html, expected)


def test_escaped_text_renders_as_the_source_text():
    html = "<p># לא כותרת ו-_קו_ ו-[x](y) ו-*כוכבית* ו-&lt;b&gt;</p>"
    rendered = render_markdown(markdown_from_clipboard_html(html).markdown).html
    assert "# לא כותרת ו-_קו_ ו-[x](y) ו-*כוכבית* ו-&lt;b&gt;" in rendered and "<h1" not in rendered


# -- blocks ----------------------------------------------------------------------------

@pytest.mark.parametrize(("html", "expected"), [
    ("<h1>א</h1><h3><b>כותרת</b> <i>נטויה</i></h3>", "# א\n\n### כותרת *נטויה*"),
    ("<p>א</p><p>ב</p>", "א\n\nב"),
    ("<div>א</div><div>ב</div>", "א\n\nב"),
    ("<p>&nbsp;</p><p>א</p><p><br></p><p>ב</p>", "א\n\nב"),
    ("<p>שורה<br>שנייה</p>", "שורה  \nשנייה"),
    ("<p>פסקה<br><br>אחרת</p>", "פסקה\n\nאחרת"),
    ("<p>א</p><br><p>ב</p><br>", "א\n\nב"),
    ("<blockquote><p>ציטוט</p><p>שני</p></blockquote>", "> ציטוט\n>\n> שני"),
    ("<hr><p>א</p>", "---\n\nא"),
    ("<pre><code>  x = 1\n  y = 2</code></pre>", "```\n  x = 1\n  y = 2\n```"),
    ("<p><u>קו</u> <s>מחוק</s> <sup>1</sup></p>", "קו מחוק 1"),
])
def test_blocks(html, expected):
    assert_markdown_renders(html, expected)


@pytest.mark.parametrize(("html", "expected"), [
    ("<ul><li>א</li><li>ב</li></ul>", "- א\n- ב"),
    ("<ol><li>א</li><li>ב</li></ol>", "1. א\n2. ב"),
    ('<ol start="3"><li>ג</li><li>ד</li></ol>', "3. ג\n4. ד"),
    ('<ol start="9"><li>ט</li><li>י</li></ol>', "9. ט\n10. י"),
    ("<ul><li>א<ul><li>ב<ul><li>ג</li></ul></li></ul></li><li>ד</li></ul>", "- א\n    - ב\n        - ג\n- ד"),
    ("<ol><li>א<ul><li>ב</li></ul></li><li>ג</li></ol>", "1. א\n    - ב\n2. ג"),
    ("<ul><li>א</li><ul><li>ב</li></ul><li>ג</li></ul>", "- א\n    - ב\n- ג"),  # Google Docs' older nesting
    ("<ul><li>א<li>ב<ul><li>ג<li>ד</ul><li>ה</ul>", "- א\n- ב\n    - ג\n    - ד\n- ה"),  # no </li>
    ('<ul><li><p role="presentation">א</p></li><li><p>ב</p></li></ul>', "- א\n- ב"),
    ("<ul><li><p>פסקה</p><p>שנייה</p></li><li>ב</li></ul>", "- פסקה\n\n    שנייה\n\n- ב"),
    ("<ul><li>1. מספר בתוך פריט</li></ul>", "- 1\\. מספר בתוך פריט"),
])
def test_list_shapes(html, expected):
    assert_markdown_renders(html, expected)


@pytest.mark.parametrize(("html", "expected"), [
    ("<table><tr><td>א</td><td>ב</td></tr><tr><td>1</td><td>2</td></tr></table>",
     "| א | ב |\n| --- | --- |\n| 1 | 2 |"),
    ("<table><thead><tr><th>א</th><th>ב</th></tr></thead><tbody><tr><td>1|2</td><td>3</td></tr></tbody></table>",
     "| א | ב |\n| --- | --- |\n| 1\\|2 | 3 |"),
    ('<table><colgroup><col width="10"></colgroup><tr><td><b>א</b></td><td><p>ב</p><p>ג</p></td></tr>'
     "<tr><td><b>ד</b></td><td>ה<br>ו</td></tr></table>",
     "| א | ב ג |\n| --- | --- |\n| **ד** | ה ו |"),
])
def test_tables_as_pipe_tables(html, expected):
    assert_markdown_renders(html, expected)


# -- links -----------------------------------------------------------------------------

def test_links():
    html = ('<p><a href="https://example.org/a b">קישור</a> <a href="#_ftn1">[1]</a> '
            '<a href="javascript:void(0)">סקריפט</a> <a name="_Toc1">סימניה</a> '
            '<a href="https://example.org" title="רש&quot;י">כותרת</a> <a href="https://example.org">https://example.org</a></p>')
    assert_markdown_renders(html, "[קישור](https://example.org/a%20b) [1] סקריפט סימניה "
                                  "[כותרת](https://example.org) <https://example.org>")


# -- the junk of each program ----------------------------------------------------------

def test_word_conditional_comments_hidden_text_and_namespaced_tags():
    html = ("<html xmlns:o='urn:schemas-microsoft-com:office:office'><head><style>p.MsoNormal{mso-style-parent:'';}"
            "</style><!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]--></head><body>"
            "<!--StartFragment--><p class=MsoNormal><![if supportFields]><span style='mso-element:field-begin'>"
            "</span> HYPERLINK &quot;x&quot; <![endif]>גלוי<span style='display:none;mso-hide:all'>נסתר</span>"
            " <st1:City>חיפה</st1:City><o:p>&nbsp;</o:p></p><!--EndFragment--></body></html>")
    assert_markdown_renders(html, "גלוי חיפה")


def test_conditions_written_as_comments_act_the_same():
    """Outlook, and newer Pythons' html.parser, give `<![if …]>` as comments `<!--[if …]-->`."""
    html = ("<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><!--[if !supportLists]--><span "
            "style='mso-list:Ignore'>1.<span>&nbsp; </span></span><!--[endif]-->פריט</p>"
            "<p>לפני <!--[if supportFields]-->HYPERLINK &quot;x&quot;<!--[endif]-->אחרי</p>")
    assert_markdown_renders(html, "1. פריט\n\nלפני אחרי")


def test_meta_script_and_style_are_dropped():
    assert_markdown_renders('<meta charset="utf-8"><style>p{color:red}</style><script>var a = "<p>x</p>";</script>'
                            "<p>טקסט</p><noscript>אין</noscript>", "טקסט")


def test_a_windows_cf_html_header_is_not_text():
    assert_markdown_renders("Version:0.9\r\nStartHTML:0000000105\r\nEndHTML:0000000199\r\n"
                            "StartFragment:0000000141\r\nEndFragment:0000000163\r\n"
                            "<html><body><!--StartFragment--><p>שלום</p><!--EndFragment--></body></html>", "שלום")


@pytest.mark.parametrize(("html", "expected"), [
    ('<b style="font-weight:normal;" id="docs-internal-guid-1"><p><span style="font-weight:700">א</span>'
     '<span style="font-weight:400"> ב</span></p><p><span style="font-style:italic">ג</span></p></b>', "**א** ב\n\n*ג*"),
    ('<p><span style="font-weight:bold">שלושה </span><span style="font-weight:bold">חוגים</span></p>', "**שלושה חוגים**"),
    ('<p><b>א</b><b>ב</b> <strong><strong>ג</strong></strong> <b> </b>ד</p>', "**אב ג** ד"),
    ('<p><b style="font-weight:400">לא מודגש</b> <i style="font-style:normal">לא נטוי</i></p>', "לא מודגש לא נטוי"),
    ("<b><p>מודגש</p><p>גם</p></b>", "**מודגש**\n\n**גם**"),
    ('<a href="https://example.org"><p>כל הפסקה</p></a>', "[כל הפסקה](https://example.org)"),
    ('<h2><span style="font-weight:700">כותרת</span></h2>', "## כותרת"),
    ('<h2>שאלה?<a class="anchor" href="#q" aria-hidden="true">#</a></h2>', "## שאלה?"),
])
def test_formatting_from_tags_and_styles(html, expected):
    assert_markdown_renders(html, expected)


@pytest.mark.parametrize(("marker", "expected"), [("&middot;", "-"), ("o", "-"), ("§", "-"), ("1.", "1."),
                                                  ("4)", "4."), ("א.", "1.")])
def test_a_word_list_paragraph_by_its_marker(marker, expected):
    html = (f"<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><![if !supportLists]><span "
            f"style='mso-list:Ignore'>{marker}<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp; </span>"
            f"</span><![endif]><span lang=HE>פריט</span></p>")
    assert_markdown_renders(html, f"{expected} פריט")


def _word_item(level: int, marker: str, text: str, css_class: str = "MsoListParagraphCxSpMiddle", lst: int = 0) -> str:
    return (f"<p class={css_class} dir=RTL style='margin-right:{36 * level}.0pt;mso-list:l{lst} level{level} lfo1'>"
            f"<![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>{marker}"
            f"<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>"
            f"<span dir=RTL></span><span lang=HE>{text}</span><o:p></o:p></p>\n")


def test_word_lists_nest_by_level_and_keep_their_first_number():
    html = (_word_item(1, "&middot;", "א", "MsoListParagraphCxSpFirst") + _word_item(2, "o", "ב")
            + _word_item(3, "§", "ג") + _word_item(2, "o", "ד") + _word_item(1, "&middot;", "ה", "MsoListParagraphCxSpLast")
            + "<p class=MsoNormal>באמצע</p>"
            + _word_item(1, "5.", "חמש", "MsoListParagraphCxSpFirst", lst=1) + _word_item(2, "א.", "תת", lst=1)
            + _word_item(1, "6.", "שש", "MsoListParagraphCxSpLast", lst=1))
    assert_markdown_renders(html, "- א\n    - ב\n        - ג\n    - ד\n- ה\n\nבאמצע\n\n"
                                  "5. חמש\n    1. תת\n6. שש")


def test_two_word_lists_side_by_side_stay_two_lists():
    html = (_word_item(1, "1.", "א", "MsoListParagraphCxSpFirst") + _word_item(1, "2.", "ב", "MsoListParagraphCxSpLast")
            + _word_item(1, "&middot;", "ג", "MsoListParagraphCxSpFirst", lst=1))
    assert_markdown_renders(html, "1. א\n2. ב\n\n- ג")


def test_a_numbered_word_heading_keeps_its_number():
    html = ("<h2 style='mso-list:l2 level1 lfo3'><![if !supportLists]><span style='mso-list:Ignore'>2.<span>"
            "&nbsp;&nbsp; </span></span><![endif]>רקע</h2>")
    assert_markdown_renders(html, "## 2. רקע")


# -- images ----------------------------------------------------------------------------

def _data_uri(data: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(data).decode()


def test_an_embedded_image_comes_back_with_its_bytes_under_its_library_reference():
    data = png(4, 3)
    sha = hashlib.sha256(data).hexdigest()
    pasted = markdown_from_clipboard_html(f'<p>לפני <img src="{_data_uri(data)}" alt="גרף [1]"> אחרי</p>')
    assert pasted.markdown == rf"לפני ![גרף \[1\]](ktav-image:{sha}) אחרי"
    assert pasted.images == [PastedImage(f"ktav-image:{sha}", "גרף [1]", data, "image/png", f"pasted-{sha[:8]}.png")]


def test_store_images_puts_them_in_the_library_and_the_markdown_renders_them(library):
    data = png(5, 5)
    pasted = markdown_from_clipboard_html(f'<img src="{_data_uri(data)}" alt="תמונה">'
                                          '<img src="https://example.org/a.jpg" alt="רשת">')
    markdown = store_images(library, pasted)
    sha = hashlib.sha256(data).hexdigest()
    assert library.get_image(sha).data == data and len(library.images()) == 1
    assert render_markdown(markdown).image_refs == [sha]
    assert pasted.images[1] == PastedImage("https://example.org/a.jpg", "רשת", None, "", "a.jpg")


@pytest.mark.parametrize("img", [
    '<img src="https://pixel.example.net/t.gif?u=1" width="1" height="1">',
    '<img src="https://pixel.example.net/t.gif" style="width:1px;height:1px">',
    '<img src="https://example.org/spacer.gif" width="600" height="2">',
    f'<img src="{_data_uri(png(1, 1))}">',
    '<img src="data:image/png;base64,not-base64!">',
    '<img src="data:image/svg+xml;utf8,<svg></svg>">',
    '<img src="">', '<img>', '<img src="cid:image001.png@01D9">', '<img src="blob:https://example.org/5f2">',
    '<img src="file:///C:/Users/noa/AppData/Local/Temp/msohtmlclip1/01/clip_image001.png">',
])
def test_tracking_pixels_and_images_without_a_usable_source_are_dropped(img):
    pasted = markdown_from_clipboard_html(f"<p>טקסט {img}</p>")
    assert (pasted.markdown, pasted.images) == ("טקסט", [])


def test_a_word_file_image_is_read_when_asked(tmp_path):
    data = png(6, 4)
    (tmp_path / "clip image.png").write_bytes(data)
    html = f'<p><img width=60 height=40 src="{(tmp_path / "clip image.png").as_uri()}" alt="כיתה"></p>'
    sha = hashlib.sha256(data).hexdigest()
    assert_markdown_renders(html, f"![כיתה](ktav-image:{sha})", local_files=True)
    assert markdown_from_clipboard_html(html, local_files=True).images[0].filename == "clip image.png"
    missing = html.replace("clip%20image.png", "gone.png")
    assert_markdown_renders(missing, "", local_files=True)


# -- whole clipboards of each program ----------------------------------------------------

WORD = """\
# מלגות לימודים בפריפריה

התוכנית פתוחה לתלמידי תיכון שלומדים **4-5 יחידות** מתמטיקה, וגם למי שלומד *פרשנות* עם רש"י בערבים. Zoom משמש לשיעורים מרחוק.

גובה הַמִּלְגָּה נקבע לפי מספר השעות בשבוע.

## מה צריך להגיש

- גיליון ציונים מהשנה האחרונה
- מכתב המלצה, אחד מאלה:
    - ממורה למתמטיקה
    - מרכזת השכבה (PDF)
- אישור על חשבון בנק או אג"ח

שלבי ההרשמה:

1. ממלאים את [טופס ההרשמה](https://example.org/scholarships/apply)
2. מצרפים את המסמכים

אחרי שיחת ההיכרות:

3. מקבלים תשובה תוך 14 יום

| מסלול | סכום לשנה |
| --- | --- |
| מדעים STEM | 6,000 ש"ח |

> "המלגה נתנה לי שקט ללמוד", כתבה אחת הבוגרות."""

GOOGLE_DOCS = """\
## חוגי העשרה בספרייה

השנה נפתחים **שלושה חוגים** חדשים: רובוטיקה, קריאה בEnglish ותיאטרון. *ההרשמה* מתחילה ב-1.9.

המפגשים נערכים בימי שלישי, לקבוצות של 4-5 ילדים. פרטים ב[לוח החוגים](https://example.org/library/clubs).

- רובוטיקה עם **LEGO**
    - לגילאי 8 עד 10
    - ערכה אחת לכל זוג
- מועדון קריאה: פרשת השבוע עם רש"י

סדר המפגש בחוג התיאטרון:

3. חימום קולי
4. קריאת **מַחֲזֶה** בקבוצות

| חוג | מחיר |
| --- | --- |
| רובוטיקה | 120 ש"ח |

![ילדים בונים רובוט](https://lh7-rt.googleusercontent.com/docsz/AD_4nXe9Qv2LpT0kR8sWm3yZ1aBcDeFgH?key=Tx7Lq2Vn9Wm4Pz8Rk1Js5A)"""

LIBREOFFICE = """\
## דוח פעילות לרבעון

ברבעון האחרון הצטרפו **27 משפחות** חדשות לתוכנית הליווי, רובן מהצפון. הנתונים נאספו ב-Google Forms ו*נבדקו* פעמיים.

כתובת למשלוח:  
רחוב הזית 5, דירה 2  
קריית שמונה

1. ביקורי בית
    1. אחת לשבועיים
2. שיחות טלפון עם רכזת *וגם* בערב

| אזור | משפחות |
| --- | --- |
| גליל עליון | 18 |
| עמק החולה | 9 |

הסיכום נכתב בעזרת יועץ ההשקעות לענייני אג"ח."""

WEB_PAGE = """\
## למה דווקא שכונה?

המחקר של [מכון אורן](https://example.org/research/neighborhoods) מצא שילדים שגדלים ליד **ספרייה ציבורית** קוראים פי 2 יותר. *זה לא מפתיע*, אבל המספרים חדים: 38% לעומת 19%.

> "ספרייה היא המקום היחיד בעיר שבו אף אחד לא שואל מה קנית", אמרה הספרנית.

הנתונים לפי שכונה:

| שכונה | ילדים קוראים |
| --- | --- |
| נווה שאנן | 38% |
| רמת החייל | 19% |

את הדוח המלא, כולל נספח על תקציבי אג"ח עירוניים, אפשר להוריד [כאן (PDF)](https://example.org/reports/2024.pdf)."""

FIXTURES = {"word.html": WORD, "google_docs.html": GOOGLE_DOCS, "libreoffice.html": LIBREOFFICE,
            "web_page.html": WEB_PAGE}


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_each_programs_clipboard_gives_its_exact_markdown(name):
    assert_markdown_renders((CLIPBOARD / name).read_text(encoding="utf-8"), FIXTURES[name])


def test_the_google_docs_image_comes_back_as_a_web_address():
    pasted = markdown_from_clipboard_html((CLIPBOARD / "google_docs.html").read_text(encoding="utf-8"))
    assert [(i.reference.split("?")[0], i.alt, i.data) for i in pasted.images] == [
        ("https://lh7-rt.googleusercontent.com/docsz/AD_4nXe9Qv2LpT0kR8sWm3yZ1aBcDeFgH", "ילדים בונים רובוט", None)]


def _blocks(html: str) -> list[tuple[str, str]]:
    """The rendered page's top-level blocks, as (tag, text) pairs."""
    soup = BeautifulSoup(html, "html.parser")
    return [(n.name, " ".join(n.get_text(" ").split())) for n in soup.children if n.name]


@pytest.mark.parametrize(("name", "expected"), [
    ("word.html", [("h1", "מלגות לימודים בפריפריה"), ("p", None), ("p", None), ("h2", "מה צריך להגיש"), ("ul", None),
                   ("p", "שלבי ההרשמה:"), ("ol", None), ("p", None), ("ol", None), ("table", None), ("blockquote", None)]),
    ("google_docs.html", [("h2", None), ("p", None), ("p", None), ("ul", None), ("p", None), ("ol", None),
                          ("table", None), ("p", None)]),
    ("libreoffice.html", [("h2", None), ("p", None), ("p", None), ("ol", None), ("table", None), ("p", None)]),
    ("web_page.html", [("h2", "למה דווקא שכונה?"), ("p", None), ("blockquote", None), ("p", None), ("table", None),
                       ("p", None)]),
])
def test_the_markdown_renders_to_the_documents_blocks(name, expected):
    markdown = markdown_from_clipboard_html((CLIPBOARD / name).read_text(encoding="utf-8")).markdown
    blocks = _blocks(render_markdown(markdown).html)
    assert [tag for tag, _ in blocks] == [tag for tag, _ in expected]
    for (_, text), (_, wanted) in zip(blocks, expected):
        assert wanted is None or text == wanted


def test_rendered_lists_nest_and_keep_their_numbers():
    html = render_markdown(WORD).html
    soup = BeautifulSoup(html, "html.parser")
    outer = soup.find("ul")
    assert [li.find(string=True).strip() for li in outer.find_all("li", recursive=False)] == [
        "גיליון ציונים מהשנה האחרונה", "מכתב המלצה, אחד מאלה:", 'אישור על חשבון בנק או אג"ח']
    assert [li.get_text() for li in outer.find("ul").find_all("li")] == ["ממורה למתמטיקה", "מרכזת השכבה (PDF)"]
    assert [ol.get("start") for ol in soup.find_all("ol")] == [None, "3"]
    assert soup.find("table").find("th").get_text() == "מסלול"
    assert 'רש"י' in html and "הַמִּלְגָּה" in html
    libre = BeautifulSoup(render_markdown(LIBREOFFICE).html, "html.parser")
    assert libre.find("em").get_text() == "נבדקו" and libre.find_all("p")[1].find_all("br")
