"""首页 · 诉求: open requests with the overdue and urgent among them, today's received and done,
and the last 30 days' on-time and satisfaction rates, from `app.core.requests.figures.home_counts`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from app.ui.context import AppContext
from app.ui.home_section import HomeSection
from app.ui.style import DANGER


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}%"


class RequestsSection(HomeSection):
    """首页 · 诉求, one line of figures; the overdue ones in bold red, said in words."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("诉求"), parent)
        self.counts: Any = None

    def refresh(self) -> None:
        from app.core.requests import figures

        db = self.ctx.db

        def run(_progress: Any) -> Any:
            with db.reading() as session:
                return figures.home_counts(session)

        self.ctx.run(self, run, on_success=self._show, show_progress=False).failure(
            lambda _exc: None  # a role that may see neither: the line keeps its placeholder
        )

    def _show(self, counts: Any) -> None:
        self.counts = counts
        text = self.tr(
            "未办结 {0} 件（超期 {1}，紧急 {2}）；今日受理 {3}、办结 {4}；"
            "近 30 天按时办结 {5}，回访满意 {6}"
        ).format(
            f"{counts.open:,}",
            f"{counts.overdue:,}",
            f"{counts.urgent_open:,}",
            f"{counts.received_today:,}",
            f"{counts.done_today:,}",
            _pct(counts.done_on_time_pct),
            _pct(counts.satisfied_pct),
        )
        self.summary.setText(text)
        self.summary.setStyleSheet(f"color: {DANGER}; font-weight: 600;" if counts.overdue else "")
        self.filled.emit()
