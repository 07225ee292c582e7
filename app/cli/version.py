"""`--version`: the program's version, its schema revision, the data folder the commands would open
and the office there — what a clerk reads out on the telephone before and after an upgrade.

It must stay fast and harmless: no SQLAlchemy, no password asked, nothing written to the data
folder (no log, and a database is opened `immutable` unless a running program's -wal and -shm
are already there). The first line is exactly `GridDesk <version>` (the build's smoke test reads
it).

Where the office is read from: an encrypted database cannot be read without a password, so its
office is the one its keyring keeps in plain (keys/keyring.json: code, name, role as set up); a
plain database (an office made by 0.1.0, before users) is read with the SQLite driver alone.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path

from app import APP_NAME, __version__
from app.cli.common import EXIT_OK, Output
from app.core.office.datadir import DataDir
from app.db.revision import SCHEMA_HEAD

KEYRING = Path("keys") / "keyring.json"  # app.core.trust.keyring (not imported: argon2, AES)
DATABASE_URL = "database-url.txt"  # app.core.office.database_url


@dataclass(frozen=True)
class FolderOffice:
    """What `--version` could learn about the office in a data folder without signing in."""

    code: str = ""
    name: str = ""
    role: str = ""
    revision: str | None = None  # the database's, when it could be read (a plain database)
    problem: tuple[str, str] | None = None  # why the office could not be read (zh, en)


def datadir_of(args: argparse.Namespace) -> DataDir:
    """The folder a command would open: --data-dir, GRIDDESK_DATA_DIR, the demo's with --demo."""
    if args.demo and not args.data_dir:
        return DataDir.demo()
    return DataDir.resolve(args.data_dir)


def office_in(datadir: DataDir) -> FolderOffice | None:
    """The office in `datadir`, read without a password and without writing; None when the folder
    is not set up."""
    if not datadir.is_set_up():
        return None
    from_ring = _office_in_keyring(datadir.root / KEYRING)
    if from_ring is not None:
        return from_ring
    if not datadir.db_path.is_file() and (datadir.root / DATABASE_URL).is_file():
        return FolderOffice(
            problem=("数据库在 PostgreSQL 服务器上，请用 stats 命令查看", "the database is on a "
                     "PostgreSQL server; the stats command shows it")
        )  # fmt: skip
    return _office_in_plain_database(datadir.db_path)


def _office_in_keyring(path: Path) -> FolderOffice | None:
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return FolderOffice(problem=(f"无法读取 {path}", f"cannot read {path}"))
    office = data.get("office") if isinstance(data, dict) else None
    if not isinstance(office, dict) or not office.get("code"):
        return FolderOffice(problem=(f"无法读取 {path}", f"cannot read {path}"))
    return FolderOffice(
        code=str(office.get("code", "")),
        name=str(office.get("name", "")),
        role=str(office.get("role", "")),
    )


def _office_in_plain_database(db_path: Path) -> FolderOffice:
    from app.db import driver

    unreadable = (
        f"无法读取数据库 {db_path}（可运行 check 命令检查）",
        f"cannot read the database {db_path} (the check command examines it)",
    )
    if not driver.is_plain_file(db_path):
        # encrypted, but its keyring is missing: only a password and the keys folder open it
        return FolderOffice(
            problem=(
                f"数据库已加密，但找不到 {KEYRING.as_posix()}",
                f"the database is encrypted but {KEYRING.as_posix()} is missing",
            )
        )
    # `immutable` opens the file without making a -wal or -shm beside it (a read-only connection
    # to a database in WAL mode makes both and leaves them); a running program's are reused
    running = all(Path(f"{db_path}{end}").exists() for end in ("-wal", "-shm"))
    uri = db_path.absolute().as_uri() + ("?mode=ro" if running else "?mode=ro&immutable=1")
    try:
        conn = driver.connect(uri, uri=True, key=driver.PLAIN, timeout=2)
    except driver.Error:
        return FolderOffice(problem=unreadable)
    try:
        rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
        row = conn.execute("SELECT code, name, role FROM office WHERE id = 1").fetchone()
    except driver.Error:
        return FolderOffice(problem=unreadable)
    finally:
        conn.close()
    revision = str(rows[0][0]) if len(rows) == 1 else None
    if row is None:
        return FolderOffice(revision=revision, problem=unreadable)
    return FolderOffice(code=row[0], name=row[1], role=row[2], revision=revision)


def _revision_note(revision: str | None) -> tuple[str, str]:
    """What the folder's database revision says beside the program's, when it differs."""
    if revision is None or revision == SCHEMA_HEAD:
        return "", ""
    if revision.isdigit() and SCHEMA_HEAD.isdigit() and int(revision) < int(SCHEMA_HEAD):
        return (
            f"（此文件夹的数据库为 {revision}，下次启动时升级）",
            f" (the database in this folder is at {revision}; upgraded at the next start)",
        )
    return (
        f"（此文件夹的数据库为 {revision}，比本程序新，请升级本程序）",
        f" (the database in this folder is at {revision}, newer than this program: upgrade it)",
    )


def cmd_version(args: argparse.Namespace) -> int:
    out = Output(args.lang or "zh")
    datadir = datadir_of(args)
    office = office_in(datadir)
    print(f"{APP_NAME} {__version__}")
    note_zh, note_en = _revision_note(office.revision if office else None)
    out.say(
        f"数据库结构版本 {SCHEMA_HEAD}{note_zh}", f"Database schema revision {SCHEMA_HEAD}{note_en}"
    )
    out.say(f"数据文件夹 {datadir.root}", f"Data folder {datadir.root}")
    if office is None:
        out.say("机构 未设置", "Office not set up")
    elif office.problem is not None:
        out.say(f"机构 未知：{office.problem[0]}", f"Office unknown: {office.problem[1]}")
    else:
        street = office.role == "street-office"
        out.say(
            f"机构 {office.name}（{'街道办' if street else '社区'}，代码 {office.code}）",
            f"Office {office.name} ({'street office' if street else 'community'}, code "
            f"{office.code})",
        )
    return EXIT_OK
