"""Paper for grids and the people on duty, as PDF (ReportLab, the bundled CJK font, written
atomically):

* the week's duty roster (一周值班表): each day's shifts, who is on them (with their check-in code)
  and how many are still needed, landscape A4 for the notice board;
* each grid's contact sheet (网格联系表): who answers for the grid and for each of its buildings —
  grid leaders and workers, building and unit leaders, party members and their zones — with the
  work phones people on duty gave for exactly this purpose;
* a grid worker's door-to-door list (网格走访清单): the grid's vulnerable residents, its duties of
  the coming week, and every household with a blank column for the visit;
* check-in cards (签到工作证) with the person's code as a Code 128 barcode for the USB scanner.

Residents' phones are masked on paper (138****5678) and ID numbers never printed (PIPL).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.common.files import write_atomically
from app.core.common.masking import mask_phone
from app.core.common.pdf import Footer, numbered_canvas, register_cjk_font
from app.core.grids import duty, duty_shifts, structure
from app.core.trust import audit
from app.core.trust.scope import check_grid
from app.db.engine import Database
from app.db.models import Household, Office
from app.errors import InvalidInput

WEEKDAYS = "一二三四五六日"
INK = "#222222"
RULE = "#555555"
SHADE = "#eeeeee"


@dataclass(frozen=True)
class PrintResult:
    path: Path
    pages: int


def _office(session: Session) -> str:
    return session.scalar(select(Office.name)) or ""


def _e(text: str | None) -> str:
    return escape(text or "")


def day_title(day: date) -> str:
    return f"{day.month}月{day.day}日 星期{WEEKDAYS[day.weekday()]}"


class _Styles:
    def __init__(self, font: str) -> None:
        from reportlab.lib.enums import TA_CENTER
        from reportlab.lib.styles import ParagraphStyle

        base = ParagraphStyle("body", fontName=font, fontSize=10.5, leading=14, wordWrap="CJK")
        self.body = base
        self.title = ParagraphStyle(
            "title", parent=base, fontSize=18, leading=26, alignment=TA_CENTER, spaceAfter=2
        )
        self.subtitle = ParagraphStyle(
            "subtitle", parent=base, fontSize=11, leading=16, alignment=TA_CENTER, spaceAfter=6
        )
        self.heading = ParagraphStyle(
            "heading", parent=base, fontSize=13, leading=18, spaceBefore=8, spaceAfter=4
        )
        self.cell = ParagraphStyle("cell", parent=base, fontSize=10, leading=13)
        self.head = ParagraphStyle(
            "head", parent=base, fontSize=10, leading=13, alignment=TA_CENTER
        )
        self.note = ParagraphStyle("note", parent=base, fontSize=9.5, leading=13)


def _table(rows: list[list[Any]], widths: list[float], *, repeat: int = 1) -> Any:
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    table = Table(rows, colWidths=widths, repeatRows=repeat)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, colors.HexColor(RULE)),
                ("BACKGROUND", (0, 0), (-1, repeat - 1), colors.HexColor(SHADE)),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def _build(
    out: Path,
    story: list[Any],
    *,
    title: str,
    footer: str,
    landscape_page: bool = False,
    printed_at: datetime | None = None,
) -> PrintResult:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    font = register_cjk_font()
    printed_at = printed_at or datetime.now()
    pagesize = landscape(A4) if landscape_page else A4
    frame = Footer(footer, f"打印于 {printed_at:%Y-%m-%d %H:%M}", side=15, baseline=7.5, rule=12)
    canvas = numbered_canvas(frame, font, pagesize)

    def produce(fh: BinaryIO) -> None:
        doc = SimpleDocTemplate(
            fh,
            pagesize=pagesize,
            leftMargin=15 * mm,
            rightMargin=15 * mm,
            topMargin=14 * mm,
            bottomMargin=18 * mm,
            title=title,
            author=footer.split(" · ")[0],
            creator="GridDesk",
        )
        doc.build(story, canvasmaker=canvas)

    path = write_atomically(Path(out), produce)
    return PrintResult(path, int(canvas.pages_written))


# --- the week's duty roster ----------------------------------------------------------------------


def duty_roster_story(
    office: str, monday: date, days: list[tuple[date, list[duty_shifts.ShiftRow]]], grid: str | None
) -> list[Any]:
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, Spacer

    st = _Styles(register_cjk_font())
    sunday = monday + timedelta(days=6)
    scope = f"（网格 {grid}）" if grid else ""
    story: list[Any] = [
        Paragraph(_e(f"{office}一周值班表{scope}"), st.title),
        Paragraph(
            _e(f"{monday.isoformat()}（星期一）至 {sunday.isoformat()}（星期日）"), st.subtitle
        ),
        Paragraph(
            _e(
                "到岗时请在社区办公室扫描工作证条码（或报出编号）签到、离岗时再扫一次签退。"
                "“缺人”一栏表示该班次尚未排满。"
            ),
            st.note,
        ),
        Spacer(1, 3 * mm),
    ]
    widths = [28 * mm, 52 * mm, 40 * mm, 16 * mm, 114 * mm, 17 * mm]
    header = [
        Paragraph(_e(h), st.head)
        for h in ("时间", "任务", "地点 / 网格", "人数", "值班人员（编号）", "缺人")
    ]
    total = 0
    for day, shifts in days:
        block: list[Any] = [Paragraph(_e(day_title(day)) + f"　{day.isoformat()}", st.heading)]
        if not shifts:
            block.append(Paragraph("本日没有排班。", st.note))
            story.append(KeepTogether(block))
            continue
        rows: list[list[Any]] = [header]
        for s in shifts:
            total += 1
            end = s.ends_at.strftime("%H:%M")
            if s.ends_at.date() != s.starts_at.date():
                end = "次日 " + end
            people = "、".join(f"{a.name}（{a.code}，{duty.role_name(a.role)}）" for a in s.people)
            where = " · ".join(x for x in (s.place, s.grid_code) if x)
            rows.append(
                [
                    Paragraph(f"{s.starts_at:%H:%M}–{_e(end)}", st.cell),
                    Paragraph(_e(s.duty if s.kind in s.duty else f"{s.duty}（{s.kind}）"), st.cell),
                    Paragraph(_e(where), st.cell),
                    Paragraph(f"{len(s.people)} / {s.needed}", st.head),
                    Paragraph(_e(people) or "（未排人）", st.cell),
                    Paragraph(_e(f"缺 {s.short}") if s.short else "—", st.head),
                ]
            )
        block.append(_table(rows, widths))
        if len(rows) <= 12:
            story.append(KeepTogether(block))  # a day's heading stays with its shifts
        else:
            story.extend(block)
    if total == 0:
        story.append(Spacer(1, 6 * mm))
        story.append(Paragraph("这一周还没有排任何班次。", st.body))
    return story


def print_duty_roster(
    db: Database,
    day: date,
    out: Path,
    *,
    grid: str | None = None,
    printed_at: datetime | None = None,
) -> PrintResult:
    """The duty roster of the week (Monday to Sunday) that contains `day`."""
    monday = duty_shifts.week_start(day)
    with db.reading() as session:
        code = structure.get_grid(session, grid).code if grid else None
        days = duty_shifts.week_roster(session, monday, code)
        office = _office(session)
    story = duty_roster_story(office, monday, days, code)
    result = _build(
        out,
        story,
        title=f"一周值班表 {monday.isoformat()}",
        footer=f"{office} · 一周值班表 {monday.isoformat()} 起",
        landscape_page=True,
        printed_at=printed_at,
    )
    scope = f"网格 {code}" if code else "全部网格"
    audit.record_in(db, audit.PRINT, f"打印一周值班表 {monday.isoformat()} 起（{scope}）")
    return result


# --- contact sheets ------------------------------------------------------------------------------


def contact_sheet_story(office: str, sheet: duty.ContactSheet, first: bool) -> list[Any]:
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, Spacer

    st = _Styles(register_cjk_font())
    story: list[Any] = [] if first else [PageBreak()]
    story += [
        Paragraph(_e(f"{sheet.grid_name}（{sheet.grid_code}）联系表"), st.title),
        Paragraph(
            _e(
                f"{office} · {len(sheet.buildings)} 栋楼，{sheet.households:,} 户，{sheet.residents:,} 人"
            ),
            st.subtitle,
        ),
        Paragraph("网格负责人", st.heading),
    ]
    if sheet.grid_people:
        rows: list[list[Any]] = [
            [Paragraph(_e(h), st.head) for h in ("职责", "姓名", "联系电话", "单位 / 备注")]
        ]
        for p in sheet.grid_people:
            rows.append(
                [
                    Paragraph(_e(duty.role_name(p.role)), st.cell),
                    Paragraph(_e(p.name), st.cell),
                    Paragraph(_e(p.phone or "—"), st.cell),
                    Paragraph(_e(p.organisation or ""), st.cell),
                ]
            )
        story.append(_table(rows, [30 * mm, 35 * mm, 40 * mm, 75 * mm]))
    else:
        story.append(
            Paragraph("本网格还没有网格长或网格员，请在“网格 · 人员名册”中安排。", st.note)
        )
    story.append(Paragraph("各楼栋负责人", st.heading))
    rows = [
        [
            Paragraph(_e(h), st.head)
            for h in ("楼栋", "户数", "负责范围", "职责", "姓名", "联系电话")
        ]
    ]
    for b in sheet.buildings:
        if not b.people:
            rows.append(
                [
                    Paragraph(_e(f"{b.number}栋"), st.cell),
                    Paragraph(f"{b.households}", st.head),
                    Paragraph("（暂无楼栋负责人，由网格员负责）", st.cell),
                    "",
                    "",
                    "",
                ]
            )
            continue
        for i, (what, p) in enumerate(b.people):
            rows.append(
                [
                    Paragraph(_e(f"{b.number}栋") if i == 0 else "", st.cell),
                    Paragraph(f"{b.households}" if i == 0 else "", st.head),
                    Paragraph(_e(what), st.cell),
                    Paragraph(_e(duty.role_name(p.role)), st.cell),
                    Paragraph(_e(p.name), st.cell),
                    Paragraph(_e(p.phone or "—"), st.cell),
                ]
            )
    story.append(_table(rows, [18 * mm, 16 * mm, 38 * mm, 26 * mm, 32 * mm, 50 * mm]))
    if sheet.others:
        story.append(Paragraph("其他在岗人员（志愿者、社工、共建单位等）", st.heading))
        rows = [
            [
                Paragraph(_e(h), st.head)
                for h in ("职责", "姓名", "联系电话", "技能 / 单位", "可服务时间")
            ]
        ]
        for p in sheet.others:
            rows.append(
                [
                    Paragraph(_e(duty.role_name(p.role)), st.cell),
                    Paragraph(_e(p.name), st.cell),
                    Paragraph(_e(p.phone or "—"), st.cell),
                    Paragraph(_e("、".join(p.skills) or p.organisation or ""), st.cell),
                    Paragraph(_e(p.availability or ""), st.cell),
                ]
            )
        story.append(_table(rows, [26 * mm, 30 * mm, 36 * mm, 48 * mm, 40 * mm]))
    story.append(Spacer(1, 4 * mm))
    story.append(
        Paragraph(
            "本表所列电话为在岗人员提供的工作联系电话，仅供社区工作联络使用，请勿外传。",
            st.note,
        )
    )
    return story


def print_contact_sheets(
    db: Database,
    out: Path,
    *,
    grids: Sequence[str] | None = None,
    printed_at: datetime | None = None,
) -> PrintResult:
    """Each grid's contact sheet (every grid, or those named), one grid per page or more."""
    from app.core.grids import structure as grid_ops

    with db.reading() as session:
        codes = (
            [grid_ops.get_grid(session, c).code for c in grids]
            if grids
            else [g.code for g in grid_ops.list_grids(session)]
        )
        if not codes:
            raise InvalidInput("还没有网格，无法打印联系表。", "There are no grids to print.")
        sheets = [duty.contact_sheet(session, c) for c in codes]
        office = _office(session)
    story: list[Any] = []
    for i, sheet in enumerate(sheets):
        story += contact_sheet_story(office, sheet, i == 0)
    result = _build(
        out,
        story,
        title="网格联系表",
        footer=f"{office} · 网格联系表",
        printed_at=printed_at,
    )
    audit.record_in(db, audit.PRINT, f"打印网格联系表 {len(codes)} 个网格", entity="grid")
    return result


# --- a grid worker's list ------------------------------------------------------------------------


def worker_list_story(
    office: str,
    grid_code: str,
    grid_name: str,
    households: list[structure.HouseholdRow],
    shifts: list[duty_shifts.ShiftRow],
    today: date,
) -> list[Any]:
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer

    st = _Styles(register_cjk_font())
    vulnerable = [h for h in households if h.vulnerable]
    story: list[Any] = [
        Paragraph(_e(f"{grid_name}（{grid_code}）走访清单"), st.title),
        Paragraph(
            _e(
                f"{office} · {len(households):,} 户，其中有重点人群的 {len(vulnerable):,} 户 · "
                f"{today.isoformat()}"
            ),
            st.subtitle,
        ),
        Paragraph("一、重点人群（优先走访）", st.heading),
    ]
    if vulnerable:
        rows: list[list[Any]] = [
            [
                Paragraph(_e(h), st.head)
                for h in ("住址", "户主", "重点人群", "户电话", "走访情况", "日期")
            ]
        ]
        for h in vulnerable:
            rows.append(
                [
                    Paragraph(_e(h.address_code), st.cell),
                    Paragraph(_e(h.head or ""), st.cell),
                    Paragraph(_e("；".join(h.vulnerable)), st.cell),
                    Paragraph(_e(mask_phone(h.phone)), st.cell),
                    "",
                    "",
                ]
            )
        story.append(_table(rows, [22 * mm, 20 * mm, 56 * mm, 26 * mm, 38 * mm, 18 * mm]))
    else:
        story.append(Paragraph("本网格没有登记重点人群。", st.note))
    story.append(Paragraph("二、本网格近七天的任务", st.heading))
    if shifts:
        rows = [[Paragraph(_e(h), st.head) for h in ("日期", "时间", "任务", "地点", "人员")]]
        for s in shifts:
            rows.append(
                [
                    Paragraph(_e(day_title(s.starts_at.date())), st.cell),
                    Paragraph(f"{s.starts_at:%H:%M}–{s.ends_at:%H:%M}", st.cell),
                    Paragraph(_e(s.duty), st.cell),
                    Paragraph(_e(s.place or ""), st.cell),
                    Paragraph(_e("、".join(a.name for a in s.people) or "未排人"), st.cell),
                ]
            )
        story.append(_table(rows, [30 * mm, 24 * mm, 44 * mm, 32 * mm, 50 * mm]))
    else:
        story.append(Paragraph("近七天没有本网格的任务。", st.note))
    story.append(Paragraph("三、全部住户", st.heading))
    rows = [
        [
            Paragraph(_e(h), st.head)
            for h in ("住址", "户号", "户主", "人数", "重点人群", "走访记录")
        ]
    ]
    for h in households:
        rows.append(
            [
                Paragraph(_e(h.address_code), st.cell),
                Paragraph(_e(h.code), st.cell),
                Paragraph(_e(h.head or ""), st.cell),
                Paragraph(f"{h.members}", st.head),
                Paragraph(
                    _e("、".join(v.split("（")[1].rstrip("）") for v in h.vulnerable)), st.cell
                ),
                "",
            ]
        )
    story.append(_table(rows, [22 * mm, 22 * mm, 22 * mm, 12 * mm, 52 * mm, 50 * mm]))
    story.append(Spacer(1, 3 * mm))
    story.append(Paragraph("电话已作脱敏处理；完整信息请在社区电脑上查询。", st.note))
    return story


def print_worker_list(
    db: Database,
    grid: str,
    out: Path,
    *,
    today: date | None = None,
    printed_at: datetime | None = None,
) -> PrintResult:
    """What a grid worker takes door to door: the grid's vulnerable people, its duties this week
    and all its households."""
    today = today or date.today()
    with db.reading() as session:
        g = structure.get_grid(session, grid)
        check_grid(session, grid_id=g.id)  # a grid worker: their own grids' lists
        households = structure.household_rows(session, Household.grid_id == g.id)
        start = datetime.combine(today, datetime.min.time())
        shifts = duty_shifts.shifts_between(session, start, start + timedelta(days=7), grid=g.code)
        office = _office(session)
        code, name = g.code, g.name
    story = worker_list_story(office, code, name, households, shifts, today)
    result = _build(
        out,
        story,
        title=f"{name} 走访清单",
        footer=f"{office} · {name}（{code}）走访清单",
        printed_at=printed_at,
    )
    audit.record_in(
        db,
        audit.PRINT,
        f"打印走访清单 网格 {code}，{len(households)} 户",
        entity="grid",
        record=code,
    )
    return result


# --- check-in cards ------------------------------------------------------------------------------


def print_duty_cards(
    db: Database,
    out: Path,
    *,
    codes: Sequence[str] | None = None,
) -> PrintResult:
    """Cards of 85 × 54 mm, ten to an A4 page, each with the person's code as a barcode."""
    from reportlab.graphics.barcode.code128 import Code128
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    font = register_cjk_font()
    with db.reading() as session:
        people = duty.list_people(session, duty.PeopleQuery(active_only=not codes))
        office = _office(session)
        if codes:
            wanted = [duty.find_person(session, c).code for c in codes]
            people = [p for p in people if p.code in wanted]
    if not people:
        raise InvalidInput(
            "名册中没有在岗人员，无法打印工作证。", "No one on duty to print cards for."
        )
    card_w, card_h = 85 * mm, 54 * mm
    page_w, page_h = A4
    left = (page_w - 2 * card_w) / 3
    top = (page_h - 5 * card_h) / 2
    pages = 0

    def produce(fh: BinaryIO) -> None:
        nonlocal pages
        c = Canvas(fh, pagesize=A4)
        c.setTitle("签到工作证")
        c.setAuthor(office)
        c.setCreator("GridDesk")
        for i, p in enumerate(people):
            slot = i % 10
            if slot == 0 and i:
                c.showPage()
            col, row = slot % 2, slot // 2
            x = left + col * (card_w + left)
            y = page_h - top - (row + 1) * card_h
            c.setStrokeColor(colors.HexColor("#999999"))
            c.setDash(2, 2)
            c.rect(x, y, card_w, card_h)  # the cutting line
            c.setDash()
            c.setFillColor(colors.HexColor(INK))
            c.setFont(font, 9)
            c.drawString(x + 5 * mm, y + card_h - 8 * mm, f"{office} · 社区应急工作证")
            c.setFont(font, 17)
            c.drawString(x + 5 * mm, y + card_h - 17 * mm, p.name)
            c.setFont(font, 10)
            role = duty.role_name(p.role) + (f" · {p.grid_name}" if p.grid_name else "")
            c.drawString(x + 5 * mm, y + card_h - 23 * mm, role)
            if p.organisation:
                c.setFont(font, 8.5)
                c.drawString(x + 5 * mm, y + card_h - 28 * mm, p.organisation[:24])
            barcode = Code128(p.code, barHeight=12 * mm, barWidth=0.42 * mm, quiet=False)
            barcode.drawOn(c, x + 5 * mm, y + 8 * mm)
            c.setFont(font, 10)
            c.drawString(x + 5 * mm, y + 3.5 * mm, f"签到编号 {p.code}")
        c.showPage()
        pages = (len(people) + 9) // 10
        c.save()

    path = write_atomically(Path(out), produce)
    audit.record_in(db, audit.PRINT, f"打印签到工作证 {len(people)} 张", entity="duty_person")
    return PrintResult(path, pages)
