"""Street-office mode: every enrolled community side by side (app.core.street.communities), with the
aggregated report previewed and printed as PDF or saved as .xlsx (app.core.street.summary).

A late community — nothing for longer than the street office's threshold (逾期阈值, 24 hours unless
changed with the control above the table), or nothing yet — says 逾期 in words, in bold, on a
tinted cell: never colour alone. Residents' requests and follow-up visits are counts per community
(open and overdue requests; today's visits recorded of due, missed and needs-help visits of the last
week), naming nobody.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.common.changes import Change
from app.core.street import communities as core
from app.core.street import summary
from app.ui.context import AppContext, preview_folder
from app.ui.files import save_file
from app.ui.models.street_model import CommunitiesModel


class StreetOverviewPanel(QWidget):
    """The communities of this street office, one row each, and the aggregated report."""

    filled = Signal()
    xlsx_saved = Signal(object)  # the path

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.overview: core.StreetOverview | None = None
        self.preview_dialog: Any = None
        self._started = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(8)
        row = QHBoxLayout()
        row.setSpacing(8)
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.refresh_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.refresh_button.clicked.connect(lambda: self.refresh())
        self.pdf_button = QPushButton(self.tr("汇总报表 PDF 预览/打印…"))
        self.pdf_button.clicked.connect(lambda: self.make_pdf())
        self.xlsx_button = QPushButton(self.tr("汇总报表导出 Excel…"))
        self.xlsx_button.clicked.connect(lambda: self.save_xlsx())
        for w in (self.refresh_button, self.pdf_button, self.xlsx_button):
            row.addWidget(w)
        row.addStretch(1)
        late_label = QLabel(self.tr("逾期阈值"))
        self.late_after = QSpinBox()
        self.late_after.setRange(1, core.MAX_LATE_AFTER_HOURS)
        self.late_after.setValue(core.LATE_AFTER_HOURS)
        self.late_after.setSuffix(self.tr(" 小时"))
        self.late_after.setKeyboardTracking(False)  # typed hours count once Enter or focus-out
        self.late_after.setToolTip(
            self.tr("超过这么多小时未收到数据包的社区标为“逾期”（默认 24 小时）")
        )
        self.late_after.setAccessibleName(self.tr("逾期阈值（小时）"))
        late_label.setBuddy(self.late_after)
        self.late_after.valueChanged.connect(self.set_late_after)
        row.addWidget(late_label)
        row.addWidget(self.late_after)
        layout.addLayout(row)

        self.summary = QLabel(self.tr("正在统计…"))
        self.summary.setObjectName("sectionTitle")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.note = QLabel(self._note_text(core.LATE_AFTER_HOURS))
        self.note.setObjectName("muted")
        self.note.setWordWrap(True)
        layout.addWidget(self.note)

        self.model = CommunitiesModel(self)
        self.table = QTableView()
        self.table.setObjectName("dataTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self.empty = QLabel(
            self.tr("尚未登记任何社区。请在“导入与回执”中登记社区的公钥文件，再导入其数据包。")
        )
        self.empty.setObjectName("banner")
        self.empty.setWordWrap(True)
        self.empty.hide()
        layout.addWidget(self.empty)
        self.status = QLabel("")
        self.status.setObjectName("muted")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)
        ctx.changed.connect(self._changed)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._started:
            self._started = True
            self.refresh()

    def _changed(self, changes: Change) -> None:
        if self._started and changes & (Change.EXCHANGE | Change.SETTINGS):
            self.refresh()

    def _note_text(self, hours: int) -> str:
        return self.tr(
            "数字来自各社区最近导入的数据包。超过 {0} 小时未收到数据包的社区标为“逾期”。"
            "缺口为各社区导出数据包时尚未发放、且库存不够的份额。"
            "诉求一栏为各社区未办结的居民诉求，括号内为已超期的；不含诉求人的任何信息。"
            "随访一栏为今日已记录/应随访的人次、近 {1} 天已过时间未记录的（漏访）"
            "和发现需要帮助的人次；不含被随访人的任何信息。"
        ).format(hours, core.VISIT_WEEK_DAYS)

    def set_late_after(self, hours: int) -> None:
        """The 逾期阈值 control: saved as this street office's setting, then every overview open
        (the home page's and the 数据交换 page's) counts again with it."""
        db, info = self.ctx.db, self.ctx.office

        def work(_progress: Any) -> int:
            with db.session(note="street late-after") as session:
                return core.set_late_after(session, info, hours)

        self.ctx.run(self, work, show_progress=False, changes=Change.SETTINGS)

    def refresh(self) -> None:
        db = self.ctx.db

        def work(_progress: Any) -> core.StreetOverview:
            with db.reading() as session:
                return core.street_overview(session)

        self.ctx.run(self, work, on_success=self._show, show_progress=False)

    def _show(self, overview: core.StreetOverview) -> None:
        self.overview = overview
        self.model.late_after_hours = overview.late_after_hours
        self.model.set_rows(overview.rows)
        self.late_after.blockSignals(True)
        self.late_after.setValue(overview.late_after_hours)
        self.late_after.blockSignals(False)
        self.note.setText(self._note_text(overview.late_after_hours))
        totals = overview.totals()
        self.empty.setVisible(not overview.rows)
        self.summary.setText(
            self.tr(
                "共 {0} 个社区，逾期 {1} 个；在住居民 {2} 人，住户 {3} 户，重点人群 {4} 人"
            ).format(
                totals["communities"],
                totals["late"],
                f"{totals['residents']:,}",
                f"{totals['households']:,}",
                f"{totals['vulnerable']:,}",
            )
        )
        self.status.setText(self.tr("统计于 {0}").format(overview.stamp()))
        self.filled.emit()

    # --- the aggregated report ----------------------------------------------------------------

    def make_pdf(self) -> None:
        db = self.ctx.db
        folder = preview_folder(self.ctx, "griddesk-street-")
        name = summary.default_file_name(date.today(), ".pdf")

        def work(progress: Any) -> tuple[Path, core.StreetOverview]:
            progress(0, 2, "")
            with db.reading() as session:
                overview = core.street_overview(session)
            progress(1, 2, "")
            return summary.write_street_report(overview, folder / name), overview

        def done(result: tuple[Path, core.StreetOverview]) -> None:
            from app.ui.print_preview import PdfPreviewDialog

            path, overview = result
            self._show(overview)
            dialog = PdfPreviewDialog(path, name, name, self.ctx.settings, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.finished.connect(lambda _code: shutil.rmtree(folder, ignore_errors=True))
            self.preview_dialog = dialog
            dialog.open()

        self.ctx.run(self, work, title=self.tr("正在生成汇总报表"), on_success=done)

    def save_xlsx(self, target: Path | None = None) -> None:
        if target is None:
            chosen = save_file(
                self,
                self.ctx.settings,
                self.tr("导出汇总报表"),
                summary.default_file_name(date.today(), ".xlsx"),
                self.tr("Excel 工作簿 (*.xlsx)"),
            )
            if chosen is None:
                return
            target = chosen
        if target.suffix.lower() != ".xlsx":
            target = target.with_suffix(".xlsx")
        db = self.ctx.db
        out = target

        def work(_progress: Any) -> tuple[Path, core.StreetOverview]:
            with db.reading() as session:
                overview = core.street_overview(session)
            return summary.write_street_report(overview, out), overview

        def done(result: tuple[Path, core.StreetOverview]) -> None:
            path, overview = result
            self._show(overview)
            self.status.setText(self.tr("已导出到 {0}").format(path))
            self.xlsx_saved.emit(path)

        self.ctx.run(self, work, title=self.tr("正在导出汇总报表"), on_success=done)
