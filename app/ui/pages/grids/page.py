"""网格: the grid structure, the roster of people on duty, duties and check-in, attendance, the
coverage dashboard and a grid worker's view — one tab each.

* 网格划分: grids, buildings (multi-select; assign by ranges like 1-3,7), merge, split, rename;
  households of a building or those in no grid (always counted, never hidden), and a
  household's grid history.
* 人员名册: staff, grid workers and leaders, building and unit leaders chosen from residents,
  party members with zones, volunteers, sent-down cadres, social workers, partners; add, edit,
  import from Excel, print check-in cards.
* 排班签到: the scan field keeps the focus (a USB scanner types the code and Enter); a day's shifts
  with who is there, late or missing; duties, shifts and who is on them; the week's roster printed.
* 出勤统计: shifts served, missed and hours per person — per posting for sent-down cadres, who are
  flagged when they have not come at all.
* 覆盖情况: residents per person on duty per grid, as a chart and a table, against a limit that
  can be set; contact sheets printed.
* 网格员视图: one grid's vulnerable people, duties and households, printable as the list a grid
  worker takes door to door.

The page holds the tabs; each tab is its own module, `tab` is what they share, `dialogs` the
dialogs they open.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from app.core.common.changes import Change
from app.ui.context import AppContext
from app.ui.pages.grids.attendance import AttendanceTab
from app.ui.pages.grids.coverage import CoverageTab
from app.ui.pages.grids.duty import DutyTab
from app.ui.pages.grids.roster import RosterTab
from app.ui.pages.grids.structure import StructureTab
from app.ui.pages.grids.tab import GridChoices, Tab, muted
from app.ui.pages.grids.worker import WorkerTab


class GridsPage(QWidget):
    """网格: six tabs; each loads when shown and again after a change."""

    loaded = Signal(str)  # which part is on screen ("structure", "roster", "duty", …)
    scanned = Signal(object)  # a check-in's ScanResult, or the refusal

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.grid_choices: GridChoices = []
        self.dialog: Any = None  # the dialog last opened (tests and screenshots reach it here)
        self.preview_dialog: Any = None
        self.loads: Counter[str] = Counter()  # how often each part has been shown
        self.loaded.connect(self._count_load)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 16)
        layout.setSpacing(8)
        title = QLabel(self.tr("网格"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        self.tabs = QTabWidget()
        self.structure = StructureTab(self)
        self.roster = RosterTab(self)
        self.duty = DutyTab(self)
        self.attendance = AttendanceTab(self)
        self.coverage = CoverageTab(self)
        self.worker = WorkerTab(self)
        self.tabs.addTab(self.structure, self.tr("网格划分"))
        self.tabs.addTab(self.roster, self.tr("人员名册"))
        self.tabs.addTab(self.duty, self.tr("排班签到"))
        self.tabs.addTab(self.attendance, self.tr("出勤统计"))
        self.tabs.addTab(self.coverage, self.tr("覆盖情况"))
        self.tabs.addTab(self.worker, self.tr("网格员视图"))
        self.tabs.currentChanged.connect(self._tab_changed)
        layout.addWidget(self.tabs, 1)
        self.status_label = muted("")
        layout.addWidget(self.status_label)
        ctx.changed.connect(self._on_changed)

    def _count_load(self, what: str) -> None:
        self.loads[what] += 1

    def all_tabs(self) -> list[Tab]:
        return [self.structure, self.roster, self.duty, self.attendance, self.coverage, self.worker]

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._tab_changed(self.tabs.currentIndex())

    def _tab_changed(self, index: int) -> None:
        tab = self.tabs.widget(index)
        if isinstance(tab, Tab) and self.isVisible():
            tab.refresh_if_stale()

    def _on_changed(self, changes: Change) -> None:
        if not changes & (Change.GRIDS | Change.DUTY | Change.REGISTRY):
            return
        for tab in self.all_tabs():
            tab.stale = True
        self._tab_changed(self.tabs.currentIndex())

    def show_tab(self, tab: Tab) -> None:
        self.tabs.setCurrentWidget(tab)

    def set_grid_choices(self, choices: GridChoices) -> None:
        if choices == self.grid_choices:
            return
        self.grid_choices = choices
        self.roster.set_grid_choices(choices)
        self.worker.set_grid_choices(choices)

    def status(self, text: str) -> None:
        self.status_label.setText(text)
