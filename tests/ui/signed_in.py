"""An office with users for the window's tests: its administrator, a staff member and a viewer,
a small demo community (with grids), and AppContexts signed in as any of them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from app.core.office.datadir import DataDir
from app.core.trust.roles import Role
from app.core.trust.signin import setup_with_admin, sign_in
from app.core.trust.users import add_user
from app.ui.context import AppContext
from app.ui.operations import TaskManager
from tests.conftest import COMMUNITY_CODE, COMMUNITY_NAME, STREET_CODE

ADMIN, ADMIN_PASSWORD = "admin", "Admin-pass-2026"
STAFF, STAFF_PASSWORD = "staff1", "Staff-pass-2026"
VIEWER, VIEWER_PASSWORD = "viewer1", "Viewer-pass-2026"


@dataclass
class Office:
    datadir: DataDir
    recovery: str
    settings_file: Path

    def settings(self) -> QSettings:
        return QSettings(str(self.settings_file), QSettings.Format.IniFormat)


@pytest.fixture
def office(tmp_path: Path) -> Office:
    """A community with users and 300 demo residents in grids."""
    from app.core.office.demo import fill_demo

    folder = DataDir(tmp_path / "office")
    _info, recovery = setup_with_admin(
        folder, "community", COMMUNITY_CODE, COMMUNITY_NAME, STREET_CODE, ADMIN, ADMIN_PASSWORD
    )
    access = sign_in(folder, ADMIN, ADMIN_PASSWORD, daily_backup=False)
    try:
        with access.db.session(note="demo") as session:
            fill_demo(session, 300)
        assert access.ring is not None and access.key is not None
        with access.db.session(note="users") as session:
            add_user(session, access.ring, access.key, STAFF, Role.STAFF, STAFF_PASSWORD)
            add_user(session, access.ring, access.key, VIEWER, Role.VIEWER, VIEWER_PASSWORD)
    finally:
        access.close()
    return Office(folder, recovery, tmp_path / "settings.ini")


@pytest.fixture
def signed_ctx(qapp: object, office: Office) -> Iterator:
    """`signed_ctx(name, password, lang)`: the office open in a window's context as that user."""
    made: list[tuple[TaskManager, object]] = []

    def make(name: str = ADMIN, password: str = ADMIN_PASSWORD, lang: str = "zh") -> AppContext:
        access = sign_in(office.datadir, name, password, daily_backup=False)
        tasks = TaskManager()
        made.append((tasks, access))
        ctx = AppContext(office.datadir, access.info, tasks, lang, office.settings())
        ctx.signed_in(access)
        return ctx

    yield make
    for tasks, access in made:
        tasks.wait(-1)
        access.close()  # type: ignore[attr-defined]
