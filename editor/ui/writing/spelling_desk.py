"""The spell check on the desk: the dictionaries loaded off the UI thread, the checker handed to the
editor's spelling layer, the menu toggle (F7, remembered), and, once, where to put a dictionary when
there is none (spell check is then off)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from editor.core.errors import KtavError, SpellingError
from editor.core.spelling import SpellChecker, SpellingPlaces, load_dictionaries
from editor.core.spelling.word_lists import BlogWords, PersonalWords
from editor.ui import settings_store as keys
from editor.ui.background import Background
from editor.ui.settings_store import SettingsStore
from editor.ui.writing.spelling_layer import SpellingLayer

SHORTCUT = "F7"


class SpellingDesk(QObject):
    """`start()` loads the dictionaries; `ready(checker or None)` once they are (None: spell check is
    off, and `message` has said why and where to put a dictionary)."""

    ready = Signal(object)
    message = Signal(str)  # for the status bar, in the interface's language
    problem = Signal(str)

    def __init__(self, layer: SpellingLayer, library, settings: SettingsStore, *,
                 places: SpellingPlaces | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layer = layer
        self.library = library
        self.settings = settings
        self.places = places or SpellingPlaces.default()
        self.unavailable: SpellingError | None = None
        # Read now, on this thread, while the library is surely open; the dictionaries come later.
        self._personal = PersonalWords(self.places.personal_words)
        self._blog = BlogWords(library)
        self._jobs = Background(self)
        self.toggle_action = QAction(self.tr("Spell check"), parent, checkable=True)
        self.toggle_action.setShortcut(QKeySequence(SHORTCUT))
        self.toggle_action.setToolTip(self.tr("Underline the words the Hebrew dictionary does not know (F7)"))
        self.toggle_action.setChecked(settings.get(keys.SPELL_CHECK))
        self.toggle_action.toggled.connect(self._toggled)
        layer.set_enabled(self.toggle_action.isChecked())
        layer.can_add_to_blog = not library.read_only
        layer.problem.connect(self._kept_nothing)

    @property
    def checker(self) -> SpellChecker | None:
        return self.layer.checker

    def start(self) -> None:
        places = self.places
        self._jobs.run(lambda: load_dictionaries(places), self._loaded, receiver=self)

    def _loaded(self, result) -> None:
        if isinstance(result, SpellingError):
            self.unavailable = result
            self.toggle_action.setEnabled(False)
            self.toggle_action.setToolTip(self._words(result))
            self.message.emit(self._words(result))  # said once: the menu entry keeps saying it
            self.ready.emit(None)
            return
        if isinstance(result, BaseException):
            raise result
        hebrew, english = result
        self.layer.set_checker(SpellChecker(hebrew, english, personal=self._personal, blog=self._blog))
        self.ready.emit(self.checker)

    def _toggled(self, on: bool) -> None:
        self.settings.set(keys.SPELL_CHECK, on)
        self.layer.set_enabled(on)

    def library_changed(self) -> None:
        """The library changed (a bundle may have brought blog words): underlines follow."""
        if self.checker is not None and self.checker.blog is not None and self.checker.blog.reload():
            self.layer.redraw_underlined()

    def _kept_nothing(self, error: KtavError) -> None:
        self.problem.emit(self._words(error))

    def _words(self, error: KtavError) -> str:
        return error.message_he if self.settings.language() == "he" else error.message
