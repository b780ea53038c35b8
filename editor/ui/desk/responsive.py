"""How the desk fits its window: as the window narrows, the side panels give way to the text.

    wide   (≥ WIDE px)    the post list | the editor and preview | the side panel
    medium (≥ MEDIUM px)  the editor and preview | the side panel, with the post list as its first tab
    narrow                the editor and preview alone; View → "Details panel" brings the panel back

The editor and the preview never get narrower than MIN_TEXT_WIDTH each while a panel could give way.
A panel the writer hid stays hidden; one the layout hid comes back when the window widens again.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QSplitter, QTabWidget, QWidget

WIDE = 1300
MEDIUM = 900
MIN_TEXT_WIDTH = 320
LIST_WIDTH = 250
SIDE_WIDTH = 330


class FittedLayout:
    def __init__(self, splitter: QSplitter, post_list: QWidget, writing: QWidget, side_tabs: QTabWidget) -> None:
        self.splitter = splitter
        self.post_list = post_list
        self.writing = writing
        self.side_tabs = side_tabs
        self.mode = "wide"
        self.side_hidden_by_writer = False

    def mode_for(self, width: int) -> str:
        if width >= WIDE:
            return "wide"
        return "medium" if width >= MEDIUM else "narrow"

    def fit(self, width: int) -> bool:
        """Lay the desk out for a window `width` pixels wide; True when the layout changed."""
        mode = self.mode_for(width)
        if mode == self.mode:
            return False
        self.mode = mode
        if mode == "wide":
            self._list_in_splitter()
        else:
            self._list_in_tabs()
        self.side_tabs.setVisible(mode != "narrow" and not self.side_hidden_by_writer)
        self._share(width)
        return True

    def show_post_list(self) -> None:
        """The writer asked for the list: in a narrow window it is the side panel's first tab."""
        if self.mode != "wide":
            self.side_tabs.show()
            self.side_tabs.setCurrentWidget(self.post_list)
        else:
            self.post_list.show()

    def _list_in_tabs(self) -> None:
        if self.side_tabs.indexOf(self.post_list) < 0:
            self.side_tabs.insertTab(0, self.post_list, QCoreApplication.translate("FittedLayout", "Posts"))
            self.post_list.show()

    def _list_in_splitter(self) -> None:
        index = self.side_tabs.indexOf(self.post_list)
        if index >= 0:
            self.side_tabs.removeTab(index)
        if self.splitter.indexOf(self.post_list) < 0:
            self.splitter.insertWidget(0, self.post_list)
            self.post_list.show()

    def _share(self, width: int) -> None:
        """Give the text what the panels leave, the panels no more than they need."""
        widgets = [self.splitter.widget(i) for i in range(self.splitter.count())]
        sizes = []
        for widget in widgets:
            if widget is self.post_list:
                sizes.append(LIST_WIDTH)
            elif widget is self.side_tabs:
                sizes.append(SIDE_WIDTH if self.side_tabs.isVisible() else 0)
            else:
                sizes.append(0)
        text = max(2 * MIN_TEXT_WIDTH, width - sum(sizes))
        self.splitter.setSizes([text if size == 0 and widget is self.writing else size
                                for size, widget in zip(sizes, widgets)])
