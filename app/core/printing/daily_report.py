"""The daily report (日报) a community sends to its street office, built from the records themselves
and stamped with the time it was made, as PDF (ReportLab, with its own charts) and .xlsx.

    report = daily_report_sections.build_daily_report(session, date(2026, 11, 29))
    write_daily_report(report, Path("日报.pdf"))      # or .xlsx

What each section holds and how it is counted is in `daily_report_sections`; this module puts a
report on paper (`render_pdf`, `render_xlsx`, `write_daily_report`) and does both in one go
(`daily_report`).
"""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from sqlalchemy.orm import Session

from app.core.common.files import write_atomically
from app.core.common.pdf import Footer, numbered_canvas, register_cjk_font
from app.core.printing.daily_report_sections import (
    NUMERALS,
    Chart,
    DailyReport,
    build_daily_report,
    chinese_day,
    figure_text,
)
from app.core.trust import audit
from app.db.engine import Database
from app.errors import InvalidInput

# --- PDF -----------------------------------------------------------------------------------------


def _thousands(value: float) -> str:
    return f"{value:,.0f}"


def _chart_drawing(chart: Chart, font: str, width: float) -> Any:
    from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib import colors

    n = max(len(chart.labels), 1)
    if chart.horizontal:
        height = 34.0 + n * 20
        drawing = Drawing(width, height)
        bars: Any = HorizontalBarChart()
        label_room = 12 + 10.5 * max(len(label) for label in chart.labels)
        bars.x, bars.y = label_room, 8
        bars.width, bars.height = width - label_room - 60, height - 34
        bars.categoryAxis.labels.boxAnchor = "e"
        bars.categoryAxis.labels.dx = -4
        bars.categoryAxis.reverseDirection = 1
        bars.barLabels.boxAnchor = "w"
        bars.barLabels.dx = 4
    else:
        height = 170.0
        drawing = Drawing(width, height)
        bars = VerticalBarChart()
        bars.x, bars.y = 40, 26
        bars.width, bars.height = width - 60, height - 56
        bars.categoryAxis.labels.boxAnchor = "n"
        bars.barLabels.boxAnchor = "s"
        bars.barLabels.dy = 3
    bars.data = [list(chart.values)]
    bars.categoryAxis.categoryNames = list(chart.labels)
    bars.categoryAxis.labels.fontName = font
    bars.categoryAxis.labels.fontSize = 9.5
    bars.valueAxis.labels.fontName = font
    bars.valueAxis.labels.fontSize = 8
    bars.valueAxis.valueMin = 0
    top = max(chart.values, default=0)
    bars.valueAxis.valueMax = max(top * 1.15, 1)
    bars.valueAxis.visibleGrid = 1
    bars.valueAxis.gridStrokeColor = colors.HexColor("#dddddd")
    bars.bars[0].fillColor = colors.HexColor("#3b6ea8")
    bars.bars[0].strokeColor = None
    bars.barLabelFormat = _thousands
    bars.barLabels.fontName = font
    bars.barLabels.fontSize = 8.5
    drawing.add(bars)
    drawing.add(String(0, height - 14, chart.title, fontName=font, fontSize=10.5))
    return drawing


def _pdf_story(report: DailyReport, font: str) -> list[Any]:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        HRFlowable,
        KeepTogether,
        Paragraph,
        Spacer,
        TableStyle,
    )
    from reportlab.platypus import (
        Table as PdfTable,
    )

    body = ParagraphStyle("body", fontName=font, fontSize=10.5, leading=16, wordWrap="CJK")
    title = ParagraphStyle("title", parent=body, fontSize=20, leading=28, alignment=TA_CENTER)
    sub = ParagraphStyle("sub", parent=body, fontSize=11, leading=17, alignment=TA_CENTER)
    heading = ParagraphStyle(
        "heading", parent=body, fontSize=13.5, leading=20, spaceBefore=10, spaceAfter=4
    )
    caption = ParagraphStyle(
        "caption", parent=body, fontSize=9.5, leading=13, textColor="#444444", keepWithNext=1
    )
    cell = ParagraphStyle("cell", parent=body, fontSize=9.5, leading=13)
    figure = ParagraphStyle("figure", parent=cell, alignment=TA_RIGHT)
    note = ParagraphStyle(
        "note",
        parent=body,
        backColor="#f4f4f4",
        borderPadding=5,
        borderColor="#999999",
        borderWidth=0.6,
    )
    width = 170 * mm
    story: list[Any] = [
        Paragraph(escape(report.title), title),
        Paragraph(f"报表日期：{escape(chinese_day(report.day))}", sub),
        Paragraph(
            f"生成时间：{report.stamp()} · 机构代码 {escape(report.office_code)} · "
            "数据均由本系统记录直接统计",
            sub,
        ),
        Spacer(1, 2 * mm),
        HRFlowable(width="100%", thickness=1.4, color=colors.HexColor("#9b1c1c")),
        Spacer(1, 2 * mm),
        Paragraph(
            "统计口径：人口、网格和人员数为生成时的在册记录；当日变动、班次到岗和逾期待办按报表日期统计。",
            caption,
        ),
    ]
    for i, section in enumerate(report.sections):
        parts: list[Any] = [Paragraph(f"{NUMERALS[i]}、{escape(section.title)}", heading)]
        for line in section.lines:
            parts.append(Paragraph(escape(line), body if section.recorded else note))
            parts.append(Spacer(1, 1.5 * mm))
        story.append(KeepTogether(parts))
        for table in section.tables:
            story.append(Spacer(1, 1 * mm))
            if table.caption:
                story.append(Paragraph(escape(table.caption), caption))
            rel = table.widths or tuple(1.0 for _ in table.headers)
            widths = [width * w / sum(rel) for w in rel]
            data = [[Paragraph(escape(h), cell) for h in table.headers]]
            for row in table.rows:
                data.append(
                    [
                        Paragraph(figure_text(v), figure)
                        if isinstance(v, int)
                        else Paragraph(escape(str(v)), cell)
                        for v in row
                    ]
                )
            t = PdfTable(data, colWidths=widths, repeatRows=1)
            t.setStyle(
                TableStyle(
                    [
                        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#777777")),
                        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8ecf2")),
                        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                        ("TOPPADDING", (0, 0), (-1, -1), 3),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                    ]
                )
            )
            story.append(t)
        for chart in section.charts:
            story.append(Spacer(1, 3 * mm))
            story.append(_chart_drawing(chart, font, width))
    story.append(signature_block(body, width))
    return story


def signature_block(body: Any, width: float) -> Any:
    """The lines a report is signed on: who filled it in, who checked it, when it was sent."""
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, Spacer
    from reportlab.platypus import Table as PdfTable

    blank = "______________"
    sign = PdfTable(
        [
            [
                Paragraph(f"填报人：{blank}", body),
                Paragraph(f"审核人（签字）：{blank}", body),
                Paragraph("报送时间：____年__月__日 __:__", body),
            ]
        ],
        colWidths=[width / 3] * 3,
    )
    return KeepTogether([Spacer(1, 10 * mm), sign])


def render_pdf(report: DailyReport, fh: BinaryIO) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    font = register_cjk_font()
    doc = SimpleDocTemplate(
        fh,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=16 * mm,
        bottomMargin=18 * mm,
        title=f"{report.title} {report.day.isoformat()}",
        author=report.office,
        subject=f"日报 {report.day.isoformat()}，生成于 {report.stamp()}",
        creator="GridDesk",
    )
    footer = f"{report.office} 日报 {report.day.isoformat()} · 生成于 {report.stamp()}"
    doc.build(_pdf_story(report, font), canvasmaker=numbered_canvas(Footer(footer), font))


# --- xlsx ----------------------------------------------------------------------------------------


def render_xlsx(report: DailyReport, fh: BinaryIO) -> None:
    """One sheet 日报 with every section (text, tables, Excel's own bar charts)."""
    import xlsxwriter  # type: ignore[import-untyped]

    # the workbook is made in memory and written to `fh` in one piece: a full disk then fails
    # that one write, cleanly, instead of leaving the writer's zip half-closed
    made = io.BytesIO()
    book = xlsxwriter.Workbook(made, {"in_memory": True})
    book.set_properties(
        {
            "title": f"{report.title} {report.day.isoformat()}",
            "author": report.office,
            "comments": f"生成于 {report.stamp()}，由 GridDesk 从记录统计",
        }
    )
    sheet = book.add_worksheet("日报")
    title = book.add_format({"bold": True, "font_size": 16})
    heading = book.add_format({"bold": True, "font_size": 12, "bottom": 1})
    header = book.add_format({"bold": True, "bg_color": "#E8ECF2", "border": 1})
    cell = book.add_format({"border": 1})
    number = book.add_format({"border": 1, "num_format": "#,##0"})
    note = book.add_format({"italic": True, "font_color": "#555555"})
    sheet.set_column(0, 0, 26)
    sheet.set_column(1, 6, 14)
    row = 0
    sheet.write(row, 0, report.title, title)
    row += 1
    sheet.write(row, 0, f"报表日期：{chinese_day(report.day)}")
    row += 1
    sheet.write(row, 0, f"生成时间：{report.stamp()}（数据均由本系统记录直接统计）")
    row += 2
    for i, section in enumerate(report.sections):
        sheet.write(row, 0, f"{NUMERALS[i]}、{section.title}", heading)
        row += 1
        for line in section.lines:
            sheet.write(row, 0, line, None if section.recorded else note)
            row += 1
        for table in section.tables:
            if table.caption:
                sheet.write(row, 0, table.caption, note)
                row += 1
            for c, h in enumerate(table.headers):
                sheet.write_string(row, c, h, header)
            first = row + 1
            for values in table.rows:
                row += 1
                for c, v in enumerate(values):
                    if isinstance(v, int | float) and not isinstance(v, bool):
                        sheet.write_number(row, c, v, number)
                    else:
                        sheet.write_string(row, c, str(v), cell)
            row += 2
        for chart in section.charts:
            # the chart's figures beside it, so Excel's own chart has cells to refer to
            sheet.write(row, 0, f"图：{chart.title}", note)
            first = row + 1
            for label, value in zip(chart.labels, chart.values, strict=True):
                row += 1
                sheet.write_string(row, 0, label, cell)
                sheet.write_number(row, 1, value, number)
            last = row
            xl = book.add_chart({"type": "bar"})
            xl.add_series(
                {
                    "name": chart.title,
                    "categories": ["日报", first, 0, last, 0],
                    "values": ["日报", first, 1, last, 1],
                    "data_labels": {"value": True},
                    "fill": {"color": "#3B6EA8"},
                }
            )
            xl.set_title({"name": chart.title, "name_font": {"size": 11}})
            xl.set_legend({"none": True})
            xl.set_y_axis({"reverse": True})
            height = max(220, 40 + 24 * len(chart.labels))
            xl.set_size({"width": 520, "height": height})
            sheet.insert_chart(first - 1, 3, xl)
            row = max(row, first - 1 + height // 20) + 2
        row += 1
    sheet.write(row, 0, "填报人：")
    sheet.write(row, 2, "审核人（签字）：")
    sheet.write(row, 4, "报送时间：")
    book.close()
    fh.write(made.getvalue())


def write_daily_report(
    report: DailyReport, out: Path, *, audit_to: Database | Session | None = None
) -> Path:
    """Write the report as PDF or .xlsx (by the file's suffix), atomically; `audit_to` (the
    database, or a session on it) records the file in the audit trail."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix == ".pdf":
        path = write_atomically(out, lambda fh: render_pdf(report, fh))
    elif suffix == ".xlsx":
        path = write_atomically(out, lambda fh: render_xlsx(report, fh))
    else:
        raise InvalidInput(
            f"日报只能保存为 .pdf 或 .xlsx：{out.name}",
            f"The daily report is saved as .pdf or .xlsx: {out.name}",
        )
    if audit_to is not None:
        kind = audit.PRINT if suffix == ".pdf" else audit.EXPORT
        audit.record_in(audit_to, kind, f"日报 {report.day.isoformat()}（{suffix[1:]}）")
    return path


def daily_report(
    session: Session, out: Path, day: date | None = None, *, now: datetime | None = None
) -> DailyReport:
    """Build the report for `day` and write it to `out` (.pdf or .xlsx)."""
    if Path(out).suffix.lower() not in (".pdf", ".xlsx"):
        raise InvalidInput(
            f"日报只能保存为 .pdf 或 .xlsx：{Path(out).name}",
            f"The daily report is saved as .pdf or .xlsx: {Path(out).name}",
        )
    report = build_daily_report(session, day, now=now)
    write_daily_report(report, out, audit_to=session)
    return report


def default_file_name(day: date, suffix: str = ".pdf") -> str:
    return f"日报-{day.isoformat()}{suffix}"
