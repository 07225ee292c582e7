"""Setting up an office's data folder and opening it."""

from __future__ import annotations

import re

from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.core.database_url import check_url, database_url, redacted, remember_url
from app.core.datadir import DataDir
from app.core.peek import OfficeInfo
from app.db.engine import Database, make_engine, sqlite_url
from app.db.migrate import current_revision, ensure_current
from app.db.models import Office, Setting
from app.db.problems import explain
from app.errors import (
    AlreadyInitialized,
    DatabaseCorrupt,
    DatabaseProblem,
    GridDeskError,
    InvalidInput,
    NotInitialized,
)

ROLE_NAMES = {"community": ("社区", "community"), "street-office": ("街道办", "street office")}
_CODE = re.compile(r"^\d{6,12}$")


def _validate(role: str, code: str, name: str, parent_code: str | None) -> None:
    if role not in ROLE_NAMES:
        raise InvalidInput(
            f"角色应为 community 或 street-office，而不是 {role}",
            f"The role must be community or street-office, not {role}",
        )
    if not _CODE.match(code):
        raise InvalidInput(
            f"机构代码应为6至12位数字（民政区划代码）：{code}",
            f"The office code must be 6-12 digits (civil-affairs code): {code}",
        )
    if not name.strip() or len(name) > 100:
        raise InvalidInput("名称不能为空，且不超过100字。", "The name must be 1-100 characters.")
    if parent_code is not None and not _CODE.match(parent_code):
        raise InvalidInput(
            f"上级街道代码应为6至12位数字：{parent_code}",
            f"The parent street office code must be 6-12 digits: {parent_code}",
        )


def init_office(
    datadir: DataDir,
    role: str,
    code: str,
    name: str,
    parent_code: str | None = None,
    url: str | None = None,
) -> OfficeInfo:
    """Create the data folder, its database at the head revision, and the office's keys.

    The database is the SQLite file in the folder, or on the PostgreSQL server of `url` (else of
    GRIDDESK_DATABASE_URL), which the folder then remembers.
    """
    _validate(role, code, name, parent_code)
    if datadir.is_set_up():
        raise AlreadyInitialized(
            f"数据文件夹已设置过：{datadir.root}",
            f"The data folder is already set up: {datadir.root}",
        )
    url = check_url(url) if url else database_url(datadir)
    if url is not None:
        return _init_on_server(datadir, url, role, code, name, parent_code)
    try:
        from app.core import keys  # cryptography loads only when it is needed

        datadir.make_folders()
        keys.make_keys(datadir.keys)
        partial = datadir.root / (datadir.db_path.name + ".new")
        partial.unlink(missing_ok=True)
        engine = make_engine(sqlite_url(partial))
        try:
            ensure_current(engine, None, None)
            db = Database(engine, origin=code)
            with db.session(note="init") as session:
                session.add(
                    Office(id=1, code=code, name=name.strip(), role=role, parent_code=parent_code)
                )
        finally:
            engine.dispose()
        for suffix in ("-wal", "-shm"):
            (datadir.root / (partial.name + suffix)).unlink(missing_ok=True)
        partial.replace(datadir.db_path)  # the database appears whole or not at all
    except (OSError, DBAPIError) as exc:
        known = explain(exc, datadir.root)
        if known is None:
            raise
        raise known from exc
    return OfficeInfo(code=code, name=name.strip(), role=role, parent_code=parent_code)


def _server_problem(exc: DBAPIError, url: str) -> GridDeskError:
    """A PostgreSQL server that cannot be reached or refuses us: one line naming it (no password)."""
    reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
    return DatabaseProblem(
        f"无法使用数据库服务器 {redacted(url)}：{reason}",
        f"Cannot use the database server {redacted(url)}: {reason}",
    )


def _init_on_server(
    datadir: DataDir, url: str, role: str, code: str, name: str, parent_code: str | None
) -> OfficeInfo:
    """`init` with the database on PostgreSQL: the schema (one transaction), the office profile,
    then the URL written into the data folder, which is what makes the folder set up. An init cut
    short leaves a database with no office profile, which the next init completes."""
    from app.core import keys

    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            current = current_revision(conn)
            if current is not None and conn.execute(select(Office.code)).first() is not None:
                raise AlreadyInitialized(
                    f"该数据库已有 GridDesk 机构：{redacted(url)}",
                    f"That database already holds a GridDesk office: {redacted(url)}",
                )
        datadir.make_folders()
        keys.make_keys(datadir.keys)
        ensure_current(engine, None, None)
        db = Database(engine, origin=code)
        with db.session(note="init") as session:
            session.add(
                Office(id=1, code=code, name=name.strip(), role=role, parent_code=parent_code)
            )
        remember_url(datadir, url)
    except DBAPIError as exc:
        raise _server_problem(exc, url) from exc
    except OSError as exc:
        known = explain(exc, datadir.root)
        if known is None:
            raise
        raise known from exc
    finally:
        engine.dispose()
    return OfficeInfo(code=code, name=name.strip(), role=role, parent_code=parent_code)


def _open_on_server(url: str) -> tuple[Database, OfficeInfo]:
    engine = make_engine(url)
    try:
        ensure_current(engine, None, None)  # the server's own backups (pg_dump) are its admin's
        with engine.connect() as conn:
            row = conn.execute(
                select(Office.code, Office.name, Office.role, Office.parent_code)
            ).first()
    except DBAPIError as exc:
        engine.dispose()
        raise _server_problem(exc, url) from exc
    except Exception:
        engine.dispose()
        raise
    if row is None:
        engine.dispose()
        raise DatabaseCorrupt(
            f"数据库中没有机构信息：{redacted(url)}",
            f"The database holds no office profile: {redacted(url)}",
        )
    info = OfficeInfo(code=row.code, name=row.name, role=row.role, parent_code=row.parent_code)
    return Database(engine, origin=info.code), info


def open_office(datadir: DataDir) -> tuple[Database, OfficeInfo]:
    """Open a set-up data folder, upgrading its schema if needed (backup first)."""
    if not datadir.is_set_up():
        raise NotInitialized(
            f"数据文件夹尚未设置：{datadir.root}。请先运行 init（或在窗口中完成首次设置）。",
            f"The data folder is not set up: {datadir.root}. Run init first "
            "(or finish the first-run set-up in the window).",
        )
    url = database_url(datadir)
    if url is not None:
        return _open_on_server(url)
    engine = make_engine(sqlite_url(datadir.db_path))
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT count(*) FROM sqlite_master")).scalar()
        ensure_current(engine, datadir.db_path, datadir.backups)
        with engine.connect() as conn:
            row = conn.execute(
                select(Office.code, Office.name, Office.role, Office.parent_code)
            ).first()
    except (OSError, DBAPIError) as exc:
        engine.dispose()
        known = explain(exc, datadir.db_path)
        if known is None:
            raise
        raise known from exc
    except Exception:
        engine.dispose()
        raise
    if row is None:
        engine.dispose()
        raise DatabaseCorrupt(
            f"数据库中没有机构信息：{datadir.db_path}",
            f"The database holds no office profile: {datadir.db_path}",
        )
    info = OfficeInfo(code=row.code, name=row.name, role=row.role, parent_code=row.parent_code)
    return Database(engine, origin=info.code), info


def get_setting(session: Session, key: str) -> str | None:
    row = session.get(Setting, key)
    return row.value if row else None


def set_setting(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
