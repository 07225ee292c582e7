"""诉求's words and tables: the categories, statuses, channels and priorities of a request, the kinds
of follow-up plan and the outcomes of a visit, as the window names them (literals the translation
tools see: app.core.requests keeps the codes); the requests list over 50,000 requests, read a page
at a time through the core's count and list; the visits and the accountability figures.

The list asks the core for the count and the first page only (two queries) when it is (re)loaded;
a further page is read when the view first shows one of its rows, and kept in a small cache.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from app.ui.models.rows import ALIGN_RIGHT, WARN_BACKGROUND, RowsModel, bold
from app.ui.style import DANGER

if TYPE_CHECKING:
    from app.core.requests.requests import RequestFilter, RequestRow
    from app.core.requests.visits import VisitRow
    from app.db.engine import Database

CONTEXT = "Requests"

# the digit that picks each category in the 登记诉求 dialog, in this order (1 … 9, then 0)
CATEGORIES = {
    "medical": QT_TRANSLATE_NOOP("Requests", "就医用药"),
    "supplies": QT_TRANSLATE_NOOP("Requests", "生活物资"),
    "care": QT_TRANSLATE_NOOP("Requests", "特殊群体照护"),
    "sanitation": QT_TRANSLATE_NOOP("Requests", "环境卫生"),
    "repair": QT_TRANSLATE_NOOP("Requests", "物业维修"),
    "group-buy": QT_TRANSLATE_NOOP("Requests", "团购质量价格"),
    "staff-complaint": QT_TRANSLATE_NOOP("Requests", "对工作人员的投诉"),
    "report": QT_TRANSLATE_NOOP("Requests", "举报"),
    "inquiry": QT_TRANSLATE_NOOP("Requests", "咨询"),
    "other": QT_TRANSLATE_NOOP("Requests", "其他"),
}
STATUSES = {
    "registered": QT_TRANSLATE_NOOP("Requests", "已登记"),
    "assigned": QT_TRANSLATE_NOOP("Requests", "已派单"),
    "in-progress": QT_TRANSLATE_NOOP("Requests", "处理中"),
    "done": QT_TRANSLATE_NOOP("Requests", "已办结"),
    "confirmed": QT_TRANSLATE_NOOP("Requests", "已回访"),
}
OPEN_STATUSES = ("registered", "assigned", "in-progress")
CHANNELS = {
    "phone": QT_TRANSLATE_NOOP("Requests", "电话"),
    "walk-in": QT_TRANSLATE_NOOP("Requests", "来访"),
    "grid-worker": QT_TRANSLATE_NOOP("Requests", "网格员上报"),
    "message": QT_TRANSLATE_NOOP("Requests", "留言转录"),
    "hotline-12345": QT_TRANSLATE_NOOP("Requests", "12345 热线转办"),
    "street-office": QT_TRANSLATE_NOOP("Requests", "街道转办"),
}
PRIORITIES = {
    "normal": QT_TRANSLATE_NOOP("Requests", "一般"),
    "urgent": QT_TRANSLATE_NOOP("Requests", "紧急"),
}
PLAN_KINDS = {
    "home-quarantine": QT_TRANSLATE_NOOP("Requests", "居家隔离：每天两次体温，共 14 天"),
    "living-alone": QT_TRANSLATE_NOOP("Requests", "独居老人：每天电话问候"),
    "chronic": QT_TRANSLATE_NOOP("Requests", "慢性病：每周用药检查"),
}
PLAN_NAMES = {
    "home-quarantine": QT_TRANSLATE_NOOP("Requests", "居家隔离"),
    "living-alone": QT_TRANSLATE_NOOP("Requests", "独居老人问候"),
    "chronic": QT_TRANSLATE_NOOP("Requests", "慢性病用药"),
}
VISIT_OUTCOMES = {
    "reached": QT_TRANSLATE_NOOP("Requests", "已联系"),
    "not-reached": QT_TRANSLATE_NOOP("Requests", "未联系上"),
    "needs-help": QT_TRANSLATE_NOOP("Requests", "需要帮助"),
}


def _label(table: dict[str, str], code: object) -> str:
    key = str(code) if code is not None else ""
    known = table.get(key)
    return QCoreApplication.translate(CONTEXT, known) if known else key


def category_label(code: object) -> str:
    return _label(CATEGORIES, code)


def status_label(code: object) -> str:
    return _label(STATUSES, code)


def channel_label(code: object) -> str:
    return _label(CHANNELS, code)


def priority_label(code: object) -> str:
    return _label(PRIORITIES, code)


def plan_label(code: object) -> str:
    return _label(PLAN_NAMES, code)


def plan_description(code: object) -> str:
    return _label(PLAN_KINDS, code)


def visit_outcome_label(code: object) -> str:
    return _label(VISIT_OUTCOMES, code)


def when(moment: datetime | None) -> str:
    """2026-11-29 14:05, or nothing."""
    return f"{moment:%Y-%m-%d %H:%M}" if moment is not None else ""


def satisfied_label(satisfied: bool | None) -> str:
    if satisfied is None:
        return ""
    return (
        QCoreApplication.translate("Requests", "满意")
        if satisfied
        else QCoreApplication.translate("Requests", "不满意")
    )


def household_text(row: RequestRow) -> str:
    """The household as the list shows it, or words saying the request has none."""
    if row.household:
        return str(row.household)
    return (
        QCoreApplication.translate("Requests", "匿名")
        if row.anonymous
        else QCoreApplication.translate("Requests", "未关联住户")
    )


# --- the requests list ------------------------------------------------------------------------------

(
    COL_ID,
    COL_STATUS,
    COL_CATEGORY,
    COL_PRIORITY,
    COL_HOUSEHOLD,
    COL_GRID,
    COL_ASSIGNED,
    COL_RECEIVED,
    COL_DUE,
    COL_TEXT,
) = range(10)
COLUMN_COUNT = 10
PAGE = 100
MAX_PAGES = 40

_Index = QModelIndex | QPersistentModelIndex


class RequestsModel(QAbstractTableModel):
    """The requests as filtered, newest first as the core orders them; overdue ones in bold red on
    a tinted row, with 超期 written beside the due time (never by colour alone)."""

    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(parent)
        self.db = db
        self.filter: RequestFilter | None = None
        self.count = 0
        self._pages: dict[int, list[RequestRow]] = {}
        self.now: Callable[[], datetime] | None = None  # tests fix the clock
        self._headers = [
            self.tr("编号"),
            self.tr("状态"),
            self.tr("类别"),
            self.tr("紧急"),
            self.tr("住户"),
            self.tr("网格"),
            self.tr("承办人"),
            self.tr("受理时间"),
            self.tr("办理时限"),
            self.tr("内容"),
        ]

    def _now(self) -> datetime | None:
        return self.now() if self.now is not None else None

    def reload(self, f: RequestFilter | None = None) -> None:
        """The count and the first page, the cache forgotten."""
        from app.core.requests import requests as core

        if f is not None:
            self.filter = f
        with self.db.reading() as session:
            first = core.list_requests(session, self.filter, limit=PAGE, offset=0, now=self._now())
            count = (
                len(first)
                if len(first) < PAGE
                else core.count_requests(session, self.filter, now=self._now())
            )
        self.beginResetModel()
        self.count = count
        self._pages = {0: first}
        self.endResetModel()

    def row_at(self, row: int) -> RequestRow | None:
        from app.core.requests import requests as core

        if not 0 <= row < self.count:
            return None
        page = row // PAGE
        rows = self._pages.get(page)
        if rows is None:
            with self.db.reading() as session:
                rows = core.list_requests(
                    session, self.filter, limit=PAGE, offset=page * PAGE, now=self._now()
                )
            if len(self._pages) >= MAX_PAGES:
                self._pages.pop(next(k for k in self._pages if k != 0))
            self._pages[page] = rows
        at = row - page * PAGE
        return rows[at] if at < len(rows) else None

    def row_of(self, request_id: int) -> int:
        """Where a request stands among the rows read so far (-1: not read or not listed)."""
        for page, rows in self._pages.items():
            for i, r in enumerate(rows):
                if r.id == request_id:
                    return page * PAGE + i
        return -1

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.count

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < COLUMN_COUNT
        ):
            return self._headers[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = 0) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        if not 0 <= index.column() < COLUMN_COUNT:
            return None
        r = self.row_at(index.row())
        if r is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(r, col)
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return r.text if col == COL_TEXT else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return ALIGN_RIGHT if col == COL_ID else None
        if r.overdue:
            if role == Qt.ItemDataRole.FontRole:
                return bold()
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(DANGER))
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(WARN_BACKGROUND)
        elif role == Qt.ItemDataRole.FontRole and col == COL_PRIORITY and r.priority == "urgent":
            return bold()
        return None

    def text(self, r: RequestRow, col: int) -> str:
        if col == COL_ID:
            return str(r.id)
        if col == COL_STATUS:
            return status_label(r.status)
        if col == COL_CATEGORY:
            return category_label(r.category)
        if col == COL_PRIORITY:
            return priority_label(r.priority)
        if col == COL_HOUSEHOLD:
            return household_text(r)
        if col == COL_GRID:
            return r.grid_code or ""
        if col == COL_ASSIGNED:
            return r.assigned_to or ""
        if col == COL_RECEIVED:
            return when(r.received_at)
        if col == COL_DUE:
            due = when(r.due_at)
            return self.tr("{0} 超期").format(due) if r.overdue else due
        if col == COL_TEXT:
            return r.text.replace("\n", " ")
        return ""


# --- visits -------------------------------------------------------------------------------------------


class VisitsModel(RowsModel["VisitRow"]):
    """The visits due on a day: resident (masked), household, when, plan, outcome; a missed one
    in bold red with 漏访 written in its outcome column."""

    COL_RESIDENT, COL_HOUSEHOLD, COL_DUE, COL_PLAN, COL_OUTCOME = range(5)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.missed: set[int] = set()

    def header_texts(self) -> list[str]:
        return [
            self.tr("居民"),
            self.tr("住户"),
            self.tr("应访时间"),
            self.tr("随访计划"),
            self.tr("结果"),
        ]

    def text(self, row: VisitRow, column: int) -> str:
        if column == self.COL_RESIDENT:
            return str(row.resident)
        if column == self.COL_HOUSEHOLD:
            return str(row.household or "")
        if column == self.COL_DUE:
            return when(row.due_at)
        if column == self.COL_PLAN:
            return plan_label(row.kind)
        if column == self.COL_OUTCOME:
            if row.outcome:
                return visit_outcome_label(row.outcome)
            return self.tr("漏访") if row.id in self.missed else self.tr("待访")
        return ""

    def emphasis(self, row: VisitRow, column: int) -> bool:
        return row.id in self.missed and not row.outcome


class FiguresModel(RowsModel[tuple[str, dict[str, Any]]]):
    """The accountability figures of one grouping (grid, person or category): received, done,
    on time (%), median hours to done, overdue now, satisfied at callback."""

    COL_NAME, COL_RECEIVED, COL_DONE, COL_ON_TIME, COL_MEDIAN, COL_OVERDUE, COL_SATISFIED = range(7)

    def __init__(self, first: str, parent: Any = None) -> None:
        self.first = first
        super().__init__(parent)

    def header_texts(self) -> list[str]:
        return [
            self.first,
            self.tr("受理"),
            self.tr("办结"),
            self.tr("按时办结率"),
            self.tr("办结用时中位数（小时）"),
            self.tr("当前超期"),
            self.tr("回访满意"),
        ]

    def text(self, row: tuple[str, dict[str, Any]], column: int) -> str:
        name, f = row
        if column == self.COL_NAME:
            return name
        if column == self.COL_RECEIVED:
            return f"{int(f.get('received', 0)):,}"
        if column == self.COL_DONE:
            return f"{int(f.get('done', 0)):,}"
        if column == self.COL_ON_TIME:
            return on_time_text(f)
        if column == self.COL_MEDIAN:
            median = f.get("median_hours_to_done")
            return "" if median is None else f"{float(median):.1f}"
        if column == self.COL_OVERDUE:
            return f"{int(f.get('overdue', 0)):,}"
        if column == self.COL_SATISFIED:
            return f"{int(f.get('satisfied', 0)):,}"
        return ""

    def alignment(self, column: int) -> int | None:
        return None if column == self.COL_NAME else ALIGN_RIGHT

    def emphasis(self, row: tuple[str, dict[str, Any]], column: int) -> bool:
        return column == self.COL_OVERDUE and int(row[1].get("overdue", 0)) > 0


def on_time_text(f: dict[str, Any]) -> str:
    """按时办结率 as a percentage of those done, or a dash when none is done yet."""
    done = int(f.get("done", 0))
    if not done:
        return "—"
    return f"{100 * int(f.get('done_on_time', 0)) / done:.0f}%"
