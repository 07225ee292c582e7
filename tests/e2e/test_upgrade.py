"""The upgrade from the previous release, GridDesk 0.1.0 (schema 0015, no users, a plain SQLite
database), with the data folders that release made (tests/fixtures/release_0_1_0, made by its
make_fixture.py): a community with the demo's 300 residents, and its street office, which has
imported the community's first package but not its second.

This program opens the community: a backup first (the 0015 database, as it was), the migrations to
head, `check` passing, the counts as 0.1.0 counted them; its first administrator encrypts it, the
counts unchanged. A package of the upgraded community is refused by the street office still on
0.1.0 with the format's "请升级本程序" and nothing changed there; once the street office is upgraded
it imports the community's package made by 0.1.0 and the new one. The upgraded street office's
return package reaches the upgraded community and is refused by a community still on 0.1.0.

0.1.0 itself runs as a process from the fixture's program.tar.xz (no tag needed) with this
interpreter; this program runs in-process (tests/e2e/conftest.py).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import (
    COMMUNITY,
    PASSWORD,
    ROOT,
    TIMEOUT,
    USER,
    Run,
    connect,
    digest,
    env_for,
    griddesk,
    refused,
)

FIXTURE = ROOT / "tests" / "fixtures" / "release_0_1_0"
RECORDED: dict[str, Any] = json.loads((FIXTURE / "recorded.json").read_text("utf-8"))
SQLITE_HEADER = b"SQLite format 3\x00"
COUNTED = ("households", "residents", "grids", "buildings", "vulnerable", "unassigned_households")
DIRECTIVE = "统计独居老人"


def unpack(archive: Path, into: Path) -> None:
    with tarfile.open(archive) as tar:
        if hasattr(tarfile, "data_filter"):  # Python 3.11.4 and later
            tar.extractall(into, filter="data")
        else:  # Debian 12's Python 3.11.2: the archive is this project's own fixture
            tar.extractall(into)


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The fixture unpacked: 0.1.0's program, and its two data folders with a spare copy of the
    community to stay on 0.1.0."""
    base = tmp_path_factory.mktemp("release_0_1_0")
    unpack(FIXTURE / "program.tar.xz", base / "program")
    unpack(FIXTURE / "data.tar.xz", base)
    shutil.copytree(base / "community", base / "community-on-0.1.0")
    return {
        "program": base / "program",
        "community": base / "community",
        "street": base / "street",
        "old community": base / "community-on-0.1.0",
        "pending": base / RECORDED["pending_package"],
        "out": base,
    }


def old(release: dict[str, Path], home: Path, data: Path, *args: str) -> Run:
    """0.1.0's `python main.py --data-dir DATA ARGS…`, run as a process from its own folder."""
    env = {**env_for(home), "PYTHONPATH": str(release["program"])}
    proc = subprocess.run(
        [sys.executable, "main.py", "--data-dir", str(data), *args],
        cwd=release["program"],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=TIMEOUT,
    )
    return Run(proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8"))


def with_new_password(home: Path, data: Path, *args: str) -> Run:
    """A command run in-process with GRIDDESK_NEW_PASSWORD set to the e2e administrator's, the
    password wrapped with a cheap argon2id as tests/conftest.py has it for each test (a module's
    fixture is made before that)."""
    from app.core.trust import keyring
    from tests.e2e import conftest as harness

    plain = harness.env_for
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(harness, "env_for", lambda h: {**plain(h), "GRIDDESK_NEW_PASSWORD": PASSWORD})
        patch.setattr(keyring, "KDF", keyring.KdfParams(memory_kib=1024, time_cost=1))
        return griddesk(home, data, *args)


def counts(stats: dict[str, Any]) -> dict[str, Any]:
    return {k: stats[k] for k in (*COUNTED, "by_residency", "by_tag")}


def plain_revision(file: Path) -> str:
    """The schema revision of a plain SQLite file, read with the standard library alone."""
    assert file.read_bytes()[:16] == SQLITE_HEADER, file
    conn = sqlite3.connect(f"file:{file}?mode=ro", uri=True)
    try:
        return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        conn.close()


def before_upgrade(home: Path, data: Path) -> list[dict[str, Any]]:
    run = griddesk(home, data, "backup", "list", "--json")
    return [b for b in run.json()["backups"] if b["reason"] == "before-upgrade"]


@pytest.fixture(scope="module")
def community_opened(home: Path, release: dict[str, Path]) -> dict[str, Any]:
    """The 0.1.0 community opened by this program (its first command), as it was then: no users."""
    data = release["community"]
    stats = griddesk(home, data, "stats", "--json")
    backups = before_upgrade(home, data)
    return {
        "stats": stats,
        "backups": backups,
        "backup revisions": [plain_revision(Path(b["path"])) for b in backups],
        "revision": plain_revision(data / "griddesk.sqlite3"),
        "check": griddesk(home, data, "check"),
    }


@pytest.fixture(scope="module")
def community_admin(home: Path, release: dict[str, Path], community_opened: Any) -> dict[str, Any]:
    """Its first administrator added headless (the e2e administrator every later command signs
    in as): the database encrypted."""
    data = release["community"]
    added = with_new_password(home, data, "users", "add", "--role", "admin", "--name", USER)
    return {
        "added": added,
        "check": griddesk(home, data, "check"),
        "stats": griddesk(home, data, "stats", "--json"),
        "users": griddesk(home, data, "users", "list", "--json"),
    }


@pytest.fixture(scope="module")
def new_package(home: Path, release: dict[str, Path], community_admin: Any) -> Path:
    """A package of the upgraded community holding a resident's request (new in 0.2.0)."""
    data = release["community"]
    logged = griddesk(home, data, "requests", "add", "--category", "medical", "--text", "送药")
    assert logged.code == 0, logged.err
    exported = griddesk(home, data, "exchange", "export", "--out", str(release["out"]))
    assert exported.code == 0, exported.err
    return Path(exported.last_word)


@pytest.fixture(scope="module")
def old_street_refusal(home: Path, release: dict[str, Path], new_package: Path) -> dict[str, Any]:
    """The street office, still on 0.1.0, given the upgraded community's package."""
    db = release["street"] / "griddesk.sqlite3"
    before = digest(db)
    run = old(release, home, release["street"], "exchange", "import", str(new_package))
    return {"run": run, "unchanged": digest(db) == before}


@pytest.fixture(scope="module")
def street_upgraded(
    home: Path, release: dict[str, Path], new_package: Path, old_street_refusal: Any
) -> dict[str, Any]:
    """The street office opened by this program, importing the package 0.1.0 made and left
    pending, and the upgraded community's."""
    data = release["street"]
    imported = griddesk(home, data, "exchange", "import", str(release["pending"]), str(new_package))
    return {
        "imported": imported,
        "backups": before_upgrade(home, data),
        "stats": griddesk(home, data, "stats", "--json"),
        "stock": griddesk(home, data, "supplies", "stock", "--json"),
        "requests": griddesk(home, data, "report", "requests", "--json"),
        "check": griddesk(home, data, "check"),
        "community": griddesk(home, release["community"], "stats", "--json"),
    }


@pytest.fixture(scope="module")
def return_package(home: Path, release: dict[str, Path], street_upgraded: Any) -> Path:
    """A task from the upgraded street office to the community, in its next return package."""
    data = release["street"]
    added = griddesk(
        home, data, "directive", "add", "--kind", "task", "--to", COMMUNITY,
        "--title", DIRECTIVE, "--text", "请核实辖区独居老人名单。",
    )  # fmt: skip
    assert added.code == 0, added.err
    exported = griddesk(home, data, "exchange", "export", "--out", str(release["out"]))
    assert exported.code == 0, exported.err
    return Path(exported.last_word)


def test_opening_a_0_1_0_community_backs_it_up_first_then_upgrades_it_counts_unchanged(
    community_opened: dict[str, Any],
) -> None:
    from app.db.revision import SCHEMA_HEAD

    opened = community_opened
    assert opened["stats"].code == 0, opened["stats"].err
    [backup] = opened["backups"]
    assert backup["ok"] is True and backup["residents"] == RECORDED["community"]["residents"]
    assert opened["backup revisions"] == [RECORDED["schema_revision"]]  # the 0.1.0 database
    assert opened["revision"] == SCHEMA_HEAD != RECORDED["schema_revision"]
    assert opened["check"].code == 0, opened["check"].err
    assert counts(opened["stats"].json()) == counts(RECORDED["community"])


def test_the_first_administrator_encrypts_the_upgraded_community_counts_unchanged(
    home: Path,
    release: dict[str, Path],
    community_opened: dict[str, Any],
    community_admin: dict[str, Any],
) -> None:
    added = community_admin["added"]
    assert added.code == 0, added.err
    assert "恢复密钥" in added.out and added.last_word == USER
    data = release["community"]
    assert (data / "griddesk.sqlite3").read_bytes()[:16] != SQLITE_HEADER
    users = community_admin["users"].json()["users"]
    assert [(u["name"], u["role"]) for u in users] == [(USER, "admin")]
    assert community_admin["check"].code == 0, community_admin["check"].err
    assert counts(community_admin["stats"].json()) == counts(RECORDED["community"])
    # the backup of the 0.1.0 database is encrypted too (and one of the upgraded database was
    # made before the encryption), and still that database
    [first] = community_opened["backups"]
    listed = {b["path"]: b for b in before_upgrade(home, data)}
    assert len(listed) == 2 and listed[first["path"]]["ok"] is True
    file = Path(first["path"])
    assert file.read_bytes()[:16] != SQLITE_HEADER
    conn = connect(data, file)
    try:
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        conn.close()
    assert revision == RECORDED["schema_revision"]


def test_the_street_office_on_0_1_0_refuses_the_upgraded_communitys_package_unchanged(
    old_street_refusal: dict[str, Any],
) -> None:
    line = refused(old_street_refusal["run"])
    assert "请升级本程序" in line and "service_request" in line, line
    assert old_street_refusal["unchanged"]


def test_the_upgraded_street_office_imports_the_old_pending_package_and_the_new_one(
    street_upgraded: dict[str, Any],
) -> None:
    up = street_upgraded
    imported = up["imported"]
    assert imported.code == 0, imported.err
    assert "第 2 号数据包" in imported.out and "第 3 号数据包" in imported.out
    assert [b["residents"] for b in up["backups"]] == [RECORDED["street"]["residents"]]
    assert up["check"].code == 0, up["check"].err
    stats, community = up["stats"].json(), up["community"].json()
    assert RECORDED["street"]["grids"] == 3 and RECORDED["community"]["grids"] == 4
    assert counts(stats) == counts(community)  # the new grid came with the pending package
    mine = stats["communities"][COMMUNITY]
    assert (mine["residents"], mine["households"], mine["last_package"]) == (300, 98, 3)
    stock = {i["item"]: i["on_hand"] for i in up["stock"].json()["items"]}
    assert stock == {"口罩": 500}  # received at the community on 0.1.0
    assert up["requests"].json()["received"] == 1  # logged at the community on 0.2.0


def test_the_upgraded_street_offices_return_package_reaches_the_upgraded_community(
    home: Path, release: dict[str, Path], return_package: Path
) -> None:
    data = release["community"]
    run = griddesk(home, data, "exchange", "import", str(return_package))
    assert run.code == 0, run.err
    titles = {d["title"] for d in griddesk(home, data, "directive", "list", "--json").json()
              ["directives"]}  # fmt: skip
    assert {"冬季防火检查", DIRECTIVE} <= titles  # 0.1.0's notice and the new task
    assert griddesk(home, data, "check").code == 0


def test_a_community_still_on_0_1_0_refuses_the_upgraded_street_offices_return_package(
    home: Path, release: dict[str, Path], return_package: Path
) -> None:
    data = release["old community"]
    db = data / "griddesk.sqlite3"
    before = digest(db)
    line = refused(old(release, home, data, "exchange", "import", str(return_package)))
    assert "升级本程序" in line and RECORDED["schema_revision"] in line, line
    assert digest(db) == before


def test_0_1_0_refuses_to_open_the_street_office_this_program_upgraded_unchanged(
    home: Path, release: dict[str, Path], street_upgraded: dict[str, Any]
) -> None:
    data = release["street"]
    db = data / "griddesk.sqlite3"
    before = digest(db)
    line = refused(old(release, home, data, "stats", "--json"))
    assert "更新版本" in line and "未改动" in line, line
    assert digest(db) == before
