"""A community's unmet needs: the needs list (`needs_list`: still to hand out per item against
stock on hand, and the households waiting), the shortages (`shortages`), its .xlsx export
(`export_needs`), and the same figures summed up per item for the street office (`supply_need`).

The needs list is counted from the plans of open campaigns (`supply_allocation`), which stay at the
community; the street office cannot count it. So right before a package's records are collected
(`app.core.exchange.packages.export_package`), the community brings its `supply_need` rows up to
date in the same write session:

    refresh_needs(session, origin)      # the number of rows added, changed or tombstoned

One live row per item with unmet shares: still to hand out (`needed`), on hand, the shortage and
the households waiting. A row is written only when one of its figures changed, so a package made
when nothing happened carries none; an item nobody waits for any more is tombstoned (a row once
tombstoned is brought back when the item is needed again).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import and_, func, literal, select
from sqlalchemy.orm import Session

from app.core.common.files import atomic_path
from app.core.supplies.campaigns import _share_sql
from app.core.supplies.deliveries import _standing_delivery
from app.core.supplies.ledger import on_hand
from app.core.trust import scope
from app.db.base import utcnow
from app.db.models import Grid, Household
from app.db.models_supplies import (
    SupplyAllocation,
    SupplyCampaign,
    SupplyCampaignItem,
    SupplyDelivery,
    SupplyItem,
    SupplyNeed,
)
from app.errors import InvalidInput

# --- needs list ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemNeed:
    item: str
    unit: str
    still_to_hand_out: int
    on_hand: int
    shortage: int


@dataclass(frozen=True)
class HouseholdNeed:
    grid: str
    address_code: str
    household_code: str
    item: str
    unit: str
    qty: int
    campaign: str
    vulnerable: bool


@dataclass
class Needs:
    items: list[ItemNeed] = field(default_factory=list)
    households: list[HouseholdNeed] = field(default_factory=list)


def _needs_order() -> tuple[Any, ...]:
    """Columns by which household rows of the needs list sort: grid, address, campaign, item."""
    return (
        Grid.code,
        Household.building_id,
        Household.unit,
        Household.room,
        Household.id,
        SupplyCampaign.id,
    )


def _needs_key(row: Any) -> tuple[Any, ...]:
    grid, building, unit, room, household, campaign, position = row[9:]
    return (
        grid is None,
        grid or "",
        building or 0,
        str(unit or ""),
        len(str(room or "")),
        str(room or ""),
        household,
        campaign,
        position,
    )


def _unmet_further_items(session: Session) -> list[Any]:
    """The needs-list rows of the further items of open campaigns, as `needs_list` reads them."""
    share = _share_sql(
        SupplyCampaignItem.qty,
        SupplyCampaignItem.per,
        SupplyCampaignItem.max_per_household,
        SupplyAllocation.members,
    )
    return list(
        session.execute(
            select(
                func.coalesce(Grid.name, ""),
                Household.address_code,
                Household.code,
                SupplyItem.name,
                SupplyItem.unit,
                share,
                SupplyCampaign.code,
                SupplyAllocation.vulnerable,
                SupplyItem.id,
                *_needs_order(),
                SupplyCampaignItem.position,
            )
            .join(SupplyCampaign, SupplyCampaign.id == SupplyAllocation.campaign_id)
            .join(SupplyCampaignItem, SupplyCampaignItem.campaign_id == SupplyCampaign.id)
            .join(SupplyItem, SupplyItem.id == SupplyCampaignItem.item_id)
            .join(Household, Household.id == SupplyAllocation.household_id)
            .outerjoin(Grid, Grid.id == Household.grid_id)
            .outerjoin(SupplyDelivery, _standing_delivery())
            .where(
                SupplyCampaign.status == "open",
                SupplyCampaign.deleted_at.is_(None),
                SupplyCampaignItem.deleted_at.is_(None),
                SupplyDelivery.id.is_(None),
                scope.household_clause(session),
            )
        ).all()
    )


def needs_list(session: Session) -> Needs:
    """Unmet shares of open campaigns per household, and the shortage per item (a grid worker's:
    those of their grids' households; a viewer is refused the households)."""
    scope.personal(session)
    rows = session.execute(
        select(
            func.coalesce(Grid.name, ""),
            Household.address_code,
            Household.code,
            SupplyItem.name,
            SupplyItem.unit,
            SupplyAllocation.qty,
            SupplyCampaign.code,
            SupplyAllocation.vulnerable,
            SupplyItem.id,
            *_needs_order(),
            literal(0),
        )
        .join(SupplyCampaign, SupplyCampaign.id == SupplyAllocation.campaign_id)
        .join(SupplyItem, SupplyItem.id == SupplyCampaign.item_id)
        .join(Household, Household.id == SupplyAllocation.household_id)
        .outerjoin(Grid, Grid.id == Household.grid_id)
        .outerjoin(SupplyDelivery, _standing_delivery())
        .where(
            SupplyCampaign.status == "open",
            SupplyCampaign.deleted_at.is_(None),
            SupplyDelivery.id.is_(None),
            scope.household_clause(session),
        )
    ).all()
    rows = sorted([*rows, *_unmet_further_items(session)], key=_needs_key)
    needs = Needs()
    per_item: dict[int, list[Any]] = {}
    for g, a, c, item, unit, q, code, v, item_id, *_order in rows:
        needs.households.append(HouseholdNeed(g or "未分网格", a, c, item, unit, q, code, bool(v)))
        entry = per_item.setdefault(item_id, [item, unit, 0])
        entry[2] += q
    for item_id, (item, unit, total) in per_item.items():
        have = on_hand(session, item_id)
        needs.items.append(ItemNeed(item, unit, total, have, max(0, total - have)))
    needs.items.sort(key=lambda n: (-n.shortage, n.item))
    return needs


def shortages(session: Session) -> list[ItemNeed]:
    """The per-item half of the needs list, counted in the database (what the daily report shows):
    still to hand out in open campaigns, on hand, and the shortage; the biggest shortage first."""
    undelivered = and_(
        SupplyCampaign.status == "open",
        SupplyCampaign.deleted_at.is_(None),
        SupplyAllocation.household_id.not_in(
            select(SupplyDelivery.household_id).where(
                SupplyDelivery.campaign_id == SupplyAllocation.campaign_id,
                SupplyDelivery.deleted_at.is_(None),
            )
        ),
    )
    first = (
        select(SupplyCampaign.item_id.label("item_id"), SupplyAllocation.qty.label("q"))
        .select_from(SupplyAllocation)
        .join(SupplyCampaign, SupplyCampaign.id == SupplyAllocation.campaign_id)
        .where(undelivered)
    )
    further = (
        select(
            SupplyCampaignItem.item_id.label("item_id"),
            _share_sql(
                SupplyCampaignItem.qty,
                SupplyCampaignItem.per,
                SupplyCampaignItem.max_per_household,
                SupplyAllocation.members,
            ).label("q"),
        )
        .select_from(SupplyAllocation)
        .join(SupplyCampaign, SupplyCampaign.id == SupplyAllocation.campaign_id)
        .join(SupplyCampaignItem, SupplyCampaignItem.campaign_id == SupplyCampaign.id)
        .where(undelivered, SupplyCampaignItem.deleted_at.is_(None))
    )
    wanted = first.union_all(further).subquery()
    totals = (
        select(wanted.c.item_id, func.sum(wanted.c.q).label("q"))
        .group_by(wanted.c.item_id)
        .subquery()
    )
    items = [
        ItemNeed(name, unit, int(q), have := on_hand(session, item_id), max(0, int(q) - have))
        for item_id, name, unit, q in session.execute(
            select(totals.c.item_id, SupplyItem.name, SupplyItem.unit, totals.c.q).join(
                SupplyItem, SupplyItem.id == totals.c.item_id
            )
        )
    ]
    items.sort(key=lambda n: (-n.shortage, n.item))
    return items


def export_needs(needs: Needs, out: Path) -> Path:
    """The needs list as .xlsx (two sheets: shortages per item, unmet needs per household),
    written atomically."""
    import xlsxwriter  # type: ignore[import-untyped]

    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise InvalidInput(
            f"导出文件应以 .xlsx 结尾：{out}", f"The export file must end in .xlsx: {out}"
        )
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise InvalidInput(f"文件夹不存在：{folder}", f"The folder does not exist: {folder}")
    with atomic_path(out) as tmp:
        wb = xlsxwriter.Workbook(
            str(tmp),
            {"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False},
        )
        head = wb.add_format({"bold": True, "bg_color": "#DDE5F0", "border": 1})
        ws = wb.add_worksheet("物资缺口")
        titles: Sequence[str] = ("物资", "单位", "待发放", "现有库存", "缺口")
        for col, title in enumerate(titles):
            ws.write_string(0, col, title, head)
        ws.set_column(0, 0, 16)
        for r, n in enumerate(needs.items, start=1):
            ws.write_string(r, 0, n.item)
            ws.write_string(r, 1, n.unit)
            ws.write_number(r, 2, n.still_to_hand_out)
            ws.write_number(r, 3, n.on_hand)
            ws.write_number(r, 4, n.shortage)
        ws = wb.add_worksheet("住户需求")
        titles = ("网格", "门牌号", "户编号", "物资", "数量", "单位", "发放编号", "重点户")
        for col, title in enumerate(titles):
            ws.write_string(0, col, title, head)
        ws.set_column(0, 2, 14)
        ws.freeze_panes(1, 0)
        for r, h in enumerate(needs.households, start=1):
            ws.write_string(r, 0, h.grid)
            ws.write_string(r, 1, h.address_code)
            ws.write_string(r, 2, h.household_code)
            ws.write_string(r, 3, h.item)
            ws.write_number(r, 4, h.qty)
            ws.write_string(r, 5, h.unit)
            ws.write_string(r, 6, h.campaign)
            ws.write_string(r, 7, "是" if h.vulnerable else "")
        wb.close()
    return out


# --- the street office's copy ---------------------------------------------------------------------


NO_LONGER_NEEDED = "已无未领份额"


@dataclass(frozen=True)
class _Figures:
    unit: str
    needed: int
    on_hand: int
    shortage: int
    households_waiting: int


def _current(session: Session) -> dict[str, _Figures]:
    needs = needs_list(session)
    waiting: dict[str, set[str]] = {}
    for h in needs.households:
        waiting.setdefault(h.item, set()).add(h.household_code)
    figures: dict[str, _Figures] = {}
    for n in needs.items:
        seen = figures.get(n.item)  # two items named alike (another origin's): added up
        figures[n.item] = _Figures(
            seen.unit if seen else n.unit,
            n.still_to_hand_out + (seen.needed if seen else 0),
            n.on_hand + (seen.on_hand if seen else 0),
            n.shortage + (seen.shortage if seen else 0),
            len(waiting.get(n.item, ())),
        )
    return figures


def _figures(row: SupplyNeed) -> _Figures:
    return _Figures(row.unit, row.needed, row.on_hand, row.shortage, row.households_waiting)


def refresh_needs(session: Session, origin: str) -> int:
    """Bring this office's `supply_need` rows in line with its needs list; return how many rows
    were added, changed or tombstoned (0 when nothing changed)."""
    now = utcnow().replace(microsecond=0)
    current = _current(session)
    rows = list(
        session.scalars(
            select(SupplyNeed)
            .where(SupplyNeed.origin == origin)
            .order_by(SupplyNeed.deleted_at.is_not(None), SupplyNeed.id)
        )
    )
    live: dict[str, SupplyNeed] = {}
    gone: dict[str, SupplyNeed] = {}
    for found in rows:
        (gone if found.deleted_at is not None else live).setdefault(found.item, found)
    changed = 0
    for item, want in current.items():
        row = live.get(item)
        live.pop(item, None)
        if row is not None and _figures(row) == want:
            continue
        if row is None:
            row = gone.get(item)
            if row is None:
                row = SupplyNeed(item=item)
                session.add(row)
            row.deleted_at = None
            row.delete_reason = None
        row.unit = want.unit
        row.needed = want.needed
        row.on_hand = want.on_hand
        row.shortage = want.shortage
        row.households_waiting = want.households_waiting
        row.as_of = now
        changed += 1
    for stale in live.values():
        stale.deleted_at = now
        stale.delete_reason = NO_LONGER_NEEDED
        changed += 1
    if changed:
        session.flush()
    return changed
