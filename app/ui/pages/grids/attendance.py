"""出勤统计: shifts served, missed and hours per person — per posting for sent-down cadres, who are
flagged when they have not come at all.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QVBoxLayout

from app.core.grids import duty_checkin
from app.db.models_grids import PERSON_ROLES
from app.ui.dates import date_edit, from_qdate
from app.ui.labels import listing, role_label
from app.ui.models.grid_models import AttendanceModel
from app.ui.pages.grids.dialogs import data_table
from app.ui.pages.grids.tab import Tab, muted

if TYPE_CHECKING:
    from app.ui.pages.grids.page import GridsPage


class AttendanceTab(Tab):
    def __init__(self, page: GridsPage) -> None:
        super().__init__(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.setSpacing(8)
        filters = QHBoxLayout()
        self.role = QComboBox()
        self.role.addItem(self.tr("全部人员"), None)
        for role in PERSON_ROLES:
            self.role.addItem(role_label(role), role)
        self.use_dates = QCheckBox(self.tr("统计期"))
        today = date.today()
        self.date_from = date_edit(today - timedelta(days=today.weekday()))
        self.date_to = date_edit(today)
        for w in (self.date_from, self.date_to):
            w.setEnabled(False)
            w.dateChanged.connect(lambda _d: self.reload())
        self.use_dates.toggled.connect(self.date_from.setEnabled)
        self.use_dates.toggled.connect(self.date_to.setEnabled)
        self.use_dates.toggled.connect(lambda _on: self.reload())
        self.on_paper = QCheckBox(self.tr("只看下沉后未到岗的干部"))
        self.on_paper.toggled.connect(lambda _on: self._fill())
        self.role.currentIndexChanged.connect(self.reload)
        filters.addWidget(QLabel(self.tr("类别")))
        filters.addWidget(self.role)
        filters.addSpacing(12)
        filters.addWidget(self.use_dates)
        filters.addWidget(self.date_from)
        filters.addWidget(QLabel("—"))
        filters.addWidget(self.date_to)
        filters.addSpacing(12)
        filters.addWidget(self.on_paper)
        filters.addStretch(1)
        layout.addLayout(filters)
        note = muted(
            self.tr("下沉干部按各自的下沉期统计。“到岗”指签到过的班次；“缺勤”指班次结束仍未签到。")
        )
        layout.addWidget(note)
        self.model = AttendanceModel(self)
        self.table = data_table(self.model)
        layout.addWidget(self.table, 1)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.rows: list[duty_checkin.AttendanceRow] = []

    def reload(self) -> None:
        db, role = self.ctx.db, self.role.currentData()
        dates = self.use_dates.isChecked()
        start = from_qdate(self.date_from.date()) if dates else None
        end = from_qdate(self.date_to.date()) if dates else None

        def run(_progress: Any) -> list[duty_checkin.AttendanceRow]:
            with db.reading() as session:
                return duty_checkin.attendance(session, start, end, role=role)

        self.ctx.run(self, run, on_success=self._loaded, show_progress=False)

    def _loaded(self, rows: list[duty_checkin.AttendanceRow]) -> None:
        self.rows = rows
        self._fill()
        self.page.loaded.emit("attendance")

    def _fill(self) -> None:
        rows = [r for r in self.rows if r.on_paper] if self.on_paper.isChecked() else self.rows
        self.model.set_rows(rows)
        cadres = [r for r in self.rows if r.role == "cadre"]
        paper = [r for r in cadres if r.on_paper]
        served = sum(r.served for r in rows)
        missed = sum(r.missed for r in rows)
        hours = sum(r.hours for r in rows)
        text = self.tr("共 {0} 人：到岗 {1} 班次，缺勤 {2} 班次，合计 {3} 小时。").format(
            len(rows), served, missed, f"{hours:,.1f}"
        )
        if cadres:
            text += self.tr("下沉干部 {0} 人，其中 {1} 人下沉以来未到岗：{2}").format(
                len(cadres), len(paper), listing(r.name for r in paper) or self.tr("无")
            )
        self.summary.setText(text)
