"""覆盖情况: residents per person on duty per grid, as a chart and a table, against a limit that
can be set; contact sheets printed. Also `CoverageSection`, the "网格覆盖" part of the 首页.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.core.common.changes import Change
from app.core.grids import duty_shifts
from app.core.grids import structure as grids
from app.ui.context import AppContext
from app.ui.home_section import HomeSection
from app.ui.labels import listing
from app.ui.models.grid_models import CoverageModel
from app.ui.pages.grids.coverage_chart import CoverageChart
from app.ui.pages.grids.dialogs import data_table
from app.ui.pages.grids.tab import Tab, muted

if TYPE_CHECKING:
    from app.ui.pages.grids.page import GridsPage


class CoverageTab(Tab):
    def __init__(self, page: GridsPage) -> None:
        super().__init__(page)
        self.coverage: grids.Coverage | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.setSpacing(8)
        controls = QHBoxLayout()
        controls.addWidget(QLabel(self.tr("每名在岗人员服务居民超过")))
        self.limit = QSpinBox()
        self.limit.setRange(1, 1_000_000)
        self.limit.setSingleStep(50)
        self.limit.setSuffix(self.tr(" 人"))
        controls.addWidget(self.limit)
        controls.addWidget(QLabel(self.tr("即标为人手不足")))
        self.save_limit = QPushButton(self.tr("保存"))
        self.save_limit.clicked.connect(self.store_limit)
        controls.addWidget(self.save_limit)
        controls.addStretch(1)
        self.print_button = QPushButton(self.tr("打印各网格联系表"))
        self.print_button.clicked.connect(self.print_contacts)
        controls.addWidget(self.print_button)
        layout.addLayout(controls)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.chart = CoverageChart()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.chart)
        self.model = CoverageModel(self)
        self.table = data_table(self.model, stretch=CoverageModel.COL_NAME)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(scroll)
        split.addWidget(self.table)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        layout.addWidget(split, 1)

    def reload(self) -> None:
        db = self.ctx.db

        def run(_progress: Any) -> grids.Coverage:
            with db.reading() as session:
                return grids.coverage(session)

        self.ctx.run(self, run, on_success=self._show, show_progress=False)

    def _show(self, cov: grids.Coverage) -> None:
        self.coverage = cov
        self.limit.setValue(cov.max_residents_per_worker)
        self.chart.set_data(cov.grids, cov.max_residents_per_worker)
        self.model.set_rows(cov.grids)
        residents = sum(g.residents for g in cov.grids)
        workers = sum(g.workers for g in cov.grids)
        flagged = cov.flagged
        text = self.tr("{0} 个网格，居民 {1} 人，在岗人员 {2} 人；人手不足的网格 {3} 个").format(
            len(cov.grids), f"{residents:,}", workers, len(flagged)
        )
        if flagged:
            codes = listing(g.code for g in flagged[:12]) + ("…" if len(flagged) > 12 else "")
            text += self.tr("：{0}").format(codes)
        text += self.tr("。未分网格的住户 {0} 户（{1} 人）。").format(
            f"{cov.unassigned_households:,}", f"{cov.unassigned_residents:,}"
        )
        self.summary.setText(text)
        self.page.loaded.emit("coverage")

    def store_limit(self) -> None:
        db, value = self.ctx.db, self.limit.value()

        def run(_progress: Any) -> None:
            with db.session(note="grids page") as session:
                grids.set_max_residents_per_worker(session, value)

        self.write(run, self.tr("保存上限"), Change.GRIDS)

    def print_contacts(self) -> None:
        from app.core.grids.paper import print_contact_sheets

        db = self.ctx.db
        self.preview(
            lambda target: print_contact_sheets(db, target),
            self.tr("网格联系表"),
            self.tr("网格联系表.pdf"),
        )


# --- the 首页 section ------------------------------------------------------------------------------


class CoverageSection(HomeSection):
    """首页 · 网格覆盖: understaffed grids, unassigned households and today's no-shows."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("网格覆盖"), parent)
        self.detail = muted("")
        self.body.addWidget(self.detail)
        self.coverage: grids.Coverage | None = None

    def refresh(self) -> None:
        db = self.ctx.db

        def run(_progress: Any) -> tuple[grids.Coverage, int]:
            with db.reading() as session:
                return grids.coverage(session), len(duty_shifts.no_shows(session, date.today()))

        self.ctx.run(self, run, on_success=self._show, show_progress=False)

    def _show(self, result: tuple[grids.Coverage, int]) -> None:
        cov, missing = result
        self.coverage = cov
        flagged = cov.flagged
        if not cov.grids:
            self.summary.setText(self.tr("还没有网格。在“网格”页新增网格并分配楼栋。"))
        else:
            self.summary.setText(
                self.tr(
                    "{0} 个网格，人手不足 {1} 个；未分网格的住户 {2} 户；今日未到岗 {3} 人次"
                ).format(len(cov.grids), len(flagged), f"{cov.unassigned_households:,}", missing)
            )
        if flagged:
            self.detail.setText(
                self.tr("人手不足：")
                + self.tr("、").join(
                    self.tr("{0}（{1}）").format(
                        g.code,
                        self.tr("无人在岗")
                        if g.residents_per_worker is None
                        else self.tr("每人 {0} 人").format(f"{g.residents_per_worker:,.0f}"),
                    )
                    for g in flagged[:8]
                )
                + ("…" if len(flagged) > 8 else "")
            )
        else:
            self.detail.setText("")
        self.filled.emit()
