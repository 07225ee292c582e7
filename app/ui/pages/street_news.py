"""首页 · 街道下发 (at a community): what the street office sent lately — notices to read, tasks and
allocations still to answer — so that a notice received on the USB stick is seen on the first
screen, not only on the 数据交换 page."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from app.core.street import directives as core
from app.core.street.communities import local_time
from app.ui.context import AppContext
from app.ui.home_section import HomeSection
from app.ui.operations import delete_later

RECENT = timedelta(days=7)  # notices this recent stay on 首页; open tasks stay until answered


class StreetNewsSection(HomeSection):
    SHOWN = 4

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("街道下发"), parent)
        self.lines: list[QLabel] = []
        self.rows: list[core.DirectiveRow] = []

    def refresh(self) -> None:
        db, info = self.ctx.db, self.ctx.office

        def work(_progress: Any) -> list[core.DirectiveRow]:
            with db.reading() as session:
                return core.list_directives(session, info)

        self.ctx.run(self, work, on_success=self._show, show_progress=False)

    def _show(self, rows: list[core.DirectiveRow]) -> None:
        newest = max((r.issued_at for r in rows), default=None)
        shown = [
            r
            for r in rows
            if r.state == "open"
            or (r.state == "received" and newest is not None and newest - r.issued_at <= RECENT)
        ]
        self.rows = shown
        for line in self.lines:
            line.hide()
            delete_later(line)
        self.lines = []
        open_tasks = sum(1 for r in shown if r.state == "open")
        if not shown:
            self.summary.setText(
                self.tr("街道办没有新的通知或待办。导入街道办的回传包后显示在这里。")
            )
        else:
            self.summary.setText(
                self.tr("近期通知和待办 {0} 项，其中待办 {1} 项（在“数据交换”页办理）").format(
                    len(shown), open_tasks
                )
            )
        for r in shown[: self.SHOWN]:
            kind = {"notice": self.tr("通知"), "task": self.tr("任务")}.get(
                r.kind, self.tr("物资调拨")
            )
            due = self.tr("，期限 {0}").format(r.due_on.isoformat()) if r.due_on else ""
            state = self.tr("待办") if r.state == "open" else self.tr("已收到")
            line = QLabel(
                self.tr("【{0}】{1}（{2} 下发{3}）· {4}").format(
                    kind, r.title, local_time(r.issued_at), due, state
                )
            )
            line.setWordWrap(True)
            self.body.addWidget(line)
            self.lines.append(line)
        self.filled.emit()
