"""`--version` as a clerk reads it out before and after an upgrade: the version, the schema
revision, the data folder and the office there — without a password and without writing a thing
into the folder."""

from __future__ import annotations

from pathlib import Path

from app import __version__
from app.core.office.datadir import DataDir
from app.core.office.setup import init_office
from app.db import driver
from app.db.revision import SCHEMA_HEAD
from tests.e2e.conftest import CJK, COMMUNITY, INIT, NAME, griddesk, griddesk_process
from tests.e2e.conftest import STREET as PARENT


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under `folder` with its size and modification time."""
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in folder.rglob("*")
    }


def lines_of(home: Path, data: Path | None, *more: str, lang: str | None = None) -> list[str]:
    run = griddesk(home, data, "--version", *more, lang=lang)
    assert run.code == 0, run.err
    assert run.err == ""
    lines = run.out.splitlines()
    assert lines[0] == f"GridDesk {__version__}"
    return lines


def test_a_folder_not_set_up(home: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert lines_of(home, data) == [
        f"GridDesk {__version__}",
        f"数据库结构版本 {SCHEMA_HEAD}",
        f"数据文件夹 {data}",
        "机构 未设置",
    ]
    assert not data.exists()  # not made, not even for a log


def test_the_folder_from_the_environment_and_the_demo(home: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    run = griddesk_process(home, None, "--version", env={"GRIDDESK_DATA_DIR": str(elsewhere)})
    assert run.code == 0, run.err
    assert run.out.splitlines()[0] == f"GridDesk {__version__}"
    assert f"数据文件夹 {elsewhere}" in run.out.splitlines()
    demo = lines_of(home, None, "--demo")
    assert demo[2] == f"数据文件夹 {home / 'data' / 'GridDesk' / 'demo'}"
    assert not (home / "data" / "GridDesk").exists()


def test_a_plain_office(home: Path, tmp_path: Path) -> None:
    data = tmp_path / "street"
    init_office(DataDir(data), "street-office", PARENT, "水果湖街道")  # no users: not encrypted
    before = snapshot(data)
    assert lines_of(home, data)[1:] == [
        f"数据库结构版本 {SCHEMA_HEAD}",
        f"数据文件夹 {data}",
        f"机构 水果湖街道（街道办，代码 {PARENT}）",
    ]
    assert snapshot(data) == before  # no -wal, -shm, log or lock file left behind


def test_an_office_of_an_earlier_version_is_told_of_its_upgrade(home: Path, tmp_path: Path) -> None:
    data = tmp_path / "old"
    init_office(DataDir(data), "community", COMMUNITY, NAME, PARENT)
    conn = driver.connect(data / "griddesk.sqlite3", key=driver.PLAIN)
    conn.execute("UPDATE alembic_version SET version_num = '0015'")
    conn.commit()
    conn.close()
    before = snapshot(data)
    lines = lines_of(home, data)
    assert lines[1] == f"数据库结构版本 {SCHEMA_HEAD}（此文件夹的数据库为 0015，下次启动时升级）"
    assert lines[3] == f"机构 {NAME}（社区，代码 {COMMUNITY}）"
    assert snapshot(data) == before  # the upgrade waits for the next start; nothing done here


def test_an_encrypted_office_needs_no_password(home: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert griddesk(home, data, *INIT).code == 0  # its first administrator: encrypted
    before = snapshot(data)
    # run with no user named: a command that signs in would be refused (SignInNeeded)
    run = griddesk_process(home, data, "--version", env={"GRIDDESK_USER": ""})
    assert run.code == 0, run.err
    assert run.out.splitlines()[1:] == [
        f"数据库结构版本 {SCHEMA_HEAD}",
        f"数据文件夹 {data}",
        f"机构 {NAME}（社区，代码 {COMMUNITY}）",
    ]
    assert snapshot(data) == before


def test_an_encrypted_office_renamed_shows_its_new_name(home: Path, tmp_path: Path) -> None:
    """The keyring's plain copy of the office follows `office set` (and the window's 本机构信息),
    so the sign-in dialog, 关于 and --version never show the name it was set up with."""
    data = tmp_path / "data"
    assert griddesk(home, data, *INIT).code == 0
    assert griddesk(home, data, "office", "set", "--name", "幸福里东社区").code == 0
    assert lines_of(home, data)[3] == f"机构 幸福里东社区（社区，代码 {COMMUNITY}）"


def test_in_english(home: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert griddesk(home, data, *INIT).code == 0
    lines = lines_of(home, data, lang="en")
    assert lines[1:] == [
        f"Database schema revision {SCHEMA_HEAD}",
        f"Data folder {data}",
        f"Office {NAME} (community, code {COMMUNITY})",
    ]
    assert not CJK.search("\n".join(lines).replace(NAME, ""))
    assert lines_of(home, tmp_path / "empty", lang="en")[3] == "Office not set up"
