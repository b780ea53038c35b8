"""The window's remembered settings: one typed table of defaults over a QSettings handed in."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QByteArray, QSettings


@dataclass(frozen=True)
class Setting:
    key: str
    default: Any
    kind: type


LANGUAGE = Setting("ui/language", "he", str)
GEOMETRY = Setting("window/geometry", QByteArray(), QByteArray)
WINDOW_STATE = Setting("window/state", QByteArray(), QByteArray)
MAIN_SPLITTER = Setting("window/main_splitter", QByteArray(), QByteArray)
WRITING_SPLITTER = Setting("window/writing_splitter", QByteArray(), QByteArray)
EDITOR_VISIBLE = Setting("view/editor_visible", True, bool)
PREVIEW_VISIBLE = Setting("view/preview_visible", True, bool)
LAST_POST_ID = Setting("session/last_post_id", 0, int)
LIST_ORDER = Setting("post_list/order", "updated", str)
AUTHOR = Setting("session/author", "", str)
SPELL_CHECK = Setting("writing/spell_check", True, bool)

LANGUAGES = ("he", "en")


class SettingsStore:
    """Reads and writes the settings above; a value of the wrong type reads as the default."""

    def __init__(self, settings: QSettings) -> None:
        self._settings = settings

    def get(self, setting: Setting) -> Any:
        value = self._settings.value(setting.key, setting.default)
        if setting.kind is bool and isinstance(value, str):
            return value.lower() == "true"
        if setting.kind is int:
            try:
                return int(value)
            except (TypeError, ValueError):
                return setting.default
        return value if isinstance(value, setting.kind) else setting.default

    def set(self, setting: Setting, value: Any) -> None:
        self._settings.setValue(setting.key, value)

    def sync(self) -> None:
        self._settings.sync()

    def language(self) -> str:
        language = self.get(LANGUAGE)
        return language if language in LANGUAGES else LANGUAGE.default
