"""SQLite is set up as documented: pragmas on every connection, real transactions, foreign keys,
and no hard deletes of records that travel."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import delete, func, insert, select, text, update
from sqlalchemy.exc import IntegrityError

from app.core.office.datadir import DataDir
from app.db import driver
from app.db.engine import Database
from app.db.events import HardDeleteRefused
from app.db.models import AuditEntry, Building, ChangeCounter, Grid, Household, Resident


def _snapshot(db: Database) -> dict[str, object]:
    """Everything a rolled-back write could have touched."""
    with db.engine.connect() as conn:
        counts = {
            model.__tablename__: conn.execute(
                select(func.count()).select_from(model.__table__)
            ).scalar()
            for model in (Grid, Building, Household, Resident, AuditEntry)
        }
        counters = sorted(conn.execute(select(ChangeCounter.origin, ChangeCounter.last_seq)).all())
        households = conn.execute(
            select(Household.id, Household.grid_id, Household.phone, Household.seq).order_by(
                Household.id
            )
        ).all()
    return {"counts": counts, "counters": counters, "households": households}


def _pragmas(conn: object) -> dict[str, object]:
    run = conn.exec_driver_sql  # type: ignore[attr-defined]
    return {
        name: run(f"PRAGMA {name}").scalar()
        for name in ("foreign_keys", "journal_mode", "synchronous", "busy_timeout")
    }


def test_every_connection_is_set_up(db: Database) -> None:
    expected = {"foreign_keys": 1, "journal_mode": "wal", "synchronous": 2}
    # two connections held at once are two distinct DBAPI connections, each set up on connect
    with db.engine.connect() as first, db.engine.connect() as second:
        assert first.connection.dbapi_connection is not second.connection.dbapi_connection
        for conn in (first, second):
            got = _pragmas(conn)
            assert {k: got[k] for k in expected} == expected
            assert int(got["busy_timeout"]) >= 1000  # type: ignore[call-overload]
    # and the connections the sessions use
    with db.session() as session:
        got = _pragmas(session.connection())
        assert {k: got[k] for k in expected} == expected
    with db.reading() as session:
        got = _pragmas(session.connection())
        assert {k: got[k] for k in expected} == expected


def test_database_file_is_in_wal_mode_for_other_programs(datadir: DataDir, db: Database) -> None:
    """WAL is persistent in the file: a plain sqlite3 connection sees it too."""
    with db.session() as session:
        session.add(Grid(code="G01", name="第1网格"))
    raw = sqlite3.connect(datadir.db_path)
    try:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        raw.close()


def test_failed_write_rolls_back_whole(demo_db: Database) -> None:
    before = _snapshot(demo_db)
    assert before["counts"]["household"] > 0  # type: ignore[index]

    class Boom(Exception):
        pass

    with pytest.raises(Boom), demo_db.session() as session:
        grid = Grid(code="G99", name="新网格")
        session.add(grid)
        session.flush()
        building = Building(number="99", units=2, floors=6, grid_id=grid.id)
        session.add(building)
        session.flush()
        session.execute(
            insert(Household),
            [
                {
                    "code": f"X{i}",
                    "building_id": building.id,
                    "unit": 1,
                    "room": f"10{i}",
                    "address_code": f"99-1-10{i}",
                }
                for i in range(3)
            ],
        )
        first = session.scalars(select(Household).order_by(Household.id)).first()
        assert first is not None
        first.phone = "13812345678"
        session.execute(update(Household).where(Household.id < 10).values(grid_id=grid.id))
        session.flush()
        # the changes are really there inside the transaction, audited and counted ...
        assert session.scalar(select(func.count()).select_from(Grid)) == 4
        assert (
            session.scalar(select(func.count()).select_from(AuditEntry))
            > (
                before["counts"]["audit_log"]  # type: ignore[index]
            )
        )
        raise Boom

    # ... and all gone after the error
    assert _snapshot(demo_db) == before


def test_write_session_takes_the_write_lock_at_begin(datadir: DataDir, db: Database) -> None:
    """BEGIN IMMEDIATE: a second writer queues instead of failing in the middle of our work."""
    with db.session() as session:
        session.connection()  # the transaction has begun, nothing written yet
        # through the program's own driver: two copies of SQLite in one process do not see each
        # other's locks
        other = driver.connect(datadir.db_path, timeout=0.1, isolation_level=None)
        try:
            with pytest.raises(driver.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        finally:
            other.close()


def test_reading_session_sees_one_snapshot(demo_db: Database) -> None:
    """A real BEGIN for reads too: a report counts from one consistent state."""
    with demo_db.reading() as reader:
        first = reader.scalar(select(func.count()).select_from(Grid))
        with demo_db.session() as writer:
            writer.add(Grid(code="G77", name="新网格"))
        again = reader.scalar(select(func.count()).select_from(Grid))
        assert again == first
    with demo_db.reading() as reader:
        assert reader.scalar(select(func.count()).select_from(Grid)) == first + 1  # type: ignore[operator]


def test_foreign_keys_are_enforced(db: Database) -> None:
    before = _snapshot(db)
    with pytest.raises(IntegrityError, match="FOREIGN KEY"), db.session() as session:
        session.add(Household(code="H1", building_id=4242, unit=1, room="101", address_code="x"))
    assert _snapshot(db) == before


def test_foreign_keys_are_enforced_for_bulk_inserts(db: Database) -> None:
    with pytest.raises(IntegrityError, match="FOREIGN KEY"), db.session() as session:
        session.execute(
            insert(Resident),
            [
                {
                    "household_id": 777,
                    "name": "张三",
                    "is_head": True,
                    "tags": "",
                    "status": "active",
                }
            ],
        )


def test_hard_delete_of_an_object_is_refused(demo_db: Database) -> None:
    before = _snapshot(demo_db)
    with pytest.raises(HardDeleteRefused), demo_db.session() as session:
        grid = session.scalars(select(Grid)).first()
        session.delete(grid)
    assert _snapshot(demo_db) == before


@pytest.mark.parametrize("target", [Grid, Grid.__table__], ids=["orm", "core-table"])
def test_bulk_delete_is_refused(demo_db: Database, target: object) -> None:
    before = _snapshot(demo_db)
    with pytest.raises(HardDeleteRefused), demo_db.session() as session:
        session.execute(delete(target).where(text("1 = 1")))  # type: ignore[arg-type]
    assert _snapshot(demo_db) == before


def test_records_that_do_not_travel_can_be_deleted(db: Database) -> None:
    """The guard is aimed: settings and the like delete normally."""
    from app.db.models import Setting

    with db.session() as session:
        session.add(Setting(key="k", value="v"))
    with db.session() as session:
        session.delete(session.get(Setting, "k"))
    with db.reading() as session:
        assert session.get(Setting, "k") is None


def test_objects_read_stay_readable_after_the_block(demo_db: Database) -> None:
    """A page loads a record in a read transaction and shows it afterwards."""
    with demo_db.reading() as session:
        household = session.scalars(select(Household).order_by(Household.id)).first()
    assert household is not None
    assert household.address_code.count("-") == 2
    assert household.uuid and household.seq >= 1
