"""Backups and restore (app.core.office.backups): made once a day and before every bulk import, restored
only when they are this office's and whole, and a damaged database brought back by
`restore latest`."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from app.core.grids import structure
from app.core.office import backups
from app.core.office.backups import (
    RestoreRefused,
    ServerBackups,
    daily_backup,
    make_backup,
    restore,
)
from app.core.office.datadir import DataDir
from app.core.office.demo import fill_demo
from app.core.office.health import check_database
from app.core.office.setup import init_office, open_office
from app.core.office.stats import office_stats
from app.core.registry.idnumber import make as make_id
from app.db.backup import BackupRefused, list_backups, now_local
from app.db.engine import Database
from app.errors import DatabaseProblem
from tests.conftest import COMMUNITY_CODE, STREET_CODE, zero_a_resident_page
from tests.core.exchange_offices import Office, export_to, import_into, offices, template  # noqa: F401 (fixtures)


def _reasons(datadir: DataDir) -> list[str]:
    return [b.reason for b in list_backups(datadir.backups)]


def _residents(db: Database) -> int:
    with db.reading() as session:
        return int(office_stats(session)["residents"])


def _roster(path: Path, n: int, start: int = 0) -> Path:
    lines = ["姓名,身份证号,性别,联系电话,楼栋,单元,门牌号,与户主关系"]
    for i in range(start, start + n):
        number = make_id("420106", date(1960 + i % 40, 1 + i % 12, 1 + i % 28), i % 900, "M")
        lines.append(f"居民{i},{number},男,,9栋,1单元,{100 + i},户主")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


# --- when backups are made ---------------------------------------------------------------------


def test_the_daily_backup_is_made_once_a_day(datadir: DataDir) -> None:
    db, _info = open_office(datadir)  # the first opening of the day makes it
    db.dispose()
    assert _reasons(datadir) == ["daily"]
    for _ in range(3):  # later openings the same day: nothing more
        db, _info = open_office(datadir)
        db.dispose()
    assert daily_backup(datadir) is None
    assert _reasons(datadir) == ["daily"]

    tomorrow = now_local() + timedelta(days=1)
    made = daily_backup(datadir, now=tomorrow)
    assert made is not None and made.created_at == tomorrow
    assert daily_backup(datadir, now=tomorrow + timedelta(hours=1)) is None
    assert _reasons(datadir) == ["daily", "daily"]


def test_a_backup_made_today_counts_as_the_daily_one(datadir: DataDir) -> None:
    make_backup(datadir, "manual")
    db, _info = open_office(datadir)
    db.dispose()
    assert _reasons(datadir) == ["manual"]


def test_a_damaged_database_still_opens_and_its_daily_backup_is_not_kept(
    demo_db: Database, datadir: DataDir
) -> None:
    demo_db.dispose()
    zero_a_resident_page(datadir.db_path)
    tomorrow = now_local() + timedelta(days=1)
    assert daily_backup(datadir, now=tomorrow) is None  # refused, and not raised
    state = backups.daily_state(datadir)
    assert state is not None and state.day == tomorrow.date().isoformat() and not state.ok
    assert "restore latest" in state.problems[0][0]
    assert _reasons(datadir) == ["daily"]  # only today's, made before the damage


def test_a_backup_before_each_bulk_import(db: Database, datadir: DataDir, tmp_path: Path) -> None:
    from app.core.grids.duty_import import import_duty_roster
    from app.core.registry.roster_import import import_roster

    before = len(list_backups(datadir.backups))
    import_roster(db, _roster(tmp_path / "a.csv", 5), dry_run=True)  # writes nothing: no backup
    assert len(list_backups(datadir.backups)) == before

    import_roster(db, _roster(tmp_path / "a.csv", 5))
    made = list_backups(datadir.backups)[0]
    assert (made.reason, made.residents, made.ok) == ("before-import", 0, True)

    with db.session(note="grid add") as session:  # another write ends the batch of imports
        structure.create_grid(session, "G09", "九网格")
    roster = tmp_path / "duty.csv"
    roster.write_text("姓名,人员类别,联系电话\n王网格,网格员,13800001111\n", encoding="utf-8")
    import_duty_roster(db, roster)
    made = list_backups(datadir.backups)[0]
    assert (made.reason, made.residents) == ("before-import", 5)
    assert _residents(db) == 5


def test_imports_one_after_another_share_the_backup_before_the_first(
    db: Database, datadir: DataDir, tmp_path: Path
) -> None:
    from app.core.registry.roster_import import import_roster

    for i in range(3):  # nothing else written between them: one backup, before the first
        import_roster(db, _roster(tmp_path / f"{i}.csv", 4, start=10 * i))
    assert _reasons(datadir).count("before-import") == 1
    with db.session(note="grid add") as session:  # any other write: the next import backs up
        structure.create_grid(session, "G09", "九网格")
    import_roster(db, _roster(tmp_path / "3.csv", 4, start=30))
    assert _reasons(datadir).count("before-import") == 2
    assert list_backups(datadir.backups)[0].residents == 12


def test_a_backup_before_a_package_import(offices: dict[str, Office], tmp_path: Path) -> None:  # noqa: F811
    street, community = offices["S"], offices["C"]
    package = export_to(community, tmp_path / "usb", full=True)
    before = list_backups(street.datadir.backups) if street.db.is_sqlite else []
    import_into(street, package)
    if not street.db.is_sqlite:  # a server's backups are its own (pg_dump)
        assert street.db.before_write is None
        return
    after = list_backups(street.datadir.backups)
    assert len(after) == len(before) + 1
    assert (after[0].reason, after[0].residents, after[0].ok) == ("before-import", 0, True)


def test_an_import_into_a_damaged_database_is_refused(
    demo_db: Database, datadir: DataDir, tmp_path: Path
) -> None:
    from app.core.registry.roster_import import import_roster

    path = _roster(tmp_path / "a.csv", 3)
    demo_db.dispose()
    zero_a_resident_page(datadir.db_path)
    before = list_backups(datadir.backups)
    with pytest.raises(DatabaseProblem) as refused:  # the import's reading meets the damage
        import_roster(demo_db, path)
    assert "restore latest" in refused.value.zh
    with pytest.raises(BackupRefused) as refused:  # else the backup before it refuses it
        backups.BeforeBulkImport(datadir)("import a.csv")
    assert "没有导入" in refused.value.zh and "restore latest" in refused.value.zh
    assert list_backups(datadir.backups) == before


def test_a_server_office_is_told_its_backups_are_the_servers(tmp_path: Path) -> None:
    folder = DataDir(tmp_path / "pg")
    folder.make_folders()
    (folder.root / "database-url.txt").write_text("postgresql+psycopg://u@/district\n")
    for call in (
        lambda: make_backup(folder),
        lambda: backups.list_backups(folder),
        lambda: restore(folder, "latest"),
    ):
        with pytest.raises(ServerBackups) as told:
            call()
        assert "pg_dump" in told.value.zh and "pg_dump" in told.value.en
    assert daily_backup(folder) is None


# --- restore -----------------------------------------------------------------------------------


def test_restore_latest_brings_a_damaged_database_back(
    demo_db: Database, datadir: DataDir, tmp_path: Path
) -> None:
    from app.core.registry.roster_import import import_roster

    good = make_backup(datadir).backup
    import_roster(demo_db, _roster(tmp_path / "more.csv", 20))  # after the backup
    assert _residents(demo_db) == good.residents + 20
    demo_db.dispose()
    newest = list_backups(datadir.backups)[0]  # the one made before that import
    assert newest.reason == "before-import" and newest.residents == good.residents
    zero_a_resident_page(datadir.db_path)
    damaged_db, _info = open_office(datadir)  # it still opens: the damage is in one table
    broken = check_database(damaged_db)
    damaged_db.dispose()
    assert not broken.healthy and "resident" in broken.problems[0][0]
    assert "restore latest" in broken.problems[-1][0]

    done = restore(datadir, "latest")

    assert done.source == newest.path and done.residents == newest.residents
    assert done.kept.reason == "before-restore" and done.kept.ok is False  # kept aside
    db, _info = open_office(datadir)
    try:
        assert check_database(db).healthy
        assert _residents(db) == newest.residents
    finally:
        db.dispose()
    # the damaged copy stays listed, and is never what `latest` means
    assert backups.latest_good(list_backups(datadir.backups), COMMUNITY_CODE) == newest


def test_a_restore_keeps_the_current_database_and_can_be_undone(
    demo_db: Database, datadir: DataDir, tmp_path: Path
) -> None:
    from app.core.registry.roster_import import import_roster

    first = make_backup(datadir).backup
    import_roster(demo_db, _roster(tmp_path / "more.csv", 7))
    now = _residents(demo_db)
    demo_db.dispose()
    done = restore(datadir, first.path)
    assert done.kept.ok is True and done.kept.residents == now
    db, _info = open_office(datadir)
    assert _residents(db) == first.residents
    db.dispose()
    restore(datadir, done.kept.path)  # back to where it was
    db, _info = open_office(datadir)
    try:
        assert _residents(db) == now
    finally:
        db.dispose()


@pytest.fixture
def other_office(tmp_path: Path) -> DataDir:
    folder = DataDir(tmp_path / "other")
    init_office(folder, "community", "420106001002", "另一社区", STREET_CODE)
    return folder


def _digest(path: Path) -> bytes:
    import hashlib

    return hashlib.sha256(path.read_bytes()).digest()


def test_refused_backups_change_nothing(
    demo_db: Database, datadir: DataDir, other_office: DataDir, tmp_path: Path
) -> None:
    demo_db.dispose()
    foreign = make_backup(other_office).backup
    newer = tmp_path / "newer.sqlite3"
    mine = make_backup(datadir).backup
    newer.write_bytes(mine.path.read_bytes())
    conn = sqlite3.connect(newer)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(mine.path.read_bytes())
    zero_a_resident_page(damaged)
    not_a_db = tmp_path / "notes.sqlite3"
    not_a_db.write_bytes(b"not a database" * 1000)

    before = _digest(datadir.db_path)
    listed = [b.path for b in list_backups(datadir.backups)]
    for source, words in (
        (foreign.path, ("另一个机构", "420106001002")),
        (newer, ("更新版本", "9999")),
        (damaged, ("未通过检查",)),
        (not_a_db, ("无法读取",)),
        (tmp_path / "absent.sqlite3", ("找不到",)),
        (datadir.db_path, ("当前的数据库",)),
    ):
        with pytest.raises(RestoreRefused) as refused:
            restore(datadir, source)
        assert all(w in refused.value.zh for w in words), refused.value.zh
        assert "\n" not in refused.value.zh
        assert _digest(datadir.db_path) == before
        assert [b.path for b in list_backups(datadir.backups)] == listed  # nothing kept aside
    assert not list((datadir.root / "tmp").rglob("*.sqlite3"))


def test_restore_with_nothing_to_restore_is_refused(other_office: DataDir) -> None:
    for b in list_backups(other_office.backups):
        b.path.unlink()
    with pytest.raises(RestoreRefused, match="没有可以恢复"):
        restore(other_office, "latest")


def test_restore_is_refused_while_another_connection_has_the_database(
    demo_db: Database, datadir: DataDir
) -> None:
    mine = make_backup(datadir).backup
    with demo_db.reading() as session:  # a window holding the database open
        session.execute(text("SELECT 1"))
        with pytest.raises(DatabaseProblem, match="占用"):
            restore(datadir, mine.path)
    demo_db.dispose()


def test_a_restore_suspends_the_callers_database(demo_db: Database, datadir: DataDir) -> None:
    from app.errors import GridDeskError

    mine = make_backup(datadir).backup
    seen: list[str] = []
    why = GridDeskError("正在恢复", "restoring")

    def release():  # as the window does: its own connections closed around the replacement
        seen.append("released")
        return demo_db.suspended(why)

    restore(datadir, mine.path, release=release)
    assert seen == ["released"]
    assert _residents(demo_db) == mine.residents  # usable again afterwards

    with demo_db.suspended(why), pytest.raises(GridDeskError, match="正在恢复"):
        _residents(demo_db)


def test_an_older_backup_is_upgraded_as_it_is_restored(tmp_path: Path) -> None:
    from tests.db.test_migrations import CODE, make_0001_database

    folder = DataDir(tmp_path / "old")
    make_0001_database(folder.db_path)
    db, _info = open_office(folder)  # upgraded, with a backup at revision 0001 first
    db.dispose()
    old = next(b for b in list_backups(folder.backups) if b.reason == "before-upgrade")
    assert old.revision == "0001" and old.office_code == CODE

    done = restore(folder, old.path)
    db, _info = open_office(folder)
    try:
        assert check_database(db).healthy and "migration" in done.checked
        assert _residents(db) == 3
    finally:
        db.dispose()


def test_fill_demo_is_not_an_import(db: Database, datadir: DataDir) -> None:
    before = _reasons(datadir)
    with db.session(note="demo") as session:
        fill_demo(session, 50)
    assert _reasons(datadir) == before


def test_a_database_moved_away_by_hand_comes_back_from_its_backups(
    demo_db: Database, datadir: DataDir
) -> None:
    good = make_backup(datadir).backup
    demo_db.dispose()
    datadir.db_path.rename(datadir.root / "moved-away.sqlite3")  # as the old guide said to do
    done = restore(datadir, "latest")
    assert done.kept is None and done.residents == good.residents
    db, _info = open_office(datadir)
    try:
        assert check_database(db).healthy and _residents(db) == good.residents
    finally:
        db.dispose()
