"""Signing in, the keyring and users: what a wrong password, an unknown or a disabled user get, the
growing delay, the recovery key, a copied wrapper, and who may manage users."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.core.office.datadir import DataDir
from app.core.trust import keyring as keyring_module
from app.core.trust import signin
from app.core.trust.keyring import Keyring, RecoveryFailed, SignInFailed, parse_recovery_key
from app.core.trust.roles import NotPermitted, Role
from app.core.trust.users import add_user, list_users, reset_password, set_active, set_role
from app.db import driver
from app.errors import InvalidInput

CODE, NAME, STREET = "420106001001", "幸福里社区", "420106001"
ADMIN, PASSWORD = "zhang.admin", "Admin-pass-2026"


@pytest.fixture
def office(tmp_path: Path) -> tuple[DataDir, str]:
    datadir = DataDir(tmp_path / "office")
    _info, recovery = signin.setup_with_admin(
        datadir, "community", CODE, NAME, STREET, ADMIN, PASSWORD
    )
    yield datadir, recovery
    driver.forget_key(datadir.root)


def _sign_in(datadir: DataDir, name: str = ADMIN, password: str = PASSWORD) -> signin.Access:
    return signin.sign_in(datadir, name, password, daily_backup=False)


def test_the_right_password_opens_the_office_as_that_user(office: tuple[DataDir, str]) -> None:
    datadir, _ = office
    access = _sign_in(datadir)
    try:
        assert access.principal is not None and access.principal.role is Role.ADMIN
        assert access.info.code == CODE
        with access.db.reading() as session:
            assert [u.name for u in list_users(session)] == [ADMIN]
    finally:
        access.close()


def test_wrong_password_unknown_and_disabled_user_get_one_answer(
    office: tuple[DataDir, str],
) -> None:
    datadir, _ = office
    access = _sign_in(datadir)
    with access.db.session() as session:
        assert access.ring is not None and access.key is not None
        add_user(session, access.ring, access.key, "li.staff", Role.STAFF, "Staff-pass-2026")
        set_active(session, "li.staff", False)
    access.close()
    messages = []
    for name, password in (
        (ADMIN, "not-the-password"),
        ("nobody", PASSWORD),
        ("li.staff", "Staff-pass-2026"),
    ):
        with pytest.raises(SignInFailed) as caught:
            _sign_in(datadir, name, password)
        messages.append((caught.value.zh, caught.value.en))
        assert driver.key_for(datadir.db_path) is None  # nothing stays unlocked
    assert len(set(messages)) == 1


def test_failures_are_counted_delayed_and_audited_at_the_next_sign_in(
    office: tuple[DataDir, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    datadir, _ = office
    waited: list[float] = []
    monkeypatch.setattr(keyring_module, "sleep", waited.append)
    for _ in range(5):
        with pytest.raises(SignInFailed):
            _sign_in(datadir, ADMIN, "wrong-password")
    assert waited == [1.0, 2.0]  # the 4th and 5th attempts waited, longer each time
    access = _sign_in(datadir)
    try:
        with access.db.reading() as session:
            from app.core.trust.audit import entries

            kinds = [e.kind for e in entries(session)]
        assert kinds.count("sign-in-failed") == 5
        assert kinds[-1] == "sign-in"
    finally:
        access.close()
    # a good sign-in clears the count: the next mistake is answered at once
    waited.clear()
    with pytest.raises(SignInFailed):
        _sign_in(datadir, ADMIN, "wrong-again")
    assert waited == []


def test_a_wrapper_copied_to_another_name_does_not_open(office: tuple[DataDir, str]) -> None:
    datadir, _ = office
    path = Keyring.path_in(datadir.keys)
    data = json.loads(path.read_text("utf-8"))
    data["users"]["intruder"] = data["users"][ADMIN]  # the admin's wrapper under a new name
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(SignInFailed):
        Keyring.load(datadir.keys).unlock("intruder", PASSWORD)


def test_weakened_parameters_do_not_open_the_wrapper(office: tuple[DataDir, str]) -> None:
    datadir, _ = office
    path = Keyring.path_in(datadir.keys)
    data = json.loads(path.read_text("utf-8"))
    data["users"][ADMIN]["m"] = 8  # lower than it was made with
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(SignInFailed):
        Keyring.load(datadir.keys).unlock(ADMIN, PASSWORD)


def test_the_recovery_key_resets_the_administrators_password(
    office: tuple[DataDir, str], tmp_path: Path
) -> None:
    datadir, recovery = office
    sheet = f"GridDesk 恢复密钥单\n机构：{NAME}\n\n{recovery.lower()}\n请放入保险柜\n"
    assert signin.recover(datadir, sheet, "New-admin-pass-1") == ADMIN
    with pytest.raises(SignInFailed):
        _sign_in(datadir)
    _sign_in(datadir, ADMIN, "New-admin-pass-1").close()
    wrong = recovery[:-4] + ("AAAA" if not recovery.endswith("AAAA") else "BBBB")
    with pytest.raises(RecoveryFailed):
        signin.recover(datadir, wrong, "Other-pass-2026")
    with pytest.raises(RecoveryFailed):
        parse_recovery_key("not a key at all")


@pytest.mark.parametrize("day", range(1, 11))
def test_the_printed_sheet_gives_back_its_key_whatever_the_date_on_it(
    monkeypatch: pytest.MonkeyPatch, day: int
) -> None:
    """The sheet `--recovery-key-out` writes, read back by `users recover`: the date above the
    key ends in a digit the key's alphabet has on most days."""
    from datetime import date

    from app.core.office.peek import OfficeInfo
    from app.core.trust import recovery_sheet

    class _Day(date):
        @classmethod
        def today(cls) -> _Day:
            return cls(2026, 12, day)

    monkeypatch.setattr(recovery_sheet, "date", _Day)
    raw = bytes(range(32))
    info = OfficeInfo(CODE, NAME, "community", STREET)
    lines = recovery_sheet.sheet_lines(info, ADMIN, keyring_module.format_recovery_key(raw))
    assert f"2026-12-{day:02d}" in "\n".join(lines)
    assert parse_recovery_key("\n".join(lines) + "\n") == raw


def test_only_an_administrator_manages_users_and_the_last_one_stays(
    office: tuple[DataDir, str],
) -> None:
    datadir, _ = office
    access = _sign_in(datadir)
    ring, key = access.ring, access.key
    assert ring is not None and key is not None
    with access.db.session() as session:
        add_user(session, ring, key, "wang.view", Role.VIEWER, "Viewer-pass-2026")
        with pytest.raises(InvalidInput, match="网格"):
            add_user(session, ring, key, "gw", Role.GRID_WORKER, "Grid-pass-2026")
        with pytest.raises(InvalidInput):
            set_active(session, ADMIN, False)  # nobody disables themself
        with pytest.raises(InvalidInput):
            set_role(session, ADMIN, Role.STAFF)  # nor takes away their own role
        with pytest.raises(InvalidInput):
            add_user(session, ring, key, "short", Role.STAFF, "1234")  # too short a password
    access.close()
    viewer = _sign_in(datadir, "wang.view", "Viewer-pass-2026")
    try:
        with viewer.db.session() as session:
            assert viewer.ring is not None and viewer.key is not None
            with pytest.raises(NotPermitted):
                list_users(session)
            with pytest.raises(NotPermitted):
                reset_password(session, viewer.ring, viewer.key, ADMIN, "Taken-over-2026")
    finally:
        viewer.close()
    _sign_in(datadir).close()  # the administrator's password was not changed


def test_switching_user_takes_the_new_role(office: tuple[DataDir, str]) -> None:
    datadir, _ = office
    access = _sign_in(datadir)
    with access.db.session() as session:
        assert access.ring is not None and access.key is not None
        add_user(session, access.ring, access.key, "wang.view", Role.VIEWER, "Viewer-pass-2026")
    switched = signin.switch_user(access, "wang.view", "Viewer-pass-2026")
    try:
        assert switched.principal is not None and switched.principal.role is Role.VIEWER
        with switched.db.reading() as session, pytest.raises(NotPermitted):
            list_users(session)
        with pytest.raises(SignInFailed):
            signin.check_unlock(switched, PASSWORD)  # the lock asks the viewer's password now
        signin.check_unlock(switched, "Viewer-pass-2026")
    finally:
        switched.close()


def test_an_office_without_users_gets_its_first_administrator_and_is_encrypted(
    tmp_path: Path,
) -> None:
    from app.core.office.setup import init_office

    datadir = DataDir(tmp_path / "old")
    init_office(datadir, "community", CODE, NAME, STREET)  # as made before users existed
    assert datadir.db_path.read_bytes()[:15] == b"SQLite format 3"
    access = signin.open_unsigned(datadir, daily_backup=False)
    assert access.principal is None
    opened, recovery = signin.add_first_admin(access, ADMIN, PASSWORD)
    try:
        assert opened.principal is not None and opened.principal.role is Role.ADMIN
        assert len(parse_recovery_key(recovery)) == 32
    finally:
        opened.close()
    assert datadir.db_path.read_bytes()[:15] != b"SQLite format 3"
    _sign_in(datadir).close()
