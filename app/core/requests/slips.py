"""Work-order slips (派单单) for grid workers: one slip per open request, six to an A4 page with
cut marks, per grid — the request's number, category, deadline (an overdue one marked 超期), the
household's address, its head's name masked, the callback number masked, the request's text, the
household's barcode (Code 128 of its code, as on the sign-off sheets) and the request's own
barcode, and lines for the outcome and signature. Scanned back (`record_scanned`) with the outcome
written on it, the request is done.

Built with ReportLab and the bundled CJK font; written atomically; the print is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from app.core.common.files import write_atomically
from app.core.common.masking import mask_name, mask_phone
from app.core.common.pdf import register_cjk_font
from app.core.requests.requests import (
    CATEGORY_LABELS,
    OPEN_STATUSES,
    Category,
    RequestRow,
    _get,
    finish,
    local_now,
)
from app.core.trust import audit, scope
from app.core.trust.roles import Permission, require
from app.db.engine import Database
from app.db.models import Building, Grid, Household, Office, Resident
from app.db.models_grids import DutyPerson
from app.db.models_requests import ServiceRequest
from app.errors import InvalidInput

SLIP_COLUMNS, SLIP_ROWS = 2, 3


@dataclass(frozen=True)
class Slip:
    request_id: int
    category: str
    priority: str
    grid: str
    address: str
    household_code: str | None
    head: str  # masked
    phone: str  # masked
    text: str
    due_at: datetime
    overdue: bool
    assigned_to: str | None


def slip_code(request_id: int) -> str:
    """What a slip's own barcode says: R and the request's number."""
    return f"R{request_id}"


def work_orders(
    session: Session, *, grid: str | None = None, day: date | None = None
) -> list[Slip]:
    """The open requests received up to the end of `day` (today), of one grid or all the user
    may see, by grid, building and address."""
    require(session, Permission.PRINT_PERSONAL)
    day = day or date.today()
    end = datetime.combine(day + timedelta(days=1), time())
    now = min(local_now(), end)
    head = aliased(Resident)
    where: list[Any] = [
        ServiceRequest.deleted_at.is_(None),
        ServiceRequest.status.in_([s.value for s in OPEN_STATUSES]),
        ServiceRequest.received_at < end,
        ServiceRequest.category != Category.STAFF_COMPLAINT.value,  # not handed to grid workers
    ]
    ids = scope.grid_ids(session)
    if ids is not None:
        where.append(ServiceRequest.grid_id.in_(sorted(ids)))
    if grid:
        g = session.scalar(
            select(Grid.id).where(
                func.upper(Grid.code) == grid.strip().upper(), Grid.deleted_at.is_(None)
            )
        )
        if g is None:
            raise InvalidInput(f"找不到网格 {grid}", f"No grid {grid}")
        scope.check_grid(session, grid_id=g)
        where.append(ServiceRequest.grid_id == g)
    q = (
        select(
            ServiceRequest.id,
            ServiceRequest.category,
            ServiceRequest.priority,
            Grid.code,
            Household.address_code,
            Household.code,
            head.name,
            ServiceRequest.phone,
            Household.phone,
            ServiceRequest.text,
            ServiceRequest.due_at,
            DutyPerson.name,
            Building.number,
        )
        .select_from(ServiceRequest)
        .outerjoin(Grid, Grid.id == ServiceRequest.grid_id)
        .outerjoin(Household, Household.id == ServiceRequest.household_id)
        .outerjoin(Building, Building.id == Household.building_id)
        .outerjoin(
            head,
            (head.household_id == Household.id) & head.is_head & head.deleted_at.is_(None),
        )
        .outerjoin(DutyPerson, DutyPerson.id == ServiceRequest.person_id)
        .where(*where)
    )
    rows = list(session.execute(q))
    rows.sort(key=lambda r: (r[3] or "~", r[12] or "~", r[4] or "~", r[0]))
    return [
        Slip(
            request_id=r[0],
            category=CATEGORY_LABELS[Category(r[1])][0],
            priority=r[2],
            grid=r[3] or "-",
            address=r[4] or "（匿名）",
            household_code=r[5],
            head=mask_name(r[6]) if r[6] else "",
            phone=mask_phone(r[7] or r[8]),
            text=r[9],
            due_at=r[10],
            overdue=r[10] < now,
            assigned_to=r[11],
        )
        for r in rows
    ]


def write_work_orders(
    db: Database, out: Path, *, grid: str | None = None, day: date | None = None
) -> Path:
    """The slips of `work_orders` as a PDF (a grid's slips start on a new page); the print is
    recorded in the audit trail. Refused: not a .pdf, no open request to print."""
    from reportlab.graphics.barcode.code128 import Code128
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    out = Path(out)
    if out.suffix.lower() != ".pdf":
        raise InvalidInput(f"文件应以 .pdf 结尾：{out}", f"The file must end in .pdf: {out}")
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise InvalidInput(f"文件夹不存在：{folder}", f"The folder does not exist: {folder}")
    day = day or date.today()
    with db.reading() as session:
        slips = work_orders(session, grid=grid, day=day)
        office = session.get(Office, 1)
        office_name = office.name if office else ""
    if not slips:
        raise InvalidInput("没有未办结的诉求可以派单。", "No open requests to print.")
    font = register_cjk_font()
    page_w, page_h = A4
    margin_x, margin_y = 10 * mm, 12 * mm
    slip_w = (page_w - 2 * margin_x) / SLIP_COLUMNS
    slip_h = (page_h - 2 * margin_y) / SLIP_ROWS
    pad = 5 * mm
    per_page = SLIP_COLUMNS * SLIP_ROWS

    def wrap(c: Any, text: str, width: float, size: float) -> list[str]:
        lines, line = [], ""
        for ch in text.replace("\n", " "):
            if c.stringWidth(line + ch, font, size) > width:
                lines.append(line)
                line = ""
            line += ch
        return [*lines, line] if line else lines

    def cut_marks(c: Any) -> None:
        c.setDash(2, 3)
        c.setStrokeGray(0.65)
        c.setLineWidth(0.4)
        for i in range(1, SLIP_COLUMNS):
            x = margin_x + i * slip_w
            c.line(x, margin_y, x, page_h - margin_y)
        for j in range(1, SLIP_ROWS):
            y = margin_y + j * slip_h
            c.line(margin_x, y, page_w - margin_x, y)
        c.setDash()

    def slip(c: Any, x: float, y: float, s: Slip) -> None:
        top = y + slip_h - pad
        left, right = x + pad, x + slip_w - pad
        c.setFillGray(0)
        c.setFont(font, 13)
        c.drawString(left, top - 11, f"诉求派单单 {slip_code(s.request_id)}")
        c.setFont(font, 8)
        c.drawRightString(right, top - 10, f"{office_name}　{day.isoformat()}")
        c.setFont(font, 10)
        urgent = "【紧急】" if s.priority == "urgent" else ""
        c.drawString(left, top - 26, f"{urgent}{s.category}　网格 {s.grid}")
        late = "　超期！" if s.overdue else ""
        c.drawString(left, top - 40, f"办理期限：{s.due_at:%Y-%m-%d %H:%M}{late}")
        c.setLineWidth(0.6)
        c.line(left, top - 45, right, top - 45)
        c.setFont(font, 15)
        c.drawString(left, top - 63, s.address)
        c.setFont(font, 10)
        who = "　".join(p for p in (f"户主：{s.head}" if s.head else "", s.phone) if p)
        c.drawString(left, top - 78, who or "匿名诉求，无回访电话")
        yy = top - 94
        for line in wrap(c, s.text, right - left, 10.5)[:4]:
            c.setFont(font, 10.5)
            c.drawString(left, yy, line)
            yy -= 14
        c.setFont(font, 10)
        c.drawString(left, y + pad + 58, "办理结果：")
        c.line(left + 50, y + pad + 56, right, y + pad + 56)
        c.line(left, y + pad + 40, right, y + pad + 40)
        own = Code128(slip_code(s.request_id), barHeight=9 * mm, barWidth=0.3 * mm)
        own.drawOn(c, left, y + pad + 6)
        c.setFont(font, 7)
        c.drawCentredString(left + own.width / 2, y + pad, slip_code(s.request_id))
        if s.household_code:
            bar = Code128(s.household_code, barHeight=9 * mm, barWidth=0.24 * mm)
            bx = right - bar.width
            bar.drawOn(c, bx, y + pad + 6)
            c.drawCentredString(bx + bar.width / 2, y + pad, s.household_code)
        c.setFont(font, 9)
        c.drawString(left + own.width + 8, y + pad + 24, "承办人签字：")

    def produce(fh: BinaryIO) -> None:
        c = Canvas(fh, pagesize=A4)
        c.setTitle(f"诉求派单单 {day.isoformat()}")
        groups: dict[str, list[Slip]] = {}
        for s in slips:
            groups.setdefault(s.grid, []).append(s)
        for group in groups.values():
            for start in range(0, len(group), per_page):
                cut_marks(c)
                for k, s in enumerate(group[start : start + per_page]):
                    col, line = k % SLIP_COLUMNS, k // SLIP_COLUMNS
                    slip(c, margin_x + col * slip_w, page_h - margin_y - (line + 1) * slip_h, s)
                c.showPage()
        c.save()

    path = write_atomically(out, produce)
    audit.record_in(db, audit.PRINT, f"打印诉求派单单 {len(slips)} 张", entity="service_request")
    return path


def record_scanned(session: Session, code: str, outcome: str) -> RequestRow:
    """A slip scanned back with the outcome written on it: the request is done. `code` is the
    slip's own barcode (R12), a request's number, or the household's barcode when that household
    has one open request (with several, the slip's own barcode is asked for)."""
    value = (code or "").strip().upper()
    if not value:
        raise InvalidInput("请扫描派单单上的条码。", "Scan the slip's barcode.")
    if (value.startswith("R") and value[1:].isdigit()) or value.isdigit():
        return finish(session, _get(session, value).id, outcome)
    from app.core.registry.lookup import find_household

    household = find_household(session, value)
    if household is None:
        raise InvalidInput(
            f"条码 {value} 不是派单单或住户的条码。", f"{value} is not a slip's code"
        )
    open_ids = list(
        session.scalars(
            select(ServiceRequest.id)
            .where(
                ServiceRequest.household_id == household,
                ServiceRequest.deleted_at.is_(None),
                ServiceRequest.status.in_([s.value for s in OPEN_STATUSES]),
            )
            .order_by(ServiceRequest.id)
        )
    )
    if not open_ids:
        raise InvalidInput(
            f"住户 {value} 没有未办结的诉求。", f"Household {value} has no open request."
        )
    if len(open_ids) > 1:
        numbers = "、".join(slip_code(i) for i in open_ids)
        raise InvalidInput(
            f"住户 {value} 有 {len(open_ids)} 件未办结的诉求（{numbers}），请扫描派单单左下角的诉求条码。",
            f"Household {value} has {len(open_ids)} open requests ({numbers}); scan the slip's "
            "own barcode (bottom left).",
        )
    return finish(session, _get(session, open_ids[0]).id, outcome)
