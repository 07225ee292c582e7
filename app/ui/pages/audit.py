"""审计 (administrator only): the audit trail filtered by user, days, kind and record, newest first,
personal values masked; 导出 writes the rows shown into a masked .xlsx through the same core
operation as `audit export`; above the table, the state of the trail's hash chain as `check`
finds it (完整, or the first record changed)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.common.changes import Change
from app.core.trust import audit
from app.db.audit_chain import ChainState
from app.ui.context import AppContext
from app.ui.files import save_file
from app.ui.models.audit_model import AuditModel, kind_name

SHOWN = 5000  # rows on screen at most (the newest); 导出 writes every row of the filter
NO_DATE = QDate(2000, 1, 1)  # a date field at this value filters nothing (shown as 不限)


@dataclass(frozen=True)
class _Found:
    entries: list[audit.Entry]
    total: int
    users: list[str]
    chain: ChainState


class AuditPage(QWidget):
    shown = Signal()  # the rows (and the chain's state) are on screen
    exported = Signal(object)  # the path

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._started = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 16)
        layout.setSpacing(12)
        title = QLabel(self.tr("审计"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        self.chain = QLabel("")
        self.chain.setWordWrap(True)
        layout.addWidget(self.chain)

        filters = QHBoxLayout()
        filters.setSpacing(8)
        filters.addWidget(QLabel(self.tr("用户：")))
        self.user = QComboBox()
        self.user.setMinimumContentsLength(10)
        self.user.addItem(self.tr("全部"), None)
        filters.addWidget(self.user)
        filters.addWidget(QLabel(self.tr("从：")))
        self.since = self._date_edit()
        filters.addWidget(self.since)
        filters.addWidget(QLabel(self.tr("到：")))
        self.until = self._date_edit()
        filters.addWidget(self.until)
        filters.addWidget(QLabel(self.tr("类别：")))
        self.kind = QComboBox()
        self.kind.addItem(self.tr("全部"), None)
        for kind in audit.KINDS:
            self.kind.addItem(kind_name(kind), kind)
        filters.addWidget(self.kind)
        filters.addWidget(QLabel(self.tr("记录：")))
        self.record = QLineEdit()
        self.record.setPlaceholderText(self.tr("记录编号（uuid）"))
        self.record.setClearButtonEnabled(True)
        self.record.returnPressed.connect(self.refresh)
        filters.addWidget(self.record, 1)
        self.search_button = QPushButton(self.tr("查询"))
        self.search_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.search_button.clicked.connect(lambda: self.refresh())
        filters.addWidget(self.search_button)
        self.export_button = QPushButton(self.tr("导出…"))
        self.export_button.clicked.connect(lambda: self.export())
        filters.addWidget(self.export_button)
        layout.addLayout(filters)

        self.model = AuditModel(self)
        self.table = QTableView()
        self.table.setObjectName("dataTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self.status = QLabel("")
        self.status.setObjectName("muted")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)
        ctx.changed.connect(self._on_changed)

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText(self.tr("不限"))
        edit.setDate(NO_DATE)
        edit.dateChanged.connect(lambda _d: self.refresh())
        return edit

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._started:
            self._started = True
            self.refresh()

    def _on_changed(self, changes: Change) -> None:
        if self._started and changes:  # every change is audited
            self.refresh()

    # --- the filter -----------------------------------------------------------------------------

    @staticmethod
    def _day(edit: QDateEdit) -> date | None:
        d = edit.date()
        return None if d == NO_DATE else date(d.year(), d.month(), d.day())

    def set_days(self, since: date | None, until: date | None) -> None:
        for edit, day in ((self.since, since), (self.until, until)):
            edit.setDate(QDate(day.year, day.month, day.day) if day else NO_DATE)

    def current_filter(self) -> audit.AuditFilter:
        return audit.AuditFilter(
            by=self.user.currentData(),
            since=self._day(self.since),
            until=self._day(self.until),
            kind=self.kind.currentData(),
            record=self.record.text().strip() or None,
        )

    # --- the rows -------------------------------------------------------------------------------

    def refresh(self) -> None:
        db, f = self.ctx.db, self.current_filter()

        def work(_progress: Any) -> _Found:
            with db.reading() as session:
                return _Found(
                    audit.entries(session, f, newest_first=True, limit=SHOWN),
                    audit.count(session, f),
                    audit.users(session),
                    audit.chain_state(session),
                )

        self.ctx.run(self, work, on_success=self._show, show_progress=False)

    def _show(self, found: _Found) -> None:
        self.model.set_rows(found.entries)
        self._show_users(found.users)
        self._show_chain(found.chain)
        if found.total > len(found.entries):
            self.status.setText(
                self.tr("共 {0} 条，显示最新的 {1} 条（导出包含全部）").format(
                    f"{found.total:,}", f"{len(found.entries):,}"
                )
            )
        else:
            self.status.setText(self.tr("共 {0} 条").format(f"{found.total:,}"))
        self.shown.emit()

    def _show_users(self, users: list[str]) -> None:
        chosen = self.user.currentData()
        known = [self.user.itemData(i) for i in range(1, self.user.count())]
        if known == users:
            return
        self.user.blockSignals(True)
        while self.user.count() > 1:
            self.user.removeItem(1)
        for name in users:
            self.user.addItem(name, name)
        at = self.user.findData(chosen)
        self.user.setCurrentIndex(max(at, 0))
        self.user.blockSignals(False)

    def _show_chain(self, state: ChainState) -> None:
        broken = state.broken
        if broken is None:
            text = self.tr("审计记录链：完整（共 {0} 条记录，未发现改动、删除或外来记录）").format(
                f"{state.rows:,}"
            )
            name = "muted"
        else:
            when = broken.at.strftime("%Y-%m-%d %H:%M:%S") if broken.at else "?"
            if broken.reason == "changed":
                text = self.tr("审计记录链：第 {0} 条（{1}）被改动").format(broken.id, when)
            elif broken.reason == "gap":
                text = self.tr("审计记录链：第 {0} 条（{1}）之前的记录被删除或改动").format(
                    broken.id, when
                )
            else:
                text = self.tr("审计记录链：第 {0} 条（{1}）不在记录链上（从程序外加入）").format(
                    broken.id, when
                )
            name = "error"
        self.chain.setText(text)
        self.chain.setObjectName(name)
        self.chain.style().unpolish(self.chain)
        self.chain.style().polish(self.chain)

    # --- 导出 ------------------------------------------------------------------------------------

    def export(self) -> None:
        path = save_file(
            self,
            self.ctx.settings,
            self.tr("导出审计记录"),
            self.tr("审计记录-{0}.xlsx").format(date.today().isoformat()),
            self.tr("Excel 工作簿 (*.xlsx)"),
            suffix=".xlsx",
        )
        if path is None:
            return
        db, f = self.ctx.db, self.current_filter()

        def work(_progress: Any) -> int:
            return audit.export_xlsx(db, path, f)

        def done(n: int) -> None:
            self.status.setText(
                self.tr("已导出 {0} 条审计记录（已脱敏）：{1}").format(f"{n:,}", path)
            )
            self.exported.emit(path)
            self.refresh()  # the export is itself in the trail

        self.ctx.run(self, work, title=self.tr("正在导出审计记录"), on_success=done)
