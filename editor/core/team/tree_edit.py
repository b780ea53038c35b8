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


def subtree(tree: pygit2.Tree | None, path: str) -> pygit2.Tree | None:
    entry = entry_at(tree, path)
    return entry if isinstance(entry, pygit2.Tree) else None


def blob_at(repo: pygit2.Repository, tree: pygit2.Tree | None, path: str) -> bytes | None:
    entry = entry_at(tree, path)
    if entry is None or entry.type_str != "blob":
        return None
    blob = repo[entry.id]
    return blob.data if isinstance(blob, pygit2.Blob) else None


def files_in(tree: pygit2.Tree | None, folder: str) -> list[str]:
    """The names of the files directly in `folder` of `tree`."""
    found = subtree(tree, folder)
    return [str(item.name) for item in found if item.type_str == "blob"] if found is not None else []


def paths_under(tree: pygit2.Tree | None, folder: str) -> list[str]:
    found = subtree(tree, folder)
    if found is None:
        return []
    paths = []
    for item in found:
        path = f"{folder}/{item.name}"
        paths.extend(paths_under(tree, path) if item.type_str == "tree" else [path])
    return paths


def tree_of(repo: pygit2.Repository, oid: pygit2.Oid | str) -> pygit2.Tree:
    """The tree `oid` names, or the tree of the commit it names."""
    found = repo[oid]
    if isinstance(found, pygit2.Commit):
        return found.tree
    assert isinstance(found, pygit2.Tree), f"{oid} is not a tree"
    return found


def empty_tree(repo: pygit2.Repository) -> pygit2.Tree:
    return tree_of(repo, repo.TreeBuilder().write())


def changes(old: pygit2.Tree, new: pygit2.Tree) -> list[pygit2.DiffDelta]:
    """What changed from one tree to the other (file by file, no rename detection)."""
    return list(old.diff_to_tree(new).deltas)


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
            if oid is None:
                return None
            blob = self.repo[oid]
            return blob.data if isinstance(blob, pygit2.Blob) else None
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
