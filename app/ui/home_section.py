"""The frame every card of the 首页 shares: a title, a one-line summary beside it (“正在统计…”
until the first figures arrive), and what the card shows below, filled on the database worker."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.ui.context import AppContext


class HomeSection(QFrame):
    """A 首页 card. Subclasses add their rows to `body` and emit `filled` once they show figures."""

    filled = Signal()

    def __init__(
        self, ctx: AppContext, title: str, parent: QWidget | None = None, spacing: int = 6
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("card")
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(16, 12, 16, 12)
        self.body.setSpacing(spacing)
        head = QHBoxLayout()
        heading = QLabel(title)
        heading.setObjectName("sectionTitle")
        head.addWidget(heading)
        self.summary = QLabel(QCoreApplication.translate("HomeSection", "正在统计…"))
        self.summary.setWordWrap(True)
        head.addWidget(self.summary, 1)
        self.body.addLayout(head)
