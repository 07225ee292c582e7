"""Follow-up visits (走访/随访) for the people who need them, planned from the register's tags.

A plan covers the residents carrying a tag (独居老人, 慢性病, a tag such as 居家隔离 given to the
home-quarantined households) and says how often each is visited:

| kind | slots |
|---|---|
| `home-quarantine` | twice a day (08:00 and 15:00), with a temperature, for 14 days unless `days` says otherwise |
| `living-alone` | once a day (09:00), until `days` runs out or the plan is stopped |
| `chronic` | once a week (10:00, on the weekday the plan started), a medicine check, likewise |

Visits are made lazily: the first time a day's visits are asked for (`visits_due`,
`missed_visits`, the checklist), the slots of that day are made for every resident then carrying
the plan's tag (active, not deleted) — one bulk insert for all plans, so 5,000 people under plans
take a fraction of a second — and kept from then on with their ids, so a visit can be recorded by
its id, printed on the checklist and counted. A resident tagged later is visited from the next
day that is made; a resident whose tag is taken off keeps the visits already made. Making them
needs a writing session (`Database.session()`); in a read-only one pass `generate=False`.

`record_visit` records a visit once (a second record: `AlreadyDone`, exit 3, nothing changed):
reached, not reached, or needs help — which logs a request in the same transaction (category
`care`, priority `urgent`, channel grid worker, linked to the visit both ways). A visit of a
home-quarantine plan reached needs a temperature. `missed_visits(day)` lists the visits of `day`
whose time has passed unrecorded — flagged the next morning — and `visit_counts` counts a day for
the daily report and the package.

Who may: reading visits needs `Permission.PERSONAL`, and a grid worker sees and records the visits
of their grids' households only (app.core.trust.scope); planning, stopping and recording need
`Permission.WRITE`; planning and stopping are work over every grid (not a grid worker's). Names are
masked in every row (张*三); no ID number or phone is in them.

All times here are the office's local wall-clock times, as shift times are.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from app.core.common.masking import mask_name
from app.core.trust import scope
from app.core.trust.roles import NotPermitted, Permission, principal_of, require
from app.db.events import default_actor
from app.db.models import Grid, Household, Resident, Tag
from app.db.models_visits import MAX_PLAN_DAYS, MAX_TENTHS, MIN_TENTHS, Visit, VisitPlan
from app.errors import AlreadyDone, InvalidInput


class PlanKind(StrEnum):
    HOME_QUARANTINE = "home-quarantine"
    LIVING_ALONE = "living-alone"
    CHRONIC = "chronic"


class Outcome(StrEnum):
    REACHED = "reached"
    NOT_REACHED = "not-reached"
    NEEDS_HELP = "needs-help"


PLAN_LABELS: dict[PlanKind, tuple[str, str]] = {
    PlanKind.HOME_QUARANTINE: (
        "居家隔离随访（每日两次测体温）",
        "Home quarantine (temperature twice a day)",
    ),
    PlanKind.LIVING_ALONE: ("独居老人每日问候", "Living alone (a call every day)"),
    PlanKind.CHRONIC: ("慢性病每周用药检查", "Chronic illness (weekly medicine check)"),
}
PLAN_SHORT: dict[PlanKind, tuple[str, str]] = {
    PlanKind.HOME_QUARANTINE: ("居家隔离", "home quarantine"),
    PlanKind.LIVING_ALONE: ("独居", "living alone"),
    PlanKind.CHRONIC: ("慢性病", "chronic"),
}
OUTCOME_LABELS: dict[Outcome, tuple[str, str]] = {
    Outcome.REACHED: ("已联系", "reached"),
    Outcome.NOT_REACHED: ("未联系上", "not reached"),
    Outcome.NEEDS_HELP: ("需要帮助", "needs help"),
}
# the slots of a day each kind of plan visits at, and every how many days
SLOTS: dict[PlanKind, tuple[time, ...]] = {
    PlanKind.HOME_QUARANTINE: (time(8), time(15)),
    PlanKind.LIVING_ALONE: (time(9),),
    PlanKind.CHRONIC: (time(10),),
}
EVERY_DAYS: dict[PlanKind, int] = {
    PlanKind.HOME_QUARANTINE: 1,
    PlanKind.LIVING_ALONE: 1,
    PlanKind.CHRONIC: 7,
}
DEFAULT_DAYS: dict[PlanKind, int | None] = {
    PlanKind.HOME_QUARANTINE: 14,
    PlanKind.LIVING_ALONE: None,
    PlanKind.CHRONIC: None,
}
STOPPED_REASON = "随访计划已停止"


@dataclass(frozen=True)
class PlanRow:
    id: int
    uuid: str
    kind: PlanKind
    tag: str
    start: date
    days: int | None
    last_day: date | None  # the plan's last day (None: until stopped)
    stopped_at: datetime | None
    made_by: str
    residents: int  # residents carrying the tag now
    active: bool  # visits are made today

    @property
    def label(self) -> tuple[str, str]:
        return PLAN_LABELS[self.kind]


@dataclass(frozen=True)
class VisitRow:
    id: int
    uuid: str
    resident: str  # masked name
    resident_id: int
    household: str  # the household's address code, 3-2-502
    household_id: int
    grid: str | None  # the household's grid code
    due_at: datetime
    plan: int  # the plan's id
    kind: PlanKind
    outcome: Outcome | None
    temperature: float | None  # °C
    note: str | None
    recorded_at: datetime | None
    recorded_by: str | None
    request_id: int | None
    age: int | None = None

    @property
    def recorded(self) -> bool:
        return self.outcome is not None

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "resident": self.resident,
            "household": self.household,
            "grid": self.grid,
            "due_at": self.due_at.isoformat(timespec="minutes"),
            "plan": self.plan,
            "kind": str(self.kind),
            "outcome": str(self.outcome) if self.outcome else None,
            "temperature": self.temperature,
            "note": self.note,
            "recorded_at": self.recorded_at.isoformat(timespec="seconds")
            if self.recorded_at
            else None,
            "recorded_by": self.recorded_by,
            "request": self.request_id,
        }


# --- words ---------------------------------------------------------------------------------------


def plan_kind(value: str | PlanKind) -> PlanKind:
    """A kind as typed (home-quarantine, 居家隔离 …); InvalidInput for any other."""
    if isinstance(value, PlanKind):
        return value
    text = (value or "").strip()
    for kind in PlanKind:
        if text in (kind.value, PLAN_SHORT[kind][0], PLAN_LABELS[kind][0]):
            return kind
    if text in ("独居老人",):
        return PlanKind.LIVING_ALONE
    raise InvalidInput(
        f"随访类型应为 home-quarantine、living-alone 或 chronic：{value}",
        f"The kind of plan is home-quarantine, living-alone or chronic: {value}",
    )


def outcome_of(value: str | Outcome) -> Outcome:
    if isinstance(value, Outcome):
        return value
    text = (value or "").strip()
    for outcome in Outcome:
        if text in (outcome.value, OUTCOME_LABELS[outcome][0]):
            return outcome
    raise InvalidInput(
        f"随访结果应为 reached、not-reached 或 needs-help：{value}",
        f"The outcome is reached, not-reached or needs-help: {value}",
    )


def _actor(session: Session) -> str:
    principal = principal_of(session)
    if principal is not None:
        return principal.name
    return str(session.info.get("actor") or default_actor())


# --- plans ---------------------------------------------------------------------------------------


def _last_day(plan: VisitPlan) -> date | None:
    return plan.starts_on + timedelta(days=plan.days - 1) if plan.days else None


def _covers(plan: VisitPlan, day: date) -> bool:
    """Whether `plan` has visits on `day` at all (its slots may still end at its stop)."""
    if day < plan.starts_on:
        return False
    last = _last_day(plan)
    if last is not None and day > last:
        return False
    if plan.stopped_at is not None and plan.stopped_at <= datetime.combine(day, time()):
        return False
    return (day - plan.starts_on).days % EVERY_DAYS[PlanKind(plan.kind)] == 0


def _slots(plan: VisitPlan, day: date) -> list[datetime]:
    if not _covers(plan, day):
        return []
    found = [datetime.combine(day, t) for t in SLOTS[PlanKind(plan.kind)]]
    if plan.stopped_at is not None:
        found = [s for s in found if s < plan.stopped_at]
    return found


def _tagged(tag: str) -> Any:
    return Resident.tags.like(f"%,{tag},%")


def _covered(session: Session, tag: str, origin: str) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(Resident)
            .join(Household, Household.id == Resident.household_id)
            .where(
                _tagged(tag),
                Resident.origin == origin,
                Resident.deleted_at.is_(None),
                Resident.status == "active",
                Household.deleted_at.is_(None),
            )
        )
        or 0
    )


def _plan_row(session: Session, plan: VisitPlan, today: date) -> PlanRow:
    return PlanRow(
        id=plan.id,
        uuid=plan.uuid,
        kind=PlanKind(plan.kind),
        tag=plan.tag,
        start=plan.starts_on,
        days=plan.days,
        last_day=_last_day(plan),
        stopped_at=plan.stopped_at,
        made_by=plan.made_by,
        residents=_covered(session, plan.tag, plan.origin),
        active=bool(_active_on(plan, today)),
    )


def _active_on(plan: VisitPlan, day: date) -> bool:
    if day < plan.starts_on:
        return False
    last = _last_day(plan)
    if last is not None and day > last:
        return False
    return plan.stopped_at is None or plan.stopped_at > datetime.combine(day, time())


def make_plan(
    session: Session,
    kind: str | PlanKind,
    tag: str,
    *,
    days: int | None = None,
    start: date | None = None,
    now: datetime | None = None,
) -> PlanRow:
    """A plan for the residents tagged `tag`, from `start` (default today) for `days` days (home
    quarantine: 14 unless given; the others: until stopped). Refused: an unknown tag, a tag no
    resident carries, a start in the past, days outside 1…366."""
    principal = scope.whole_register(session, ("随访计划", "a visit plan"))
    del principal
    now = now or datetime.now()
    kind = plan_kind(kind)
    tag = (tag or "").strip().strip(",")
    if not tag or "," in tag:
        raise InvalidInput("请给出一个标签，如 独居老人。", "Give one tag, e.g. 独居老人.")
    start = start or now.date()
    if start < now.date():
        raise InvalidInput(
            f"随访计划不能从过去的日期开始：{start.isoformat()}",
            f"A visit plan cannot start in the past: {start.isoformat()}",
        )
    if days is None:
        days = DEFAULT_DAYS[kind]
    if days is not None and not 1 <= days <= MAX_PLAN_DAYS:
        raise InvalidInput(
            f"随访天数应在 1 到 {MAX_PLAN_DAYS} 之间：{days}",
            f"A plan runs 1 to {MAX_PLAN_DAYS} days: {days}",
        )
    known = session.get(Tag, tag) is not None
    covered = _covered(session, tag, str(session.info.get("origin") or ""))
    if not covered:
        if not known:
            raise InvalidInput(
                f"没有这个标签：{tag}（标签在“设置”中管理，或在居民信息中添加）",
                f"No such tag: {tag} (tags are kept in Settings, or given on a resident's record)",
            )
        raise InvalidInput(
            f"没有在住居民带有标签“{tag}”，随访计划未建立。",
            f"No active resident carries the tag {tag}; no plan was made.",
        )
    plan = VisitPlan(kind=kind.value, tag=tag, starts_on=start, days=days, made_by=_actor(session))
    session.add(plan)
    session.flush()
    return _plan_row(session, plan, now.date())


def list_plans(session: Session, *, now: datetime | None = None) -> list[PlanRow]:
    """Every plan, the newest first."""
    require(session, Permission.PERSONAL)
    today = (now or datetime.now()).date()
    plans = session.scalars(
        select(VisitPlan).where(VisitPlan.deleted_at.is_(None)).order_by(VisitPlan.id.desc())
    ).all()
    return [_plan_row(session, p, today) for p in plans]


def _plan(session: Session, plan_id: int) -> VisitPlan:
    plan = session.get(VisitPlan, plan_id)
    if plan is None or plan.deleted_at is not None:
        raise InvalidInput(f"没有编号为 {plan_id} 的随访计划。", f"No visit plan {plan_id}.")
    return plan


def stop_plan(session: Session, plan_id: int, *, now: datetime | None = None) -> None:
    """Stop a plan now: no visit is made after this moment, and those already made for later
    and not recorded are withdrawn (tombstoned). A plan already stopped: AlreadyDone."""
    scope.whole_register(session, ("随访计划", "a visit plan"))
    now = now or datetime.now()
    plan = _plan(session, plan_id)
    if plan.stopped_at is not None:
        raise AlreadyDone(
            f"随访计划 {plan_id} 已于 {plan.stopped_at:%Y-%m-%d %H:%M} 停止。",
            f"Visit plan {plan_id} was stopped at {plan.stopped_at:%Y-%m-%d %H:%M}.",
        )
    last = _last_day(plan)
    if last is not None and now.date() > last:
        raise AlreadyDone(
            f"随访计划 {plan_id} 已于 {last.isoformat()} 结束。",
            f"Visit plan {plan_id} ended on {last.isoformat()}.",
        )
    plan.stopped_at = now
    session.flush()
    session.execute(
        update(Visit)
        .where(
            Visit.plan_id == plan.id,
            Visit.due_at >= now,
            Visit.outcome.is_(None),
            Visit.deleted_at.is_(None),
        )
        .values(deleted_at=now, delete_reason=STOPPED_REASON)
    )


# --- the visits of a day -------------------------------------------------------------------------


def _day_range(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time())
    return start, start + timedelta(days=1)


def _plans_on(session: Session, day: date) -> list[VisitPlan]:
    """This office's plans with visits on `day` (a street office holds its communities' plans
    and visits as they travelled: it makes none of them)."""
    plans = session.scalars(
        select(VisitPlan).where(
            VisitPlan.deleted_at.is_(None),
            VisitPlan.starts_on <= day,
            VisitPlan.origin == str(session.info.get("origin") or ""),
        )
    ).all()
    return [p for p in plans if _slots(p, day)]


def _missing(session: Session, day: date) -> list[tuple[int, int, datetime]]:
    """(plan id, resident id, slot) of every visit of `day` the plans call for and that has not
    been made yet."""
    wanted: list[tuple[int, int, datetime]] = []
    start, end = _day_range(day)
    plans = _plans_on(session, day)
    if not plans:
        return wanted
    by_tag: dict[str, list[int]] = {}
    for plan in plans:
        if plan.tag not in by_tag:
            by_tag[plan.tag] = list(
                session.scalars(
                    select(Resident.id)
                    .join(Household, Household.id == Resident.household_id)
                    .where(
                        _tagged(plan.tag),
                        Resident.origin == plan.origin,
                        Resident.deleted_at.is_(None),
                        Resident.status == "active",
                        Household.deleted_at.is_(None),
                    )
                    .order_by(Resident.id)
                )
            )
    made = set(
        session.execute(
            select(Visit.plan_id, Visit.resident_id, Visit.due_at).where(
                Visit.due_at >= start,
                Visit.due_at < end,
                Visit.plan_id.in_([p.id for p in plans]),
            )
        ).tuples()
    )
    for plan in plans:
        for slot in _slots(plan, day):
            for resident_id in by_tag[plan.tag]:
                key = (plan.id, resident_id, slot)
                if key not in made:
                    wanted.append(key)
    return wanted


def make_visits(session: Session, day: date) -> int:
    """Make the visits of `day` the plans call for that are not made yet; how many were made.
    Bookkeeping of the plans, done for whoever asks first (a grid worker's list makes every
    grid's visits of that day)."""
    missing = _missing(session, day)
    if missing:
        # numbered here, without a gap, so that the audit trail records them as one batch
        # (app.db.events: `create_many`) rather than a row per visit; the writer holds the lock
        first = int(session.scalar(select(func.coalesce(func.max(Visit.id), 0))) or 0) + 1
        session.execute(
            insert(Visit),
            [
                {"id": first + n, "plan_id": p, "resident_id": r, "due_at": d}
                for n, (p, r, d) in enumerate(missing)
            ],
        )
    return len(missing)


def _rows(session: Session, where: Iterable[Any], today: date) -> list[VisitRow]:
    grid_ids = scope.grid_ids(session)
    stmt = (
        select(
            Visit.id,
            Visit.uuid,
            Resident.name,
            Resident.id,
            Resident.birth_date,
            Household.address_code,
            Household.id,
            Grid.code,
            Visit.due_at,
            Visit.plan_id,
            VisitPlan.kind,
            Visit.outcome,
            Visit.temperature_tenths,
            Visit.note,
            Visit.recorded_at,
            Visit.recorded_by,
            Visit.request_id,
        )
        .join(Resident, Resident.id == Visit.resident_id)
        .join(Household, Household.id == Resident.household_id)
        .join(VisitPlan, VisitPlan.id == Visit.plan_id)
        .outerjoin(Grid, Grid.id == Household.grid_id)
        .where(Visit.deleted_at.is_(None), *where)
        .order_by(Grid.code, Household.address_code, Visit.due_at, Visit.id)
    )
    if grid_ids is not None:
        stmt = stmt.where(Household.grid_id.in_(sorted(grid_ids)))
    names: dict[str, str] = {}
    out: list[VisitRow] = []
    kinds = {k.value: k for k in PlanKind}
    outcomes = {o.value: o for o in Outcome}
    for r in session.execute(stmt).tuples():
        name = r[2]
        masked = names.get(name)
        if masked is None:
            masked = names[name] = mask_name(name)
        born = r[4]
        out.append(
            VisitRow(
                id=r[0],
                uuid=r[1],
                resident=masked,
                resident_id=r[3],
                household=r[5],
                household_id=r[6],
                grid=r[7],
                due_at=r[8],
                plan=r[9],
                kind=kinds[r[10]],
                outcome=outcomes[r[11]] if r[11] else None,
                temperature=r[12] / 10 if r[12] is not None else None,
                note=r[13],
                recorded_at=r[14],
                recorded_by=r[15],
                request_id=r[16],
                age=None
                if born is None
                else today.year - born.year - ((today.month, today.day) < (born.month, born.day)),
            )
        )
    return out


def _grid_clause(session: Session, grid: str | None) -> list[Any]:
    if not grid:
        return []
    code = grid.strip().upper()
    found = session.scalar(
        select(Grid.id).where(func.upper(Grid.code) == code, Grid.deleted_at.is_(None))
    )
    if found is None:
        raise InvalidInput(f"没有网格 {grid}。", f"No grid {grid}.")
    scope.check_grid(session, grid_id=found)
    return [Household.grid_id == found]


def visits_due(
    session: Session, day: date, *, grid: str | None = None, generate: bool = True
) -> list[VisitRow]:
    """The visits due on `day` (recorded or not), by grid, address and time; a grid worker's
    grids only. Makes the day's visits first unless `generate` is False (a read-only session)."""
    require(session, Permission.PERSONAL)
    where = _grid_clause(session, grid)
    if generate:
        make_visits(session, day)
    start, end = _day_range(day)
    return _rows(session, [Visit.due_at >= start, Visit.due_at < end, *where], day)


def visit_row(session: Session, visit_id: int) -> VisitRow:
    """One visit (InvalidInput when there is none; OutsideGrids outside a grid worker's grids)."""
    require(session, Permission.PERSONAL)
    visit = session.get(Visit, visit_id)
    if visit is None or visit.deleted_at is not None:
        raise InvalidInput(f"没有编号为 {visit_id} 的随访。", f"No visit {visit_id}.")
    scope.check_resident(session, visit.resident_id)
    found = _rows(session, [Visit.id == visit_id], visit.due_at.date())
    return found[0]


def household_visits(session: Session, household_id: int, *, limit: int = 50) -> list[VisitRow]:
    """The household's visits, the latest first (for the household view)."""
    require(session, Permission.PERSONAL)
    scope.check_household(session, household_id)
    rows = _rows(session, [Household.id == household_id], datetime.now().date())
    rows.sort(key=lambda r: (r.due_at, r.id), reverse=True)
    return rows[:limit]


def _tenths(temperature: float | str | None) -> int | None:
    if temperature is None or temperature == "":
        return None
    try:
        tenths = round(float(temperature) * 10)
    except (TypeError, ValueError):
        raise InvalidInput(
            f"体温应写成 36.8 这样的数：{temperature}",
            f"Write the temperature as a number such as 36.8: {temperature}",
        ) from None
    if not MIN_TENTHS <= tenths <= MAX_TENTHS:
        raise InvalidInput(
            f"体温应在 {MIN_TENTHS / 10:.1f} 到 {MAX_TENTHS / 10:.1f} ℃ 之间：{temperature}",
            f"A temperature is between {MIN_TENTHS / 10:.1f} and {MAX_TENTHS / 10:.1f} °C: "
            f"{temperature}",
        )
    return tenths


def record_visit(
    session: Session,
    visit_id: int,
    outcome: str | Outcome,
    *,
    temperature: float | str | None = None,
    note: str | None = None,
    now: datetime | None = None,
) -> tuple[VisitRow, int | None]:
    """Record a visit once: (the visit, the id of the request a needs-help visit logged).

    Refused, nothing changed: a visit recorded already (AlreadyDone), one not yet made or
    withdrawn, one outside a grid worker's grids, a temperature out of range, a home-quarantine
    visit reached without a temperature, a visit of a later day."""
    require(session, Permission.WRITE)
    now = now or datetime.now()
    chosen = outcome_of(outcome)
    visit = session.get(Visit, visit_id)
    if visit is None or visit.deleted_at is not None:
        raise InvalidInput(f"没有编号为 {visit_id} 的随访。", f"No visit {visit_id}.")
    scope.check_resident(session, visit.resident_id)
    if visit.outcome is not None:
        raise AlreadyDone(
            f"随访 {visit_id} 已于 {visit.recorded_at:%Y-%m-%d %H:%M} 由 {visit.recorded_by} 记录"
            f"（{OUTCOME_LABELS[Outcome(visit.outcome)][0]}），未再记录。",
            f"Visit {visit_id} was recorded at {visit.recorded_at:%Y-%m-%d %H:%M} by "
            f"{visit.recorded_by} ({visit.outcome}); nothing recorded again.",
        )
    tenths = _tenths(temperature)
    plan = session.get(VisitPlan, visit.plan_id)
    assert plan is not None
    if (
        PlanKind(plan.kind) is PlanKind.HOME_QUARANTINE
        and chosen is Outcome.REACHED
        and tenths is None
    ):
        raise InvalidInput(
            "居家隔离随访已联系到人时须记录体温（--temperature 36.8）。",
            "A home-quarantine visit that reached the resident records a temperature "
            "(--temperature 36.8).",
        )
    if visit.due_at.date() > now.date():
        raise InvalidInput(
            f"随访 {visit_id} 定于 {visit.due_at:%Y-%m-%d %H:%M}，还不能记录。",
            f"Visit {visit_id} is due at {visit.due_at:%Y-%m-%d %H:%M}; it cannot be recorded yet.",
        )
    text = (note or "").strip() or None
    visit.outcome = chosen.value
    visit.temperature_tenths = tenths
    visit.note = text
    visit.recorded_at = now
    visit.recorded_by = _actor(session)
    session.flush()
    request_id: int | None = None
    if chosen is Outcome.NEEDS_HELP:
        request_id = _log_help(session, visit, plan, text, now)
        visit.request_id = request_id
        session.flush()
    return visit_row(session, visit.id), request_id


def _log_help(
    session: Session, visit: Visit, plan: VisitPlan, note: str | None, now: datetime
) -> int:
    from app.core.requests import requests as requests_core

    household_id = session.scalar(
        select(Resident.household_id).where(Resident.id == visit.resident_id)
    )
    zh_kind = PLAN_SHORT[PlanKind(plan.kind)][0]
    text = f"{zh_kind}随访（{visit.due_at:%m-%d %H:%M}）发现需要帮助" + (
        f"：{note}" if note else ""
    )
    row = requests_core.log_request(
        session,
        requests_core.Category.CARE,
        text,
        household_id=household_id,
        priority=requests_core.Priority.URGENT,
        channel=requests_core.Channel.GRID_WORKER,
        visit_id=visit.id,
        now=now,
    )
    return int(row.id)


def missed_visits(
    session: Session, day: date, *, now: datetime | None = None, generate: bool = True
) -> list[VisitRow]:
    """The visits of `day` whose time has passed and that nobody recorded (a grid worker's grids
    only): what the next morning's list flags."""
    require(session, Permission.PERSONAL)
    now = now or datetime.now()
    if generate:
        make_visits(session, day)
    start, end = _day_range(day)
    return _rows(
        session,
        [
            Visit.due_at >= start,
            Visit.due_at < min(end, now),
            Visit.outcome.is_(None),
        ],
        day,
    )


# --- counts --------------------------------------------------------------------------------------


def visit_counts(session: Session, day: date, *, now: datetime | None = None) -> dict[str, Any]:
    """A day's visits for the daily report and the package, counted without making any (the
    visits the plans call for that are not made yet count as due and open):

    `{"plans": active plans, "due", "reached", "not_reached", "needs_help", "open", "missed",
    "temperature_high", "by_kind": {kind: {"due", "recorded", "missed"}}}` — `missed` are the open
    ones whose time has passed, `temperature_high` those recorded at 37.3 °C or more. Counts only;
    a grid worker's are of their grids."""
    principal = principal_of(session)
    if principal is not None and not (
        principal.may(Permission.REPORTS) or principal.may(Permission.PERSONAL)
    ):
        raise NotPermitted(principal, Permission.REPORTS)
    now = now or datetime.now()
    start, end = _day_range(day)
    grid_ids = scope.grid_ids(session)
    stmt = (
        select(VisitPlan.kind, Visit.outcome, Visit.due_at, Visit.temperature_tenths)
        .join(VisitPlan, VisitPlan.id == Visit.plan_id)
        .where(Visit.deleted_at.is_(None), Visit.due_at >= start, Visit.due_at < end)
    )
    if grid_ids is not None:
        stmt = (
            stmt.join(Resident, Resident.id == Visit.resident_id)
            .join(Household, Household.id == Resident.household_id)
            .where(Household.grid_id.in_(sorted(grid_ids)))
        )
    rows: list[tuple[str, str | None, datetime, int | None]] = list(session.execute(stmt).tuples())
    missing = _missing(session, day)
    if missing:
        kinds = dict(session.execute(select(VisitPlan.id, VisitPlan.kind)).tuples().all())
        if grid_ids is not None:
            allowed = set(
                session.scalars(
                    select(Resident.id)
                    .join(Household, Household.id == Resident.household_id)
                    .where(
                        Resident.id.in_(sorted({r for _p, r, _d in missing})),
                        Household.grid_id.in_(sorted(grid_ids)),
                    )
                )
            )
            missing = [m for m in missing if m[1] in allowed]
        rows.extend((kinds[p], None, d, None) for p, _r, d in missing)
    outcomes = Counter(o for _k, o, _d, _t in rows)
    by_kind: dict[str, dict[str, int]] = {
        k.value: {"due": 0, "recorded": 0, "missed": 0} for k in PlanKind
    }
    missed = 0
    high = 0
    for kind, outcome, due, tenths in rows:
        entry = by_kind[kind]
        entry["due"] += 1
        if outcome is not None:
            entry["recorded"] += 1
        elif due < now:
            entry["missed"] += 1
            missed += 1
        if tenths is not None and tenths >= 373:
            high += 1
    plans = sum(1 for p in _active_plans(session) if _active_on(p, day))
    return {
        "day": day.isoformat(),
        "plans": plans,
        "due": len(rows),
        "reached": outcomes[Outcome.REACHED.value],
        "not_reached": outcomes[Outcome.NOT_REACHED.value],
        "needs_help": outcomes[Outcome.NEEDS_HELP.value],
        "open": outcomes[None],
        "missed": missed,
        "temperature_high": high,
        "by_kind": by_kind,
    }


def counts_by_office(session: Session, day: date) -> dict[str, dict[str, int]]:
    """At a street office: each community's visits of `day` as they travelled in its packages,
    `{origin: {"due", "reached", "not_reached", "needs_help", "open"}}` — counts only."""
    require(session, Permission.REPORTS)
    start, end = _day_range(day)
    found: dict[str, dict[str, int]] = {}
    keys = {
        None: "open",
        Outcome.REACHED.value: "reached",
        Outcome.NOT_REACHED.value: "not_reached",
        Outcome.NEEDS_HELP.value: "needs_help",
    }
    for origin, outcome, n in session.execute(
        select(Visit.origin, Visit.outcome, func.count())
        .where(Visit.deleted_at.is_(None), Visit.due_at >= start, Visit.due_at < end)
        .group_by(Visit.origin, Visit.outcome)
    ).tuples():
        entry = found.setdefault(
            origin, {"due": 0, "reached": 0, "not_reached": 0, "needs_help": 0, "open": 0}
        )
        entry["due"] += n
        entry[keys[outcome]] += n
    return found


def has_plans(session: Session) -> bool:
    """Whether this office has made (or holds) any follow-up plan."""
    return bool(session.scalar(select(VisitPlan.id).where(VisitPlan.deleted_at.is_(None)).limit(1)))


def _active_plans(session: Session) -> list[VisitPlan]:
    return list(session.scalars(select(VisitPlan).where(VisitPlan.deleted_at.is_(None))).all())


def counts_lines(counts: dict[str, Any]) -> list[str]:
    """The daily report's words for `visit_counts` (a section of its own, 重点人群随访)."""
    if not counts["plans"] and not counts["due"]:
        return ["当日没有随访计划。"]
    recorded = counts["reached"] + counts["not_reached"] + counts["needs_help"]
    return [
        f"随访计划 {counts['plans']} 项；当日应随访 {counts['due']:,} 人次，已记录 {recorded:,} 人次"
        f"（联系到 {counts['reached']:,}，未联系上 {counts['not_reached']:,}，"
        f"需要帮助并已转为诉求 {counts['needs_help']:,}），未完成 {counts['open']:,} 人次，"
        f"其中已过时间未随访 {counts['missed']:,} 人次；体温 37.3 ℃ 及以上 "
        f"{counts['temperature_high']:,} 人次。"
    ]


__all__ = [
    "OUTCOME_LABELS",
    "PLAN_LABELS",
    "Outcome",
    "PlanKind",
    "PlanRow",
    "VisitRow",
    "counts_by_office",
    "counts_lines",
    "has_plans",
    "household_visits",
    "list_plans",
    "make_plan",
    "make_visits",
    "missed_visits",
    "outcome_of",
    "plan_kind",
    "record_visit",
    "stop_plan",
    "visit_counts",
    "visit_row",
    "visits_due",
]
