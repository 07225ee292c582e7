"""The street office's aggregated report (各社区汇总): its communities side by side with totals,
counted from the records their packages brought (app.core.street.communities), as PDF (ReportLab, in the house
style of the daily report) and .xlsx.

    overview = street_overview(session)
    write_street_report(overview, Path("各社区汇总.pdf"))     # or .xlsx

Sections: 数据报送 (last package, how late — late ones named in words), 人口与住户, 重点人群 (by
tag), 物资 (stock on hand, open distributions, the shortages and households waiting each community
reported with its last package), 会议待办, 居民诉求 (counts per community and per category:
received, open, overdue, done on time, satisfied at callback — nobody named). A community that has sent nothing yet is listed with its figures as
“—”, not as zeros that look like data.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from sqlalchemy.orm import Session

from app.core.common.files import write_atomically
from app.core.common.pdf import Footer, numbered_canvas, register_cjk_font
from app.core.printing.daily_report import _chart_drawing, signature_block
from app.core.printing.daily_report_sections import NUMERALS, Chart, Section, Table
from app.core.street.communities import (
    VISIT_WEEK_DAYS,
    CommunityRow,
    StreetOverview,
    local_time,
    street_overview,
)
from app.errors import InvalidInput

NONE = "—"
LATE_WORD = "逾期"
ON_TIME_WORD = "正常"


def _title(overview: StreetOverview) -> str:
    return f"{overview.office}各社区汇总报表"


def _figure(row: CommunityRow, value: int) -> int | str:
    """A community that has sent nothing shows “—”, not a zero."""
    return value if row.last_package else NONE


def _state(row: CommunityRow) -> str:
    return LATE_WORD if row.late else ON_TIME_WORD


def build_sections(overview: StreetOverview) -> list[Section]:
    """The report's sections in the order they are printed; each is built by a helper of its own so
    that one section can be read, and changed, without the other five."""
    return [
        _packages_section(overview),
        _population_section(overview),
        _vulnerable_section(overview),
        _supplies_section(overview),
        _meetings_section(overview),
        _requests_section(overview),
        _visits_section(overview),
    ]


def _packages_section(overview: StreetOverview) -> Section:
    """数据报送: when each community last sent a package, the late ones named in words."""
    rows = overview.rows
    s = Section("packages", "数据报送")
    late = overview.late
    s.lines.append(
        f"已登记社区 {len(rows)} 个；超过 {overview.late_after_hours} 小时未收到数据包的"
        f"（{LATE_WORD}）{len(late)} 个"
        + ("：" + "、".join(r.name for r in late) if late else "")
        + "。"
    )
    s.tables.append(
        Table(
            ("社区", "机构代码", "最近数据包", "生成时间", "距今", "状态"),
            [
                (
                    r.name,
                    r.code,
                    f"第 {r.last_package} 号" if r.last_package else NONE,
                    local_time(r.last_package_at),
                    r.lateness(),
                    _state(r),
                )
                for r in rows
            ],
            (3, 3, 2, 3.4, 3, 1.4),
            "各社区最近一次数据包（时间为本机时间）",
        )
    )
    return s


def _population_section(overview: StreetOverview) -> Section:
    """人口与住户: households and residents per community, with the street's total."""
    rows = overview.rows
    totals = overview.totals()
    s = Section("population", "人口与住户")
    s.lines.append(
        f"各社区合计在册住户 {totals['households']:,} 户，在住居民 {totals['residents']:,} 人，"
        f"重点人群 {totals['vulnerable']:,} 人（一人可有多个标签）。"
    )
    pop_rows: list[tuple[Any, ...]] = [
        (
            r.name,
            _figure(r, r.households),
            _figure(r, r.residents),
            _figure(r, r.vulnerable),
        )
        for r in rows
    ]
    pop_rows.append(("合计", totals["households"], totals["residents"], totals["vulnerable"]))
    s.tables.append(
        Table(("社区", "住户", "在住居民", "重点人群"), pop_rows, (4, 2, 2, 2), "各社区住户与居民")
    )
    sent = [r for r in rows if r.last_package]
    if sent:
        s.charts.append(
            Chart("各社区在住居民（人）", [r.name for r in sent], [r.residents for r in sent])
        )
    return s


def _vulnerable_section(overview: StreetOverview) -> Section:
    """重点人群: people per vulnerable-group tag and community."""
    rows = overview.rows
    totals = overview.totals()
    s = Section("vulnerable", "重点人群")
    if not overview.tags:
        s.lines.append("没有设为重点人群的标签。")
    else:
        tag_rows: list[tuple[Any, ...]] = [
            (r.name, *(_figure(r, r.by_tag.get(t, 0)) for t in overview.tags)) for r in rows
        ]
        tag_rows.append(("合计", *(totals["by_tag"][t] for t in overview.tags)))
        s.tables.append(
            Table(
                ("社区", *overview.tags),
                tag_rows,
                (2.4, *(1.5 for _ in overview.tags)),
                "按标签统计（人）",
            )
        )
    return s


def _supplies_section(overview: StreetOverview) -> Section:
    """物资: stock, open distributions and the shortages each community reported."""
    rows = overview.rows
    totals = overview.totals()
    s = Section("supplies", "物资")
    s.lines.append(
        "库存为各社区物资台账的结余；发放计划的分户明细留在社区，此处统计进行中的发放、已签收的户数，"
        "以及各社区导出数据包时尚未发放的份额（缺口 = 待发数超出库存的部分）。"
    )
    supply_rows: list[tuple[Any, ...]] = [
        (
            r.name,
            _figure(r, r.items_in_stock),
            _figure(r, r.items_out_of_stock),
            _figure(r, r.open_campaigns),
            _figure(r, r.delivered_households),
            r.needs_text(),
        )
        for r in rows
    ]
    supply_rows.append(
        (
            "合计",
            NONE,
            NONE,
            totals["open_campaigns"],
            totals["delivered_households"],
            f"{totals['communities_short']} 个社区有缺口",
        )
    )
    s.tables.append(
        Table(
            ("社区", "有库存品种", "缺货品种", "进行中发放", "已签收户数", "缺口"),
            supply_rows,
            (3, 1.6, 1.6, 1.6, 1.6, 5),
            "各社区物资",
        )
    )
    need_rows: list[tuple[Any, ...]] = [
        (r.name, n.item, n.unit, n.needed, n.on_hand, n.shortage, n.households_waiting)
        for r in rows
        for n in r.needs
    ]
    if need_rows:
        s.tables.append(
            Table(
                ("社区", "物资", "单位", "待发", "库存", "缺口", "待领户数"),
                need_rows,
                (3, 2.4, 1.2, 1.6, 1.6, 1.6, 1.6),
                "各社区尚未发放的物资（各社区最近一次数据包所报）",
            )
        )
    stock = overview.stock_totals()
    if stock:
        s.tables.append(
            Table(
                ("物资", "单位", "各社区库存合计", "缺货社区"),
                [
                    (
                        st.item,
                        st.unit,
                        st.on_hand,
                        "、".join(
                            r.name
                            for r in rows
                            for x in r.stock
                            if x.item == st.item and x.unit == st.unit and x.on_hand <= 0
                        )
                        or NONE,
                    )
                    for st in stock
                ],
                (3, 1.5, 2.5, 5),
                "各物资库存（按物资名称与单位合计）",
            )
        )
    else:
        s.lines.append("各社区尚未登记物资。")
    return s


def _meetings_section(overview: StreetOverview) -> Section:
    """会议待办: open and overdue action items per community."""
    rows = overview.rows
    totals = overview.totals()
    s = Section("meetings", "会议待办")
    s.lines.append(
        f"各社区会议决定的待办事项未办结 {totals['open_action_items']:,} 项，"
        f"其中逾期 {totals['overdue_action_items']:,} 项。"
    )
    todo_rows: list[tuple[Any, ...]] = [
        (r.name, _figure(r, r.open_action_items), _figure(r, r.overdue_action_items)) for r in rows
    ]
    todo_rows.append(("合计", totals["open_action_items"], totals["overdue_action_items"]))
    s.tables.append(Table(("社区", "未办结", "其中逾期"), todo_rows, (4, 2, 2), "待办事项"))
    return s


def _pct(value: float | None) -> str:
    return NONE if value is None else f"{value:.1f}%"


def _requests_section(overview: StreetOverview) -> Section:
    """居民诉求: per community and per category, as counts (nobody named)."""
    from app.core.requests.requests import CATEGORY_LABELS, Category

    s = Section("requests", "居民诉求")
    total = overview.request_totals()
    s.lines.append(
        f"各社区登记居民诉求、投诉和举报共 {total.received:,} 件，未办结 {total.open:,} 件，其中超期 "
        f"{total.overdue:,} 件；已办结 {total.done:,} 件，按期办结率 {_pct(total.on_time_pct)}；"
        f"回访 {total.called_back:,} 件，满意 {total.satisfied:,} 件。（按各社区最近一次数据包统计）"
    )
    rows: list[tuple[Any, ...]] = [
        (
            r.name,
            _figure(r, r.requests.received),
            _figure(r, r.requests.open),
            _figure(r, r.requests.overdue),
            _pct(r.requests.on_time_pct) if r.last_package else NONE,
            f"{r.requests.satisfied}/{r.requests.called_back}" if r.last_package else NONE,
        )
        for r in overview.rows
    ]
    rows.append(
        (
            "合计",
            total.received,
            total.open,
            total.overdue,
            _pct(total.on_time_pct),
            f"{total.satisfied}/{total.called_back}",
        )
    )
    s.tables.append(
        Table(
            ("社区", "收到", "未办结", "其中超期", "按期办结率", "回访满意"),
            rows,
            (4, 1.6, 1.6, 1.6, 2, 2),
            "各社区居民诉求",
        )
    )
    by_cat = overview.request_totals_by_category()
    if by_cat:
        cat_rows: list[tuple[Any, ...]] = [
            (CATEGORY_LABELS[c][0], n.received, n.open, n.overdue, _pct(n.on_time_pct))
            for c in Category
            if (n := by_cat.get(c.value)) is not None
        ]
        s.tables.append(
            Table(
                ("类别", "收到", "未办结", "其中超期", "按期办结率"),
                cat_rows,
                (4, 1.6, 1.6, 1.6, 2),
                "按类别",
            )
        )
    return s


def _visits_section(overview: StreetOverview) -> Section:
    """随访: per community, as counts (nobody visited is named); see VisitCounts for each figure."""
    s = Section("visits", "随访")
    total = overview.visit_totals()
    s.lines.append(
        f"各社区进行中的随访计划 {total.plans:,} 个；今日应随访 {total.due_today:,} 人次，已记录 "
        f"{total.recorded_today:,} 人次；近 {VISIT_WEEK_DAYS} 天漏访 {total.missed:,} 人次，发现需要"
        f"帮助 {total.needs_help:,} 人次。（按各社区最近一次数据包统计；社区打开当天的随访清单后才有"
        "当天的随访）"
    )
    rows: list[tuple[Any, ...]] = [
        (
            r.name,
            _figure(r, r.visits.plans),
            _figure(r, r.visits.due_today),
            _figure(r, r.visits.recorded_today),
            _figure(r, r.visits.missed),
            _figure(r, r.visits.needs_help),
        )
        for r in overview.rows
    ]
    rows.append(
        (
            "合计",
            total.plans,
            total.due_today,
            total.recorded_today,
            total.missed,
            total.needs_help,
        )
    )
    s.tables.append(
        Table(
            (
                "社区",
                "进行中计划",
                "今日应随访",
                "今日已记录",
                f"近 {VISIT_WEEK_DAYS} 天漏访",
                "需帮助",
            ),
            rows,
            (4, 1.8, 1.8, 1.8, 1.8, 1.6),
            "各社区随访",
        )
    )
    return s


# --- PDF -----------------------------------------------------------------------------------------


def _pdf_story(overview: StreetOverview, sections: list[Section], font: str) -> list[Any]:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import HRFlowable, KeepTogether, Paragraph, Spacer, TableStyle
    from reportlab.platypus import Table as PdfTable

    body = ParagraphStyle("body", fontName=font, fontSize=10.5, leading=16, wordWrap="CJK")
    title = ParagraphStyle("title", parent=body, fontSize=20, leading=28, alignment=TA_CENTER)
    sub = ParagraphStyle("sub", parent=body, fontSize=11, leading=17, alignment=TA_CENTER)
    heading = ParagraphStyle(
        "heading", parent=body, fontSize=13.5, leading=20, spaceBefore=10, spaceAfter=4
    )
    caption = ParagraphStyle("caption", parent=body, fontSize=9.5, leading=13, textColor="#444444")
    cell = ParagraphStyle("cell", parent=body, fontSize=9.5, leading=13)
    late = ParagraphStyle("late", parent=cell, textColor="#9b1c1c")
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
        Paragraph(escape(_title(overview)), title),
        Paragraph(f"生成时间：{overview.stamp()} · 机构代码 {escape(overview.office_code)}", sub),
        Paragraph("数据均由各社区数据包中的记录直接统计", sub),
        Spacer(1, 2 * mm),
        HRFlowable(width="100%", thickness=1.4, color=colors.HexColor("#9b1c1c")),
        Spacer(1, 2 * mm),
        Paragraph(
            "统计口径：各社区的数字为本街道办最近导入的该社区数据包所载记录；"
            "尚未收到数据包的社区，数字以“—”表示。",
            caption,
        ),
    ]
    for i, section in enumerate(sections):
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
            style = [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#777777")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8ecf2")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
            for r, row in enumerate(table.rows, start=1):
                cells = []
                for v in row:
                    if isinstance(v, int):
                        cells.append(Paragraph(f"{v:,}", figure))
                    elif v == LATE_WORD:
                        cells.append(Paragraph(LATE_WORD, late))
                    elif v == NONE:
                        cells.append(Paragraph(NONE, figure))
                    else:
                        cells.append(Paragraph(escape(str(v)), cell))
                data.append(cells)
                if row and row[0] == "合计":
                    style.append(("BACKGROUND", (0, r), (-1, r), colors.HexColor("#f1f1f1")))
                    style.append(("LINEABOVE", (0, r), (-1, r), 1.2, colors.black))
                if LATE_WORD in row:
                    style.append(("BACKGROUND", (0, r), (-1, r), colors.HexColor("#fbe9e7")))
            t = PdfTable(data, colWidths=widths, repeatRows=1)
            t.setStyle(TableStyle(style))
            story.append(t)
        for chart in section.charts:
            story.append(Spacer(1, 3 * mm))
            story.append(_chart_drawing(chart, font, width))
    story.append(signature_block(body, width))
    return story


def render_pdf(overview: StreetOverview, fh: BinaryIO) -> None:
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
        title=_title(overview),
        author=overview.office,
        subject=f"各社区汇总，生成于 {overview.stamp()}",
        creator="GridDesk",
    )
    footer = f"{overview.office} 各社区汇总 · 生成于 {overview.stamp()}"
    story = _pdf_story(overview, build_sections(overview), font)
    doc.build(story, canvasmaker=numbered_canvas(Footer(footer), font))


# --- xlsx ----------------------------------------------------------------------------------------

XLSX_COLUMNS = (
    "社区",
    "机构代码",
    "最近数据包",
    "生成时间",
    "距今",
    "状态",
    "住户",
    "在住居民",
    "重点人群",
)


def render_xlsx(overview: StreetOverview, fh: BinaryIO) -> None:
    """Sheets 各社区汇总 (one row per community, a 合计 row), 物资库存 (on hand per item) and 物资缺口
    (what is still to hand out); each sheet is written by a helper of its own."""
    import xlsxwriter  # type: ignore[import-untyped]

    # the workbook is made in memory and written to `fh` in one piece: a full disk then fails
    # that one write, cleanly, instead of leaving the writer's zip half-closed
    made = io.BytesIO()
    book = xlsxwriter.Workbook(made, {"in_memory": True})
    book.set_properties(
        {
            "title": _title(overview),
            "author": overview.office,
            "comments": f"生成于 {overview.stamp()}，由 GridDesk 从各社区数据包的记录统计",
        }
    )
    f = _xlsx_formats(book)
    _communities_sheet(book, overview, f)
    _stock_sheet(book, overview, f)
    _needs_sheet(book, overview, f)
    book.close()
    fh.write(made.getvalue())


@dataclass(frozen=True)
class _XlsxFormats:
    """The cell formats the three sheets share, made once per workbook."""

    title: Any
    header: Any
    cell: Any
    late: Any
    number: Any
    total_cell: Any
    total_number: Any
    note: Any


def _xlsx_formats(book: Any) -> _XlsxFormats:
    title = book.add_format({"bold": True, "font_size": 16})
    header = book.add_format({"bold": True, "bg_color": "#E8ECF2", "border": 1, "text_wrap": True})
    cell = book.add_format({"border": 1})
    late = book.add_format({"border": 1, "bold": True, "bg_color": "#FBE9E7"})
    number = book.add_format({"border": 1, "num_format": "#,##0"})
    total_cell = book.add_format({"border": 1, "bold": True, "top": 2})
    total_number = book.add_format({"border": 1, "bold": True, "top": 2, "num_format": "#,##0"})
    note = book.add_format({"italic": True, "font_color": "#555555"})
    return _XlsxFormats(title, header, cell, late, number, total_cell, total_number, note)


def _communities_sheet(book: Any, overview: StreetOverview, f: _XlsxFormats) -> None:
    """Sheet 各社区汇总: one row per community and a 合计 row, every figure of the PDF side by side,
    so that an office can sort and filter them."""
    tags = overview.tags
    headers = (
        *XLSX_COLUMNS,
        *tags,
        "有库存品种",
        "缺货品种",
        "进行中发放",
        "已签收户数",
        "缺口",
        "待领户数",
        "未办结待办",
        "其中逾期",
        "诉求未办结",
        "诉求超期",
        "今日应随访",
        "今日已记录随访",
        f"漏访（近 {VISIT_WEEK_DAYS} 天）",
        "随访需帮助",
    )
    sheet = book.add_worksheet("各社区汇总")
    sheet.write(0, 0, _title(overview), f.title)
    sheet.write(1, 0, f"生成时间：{overview.stamp()}（数据均由各社区数据包中的记录直接统计）")
    sheet.write(
        2,
        0,
        f"超过 {overview.late_after_hours} 小时未收到数据包的社区标为“{LATE_WORD}”；"
        f"尚未收到数据包的社区数字为“{NONE}”。",
        f.note,
    )
    top = 4
    for c, h in enumerate(headers):
        sheet.write_string(top, c, h, f.header)
    sheet.set_row(top, 32)
    sheet.set_column(0, 0, 16)
    sheet.set_column(1, 1, 14)
    sheet.set_column(2, 5, 12)
    sheet.set_column(3, 3, 17)
    sheet.set_column(6, len(headers) - 1, 9)
    gap = headers.index("缺口")
    sheet.set_column(gap, gap, 30)
    row_n = top
    for r in overview.rows:
        row_n += 1
        values = _xlsx_row(r, tags)
        for c, v in enumerate(values):
            if isinstance(v, int):
                sheet.write_number(row_n, c, v, f.number)
            else:
                sheet.write_string(row_n, c, str(v), f.late if v == LATE_WORD else f.cell)
    totals = overview.totals()
    row_n += 1
    total_values: list[Any] = [
        "合计",
        f"{totals['communities']} 个社区",
        "",
        "",
        "",
        f"{LATE_WORD} {totals['late']} 个",
        totals["households"],
        totals["residents"],
        totals["vulnerable"],
        *(totals["by_tag"][t] for t in tags),
        "",
        "",
        totals["open_campaigns"],
        totals["delivered_households"],
        f"{totals['communities_short']} 个社区有缺口",
        "",
        totals["open_action_items"],
        totals["overdue_action_items"],
        totals["requests"]["open"],
        totals["requests"]["overdue"],
        *_visit_figures(overview.visit_totals()),
    ]
    for c, v in enumerate(total_values):
        if isinstance(v, int):
            sheet.write_number(row_n, c, v, f.total_number)
        else:
            sheet.write_string(row_n, c, v, f.total_cell)
    sheet.freeze_panes(top + 1, 1)


def _xlsx_row(r: CommunityRow, tags: Sequence[str]) -> list[Any]:
    """One community's figures in the order of the sheet's headers (XLSX_COLUMNS, then the tags and
    the rest), kept apart so the order can be checked against the headers at a glance."""
    return [
        r.name,
        r.code,
        r.last_package or NONE,
        local_time(r.last_package_at),
        r.lateness(),
        _state(r),
        _figure(r, r.households),
        _figure(r, r.residents),
        _figure(r, r.vulnerable),
        *(_figure(r, r.by_tag.get(t, 0)) for t in tags),
        _figure(r, r.items_in_stock),
        _figure(r, r.items_out_of_stock),
        _figure(r, r.open_campaigns),
        _figure(r, r.delivered_households),
        r.needs_text(),
        _figure(r, r.households_waiting),
        _figure(r, r.open_action_items),
        _figure(r, r.overdue_action_items),
        _figure(r, r.requests.open),
        _figure(r, r.requests.overdue),
        *(_visit_figures(r.visits) if r.last_package else [NONE] * 4),
    ]


def _visit_figures(v: Any) -> list[int]:
    return [v.due_today, v.recorded_today, v.missed, v.needs_help]


def _stock_sheet(book: Any, overview: StreetOverview, f: _XlsxFormats) -> None:
    """Sheet 物资库存: what each community has on hand, item by item."""
    stock = book.add_worksheet("物资库存")
    for c, h in enumerate(("社区", "机构代码", "物资", "单位", "库存")):
        stock.write_string(0, c, h, f.header)
    stock.set_column(0, 0, 16)
    stock.set_column(1, 1, 14)
    stock.set_column(2, 4, 12)
    n = 0
    for r in overview.rows:
        for st in r.stock:
            n += 1
            for c, v in enumerate((r.name, r.code, st.item, st.unit)):
                stock.write_string(n, c, v, f.cell)
            stock.write_number(n, 4, st.on_hand, f.number)
    if n == 0:
        stock.write_string(1, 0, "各社区尚未登记物资。", f.note)


def _needs_sheet(book: Any, overview: StreetOverview, f: _XlsxFormats) -> None:
    """Sheet 物资缺口: what each community has still to hand out, and what it lacks for it."""
    needs = book.add_worksheet("物资缺口")
    for c, h in enumerate(("社区", "机构代码", "物资", "单位", "待发", "库存", "缺口", "待领户数")):
        needs.write_string(0, c, h, f.header)
    needs.set_column(0, 0, 16)
    needs.set_column(1, 1, 14)
    needs.set_column(2, 7, 10)
    n = 0
    for r in overview.rows:
        for nd in r.needs:
            n += 1
            for c, v in enumerate((r.name, r.code, nd.item, nd.unit)):
                needs.write_string(n, c, v, f.cell)
            for c, x in enumerate((nd.needed, nd.on_hand, nd.shortage, nd.households_waiting), 4):
                needs.write_number(n, c, x, f.number)
    if n == 0:
        needs.write_string(1, 0, "各社区没有尚未发放的物资。", f.note)


def write_street_report(overview: StreetOverview, out: Path) -> Path:
    """Write the report as PDF or .xlsx (by the file's suffix), atomically."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix == ".pdf":
        return write_atomically(out, lambda fh: render_pdf(overview, fh))
    if suffix == ".xlsx":
        return write_atomically(out, lambda fh: render_xlsx(overview, fh))
    raise InvalidInput(
        f"汇总报表只能保存为 .pdf 或 .xlsx：{out.name}",
        f"The street report is saved as .pdf or .xlsx: {out.name}",
    )


def street_report(session: Session, out: Path) -> StreetOverview:
    """Count the communities and write the report to `out` (.pdf or .xlsx)."""
    if Path(out).suffix.lower() not in (".pdf", ".xlsx"):
        raise InvalidInput(
            f"汇总报表只能保存为 .pdf 或 .xlsx：{Path(out).name}",
            f"The street report is saved as .pdf or .xlsx: {Path(out).name}",
        )
    overview = street_overview(session)
    write_street_report(overview, out)
    return overview


def default_file_name(day: date, suffix: str = ".pdf") -> str:
    return f"各社区汇总-{day.isoformat()}{suffix}"
