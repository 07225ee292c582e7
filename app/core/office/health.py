"""`check`: integrity, foreign keys, migration state and the household invariants."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, func, select
from sqlalchemy.exc import DBAPIError

from app.core.office.datadir import DataDir
from app.db import audit_chain
from app.db.engine import Database
from app.db.migrate import current_revision, head_revision
from app.db.models import Household, Resident
from app.errors import GridDeskError

# the last line of `check` on a damaged file
RESTORE_ADVICE = (
    "数据库已损坏。请运行 restore latest 恢复最近的正常备份（窗口中：文件 → 备份与恢复…）；"
    "当前的数据库会先另存一份。",
    "The database is damaged. Run restore latest to go back to the newest good backup (in the "
    "window: File → Backup and restore…); the current database is kept aside first.",
)


@dataclass
class HealthReport:
    problems: list[tuple[str, str]] = field(default_factory=list)  # (zh, en)
    checked: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not self.problems


def check_database(db: Database, datadir: DataDir | None = None) -> HealthReport:
    """The checks of `check`; with the office's `datadir`, the audit trail is also compared with
    the signed head of its newest backup, so that rows deleted from its end are noticed."""
    report = HealthReport()
    with db.reading() as session:
        conn = session.connection()
        if db.is_sqlite and not _checked_file(conn, report):
            # the file itself is damaged: the way back is a backup (the data checks below would
            # only meet the damage again)
            report.problems.append(RESTORE_ADVICE)
            return report
        rev, head = current_revision(conn), head_revision()
        report.checked.append("migration")
        if rev != head:
            report.problems.append(
                (
                    f"数据库结构版本 {rev}，程序需要 {head}",
                    f"Schema revision {rev}, the program needs {head}",
                )
            )
        live_heads = select(Resident.household_id).where(
            Resident.is_head, Resident.deleted_at.is_(None)
        )
        headless = (
            session.scalar(
                select(func.count())
                .select_from(Household)
                .where(Household.deleted_at.is_(None), Household.id.not_in(live_heads))
                .where(
                    Household.id.in_(
                        select(Resident.household_id).where(Resident.deleted_at.is_(None))
                    )
                )
            )
            or 0
        )
        report.checked.append("one_head_per_household")
        if headless:
            report.problems.append(
                (f"{headless} 户没有户主", f"{headless} households have no head")
            )
        if rev == head:  # an older schema has no chain yet
            report.checked.append("audit_chain")
            broken = audit_chain.verify(conn).broken
            if broken is not None:
                report.problems.append(broken.message())
            elif datadir is not None and db.is_sqlite:
                report.checked.append("audit_head")
                cut = _against_newest_backup(session, datadir)
                if cut is not None:
                    report.problems.append(cut)
    return report


def _checked_file(conn: Connection, report: HealthReport) -> bool:
    """`_file_checks` with a larger page cache on an encrypted database (every page read from the
    file is decrypted and its HMAC checked again; with SQLite's default cache a whole-file check
    reads each several times, 3-4 times slower), set back to the usual one afterwards."""
    from app.db import driver

    raw: Any = conn.connection.driver_connection
    keyed = driver.is_keyed(raw)
    if keyed:
        raw.execute(f"PRAGMA cache_size = -{driver.CHECK_CACHE_KIB}")
    try:
        return _file_checks(conn, report)
    finally:
        if keyed:
            raw.execute(f"PRAGMA cache_size = -{driver.CACHE_KIB}")


def _file_checks(conn: Connection, report: HealthReport) -> bool:
    """SQLite's integrity and foreign key checks; False when the file is damaged (a foreign key
    violation is reported, but is a matter of the data, not of the file). A damaged page
    can stop the whole-file check with an error: each table is then checked on its own, so that
    the report names the tables that are damaged. An encrypted file has every page checked
    against its HMAC first (SQLCipher's cipher_integrity_check names a changed page)."""
    pages_ok = _cipher_checks(conn, report)  # a changed page is named; its table is named below
    report.checked.append("integrity_check")
    try:
        result = [str(r[0]) for r in conn.exec_driver_sql("PRAGMA integrity_check").fetchall()]
    except DBAPIError as exc:
        damaged = _damaged_tables(conn)
        names = ", ".join(damaged) or "?"
        report.problems.append(
            (
                f"完整性检查失败：表 {names} 已损坏，无法读取（{exc.orig}）",
                f"Integrity check failed: table {names} is damaged and cannot be read ({exc.orig})",
            )
        )
        return False
    if result != ["ok"]:
        shown = zh = en = "; ".join(result[:5])
        if not pages_ok:  # pages whose HMAC failed: the tables they belong to, by name
            names = ", ".join(_damaged_tables(conn)) or "?"
            zh, en = f"表 {names}：{shown}", f"table {names}: {shown}"
        report.problems.append((f"完整性检查失败：{zh}", f"Integrity check failed: {en}"))
        return False
    report.checked.append("foreign_key_check")
    try:
        broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    except DBAPIError as exc:
        report.problems.append(
            (
                f"外键检查无法完成（{exc.orig}）",
                f"The foreign key check could not finish ({exc.orig})",
            )
        )
        return False
    if broken:
        report.problems.append(
            (
                f"外键不一致 {len(broken)} 处（例如表 {broken[0][0]}）",
                f"{len(broken)} foreign key violations (e.g. table {broken[0][0]})",
            )
        )
    return pages_ok


def _cipher_checks(conn: Connection, report: HealthReport) -> bool:
    """An encrypted database's pages against their HMACs; True for a plain one (nothing to do)."""
    from app.db import driver

    try:
        if not driver.is_keyed(conn.connection.driver_connection):
            return True  # not encrypted
        report.checked.append("cipher_integrity_check")
        failed = [
            str(r[0]) for r in conn.exec_driver_sql("PRAGMA cipher_integrity_check").fetchall()
        ]
    except DBAPIError as exc:
        report.problems.append(
            (
                f"加密页校验无法完成（{exc.orig}）",
                f"The check of the encrypted pages could not finish ({exc.orig})",
            )
        )
        return False
    if failed:
        report.problems.append(
            (
                f"加密页校验失败：{'; '.join(failed[:5])}",
                f"Encrypted pages failed their check: {'; '.join(failed[:5])}",
            )
        )
        return False
    return True


def _damaged_tables(conn: Connection) -> list[str]:
    try:
        tables = [
            str(r[0])
            for r in conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
    except DBAPIError:
        return ["sqlite_master"]
    quote = conn.dialect.identifier_preparer.quote
    damaged = []
    for name in tables:
        try:  # a name SQLite itself listed, quoted
            ok = conn.exec_driver_sql(f"PRAGMA integrity_check({quote(name)})").fetchall()
        except DBAPIError:
            damaged.append(name)
            continue
        if [r[0] for r in ok] != ["ok"]:
            damaged.append(name)
    return damaged


def _against_newest_backup(session: Any, datadir: DataDir) -> tuple[str, str] | None:
    """The trail against the signed head of the newest checked backup made since the last
    restore (a backup from before a restore is ahead of the restored trail, and the copy kept
    before a restore is not a backup of this trail): the row the head names must be there with
    the hash it had. None when it holds, or when no backup carries a head."""
    from datetime import datetime

    from app.core.office import keys
    from app.core.trust.audit import RESTORE, head_well_formed, verify_head
    from app.db import backup as files
    from app.db.models import AuditEntry

    restored = session.scalar(select(func.max(AuditEntry.at)).where(AuditEntry.action == RESTORE))
    for made in files.list_backups(datadir.backups):  # newest first
        if made.ok is not True or made.reason == "before-restore":
            continue
        head = (files.read_json(made.sidecar) or {}).get("audit_head")
        if head is None or not head_well_formed(head):
            continue
        signed_at = datetime.strptime(str(head["at"]), "%Y-%m-%dT%H:%M:%SZ")
        if restored is not None and signed_at <= restored:
            return None  # every newer backup is from before the restore
        try:
            public = keys.own_private_keys(datadir.keys)[0].public_key()
        except (GridDeskError, OSError, ValueError):
            return None
        problem = verify_head(session, head, public)
        if problem is None:
            return None
        return (
            f"与最近一份备份 {made.path.name} 中签名的审计记录比对：{problem[0]}",
            f"Compared with the audit head signed in the newest backup {made.path.name}: "
            f"{problem[1]}",
        )
    return None
