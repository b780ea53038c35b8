"""Export as the website receives it: the page's parts, the fragment, images, determinism, atomicity."""

import datetime as dt
import json
import os
import re

import PIL.Image
import pytest
from export_helpers import add_post, png, small_library

from editor.core.errors import ExportError
from editor.core.export import ExportBlocked, atomic, disk_sync, export_posts, render_page
from editor.core.export.site import SettingsError, SiteSettings, load_site_settings, save_site_settings
from editor.core.library.store import Library
from editor.core.models import Post, Status
from editor.core.render.pipeline import render_markdown


@pytest.fixture
def library_and_posts(tmp_path):
    library, main, related = small_library(tmp_path / "lib.sqlite")
    yield library, main, related
    library.close()


def export_one(library, post, out, **options) -> str:
    export_posts(library, out, [post.id], **options)
    settings = load_site_settings(library)
    name = settings.post_path(post)
    if options.get("fragment"):
        name = name.replace("index.html", "fragment.html")
    return (out / name).read_text(encoding="utf-8")


def test_page_has_the_sites_parts_in_their_order(library_and_posts, tmp_path):
    library, main, related = library_and_posts
    page = export_one(library, main, tmp_path / "out")

    assert page.startswith('<!DOCTYPE html>\n<html lang="he" dir="rtl">')
    parts = ["< בחזרה לבלוג", '<h1 class="ktav-title">חדשנות חברתית הלכה למעשה: אג"ח חברתי</h1>',
             "מה הופך ארגון חברתי לחדשני", "איך זה התחיל", "מה למדנו", ">23.12.2019</time>",
             "אולי יעניין אותך גם", "29.02.2024", "ביקור בית בשמונה בערב", "יום עבודה אחד עם עובדת סוציאלית.",
             "קראו עוד", "26.02.2024", "לרשויות המקומיות חשיבות עצומה", "04.01.2024", "צעירים במצוקה"]
    body = page[page.index("<body"):]
    positions = [body.find(part.replace("<", "&lt;", 1) if part.startswith("< ") else part) for part in parts]
    assert -1 not in positions, [p for p, at in zip(parts, positions) if at == -1]
    assert positions == sorted(positions)
    assert page.count('class="ktav-card"') == 3 and page.count(">קראו עוד</a>") == 3


def test_page_head_describes_the_post_for_search_and_sharing(library_and_posts, tmp_path):
    library, main, _ = library_and_posts
    library.set_setting("site.blog_url", "https://example.org/blog/")
    page = export_one(library, main, tmp_path / "out")
    address = load_site_settings(library).post_address(main)
    assert address.startswith("https://example.org/blog/%D7%97")
    assert '<meta charset="utf-8">' in page and 'name="viewport"' in page
    assert f'<link rel="canonical" href="{address}">' in page
    assert '<meta name="description" content="מה הופך ארגון חברתי לחדשני, ולמה צריך חדשנות חברתית?">' in page
    assert '<meta property="article:published_time" content="2019-12-23">' in page
    assert f'<meta property="og:url" content="{address}">' in page
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src &#39;none&#39;" in csp and "script-src" not in csp  # default-src covers scripts
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page).group(1))
    assert data["@type"] == "BlogPosting" and data["headline"] == main.title
    assert data["datePublished"] == "2019-12-23" and data["url"] == address
    assert page.count("<script") == 1


def test_code_stays_left_to_right_and_gershayim_stay_plain(library_and_posts, tmp_path):
    library, main, _ = library_and_posts
    page = export_one(library, main, tmp_path / "out")
    assert 'רש"י' in page or "רש&#34;י" in page or "רש&quot;י" in page
    assert "“" not in page and "”" not in page
    assert re.search(r"\.ktav-body pre[^{]*\{[^}]*direction: ltr", page, re.S)
    assert "4-5 יחידות" in page


def test_fragment_is_the_article_and_related_block_only(library_and_posts, tmp_path):
    library, main, _ = library_and_posts
    fragment = export_one(library, main, tmp_path / "out", fragment=True)
    for absent in ("<html", "<head>", "<body", "<!DOCTYPE", "<meta", "<style", "<script", "בחזרה לבלוג"):
        assert absent not in fragment
    assert fragment.index('<article class="ktav-post"') < fragment.index('<aside class="ktav-related"')
    assert 'dir="rtl"' in fragment and "אולי יעניין אותך גם" in fragment and fragment.count("ktav-card\"") == 3


def test_images_land_beside_the_page_with_their_size(library_and_posts, tmp_path):
    library, main, _ = library_and_posts
    image = library.add_image(png(3, 2), filename="גרף.png")
    main.body += f"\n![גרף התוצאות]({image.uri})\n"
    library.save_post(main)
    out = tmp_path / "out"
    page = export_one(library, main, out)
    src = re.search(r'<img [^>]*src="([^"]+)"', page).group(1)
    assert src.startswith("assets/") and src.endswith(".webp")  # the site's format (WebP by default)
    page_folder = out / load_site_settings(library).post_path(main).rsplit("/", 1)[0]
    with PIL.Image.open(page_folder / src) as written:
        assert (written.format, written.size) == ("WEBP", (3, 2))  # a 3-pixel picture is not enlarged
    tag = re.search(r"<img [^>]*>", page).group(0)
    assert 'width="3"' in tag and 'height="2"' in tag and 'alt="גרף התוצאות"' in tag
    assert "ktav-image:" not in page[page.index("<body"):]


def test_images_can_be_inlined_for_a_single_file_page(library_and_posts, tmp_path):
    library, main, _ = library_and_posts
    image = library.add_image(png(2, 2), filename="a.png")
    main.body += f"\n![תרשים]({image.uri})\n"
    library.save_post(main)
    library.set_setting("site.image_mode", "inline")
    out = tmp_path / "out"
    page = export_one(library, main, out)
    assert 'src="data:image/webp;base64,' in page
    assert not list(out.rglob("assets"))


def test_a_missing_image_blocks_the_export_until_forced(library_and_posts, tmp_path):
    library, main, _ = library_and_posts
    main.body += "\n![חסר](ktav-image:" + "ab" * 32 + ")\n"
    library.save_post(main)
    out = tmp_path / "out"
    with pytest.raises(ExportBlocked) as blocked:
        export_posts(library, out, [main.id])
    assert "missing from the library" in blocked.value.message and "חסרה" in blocked.value.message_he
    assert not out.exists()
    result = export_posts(library, out, [main.id], force=True)
    assert result.written


def test_export_all_takes_approved_and_published_posts_only(library_and_posts, tmp_path):
    library, main, related = library_and_posts
    draft = add_post(library, "טיוטה שלא מוכנה", status=Status.DRAFT)
    out = tmp_path / "out"
    export_posts(library, out)
    settings = load_site_settings(library)
    for post in [main, *related]:
        assert (out / settings.post_path(post)).is_file()
    assert not (out / settings.post_path(draft)).exists()
    index = (out / "index.html").read_text(encoding="utf-8")
    titles = [t for t in re.findall(r'<h2 class="ktav-index-title"><a href="[^"]+">([^<]+)</a>', index)]
    assert titles[0].startswith("ביקור בית") and titles[-1].startswith("חדשנות")  # newest first
    assert "29.02.2024" in index and "יום עבודה אחד עם עובדת סוציאלית." in index
    # an explicit id exports a draft too
    export_posts(library, out, [draft.id], force=True)
    assert (out / settings.post_path(draft)).is_file()


def test_two_exports_of_the_same_library_are_byte_identical(library_and_posts, tmp_path):
    library, main, _ = library_and_posts
    image = library.add_image(png(4, 4), filename="x.png")
    main.body += f"\n![ריבוע]({image.uri})\n"
    library.save_post(main)
    first, second = tmp_path / "first", tmp_path / "second"
    export_posts(library, first)
    export_posts(library, second)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert len(files) >= 7 and files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    again = export_posts(library, first)
    assert again.written == [] and len(again.unchanged) == len(files)


@pytest.mark.parametrize("whole_disk_sync", [True, False], ids=["one-disk-sync", "fsync-per-file"])
def test_an_interrupted_export_leaves_every_previous_file_whole(library_and_posts, tmp_path, monkeypatch,
                                                               whole_disk_sync):
    library, main, related = library_and_posts
    monkeypatch.setattr(disk_sync, "whole_disk_sync_works", lambda folder: whole_disk_sync)
    monkeypatch.setattr(atomic, "WHOLE_DISK_SYNC_FROM", 1)
    out = tmp_path / "out"
    export_posts(library, out)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    for post in [main, *related]:
        post.body += "\n\nפסקה חדשה שנוספה אחרי הייצוא הראשון."
        library.save_post(post)

    real_replace, calls = os.replace, []

    def failing_replace(source, target):
        calls.append(target)
        if len(calls) == 3:
            raise OSError(5, "Input/output error")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(ExportError) as failure:
        export_posts(library, out)
    assert "previous file is intact" in failure.value.message
    monkeypatch.undo()

    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert set(after) == set(before)  # no temporary file left behind
    changed = [p for p in after if after[p] != before[p]]
    assert len(changed) == 2  # the two pages replaced before the failure, whole and new
    for path in changed:
        assert after[path].rstrip().endswith(b"</html>") and "פסקה חדשה".encode() in after[path]


def test_settings_are_stored_in_the_library_and_shape_the_export(tmp_path):
    with Library.open(tmp_path / "lib.sqlite") as library:
        save_site_settings(library, SiteSettings(site_name="בלוג הקרן", post_url_pattern="{blog}/{yyyy}/{slug}.html",
                                                 date_format="d בMMMM yyyy", back_link_text="חזרה"))
        post = add_post(library, "מחקר חדש על פערי למידה", date=dt.date(2021, 3, 9))
        export_posts(library, tmp_path / "out", [post.id])
        settings = load_site_settings(library)
    page = (tmp_path / "out" / "2021" / f"{post.slug}.html").read_text(encoding="utf-8")
    assert settings.site_name == "בלוג הקרן"
    assert "<title>מחקר חדש על פערי למידה | בלוג הקרן</title>" in page
    assert ">9 במרץ 2021</time>" in page and '<a href="../index.html">חזרה</a>' in page


def test_bad_settings_are_refused_with_a_clear_message():
    with pytest.raises(SettingsError) as error:
        SiteSettings(post_url_pattern="{blog}/posts/")
    assert "{slug}" in error.value.message
    with pytest.raises(SettingsError):
        SiteSettings(css_mode="sideways")
    with pytest.raises(SettingsError) as error:
        SiteSettings(blog_url="example.org/blog")
    assert "https://" in error.value.message_he


def test_linked_css_is_one_stylesheet_beside_the_pages(library_and_posts, tmp_path):
    library, main, _ = library_and_posts
    library.set_setting("site.css_mode", "linked")
    out = tmp_path / "out"
    page = export_one(library, main, out)
    assert '<link rel="stylesheet" href="../site.css">' in page and "<style>" not in page
    assert ".ktav-cards" in (out / "site.css").read_text(encoding="utf-8")


def test_a_maintainers_template_folder_overrides_by_name(library_and_posts, tmp_path):
    library, main, _ = library_and_posts
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "fragment.html").write_text('<section class="site-post">{{ post.title }}</section>\n', encoding="utf-8")
    library.set_setting("site.templates_dir", str(folder))
    fragment = export_one(library, main, tmp_path / "out", fragment=True)
    assert fragment == f'<section class="site-post">{main.title.replace(chr(34), "&#34;")}</section>\n'
    (folder / "fragment.html").write_text("{{ post.no_such_field }}", encoding="utf-8")
    with pytest.raises(ExportError) as error:
        export_one(library, main, tmp_path / "out2", fragment=True)
    assert "fragment.html" in error.value.message and "no_such_field" in error.value.message


def test_the_preview_page_needs_no_library_and_keeps_line_numbers():
    post = Post(title="תצוגה מקדימה", lead="פתיח", body="## כותרת\n\nטקסט עם English words.", slug="preview",
                date=dt.date(2020, 1, 2))
    rendered = render_markdown(post.body, line_numbers=True)
    related = [Post(title=f"פוסט {n}", lead="תקציר", slug=f"p{n}", date=dt.date(2020, 1, n)) for n in (3, 4, 5)]
    html = render_page(post, rendered.html, related, SiteSettings(css_mode="linked"), mode="preview")
    assert "data-line=" in html and "<style>" in html and 'rel="stylesheet"' not in html
    assert "ktav-preview" in html and html.count('class="ktav-card"') == 3
    with pytest.raises(ValueError):
        render_page(post, rendered.html, [], SiteSettings(), mode="print")


def test_an_export_on_several_processes_writes_the_same_bytes(tmp_path):
    from editor.core.importing.into_library import import_files
    from editor.core.importing.samples import sample_paths

    with Library.open(tmp_path / "lib.sqlite") as library:
        import_files(library, sample_paths(), status=Status.APPROVED)
        export_posts(library, tmp_path / "one", workers=1)
        export_posts(library, tmp_path / "two", workers=2)
    files = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*") if p.is_file())
    assert len(files) == len(sample_paths()) + 2
    for name in files:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name


def test_an_exported_page_imports_back_as_the_same_post(tmp_path):
    from editor.core.importing.into_library import import_files
    from editor.core.importing.samples import sample_paths

    with Library.open(tmp_path / "lib.sqlite") as library:
        import_files(library, sample_paths()[:6], status=Status.APPROVED)
        export_posts(library, tmp_path / "out")
        originals = {p.title: p for p in library.all_posts()}
    pages = sorted((tmp_path / "out").glob("*/index.html"))
    with Library.open(tmp_path / "again.sqlite") as again:
        import_files(again, pages)
        for post in again.all_posts():
            original = originals[post.title]
            assert (post.lead, post.date, post.tags, post.body.strip()) == (
                original.lead, original.date, original.tags, original.body.strip())


def test_a_writers_html_comment_is_not_published(library_and_posts, tmp_path):
    library, main, _ = library_and_posts
    main.body += "\n<!-- הערה לעורכת: לבדוק את המספרים מול הדו\"ח -->\n\nפסקה אחרונה.\n"
    main = library.save_post(main)
    page = export_one(library, main, tmp_path / "out")
    assert "פסקה אחרונה." in page and "הערה לעורכת" not in page


def test_a_post_whose_address_would_overwrite_the_index_is_refused(tmp_path):
    with Library.open(tmp_path / "lib.sqlite") as library:
        library.set_setting("site.post_url_pattern", "{blog}/{slug}.html")
        post = add_post(library, "אינדקס", body="טקסט.")
        post = library.save_post(post.copy(slug="index"))
        with pytest.raises(ExportError) as error:
            export_posts(library, tmp_path / "out")
    assert "index.html" in error.value.message and not (tmp_path / "out").exists()


def test_copy_for_the_cms_is_one_string_with_its_images_inside(library_and_posts):
    from editor.core.export import render_post

    library, main, _ = library_and_posts
    image = library.add_image(png(2, 3), filename="a.png")
    main.body += f"\n![תרשים]({image.uri})\n"
    fragment = render_post(library, main)
    assert fragment.startswith('<div class="ktav-fragment"') and "<html" not in fragment
    assert 'src="data:image/webp;base64,' in fragment and fragment.count('class="ktav-card"') == 3


def test_an_export_that_fails_half_way_through_rendering_leaves_nothing_behind(tmp_path, monkeypatch):
    import editor.core.export.post_files as batch

    with Library.open(tmp_path / "lib.sqlite") as library:
        for title in ("בגרות במתמטיקה, 4-5 יחידות", "פירוש רש\"י לתלמידים", "סיכום השנה"):
            add_post(library, title, body="טקסט עם English באמצע.")
        out = tmp_path / "out"
        out.mkdir()
        (out / "keep.txt").write_text("קובץ קודם", encoding="utf-8")
        pages = []

        def third_page_fails(*args, **kwargs):
            pages.append(args[0])
            if len(pages) == 3:  # the first two pages are staged by now
                raise ExportError("template broke", "התבנית נשברה")
            return render_page(*args, **kwargs)

        monkeypatch.setattr(batch, "render_page", third_page_fails)
        with pytest.raises(ExportError):
            export_posts(library, out)
    assert [p.name for p in out.rglob("*")] == ["keep.txt"]  # no page, temporary file or new folder


def test_an_export_on_several_processes_that_fails_leaves_nothing_behind(tmp_path, monkeypatch):
    import editor.core.export.post_files as batch
    from editor.core.importing.into_library import import_files
    from editor.core.importing.samples import sample_paths

    with Library.open(tmp_path / "lib.sqlite") as library:
        import_files(library, sample_paths(), status=Status.APPROVED)
        out = tmp_path / "out"
        export_posts(library, out, workers=2)
        before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
        for post in library.all_posts():
            library.save_post(post.copy(lead=post.lead + " (עודכן)"))
        broken = library.all_posts()[-3].title  # a post of the last worker's share: the others staged theirs

        def one_page_fails(post, *args, **kwargs):
            if post.title == broken:
                raise ExportError("template broke", "התבנית נשברה")
            return render_page(post, *args, **kwargs)

        monkeypatch.setattr(batch, "render_page", one_page_fails)
        with pytest.raises(ExportError):
            export_posts(library, out, workers=2)
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before  # every page as it was; no temporary file


@pytest.mark.parametrize("stop", ["check-error", "template-error"])
def test_a_first_export_on_several_processes_that_stops_leaves_no_folder_behind(tmp_path, monkeypatch, stop):
    import editor.core.export.post_files as batch
    from editor.core.importing.into_library import import_files
    from editor.core.importing.samples import sample_paths

    with Library.open(tmp_path / "lib.sqlite") as library:
        import_files(library, sample_paths(), status=Status.APPROVED)
        last = library.all_posts()[-1]
        if stop == "check-error":
            library.save_post(last.copy(body=last.body + "\n\n![חסרה](ktav-image:" + "cd" * 32 + ")\n"))
        else:
            def last_page_fails(post, *args, **kwargs):
                if post.id == last.id:
                    raise ExportError("template broke", "התבנית נשברה")
                return render_page(post, *args, **kwargs)

            monkeypatch.setattr(batch, "render_page", last_page_fails)
        out = tmp_path / "site" / "blog"
        with pytest.raises(ExportBlocked if stop == "check-error" else ExportError):
            export_posts(library, out, workers=2)
    assert not (tmp_path / "site").exists()  # the post folders the workers made early are gone too


def test_acronyms_keep_their_plain_gershayim_and_pages_are_readable_by_all(library_and_posts, tmp_path):
    library, main, _ = library_and_posts
    main.title, main.lead = 'מה עושה קרן רש"י', 'תשובה קצרה על אג"ח חברתי'
    main = library.save_post(main)
    page = export_one(library, main, tmp_path / "out")
    assert '<h1 class="ktav-title">מה עושה קרן רש"י</h1>' in page
    assert '<p class="ktav-lead">תשובה קצרה על אג"ח חברתי</p>' in page
    assert 'content="מה עושה קרן רש&#34;י"' in page  # inside an attribute the quote is escaped
    assert "\u201c" not in page and "\u201d" not in page and "\u05f4" not in page
    umask = os.umask(0o022)
    os.umask(umask)
    written = next((tmp_path / "out").rglob("index.html"))
    assert written.stat().st_mode & 0o777 == 0o666 & ~umask  # for upload, like any file the user makes
