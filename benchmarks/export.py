"""Time to export 1,000 posts with `ktav export --all`, beside a Pelican build of the same posts.

Both run as a user runs them (a fresh Python process each, --repeat runs: best and median) on 1,000 posts
made deterministically from the sample corpus; Ktav with one process (--jobs 1) and with its default
(one process per core). Pelican is asked for the same job: one page per post, an
index of all posts and an Atom feed (its tag, category, author and archive pages are switched off).
Pelican comes with the `bench` extra: pip install -e ".[bench]".
Both run with their bytecode cached, as an installed program runs (pip compiles Pelican's; Ktav's goes
to a temporary PYTHONPYCACHEPREFIX, even where PYTHONDONTWRITEBYTECODE is set): one untimed run each first.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from editor.core.importing.readers import parse_front_matter_markdown
from editor.core.library.store import Library
from editor.core.models import Post, Status

SAMPLES = ROOT / "resources" / "samples"

PELICAN_SETTINGS = """
AUTHOR = "Ktav"
SITENAME = "Blog"
SITEURL = ""
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "he"
DEFAULT_PAGINATION = False
FEED_ALL_ATOM = "feed.xml"
FEED_ALL_RSS = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
TAG_SAVE_AS = TAGS_SAVE_AS = CATEGORY_SAVE_AS = CATEGORIES_SAVE_AS = AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = YEAR_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_SAVE_AS = DAY_ARCHIVE_SAVE_AS = ""
ARTICLE_URL = "{slug}/"
ARTICLE_SAVE_AS = "{slug}/index.html"
RELATIVE_URLS = True
"""


def generated_posts(count: int) -> list[Post]:
    """`count` posts cycling through the samples: numbered titles, dates a day apart, rotated paragraphs."""
    samples = []
    for path in sorted(SAMPLES.glob("*.md")):
        post = parse_front_matter_markdown(path.read_text(encoding="utf-8"), path.name)
        samples.append(post)
    posts = []
    for number in range(count):
        sample = samples[number % len(samples)]
        round_ = number // len(samples)
        paragraphs = sample.body.split("\n\n")
        shift = round_ % max(1, len(paragraphs))
        body = "\n\n".join(paragraphs[shift:] + paragraphs[:shift]) if round_ else sample.body
        posts.append(Post(
            title=f"{sample.title} ({round_ + 1})" if round_ else sample.title,
            lead=sample.lead, body=body, author=sample.author, tags=list(sample.tags),
            date=dt.date(2015, 1, 1) + dt.timedelta(days=number), status=Status.APPROVED,
            slug=f"post-{number + 1:04d}"))
    return posts


def build_library(path: Path, posts: list[Post]) -> None:
    with Library.open(path) as library, library.transaction():
        for post in posts:
            library.add_post(post)


def write_pelican_site(folder: Path, posts: list[Post]) -> None:
    content = folder / "content"
    content.mkdir(parents=True)
    (folder / "pelicanconf.py").write_text(PELICAN_SETTINGS, encoding="utf-8")
    for post in posts:
        header = (f"Title: {post.title}\nDate: {post.date.isoformat()}\nSlug: {post.slug}\n"
                  f"Category: blog\nAuthor: {post.author or 'Ktav'}\nTags: {', '.join(post.tags)}\nSummary: {post.lead}\n\n")
        (content / f"{post.slug}.md").write_text(header + post.body, encoding="utf-8")


def phases(library_path: Path, out: Path) -> dict[str, float]:
    """Where one in-process, single-process export spends its time (the parts export_posts runs, one by one)."""
    from editor.core.export import run as batch
    from editor.core.render.pipeline import render_markdown

    times = {}
    with Library.open(library_path, read_only=True) as library:
        start = time.perf_counter()
        job = batch._Job(library, None)
        posts = job.select(None)
        job.related_index  # noqa: B018 (built on first use)
        times["load posts + build related index"] = time.perf_counter() - start
        start = time.perf_counter()
        job.choose_related(posts)
        times["choose related posts (related engine)"] = time.perf_counter() - start
        start = time.perf_counter()
        rendered = {post.id: render_markdown(post.body) for post in posts}
        times["render Markdown (render pipeline)"] = time.perf_counter() - start
        start = time.perf_counter()
        for post in posts:
            job.check(post, rendered[post.id])
        times["pre-publish check"] = time.perf_counter() - start
        start = time.perf_counter()
        files = batch._render_files(job, posts, rendered, fragment=False, with_index=True)
        times["pages, index and feed (templates)"] = time.perf_counter() - start
        start = time.perf_counter()
        batch.write_files(out, files)
        times["atomic writes (synced to disk)"] = time.perf_counter() - start
    return times


def bytecode_env(pycache: Path) -> dict[str, str]:
    """The environment with Python's bytecode written and read under `pycache`."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


def timed_runs(command: list[str], cwd: Path, clean: Path, repeat: int, env: dict[str, str]) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds (the process and its workers) of `repeat` runs, after an untimed one.

    CPU time is the steadier figure on a busy machine; wall time is what a user waits.
    """
    subprocess.run(command, cwd=cwd, capture_output=True, env=env)  # writes the bytecode
    walls, cpus = [], []
    for _ in range(repeat):
        shutil.rmtree(clean, ignore_errors=True)
        os.sync()  # the removal's own disk work done now, not during the next timed run
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if result.returncode != 0:
            raise SystemExit(f"{command[0:3]} failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return walls, cpus


def summary(name: str, posts: int, pages: int, walls: list[float], cpus: list[float]) -> str:
    return (f"{name:<22} {posts} posts -> {pages} pages + index + feed: best {min(walls):.2f} s, "
            f"median {statistics.median(walls):.2f} s wall ({1000 * min(walls) / posts:.2f} ms/post); "
            f"CPU best {min(cpus):.2f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from editor.core.export.parallel import default_workers

    posts = generated_posts(args.posts)
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        build_library(folder / "lib.sqlite", posts)
        ktav = [sys.executable, str(ROOT / "main.py"), "export", "--db", str(folder / "lib.sqlite"),
                "--out", str(folder / "ktav-out"), "--all"]
        env = bytecode_env(folder / "pycache")
        runs = {}
        for jobs in dict.fromkeys((1, default_workers())):
            runs[jobs] = timed_runs([*ktav, "--jobs", str(jobs)], folder, folder / "ktav-out", args.repeat, env)
            pages = len(list((folder / "ktav-out").glob("*/index.html")))
            print(summary(f"ktav export --jobs {jobs}:", args.posts, pages, *runs[jobs]))

        timed = phases(folder / "lib.sqlite", folder / "phases-out")
        print("  one in-process run, phase by phase (one process):")
        for phase, seconds in timed.items():
            print(f"    {phase:<45} {seconds:6.2f} s")

        if shutil.which("pelican") is None:
            print("pelican: not installed (pip install -e '.[bench]'); no comparison")
            return 0
        write_pelican_site(folder / "pelican", posts)
        pelican = ["pelican", "content", "-o", "output", "-s", "pelicanconf.py", "-q"]
        pelican_walls, pelican_cpus = timed_runs(pelican, folder / "pelican", folder / "pelican" / "output", args.repeat, env)
        pelican_pages = len(list((folder / "pelican" / "output").glob("*/index.html")))
        print(summary("pelican build:", args.posts, pelican_pages, pelican_walls, pelican_cpus))
        for jobs, (walls, cpus) in runs.items():
            print(f"ratio ktav --jobs {jobs} / pelican: best {min(walls) / min(pelican_walls):.2f}, "
                  f"median {statistics.median(walls) / statistics.median(pelican_walls):.2f} wall clock; "
                  f"CPU {min(cpus) / min(pelican_cpus):.2f} (below 1: Ktav is faster)")
        print("  (Pelican chooses no related posts and syncs nothing to disk; Ktav does both)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
