"""Makes docs/photos.png: an exported page with a captioned phone photo and the covers of its related
cards, as headless Chromium draws it. The photos are drawn with Pillow (a yard with trees, taken
sideways: EXIF orientation 6, with GPS tags) and go through the export as a writer's photos do.

    python docs/make_photos_page.py [--keep DIR]     # writes docs/photos.png
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PIL import Image, ImageDraw  # noqa: E402

from editor.core.export import export_posts  # noqa: E402
from editor.core.export.site import load_site_settings  # noqa: E402
from editor.core.library.store import Library  # noqa: E402
from editor.core.models import Post, Status  # noqa: E402
from editor.core.photos.cache import CopyCache  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
SCENES = [  # sky, ground, and the colour of what stands on it
    ((135, 190, 235), (96, 160, 70), (40, 110, 40)),
    ((250, 200, 150), (200, 170, 110), (150, 80, 40)),
    ((170, 210, 240), (230, 225, 200), (200, 60, 60)),
    ((120, 160, 210), (70, 130, 90), (240, 200, 60)),
]


def drawn_photo(scene: int, *, sideways: bool) -> bytes:
    """A 3000×2250 photo of a yard; `sideways`: stored turned a quarter, with EXIF orientation 6, as a phone
    held upright writes it."""
    sky, ground, things = SCENES[scene % len(SCENES)]
    width, height = 3000, 2250
    picture = Image.new("RGB", (width, height), sky)
    draw = ImageDraw.Draw(picture)
    draw.rectangle([0, height * 3 // 5, width, height], fill=ground)
    draw.ellipse([width * 3 // 4, height // 10, width * 3 // 4 + 300, height // 10 + 300], fill=(255, 230, 120))
    for number in range(6):
        x = 250 + number * 480 + (scene * 90) % 200
        base = height * 3 // 5 + 80 + (number % 2) * 120
        draw.rectangle([x + 60, base - 260, x + 120, base], fill=(110, 75, 40))
        draw.ellipse([x - 60, base - 620, x + 240, base - 220], fill=things)
    if sideways:
        picture = picture.transpose(Image.Transpose.ROTATE_90)  # as the sensor stored it
    exif = Image.Exif()
    exif[0x0112] = 6 if sideways else 1
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (31.0, 15.0, 9.5), "E", (34.0, 47.0, 30.2)
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=88, exif=exif)
    return out.getvalue()


def build(folder: Path) -> Path:
    """The library, exported; the main post's page."""
    with Library.open(folder / "lib.sqlite") as library:
        library.set_setting("site.site_name", "הבלוג של הקרן")
        library.set_setting("site.blog_url", "https://example.org/blog")
        titles = [("ערוגות בשכונה", "תושבים שותלים יחד"), ("מרכז הנוער נפתח", "מקום לבני נוער בערב"),
                  ("ספרייה בחצר", 'ספרים לכל הגילים, עם רש"י')]
        for number, (title, lead) in enumerate(titles, start=1):
            image = library.add_image(drawn_photo(number, sideways=False), filename=f"IMG_00{number}.JPG")
            post = library.add_post(Post(title=title, lead=lead, tags=["קהילה", "חינוך"],
                                         body=f"פסקה על {title}.\n\n![תמונה מתוך {title}]({image.uri})\n"))
            library.set_status(post.id, Status.PUBLISHED)
        field = library.add_image(drawn_photo(0, sideways=True), filename="IMG_4032.JPG")
        body = ("בבוקר יום שלישי יצאו תלמידי כיתות ד' לחצר בית הספר, ושתלו שישה עצים חדשים בעזרת ההורים "
                "והמורים.\n\n"
                f'![תלמידים שותלים עצים בחצר בית הספר]({field.uri} "יום הנטיעות בחצר -- 2024")\n\n'
                "## מה למדנו\n\nכל כיתה אימצה עץ, ותשקה אותו לאורך השנה. בסוף השנה נמדוד כמה גדל.\n")
        main = library.add_post(Post(title="יום הנטיעות בבית הספר", lead="שישה עצים חדשים בחצר", body=body,
                                     tags=["קהילה", "חינוך"]))
        library.set_status(main.id, Status.PUBLISHED)
        export_posts(library, folder / "out", image_cache=CopyCache(folder / "cache"))
        return folder / "out" / load_site_settings(library).post_path(library.get_post(main.id))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="make the site in this folder (kept) instead of a temporary one")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "photos.png")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = args.keep or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        page = build(folder)
        subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                        "--no-first-run", f"--user-data-dir={folder / 'profile'}", f"--screenshot={args.out}",
                        "--window-size=1200,2000", page.as_uri()], check=True, capture_output=True, timeout=120)
    print(f"wrote {args.out} from {page}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
