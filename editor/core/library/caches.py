"""What the library keeps so as not to make it again: each post's related analysis, rendered bodies,
the export's related suggestions and exported files, each keyed by what it was made from.

A cache row that no longer matches (another hash, another version of the code) is made again and
replaced. A cache never decides anything: a library that cannot be written (read-only) just makes
everything, and a failure to store is ignored, since nothing of the user's is in these tables.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import sqlite3
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from editor.core.errors import KtavError
from editor.core.models import Post
from editor.core.render.pipeline import Heading, Rendered, RenderWarning

if TYPE_CHECKING:
    from editor.core.related import analyzer

# Bump when the render's output changes for the same body without a dependency's version changing.
RENDER_VERSION = 1
# Kept of the rendered bodies and exported files beyond the library's posts (older ones are dropped).
KEEP_EXTRA = 1000


def digest(*parts: str) -> str:
    """One hash of several texts (separated, so that ("ab", "c") and ("a", "bc") differ)."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass")
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


def analyzed_text_hash(post: Post) -> str:
    """The hash of the fields the related analysis reads of a post."""
    return digest(post.title, post.lead, "\x1f".join(post.tags), post.body)


def source_hash(*modules) -> str:
    """The hash of the source files of the given packages or modules (a change of the code that
    makes a cached thing makes it again)."""
    texts: list[str] = []
    for module in modules:
        origin = Path(module.__file__)
        files = sorted(origin.parent.glob("*.py")) if origin.name == "__init__.py" else [origin]
        texts.extend(f"{path.name}\n{path.read_text(encoding='utf-8')}" for path in files)
    return digest(*texts)


def _write(library, sql: str, rows: list[tuple]) -> None:
    if not rows or library.read_only:
        return
    try:
        with library.transaction() as db:
            db.executemany(sql, rows)
    except (KtavError, sqlite3.Error):
        pass  # a cache that cannot be stored is made again next time


# ---- the related analysis -------------------------------------------------------------------------

def stored_analyses(library, posts: Iterable[Post]) -> Iterator[tuple[Post, analyzer.Analysis]]:
    """Each post with its analysis: the stored one while the post's text is the same, else made now
    (and stored once every post was given)."""
    import numpy as np

    from editor.core.related import analyzer

    try:
        rows = library._read("SELECT post_id, content_hash, forms, counts, surfaces FROM related_analysis "
                             "WHERE version = ?", (analyzer.ANALYSIS_VERSION,))
    except (KtavError, sqlite3.Error):  # e.g. closed meanwhile: the posts are analyzed instead
        rows = []
    stored = {row["post_id"]: row for row in rows}
    del rows
    fresh: list[tuple] = []
    for post in posts:
        text_hash = analyzed_text_hash(post)
        row = stored.pop(post.id, None)
        if row is not None and row["content_hash"] == text_hash:
            forms = row["forms"]
            counts = np.frombuffer(row["counts"], dtype=np.float64)
            yield post, analyzer.Analysis(tuple(forms.split("\n")) if forms else (), tuple(counts.tolist()),
                                          json.loads(row["surfaces"]))
            continue
        analysis = analyzer.analyze(post)
        fresh.append((post.id, text_hash, analyzer.ANALYSIS_VERSION, "\n".join(analysis.forms),
                      np.asarray(analysis.counts, dtype=np.float64).tobytes(),
                      json.dumps(analysis.surfaces, ensure_ascii=False)))
        yield post, analysis
    _write(library, "INSERT OR REPLACE INTO related_analysis (post_id, content_hash, version, forms, counts, "
                    "surfaces) VALUES (?, ?, ?, ?, ?, ?)", fresh)


def related_index(library, posts: Iterable[Post] | None = None):
    """A related index of the given posts (default: every post not in the trash) from their stored
    analyses: only the posts changed since they were last indexed are analyzed again."""
    from editor.core.related.index import RelatedIndex

    index = RelatedIndex()
    index.add_analyzed(stored_analyses(library, library.all_posts() if posts is None else posts))
    return index


# ---- rendered bodies ----------------------------------------------------------------------------

@lru_cache(maxsize=1)
def render_version() -> str:
    """The render pipeline's version: ours, its code's, and that of each library that shapes its HTML."""
    import editor.core.render as render
    import editor.core.text as text

    versions = [str(RENDER_VERSION), source_hash(render, text)]
    for package in ("Markdown", "nh3", "Pygments"):
        try:
            versions.append(f"{package} {importlib.metadata.version(package)}")
        except importlib.metadata.PackageNotFoundError:
            versions.append(f"{package} ?")
    return "; ".join(versions)


def body_hash(body: str) -> str:
    return digest(body)


def stored_renders(library, bodies: Iterable[str]) -> dict[str, Rendered]:
    """The stored render (`render_markdown(body)`) of each body that has one, by body hash."""
    wanted = {body_hash(body): body for body in bodies}
    found: dict[str, Rendered] = {}
    keys = list(wanted)
    for start in range(0, len(keys), 500):
        chunk = keys[start:start + 500]
        rows = library._read(f"SELECT body_hash, html, parts FROM rendered_bodies WHERE pipeline = ? AND body_hash IN "
                             f"({', '.join('?' * len(chunk))})", (render_version(), *chunk))
        for row in rows:
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
    _write(library, "INSERT OR REPLACE INTO rendered_bodies (body_hash, pipeline, html, parts) VALUES (?, ?, ?, ?)",
           rows)


# ---- related suggestions ------------------------------------------------------------------------

def kept_suggestions(library, evidence, inputs: dict[int, str], pools_now) -> dict[int, list[int]]:
    """The kept suggestions that still hold (`related.evidence`): made with the same inputs (choices,
    count, code, number of posts), and nothing they depend on changed since; `pools_now(ids)` gives
    those posts' candidates now."""
    import numpy as np

    from editor.core.related.evidence import Row

    try:
        rows = library._read("SELECT post_id, row_digest, terms, weights, inputs_hash, related_ids, pool "
                             "FROM related_suggestions")
    except (KtavError, sqlite3.Error):
        return {}
    before = {row["post_id"]: Row(row["row_digest"], np.frombuffer(row["terms"], dtype=np.int64),
                                  np.frombuffer(row["weights"], dtype=np.float32)) for row in rows}
    kept = {row["post_id"]: (json.loads(row["related_ids"]), json.loads(row["pool"])) for row in rows
            if row["inputs_hash"] and inputs.get(row["post_id"]) == row["inputs_hash"]}
    evidence.before = before
    if not kept:
        return {}
    pools = pools_now(set(kept))
    holding = evidence.still_hold({post_id: pool for post_id, (_, pool) in kept.items()}, pools, before)
    return {post_id: kept[post_id][0] for post_id in holding}


def keep_suggestions(library, evidence, inputs: dict[int, str], found: dict[int, list[int]],
                     pools: dict[int, list[int]]) -> None:
    """Keep the rows that changed and the suggestions just ranked (with their candidates)."""
    before = getattr(evidence, "before", {})
    rows = []
    for post_id, row in evidence.rows.items():
        ranked = post_id in found and post_id in pools and post_id in inputs
        old = before.get(post_id)
        if not ranked and old is not None and old.digest == row.digest:
            continue
        rows.append((post_id, row.digest, row.terms.tobytes(), row.weights.tobytes(),
                     inputs[post_id] if ranked else "", json.dumps(found[post_id] if ranked else []),
                     json.dumps(pools[post_id] if ranked else [])))
    _write(library, "INSERT OR REPLACE INTO related_suggestions (post_id, row_digest, terms, weights, inputs_hash, "
                    "related_ids, pool) VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    gone = [(post_id,) for post_id in before if post_id not in evidence.rows]
    _write(library, "DELETE FROM related_suggestions WHERE post_id = ?", gone)


# ---- exported files -----------------------------------------------------------------------------

def unchanged_files(library, out_dir: Path, inputs_hashes: dict[int, str]) -> dict[int, list[str]]:
    """The posts whose files, made from the same inputs, are in `out_dir` as they were written
    (every byte checked): their files' paths, by post id."""
    found: dict[int, list[str]] = {}
    by_hash = {h: post_id for post_id, h in inputs_hashes.items()}
    keys = list(by_hash)
    for start in range(0, len(keys), 500):
        chunk = keys[start:start + 500]
        rows = library._read(f"SELECT inputs_hash, files FROM exported_files WHERE inputs_hash IN "
                             f"({', '.join('?' * len(chunk))})", chunk)
        for row in rows:
            files = json.loads(row["files"])
            if all(_is_as_written(out_dir / path, sha, size) for path, (sha, size) in files.items()):
                found[by_hash[row["inputs_hash"]]] = list(files)
    return found


def _is_as_written(path: Path, sha256: str, size: int) -> bool:
    try:
        if path.is_symlink() or path.stat().st_size != size:
            return False
        return hashlib.sha256(path.read_bytes()).hexdigest() == sha256
    except OSError:
        return False


def store_files(library, made: dict[str, dict[str, bytes]], keep: int) -> None:
    """Remember each post's files by its inputs hash; keep the newest `keep` + KEEP_EXTRA entries
    (and as many rendered bodies and spelling answers)."""
    rows = [(inputs_hash, json.dumps({path: [hashlib.sha256(data).hexdigest(), len(data)]
                                      for path, data in files.items()}, ensure_ascii=False))
            for inputs_hash, files in made.items()]
    _write(library, "INSERT OR REPLACE INTO exported_files (inputs_hash, files) VALUES (?, ?)", rows)
    limit = keep + KEEP_EXTRA
    _write(library, "DELETE FROM exported_files WHERE rowid NOT IN "
                    "(SELECT rowid FROM exported_files ORDER BY rowid DESC LIMIT ?)", [(limit,)])
    for table, per_post in (("rendered_bodies", 1), ("checked_spelling", 3)):  # title, lead and body
        _write(library, f"DELETE FROM {table} WHERE rowid NOT IN "
                        f"(SELECT rowid FROM {table} ORDER BY rowid DESC LIMIT ?)", [(limit * per_post,)])


# ---- the spell check of a text ------------------------------------------------------------------

def spelling_fingerprint(checker) -> str:
    """The hash of what a SpellChecker answers from: its dictionaries' files, the personal and the
    blog's words, and the spell check's code."""
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
    for words in (checker.personal, checker.blog):
        parts.append("\n".join(sorted(words.words)) if words is not None else "none")
    return digest(*parts)


class StoredSpelling:
    """`SpellChecker.misspellings` answered from the library for texts checked before with the same
    dictionaries; `store` keeps the new answers."""

    def __init__(self, library, checker, texts: Iterable[str]) -> None:
        from editor.core.spelling.checker import Misspelling

        self._library, self._checker, self._made = library, checker, Misspelling
        self._fingerprint = spelling_fingerprint(checker)
        self._known: dict[str, list] = {}
        self._fresh: dict[str, list] = {}
        keys = list({self._key(text) for text in texts})
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            for row in library._read(f"SELECT inputs_hash, misspellings FROM checked_spelling WHERE inputs_hash IN "
                                     f"({', '.join('?' * len(chunk))})", chunk):
                self._known[row["inputs_hash"]] = json.loads(row["misspellings"])

    def _key(self, text: str) -> str:
        return digest(self._fingerprint, text)

    def __call__(self, text: str) -> list:
        key = self._key(text)
        found = self._known.get(key)
        if found is None:
            answer = self._checker.misspellings(text)
            found = self._known[key] = self._fresh[key] = [[m.word, m.line, m.count] for m in answer]
        return [self._made(*entry) for entry in found]

    def store(self) -> None:
        _write(self._library, "INSERT OR REPLACE INTO checked_spelling (inputs_hash, misspellings) VALUES (?, ?)",
               [(key, json.dumps(found, ensure_ascii=False)) for key, found in self._fresh.items()])
        self._fresh = {}
