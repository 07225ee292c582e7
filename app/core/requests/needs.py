"""需求清单: the open requests (needs) summed up by category, grid and building — what the
community still owes its residents, where — for the screen, .xlsx (Excel/WPS) and print (PDF).

Counts only: no one's name, address or phone is on the list. A request without a household
counts under its grid (or "-") with no building. A grid worker's list is of their grids.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from app.core.common.files import atomic_path, write_atomically
from app.core.common.pdf import Footer, numbered_canvas, register_cjk_font
from app.core.requests.requests import (
    CATEGORY_LABELS,
    OPEN_STATUSES,
    Category,
    local_now,
)
from app.core.trust import audit, scope
from app.core.trust.roles import Permission, may, require
from app.db.engine import Database
from app.db.models import Building, Grid, Household
from app.db.models_requests import ServiceRequest
from app.errors import InvalidInput


@dataclass(frozen=True)
class NeedRow:
    category: str
    label: str
    grid: str | None
    building: str | None
    open: int
    overdue: int
    urgent: int
    households: int
    oldest: datetime | None  # received the longest ago


def as_dict(row: NeedRow) -> dict[str, Any]:
    data = asdict(row)
    data["oldest"] = row.oldest.isoformat(sep=" ", timespec="minutes") if row.oldest else None
    return data


def needs_list(session: Session, *, now: datetime | None = None) -> list[NeedRow]:
    """Open needs by category (in the categories' order), grid and building, with how many are
    overdue and urgent and the households waiting."""
    if not may(session, Permission.REPORTS):
        require(session, Permission.PERSONAL)
    now = now or local_now()
    where: list[Any] = [
        ServiceRequest.deleted_at.is_(None),
        ServiceRequest.status.in_([s.value for s in OPEN_STATUSES]),
    ]
    ids = scope.grid_ids(session)
    if ids is not None:
        where.append(ServiceRequest.grid_id.in_(sorted(ids)))
    q = (
        select(
            ServiceRequest.category,
            Grid.code,
            Building.number,
            func.count(),
            func.coalesce(func.sum(case((ServiceRequest.due_at < now, 1), else_=0)), 0),
            func.coalesce(func.sum(case((ServiceRequest.priority == "urgent", 1), else_=0)), 0),
            func.count(func.distinct(ServiceRequest.household_id)),
            func.min(ServiceRequest.received_at),
        )
        .select_from(ServiceRequest)
        .outerjoin(Grid, Grid.id == ServiceRequest.grid_id)
        .outerjoin(Household, Household.id == ServiceRequest.household_id)
        .outerjoin(Building, and_(Building.id == Household.building_id))
        .where(*where)
        .group_by(ServiceRequest.category, Grid.code, Building.number)
    )
    order = {c.value: i for i, c in enumerate(Category)}
    rows = [
        NeedRow(
            category=r[0],
            label=CATEGORY_LABELS[Category(r[0])][0],
            grid=r[1],
            building=r[2],
            open=int(r[3]),
            overdue=int(r[4]),
            urgent=int(r[5]),
            households=int(r[6]),
            oldest=r[7],
        )
        for r in session.execute(q)
    ]
    rows.sort(key=lambda n: (order[n.category], n.grid or "~", _building_key(n.building)))
    return rows


def _building_key(number: str | None) -> tuple[int, str]:
    if number is None:
        return (1 << 30, "")
    digits = "".join(ch for ch in number if ch.isdigit())
    return (int(digits) if digits else 1 << 29, number)


_TITLES = ("类别", "网格", "楼栋", "未办结", "其中超期", "其中紧急", "涉及住户", "最早登记")


def write_needs(db: Database, out: Path, *, now: datetime | None = None) -> Path:
    """The needs list as .xlsx or .pdf (by the file's ending), written atomically; the export
    recorded in the audit trail."""
    out = Path(out)
    kind = out.suffix.lower()
    if kind not in (".xlsx", ".pdf"):
        raise InvalidInput(
            f"文件应以 .xlsx 或 .pdf 结尾：{out}", f"The file must end in .xlsx or .pdf: {out}"
        )
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise InvalidInput(f"文件夹不存在：{folder}", f"The folder does not exist: {folder}")
    with db.reading() as session:
        rows = needs_list(session, now=now)
        office = _office_name(session)
    now = now or local_now()
    path = _write_xlsx(rows, out) if kind == ".xlsx" else _write_pdf(rows, out, office, now)
    audit.record_in(
        db,
        audit.EXPORT if kind == ".xlsx" else audit.PRINT,
        f"需求清单 {len(rows)} 行",
        entity="service_request",
    )
    return path


def _office_name(session: Session) -> str:
    from app.db.models import Office

    office = session.get(Office, 1)
    return office.name if office else ""


def _cells(r: NeedRow) -> list[Any]:
    oldest = r.oldest.isoformat(sep=" ", timespec="minutes") if r.oldest else ""
    return [
        r.label,
        r.grid or "-",
        r.building or "-",
        r.open,
        r.overdue,
        r.urgent,
        r.households,
        oldest,
    ]


def _write_xlsx(rows: list[NeedRow], out: Path) -> Path:
    import xlsxwriter  # type: ignore[import-untyped]

    with atomic_path(out) as tmp:
        wb = xlsxwriter.Workbook(
            str(tmp),
            {"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False},
        )
        head = wb.add_format({"bold": True, "bg_color": "#DDE5F0", "border": 1})
        ws = wb.add_worksheet("需求清单")
        for col, title in enumerate(_TITLES):
            ws.write_string(0, col, title, head)
        ws.set_column(0, 0, 16)
        ws.set_column(7, 7, 18)
        ws.freeze_panes(1, 0)
        for i, r in enumerate(rows, start=1):
            for col, value in enumerate(_cells(r)):
                if isinstance(value, int):
                    ws.write_number(i, col, value)
                else:
                    ws.write_string(i, col, value)
        wb.close()
    return out


def _write_pdf(rows: list[NeedRow], out: Path, office: str, now: datetime) -> Path:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = register_cjk_font()
    title = ParagraphStyle("t", fontName=font, fontSize=16, leading=22)
    data: list[list[Any]] = [list(_TITLES)] + [[str(v) for v in _cells(r)] for r in rows]
    if not rows:
        data.append(["暂无未办结的需求", "", "", "", "", "", "", ""])
    table = Table(data, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), font, 10.5),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDE5F0")),
                ("ALIGN", (3, 1), (6, -1), "RIGHT"),
            ]
        )
    )
    stamp = now.isoformat(sep=" ", timespec="minutes")
    canvas = numbered_canvas(Footer(f"{office} 需求清单", stamp, rule=12), font)

    def produce(fh: BinaryIO) -> None:
        doc = SimpleDocTemplate(
            fh, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, title="需求清单"
        )
        story = [Paragraph(f"{office} 需求清单（{stamp}）", title), Spacer(1, 6 * mm), table]
        doc.build(story, canvasmaker=canvas)

    return write_atomically(out, produce)
