"""The household roster on paper (住户名单), as PDF in the house style of the other printed lists
(ReportLab, the bundled CJK font, written atomically, "第 x 页 共 y 页" in the footer).

One row per resident, grouped by household in address order: the household's address and code
stand once beside its members (head first), with their relation to the head, gender, age, masked
ID number (420106********1234) and phone (138****5678), and tags. The age stands where a birth date
would: beside the masked ID number the birth date would give the number back (`app.core.common.masking`).
Which residents: the 住户 page's current filter (`ResidentFilter`), or a grid, a building or a tag
from the CLI.

The rows are plain strings in a few tables of at most `ROWS_PER_TABLE` rows (a paragraph per cell,
or one table of 180,000 rows, would take ReportLab minutes to lay out).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.common.masking import MASKED_NOTE, mask_id_number, mask_phone, masked_birth
from app.core.common.progress import Progress, no_progress
from app.core.grids import structure
from app.core.grids.paper import PrintResult, _build, _e, _office, _Styles
from app.core.registry.lookup import ResidentFilter, _filtered
from app.core.registry.vocabulary import HEAD, gender_name
from app.core.trust import audit
from app.core.trust.roles import Permission, require
from app.core.trust.scope import check_grid
from app.db.engine import Database
from app.db.models import Building, Household, Resident, split_tags
from app.errors import InvalidInput

ROWS_PER_TABLE = 120
HEADERS = (
    "住址",
    "户号",
    "姓名",
    "与户主关系",
    "性别",
    "年龄",
    "身份证号",
    "联系电话",
    "人员类别",
)


@dataclass(frozen=True)
class RosterLine:
    household_id: int
    address_code: str
    household_code: str
    name: str
    relation: str
    gender: str
    age: str  # 61岁: never the birth date beside the masked ID number
    id_number: str  # masked
    phone: str  # masked
    tags: str


def scope_filter(
    session: Session,
    *,
    grid: str | None = None,
    building: str | None = None,
    tag: str | None = None,
) -> tuple[ResidentFilter, str]:
    """The filter a CLI scope names, and how the title describes it."""
    if grid:
        found = structure.get_grid(session, grid)
        check_grid(session, grid_id=found.id)
        return ResidentFilter(grid_id=found.id), f"网格 {found.code} {found.name}".strip()
    if building:
        number = "".join(building.split()).removesuffix("栋").removesuffix("号楼")
        building_id = session.scalar(
            select(Building.id).where(Building.number == number, Building.deleted_at.is_(None))
        )
        if building_id is None:
            raise InvalidInput(f"没有 {building} 栋", f"No building {building}")
        return ResidentFilter(building_id=building_id), f"{number}栋"
    if tag:
        return ResidentFilter(tag=tag.strip()), f"人员类别：{tag.strip()}"
    return ResidentFilter(), "全部住户"


def roster_lines(
    session: Session, f: ResidentFilter, today: date | None = None
) -> list[RosterLine]:
    """The residents `f` selects, as printed: grouped by household in address order, head first;
    ages as on `today` (default: today)."""
    on = today or date.today()
    require(session, Permission.PRINT_PERSONAL)
    q = _filtered(
        session,
        select(
            Resident.household_id,
            Household.address_code,
            Household.code,
            Resident.name,
            Resident.relation,
            Resident.is_head,
            Resident.gender,
            Resident.birth_date,
            Resident.id_number,
            Resident.phone,
            Resident.tags,
            Building.number,
            Household.unit,
            Household.room,
        ).select_from(Resident),
        f,
        joined=True,
    ).join(Building, Building.id == Household.building_id)
    rows = list(session.execute(q).all())

    def order(r: Any) -> tuple[Any, ...]:
        number = r.number or ""
        room = r.room or ""
        return (
            (0, int(number)) if number.isdigit() else (1, number),
            r.unit,
            (0, int(room)) if room.isdigit() else (1, room),
            r.household_id,
            not r.is_head,
            r.birth_date or date.max,
            r.name,
        )

    rows.sort(key=order)
    return [
        RosterLine(
            r.household_id,
            r.address_code,
            r.code,
            r.name,
            HEAD if r.is_head else (r.relation or ""),
            gender_name(r.gender),
            masked_birth(r.birth_date, on),
            mask_id_number(r.id_number) if r.id_number else "",
            mask_phone(r.phone),
            "、".join(split_tags(r.tags)),
        )
        for r in rows
    ]


def roster_story(
    office: str, scope: str, lines: list[RosterLine], today: date, progress: Progress
) -> list[Any]:
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    from app.core.grids.paper import RULE, SHADE

    st = _Styles(font := _font())
    households = len({line.household_id for line in lines})
    story: list[Any] = [
        Paragraph(_e(f"{office}住户名单"), st.title),
        Paragraph(
            _e(f"{scope} · {households:,} 户 {len(lines):,} 人 · {today.isoformat()}"),
            st.subtitle,
        ),
        Paragraph(
            _e(f"{MASKED_NOTE}名单含个人信息，用后请妥善保管或销毁，不得外传。"),
            st.note,
        ),
        Spacer(1, 3 * mm),
    ]
    if not lines:
        story.append(Spacer(1, 6 * mm))
        story.append(Paragraph("没有符合条件的住户。", st.body))
        return story
    widths = [x * mm for x in (24, 20, 24, 20, 11, 14, 42, 27, 85)]
    for start in range(0, len(lines), ROWS_PER_TABLE):
        chunk = lines[start : start + ROWS_PER_TABLE]
        data: list[list[Any]] = [list(HEADERS)]
        spans: list[tuple[Any, ...]] = []
        shade: list[tuple[Any, ...]] = []
        first = 1
        for i, line in enumerate(chunk, 1):
            new = i == 1 or chunk[i - 2].household_id != line.household_id
            if new:
                if i > first:
                    spans += [("SPAN", (0, first), (0, i - 1)), ("SPAN", (1, first), (1, i - 1))]
                first = i
                shade.append(("LINEABOVE", (0, i), (-1, i), 1.2, colors.HexColor("#333333")))
            tags: Any = line.tags
            if len(tags) > 14:  # wraps in its column
                tags = Paragraph(_e(tags), st.cell)
            data.append(
                [
                    line.address_code if new else "",
                    line.household_code if new else "",
                    line.name,
                    line.relation,
                    line.gender,
                    line.age,
                    line.id_number,
                    line.phone,
                    tags,
                ]
            )
        if len(chunk) + 1 > first:
            spans += [
                ("SPAN", (0, first), (0, len(chunk))),
                ("SPAN", (1, first), (1, len(chunk))),
            ]
        table = Table(data, colWidths=widths, repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), font),
                    ("FONTSIZE", (0, 0), (-1, -1), 10),
                    ("LEADING", (0, 0), (-1, -1), 13),
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor(RULE)),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(SHADE)),
                    ("ALIGN", (0, 0), (-1, 0), "CENTER"),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                    ("LEFTPADDING", (0, 0), (-1, -1), 3),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                    *spans,
                    *shade,
                ]
            )
        )
        story.append(table)
        progress(start + len(chunk), len(lines) * 2, "排版")
    return story


def _font() -> str:
    from app.core.common.pdf import register_cjk_font

    return register_cjk_font()


def print_residents(
    db: Database,
    out: Path,
    f: ResidentFilter | None = None,
    *,
    grid: str | None = None,
    building: str | None = None,
    tag: str | None = None,
    scope: str | None = None,
    progress: Progress = no_progress,
    printed_at: datetime | None = None,
) -> PrintResult:
    """The household roster of the residents `f` (or the grid / building / tag) selects, as PDF."""
    with db.reading() as session:
        named, described = scope_filter(session, grid=grid, building=building, tag=tag)
        if f is None:
            f = named
        elif grid or building or tag:
            f = replace(f, grid_id=named.grid_id, building_id=named.building_id, tag=named.tag)
        printed_at = printed_at or datetime.now()
        lines = roster_lines(session, f, printed_at.date())
        office = _office(session)
    story = roster_story(office, scope or described, lines, printed_at.date(), progress)
    result = _build(
        out,
        story,
        title=f"{office}住户名单",
        footer=f"{office} · 住户名单 · 含个人信息，注意保管",
        landscape_page=True,
        printed_at=printed_at,
    )
    audit.record_in(db, audit.PRINT, f"打印住户名单 {len(lines)} 人", entity="resident")
    return result
