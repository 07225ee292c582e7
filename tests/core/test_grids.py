"""The grid structure: ranges as staff write them, bulk assignment (one UPDATE per grid, stamped and
audited), every household in exactly one grid or shown unassigned, history, merge and split,
coverage — and bad input refused with nothing half-done."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import event, func, select, update

from app.core.grids import assignment, duty
from app.core.grids import structure as grids
from app.core.office.datadir import DataDir
from app.core.office.setup import open_office
from app.core.office.stats import office_stats
from app.db.base import utcnow
from app.db.engine import Database
from app.db.models import AuditEntry, Building, Grid, Household, Resident
from app.db.models_grids import DutyPerson, GridAssignment
from app.errors import InvalidInput
from tests.core.grid_helpers import copy_of, make_template


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> DataDir:
    return make_template(tmp_path_factory.mktemp("grids"))


@pytest.fixture
def cdb(template: DataDir, tmp_path: Path) -> Iterator[Database]:
    """A fresh copy of the 3,000-resident community: grids G01-G03, buildings 1-8."""
    database, _info = open_office(copy_of(template, tmp_path / "c"))
    try:
        yield database
    finally:
        database.dispose()


def households_of(db: Database, *numbers: str) -> set[int]:
    with db.reading() as s:
        return set(
            s.scalars(
                select(Household.id)
                .join(Building, Building.id == Household.building_id)
                .where(Building.number.in_(numbers))
            )
        )


def grid_of_households(db: Database) -> dict[int, int | None]:
    with db.reading() as s:
        return dict(s.execute(select(Household.id, Household.grid_id)).tuples().all())


def total_households(db: Database) -> int:
    with db.reading() as s:
        return s.scalar(select(func.count()).select_from(Household)) or 0


def every_household_once(db: Database) -> None:
    with db.reading() as s:
        listed = sum(g.households for g in grids.list_grids(s))
        unassigned, _rows = grids.unassigned_households(s, limit=0)
    assert listed + unassigned == total_households(db)


# --- ranges ---------------------------------------------------------------------------------------


def test_ranges_as_staff_write_them() -> None:
    tokens = grids.parse_building_ranges("1-3,7")
    assert [(t.low, t.high, t.number) for t in tokens] == [(1, 3, None), (None, None, "7")]
    same = grids.parse_building_ranges("１－３，７栋")
    assert [(t.low, t.high, t.number) for t in same] == [(1, 3, None), (None, None, "7")]
    assert [t.text for t in grids.parse_building_ranges("1～3、12A 15至16")] == [
        "1~3",  # full-width forms folded
        "12A",
        "15至16",
    ]


@pytest.mark.parametrize(
    ("spec", "words"),
    [
        ("1-3,3-5", ["1-3", "3-5", "3"]),
        ("1-5,2", ["1-5", "2"]),
        ("7,7", ["7"]),
        ("2-6,4-9", ["4-6"]),
    ],
)
def test_overlapping_ranges_are_refused_naming_the_overlap(spec: str, words: list[str]) -> None:
    with pytest.raises(InvalidInput) as err:
        grids.parse_building_ranges(spec)
    assert "重叠" in err.value.zh and "Overlapping" in err.value.en
    for word in words:
        assert word in err.value.zh


@pytest.mark.parametrize("spec", ["", "  ", "5-3", "abc", "1-99999", "3-x"])
def test_malformed_ranges_are_refused(spec: str) -> None:
    with pytest.raises(InvalidInput):
        grids.parse_building_ranges(spec)


@given(st.lists(st.tuples(st.integers(1, 60), st.integers(0, 5)), min_size=1, max_size=6))
def test_ranges_are_refused_exactly_when_they_overlap(parts: list[tuple[int, int]]) -> None:
    spans = [(low, low + width) for low, width in parts]
    spec = ",".join(f"{a}-{b}" if a != b else str(a) for a, b in spans)
    covered = [set(range(a, b + 1)) for a, b in spans]
    overlap = any(covered[i] & covered[j] for i in range(len(spans)) for j in range(i))
    if overlap:
        with pytest.raises(InvalidInput):
            grids.parse_building_ranges(spec)
    else:
        tokens = grids.parse_building_ranges(spec)
        assert len(tokens) == len(spans)
        for numbers in covered:
            assert all(any(t.covers(str(n)) for t in tokens) for n in numbers)


# --- assigning ------------------------------------------------------------------------------------


def test_buildings_move_to_a_new_grid_with_one_update_per_grid(cdb: Database) -> None:
    moved = households_of(cdb, "1", "2", "3", "7")
    statements: list[str] = []

    def spy(_conn: object, _cursor: object, sql: str, *_args: object) -> None:
        if sql.lstrip().upper().startswith("UPDATE HOUSEHOLD"):
            statements.append(sql)

    event.listen(cdb.engine, "before_cursor_execute", spy)
    try:
        with cdb.session() as s:
            grids.create_grid(s, "T1", "测试网格")
            result = assignment.assign_buildings(s, "t1", "1-3,7")
    finally:
        event.remove(cdb.engine, "before_cursor_execute", spy)
    assert len(statements) == 1
    assert result.households_moved == len(moved)
    assert result.buildings == ["1", "2", "3", "7"]
    with cdb.reading() as s:
        t1 = grids.get_grid(s, "T1")
        assert set(s.scalars(select(Household.id).where(Household.grid_id == t1.id))) == moved
        numbers = set(s.scalars(select(Building.number).where(Building.grid_id == t1.id)))
        assert numbers == {"1", "2", "3", "7"}
    every_household_once(cdb)


def test_assignment_is_stamped_and_audited_per_household(cdb: Database) -> None:
    moved = households_of(cdb, "4")
    with cdb.reading() as s:
        before = s.scalar(select(func.max(Household.seq))) or 0
    with cdb.session() as s:
        assignment.assign_buildings(s, "G01", "4")
    with cdb.reading() as s:
        stamped = set(s.scalars(select(Household.id).where(Household.seq > before)))
        audited = s.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.entity == "household", AuditEntry.field == "grid_id")
        )
    assert stamped == moved
    assert audited == len(moved)


def test_households_already_there_are_not_touched(cdb: Database) -> None:
    with cdb.session() as s:
        first = assignment.assign_buildings(s, "G03", "1")
    with cdb.reading() as s:
        seq = s.scalar(select(func.max(Household.seq)))
    with cdb.session() as s:
        again = assignment.assign_buildings(s, "G03", "1")
    assert first.households_moved > 0
    assert again.households_moved == 0 and again.households_already == first.households_moved
    with cdb.reading() as s:
        assert s.scalar(select(func.max(Household.seq))) == seq


def test_unknown_buildings_and_grids_change_nothing(cdb: Database) -> None:
    before = grid_of_households(cdb)
    with cdb.session() as s:
        with pytest.raises(InvalidInput) as err:
            assignment.assign_buildings(s, "G01", "1-2,99")
        assert "99" in err.value.zh and "99" in err.value.en
        with pytest.raises(InvalidInput) as err:
            assignment.assign_buildings(s, "G77", "1")
        assert "G77" in err.value.zh and "G01" in err.value.zh
        with pytest.raises(InvalidInput):
            assignment.assign_buildings(s, "G01", "1-3,2")
        assert not s.dirty and not s.new
    assert grid_of_households(cdb) == before


def test_a_plan_naming_one_building_for_two_grids_changes_nothing(cdb: Database) -> None:
    before = grid_of_households(cdb)
    with cdb.session() as s:
        with pytest.raises(InvalidInput) as err:
            assignment.assign_plan(s, {"G01": "1-2", "G02": "5", "G03": "2-3"})
        assert "2" in err.value.zh and "G01" in err.value.zh and "G03" in err.value.zh
    assert grid_of_households(cdb) == before


def test_a_range_skips_numbers_with_no_building_and_says_so(cdb: Database) -> None:
    with cdb.session() as s:
        s.execute(update(Building).where(Building.number == "5").values(number="50A"))
    with cdb.session() as s:
        result = assignment.assign_buildings(s, "G02", "4-6")
    assert result.buildings == ["4", "6"]
    assert result.gaps == ["5"]


def test_single_households_by_address_or_code(cdb: Database) -> None:
    with cdb.reading() as s:
        first, second = s.execute(
            select(Household.address_code, Household.code, Household.id)
            .where(Household.grid_id == grids.get_grid(s, "G01").id)
            .limit(2)
        ).all()
    with cdb.session() as s:
        result = assignment.assign_households(s, "G02", [first.address_code, second.code])
    assert result.households_moved == 2 and result.moved_from == {"G01": 2}
    with cdb.reading() as s:
        g2 = grids.get_grid(s, "G02").id
        assert {s.get(Household, first.id).grid_id, s.get(Household, second.id).grid_id} == {g2}
    every_household_once(cdb)


def test_unknown_households_are_refused_all_named(cdb: Database) -> None:
    before = grid_of_households(cdb)
    with cdb.session() as s, pytest.raises(InvalidInput) as err:
        assignment.assign_households(s, "G02", ["1-1-101", "99-9-999", "H999999"])
    assert "99-9-999" in err.value.zh and "H999999" in err.value.zh
    assert grid_of_households(cdb) == before


def test_unassigned_households_are_shown_not_hidden(cdb: Database) -> None:
    ids = sorted(households_of(cdb, "8"))[:5]
    with cdb.session() as s:
        s.execute(update(Household).where(Household.id.in_(ids)).values(grid_id=None))
    with cdb.reading() as s:
        count, rows = grids.unassigned_households(s)
        stats = office_stats(s)
        building = next(b for b in grids.buildings_overview(s) if b.number == "8")
    assert count == 5 == stats["unassigned_households"]
    assert sorted(r.id for r in rows) == ids
    assert all(r.head for r in rows)
    assert building.unassigned == 5 and building.mixed
    every_household_once(cdb)
    with cdb.session() as s:
        assignment.assign_households(s, "G03", ids)
    with cdb.reading() as s:
        assert grids.unassigned_households(s)[0] == 0


def test_history_keeps_each_period(cdb: Database) -> None:
    [hid] = sorted(households_of(cdb, "2"))[:1]
    t1 = utcnow().replace(microsecond=0) + timedelta(days=1)
    t2 = t1 + timedelta(days=4)
    with cdb.reading() as s:
        original = s.get(Household, hid).grid_id
        original_code = s.get(Grid, original).code
    with cdb.session() as s:
        grids.create_grid(s, "N1", "新一")
        assignment.assign_buildings(s, "N1", "2", now=t1, note="划片调整")
        assignment.assign_households(s, "G03", [hid], now=t2)
    with cdb.reading() as s:
        address_code, rows = grids.household_history(s, hid)
    assert [r.grid_code for r in rows] == [original_code, "N1", "G03"]
    assert rows[0].how == "recorded" and rows[0].ended_at == t1
    assert (rows[1].started_at, rows[1].ended_at, rows[1].how, rows[1].note) == (
        t1,
        t2,
        "building",
        "划片调整",
    )
    assert rows[2].started_at == t2 and rows[2].ended_at is None
    assert "-" in address_code


def test_history_of_a_household_never_moved_shows_its_grid(cdb: Database) -> None:
    with cdb.reading() as s:
        hid = s.scalar(select(Household.id).limit(1))
        _address, rows = grids.household_history(s, hid)
        grid = s.get(Grid, s.get(Household, hid).grid_id)
    assert [(r.grid_code, r.ended_at) for r in rows] == [(grid.code, None)]


# --- grids ---------------------------------------------------------------------------------------


def test_create_and_rename(cdb: Database) -> None:
    with cdb.session() as s:
        grids.create_grid(s, " g10 ", "第十网格")
        with pytest.raises(InvalidInput):
            grids.create_grid(s, "G10", "重复")
        with pytest.raises(InvalidInput):
            grids.create_grid(s, "G 1!", "坏编号")
        with pytest.raises(InvalidInput):
            grids.create_grid(s, "G11", "  ")
        grids.rename_grid(s, "G10", name="幸福一区", new_code="XF1")
        with pytest.raises(InvalidInput):
            grids.rename_grid(s, "XF1", new_code="G01")
    with cdb.reading() as s:
        codes = {g.code: g.name for g in grids.list_grids(s)}
    assert codes["XF1"] == "幸福一区" and "G10" not in codes


def test_merge_moves_everything_and_tombstones_the_source(cdb: Database) -> None:
    g1_households = households_of(cdb, "1", "2", "3")
    with cdb.session() as s:
        person = duty.add_person(s, duty.PersonInput("王网格", "grid_worker", grid="G01"))
        person_id = person.id
        result = assignment.merge_grids(s, ["G01"], "G02")
    assert result.households_moved == len(g1_households) and result.people_moved == 1
    with cdb.reading() as s:
        codes = [g.code for g in grids.list_grids(s)]
        g2 = grids.get_grid(s, "G02").id
        assert "G01" not in codes
        assert s.scalar(select(Grid.delete_reason).where(Grid.code == "G01")) == "merged into G02"
        assert s.get(DutyPerson, person_id).grid_id == g2
        assert not s.scalar(
            select(func.count())
            .select_from(Building)
            .where(Building.grid_id != g2, Building.number.in_(["1", "2", "3"]))
        )
        with pytest.raises(InvalidInput):
            assignment.merge_grids(s, ["G02"], "G02")
    every_household_once(cdb)


def test_split_makes_a_grid_of_named_buildings(cdb: Database) -> None:
    part = households_of(cdb, "2")
    with cdb.session() as s:
        result = assignment.split_grid(s, "G01", "G01B", "第1网格乙", buildings="2")
    assert result.households_moved == len(part)
    with cdb.reading() as s:
        new = grids.get_grid(s, "G01B")
        assert set(s.scalars(select(Household.id).where(Household.grid_id == new.id))) == part
    every_household_once(cdb)


def test_split_naming_a_building_of_another_grid_creates_nothing(cdb: Database) -> None:
    with cdb.session() as s:
        with pytest.raises(InvalidInput) as err:
            assignment.split_grid(s, "G01", "G09", "不该有", buildings="2,8")
        assert "8" in err.value.zh
        assert s.scalar(select(Grid.id).where(Grid.code == "G09")) is None


def test_a_grid_with_households_cannot_be_removed(cdb: Database) -> None:
    with cdb.session() as s:
        with pytest.raises(InvalidInput):
            grids.remove_grid(s, "G01")
        grids.create_grid(s, "E1", "空网格")
        grids.remove_grid(s, "E1", "建错了")
    with cdb.reading() as s:
        assert "E1" not in [g.code for g in grids.list_grids(s)]


# --- coverage ------------------------------------------------------------------------------------


def test_coverage_counts_match_the_records(cdb: Database) -> None:
    today = date.today()
    with cdb.session() as s:
        duty.add_person(s, duty.PersonInput("甲", "grid_worker", grid="G01"))
        duty.add_person(s, duty.PersonInput("乙", "volunteer", grid="G01"))
        duty.add_person(s, duty.PersonInput("丙", "volunteer", grid="G01", status="inactive"))
        duty.add_person(
            s,
            duty.PersonInput(
                "丁",
                "cadre",
                grid="G01",
                organisation="区民政局",
                posting_start=today - timedelta(days=40),
                posting_end=today - timedelta(days=10),
            ),
        )
        grids.set_max_residents_per_worker(s, 600)
    with cdb.reading() as s:
        cov = grids.coverage(s)
        stats = office_stats(s)
        g1 = grids.get_grid(s, "G01").id
        residents_g1 = s.scalar(
            select(func.count())
            .select_from(Resident)
            .join(Household, Household.id == Resident.household_id)
            .where(Household.grid_id == g1)
        )
    assert sum(g.households for g in cov.grids) + cov.unassigned_households == stats["households"]
    assert sum(g.residents for g in cov.grids) + cov.unassigned_residents == stats["residents"]
    assert sum(g.vulnerable for g in cov.grids) + cov.unassigned_vulnerable == stats["vulnerable"]
    first = cov.grids[0]
    assert first.code == "G01" and first.residents == residents_g1
    assert first.workers == 2 and first.by_role == {"grid_worker": 1, "volunteer": 1}
    assert first.residents_per_worker == pytest.approx(residents_g1 / 2)
    assert first.flagged == (residents_g1 / 2 > 600)
    assert all(g.flagged for g in cov.grids if g.workers == 0 and g.residents)
    assert cov.max_residents_per_worker == 600
    assert cov.as_json()["grids"][0]["workers"] == 2


def test_ratio_setting_is_checked(cdb: Database) -> None:
    with cdb.session() as s:
        with pytest.raises(InvalidInput):
            grids.set_max_residents_per_worker(s, 0)
        assert grids.max_residents_per_worker(s) == grids.DEFAULT_MAX_RESIDENTS_PER_WORKER


def test_migration_opens_the_history_of_existing_households(tmp_path: Path) -> None:
    """Revision 0005 records the grid each household is in when the history table begins."""
    from alembic import command
    from sqlalchemy import text

    from app.db.engine import make_engine, sqlite_url
    from app.db.migrate import alembic_config

    engine = make_engine(sqlite_url(tmp_path / "m.sqlite3"), foreign_keys=False)
    try:
        with engine.connect() as conn, conn.begin():
            command.upgrade(alembic_config(conn), "0004")
            now = "2025-01-02 03:04:05"
            stamp = {"o": "1", "t": now}
            conn.execute(
                text(
                    "INSERT INTO grid (id, code, name, uuid, origin, seq, created_at, updated_at) "
                    "VALUES (1, 'G01', 'g', 'u1', :o, 1, :t, :t)"
                ),
                stamp,
            )
            conn.execute(
                text(
                    "INSERT INTO building (id, number, units, floors, grid_id, uuid, origin, seq, "
                    "created_at, updated_at) VALUES (1, '1', 1, 1, 1, 'u2', :o, 1, :t, :t)"
                ),
                stamp,
            )
            for hid, grid in ((1, 1), (2, None)):
                conn.execute(
                    text(
                        "INSERT INTO household (id, code, building_id, unit, room, address_code, "
                        "grid_id, uuid, origin, seq, created_at, updated_at) VALUES "
                        "(:id, :c, 1, 1, '101', :a, :g, :u, :o, 1, :t, :t)"
                    ),
                    {
                        **stamp,
                        "id": hid,
                        "c": f"H{hid}",
                        "a": f"1-1-10{hid}",
                        "g": grid,
                        "u": f"h{hid}",
                    },
                )
            command.upgrade(alembic_config(conn), "0005")
            rows = conn.execute(
                text("SELECT household_id, grid_id, started_at, how FROM grid_assignment")
            ).all()
    finally:
        engine.dispose()
    assert [tuple(r) for r in rows] == [(1, 1, "2025-01-02 03:04:05", "initial")]
    assert GridAssignment.__tablename__ == "grid_assignment"


def test_a_grid_changed_by_other_means_is_recorded_before_the_next_move(cdb: Database) -> None:
    [hid] = sorted(households_of(cdb, "3"))[:1]
    with cdb.session() as s:
        g3 = grids.get_grid(s, "G03").id
        s.execute(update(Household).where(Household.id == hid).values(grid_id=g3))
    with cdb.session() as s:
        assignment.assign_households(s, "G02", [hid])
    with cdb.reading() as s:
        _address, rows = grids.household_history(s, hid)
    assert [r.grid_code for r in rows][-2:] == ["G03", "G02"]
    assert rows[-2].how == "recorded" and rows[-1].ended_at is None
