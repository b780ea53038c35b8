"""The seam to pyenchant: the Hebrew Hunspell dictionary loaded from the file we found, never hspell.

Enchant's hspell provider accepts every word and suggests nothing (pyenchant issue #26), so Hebrew is
asked of the Hunspell provider only (`Broker.set_ordering`), and a dictionary any other provider
answers for is refused. Enchant finds a Hunspell dictionary by its tag in its own folders; one in
another folder (the writer's `dictionaries/`) is shown to it as the `hunspell/` folder of a private
enchant configuration folder (`ENCHANT_CONFIG_DIR`) while it loads.

A loaded dictionary is kept for the process (he_IL takes about 0.3 s to load, and every window of a
test run would load it again); each is used under its own lock, enchant being single-threaded.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from editor.core.errors import SpellingError
from editor.core.spelling.places import ENGLISH_TAGS, FoundDictionary

HUNSPELL = "hunspell"


class Dictionary:
    """One enchant dictionary: `check(word)` and `suggest(word)`, safe to call from any thread."""

    def __init__(self, tag: str, handle: Any, provider: str, path: Path | None = None,
                 found: FoundDictionary | None = None) -> None:
        self.tag = tag
        self.provider = provider
        self.path = path
        self.found = found  # the files a Hunspell dictionary was loaded from (another process loads them again)
        self._handle = handle
        self._lock = threading.Lock()

    def check(self, word: str) -> bool:
        with self._lock:
            return bool(self._handle.check(word))

    def suggest(self, word: str) -> list[str]:
        with self._lock:
            return list(self._handle.suggest(word))


_loaded: dict[object, Dictionary | None] = {}
_loading = threading.Lock()


def _enchant():
    try:
        import enchant
    except ImportError as error:  # pyenchant missing, or the enchant C library it needs
        raise SpellingError(f"the spell check needs the enchant library ({error})",
                            f"בדיקת האיות צריכה את ספריית enchant ‏({error})") from error
    return enchant


def load_hunspell(found: FoundDictionary) -> Dictionary:
    """The Hunspell dictionary in `found`'s files (SpellingError when enchant cannot load it)."""
    key = (found.tag, found.dic.resolve())
    with _loading:
        if key not in _loaded:
            _loaded[key] = _load_hunspell(found)
        loaded = _loaded[key]
    assert loaded is not None
    return loaded


def _load_hunspell(found: FoundDictionary) -> Dictionary:
    enchant = _enchant()
    handle = None
    if not found.in_user_folder:  # where enchant looks by itself: no private configuration needed
        handle = _request(enchant, found.tag)
    if handle is None:
        with _shown_to_enchant(found) as config:
            handle = _request(enchant, found.tag, config)
    if handle is None:
        raise SpellingError(f"enchant could not load the Hunspell dictionary {found.dic}",
                            f"enchant לא הצליח לטעון את מילון Hunspell ‏{found.dic}")
    return Dictionary(found.tag, handle, HUNSPELL, found.dic, found)


def _request(enchant, tag: str, config: Path | None = None):
    """The tag's dictionary from the Hunspell provider, or None (never another provider's)."""
    with _environment("ENCHANT_CONFIG_DIR", str(config) if config else None):
        broker = enchant.Broker()
        broker.set_ordering(tag, HUNSPELL)
        try:
            handle = broker.request_dict(tag)
        except enchant.errors.Error:
            return None
    return handle if handle.provider.name == HUNSPELL else None


@contextmanager
def _environment(name: str, value: str | None) -> Iterator[None]:
    if value is None:
        yield
        return
    before = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if before is None:
            del os.environ[name]
        else:
            os.environ[name] = before


@contextmanager
def _shown_to_enchant(found: FoundDictionary) -> Iterator[Path]:
    """A private enchant configuration folder whose `hunspell/` holds the found dictionary (a link
    to its folder, else links to or copies of its two files); removed once the dictionary is loaded:
    Hunspell reads both files whole when it loads them."""
    config = Path(tempfile.mkdtemp(prefix="ktav-enchant-"))
    try:
        target = config / HUNSPELL
        try:
            target.symlink_to(found.folder, target_is_directory=True)
        except OSError:  # no symbolic links here (Windows without the right): the two files
            target.mkdir()
            for source in (found.dic, found.aff):
                try:
                    os.link(source, target / source.name)
                except OSError:
                    shutil.copyfile(source, target / source.name)
        yield config
    finally:
        shutil.rmtree(config, ignore_errors=True)


def load_english() -> Dictionary | None:
    """An English dictionary from any provider enchant has (Hunspell, Aspell, Nuspell), else None."""
    with _loading:
        if "english" not in _loaded:
            _loaded["english"] = _load_english()
        return _loaded["english"]


def _load_english() -> Dictionary | None:
    try:
        enchant = _enchant()
    except SpellingError:
        return None
    broker = enchant.Broker()
    for tag in ENGLISH_TAGS:
        try:
            if broker.dict_exists(tag):
                handle = broker.request_dict(tag)
                return Dictionary(tag, handle, handle.provider.name)
        except enchant.errors.Error:
            continue
    return None
