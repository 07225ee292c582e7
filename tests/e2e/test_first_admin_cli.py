"""`users add` at an office made before users existed (an upgraded 0.1.0 office), as a script runs
it: the first user must be an administrator; adding them encrypts the database and shows the
recovery key once, exactly as `init` does (printed, or written with `--recovery-key-out`), and
from then on every command signs in."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import COMMUNITY_CODE, COMMUNITY_NAME, STREET_CODE
from tests.e2e.conftest import PASSWORD, USER, griddesk, griddesk_process, refused

SQLITE_HEADER = b"SQLite format 3\x00"
KEY_LINE = re.compile(r"^[A-Z2-7]{4}(-[A-Z2-7]{1,4})+$", re.MULTILINE)
NEW_PASSWORD = {"GRIDDESK_NEW_PASSWORD": PASSWORD}


@pytest.fixture(scope="module")
def without_users(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A community with no users, as offices were before them (its database plain)."""
    from app.core.office.datadir import DataDir
    from app.core.office.setup import init_office

    data = tmp_path_factory.mktemp("before-users") / "data"
    init_office(DataDir(data), "community", COMMUNITY_CODE, COMMUNITY_NAME, STREET_CODE)
    return data


@pytest.fixture
def office(without_users: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(without_users, tmp_path / "data"))


def _plain(data: Path) -> bool:
    return (data / "griddesk.sqlite3").read_bytes()[:16] == SQLITE_HEADER


def _has_users(data: Path) -> bool:
    from app.core.office.datadir import DataDir
    from app.core.trust.signin import has_users

    return has_users(DataDir(data))


@pytest.mark.parametrize("role", ["staff", "grid-worker", "viewer"])
def test_the_first_user_must_be_an_administrator(home: Path, office: Path, role: str) -> None:
    run = griddesk_process(
        home, office, "users", "add", "--role", role, "--name", "li", "--grid", "G01",
        env=NEW_PASSWORD,
    )  # fmt: skip
    assert "先添加管理员" in refused(run)
    assert _plain(office) and not _has_users(office)
    english = griddesk(home, office, "users", "add", "--role", role, "--name", "li", lang="en")
    assert "Add an administrator first" in refused(english)


def test_the_first_administrator_encrypts_and_gets_the_recovery_key_that_works(
    home: Path, office: Path, tmp_path: Path
) -> None:
    run = griddesk_process(
        home, office, "users", "add", "--role", "admin", "--name", USER, env=NEW_PASSWORD
    )
    assert run.code == 0, run.err
    assert run.last_word == USER
    [key] = [m.group(0) for m in KEY_LINE.finditer(run.out)]
    assert "恢复密钥" in run.out and not _plain(office) and _has_users(office)
    users = griddesk(home, office, "users", "list", "--json").json()["users"]
    assert [(u["name"], u["role"]) for u in users] == [(USER, "admin")]
    assert griddesk(home, office, "check").code == 0
    # the key printed is the office's: it resets the administrator's password
    sheet = tmp_path / "key.txt"
    sheet.write_text(key, encoding="utf-8")
    recovered = griddesk_process(
        home, office, "users", "recover", "--recovery-key", str(sheet),
        env={"GRIDDESK_NEW_PASSWORD": "Another-pass-2026"},
    )  # fmt: skip
    assert recovered.code == 0, recovered.err
    again = griddesk_process(
        home, office, "stats", "--json", env={"GRIDDESK_PASSWORD": "Another-pass-2026"}
    )
    assert again.code == 0, again.err
    assert refused(griddesk(home, office, "stats"))  # the old password no longer opens it


def test_the_recovery_key_goes_to_the_file_named_not_the_screen(
    home: Path, office: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "recovery.txt"
    run = griddesk_process(
        home, office, "users", "add", "--role", "admin", "--name", USER,
        "--recovery-key-out", str(sheet), env=NEW_PASSWORD,
    )  # fmt: skip
    assert run.code == 0, run.err
    assert str(sheet) in run.out and not KEY_LINE.search(run.out)
    assert "第一个管理员：" + USER in sheet.read_text("utf-8") and not _plain(office)
    # the sheet as written is what `users recover` reads
    recovered = griddesk_process(
        home, office, "users", "recover", "--recovery-key", str(sheet),
        env={"GRIDDESK_NEW_PASSWORD": "Another-pass-2026"},
    )  # fmt: skip
    assert recovered.code == 0, recovered.err


def test_a_second_first_administrator_is_not_made(home: Path, office: Path) -> None:
    first = griddesk_process(
        home, office, "users", "add", "--role", "admin", "--name", USER, env=NEW_PASSWORD
    )
    assert first.code == 0, first.err
    # an ordinary `users add` now, signed in as that administrator: no second recovery key
    second = griddesk_process(
        home, office, "users", "add", "--role", "staff", "--name", "li", env=NEW_PASSWORD
    )
    assert second.code == 0, second.err
    assert not KEY_LINE.search(second.out) and "恢复密钥" not in second.out
    users = griddesk(home, office, "users", "list", "--json").json()["users"]
    assert {u["name"]: u["role"] for u in users} == {USER: "admin", "li": "staff"}
