"""The formatting actions of the source editor (toolbar buttons and shortcuts) over core edits."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QFont, QKeySequence

from editor.core.editing import formatting
from editor.core.editing.formatting import Edit

if TYPE_CHECKING:
    from editor.ui.writing.source_editor import SourceEditor

EditMaker = Callable[[str, int, int], Edit]


class FormattingActions(QObject):
    """Builds the actions once; each applies one core edit to the editor as one undo step."""

    def __init__(self, editor: SourceEditor) -> None:
        super().__init__(editor)
        self._editor = editor
        wrap = formatting.toggle_wrap
        heading = formatting.set_heading
        self._actions = [
            self._action("bold", self.tr("Bold"), self.tr("B"), "Ctrl+B",
                         lambda t, s, e: wrap(t, s, e, formatting.BOLD), bold=True),
            self._action("italic", self.tr("Italic"), self.tr("I"), "Ctrl+I",
                         lambda t, s, e: wrap(t, s, e, formatting.ITALIC), italic=True),
            self._action("link", self.tr("Link"), self.tr("Link"), "Ctrl+K", formatting.toggle_link),
            self._action("heading1", self.tr("Heading 1"), self.tr("H1"), "Ctrl+1",
                         lambda t, s, e: heading(t, s, e, 1)),
            self._action("heading2", self.tr("Heading 2"), self.tr("H2"), "Ctrl+2",
                         lambda t, s, e: heading(t, s, e, 2)),
            self._action("heading3", self.tr("Heading 3"), self.tr("H3"), "Ctrl+3",
                         lambda t, s, e: heading(t, s, e, 3)),
            self._action("bullets", self.tr("Bulleted list"), self.tr("• List"), "Ctrl+Shift+8",
                         formatting.toggle_bullets),
            self._action("numbers", self.tr("Numbered list"), self.tr("1. List"), "Ctrl+Shift+7",
                         formatting.toggle_numbers),
            self._action("quote", self.tr("Quote"), self.tr("Quote"), "Ctrl+Shift+9",
                         formatting.toggle_quote),
        ]
        image = QAction(self.tr("Image"), editor)
        image.setObjectName("format_image")
        image.setShortcut(QKeySequence("Ctrl+Shift+G"))
        image.setToolTip(self._tooltip(self.tr("Insert image"), image.shortcut()))
        image.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        image.triggered.connect(editor.imageRequested.emit)
        self._actions.append(image)

    def actions(self) -> list[QAction]:
        return list(self._actions)

    def action(self, name: str) -> QAction:
        """The action called `name` (bold, italic, link, heading1..3, bullets, numbers, quote, image)."""
        return next(a for a in self._actions if a.objectName() == f"format_{name}")

    def _action(self, name, title, label, shortcut, make_edit: EditMaker, bold=False, italic=False):
        action = QAction(label, self._editor)
        action.setObjectName(f"format_{name}")
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(self._tooltip(title, action.shortcut()))
        action.setStatusTip(title)
        if bold or italic:
            font = QFont()
            font.setBold(bold)
            font.setItalic(italic)
            action.setFont(font)
        action.triggered.connect(lambda: self._apply(make_edit))
        return action

    @staticmethod
    def _tooltip(title: str, shortcut: QKeySequence) -> str:
        keys = shortcut.toString(QKeySequence.SequenceFormat.NativeText)
        # The shortcut stays left-to-right inside a right-to-left tooltip.
        return f"{title} (\u2066{keys}\u2069)"

    def _apply(self, make_edit: EditMaker) -> None:
        text, start, end = self._editor.selection_indices()
        self._editor.apply_edit(make_edit(text, start, end), text)
        self._editor.setFocus()
