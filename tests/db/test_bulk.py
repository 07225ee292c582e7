"""Bulk writes: `insert(Model)` with a list of rows goes to SQLite as one executemany of plain tuples
(app.db.events), and stores exactly what SQLAlchemy's own path stores; a large load into a small
table builds its indexes after the rows (app.db.bulk), leaving the schema exactly as it was."""

from __future__ import annotations

import uuid as uuidlib
from datetime import date, datetime
from typing import Any

import pytest
from sqlalchemy import func, insert, select, text
from sqlalchemy.exc import IntegrityError

from app.core.registry.search import search
from app.db import bulk
from app.db.engine import Database
from app.db.models import AuditEntry, Building, Household, Resident

COMMUNITY_CODE = "420106001001"


def _household(db: Database) -> int:
    with db.session() as session:
        building = Building(number="7", units=1, floors=6)
        session.add(building)
        session.flush()
        household = Household(
            code="H000001", building_id=building.id, unit=1, room="101", address_code="7-1-101"
        )
        session.add(household)
        session.flush()
        return household.id


def _person(household_id: int, n: int, **extra: Any) -> dict[str, Any]:
    return {
        "household_id": household_id,
        "name": f"居民{n}",
        "birth_date": date(1950 + n % 50, 1 + n % 12, 1 + n % 28),
        "phone": f"1380000{n:04d}",
        "is_head": n == 0,
        **extra,
    }


def _stored(db: Database, model: Any, where: Any) -> list[dict[str, Any]]:
    with db.reading() as session:
        rows = session.execute(select(model.__table__).where(where).order_by(model.id)).mappings()
        return [dict(r) for r in rows]


def test_the_fast_path_stores_what_the_orm_stores(db: Database) -> None:
    household_id = _household(db)
    with db.session() as session:  # three by the ORM, one object at a time
        session.add_all(Resident(**_person(household_id, n)) for n in range(3))
    with db.session() as session:  # three by one bulk statement
        session.execute(insert(Resident), [_person(household_id, n + 3) for n in range(3)])
    by_orm = _stored(db, Resident, Resident.id <= 3)
    by_bulk = _stored(db, Resident, Resident.id > 3)
    assert len(by_orm) == len(by_bulk) == 3
    stamps = {"id", "uuid", "seq", "created_at", "updated_at", "name", "birth_date", "phone"}
    for a, b in zip(by_orm, by_bulk, strict=True):
        a_rest = {k: v for k, v in a.items() if k not in stamps}
        b_rest = {k: v for k, v in b.items() if k not in stamps}
        assert a_rest == b_rest | {"is_head": a["is_head"]}  # defaults: residency, tags, status
        assert isinstance(b["birth_date"], date) and isinstance(b["created_at"], datetime)
        assert uuidlib.UUID(b["uuid"]).version == 4
    assert [r["is_head"] for r in by_bulk] == [False, False, False]
    assert by_bulk[0]["residency"] == "registered" and by_bulk[0]["status"] == "active"
    with db.engine.connect() as conn:  # stored as SQLAlchemy stores them, text for text
        raw = conn.execute(
            text("SELECT birth_date, created_at, typeof(is_head) FROM resident ORDER BY id")
        ).all()
    assert raw[0][0] == "1950-01-01" and raw[3][0] == "1953-04-04"
    assert len(raw[0][1]) == len(raw[3][1]) == len("2026-11-29 05:00:00.000000")
    assert {r[2] for r in raw} == {"integer"}
    # the bulk rows are found by their phone's tail as the ORM's are
    with db.reading() as session:
        found = {h.resident_id for r in by_orm + by_bulk for h in search(session, r["phone"][-6:])}
    assert found == {r["id"] for r in by_orm + by_bulk}


def test_each_created_row_is_audited_once_with_who_and_why(db: Database) -> None:
    household_id = _household(db)
    db.actor = "李干事"
    with db.session(note="import 花名册.xlsx") as session:
        session.execute(insert(Resident), [_person(household_id, n) for n in range(50)])
    stored = _stored(db, Resident, Resident.id > 0)
    with db.reading() as session:
        audit = session.execute(
            select(
                AuditEntry.record_uuid,
                AuditEntry.action,
                AuditEntry.actor,
                AuditEntry.note,
                AuditEntry.field,
            ).where(AuditEntry.entity == "resident")
        ).all()
    assert sorted(a[0] for a in audit) == sorted(r["uuid"] for r in stored)
    assert {a[1:] for a in audit} == {("create", "李干事", "import 花名册.xlsx", None)}
    assert len({r["seq"] for r in stored}) == 1


def test_statements_it_does_not_know_take_the_ordinary_path(db: Database) -> None:
    household_id = _household(db)
    with db.session() as session:
        got = session.execute(
            insert(Resident).returning(Resident.id, Resident.uuid),
            [_person(household_id, n) for n in range(2)],
        ).all()
        # rows of different shapes are grouped by the ORM
        session.execute(
            insert(Resident),
            [_person(household_id, 5), {"household_id": household_id, "name": "无电话"}],
        )
    assert len(got) == 2 and all(uuidlib.UUID(u) for _i, u in got)
    stored = _stored(db, Resident, Resident.id > 0)
    assert [r["name"] for r in stored] == ["居民0", "居民1", "居民5", "无电话"]
    assert all(r["origin"] == COMMUNITY_CODE and r["seq"] for r in stored)


def test_a_failed_bulk_insert_leaves_nothing(db: Database) -> None:
    household_id = _household(db)
    rows = [_person(household_id, n, id_number="420106195001010017") for n in range(2)]
    with pytest.raises(IntegrityError), db.session() as session:
        session.execute(insert(Resident), rows)
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Resident)) == 0
        assert session.scalar(select(func.count()).where(AuditEntry.entity == "resident")) == 0


def _schema(db: Database) -> list[tuple[str, str]]:
    with db.engine.connect() as conn:
        return [
            (r[0], r[1])
            for r in conn.execute(
                text(
                    "SELECT name, sql FROM sqlite_master WHERE tbl_name = 'resident' ORDER BY name"
                )
            )
        ]


def test_indexes_are_built_after_a_large_load_exactly_as_they_were(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bulk, "MIN_ROWS", 10)
    household_id = _household(db)
    before = _schema(db)
    assert any(name == "uq_resident_id_number" for name, _sql in before)
    table = Resident.__table__
    with db.session() as session, bulk.indexes_deferred(session, table, 40) as deferred:  # type: ignore[arg-type]
        assert deferred
        session.execute(insert(Resident), [_person(household_id, n) for n in range(40)])
    assert _schema(db) == before
    # a load smaller than what is there keeps the indexes as they are
    with db.session() as session, bulk.indexes_deferred(session, table, 20) as deferred:  # type: ignore[arg-type]
        assert not deferred


def test_a_duplicate_fails_the_rebuild_and_rolls_everything_back(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bulk, "MIN_ROWS", 10)
    household_id = _household(db)
    before = _schema(db)
    rows = [_person(household_id, n) for n in range(20)]
    rows[3]["id_number"] = rows[15]["id_number"] = "420106195001010017"
    table = Resident.__table__
    with (
        pytest.raises(IntegrityError),
        db.session() as session,
        bulk.indexes_deferred(session, table, len(rows)),  # type: ignore[arg-type]
    ):
        session.execute(insert(Resident), rows)
    assert _schema(db) == before
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Resident)) == 0
