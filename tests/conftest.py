"""Shared fixtures: a freshly set-up community, its open database, and one filled with a demo."""

from __future__ import annotations

import os

# Qt must never need a display in tests; set before anything imports PySide6.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.datadir import DataDir
from app.core.office import init_office, open_office
from app.db.engine import Database

COMMUNITY_CODE = "420106001001"
COMMUNITY_NAME = "幸福里社区"
STREET_CODE = "420106001"


@pytest.fixture
def datadir(tmp_path: Path) -> DataDir:
    """A community office set up in a fresh folder (database at head, keys made)."""
    folder = DataDir(tmp_path / "data")
    init_office(folder, "community", COMMUNITY_CODE, COMMUNITY_NAME, STREET_CODE)
    return folder


@pytest.fixture
def db(datadir: DataDir) -> Iterator[Database]:
    """The open database of `datadir`; disposed after the test."""
    database, _info = open_office(datadir)
    try:
        yield database
    finally:
        database.dispose()


@pytest.fixture
def demo_db(db: Database) -> Database:
    """`db` with a small demo community (300 residents) in it."""
    from app.core.demo import fill_demo

    fill_demo(db, 300)
    return db
