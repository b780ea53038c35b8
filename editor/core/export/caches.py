"""What an export keeps in the library so as not to make it again: rendered bodies, the spell check's
answers and a post's exported files, each by the hash of what it was made from (see
`library.cache_rows`, schema version 4)."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import sqlite3
import stat
import time
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from editor.core.errors import KtavError
from editor.core.export.atomic import FileDigest
from editor.core.library.cache_rows import digest, source_hash, write_rows
from editor.core.render.rendered import Heading, Rendered, RenderWarning

# Bump when the render's output changes for the same body without its code or a dependency changing.
RENDER_VERSION = 1
# Kept of the rendered bodies and exported files beyond the library's posts (older ones are dropped).
KEEP_EXTRA = 1000


@lru_cache(maxsize=1)
def render_version() -> str:
    """The render pipeline's version: ours, its code's, and that of each library that shapes its HTML
    (read without importing Markdown, Pygments' plugins or the pipeline: an export after one change
    may render nothing)."""
    import nh3
    import pygments

    import editor.core.render as render
    import editor.core.text as text

    versions = [str(RENDER_VERSION), source_hash(render, text), f"markdown {_markdown_version()}"]
    for package in (nh3, pygments):  # their own versions: importlib.metadata takes longer to import than this
        versions.append(f"{package.__name__} {getattr(package, '__version__', '?')}")
    return "; ".join(versions)


def _markdown_version() -> str:
    """Python-Markdown's version file as it is installed (importing the package takes ~20 ms)."""
    spec = importlib.util.find_spec("markdown")
    if spec is None or spec.origin is None:
        return "?"
    try:
        return digest((Path(spec.origin).parent / "__meta__.py").read_text(encoding="utf-8"))
    except OSError:
        import markdown

        return getattr(markdown, "__version__", "?")


# Keys asked in one IN (...) of a read (SQLite allows 32,766 parameters; fewer keep each read short).
KEYS_PER_READ = 500


def rows_by_key(library, select: str, keys: Iterable[str], before: tuple = ()) -> Iterator:
    """The rows of `select` (which ends in "<column> IN") for the given keys, a batch of keys a read;
    `before` are the parameters ahead of the keys."""
    keys = list(dict.fromkeys(keys))
    for start in range(0, len(keys), KEYS_PER_READ):
        chunk = keys[start:start + KEYS_PER_READ]
        yield from library._read(f"{select} ({', '.join('?' * len(chunk))})", (*before, *chunk))


def body_hash(body: str) -> str:
    return digest(body)


class BodyHashes(dict):
    """`body_hash` of each body asked, made once (an export asks it of each post several times)."""

    def __missing__(self, body: str) -> str:
        made = self[body] = body_hash(body)
        return made


def stored_renders(library, bodies: Iterable[str], hash_of=body_hash) -> dict[str, Rendered]:
    """The stored render (`render_markdown(body)`) of each body that has one, by body hash."""
    wanted = {hash_of(body): body for body in bodies}
    found: dict[str, Rendered] = {}
    for row in rows_by_key(library, "SELECT body_hash, html, parts FROM rendered_bodies WHERE pipeline = ? AND body_hash IN",
                           wanted, (render_version(),)):
        parts = json.loads(row["parts"])
        found[row["body_hash"]] = Rendered(
            row["html"], [Heading(*h) for h in parts["outline"]], [RenderWarning(*w) for w in parts["warnings"]],
            list(parts["image_refs"]), source=wanted[row["body_hash"]])
    return found


def store_renders(library, renders: Iterable[Rendered]) -> None:
    rows = [(body_hash(r.source), render_version(), r.html, json.dumps({
        "outline": [[h.level, h.text, h.id] for h in r.outline],
        "warnings": [[w.code, w.message, w.message_he, w.line] for w in r.warnings],
        "image_refs": list(r.image_refs)}, ensure_ascii=False)) for r in renders]
    write_rows(library, "INSERT OR REPLACE INTO rendered_bodies (body_hash, pipeline, html, parts) VALUES (?, ?, ?, ?)",
           rows)


# ---- exported files -----------------------------------------------------------------------------

# A file's times are kept only once they are this much older than the clock: a file changed within the
# same tick of its filesystem's clock as it was written would keep its times (git's "racy" entries).
# Times with a fraction of a second come from a filesystem whose clock ticks at most every 10 ms or so
# (the kernel's coarse clock; exFAT's 10 ms); whole seconds, from one that may count in 1 or 2 s (FAT, HFS+).
SETTLED_NS = 2_000_000_000
SETTLED_FINE_NS = 100_000_000


def files_kept(library) -> bool:
    """Whether the library keeps the files of any export (none before its first)."""
    return bool(library._read("SELECT 1 FROM exported_files LIMIT 1"))


def unchanged_files(library, out_dir: Path, inputs_hashes: dict[int, str]) -> dict[int, list[str]]:
    """The posts whose files, made from the same inputs, are in `out_dir` as they were written: their
    files' paths, by post id. A file with the size and the modification and change times it had once
    written is taken as it is; any other is read and its bytes checked (and its times kept then,
    once they are settled)."""
    found: dict[int, list[str]] = {}
    settled: list[tuple[str, str]] = []
    by_hash = {h: post_id for post_id, h in inputs_hashes.items()}
    rows = list(rows_by_key(library, "SELECT inputs_hash, files FROM exported_files WHERE inputs_hash IN", by_hash))
    folder = os.fspath(out_dir)
    # One parse for all the rows' JSON, and each file's path as a string: a thousand posts' Path objects and
    # parses were most of this (~35 ms), which an export after one change waits for.
    for row, files in zip(rows, json.loads(f"[{','.join(row['files'] for row in rows)}]")):
        checked = {path: _as_written(os.path.join(folder, path), *kept) for path, kept in files.items()}
        if all(entry is not None for entry in checked.values()):
            found[by_hash[row["inputs_hash"]]] = list(files)
            if checked != files:
                settled.append((json.dumps(checked, ensure_ascii=False), row["inputs_hash"]))
    write_rows(library, "UPDATE exported_files SET files = ? WHERE inputs_hash = ?", settled)
    return found


def _as_written(path: str, sha256: str, size: int, *written_times: int) -> list | None:
    """The file's entry (its hash and size, and its times once settled) when it holds the bytes written, else None."""
    try:
        seen = os.lstat(path)
        if stat.S_ISLNK(seen.st_mode) or seen.st_size != size:
            return None
        if written_times and list(written_times) == _times(seen):
            return [sha256, size, *written_times]
        with open(path, "rb") as stream:
            held = stream.read()
        if hashlib.sha256(held).hexdigest() != sha256:
            return None
        return [sha256, size, *_settled_times(seen)]
    except OSError:
        return None


def _times(seen: os.stat_result) -> list[int]:
    """A file's modification and change times: a file written again, touched or put back has others."""
    return [seen.st_mtime_ns, seen.st_ctime_ns]


def _settled_times(seen: os.stat_result) -> list[int]:
    times = _times(seen)
    fine = all(t % 1_000_000_000 for t in times)
    return times if time.time_ns() - max(times) > (SETTLED_FINE_NS if fine else SETTLED_NS) else []


def store_files(library, made: dict[str, dict[str, FileDigest]], keep: int, out_dir: Path | None = None) -> None:
    """Remember each post's files, given by their digests (`atomic.file_digest` of the bytes written), by
    its inputs hash (with their times in `out_dir`, where they were written, when settled: files just
    written are not); keep the newest `keep` + KEEP_EXTRA entries (and as many rendered bodies and
    spelling answers)."""
    def entry(path: str, written: FileDigest) -> list:
        kept: list = list(written)
        if out_dir is not None:
            try:
                kept += _settled_times(os.lstat(out_dir / path))
            except OSError:
                pass
        return kept

    rows = [(inputs_hash, json.dumps({path: entry(path, written) for path, written in files.items()}, ensure_ascii=False))
            for inputs_hash, files in made.items()]
    write_rows(library, "INSERT OR REPLACE INTO exported_files (inputs_hash, files) VALUES (?, ?)", rows)
    limit = keep + KEEP_EXTRA
    for table, per_post in (("exported_files", 1), ("rendered_bodies", 1), ("checked_spelling", 3),  # title, lead, body
                            ("checked_posts", 1)):
        _keep_newest(library, table, limit * per_post)


def _keep_newest(library, table: str, count: int) -> None:
    """Delete all but the `count` (at least one) newest rows of `table`, by rowid: the rows before the
    count-th newest (a walk of `count` rowids; nothing where the table holds fewer, as after a first
    export, where `rowid NOT IN (the newest count)` went over every row of it)."""
    write_rows(library, f"DELETE FROM {table} WHERE rowid < "
                        f"(SELECT rowid FROM {table} ORDER BY rowid DESC LIMIT 1 OFFSET ?)", [(max(1, count) - 1,)])


def _swept_key(out_dir: Path) -> str:
    return digest("swept of older temporaries", str(Path(out_dir).resolve()))


def swept(library, out_dir: Path) -> bool:
    """Whether an export from this library already cleared `out_dir` of Ktav's older temporaries (a
    row of `exported_files` by a key no post's inputs have; pruned with the others, the walk is made again)."""
    key = _swept_key(out_dir)
    return any(True for _ in rows_by_key(library, "SELECT inputs_hash FROM exported_files WHERE inputs_hash IN", [key]))


def mark_swept(library, out_dir: Path) -> None:
    write_rows(library, "INSERT OR REPLACE INTO exported_files (inputs_hash, files) VALUES (?, ?)",
               [(_swept_key(out_dir), "{}")])


# ---- the spell check of a text ------------------------------------------------------------------

def spelling_fingerprint(checker, dictionaries: str | None = None) -> str:
    """The hash of what a SpellChecker answers from: its dictionaries' files, the personal and the
    blog's words, and the spell check's code. `dictionaries`: its `dictionaries_fingerprint`, made already."""
    parts = [dictionaries or dictionaries_fingerprint(checker)]
    for words in (checker.personal, checker.blog):
        parts.append("\n".join(sorted(words.words)) if words is not None else "none")
    return digest(*parts)


def dictionaries_fingerprint(checker) -> str:
    """The hash of what a SpellChecker's dictionaries answer from: their files and the spell check's code
    (which makes the words it asks them). The word lists are not in it: a word a writer adds to one is
    known by the lists, whatever the dictionary answered."""
    import editor.core.spelling as spelling

    parts = [source_hash(spelling)]
    for dictionary in (checker.hebrew, checker.english):
        if dictionary is None:
            parts.append("none")
            continue
        parts += [dictionary.tag, dictionary.provider, str(dictionary.path)]
        if dictionary.path is not None:
            for path in sorted(Path(dictionary.path).parent.glob(Path(dictionary.path).stem + ".*")):
                stat = path.stat()
                parts.append(f"{path.name} {stat.st_size} {stat.st_mtime_ns}")
    return digest(*parts)


class StoredSpelling:
    """`SpellChecker.misspellings` answered from the library for texts checked before with the same
    dictionaries; `store` keeps the new answers."""

    def __init__(self, library, checker, texts: Iterable[str]) -> None:
        from editor.core.spelling.checker import Misspelling

        self._library, self._checker, self._made = library, checker, Misspelling
        self._dictionaries = dictionaries_fingerprint(checker)
        self._fingerprint = spelling_fingerprint(checker, self._dictionaries)
        self._keys: dict[str, str] = {}  # each text's key, made once (the texts of every post are asked twice)
        self._answers_read = False
        self._answers_kept = False  # the row of the dictionaries' answers was found, and not empty
        self._answers_taken = 0  # the dictionaries' answers the checker had once the kept ones were taken
        self._known: dict[str, list] = {}
        self._fresh: dict[str, list] = {}
        asked = (self._key(text) for text in texts)
        for row in rows_by_key(library, "SELECT inputs_hash, misspellings FROM checked_spelling WHERE inputs_hash IN", asked):
            self._known[row["inputs_hash"]] = json.loads(row["misspellings"])

    def _key(self, text: str) -> str:
        key = self._keys.get(text)
        if key is None:
            key = self._keys[text] = digest(self._fingerprint, text)
        return key

    def __call__(self, text: str) -> list:
        key = self._key(text)
        found = self._known.get(key)
        if found is None:
            self.take_kept_answers()
            answer = self._checker.misspellings(text)
            found = self._known[key] = self._fresh[key] = [[m.word, m.line, m.count] for m in answer]
        return [self._made(*entry) for entry in found]

    def would_wait(self, text: str) -> bool:
        """Whether answering this text would wait for the Hebrew dictionary, still loading (no answer kept
        for the text, and a word of it never asked)."""
        if self._key(text) in self._known:
            return False
        self.take_kept_answers()
        return self._checker.would_wait(text)

    def unanswered(self, texts: Iterable[str]) -> list[str]:
        """Those of the texts (each once) the library had no answer for."""
        return [text for text in dict.fromkeys(texts) if self._key(text) not in self._known]

    def learn(self, answers: dict[str, list[list]]) -> None:
        """Answers found elsewhere (an export's workers), as [word, line, count] lists by text."""
        for text, found in answers.items():
            key = self._key(text)
            self._known[key] = self._fresh[key] = found

    def store(self) -> None:
        rows = [(key, json.dumps(found, ensure_ascii=False)) for key, found in self._fresh.items()]
        answers = self._checker.dictionary_answers()
        if len(answers) > self._answers_taken:
            self.take_kept_answers()
            answers = self._checker.dictionary_answers()
            rows.append((self._answers_key(), json.dumps(answers, ensure_ascii=False, separators=(",", ":"))))
            self._answers_taken = len(answers)
        write_rows(self._library, "INSERT OR REPLACE INTO checked_spelling (inputs_hash, misspellings) VALUES (?, ?)",
                   rows)
        self._fresh = {}

    # The dictionaries' answers word by word, kept in one row beside the texts' (by the dictionaries' own
    # fingerprint: a word added to the personal or the blog's list changes every text's answer, not what
    # the dictionaries said): a text changed by a sentence asks the dictionary of that sentence's new
    # words only, and a text whose words were all asked before does not wait for the Hebrew dictionary.

    def _answers_key(self) -> str:
        return digest(self._dictionaries, "the dictionaries' answers, word by word")

    def take_kept_answers(self) -> bool:
        """The dictionaries' answers kept in the library given to the checker (once); whether there were any."""
        if self._answers_read:
            return self._answers_kept
        self._answers_read = True
        for row in rows_by_key(self._library, "SELECT misspellings FROM checked_spelling WHERE inputs_hash IN",
                               [self._answers_key()]):
            try:
                kept = json.loads(row["misspellings"])
            except ValueError:
                continue
            if isinstance(kept, dict):
                self._checker.take_answers(kept)
                self._answers_kept = bool(kept)
        self._answers_taken = len(self._checker.dictionary_answers())
        return self._answers_kept


# ---- the pre-publish check of a post ------------------------------------------------------------

class StoredChecks:
    """A post's findings kept by the hash of everything they were found from (`_Job.check_key`);
    `store` keeps the new ones."""

    def __init__(self, library) -> None:
        self._library = library
        self._known: dict[str, list] | None = None
        self._fresh: dict[str, list] = {}

    def read(self, keys: Iterable[str]) -> None:
        self._known = {}
        try:
            for row in rows_by_key(self._library, "SELECT inputs_hash, findings FROM checked_posts WHERE inputs_hash IN", keys):
                self._known[row["inputs_hash"]] = json.loads(row["findings"])
        except (KtavError, sqlite3.Error):
            pass  # not kept (a library from before the table, or closed meanwhile): the posts are checked

    def get(self, key: str) -> list | None:
        """The findings as [code, severity, message, message_he, line] lists, or None."""
        return None if self._known is None else self._known.get(key)

    def put(self, key: str, findings: list[list]) -> None:
        self._fresh[key] = findings
        if self._known is not None:
            self._known[key] = findings

    def store(self) -> None:
        write_rows(self._library, "INSERT OR REPLACE INTO checked_posts (inputs_hash, findings) VALUES (?, ?)",
                   [(key, json.dumps(found, ensure_ascii=False)) for key, found in self._fresh.items()])
        self._fresh = {}
