"""A demo roster for the demo community: per grid a grid leader and grid workers, building and unit
leaders chosen from the residents, party members with responsibility zones, volunteers with skills,
sent-down cadres with their home units; community staff, social workers and partners; duties with
this week's shifts, people put on them, and check-ins for the shifts already worked — including
no-shows and a cadre who never came, as the paper found (挂名式下沉).

Everything goes through the operations of `app.core.grids.duty` (validated, stamped and audited) in one
transaction; it is seeded, so a demo is reproducible for a given day.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from faker.providers.person.zh_CN import Provider as PersonProvider
from faker.providers.phone_number.zh_CN import Provider as PhoneProvider
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.common.progress import Progress, no_progress
from app.core.grids import duty, duty_shifts
from app.core.grids.duty import PersonInput
from app.db.models import Building, Grid, Household, Resident
from app.db.models_grids import DutyPerson, DutyShift, ShiftAssignment
from app.errors import AlreadyDone, InvalidInput

SKILLS = ("驾驶", "医护", "心理疏导", "电脑", "搬运", "外语", "手语", "理发", "水电维修", "厨艺")
AVAILABILITY = ("工作日晚上", "周末全天", "每天上午", "每天下午", "随叫随到", "工作日白天")
HEALTH = ("良好", "良好", "良好", "良好", "有高血压，不宜久站", "已接种疫苗")
HOME_UNITS = (
    "区民政局",
    "区城管局",
    "区财政局",
    "区教育局",
    "区人社局",
    "区税务局",
    "市自然资源和规划局",
    "区卫健委",
    "区文旅局",
    "区住建局",
)
GATES = ("北门", "南门")
MAX_VISIT_GRIDS = 6  # grids whose door-to-door visits are scheduled in the demo


@dataclass(frozen=True)
class DemoRosterResult:
    people: int
    duties: int
    shifts: int
    assignments: int
    check_ins: int


class _Names:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        last = PersonProvider.last_names
        self.last = list(last.keys())
        self.weights = list(last.values())
        self.male = list(PersonProvider.first_names_male)
        self.female = list(PersonProvider.first_names_female)
        self.prefixes = [str(p) for p in PhoneProvider.phonenumber_prefixes]

    def name(self) -> str:
        pool = self.male if self.rng.random() < 0.5 else self.female
        return self.rng.choices(self.last, self.weights)[0] + self.rng.choice(pool)

    def phone(self) -> str:
        return self.rng.choice(self.prefixes) + f"{self.rng.randrange(10**8):08d}"


class _Roster:
    """The demo roster as it is filled: who was added to which pool, so the shifts can be staffed
    from the people of their grid (or anyone, for the community's own duties)."""

    def __init__(self, session: Session, rng: random.Random) -> None:
        self.session = session
        self.rng = rng
        self.names = _Names(rng)
        self.pools: dict[str, list[int]] = defaultdict(list)  # grid code ("" community) → ids
        self.cadres_by_grid: dict[str, list[int]] = defaultdict(list)
        self.used_residents: set[int] = set()
        self.people = 0

    def add(self, data: PersonInput) -> int:
        person = duty.add_person(self.session, data)
        self.people += 1
        return person.id


def fill_demo_roster(
    session: Session,
    *,
    seed: int = 20200125,
    now: datetime | None = None,
    progress: Progress = no_progress,
) -> DemoRosterResult:
    """Fill the roster, duties and this week's shifts of a community that has grids but no roster."""
    rng = random.Random(seed)
    now = (now or datetime.now()).replace(second=0, microsecond=0)
    today = now.date()
    if session.scalar(select(func.count()).select_from(DutyPerson)):
        raise AlreadyDone(
            "已有人员名册，未生成演示名册。", "There is a roster already; no demo roster made."
        )
    grids = list(
        session.execute(
            select(Grid.id, Grid.code).where(Grid.deleted_at.is_(None)).order_by(Grid.code)
        )
    )
    if not grids:
        raise InvalidInput(
            "还没有网格：请先生成演示社区或新建网格。",
            "There are no grids yet: make the demo community or add grids first.",
        )
    buildings = _buildings_by_grid(session)
    residents = _resident_candidates(session, today)
    roster = _Roster(session, rng)
    for n, (gid, code) in enumerate(grids):
        progress(n, len(grids), "名册")
        _staff_grid(roster, code, n, buildings[gid], residents, today)
    _staff_community(roster)
    # one cadre in the first grid is on the roster only (never comes)
    first = grids[0][1]
    absent = roster.cadres_by_grid[first][0] if roster.cadres_by_grid[first] else None
    duties = _create_duties(session, [code for _gid, code in grids], today)
    shifts, assignments = _staff_shifts(session, rng, duties, roster.pools, first, absent)
    check_ins = _check_in_begun(session, rng, now, absent)
    progress(len(grids), len(grids), "名册")
    return DemoRosterResult(roster.people, len(duties), shifts, assignments, check_ins)


def _buildings_by_grid(session: Session) -> dict[int, list[tuple[int, str, int]]]:
    """Each grid's buildings (id, number, units): the zones building and unit leaders answer for."""
    buildings: dict[int, list[tuple[int, str, int]]] = defaultdict(list)
    for bid, number, units, gid in session.execute(
        select(Building.id, Building.number, Building.units, Building.grid_id).where(
            Building.deleted_at.is_(None), Building.grid_id.is_not(None)
        )
    ):
        buildings[gid].append((bid, number, units))
    return buildings


def _resident_candidates(
    session: Session, today: date
) -> dict[int, list[tuple[int, str, str | None, int]]]:
    """Candidates from the residents for building and unit leaders, who must be residents: heads
    of households aged 35-70, up to four per building."""
    born_after = today.replace(year=today.year - 70)
    born_before = today.replace(year=today.year - 35)
    residents: dict[int, list[tuple[int, str, str | None, int]]] = defaultdict(list)
    for rid, name, phone, bid, unit in session.execute(
        select(Resident.id, Resident.name, Resident.phone, Household.building_id, Household.unit)
        .join(Household, Household.id == Resident.household_id)
        .where(
            Resident.is_head,
            Resident.deleted_at.is_(None),
            Resident.birth_date.between(born_after, born_before),
        )
        .order_by(Resident.id)
    ):
        if len(residents[bid]) < 4:
            residents[bid].append((rid, name, phone, unit))
    return residents


def _staff_grid(
    roster: _Roster,
    code: str,
    n: int,
    buildings: list[tuple[int, str, int]],
    residents: dict[int, list[tuple[int, str, str | None, int]]],
    today: date,
) -> None:
    """The people of the `n`-th grid: a leader and workers always; building and unit leaders,
    party members, volunteers and sent-down cadres unless the grid is thinly staffed — as the
    paper found some are, so the coverage page has something to flag."""
    rng, names, add, pool = roster.rng, roster.names, roster.add, roster.pools[code]
    big = len(buildings) > 12
    thin = n == 1 or rng.random() < 0.25
    pool.append(add(PersonInput(names.name(), "grid_leader", names.phone(), grid=code)))
    for _ in range(2 if big else 1):
        pool.append(add(PersonInput(names.name(), "grid_worker", names.phone(), grid=code)))
    for bid, number, units in buildings:
        free = [r for r in residents.get(bid, []) if r[0] not in roster.used_residents]
        if free and not thin and rng.random() < 0.6:
            rid, name, phone, _unit = free[0]
            roster.used_residents.add(rid)
            add(
                PersonInput(name, "building_leader", phone, grid=code, resident_id=rid, zone=number)
            )
        if len(free) > 1 and units > 1 and not thin and rng.random() < 0.25:
            rid, name, phone, unit = free[1]
            roster.used_residents.add(rid)
            add(
                PersonInput(
                    name,
                    "unit_leader",
                    phone,
                    grid=code,
                    resident_id=rid,
                    zone=f"{number}栋{unit}单元",
                )
            )
    if thin:
        return
    numbers = [b[1] for b in buildings]
    for i in range(2):
        zone = ",".join(numbers[i::2][:3]) if numbers else None
        pool.append(
            add(
                PersonInput(
                    names.name(),
                    "party_member",
                    names.phone(),
                    grid=code,
                    organisation=rng.choice(HOME_UNITS) if rng.random() < 0.5 else None,
                    zone=zone,
                )
            )
        )
    for _ in range(4 if big else 3):
        pool.append(
            add(
                PersonInput(
                    names.name(),
                    "volunteer",
                    names.phone(),
                    grid=code,
                    skills=rng.sample(SKILLS, rng.randint(1, 2)),
                    availability=rng.choice(AVAILABILITY),
                    health=rng.choice(HEALTH),
                )
            )
        )
    for _ in range(2 if big else 1):
        posted = today - timedelta(days=rng.randint(12, 25))
        pid = add(
            PersonInput(
                names.name(),
                "cadre",
                names.phone(),
                grid=code,
                organisation=rng.choice(HOME_UNITS),
                posting_start=posted,
                posting_end=posted + timedelta(days=rng.choice((30, 45, 60))),
            )
        )
        pool.append(pid)
        roster.cadres_by_grid[code].append(pid)


def _staff_community(roster: _Roster) -> None:
    """The community's own people, in no grid: staff and social workers (who take the community's
    duties) and two partner organisations."""
    names, add, pool = roster.names, roster.add, roster.pools[""]
    for _ in range(4):
        pool.append(add(PersonInput(names.name(), "staff", names.phone())))
    for _ in range(2):
        pool.append(
            add(
                PersonInput(
                    names.name(),
                    "social_worker",
                    names.phone(),
                    organisation="阳光社会工作服务中心",
                    skills=["心理疏导"],
                )
            )
        )
    add(PersonInput(names.name(), "partner", names.phone(), organisation="社区物业服务中心"))
    add(PersonInput(names.name(), "partner", names.phone(), organisation="社区生鲜超市"))


# a duty with the grid whose people staff it ("" anyone), its daily times and people needed, its days
_DemoDuty = tuple[int, str, list[tuple[time, time, int]], list[date]]


def _create_duties(session: Session, grid_codes: list[str], today: date) -> list[_DemoDuty]:
    """This week's duties: the gates, the office, deliveries every other day, and door-to-door
    visits in the first grids."""
    monday = today - timedelta(days=today.weekday())
    days = [monday + timedelta(days=i) for i in range(7)]
    duties: list[_DemoDuty] = []
    for gate in GATES:
        d = duty_shifts.create_duty(session, f"{gate}卡点值守", "卡点值守", place=f"小区{gate}")
        duties.append((d.id, "", [(time(8), time(12), 2), (time(12), time(16), 2)], days))
    d = duty_shifts.create_duty(session, "社区值班", "值班", place="社区居委会")
    duties.append((d.id, "", [(time(8, 30), time(17, 30), 2)], days))
    d = duty_shifts.create_duty(session, "物资配送", "物资配送", place="社区物资点")
    duties.append((d.id, "", [(time(14), time(17), 3)], days[::2]))
    for code in grid_codes[:MAX_VISIT_GRIDS]:
        d = duty_shifts.create_duty(
            session, f"{code} 重点人群走访", "上门走访", grid=code, place=f"{code} 网格内"
        )
        duties.append((d.id, code, [(time(9), time(11, 30), 2)], days))
    return duties


def _staff_shifts(
    session: Session,
    rng: random.Random,
    duties: list[_DemoDuty],
    pools: dict[str, list[int]],
    first_grid: str,
    absent: int | None,
) -> tuple[int, int]:
    """The duties' shifts, each staffed from its grid's people (or anyone) through the same
    refusals as the office's own (busy then, outside a posting); the absent cadre is put first
    where they may serve, so they have shifts to miss. Returns (shifts, assignments)."""
    shifts = assignments = 0
    everyone = [pid for pool in pools.values() for pid in pool]
    for duty_id, code, times, on_days in duties:
        for day in on_days:
            for begin, finish, needed in times:
                shift = duty_shifts.add_shift(
                    session,
                    duty_id,
                    datetime.combine(day, begin),
                    datetime.combine(day, finish),
                    needed,
                )
                shifts += 1
                pool = pools[code] if code else everyone
                candidates = rng.sample(pool, len(pool))
                if absent is not None and (code == first_grid or not code):
                    candidates.insert(0, absent)
                put = 0
                for pid in candidates:
                    if put >= needed:
                        break
                    try:
                        duty_shifts.assign_people(session, shift.id, [pid])
                    except (InvalidInput, AlreadyDone):
                        continue  # busy then, or outside their posting
                    put += 1
                assignments += put
    return shifts, assignments


def _check_in_begun(session: Session, rng: random.Random, now: datetime, absent: int | None) -> int:
    """Attendance for the shifts already begun: most people came, a few did not, the absent cadre
    never. Returns the check-ins."""
    check_ins = 0
    for a, s in session.execute(
        select(ShiftAssignment, DutyShift)
        .join(DutyShift, DutyShift.id == ShiftAssignment.shift_id)
        .where(DutyShift.starts_at <= now)
        .order_by(ShiftAssignment.id)
    ).tuples():
        if a.person_id == absent or rng.random() < 0.08:
            continue  # a no-show
        a.checked_in_at = s.starts_at + timedelta(minutes=rng.randint(-15, 12))
        if a.checked_in_at > now:
            a.checked_in_at = None
            continue
        check_ins += 1
        leave = s.ends_at + timedelta(minutes=rng.randint(-10, 20))
        if leave <= now and rng.random() < 0.95:
            a.checked_out_at = leave
    return check_ins
