"""The meeting editor's 添加超期诉求: the overdue requests listed, those ticked put on the agenda as
one line each (in Chinese, as the minutes print), for a deliberation (议事) to take them up."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import GridDeskError
from app.ui.context import AppContext
from app.ui.models.requests import category_label, household_text, when

LISTED = 200


def agenda_line(row: Any) -> str:
    """诉求 #12 就医用药（3-2-502）：胰岛素快用完了（已超期，时限 2026-11-29 14:00）"""
    from app.core.requests.requests import CATEGORY_LABELS, Category

    category = CATEGORY_LABELS[Category(row.category)][0]
    where = row.household or "匿名"
    return f"诉求 #{row.id} {category}（{where}）：{row.text}（已超期，时限 {when(row.due_at)}）"


class OverdueAgendaDialog(QDialog):
    """Tick the overdue requests to put on the agenda."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[Any] = []
        self.setWindowTitle(self.tr("添加超期诉求到议题"))
        self.resize(640, 440)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        self.list = QListWidget()
        layout.addWidget(self.list, 1)
        self.note = QLabel()
        self.note.setObjectName("muted")
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("加入议题"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.load()

    def load(self) -> None:
        from app.core.requests.requests import RequestFilter, list_requests

        try:
            with self.ctx.db.reading() as session:
                self.rows = list_requests(session, RequestFilter(overdue=True), limit=LISTED)
        except GridDeskError as exc:
            self.rows = []
            self.note.setText(exc.message(self.ctx.lang))
            return
        for r in self.rows:
            text = self.tr("#{0} {1} · {2} · 时限 {3}：{4}").format(
                r.id, category_label(r.category), household_text(r), when(r.due_at), r.text
            )
            item = QListWidgetItem(text)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.list.addItem(item)
        self.note.setText(
            self.tr("共 {0} 件超期诉求；勾选的每件作为一项议题加入。").format(len(self.rows))
            if self.rows
            else self.tr("目前没有超期的诉求。")
        )

    def lines(self) -> list[str]:
        return [
            agenda_line(r)
            for i, r in enumerate(self.rows)
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]
