"""The page of an area that is not built yet: it says so plainly and shows no figures."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class NotBuiltPage(QWidget):
    def __init__(self, title: str, purpose: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 32, 32, 32)
        heading = QLabel(title)
        heading.setObjectName("pageTitle")
        layout.addWidget(heading)
        layout.addSpacing(16)
        state = QLabel(self.tr("此功能尚未完成"))
        state.setObjectName("notBuiltTitle")
        layout.addWidget(state)
        text = QLabel(
            purpose
            + "\n\n"
            + self.tr(
                "这一部分还在开发中，目前不显示任何数据，也不能在这里录入。已有的住户、网格等数据不受影响。"
            )
        )
        text.setWordWrap(True)
        text.setObjectName("muted")
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(text)
        layout.addStretch(1)
