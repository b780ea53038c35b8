"""The team's modules that work on git (pygit2, keyring), loaded on first use: a library that is not
shared opens without them (they cost ~0.1 s of the window's start-up)."""

from __future__ import annotations

import importlib
from types import ModuleType


class _GitSide:
    """`git_side.sync` is `editor.core.team.sync`, imported when first asked for."""

    def __getattr__(self, module: str) -> ModuleType:
        return importlib.import_module(f"editor.core.team.{module}")


git_side = _GitSide()
