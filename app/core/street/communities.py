"""Street-office mode: every enrolled community side by side, counted from the records its
packages brought (each record carries `origin` = the community's code).

    overview = street_overview(session)            # one row per enrolled community, and totals

Each measure is one grouped query over all communities (never a loop per community), so twenty
communities of 9,000 residents each take a fraction of a second. Residents' requests come as the
records themselves (`service_request`) and are shown only as counts per community and category —
received, open, overdue, done on time, satisfied at callback — never who asked. Follow-up visits
(`visit_plan`, `visit`) likewise, as counts per community (`VisitCounts`): the plans in force
today, today's visits and how many are recorded, the visits missed over the last week and those
that found someone needing help — never who was visited. Visits exist only once the community has
asked for a day's list, so a day the community has not opened yet counts nothing.

What a community still has to hand out (unmet shares of its open campaigns, the shortage per item,
households waiting) cannot be counted here — the plans stay at the community — so it comes as the
community's own summary, `supply_need`, refreshed at each export (app.core.supplies.needs).

How late: hours since the last package was made at the community (its `created_at`); a community
is late when that is more than the street office's threshold (the setting `LATE_SETTING`, default
`LATE_AFTER_HOURS`: packages are carried daily; `set_late_after` changes it), or when none has
arrived at all.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from app.core.office.peek import OfficeInfo
from app.core.office.stats import vulnerable_tags
from app.core.requests.visits import Outcome
from app.db.models import Household, Office, Resident
from app.db.models_exchange import EnrolledOffice, ExchangePackage
from app.db.models_meetings import ActionItem, Meeting
from app.db.models_requests import ServiceRequest
from app.db.models_supplies import (
    SupplyCampaign,
    SupplyDelivery,
    SupplyItem,
    SupplyMovement,
    SupplyNeed,
)
from app.db.models_visits import Visit, VisitPlan
from app.errors import InvalidInput

LATE_AFTER_HOURS = 24  # the default threshold
LATE_SETTING = "street_late_after_hours"
MAX_LATE_AFTER_HOURS = 720  # 30 days


def street_only(info: OfficeInfo) -> None:
    """Refuse at a community office: the overview gathers the communities of a street office."""
    if not info.is_street_office:
        raise InvalidInput(
            "各社区汇总只在街道办使用；本机是社区"
            f"（{info.name}，{info.code}）。社区请用 report daily 生成本社区日报。",
            f"The communities' overview is made at a street office; this is a community "
            f"({info.name}, {info.code}). A community makes its own report with report daily.",
        )


def get_late_after(session: Session) -> int:
    """Hours without a package after which a community is late (逾期), as this office set it."""
    from app.core.office.setup import get_setting

    raw = get_setting(session, LATE_SETTING)
    try:
        hours = int(raw) if raw else LATE_AFTER_HOURS
    except ValueError:
        return LATE_AFTER_HOURS
    return hours if 1 <= hours <= MAX_LATE_AFTER_HOURS else LATE_AFTER_HOURS


def set_late_after(session: Session, info: OfficeInfo, value: Any) -> int:
    """Set the late threshold, in whole hours (1 to 720); refused at a community."""
    from app.core.office.setup import set_setting

    street_only(info)
    text = str(value).strip()
    try:
        hours = int(text)
    except ValueError:
        raise InvalidInput(
            f"逾期阈值应为整数小时：{text}", f"The late threshold must be whole hours: {text}"
        ) from None
    if not 1 <= hours <= MAX_LATE_AFTER_HOURS:
        raise InvalidInput(
            f"逾期阈值应在 1 到 {MAX_LATE_AFTER_HOURS} 小时之间：{hours}",
            f"The late threshold must be 1 to {MAX_LATE_AFTER_HOURS} hours: {hours}",
        )
    set_setting(session, LATE_SETTING, str(hours))
    session.flush()
    return hours


@dataclass(frozen=True)
class Stock:
    item: str
    unit: str
    on_hand: int


@dataclass(frozen=True)
class Need:
    """An item a community still has to hand out, as its last package said (`supply_need`)."""

    item: str
    unit: str
    needed: int  # unmet shares of its open campaigns
    on_hand: int
    shortage: int  # needed beyond on hand
    households_waiting: int


@dataclass
class RequestCounts:
    """A community's residents' requests as counts (of one category, or all): nobody named. Open
    and overdue as the last package left them, overdue counted against now."""

    received: int = 0
    open: int = 0
    overdue: int = 0
    done: int = 0
    done_on_time: int = 0
    called_back: int = 0
    satisfied: int = 0

    def add(self, other: RequestCounts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def on_time_pct(self) -> float | None:
        return round(100.0 * self.done_on_time / self.done, 1) if self.done else None

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "done_on_time_pct": self.on_time_pct}


VISIT_WEEK_DAYS = 7  # missed and needs-help visits are counted over today and the 6 days before


@dataclass
class VisitCounts:
    """A community's follow-up visits as counts: nobody named. Times are the community's local
    wall-clock times, as `now` (the visits' `due_at` are).

    `plans`: plans running now (begun, not past their last day, not stopped);
    `due_today`: visits due today, recorded or not; `recorded_today`: of those, the ones with an
    outcome; `missed`: visits due since 00:00 six days ago and before now that nobody recorded;
    `needs_help`: visits due in the same seven days recorded as needing help. A stopped plan's
    visits after its stop are not counted (the community withdraws them when it stops the plan)."""

    plans: int = 0
    due_today: int = 0
    recorded_today: int = 0
    missed: int = 0
    needs_help: int = 0

    def add(self, other: VisitCounts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "week_days": VISIT_WEEK_DAYS}


@dataclass
class CommunityRow:
    code: str
    name: str
    last_package: int = 0  # 0: nothing imported yet
    last_package_at: datetime | None = None  # when the community made it (UTC, naive)
    last_imported_at: datetime | None = None  # when it was imported here (UTC, naive)
    hours_since: float | None = None  # since last_package_at; None when nothing arrived
    late: bool = True
    residents: int = 0
    households: int = 0
    vulnerable: int = 0
    by_tag: dict[str, int] = field(default_factory=dict)
    stock: list[Stock] = field(default_factory=list)
    open_campaigns: int = 0
    delivered_households: int = 0  # sign-offs in the open campaigns
    open_action_items: int = 0
    overdue_action_items: int = 0
    needs: list[Need] = field(default_factory=list)  # the biggest shortage first
    requests: RequestCounts = field(default_factory=lambda: RequestCounts())
    requests_by_category: dict[str, RequestCounts] = field(default_factory=dict)
    visits: VisitCounts = field(default_factory=lambda: VisitCounts())

    @property
    def short(self) -> list[Need]:
        """The items it has too few of to serve everyone waiting."""
        return [n for n in self.needs if n.shortage > 0]

    @property
    def households_waiting(self) -> int:
        """Households waiting for an item: the most for any one item (a household waiting for
        rice and for masks is one household; the package counts them per item)."""
        return max((n.households_waiting for n in self.needs), default=0)

    def needs_text(self) -> str:
        """The 缺口 cell: 大米 缺 120袋；口罩 缺 300个 — or, with more items, 3 项缺口（38 户待领）."""
        if not self.last_package:
            return "—"
        short = self.short
        if not short:
            if self.needs:
                return f"库存够发（{self.households_waiting:,} 户待领）"
            return "无"
        if len(short) <= 2:
            return "；".join(f"{n.item} 缺 {n.shortage:,}{n.unit}" for n in short)
        return f"{len(short)} 项缺口（{self.households_waiting:,} 户待领）"

    @property
    def items_in_stock(self) -> int:
        return sum(1 for s in self.stock if s.on_hand > 0)

    @property
    def items_out_of_stock(self) -> int:
        return sum(1 for s in self.stock if s.on_hand <= 0)

    def lateness(self) -> str:
        """How long since the last package, in words: 5 小时 / 3 天 / 尚未收到."""
        if self.hours_since is None:
            return "尚未收到数据包"
        return age_text(self.hours_since)


def age_text(hours: float) -> str:
    if hours < 1:
        return "不到 1 小时"
    if hours < 48:
        return f"{int(hours)} 小时"
    return f"{int(hours // 24)} 天"


@dataclass(frozen=True)
class StreetOverview:
    office: str
    office_code: str
    generated_at: datetime  # local time
    late_after_hours: int
    tags: list[str]
    rows: list[CommunityRow]

    def stamp(self) -> str:
        return self.generated_at.strftime("%Y-%m-%d %H:%M:%S")

    @property
    def late(self) -> list[CommunityRow]:
        return [r for r in self.rows if r.late]

    def totals(self) -> dict[str, Any]:
        by_tag = {t: sum(r.by_tag.get(t, 0) for r in self.rows) for t in self.tags}
        return {
            "communities": len(self.rows),
            "late": len(self.late),
            "residents": sum(r.residents for r in self.rows),
            "households": sum(r.households for r in self.rows),
            "vulnerable": sum(r.vulnerable for r in self.rows),
            "by_tag": by_tag,
            "open_campaigns": sum(r.open_campaigns for r in self.rows),
            "delivered_households": sum(r.delivered_households for r in self.rows),
            "open_action_items": sum(r.open_action_items for r in self.rows),
            "communities_short": sum(1 for r in self.rows if r.short),
            "overdue_action_items": sum(r.overdue_action_items for r in self.rows),
            "requests": self.request_totals().as_dict(),
            "visits": self.visit_totals().as_dict(),
        }

    def request_totals(self) -> RequestCounts:
        total = RequestCounts()
        for row in self.rows:
            total.add(row.requests)
        return total

    def visit_totals(self) -> VisitCounts:
        total = VisitCounts()
        for row in self.rows:
            total.add(row.visits)
        return total

    def request_totals_by_category(self) -> dict[str, RequestCounts]:
        out: dict[str, RequestCounts] = {}
        for row in self.rows:
            for code, counts in row.requests_by_category.items():
                out.setdefault(code, RequestCounts()).add(counts)
        return out

    def stock_totals(self) -> list[Stock]:
        """On hand per item and unit over all communities (items named alike are added up)."""
        summed: dict[tuple[str, str], int] = defaultdict(int)
        for row in self.rows:
            for s in row.stock:
                summed[(s.item, s.unit)] += s.on_hand
        return [Stock(i, u, n) for (i, u), n in sorted(summed.items())]


def _by_origin(session: Session, query: Any) -> dict[str, int]:
    return {str(origin): int(n or 0) for origin, n in session.execute(query)}


def street_overview(
    session: Session,
    *,
    now: datetime | None = None,
    late_after_hours: int | None = None,
) -> StreetOverview:
    """One row per enrolled community (by code), each figure from the imported records; late
    after `late_after_hours`, by default the threshold this office set (`get_late_after`)."""
    if late_after_hours is None:
        late_after_hours = get_late_after(session)
    now = now or datetime.now().astimezone().replace(microsecond=0)
    if now.tzinfo is None:
        now = now.astimezone()
    now_utc = now.astimezone(UTC).replace(tzinfo=None)
    today = now.date()
    office = session.get(Office, 1)
    rows = _community_rows(session)
    _add_last_packages(session, rows, now_utc, late_after_hours)
    tags = vulnerable_tags(session)
    _add_people(session, rows, tags)
    _add_supplies(session, rows)
    _add_action_items(session, rows, today)
    _add_requests(session, rows, now.replace(tzinfo=None))
    _add_visits(session, rows, now.replace(tzinfo=None))

    return StreetOverview(
        office=office.name if office else "",
        office_code=office.code if office else "",
        generated_at=now,
        late_after_hours=late_after_hours,
        tags=tags,
        rows=list(rows.values()),
    )


def _community_rows(session: Session) -> dict[str, CommunityRow]:
    """An empty row per enrolled community, by code, with its last package's number; the helpers
    below fill the rows in, one kind of record each, every community in one query per figure."""
    return {
        code: CommunityRow(code=code, name=name, last_package=int(seq or 0), last_imported_at=at)
        for code, name, seq, at in session.execute(
            select(
                EnrolledOffice.code,
                EnrolledOffice.name,
                EnrolledOffice.last_package_seq,
                EnrolledOffice.last_imported_at,
            )
            .where(EnrolledOffice.role == "community")
            .order_by(EnrolledOffice.code)
        )
    }


def _add_last_packages(
    session: Session, rows: dict[str, CommunityRow], now_utc: datetime, late_after_hours: int
) -> None:
    """When each community's last package was made, how long ago, and whether that is late."""
    made = session.execute(
        select(ExchangePackage.office_code, ExchangePackage.created_at)
        .join(
            EnrolledOffice,
            and_(
                EnrolledOffice.code == ExchangePackage.office_code,
                EnrolledOffice.last_package_seq == ExchangePackage.package_seq,
            ),
        )
        .where(ExchangePackage.direction == "in")
    )
    for code, created in made:
        row = rows.get(code)
        if row is not None:
            row.last_package_at = created
            row.hours_since = max(0.0, (now_utc - created).total_seconds() / 3600)
            row.late = row.hours_since > late_after_hours


def _add_people(session: Session, rows: dict[str, CommunityRow], tags: Sequence[str]) -> None:
    """Households, residents in residence, and residents per vulnerable-group tag."""
    # one plain scan of the table: walking the origin index would visit every row out of order
    active = (Resident.deleted_at.is_(None), Resident.status == "active")
    for code, n in _by_origin(
        session,
        select(Household.origin, func.count())
        .where(Household.deleted_at.is_(None))
        .group_by(Household.origin),
    ).items():
        if code in rows:
            rows[code].households = n

    for community in rows.values():
        community.by_tag = dict.fromkeys(tags, 0)
    # one pass over the residents: each community's distinct tag strings counted, then split
    for code, value, n in session.execute(
        select(Resident.origin, Resident.tags, func.count())
        .with_hint(Resident, "NOT INDEXED", "sqlite")
        .where(*active)
        .group_by(Resident.origin, Resident.tags)
    ):
        row = rows.get(code)
        if row is None:
            continue
        row.residents += n
        if not value:
            continue
        hit = False
        for tag in value.strip(",").split(","):
            if tag in row.by_tag:
                row.by_tag[tag] += n
                hit = True
        if hit:
            row.vulnerable += n


def _add_supplies(session: Session, rows: dict[str, CommunityRow]) -> None:
    """Stock on hand per item, open distributions, households that signed for them, and the needs
    each community reported with its last package."""
    moved = (
        select(SupplyMovement.item_id, func.sum(SupplyMovement.qty).label("n"))
        .where(SupplyMovement.deleted_at.is_(None))
        .group_by(SupplyMovement.item_id)
        .subquery()
    )
    for code, item, unit, n in session.execute(
        select(SupplyItem.origin, SupplyItem.name, SupplyItem.unit, func.coalesce(moved.c.n, 0))
        .outerjoin(moved, moved.c.item_id == SupplyItem.id)
        .where(SupplyItem.deleted_at.is_(None))
        .order_by(SupplyItem.origin, SupplyItem.name)
    ):
        if code in rows:
            rows[code].stock.append(Stock(item, unit, int(n)))
    open_campaign = (SupplyCampaign.deleted_at.is_(None), SupplyCampaign.status == "open")
    for code, n in _by_origin(
        session,
        select(SupplyCampaign.origin, func.count())
        .where(*open_campaign)
        .group_by(SupplyCampaign.origin),
    ).items():
        if code in rows:
            rows[code].open_campaigns = n
    for code, n in _by_origin(
        session,
        select(SupplyDelivery.origin, func.count(func.distinct(SupplyDelivery.household_id)))
        .join(SupplyCampaign, SupplyCampaign.id == SupplyDelivery.campaign_id)
        .where(SupplyDelivery.deleted_at.is_(None), *open_campaign)
        .group_by(SupplyDelivery.origin),
    ).items():
        if code in rows:
            rows[code].delivered_households = n
    for code, item, unit, needed, have, shortage, waiting in session.execute(
        select(
            SupplyNeed.origin,
            SupplyNeed.item,
            SupplyNeed.unit,
            SupplyNeed.needed,
            SupplyNeed.on_hand,
            SupplyNeed.shortage,
            SupplyNeed.households_waiting,
        )
        .where(SupplyNeed.deleted_at.is_(None))
        .order_by(SupplyNeed.origin, SupplyNeed.shortage.desc(), SupplyNeed.item)
    ):
        row = rows.get(code)
        if row is not None:
            row.needs.append(Need(item, unit, needed, have, shortage, waiting))


def _add_action_items(session: Session, rows: dict[str, CommunityRow], today: date) -> None:
    """Open and overdue action items of the meetings in force."""
    in_force = and_(
        Meeting.deleted_at.is_(None),
        (Meeting.status == "published")
        | ((Meeting.status == "draft") & Meeting.amends_id.is_(None)),
    )
    for code, open_n, overdue in session.execute(
        select(
            ActionItem.origin,
            func.count(),
            func.sum(case((ActionItem.due < today, 1), else_=0)),
        )
        .join(Meeting, ActionItem.meeting_id == Meeting.id)
        .where(ActionItem.deleted_at.is_(None), ActionItem.status == "open", in_force)
        .group_by(ActionItem.origin)
    ):
        row = rows.get(code)
        if row is not None:
            row.open_action_items = int(open_n or 0)
            row.overdue_action_items = int(overdue or 0)


def _add_requests(session: Session, rows: dict[str, CommunityRow], now: datetime) -> None:
    """Residents' requests per community and category, in one grouped query; overdue: open and
    past its deadline now (the communities' deadlines are local wall-clock times, as `now`)."""
    is_open = ServiceRequest.status.in_(("registered", "assigned", "in-progress"))
    for code, category, n, opened, overdue, on_time, called, satisfied in session.execute(
        select(
            ServiceRequest.origin,
            ServiceRequest.category,
            func.count(),
            func.sum(case((is_open, 1), else_=0)),
            func.sum(case((and_(is_open, ServiceRequest.due_at < now), 1), else_=0)),
            func.sum(case((ServiceRequest.done_at <= ServiceRequest.due_at, 1), else_=0)),
            func.count(ServiceRequest.satisfied),
            func.sum(case((ServiceRequest.satisfied.is_(True), 1), else_=0)),
        )
        .where(ServiceRequest.deleted_at.is_(None))
        .group_by(ServiceRequest.origin, ServiceRequest.category)
    ):
        row = rows.get(code)
        if row is None:
            continue
        counts = RequestCounts(
            received=int(n or 0),
            open=int(opened or 0),
            overdue=int(overdue or 0),
            done=int(n or 0) - int(opened or 0),
            done_on_time=int(on_time or 0),
            called_back=int(called or 0),
            satisfied=int(satisfied or 0),
        )
        row.requests_by_category[str(category)] = counts
        row.requests.add(counts)


def _add_visits(session: Session, rows: dict[str, CommunityRow], now: datetime) -> None:
    """Follow-up visits per community (`VisitCounts`): one grouped query over the visits of the
    last seven days, one over the plans (a few per community, their last day worked out here).
    A visit counts as missed only if it was due before the community made its last package: of
    one due since, the street office cannot know yet whether it was made."""
    today = now.date()
    # each community's "as far as we know": when its last package was made, in local time
    known_until = [
        (Visit.origin == code, min(now, _local(row.last_package_at)))
        for code, row in rows.items()
        if row.last_package_at is not None
    ]
    cutoff = case(*known_until, else_=now) if known_until else now
    day_start = datetime.combine(today, time())
    week_start = day_start - timedelta(days=VISIT_WEEK_DAYS - 1)
    recorded = Visit.outcome.is_not(None)
    is_today = Visit.due_at >= day_start
    counted = and_(
        Visit.deleted_at.is_(None),
        VisitPlan.deleted_at.is_(None),
        Visit.due_at >= week_start,
        Visit.due_at < day_start + timedelta(days=1),
        # a stopped plan's unrecorded visits from its stop on are withdrawn, not missed
        or_(VisitPlan.stopped_at.is_(None), Visit.due_at < VisitPlan.stopped_at, recorded),
    )
    for code, due, done, missed, help_n in session.execute(
        select(
            Visit.origin,
            func.sum(case((is_today, 1), else_=0)),
            func.sum(case((and_(is_today, recorded), 1), else_=0)),
            func.sum(case((and_(Visit.outcome.is_(None), Visit.due_at < cutoff), 1), else_=0)),
            func.sum(case((Visit.outcome == Outcome.NEEDS_HELP.value, 1), else_=0)),
        )
        .join(VisitPlan, VisitPlan.id == Visit.plan_id)
        .where(counted)
        .group_by(Visit.origin)
    ):
        row = rows.get(code)
        if row is not None:
            row.visits.due_today = int(due or 0)
            row.visits.recorded_today = int(done or 0)
            row.visits.missed = int(missed or 0)
            row.visits.needs_help = int(help_n or 0)
    for code, starts_on, days in session.execute(
        select(VisitPlan.origin, VisitPlan.starts_on, VisitPlan.days).where(
            VisitPlan.deleted_at.is_(None),
            VisitPlan.starts_on <= today,
            or_(VisitPlan.stopped_at.is_(None), VisitPlan.stopped_at > now),
        )
    ):
        row = rows.get(code)
        if row is not None and (days is None or starts_on + timedelta(days=days - 1) >= today):
            row.visits.plans += 1


def _local(utc_naive: datetime) -> datetime:
    """A naive UTC time (as packages record when they were made) as naive local time (as the
    communities record their visits)."""
    return utc_naive.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def overview_json(overview: StreetOverview) -> dict[str, Any]:
    """The overview as plain values (English keys) for `--json` and tests."""

    def when(value: datetime | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "generated_at": overview.generated_at.isoformat(timespec="seconds"),
        "late_after_hours": overview.late_after_hours,
        "requests": overview.request_totals().as_dict(),
        "visits": overview.visit_totals().as_dict(),
        "communities": [
            {
                "code": r.code,
                "name": r.name,
                "last_package": r.last_package,
                "last_package_at": when(r.last_package_at),
                "last_imported_at": when(r.last_imported_at),
                "hours_since": None if r.hours_since is None else round(r.hours_since, 1),
                "late": r.late,
                "residents": r.residents,
                "households": r.households,
                "vulnerable": r.vulnerable,
                "by_tag": r.by_tag,
                "items_in_stock": r.items_in_stock,
                "items_out_of_stock": r.items_out_of_stock,
                "open_campaigns": r.open_campaigns,
                "delivered_households": r.delivered_households,
                "open_action_items": r.open_action_items,
                "overdue_action_items": r.overdue_action_items,
                "requests": {
                    **r.requests.as_dict(),
                    "by_category": {k: v.as_dict() for k, v in r.requests_by_category.items()},
                },
                "visits": r.visits.as_dict(),
                "households_waiting": r.households_waiting,
                "needs": [
                    {
                        "item": n.item,
                        "unit": n.unit,
                        "needed": n.needed,
                        "on_hand": n.on_hand,
                        "shortage": n.shortage,
                        "households_waiting": n.households_waiting,
                    }
                    for n in r.needs
                ],
            }
            for r in overview.rows
        ],
        "totals": overview.totals(),
    }


def local_time(value: datetime | None) -> str:
    """A stored UTC time as the local 2026-11-29 18:05, or — when there is none."""
    if value is None:
        return "—"
    return _local(value).strftime("%Y-%m-%d %H:%M")
