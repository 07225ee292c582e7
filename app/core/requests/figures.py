"""Accountability figures of requests, counted from the records: received, done, done on time,
median hours to done, overdue now, called back and satisfied — for the office, per grid, per person
on duty and per category (`accountability`, the shape of `report requests --json`); the 首页's few
numbers (`home_counts`); and the figures per category a package and the street office's overview
carry (`by_category`).

Counts are nobody's personal data: a viewer gets them; a grid worker counts their own grids'
requests. Nothing here names who asked.

One grouped query adds the requests of the period up per grid, person and category in the
database (each group's hours to done come as one text), and Python adds the groups up and takes the
medians: 50,000 requests within the 300 ms the 首页 allows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from statistics import median
from typing import Any

from sqlalchemy import (
    BigInteger,
    Integer,
    String,
    and_,
    case,
    cast,
    func,
    literal,
    literal_column,
    select,
)
from sqlalchemy.orm import Session

from app.core.requests.requests import (
    CATEGORY_LABELS,
    CLOSED_STATUSES,
    OPEN_STATUSES,
    Category,
    local_now,
)
from app.core.trust import scope
from app.core.trust.roles import Permission, may, require
from app.db.models import Grid
from app.db.models_grids import DutyPerson
from app.db.models_requests import ServiceRequest

NONE_KEY = "-"  # a request sent to no grid / no person
_SPREAD = 1 << 32  # grid id * _SPREAD + person id: one grouping key


@dataclass
class _Tally:
    received: int = 0
    open: int = 0
    done: int = 0
    done_on_time: int = 0
    overdue: int = 0
    called_back: int = 0
    satisfied: int = 0
    urgent_open: int = 0
    hours: list[float] = field(default_factory=list)

    def add(self, g: _Group) -> None:
        self.received += g.received
        self.open += g.open
        self.done += g.received - g.open
        self.done_on_time += g.on_time
        self.overdue += g.overdue
        self.urgent_open += g.urgent
        self.called_back += g.called_back
        self.satisfied += g.satisfied
        self.hours.extend(g.hours)

    def as_dict(self) -> dict[str, Any]:
        return {
            "received": self.received,
            "open": self.open,
            "done": self.done,
            "done_on_time": self.done_on_time,
            "done_on_time_pct": _pct(self.done_on_time, self.done),
            "overdue": self.overdue,
            "urgent_open": self.urgent_open,
            "median_hours_to_done": round(median(self.hours), 1) if self.hours else None,
            "called_back": self.called_back,
            "satisfied": self.satisfied,
            "satisfied_pct": _pct(self.satisfied, self.called_back),
        }


@dataclass(frozen=True)
class _Group:
    """The requests of one grid, person and category, added up by the database."""

    grid_id: int | None
    person_id: int | None
    category: str
    received: int
    open: int
    overdue: int
    urgent: int
    on_time: int
    called_back: int
    satisfied: int
    hours: list[float]


def _pct(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def _seconds_list(session: Session) -> Any:
    """Every done request's seconds to done in a group, as one text ("5400,72900,…"): forty
    thousand numbers cross to Python as a few hundred strings, not as forty thousand values."""
    done, got = ServiceRequest.done_at, ServiceRequest.received_at
    if session.get_bind().dialect.name == "postgresql":
        seconds = cast(func.extract("epoch", done - got), Integer)
        return func.string_agg(cast(seconds, String), ",")
    return func.group_concat(func.unixepoch(done) - func.unixepoch(got))


def _groups(
    session: Session, since: date | None, until: date | None, now: datetime
) -> list[_Group]:
    """The visible requests of the period added up per grid, person on duty and category, in one
    grouped query (a few hundred rows whatever the number of requests)."""
    if not may(session, Permission.REPORTS):
        require(session, Permission.PERSONAL)
    is_open = ServiceRequest.status.in_([s.value for s in OPEN_STATUSES])
    where: list[Any] = [ServiceRequest.deleted_at.is_(None)]
    ids = scope.grid_ids(session)
    if ids is not None:
        where.append(ServiceRequest.grid_id.in_(sorted(ids)))
    if since is not None:
        where.append(ServiceRequest.received_at >= datetime.combine(since, time()))
    if until is not None:
        where.append(
            ServiceRequest.received_at < datetime.combine(until + timedelta(days=1), time())
        )

    def total(condition: Any) -> Any:
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    # grid and person grouped as one number: SQLite sorts one integer key much faster than two
    # nullable columns (the grouping is most of the query's time)
    who = cast(func.coalesce(ServiceRequest.grid_id, 0), BigInteger) * literal(
        _SPREAD, BigInteger
    ) + func.coalesce(ServiceRequest.person_id, 0)
    q = (
        select(
            who.label("who"),
            ServiceRequest.category,
            func.count(),
            total(is_open),
            total(and_(is_open, ServiceRequest.due_at < now)),
            total(and_(is_open, ServiceRequest.priority == "urgent")),
            total(ServiceRequest.done_at <= ServiceRequest.due_at),
            func.count(ServiceRequest.satisfied),
            total(ServiceRequest.satisfied.is_(True)),
            _seconds_list(session),
        )
        .where(*where)
        .group_by(literal_column("who"), ServiceRequest.category)
    )
    out = []
    for r in session.execute(q):
        grid, person = divmod(int(r[0]), _SPREAD)
        n, opened, overdue, urgent, on_time, called, satisfied = (int(x) for x in r[2:9])
        hours = [int(x) / 3600 for x in r[9].split(",")] if r[9] else []
        out.append(
            _Group(
                grid or None,
                person or None,
                r[1],
                n,
                opened,
                overdue,
                urgent,
                on_time,
                called,
                satisfied,
                hours,
            )
        )
    return out


def accountability(
    session: Session,
    *,
    since: date | None = None,
    until: date | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """The figures of the requests received from `since` to `until` (days, both included; all
    when not given): the office's, `by_grid` (grid code), `by_person` (the person on duty's name)
    and `by_category` (category code, with its label). A request sent to nobody counts under "-".
    """
    now = now or local_now()
    whole = _Tally()
    grids: dict[int | None, _Tally] = defaultdict(_Tally)
    people: dict[int | None, _Tally] = defaultdict(_Tally)
    categories: dict[str, _Tally] = {c.value: _Tally() for c in Category}
    for g in _groups(session, since, until, now):
        whole.add(g)
        grids[g.grid_id].add(g)
        people[g.person_id].add(g)
        categories[g.category].add(g)
    grid_codes = _names(session, Grid.id, Grid.code, grids)
    person_names = _names(session, DutyPerson.id, DutyPerson.name, people)
    by_grid = {grid_codes.get(k, NONE_KEY): v.as_dict() for k, v in grids.items()}
    by_person: dict[str, dict[str, Any]] = {}
    for k, v in people.items():
        name = person_names.get(k, NONE_KEY)
        if name in by_person:  # two people of one name: told apart by their number
            name = f"{name}（{k}）"
        by_person[name] = v.as_dict()
    by_category = {}
    for code, tally in categories.items():
        zh, en = CATEGORY_LABELS[Category(code)]
        by_category[code] = {"label": zh, "label_en": en, **tally.as_dict()}
    return {
        **whole.as_dict(),
        "as_of": now.isoformat(timespec="minutes"),
        "since": since.isoformat() if since else None,
        "until": until.isoformat() if until else None,
        "by_grid": dict(sorted(by_grid.items())),
        "by_person": dict(sorted(by_person.items())),
        "by_category": by_category,
    }


def _names(session: Session, id_col: Any, name_col: Any, keys: Any) -> dict[int | None, str]:
    wanted = sorted(k for k in keys if k is not None)
    if not wanted:
        return {}
    return {
        i: str(n) for i, n in session.execute(select(id_col, name_col).where(id_col.in_(wanted)))
    }


@dataclass(frozen=True)
class HomeCounts:
    """The 首页's numbers of requests."""

    open: int
    overdue: int
    urgent_open: int
    received_today: int
    done_today: int
    done_on_time_pct: float | None  # of those done in the last 30 days
    satisfied_pct: float | None  # of those called back in the last 30 days


def home_counts(session: Session, now: datetime | None = None) -> HomeCounts:
    """Open, overdue and urgent requests now; received and done today; on time and satisfied over
    the last 30 days — in three small queries on the indexes (status, due_at, received_at)."""
    if not may(session, Permission.REPORTS):
        require(session, Permission.PERSONAL)
    now = now or local_now()
    today = datetime.combine(now.date(), time())
    month = today - timedelta(days=30)
    where: list[Any] = [ServiceRequest.deleted_at.is_(None)]
    ids = scope.grid_ids(session)
    if ids is not None:
        where.append(ServiceRequest.grid_id.in_(sorted(ids)))
    is_open = ServiceRequest.status.in_([s.value for s in OPEN_STATUSES])
    open_row = session.execute(
        select(
            func.count(),
            func.coalesce(func.sum(case((ServiceRequest.due_at < now, 1), else_=0)), 0),
            func.coalesce(func.sum(case((ServiceRequest.priority == "urgent", 1), else_=0)), 0),
        ).where(*where, is_open)
    ).one()
    received_today = session.scalar(
        select(func.count()).where(*where, ServiceRequest.received_at >= today)
    )
    closed = [s.value for s in CLOSED_STATUSES]
    recent = session.execute(
        select(
            func.coalesce(func.sum(case((ServiceRequest.done_at >= today, 1), else_=0)), 0),
            func.count(),
            func.coalesce(
                func.sum(case((ServiceRequest.done_at <= ServiceRequest.due_at, 1), else_=0)), 0
            ),
            func.count(ServiceRequest.satisfied),
            func.coalesce(func.sum(case((ServiceRequest.satisfied.is_(True), 1), else_=0)), 0),
        ).where(*where, ServiceRequest.status.in_(closed), ServiceRequest.done_at >= month)
    ).one()
    return HomeCounts(
        open=int(open_row[0]),
        overdue=int(open_row[1]),
        urgent_open=int(open_row[2]),
        received_today=int(received_today or 0),
        done_today=int(recent[0]),
        done_on_time_pct=_pct(int(recent[2]), int(recent[1])),
        satisfied_pct=_pct(int(recent[4]), int(recent[3])),
    )


@dataclass(frozen=True)
class CategoryFigures:
    """One category's counts, as a package and the street office carry them: no one named."""

    category: str
    label: str
    received: int
    open: int
    overdue: int
    done: int
    done_on_time: int
    satisfied: int
    called_back: int


def by_category(
    session: Session, origin: str | None = None, now: datetime | None = None
) -> list[CategoryFigures]:
    """The counts per category (every category, zeros included) of the requests of `origin` (an
    office's code; all when None) — at a street office, of each community's travelled requests."""
    now = now or local_now()
    is_open = ServiceRequest.status.in_([s.value for s in OPEN_STATUSES])
    where: list[Any] = [ServiceRequest.deleted_at.is_(None)]
    if origin is not None:
        where.append(ServiceRequest.origin == origin)
    got = {
        r[0]: r
        for r in session.execute(
            select(
                ServiceRequest.category,
                func.count(),
                func.coalesce(func.sum(case((is_open, 1), else_=0)), 0),
                func.coalesce(
                    func.sum(case((and_(is_open, ServiceRequest.due_at < now), 1), else_=0)), 0
                ),
                func.coalesce(
                    func.sum(case((ServiceRequest.done_at <= ServiceRequest.due_at, 1), else_=0)),
                    0,
                ),
                func.count(ServiceRequest.satisfied),
                func.coalesce(func.sum(case((ServiceRequest.satisfied.is_(True), 1), else_=0)), 0),
            )
            .where(*where)
            .group_by(ServiceRequest.category)
        )
    }
    out = []
    for c in Category:
        r = got.get(c.value)
        received, opened = (int(r[1]), int(r[2])) if r else (0, 0)
        out.append(
            CategoryFigures(
                category=c.value,
                label=CATEGORY_LABELS[c][0],
                received=received,
                open=opened,
                overdue=int(r[3]) if r else 0,
                done=received - opened,
                done_on_time=int(r[4]) if r else 0,
                called_back=int(r[5]) if r else 0,
                satisfied=int(r[6]) if r else 0,
            )
        )
    return out
