"""Signing in, the first administrator, and the recovery key.

An office with users has a keyring (keys/keyring.json). Signing in unwraps the database key with
the user's password, registers it for the data folder (app.db.driver), opens the office and loads
the user from the database: a name the keyring knows but the database does not, or a disabled
user, fails exactly as a wrong password does, and the key is forgotten again. The sign-in and the
failed attempts since the last one are written to the audit trail.

An office without a keyring (made before users existed, or a unit test's) opens as before, with no
signed-in user; the window then asks for its first administrator, and `add_first_admin` encrypts
its database (a checked backup first) under a new key.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from app.core.office.datadir import DataDir
from app.core.office.peek import OfficeInfo
from app.core.trust import audit
from app.core.trust import guard as _guard  # noqa: F401  (a viewer's writes refused at flush)
from app.core.trust.keyring import Keyring, SignInFailed, check_password, normalise_name
from app.core.trust.roles import Principal, Role
from app.db import driver
from app.db.engine import Database
from app.errors import GridDeskError

log = logging.getLogger(__name__)
SQLITE_HEADER = b"SQLite format 3\x00"
DEMO_ADMIN = "demo"
DEMO_PASSWORD = "griddesk-demo"  # the demo's data is invented; its sign-in screen shows this


@dataclass
class Access:
    """An open office and who works in it: the database, its profile, the signed-in user (None in
    an office without users) and, with users, the keyring and the database key (to add users and
    change passwords)."""

    datadir: DataDir
    db: Database
    info: OfficeInfo
    principal: Principal | None = None
    ring: Keyring | None = field(default=None, repr=False)
    key: bytes | None = field(default=None, repr=False)

    def close(self) -> None:
        """Signed out: the database closed and its key forgotten."""
        self.db.dispose()
        if self.key is not None:
            driver.forget_key(self.datadir.root)

    def close_database(self) -> None:
        """The database closed (a backup or a restore works on the file), the key kept."""
        self.db.dispose()


def has_users(datadir: DataDir) -> bool:
    return Keyring.exists(datadir.keys)


def remember_office(datadir: DataDir, info: OfficeInfo) -> None:
    """Keep the office the keyring names (in plain, for the sign-in dialog, 关于 and `--version`
    before anyone has signed in) the same as the database's after a rename or a code change.
    A keyring that cannot be written now is left as it was (logged): never a reason to fail the
    sign-in or the change that asked, and the next sign-in tries again."""
    if not has_users(datadir):
        return
    ring = Keyring.load(datadir.keys)
    office = {"code": info.code, "name": info.name, "role": info.role}
    if ring.office != office:
        ring.data["office"] = office
        try:
            ring.save()
        except OSError as exc:
            log.warning("the keyring's copy of the office not updated (%s)", type(exc).__name__)


def _plain_database(datadir: DataDir) -> bool:
    try:
        with datadir.db_path.open("rb") as fh:
            return fh.read(16) == SQLITE_HEADER
    except OSError:
        return False


def _register(datadir: DataDir, key: bytes) -> None:
    driver.register_key(datadir.root, key)


def _open(datadir: DataDir, *, daily_backup: bool) -> tuple[Database, OfficeInfo]:
    from app.core.office.setup import open_office

    return open_office(datadir, daily_backup=daily_backup)


def open_unsigned(datadir: DataDir, *, daily_backup: bool = True) -> Access:
    """An office without users, opened as before users existed."""
    db, info = _open(datadir, daily_backup=daily_backup)
    return Access(datadir, db, info)


def sign_in(
    datadir: DataDir,
    name: str,
    password: str,
    *,
    daily_backup: bool = True,
    record_now: bool = True,
) -> Access:
    """Open the office as `name`; SignInFailed (one message) for a wrong password, an unknown or
    a disabled user, with nothing read."""

    ring = Keyring.load(datadir.keys)
    name = normalise_name(name)
    key = ring.unlock(name, password)
    _register(datadir, key)
    try:
        if datadir.db_path.is_file() and _plain_database(datadir):
            # an upgrade to encryption was cut short after the keyring was written: finish it
            from app.core.office.encryption import encrypt_database

            encrypt_database(datadir, key)
        db, info = _open(datadir, daily_backup=daily_backup)
    except BaseException:
        driver.forget_key(datadir.root)
        raise
    try:
        principal = _known_user(db, ring, name)
    except SignInFailed:
        db.dispose()
        driver.forget_key(datadir.root)
        raise
    access = Access(datadir, db, info, principal, ring, key)
    _enter(access, now=record_now)
    remember_office(datadir, info)  # one renamed by an earlier version, or before a crash
    return access


def _known_user(db: Database, ring: Keyring, name: str) -> Principal:
    """The user the password opened, as the database knows them; a name it does not know, or a
    disabled user, is a failed attempt like a wrong password (counted, one message)."""
    from app.core.trust.users import principal_for

    with db.reading() as session:
        try:
            return principal_for(session, name)
        except SignInFailed:
            ring.count_failure(name)
            raise


def _enter(access: Access, *, now: bool = True) -> None:
    """Make the user the one every session works for, and record the sign-in and the failed
    attempts before it: at once (`now`: the window, a switch of user), or — for a command — with
    the first thing it writes, so that a command that only reads leaves the database as it was
    (failed attempts waiting to be recorded are written at once all the same)."""
    assert access.principal is not None and access.ring is not None
    principal, ring = access.principal, access.ring
    access.db.principal = principal
    access.db.actor = principal.name
    failed = ring.take_failures()

    def record(session: Any) -> None:
        from app.core.trust.users import note_sign_in

        for attempt in failed:
            audit.record(
                session,
                "sign-in-failed",
                f"登录失败：{attempt.get('name', '')}（{attempt.get('at', '')}）",
                entity="user",
                record=str(attempt.get("name", ""))[:60],
            )
        audit.record(
            session, "sign-in", f"{principal.name} 登录", entity="user", record=principal.name
        )
        note_sign_in(session, principal.name)

    if now or failed:
        with access.db.session(note="sign-in") as session:
            record(session)
        if failed:
            ring.save()
    else:
        access.db.first_write = record


@dataclass(frozen=True)
class Unopenable:
    """The password opened the keyring but the database did not open: damaged, or replaced by a
    file of another key. The key stays registered, so that the backups can be listed and one
    restored (the file in the way is kept beside it); `problem` says what was found."""

    name: str
    problem: GridDeskError


def sign_in_or_unlock(
    datadir: DataDir, name: str, password: str, *, daily_backup: bool = True
) -> Access | Unopenable:
    """`sign_in`, or — when the password is right but the database cannot be opened at all —
    `Unopenable`, for the way back through a restore (as `restore` does on the command line).
    A database of a newer version, a locked or a read-only one is not that: its refusal stands."""
    from app.db.problems import WrongDatabaseKey
    from app.errors import DatabaseCorrupt

    try:
        return sign_in(datadir, name, password, daily_backup=daily_backup)
    except (DatabaseCorrupt, WrongDatabaseKey) as exc:
        unlock_only(datadir, name, password)  # SignInFailed after all: that is what they see
        return Unopenable(normalise_name(name), exc)


def unlock_only(datadir: DataDir, name: str, password: str) -> None:
    """The database key unlocked with a user's password and registered, the database not opened
    (a restore of a database too damaged to open)."""
    key = Keyring.load(datadir.keys).unlock(normalise_name(name), password)
    _register(datadir, key)


def switch_user(access: Access, name: str, password: str) -> Access:
    """Another user signs in to the open office (the window's 切换用户 and the lock screen)."""
    assert access.ring is not None
    ring = Keyring.load(access.datadir.keys)
    name = normalise_name(name)
    ring.unlock(name, password)
    principal = _known_user(access.db, ring, name)
    switched = Access(access.datadir, access.db, access.info, principal, ring, access.key)
    _enter(switched)
    return switched


def check_unlock(access: Access, password: str) -> None:
    """The lock screen: the same user proves it is still them (SignInFailed otherwise)."""
    assert access.principal is not None
    Keyring.load(access.datadir.keys).unlock(access.principal.name, password)


def setup_with_admin(
    datadir: DataDir,
    role: str,
    code: str,
    name: str,
    parent_code: str | None,
    admin: str,
    password: str,
    url: str | None = None,
) -> tuple[OfficeInfo, str]:
    """`init` with its first administrator: the keyring first, then the office's database made
    encrypted under the new key. Returns the office and the recovery key (shown once)."""
    from app.core.office.setup import init_office, normalise_code, validate
    from app.core.trust.keyring import format_recovery_key
    from app.core.trust.users import add_user, check_name

    admin = check_name(admin)
    check_password(password)
    validate(role, normalise_code(code), name, normalise_code(parent_code or "") or None)
    ring, key, recovery = Keyring.create(
        datadir.keys, {"code": normalise_code(code), "name": " ".join(name.split()), "role": role}
    )
    ring.set_password(admin, password, key)
    if datadir.is_set_up():
        from app.errors import AlreadyInitialized

        raise AlreadyInitialized(
            f"数据文件夹已设置过：{datadir.root}",
            f"The data folder is already set up: {datadir.root}",
        )
    _register(datadir, key)
    try:
        info = init_office(datadir, role, code, name, parent_code, url)
        ring.save()
        db, _info = _open(datadir, daily_backup=False)
    except BaseException:
        driver.forget_key(datadir.root)
        raise
    try:
        with db.session(note="users") as session:
            add_user(session, ring, key, admin, Role.ADMIN, password)
    finally:
        db.dispose()
        driver.forget_key(datadir.root)
    return info, format_recovery_key(recovery)


def add_first_admin(access: Access, admin: str, password: str) -> tuple[Access, str]:
    """An office without users gets its first administrator: a new database key wrapped for them,
    the database encrypted under it (a checked backup first), the recovery key returned to show
    once. The office is then open as that administrator."""
    from app.core.trust.keyring import format_recovery_key
    from app.core.trust.users import add_user, check_name

    if has_users(access.datadir):
        raise SignInFailed()
    admin = check_name(admin)
    check_password(password)
    ring, key, recovery = Keyring.create(
        access.datadir.keys,
        {"code": access.info.code, "name": access.info.name, "role": access.info.role},
    )
    ring.set_password(admin, password, key)
    access.db.dispose()
    ring.save()  # before the database is encrypted: a cut-short upgrade is finished at sign-in
    _register(access.datadir, key)
    if access.db.is_sqlite:
        from app.core.office.encryption import encrypt_database

        encrypt_database(access.datadir, key)
    from app.core.meetings.attachments import seal_plain_attachments

    seal_plain_attachments(access.datadir.attachments, key)
    db, info = _open(access.datadir, daily_backup=False)
    with db.session(note="users") as session:
        add_user(session, ring, key, admin, Role.ADMIN, password)
    opened = Access(access.datadir, db, info, None, ring, key)
    with db.reading() as session:
        from app.core.trust.users import principal_for

        opened.principal = principal_for(session, admin)
    _enter(opened)
    return opened, format_recovery_key(recovery)


def recover(datadir: DataDir, recovery_text: str, password: str, name: str | None = None) -> str:
    """Reset an administrator's password (the earliest active one, or `name`) with the recovery
    key; no sign-in needed. Returns the administrator's name."""
    from app.core.trust.users import first_admin, principal_for

    check_password(password)
    ring = Keyring.load(datadir.keys)
    key = ring.recover(recovery_text)
    _register(datadir, key)
    try:
        db, _info = _open(datadir, daily_backup=False)
        try:
            with db.reading() as session:
                target = normalise_name(name) if name else first_admin(session)
                if target is None:
                    raise SignInFailed()
                principal = principal_for(session, target)
            if principal.role is not Role.ADMIN:
                raise SignInFailed()
            db.actor = "recovery-key"
            with db.session(note="users") as session:
                audit.record(
                    session,
                    "user",
                    f"用恢复密钥重设了管理员 {target} 的密码",
                    entity="user",
                    record=target,
                )
                ring.set_password(target, password, key)
                ring.save()
        finally:
            db.dispose()
    finally:
        driver.forget_key(datadir.root)
    return target
