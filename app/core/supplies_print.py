"""Sign-off sheets of a distribution campaign (签收表), one page or more per building: each
household's address, head (name masked), member count, its share, its barcode (Code 128 of the
household code, which the scan field reads back) and empty columns for the signature and date.

Built with ReportLab and the bundled CJK font; written atomically.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.masking import mask_name
from app.core.pdf import register_cjk_font, write_atomically
from app.core.supplies import get_campaign
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
    qty: int
    vulnerable: bool


@dataclass(frozen=True)
class SignoffData:
    office: str
    campaign_code: str
    campaign_name: str
    item: str
    unit: str
    rows: list[SheetRow]


def signoff_data(
    session: Session, campaign_code: str, office: str, building: str | None = None
) -> SignoffData:
    """The households of a campaign by building and address (head names masked)."""
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
        .where(SupplyAllocation.campaign_id == campaign.id)
        .order_by(Building.id, Household.unit, func.length(Household.room), Household.room)
    )
    if building is not None:
        q = q.where(Building.number == building.strip())
    rows = [
        SheetRow(b, a, c, mask_name(n) if n else "", int(m), int(qty), bool(v))
        for b, a, c, n, m, qty, v in session.execute(q)
    ]
    if not rows:
        raise InvalidInput(
            f"发放 {campaign.code} 在{'该楼栋' if building else ''}没有住户",
            f"Campaign {campaign.code} has no households{' in that building' if building else ''}",
        )
    return SignoffData(office, campaign.code, campaign.name, item.name, item.unit, rows)


def write_signoff_pdf(data: SignoffData, out: Path) -> Path:
    """One section per building, the header repeated on every page; returns the path."""
    from reportlab.graphics.barcode.code128 import Code128
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        PageBreak,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    out = Path(out)
    if out.suffix.lower() != ".pdf":
        raise InvalidInput(f"文件应以 .pdf 结尾：{out}", f"The file must end in .pdf: {out}")
    font = register_cjk_font()
    title = ParagraphStyle("t", fontName=font, fontSize=15, leading=20, alignment=1)
    meta = ParagraphStyle("m", fontName=font, fontSize=10, leading=14)
    cell = ParagraphStyle("c", fontName=font, fontSize=10, leading=13)
    small = ParagraphStyle("s", fontName=font, fontSize=7, leading=8)

    by_building: dict[str, list[SheetRow]] = {}
    for row in data.rows:
        by_building.setdefault(row.building, []).append(row)

    story: list[Any] = []
    for n, (building, rows) in enumerate(by_building.items()):
        if n:
            story.append(PageBreak())
        story.append(Paragraph(f"{data.office}　物资发放签收表", title))
        story.append(Spacer(1, 3 * mm))
        story.append(
            Paragraph(
                f"发放：{data.campaign_name}（{data.campaign_code}）　物资：{data.item}　"
                f"楼栋：{building} 栋　共 {len(rows)} 户　"
                f"打印日期：{date.today().isoformat()}",
                meta,
            )
        )
        story.append(Spacer(1, 3 * mm))
        table: list[list[Any]] = [
            ["序号", "门牌号", "户主", "人数", f"数量（{data.unit}）", "住户条码", "签字", "日期"]
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
                    str(r.qty),
                    barcode,
                    "",
                    "",
                ]
            )
        widths = [10 * mm, 24 * mm, 18 * mm, 11 * mm, 20 * mm, 42 * mm, 33 * mm, 20 * mm]
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
        story.append(grid)
        story.append(Spacer(1, 4 * mm))
        story.append(
            Paragraph(
                "★ 重点户（独居老人、残疾人等）优先上门。发放人：__________　复核：__________", meta
            )
        )

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

    return write_atomically(out, produce)
