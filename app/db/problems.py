"""Known database conditions turned into clear messages (after qutebrowser's misc/sql.py)."""

from __future__ import annotations

import errno
from pathlib import Path

from sqlalchemy.exc import DBAPIError, IntegrityError

from app.db import driver
from app.errors import DatabaseCorrupt, DatabaseProblem, GridDeskError


def explain(exc: BaseException, where: Path | str) -> GridDeskError | None:
    """The user-facing error for a known condition, or None when `exc` is a bug."""
    if isinstance(exc, GridDeskError):
        return exc
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    if isinstance(orig, OSError):
        if orig.errno == errno.ENOSPC:
            return DatabaseProblem(
                f"磁盘已满，无法写入：{where}。已保存的数据未受影响。",
                f"The disk is full; cannot write to {where}. Saved data is intact.",
            )
        if orig.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return DatabaseProblem(
                f"没有写入权限：{where}。请换一个可写的数据文件夹。",
                f"No permission to write to {where}; choose a writable data folder.",
            )
        reason = orig.strerror or type(orig).__name__
        return DatabaseProblem(
            f"无法读写 {where}：{reason}", f"Cannot read or write {where}: {reason}"
        )
    if orig is not None and _is_postgresql_error(orig):
        return _server_problem(exc, orig, where)
    if orig is None or not driver.is_sqlite_error(orig):
        return None
    if isinstance(orig, driver.WrongKey):
        return _wrong_key(orig, where)
    return _sqlite_problem(orig, where)


# SQLite's primary result codes (an extended code keeps its primary one in the low byte, e.g.
# SQLITE_BUSY_SNAPSHOT is 517 = 5 + (2 << 8)); errors raised by the DB-API module itself (a
# closed connection, a wrong parameter count) carry none and are bugs.
_IN_USE = {driver.SQLITE_BUSY, driver.SQLITE_LOCKED}
_CANNOT_WRITE = {driver.SQLITE_READONLY, driver.SQLITE_CANTOPEN}
_DAMAGED = {driver.SQLITE_CORRUPT, driver.SQLITE_NOTADB}


class WrongDatabaseKey(DatabaseProblem):
    """The database file does not open with this office's key (app.db.driver.WrongKey)."""


def _wrong_key(orig: driver.WrongKey, where: Path | str) -> GridDeskError:
    """Not "damaged": the file was not read at all. A plain file in a folder that has a key is
    a database made before encryption (to be upgraded); any other is another office's key or
    another office's file."""
    if orig.plain:
        return WrongDatabaseKey(
            f"数据库文件没有加密，但本机构已启用加密：{where}。文件未改动；"
            "须先完成数据库的加密升级，才能用本机构的密钥打开它。",
            f"The database file is not encrypted, but this office uses encryption: {where}. "
            "It was not changed; the upgrade that encrypts it must be done before it can be "
            "opened with this office's key.",
        )
    return WrongDatabaseKey(
        f"数据库文件无法用本机构的密钥打开：{where}。可能是另一个机构的数据库或备份，"
        "也可能是它的开头已损坏：可以从备份恢复（restore latest，或 文件 → 备份与恢复…，"
        "当前文件会另存）。文件未改动，也没有读取其中的任何数据。",
        f"The database file does not open with this office's key: {where}. It may be another "
        "office's database or backup, or its beginning is damaged: it can be restored from a "
        "backup (restore latest, or File → Backups and restore…; the current file is kept). "
        "The file was not changed, and nothing of it was read.",
    )


def _sqlite_problem(orig: BaseException, where: Path | str) -> GridDeskError | None:
    """SQLite's condition by its result code (`sqlite_errorcode`), never by the message's words,
    which differ between SQLite versions and are not meant to be parsed."""
    code = driver.error_code(orig)
    if code is None:
        return None
    primary = code & 0xFF
    if primary in _IN_USE:
        return DatabaseProblem(
            f"数据库正被另一个程序占用：{where}。请关闭其他 GridDesk 窗口后重试。",
            f"The database is in use by another program: {where}. "
            "Close other GridDesk windows and try again.",
        )
    if primary == driver.SQLITE_FULL:
        return DatabaseProblem(
            f"磁盘已满，无法写入：{where}。已保存的数据未受影响。",
            f"The disk is full; cannot write to {where}. Saved data is intact.",
        )
    if primary in _CANNOT_WRITE:
        return DatabaseProblem(
            f"无法写入数据文件夹：{where}（只读或无权限）。",
            f"Cannot write to the data folder {where} (read-only or no permission).",
        )
    if primary in _DAMAGED:
        return DatabaseCorrupt(
            f"数据库文件已损坏或不是 GridDesk 数据库：{where}。文件未改动；"
            "请运行 restore latest 恢复最近的正常备份（窗口中：文件 → 备份与恢复…）。",
            f"The database file is damaged or not a GridDesk database: {where}. "
            "It was not changed; run restore latest to go back to the newest good backup "
            "(in the window: File → Backup and restore…).",
        )
    if primary == driver.SQLITE_IOERR:
        return DatabaseProblem(
            f"读写数据库时出错：{where}（磁盘或U盘故障？）。",
            f"Disk I/O error on {where} (a failing disk or stick?).",
        )
    return None


def _is_postgresql_error(orig: BaseException) -> bool:
    return type(orig).__module__.startswith("psycopg")


def _server_problem(
    exc: BaseException, orig: BaseException, where: Path | str
) -> GridDeskError | None:
    """PostgreSQL: a lost or refused connection, or the server stopping a statement (shut down,
    out of space, cancelled), as one sentence naming the server; None for anything else (a
    constraint the program should have checked first is a bug)."""
    import psycopg

    if not isinstance(orig, psycopg.OperationalError):
        return None
    reason = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    if getattr(exc, "connection_invalidated", False) or orig.sqlstate in (None, "57P01", "57P02"):
        return DatabaseProblem(
            f"与数据库服务器的连接已中断：{where}（{reason}）。未完成的更改没有写入；"
            "请确认服务器正在运行、网络已连接后重试。",
            f"The connection to the database server was lost: {where} ({reason}). Unfinished "
            "changes were not written; check that the server is running and reachable, then "
            "try again.",
        )
    return DatabaseProblem(
        f"数据库服务器出错：{where}（{reason}）。未完成的更改没有写入。",
        f"The database server reported a problem: {where} ({reason}). Unfinished changes were "
        "not written.",
    )


# --- a rule of the schema that refused a write ------------------------------------------------
# An operation that lets the database enforce a rule (stock never below zero, one order per
# household) asks which rule refused the write. The kind of refusal is read from the codes (SQLite's
# extended result code, PostgreSQL's SQLSTATE) — SQLCipher's module reports only the primary code,
# SQLITE_CONSTRAINT, and app.db.driver.constraint_kind reads the kind from the message's fixed
# start then; the rule's name, which SQLite reports nowhere else, is read from its message.

_SQLITE_UNIQUE = {driver.SQLITE_CONSTRAINT_UNIQUE, driver.SQLITE_CONSTRAINT_PRIMARYKEY}
_PG_UNIQUE = "23505"  # unique_violation
_PG_CHECK = "23514"  # check_violation


def _sqlite_detail(orig: BaseException) -> str:
    """What SQLite names after "… constraint failed: " (the CHECK's name, or the UNIQUE's
    table.column list)."""
    return str(orig).partition("constraint failed: ")[2]


def is_unique_violation(exc: IntegrityError, table: str | None = None) -> bool:
    """A UNIQUE constraint or primary key refused the write (of `table`, when named)."""
    orig = exc.orig
    if orig is not None and driver.is_sqlite_error(orig):
        if driver.constraint_kind(orig) not in _SQLITE_UNIQUE:
            return False
        return table is None or _sqlite_detail(orig).startswith(f"{table}.")
    if orig is not None and _is_postgresql_error(orig):
        if getattr(orig, "sqlstate", None) != _PG_UNIQUE:
            return False
        return table is None or getattr(orig.diag, "table_name", None) == table  # type: ignore[attr-defined]
    return False


def is_check_violation(exc: IntegrityError, name: str) -> bool:
    """The CHECK constraint `name` refused the write (named as in the model; the naming
    convention's prefix `ck_<table>_` may be in front)."""
    orig = exc.orig
    if orig is not None and driver.is_sqlite_error(orig):
        if driver.constraint_kind(orig) != driver.SQLITE_CONSTRAINT_CHECK:
            return False
        constraint = _sqlite_detail(orig)
    elif orig is not None and _is_postgresql_error(orig):
        if getattr(orig, "sqlstate", None) != _PG_CHECK:
            return False
        constraint = getattr(orig.diag, "constraint_name", None) or ""  # type: ignore[attr-defined]
    else:
        return False
    return constraint == name or constraint.endswith(f"_{name}")
