"""Where an office's database lives: the SQLite file in its data folder, or a PostgreSQL server.

A street office or district with many communities may keep its database on PostgreSQL. The URL
(`postgresql+psycopg://USER@HOST/DBNAME`, or `...@/DBNAME?host=/var/run/postgresql` for the local
Unix socket) is given once, to `init --database-url`, and remembered in the data folder in
`database-url.txt` (owner-only), so later commands and the window find it without the flag. Keys,
logs, backups and exports stay in the data folder either way.

Which URL applies, first found: `--database-url` (which sets `GRIDDESK_DATABASE_URL` for the
command), the environment variable `GRIDDESK_DATABASE_URL`, the data folder's file; with none, the
SQLite file in the data folder.

A password is better kept out of the URL (peer authentication on the socket, or PostgreSQL's own
`~/.pgpass`); one in the URL stays in the owner-only file and is never written to a log or a
message (`redacted`).
"""

from __future__ import annotations

import os
from typing import BinaryIO

from app.core.office.datadir import DataDir
from app.errors import DatabaseProblem, InvalidInput

ENV_VAR = "GRIDDESK_DATABASE_URL"
URL_FILE = "database-url.txt"
DRIVER = "postgresql+psycopg"


def redacted(url: str) -> str:
    """The URL with its password, if any, replaced by ***."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(invalid URL)"


def check_url(url: str) -> str:
    """`url` as GridDesk uses it (plain postgresql:// means psycopg); refused with a clear line if
    it is not a PostgreSQL URL, or if psycopg is not installed."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url.strip())
    except ArgumentError:
        parsed = None
    if parsed is None or parsed.get_backend_name() != "postgresql" or not parsed.database:
        raise InvalidInput(
            "数据库地址应为 postgresql+psycopg://用户@主机/数据库名（本机套接字："
            "postgresql+psycopg://用户@/数据库名?host=/var/run/postgresql）",
            "The database URL must look like postgresql+psycopg://USER@HOST/DBNAME "
            "(local socket: postgresql+psycopg://USER@/DBNAME?host=/var/run/postgresql)",
        )
    if parsed.get_driver_name() != "psycopg":
        parsed = parsed.set(drivername=DRIVER)  # GridDesk speaks psycopg 3 only
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise DatabaseProblem(
            "使用 PostgreSQL 需要先安装 psycopg：pip install 'griddesk[postgres]'",
            "PostgreSQL needs psycopg; install it with: pip install 'griddesk[postgres]'",
        ) from None
    return parsed.render_as_string(hide_password=False)


def remembered_url(datadir: DataDir) -> str | None:
    """The URL written by `init --database-url`, if this folder's database is on a server."""
    path = datadir.root / URL_FILE
    try:
        text = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise DatabaseProblem(
            f"无法读取数据库地址文件：{path}（{exc.strerror}）",
            f"Cannot read the database URL file {path} ({exc.strerror})",
        ) from exc
    return text or None


def database_url(datadir: DataDir) -> str | None:
    """The PostgreSQL URL that applies to this folder, checked; None for the SQLite file."""
    url = os.environ.get(ENV_VAR) or remembered_url(datadir)
    return check_url(url) if url else None


def remember_url(datadir: DataDir, url: str) -> None:
    """Write the URL into the data folder, owner-only, whole or not at all."""
    from app.core.common.files import write_atomically

    def produce(fh: BinaryIO) -> None:
        fh.write((url + "\n").encode("utf-8"))

    write_atomically(datadir.root / URL_FILE, produce)
