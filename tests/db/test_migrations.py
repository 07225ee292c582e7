"""Migrations: the models match the head revision, every revision upgrades and downgrades, an old
database upgrades with its data (after a backup), and a failure never leaves a fresh empty
database in place of the user's."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, func, inspect, select

from app.core.office.datadir import DataDir
from app.core.office.setup import open_office
from app.core.office.stats import office_stats
from app.db import driver
from app.db.backup import list_backups
from app.db.engine import make_engine, sqlite_url
from app.db.migrate import SCHEMA_HEAD, alembic_config, ensure_current
from app.db.models import Household, Resident, Tag
from app.db.schema import differences_from_models
from app.db.schema import metadata as all_models  # every area's models, as the app maps them
from app.errors import DatabaseTooNew, MigrationFailed

CODE = "420106001001"
BUILTIN_TAGS = {"独居老人", "空巢老人", "残疾人", "慢性病", "孕产妇", "婴幼儿", "低保", "特困"}
NOW = "2025-01-02 03:04:05.000000"


def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def _revisions_base_to_head() -> list[str]:
    return [r.revision for r in reversed(list(_script().walk_revisions()))]


@pytest.fixture
def migration_engine(tmp_path: Path) -> Iterator[Engine]:
    """An engine on an empty file, foreign keys off as the migration runner has them."""
    engine = make_engine(sqlite_url(tmp_path / "m.sqlite3"), foreign_keys=False)
    yield engine
    engine.dispose()


def _upgrade(engine: Engine, target: str) -> None:
    with engine.connect() as conn, conn.begin():
        command.upgrade(alembic_config(conn), target)


def _downgrade(engine: Engine, target: str) -> None:
    with engine.connect() as conn, conn.begin():
        command.downgrade(alembic_config(conn), target)


def _version(path: Path) -> list[str]:
    conn = driver.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT version_num FROM alembic_version")]
    finally:
        conn.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _travelling(uuid: str, seq: int) -> dict[str, object]:
    return {"uuid": uuid, "origin": CODE, "seq": seq, "created_at": NOW, "updated_at": NOW}


def make_0001_database(path: Path, *, dangling_household: bool = False) -> None:
    """A database as the first release left it, filled with plain SQL (no models involved)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(sqlite_url(path), foreign_keys=False)
    try:
        _upgrade(engine, "0001")
    finally:
        engine.dispose()
    conn = driver.connect(path)
    try:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute(
            "INSERT INTO office (id, code, name, role, parent_code, created_at) "
            "VALUES (1, ?, '幸福里社区', 'community', '420106001', ?)",
            (CODE, NOW),
        )
        conn.execute("INSERT INTO change_counter (origin, last_seq) VALUES (?, 5)", (CODE,))

        def insert(table: str, row: dict[str, object]) -> None:
            cols = ", ".join(row)
            marks = ", ".join("?" for _ in row)
            conn.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", tuple(row.values()))

        insert("grid", {"id": 1, "code": "G01", "name": "第1网格", **_travelling("g-1", 1)})
        insert(
            "building",
            {
                "id": 1,
                "number": "3",
                "units": 2,
                "floors": 6,
                "grid_id": 1,
                **_travelling("b-1", 2),
            },
        )
        insert(
            "household",
            {
                "id": 1,
                "code": "H000001",
                "building_id": 1,
                "unit": 2,
                "room": "502",
                "address_code": "3-2-502",
                "grid_id": 1,
                **_travelling("h-1", 3),
            },
        )
        residents = [
            (
                "r-1",
                "张三",
                "M",
                "1950-03-04",
                "42010619500304001X",
                "户主",
                1,
                ",慢性病,独居老人,",
            ),
            ("r-2", "李四", "F", "1952-06-07", None, "配偶", 0, ",新冠康复,"),
            ("r-3", "张小明", "M", "1980-01-01", None, "子", 0, ""),
        ]
        for i, (uuid, name, gender, born, idn, relation, head, tags) in enumerate(residents, 1):
            insert(
                "resident",
                {
                    "id": i,
                    "household_id": 1,
                    "name": name,
                    "gender": gender,
                    "birth_date": born,
                    "id_number": idn,
                    "relation": relation,
                    "is_head": head,
                    "residency": "registered",
                    "tags": tags,
                    "status": "active",
                    **_travelling(uuid, 4),
                },
            )
        if dangling_household:
            # written by a tool that had foreign keys off: the building does not exist
            insert(
                "household",
                {
                    "id": 2,
                    "code": "H000002",
                    "building_id": 99,
                    "unit": 1,
                    "room": "101",
                    "address_code": "99-1-101",
                    **_travelling("h-2", 5),
                },
            )
        conn.commit()
    finally:
        conn.close()


# --- the models and the revisions agree ----------------------------------------------------------


def test_models_match_head_revision(migration_engine: Engine) -> None:
    _upgrade(migration_engine, "head")
    with migration_engine.connect() as conn:
        assert differences_from_models(conn) == []


def test_model_comparison_sees_a_missing_revision(migration_engine: Engine) -> None:
    """The comparison above is not blind: at 0001 the models are ahead of the schema."""
    _upgrade(migration_engine, "0001")
    with migration_engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(ctx, all_models)
    added = {d[1].name for d in diff if d[0] == "add_table"}
    assert {"tag", "setting"} <= added


def test_schema_head_constant_is_alembics_head() -> None:
    script = _script()
    assert script.get_heads() == [SCHEMA_HEAD]  # one head, and it is the constant
    assert _revisions_base_to_head()[0] == "0001"


def test_every_revision_upgrades_and_downgrades_step_by_step(migration_engine: Engine) -> None:
    revisions = _revisions_base_to_head()
    assert len(revisions) >= 2
    url = migration_engine.url.database
    assert url is not None
    tables_at: dict[str, set[str]] = {}
    for rev in revisions:
        _upgrade(migration_engine, rev)
        assert _version(Path(url)) == [rev]
        tables_at[rev] = set(inspect(migration_engine).get_table_names())
    assert {"tag", "setting"} <= tables_at[SCHEMA_HEAD]
    for rev in reversed(revisions):
        down = _script().get_revision(rev).down_revision
        _downgrade(migration_engine, down or "base")
        tables = set(inspect(migration_engine).get_table_names())
        if down is None:
            assert tables <= {"alembic_version"}
            assert _version(Path(url)) == []
        else:
            assert tables == tables_at[down]  # type: ignore[index]
            assert _version(Path(url)) == [down]
    # and up again from nothing, in one go
    _upgrade(migration_engine, "head")
    assert _version(Path(url)) == [SCHEMA_HEAD]


# --- an old database upgrades with its data ---------------------------------------------------------


def test_first_revision_database_upgrades_with_its_data(tmp_path: Path) -> None:
    path = tmp_path / "data" / "griddesk.sqlite3"
    make_0001_database(path)
    backups = tmp_path / "data" / "backups"
    engine = make_engine(sqlite_url(path))
    try:
        backup = ensure_current(engine, path, backups)
        with engine.connect() as conn:
            households = conn.execute(select(Household.address_code, Household.uuid)).all()
            residents = conn.execute(
                select(Resident.name, Resident.id_number, Resident.tags, Resident.is_head).order_by(
                    Resident.id
                )
            ).all()
            tags = dict(conn.execute(select(Tag.name, Tag.builtin)).all())
    finally:
        engine.dispose()

    assert _version(path) == [SCHEMA_HEAD]
    assert households == [("3-2-502", "h-1")]
    assert residents == [
        ("张三", "42010619500304001X", ",慢性病,独居老人,", True),
        ("李四", None, ",新冠康复,", False),
        ("张小明", None, "", False),
    ]
    assert set(tags) == BUILTIN_TAGS | {"新冠康复"}
    assert tags["新冠康复"] is False  # kept, but not one of the built-in tags
    assert all(tags[t] is True for t in BUILTIN_TAGS)

    # the copy taken before the upgrade is a whole database at the old revision, with the data
    assert backup is not None
    assert backup.parent == backups
    assert sorted(p.name for p in backups.iterdir()) == [
        backup.with_suffix(".json").name,  # its record: checked, why, what it holds
        backup.name,
    ]
    [listed] = list_backups(backups)
    assert (listed.reason, listed.ok, listed.revision, listed.residents) == (
        "before-upgrade",
        True,
        "0001",
        3,
    )
    assert _version(backup) == ["0001"]
    old = driver.connect(backup)
    try:
        assert old.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert old.execute("SELECT count(*) FROM resident").fetchone()[0] == 3
        assert old.execute(
            "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='tag'"
        ).fetchone() == (0,)
    finally:
        old.close()


def test_opening_an_old_data_folder_upgrades_it(tmp_path: Path) -> None:
    datadir = DataDir(tmp_path / "data")
    make_0001_database(datadir.db_path)
    db, info = open_office(datadir)
    try:
        assert info.code == CODE
        with db.reading() as session:
            stats = office_stats(session)
        assert (stats["households"], stats["residents"], stats["grids"]) == (1, 3, 1)
        assert stats["by_tag"]["独居老人"] == 1
        # the upgraded database takes new writes with the sequence carried on
        with db.session() as session:
            head = session.scalars(select(Resident).where(Resident.is_head)).one()
            head.phone = "13812345678"
        assert head.seq == 6
    finally:
        db.dispose()
    assert len(list(datadir.backups.glob("*.sqlite3"))) == 1


def test_current_database_is_not_backed_up_again(datadir: DataDir) -> None:
    engine = make_engine(sqlite_url(datadir.db_path))
    try:
        assert ensure_current(engine, datadir.db_path, datadir.backups) is None
    finally:
        engine.dispose()
    assert list(datadir.backups.iterdir()) == []


# --- refusals and failures change nothing ---------------------------------------------------------


def test_database_from_a_newer_program_is_refused_untouched(datadir: DataDir) -> None:
    conn = driver.connect(datadir.db_path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    before = _digest(datadir.db_path)

    with pytest.raises(DatabaseTooNew) as caught:
        open_office(datadir)

    assert "9999" in caught.value.en and "update" in caught.value.en.lower()
    assert "升级程序" in caught.value.zh
    assert _digest(datadir.db_path) == before
    assert _version(datadir.db_path) == ["9999"]
    assert list(datadir.backups.iterdir()) == []


def test_upgrade_failing_its_verification_keeps_the_old_file(tmp_path: Path) -> None:
    """Data the first release let through (a household in a building that does not exist) fails
    the foreign key check the upgrade runs before committing: the upgrade is undone."""
    datadir = DataDir(tmp_path / "data")
    make_0001_database(datadir.db_path, dangling_household=True)

    with pytest.raises(MigrationFailed, match="外键"):
        open_office(datadir)

    _assert_still_the_old_database(datadir)


def test_upgrade_failing_midway_is_undone_and_not_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure after the revision's DDL has run: the transaction takes the new tables away
    again, the error says where the backup is, and the next start tries again."""
    datadir = DataDir(tmp_path / "data")
    make_0001_database(datadir.db_path)
    real_upgrade = command.upgrade

    def upgrade_then_fail(config: object, target: str) -> None:
        real_upgrade(config, target)  # type: ignore[arg-type]
        conn = config.attributes["connection"]  # type: ignore[attr-defined]
        assert conn.exec_driver_sql("SELECT count(*) FROM tag").scalar() >= 8
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(command, "upgrade", upgrade_then_fail)
    with pytest.raises(MigrationFailed) as caught:
        open_office(datadir)
    backups = list(datadir.backups.glob("*.sqlite3"))
    assert len(backups) == 1
    assert str(backups[0]) in caught.value.zh
    _assert_still_the_old_database(datadir)

    monkeypatch.setattr(command, "upgrade", real_upgrade)
    db, _info = open_office(datadir)
    try:
        with db.reading() as session:
            assert session.scalar(select(func.count()).select_from(Resident)) == 3
    finally:
        db.dispose()
    assert _version(datadir.db_path) == [SCHEMA_HEAD]


def _assert_still_the_old_database(datadir: DataDir) -> None:
    assert _version(datadir.db_path) == ["0001"]
    conn = driver.connect(datadir.db_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert "tag" not in tables and "setting" not in tables
        assert conn.execute("SELECT count(*) FROM resident").fetchone()[0] == 3
        assert conn.execute("SELECT name FROM office").fetchone()[0] == "幸福里社区"
    finally:
        conn.close()
    # no other database file was made beside it
    assert sorted(p.name for p in datadir.root.glob("*.sqlite3")) == ["griddesk.sqlite3"]
