"""A realistic demo community: buildings numbered as on the ground, households of 1-6 with one head,
names from Faker's zh_CN lists, ID numbers valid under GB 11643 and consistent with each person's
birth date and gender, vulnerability tags at plausible rates, every household in a grid.

Generation is plain Python over random numbers (seeded, so a demo is reproducible); the rows go in
through ORM bulk inserts in one transaction, so they are stamped and audited like any other change
and a cancelled demo leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from faker.providers.person.zh_CN import Provider as PersonProvider
from faker.providers.phone_number.zh_CN import Provider as PhoneProvider
from sqlalchemy import insert, literal, select
from sqlalchemy.orm import Session

from app.core.common.progress import Progress, no_progress
from app.core.registry import idnumber
from app.db.base import Base
from app.db.models import Building, Grid, Household, Office, Resident, join_tags
from app.errors import AlreadyDone, InvalidInput

# household sizes 1..6, mean about 3 people a household (PRODUCT.md: 180,000 residents, 60,000 homes)
SIZE_WEIGHTS = (15, 25, 27, 18, 10, 5)
OTHER_REGIONS = (
    "420102",
    "420111",
    "420115",
    "421002",
    "421125",
    "429004",
    "411302",
    "430105",
    "360102",
    "341302",
    "500101",
    "510104",
    "420922",
    "421181",
    "422801",
)
MAX_RESIDENTS = 250_000


@dataclass(frozen=True)
class DemoResult:
    residents: int
    households: int
    buildings: int
    grids: int


class _People:
    def __init__(self, rng: random.Random, today: date, home_region: str) -> None:
        self.rng = rng
        self.today = today
        self.home_region = home_region
        last = PersonProvider.last_names
        self.last_names = list(last.keys())
        self.last_weights = list(last.values())
        self.male = list(PersonProvider.first_names_male)
        self.female = list(PersonProvider.first_names_female)
        self.prefixes = [str(p) for p in PhoneProvider.phonenumber_prefixes]
        self.used_ids: set[str] = set()

    def surname(self) -> str:
        return self.rng.choices(self.last_names, self.last_weights)[0]

    def given(self, gender: str) -> str:
        pool = self.male if gender == "M" else self.female
        first = self.rng.choice(pool)
        if len(first) == 1 and self.rng.random() < 0.55:
            return self.rng.choice(pool)[0] + first
        return first

    def birth(self, age: int) -> date:
        age = max(0, min(age, 102))
        start = self.today.replace(year=self.today.year - age - 1) + timedelta(days=1)
        return start + timedelta(days=self.rng.randrange(365))

    def id_number(self, region: str, born: date, gender: str) -> str:
        while True:
            number = idnumber.make(region, born, self.rng.randrange(500), gender)
            if number not in self.used_ids:
                self.used_ids.add(number)
                return number

    def phone(self) -> str:
        return self.rng.choice(self.prefixes) + f"{self.rng.randrange(10**8):08d}"


def _age(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _household_members(p: _People, size: int) -> list[dict[str, Any]]:
    """The people of one household: (relation, gender, age), head first."""
    rng = p.rng
    if size == 1:
        head_age = (
            rng.choice([rng.randint(66, 92), rng.randint(24, 64)])
            if rng.random() < 0.8
            else rng.randint(66, 92)
        )
    elif size == 2:
        head_age = rng.randint(60, 86) if rng.random() < 0.5 else rng.randint(24, 59)
    else:
        head_age = rng.randint(30, 62)
    head_gender = "M" if rng.random() < 0.7 else "F"
    surname = p.surname()
    people = [("户主", head_gender, head_age, surname)]
    if size >= 2:
        other = "F" if head_gender == "M" else "M"
        if rng.random() < 0.85:
            people.append(("配偶", other, max(20, head_age + rng.randint(-5, 5)), p.surname()))
        else:
            g = rng.choice("MF")
            people.append(
                ("子" if g == "M" else "女", g, max(0, head_age - rng.randint(22, 34)), surname)
            )
    if size >= 5:
        g = rng.choice("MF")
        people.append(
            (
                "父亲" if g == "M" else "母亲",
                g,
                min(100, head_age + rng.randint(24, 32)),
                surname if g == "M" else p.surname(),
            )
        )
    while len(people) < size:
        g = rng.choice("MF")
        if size == 6 and len(people) == size - 1 and head_age >= 50:
            people.append(("孙子" if g == "M" else "孙女", g, rng.randint(0, 8), surname))
        else:
            people.append(
                ("子" if g == "M" else "女", g, max(0, head_age - rng.randint(22, 36)), surname)
            )
    members = []
    for relation, gender, age, family in people:
        members.append(
            {"relation": relation, "gender": gender, "age": age, "name": family + p.given(gender)}
        )
    return members


def _tags_for(
    member: dict[str, Any],
    size: int,
    household: list[dict[str, Any]],
    poor: str | None,
    rng: random.Random,
) -> list[str]:
    tags: list[str] = []
    age = member["age"]
    if size == 1 and age >= 65:
        tags.append("独居老人")
    if size == 2 and all(m["age"] >= 60 for m in household):
        tags.append("空巢老人")
    if rng.random() < 0.02:
        tags.append("残疾人")
    if age >= 60 and rng.random() < 0.25:
        tags.append("慢性病")
    if member["gender"] == "F" and 22 <= age <= 40 and rng.random() < 0.04:
        tags.append("孕产妇")
    if age < 3:
        tags.append("婴幼儿")
    if poor:
        tags.append(poor)
    return tags


DEMO_SETTING = "demo"  # set in a folder the demo filled: its data are invented
# what a community records of its own: one row in any of these is real work, not an empty folder
_REAL_WORK = (
    "household",
    "grid",
    "duty_person",
    "supply_movement",
    "meeting",
    "group_buy_round",
    "exchange_package",
)


def is_demo(session: Session) -> bool:
    from app.core.office.setup import get_setting

    return get_setting(session, DEMO_SETTING) == "1"


def _refuse_real_data(session: Session) -> None:
    """The demo goes into an empty folder or one it filled itself, never beside a real office's
    records (its invented people would travel in the office's packages)."""
    if is_demo(session):
        raise AlreadyDone(
            "这个演示社区已经有演示数据，未再生成。",
            "This demo community has its demo data already; nothing was made.",
        )
    tables = Base.metadata.tables
    found = [
        name
        for name in _REAL_WORK
        if session.execute(select(literal(1)).select_from(tables[name]).limit(1)).first()
    ]
    if found:
        raise InvalidInput(
            "这个数据文件夹已有本社区的真实数据，不能填入演示数据。"
            "演示社区请放在单独的文件夹里（打开程序时选“打开演示社区”）。",
            "This data folder holds the office's real data; demo data cannot go in beside it. "
            "Keep the demo in a folder of its own (choose “Open the demo community” at start).",
        )


def fill_demo(
    session: Session,
    residents: int = 3000,
    *,
    seed: int = 20200123,
    progress: Progress = no_progress,
) -> DemoResult:
    """Fill an empty community with about `residents` people (in the caller's write session,
    opened with the note `demo`)."""
    if residents < 10 or residents > MAX_RESIDENTS:
        raise InvalidInput(
            f"演示居民数应在 10 到 {MAX_RESIDENTS:,} 之间：{residents}",
            f"Demo residents must be 10 to {MAX_RESIDENTS:,}: {residents}",
        )
    rng = random.Random(seed)
    today = date.today()
    office = session.get(Office, 1)
    assert office is not None
    if office.role != "community":
        raise InvalidInput(
            "演示数据只能填入社区（不是街道办）。",
            "Demo data is for a community, not a street office.",
        )
    _refuse_real_data(session)
    home_region = office.code[:6] if len(office.code) >= 6 else "420106"
    people = _People(rng, today, home_region)

    progress(0, residents, "住户")
    sizes = _household_sizes(rng, residents)
    buildings, rooms = _buildings(rng, len(sizes))
    occupied = sorted(rng.sample(range(len(rooms)), len(sizes)))
    grids = _grids(buildings, len(sizes))
    session.execute(insert(Grid), grids)
    session.execute(insert(Building), buildings)
    written = _add_households(
        session, people, sizes, [rooms[i] for i in occupied], buildings, progress, residents
    )
    progress(residents, residents, "住户")
    from app.core.office.setup import set_setting

    set_setting(session, DEMO_SETTING, "1")
    return DemoResult(
        residents=written,
        households=len(sizes),
        buildings=len(buildings),
        grids=len(grids),
    )


# what residents call about, per category: (text, outcome)
_CALLS: dict[str, tuple[tuple[str, str], ...]] = {
    "medical": (
        ("降压药快吃完了，需要帮忙代购", "已代购送药上门"),
        ("老人发烧两天，需要联系社区医生", "社区医生已上门"),
        ("胰岛素只剩三天的量", "已联系药店配送"),
    ),
    "supplies": (
        ("家里米面快没了，希望尽快送菜", "已送生活物资包"),
        ("婴儿奶粉买不到", "已联系团购补货并送达"),
    ),
    "care": (
        ("独居老人腿脚不便，需要有人送菜", "已安排志愿者每日送菜"),
        ("残疾人家属询问代办事项", "已上门帮办"),
    ),
    "sanitation": (("楼道垃圾两天没人清", "已通知保洁清运"),),
    "repair": (("单元门禁坏了", "物业已修好"), ("楼道灯不亮", "物业已更换灯泡")),
    "group-buy": (("团购蔬菜包有烂菜", "已联系供应商补发"),),
    "staff-complaint": (("发放物资时态度不好", "已约谈并向居民致歉"),),
    "inquiry": (("问核酸检测的时间和地点", "已告知"), ("问出行需要什么证明", "已告知")),
    "report": (("有人在小区聚集打牌", "网格员已劝散"),),
    "other": (("想报名当志愿者", "已登记"),),
}
_CALL_WEIGHTS = {
    "medical": 5,
    "supplies": 5,
    "care": 3,
    "sanitation": 2,
    "repair": 2,
    "group-buy": 1,
    "staff-complaint": 1,
    "inquiry": 3,
    "report": 1,
    "other": 1,
}


def fill_demo_requests(session: Session, count: int = 40, *, seed: int = 20200123) -> None:
    """`count` requests of the last three days through their lifecycle (some overdue, some done
    and called back), and the follow-up plans for the residents living alone and the chronically
    ill, so that the demo window's 诉求 and 随访 show work as an office has it (the `demo` command
    leaves them out: scripts and tests start from no requests)."""
    from datetime import datetime, timedelta

    rng = random.Random(seed)
    from app.core.requests import requests as req
    from app.core.requests import visits

    households = session.execute(
        select(Household.id, Grid.code).join(Grid, Grid.id == Household.grid_id)
    ).all()
    if not households:
        return
    now = datetime.now().replace(second=0, microsecond=0)
    categories = list(_CALL_WEIGHTS)
    weights = [_CALL_WEIGHTS[c] for c in categories]
    started = sorted(now - timedelta(minutes=rng.randint(20, 72 * 60)) for _ in range(count))
    for received in started:
        category = rng.choices(categories, weights)[0]
        text, outcome = rng.choice(_CALLS[category])
        household, grid = rng.choice(households)
        urgent = category == "medical" and rng.random() < 0.5
        row = req.log_request(
            session,
            category,
            text,
            household_id=household if rng.random() > 0.08 else None,
            priority="urgent" if urgent else "normal",
            channel=rng.choice(("phone", "phone", "walk-in", "grid-worker", "hotline-12345")),
            about_user="李网格员" if category == "staff-complaint" else None,
            now=received,
        )
        stage = rng.random()
        if stage < 0.25:
            continue  # 已登记
        step = received + timedelta(minutes=rng.randint(5, 60))
        req.assign(session, row.id, grid_code=grid, now=min(step, now))
        if stage < 0.45:
            continue  # 已派单
        step += timedelta(minutes=rng.randint(10, 120))
        req.start(session, row.id, now=min(step, now))
        if stage < 0.6:
            continue  # 处理中
        step += timedelta(minutes=rng.randint(30, 600))
        req.finish(session, row.id, outcome, now=min(step, now))
        if stage < 0.8:
            continue  # 已办结
        step += timedelta(minutes=rng.randint(30, 300))
        req.callback(session, row.id, rng.random() < 0.85, now=min(step, now))
    for kind, tag in (("living-alone", "独居老人"), ("chronic", "慢性病")):
        with contextlib.suppress(InvalidInput):  # a small demo may have no one with the tag
            visits.make_plan(session, kind, tag)


def _household_sizes(rng: random.Random, residents: int) -> list[int]:
    """How many people live in each household, drawn by SIZE_WEIGHTS until `residents` are housed
    (the last household takes what is left)."""
    sizes: list[int] = []
    total = 0
    while total < residents:
        size = rng.choices(range(1, 7), SIZE_WEIGHTS)[0]
        size = min(size, residents - total)
        sizes.append(size)
        total += size
    return sizes


def _buildings(
    rng: random.Random, households: int
) -> tuple[list[dict[str, Any]], list[tuple[int, int, str]]]:
    """Buildings until there are enough rooms for `households`, ~92 % occupied; every room as
    (building, unit, room)."""
    buildings: list[dict[str, Any]] = []
    rooms: list[tuple[int, int, str]] = []
    number = 0
    while len(rooms) * 0.92 < households:
        number += 1
        units = rng.choice((2, 2, 3, 3, 4))
        floors = rng.choice((6, 6, 7, 11, 18, 26, 33))
        per_floor = rng.choice((2, 2, 3))
        buildings.append({"id": number, "number": str(number), "units": units, "floors": floors})
        for unit in range(1, units + 1):
            for floor in range(1, floors + 1):
                for r in range(1, per_floor + 1):
                    rooms.append((number, unit, f"{floor}{r:02d}"))
    return buildings, rooms


def _grids(buildings: list[dict[str, Any]], households: int) -> list[dict[str, Any]]:
    """About one grid per 1,200 households (3 to 60), each taking a run of neighbouring buildings;
    every building is given its `grid_id`."""
    grid_count = max(3, min(60, round(households / 1200)))
    grids = [{"id": i, "code": f"G{i:02d}", "name": f"第{i}网格"} for i in range(1, grid_count + 1)]
    per_grid = len(buildings) / grid_count
    for b in buildings:
        b["grid_id"] = min(grid_count, int((b["id"] - 1) / per_grid) + 1)
    return grids


def _add_households(
    session: Session,
    people: _People,
    sizes: list[int],
    homes: list[tuple[int, int, str]],
    buildings: list[dict[str, Any]],
    progress: Progress,
    residents: int,
) -> int:
    """The households, one per size and home, and their members, written 20,000 residents at a
    time so that a large demo never holds every row at once; returns how many residents."""
    rng, today, home_region = people.rng, people.today, people.home_region
    grid_of = {b["id"]: b["grid_id"] for b in buildings}
    households: list[dict[str, Any]] = []
    people_rows: list[dict[str, Any]] = []
    next_resident = 1
    for hid, (size, (building, unit, room)) in enumerate(zip(sizes, homes, strict=True), start=1):
        households.append(
            {
                "id": hid,
                "code": f"H{hid:06d}",
                "building_id": building,
                "unit": unit,
                "room": room,
                "address_code": f"{building}-{unit}-{room}",
                "grid_id": grid_of[building],
            }
        )
        members = _household_members(people, size)
        poor = None
        if rng.random() < 0.015:
            poor = "低保"
        elif size == 1 and members[0]["age"] >= 65 and rng.random() < 0.15:
            poor = "特困"
        residency = rng.choices(("registered", "migrant", "abroad"), (80, 18, 2))[0]
        for m in members:
            born = people.birth(m["age"])
            age = _age(born, today)
            foreign = residency == "abroad" and rng.random() < 0.3
            region = home_region if residency == "registered" else rng.choice(OTHER_REGIONS)
            people_rows.append(
                {
                    "id": next_resident,
                    "household_id": hid,
                    "name": m["name"],
                    "gender": m["gender"],
                    "birth_date": born,
                    "id_number": None if foreign else people.id_number(region, born, m["gender"]),
                    "doc_type": "passport" if foreign else "id_card",
                    "doc_number": f"E{rng.randrange(10**8):08d}" if foreign else None,
                    "phone": people.phone() if 16 <= age <= 85 and rng.random() < 0.95 else None,
                    "relation": m["relation"],
                    "is_head": m["relation"] == "户主",
                    "residency": residency,
                    "tags": join_tags(_tags_for(m, size, members, poor, rng)),
                    "status": "active",
                }
            )
            next_resident += 1
        if len(people_rows) >= 20000:
            session.execute(insert(Household), households)
            session.execute(insert(Resident), people_rows)
            households, people_rows = [], []
            progress(next_resident - 1, residents, "住户")
    if households:
        session.execute(insert(Household), households)
    if people_rows:
        session.execute(insert(Resident), people_rows)
    return next_resident - 1
