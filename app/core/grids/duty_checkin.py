"""Check-in and check-out by the person's code, and attendance per person — for sent-down cadres
per posting, so that who served only on paper (挂名式下沉) is visible.

* A USB scanner types the code from the person's card with Enter at the office, which checks the
  person in — or out, when they are checked in. A check-in with no shift at that time is refused
  (`InvalidInput`); a second scan after check-out raises `AlreadyDone`.
* Check-in and check-out times are local wall-clock times.

Every operation takes a Session and plain values and returns plain values.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.grids.duty import find_person, role_name
from app.core.grids.duty_shifts import CHECK_OUT_GRACE, _status
from app.core.trust import scope
from app.db.models import Grid
from app.db.models_grids import (
    PERSON_ROLES,
    Duty,
    DutyPerson,
    DutyShift,
    ShiftAssignment,
)
from app.errors import AlreadyDone, InvalidInput

CHECK_IN_EARLY = timedelta(minutes=60)  # a check-in this long before the shift counts for it
ON_PAPER_AFTER = timedelta(days=7)  # a cadre this long into a posting with no shift served


@dataclass(frozen=True)
class ScanResult:
    action: str  # "in" or "out"
    person: str
    code: str
    role: str
    duty: str
    starts_at: datetime
    ends_at: datetime
    at: datetime
    late_minutes: int = 0
    hours: float | None = None  # on check-out

    def message(self, lang: str = "zh") -> str:
        span = f"{self.starts_at:%H:%M}–{self.ends_at:%H:%M}"
        if self.action == "in":
            if lang == "en":
                late = f", {self.late_minutes} min late" if self.late_minutes else ""
                return f"{self.person} ({self.code}) checked in at {self.at:%H:%M}: {self.duty} {span}{late}"
            late = f"，迟到 {self.late_minutes} 分钟" if self.late_minutes else ""
            return f"{self.person}（{self.code}）{self.at:%H:%M} 签到：{self.duty} {span}{late}"
        hours = f"{self.hours:.1f}" if self.hours is not None else "0"
        if lang == "en":
            return f"{self.person} ({self.code}) checked out at {self.at:%H:%M}: {self.duty}, {hours} h"
        return f"{self.person}（{self.code}）{self.at:%H:%M} 签退：{self.duty}，在岗 {hours} 小时"


def _candidates(
    session: Session, person: DutyPerson, now: datetime
) -> list[tuple[ShiftAssignment, DutyShift, str]]:
    return [
        (a, s, name)
        for a, s, name in session.execute(
            select(ShiftAssignment, DutyShift, Duty.name)
            .join(DutyShift, DutyShift.id == ShiftAssignment.shift_id)
            .join(Duty, Duty.id == DutyShift.duty_id)
            .where(
                ShiftAssignment.person_id == person.id,
                ShiftAssignment.deleted_at.is_(None),
                DutyShift.deleted_at.is_(None),
                DutyShift.starts_at <= now + CHECK_IN_EARLY,
                DutyShift.ends_at >= now - CHECK_OUT_GRACE,
            )
            .order_by(DutyShift.starts_at)
        ).tuples()
    ]


def _person_to_check(session: Session, code: str) -> DutyPerson:
    """The person a code names, once the user may record (a grid worker: the people of their
    grids, or of none)."""
    scope.writing(session)
    person = find_person(session, code)
    if person.grid_id is not None:
        scope.check_grid(session, grid_id=person.grid_id)
    return person


def scan(session: Session, code: str, now: datetime | None = None) -> ScanResult:
    """What a scan of a person's code at the office does: check out if they are checked in to a
    shift, else check in to their shift now (from an hour before it starts until it ends).

    Refused (`InvalidInput`) for an unknown code or a person with no shift now; `AlreadyDone` when
    they have already checked out of the shift at hand."""
    now = (now or datetime.now()).replace(microsecond=0)
    person = _person_to_check(session, code)
    found = _candidates(session, person, now)
    for a, s, duty in found:
        if a.checked_in_at is not None and a.checked_out_at is None:
            return _check_out(a, s, duty, person, now)
    return _check_in(session, person, found, now)


def check_in(session: Session, code: str, now: datetime | None = None) -> ScanResult:
    now = (now or datetime.now()).replace(microsecond=0)
    person = _person_to_check(session, code)
    found = _candidates(session, person, now)
    for a, _s, _duty in found:
        if a.checked_in_at is not None and a.checked_out_at is None:
            raise AlreadyDone(
                f"{person.name}（{person.code}）已在 {a.checked_in_at:%H:%M} 签到。",
                f"{person.name} ({person.code}) checked in at {a.checked_in_at:%H:%M} already.",
            )
    return _check_in(session, person, found, now)


def check_out(session: Session, code: str, now: datetime | None = None) -> ScanResult:
    now = (now or datetime.now()).replace(microsecond=0)
    person = _person_to_check(session, code)
    for a, s, duty in _candidates(session, person, now):
        if a.checked_in_at is not None and a.checked_out_at is None:
            return _check_out(a, s, duty, person, now)
    raise InvalidInput(
        f"{person.name}（{person.code}）现在没有签到中的班次，无需签退。",
        f"{person.name} ({person.code}) is not checked in to any shift now.",
    )


def _check_in(
    session: Session,
    person: DutyPerson,
    found: list[tuple[ShiftAssignment, DutyShift, str]],
    now: datetime,
) -> ScanResult:
    open_ = [
        (a, s, d)
        for a, s, d in found
        if a.checked_in_at is None and s.starts_at - CHECK_IN_EARLY <= now <= s.ends_at
    ]
    if open_:
        a, s, duty = open_[0]
        a.checked_in_at = now
        session.flush()
        late = max(int((now - s.starts_at).total_seconds() // 60), 0)
        return ScanResult(
            "in", person.name, person.code, person.role, duty, s.starts_at, s.ends_at, now, late
        )
    done = [(a, s, d) for a, s, d in found if a.checked_out_at is not None]
    if done:
        a, s, duty = done[0]
        assert a.checked_out_at is not None
        raise AlreadyDone(
            f"{person.name}（{person.code}）已于 {a.checked_out_at:%H:%M} 签退“{duty}”，本班次已结束。",
            f"{person.name} ({person.code}) checked out of '{duty}' at {a.checked_out_at:%H:%M}.",
        )
    upcoming = session.execute(
        select(DutyShift.starts_at, Duty.name)
        .join(ShiftAssignment, ShiftAssignment.shift_id == DutyShift.id)
        .join(Duty, Duty.id == DutyShift.duty_id)
        .where(
            ShiftAssignment.person_id == person.id,
            ShiftAssignment.deleted_at.is_(None),
            DutyShift.deleted_at.is_(None),
            DutyShift.starts_at > now,
        )
        .order_by(DutyShift.starts_at)
        .limit(1)
    ).first()
    nxt_zh = f"下一班：{upcoming[0]:%m-%d %H:%M} {upcoming[1]}" if upcoming else "之后没有排班"
    nxt_en = (
        f"next shift: {upcoming[0]:%m-%d %H:%M} {upcoming[1]}" if upcoming else "no shifts ahead"
    )
    raise InvalidInput(
        f"{person.name}（{person.code}）现在不在班次上，不能签到（{nxt_zh}）。",
        f"{person.name} ({person.code}) is not on a shift now; check-in refused ({nxt_en}).",
    )


def _check_out(
    a: ShiftAssignment, s: DutyShift, duty: str, person: DutyPerson, now: datetime
) -> ScanResult:
    assert a.checked_in_at is not None
    a.checked_out_at = max(now, a.checked_in_at)
    hours = _served_hours(a.checked_in_at, a.checked_out_at, s, now)
    return ScanResult(
        "out", person.name, person.code, person.role, duty, s.starts_at, s.ends_at, now, hours=hours
    )


def _served_hours(
    checked_in: datetime, checked_out: datetime | None, shift: DutyShift, now: datetime
) -> float:
    """Hours on duty: from check-in to check-out; without a check-out, to the shift's end (or now,
    while it lasts); never more than the check-out grace past the end."""
    end = checked_out or min(shift.ends_at, now)
    end = min(end, shift.ends_at + CHECK_OUT_GRACE)
    return max((end - checked_in).total_seconds(), 0) / 3600


# --- attendance ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AttendanceRow:
    person_id: int
    code: str
    name: str
    role: str
    organisation: str | None
    grid_code: str | None
    period_start: date | None
    period_end: date | None
    assigned: int
    served: int
    missed: int
    upcoming: int
    hours: float
    on_paper: bool  # a cadre well into a posting who has served no shift

    def as_json(self, lang: str = "zh") -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "role": self.role,
            "role_name": role_name(self.role, lang),
            "organisation": self.organisation,
            "grid": self.grid_code,
            "period_start": self.period_start.isoformat() if self.period_start else None,
            "period_end": self.period_end.isoformat() if self.period_end else None,
            "shifts_assigned": self.assigned,
            "shifts_served": self.served,
            "shifts_missed": self.missed,
            "shifts_upcoming": self.upcoming,
            "hours": round(self.hours, 1),
            "on_paper": self.on_paper,
        }


def attendance(
    session: Session,
    start: date | None = None,
    end: date | None = None,
    now: datetime | None = None,
    role: str | None = None,
) -> list[AttendanceRow]:
    """Per person on the roster: shifts assigned, served (checked in), missed (ended with no
    check-in), still to come, and hours, over [start, end] (default: all) — for a sent-down cadre
    over their posting within that."""
    now = now or datetime.now()
    people = session.execute(
        select(DutyPerson, Grid.code)
        .outerjoin(Grid, Grid.id == DutyPerson.grid_id)
        .where(DutyPerson.deleted_at.is_(None), *([DutyPerson.role == role] if role else []))
    ).all()
    stmt = (
        select(ShiftAssignment, DutyShift)
        .join(DutyShift, DutyShift.id == ShiftAssignment.shift_id)
        .where(ShiftAssignment.deleted_at.is_(None), DutyShift.deleted_at.is_(None))
    )
    if start is not None:
        stmt = stmt.where(DutyShift.starts_at >= datetime.combine(start, time()))
    if end is not None:
        stmt = stmt.where(DutyShift.starts_at < datetime.combine(end + timedelta(days=1), time()))
    per: dict[int, list[tuple[ShiftAssignment, DutyShift]]] = defaultdict(list)
    for a, s in session.execute(stmt).tuples():
        per[a.person_id].append((a, s))
    rows = []
    today = now.date()
    for p, gcode in people:
        period_start, period_end = start, end
        if p.role == "cadre":
            period_start = max(filter(None, [start, p.posting_start]), default=None)
            period_end = min(filter(None, [end, p.posting_end]), default=None)
        assigned = served = missed = upcoming = 0
        hours = 0.0
        for a, s in per.get(p.id, []):
            day = s.starts_at.date()
            if (period_start and day < period_start) or (period_end and day > period_end):
                continue
            assigned += 1
            status = _status(a, s, now)
            if a.checked_in_at is not None:
                served += 1
                hours += _served_hours(a.checked_in_at, a.checked_out_at, s, now)
            elif status == "missed":
                missed += 1
            elif status == "upcoming":
                upcoming += 1
        on_paper = (
            p.role == "cadre"
            and p.status == "active"
            and served == 0
            and p.posting_start is not None
            and p.posting_start <= today
            and (missed > 0 or today - p.posting_start >= ON_PAPER_AFTER)
        )
        rows.append(
            AttendanceRow(
                p.id,
                p.code,
                p.name,
                p.role,
                p.organisation,
                gcode,
                period_start,
                period_end,
                assigned,
                served,
                missed,
                upcoming,
                hours,
                on_paper,
            )
        )
    order = {r: i for i, r in enumerate(PERSON_ROLES)}
    rows.sort(key=lambda r: (order.get(r.role, 99), r.code))
    return rows
