"""Mutated bundles: a wrong field, a cut or garbled member, deep JSON, a huge declared size, bytes flipped.

Whatever arrives, importing it either succeeds or refuses with a KtavError (never a traceback),
and a refusal leaves the library as it was.
"""

import datetime as dt
import functools
import hashlib
import io
import json
import struct
import zipfile

import pytest
from bundle_helpers import library_state, post_with_history
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.errors import KtavError
from editor.core.library.store import Library
from editor.core.models import Post
from editor.core.review import workflow as review
from editor.core.review.bundle import import_bundle, write_bundle

SPECIAL_TEXT = ["", "\ud800", "<script>alert(1)</script>", 'רש"י', "2019-13-45", "2026-11-27T03:16:12Z",
                "draft", "published", "in_review", "images/" + "0" * 64, "a" * 70, "../../etc/passwd"]
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12) | st.sampled_from(SPECIAL_TEXT),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


class World:
    """A real bundle's members, a library to import into, the file to write each mutation to."""

    def __init__(self, members, library, path):
        self.members, self.library, self.path = members, library, path

    def __repr__(self) -> str:
        return "World()"


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """A real bundle's members, and a library to import mutations of it into."""
    folder = tmp_path_factory.mktemp("fuzz")
    with Library.open(folder / "writer.sqlite") as writer:
        post = post_with_history(writer)
        path = write_bundle(writer, post.id, folder / "valid.ktav")
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    library = Library.open(folder / "target.sqlite")
    library.add_post(Post(title="פוסט שכבר בספרייה", body="טקסט", date=dt.date(2020, 1, 2)))
    yield World(members, library, folder / "mutated.ktav")
    library.close()


def paths_in(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from paths_in(inner, (*prefix, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from paths_in(inner, (*prefix, index))


def replaced(value, path, new, *, delete=False):
    if not path:
        return new
    head, rest = path[0], path[1:]
    copy = dict(value) if isinstance(value, dict) else list(value)
    if delete and not rest:
        del copy[head]
    else:
        copy[head] = replaced(value[head], rest, new, delete=delete)
    return copy


def zipped(members: dict[str, bytes], *, checksums_from: dict[str, bytes] | None = None,
           keep_manifest: bool = False) -> bytes:
    """A bundle of these members, the manifest's checksums made to match `checksums_from` (default:
    the members), unless `keep_manifest` (the manifest is the member that was changed)."""
    if not keep_manifest:
        source = checksums_from if checksums_from is not None else members
        manifest = json.loads(members["manifest.json"])
        manifest["members"] = {n: hashlib.sha256(d).hexdigest() for n, d in source.items() if n != "manifest.json"}
        members = members | {"manifest.json": json.dumps(manifest).encode()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@st.composite
def mutated_bundles(draw, members: dict[str, bytes]) -> bytes:
    kind = draw(st.sampled_from(["field", "delete", "nest", "cut", "garble", "declared", "flip"]))
    name = draw(st.sampled_from(sorted(members)))
    zipped_ = functools.partial(zipped, keep_manifest=name == "manifest.json")
    if kind in ("field", "delete", "nest"):
        value = json.loads(members[name]) if not name.startswith("images/") else None
        if value is None:
            return zipped_(members | {name: draw(st.binary(max_size=64))})
        path = draw(st.sampled_from(list(paths_in(value))))
        if kind == "delete" and path:
            value = replaced(value, path, None, delete=True)
        elif kind == "nest":
            depth = draw(st.integers(1, 20_000))
            value = replaced(value, path, json.loads("[" * depth + "]" * depth) if depth < 500 else None)
            data = json.dumps(value).encode()
            if depth >= 500:  # deeper than Python's json could even write
                data = data.replace(b"null", b"[" * depth + b"]" * depth, 1)
            return zipped_(members | {name: data})
        else:
            value = replaced(value, path, draw(json_values))
        text = json.dumps(value, ensure_ascii=draw(st.booleans()))
        return zipped_(members | {name: text.encode("utf-8", "surrogatepass")})  # a lone surrogate: bad UTF-8
    if kind == "cut":
        data = members[name]
        cut = members | {name: data[: draw(st.integers(0, max(len(data) - 1, 0)))]}
        return zipped_(cut, checksums_from=cut if draw(st.booleans()) else members)
    if kind == "garble":
        data = bytearray(members[name])
        for _ in range(draw(st.integers(1, 8))):
            if data:
                data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
        garbled = members | {name: bytes(data)}
        return zipped_(garbled, checksums_from=garbled if draw(st.booleans()) else members)
    blob = bytearray(zipped(members))
    if kind == "declared":  # a member's sizes in the zip's headers, as large as the format allows
        size = draw(st.sampled_from([0, 1, 2**20, 900 * 2**20, 2**32 - 1]))
        for signature, offset in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
            start = blob.find(signature, draw(st.integers(0, len(blob) - 1)))
            if start >= 0:
                blob[start + offset:start + offset + 4] = struct.pack("<I", size)
        return bytes(blob)
    for _ in range(draw(st.integers(1, 16))):  # raw bytes of the zip flipped anywhere
        blob[draw(st.integers(0, len(blob) - 1))] ^= draw(st.integers(1, 255))
    return bytes(blob)


@settings(deadline=dt.timedelta(seconds=10),
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_mutated_bundle_is_imported_or_refused_and_a_refusal_changes_nothing(world, data):
    members, library, path = world.members, world.library, world.path
    path.write_bytes(data.draw(mutated_bundles(members)))
    before = library_state(library, with_version=False)
    try:
        result = import_bundle(library, path)
    except KtavError as error:
        assert error.message and error.message_he
        assert library_state(library, with_version=False) == before
    else:  # what arrived can be shown: its history, its comments where they are anchored
        assert library.revisions(result.post_id)
        review.comments_with_locations(library, result.post_id)
