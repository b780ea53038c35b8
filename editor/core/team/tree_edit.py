"""Changing a git tree without a working folder: files put and removed over a base tree, then written."""

from __future__ import annotations

import pygit2

BLOB = pygit2.enums.FileMode.BLOB


def entry_at(tree: pygit2.Tree | None, path: str) -> pygit2.Object | None:
    if tree is None:
        return None
    try:
        return tree[path]
    except KeyError:
        return None


def blob_at(repo: pygit2.Repository, tree: pygit2.Tree | None, path: str) -> bytes | None:
    entry = entry_at(tree, path)
    if entry is None or entry.type_str != "blob":
        return None
    return repo[entry.id].data


def files_in(tree: pygit2.Tree | None, folder: str) -> list[str]:
    """The names of the files directly in `folder` of `tree`."""
    entry = entry_at(tree, folder)
    if entry is None or entry.type_str != "tree":
        return []
    return [item.name for item in entry if item.type_str == "blob"]


def paths_under(tree: pygit2.Tree | None, folder: str) -> list[str]:
    entry = entry_at(tree, folder)
    if entry is None or entry.type_str != "tree":
        return []
    found = []
    for item in entry:
        path = f"{folder}/{item.name}"
        found.extend(paths_under(tree, path) if item.type_str == "tree" else [path])
    return found


class TreeEdit:
    """Files put or removed over `base` (None: an empty tree); `write()` stores the new tree."""

    def __init__(self, repo: pygit2.Repository, base: pygit2.Tree | None) -> None:
        self.repo = repo
        self.base = base
        self._changes: dict[str, pygit2.Oid | None] = {}
        self._folders: dict[str, dict[str, pygit2.Oid | None]] = {}  # the same changes, by folder

    @property
    def changed(self) -> bool:
        return bool(self._changes)

    def blob(self, path: str) -> bytes | None:
        if path in self._changes:
            oid = self._changes[path]
            return None if oid is None else self.repo[oid].data
        return blob_at(self.repo, self.base, path)

    def exists(self, path: str) -> bool:
        if path in self._changes:
            return self._changes[path] is not None
        entry = entry_at(self.base, path)
        return entry is not None and entry.type_str == "blob"

    def names(self, folder: str) -> list[str]:
        names = set(files_in(self.base, folder))
        for name, oid in self._folders.get(folder, {}).items():
            (names.add if oid is not None else names.discard)(name)
        return sorted(names)

    def _set(self, path: str, oid: pygit2.Oid | None) -> None:
        folder, _, name = path.rpartition("/")
        self._changes[path] = oid
        self._folders.setdefault(folder, {})[name] = oid

    def _unset(self, path: str) -> None:
        folder, _, name = path.rpartition("/")
        self._changes.pop(path, None)
        self._folders.get(folder, {}).pop(name, None)

    def put(self, path: str, data: bytes) -> None:
        oid = self.repo.create_blob(data)
        base = entry_at(self.base, path)
        if base is not None and base.id == oid:
            self._unset(path)
        else:
            self._set(path, oid)

    def remove(self, path: str) -> None:
        if entry_at(self.base, path) is not None:
            self._set(path, None)
        else:
            self._unset(path)

    def remove_folder(self, folder: str) -> None:
        for path in paths_under(self.base, folder):
            self.remove(path)
        for name in list(self._folders.get(folder, {})):
            self.remove(f"{folder}/{name}")

    def write(self) -> pygit2.Oid:
        if not self._changes and self.base is not None:
            return self.base.id
        index = pygit2.Index()
        if self.base is not None:
            index.read_tree(self.base)
        for path, oid in self._changes.items():
            if oid is None:
                index.remove(path)
            else:
                index.add(pygit2.IndexEntry(path, oid, BLOB))
        return index.write_tree(self.repo)
