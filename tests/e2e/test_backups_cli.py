"""`main.py backup …` and `main.py restore …` run as commands, as CLI.md ("Backups") describes
them: a database damaged as a tester damaged it is found by `check` and brought back whole by
`restore latest`; backups of another office or a newer program are refused without a change; and
SIGKILL at any moment of a backup or a restore leaves the old database or the restored one, never
a mix."""

from __future__ import annotations

import json
import random
import shutil
import signal
import time
from pathlib import Path

import pytest

from tests.conftest import zero_a_resident_page
from tests.e2e.conftest import (
    COMMUNITY,
    STREET,
    connect,
    db_key,
    digest,
    griddesk,
    griddesk_process,
    refused,
    start,
)

OTHER = "420106001002"
DEMO_RESIDENTS = 20_000


def residents(home: Path, data: Path) -> int:
    run = griddesk(home, data, "stats", "--json")
    assert run.code == 0, run.err
    return int(json.loads(run.out)["residents"])


def listed(home: Path, data: Path) -> list[dict[str, object]]:
    run = griddesk(home, data, "backup", "list", "--json")
    assert run.code == 0, run.err
    return list(json.loads(run.out)["backups"])


def _roster(path: Path, n: int) -> Path:
    from datetime import date

    from app.core.registry.idnumber import make

    lines = ["姓名,身份证号,性别,联系电话,楼栋,单元,门牌号,与户主关系"]
    for i in range(n):
        number = make("420106", date(1950 + i % 50, 1 + i % 12, 1 + i % 28), 500 + i, "F")
        lines.append(f"新居民{i},{number},女,,99栋,1单元,{100 + i},户主")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A community of 20,000 residents with a manual backup, then 50 residents more imported
    (a backup made before the import); and another community with a backup of its own."""
    tmp = tmp_path_factory.mktemp("backups")
    home, community, other = tmp / "home", tmp / "C", tmp / "O"
    home.mkdir()
    assert griddesk(home, community, "init", "--role", "community", "--code", COMMUNITY,
                    "--name", "幸福里社区", "--parent-code", STREET).code == 0  # fmt: skip
    assert griddesk(home, community, "demo", "--residents", str(DEMO_RESIDENTS)).code == 0
    assert griddesk(home, community, "backup").code == 0
    imported = griddesk(home, community, "import", "residents", str(_roster(tmp / "r.csv", 50)))
    assert imported.code == 0, imported.err
    assert griddesk(home, other, "init", "--role", "community", "--code", OTHER,
                    "--name", "另一社区", "--parent-code", STREET).code == 0  # fmt: skip
    foreign = griddesk(home, other, "backup")
    assert foreign.code == 0, foreign.err
    return {"home": home, "C": community, "O": other, "foreign": Path(foreign.last_word)}


@pytest.fixture
def community(made: dict[str, Path], tmp_path: Path) -> Path:
    copy = tmp_path / "C"
    shutil.copytree(made["C"], copy)
    return copy


def test_backup_prints_its_path_last_and_lists_it(made, community, tmp_path) -> None:
    home = made["home"]
    stick = tmp_path / "usb"
    stick.mkdir()
    run = griddesk(home, community, "backup", "--to", str(stick))
    assert run.code == 0, run.err
    path = Path(run.last_word)
    assert path.parent == community / "backups" and path.is_file()
    copy = stick / path.name
    assert str(copy) in run.out and digest(copy) == digest(path)  # the copy printed, whole
    assert not [p for p in stick.iterdir() if "partial" in p.name]

    entries = listed(home, community)
    assert entries[0]["path"] == str(path)
    assert entries[0]["reason"] == "manual" and entries[0]["ok"] is True
    assert entries[0]["residents"] == residents(home, community) == DEMO_RESIDENTS + 50
    assert {"path", "created_at", "reason", "residents", "households", "ok"} <= set(entries[0])
    stamps = [str(e["created_at"]) for e in entries]
    assert stamps == sorted(stamps, reverse=True)  # newest first
    assert {"manual", "before-import", "daily"} <= {e["reason"] for e in entries}


def _overwrite_8k_mid_file(db: Path) -> None:
    size = db.stat().st_size
    with open(db, "r+b") as fh:
        fh.seek(size // 2 // 4096 * 4096)
        fh.write(random.Random(size).randbytes(8192))


@pytest.mark.parametrize("damage", ["overwrite-8k", "zero-resident-page", "first-page"])
def test_check_finds_the_damage_and_restore_latest_repairs_it(made, community, damage) -> None:
    """…including a first page overwritten, which leaves an encrypted file that the office's own
    key does not open (as another office's file would not): restored all the same."""
    home = made["home"]
    db = community / "griddesk.sqlite3"
    assert not (community / "griddesk.sqlite3-wal").exists()  # every command closed it cleanly
    if damage == "overwrite-8k":
        _overwrite_8k_mid_file(db)
    elif damage == "first-page":
        with open(db, "r+b") as fh:
            fh.write(b"\xff" * 4096)
    else:
        zero_a_resident_page(db, db_key(community))

    check = griddesk(home, community, "check")
    assert check.code == 1
    assert "restore latest" in check.err and "损坏" in check.err
    if damage == "zero-resident-page":
        assert "resident" in check.err  # the damaged table named

    run = griddesk(home, community, "restore", "latest")
    assert run.code == 0, run.err
    assert "Traceback" not in run.err
    assert griddesk(home, community, "check").code == 0
    entries = listed(home, community)
    latest = next(e for e in entries if e["ok"] and e["reason"] != "before-restore")
    assert latest["reason"] == "before-import"
    assert residents(home, community) == latest["residents"] == DEMO_RESIDENTS
    kept = entries[0]  # the damaged database, kept aside and listed
    assert kept["reason"] == "before-restore" and kept["ok"] is False
    assert Path(str(kept["path"])).is_file()


def test_a_database_that_does_not_open_is_restored_by_an_administrator_only(
    made, community
) -> None:
    """The database will not open, so a user's role cannot be read there: the password alone lets
    them see the backups, and the backup chosen must show them an active administrator. A staff
    member's password restores nothing; the administrator's does."""
    home = made["home"]
    clerk = {"GRIDDESK_USER": "clerk", "GRIDDESK_PASSWORD": "Clerk-password-2026"}
    added = griddesk_process(home, community, "users", "add", "--name", "clerk", "--role", "staff",
                             env={"GRIDDESK_NEW_PASSWORD": clerk["GRIDDESK_PASSWORD"]})  # fmt: skip
    assert added.code == 0, added.err
    assert griddesk(home, community, "backup").code == 0  # a backup that knows the clerk
    db = community / "griddesk.sqlite3"
    with open(db, "r+b") as fh:
        fh.write(b"\xff" * 4096)
    before = digest(db)
    line = refused(griddesk_process(home, community, "restore", "latest", env=clerk))
    assert "clerk" in line and "管理员" in line
    assert digest(db) == before
    assert griddesk(home, community, "restore", "latest").code == 0  # the administrator
    assert griddesk(home, community, "check").code == 0


def test_another_office_or_a_newer_program_is_refused(made, community, tmp_path) -> None:
    home = made["home"]
    db = community / "griddesk.sqlite3"
    newer = tmp_path / "newer.sqlite3"
    shutil.copyfile(Path(str(listed(home, community)[0]["path"])), newer)
    conn = connect(community, newer)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    before, count = digest(db), len(listed(home, community))
    # another office's backup is encrypted with its key: this office cannot even read whose it is
    for source, word in ((made["foreign"], "另一个机构"), (newer, "9999")):
        line = refused(griddesk(home, community, "restore", str(source)))
        assert word in line
        assert digest(db) == before
        assert len(listed(home, community)) == count


def test_a_damaged_database_is_not_backed_up(made, community) -> None:
    home = made["home"]
    before = sorted(p.name for p in (community / "backups").iterdir())
    zero_a_resident_page(community / "griddesk.sqlite3", db_key(community))
    line = refused(griddesk(home, community, "backup"))
    assert "没有保存为备份" in line and "restore latest" in line
    assert sorted(p.name for p in (community / "backups").iterdir()) == before


def test_a_server_office_is_told_to_use_pg_dump(made, tmp_path) -> None:
    home = made["home"]
    folder = tmp_path / "district"
    for sub in ("backups", "keys", "logs"):
        (folder / sub).mkdir(parents=True)
    (folder / "database-url.txt").write_text("postgresql+psycopg://u@/district\n")
    for args in (("backup",), ("backup", "list", "--json"), ("restore", "latest")):
        assert "pg_dump" in refused(griddesk(home, folder, *args))


# --- killed at random moments ----------------------------------------------------------------


def _integrity(data: Path, file: Path | None = None) -> int:
    """The office's database (or `file`, a backup of it) passes SQLite's checks; its residents."""
    conn = connect(data, file)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        return int(
            conn.execute(
                "SELECT count(*) FROM resident WHERE deleted_at IS NULL AND status = 'active'"
            ).fetchone()[0]
        )
    finally:
        conn.close()


def _newest_audit_action(data: Path) -> str:
    conn = connect(data)
    try:
        return str(conn.execute("SELECT action FROM audit_log ORDER BY id DESC").fetchone()[0])
    finally:
        conn.close()


def _kill_during(home: Path, data: Path, args: tuple[str, ...], delay: float) -> int:
    proc = start(home, data, *args)
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    return proc.wait()


def test_backup_killed_at_random_moments(made, tmp_path) -> None:
    """SIGKILL during `backup`, several times: the database untouched, every backup listed
    whole and checked, and the next backup works."""
    home = made["home"]
    rng = random.Random(20200123)
    data = tmp_path / "C"
    codes = set()
    for _round in range(8):
        shutil.rmtree(data, ignore_errors=True)
        shutil.copytree(made["C"], data)
        before = digest(data / "griddesk.sqlite3")
        codes.add(_kill_during(home, data, ("backup",), rng.uniform(0.1, 0.8)))
        assert _integrity(data) == DEMO_RESIDENTS + 50
        if digest(data / "griddesk.sqlite3") != before:
            # the kill landed after the backup was made and written to the audit trail: that row
            # is the only change a backup makes to the database
            assert _newest_audit_action(data) == "backup"
        for entry in listed(home, data):  # whatever is listed as a backup is whole
            if entry["ok"]:
                assert _integrity(data, Path(str(entry["path"]))) == entry["residents"]
        assert griddesk(home, data, "check").code == 0
        again = griddesk(home, data, "backup")
        assert again.code == 0, again.err
    assert -signal.SIGKILL in codes  # at least one kill landed before the end


def test_restore_killed_at_random_moments(made, tmp_path) -> None:
    """SIGKILL during `restore latest`, several times: the old database or the restored one,
    whole, `check` passing; and restoring again finishes the job."""
    home = made["home"]
    rng = random.Random(11643)
    data = tmp_path / "C"
    outcomes = set()
    for _round in range(8):
        shutil.rmtree(data, ignore_errors=True)
        shutil.copytree(made["C"], data)
        _kill_during(home, data, ("restore", "latest"), rng.uniform(0.2, 1.5))
        found = _integrity(data)
        assert found in (DEMO_RESIDENTS + 50, DEMO_RESIDENTS), found  # old, or restored
        outcomes.add(found)
        check = griddesk(home, data, "check")
        assert check.code == 0, check.err
        again = griddesk(home, data, "restore", "latest")
        assert again.code == 0, again.err
        assert residents(home, data) == DEMO_RESIDENTS
    assert DEMO_RESIDENTS + 50 in outcomes  # at least one kill landed before the replacement
