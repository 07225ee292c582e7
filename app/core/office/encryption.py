"""An office's data folder encrypted at rest: the upgrade of a plain database, and a new office
encrypted from the start.

`encrypt_database(datadir, key)` turns an office made before encryption into an encrypted one,
in steps that each leave the folder usable if the process stops between them:

1. the database's WAL is folded into the file (it leaves WAL mode: nothing of it waits in a
   `-wal` file, and no other program may have it open);
2. a checked backup is made (reason `before-upgrade`), already encrypted with the new key: it is
   the way back should anything below go wrong, and no plain copy of the database is made for it;
3. `sqlcipher_export` copies the database into `griddesk.sqlite3.encrypting` under the key;
4. the copy is checked: integrity_check, cipher_integrity_check (every page against its HMAC),
   foreign keys, the office and schema revision, and every table's row count equal to the plain
   database's — any difference and the copy is removed, the plain database left as it was;
5. the copy is put in place with `swap_in` (one rename: the folder holds the plain database or
   the encrypted one, never neither);
6. the plain files left: every backup in `backups/` is encrypted in place (one that cannot be
   read is removed, since a plain copy is what this work removes), the staging
   file and any SQLite side file or leftover of an interrupted copy are removed, and so are the
   files in the making of processes that no longer run (`tmp/`);
7. the private keys in `keys/` are encrypted (app.core.office.keys);
8. every file and folder the program made in the data folder is made owner-only (0600 / 0700).

Run again on a folder whose database is already encrypted (a run cut short after step 5), it
does steps 6–8 only. Deleting or replacing a file does not wipe it from an SSD or a journalling
file system: copies made before the upgrade may still be recoverable from the disk itself.

The key is registered for the data folder (app.db.driver) before anything is done and stays
registered: the caller goes on to open the office with it.
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from app.core.common.progress import Progress, no_progress
from app.core.office import keys
from app.core.office.datadir import DataDir
from app.db import backup as files
from app.db import driver
from app.db.problems import explain
from app.errors import DatabaseCorrupt, NotInitialized

log = logging.getLogger(__name__)

STAGING_SUFFIX = ".encrypting"  # griddesk.sqlite3.encrypting: the encrypted copy being made
LEFTOVER_SUFFIXES = (".new", ".partial", STAGING_SUFFIX)  # files in the making, beside the db
FILE_MODE, FOLDER_MODE = 0o600, 0o700


class EncryptionRefused(DatabaseCorrupt):
    """The encrypted copy did not match the plain database: nothing was changed."""


@dataclass
class Encrypted:
    """What `encrypt_database` did."""

    database: bool = False  # the database itself was encrypted now (not by an earlier run)
    backup: Path | None = None  # the checked backup made before
    backups_encrypted: list[Path] = field(default_factory=list)
    backups_removed: list[Path] = field(default_factory=list)  # plain, and unreadable
    keys_encrypted: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)  # plain leftovers


def use_key(datadir: DataDir, key: bytes) -> None:
    """Register `key` for the data folder: every SQLite file in it is opened with it from now on
    (new files are made encrypted), and new private keys are written encrypted under it."""
    driver.register_key(datadir.root, key)


def encrypt_database(datadir: DataDir, key: bytes, progress: Progress | None = None) -> Encrypted:
    """Encrypt the office's plain database and every plain file of it in the data folder under
    `key` (see the module's docstring for the steps). A database on a PostgreSQL server has no
    file here: only the private keys are encrypted then."""
    report = progress or no_progress
    live = datadir.db_path
    if not live.is_file() and not (datadir.root / "database-url.txt").is_file():
        raise NotInitialized(
            f"数据文件夹尚未设置：{datadir.root}。",
            f"The data folder is not set up: {datadir.root}.",
        )
    use_key(datadir, key)
    done = Encrypted()
    total = 6
    try:
        if live.is_file() and driver.is_plain_file(live):
            report(0, total, "整理数据库")
            _fold_wal(live)
            report(1, total, "加密前备份")
            done.backup = files.checked_backup(
                live, datadir.backups, "before-upgrade", key=driver.PLAIN
            ).path
            report(2, total, "加密")
            staging = _staging(live)
            try:
                files.snapshot(live, staging, key=driver.PLAIN, target_key=key)
                report(3, total, "检查")
                _check_copy(live, staging, key)
                files.swap_in(staging, live, key=driver.PLAIN)
            finally:
                staging.unlink(missing_ok=True)
                files.remove_side_files(staging)
            done.database = True
            log.info("database encrypted; checked backup before: %s", done.backup.name)
        elif live.is_file():
            driver.connect(live, key=key).close()  # WrongKey: another key's database
        report(4, total, "加密备份")
        _encrypt_backups(datadir, key, done)
        report(5, total, "清理")
        done.removed.extend(_remove_leftovers(datadir))
        done.keys_encrypted = keys.encrypt_private_keys(datadir.keys, key)
        owner_only(datadir.root)
    except (OSError, driver.Error) as exc:
        known = explain(exc, live)
        if known is None:
            raise
        raise known from exc
    report(total, total, "完成")
    return done


def _staging(live: Path) -> Path:
    staging = live.parent / (live.name + STAGING_SUFFIX)
    staging.unlink(missing_ok=True)
    files.remove_side_files(staging)
    return staging


def _fold_wal(live: Path) -> None:
    """The WAL folded into the plain database and its side files removed; busy (another program
    has it open) or unreadable: refused, nothing changed."""
    if not files.leave_wal(live, key=driver.PLAIN):  # busy: raised, and explained by the caller
        raise DatabaseCorrupt(
            f"数据库无法读取，没有加密：{live}。请先运行 check，需要时用 restore latest 恢复。",
            f"The database cannot be read; it was not encrypted: {live}. Run check first, and "
            "restore latest if need be.",
        )


def table_counts(path: Path, key: driver.KeyArg) -> dict[str, int]:
    """Every table's row count (the schema's own tables and the search index's included)."""
    conn = driver.connect(path, key=key, read_only=True, cache_kib=driver.CHECK_CACHE_KIB)
    try:
        names = [
            str(r[0])
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND sql IS NOT NULL "
                "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name"
            )
        ]
        return {
            name: int(conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0])
            for name in names
        }
    finally:
        conn.close()


def _check_copy(plain: Path, copy: Path, key: bytes) -> None:
    """The encrypted copy is whole (integrity, every page's HMAC, foreign keys), is the same
    office at the same revision, and holds as many rows in every table as the plain database."""
    found = files.inspect(copy, key=key)
    before = files.identify(plain, key=driver.PLAIN)
    problems = list(found.problems)
    if "cipher_integrity_check" not in found.checked and not problems:
        problems.append(("副本没有加密", "The copy is not encrypted"))
    if not problems and (found.office_code, found.revision) != (
        before.office_code,
        before.revision,
    ):
        problems.append(("副本与原数据库不符", "The copy is not the same database"))
    if not problems:
        counts, expected = table_counts(copy, key), table_counts(plain, driver.PLAIN)
        differ = sorted(
            name
            for name in expected.keys() | counts.keys()
            if counts.get(name) != expected.get(name)
        )
        if differ:
            problems.append(
                (
                    f"副本的行数与原数据库不同（表 {', '.join(differ[:5])}）",
                    f"The copy's row counts differ (tables {', '.join(differ[:5])})",
                )
            )
    if problems:
        raise EncryptionRefused(
            f"加密后的副本未通过检查，数据库没有加密，也未改动：{'；'.join(p[0] for p in problems)}",
            "The encrypted copy failed its check; the database was neither encrypted nor "
            f"changed: {'; '.join(p[1] for p in problems)}",
        )


def _encrypt_backups(datadir: DataDir, key: bytes, done: Encrypted) -> None:
    """Every plain backup in backups/ encrypted in place (its record keeps what its check found
    when it was made; a restore checks it again); one SQLite cannot read (a damaged database kept
    as its files were) is removed with its record."""
    folder = datadir.backups
    if not folder.is_dir():
        return
    for path in sorted(folder.glob(f"*{files.SUFFIX}")):
        if not driver.is_plain_file(path):
            _remove_plain_wal(path, done)
            continue
        copy = path.parent / (path.name + STAGING_SUFFIX)
        try:
            files.snapshot(path, copy, read_only=True, key=driver.PLAIN, target_key=key)
            found = files.identify(copy, key=key)  # it opens with the key and is what it was
            if found.problems:
                raise EncryptionRefused(found.problems[0][0], found.problems[0][1])
            files.fsync_file(copy)
            os.replace(copy, path)
            files.fsync_dir(folder)
            _update_record(path)
            done.backups_encrypted.append(path)
        except (driver.Error, EncryptionRefused) as exc:
            log.warning("plain backup %s cannot be encrypted, removed: %s", path.name, exc)
            for gone in (path, files.sidecar_of(path)):
                gone.unlink(missing_ok=True)
            done.backups_removed.append(path)
        finally:
            copy.unlink(missing_ok=True)
            files.remove_side_files(copy)
        _remove_plain_wal(path, done)


def _remove_plain_wal(backup: Path, done: Encrypted) -> None:
    """A `-wal` kept beside a backup (the raw files of a damaged database) is plain: removed."""
    for suffix in files.SIDE_FILES:
        side = backup.parent / (backup.name + suffix)
        if side.is_file():
            side.unlink()
            done.removed.append(side)


def _update_record(path: Path) -> None:
    """The record beside a re-encrypted backup: its new size."""
    record = files.sidecar_of(path)
    data = files.read_json(record)
    if data is None:
        return
    data["size"] = path.stat().st_size
    data["encrypted"] = True
    files.write_json(record, data)


def _remove_leftovers(datadir: DataDir) -> list[Path]:
    """Plain files beside the database: the side files of a database in the making, copies cut
    short (`.new`, `.partial`, `.encrypting`), and the scratch folders of processes that no longer
    run; plain SQLite files in this process's own scratch folder too."""
    from app.core.common import scratch

    removed: list[Path] = []
    live = datadir.db_path
    for suffix in LEFTOVER_SUFFIXES:
        made = live.parent / (live.name + suffix)
        for path in (made, *(made.parent / (made.name + s) for s in files.SIDE_FILES)):
            if path.is_file():
                path.unlink()
                removed.append(path)
    if driver.is_plain_file(live):
        return removed  # (not reached: the live database is encrypted by now)
    for suffix in files.SIDE_FILES:
        side = live.parent / (live.name + suffix)
        if side.is_file() and _plain_side_file(side):
            side.unlink()
            removed.append(side)
    with contextlib.suppress(OSError):
        scratch.sweep(datadir.root)
    base = datadir.root / scratch.SCRATCH
    if base.is_dir():
        for path in base.rglob("*"):
            if path.is_file() and driver.is_plain_file(path):
                path.unlink()
                removed.append(path)
    return removed


def _plain_side_file(path: Path) -> bool:
    """A -wal, -shm or -journal that is not the encrypted database's own: an encrypted
    database's -wal frames are encrypted, but a stale one left by the plain database is not.
    With the database out of WAL mode (as `swap_in` leaves it), any side file is stale."""
    try:
        conn = driver.connect(path.parent / path.name.rsplit("-", 1)[0], read_only=True)
    except driver.Error:
        return True
    try:
        mode = str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower()
    finally:
        conn.close()
    return mode != "wal"


def owner_only(root: Path) -> None:
    """Every file in the data folder readable and writable by its owner only (0600), every
    folder 0700; symbolic links are left alone."""
    for folder, dirs, names in os.walk(root):
        base = Path(folder)
        _chmod(base, FOLDER_MODE)
        for name in names:
            _chmod(base / name, FILE_MODE)
        dirs[:] = [d for d in dirs if not (base / d).is_symlink()]


def _chmod(path: Path, mode: int) -> None:
    if os.name != "posix":
        return  # Windows: the user's profile folder is the user's; no mode bits to set
    try:
        st = path.lstat()
        if stat.S_ISLNK(st.st_mode) or stat.S_IMODE(st.st_mode) == mode:
            return
        path.chmod(mode)
    except OSError as exc:
        log.warning("could not make %s owner-only: %s", path, exc)
