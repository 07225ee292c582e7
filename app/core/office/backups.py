"""Backups and restore: a real way back (CLI.md "Backups"; 文件 → 备份与恢复… in the window).

When a backup is made — each one copied with SQLite's backup API, checked and recorded by
`app.db.backup.checked_backup`, the folder thinned afterwards:

* `daily_backup`: at the first opening of the day (the window, or any command that opens the
  database; `app.core.office.setup.open_office` calls it). Once done — or tried — today it costs one
  small file read. A failed check keeps nothing and never stops the opening (`check` and
  `restore` must still run on a damaged database); it is logged and shown in the window's dialog.
* `BeforeBulkImport`: before a residents import, a duty roster import or a package import (the
  write sessions those operations open, told by their notes), through `Database.before_write`. A
  database failing the check refuses the import. Packages imported one after another (a stick of
  them) share the backup made before the first: nothing but imports, which their files can
  replay, was written since.
* before an upgrade (`app.db.migrate.ensure_current`) and before a restore (`restore`: the current
  database, kept with reason `before-restore`, damaged or not);
* on demand: `make_backup` (`backup [--to DIR]`, 立即备份, 备份到其他位置（U盘）…).

`restore` puts a backup back: it refuses a backup of another office, of a newer schema, or one
failing the very check `check` makes; it keeps the current database aside, and replaces the file
atomically, so that a crash at any moment leaves the old database or the restored one.

A PostgreSQL office's backups are its server's (pg_dump): every operation here says so
(`ServerBackups`) rather than pretending.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy.exc import DBAPIError

from app.core.common.progress import Progress, no_progress
from app.core.office.database_url import database_url
from app.core.office.datadir import DataDir
from app.db import backup as files
from app.db import driver
from app.db.backup import Backup, BackupRefused
from app.db.problems import explain
from app.errors import DatabaseProblem, GridDeskError, InvalidInput, NotInitialized

log = logging.getLogger(__name__)

# the notes of the write sessions that bulk imports open (app.core.registry.roster_import.apply,
# app.core.grids.duty_import.apply_roster, app.core.exchange.importing.import_package); a test runs each import
# and sees its backup made, so a note spelled otherwise fails there
BULK_IMPORT_NOTES = ("import ", "roster import ", "exchange import ")
BATCH_SECONDS = 600  # imports within this time of the backup, with nothing else written between
DAILY_RECORD = "daily.json"
LATEST = "latest"


class ServerBackups(DatabaseProblem):
    """A PostgreSQL office: backups are made on the server, not by GridDesk."""

    def __init__(self) -> None:
        super().__init__(
            "本机构的数据库在 PostgreSQL 服务器上，备份和恢复由服务器管理员用 pg_dump / pg_restore "
            "完成，GridDesk 不做这个备份。请联系服务器管理员。",
            "This office's database is on a PostgreSQL server: its backups are made and restored "
            "by the server's administrator with pg_dump / pg_restore, not by GridDesk. Ask them.",
        )


class RestoreRefused(InvalidInput):
    """The backup given cannot be restored here; nothing was changed."""


def require_sqlite(datadir: DataDir, *, restoring: bool = False) -> None:
    """Refuse a folder not set up (unless a restore has backups to put back in it: a database
    file moved away by hand), and a PostgreSQL office (`ServerBackups`)."""
    lost = restoring and not datadir.db_path.exists() and bool(files.list_backups(datadir.backups))
    if not datadir.is_set_up() and not lost:
        raise NotInitialized(
            f"数据文件夹尚未设置：{datadir.root}。请先运行 init（或在窗口中完成首次设置）。",
            f"The data folder is not set up: {datadir.root}. Run init first "
            "(or finish the first-run set-up in the window).",
        )
    if on_server(datadir):
        raise ServerBackups()


def on_server(datadir: DataDir) -> bool:
    return database_url(datadir) is not None


# --- making and listing ----------------------------------------------------------------------


@dataclass(frozen=True)
class Made:
    backup: Backup
    copy: Path | None  # the copy made elsewhere (a USB stick), if asked for


def make_backup(
    datadir: DataDir,
    reason: str = "manual",
    *,
    to: Path | None = None,
    progress: Progress = no_progress,
    by: str | None = None,
) -> Made:
    """A checked backup into the data folder's backups/ now; with `to`, also a copy there. The
    backup is recorded in the audit trail (kind `backup`, by `by`)."""
    require_sqlite(datadir)
    if to is not None and not to.is_dir():
        raise InvalidInput(
            f"复制备份的文件夹不存在：{to}",
            f"The folder to copy the backup to does not exist: {to}",
        )
    made = checked_backup(datadir, reason, progress=progress)
    copy = copy_backup(made, to) if to is not None else None
    where = f"，并复制到 {to}" if to is not None else ""
    audit_event(
        datadir,
        "backup",
        f"备份 {made.path.name}（{reason}），居民 {made.residents or 0} 人{where}",
        by,
    )
    return Made(made, copy)


def audit_event(datadir: DataDir, kind: str, summary: str, by: str | None) -> None:
    """One audit row (a backup made, a restore done) written to the office's database in a short
    transaction of its own, by `by` (the signed-in user; `system` for the automatic backups).
    A database that cannot be written to now costs the row, never the backup or the restore."""
    from app.core.trust.audit import record
    from app.db.engine import Database, make_engine, sqlite_url

    engine = make_engine(sqlite_url(datadir.db_path))
    try:
        code = files.identify(datadir.db_path).office_code
        db = Database(engine, origin=code, actor=by or "system")
        with db.session(note=kind) as session:
            record(session, kind, summary, entity="backup")
    except (GridDeskError, OSError, DBAPIError, driver.Error) as exc:
        log.warning("%s: not recorded in the audit trail (%s)", kind, exc.__class__.__name__)
    finally:
        engine.dispose()


def checked_backup(datadir: DataDir, reason: str, **options: Any) -> Backup:
    """`app.db.backup.checked_backup` into the data folder's backups/, its record given the
    backup's audit head signed with the office's key (app.core.trust.audit.backup_head). A head
    that cannot be made (the keys locked, an unreadable copy kept before a restore) is left out:
    it never costs the backup."""
    made = files.checked_backup(datadir.db_path, datadir.backups, reason, **options)
    try:
        from app.core.trust.audit import backup_head

        record = files.read_json(made.sidecar) or {}
        record["audit_head"] = backup_head(made.path, datadir.keys)
        files.write_json(made.sidecar, record)
    except (GridDeskError, OSError, ValueError, DBAPIError) as exc:
        log.warning("backup %s: no signed audit head (%s)", made.path.name, exc)
    return made


def copy_backup(made: Backup, folder: Path) -> Path:
    """Copy a backup (and its record) into `folder` — a USB stick: each written beside under a
    temporary name, flushed, renamed, so what bears the name there is whole."""
    from app.core.common.files import write_atomically

    target = folder / made.path.name
    try:
        for src, dst in ((made.path, target), (made.sidecar, files.sidecar_of(target))):
            write_atomically(dst, functools.partial(_copy_from, src))
        files.fsync_dir(folder)
    except OSError as exc:
        known = explain(exc, folder)
        if known is None:
            raise
        raise known from exc
    return target


def _copy_from(src: Path, out: BinaryIO) -> None:
    with open(src, "rb") as fh:
        shutil.copyfileobj(fh, out, 1 << 20)


def list_backups(datadir: DataDir) -> list[Backup]:
    """This folder's backups, newest first."""
    require_sqlite(datadir)
    return files.list_backups(datadir.backups)


def latest_good(backups: list[Backup], office_code: str | None) -> Backup | None:
    """The newest backup that passed its check, of this office (when it is known). Copies kept
    before a restore are not among them: `latest` goes back to a backup, not to what a restore
    replaced (that one is restored by naming its file)."""
    for b in backups:
        ours = office_code is None or b.office_code == office_code
        if b.ok is True and b.reason != "before-restore" and ours:
            return b
    return None


def this_office(datadir: DataDir) -> str | None:
    """The office code of this folder: its database's, else (a database that cannot be read) the
    one its own checked backups recorded; None when neither tells."""
    if datadir.db_path.is_file():
        code = files.identify(datadir.db_path).office_code
        if code:
            return code
    for b in files.list_backups(datadir.backups):
        if b.ok and b.office_code:
            return b.office_code
    return None


# --- the daily backup ------------------------------------------------------------------------


@dataclass(frozen=True)
class DailyState:
    """What the day's automatic backup came to (for the window's dialog)."""

    day: str
    ok: bool
    problems: tuple[files.Problem, ...]


def daily_state(datadir: DataDir) -> DailyState | None:
    data = files.read_json(datadir.backups / DAILY_RECORD)
    if data is None or not isinstance(data.get("day"), str):
        return None
    return DailyState(data["day"], bool(data.get("ok")), files.problems_of(data))


def daily_backup(datadir: DataDir, now: datetime | None = None) -> Backup | None:
    """Make the day's backup if none was made (or tried) that day; the backup, or None. Never
    raises for the database or the disk: the opening it is part of goes on, and the outcome is
    recorded (`daily_state`) and logged."""
    if on_server(datadir) or not datadir.db_path.is_file():
        return None
    now = now or files.now_local()
    day = now.date().isoformat()
    record = datadir.backups / DAILY_RECORD
    state = daily_state(datadir)
    if state is not None and state.day == day:
        return None
    made: Backup | None = None
    problems: tuple[tuple[str, str], ...] = ()
    try:
        done = next(
            (
                b
                for b in files.list_backups(datadir.backups)
                if b.ok and b.created_at.date().isoformat() == day
            ),
            None,
        )
        if done is None:
            made = checked_backup(datadir, "daily", when=now)
            done = made
        ok, path = True, str(done.path)
    except GridDeskError as exc:
        log.warning("daily backup not made: %s", exc.en)
        ok, path, problems = False, None, ((exc.zh, exc.en),)
    try:
        files.write_json(
            record,
            {
                "day": day,
                "ok": ok,
                "path": path,
                "problems": [{"zh": z, "en": e} for z, e in problems],
            },
        )
    except OSError as exc:  # tried again at the next opening
        log.warning("could not record the daily backup: %s", exc)
    return made


class BeforeBulkImport:
    """`Database.before_write` of an office's SQLite database: a checked backup before a bulk
    import (see the module's docstring); every other write passes untouched."""

    def __init__(self, datadir: DataDir) -> None:
        self.datadir = datadir
        self._backed_up_at: float | None = None  # while only imports followed that backup

    def __call__(self, note: str | None) -> None:
        if note is None or not note.startswith(BULK_IMPORT_NOTES):
            self._backed_up_at = None
            return
        now = time.monotonic()
        if self._backed_up_at is not None and now - self._backed_up_at < BATCH_SECONDS:
            return
        try:
            checked_backup(self.datadir, "before-import")
        except BackupRefused as exc:
            raise BackupRefused(
                f"导入前的备份未通过检查，没有导入。{exc.zh}",
                f"The backup before the import failed its check; nothing was imported. {exc.en}",
            ) from exc
        self._backed_up_at = time.monotonic()


# --- restore -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Restored:
    source: Path
    created_at: datetime | None  # when the backup was made, if recorded
    residents: int | None
    households: int | None
    kept: Backup | None  # the database as it was, kept aside (before-restore); None: there was none
    checked: tuple[str, ...]


def resolve(datadir: DataDir, source: str | Path) -> tuple[Path, Backup | None, str | None]:
    """The file `source` names (`latest`: the newest good backup of this office), its record if
    it is one of this folder's backups, and this office's code."""
    require_sqlite(datadir, restoring=True)
    code = this_office(datadir)
    backups = files.list_backups(datadir.backups)
    if str(source) == LATEST:
        chosen = latest_good(backups, code)
        if chosen is None:
            raise RestoreRefused(
                f"没有可以恢复的正常备份（{datadir.backups}）。数据未改动。",
                f"There is no good backup to restore ({datadir.backups}). Nothing was changed.",
            )
        return chosen.path, chosen, code
    path = Path(source).expanduser().absolute()
    if not path.is_file():
        raise RestoreRefused(f"找不到备份文件：{path}", f"No such backup file: {path}")
    if path == datadir.db_path.absolute():
        raise RestoreRefused(
            f"这就是当前的数据库，不是备份：{path}",
            f"That is the current database, not a backup: {path}",
        )
    return path, next((b for b in backups if b.path.absolute() == path), None), code


def restore(
    datadir: DataDir,
    source: str | Path,
    *,
    progress: Progress = no_progress,
    release: Callable[[], contextlib.AbstractContextManager[object]] | None = None,
    by: str | None = None,
    admin_unverified: bool = False,
) -> Restored:
    """Restore the backup `source` (a file, or `latest`) in place of this folder's database.

    Checked first on a copy — identity (this office, a schema this program knows), then, upgraded
    to the current schema if it is older, the very checks of `check` — and refused (nothing
    changed) if anything is wrong. Then the current database is kept aside (a checked copy, or
    its raw files if SQLite cannot read it) and the copy renamed into place. `release` is entered
    around the replacement: the caller's own connections to the database closed meanwhile.

    `admin_unverified`: `by` proved only their password (the database would not open, so their
    role could not be read there); the backup itself must show them an active administrator, or
    nothing is restored — a staff member's or a disabled user's password restores nothing."""
    from app.core.common.scratch import process_folder

    path, record, code = resolve(datadir, source)
    live = datadir.db_path
    key = source_key(datadir, path)
    try:
        staged = process_folder(datadir.root) / "restoring.sqlite3"
        staged.unlink(missing_ok=True)
    except OSError as exc:  # a folder that cannot be written: nothing can be restored into it
        known = explain(exc, datadir.root)
        if known is None:
            raise
        raise known from exc
    total = 5
    try:
        progress(0, total, "读取备份")
        try:
            files.snapshot(path, staged, read_only=True, key=key)
        except driver.WrongKey as exc:
            raise _wrong_key(path, code) from exc
        except (OSError, driver.Error) as exc:
            raise RestoreRefused(
                f"备份文件无法读取，没有恢复：{path}（{exc}）。数据未改动。",
                f"The backup file cannot be read; nothing restored: {path} ({exc}). "
                "Nothing was changed.",
            ) from exc
        found = files.identify(staged)
        _refuse_foreign(found, path, code)
        if admin_unverified:
            _refuse_unless_admin(staged, by, path)
        progress(1, total, "检查备份")
        checked = _check_staged(staged, path)
        progress(2, total, "保存当前数据库")
        with release() if release is not None else contextlib.nullcontext():
            try:
                kept = None
                if live.exists():
                    # busy while another program has it: nothing changed. One the office's key
                    # does not open (its first page damaged) is kept as its files are
                    files.leave_wal(live, replacing=True)
                    kept = keep_current(datadir)
                progress(3, total, "替换")
                files.swap_in(staged, live, replacing=True)
            except (OSError, driver.Error) as exc:
                known = explain(exc, live)
                if known is None:
                    raise
                raise known from exc
    finally:
        staged.unlink(missing_ok=True)
        files.remove_side_files(staged)
    progress(4, total, "检查")
    after = files.inspect(live, full=False)
    if not after.ok or (code is not None and after.office_code != code):
        raise DatabaseProblem(
            f"恢复后的检查失败：{'；'.join(p[0] for p in after.problems)}。"
            f"恢复前的数据库已另存为 {kept.path if kept else '（无）'}。",
            f"The check after the restore failed: {'; '.join(p[1] for p in after.problems)}. "
            f"The database as it was is kept as {kept.path if kept else '(none)'}.",
        )
    log.info("restored %s; the database before kept as %s", path.name, kept and kept.path.name)
    audit_event(
        datadir,
        "restore",
        f"恢复备份 {path.name}，居民 {found.residents or 0} 人；恢复前的数据库另存为 "
        f"{kept.path.name if kept else '（无）'}",
        by,
    )
    return Restored(
        source=path,
        created_at=record.created_at if record is not None else None,
        residents=found.residents,
        households=found.households,
        kept=kept,
        checked=checked,
    )


def _refuse_unless_admin(staged: Path, name: str | None, path: Path) -> None:
    verdict = files.is_active_admin(staged, name) if name else None
    if verdict is True:
        return
    if verdict is None:
        raise RestoreRefused(
            f"所选备份中没有用户记录（早于用户管理，或无法读取），无法核实 {name} 是管理员；数据库"
            f"打不开时，只有管理员可以恢复。请选择较新的备份：{path}。数据未改动。",
            f"The chosen backup holds no users (made before users existed, or unreadable), so "
            f"{name} cannot be shown to be an administrator; while the database does not open, "
            f"only an administrator may restore. Choose a newer backup: {path}. Nothing was "
            "changed.",
        )
    raise RestoreRefused(
        f"在所选备份中，{name} 不是在用的管理员；数据库打不开时，只有管理员可以恢复。数据未改动。",
        f"In the chosen backup, {name} is not an active administrator; while the database does "
        "not open, only an administrator may restore. Nothing was changed.",
    )


def _wrong_key(path: Path, code: str | None) -> RestoreRefused:
    """A backup that does not open with this office's key: another office's, as the record beside
    it says when it is there (the file itself cannot be read to tell)."""
    record = files.read_json(files.sidecar_of(path)) or {}
    theirs, name = record.get("office_code"), record.get("office_name") or ""
    if isinstance(theirs, str) and theirs != code:
        return RestoreRefused(
            f"这是另一个机构（{name} {theirs}）的备份，不是本机构（{code}）的，且无法用本机构的"
            f"密钥打开，不能恢复：{path}。数据未改动。",
            f"That is a backup of another office ({name} {theirs}), not of this one ({code}), "
            f"and it does not open with this office's key; it cannot be restored: {path}. "
            "Nothing was changed.",
        )
    return RestoreRefused(
        f"备份文件无法用本机构的密钥打开，没有恢复：{path}。它可能是另一个机构的备份。数据未改动。",
        f"The backup file does not open with this office's key; nothing restored: {path}. It "
        "may be another office's backup. Nothing was changed.",
    )


def source_key(datadir: DataDir, path: Path) -> driver.KeyArg:
    """The key a backup file is opened with: this office's (the one registered for its data
    folder, wherever the file is — a USB stick too); none for a plain file (a backup made before
    the office's database was encrypted, which is encrypted as it is restored)."""
    if driver.is_plain_file(path):
        return driver.PLAIN
    return driver.key_for(datadir.root)


def _refuse_foreign(found: files.Inspection, path: Path, code: str | None) -> None:
    from app.db.migrate import known_revisions

    if not found.ok or found.revision is None or found.office_code is None:
        why = "；".join(p[0] for p in found.problems) or "不是 GridDesk 数据库"
        why_en = "; ".join(p[1] for p in found.problems) or "not a GridDesk database"
        raise RestoreRefused(
            f"这个文件不是可用的 GridDesk 备份（{why}）：{path}。数据未改动。",
            f"That file is not a usable GridDesk backup ({why_en}): {path}. Nothing was changed.",
        )
    if code is not None and found.office_code != code:
        raise RestoreRefused(
            f"这是另一个机构（{found.office_name or ''} {found.office_code}）的备份，不是本机构"
            f"（{code}）的，不能恢复：{path}。数据未改动。",
            f"That is a backup of another office ({found.office_name or ''} {found.office_code}), "
            f"not of this one ({code}); it cannot be restored: {path}. Nothing was changed.",
        )
    if found.revision not in known_revisions():
        raise RestoreRefused(
            f"这个备份来自更新版本的 GridDesk（结构版本 {found.revision}），请升级本程序：{path}。"
            "数据未改动。",
            f"That backup was made by a newer GridDesk (schema {found.revision}): upgrade this "
            f"program: {path}. Nothing was changed.",
        )


def _check_staged(staged: Path, source: Path) -> tuple[str, ...]:
    """Bring the copy to the current schema (if older) and run `check`'s checks on it; refused
    unless healthy. The copy is left self-contained (journal mode DELETE)."""
    from app.core.office.health import RESTORE_ADVICE, check_database
    from app.db.engine import Database, make_engine, sqlite_url
    from app.db.migrate import ensure_current

    engine = make_engine(sqlite_url(staged))
    try:
        try:
            ensure_current(engine, None, None)
            report = check_database(Database(engine))
        except GridDeskError as exc:
            raise RestoreRefused(
                f"备份未通过检查，没有恢复：{exc.zh}（{source}）。数据未改动。",
                f"The backup failed its check; nothing restored: {exc.en} ({source}). "
                "Nothing was changed.",
            ) from exc
    finally:
        engine.dispose()
    if not report.healthy:
        found = [p for p in report.problems if p != RESTORE_ADVICE]
        raise RestoreRefused(
            f"备份未通过检查，没有恢复：{'；'.join(p[0] for p in found)}（{source}）。数据未改动。",
            f"The backup failed its check; nothing restored: {'; '.join(p[1] for p in found)} "
            f"({source}). Nothing was changed.",
        )
    conn = driver.connect(staged)
    try:
        conn.execute("PRAGMA journal_mode=DELETE").fetchone()
    finally:
        conn.close()
    files.remove_side_files(staged)
    return tuple(report.checked)


def keep_current(datadir: DataDir) -> Backup:
    """Keep the database as it is now in backups/ with reason `before-restore`, whatever its
    check says (a damaged one is recorded as such and never thinned; one SQLite cannot copy is
    kept as its files are)."""
    return checked_backup(datadir, "before-restore", keep_damaged=True)
