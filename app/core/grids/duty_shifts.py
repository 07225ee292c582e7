"""Duties and their shifts: creating duties, adding shifts (one-off or daily), putting people on
them, and the board of who is on which shift — per day, per week (the printed duty roster) and
the no-shows so far.

* A person cannot be on two shifts that overlap, nor on a shift outside their posting. Refusals
  raise `InvalidInput` (Chinese and English) before anything is written.
* Shift times are local wall-clock times.

Every operation takes a Session and plain values and returns plain values.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.grids.duty import ROSTER, _clean, _person
from app.core.grids.structure import (
    get_grid,
)
from app.core.trust import scope
from app.db.base import utcnow
from app.db.models import Grid
from app.db.models_grids import (
    DUTY_KINDS,
    Duty,
    DutyPerson,
    DutyShift,
    ShiftAssignment,
)
from app.errors import AlreadyDone, InvalidInput

LATE_AFTER = timedelta(minutes=15)  # not checked in this long after the start: a no-show so far
CHECK_OUT_GRACE = timedelta(hours=6)  # a check-out this long after the end still counts
MAX_SHIFT = timedelta(hours=24)


@dataclass(frozen=True)
class ShiftRow:
    id: int
    duty_id: int
    duty: str
    kind: str
    grid_code: str | None
    place: str | None
    starts_at: datetime
    ends_at: datetime
    needed: int
    people: list[AssignmentRow]

    @property
    def hours(self) -> float:
        return (self.ends_at - self.starts_at).total_seconds() / 3600

    @property
    def short(self) -> int:
        return max(self.needed - len(self.people), 0)

    def label(self) -> str:
        end = self.ends_at.strftime("%H:%M")
        if self.ends_at.date() != self.starts_at.date():
            end = "次日" + end
        return f"{self.starts_at:%Y-%m-%d %H:%M}–{end} {self.duty}"


@dataclass(frozen=True)
class AssignmentRow:
    id: int
    shift_id: int
    person_id: int
    code: str
    name: str
    role: str
    phone: str | None
    checked_in_at: datetime | None
    checked_out_at: datetime | None
    status: str  # upcoming / on_duty / done / late / missed


def _kind(kind: str) -> str:
    value = unicodedata.normalize("NFKC", kind or "").strip()
    if not value:
        raise InvalidInput(
            f"请选择任务类型（{'、'.join(DUTY_KINDS)}）。",
            f"Choose the kind of duty ({', '.join(DUTY_KINDS)}).",
        )
    if len(value) > 20:
        raise InvalidInput("任务类型不超过 20 字。", "The kind is at most 20 characters.")
    return value


def create_duty(
    session: Session,
    name: str,
    kind: str,
    grid: str | None = None,
    place: str | None = None,
    notes: str | None = None,
) -> Duty:
    scope.whole_register(session, ROSTER)
    clean = _clean(name, 100, "任务名称", "The duty's name")
    if not clean:
        raise InvalidInput("任务名称不能为空。", "The duty needs a name.")
    duty = Duty(
        name=clean,
        kind=_kind(kind),
        grid_id=get_grid(session, grid).id if grid else None,
        place=_clean(place, 200, "地点", "The place"),
        notes=(notes or "").strip() or None,
    )
    session.add(duty)
    session.flush()
    return duty


def edit_duty(
    session: Session,
    duty_id: int,
    name: str,
    kind: str,
    grid: str | None = None,
    place: str | None = None,
    notes: str | None = None,
) -> Duty:
    scope.whole_register(session, ROSTER)
    duty = _duty(session, duty_id)
    clean = _clean(name, 100, "任务名称", "The duty's name")
    if not clean:
        raise InvalidInput("任务名称不能为空。", "The duty needs a name.")
    duty.name = clean
    duty.kind = _kind(kind)
    duty.grid_id = get_grid(session, grid).id if grid else None
    duty.place = _clean(place, 200, "地点", "The place")
    duty.notes = (notes or "").strip() or None
    session.flush()
    return duty


def _duty(session: Session, duty_id: int) -> Duty:
    duty = session.get(Duty, duty_id)
    if duty is None or duty.deleted_at is not None:
        raise InvalidInput(f"任务不存在或已删除（{duty_id}）。", f"No such duty ({duty_id}).")
    return duty


def _shift(session: Session, shift_id: int) -> DutyShift:
    shift = session.get(DutyShift, shift_id)
    if shift is None or shift.deleted_at is not None:
        raise InvalidInput(f"班次不存在或已删除（{shift_id}）。", f"No such shift ({shift_id}).")
    return shift


def list_duties(session: Session) -> list[tuple[int, str, str, str | None, str | None]]:
    """(id, name, kind, grid code, place) of the live duties."""
    return [
        (d.id, d.name, d.kind, code, d.place)
        for d, code in session.execute(
            select(Duty, Grid.code)
            .outerjoin(Grid, Grid.id == Duty.grid_id)
            .where(Duty.deleted_at.is_(None))
            .order_by(Duty.kind, Duty.name)
        )
    ]


def _check_period(starts_at: datetime, ends_at: datetime) -> None:
    if ends_at <= starts_at:
        raise InvalidInput(
            f"班次的结束时间 {ends_at:%Y-%m-%d %H:%M} 应晚于开始时间 {starts_at:%Y-%m-%d %H:%M}。",
            f"The shift must end ({ends_at:%Y-%m-%d %H:%M}) after it starts "
            f"({starts_at:%Y-%m-%d %H:%M}).",
        )
    if ends_at - starts_at > MAX_SHIFT:
        raise InvalidInput("一个班次不能超过 24 小时。", "A shift cannot be longer than 24 hours.")


def add_shift(
    session: Session,
    duty_id: int,
    starts_at: datetime,
    ends_at: datetime,
    needed: int = 1,
    notes: str | None = None,
) -> DutyShift:
    scope.whole_register(session, ROSTER)
    return _new_shift(session, duty_id, starts_at, ends_at, needed, notes)


def _new_shift(
    session: Session,
    duty_id: int,
    starts_at: datetime,
    ends_at: datetime,
    needed: int,
    notes: str | None = None,
) -> DutyShift:
    """One shift of a duty (the caller has checked the user may plan the roster)."""
    duty = _duty(session, duty_id)
    _check_period(starts_at, ends_at)
    if needed < 1 or needed > 500:
        raise InvalidInput("每班人数应在 1 到 500 之间。", "People per shift must be 1 to 500.")
    shift = DutyShift(
        duty_id=duty.id,
        starts_at=starts_at.replace(second=0, microsecond=0),
        ends_at=ends_at.replace(second=0, microsecond=0),
        needed=needed,
        notes=(notes or "").strip() or None,
    )
    session.add(shift)
    session.flush()
    return shift


def add_daily_shifts(
    session: Session,
    duty_id: int,
    first_day: date,
    last_day: date,
    start: time,
    end: time,
    needed: int = 1,
) -> list[DutyShift]:
    """The same shift every day from `first_day` to `last_day`; an end at or before the start
    means the next morning (22:00–06:00)."""
    scope.whole_register(session, ROSTER)
    if last_day < first_day:
        raise InvalidInput("结束日期早于开始日期。", "The last day is before the first.")
    if (last_day - first_day).days > 92:
        raise InvalidInput("一次最多排 93 天。", "At most 93 days at once.")
    shifts = []
    day = first_day
    while day <= last_day:
        starts = datetime.combine(day, start)
        ends = datetime.combine(day if end > start else day + timedelta(days=1), end)
        shifts.append(_new_shift(session, duty_id, starts, ends, needed))
        day += timedelta(days=1)
    return shifts


def edit_shift(
    session: Session, shift_id: int, starts_at: datetime, ends_at: datetime, needed: int
) -> DutyShift:
    scope.whole_register(session, ROSTER)
    shift = _shift(session, shift_id)
    _check_period(starts_at, ends_at)
    people = list(
        session.scalars(
            select(ShiftAssignment.person_id).where(
                ShiftAssignment.shift_id == shift.id, ShiftAssignment.deleted_at.is_(None)
            )
        )
    )
    for pid in people:
        _refuse_clash(session, _person(session, pid), starts_at, ends_at, exclude_shift=shift.id)
    shift.starts_at = starts_at.replace(second=0, microsecond=0)
    shift.ends_at = ends_at.replace(second=0, microsecond=0)
    shift.needed = needed
    session.flush()
    return shift


def _remove_shift(session: Session, shift: DutyShift, reason: str) -> None:
    now = utcnow()
    for a in session.scalars(
        select(ShiftAssignment).where(
            ShiftAssignment.shift_id == shift.id, ShiftAssignment.deleted_at.is_(None)
        )
    ):
        a.deleted_at = now
        a.delete_reason = reason
    shift.deleted_at = now
    shift.delete_reason = reason


def remove_shift(session: Session, shift_id: int) -> None:
    scope.whole_register(session, ROSTER)
    shift = _shift(session, shift_id)
    checked = session.scalar(
        select(func.count())
        .select_from(ShiftAssignment)
        .where(
            ShiftAssignment.shift_id == shift.id,
            ShiftAssignment.deleted_at.is_(None),
            ShiftAssignment.checked_in_at.is_not(None),
        )
    )
    if checked:
        raise InvalidInput(
            f"这个班次已有 {checked} 人签到，不能删除。",
            f"{checked} people have checked in to this shift; it cannot be removed.",
        )
    _remove_shift(session, shift, "removed")
    session.flush()


def _refuse_clash(
    session: Session,
    person: DutyPerson,
    starts_at: datetime,
    ends_at: datetime,
    exclude_shift: int | None = None,
) -> None:
    """A person on two overlapping shifts, or on a shift outside their posting, is refused."""
    if person.status != "active":
        raise InvalidInput(
            f"{person.name}（{person.code}）已不在岗，不能排班。",
            f"{person.name} ({person.code}) is no longer active; cannot be put on a shift.",
        )
    if (person.posting_start and starts_at.date() < person.posting_start) or (
        person.posting_end and starts_at.date() > person.posting_end
    ):
        period = f"{person.posting_start or '…'} 至 {person.posting_end or '…'}"
        raise InvalidInput(
            f"{person.name}（{person.code}）的在岗期为 {period}，{starts_at:%Y-%m-%d} 不在其中。",
            f"{person.name} ({person.code}) serves {period}; {starts_at:%Y-%m-%d} is outside it.",
        )
    clash = session.execute(
        select(DutyShift, Duty.name)
        .join(ShiftAssignment, ShiftAssignment.shift_id == DutyShift.id)
        .join(Duty, Duty.id == DutyShift.duty_id)
        .where(
            ShiftAssignment.person_id == person.id,
            ShiftAssignment.deleted_at.is_(None),
            DutyShift.deleted_at.is_(None),
            DutyShift.starts_at < ends_at,
            DutyShift.ends_at > starts_at,
            DutyShift.id != (exclude_shift or 0),
        )
        .limit(1)
    ).first()
    if clash is not None:
        other, duty_name = clash
        raise InvalidInput(
            f"{person.name}（{person.code}）在 {other.starts_at:%m-%d %H:%M}–{other.ends_at:%H:%M} "
            f"已排在“{duty_name}”，与这个班次时间重叠。",
            f"{person.name} ({person.code}) is already on '{duty_name}' "
            f"{other.starts_at:%m-%d %H:%M}–{other.ends_at:%H:%M}, which overlaps this shift.",
        )


@dataclass(frozen=True)
class AssignOutcome:
    added: list[str]  # names
    already: list[str]


def assign_people(session: Session, shift_id: int, person_ids: Sequence[int]) -> AssignOutcome:
    """Put people on a shift: every one is checked first (on the roster then, no overlapping shift),
    so either all are added or none."""
    scope.whole_register(session, ROSTER)
    shift = _shift(session, shift_id)
    if not person_ids:
        raise InvalidInput("没有选择人员。", "No one chosen.")
    on_it = set(
        session.scalars(
            select(ShiftAssignment.person_id).where(
                ShiftAssignment.shift_id == shift.id, ShiftAssignment.deleted_at.is_(None)
            )
        )
    )
    added: list[DutyPerson] = []
    already: list[str] = []
    for pid in dict.fromkeys(person_ids):
        person = _person(session, pid)
        if person.id in on_it:
            already.append(person.name)
            continue
        _refuse_clash(session, person, shift.starts_at, shift.ends_at)
        added.append(person)
    if not added:
        raise AlreadyDone(
            f"{'、'.join(already)} 已在这个班次上。", f"{', '.join(already)} already on this shift."
        )
    for person in added:
        session.add(ShiftAssignment(shift_id=shift.id, person_id=person.id))
    session.flush()
    return AssignOutcome([p.name for p in added], already)


def unassign(session: Session, assignment_id: int) -> None:
    scope.whole_register(session, ROSTER)
    a = session.get(ShiftAssignment, assignment_id)
    if a is None or a.deleted_at is not None:
        raise InvalidInput("这条排班不存在。", "No such assignment.")
    if a.checked_in_at is not None:
        raise InvalidInput(
            "此人已签到，不能从班次中撤下（出勤记录要保留）。",
            "Checked in already; the attendance record stays.",
        )
    a.deleted_at = utcnow()
    a.delete_reason = "taken off the shift"
    session.flush()


def _status(a: ShiftAssignment, shift: DutyShift, now: datetime) -> str:
    if a.checked_in_at is not None:
        if a.checked_out_at is not None or now > shift.ends_at + CHECK_OUT_GRACE:
            return "done"
        return "on_duty"
    if now < shift.starts_at + LATE_AFTER:
        return "upcoming"
    if now <= shift.ends_at:
        return "late"
    return "missed"


def shifts_between(
    session: Session,
    start: datetime,
    end: datetime,
    now: datetime | None = None,
    grid: str | None = None,
    *,
    overlapping: bool = False,
) -> list[ShiftRow]:
    """Shifts starting in [start, end) — or, `overlapping`, any part of which falls in it (a night
    shift begun yesterday is still on today's board) — with the people on them and their state
    at `now`."""
    now = now or datetime.now()
    first = DutyShift.ends_at > start if overlapping else DutyShift.starts_at >= start
    stmt = (
        select(DutyShift, Duty, Grid.code)
        .join(Duty, Duty.id == DutyShift.duty_id)
        .outerjoin(Grid, Grid.id == Duty.grid_id)
        .where(
            DutyShift.deleted_at.is_(None),
            Duty.deleted_at.is_(None),
            first,
            DutyShift.starts_at < end,
        )
        .order_by(DutyShift.starts_at, Duty.name, DutyShift.id)
    )
    if grid:
        stmt = stmt.where(Grid.code == grid)
    found = list(session.execute(stmt))
    ids = [s.id for s, _d, _g in found]
    people: dict[int, list[tuple[ShiftAssignment, DutyPerson]]] = defaultdict(list)
    if ids:
        for a, p in session.execute(
            select(ShiftAssignment, DutyPerson)
            .join(DutyPerson, DutyPerson.id == ShiftAssignment.person_id)
            .where(ShiftAssignment.shift_id.in_(ids), ShiftAssignment.deleted_at.is_(None))
            .order_by(ShiftAssignment.id)
        ):
            people[a.shift_id].append((a, p))
    by_id = {s.id: s for s, _d, _g in found}
    rows = []
    for s, d, gcode in found:
        rows.append(
            ShiftRow(
                s.id,
                d.id,
                d.name,
                d.kind,
                gcode,
                d.place,
                s.starts_at,
                s.ends_at,
                s.needed,
                [
                    AssignmentRow(
                        a.id,
                        a.shift_id,
                        p.id,
                        p.code,
                        p.name,
                        p.role,
                        p.phone,
                        a.checked_in_at,
                        a.checked_out_at,
                        _status(a, by_id[a.shift_id], now),
                    )
                    for a, p in people.get(s.id, [])
                ],
            )
        )
    return rows


def day_board(session: Session, day: date, now: datetime | None = None) -> list[ShiftRow]:
    """The shifts of a day — any that is on during it, a night shift begun the evening before
    included — and who is there, late, missing or done."""
    start = datetime.combine(day, time())
    return shifts_between(session, start, start + timedelta(days=1), now, overlapping=True)


def no_shows(
    session: Session, day: date, now: datetime | None = None
) -> list[tuple[ShiftRow, AssignmentRow]]:
    """People on the day's shifts who have not checked in though their shift has begun."""
    return [
        (s, a)
        for s in day_board(session, day, now)
        for a in s.people
        if a.status in ("late", "missed")
    ]


# --- printed lists -------------------------------------------------------------------------------


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_roster(
    session: Session, monday: date, grid: str | None = None
) -> list[tuple[date, list[ShiftRow]]]:
    """The seven days from `monday` with their shifts (for the printed duty roster)."""
    start = datetime.combine(monday, time())
    shifts = shifts_between(session, start, start + timedelta(days=7), grid=grid)
    days: list[tuple[date, list[ShiftRow]]] = [(monday + timedelta(days=i), []) for i in range(7)]
    for s in shifts:
        days[(s.starts_at.date() - monday).days][1].append(s)
    return days
