"""Street-office mode: every enrolled community side by side (app.core.street.communities), with the
aggregated report previewed and printed as PDF or saved as .xlsx (app.core.street.summary).

A late community — nothing for longer than the street office's threshold (逾期阈值, 24 hours unless
changed with the control above the table), or nothing yet — says 逾期 in words, in bold, on a
tinted cell: never colour alone. Requests are not recorded by this program yet: the column says so.
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

from app.core.street import communities as core
from app.core.street import summary
from app.ui.context import AppContext, preview_folder
from app.ui.files import save_file
from app.ui.labels import clauses, tag_label
from app.ui.models.rows import ALIGN_RIGHT, RowsModel
from app.ui.qtfix import emit


class CommunitiesModel(RowsModel[core.CommunityRow]):
    late_after_hours = core.LATE_AFTER_HOURS  # the overview's threshold, for the tooltip

    (
        COL_NAME,
        COL_CODE,
        COL_PACKAGE,
        COL_MADE,
        COL_AGE,
        COL_STATE,
        COL_HOUSEHOLDS,
        COL_RESIDENTS,
        COL_VULNERABLE,
        COL_STOCK,
        COL_CAMPAIGNS,
        COL_NEEDS,
        COL_ACTIONS,
        COL_REQUESTS,
    ) = range(14)
    NUMBERS = (COL_PACKAGE, COL_HOUSEHOLDS, COL_RESIDENTS, COL_VULNERABLE, COL_STOCK, COL_ACTIONS)

    def header_texts(self) -> list[str]:
        return [
            self.tr("社区"),
            self.tr("机构代码"),
            self.tr("最近\n数据包"),
            self.tr("生成时间"),
            self.tr("距今"),
            self.tr("状态"),
            self.tr("住户"),
            self.tr("在住居民"),
            self.tr("重点人群"),
            self.tr("库存\n品种"),
            self.tr("进行中发放\n（已签收户）"),
            self.tr("缺口"),
            self.tr("未办结\n待办"),
            self.tr("诉求"),
        ]

    def text(self, row: core.CommunityRow, column: int) -> str:
        sent = bool(row.last_package)
        none = "—"
        if column == self.COL_NAME:
            return row.name
        if column == self.COL_CODE:
            return row.code
        if column == self.COL_PACKAGE:
            return self.tr("第 {0} 号").format(row.last_package) if sent else none
        if column == self.COL_MADE:
            return core.local_time(row.last_package_at)
        if column == self.COL_AGE:
            if row.hours_since is None:
                return self.tr("尚未收到")
            return core.age_text(row.hours_since)
        if column == self.COL_STATE:
            return self.tr("逾期") if row.late else self.tr("正常")
        if not sent:
            return self.tr("未启用") if column == self.COL_REQUESTS else none
        if column == self.COL_HOUSEHOLDS:
            return f"{row.households:,}"
        if column == self.COL_RESIDENTS:
            return f"{row.residents:,}"
        if column == self.COL_VULNERABLE:
            return f"{row.vulnerable:,}"
        if column == self.COL_STOCK:
            if row.items_out_of_stock:
                return self.tr("{0}（缺 {1}）").format(row.items_in_stock, row.items_out_of_stock)
            return f"{row.items_in_stock}"
        if column == self.COL_CAMPAIGNS:
            return self.tr("{0} 项（{1} 户）").format(
                row.open_campaigns, f"{row.delivered_households:,}"
            )
        if column == self.COL_NEEDS:
            short = row.short
            if not short:
                if row.needs:
                    return self.tr("{0} 户待领").format(f"{row.households_waiting:,}")
                return self.tr("无")
            if len(short) <= 2:
                return clauses(
                    self.tr("{0} 缺 {1}{2}").format(n.item, f"{n.shortage:,}", n.unit)
                    for n in short
                )
            return self.tr("{0} 项缺口（{1} 户待领）").format(
                len(short), f"{row.households_waiting:,}"
            )
        if column == self.COL_ACTIONS:
            if row.overdue_action_items:
                return self.tr("{0}（逾期 {1}）").format(
                    row.open_action_items, row.overdue_action_items
                )
            return f"{row.open_action_items}"
        return self.tr("未启用")

    def alignment(self, column: int) -> int | None:
        return ALIGN_RIGHT if column in self.NUMBERS else None

    def emphasis(self, row: core.CommunityRow, column: int) -> bool:
        if column in (self.COL_NAME, self.COL_AGE, self.COL_STATE):
            return row.late
        if column == self.COL_ACTIONS:
            return row.overdue_action_items > 0
        if column == self.COL_NEEDS:
            return bool(row.short)
        return False

    def tooltip(self, row: core.CommunityRow, column: int) -> str | None:
        if column == self.COL_VULNERABLE and row.last_package:
            return "\n".join(
                self.tr("{0}：{1}").format(tag_label(t), f"{n:,}")
                for t, n in row.by_tag.items()
                if n
            )
        if column == self.COL_STOCK and row.stock:
            return "\n".join(
                self.tr("{0}：{1}").format(s.item, f"{s.on_hand:,} {s.unit}") for s in row.stock
            )
        if column == self.COL_NEEDS and row.needs:
            return "\n".join(
                (
                    self.tr("{0}：缺 {1}{2}（待发 {3}，库存 {4}；{5} 户待领）")
                    if n.shortage
                    else self.tr("{0}：库存够发（待发 {3}，库存 {4}；{5} 户待领）")
                ).format(
                    n.item,
                    f"{n.shortage:,}",
                    n.unit,
                    f"{n.needed:,}",
                    f"{n.on_hand:,}",
                    f"{n.households_waiting:,}",
                )
                for n in row.needs
            )
        if column == self.COL_REQUESTS:
            return self.tr("本程序尚未启用诉求登记，没有数字。")
        if column == self.COL_STATE and row.late:
            if row.hours_since is None:
                return self.tr("尚未收到数据包")
            return self.tr("超过 {0} 小时未收到数据包").format(self.late_after_hours)
        return None


class StreetOverviewPanel(QWidget):
    """The communities of this street office, one row each, and the aggregated report."""

    filled = Signal()
    xlsx_saved = Signal(object)  # the path

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.overview: core.StreetOverview | None = None
        self.preview_dialog: Any = None
        self.saved_to: Path | None = None
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

    def _changed(self, what: object) -> None:
        if (
            self._started
            and isinstance(what, set | frozenset)
            and {"exchange", "street-settings"} & what
        ):
            self.refresh()

    def _note_text(self, hours: int) -> str:
        return self.tr(
            "数字来自各社区最近导入的数据包。超过 {0} 小时未收到数据包的社区标为“逾期”。"
            "缺口为各社区导出数据包时尚未发放、且库存不够的份额。"
            "本程序尚未启用诉求登记，诉求一栏没有数字。"
        ).format(hours)

    def set_late_after(self, hours: int) -> None:
        """The 逾期阈值 control: saved as this street office's setting, then every overview open
        (the home page's and the 数据交换 page's) counts again with it."""
        db, info = self.ctx.db, self.ctx.office

        def work(_progress: Any) -> int:
            with db.session(note="street late-after") as session:
                return core.set_late_after(session, info, hours)

        def saved(_hours: int) -> None:
            emit(self.ctx.changed, {"street-settings"})

        self.ctx.run(self, work, on_success=saved, show_progress=False)

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
        emit(self.filled)

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
            self.saved_to = path
            self.status.setText(self.tr("已导出到 {0}").format(path))
            emit(self.xlsx_saved, path)

        self.ctx.run(self, work, title=self.tr("正在导出汇总报表"), on_success=done)
