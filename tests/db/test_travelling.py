"""Records that travel: stamped with uuid, origin, seq and times; every change audited, through the
session events alone, whether made on objects or by bulk statements."""

from __future__ import annotations

import uuid as uuidlib
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, insert, select, update

from app.core.office.datadir import DataDir
from app.db.engine import Database
from app.db.models import AuditEntry, Building, ChangeCounter, Grid, Household, Resident

COMMUNITY_CODE = "420106001001"  # as set up by the datadir fixture


def _audit(db: Database, record_uuid: str) -> list[tuple[str, str | None, str | None, str | None]]:
    with db.reading() as session:
        return [
            tuple(r)  # type: ignore[misc]
            for r in session.execute(
                select(
                    AuditEntry.action, AuditEntry.field, AuditEntry.old_value, AuditEntry.new_value
                )
                .where(AuditEntry.record_uuid == record_uuid)
                .order_by(AuditEntry.id)
            )
        ]


def _last_seq(db: Database) -> int:
    with db.reading() as session:
        return (
            session.scalar(
                select(ChangeCounter.last_seq).where(ChangeCounter.origin == COMMUNITY_CODE)
            )
            or 0
        )


def _new_building(db: Database) -> tuple[Grid, Building]:
    with db.session() as session:
        grid = Grid(code="G01", name="第1网格")
        building = Building(number="3", units=2, floors=6, grid=grid)
        session.add_all([grid, building])
    return grid, building


def _naive_utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def test_new_record_is_stamped(db: Database) -> None:
    before = _naive_utc_now()
    grid, building = _new_building(db)
    after = _naive_utc_now()

    for record in (grid, building):
        assert uuidlib.UUID(record.uuid).version == 4
        assert record.origin == COMMUNITY_CODE
        assert record.seq >= 1
        assert before - timedelta(seconds=1) <= record.created_at <= after
        assert record.updated_at == record.created_at
        assert record.deleted_at is None
    assert grid.uuid != building.uuid
    # objects added in one flush share one change number; the counter says what was handed out
    assert grid.seq == building.seq == _last_seq(db)
    assert _audit(db, grid.uuid) == [("create", None, None, None)]


def test_stamps_are_stored_not_only_on_the_object(db: Database) -> None:
    grid, _building = _new_building(db)
    with db.reading() as session:
        stored = session.get(Grid, grid.id)
        assert stored is not None
        assert (stored.uuid, stored.origin, stored.seq) == (grid.uuid, COMMUNITY_CODE, grid.seq)


def test_update_raises_seq_and_audits_each_field(db: Database) -> None:
    grid, building = _new_building(db)
    created_seq, created_at = building.seq, building.created_at
    db.actor = "王网格员"
    with db.session(note="楼栋信息更正") as session:
        b = session.get(Building, building.id)
        assert b is not None
        b.floors = 7
        b.name = "幸福里3栋"
    with db.reading() as session:
        b = session.get(Building, building.id)
        assert b is not None
        assert b.seq > created_seq
        assert b.uuid == building.uuid  # the identity never changes
        assert b.created_at == created_at
        assert b.updated_at >= created_at
    audit = _audit(db, building.uuid)
    assert audit[0] == ("create", None, None, None)
    assert sorted(audit[1:]) == [
        ("update", "floors", "6", "7"),
        ("update", "name", None, "幸福里3栋"),
    ]
    with db.reading() as session:
        rows = session.scalars(
            select(AuditEntry).where(
                AuditEntry.record_uuid == building.uuid, AuditEntry.action == "update"
            )
        ).all()
    assert {(r.actor, r.entity, r.note) for r in rows} == {("王网格员", "building", "楼栋信息更正")}
    # the grid was not touched and keeps its number
    with db.reading() as session:
        assert session.get(Grid, grid.id).seq == grid.seq  # type: ignore[union-attr]


def test_setting_a_value_to_what_it_was_is_no_change(db: Database) -> None:
    _grid, building = _new_building(db)
    with db.session() as session:
        b = session.get(Building, building.id)
        assert b is not None
        b.floors = 6
    with db.reading() as session:
        assert session.get(Building, building.id).seq == building.seq  # type: ignore[union-attr]
    assert len(_audit(db, building.uuid)) == 1


def test_tombstone_is_audited_as_delete(db: Database) -> None:
    grid, _building = _new_building(db)
    with db.session() as session:
        g = session.get(Grid, grid.id)
        assert g is not None
        g.deleted_at = _naive_utc_now()
        g.delete_reason = "网格合并"
    audit = _audit(db, grid.uuid)
    actions = {(a, f) for a, f, _o, _n in audit}
    assert ("delete", "deleted_at") in actions
    assert ("update", "delete_reason") in actions
    assert [n for a, f, _o, n in audit if f == "delete_reason"] == ["网格合并"]
    with db.reading() as session:
        g = session.get(Grid, grid.id)
        assert g is not None and g.deleted_at is not None and g.seq > grid.seq  # still there


def test_bulk_insert_stamps_and_audits_every_row(db: Database) -> None:
    _grid, building = _new_building(db)
    rows = [
        {
            "code": f"H{i:06d}",
            "building_id": building.id,
            "unit": 1,
            "room": f"{i}01",
            "address_code": f"3-1-{i}01",
        }
        for i in range(1, 6)
    ]
    with db.session() as session:
        session.execute(insert(Household), rows)
    with db.reading() as session:
        stored = session.scalars(select(Household).order_by(Household.code)).all()
        audited = set(
            session.scalars(
                select(AuditEntry.record_uuid).where(
                    AuditEntry.entity == "household", AuditEntry.action == "create"
                )
            )
        )
    assert [h.code for h in stored] == [r["code"] for r in rows]
    assert len({h.uuid for h in stored}) == 5
    assert all(uuidlib.UUID(h.uuid) for h in stored)
    assert {h.origin for h in stored} == {COMMUNITY_CODE}
    assert len({h.seq for h in stored}) == 1 and stored[0].seq > building.seq
    assert all(h.created_at is not None and h.updated_at is not None for h in stored)
    assert audited == {h.uuid for h in stored}


def test_bulk_update_touches_only_matched_rows(demo_db: Database) -> None:
    with demo_db.session() as session:
        target = session.scalars(select(Grid.id).order_by(Grid.id.desc())).first()
        one = session.scalars(select(Household).order_by(Household.id.desc())).first()
        assert target is not None and one is not None
        one.grid_id = target  # so that one of the chosen households is there already
    with demo_db.reading() as session:
        before = {h.id: (h.grid_id, h.seq, h.uuid) for h in session.scalars(select(Household))}
        mark = session.scalar(select(func.max(AuditEntry.id)))
    moved = sorted(i for i, (g, _s, _u) in before.items() if g != target)[:5]
    assert len(moved) == 5
    already_there = next(i for i, (g, _s, _u) in before.items() if g == target)
    chosen = [*moved, already_there]

    with demo_db.session() as session:
        session.execute(update(Household).where(Household.id.in_(chosen)).values(grid_id=target))

    with demo_db.reading() as session:
        after = {h.id: (h.grid_id, h.seq) for h in session.scalars(select(Household))}
        rows = session.execute(
            select(
                AuditEntry.record_uuid,
                AuditEntry.field,
                AuditEntry.old_value,
                AuditEntry.new_value,
            ).where(AuditEntry.id > mark)
        ).all()
    new_seq = after[moved[0]][1]
    for hid, (grid_id, seq, _uuid) in before.items():
        if hid in moved:
            assert after[hid] == (target, new_seq)
            assert new_seq > seq
        elif hid == already_there:
            assert after[hid][0] == target  # matched, nothing to change (its seq may move)
        else:
            assert after[hid] == (grid_id, seq), f"household {hid} changed but was not chosen"
    # the audit names each household whose grid really changed, with old and new
    assert sorted(rows) == sorted(
        (before[hid][2], "grid_id", str(before[hid][0]), str(target)) for hid in moved
    )


def test_seq_grows_across_sessions(db: Database) -> None:
    seen = []
    for i in range(4):
        with db.session() as session:
            grid = Grid(code=f"G{i:02d}", name=f"第{i}网格")
            session.add(grid)
        seen.append(grid.seq)
    with db.session() as session:
        g = session.scalars(select(Grid).where(Grid.code == "G00")).one()
        g.name = "改名"
    seen.append(g.seq)
    assert seen == sorted(seen) and len(set(seen)) == len(seen)
    assert _last_seq(db) == seen[-1]


def test_seq_survives_reopening(datadir: DataDir, db: Database) -> None:
    from app.core.office.setup import open_office

    _new_building(db)
    last = _last_seq(db)
    db.dispose()
    again, _info = open_office(datadir)
    try:
        with again.session() as session:
            grid = Grid(code="G09", name="第9网格")
            session.add(grid)
        assert grid.seq == last + 1
    finally:
        again.dispose()


def test_everything_after_n(demo_db: Database) -> None:
    """What the next package carries: exactly the records changed after the last one sent."""
    n = _last_seq(demo_db)
    with demo_db.session() as session:
        resident = session.scalars(select(Resident).order_by(Resident.id)).first()
        assert resident is not None
        resident.phone = "13900001111"
        household = session.scalars(select(Household).order_by(Household.id.desc())).first()
        assert household is not None
        household.deleted_at = _naive_utc_now()
        household.delete_reason = "搬离"
    with demo_db.session() as session:
        session.execute(update(Grid).where(Grid.code == "G01").values(name="东区网格"))
        session.add(Building(number="99", units=1, floors=1))

    changed: set[tuple[str, str]] = set()
    with demo_db.reading() as session:
        for model in (Grid, Building, Household, Resident):
            changed |= {
                (model.__tablename__, u)
                for u in session.scalars(
                    select(model.uuid).where(model.origin == COMMUNITY_CODE, model.seq > n)
                )
            }
        building = session.scalars(select(Building).where(Building.number == "99")).one()
        grid = session.scalars(select(Grid).where(Grid.code == "G01")).one()
        total = sum(
            session.scalar(select(func.count()).select_from(m)) or 0
            for m in (Grid, Building, Household, Resident)
        )
    assert changed == {
        ("resident", resident.uuid),
        ("household", household.uuid),
        ("grid", grid.uuid),
        ("building", building.uuid),
    }
    assert total > 300  # the rest of the demo is not in the package


def test_session_without_origin_cannot_write(db: Database) -> None:
    """A write outside an office's session would produce records that belong to no one."""
    orphan = Database(db.engine, origin=None)
    with pytest.raises(RuntimeError, match="origin"), orphan.session() as session:
        session.add(Grid(code="G50", name="x"))
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Grid)) == 0
