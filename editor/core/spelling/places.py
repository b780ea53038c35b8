"""Where the spell check looks for its Hunspell dictionaries and keeps the writer's own words.

The Hebrew dictionary is not ours to ship (Debian's `hunspell-he` is AGPL): it is found in the
writer's `dictionaries/` folder in Ktav's data folder first (a dictionary put there on purpose wins),
then where systems keep Hunspell dictionaries. A dictionary is a pair, `<tag>.dic` and `<tag>.aff`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

HEBREW = "he_IL"
ENGLISH_TAGS = ("en_US", "en_GB", "en")
DICTIONARIES_FOLDER = "dictionaries"
PERSONAL_WORDS_FILE = "personal_words.txt"


def data_folder() -> Path:
    """Ktav's folder in the user's data folder (the one the default library lives in)."""
    return Path(platformdirs.user_data_dir("Ktav", appauthor=False))


def system_folders() -> list[Path]:
    """Folders where Hunspell dictionaries are kept on Linux, the BSDs, macOS and Windows, in order."""
    home = Path.home()
    config = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config")
    data_dirs = [Path(p) for p in (os.environ.get("XDG_DATA_DIRS") or "/usr/local/share:/usr/share").split(":") if p]
    folders = [config / "enchant" / "hunspell"]
    for base in data_dirs:
        folders += [base / "hunspell", base / "myspell", base / "myspell" / "dicts"]
    folders += [home / "Library" / "Spelling", Path("/Library/Spelling"), Path("/opt/homebrew/share/hunspell")]
    local_app_data = os.environ.get("LOCALAPPDATA")
    if local_app_data:
        folders.append(Path(local_app_data) / "enchant" / "hunspell")
    return list(dict.fromkeys(folders))


@dataclass(frozen=True)
class FoundDictionary:
    """A Hunspell dictionary on disk: its two files, and whether it is the writer's own copy."""

    tag: str
    dic: Path
    aff: Path
    in_user_folder: bool

    @property
    def folder(self) -> Path:
        return self.dic.parent


@dataclass(frozen=True)
class SpellingPlaces:
    """The folders the spell check reads: the writer's data folder and the system's dictionary folders."""

    data: Path
    system: tuple[Path, ...] = field(default_factory=tuple)

    @classmethod
    def default(cls) -> SpellingPlaces:
        return cls(data_folder(), tuple(system_folders()))

    @property
    def user_dictionaries(self) -> Path:
        """Where the writer puts he_IL.dic and he_IL.aff when the system has none."""
        return self.data / DICTIONARIES_FOLDER

    @property
    def personal_words(self) -> Path:
        return self.data / PERSONAL_WORDS_FILE

    def find(self, tag: str) -> FoundDictionary | None:
        """The first `<tag>.dic` with its `.aff` beside it: the user's folder first, then the system's."""
        for folder in (self.user_dictionaries, *self.system):
            dic, aff = folder / f"{tag}.dic", folder / f"{tag}.aff"
            try:
                if dic.is_file() and aff.is_file():
                    return FoundDictionary(tag, dic, aff, in_user_folder=folder == self.user_dictionaries)
            except OSError:  # an unreadable folder is one without a dictionary
                continue
        return None
