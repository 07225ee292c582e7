"""Accountability figures of requests, counted from the records: received, done, done on time,
median hours to done, overdue now, called back and satisfied — for the office, per grid, per person
on duty and per category (`accountability`, the shape of `report requests --json`); the 首页's few
numbers (`home_counts`); and the figures per category a package and the street office's overview
carry (`by_category`).

Counts are nobody's personal data: a viewer gets them; a grid worker counts their own grids'
requests. Nothing here names who asked.

One query reads every request of the period as plain numbers (flags and hours worked out by the
database), and Python adds them up: 50,000 requests in well under the 300 ms the 首页 allows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from statistics import median
from typing import Any

from sqlalchemy import Float, and_, case, cast, func, literal, select
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
    hours: list[float] | None = None

    def add(self, r: Any) -> None:
        self.received += 1
        if r.is_open:
            self.open += 1
            self.overdue += r.is_overdue
            self.urgent_open += r.is_urgent
        else:
            self.done += 1
            self.done_on_time += r.on_time
            if self.hours is None:
                self.hours = []
            if r.hours is not None:
                self.hours.append(float(r.hours))
        if r.satisfied is not None:
            self.called_back += 1
            self.satisfied += bool(r.satisfied)

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


def _pct(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def _hours(session: Session) -> Any:
    done, got = ServiceRequest.done_at, ServiceRequest.received_at
    if session.get_bind().dialect.name == "postgresql":
        return func.extract("epoch", done - got) / 3600.0
    return (func.julianday(done) - func.julianday(got)) * cast(literal(24.0), Float)


def _rows(session: Session, since: date | None, until: date | None, now: datetime) -> list[Any]:
    """Every visible request of the period as numbers: (grid, person, category, is_open,
    is_overdue, is_urgent, on_time, hours, satisfied)."""
    if not may(session, Permission.REPORTS):
        require(session, Permission.PERSONAL)
    open_values = [s.value for s in OPEN_STATUSES]
    is_open = ServiceRequest.status.in_(open_values)
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
    q = (
        select(
            Grid.code.label("grid"),
            DutyPerson.name.label("person"),
            ServiceRequest.category.label("category"),
            case((is_open, 1), else_=0).label("is_open"),
            case((and_(is_open, ServiceRequest.due_at < now), 1), else_=0).label("is_overdue"),
            case((and_(is_open, ServiceRequest.priority == "urgent"), 1), else_=0).label(
                "is_urgent"
            ),
            case((ServiceRequest.done_at <= ServiceRequest.due_at, 1), else_=0).label("on_time"),
            _hours(session).label("hours"),
            ServiceRequest.satisfied.label("satisfied"),
        )
        .select_from(ServiceRequest)
        .outerjoin(Grid, Grid.id == ServiceRequest.grid_id)
        .outerjoin(DutyPerson, DutyPerson.id == ServiceRequest.person_id)
        .where(*where)
    )
    return list(session.execute(q))


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
    grids: dict[str, _Tally] = defaultdict(_Tally)
    people: dict[str, _Tally] = defaultdict(_Tally)
    categories: dict[str, _Tally] = {c.value: _Tally() for c in Category}
    for r in _rows(session, since, until, now):
        whole.add(r)
        grids[r.grid or NONE_KEY].add(r)
        people[r.person or NONE_KEY].add(r)
        categories[r.category].add(r)
    by_category = {}
    for code, tally in categories.items():
        zh, en = CATEGORY_LABELS[Category(code)]
        by_category[code] = {"label": zh, "label_en": en, **tally.as_dict()}
    return {
        **whole.as_dict(),
        "as_of": now.isoformat(timespec="minutes"),
        "since": since.isoformat() if since else None,
        "until": until.isoformat() if until else None,
        "by_grid": {k: grids[k].as_dict() for k in sorted(grids)},
        "by_person": {k: people[k].as_dict() for k in sorted(people)},
        "by_category": by_category,
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
