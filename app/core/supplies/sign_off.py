"""Sign-off sheets of a distribution campaign (签收表), one page or more per building: each
household's address, head (name masked), member count, its share of every item, its barcode (Code 128
of the household code, which the scan field reads back) and empty columns for the signature and date.

Pickup slips (取货单): one slip per household, eight to an A4 page with cut marks — the household,
its address, head and members, every item with its quantity, the barcode and a signature line — for
residents who come to a pickup point with their slip.

Built with ReportLab and the bundled CJK font; written atomically.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.common.files import write_atomically
from app.core.common.masking import mask_name
from app.core.common.pdf import register_cjk_font
from app.core.supplies.campaigns import Line, campaign_lines, get_campaign
from app.core.trust import audit, scope
from app.core.trust.roles import Permission, require
from app.db.engine import Database
from app.db.models import Building, Household, Resident
from app.db.models_supplies import SupplyAllocation, SupplyItem
from app.errors import InvalidInput


@dataclass(frozen=True)
class SheetRow:
    building: str
    address_code: str
    household_code: str
    head: str
    members: int
    qty: int  # of the first item
    vulnerable: bool
    shares: tuple[int, ...] = ()  # of every item, in the campaign's order


@dataclass(frozen=True)
class SignoffData:
    office: str
    campaign_code: str
    campaign_name: str
    item: str
    unit: str
    rows: list[SheetRow]
    lines: tuple[Line, ...] = ()

    @property
    def items_label(self) -> str:
        return "、".join(line.item for line in self.lines) or self.item

    def items_of(self, row: SheetRow) -> list[str]:
        """["米 5袋", "油 1瓶"]: what this household receives."""
        return [
            f"{line.item} {qty}{line.unit}"
            for line, qty in zip(self.lines, row.shares, strict=True)
        ]


def signoff_data(
    session: Session, campaign_code: str, office: str, building: str | None = None
) -> SignoffData:
    """The households of a campaign by building and address (head names masked; a grid
    worker's: those of their grids)."""
    require(session, Permission.PRINT_PERSONAL)
    campaign = get_campaign(session, campaign_code)
    item = session.get(SupplyItem, campaign.item_id)
    assert item is not None
    q = (
        select(
            Building.number,
            Household.address_code,
            Household.code,
            Resident.name,
            SupplyAllocation.members,
            SupplyAllocation.qty,
            SupplyAllocation.vulnerable,
        )
        .join(Household, Household.id == SupplyAllocation.household_id)
        .join(Building, Building.id == Household.building_id)
        .outerjoin(
            Resident,
            (Resident.household_id == Household.id)
            & Resident.is_head
            & Resident.deleted_at.is_(None),
        )
        .where(SupplyAllocation.campaign_id == campaign.id, scope.household_clause(session))
        .order_by(Building.id, Household.unit, func.length(Household.room), Household.room)
    )
    if building is not None:
        q = q.where(Building.number == building.strip())
    lines = campaign_lines(session, campaign)
    rows = [
        SheetRow(
            b,
            a,
            c,
            mask_name(n) if n else "",
            int(m),
            int(qty),
            bool(v),
            (int(qty), *(line.share(int(m)) for line in lines[1:])),
        )
        for b, a, c, n, m, qty, v in session.execute(q)
    ]
    if not rows:
        raise InvalidInput(
            f"发放 {campaign.code} 在{'该楼栋' if building else ''}没有住户",
            f"Campaign {campaign.code} has no households{' in that building' if building else ''}",
        )
    return SignoffData(
        office, campaign.code, campaign.name, item.name, item.unit, rows, tuple(lines)
    )


def _audited(where: Database | Session | None, summary: str) -> None:
    if where is not None:
        audit.record_in(where, audit.PRINT, summary, entity="supply_campaign")


def write_signoff_pdf(
    data: SignoffData, out: Path, *, audit_to: Database | Session | None = None
) -> Path:
    """One section per building, the header repeated on every page; returns the path. `audit_to`
    (the database, or a session on it) records the print in the audit trail."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, SimpleDocTemplate

    out = Path(out)
    if out.suffix.lower() != ".pdf":
        raise InvalidInput(f"文件应以 .pdf 结尾：{out}", f"The file must end in .pdf: {out}")
    font = register_cjk_font()
    styles = {
        "title": ParagraphStyle("t", fontName=font, fontSize=15, leading=20, alignment=1),
        "meta": ParagraphStyle("m", fontName=font, fontSize=10, leading=14),
        "cell": ParagraphStyle("c", fontName=font, fontSize=10, leading=13),
        "small": ParagraphStyle("s", fontName=font, fontSize=7, leading=8),
    }

    by_building: dict[str, list[SheetRow]] = {}
    for row in data.rows:
        by_building.setdefault(row.building, []).append(row)

    story: list[Any] = []
    for n, (building, rows) in enumerate(by_building.items()):
        if n:
            story.append(PageBreak())
        story.extend(_building_section(data, building, rows, font, styles))

    def produce(fh: BinaryIO) -> None:
        doc = SimpleDocTemplate(
            fh,
            pagesize=A4,
            leftMargin=12 * mm,
            rightMargin=12 * mm,
            topMargin=14 * mm,
            bottomMargin=14 * mm,
            title=f"签收表 {data.campaign_code}",
        )
        doc.build(story)

    path = write_atomically(out, produce)
    _audited(audit_to, f"打印签收表 {data.campaign_code}，{len(data.rows)} 户")
    return path


def _building_section(
    data: SignoffData, building: str, rows: list[SheetRow], font: str, styles: dict[str, Any]
) -> list[Any]:
    """One building's part of the sheet: its heading, the signing table and the footnote.

    A building is the unit a volunteer walks with one sheet, so each starts on its own page with
    its own count of households.
    """
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer

    return [
        Paragraph(f"{data.office}　物资发放签收表", styles["title"]),
        Spacer(1, 3 * mm),
        Paragraph(
            f"发放：{data.campaign_name}（{data.campaign_code}）　物资：{data.items_label}　"
            f"楼栋：{building} 栋　共 {len(rows)} 户　"
            f"打印日期：{date.today().isoformat()}",
            styles["meta"],
        ),
        Spacer(1, 3 * mm),
        _signing_table(data, rows, font, styles),
        Spacer(1, 4 * mm),
        Paragraph(
            "★ 重点户（独居老人、残疾人等）优先上门。发放人：__________　复核：__________",
            styles["meta"],
        ),
    ]


def _signing_table(
    data: SignoffData, rows: list[SheetRow], font: str, styles: dict[str, Any]
) -> Any:
    """The table households sign: one row each with its share and barcode, the header repeated
    on every page.

    A campaign of several items lists every item with its quantity in one wider column, so the
    column widths differ from a single-item sheet's, which shows just the number.
    """
    from reportlab.graphics.barcode.code128 import Code128
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Table, TableStyle

    cell, small = styles["cell"], styles["small"]
    several = len(data.lines) > 1
    table: list[list[Any]] = [
        [
            "序号",
            "门牌号",
            "户主",
            "人数",
            "物资及数量" if several else f"数量（{data.unit}）",
            "住户条码",
            "签字",
            "日期",
        ]
    ]
    for i, r in enumerate(rows, start=1):
        barcode = [
            Code128(r.household_code, barHeight=7 * mm, barWidth=0.24 * mm),
            Paragraph(r.household_code, small),
        ]
        mark = "★" if r.vulnerable else ""
        table.append(
            [
                str(i),
                Paragraph(r.address_code + mark, cell),
                r.head,
                str(r.members),
                Paragraph("<br/>".join(data.items_of(r)), cell) if several else str(r.qty),
                barcode,
                "",
                "",
            ]
        )
    widths = (
        [10 * mm, 22 * mm, 16 * mm, 10 * mm, 30 * mm, 40 * mm, 30 * mm, 20 * mm]
        if several
        else [10 * mm, 24 * mm, 18 * mm, 11 * mm, 20 * mm, 42 * mm, 33 * mm, 20 * mm]
    )
    grid = Table(table, colWidths=widths, repeatRows=1)
    grid.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), font),
                ("FONTSIZE", (0, 0), (-1, -1), 10),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDE5F0")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (3, 1), (4, -1), "CENTER"),
                ("TOPPADDING", (0, 1), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 1), (-1, -1), 4),
            ]
        )
    )
    return grid


# --- pickup slips --------------------------------------------------------------------------------

SLIP_COLUMNS = 2
SLIP_ROWS = 4


def write_pickup_slips_pdf(
    data: SignoffData, out: Path, *, audit_to: Database | Session | None = None
) -> Path:
    """One slip per household, eight to an A4 page (2 × 4) with cut marks at every corner; in
    building and address order, as the sign-off sheets. Returns the path; `audit_to` as for
    `write_signoff_pdf`."""
    from reportlab.graphics.barcode.code128 import Code128
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    out = Path(out)
    if out.suffix.lower() != ".pdf":
        raise InvalidInput(f"文件应以 .pdf 结尾：{out}", f"The file must end in .pdf: {out}")
    font = register_cjk_font()
    page_w, page_h = A4
    margin_x, margin_y = 10 * mm, 12 * mm
    slip_w = (page_w - 2 * margin_x) / SLIP_COLUMNS
    slip_h = (page_h - 2 * margin_y) / SLIP_ROWS
    pad = 5 * mm
    printed = date.today().isoformat()

    def cut_marks(c: Any) -> None:
        """Short marks outside the slips at every line where the page is cut."""
        c.setLineWidth(0.4)
        c.setStrokeGray(0.3)
        mark = 4 * mm
        for i in range(SLIP_COLUMNS + 1):
            x = margin_x + i * slip_w
            c.line(x, page_h - margin_y + 1 * mm, x, page_h - margin_y + 1 * mm + mark)
            c.line(x, margin_y - 1 * mm, x, margin_y - 1 * mm - mark)
        for j in range(SLIP_ROWS + 1):
            y = margin_y + j * slip_h
            c.line(margin_x - 1 * mm, y, margin_x - 1 * mm - mark, y)
            c.line(page_w - margin_x + 1 * mm, y, page_w - margin_x + 1 * mm + mark, y)
        # inside, where four slips meet: a small cross, and dashed lines to cut along
        c.setDash(2, 3)
        c.setStrokeGray(0.65)
        for i in range(1, SLIP_COLUMNS):
            x = margin_x + i * slip_w
            c.line(x, margin_y, x, page_h - margin_y)
        for j in range(1, SLIP_ROWS):
            y = margin_y + j * slip_h
            c.line(margin_x, y, page_w - margin_x, y)
        c.setDash()

    def slip(c: Any, x: float, y: float, row: SheetRow) -> None:
        top = y + slip_h - pad
        left, right = x + pad, x + slip_w - pad
        c.setFillGray(0)
        c.setFont(font, 13)
        c.drawString(left, top - 11, "物资取货单")
        c.setFont(font, 8)
        c.drawRightString(right, top - 10, f"{data.campaign_code}　{printed}")
        c.setFont(font, 9)
        c.drawString(left, top - 24, f"{data.office}　{data.campaign_name}"[:34])
        c.setLineWidth(0.6)
        c.line(left, top - 29, right, top - 29)
        c.setFont(font, 16)
        mark = "  ★重点户" if row.vulnerable else ""
        c.drawString(left, top - 48, f"{row.address_code}")
        if mark:
            c.setFont(font, 9)
            c.drawString(left + c.stringWidth(row.address_code, font, 16), top - 47, mark)
        c.setFont(font, 10)
        c.drawString(left, top - 63, f"户主：{row.head or '—'}　　人数：{row.members} 人")
        c.drawString(left, top - 78, "物资：")
        yy = top - 78
        texts = [f"□ {t}" for t in data.items_of(row)]
        if len(texts) > 3:  # two to a line, so that the signature line keeps its place
            texts = ["　".join(texts[i : i + 2]) for i in range(0, len(texts), 2)]
        c.setFont(font, 11 if len(texts) <= 3 else 10)
        for text in texts:
            c.drawString(left + 30, yy, text)
            yy -= 14
        barcode = Code128(row.household_code, barHeight=10 * mm, barWidth=0.26 * mm)
        bx = right - barcode.width
        barcode.drawOn(c, bx, y + pad + 10)
        c.setFont(font, 7)
        c.drawCentredString(bx + barcode.width / 2, y + pad + 3, row.household_code)
        c.setFont(font, 10)
        c.drawString(left, y + pad + 22, "领取人签字：")
        c.line(left + 58, y + pad + 20, bx - 6, y + pad + 20)
        c.drawString(left, y + pad + 4, "日期：")
        c.line(left + 30, y + pad + 2, bx - 6, y + pad + 2)

    per_page = SLIP_COLUMNS * SLIP_ROWS

    def produce(fh: BinaryIO) -> None:
        c = Canvas(fh, pagesize=A4)
        c.setTitle(f"取货单 {data.campaign_code}")
        for start in range(0, len(data.rows), per_page):
            cut_marks(c)
            for k, row in enumerate(data.rows[start : start + per_page]):
                col, line = k % SLIP_COLUMNS, k // SLIP_COLUMNS
                x = margin_x + col * slip_w
                y = page_h - margin_y - (line + 1) * slip_h
                slip(c, x, y, row)
            c.showPage()
        c.save()

    path = write_atomically(out, produce)
    _audited(audit_to, f"打印取货单 {data.campaign_code}，{len(data.rows)} 户")
    return path
