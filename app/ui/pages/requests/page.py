"""诉求: the requests list (filters above it, a search box, overdue ones in bold red with 超期 written
beside their deadline), the chosen request's details and history beside it, and its steps in the
toolbar — 登记诉求 (Ctrl+N), 派单, 开始处理, 办结, 回访, 重新打开, 转为发放 — each offered when the
request's state allows it and hidden from a role that may not record data. The other tabs: 派单回填
(today's work-order slips printed per grid, and scanned back with their outcome), 随访, 需求清单 and
统计 (the accountability figures per grid, person and category).

The list reads the count and its first page through `app.core.requests.requests` (count_requests,
list_requests), so the first screen is quick over 50,000 requests; further pages are read as they
are scrolled to (app.ui.models.requests.RequestsModel).
"""

from __future__ import annotations

import re
import time
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFontMetrics, QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.common.changes import Change
from app.core.trust.roles import Permission, Role
from app.ui.context import AppContext
from app.ui.dates import date_edit, from_qdate
from app.ui.models.requests import (
    CATEGORIES,
    COL_ASSIGNED,
    COL_CATEGORY,
    COL_DUE,
    COL_GRID,
    COL_HOUSEHOLD,
    COL_ID,
    COL_PRIORITY,
    COL_RECEIVED,
    COL_STATUS,
    OPEN_STATUSES,
    STATUSES,
    RequestsModel,
    category_label,
    channel_label,
    household_text,
    priority_label,
    satisfied_label,
    status_label,
    when,
)
from app.ui.pages.requests.dialogs import (
    AssignDialog,
    CallbackDialog,
    DeliveryDialog,
    RequestDialog,
    TextStepDialog,
)
from app.ui.scan import ScanPanel, scan_work
from app.ui.style import DANGER
from app.ui.toolbar import PageToolBar

_BOOKKEEPING = re.compile(r"^[a-z_]+已更改$")
SHOWN = Change.REQUESTS | Change.REGISTRY | Change.GRIDS | Change.DUTY


def household_text_sample() -> str:
    return QCoreApplication.translate("Requests", "未关联住户")


class RequestDetails(QWidget):
    """The chosen request: its fields and what happened to it, oldest first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.setSpacing(6)
        self.title = QLabel(self.tr("选中一件诉求查看详情"))
        self.title.setObjectName("sectionTitle")
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.overdue = QLabel()
        self.overdue.setStyleSheet(f"color: {DANGER}; font-weight: 700;")
        self.overdue.setWordWrap(True)
        self.overdue.hide()
        layout.addWidget(self.overdue)
        form = QFormLayout()
        form.setVerticalSpacing(4)
        form.setHorizontalSpacing(10)
        self.fields: dict[str, QLabel] = {}
        for key, label in (
            ("text", self.tr("内容")),
            ("status", self.tr("状态")),
            ("priority", self.tr("紧急程度")),
            ("channel", self.tr("来源")),
            ("household", self.tr("住户")),
            ("phone", self.tr("回访电话")),
            ("grid", self.tr("网格")),
            ("assigned", self.tr("承办人")),
            ("received", self.tr("受理时间")),
            ("due", self.tr("办理时限")),
            ("done", self.tr("办结时间")),
            ("outcome", self.tr("办理结果")),
            ("callback", self.tr("回访")),
        ):
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[key] = value
            form.addRow(label, value)
        layout.addLayout(form)
        history = QLabel(self.tr("办理经过"))
        history.setObjectName("sectionTitle")
        layout.addWidget(history)
        self.history = QListWidget()
        self.history.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.history.setWordWrap(True)
        layout.addWidget(self.history, 1)
        self.show_row(None, [])

    def show_row(self, row: Any, history: list[tuple[Any, str, str]]) -> None:
        self.history.clear()
        if row is None:
            self.title.setText(self.tr("选中一件诉求查看详情"))
            for value in self.fields.values():
                value.setText("")
            self.overdue.hide()
            return
        self.title.setText(self.tr("#{0} {1}").format(row.id, category_label(row.category)))
        self.overdue.setText(self.tr("⚠ 已超期（时限 {0}）").format(when(row.due_at)))
        self.overdue.setVisible(bool(row.overdue))
        values = {
            "text": row.text,
            "status": status_label(row.status),
            "priority": priority_label(row.priority),
            "channel": channel_label(row.channel),
            "household": household_text(row),
            "phone": row.phone_masked or self.tr("（无）"),
            "grid": row.grid_code or "",
            "assigned": row.assigned_to or "",
            "received": when(row.received_at),
            "due": when(row.due_at),
            "done": when(row.done_at),
            "outcome": row.outcome or "",
            "callback": satisfied_label(row.satisfied),
        }
        for key, value in values.items():
            self.fields[key].setText(value)
        for at, who, what in history:
            if _BOOKKEEPING.match(what):
                continue  # a stamp the record keeps for itself (done_at, assigned_at…)
            self.history.addItem(f"{when(at)}  {who}  {what}".strip())


class RequestsPage(QWidget):
    """The 诉求 area."""

    loaded = Signal()
    first_screen = Signal(float)  # ms from asking for the rows to the first screen shown
    scanned = Signal(str, str)  # the scan panel's state and message

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.writes = ctx.may(Permission.WRITE)
        self.prints = ctx.may(Permission.PRINT_PERSONAL)
        self.model = RequestsModel(ctx.db, self)
        self._loaded = False
        self.preview_dialog: QWidget | None = None
        self.dialog: QDialog | None = None  # the step's dialog while open
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 8)
        layout.setSpacing(8)
        top = QHBoxLayout()
        title = QLabel(self.tr("诉求"))
        title.setObjectName("pageTitle")
        top.addWidget(title)
        top.addSpacing(16)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("查找诉求：内容、住址（3-2-502）或编号，回车"))
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.apply_filters)
        top.addWidget(self.search, 1)
        layout.addLayout(top)
        self._build_toolbar()
        layout.addWidget(self.toolbar)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._list_tab(), self.tr("诉求列表"))
        self.tabs.addTab(self._scan_tab(), self.tr("派单回填"))
        from app.ui.pages.requests.panels import FiguresPanel, NeedsPanel
        from app.ui.pages.requests.visits import VisitsTab

        self.visits = VisitsTab(ctx)
        self.tabs.addTab(self.visits, self.tr("随访"))
        self.needs = NeedsPanel(ctx)
        self.tabs.addTab(self.needs, self.tr("需求清单"))
        self.figures = FiguresPanel(ctx)
        self.tabs.addTab(self.figures, self.tr("统计"))
        self.tabs.currentChanged.connect(self._tab_changed)
        layout.addWidget(self.tabs, 1)
        self.status = QLabel()
        self.status.setObjectName("muted")
        layout.addWidget(self.status)
        QShortcut(QKeySequence("Ctrl+F"), self, activated=self.search.setFocus)
        ctx.changed.connect(self._on_changed)
        self._update_actions()

    # --- building ----------------------------------------------------------------------------------

    def _build_toolbar(self) -> None:
        self.toolbar = PageToolBar()
        bar = self.toolbar
        self.add_action = bar.addAction(self.tr("登记诉求"), self.add_request)
        self.add_action.setShortcut(QKeySequence("Ctrl+N"))
        self.add_action.setToolTip(self.tr("登记一件来电或来访的诉求（Ctrl+N）"))
        bar.addSeparator()
        self.assign_action = bar.addAction(self.tr("派单"), self.assign)
        self.start_action = bar.addAction(self.tr("开始处理"), self.start)
        self.finish_action = bar.addAction(self.tr("办结"), self.finish)
        self.callback_action = bar.addAction(self.tr("回访"), self.callback)
        self.reopen_action = bar.addAction(self.tr("重新打开"), self.reopen)
        self.delivery_action = bar.addAction(self.tr("转为发放"), self.to_delivery)
        self.delivery_action.setToolTip(self.tr("生活物资诉求按进行中的发放直接发给这一户"))
        bar.addSeparator()
        self.print_action = bar.addAction(self.tr("打印派单"), self.print_work_orders)
        self.print_action.setToolTip(
            self.tr("今天未办结的诉求，按网格打印派单（已脱敏，带住户条码）")
        )
        bar.addSeparator()
        bar.addAction(self.tr("刷新"), self.reload)
        self.step_actions = (
            self.add_action,
            self.assign_action,
            self.start_action,
            self.finish_action,
            self.callback_action,
            self.reopen_action,
            self.delivery_action,
        )
        for action in self.step_actions:
            action.setVisible(self.writes)
        self.print_action.setVisible(self.prints)
        self.addAction(self.add_action)

    def _list_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.setSpacing(6)
        filters = QHBoxLayout()
        filters.setSpacing(8)
        self.status_box = QComboBox()
        self.status_box.addItem(self.tr("全部"), None)
        self.status_box.addItem(self.tr("未办结"), "open")
        for code in STATUSES:
            self.status_box.addItem(status_label(code), code)
        self.category_box = QComboBox()
        self.category_box.addItem(self.tr("全部"), None)
        for code in CATEGORIES:
            self.category_box.addItem(category_label(code), code)
        self.grid_box = QComboBox()
        self.grid_box.addItem(self.tr("全部"), None)
        self.overdue_box = QCheckBox(self.tr("只看超期"))
        for label, widget in (
            (self.tr("状态："), self.status_box),
            (self.tr("类别："), self.category_box),
            (self.tr("网格："), self.grid_box),
        ):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
            widget.currentIndexChanged.connect(self.apply_filters)  # type: ignore[attr-defined]
        filters.addWidget(self.overdue_box)
        self.overdue_box.toggled.connect(lambda _on: self.apply_filters())
        filters.addStretch(1)
        layout.addLayout(filters)

        split = QSplitter(Qt.Orientation.Horizontal)
        self.split = split
        self.table = QTableView()
        self.table.setObjectName("dataTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(30)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self._selected())
        self.table.doubleClicked.connect(lambda _i: self._default_step())
        self.table.installEventFilter(self)
        split.addWidget(self.table)
        self.details = RequestDetails()
        self.details.setMinimumWidth(260)
        split.addWidget(self.details)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([880, 270])
        layout.addWidget(split, 1)
        self.empty = QLabel(self.tr("暂无诉求。接到居民来电时点击“登记诉求”（Ctrl+N）。"))
        self.empty.setObjectName("muted")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.hide()
        layout.addWidget(self.empty, 1)
        return page

    def _scan_tab(self) -> QWidget:
        """Today's slips per grid, printed; each scanned back with what was done."""
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.setSpacing(8)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("网格：")))
        self.slip_grid = QComboBox()
        self.slip_grid.addItem(self.tr("全部网格"), None)
        row.addWidget(self.slip_grid)
        row.addWidget(QLabel(self.tr("日期：")))
        self.slip_day = date_edit(date.today())
        row.addWidget(self.slip_day)
        self.print_button = QPushButton(self.tr("打印派单…"))
        self.print_button.clicked.connect(self.print_work_orders)
        self.print_button.setVisible(self.prints)
        row.addWidget(self.print_button)
        row.addStretch(1)
        layout.addLayout(row)
        hint = QLabel(
            self.tr("网格员办完后交回派单：扫描派单上的条码，填写办理结果后回车，即记为办结。")
        )
        hint.setObjectName("muted")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.outcome = QLineEdit()
        self.outcome.setPlaceholderText(self.tr("办理结果，如：药已送到"))
        self.outcome.setMinimumWidth(260)
        self.scan_panel = ScanPanel(
            self.tr("派单条码"),
            self.tr("扫描派单条码"),
            self.tr("扫描交回的派单，再填写办理结果并回车。"),
            object_name="requestScanAnswer",
            min_width=240,
            spacing=6,
        )
        self.scan_panel.row.addWidget(QLabel(self.tr("办理结果")))
        self.scan_panel.row.addWidget(self.outcome, 1)
        self.scan = self.scan_panel.field
        self.scan.returnPressed.connect(self._code_entered)
        self.outcome.returnPressed.connect(self.record_scan)
        self.scan_panel.setEnabled(self.writes)
        layout.addWidget(self.scan_panel)
        self.scan_log = QListWidget()
        self.scan_log.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(self.scan_log, 1)
        return page

    def _fit_columns(self) -> None:
        """Each column as wide as its header or the words it holds in bold (an overdue row), at
        the font the style gave the table once shown, so no date is cut; what a request says is
        in the last column and beside the list."""
        header = self.table.horizontalHeader()
        font = self.table.font()
        font.setBold(True)
        fits = QFontMetrics(font).horizontalAdvance
        moment = "2026-11-29 14:00"
        words = {
            COL_ID: ["99999"],
            COL_STATUS: [status_label(c) for c in STATUSES],
            COL_CATEGORY: [category_label("care")],
            COL_PRIORITY: [priority_label(c) for c in ("normal", "urgent")],
            COL_HOUSEHOLD: ["12-2-1503", household_text_sample()],
            COL_GRID: ["G01"],
            COL_ASSIGNED: ["张三丰"],
            COL_RECEIVED: [moment],
            COL_DUE: [self.tr("{0} 超期").format(moment)],
        }
        for col, samples in words.items():
            wanted = max(fits(w) for w in samples) + 20
            self.table.setColumnWidth(col, max(wanted, header.sectionSizeHint(col)))

    # --- loading -----------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded:
            self._loaded = True
            self.load()
        if self.tabs.currentIndex() == 0:
            self.table.setFocus()

    def load(self) -> float:
        """The filters' grids and the first screen; returns the milliseconds it took."""
        from app.core.grids import structure

        started = time.perf_counter()
        with self.ctx.db.reading() as session:
            grids = structure.list_grids(session)
        for box in (self.grid_box, self.slip_grid):
            box.blockSignals(True)
            while box.count() > 1:
                box.removeItem(1)
            for g in grids:
                box.addItem(f"{g.code} {g.name}", g.code)
            box.blockSignals(False)
        self.model.reload(self.current_filter())
        self._fit_columns()
        for row in range(min(self.model.rowCount(), 30)):
            self.model.row_at(row)
        ms = (time.perf_counter() - started) * 1000
        self._after_reload()
        self.first_screen.emit(ms)
        self.loaded.emit()
        return ms

    def current_filter(self) -> Any:
        from app.core.requests.requests import RequestFilter

        status = self.status_box.currentData()
        return RequestFilter(
            status=None if status in (None, "open") else status,
            category=self.category_box.currentData(),
            grid=self.grid_box.currentData(),
            overdue=self.overdue_box.isChecked(),
            text=self.search.text().strip() or None,
            open_only=status == "open",
        )

    def apply_filters(self) -> None:
        if not self._loaded:
            return
        self.model.reload(self.current_filter())
        self._after_reload()
        self.loaded.emit()

    def reload(self, select_id: int | None = None) -> None:
        if not self._loaded:
            return
        keep = select_id if select_id is not None else self.selected_id()
        self.model.reload()
        self._after_reload(keep)
        self.loaded.emit()

    def _after_reload(self, keep: int | None = None) -> None:
        n = self.model.rowCount()
        plain = self.current_filter() == type(self.current_filter())()
        self.empty.setVisible(n == 0 and plain)
        self.split.setVisible(not self.empty.isVisible())
        row = self.model.row_of(keep) if keep is not None else -1
        if row < 0 and n:
            row = 0
        if row >= 0:
            self.table.selectRow(row)
        self._selected()
        self.status.setText(self.tr("共 {0} 件").format(f"{n:,}"))

    def _on_changed(self, changes: Change) -> None:
        if changes & SHOWN:
            self.reload()

    def _tab_changed(self, index: int) -> None:
        widget = self.tabs.widget(index)
        self.status.setVisible(index == 0)  # the list's count
        if widget is self.needs:
            self.needs.refresh()
        elif widget is self.figures:
            self.figures.refresh()
        elif widget is self.visits:
            self.visits.refresh()
        elif index == 1:
            self.scan_panel.refocus()

    # --- the chosen request ------------------------------------------------------------------------

    def selected_row(self) -> Any:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def selected_id(self) -> int | None:
        row = self.selected_row()
        return row.id if row is not None else None

    def select(self, request_id: int) -> bool:
        row = self.model.row_of(request_id)
        if row < 0:
            return False
        self.table.selectRow(row)
        return True

    def _selected(self) -> None:
        from app.core.requests import requests as core

        row = self.selected_row()
        history: list[tuple[Any, str, str]] = []
        if row is not None:
            with self.ctx.db.reading() as session:
                history = list(core.history(session, row.id, self.ctx.lang))
        self.details.show_row(row, history)
        self._update_actions()

    def _update_actions(self) -> None:
        row = self.selected_row() if hasattr(self, "table") else None
        status = row.status if row is not None else None
        self.assign_action.setEnabled(status in OPEN_STATUSES)
        self.start_action.setEnabled(status in ("registered", "assigned"))
        # a complaint about a member of staff is closed by the secretary or director only
        complaint = row is not None and row.category == "staff-complaint"
        principal = self.ctx.principal
        closes = not complaint or principal is None or principal.role is Role.ADMIN
        self.finish_action.setEnabled(status in OPEN_STATUSES and closes)
        self.finish_action.setToolTip(
            "" if closes else self.tr("对工作人员的投诉只能由书记或主任（管理员）办结")
        )
        self.callback_action.setEnabled(status == "done")
        self.reopen_action.setEnabled(status in ("done", "confirmed"))
        self.delivery_action.setEnabled(
            status in OPEN_STATUSES and row is not None and row.category == "supplies"
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter on a request: the step it waits for (派单, 办结 or 回访)."""
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._default_step()
                return True
        return super().eventFilter(watched, event)

    def _default_step(self) -> None:
        """Double-click or Enter: the step the request is waiting for."""
        for action in (
            self.assign_action if self._status() == "registered" else None,
            self.finish_action if self._status() in ("assigned", "in-progress") else None,
            self.callback_action if self._status() == "done" else None,
        ):
            if action is not None and action.isVisible() and action.isEnabled():
                action.trigger()
                return

    def _status(self) -> str | None:
        row = self.selected_row()
        return row.status if row is not None else None

    # --- steps -------------------------------------------------------------------------------------

    def add_request(self) -> RequestDialog:
        dialog = RequestDialog(self.ctx, self)
        dialog.saved.connect(lambda row: self._show_saved(row))
        dialog.finished.connect(lambda _code: self.table.setFocus())
        self.dialog = dialog
        dialog.open()
        return dialog

    def _show_saved(self, row: Any) -> None:
        self.tabs.setCurrentIndex(0)
        self.reload(select_id=row.id)
        self.status.setText(
            self.tr("已登记诉求 #{0}（{1}），办理时限 {2}").format(
                row.id, category_label(row.category), when(row.due_at)
            )
        )

    def _open_step(self, dialog: QDialog) -> QDialog:
        dialog.stepped.connect(lambda row: self.reload(select_id=row.id))  # type: ignore[attr-defined]
        dialog.finished.connect(lambda _code: self.table.setFocus())  # the next Enter steps on
        self.dialog = dialog
        dialog.open()
        return dialog

    def assign(self) -> QDialog | None:
        row = self.selected_row()
        return self._open_step(AssignDialog(self.ctx, row, self)) if row is not None else None

    def finish(self) -> QDialog | None:
        row = self.selected_row()
        if row is None:
            return None
        return self._open_step(TextStepDialog(self.ctx, row, "finish", self))

    def reopen(self) -> QDialog | None:
        row = self.selected_row()
        if row is None:
            return None
        return self._open_step(TextStepDialog(self.ctx, row, "reopen", self))

    def callback(self) -> QDialog | None:
        row = self.selected_row()
        return self._open_step(CallbackDialog(self.ctx, row, self)) if row is not None else None

    def to_delivery(self) -> QDialog | None:
        row = self.selected_row()
        return self._open_step(DeliveryDialog(self.ctx, row, self)) if row is not None else None

    def start(self) -> None:
        from app.core.requests import requests as core

        row = self.selected_row()
        if row is None:
            return
        db, request_id = self.ctx.db, row.id

        def work(_progress: Any) -> Any:
            with db.session(note="requests start") as session:
                return core.start(session, request_id)

        self.ctx.run(
            self,
            work,
            title=self.tr("开始处理"),
            show_progress=False,
            changes=Change.REQUESTS,
            on_success=lambda r: self.reload(select_id=r.id),
        )

    # --- work orders -------------------------------------------------------------------------------

    def print_work_orders(self) -> None:
        """Today's (or the chosen day's) open requests per grid as slips, in the print preview."""
        from app.core.requests import slips

        grid = self.slip_grid.currentData()
        day = from_qdate(self.slip_day.date())
        from app.ui.print_preview import preview_pdf

        db = self.ctx.db
        preview_pdf(
            self,
            self.ctx,
            prefix="griddesk-work-orders-",
            name=self.tr("派单-{0}.pdf").format(day.isoformat()),
            title=self.tr("派单"),
            busy=self.tr("正在生成派单"),
            make=lambda target, _progress: slips.write_work_orders(db, target, grid=grid, day=day),
        )

    def _code_entered(self) -> None:
        if not self.scan.text().strip():
            return
        if self.outcome.text().strip():
            self.record_scan()
        else:
            self.outcome.setFocus()

    def record_scan(self) -> None:
        from app.core.requests import slips

        code = self.scan.text().strip()
        outcome = self.outcome.text().strip()
        if not code:
            self._answer("refused", self.tr("✖ 请先扫描派单条码"))
            return
        if not outcome:
            self._answer("refused", self.tr("✖ 请填写办理结果：没有结果不能办结"))
            self.outcome.setFocus()
            return
        work = scan_work(
            self.ctx, "requests scan", lambda session: slips.record_scanned(session, code, outcome)
        )

        def answered(result: Any) -> None:
            if isinstance(result, tuple):
                state, message = result
                self._answer(state, ("⚠ " if state == "again" else "✖ ") + message)
                return
            self.scan.clear()
            self.outcome.clear()
            self._answer(
                "ok",
                self.tr("✔ 已办结 #{0}：{1}").format(result.id, household_text(result)),
            )

        def changes(result: Any) -> Change:
            return Change(0) if isinstance(result, tuple) else Change.REQUESTS

        self.ctx.run(self, work, on_success=answered, show_progress=False, changes=changes)

    def _answer(self, state: str, message: str) -> None:
        self.scan_panel.say(state, message)
        self.scan_log.insertItem(0, message)
        self.scan_panel.refocus()
        self.scanned.emit(state, message)
