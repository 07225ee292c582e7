"""The demo community is realistic where staff would notice, and is made whole or not at all."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.core.office.datadir import DataDir
from app.core.office.demo import fill_demo
from app.core.office.setup import init_office, open_office
from app.core.registry import idnumber
from app.db.engine import Database
from app.db.events import created_count
from app.db.models import AuditEntry, Building, ChangeCounter, Grid, Household, Resident, Tag
from app.errors import AlreadyDone, Cancelled, InvalidInput

RESIDENTS = 3000


@pytest.fixture(scope="module")
def demo3000(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """One 3,000-resident demo shared by the read-only checks of this module."""
    datadir = DataDir(tmp_path_factory.mktemp("demo") / "data")
    init_office(datadir, "community", "420106001001", "幸福里社区", "420106001")
    db, _info = open_office(datadir)
    with db.session(note="demo") as session:
        result = fill_demo(session, RESIDENTS)
    assert result.residents == RESIDENTS
    yield db
    db.dispose()


def _age(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _counts(db: Database) -> dict[str, int]:
    with db.reading() as session:
        counts = {
            m.__tablename__: session.scalar(select(func.count()).select_from(m)) or 0
            for m in (Grid, Building, Household, Resident, AuditEntry)
        }
        counts["last_seq"] = session.scalar(select(func.max(ChangeCounter.last_seq))) or 0
    return counts


def test_counts(demo3000: Database) -> None:
    counts = _counts(demo3000)
    assert counts["resident"] == RESIDENTS
    assert 800 <= counts["household"] <= 1300
    assert counts["grid"] >= 3


def test_every_household_has_one_head_and_one_to_six_members(demo3000: Database) -> None:
    with demo3000.reading() as session:
        rows = session.execute(select(Resident.household_id, Resident.is_head)).all()
        household_ids = set(session.scalars(select(Household.id)))
    members: Counter[int] = Counter()
    heads: Counter[int] = Counter()
    for household_id, is_head in rows:
        members[household_id] += 1
        heads[household_id] += bool(is_head)
    assert set(members) == household_ids  # no empty household
    assert {h for h, n in members.items() if not 1 <= n <= 6} == set()
    assert {h for h in household_ids if heads[h] != 1} == set()
    sizes = Counter(members.values())
    assert len(sizes) >= 5  # households of many sizes, not all alike


def test_every_household_is_in_a_grid_and_a_real_room(demo3000: Database) -> None:
    with demo3000.reading() as session:
        grids = set(session.scalars(select(Grid.id)))
        buildings = {
            b.id: (b.number, b.units, b.floors, b.grid_id)
            for b in session.scalars(select(Building))
        }
        households = session.execute(
            select(
                Household.grid_id,
                Household.building_id,
                Household.unit,
                Household.room,
                Household.address_code,
            )
        ).all()
    assert {g for g, *_ in households} <= grids
    assert None not in {g for g, *_ in households}
    assert len({g for g, *_ in households}) >= 3  # the households are spread over the grids
    addresses = set()
    for grid_id, building_id, unit, room, address in households:
        number, units, floors, building_grid = buildings[building_id]
        assert grid_id == building_grid  # a building belongs to one grid
        assert 1 <= unit <= units
        assert 1 <= int(room[:-2]) <= floors
        assert address == f"{number}-{unit}-{room}"
        addresses.add(address)
    assert len(addresses) == len(households)  # two households never share a door


def test_buildings_are_numbered_as_on_the_ground(demo3000: Database) -> None:
    with demo3000.reading() as session:
        numbers = sorted(int(n) for n in session.scalars(select(Building.number)))
    assert numbers == list(range(1, len(numbers) + 1))
    assert len(numbers) >= 2


def test_id_numbers_are_valid_unique_and_match_the_person(demo3000: Database) -> None:
    with demo3000.reading() as session:
        people = session.execute(
            select(Resident.id_number, Resident.birth_date, Resident.gender, Resident.doc_type)
        ).all()
    numbers = [p.id_number for p in people if p.id_number]
    assert len(numbers) > RESIDENTS * 0.9
    assert len(set(numbers)) == len(numbers)
    for p in people:
        if p.id_number is None:
            assert p.doc_type != "id_card"
            continue
        info = idnumber.parse(p.id_number)
        assert info.number == p.id_number
        assert (info.birth_date, info.gender) == (p.birth_date, p.gender)


def test_tags_come_from_the_tag_list(demo3000: Database) -> None:
    with demo3000.reading() as session:
        known = set(session.scalars(select(Tag.name)))
        used: Counter[str] = Counter()
        for tags in session.scalars(select(Resident.tags)):
            assert tags == "" or (tags.startswith(",") and tags.endswith(","))
            used.update(t for t in tags.split(",") if t)
    assert set(used) <= known
    assert used["独居老人"] > 0 and used["慢性病"] > 0 and used["婴幼儿"] > 0
    assert sum(used.values()) < RESIDENTS  # realistic rates, not everyone tagged


def test_living_alone_only_on_old_people_living_alone(demo3000: Database) -> None:
    today = date.today()
    with demo3000.reading() as session:
        rows = session.execute(
            select(Resident.household_id, Resident.birth_date, Resident.tags)
        ).all()
    size: Counter[int] = Counter(r.household_id for r in rows)
    alone = [r for r in rows if ",独居老人," in r.tags]
    assert alone
    for r in alone:
        assert size[r.household_id] == 1
        assert _age(r.birth_date, today) >= 65


def test_demo_rows_are_stamped_and_audited(demo3000: Database) -> None:
    with demo3000.reading() as session:
        created = dict(
            session.execute(
                select(
                    AuditEntry.entity,
                    func.sum(
                        created_count(AuditEntry.action, AuditEntry.old_value, AuditEntry.new_value)
                    ),
                ).group_by(AuditEntry.entity)
            ).all()
        )
        households = session.scalar(select(func.count()).select_from(Household))
        unstamped = session.scalar(
            select(func.count()).select_from(Resident).where(Resident.origin != "420106001001")
        )
        uuids = session.scalar(select(func.count(func.distinct(Resident.uuid))))
    assert created["resident"] == RESIDENTS
    assert created["household"] == households
    assert unstamped == 0
    assert uuids == RESIDENTS


# --- refusals and cancelling -----------------------------------------------------------------------


def test_second_demo_is_refused_and_changes_nothing(demo_db: Database) -> None:
    before = _counts(demo_db)
    with pytest.raises(AlreadyDone), demo_db.session(note="demo") as session:
        fill_demo(session, 500)
    assert _counts(demo_db) == before


def test_a_real_office_with_records_of_its_own_is_refused(db: Database) -> None:
    """An office that has started its own work (here: a grid, no households yet) gets no invented
    people beside its records: they would travel in its packages to the street office."""
    from app.core.grids.structure import create_grid

    with db.session(note="test") as session:
        create_grid(session, "G01", "第一网格")
    before = _counts(db)
    with pytest.raises(InvalidInput) as refused, db.session(note="demo") as session:
        fill_demo(session, 500)
    assert "真实数据" in refused.value.zh and "演示" in refused.value.zh
    assert _counts(db) == before


def test_cancelled_demo_leaves_nothing(db: Database) -> None:
    before = _counts(db)
    calls: list[tuple[int, int]] = []

    def cancel_once_rows_are_in(done: int, total: int, label: str) -> None:
        calls.append((done, total))
        if done > 0:
            # every household and resident has been inserted by now; the commit has not happened
            raise Cancelled

    with pytest.raises(Cancelled), db.session(note="demo") as session:
        fill_demo(session, RESIDENTS, progress=cancel_once_rows_are_in)
    assert calls[0] == (0, RESIDENTS) and calls[-1][0] > 0
    after = _counts(db)
    assert after == before
    assert (after["household"], after["resident"], after["grid"], after["building"]) == (0, 0, 0, 0)
    # and a demo made afterwards is whole
    with db.session(note="demo") as session:
        assert fill_demo(session, 100).residents == 100


def test_progress_reaches_the_total(db: Database) -> None:
    calls: list[tuple[int, int]] = []
    with db.session(note="demo") as session:
        fill_demo(session, 200, progress=lambda done, total, label: calls.append((done, total)))
    assert calls[-1] == (200, 200)
    assert [d for d, _t in calls] == sorted(d for d, _t in calls)


def test_street_office_gets_no_demo(tmp_path: Path) -> None:
    datadir = DataDir(tmp_path / "street")
    init_office(datadir, "street-office", "420106001", "水果湖街道办事处")
    db, info = open_office(datadir)
    try:
        assert info.is_street_office
        with pytest.raises(InvalidInput), db.session(note="demo") as session:
            fill_demo(session, 300)
        assert _counts(db)["household"] == 0 and _counts(db)["grid"] == 0
    finally:
        db.dispose()


@pytest.mark.parametrize("residents", [0, 9, 250_001])
def test_unreasonable_sizes_are_refused(db: Database, residents: int) -> None:
    with pytest.raises(InvalidInput), db.session(note="demo") as session:
        fill_demo(session, residents)
    assert _counts(db)["resident"] == 0


def test_demo_is_reproducible(tmp_path: Path, db: Database) -> None:
    other_dir = DataDir(tmp_path / "other")
    init_office(other_dir, "community", "420106001001", "幸福里社区", "420106001")
    other, _info = open_office(other_dir)
    try:
        with db.session(note="demo") as session:
            fill_demo(session, 150, seed=7)
        with other.session(note="demo") as session:
            fill_demo(session, 150, seed=7)
        query = select(Resident.name, Resident.birth_date, Resident.tags).order_by(Resident.id)
        with db.reading() as a, other.reading() as b:
            first, second = a.execute(query).all(), b.execute(query).all()
    finally:
        other.dispose()
    assert first == second
