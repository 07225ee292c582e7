"""会议's table models: the meetings a search found, and action items (overdue ones say 逾期 in words,
in bold, on a tinted row — never colour alone).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from app.core.meetings.action_items import ActionItemRow
from app.core.meetings.search import MeetingSummary
from app.ui.labels import meeting_kind_label
from app.ui.models.rows import Index, RowsModel, bold
from app.ui.style import DANGER

OVERDUE_BACKGROUND = QColor("#fde8e6")


DONE_FOREGROUND = QColor("#3d5a3d")


class MeetingTableModel(RowsModel[MeetingSummary]):
    """The meetings found by a search, newest first."""

    COL_DATE, COL_TITLE, COL_LEVEL, COL_KIND, COL_STATUS, COL_OPEN, COL_OVERDUE, COL_CARRIED = (
        range(8)
    )

    def header_texts(self) -> list[str]:
        return [
            self.tr("日期"),
            self.tr("会议名称"),
            self.tr("级别 / 网格"),
            self.tr("类型"),
            self.tr("状态"),
            self.tr("未办结待办"),
            self.tr("逾期"),
            self.tr("决定落实"),
        ]

    def status_text(self, status: str) -> str:
        return {
            "draft": self.tr("草稿"),
            "published": self.tr("已发布"),
            "superseded": self.tr("已修正"),
        }[status]

    def level_text(self, row: MeetingSummary) -> str:
        if row.level == "community":
            return self.tr("社区级")
        return self.tr("网格级 · {0}").format(row.grid_name) if row.grid_name else self.tr("网格级")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index)
        if row is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.COL_DATE:
                return row.held_on.isoformat()
            if col == self.COL_TITLE:
                if row.amends_id:
                    return self.tr("{0}（第 {1} 号的修正稿）").format(row.title, row.amends_id)
                return row.title
            if col == self.COL_LEVEL:
                return self.level_text(row)
            if col == self.COL_KIND:
                return meeting_kind_label(row.kind)
            if col == self.COL_STATUS:
                return self.status_text(row.status)
            if col == self.COL_OPEN:
                return f"{row.open_action_items} / {row.action_items}"
            if col == self.COL_OVERDUE:
                return (
                    self.tr("逾期 {0}").format(row.overdue_action_items)
                    if (row.overdue_action_items)
                    else ""
                )
            if col == self.COL_CARRIED:
                return f"{row.decisions_carried_out} / {row.decisions}" if row.decisions else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.COL_OPEN:
                return self.tr("未办结 {0} 项，共 {1} 项，已完成 {2} 项").format(
                    row.open_action_items, row.action_items, row.done_action_items
                )
            if col == self.COL_CARRIED:
                return self.tr("决定事项 {0} 项，其中 {1} 项的待办已全部完成").format(
                    row.decisions, row.decisions_carried_out
                )
            if col == self.COL_TITLE:
                return row.title
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (
            self.COL_OPEN,
            self.COL_CARRIED,
        ):
            return int(Qt.AlignmentFlag.AlignCenter)
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and col == self.COL_OVERDUE
            and row.overdue_action_items
        ):
            return QBrush(QColor(DANGER))
        if role == Qt.ItemDataRole.FontRole:
            if col == self.COL_OVERDUE and row.overdue_action_items:
                return bold()
            if col == self.COL_STATUS and row.status == "draft":
                return bold()
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None


class ActionItemModel(RowsModel[ActionItemRow]):
    """Action items; overdue ones say 逾期 in words, in bold, on a tinted row."""

    COL_STATE, COL_TEXT, COL_OWNER, COL_DUE, COL_MEETING, COL_DONE = range(6)

    def __init__(self, parent: Any = None) -> None:
        self.today = date.today()
        super().__init__(parent)

    def header_texts(self) -> list[str]:
        return [
            self.tr("状态"),
            self.tr("事项"),
            self.tr("责任人"),
            self.tr("完成时限"),
            self.tr("会议"),
            self.tr("办理情况"),
        ]

    def set_rows(self, rows: Sequence[ActionItemRow], today: date | None = None) -> None:
        self.today = today or date.today()
        super().set_rows(rows)

    def state_text(self, row: ActionItemRow) -> str:
        if row.overdue:
            return self.tr("逾期")
        return {
            "open": self.tr("未办结"),
            "done": self.tr("已完成"),
            "cancelled": self.tr("已取消"),
        }[row.status]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index)
        if row is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.COL_STATE:
                return self.state_text(row)
            if col == self.COL_TEXT:
                return row.text
            if col == self.COL_OWNER:
                return row.owner
            if col == self.COL_DUE:
                if row.overdue:
                    days = (self.today - row.due).days
                    return self.tr("{0}（超期 {1} 天）").format(row.due.isoformat(), days)
                return row.due.isoformat()
            if col == self.COL_MEETING:
                return f"{row.meeting_date.isoformat()} {row.meeting_title}"
            if col == self.COL_DONE:
                if row.status == "open":
                    return ""
                done_on = row.done_on.isoformat() if row.done_on else ""
                return f"{done_on} {row.done_note or ''}".strip()
        if role == Qt.ItemDataRole.ToolTipRole and col in (self.COL_TEXT, self.COL_DONE):
            return row.text if col == self.COL_TEXT else (row.done_note or None)
        if (
            role == Qt.ItemDataRole.FontRole
            and row.overdue
            and col
            in (
                self.COL_STATE,
                self.COL_DUE,
            )
        ):
            return bold()
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.overdue and col in (self.COL_STATE, self.COL_DUE):
                return QBrush(QColor(DANGER))
            if row.status == "done" and col == self.COL_STATE:
                return QBrush(DONE_FOREGROUND)
        if role == Qt.ItemDataRole.BackgroundRole and row.overdue:
            return QBrush(OVERDUE_BACKGROUND)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None
