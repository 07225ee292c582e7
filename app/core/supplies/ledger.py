"""Supplies: receipts, issues, transfers, adjustments, write-offs and stock-takes on the ledger;
distribution campaigns planned with a preview against stock on hand; delivery household by
household, as a barcode scan records it; the undelivered list per grid; the needs list.

Every operation takes a Session (the caller's transaction) and plain values. A refusal raises
`InvalidInput` (exit 1) or, for a household already served, `AlreadyDone` (exit 3); the caller's
transaction then rolls back, so stock is unchanged. The database holds the same rules on its own
(see `app.db.models_supplies`): a balance CHECK that a trigger keeps from the ledger, and a UNIQUE
(campaign, household) on deliveries; a write that slips past the checks here is refused there and
reported with the same message.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Integer,
    Select,
    and_,
    case,
    func,
    insert,
    literal,
    or_,
    select,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from app.core.common.files import atomic_path
from app.db.base import utcnow
from app.db.models import Building, Grid, Household, Resident, Tag
from app.db.models_supplies import (
    ALLOCATION_RULES,
    DONOR_KINDS,
    SOURCE_KINDS,
    SupplyAllocation,
    SupplyBalance,
    SupplyCampaign,
    SupplyCampaignItem,
    SupplyDelivery,
    SupplyItem,
    SupplyMovement,
    SupplyPoint,
)
from app.db.problems import is_check_violation, is_unique_violation
from app.errors import AlreadyDone, InvalidInput

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


# --- campaigns -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class LineSpec:
    """A further item of a campaign: its share and rule, like the campaign's first item."""

    item: str
    qty: int
    per: str = "household"
    max_per_household: int | None = None


@dataclass
class CampaignSpec:
    name: str
    item: str
    qty: int
    per: str = "household"  # household / person / size
    target: str = "all"  # all, grid:G, building:B, tag:T, list:CODE,CODE,…
    vulnerable_first: bool = True
    max_per_household: int | None = None
    min_days_since: int | None = None
    point: str | None = None
    more: tuple[LineSpec, ...] = ()  # further items handed out with the first, each its own rule


@dataclass(frozen=True)
class Line:
    """One item of a campaign as it is handed out: the item and a household's share of it."""

    item_id: int
    item: str
    unit: str
    qty: int
    per: str
    max_per_household: int | None
    expires_on: date | None

    def share(self, members: int) -> int:
        return share_of(self.qty, self.per, self.max_per_household, members)


def share_of(qty: int, per: str, cap: int | None, members: int) -> int:
    """A household's share: `qty` per household, per member, or per two members rounded up
    (`size`), at most `cap`."""
    if per == "person":
        share = members * qty
    elif per == "size":
        share = ((members + 1) // 2) * qty
    else:
        share = qty
    return min(share, cap) if cap else share


def _share_sql(qty: Any, per: Any, cap: Any, members: Any) -> ColumnElement[Any]:
    """`share_of` in SQL over `members`: with the rule given as values, or as columns of each row
    (`supply_campaign_item.qty`, `.per`, `.max_per_household`)."""
    share: ColumnElement[Any]
    if isinstance(per, str):
        if per == "household":
            share = literal(qty, Integer)
        elif per == "person":
            share = members * qty
        else:
            share = ((members + 1) // 2) * qty
        return case((share > cap, cap), else_=share) if cap else share
    share = case(
        (per == "person", members * qty),
        (per == "size", ((members + 1) // 2) * qty),
        else_=qty,
    )
    return case((and_(cap.is_not(None), share > cap), cap), else_=share)


@dataclass(frozen=True)
class ItemPreview:
    item: str
    unit: str
    needed: int
    on_hand: int
    shortfall: int
    covered_households: int  # in queue order, how many the stock on hand serves
    expired: bool


@dataclass(frozen=True)
class Preview:
    """What a campaign hands out against stock on hand, item by item (the first item's figures
    are also read directly: `p.needed`, `p.shortfall` …)."""

    households: int
    vulnerable_households: int
    items: tuple[ItemPreview, ...]

    @property
    def needed(self) -> int:
        return self.items[0].needed

    @property
    def on_hand(self) -> int:
        return self.items[0].on_hand

    @property
    def shortfall(self) -> int:
        return self.items[0].shortfall

    @property
    def unit(self) -> str:
        return self.items[0].unit

    @property
    def item(self) -> str:
        return self.items[0].item

    @property
    def expired(self) -> bool:
        return any(i.expired for i in self.items)

    @property
    def covered_households(self) -> int:
        """Households served in queue order before any of the items runs out."""
        return min(i.covered_households for i in self.items)

    @property
    def short_items(self) -> tuple[ItemPreview, ...]:
        return tuple(i for i in self.items if i.shortfall)


@dataclass(frozen=True)
class Target:
    kind: str
    value: str | None
    where: ColumnElement[bool]


def _tag_like(tag: str) -> ColumnElement[bool]:
    return Resident.tags.like(f"%,{tag},%")


def parse_target(session: Session, text: str) -> Target:
    """all, grid:G, building:B, tag:T or list:H1,H2,… as a condition on `household`."""
    from app.core.grids.structure import get_grid
    from app.core.registry.lookup import find_household

    raw = _clean(text) or "all"
    kind, _, value = raw.partition(":")
    kind = kind.lower()
    value = value.strip()
    if kind == "all" and not value:
        return Target("all", None, Household.deleted_at.is_(None))
    if not value:
        raise InvalidInput(f"发放对象缺少取值：{raw}", f"The target needs a value: {raw}")
    if kind == "grid":
        grid: Grid = get_grid(session, value)
        return Target("grid", grid.code, Household.grid_id == grid.id)
    if kind == "building":
        b_id = session.scalar(
            select(Building.id).where(Building.number == value, Building.deleted_at.is_(None))
        )
        if b_id is None:
            raise InvalidInput(f"没有 {value} 号楼", f"No building {value}")
        return Target("building", value, Household.building_id == b_id)
    if kind == "tag":
        if session.get(Tag, value) is None:
            raise InvalidInput(f"没有标签“{value}”", f"No tag '{value}'")
        having = select(Resident.household_id).where(
            Resident.deleted_at.is_(None), Resident.status == "active", _tag_like(value)
        )
        return Target("tag", value, Household.id.in_(having))
    if kind == "list":
        ids: list[int] = []
        for ref in [r for r in value.replace("，", ",").replace(" ", ",").split(",") if r]:
            got = find_household(session, ref)
            if got is None:
                raise InvalidInput(f"找不到住户 {ref}", f"No household {ref}")
            ids.append(got)
        return Target("list", ",".join(str(i) for i in ids), Household.id.in_(ids))
    raise InvalidInput(
        f"发放对象应为 all、grid:网格、building:楼栋、tag:标签 或 list:住户…，而不是 {raw}",
        f"The target must be all, grid:G, building:B, tag:T or list:H,… — not {raw}",
    )


def _target_from_campaign(campaign: SupplyCampaign) -> str:
    if campaign.target_kind == "all":
        return "all"
    return f"{campaign.target_kind}:{campaign.target_value}"


def _allocation_select(
    session: Session, spec: CampaignSpec, target: Target, item_ids: Sequence[int]
) -> Any:
    """SELECT household_id, qty, members, vulnerable, rank for every household the campaign
    serves — the whole plan in one statement."""
    per = spec.per
    if per not in ALLOCATION_RULES:
        raise InvalidInput(
            f"分配规则应为 household、person 或 size：{per}",
            f"The rule must be household, person or size: {per}",
        )
    qty = check_qty(spec.qty, "每份数量", "quantity per share")
    vulnerable_tags = list(
        session.scalars(select(Tag.name).where(Tag.vulnerable.is_(True)).order_by(Tag.name))
    )
    # one pass over the residents: members per household and whether one carries a vulnerable
    # tag (most have no tags at all, and CASE skips the LIKEs for them)
    flag: ColumnElement[Any] = (
        case(
            (Resident.tags == "", 0),
            (or_(*[_tag_like(t) for t in vulnerable_tags]), 1),
            else_=0,
        )
        if vulnerable_tags
        else literal(0)
    )
    members = (
        select(
            Resident.household_id,
            func.count().label("n"),
            func.max(flag).label("v"),
        )
        .where(Resident.deleted_at.is_(None), Resident.status == "active")
        .group_by(Resident.household_id)
        .subquery()
    )
    n: ColumnElement[Any] = members.c.n
    vulnerable: ColumnElement[Any] = members.c.v
    cap = (
        check_qty(spec.max_per_household, "每户上限", "limit per household")
        if spec.max_per_household is not None
        else None
    )
    share = _share_sql(qty, per, cap, n)
    order: list[Any] = [Household.building_id, Household.unit, Household.room, Household.id]
    if spec.vulnerable_first:
        order.insert(0, vulnerable.desc())
    conditions = [Household.deleted_at.is_(None), target.where]
    if spec.min_days_since is not None:
        days = check_qty(spec.min_days_since, "间隔天数", "days since")
        since = utcnow() - timedelta(days=days)
        # a delivery of any of the campaign's items that recently (and not undone)
        recent = (
            select(SupplyMovement.household_id)
            .join(
                SupplyDelivery,
                and_(
                    SupplyDelivery.campaign_id == SupplyMovement.campaign_id,
                    SupplyDelivery.household_id == SupplyMovement.household_id,
                ),
            )
            .where(
                SupplyMovement.kind == "delivery",
                SupplyMovement.item_id.in_(list(item_ids)),
                SupplyMovement.at >= since,
                SupplyDelivery.deleted_at.is_(None),
            )
        )
        conditions.append(Household.id.not_in(recent))
    return (
        select(
            Household.id.label("household_id"),
            share.label("qty"),
            n.label("members"),
            (vulnerable == 1).label("vulnerable"),  # a boolean on PostgreSQL, 0/1 on SQLite
            func.row_number().over(order_by=order).label("rank"),
        )
        .join(members, members.c.household_id == Household.id)
        .where(*conditions)
    )


def _spec_lines(session: Session, spec: CampaignSpec) -> list[Line]:
    """The items of a campaign being planned, checked: known, different, believable shares."""
    first = get_item(session, spec.item)
    lines = [
        Line(
            first.id,
            first.name,
            first.unit,
            check_qty(spec.qty, "每份数量", "quantity per share"),
            spec.per,
            spec.max_per_household,
            first.expires_on,
        )
    ]
    for more in spec.more:
        item = get_item(session, more.item)
        if any(line.item_id == item.id for line in lines):
            raise InvalidInput(
                f"“{item.name}”在这次发放中出现了两次", f"'{item.name}' is listed twice"
            )
        if more.per not in ALLOCATION_RULES:
            raise InvalidInput(
                f"分配规则应为 household、person 或 size：{more.per}",
                f"The rule must be household, person or size: {more.per}",
            )
        cap = (
            check_qty(more.max_per_household, "每户上限", "limit per household")
            if more.max_per_household is not None
            else None
        )
        qty = check_qty(more.qty, f"“{item.name}”每份数量", f"quantity per share of '{item.name}'")
        lines.append(Line(item.id, item.name, item.unit, qty, more.per, cap, item.expires_on))
    return lines


def campaign_lines(session: Session, campaign: SupplyCampaign) -> list[Line]:
    """Every item of a campaign, the first (on the campaign row) first."""
    first = session.get(SupplyItem, campaign.item_id)
    assert first is not None
    lines = [
        Line(
            first.id,
            first.name,
            first.unit,
            campaign.qty,
            campaign.per,
            campaign.max_per_household,
            first.expires_on,
        )
    ]
    for extra, item in session.execute(
        select(SupplyCampaignItem, SupplyItem)
        .join(SupplyItem, SupplyItem.id == SupplyCampaignItem.item_id)
        .where(
            SupplyCampaignItem.campaign_id == campaign.id,
            SupplyCampaignItem.deleted_at.is_(None),
        )
        .order_by(SupplyCampaignItem.position)
    ):
        lines.append(
            Line(
                item.id,
                item.name,
                item.unit,
                extra.qty,
                extra.per,
                extra.max_per_household,
                item.expires_on,
            )
        )
    return lines


def preview_campaign(session: Session, spec: CampaignSpec) -> Preview:
    """What the campaign would hand out, item by item, against stock on hand — nothing is
    written."""
    lines = _spec_lines(session, spec)
    target = parse_target(session, spec.target)
    point = ensure_point(session, spec.point) if spec.point else None
    plan = _allocation_select(session, spec, target, [line.item_id for line in lines]).subquery()
    return _preview_of(session, plan, lines, point.id if point else None)


def _preview_of(session: Session, plan: Any, lines: list[Line], point_id: int | None) -> Preview:
    """Per item: what the plan (household_id, qty, members, vulnerable, rank) needs, what is on
    hand, the shortfall, and how many households in queue order the stock serves — every item in
    one pass over the plan."""
    haves = [on_hand(session, line.item_id, point_id) for line in lines]
    columns: list[Any] = [case((plan.c.vulnerable, 1), else_=0).label("v")]
    for i, line in enumerate(lines):
        share = (
            plan.c.qty
            if i == 0
            else _share_sql(line.qty, line.per, line.max_per_household, plan.c.members)
        )
        columns += [
            share.label(f"q{i}"),
            func.sum(share).over(order_by=plan.c.rank).label(f"cum{i}"),
        ]
    running = select(*columns).subquery()
    totals: list[Any] = [func.count(), func.coalesce(func.sum(running.c.v), 0)]
    for i, have in enumerate(haves):
        totals += [
            func.coalesce(func.sum(running.c[f"q{i}"]), 0),
            func.coalesce(func.sum(case((running.c[f"cum{i}"] <= have, 1), else_=0)), 0),
        ]
    row = session.execute(select(*totals)).one()
    today = _today()
    items = tuple(
        ItemPreview(
            item=line.item,
            unit=line.unit,
            needed=int(row[2 + 2 * i]),
            on_hand=have,
            shortfall=max(0, int(row[2 + 2 * i]) - have),
            covered_households=int(row[3 + 2 * i]),
            expired=line.expires_on is not None and line.expires_on < today,
        )
        for i, (line, have) in enumerate(zip(lines, haves, strict=True))
    )
    return Preview(int(row[0]), int(row[1]), items)


def _next_code(session: Session) -> str:
    last = session.scalar(select(func.max(SupplyCampaign.id))) or 0
    code = f"SC{last + 1:04d}"
    while session.scalar(select(SupplyCampaign.id).where(SupplyCampaign.code == code)):
        last += 1
        code = f"SC{last + 1:04d}"
    return code


@dataclass(frozen=True)
class CampaignResult:
    id: int
    code: str
    preview: Preview


def create_campaign(session: Session, spec: CampaignSpec) -> CampaignResult:
    """Plan a campaign: the campaign row and one allocation per household served, in one go."""
    name = _clean(spec.name)
    if not name or len(name) > 100:
        raise InvalidInput("发放名称不能为空，最多 100 字", "The campaign name must be 1–100 chars")
    lines = _spec_lines(session, spec)
    for line in lines:
        _refuse_expired_line(line)
    target = parse_target(session, spec.target)
    point = ensure_point(session, spec.point)
    plan = _allocation_select(session, spec, target, [line.item_id for line in lines])
    campaign = SupplyCampaign(
        code=_next_code(session),
        name=name,
        item_id=lines[0].item_id,
        point_id=point.id,
        qty=spec.qty,
        per=spec.per,
        target_kind=target.kind,
        target_value=target.value,
        vulnerable_first=spec.vulnerable_first,
        max_per_household=spec.max_per_household,
        min_days_since=spec.min_days_since,
        status="open",
        planned_by=_actor(session),
    )
    session.add(campaign)
    session.flush()
    for position, line in enumerate(lines[1:], start=1):
        session.add(
            SupplyCampaignItem(
                campaign_id=campaign.id,
                item_id=line.item_id,
                position=position,
                qty=line.qty,
                per=line.per,
                max_per_household=line.max_per_household,
            )
        )
    rows = plan.add_columns(literal(campaign.id).label("campaign_id")).subquery()
    session.execute(
        insert(SupplyAllocation).from_select(
            ["household_id", "qty", "members", "vulnerable", "rank", "campaign_id"],
            select(
                rows.c.household_id,
                rows.c.qty,
                rows.c.members,
                rows.c.vulnerable,
                rows.c.rank,
                rows.c.campaign_id,
            ),
        )
    )
    if not session.scalar(select(func.count()).where(SupplyAllocation.campaign_id == campaign.id)):
        raise InvalidInput(
            "发放对象中没有住户（或都不符合条件），未创建",
            "No household in the target (or none qualifies); nothing was created",
        )
    planned = select(SupplyAllocation).where(SupplyAllocation.campaign_id == campaign.id).subquery()
    preview = _preview_of(session, planned, lines, point.id)
    return CampaignResult(campaign.id, campaign.code, preview)


def get_campaign(session: Session, code: str) -> SupplyCampaign:
    wanted = _clean(code).upper()
    campaign = session.scalar(
        select(SupplyCampaign).where(
            SupplyCampaign.code == wanted, SupplyCampaign.deleted_at.is_(None)
        )
    )
    if campaign is None:
        raise InvalidInput(f"没有编号为 {code} 的发放", f"No campaign {code}")
    return campaign


@dataclass(frozen=True)
class CampaignRow:
    id: int
    code: str
    name: str
    item: str
    unit: str
    target: str
    per: str
    status: str
    households: int
    delivered: int
    planned_qty: int
    delivered_qty: int
    created_at: datetime
    more: tuple[CampaignLineRow, ...] = ()  # the further items, with planned and delivered

    @property
    def items(self) -> tuple[str, ...]:
        return (self.item, *(m.item for m in self.more))


@dataclass(frozen=True)
class CampaignLineRow:
    item: str
    unit: str
    planned_qty: int
    delivered_qty: int


def _more_lines(session: Session) -> dict[int, list[CampaignLineRow]]:
    """The further items of every campaign: planned (from the allocations) and delivered (from the
    ledger, net of undone deliveries)."""
    planned = (
        select(
            SupplyCampaignItem.id.label("line_id"),
            func.sum(
                _share_sql(
                    SupplyCampaignItem.qty,
                    SupplyCampaignItem.per,
                    SupplyCampaignItem.max_per_household,
                    SupplyAllocation.members,
                )
            ).label("q"),
        )
        .join(SupplyAllocation, SupplyAllocation.campaign_id == SupplyCampaignItem.campaign_id)
        .group_by(SupplyCampaignItem.id)
        .subquery()
    )
    given = (
        select(
            SupplyMovement.campaign_id,
            SupplyMovement.item_id,
            (-func.sum(SupplyMovement.qty)).label("q"),
        )
        .where(
            SupplyMovement.campaign_id.is_not(None),
            SupplyMovement.kind.in_(("delivery", "adjustment")),
        )
        .group_by(SupplyMovement.campaign_id, SupplyMovement.item_id)
        .subquery()
    )
    out: dict[int, list[CampaignLineRow]] = {}
    for campaign_id, name, unit, p, d in session.execute(
        select(
            SupplyCampaignItem.campaign_id,
            SupplyItem.name,
            SupplyItem.unit,
            planned.c.q,
            given.c.q,
        )
        .join(SupplyItem, SupplyItem.id == SupplyCampaignItem.item_id)
        .outerjoin(planned, planned.c.line_id == SupplyCampaignItem.id)
        .outerjoin(
            given,
            and_(
                given.c.campaign_id == SupplyCampaignItem.campaign_id,
                given.c.item_id == SupplyCampaignItem.item_id,
            ),
        )
        .where(SupplyCampaignItem.deleted_at.is_(None))
        .order_by(SupplyCampaignItem.campaign_id, SupplyCampaignItem.position)
    ):
        out.setdefault(campaign_id, []).append(
            CampaignLineRow(name, unit, int(p or 0), int(d or 0))
        )
    return out


def list_campaigns(session: Session) -> list[CampaignRow]:
    alloc = (
        select(
            SupplyAllocation.campaign_id,
            func.count().label("n"),
            func.sum(SupplyAllocation.qty).label("q"),
        )
        .group_by(SupplyAllocation.campaign_id)
        .subquery()
    )
    done = (
        select(
            SupplyDelivery.campaign_id,
            func.count().label("n"),
            func.sum(SupplyDelivery.qty).label("q"),
        )
        .where(SupplyDelivery.deleted_at.is_(None))
        .group_by(SupplyDelivery.campaign_id)
        .subquery()
    )
    rows = session.execute(
        select(
            SupplyCampaign,
            SupplyItem.name,
            SupplyItem.unit,
            alloc.c.n,
            alloc.c.q,
            done.c.n,
            done.c.q,
        )
        .join(SupplyItem, SupplyItem.id == SupplyCampaign.item_id)
        .outerjoin(alloc, alloc.c.campaign_id == SupplyCampaign.id)
        .outerjoin(done, done.c.campaign_id == SupplyCampaign.id)
        .where(SupplyCampaign.deleted_at.is_(None))
        .order_by(SupplyCampaign.id.desc())
    ).all()
    more = _more_lines(session)
    return [
        CampaignRow(
            id=c.id,
            code=c.code,
            name=c.name,
            item=name,
            unit=unit,
            target=_target_from_campaign(c),
            per=c.per,
            status=c.status,
            households=int(an or 0),
            delivered=int(dn or 0),
            planned_qty=int(aq or 0),
            delivered_qty=int(dq or 0),
            created_at=c.created_at,
            more=tuple(more.get(c.id, ())),
        )
        for c, name, unit, an, aq, dn, dq in rows
    ]


def close_campaign(session: Session, code: str) -> None:
    campaign = get_campaign(session, code)
    if campaign.status == "closed":
        raise AlreadyDone(f"发放 {campaign.code} 已结束", f"Campaign {campaign.code} is closed")
    campaign.status = "closed"


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
    from app.core.registry.lookup import find_household

    campaign = get_campaign(session, campaign_code)
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
    lines = campaign_lines(session, campaign)
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
                    household_id=household_id,
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
                household_id=household_id,
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


def _campaign_households_select(campaign_id: int, *columns: Any) -> Select[Any]:
    """The one query under a campaign's household lists: every allocation of the campaign with its
    household, the household's grid, and its delivery if there is one not undone (at most one: the
    UNIQUE (campaign, household)); the caller picks the columns, filters and order.

    `campaign_households` lists them all, `undelivered` those without a delivery, and
    `undelivered_by_grid` counts those per grid — so the three always agree."""
    return (
        select(*columns)
        .select_from(SupplyAllocation)
        .join(Household, Household.id == SupplyAllocation.household_id)
        .outerjoin(Grid, Grid.id == Household.grid_id)
        .outerjoin(SupplyDelivery, _standing_delivery())
        .where(SupplyAllocation.campaign_id == campaign_id)
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
    campaign = get_campaign(session, campaign_code)
    rows = session.execute(
        _campaign_households_select(campaign.id, *_household_columns())
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
        _campaign_households_select(campaign.id, grid, func.count())
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
    (the list the window ticks)."""
    campaign = get_campaign(session, campaign_code)
    rows = session.execute(
        _campaign_households_select(
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
            )
        ).all()
    )


def needs_list(session: Session) -> Needs:
    """Unmet shares of open campaigns per household, and the shortage per item."""
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
