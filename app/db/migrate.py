"""Schema migrations, run in-process at start-up.

The rules (after Anki's storage layer and Vorta's backup-before-upgrade): a database newer than this
program is refused; before an upgrade the file is copied with SQLite's backup API into `backups/`
and the copy checked (app.db.backup: a database that fails the check is not upgraded);
the upgrade runs in one transaction and is verified; on any failure the old file stays as it was and
the error is raised — GridDesk never carries on with a fresh, empty database.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import OperationalError, ProgrammingError

from app.db.engine import engine_key, make_engine, take_write_lock
from app.db.revision import SCHEMA_HEAD
from app.errors import DatabaseTooNew, MigrationFailed

if TYPE_CHECKING:
    from alembic.config import Config

__all__ = ["SCHEMA_HEAD", "ensure_current", "head_revision", "upgrade_in_transaction"]


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("app.db") / "migrations"))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def current_revision(conn: Connection) -> str | None:
    """The database's schema revision (None for an empty database), read without Alembic."""
    try:
        rows = conn.execute(text("SELECT version_num FROM alembic_version")).fetchall()
    except (OperationalError, ProgrammingError):
        if conn.in_transaction():
            conn.rollback()
        return None
    if len(rows) > 1:
        raise MigrationFailed(
            "数据库记录了多个结构版本，无法确定状态。",
            "The database records several schema heads; its state is unclear.",
        )
    return str(rows[0][0]) if rows else None


def upgrade_in_transaction(engine: Engine, target: str = "head") -> None:
    """Upgrade to `target` in one transaction; verified before commit.

    On SQLite the upgrade uses its own connection with foreign keys off (batch migrations copy
    tables, and the pragma cannot change inside a transaction); they are checked once, at the end,
    before the commit.
    """
    sqlite = engine.dialect.name == "sqlite"
    runner = (
        make_engine(
            engine.url.render_as_string(hide_password=False),
            foreign_keys=False,
            key=engine_key(engine),  # the same file, opened with the same key
        )
        if sqlite
        else engine
    )
    try:
        with runner.connect() as conn:
            if not sqlite:  # the lock below is the first statement: no snapshot taken before it
                conn.execution_options(isolation_level="READ COMMITTED")
            with conn.begin():
                take_write_lock(conn)  # PostgreSQL: one upgrade at a time, after any writer
                _upgrade_and_check(conn, target, sqlite)
    finally:
        if runner is not engine:
            runner.dispose()


def _upgrade_and_check(conn: Connection, target: str, sqlite: bool) -> None:
    from alembic import command

    command.upgrade(alembic_config(conn), target)
    if sqlite:
        broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise MigrationFailed(
                f"升级后外键检查失败（{len(broken)} 处），已撤销升级。",
                f"Foreign key check failed after the upgrade ({len(broken)} rows); "
                "the upgrade was undone.",
            )


def backup_sqlite(db_path: Path, backups_dir: Path, label: str) -> Path:
    """A checked backup of a live SQLite database into `backups_dir` (app.db.backup); its path.
    `label` is the reason recorded with it (manual, daily, before-import, …)."""
    from app.db.backup import checked_backup

    return checked_backup(db_path, backups_dir, label).path


def require_current(engine: Engine, db_path: Path) -> None:
    """For a database that cannot be written (a read-only folder): read it as it is if it is at
    head, else say why it cannot be opened there — an upgrade needs to write."""
    with engine.connect() as conn:
        current = current_revision(conn)
    if current == SCHEMA_HEAD:
        return
    if current is not None and current not in known_revisions():
        raise DatabaseTooNew(
            f"此数据库由更新版本的 GridDesk 创建（结构版本 {current}），请升级程序后再打开。数据未改动。",
            f"This database was made by a newer GridDesk (schema {current}); "
            "update the program to open it. Nothing was changed.",
        )
    raise MigrationFailed(
        f"数据库需要升级才能使用，但数据文件夹只读：{db_path.parent}。请在可写的位置打开它。",
        f"The database needs an upgrade before use, but its folder is read-only: "
        f"{db_path.parent}. Open it where it can be written.",
    )


def ensure_current(engine: Engine, db_path: Path | None, backups_dir: Path | None) -> Path | None:
    """Bring the database to head. Returns the backup made before an upgrade, if any."""
    with engine.connect() as conn:
        current = current_revision(conn)
    if current == SCHEMA_HEAD:
        return None
    head = head_revision()
    if current is not None and current not in known_revisions():
        raise DatabaseTooNew(
            f"此数据库由更新版本的 GridDesk 创建（结构版本 {current}），请升级程序后再打开。数据未改动。",
            f"This database was made by a newer GridDesk (schema {current}); "
            "update the program to open it. Nothing was changed.",
        )
    backup = None
    if db_path is not None and backups_dir is not None and current is not None:
        from app.db.backup import BackupRefused

        try:
            backup = backup_sqlite(db_path, backups_dir, "before-upgrade")
        except BackupRefused as exc:
            raise MigrationFailed(
                f"升级前的备份未通过检查，没有升级，数据库未改动。{exc.zh}",
                f"The backup before the upgrade failed its check; nothing was upgraded or "
                f"changed. {exc.en}",
            ) from exc
    try:
        upgrade_in_transaction(engine)
    except MigrationFailed:
        raise
    except Exception as exc:
        where = f"；升级前的备份：{backup}" if backup else ""
        raise MigrationFailed(
            f"数据库升级失败，原文件未改动{where}。原因：{exc}",
            f"The database upgrade failed; the file was left as it was"
            f"{f' (backup: {backup})' if backup else ''}. Cause: {exc}",
        ) from exc
    with engine.connect() as conn:
        if current_revision(conn) != head:
            raise MigrationFailed(
                "数据库升级后版本不符。", "Schema version wrong after the upgrade."
            )
        if engine.dialect.name == "sqlite":
            ok = conn.execute(text("PRAGMA quick_check")).scalar()
            if ok != "ok":
                raise MigrationFailed(
                    f"升级后完整性检查失败：{ok}", f"Integrity check failed: {ok}"
                )
    return backup
