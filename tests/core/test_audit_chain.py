"""The audit trail's hash chain: every write path chains its rows, `check` names the first row where
the chain breaks (a row edited, deleted or put in by hand), and the signed head notices the newest
rows deleted."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select, update

from app.core.office.datadir import DataDir
from app.core.office.health import check_database
from app.core.trust import audit
from app.db import audit_chain
from app.db.engine import Database
from app.db.models import AuditEntry, Building, Grid, Household, Resident


def _state(db: Database) -> audit_chain.ChainState:
    with db.reading() as session:
        return audit.chain_state(session)


def _unhashed(db: Database) -> int:
    with db.reading() as session:
        return int(
            session.scalar(
                select(func.count()).select_from(AuditEntry).where(AuditEntry.row_hash.is_(None))
            )
            or 0
        )


def _raw(datadir: DataDir, sql: str, *params: object) -> None:
    conn = sqlite3.connect(datadir.db_path)
    try:
        conn.execute(sql, params)
        conn.commit()
    finally:
        conn.close()


def _problems(db: Database) -> list[str]:
    return [en for _zh, en in check_database(db).problems]


def test_the_demo_is_chained_whole(demo_db: Database) -> None:
    state = _state(demo_db)
    assert state.broken is None
    assert state.rows > 0 and _unhashed(demo_db) == 0
    assert not _problems(demo_db)


def test_every_write_path_chains_its_rows(demo_db: Database) -> None:
    with demo_db.session(note="test") as session:
        building = session.scalar(select(Building).limit(1))
        assert building is not None
        # an ORM flush, a bulk insert by executemany, an UPDATE … WHERE audited in SQL, an event
        session.add(Grid(code="T1", name="测试网格"))
        session.execute(
            insert(Household),
            [
                {
                    "code": f"T-{i}",
                    "building_id": building.id,
                    "unit": 1,
                    "room": str(900 + i),
                    "address_code": f"t-{i}",
                }
                for i in range(5)
            ],
        )
        session.execute(update(Household).where(Household.code.like("T-%")).values(unit=2))
        audit.record(session, audit.EXPORT, "导出居民 5 人（已脱敏）", entity="resident")
    assert _unhashed(demo_db) == 0
    assert _state(demo_db).broken is None
    with demo_db.reading() as session:
        kinds = [e.kind for e in audit.entries(session, audit.AuditFilter(kind=audit.EXPORT))]
    assert kinds == [audit.EXPORT]


def test_a_bulk_import_is_chained(db: Database, tmp_path: Path) -> None:
    from app.core.office.demo import fill_demo

    with db.session(note="demo") as session:
        fill_demo(session, 1500)  # over BULK_AUDIT_MIN residents: `create_many` rows
    with db.reading() as session:
        many = session.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "create_many")
        )
    assert many
    assert _unhashed(db) == 0 and _state(db).broken is None


def _some_row(db: Database, offset: int = 3) -> tuple[int, str]:
    with db.reading() as session:
        row = session.execute(
            select(AuditEntry.id, AuditEntry.at).order_by(AuditEntry.id).offset(offset).limit(1)
        ).one()
    return row.id, row.at.strftime("%Y-%m-%d %H:%M:%S")


def test_an_edited_row_is_named(demo_db: Database, datadir: DataDir) -> None:
    row_id, when = _some_row(demo_db)
    _raw(datadir, "UPDATE audit_log SET actor = 'someone-else' WHERE id = ?", row_id)
    problems = _problems(demo_db)
    assert any(f"Audit record {row_id} ({when})" in p and "changed" in p for p in problems)
    broken = _state(demo_db).broken
    assert broken is not None and (broken.id, broken.reason) == (row_id, "changed")


def test_a_deleted_row_is_named_by_the_row_after_it(demo_db: Database, datadir: DataDir) -> None:
    row_id, _when = _some_row(demo_db)
    after, when_after = _some_row(demo_db, 4)
    _raw(datadir, "DELETE FROM audit_log WHERE id = ?", row_id)
    problems = _problems(demo_db)
    assert any(f"Audit record {after} ({when_after})" in p and "deleted" in p for p in problems)


def test_a_row_put_in_by_hand_is_named(demo_db: Database, datadir: DataDir) -> None:
    _raw(
        datadir,
        "INSERT INTO audit_log (at, actor, action, entity, record_uuid) "
        "VALUES ('2026-12-01 10:00:00.000000', 'x', 'update', 'resident', 'u')",
    )
    with demo_db.reading() as session:
        last = session.scalar(select(func.max(AuditEntry.id)))
    assert any(f"Audit record {last} (2026-12-01 10:00:00)" in p for p in _problems(demo_db))


def test_a_row_put_in_with_a_made_up_hash_is_named(demo_db: Database, datadir: DataDir) -> None:
    row_id, when = _some_row(demo_db)
    _raw(
        datadir,
        "UPDATE audit_log SET new_value = 'x', row_hash = ? WHERE id = ?",
        "f" * 64,
        row_id,
    )
    assert any(f"Audit record {row_id} ({when})" in p for p in _problems(demo_db))


def test_the_signed_head_notices_the_newest_rows_deleted(
    demo_db: Database, datadir: DataDir
) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    with demo_db.reading() as session:
        head = audit.signed_head(session, datadir.keys)
    key = audit._signing_key(datadir.keys)
    public = key.public_key()
    with demo_db.reading() as session:
        assert audit.verify_head(session, head, public) is None
        forged = dict(head, rows=head["rows"] - 1)
        assert audit.verify_head(session, forged, public) is not None  # the signature fails
        other = Ed25519PrivateKey.generate().public_key()
        assert audit.verify_head(session, head, other) is not None
    _raw(datadir, "DELETE FROM audit_log WHERE id = ?", head["last_id"])
    assert _state(demo_db).broken is None  # a shorter chain is still whole …
    with demo_db.reading() as session:
        problem = audit.verify_head(session, head, public)  # … but not what was signed
    assert problem is not None and "deleted" in problem[1]


def test_summaries_and_masked_values(demo_db: Database) -> None:
    with demo_db.session() as session:
        person = session.scalar(select(Resident).where(Resident.id_number.is_not(None)).limit(1))
        assert person is not None
        number = person.id_number
        person.phone = "13912345678"
    with demo_db.reading() as session:
        changed = audit.entries(session, audit.AuditFilter(kind="change", record=person.uuid))
    phone = [e for e in changed if e.field == "phone"]
    assert phone and phone[-1].new == "139****5678"
    assert phone[-1].summary == "update resident.phone"
    assert number and audit.masked_value("resident", "id_number", number) != number


def test_record_refuses_an_unknown_kind(db: Database) -> None:
    with pytest.raises(ValueError), db.session() as session:
        audit.record(session, "whatever", "x")


def _events(db: Database, kind: str) -> list[audit.Entry]:
    with db.reading() as session:
        return audit.entries(session, audit.AuditFilter(kind=kind))


def test_each_file_printed_or_exported_is_one_audit_row(demo_db: Database, tmp_path: Path) -> None:
    from app.core.grids.paper import print_contact_sheets
    from app.core.printing.daily_report import daily_report
    from app.core.registry.roster_export import export_residents
    from app.core.registry.roster_print import print_residents

    print_contact_sheets(demo_db, tmp_path / "contacts.pdf")
    print_residents(demo_db, tmp_path / "roster.pdf")
    with demo_db.reading() as session:  # a reading session: the row is written beside it
        daily_report(session, tmp_path / "daily.pdf")
    export_residents(demo_db, tmp_path / "residents.xlsx", mask=True)
    prints = _events(demo_db, audit.PRINT)
    assert [e.summary.split(" ")[0] for e in prints] == ["打印网格联系表", "打印住户名单", "日报"]
    exports = _events(demo_db, audit.EXPORT)
    assert len(exports) == 1 and "已脱敏" in exports[0].summary
    assert _state(demo_db).broken is None and _unhashed(demo_db) == 0


def test_a_backup_records_its_signed_head(demo_db: Database, datadir: DataDir) -> None:
    import json

    from app.core.office.backups import make_backup

    made = make_backup(datadir).backup
    head = json.loads(made.sidecar.read_text("utf-8"))["audit_head"]
    public = audit._signing_key(datadir.keys).public_key()
    with demo_db.reading() as session:
        # the backup's own audit row follows the head the backup holds
        assert head["last_id"] == audit.head(session)["last_id"] - 1
        assert audit.verify_head(session, head, public) is None
    _raw(datadir, "DELETE FROM audit_log WHERE id >= ?", head["last_id"] - 2)
    with demo_db.reading() as session:
        problem = audit.verify_head(session, head, public)
    assert problem is not None and f"Audit record {head['last_id']}" in problem[1]


def test_the_chain_on_postgresql(pg_db: Database) -> None:
    """Writers there queue on the advisory lock; the chain is extended and verified the same way."""
    from sqlalchemy import text

    with pg_db.session(note="test") as session:
        for i in range(3):
            session.add(Grid(code=f"P{i}", name=f"网格{i}"))
            session.flush()
        audit.record(session, audit.PRINT, "打印网格联系表 3 个网格", entity="grid")
    with pg_db.session(note="test") as session:
        session.execute(update(Grid).where(Grid.code == "P1").values(name="改名"))
    assert _unhashed(pg_db) == 0 and _state(pg_db).broken is None
    with pg_db.reading() as session:
        second = session.scalar(select(AuditEntry.id).order_by(AuditEntry.id).offset(1).limit(1))
    with pg_db.engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET entity = 'x' WHERE id = :i"), {"i": second})
    broken = _state(pg_db).broken
    assert broken is not None and (broken.id, broken.reason) == (second, "changed")


def test_an_upgraded_database_has_its_rows_chained(tmp_path: Path) -> None:
    """Revision 0016 chains the rows an older database holds, whatever the form of their time."""
    from alembic import command

    from app.db.engine import make_engine, sqlite_url
    from app.db.migrate import alembic_config

    path = tmp_path / "old.sqlite3"
    engine = make_engine(sqlite_url(path), foreign_keys=False)
    try:
        with engine.connect() as conn, conn.begin():
            command.upgrade(alembic_config(conn), "0015")
        _raw_file(
            path,
            "INSERT INTO audit_log (at, actor, action, entity, record_uuid, field, old_value, "
            "new_value, note) VALUES (?, 'a', 'update', 'resident', 'u', 'phone', ?, ?, ?)",
            [
                ("2025-01-02 03:04:05.000000", "13800000000", "13900000000", None),
                ("2025-01-02 03:04:06", 'a"b\\c\n', "中文", "note"),
                ("2025-01-02T03:04:07.5", None, "\x01", None),
            ],
        )
        with engine.connect() as conn, conn.begin():
            command.upgrade(alembic_config(conn), "head")
        with engine.connect() as conn:
            state = audit_chain.verify(conn)
        assert state.rows == 3 and state.broken is None
    finally:
        engine.dispose()


def _raw_file(path: Path, sql: str, rows: list[tuple[object, ...]]) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.executemany(sql, rows)
        conn.commit()
    finally:
        conn.close()


def test_sqlite_writes_the_canonical_json_of_any_text() -> None:
    """SQLite's json_array gives exactly the bytes the chain hashes (the quick way it is read)."""
    import random

    from app.db import driver

    chars = [chr(i) for i in range(0x300)] + ["中", "😀", "\u2028", "\ufeff", "\uffff"]
    rnd = random.Random(16)
    conn = driver.connect(":memory:", key=driver.PLAIN)  # the program's own SQLite
    try:
        for _ in range(3000):
            text = "".join(rnd.choice(chars) for _ in range(rnd.randint(0, 16)))
            at = "2026-12-07 05:36:49.123456"
            values = (rnd.randint(1, 10**9), at, text, None, text, "x", None, text, "1", text)
            made = conn.execute("SELECT json_array(?,?,?,?,?,?,?,?,?,?)", values).fetchone()[0]
            assert made.encode("utf-8") == audit_chain.row_bytes(values), repr(text)
    finally:
        conn.close()
