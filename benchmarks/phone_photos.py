"""Phone-size photos for the benchmarks, made with Pillow: 4000×3000 JPEGs with a phone's EXIF.

Each has its own pixels (a smooth scene and a sensor's grain, shifted by its number), an EXIF
orientation (upright, turned either way or upside down, as phones write them), GPS tags, a maker and
a date: what a foundation's field photos look like when they reach Ktav, about 2.5 MB each.
"""

from __future__ import annotations

import io
import random
import resource
import subprocess
import sys
import time
from functools import cache
from multiprocessing import Pool
from pathlib import Path

from PIL import Image, ImageChops

from editor.core.library.store import Library
from editor.core.models import Post

ROOT = Path(__file__).resolve().parents[1]

SIZE = (4000, 3000)
ORIENTATIONS = (1, 6, 8, 3)


@cache
def _grain() -> Image.Image:
    return Image.effect_noise(SIZE, 24).convert("RGB")


def phone_photo(number: int) -> bytes:
    chooser = random.Random(number)
    scene = Image.frombytes("RGB", (160, 120), bytes(chooser.randrange(256) for _ in range(160 * 120 * 3)))
    grain = ImageChops.offset(_grain(), number * 37 % SIZE[0], number * 53 % SIZE[1])
    photo = Image.blend(scene.resize(SIZE, Image.Resampling.BICUBIC), grain, 0.15)
    exif = Image.Exif()
    exif[0x0112] = ORIENTATIONS[number % len(ORIENTATIONS)]
    exif[0x010F], exif[0x0110] = "PhoneMaker", "Phone 12"
    exif[0x0132] = f"2024:03:{1 + number % 28:02d} 10:{number % 60:02d}:00"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (31.0, 15.0, float(number % 60)), "E", (34.0, 47.0, 30.2)
    out = io.BytesIO()
    photo.save(out, "JPEG", quality=88, exif=exif)
    return out.getvalue()


def build_photo_library(path: Path, posts: list[Post], per_post: int) -> int:
    """The posts with `per_post` phone photos each (described, one captioned); the bytes of the photos."""
    with Pool() as pool:
        photos = pool.imap(phone_photo, range(len(posts) * per_post), chunksize=4)
        total = 0
        with Library.open(path) as library, library.transaction():
            for post in posts:
                shown = []
                for number in range(per_post):
                    data = next(photos)
                    total += len(data)
                    image = library.add_image(data, filename=f"IMG_{len(shown):04d}.JPG")
                    caption = ' "יום הנטיעות בחצר"' if number == 0 else ""
                    shown.append(f"![תמונה {number + 1} מהשטח]({image.uri}{caption})")
                paragraphs = post.body.split("\n\n")
                post.body = "\n\n".join([paragraphs[0], shown[0], *paragraphs[1:], *shown[1:]])
                library.add_post(post)
    return total


def photo_case(folder: Path, posts: list[Post], per_post: int, env: dict[str, str]) -> None:
    """The photo case of benchmarks/export.py: the library made, then `ktav export --all` twice."""
    start = time.perf_counter()
    photo_bytes = build_photo_library(folder / "photos.sqlite", posts, per_post)
    print(f"photo case: {len(posts)} posts x {per_post} photos of 4000x3000 ({photo_bytes / 1e6:.0f} MB of JPEG), "
          f"made in {time.perf_counter() - start:.0f} s")
    env = {**env, "XDG_CACHE_HOME": str(folder / "photo-cache")}  # the web copies' cache: empty at first
    out = folder / "photo-out"
    command = [sys.executable, str(ROOT / "main.py"), "export", "--db", str(folder / "photos.sqlite"),
               "--out", str(out), "--all"]
    for run in ("first export", "second export"):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        result = subprocess.run(command, cwd=folder, capture_output=True, text=True, env=env)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if result.returncode != 0:
            raise SystemExit(f"photo export failed:\n{result.stderr[-2000:]}")
        summary_line = result.stdout.strip().splitlines()[-1]
        pictures = list(out.rglob("assets/*"))
        print(f"  {run:<14} {wall:6.2f} s wall, CPU {after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime:6.2f} s"
              f" ({summary_line.split(': ', 1)[1]}); {len(pictures)} picture files, "
              f"{sum(p.stat().st_size for p in pictures) / 1e6:.0f} MB")
