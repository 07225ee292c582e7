"""A data folder that cannot be written (a write-protected stick, a read-only share): reading
commands work — the database is opened read-only — and a write is refused with a plain message,
nothing changed. (The folder's being read-only is simulated here: a real read-only mount needs
privileges the test machine may not have; the e2e check of the log set-up covers the rest.)"""

from __future__ import annotations

import hashlib

import pytest

from app.core.grids.structure import create_grid
from app.core.office import setup
from app.core.office.datadir import DataDir
from app.core.office.health import check_database
from app.core.office.stats import office_stats
from app.db.engine import Database
from app.errors import DatabaseProblem


def test_a_read_only_folder_is_read_and_never_written(
    demo_db: Database, datadir: DataDir, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo_db.dispose()
    before = hashlib.sha256(datadir.db_path.read_bytes()).hexdigest()
    backups_before = sorted(p.name for p in datadir.backups.iterdir())
    monkeypatch.setattr(setup, "_writable", lambda _folder: False)
    db, _info = setup.open_office(datadir)
    try:
        assert "mode=ro" in str(db.engine.url)
        assert db.location == str(datadir.db_path)
        with db.reading() as session:
            assert office_stats(session)["residents"] == 300
        assert not check_database(db).problems
        with pytest.raises(DatabaseProblem) as refused, db.session() as session:
            create_grid(session, "G09", "新网格")
        assert str(datadir.db_path) in refused.value.zh
    finally:
        db.dispose()
    assert hashlib.sha256(datadir.db_path.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in datadir.backups.iterdir()) == backups_before  # no daily backup
