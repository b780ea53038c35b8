"""Pictures on the way in (refused unless whole and within the pixel budget) and their web copies
(upright, stripped, sized, deterministic), with real files made by Pillow."""

import io
import subprocess
import sys

import pytest
from photo_helpers import bomb_png, has_no_metadata, opened, phone_jpeg
from PIL import Image

from editor.core.photos.batch import ensure_copies
from editor.core.photos.cache import CopyCache
from editor.core.photos.decode import PictureRefused, inspect
from editor.core.photos.variants import Encoding, Shape, copy_size, make_copies

WEBP = Encoding("webp", 80)


def is_red(pixel) -> bool:
    return pixel[0] > 180 and pixel[1] < 90 and pixel[2] < 90


def test_a_phone_photo_is_inspected_at_the_size_it_is_shown():
    info = inspect(phone_jpeg(2400, 1800, orientation=6), "IMG_0001.JPG")
    assert (info.mime, info.width, info.height) == ("image/jpeg", 1800, 2400)  # held upright: portrait


@pytest.mark.parametrize("with_icc", [True, False])
def test_a_copy_is_upright_and_keeps_nothing_of_the_phones_metadata(with_icc):
    copies = make_copies(phone_jpeg(2400, 1800, orientation=6, with_icc=with_icc), [(Shape(800), WEBP), (Shape(1200, 630), Encoding("jpeg", 80))])
    column = copies[(Shape(800), WEBP)]
    picture = opened(column.data)
    assert (picture.format, picture.size, column.width, column.height) == ("WEBP", (800, 1067), 800, 1067)
    # the stored top-left corner is red; turned a quarter clockwise it is the shown top-right corner
    rgb = picture.convert("RGB")
    assert is_red(rgb.getpixel((790, 10))) and not is_red(rgb.getpixel((10, 10)))
    for copy in copies.values():
        assert has_no_metadata(copy.data)
    card = opened(copies[(Shape(1200, 630), Encoding("jpeg", 80))].data)
    assert (card.format, card.size) == ("JPEG", (1200, 630))


def test_a_picture_is_never_enlarged_and_a_small_card_keeps_its_proportions():
    small = io.BytesIO()
    Image.new("RGB", (500, 400), (1, 2, 3)).save(small, "PNG")
    copies = make_copies(small.getvalue(), [(Shape(800), WEBP), (Shape(1600), WEBP), (Shape(1200, 630), WEBP)])
    assert opened(copies[(Shape(800), WEBP)].data).size == (500, 400)
    assert copies[(Shape(800), WEBP)].data == copies[(Shape(1600), WEBP)].data
    assert opened(copies[(Shape(1200, 630), WEBP)].data).size == copy_size(Shape(1200, 630), 500, 400) == (500, 262)


def test_transparency_stays_in_webp_and_becomes_png_where_jpeg_is_asked():
    drawn = io.BytesIO()
    Image.new("RGBA", (300, 200), (0, 0, 255, 80)).save(drawn, "PNG")
    as_webp = opened(make_copies(drawn.getvalue(), [(Shape(800), WEBP)])[(Shape(800), WEBP)].data)
    as_jpeg = make_copies(drawn.getvalue(), [(Shape(800), Encoding("jpeg", 80))])[(Shape(800), Encoding("jpeg", 80))]
    assert as_webp.mode == "RGBA" and as_webp.getpixel((5, 5))[3] == 80
    assert as_jpeg.mime == "image/png" and opened(as_jpeg.data).getpixel((5, 5))[3] == 80


def test_a_copy_is_the_same_bytes_whatever_is_asked_with_it():
    photo = phone_jpeg(3000, 2000, orientation=1)
    alone = make_copies(photo, [(Shape(800), WEBP)])[(Shape(800), WEBP)].data
    together = make_copies(photo, [(Shape(400, 210), WEBP), (Shape(800), WEBP), (Shape(1600), WEBP)])
    assert together[(Shape(800), WEBP)].data == alone


@pytest.mark.parametrize("data, words", [
    (bomb_png(50_000, 50_000), "too many pixels"),
    (b"Just text, saved as photo.png\n" * 20, "not a PNG, JPEG, GIF, WebP or HEIC"),
    (phone_jpeg(600, 400)[:4000], "damaged or incomplete"),
])
def test_a_bomb_a_text_file_and_a_truncated_photo_are_refused_in_hebrew_too(data, words):
    with pytest.raises(PictureRefused) as refused:
        inspect(data, "photo.png")
    assert words in refused.value.message and "photo.png" in refused.value.message
    assert refused.value.message_he != refused.value.message and "photo.png" in refused.value.message_he


def test_heic_is_read_when_pillow_heif_is_installed():
    pillow_heif = pytest.importorskip("pillow_heif")
    pillow_heif.register_heif_opener()
    heic = io.BytesIO()
    Image.new("RGB", (640, 480), (200, 100, 50)).save(heic, "HEIF")
    info = inspect(heic.getvalue(), "IMG_0002.HEIC")
    assert (info.mime, info.width, info.height) == ("image/heic", 640, 480)
    copy = make_copies(heic.getvalue(), [(Shape(320), WEBP)])[(Shape(320), WEBP)]
    assert opened(copy.data).format == "WEBP" and copy.width == 320


def test_without_pillow_heif_a_heic_picture_gets_a_clear_message(tmp_path):
    pytest.importorskip("pillow_heif")
    heic = io.BytesIO()
    import pillow_heif

    pillow_heif.register_heif_opener()
    Image.new("RGB", (64, 48)).save(heic, "HEIF")
    (tmp_path / "photo.heic").write_bytes(heic.getvalue())
    code = ("import sys; sys.modules['pillow_heif'] = None\n"  # as if it were not installed
            "from pathlib import Path\nfrom editor.core.photos.decode import inspect, PictureRefused\n"
            f"try:\n    inspect(Path({str(tmp_path / 'photo.heic')!r}).read_bytes(), 'photo.heic')\n"
            "except PictureRefused as e:\n    print(e.message); print(e.message_he)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "pillow-heif" in done.stdout and "HEIC" in done.stdout and "JPEG" in done.stdout
    assert "מאייפון" in done.stdout


def test_the_cache_makes_each_copy_once_and_remakes_a_damaged_one(tmp_path):
    cache = CopyCache(tmp_path / "cache")
    photo = phone_jpeg(1200, 900, orientation=1)
    originals = {"a" * 64: ("image/jpeg", photo)}
    read = []

    def picture(sha):
        read.append(sha)
        return originals.get(sha)

    wanted = {"a" * 64: {(Shape(800), WEBP), (Shape(400, 210), WEBP)}}
    first = ensure_copies(cache, wanted, picture)
    assert first.made == 2 and read == ["a" * 64]
    second = ensure_copies(cache, wanted, picture)
    assert second.made == 0 and read == ["a" * 64]  # the original is not even read again
    assert {k: c.read() for k, c in second.found.items()} == {k: c.read() for k, c in first.found.items()}
    damaged = second.get("a" * 64, (Shape(800), WEBP))
    damaged.path.write_bytes(damaged.read()[:100])
    third = ensure_copies(cache, wanted, picture)
    assert third.made == 1 and third.get("a" * 64, (Shape(800), WEBP)).read() == first.get("a" * 64, (Shape(800), WEBP)).read()


def test_a_cache_folder_that_cannot_be_written_still_gives_the_copies(tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    cache = CopyCache(blocked / "cache")
    made = ensure_copies(cache, {"b" * 64: {(Shape(300), WEBP)}}, lambda sha: ("image/jpeg", phone_jpeg(600, 400)))
    copy = made.get("b" * 64, (Shape(300), WEBP))
    assert copy.path is None and opened(copy.read()).size == (300, 450)  # shown upright: 400×600


def test_worker_processes_make_the_same_bytes(tmp_path):
    from editor.core.export import parallel

    photos = {f"{n:064x}": ("image/jpeg", phone_jpeg(1400, 1000, orientation=(1, 6, 3, 8)[n % 4], seed=n)) for n in range(5)}
    wanted = {sha: {(Shape(700), WEBP), (Shape(1200, 630), Encoding("jpeg", 80))} for sha in photos}
    here = ensure_copies(CopyCache(tmp_path / "here"), wanted, photos.get)
    there = ensure_copies(CopyCache(tmp_path / "there"), wanted, photos.get, workers=2, pool=parallel.pool_maker())
    assert there.made == here.made == 10
    assert {k: c.read() for k, c in there.found.items()} == {k: c.read() for k, c in here.found.items()}


def test_a_damaged_picture_is_reported_not_raised(tmp_path):
    made = ensure_copies(CopyCache(tmp_path / "c"), {"c" * 64: {(Shape(300), WEBP)}},
                         lambda sha: ("image/jpeg", phone_jpeg(600, 400)[:3000]))
    assert list(made.failed) == ["c" * 64] and "damaged" in made.failed["c" * 64].message
    assert made.failed["c" * 64].message_he == "קובץ תמונה פגום או חלקי"

