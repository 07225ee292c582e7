"""Checked copies of a SQLite database, and putting one in place of the live file.

The file-level half of backups (app.core.office.backups decides when, names them and keeps the list):

* `snapshot` copies a live database with SQLite's online backup API: one read transaction, so
  the copy is the database as it was at one moment, the WAL's committed pages included, while
  other connections keep working. The copy is set to journal mode DELETE (one self-contained
  file: nothing beside it is needed to read it, and nothing beside it can be mistaken for its
  WAL) and flushed to disk.
* `inspect` checks a copy — never the live file — with PRAGMA integrity_check and
  foreign_key_check, and reads what identifies it: the office code, the schema revision, the
  households and residents it holds (counted as `stats` counts them).
* `checked_backup` makes one backup in a folder: the snapshot under a temporary name
  (`….sqlite3.partial`), checked, its metadata written beside it, then renamed to its own name —
  so a file under a backup's name is always whole and checked. A database that fails the check
  gives no backup (`BackupRefused`). Then the folder is thinned (`plan_thinning`).
* `swap_in` puts a checked file in place of the live database. A stale `-wal` applied to another
  file corrupts it, so the live database is first taken out of WAL mode (which folds the WAL into
  the file and removes `-wal` and `-shm`, and fails while any other connection has the file open);
  then leftovers are removed and the new file is renamed over it, which is atomic: after a crash
  the folder holds the old database or the new one, never a mix.

The metadata of a backup (when, why, the office, the schema revision, the counts, whether it
passed its check) is a small JSON file beside it, `griddesk-<time>-<reason>.json`, rather than a
table inside it: the backup stays byte for byte the database SQLite copied (restorable as it is,
by hand if need be), and listing the backups reads a few small files instead of opening databases
of 100 MB. The sidecar is a record of the check made when the backup was written, not a licence:
a restore checks the file itself again.

The connections are the driver's own (app.db.driver), not an engine's: no engine of the caller's
may be open on the files involved. An encrypted database's snapshot is encrypted with the same key
(the key registered for the database's folder, or the `key` given: a backup on a USB stick is
opened with this office's key); its check adds `PRAGMA cipher_integrity_check`, which checks every
page against its HMAC and names a changed one. A plain file copied into a folder that has a key (a
backup from before encryption, restored) is encrypted on the way (`sqlcipher_export`), since the
backup API copies pages as they are.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from app import __version__
from app.db import driver
from app.db.problems import explain
from app.errors import DatabaseCorrupt, DatabaseProblem

log = logging.getLogger(__name__)

BUSY_TIMEOUT_S = driver.BUSY_TIMEOUT_S
SIDE_FILES = ("-wal", "-shm", "-journal")  # SQLite's files beside a database, by suffix
SQLITE_BUSY, SQLITE_LOCKED = driver.SQLITE_BUSY, driver.SQLITE_LOCKED

Problem = tuple[str, str]  # (zh, en)


@dataclass(frozen=True)
class Inspection:
    """What a check of a copy found."""

    problems: tuple[Problem, ...] = ()
    office_code: str | None = None
    office_name: str | None = None
    revision: str | None = None
    residents: int | None = None
    households: int | None = None
    checked: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.problems


def fsync_file(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX; Windows has no directory handles to flush)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_side_files(db: Path) -> None:
    for suffix in SIDE_FILES:
        (db.parent / (db.name + suffix)).unlink(missing_ok=True)


def _read_only(path: Path, key: driver.KeyArg = None, *, checking: bool = False) -> Any:
    return driver.connect(
        path,
        key=key,
        read_only=True,
        cache_kib=driver.CHECK_CACHE_KIB if checking else driver.CACHE_KIB,
    )


def snapshot(
    source: Path,
    target: Path,
    *,
    read_only: bool = False,
    key: driver.KeyArg = None,
    target_key: driver.KeyArg = None,
) -> None:
    """Copy the database `source` into the new file `target` (replaced if there), whole and
    self-contained (journal mode DELETE), flushed to disk. `read_only` opens `source` so that
    nothing of it can change (a file brought from elsewhere); the live database is opened as
    SQLite opens it for reading, so that its WAL is read with it.

    `key` opens `source` (None: the key registered for its folder, if any). The copy is keyed
    with `target_key`, else with the key registered for its own folder, else with the source's
    key: a snapshot of an encrypted database is encrypted with the same key."""
    if not source.is_file():  # connecting would make an empty database there
        raise FileNotFoundError(2, "No such file", str(source))
    if target.exists() and target.stat().st_size:
        target.unlink()  # never into an old file; an empty one (reserved, `new_name`) will do
    remove_side_files(target)
    src_key = driver.resolve_key(source, key)
    dst_key = driver.resolve_key(target, target_key)
    if dst_key is None and target_key is None:
        dst_key = src_key
    if dst_key != src_key:
        _export(source, src_key, target, dst_key)
    else:
        src = (
            _read_only(source, src_key or driver.PLAIN)
            if read_only
            else driver.connect(source, key=src_key or driver.PLAIN)
        )
        try:
            dst = driver.connect(target, key=dst_key or driver.PLAIN)
            try:
                src.backup(dst)  # all pages in one step: one consistent read of the source
                dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
        finally:
            src.close()
    remove_side_files(target)
    fsync_file(target)


def _keyword(key: bytes | None) -> str:
    return f"\"x'{key.hex()}'\"" if key is not None else "''"


def _export(source: Path, src_key: bytes | None, target: Path, dst_key: bytes | None) -> None:
    """Copy `source` into the new file `target` under another key (or none), with SQLCipher's
    `sqlcipher_export`: the backup API copies pages as they are, so it cannot encrypt or
    decrypt. The source is attached read-only; its user_version is copied too."""
    if src_key is not None:
        driver.connect(source, key=src_key, read_only=True).close()  # WrongKey, as for a snapshot
    dst = driver.connect(
        target.absolute().as_uri(), uri=True, key=dst_key or driver.PLAIN, isolation_level=None
    )
    try:
        dst.execute(
            f"ATTACH DATABASE ? AS source KEY {_keyword(src_key)}",
            (f"{source.absolute().as_uri()}?mode=ro",),
        )
        dst.execute("SELECT sqlcipher_export('main', 'source')").fetchall()
        version = int(dst.execute("PRAGMA source.user_version").fetchone()[0])
        dst.execute(f"PRAGMA main.user_version = {version}")
        dst.execute("DETACH DATABASE source")
        dst.execute("PRAGMA journal_mode=DELETE")
    finally:
        dst.close()


def raw_copy(source: Path, target: Path) -> None:
    """Copy the files of a database that SQLite cannot read (and its `-wal`, named after
    `target`) byte for byte, so that nothing of it is lost; flushed to disk."""
    for suffix in ("", "-wal"):
        src = source.parent / (source.name + suffix)
        dst = target.parent / (target.name + suffix)
        if src.is_file():
            shutil.copyfile(src, dst)
            fsync_file(dst)


def _cannot_open(exc: Exception) -> Inspection:
    if isinstance(exc, driver.WrongKey):
        why = (
            ("没有加密，而本机构已启用加密", "it is not encrypted, and this office uses encryption")
            if exc.plain
            else ("无法用本机构的密钥打开", "it does not open with this office's key")
        )
        return Inspection(problems=((f"无法打开：{why[0]}", f"Cannot open it: {why[1]}"),))
    return Inspection(problems=((f"无法打开：{exc}", f"Cannot open it: {exc}"),))


def inspect(path: Path, *, full: bool = True, key: driver.KeyArg = None) -> Inspection:
    """Check the copy `path`: integrity (quick_check when not `full`), foreign keys, every
    page's HMAC (an encrypted file), and what it is — the office, the schema revision, the
    counts. Problems are collected, not raised. `key`: as for `snapshot`'s source."""
    problems: list[Problem] = []
    checked: list[str] = []
    found: dict[str, Any] = {}
    try:
        conn = _read_only(path, key, checking=full)
    except driver.Error as exc:
        return _cannot_open(exc)
    try:
        if driver.is_keyed(conn):
            damaged = [str(r[0]) for r in conn.execute("PRAGMA cipher_integrity_check")]
            checked.append("cipher_integrity_check")
            if damaged:
                shown = "; ".join(damaged[:3])
                problems.append((f"加密页校验失败：{shown}", f"Page check failed: {shown}"))
        pragma = "integrity_check" if full else "quick_check"
        result = [str(r[0]) for r in conn.execute(f"PRAGMA {pragma}")]
        checked.append(pragma)
        if result != ["ok"]:
            shown = " ".join("; ".join(result[:3]).split())  # one line (a row may hold several)
            problems.append((f"完整性检查失败：{shown}", f"Integrity check failed: {shown}"))
        broken = conn.execute("PRAGMA foreign_key_check").fetchall()
        checked.append("foreign_key_check")
        if broken:
            problems.append(
                (
                    f"外键不一致 {len(broken)} 处（例如表 {broken[0][0]}）",
                    f"{len(broken)} foreign key violations (e.g. table {broken[0][0]})",
                )
            )
        found = _identity(conn)
    except driver.DatabaseError as exc:
        problems.append((f"无法读取：{exc}", f"Cannot be read: {exc}"))
    finally:
        conn.close()
    if not problems and found.get("revision") is None:
        problems.append(
            ("不是 GridDesk 数据库（没有结构版本）", "Not a GridDesk database (no schema revision)")
        )
    if not problems and found.get("office_code") is None:
        problems.append(("数据库中没有机构信息", "The database holds no office profile"))
    return Inspection(problems=tuple(problems), checked=tuple(checked), **found)


def identify(path: Path, *, key: driver.KeyArg = None) -> Inspection:
    """What `path` is (office, revision, counts) without checking it; problems if unreadable.
    `key`: as for `snapshot`'s source."""
    try:
        conn = _read_only(path, key)
    except driver.Error as exc:
        return _cannot_open(exc)
    try:
        return Inspection(**_identity(conn))
    except driver.DatabaseError as exc:
        return Inspection(problems=((f"无法读取：{exc}", f"Cannot be read: {exc}"),))
    finally:
        conn.close()


def is_active_admin(path: Path, name: str, *, key: driver.KeyArg = None) -> bool | None:
    """Whether `name` is an active administrator in the database `path`; None when it has no
    users at all (made before users existed) or cannot be read."""
    try:
        conn = _read_only(path, key)
    except driver.Error:
        return None
    try:
        row = conn.execute("SELECT role, active FROM app_user WHERE name = ?", (name,)).fetchone()
    except driver.DatabaseError:  # no such table: a database from before users
        return None
    finally:
        conn.close()
    return row is not None and row[0] == "admin" and bool(row[1])


def _identity(conn: Any) -> dict[str, Any]:
    def first(*queries: str) -> Any:
        for sql in queries:  # the later ones for older schema revisions
            try:
                row = conn.execute(sql).fetchone()
            except driver.OperationalError:  # no such table or column
                continue
            return row[0] if row else None
        return None

    office = None
    with contextlib.suppress(driver.OperationalError):
        office = conn.execute("SELECT code, name FROM office WHERE id = 1").fetchone()
    return {
        "revision": first("SELECT version_num FROM alembic_version"),
        "office_code": office[0] if office else None,
        "office_name": office[1] if office else None,
        "residents": first(
            "SELECT count(*) FROM resident WHERE deleted_at IS NULL AND status = 'active'",
            "SELECT count(*) FROM resident",
        ),
        "households": first(
            "SELECT count(*) FROM household WHERE deleted_at IS NULL",
            "SELECT count(*) FROM household",
        ),
    }


def is_busy(exc: BaseException) -> bool:
    code = driver.error_code(exc)
    return code is not None and code & 0xFF in (SQLITE_BUSY, SQLITE_LOCKED)


def leave_wal(live: Path, *, key: driver.KeyArg = None, replacing: bool = False) -> bool:
    """Take the live database out of WAL mode: its WAL folded into the file, `-wal` and `-shm`
    removed. True when done; False when SQLite cannot read the file (a damaged database: its
    side files are then left to the caller). Raises driver.OperationalError (busy) while
    another connection has the file open — nothing changed then. A file that does not open with
    `key` (None: the key registered for its folder) raises driver.WrongKey, unless it is being
    `replacing` (a restore, which has kept it as its files are): the office's own key not
    opening it means its first page is damaged, or another file was put in its place."""
    try:
        conn = driver.connect(live, key=key, timeout=2.0)
    except driver.WrongKey:
        if replacing:
            return False
        raise
    except driver.Error:
        return False
    try:
        conn.execute("PRAGMA journal_mode=DELETE").fetchone()
    except driver.Error as exc:
        if is_busy(exc):
            raise
        return False
    finally:
        conn.close()
    return True


def swap_in(
    new: Path,
    live: Path,
    before_rename: Callable[[], None] | None = None,
    *,
    key: driver.KeyArg = None,
    replacing: bool = False,
) -> None:
    """Put the checked, self-contained file `new` (in the same folder) in place of `live`.

    The live database leaves WAL mode first (see `leave_wal`); a damaged one whose side files
    SQLite cannot fold in has them removed (the caller has kept a copy of them). The rename is
    the one step that changes what the folder holds. `key` opens `live`, and `replacing` lets
    one that does not open with it be replaced (see `leave_wal`)."""
    if live.exists():  # (connecting would make it)
        leave_wal(live, key=key, replacing=replacing)
    remove_side_files(live)  # never let a stale WAL or journal meet the new file
    fsync_file(new)
    if before_rename is not None:
        before_rename()
    os.replace(new, live)
    fsync_dir(live.parent)


def write_json(path: Path, data: dict[str, Any]) -> None:
    """A small JSON file written beside (under a name of its own), flushed and renamed: whole
    or not at all."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=2)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(name, path)
    finally:
        Path(name).unlink(missing_ok=True)


def read_json(path: Path) -> dict[str, Any] | None:
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


# --- the backups folder ------------------------------------------------------------------------

REASONS = ("manual", "daily", "before-import", "before-upgrade", "before-restore")
SUFFIX = ".sqlite3"
_NAME = re.compile(r"^griddesk-(\d{8}-\d{6})-(.+)$")
PARTIAL_MAX_AGE_S = 3600  # an unfinished copy older than this belongs to no running process
KEEP_ALL_DAYS, KEEP_WEEKLY_WEEKS, KEEP_MONTHLY_DAYS = 7, 8, 365

ProgressFn = Callable[[int, int, str], None]


def _no_progress(done: int, total: int, label: str) -> None:
    pass


class BackupRefused(DatabaseCorrupt):
    """The database failed the check of its copy: no backup was kept."""


@dataclass(frozen=True)
class Backup:
    """One backup file and what was recorded of it when it was written."""

    path: Path
    created_at: datetime  # local time, with its offset
    reason: str
    ok: bool | None  # None: no record (a file GridDesk did not write, or from an older version)
    office_code: str | None = None
    office_name: str | None = None
    revision: str | None = None
    residents: int | None = None
    households: int | None = None
    problems: tuple[Problem, ...] = ()
    size: int = 0

    @property
    def sidecar(self) -> Path:
        return sidecar_of(self.path)

    def as_json(self, lang: str = "zh") -> dict[str, Any]:
        return {
            "path": str(self.path),
            "created_at": self.created_at.isoformat(timespec="seconds"),
            "reason": self.reason,
            "residents": self.residents,
            "households": self.households,
            "ok": self.ok,
            "office_code": self.office_code,
            "revision": self.revision,
            "size": self.size,
            "problems": [en if lang == "en" else zh for zh, en in self.problems],
        }


def sidecar_of(path: Path) -> Path:
    return path.with_suffix(".json")


def now_local() -> datetime:
    return datetime.now().astimezone()


def new_name(folder: Path, reason: str, when: datetime) -> Path:
    """A free name for a backup made at `when` for `reason`, reserved: its temporary file
    (`partial_of`) is created empty, exclusively, so that two processes backing up in the same
    second (two imports at once) never write into one file."""
    stem = f"griddesk-{when.strftime('%Y%m%d-%H%M%S')}-{reason}"
    n = 1
    while True:
        path = folder / (f"{stem}-{n}{SUFFIX}" if n > 1 else stem + SUFFIX)
        n += 1
        if path.exists() or sidecar_of(path).exists():
            continue
        try:
            fd = os.open(partial_of(path), os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            continue
        os.close(fd)
        return path


def partial_of(path: Path) -> Path:
    """Where the backup `path` is made before it takes its name."""
    return path.parent / (path.name + ".partial")


def metadata(found: Inspection, reason: str, when: datetime, size: int) -> dict[str, Any]:
    return {
        "format": 1,
        "created_at": when.isoformat(timespec="microseconds"),
        "reason": reason,
        "ok": found.ok,
        "office_code": found.office_code,
        "office_name": found.office_name,
        "revision": found.revision,
        "residents": found.residents,
        "households": found.households,
        "problems": [{"zh": zh, "en": en} for zh, en in found.problems],
        "checked": list(found.checked),
        "size": size,
        "program": __version__,
    }


def problems_of(record: dict[str, Any]) -> tuple[Problem, ...]:
    """The problems a record lists, as (zh, en)."""
    found = record.get("problems")
    return tuple(
        (str(p.get("zh", "")), str(p.get("en", "")))
        for p in (found if isinstance(found, list) else [])
        if isinstance(p, dict)
    )


def _from_record(path: Path, data: dict[str, Any]) -> Backup | None:
    try:
        created = datetime.fromisoformat(str(data["created_at"]))
    except (KeyError, ValueError):
        return None
    if created.tzinfo is None:
        created = created.astimezone()

    def number(key: str) -> int | None:
        value = data.get(key)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    def text(key: str) -> str | None:
        value = data.get(key)
        return value if isinstance(value, str) else None

    problems = problems_of(data)
    ok = data.get("ok")
    return Backup(
        path=path,
        created_at=created,
        reason=text("reason") or "unknown",
        ok=ok if isinstance(ok, bool) else None,
        office_code=text("office_code"),
        office_name=text("office_name"),
        revision=text("revision"),
        residents=number("residents"),
        households=number("households"),
        problems=problems,
        size=number("size") or 0,
    )


def _unrecorded(path: Path) -> Backup:
    """A backup file with no record beside it (made by an older version, or put there by hand):
    listed with what its name says, never taken for a checked one."""
    match = _NAME.match(path.stem)
    created: datetime | None = None
    reason = "unknown"
    if match:
        with contextlib.suppress(ValueError):
            created = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S").astimezone()
        label = match.group(2)
        if re.fullmatch(r"before-\d{4}", label):  # older versions: before-<revision>
            reason = "before-upgrade"
        elif re.sub(r"-\d+$", "", label) in REASONS:  # a second one in the same second: -2
            reason = re.sub(r"-\d+$", "", label)
    if created is None:
        created = datetime.fromtimestamp(path.stat().st_mtime).astimezone()
    return Backup(path=path, created_at=created, reason=reason, ok=None, size=path.stat().st_size)


def list_backups(folder: Path) -> list[Backup]:
    """The backups in `folder`, newest first."""
    if not folder.is_dir():
        return []
    found: list[Backup] = []
    for path in folder.glob(f"*{SUFFIX}"):
        try:
            data = read_json(sidecar_of(path))
            entry = _from_record(path, data) if data is not None else None
            found.append(entry if entry is not None else _unrecorded(path))
        except OSError:  # removed meanwhile
            continue
    found.sort(key=lambda b: (b.created_at, b.path.name), reverse=True)
    return found


def sweep(folder: Path) -> None:
    """Remove what an interrupted backup left: unfinished copies, records without a backup."""
    if not folder.is_dir():
        return
    old = time.time() - PARTIAL_MAX_AGE_S
    for path in folder.iterdir():
        try:
            unfinished = path.name.endswith(".partial")
            orphan = (
                path.suffix == ".json"
                and path.name.startswith("griddesk-")
                and not path.with_suffix(SUFFIX).exists()
            )
            if (unfinished or orphan) and path.stat().st_mtime < old:
                path.unlink()
        except OSError:
            continue


def checked_backup(
    db_path: Path,
    folder: Path,
    reason: str,
    *,
    progress: ProgressFn = _no_progress,
    when: datetime | None = None,
    keep_damaged: bool = False,
    key: driver.KeyArg = None,
) -> Backup:
    """Back up the live SQLite database `db_path` into `folder`: copied, checked, recorded,
    renamed; then the folder is thinned. A database failing the check gives `BackupRefused` and
    leaves nothing behind; a known condition (disk full, locked, not a database) its message.

    `keep_damaged` (the database kept aside before a restore): a copy failing its check is kept
    all the same, recorded as failed; and a database SQLite cannot copy at all is kept as its
    files are, byte for byte (the caller has made sure that nobody is writing it).

    `key` opens the database (None: the key registered for its folder); the backup is keyed as
    `snapshot` keys it, and checked with the same key."""
    if not db_path.is_file():  # never let a connection make an empty file there
        raise DatabaseProblem(
            f"没有可备份的数据库文件：{db_path}。数据库在 PostgreSQL 服务器上时，"
            "请由服务器管理员用 pg_dump 备份。",
            f"No database file to back up: {db_path}. A database on a PostgreSQL server is "
            "backed up by its administrator with pg_dump.",
        )
    when = when or now_local()
    final = None
    partial = None
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        sweep(folder)
        final = new_name(folder, reason, when)
        partial = partial_of(final)
        progress(0, 3, "复制")
        try:
            snapshot(db_path, partial, key=key)
            progress(1, 3, "检查")
            found = inspect(partial, key=_key_of_copy(db_path, partial, key))
        except driver.Error as exc:
            if not keep_damaged or is_busy(exc):
                raise
            found = _kept_raw(db_path, partial, final, exc)
        if not found.ok and not keep_damaged:
            zh = "；".join(p[0] for p in found.problems)
            en = "; ".join(p[1] for p in found.problems)
            raise BackupRefused(
                f"数据库未通过检查，没有保存为备份：{zh}。数据库可能已损坏：请运行 check 查看，"
                "需要时用 restore latest（窗口中：文件 → 备份与恢复…）恢复最近的正常备份。",
                f"The database failed its check; no backup was kept: {en}. The database may be "
                "damaged: run check, and if need be restore latest (in the window: File → "
                "Backup and restore…) to go back to the newest good backup.",
            )
        progress(2, 3, "保存")
        partial.chmod(0o600)  # personal data: the owner's only, as the log is
        write_json(sidecar_of(final), metadata(found, reason, when, partial.stat().st_size))
        os.replace(partial, final)
        fsync_dir(folder)
    except (OSError, driver.Error) as exc:
        known = explain(exc, folder if isinstance(exc, OSError) else db_path)
        if known is None:
            raise
        raise known from exc
    finally:
        if partial is not None and partial.exists():
            partial.unlink(missing_ok=True)
            remove_side_files(partial)
            if final is not None and not final.exists():
                sidecar_of(final).unlink(missing_ok=True)
                (final.parent / (final.name + "-wal")).unlink(missing_ok=True)
    made = list_backups(folder)
    thin(folder, when, made)
    entry = next((b for b in made if b.path == final), None)
    assert entry is not None
    log.info("backup %s (%s): %s residents", final.name, reason, entry.residents)
    return entry


def _key_of_copy(source: Path, copy: Path, key: driver.KeyArg) -> driver.KeyArg:
    """The key `snapshot(source, copy, key=key)` made `copy` with."""
    return driver.resolve_key(copy) or driver.resolve_key(source, key) or driver.PLAIN


def _kept_raw(db_path: Path, partial: Path, final: Path, exc: Exception) -> Inspection:
    """The files of a database SQLite cannot copy, kept as they are under the backup's names."""
    remove_side_files(partial)
    raw_copy(db_path, partial)  # over what the failed copy left
    wal = partial.parent / (partial.name + "-wal")
    if wal.exists():
        os.replace(wal, final.parent / (final.name + "-wal"))
    return Inspection(
        problems=(
            (f"SQLite 无法读取，按原样保存：{exc}", f"Unreadable by SQLite, kept as is: {exc}"),
        )
    )


def remove_backup(backup: Backup) -> None:
    for path in (backup.path, backup.path.parent / (backup.path.name + "-wal"), backup.sidecar):
        path.unlink(missing_ok=True)


def plan_thinning(backups: Sequence[Backup], now: datetime) -> list[Backup]:
    """The backups to remove: every good backup of the last 7 days is kept, then the newest of
    each week for 8 weeks, then the newest of each month for a year; the newest good backup is
    never removed; a backup that failed its check (a damaged database kept aside before a
    restore) or that has no record is never removed here."""
    good = sorted(
        (b for b in backups if b.ok is True),
        key=lambda b: (b.created_at, b.path.name),
        reverse=True,
    )
    keep: set[Path] = {good[0].path} if good else set()
    weeks: set[tuple[int, int]] = set()
    months: set[tuple[int, int]] = set()
    for b in good:  # newest first: the first seen of a week or month is its newest
        age = now - b.created_at
        if age <= timedelta(days=KEEP_ALL_DAYS):
            keep.add(b.path)
        week = b.created_at.isocalendar()[:2]
        if age <= timedelta(weeks=KEEP_WEEKLY_WEEKS) and week not in weeks:
            weeks.add(week)
            keep.add(b.path)
        month = (b.created_at.year, b.created_at.month)
        if age <= timedelta(days=KEEP_MONTHLY_DAYS) and month not in months:
            months.add(month)
            keep.add(b.path)
    return [b for b in good if b.path not in keep]


def thin(folder: Path, now: datetime, backups: Iterable[Backup] | None = None) -> list[Backup]:
    """Remove what `plan_thinning` says; returns what was removed."""
    gone = plan_thinning(list(backups) if backups is not None else list_backups(folder), now)
    for b in gone:
        try:
            remove_backup(b)
        except OSError as exc:  # in use, read-only: tried again after the next backup
            log.warning("could not remove old backup %s: %s", b.path.name, exc)
    return gone
