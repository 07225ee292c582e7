"""The household view's 诉求与随访: the household's requests (newest first, overdue ones marked) and
its follow-up visits, a line each, read when the view is filled."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app.errors import GridDeskError
from app.ui.context import AppContext
from app.ui.models.requests import (
    category_label,
    plan_label,
    status_label,
    visit_outcome_label,
    when,
)
from app.ui.style import DANGER

SHOWN = 20


class HouseholdActivity(QWidget):
    """A small list under the household's members."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(2)
        title = QLabel(self.tr("诉求与随访"))
        title.setObjectName("sectionTitle")
        layout.addWidget(title)
        self.list = QListWidget()
        self.list.setMaximumHeight(120)
        self.list.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        layout.addWidget(self.list)

    def fill(self, household_id: int) -> None:
        from app.core.requests import visits
        from app.core.requests.requests import RequestFilter, list_requests

        self.list.clear()
        try:
            with self.ctx.db.reading() as session:
                requests = list_requests(
                    session, RequestFilter(household_id=household_id), limit=SHOWN
                )
                visited = visits.household_visits(session, household_id, limit=SHOWN)
        except GridDeskError:
            requests, visited = [], []
        for r in requests:
            text = self.tr("诉求 #{0} {1} · {2} · {3}：{4}").format(
                r.id,
                when(r.received_at),
                category_label(r.category),
                status_label(r.status),
                r.text,
            )
            item = QListWidgetItem(text + (self.tr("（超期）") if r.overdue else ""))
            if r.overdue:
                item.setForeground(QBrush(QColor(DANGER)))
            self.list.addItem(item)
        for v in visited:
            outcome = visit_outcome_label(v.outcome) if v.outcome else self.tr("待访")
            self.list.addItem(
                self.tr("随访 {0} · {1} · {2} · {3}").format(
                    when(v.due_at), v.resident, plan_label(v.kind), outcome
                )
            )
        if not requests and not visited:
            none = QListWidgetItem(self.tr("这一户没有诉求和随访记录。"))
            none.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(none)
