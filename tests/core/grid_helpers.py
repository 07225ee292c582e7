"""A demo community with several grids and buildings for the grid and duty tests: made once per
test session, copied into each test's own folder (a copy costs milliseconds, a demo a second)."""

from __future__ import annotations

import shutil
from pathlib import Path

from app.core.office.datadir import DataDir
from app.core.office.demo import fill_demo
from app.core.office.setup import init_office, open_office
from tests.conftest import COMMUNITY_CODE, COMMUNITY_NAME, STREET_CODE

RESIDENTS = 3000


_made: list[DataDir] = []  # the one made in this test session (each worker makes its own)


def make_template(folder: Path) -> DataDir:
    """A community of 3,000 residents: 3 grids (G01-G03) over 8 buildings; made in `folder` by
    the session's first call, the same one returned to every later call."""
    if _made:
        return _made[0]
    template = DataDir(folder / "template")
    init_office(template, "community", COMMUNITY_CODE, COMMUNITY_NAME, STREET_CODE)
    db, _info = open_office(template)
    try:
        with db.session(note="demo") as session:
            fill_demo(session, RESIDENTS)
    finally:
        db.dispose()
    _made.append(template)
    return template


def copy_of(template: DataDir, target: Path) -> DataDir:
    shutil.copytree(template.root, target)
    return DataDir(target)
