"""A first look at a data folder with the SQLite driver only (app.db.driver), no SQLAlchemy.

Start-up uses it to show the window (title, status bar) before SQLAlchemy is imported; the full
open (`app.core.office.setup.open_office`) follows right after. Anything unusual — a folder not set up, a
database at another schema revision, an unreadable file — returns None, and start-up takes the
full path, which explains the condition. An encrypted database is read with the key registered
for the folder; with none registered (not signed in yet) it is not read here: None.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.office.datadir import DataDir
from app.db import driver
from app.db.revision import SCHEMA_HEAD


@dataclass(frozen=True)
class OfficeInfo:
    code: str
    name: str
    role: str
    parent_code: str | None

    @property
    def is_street_office(self) -> bool:
        return self.role == "street-office"


def peek_office(datadir: DataDir) -> OfficeInfo | None:
    """The office of a current, readable database; None when the full open must decide."""
    if not datadir.is_set_up():
        return None
    key = driver.key_for(datadir.db_path)
    if key is None and not driver.is_plain_file(datadir.db_path):
        return None  # encrypted, and no key registered: the full open says why it cannot be read
    try:
        conn = driver.connect(datadir.db_path, key=key or driver.PLAIN, read_only=True, timeout=2)
    except driver.Error:
        return None
    try:
        versions = conn.execute("SELECT version_num FROM alembic_version").fetchall()
        if versions != [(SCHEMA_HEAD,)]:
            return None
        row = conn.execute(
            "SELECT code, name, role, parent_code FROM office WHERE id = 1"
        ).fetchone()
    except driver.Error:
        return None
    finally:
        conn.close()
    if row is None:
        return None
    return OfficeInfo(code=row[0], name=row[1], role=row[2], parent_code=row[3])
