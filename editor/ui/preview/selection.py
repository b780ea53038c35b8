"""The text a reader selected in a preview page, with the source line of the block it starts in."""

from __future__ import annotations

import json
from collections.abc import Callable

# The selected text and the source line of the block it starts in (the preview's data-line).
_SELECTION_SCRIPT = """
(function(){
  var s = window.getSelection();
  if (!s || s.rangeCount === 0 || s.isCollapsed) return null;
  var node = s.getRangeAt(0).startContainer;
  var element = node.nodeType === 1 ? node : node.parentElement;
  var block = element && element.closest('[data-line]');
  return JSON.stringify({text: s.toString(), line: block ? parseInt(block.dataset.line, 10) : null});
})()
"""

# on_selection(text, line): text is "" when nothing is selected; line is None when not known.
OnSelection = Callable[[str, "int | None"], None]


def read_selection(view, on_selection: OnSelection) -> None:
    """Ask a preview view (Chromium or the text fallback) for its selection; the answer may come later."""
    if getattr(view, "is_web", False):
        from editor.ui.preview.web import OUR_WORLD

        answer = view.liveness.guard(lambda found: _answer(found, on_selection))
        view.page().runJavaScript(_SELECTION_SCRIPT, OUR_WORLD, answer)
    else:
        text = view.textCursor().selectedText().replace("\u2029", "\n")
        on_selection(text if text.strip() else "", None)


def _answer(found, on_selection: OnSelection) -> None:
    selection = json.loads(found) if isinstance(found, str) and found else found
    if not selection or not str(selection.get("text", "")).strip():
        on_selection("", None)
        return
    line = selection.get("line")
    on_selection(str(selection["text"]), int(line) if line else None)
