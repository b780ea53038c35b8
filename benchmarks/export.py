"""Export of 1,000 (and 5,000) posts with `ktav export --all`, beside Hugo and Pelican builds of the same posts.

Every tool runs as a user runs it (a fresh process each), in alternating runs (--repeat: best and median):
  - a first `--all` of 1,000 posts (a library without any cache, an empty folder) vs Hugo and Pelican;
  - the same at 5,000 posts vs Pelican (--large 0 skips it);
  - an export after one post changed (a title, then a body, in turn: the folder and the library's caches
    from the export before) vs Hugo's full build.
Posts are made deterministically from the sample corpus. Pelican (the `bench` extra: pip install -e
".[bench]") is asked for one page per post, an index of all posts and an Atom feed (its tag, category,
author and archive pages are switched off); Hugo (Debian `hugo`) for the same, with three related posts
on each page by tags and date, threshold 0. Ktav runs with its default processes (one per core).
All run with their bytecode cached, as an installed program runs (pip compiles Pelican's; Ktav's goes
to a temporary PYTHONPYCACHEPREFIX, even where PYTHONDONTWRITEBYTECODE is set): one untimed run each first.
The photo case (--photo-posts posts, 3 photos of 4000×3000 each with a phone's EXIF; benchmarks/phone_photos.py)
times a first export (no web copies in the cache, an empty folder) and a second one (the same folder, the
copies cached): the second should cost almost nothing for the pictures. --photos-only runs it alone.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from phone_photos import photo_case

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
    """Where one in-process, single-process first export spends its time (the parts export_posts runs,
    one by one, on a copy of the library without caches): seconds of CPU each."""
    import gc

    from editor.core.export import caches
    from editor.core.export import run as batch
    from editor.core.related import analyzer, snapshot, stored
    from editor.core.render.pipeline import render_or_error
    from editor.core.spelling import open_spell_checker

    times: dict[str, float] = {}

    def timed(name: str, work: Callable):
        start = time.process_time()
        result = work()
        times[name] = time.process_time() - start
        return result

    copy = out.parent / "phases.sqlite"
    shutil.copy(library_path, copy)
    gc.disable()  # as the command line runs
    try:
        with Library.open(copy) as library:
            spelling = timed("load the spelling dictionaries", lambda: open_spell_checker(library=library))
            job = batch._Job(library, None, spelling)
            posts = timed("read the posts", lambda: job.select(None))
            analyses = timed("related: analyze the posts", lambda: {p.id: analyzer.analyze(p) for p in posts})
            index = timed("related: build the index", lambda: stored.related_index(library, job.posts, analyses))
            timed("related: keep the index (snapshot)", lambda: snapshot.store(library, index))
            job.__dict__["related_index"] = index
            timed("related: choose every post's three", lambda: job.choose_related(posts))
            rendered = timed("render the Markdown", lambda: {p.id: render_or_error(p.body) for p in posts})
            job.spelling.read(posts)
            texts = [text for found in job.spelling.unanswered(posts).values() for text in found]
            answers = timed(f"spell-check the texts ({len(texts)} distinct)", lambda: {
                text: [[m.word, m.line, m.count] for m in spelling.misspellings(text)] for text in texts})
            job.spelling.learn(answers)
            job.keep_checks(posts)
            timed("pre-publish check", lambda: [job.check(post, rendered[post.id]) for post in posts])
            timed("keep renders, answers and checks", lambda: (
                caches.store_renders(library, list(rendered.values())), job.spelling.keep(), job.kept_checks.store()))
            files = timed("pages, index and feed (templates)", lambda: {
                **batch._render_files(job, posts, rendered, fragment=False),
                **batch._listing_files(job, posts, rendered, list(batch.LISTING))})
            timed("atomic writes (synced to disk)", lambda: batch.write_files(out, files))
    finally:
        gc.enable()
    return times


HUGO_CONFIG = """
baseURL = "/"
languageCode = "he"
title = "Blog"
disableKinds = ["taxonomy", "term", "sitemap", "robotsTXT", "404"]
[outputs]
home = ["HTML", "RSS"]
page = ["HTML"]
[services.rss]
limit = 50
[permalinks]
posts = "/:slug/"
[related]
threshold = 0
includeNewer = true
toLower = false
[[related.indices]]
name = "tags"
weight = 100
[[related.indices]]
name = "date"
weight = 10
"""

HUGO_SINGLE = """<!DOCTYPE html>
<html lang="he" dir="rtl"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><article><h1>{{ .Title }}</h1><time>{{ .Date.Format "02.01.2006" }}</time><p>{{ .Summary }}</p>
{{ .Content }}</article>
<aside><h2>אולי יעניין אותך גם</h2><ul>
{{ range first 3 (.Site.RegularPages.Related .) }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
<time>{{ .Date.Format "02.01.2006" }}</time> {{ .Params.lead }}</li>{{ end }}
</ul></aside></body></html>
"""

HUGO_INDEX = """<!DOCTYPE html>
<html lang="he" dir="rtl"><head><meta charset="utf-8"><title>{{ .Site.Title }}</title></head><body><ul>
{{ range .Site.RegularPages.ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
<time>{{ .Date.Format "02.01.2006" }}</time> {{ .Params.lead }}</li>{{ end }}
</ul></body></html>
"""


def write_hugo_site(folder: Path, posts: list[Post]) -> None:
    content = folder / "content" / "posts"
    content.mkdir(parents=True)
    (folder / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    layouts = folder / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (layouts / "single.html").write_text(HUGO_SINGLE, encoding="utf-8")
    (folder / "layouts" / "index.html").write_text(HUGO_INDEX, encoding="utf-8")
    for post in posts:
        tags = ", ".join(json.dumps(tag, ensure_ascii=False) for tag in post.tags)
        header = (f"---\ntitle: {json.dumps(post.title, ensure_ascii=False)}\ndate: {post.date.isoformat()}\n"
                  f"slug: {post.slug}\ntags: [{tags}]\nlead: {json.dumps(post.lead, ensure_ascii=False)}\n---\n\n")
        (content / f"{post.slug}.md").write_text(header + post.body, encoding="utf-8")


_SET_ASIDE = itertools.count()


def set_aside(output: Path) -> None:
    """Move a run's output out of the next run's way (the temporary folder goes at the end) rather than
    delete it: on a file system without a journal, like this machine's ext4, Linux passes over every inode
    deleted in the last minute (six, while its block is unwritten) when it allocates one, a lookup each, so
    a build started just after thousands of files were deleted paid a cost that grew with them (perf: a
    quarter of a first export's CPU in `recently_deleted`), whichever tool had deleted them."""
    if output.exists():
        aside = output.parent / ".set-aside"
        aside.mkdir(exist_ok=True)
        output.rename(aside / f"{output.name}-{next(_SET_ASIDE)}")


def bytecode_env(pycache: Path) -> dict[str, str]:
    """The environment with Python's bytecode written and read under `pycache`."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


class Tool:
    """One command timed as a user runs it; `prepare` (untimed) puts its inputs back before each run."""

    def __init__(self, name: str, command: list[str], cwd: Path, prepare: Callable[[], None], pages: Callable[[], int]):
        self.name, self.command, self.cwd, self.prepare, self.pages = name, command, cwd, prepare, pages
        self.walls: list[float] = []
        self.cpus: list[float] = []
        self.kinds: list[str] = []  # what each run did, where the runs differ (the untimed one first)

    def run(self, env: dict[str, str], *, timed: bool = True) -> None:
        self.prepare()
        os.sync()  # the preparation's own disk work done now, not during the timed run
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        result = subprocess.run(self.command, cwd=self.cwd, capture_output=True, text=True, env=env)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if result.returncode != 0:
            raise SystemExit(f"{self.name} failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
        if timed:
            self.walls.append(wall)
            self.cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)

    def summary(self, posts: int) -> str:
        return (f"{self.name:<34} {posts:>5} posts, {self.pages():>5} pages: best {min(self.walls):6.2f} s, median "
                f"{statistics.median(self.walls):6.2f} s wall ({1000 * min(self.walls) / posts:5.2f} ms/post); "
                f"CPU best {min(self.cpus):6.2f} s")


def alternate(tools: list[Tool], repeat: int, env: dict[str, str]) -> None:
    for tool in tools:
        tool.run(env, timed=False)  # writes the bytecode, warms the disk cache
    for _ in range(repeat):
        for tool in tools:
            tool.run(env)


def ratio(line: str, ours: Tool, peer: Tool, goal: float) -> str:
    best = min(ours.walls) / min(peer.walls)
    median = statistics.median(ours.walls) / statistics.median(peer.walls)
    return (f"  {line:<46} best {best:5.2f}, median {median:5.2f} (CPU {min(ours.cpus) / min(peer.cpus):5.2f}); "
            f"goal ≤ {goal}: {'met' if median <= goal else 'NOT met'}")


def count_pages(folder: Path) -> Callable[[], int]:
    return lambda: len([p for p in folder.glob("*/index.html")])


HEBREW_LETTERS = "אבגדהוזחטיכלמנסעפצקרשת"


def unasked_sentence(turn: int) -> str:
    """A sentence of words no earlier turn wrote (so the spell check must ask the Hebrew dictionary), as
    a writer adds a paragraph of new words to a post."""
    words = ["".join(HEBREW_LETTERS[(turn * 7 + word * 3 + i * i) % 22] for i in range(4 + word % 3)) + HEBREW_LETTERS[turn % 22]
             for word in range(6)]
    return f"הוספנו היום פסקה על {' '.join(words)}, ועל מה שלמדנו מהם."


def ktav_tools(folder: Path, count: int, env_jobs: int) -> tuple[Tool, Tool, Tool]:
    """Ktav's first export (no caches, an empty folder), its export after one post changed (its title,
    or a paragraph of words written before), and after a paragraph of words never asked was added."""
    pristine, library, first_out, again_out = (folder / "pristine.sqlite", folder / "lib.sqlite",
                                               folder / "ktav-first", folder / "ktav-again")
    # The first export's library is a copy of its own, made again before each run: were it the library the
    # exports after one change follow, each first export would undo their edits and leave the folder they
    # export into made by another history (every page read back to be checked, the last turn's pages redone).
    first_library = folder / "first.sqlite"
    build_library(pristine, generated_posts(count))
    command = [sys.executable, str(ROOT / "main.py"), "export", "--all", "--jobs", str(env_jobs)]

    def fresh_library(path: Path) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        shutil.copy(pristine, path)

    def first() -> None:
        fresh_library(first_library)
        set_aside(first_out)

    turn = {"n": 0}
    kinds: list[str] = []  # each run's edit

    def exported_once() -> None:
        if not (again_out / "index.html").exists():  # once: a full export that the next ones follow
            fresh_library(library)
            subprocess.run([*command, "--db", str(library), "--out", str(again_out)], capture_output=True, check=True)

    def one_changed() -> None:
        exported_once()
        turn["n"] += 1
        with Library.open(library) as opened:
            post = opened.get_post(1 + (37 * turn["n"]) % count)
            if turn["n"] % 2:
                opened.save_post(post.copy(title=f"{post.title} ({turn['n']})"))
            else:
                opened.save_post(post.copy(body=f"{post.body}\n\nפסקה {turn['n']} שנוספה.\n"))
        kinds.append("title" if turn["n"] % 2 else "body")

    def new_words() -> None:
        exported_once()
        turn["new"] = turn.get("new", 0) + 1  # apart from the other tool's turns, whose parity is their edit's kind
        with Library.open(library) as opened:
            post = opened.get_post(1 + (53 * turn["new"] + count // 2) % count)
            opened.save_post(post.copy(body=f"{post.body}\n\n{unasked_sentence(turn['new'])}\n"))

    following = [*command, "--db", str(library), "--out", str(again_out)]
    again = Tool("ktav export --all (one post changed)", following, folder, one_changed, count_pages(again_out))
    again.kinds = kinds
    new = Tool("ktav export --all (new words added)", following, folder, new_words, count_pages(again_out))
    return (Tool("ktav export --all (first)", [*command, "--db", str(first_library), "--out", str(first_out)], folder,
                 first, count_pages(first_out)), again, new)


def peer_tools(folder: Path, count: int) -> list[Tool]:
    posts = generated_posts(count)
    tools = []
    if shutil.which("hugo"):
        write_hugo_site(folder / "hugo", posts)
        output = folder / "hugo" / "public"
        tools.append(Tool("hugo (full build)", ["hugo", "--quiet", "-d", str(output)], folder / "hugo",
                          lambda: set_aside(output), count_pages(output)))
    else:
        print("hugo: not installed (apt-get install hugo); no comparison with it")
    if shutil.which("pelican"):
        write_pelican_site(folder / "pelican", posts)
        output = folder / "pelican" / "output"
        tools.append(Tool("pelican", ["pelican", "content", "-o", "output", "-s", "pelicanconf.py", "-q"],
                          folder / "pelican", lambda: set_aside(output), count_pages(output)))
    else:
        print("pelican: not installed (pip install -e '.[bench]'); no comparison with it")
    return tools


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--large", type=int, default=5000, help="the second size, against Pelican (0: skip)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--phases", action="store_true", help="also print where one in-process export spends its time")
    parser.add_argument("--photo-posts", type=int, default=200, help="posts of the photo case (0: none)")
    parser.add_argument("--photos-only", action="store_true", help="only the photo case")
    args = parser.parse_args()

    from editor.core.forked import default_workers

    jobs = default_workers()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        env = bytecode_env(folder / "pycache")
        if args.photo_posts:
            photo_case(folder, generated_posts(args.photo_posts), 3, env)
        if args.photos_only:
            return 0
        (folder / "small").mkdir()
        first, again, new_words = ktav_tools(folder / "small", args.posts, jobs)
        peers = {tool.name.split()[0]: tool for tool in peer_tools(folder / "small", args.posts)}
        alternate([first, again, new_words, *peers.values()], args.repeat, env)
        print(f"--jobs {jobs}; wall clock of alternating runs, {args.repeat} each after one untimed")
        for tool in (first, again, new_words, *peers.values()):
            print(tool.summary(args.posts))
        if "hugo" in peers:
            print(ratio(f"first --all of {args.posts:,} / Hugo", first, peers["hugo"], 2.5))
        if "pelican" in peers:
            print(ratio(f"first --all of {args.posts:,} / Pelican", first, peers["pelican"], 0.6))
        if "hugo" in peers:
            print(ratio("one post changed / Hugo's full build", again, peers["hugo"], 0.5))
            print(ratio("  (not a goal) new words added / Hugo", new_words, peers["hugo"], 0.5))
        timed_kinds = again.kinds[1:]  # the first run is untimed
        print("  one post changed, by edit: " + ", ".join(
            f"{kind} {statistics.median(w for w, k in zip(again.walls, timed_kinds) if k == kind):.2f} s"
            for kind in ("title", "body") if kind in timed_kinds))
        if args.large and "pelican" in peers:
            (folder / "large").mkdir()
            big_first, _, _ = ktav_tools(folder / "large", args.large, jobs)
            big_peer = peer_tools_pelican(folder / "large", args.large)
            alternate([big_first, big_peer], args.repeat, env)
            print(big_first.summary(args.large))
            print(big_peer.summary(args.large))
            print(ratio(f"first --all of {args.large:,} / Pelican", big_first, big_peer, 0.6))
        print("  (Pelican chooses no related posts; neither peer syncs anything to disk; Ktav does both)")
        if args.phases:
            timed = phases(folder / "small" / "pristine.sqlite", folder / "phases-out")
            print("one in-process run of the first export, phase by phase (one process, CPU):")
            for phase, seconds in timed.items():
                print(f"    {phase:<45} {seconds:6.2f} s")
            print(f"    {'all of them':<45} {sum(timed.values()):6.2f} s")
    return 0


def peer_tools_pelican(folder: Path, count: int) -> Tool:
    write_pelican_site(folder / "pelican", generated_posts(count))
    output = folder / "pelican" / "output"
    return Tool("pelican", ["pelican", "content", "-o", "output", "-s", "pelicanconf.py", "-q"], folder / "pelican",
                lambda: set_aside(output), count_pages(output))


if __name__ == "__main__":
    raise SystemExit(main())
