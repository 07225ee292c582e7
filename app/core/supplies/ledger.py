"""The stock ledger: receipts, issues, transfers, adjustments, write-offs and stock-takes; stock on
hand per item and point; the ledger's rows and the day's movements; the small checks every supplies
operation shares (quantities, expiry, items and points).

Every operation takes a Session (the caller's transaction) and plain values. A refusal raises
`InvalidInput` (exit 1) or, for a household already served, `AlreadyDone` (exit 3); the caller's
transaction then rolls back, so stock is unchanged. The database holds the same rules on its own
(see `app.db.models_supplies`): a balance CHECK that a trigger keeps from the ledger, and a UNIQUE
(campaign, household) on deliveries; a write that slips past the checks here is refused there and
reported with the same message.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, case, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.db.base import utcnow
from app.db.models import Household
from app.db.models_supplies import (
    DONOR_KINDS,
    SOURCE_KINDS,
    SupplyBalance,
    SupplyCampaign,
    SupplyItem,
    SupplyMovement,
    SupplyPoint,
)
from app.db.problems import is_check_violation
from app.errors import InvalidInput

DEFAULT_POINT = "社区仓库"
MAX_QTY = 1_000_000  # more than any community receives in one go: a typo, refused


# --- small helpers -------------------------------------------------------------------------------


def _actor(session: Session) -> str:
    return str(session.info.get("actor") or "unknown")


def _clean(text: str | None) -> str:
    return unicodedata.normalize("NFKC", text or "").strip()


def check_qty(value: Any, what: str = "数量", what_en: str = "quantity") -> int:
    """A whole, positive, believable quantity; `InvalidInput` saying why otherwise."""
    try:
        qty = int(str(value).strip())
    except (TypeError, ValueError):
        raise InvalidInput(
            f"{what}应为正整数：{value}", f"The {what_en} must be a whole number: {value}"
        ) from None
    if qty <= 0:
        raise InvalidInput(f"{what}应大于零：{qty}", f"The {what_en} must be more than zero: {qty}")
    if qty > MAX_QTY:
        raise InvalidInput(
            f"{what}过大（{qty}），请核对（上限 {MAX_QTY}）",
            f"The {what_en} {qty} is implausibly large (at most {MAX_QTY}); please check it",
        )
    return qty


def _today() -> date:
    return date.today()


def _expired(item: SupplyItem, today: date | None = None) -> bool:
    return item.expires_on is not None and item.expires_on < (today or _today())


def _refuse_expired(item: SupplyItem) -> None:
    if _expired(item):
        raise _expired_error(item.name, item.expires_on)


def _expired_error(name: str, expires_on: date | None) -> InvalidInput:
    return InvalidInput(
        f"“{name}”已于 {expires_on} 过期，不能发放；请做过期报废",
        f"'{name}' expired on {expires_on} and cannot be handed out; write it off",
    )


def _refuse_expired_line(line: Any) -> None:
    if line.expires_on is not None and line.expires_on < _today():
        raise _expired_error(line.item, line.expires_on)


def get_item(session: Session, name: str) -> SupplyItem:
    wanted = _clean(name)
    item = session.scalar(
        select(SupplyItem).where(SupplyItem.name == wanted, SupplyItem.deleted_at.is_(None))
    )
    if item is None:
        raise InvalidInput(f"物资目录中没有“{wanted}”", f"No item '{wanted}' in the catalogue")
    return item


def ensure_item(
    session: Session,
    name: str,
    unit: str | None = None,
    category: str | None = None,
    expires_on: date | None = None,
) -> SupplyItem:
    """The catalogue item called `name`, added if it is new; a different unit is refused."""
    wanted = _clean(name)
    if not wanted or len(wanted) > 60:
        raise InvalidInput("物资名称不能为空，最多 60 字", "The item name must be 1–60 characters")
    unit = _clean(unit) or None
    item = session.scalar(
        select(SupplyItem).where(SupplyItem.name == wanted, SupplyItem.deleted_at.is_(None))
    )
    if item is None:
        item = SupplyItem(
            name=wanted,
            unit=unit or "个",
            category=_clean(category) or "其他",
            expires_on=expires_on,
        )
        session.add(item)
        session.flush()
        return item
    if unit and unit != item.unit:
        raise InvalidInput(
            f"“{wanted}”的单位是“{item.unit}”，不是“{unit}”",
            f"'{wanted}' is counted in '{item.unit}', not '{unit}'",
        )
    if expires_on is not None and item.expires_on != expires_on:
        item.expires_on = expires_on
    return item


def ensure_point(session: Session, name: str | None = None) -> SupplyPoint:
    wanted = _clean(name) or DEFAULT_POINT
    point = session.scalar(
        select(SupplyPoint).where(SupplyPoint.name == wanted, SupplyPoint.deleted_at.is_(None))
    )
    if point is None:
        point = SupplyPoint(name=wanted)
        session.add(point)
        session.flush()
    return point


def on_hand(session: Session, item_id: int, point_id: int | None = None) -> int:
    q = select(func.coalesce(func.sum(SupplyBalance.on_hand), 0)).where(
        SupplyBalance.item_id == item_id
    )
    if point_id is not None:
        q = q.where(SupplyBalance.point_id == point_id)
    return int(session.scalar(q) or 0)


def _not_enough(item: SupplyItem, wanted: int, have: int | None) -> InvalidInput:
    zh_have = f"，现有 {have}{item.unit}" if have is not None else ""
    en_have = f", {have} on hand" if have is not None else ""
    return InvalidInput(
        f"库存不足：“{item.name}”需要 {wanted}{item.unit}{zh_have}，库存未改变",
        f"Not enough '{item.name}': {wanted} {item.unit} needed{en_have}; stock unchanged",
    )


def _record(session: Session, item: SupplyItem, movement: SupplyMovement) -> SupplyMovement:
    """Add a movement and flush it; the database refusing it (stock below zero) becomes
    `InvalidInput` with the figures."""
    session.add(movement)
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError as exc:
        if is_check_violation(exc, "not_negative"):
            raise _not_enough(item, -movement.qty, None) from None
        raise
    return movement


# --- the ledger ----------------------------------------------------------------------------------


def receive(
    session: Session,
    item_name: str,
    qty: Any,
    *,
    source: str,
    source_kind: str = "donation",
    donor_kind: str | None = None,
    unit: str | None = None,
    category: str | None = None,
    expires_on: date | None = None,
    point: str | None = None,
) -> SupplyMovement:
    """A receipt into stock: a donation (with the donor), a purchase, an allocation."""
    amount = check_qty(qty)
    source = _clean(source)
    if not source:
        raise InvalidInput(
            "请写明来源（捐赠单位或个人、采购、街道调拨）",
            "Say where it came from (donor, purchase, allocation)",
        )
    if source_kind not in SOURCE_KINDS:
        raise InvalidInput(f"来源类别不对：{source_kind}", f"Unknown source kind: {source_kind}")
    if donor_kind is not None and donor_kind not in DONOR_KINDS:
        raise InvalidInput(f"捐赠方类别不对：{donor_kind}", f"Unknown donor kind: {donor_kind}")
    if expires_on is not None and expires_on < _today():
        raise InvalidInput(
            f"有效期 {expires_on} 已过，不能入库", f"Already expired on {expires_on}; not received"
        )
    item = ensure_item(session, item_name, unit, category, expires_on)
    where = ensure_point(session, point)
    return _record(
        session,
        item,
        SupplyMovement(
            item_id=item.id,
            point_id=where.id,
            kind="receipt",
            qty=amount,
            at=utcnow(),
            actor=_actor(session),
            source_kind=source_kind,
            donor=source,
            donor_kind=donor_kind,
        ),
    )


def issue(
    session: Session, item_name: str, qty: Any, *, reason: str, point: str | None = None
) -> SupplyMovement:
    """Stock out (outside a campaign), with why."""
    amount = check_qty(qty)
    item = get_item(session, item_name)
    _refuse_expired(item)
    where = ensure_point(session, point)
    have = on_hand(session, item.id, where.id)
    if amount > have:
        raise _not_enough(item, amount, have)
    return _record(
        session,
        item,
        SupplyMovement(
            item_id=item.id,
            point_id=where.id,
            kind="issue",
            qty=-amount,
            at=utcnow(),
            actor=_actor(session),
            reason=_clean(reason) or None,
        ),
    )


def adjust(
    session: Session, item_name: str, delta: int, *, reason: str, point: str | None = None
) -> SupplyMovement:
    """A correction up or down, always with a reason (damaged, miscounted …)."""
    if not isinstance(delta, int) or delta == 0:
        raise InvalidInput("调整数量不能为零", "The adjustment cannot be zero")
    check_qty(abs(delta))
    reason = _clean(reason)
    if not reason:
        raise InvalidInput("调整必须写明原因", "An adjustment needs a reason")
    item = get_item(session, item_name)
    where = ensure_point(session, point)
    have = on_hand(session, item.id, where.id)
    if have + delta < 0:
        raise _not_enough(item, -delta, have)
    return _record(
        session,
        item,
        SupplyMovement(
            item_id=item.id,
            point_id=where.id,
            kind="adjustment",
            qty=delta,
            at=utcnow(),
            actor=_actor(session),
            reason=reason,
        ),
    )


def transfer(
    session: Session, item_name: str, qty: Any, *, from_point: str, to_point: str
) -> tuple[SupplyMovement, SupplyMovement]:
    """Move stock between storage points: two movements sharing one transfer id."""
    from app.db.base import new_uuid

    amount = check_qty(qty)
    item = get_item(session, item_name)
    src = ensure_point(session, from_point)
    dst = ensure_point(session, to_point)
    if src.id == dst.id:
        raise InvalidInput("调出和调入是同一个存放点", "From and to are the same storage point")
    have = on_hand(session, item.id, src.id)
    if amount > have:
        raise _not_enough(item, amount, have)
    ref = new_uuid()
    actor, now = _actor(session), utcnow()
    out = _record(
        session,
        item,
        SupplyMovement(
            item_id=item.id,
            point_id=src.id,
            kind="transfer_out",
            qty=-amount,
            at=now,
            actor=actor,
            transfer_uuid=ref,
        ),
    )
    into = _record(
        session,
        item,
        SupplyMovement(
            item_id=item.id,
            point_id=dst.id,
            kind="transfer_in",
            qty=amount,
            at=now,
            actor=actor,
            transfer_uuid=ref,
        ),
    )
    return out, into


def write_off_expired(session: Session, item_name: str) -> int:
    """Write off everything on hand of an expired item, at every point; returns how much."""
    item = get_item(session, item_name)
    if not _expired(item):
        raise InvalidInput(
            f"“{item.name}”没有过期，不能做过期报废", f"'{item.name}' has not expired"
        )
    total = 0
    for bal in session.scalars(
        select(SupplyBalance).where(SupplyBalance.item_id == item.id, SupplyBalance.on_hand > 0)
    ).all():
        total += bal.on_hand
        _record(
            session,
            item,
            SupplyMovement(
                item_id=item.id,
                point_id=bal.point_id,
                kind="write_off",
                qty=-bal.on_hand,
                at=utcnow(),
                actor=_actor(session),
                reason=f"过期（{item.expires_on}）",
            ),
        )
    return total


def stocktake(
    session: Session, item_name: str, counted: int, *, point: str | None = None
) -> SupplyMovement | None:
    """Record a count: the difference from the ledger becomes a stock-take movement."""
    if not isinstance(counted, int) or counted < 0 or counted > MAX_QTY:
        raise InvalidInput(f"盘点数量不对：{counted}", f"Bad counted quantity: {counted}")
    item = get_item(session, item_name)
    where = ensure_point(session, point)
    diff = counted - on_hand(session, item.id, where.id)
    if diff == 0:
        return None
    return _record(
        session,
        item,
        SupplyMovement(
            item_id=item.id,
            point_id=where.id,
            kind="stocktake",
            qty=diff,
            at=utcnow(),
            actor=_actor(session),
            reason=f"盘点实存 {counted}",
        ),
    )


@dataclass(frozen=True)
class StockRow:
    item: str
    unit: str
    category: str
    on_hand: int
    expires_on: date | None
    expired: bool
    received: int
    handed_out: int


def stock(session: Session) -> list[StockRow]:
    """Every catalogue item with what is on hand (all points), received and handed out."""
    bal = (
        select(SupplyBalance.item_id, func.sum(SupplyBalance.on_hand).label("n"))
        .group_by(SupplyBalance.item_id)
        .subquery()
    )
    moved = (
        select(
            SupplyMovement.item_id,
            func.sum(case((SupplyMovement.kind == "receipt", SupplyMovement.qty), else_=0)).label(
                "received"
            ),
            func.sum(
                case(
                    (SupplyMovement.kind.in_(("issue", "delivery")), -SupplyMovement.qty),
                    # an undone delivery comes back as an adjustment carrying the campaign
                    (
                        and_(
                            SupplyMovement.kind == "adjustment",
                            SupplyMovement.campaign_id.is_not(None),
                        ),
                        -SupplyMovement.qty,
                    ),
                    else_=0,
                )
            ).label("out"),
        )
        .group_by(SupplyMovement.item_id)
        .subquery()
    )
    rows = session.execute(
        select(
            SupplyItem,
            func.coalesce(bal.c.n, 0),
            func.coalesce(moved.c.received, 0),
            func.coalesce(moved.c.out, 0),
        )
        .outerjoin(bal, bal.c.item_id == SupplyItem.id)
        .outerjoin(moved, moved.c.item_id == SupplyItem.id)
        .where(SupplyItem.deleted_at.is_(None))
        .order_by(SupplyItem.category, SupplyItem.name)
    ).all()
    today = _today()
    return [
        StockRow(
            item=i.name,
            unit=i.unit,
            category=i.category,
            on_hand=int(n),
            expires_on=i.expires_on,
            expired=_expired(i, today),
            received=int(r),
            handed_out=int(o),
        )
        for i, n, r, o in rows
    ]


@dataclass(frozen=True)
class LedgerRow:
    at: datetime
    item: str
    unit: str
    point: str
    kind: str
    qty: int
    actor: str
    detail: str


def ledger(session: Session, limit: int = 500) -> list[LedgerRow]:
    """The latest movements, newest first (who, when, what, why)."""
    rows = session.execute(
        select(
            SupplyMovement,
            SupplyItem.name,
            SupplyItem.unit,
            SupplyPoint.name,
            Household.address_code,
            SupplyCampaign.code,
        )
        .join(SupplyItem, SupplyItem.id == SupplyMovement.item_id)
        .join(SupplyPoint, SupplyPoint.id == SupplyMovement.point_id)
        .outerjoin(Household, Household.id == SupplyMovement.household_id)
        .outerjoin(SupplyCampaign, SupplyCampaign.id == SupplyMovement.campaign_id)
        .order_by(SupplyMovement.id.desc())
        .limit(limit)
    ).all()
    return [
        LedgerRow(
            at=m.at,
            item=name,
            unit=unit,
            point=point,
            kind=m.kind,
            qty=m.qty,
            actor=m.actor,
            detail=m.donor or m.reason or (f"{code} {address}" if address else ""),
        )
        for m, name, unit, point, address, code in rows
    ]


def verify_balances(session: Session) -> list[tuple[int, int, int, int]]:
    """(item, point, balance, ledger sum) wherever the kept balance differs from the ledger."""
    led = (
        select(
            SupplyMovement.item_id, SupplyMovement.point_id, func.sum(SupplyMovement.qty).label("s")
        )
        .group_by(SupplyMovement.item_id, SupplyMovement.point_id)
        .subquery()
    )
    rows = session.execute(
        select(led.c.item_id, led.c.point_id, func.coalesce(SupplyBalance.on_hand, 0), led.c.s)
        .outerjoin(
            SupplyBalance,
            and_(SupplyBalance.item_id == led.c.item_id, SupplyBalance.point_id == led.c.point_id),
        )
        .where(func.coalesce(SupplyBalance.on_hand, 0) != led.c.s)
    ).all()
    return [(int(a), int(b), int(c), int(d)) for a, b, c, d in rows]


@dataclass(frozen=True)
class DayMovements:
    item: str
    unit: str
    received: int
    handed_out: int  # issues and deliveries, less deliveries undone that day


def movements_between(session: Session, start: datetime, end: datetime) -> dict[str, DayMovements]:
    """Received and handed out per item between two (naive UTC) times, by item name."""
    rows = session.execute(
        select(
            SupplyItem.name,
            SupplyItem.unit,
            func.sum(case((SupplyMovement.kind == "receipt", SupplyMovement.qty), else_=0)),
            func.sum(
                case(
                    (SupplyMovement.kind.in_(("issue", "delivery")), -SupplyMovement.qty),
                    (
                        and_(
                            SupplyMovement.kind == "adjustment",
                            SupplyMovement.campaign_id.is_not(None),
                        ),
                        -SupplyMovement.qty,
                    ),
                    else_=0,
                )
            ),
        )
        .join(SupplyItem, SupplyItem.id == SupplyMovement.item_id)
        .where(SupplyMovement.at >= start, SupplyMovement.at < end)
        .group_by(SupplyItem.name, SupplyItem.unit)
    ).all()
    return {n: DayMovements(n, u, int(r or 0), int(o or 0)) for n, u, r, o in rows}
