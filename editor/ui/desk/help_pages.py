"""The Help menu: the keyboard shortcuts (F1), a short guide to the desk, and About (version, library).

The shortcuts sheet is read off the window's own actions, so it never disagrees with them; the keys
the editor handles itself (Enter in a list, Tab, Ctrl+Shift+V) are listed beside them.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from editor import __version__
from editor.core import resources
from editor.core.errors import isolate
from editor.core.render.pipeline import render_markdown

GUIDE = "help/guide_he.md"


def translate(text: str) -> str:
    return QCoreApplication.translate("Help", text)


def editor_keys() -> list[tuple[str, str]]:
    """Keys the source editor handles itself (no action carries them)."""
    return [
        ("Enter, Enter", translate("A new paragraph")),
        ("Enter", translate("In a list or a quote: the next item; on an empty item: the list ends")),
        ("Tab / Shift+Tab", translate("In a list: the item moves in or out")),
        ("Shift+Enter", translate("A new line without a new list item")),
        ("Ctrl+Shift+V", translate("Paste the plain text only")),
        ("Ctrl+←  Ctrl+→", translate("Word by word (an acronym like רש\"י is one word)")),
    ]


def shortcut_rows(actions: list[QAction]) -> list[tuple[str, str]]:
    """(keys, what they do) for every action with a shortcut, each once, in menu order."""
    rows, seen = [], set()
    for action in actions:
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.PortableText)
        name = (action.statusTip() or action.text()).replace("&", "").split("\t")[0].strip()
        if keys and name and (keys, name) not in seen:
            seen.add((keys, name))
            rows.append((keys, name))
    return rows


def _sheet_html(rows: list[tuple[str, str]]) -> str:
    cells = "".join(f"<tr><td dir='ltr' style='padding:3px 12px'><b>{escape(keys)}</b></td>"
                    f"<td style='padding:3px 12px'>{escape(name)}</td></tr>" for keys, name in rows)
    return f"<table dir='rtl' cellspacing='0'>{cells}</table>"


class HelpDialog(QDialog):
    """A read-only page of help: right-to-left, closed with Escape or its button."""

    def __init__(self, title: str, html: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.page = QTextBrowser(openExternalLinks=True)
        self.page.setAccessibleName(title)
        self.page.setHtml(f"<div dir='rtl'>{html}</div>")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(translate("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page, 1)
        layout.addWidget(buttons)
        self.resize(620, 560)


def shortcuts_dialog(window) -> HelpDialog:
    rows = shortcut_rows(_all_actions(window)) + editor_keys()
    return HelpDialog(translate("Keyboard shortcuts"), _sheet_html(rows), window)


def guide_dialog(window) -> HelpDialog:
    return HelpDialog(translate("A short guide to the desk"), render_markdown(resources.read_text(GUIDE)).html, window)


def about_dialog(window, library_path) -> HelpDialog:
    html = (f"<h2>{escape(translate('Ktav — the blog writing desk'))}</h2>"
            f"<p>{escape(translate('Version %1').replace('%1', __version__))}</p>"
            f"<p>{escape(translate('The library:'))}<br><span dir='ltr'>{escape(isolate(library_path))}</span></p>")
    return HelpDialog(translate("About Ktav"), html, window)


def _all_actions(window) -> list[QAction]:
    found: list[QAction] = []
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        if menu is not None:
            found += [action for action in menu.actions() if not action.isSeparator()]
    found += window.actions()
    found += window.editor.actions()
    return found
