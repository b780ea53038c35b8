"""The seam to pyenchant: the Hebrew Hunspell dictionary loaded from the file we found, never hspell.

Enchant's hspell provider accepts every word and suggests nothing (pyenchant issue #26), so Hebrew is
asked of the Hunspell provider only (`Broker.set_ordering`), and a dictionary any other provider
answers for is refused. Enchant finds a Hunspell dictionary by its tag in its own folders; one in
another folder (the writer's `dictionaries/`) is shown to it as the `hunspell/` folder of a private
enchant configuration folder (`ENCHANT_CONFIG_DIR`) while it loads.

A loaded dictionary is kept for the process (he_IL takes about 0.3 s to load, and every window of a
test run would load it again); each is used under its own lock, enchant being single-threaded. One can
be asked for before it is loaded (`hunspell_soon`): it loads on a thread, and only a word asked of it
waits. At exit the dictionaries are left to the system: Hunspell frees he_IL word by word (~0.1 s).
"""

from __future__ import annotations

import atexit
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


class PendingDictionary(Dictionary):
    """A Hunspell dictionary still loading: its files are known at once (what a fingerprint of the
    spell check reads), and a word asked of it waits for the load (or raises its SpellingError)."""

    def __init__(self, found: FoundDictionary) -> None:
        super().__init__(found.tag, None, HUNSPELL, found.dic, found)
        self._files = found
        self._ready: Dictionary | None = None

    def check(self, word: str) -> bool:
        return self.loaded().check(word)

    def suggest(self, word: str) -> list[str]:
        return self.loaded().suggest(word)

    def is_loaded(self) -> bool:
        """Whether `loaded()` would answer at once."""
        return self._ready is not None or _key(self._files) in _loaded

    def loaded(self) -> Dictionary:
        """The dictionary once loaded (waiting for its thread, or loading it here)."""
        if self._ready is None:
            self._ready = load_hunspell(self._files)
        return self._ready


_loaded: dict[object, Dictionary | None] = {}
_loading = threading.Lock()  # Hunspell's loads
_loading_english = threading.Lock()  # apart: the English one is asked for while he_IL may be loading
_started: set[object] = set()  # the dictionaries a thread was started for (`hunspell_soon`)
_starting = threading.Lock()


def _after_fork_in_child() -> None:
    # A thread that was loading a dictionary when the process forked is not in the child: the lock it
    # held would never be released there. The child loads what it lacks itself.
    global _loading, _loading_english, _starting
    _loading, _loading_english, _starting = threading.Lock(), threading.Lock(), threading.Lock()
    _started.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


def _enchant():
    try:
        import enchant
    except ImportError as error:  # pyenchant missing, or the enchant C library it needs
        raise SpellingError(f"the spell check needs the enchant library ({error})",
                            f"בדיקת האיות צריכה את ספריית enchant ‏({error})") from error
    return enchant


def load_hunspell(found: FoundDictionary) -> Dictionary:
    """The Hunspell dictionary in `found`'s files (SpellingError when enchant cannot load it)."""
    key = _key(found)
    loaded = _loaded.get(key)
    if loaded is not None:
        return loaded
    with _loading:
        if key not in _loaded:
            _loaded[key] = _load_hunspell(found)
        loaded = _loaded[key]
    assert loaded is not None
    return loaded


def hunspell_soon(found: FoundDictionary) -> Dictionary:
    """`load_hunspell(found)` without waiting: the dictionary when it is loaded, else one that loads
    on a thread meanwhile (a load that fails raises its SpellingError where a word is asked)."""
    key = _key(found)
    loaded = _loaded.get(key)
    if loaded is not None:
        return loaded
    with _starting:
        if key not in _started:
            _started.add(key)
            threading.Thread(target=_load_quietly, args=(found,), name="ktav-dictionary", daemon=True).start()
    return PendingDictionary(found)


def hunspell_later(found: FoundDictionary) -> None:
    """`found` left for its caller to load when it knows it will be needed: `hunspell_soon` then starts
    no thread for it, and a word asked of it before loads it where it is asked."""
    with _starting:
        _started.add(_key(found))


def _load_quietly(found: FoundDictionary) -> None:
    try:
        load_hunspell(found)
    except SpellingError:
        pass  # raised again where a word is asked


def _key(found: FoundDictionary) -> tuple[str, Path]:
    return (found.tag, found.dic.resolve())


@atexit.register
def _leave_to_the_system() -> None:
    """Forget the loaded dictionaries without freeing them: the process is ending, its memory goes
    with it, and Hunspell would free he_IL's words one by one."""
    for dictionary in _loaded.values():
        handle = getattr(dictionary, "_handle", None)
        broker = getattr(handle, "_broker", None)
        if handle is not None:
            handle._this = None
        if broker is not None:
            broker._this = None


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
    with _loading_english:
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
