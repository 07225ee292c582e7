"""The toolbar over a page's table (新增 / 编辑 / 删除 …): every action always in sight."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QToolBar


class PageToolBar(QToolBar):
    """Asks for the room all its actions need, so that none is folded behind "»" where a column
    is narrow (English labels are longer than Chinese ones); the page scrolls instead."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("pageToolbar")
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()
