"""No script rides out in an export: page, fragment, index and feed; and the feed is real Atom."""

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET

import pytest
from export_helpers import add_post, small_library

from editor.core.export import export_posts
from editor.core.export.site import load_site_settings

ATOM = "{http://www.w3.org/2005/Atom}"

HOSTILE_BODY = """## פסקה עם קוד זדוני

טקסט רגיל בעברית <script>alert("body")</script> וממשיכים.

<img src="x.png" onerror="alert('img')">

[לחצו כאן](javascript:alert('link')) ועוד [קישור](JAVASCRIPT:alert(2)).

פסקה עם מאפיין
{: onclick="alert('attr')" }
"""
HOSTILE_TEXT = '<script>alert("x")</script> כותרת'


@pytest.fixture
def hostile_export(tmp_path):
    library, main, related = small_library(tmp_path / "lib.sqlite")
    bad = add_post(library, HOSTILE_TEXT, body=HOSTILE_BODY, lead='פתיח <script>alert("lead")</script>',
                   tags=['<script>alert("tag")</script>'], date=dt.date(2024, 3, 1))
    library.set_related_choices(main.id, [bad.id, related[0].id, related[1].id])
    out = tmp_path / "out"
    export_posts(library, out, force=True)
    export_posts(library, tmp_path / "fragments", [bad.id, main.id], fragment=True, force=True)
    settings = load_site_settings(library)
    files = {
        "page": out / settings.post_path(bad),
        "related page": out / settings.post_path(main),
        "index": out / "index.html",
        "feed": out / "feed.xml",
        "fragment": tmp_path / "fragments" / settings.post_path(bad).replace("index.html", "fragment.html"),
    }
    yield {name: path.read_text(encoding="utf-8") for name, path in files.items()}
    library.close()


JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def test_no_script_handler_or_javascript_link_in_any_exported_file(hostile_export):
    for name, text in hostile_export.items():
        scripts = re.findall(r"<script\b[^>]*>", text, re.I)
        assert all(tag == '<script type="application/ld+json">' for tag in scripts), name
        # The JSON-LD block is data (it carries the post's source as text) and cannot be closed early:
        # each block parses whole as JSON, and the hostile source is inside it, as text.
        for data in JSON_LD.findall(text):
            assert "<" not in data and ">" not in data
            document = json.loads(data)
            if name == "page":
                assert '<script>alert("body")</script>' in document["articleBody"]
        markup = JSON_LD.sub("", text).lower()
        for bad in ("onerror", "onclick", "javascript:", "alert(\"body\")</script>"):
            assert bad not in markup, (name, bad)


def test_hostile_titles_leads_and_tags_are_shown_as_text(hostile_export):
    page = hostile_export["page"]
    assert "&lt;script&gt;alert(\"x\")&lt;/script&gt; כותרת</h1>" in page
    assert "פתיח &lt;script&gt;" in page
    assert 'content="&lt;script&gt;alert(&#34;tag&#34;)&lt;/script&gt;"' in page
    json_ld = JSON_LD.search(page).group(1)
    assert "<" not in json_ld and "\\u003cscript\\u003e" in json_ld
    assert "&lt;script&gt;" in hostile_export["index"] and "&lt;script&gt;" in hostile_export["related page"]


def test_the_feed_parses_as_atom_and_its_html_is_clean(hostile_export):
    feed = ET.fromstring(hostile_export["feed"])
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 5
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == 5 and all(i.startswith("urn:uuid:") for i in ids)
    published = [e.findtext(f"{ATOM}published") for e in entries]
    assert published == sorted(published, reverse=True)  # newest first
    assert entries[0].findtext(f"{ATOM}title") == HOSTILE_TEXT  # text, escaped once by XML
    content = entries[0].find(f"{ATOM}content")
    assert content.get("type") == "html" and "טקסט רגיל בעברית" in content.text
    assert "<script" not in content.text and "onerror" not in content.text and "javascript:" not in content.text
    assert feed.findtext(f"{ATOM}updated") and all(e.find(f"{ATOM}link").get("href") for e in entries)


def test_control_characters_pasted_from_a_word_processor_keep_the_page_and_feed_valid(tmp_path):
    library, main, _ = small_library(tmp_path / "lib.sqlite")
    main.title = "כותרת\x0bבשתי שורות"
    main.lead = "פתיח\x0c עם תו בקרה"
    main.body += "\nשורה ראשונה\x0bשורה שנייה\x01.\n"
    main = library.save_post(main)
    export_posts(library, tmp_path / "out")
    feed = ET.fromstring((tmp_path / "out" / "feed.xml").read_text(encoding="utf-8"))  # would raise on \x0b
    titles = [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")]
    assert "כותרת בשתי שורות" in titles
    page = (tmp_path / "out" / load_site_settings(library).post_path(main)).read_text(encoding="utf-8")
    assert "שורה ראשונה שורה שנייה ." in page
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", page)
    library.close()
