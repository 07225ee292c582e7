"""Backups at the file level (app.db.backup): a checked copy with its record, nothing kept of a
database that fails the check, the folder thinned as promised, a restored file never meeting a
stale WAL."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from app.core.office.datadir import DataDir
from app.core.office.stats import office_stats
from app.db import backup as files
from app.db import driver
from app.db.backup import Backup, BackupRefused, checked_backup, list_backups, plan_thinning
from app.errors import DatabaseProblem
from tests.conftest import COMMUNITY_CODE, zero_a_resident_page


def test_a_backup_is_a_checked_whole_copy_with_its_record(demo_db, datadir: DataDir) -> None:
    with demo_db.reading() as session:
        stats = office_stats(session)
    before = {p.name for p in datadir.backups.iterdir()}
    made = checked_backup(datadir.db_path, datadir.backups, "manual")

    assert made.ok is True and made.reason == "manual"
    assert (made.office_code, made.residents, made.households) == (
        COMMUNITY_CODE,
        stats["residents"],
        stats["households"],
    )
    assert made.residents == 300
    new = {p.name for p in datadir.backups.iterdir()} - before
    assert new == {made.path.name, made.path.with_suffix(".json").name}  # nothing half-made left
    conn = driver.connect(made.path)
    try:  # one self-contained file: no WAL needed to read it
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        live = driver.connect(datadir.db_path)
        try:
            count = "SELECT count(*) FROM resident WHERE deleted_at IS NULL AND status = 'active'"
            assert conn.execute(count).fetchone() == live.execute(count).fetchone()
        finally:
            live.close()
    finally:
        conn.close()
    assert not list(made.path.parent.glob(made.path.name + "-*"))
    assert list_backups(datadir.backups)[0] == made


def test_a_damaged_database_gives_no_backup(demo_db, datadir: DataDir) -> None:
    demo_db.dispose()
    before = sorted(p.name for p in datadir.backups.iterdir())
    zero_a_resident_page(datadir.db_path)

    with pytest.raises(BackupRefused) as refused:
        checked_backup(datadir.db_path, datadir.backups, "manual")

    assert "restore latest" in refused.value.zh and "restore latest" in refused.value.en
    assert sorted(p.name for p in datadir.backups.iterdir()) == before  # nothing kept


def test_no_file_no_backup(tmp_path: Path) -> None:
    with pytest.raises(DatabaseProblem, match="pg_dump"):
        checked_backup(tmp_path / "absent.sqlite3", tmp_path / "backups", "manual")
    assert not (tmp_path / "absent.sqlite3").exists()


# --- thinning ------------------------------------------------------------------------------------

NOW = datetime(2026, 12, 7, 18, 0, tzinfo=timezone(timedelta(hours=8)))


def _fake(age: timedelta, ok: bool | None = True, reason: str = "daily") -> Backup:
    when = NOW - age
    return Backup(
        path=Path(f"griddesk-{when:%Y%m%d-%H%M%S}-{reason}.sqlite3"),
        created_at=when,
        reason=reason,
        ok=ok,
    )


def test_thinning_keeps_a_week_of_all_then_weekly_then_monthly() -> None:
    # a backup every day for two years, and a second one on each of the last three days
    daily = [_fake(timedelta(days=d)) for d in range(730)]
    extra = [_fake(timedelta(days=d, hours=3), reason="before-import") for d in range(3)]
    everything = daily + extra
    gone = {b.path for b in plan_thinning(everything, NOW)}
    kept = [b for b in everything if b.path not in gone]

    def newest_of(key: object, of: object) -> datetime:
        return max(b.created_at for b in everything if of(b) == key)  # type: ignore[operator]

    def week(b: Backup) -> tuple[int, int]:
        return tuple(b.created_at.isocalendar()[:2])  # type: ignore[return-value]

    def month(b: Backup) -> tuple[int, int]:
        return (b.created_at.year, b.created_at.month)

    def age(b: Backup) -> timedelta:
        return NOW - b.created_at

    # every backup of the last 7 days, the extra ones of a day too
    assert {b.path for b in everything if age(b) <= timedelta(days=7)} <= {b.path for b in kept}
    # before that, for 8 weeks, each week's newest
    weeks = {week(b) for b in everything if timedelta(days=7) < age(b) <= timedelta(weeks=8)}
    for w in weeks:
        assert any(week(b) == w and b.created_at == newest_of(w, week) for b in kept), w
    # then, for a year, each month's newest, and only that
    months = {month(b) for b in everything if timedelta(weeks=8) < age(b) <= timedelta(days=365)}
    for m in months - {month(b) for b in kept if age(b) <= timedelta(weeks=8)}:
        assert [b.created_at for b in kept if month(b) == m] == [newest_of(m, month)], m
    # whatever is kept beyond 7 days is the newest of its week or of its month
    for b in kept:
        if age(b) > timedelta(days=7):
            assert b.created_at in (newest_of(week(b), week), newest_of(month(b), month))
    # nothing older than a year, and few in all: 11 + at most 8 + at most 13
    assert all(age(b) <= timedelta(days=365) for b in kept)
    assert len(kept) <= 11 + 8 + 13
    assert len(gone) == len(everything) - len(kept)


def test_thinning_never_removes_the_newest_good_one_nor_what_failed() -> None:
    old_good = _fake(timedelta(days=900))
    damaged = _fake(timedelta(days=800), ok=False, reason="before-restore")
    unrecorded = _fake(timedelta(days=700), ok=None, reason="before-upgrade")
    older_good = _fake(timedelta(days=1000))
    assert plan_thinning([old_good, damaged, unrecorded, older_good], NOW) == [older_good]
    assert plan_thinning([], NOW) == []


def test_thin_removes_the_files_and_their_records(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    for age in (0, 400):
        when = NOW - timedelta(days=age)
        path = folder / f"griddesk-{when:%Y%m%d-%H%M%S}-daily.sqlite3"
        path.write_bytes(b"x")
        files.write_json(
            path.with_suffix(".json"),
            {"created_at": when.isoformat(), "reason": "daily", "ok": True},
        )
    gone = files.thin(folder, NOW)
    assert [b.created_at for b in gone] == [NOW - timedelta(days=400)]
    assert sorted(p.name for p in folder.iterdir()) == [
        f"griddesk-{NOW:%Y%m%d-%H%M%S}-daily.json",
        f"griddesk-{NOW:%Y%m%d-%H%M%S}-daily.sqlite3",
    ]


def test_backups_without_a_record_are_listed_as_unchecked(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / "griddesk-20261129-180000-before-0015.sqlite3").write_bytes(b"x")  # older version
    (folder / "griddesk-20261130-180000-manual.sqlite3").write_bytes(b"x")
    listed = list_backups(folder)
    assert [(b.reason, b.ok, b.created_at.day) for b in listed] == [
        ("manual", None, 30),
        ("before-upgrade", None, 29),
    ]


# --- putting a file in place --------------------------------------------------------------------


def _db(path: Path, value: str) -> None:
    conn = driver.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.execute("CREATE TABLE t (v TEXT)")
    conn.execute("INSERT INTO t VALUES (?)", (value,))
    conn.close()


def test_swap_in_never_lets_a_stale_wal_meet_the_new_file(tmp_path: Path) -> None:
    live, new = tmp_path / "live.sqlite3", tmp_path / "new.sqlite3"
    _db(live, "old")
    _db(new, "restored")
    # the live database in WAL mode with committed pages still in its WAL (never checkpointed)
    writer = driver.connect(live, isolation_level=None)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("PRAGMA wal_autocheckpoint=0")
    writer.execute(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500) "
        "INSERT INTO t SELECT 'old-' || i FROM n"
    )
    stale = (tmp_path / "live.sqlite3-wal").read_bytes()
    assert len(stale) > 4096

    with pytest.raises(driver.OperationalError):  # another connection open: refused
        files.swap_in(new, live)
    assert driver.connect(new).execute("SELECT v FROM t").fetchall() == [("restored",)]

    writer.close()
    (tmp_path / "live.sqlite3-wal").write_bytes(stale)  # as a crash leaves it
    files.swap_in(new, live)

    assert not new.exists()
    assert not (tmp_path / "live.sqlite3-wal").exists()
    conn = driver.connect(live)
    try:
        assert conn.execute("SELECT v FROM t").fetchall() == [("restored",)]
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


def test_two_backups_in_the_same_second_never_share_a_file(tmp_path: Path) -> None:
    """Two processes importing at once each back up first: each gets a name of its own."""
    when = NOW
    names = [files.new_name(tmp_path, "before-import", when) for _ in range(3)]
    assert len(set(names)) == 3
    assert all(files.partial_of(n).exists() for n in names)  # reserved, empty
    assert [b.reason for b in list_backups(tmp_path)] == []  # nothing listed until renamed
