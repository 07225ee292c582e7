"""Distribution campaigns: what a campaign hands out and to whom (`CampaignSpec`, `parse_target`),
the shares each household is planned (`share_of`, `campaign_lines`), the preview against stock on
hand (`preview_campaign`), and creating, listing and closing campaigns.

Every operation takes a Session (the caller's transaction) and plain values; a refusal raises
`InvalidInput` and the caller's transaction rolls back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Integer, and_, case, func, insert, literal, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from app.core.supplies.ledger import (
    _actor,
    _clean,
    _refuse_expired_line,
    _today,
    check_qty,
    ensure_point,
    get_item,
    on_hand,
)
from app.core.trust import scope
from app.db.base import utcnow
from app.db.models import Building, Grid, Household, Resident, Tag
from app.db.models_supplies import (
    ALLOCATION_RULES,
    SupplyAllocation,
    SupplyCampaign,
    SupplyCampaignItem,
    SupplyDelivery,
    SupplyItem,
    SupplyMovement,
)
from app.errors import AlreadyDone, InvalidInput

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


# planning a distribution is the office's work over every household, not a grid worker's
CAMPAIGNS = ("计划或结束发放", "planning or closing a distribution")


def create_campaign(session: Session, spec: CampaignSpec) -> CampaignResult:
    """Plan a campaign: the campaign row and one allocation per household served, in one go."""
    scope.whole_register(session, CAMPAIGNS)
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
    scope.whole_register(session, CAMPAIGNS)
    campaign = get_campaign(session, code)
    if campaign.status == "closed":
        raise AlreadyDone(f"发放 {campaign.code} 已结束", f"Campaign {campaign.code} is closed")
    campaign.status = "closed"
