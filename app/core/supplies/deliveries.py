"""Deliveries of a campaign, household by household, as a barcode scan records them: `deliver`
(all of a household's lines or none), `undo_delivery`, and who is still to be served
(`undelivered`, `undelivered_by_grid`, `campaign_households`).

A refusal raises `InvalidInput` (exit 1) or, for a household already served, `AlreadyDone`
(exit 3); the caller's transaction then rolls back, so stock is unchanged. The database's UNIQUE
(campaign, household) on deliveries refuses a second delivery that slips past the checks here, with
the same message.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, and_, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from app.core.supplies.campaigns import Line, campaign_lines, get_campaign
from app.core.supplies.ledger import _actor, _clean, _record, _refuse_expired_line, on_hand
from app.core.trust import scope
from app.db.base import utcnow
from app.db.models import Grid, Household
from app.db.models_supplies import (
    SupplyAllocation,
    SupplyCampaign,
    SupplyDelivery,
    SupplyItem,
    SupplyMovement,
)
from app.db.problems import is_unique_violation
from app.errors import AlreadyDone, InvalidInput

# --- delivery ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeliveredLine:
    item: str
    unit: str
    qty: int
    on_hand_after: int


@dataclass(frozen=True)
class DeliveryResult:
    campaign: str
    household_code: str
    address_code: str
    qty: int  # of the first item (`lines` has every item)
    item: str
    unit: str
    on_hand_after: int
    members: int
    lines: tuple[DeliveredLine, ...] = ()

    @property
    def summary(self) -> str:
        """米 5袋、油 1瓶"""
        return "、".join(f"{x.item} {x.qty}{x.unit}" for x in self.lines)


def deliver(
    session: Session, campaign_code: str, household_ref: str, how: str = "scan"
) -> DeliveryResult:
    """Record one household's share of a campaign — every item of it, in the caller's transaction
    — exactly as a scan does.

    Refused (nothing changed, not even the items that are there): unknown household or campaign,
    closed campaign, household outside the target (`InvalidInput`), already served
    (`AlreadyDone`), an expired item or not enough on hand of any item (`InvalidInput`, naming
    every item that is short).
    """
    scope.writing(session)
    campaign = get_campaign(session, campaign_code)
    household, earlier, alloc = _household_to_serve(session, campaign, household_ref)
    lines = campaign_lines(session, campaign)
    shares, haves = _shares_in_stock(session, campaign, alloc, lines)
    _record_delivery(session, campaign, household, alloc, earlier, lines, shares, how)
    delivered = tuple(
        DeliveredLine(line.item, line.unit, want, have - want)
        for line, want, have in zip(lines, shares, haves, strict=True)
    )
    return DeliveryResult(
        campaign=campaign.code,
        household_code=household.code,
        address_code=household.address_code,
        qty=alloc.qty,
        item=lines[0].item,
        unit=lines[0].unit,
        on_hand_after=haves[0] - alloc.qty,
        members=alloc.members,
        lines=delivered,
    )


def _household_to_serve(
    session: Session, campaign: SupplyCampaign, household_ref: str
) -> tuple[Household, SupplyDelivery | None, SupplyAllocation]:
    """The household a scan names, its earlier (undone) delivery if any, and its planned share.

    Kept apart from the stock checks because every refusal about *who* is served (unknown
    household, closed campaign, already served, outside the target) must come before stock is
    looked at: a household already served hears so even when the stock has run out.
    """
    from app.core.registry.lookup import find_household

    ref = _clean(household_ref)
    household_id = find_household(session, ref) if ref else None
    if household_id is None:
        raise InvalidInput(f"找不到住户 {ref}", f"No household {ref}")
    household = session.get(Household, household_id)
    assert household is not None
    if campaign.status != "open":
        raise InvalidInput(
            f"发放 {campaign.code} 已结束，不能再登记",
            f"Campaign {campaign.code} is closed; no more deliveries",
        )
    earlier = session.scalar(
        select(SupplyDelivery).where(
            SupplyDelivery.campaign_id == campaign.id, SupplyDelivery.household_id == household_id
        )
    )
    if earlier is not None and earlier.deleted_at is None:
        raise _already(campaign, household, earlier.delivered_at)
    alloc = session.get(SupplyAllocation, (campaign.id, household_id))
    if alloc is None:
        raise InvalidInput(
            f"{household.address_code} 不在发放“{campaign.name}”的对象范围内，未发放",
            f"{household.address_code} is not in the target of '{campaign.name}'; not delivered",
        )
    return household, earlier, alloc


def _shares_in_stock(
    session: Session, campaign: SupplyCampaign, alloc: SupplyAllocation, lines: list[Line]
) -> tuple[list[int], list[int]]:
    """The household's share of each item and what is on hand of it, after refusing an expired
    item or any shortage.

    Every item is checked before anything is written, so a parcel is handed out whole or not at
    all, and the refusal names every item that is short, not just the first.
    """
    for line in lines:
        _refuse_expired_line(line)
    shares = [alloc.qty] + [line.share(alloc.members) for line in lines[1:]]
    haves = [on_hand(session, line.item_id, campaign.point_id) for line in lines]
    short = [
        (line, want, have)
        for line, want, have in zip(lines, shares, haves, strict=True)
        if want > have
    ]
    if short:
        raise _short(short, several=len(lines) > 1)
    return shares, haves


def _record_delivery(
    session: Session,
    campaign: SupplyCampaign,
    household: Household,
    alloc: SupplyAllocation,
    earlier: SupplyDelivery | None,
    lines: list[Line],
    shares: list[int],
    how: str,
) -> None:
    """Write one delivery movement per item and the delivery row (reusing an undone one), and
    flush them in a savepoint.

    The flush is where the database's UNIQUE (campaign, household) catches a second scan that
    raced past the check in `_household_to_serve`; it is reported as "already served", the same
    message the check gives.
    """
    actor, now = _actor(session), utcnow()
    movements: list[SupplyMovement] = []
    for line, want in zip(lines, shares, strict=True):
        item = session.get(SupplyItem, line.item_id)
        assert item is not None
        movements.append(
            _record(
                session,
                item,
                SupplyMovement(
                    item_id=line.item_id,
                    point_id=campaign.point_id,
                    kind="delivery",
                    qty=-want,
                    at=now,
                    actor=actor,
                    campaign_id=campaign.id,
                    household_id=household.id,
                ),
            )
        )
    if earlier is not None:  # delivered before and undone: the same row, delivered again
        earlier.deleted_at = None
        earlier.delete_reason = None
        earlier.movement_id = movements[0].id
        earlier.qty = alloc.qty
        earlier.delivered_at = now
        earlier.delivered_by = actor
        earlier.how = how
    else:
        session.add(
            SupplyDelivery(
                campaign_id=campaign.id,
                household_id=household.id,
                movement_id=movements[0].id,
                qty=alloc.qty,
                delivered_at=now,
                delivered_by=actor,
                how=how,
            )
        )
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError as exc:
        if is_unique_violation(exc, "supply_delivery"):
            raise _already(campaign, household, None) from None
        raise


def _short(short: list[tuple[Line, int, int]], several: bool) -> InvalidInput:
    zh = "；".join(f"“{x.item}”需要 {w}{x.unit}，现有 {h}{x.unit}" for x, w, h in short)
    en = "; ".join(f"'{x.item}': {w} {x.unit} needed, {h} on hand" for x, w, h in short)
    if several:
        return InvalidInput(
            f"库存不足：{zh}；本户的物资都未发放，库存未改变",
            f"Not enough {en}; nothing was handed out to this household, stock unchanged",
        )
    return InvalidInput(f"库存不足：{zh}，库存未改变", f"Not enough {en}; stock unchanged")


@dataclass(frozen=True)
class UndoResult:
    campaign: str
    address_code: str
    returned: tuple[DeliveredLine, ...]


def undo_delivery(
    session: Session, campaign_code: str, household_ref: str, reason: str
) -> UndoResult:
    """Take back a delivery recorded by mistake (a wrong tick, a scan of the wrong slip): the
    delivery is tombstoned with the reason, and what it issued goes back into stock as adjustments
    carrying the campaign, the household and the reason. The household may be served again later.
    """
    from app.core.registry.lookup import find_household

    scope.writing(session)
    campaign = get_campaign(session, campaign_code)
    why = _clean(reason)
    if not why:
        raise InvalidInput("撤销领取必须写明原因", "Say why the delivery is undone")
    ref = _clean(household_ref)
    household_id = find_household(session, ref) if ref else None
    if household_id is None:
        raise InvalidInput(f"找不到住户 {ref}", f"No household {ref}")
    household = session.get(Household, household_id)
    assert household is not None
    if campaign.status != "open":
        raise InvalidInput(
            f"发放 {campaign.code} 已结束，不能再更改领取记录",
            f"Campaign {campaign.code} is closed; its deliveries can no longer change",
        )
    delivery = session.scalar(
        select(SupplyDelivery).where(
            SupplyDelivery.campaign_id == campaign.id,
            SupplyDelivery.household_id == household_id,
            SupplyDelivery.deleted_at.is_(None),
        )
    )
    if delivery is None:
        raise InvalidInput(
            f"{household.address_code} 尚未领取“{campaign.name}”，无需撤销",
            f"{household.address_code} has not received '{campaign.name}'; nothing to undo",
        )
    out = session.execute(
        select(SupplyMovement.item_id, SupplyMovement.point_id, func.sum(SupplyMovement.qty))
        .where(
            SupplyMovement.campaign_id == campaign.id,
            SupplyMovement.household_id == household_id,
            SupplyMovement.kind.in_(("delivery", "adjustment")),
        )
        .group_by(SupplyMovement.item_id, SupplyMovement.point_id)
        .order_by(func.min(SupplyMovement.id))
    ).all()
    actor, now = _actor(session), utcnow()
    note = f"撤销发放 {campaign.code} {household.address_code}：{why}"
    returned: list[DeliveredLine] = []
    for item_id, point_id, net in out:
        if not net or net >= 0:
            continue
        item = session.get(SupplyItem, item_id)
        assert item is not None
        _record(
            session,
            item,
            SupplyMovement(
                item_id=item_id,
                point_id=point_id,
                kind="adjustment",
                qty=-int(net),
                at=now,
                actor=actor,
                reason=note,
                campaign_id=campaign.id,
                household_id=household_id,
            ),
        )
        returned.append(
            DeliveredLine(item.name, item.unit, -int(net), on_hand(session, item_id, point_id))
        )
    delivery.deleted_at = now
    delivery.delete_reason = why
    session.flush()
    return UndoResult(campaign.code, household.address_code, tuple(returned))


def _already(campaign: SupplyCampaign, household: Household, at: datetime | None) -> AlreadyDone:
    when = f"（{at:%m-%d %H:%M}）" if at else ""
    return AlreadyDone(
        f"{household.address_code} 已领取过“{campaign.name}”{when}，不能重复发放",
        f"{household.address_code} has already received '{campaign.name}'; not delivered again",
    )


@dataclass(frozen=True)
class UndeliveredRow:
    grid: str
    address_code: str
    household_code: str
    members: int
    qty: int
    vulnerable: bool
    phone: str | None


def _standing_delivery() -> ColumnElement[bool]:
    """An allocation's delivery that stands (not undone): the join condition from the plan."""
    return and_(
        SupplyDelivery.campaign_id == SupplyAllocation.campaign_id,
        SupplyDelivery.household_id == SupplyAllocation.household_id,
        SupplyDelivery.deleted_at.is_(None),
    )


def _campaign_households_select(session: Session, campaign_id: int, *columns: Any) -> Select[Any]:
    """The one query under a campaign's household lists: every allocation of the campaign with its
    household, the household's grid, and its delivery if there is one not undone (at most one: the
    UNIQUE (campaign, household)); the caller picks the columns, filters and order.

    `campaign_households` lists them all, `undelivered` those without a delivery, and
    `undelivered_by_grid` counts those per grid — so the three always agree. A grid worker's are
    the households of their grids (app.core.trust.scope)."""
    return (
        select(*columns)
        .select_from(SupplyAllocation)
        .join(Household, Household.id == SupplyAllocation.household_id)
        .outerjoin(Grid, Grid.id == Household.grid_id)
        .outerjoin(SupplyDelivery, _standing_delivery())
        .where(SupplyAllocation.campaign_id == campaign_id, scope.household_clause(session))
    )


def _grid_name() -> ColumnElement[str]:
    return func.coalesce(Grid.name, "")


def _household_columns() -> tuple[Any, ...]:
    """grid name ('' for none), address, household code, members, qty, vulnerable, phone."""
    return (
        _grid_name(),
        Household.address_code,
        Household.code,
        SupplyAllocation.members,
        SupplyAllocation.qty,
        SupplyAllocation.vulnerable,
        Household.phone,
    )


_NOT_SERVED = SupplyDelivery.household_id.is_(None)
NO_GRID = "未分网格"


def undelivered(session: Session, campaign_code: str) -> list[UndeliveredRow]:
    """The households of a campaign not yet served, by grid then address (the end-of-day list)."""
    scope.personal(session)
    campaign = get_campaign(session, campaign_code)
    rows = session.execute(
        _campaign_households_select(session, campaign.id, *_household_columns())
        .where(_NOT_SERVED)
        .order_by(Grid.code, SupplyAllocation.rank)
    ).all()
    return [
        UndeliveredRow(g or NO_GRID, a, c, int(m), int(q), bool(v), p)
        for g, a, c, m, q, v, p in rows
    ]


def undelivered_by_grid(session: Session, campaign_code: str) -> dict[str, int]:
    """How many households of a campaign each grid (by name) has still to serve, in grid order —
    the per-grid counts of `undelivered`, counted by the database."""
    campaign = get_campaign(session, campaign_code)
    grid = _grid_name()
    rows = session.execute(
        _campaign_households_select(session, campaign.id, grid, func.count())
        .where(_NOT_SERVED)
        .group_by(grid)
        .order_by(func.min(Grid.code))
    ).all()
    return {(g or NO_GRID): int(n) for g, n in rows}


@dataclass(frozen=True)
class CampaignHousehold:
    grid: str
    address_code: str
    household_code: str
    members: int
    qty: int  # of the first item
    vulnerable: bool
    phone: str | None
    delivered_at: datetime | None  # None: not yet
    delivered_by: str | None
    how: str | None
    items: str = ""  # what the household receives: "蔬菜包 1袋、大米 1袋、口罩 4个"


def campaign_households(session: Session, campaign_code: str) -> list[CampaignHousehold]:
    """Every household of a campaign in queue order, with whether, when and by whom it was served
    (the list the window ticks; a grid worker's: their grids' households)."""
    scope.personal(session)
    campaign = get_campaign(session, campaign_code)
    rows = session.execute(
        _campaign_households_select(
            session,
            campaign.id,
            *_household_columns(),
            SupplyDelivery.delivered_at,
            SupplyDelivery.delivered_by,
            SupplyDelivery.how,
        ).order_by(SupplyAllocation.rank)
    ).all()
    lines = campaign_lines(session, campaign)

    def items(members: int, first: int) -> str:
        shares = [first] + [line.share(members) for line in lines[1:]]
        return "、".join(f"{x.item} {q}{x.unit}" for x, q in zip(lines, shares, strict=True))

    return [
        CampaignHousehold(
            g or NO_GRID, a, c, int(m), int(q), bool(v), p, at, by, how, items(int(m), int(q))
        )
        for g, a, c, m, q, v, p, at, by, how in rows
    ]


def delivered_between(session: Session, start: datetime, end: datetime) -> dict[int, int]:
    """Households served per campaign id between two (naive UTC) times (deliveries standing)."""
    rows = session.execute(
        select(SupplyDelivery.campaign_id, func.count())
        .where(
            SupplyDelivery.deleted_at.is_(None),
            SupplyDelivery.delivered_at >= start,
            SupplyDelivery.delivered_at < end,
        )
        .group_by(SupplyDelivery.campaign_id)
    ).all()
    return {int(c): int(n) for c, n in rows}
