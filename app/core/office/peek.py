"""A first look at a data folder with the standard library's sqlite3 only.

Start-up uses it to show the window (title, status bar) before SQLAlchemy is imported; the full
open (`app.core.office.setup.open_office`) follows right after. Anything unusual — a folder not set up, a
database at another schema revision, an unreadable file — returns None, and start-up takes the
full path, which explains the condition.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from app.core.office.datadir import DataDir
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
    try:
        conn = sqlite3.connect(f"{datadir.db_path.as_uri()}?mode=ro", uri=True, timeout=2)
    except sqlite3.Error:
        return None
    try:
        versions = conn.execute("SELECT version_num FROM alembic_version").fetchall()
        if versions != [(SCHEMA_HEAD,)]:
            return None
        row = conn.execute(
            "SELECT code, name, role, parent_code FROM office WHERE id = 1"
        ).fetchone()
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    if row is None:
        return None
    return OfficeInfo(code=row[0], name=row[1], role=row[2], parent_code=row[3])
