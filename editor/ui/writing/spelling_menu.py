"""The spell check's part of the editor's context menu, above Qt's own entries: up to six suggestions,
"add to the dictionary" (the writer's personal one), "add to the blog's words", "ignore"."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QTextCursor
from PySide6.QtWidgets import QMenu

from editor.ui.writing.spelling_layer import SpellingLayer

SUGGESTION = "spelling-suggestion"  # object names, for whoever looks for the actions


def add_spelling_actions(menu: QMenu, layer: SpellingLayer, cursor: QTextCursor) -> None:
    """When the cursor is on a misspelled word, put what can be done with it at the top of `menu`."""
    word = layer.mistake_at(cursor)
    if word is None:
        return
    actions = []
    suggestions = layer.suggestions(word)
    for suggestion in suggestions:
        action = QAction(suggestion, menu, objectName=SUGGESTION)
        font = action.font()
        font.setBold(True)
        action.setFont(font)
        action.triggered.connect(lambda _checked=False, s=suggestion: layer.replace(cursor, word, s))
        actions.append(action)
    if not suggestions:
        nothing = QAction(QCoreApplication.translate("SpellingMenu", "No suggestions"), menu)
        nothing.setEnabled(False)
        actions.append(nothing)
    for where, text in (("personal", QCoreApplication.translate("SpellingMenu", "Add to dictionary")),
                        ("blog", QCoreApplication.translate("SpellingMenu", "Add to the blog's words")),
                        ("ignore", QCoreApplication.translate("SpellingMenu", "Ignore"))):
        action = QAction(text, menu, objectName=f"spelling-{where}")
        action.triggered.connect(lambda _checked=False, where=where: layer.keep(where, word))
        actions.append(action)
    actions[-2].setEnabled(layer.can_add_to_blog)
    first = menu.actions()[0] if menu.actions() else None
    menu.insertActions(first, actions[:len(actions) - 3])
    menu.insertSeparator(first)
    menu.insertActions(first, actions[len(actions) - 3:])
    menu.insertSeparator(first)
