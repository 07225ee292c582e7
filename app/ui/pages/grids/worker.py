"""网格员视图: one grid's vulnerable people, duties and households, printable as the list a grid
worker takes door to door.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.grids import duty_shifts
from app.core.grids import structure as grids
from app.db.models import Household
from app.ui.models.grid_models import HouseholdModel, ShiftModel
from app.ui.pages.grids.dialogs import data_table
from app.ui.pages.grids.tab import GridChoices, Tab, heading

if TYPE_CHECKING:
    from app.ui.pages.grids.page import GridsPage


class WorkerTab(Tab):
    def __init__(self, page: GridsPage) -> None:
        super().__init__(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.setSpacing(8)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("网格")))
        self.grid = QComboBox()
        self.grid.setMinimumContentsLength(12)
        self.grid.currentIndexChanged.connect(lambda _i: self.reload())
        row.addWidget(self.grid)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        row.addWidget(self.summary, 1)
        self.print_list = QPushButton(self.tr("打印走访清单"))
        self.print_list.clicked.connect(self.print_worker_list)
        self.print_contacts = QPushButton(self.tr("打印本网格联系表"))
        self.print_contacts.clicked.connect(self.print_contact_sheet)
        row.addWidget(self.print_list)
        row.addWidget(self.print_contacts)
        layout.addLayout(row)

        self.vulnerable_model = HouseholdModel(self)
        self.vulnerable_table = data_table(
            self.vulnerable_model, stretch=HouseholdModel.COL_VULNERABLE
        )
        for col in (HouseholdModel.COL_CODE, HouseholdModel.COL_GRID):
            self.vulnerable_table.setColumnHidden(col, True)
        self.shift_model = ShiftModel(self)
        self.shift_table = data_table(self.shift_model, stretch=ShiftModel.COL_PEOPLE)
        self.household_model = HouseholdModel(self)
        self.household_table = data_table(
            self.household_model, stretch=HouseholdModel.COL_VULNERABLE
        )
        self.household_table.setColumnHidden(HouseholdModel.COL_GRID, True)

        def section(title: QLabel, table: QTableView) -> QWidget:
            box = QWidget()
            lay = QVBoxLayout(box)
            lay.setContentsMargins(0, 0, 0, 0)
            lay.addWidget(title)
            lay.addWidget(table, 1)
            return box

        self.vulnerable_title = heading(self.tr("重点人群"))
        self.shift_title = heading(self.tr("近七天的任务"))
        self.household_title = heading(self.tr("全部住户"))
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(section(self.vulnerable_title, self.vulnerable_table))
        top.addWidget(section(self.shift_title, self.shift_table))
        top.setStretchFactor(0, 3)
        top.setStretchFactor(1, 2)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(section(self.household_title, self.household_table))
        split.setChildrenCollapsible(False)
        layout.addWidget(split, 1)

    def set_grid_choices(self, choices: GridChoices) -> None:
        current = self.grid.currentData()
        self.grid.blockSignals(True)
        self.grid.clear()
        for code, name in choices:
            self.grid.addItem(f"{code} {name}", code)
        index = self.grid.findData(current)
        self.grid.setCurrentIndex(index if index >= 0 else 0)
        self.grid.blockSignals(False)
        if current is None and choices and self.isVisible():
            self.reload()

    def reload(self) -> None:
        db, code = self.ctx.db, self.grid.currentData()
        if code is None:
            # the grids are not known yet: fetch them, then this grid
            def first(_progress: Any) -> GridChoices:
                with db.reading() as session:
                    return [(g.code, g.name) for g in grids.list_grids(session)]

            def chosen(choices: GridChoices) -> None:
                self.page.set_grid_choices(choices)
                if choices:
                    self.reload()
                else:
                    self.summary.setText(self.tr("还没有网格。"))

            self.ctx.run(self, first, on_success=chosen, show_progress=False)
            return

        def run(
            _progress: Any,
        ) -> tuple[grids.Coverage, list[grids.HouseholdRow], list[duty_shifts.ShiftRow]]:
            with db.reading() as session:
                grid = grids.get_grid(session, code)
                households = grids.household_rows(session, Household.grid_id == grid.id)
                start = datetime.combine(date.today(), datetime.min.time())
                shifts = duty_shifts.shifts_between(
                    session, start, start + timedelta(days=7), grid=code
                )
                return grids.coverage(session), households, shifts

        self.ctx.run(self, run, on_success=self._show, show_progress=False)

    def _show(
        self, result: tuple[grids.Coverage, list[grids.HouseholdRow], list[duty_shifts.ShiftRow]]
    ) -> None:
        cov, households, shifts = result
        code = self.grid.currentData()
        mine = next((g for g in cov.grids if g.code == code), None)
        vulnerable = [h for h in households if h.vulnerable]
        self.vulnerable_model.set_rows(vulnerable)
        self.shift_model.set_rows(shifts)
        self.household_model.set_rows(households)
        self.vulnerable_title.setText(self.tr("重点人群（{0} 户）").format(len(vulnerable)))
        self.shift_title.setText(self.tr("近七天的任务（{0} 个班次）").format(len(shifts)))
        self.household_title.setText(self.tr("全部住户（{0} 户）").format(f"{len(households):,}"))
        if mine is not None:
            per = mine.residents_per_worker
            self.summary.setText(
                self.tr("{0}：{1} 户，{2} 人，重点人群 {3} 人，在岗 {4} 人，{5}").format(
                    mine.name,
                    f"{mine.households:,}",
                    f"{mine.residents:,}",
                    f"{mine.vulnerable:,}",
                    mine.workers,
                    self.tr("无人在岗")
                    if per is None
                    else self.tr("每人服务 {0} 人").format(f"{per:,.0f}"),
                )
                + (self.tr("（人手不足）") if mine.flagged else "")
            )
        self.page.loaded.emit("worker")

    def print_worker_list(self) -> None:
        from app.core.grids.paper import print_worker_list

        db, code = self.ctx.db, self.grid.currentData()
        if code is None:
            return
        self.preview(
            lambda target: print_worker_list(db, code, target),
            self.tr("网格走访清单"),
            self.tr("走访清单-{0}.pdf").format(code),
        )

    def print_contact_sheet(self) -> None:
        from app.core.grids.paper import print_contact_sheets

        db, code = self.ctx.db, self.grid.currentData()
        if code is None:
            return
        self.preview(
            lambda target: print_contact_sheets(db, target, grids=[code]),
            self.tr("网格联系表"),
            self.tr("联系表-{0}.pdf").format(code),
        )
