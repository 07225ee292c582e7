"""报表: the daily report (日报) of a chosen day, counted from the records on the database worker,
shown here section by section, previewed and printed as PDF (app.ui.print_preview) or saved as
.xlsx. The `report daily` command makes the same report through the same core operation."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.core.common.changes import Change
from app.core.printing import daily_report, daily_report_sections
from app.ui.context import AppContext, preview_folder
from app.ui.files import save_file
from app.ui.labels import DOCUMENT, mark_chinese


class ReportsPage(QWidget):
    """Pick a date; see the report's figures; make the PDF (preview, print, save) or the .xlsx."""

    report_shown = Signal()
    xlsx_saved = Signal(object)  # the path

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._started = False
        self.report: daily_report_sections.DailyReport | None = None
        self.preview_dialog: Any = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 16)
        layout.setSpacing(12)
        title = QLabel(self.tr("报表"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        intro = QLabel(
            self.tr(
                "日报由本系统的记录直接统计，并注明生成时间；尚未启用的功能在报表中注明“尚未记录”，"
                "不填任何数字。"
            )
        )
        intro.setObjectName("muted")
        intro.setWordWrap(True)
        layout.addWidget(intro)

        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(QLabel(self.tr("报表日期：")))
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setDate(QDate.currentDate())
        self.day.setMaximumDate(QDate.currentDate())
        self.day.dateChanged.connect(lambda _d: self.refresh())
        row.addWidget(self.day)
        self.refresh_button = QPushButton(self.tr("重新统计"))
        self.refresh_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.refresh_button.clicked.connect(lambda: self.refresh())
        self.pdf_button = QPushButton(self.tr("生成 PDF 并预览…"))
        self.pdf_button.clicked.connect(lambda: self.make_pdf())
        QShortcut(QKeySequence.StandardKey.Print, self, activated=self.make_pdf)
        self.xlsx_button = QPushButton(self.tr("导出 Excel…"))
        self.xlsx_button.clicked.connect(lambda: self.save_xlsx())
        for w in (self.refresh_button, self.pdf_button, self.xlsx_button):
            row.addWidget(w)
        row.addStretch(1)
        layout.addLayout(row)

        self.stamp = QLabel("")
        self.stamp.setObjectName("muted")
        stamp_row = QHBoxLayout()
        stamp_row.addWidget(self.stamp)
        stamp_row.addStretch(1)
        if ctx.lang != "zh":  # say why the window's language stops here
            printed = QLabel(self.tr("日报按打印件显示（中文）。"))
            printed.setObjectName("muted")
            stamp_row.addWidget(printed)
        layout.addLayout(stamp_row)
        self.summary = QTextBrowser()
        self.summary.setOpenLinks(False)
        mark_chinese(DOCUMENT, self.summary)  # the report as printed: in Chinese
        layout.addWidget(self.summary, 1)
        self.status = QLabel("")
        self.status.setObjectName("muted")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)
        ctx.changed.connect(self._on_changed)

    def _on_changed(self, changes: Change) -> None:
        # the report counts from every kind of record, and names the office: any change counts
        if self._started and changes:
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._started:
            self._started = True
            self.refresh()

    def chosen_day(self) -> date:
        d = self.day.date()
        return date(d.year(), d.month(), d.day())

    def set_day(self, day: date) -> None:
        self.day.setDate(QDate(day.year, day.month, day.day))

    # --- the figures on screen ----------------------------------------------------------------

    def refresh(self) -> None:
        db = self.ctx.db
        day = self.chosen_day()

        def work(_progress: Any) -> daily_report_sections.DailyReport:
            with db.reading() as session:
                return daily_report_sections.build_daily_report(session, day)

        self.ctx.run(self, work, on_success=self._show, show_progress=False)

    def _show(self, report: daily_report_sections.DailyReport) -> None:
        if report.day != self.chosen_day():
            return  # another day was chosen meanwhile
        self.report = report
        self.stamp.setText(
            self.tr("{0} 的日报，统计于 {1}").format(report.day.isoformat(), report.stamp())
        )
        self.summary.setHtml(_html(report))
        self.report_shown.emit()

    # --- PDF and xlsx -------------------------------------------------------------------------

    def make_pdf(self) -> None:
        db = self.ctx.db
        day = self.chosen_day()
        folder = preview_folder(self.ctx, "griddesk-report-")
        name = self.tr("日报-{0}.pdf").format(day.isoformat())

        counting, typesetting = self.tr("统计"), self.tr("排版")

        def work(progress: Any) -> tuple[Path, daily_report_sections.DailyReport]:
            progress(0, 2, counting)
            with db.reading() as session:
                report = daily_report_sections.build_daily_report(session, day)
            progress(1, 2, typesetting)
            return daily_report.write_daily_report(report, folder / name, audit_to=db), report

        def done(result: tuple[Path, daily_report_sections.DailyReport]) -> None:
            from app.ui.print_preview import PdfPreviewDialog

            path, report = result
            self._show(report)
            dialog = PdfPreviewDialog(path, name, name, self.ctx.settings, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.finished.connect(lambda _code: _remove_tree(folder))
            self.preview_dialog = dialog
            dialog.open()

        self.ctx.run(self, work, title=self.tr("正在生成日报"), on_success=done)

    def save_xlsx(self) -> None:
        day = self.chosen_day()
        chosen = save_file(
            self,
            self.ctx.settings,
            self.tr("导出日报"),
            self.tr("日报-{0}.xlsx").format(day.isoformat()),
            self.tr("Excel 工作簿 (*.xlsx)"),
        )
        if chosen is None:
            return
        target = chosen
        if target.suffix.lower() != ".xlsx":
            target = target.with_suffix(".xlsx")
        db = self.ctx.db

        def work(_progress: Any) -> tuple[Path, daily_report_sections.DailyReport]:
            with db.reading() as session:
                report = daily_report_sections.build_daily_report(session, day)
            return daily_report.write_daily_report(report, target, audit_to=db), report

        def done(result: tuple[Path, daily_report_sections.DailyReport]) -> None:
            path, report = result
            self._show(report)
            self.status.setText(self.tr("已导出到 {0}").format(path))
            self.xlsx_saved.emit(path)

        self.ctx.run(self, work, title=self.tr("正在导出日报"), on_success=done)


def _html(report: daily_report_sections.DailyReport) -> str:
    """The report's sections as simple HTML for the page (the document itself is the PDF)."""
    from html import escape

    parts = [f"<h2>{escape(report.title)}</h2>"]
    for i, section in enumerate(report.sections):
        parts.append(f"<h3>{daily_report_sections.NUMERALS[i]}、{escape(section.title)}</h3>")
        for line in section.lines:
            style = "" if section.recorded else ' style="color:#5b6270"'
            parts.append(f"<p{style}>{escape(line)}</p>")
        for table in section.tables:
            if table.caption:
                parts.append(f'<p style="color:#5b6270">{escape(table.caption)}</p>')
            head = "".join(f"<th>{escape(h)}</th>" for h in table.headers)
            rows = "".join(
                "<tr>"
                + "".join(
                    f'<td align="right">{v:,}</td>'
                    if isinstance(v, int)
                    else f"<td>{escape(str(v))}</td>"
                    for v in row
                )
                + "</tr>"
                for row in table.rows
            )
            parts.append(
                '<table border="1" cellspacing="0" cellpadding="4">'
                f'<tr style="background:#e8ecf2">{head}</tr>{rows}</table>'
            )
    return "".join(parts)


def _remove_tree(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)
