"""Two street offices and two communities set up from scratch and enrolled in person (their key
files), shared by the exchange tests: `offices` gives each test its own copies.

Every test that uses them runs twice: with the street offices' databases on SQLite, then on
PostgreSQL (a district's set-up; the communities stay on SQLite). The PostgreSQL run needs a
server (GRIDDESK_TEST_PG, see tests/conftest.py) and is skipped without one; each test gets fresh
copies of the set-up databases (CREATE DATABASE … TEMPLATE), dropped afterwards."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from app.core.exchange.enrolment import enroll, export_public, read_enrolment
from app.core.exchange.importing import import_package
from app.core.exchange.packages import export_package
from app.core.office.database_url import remember_url, remembered_url
from app.core.office.datadir import DataDir
from app.core.office.peek import OfficeInfo
from app.core.office.setup import init_office, open_office
from app.db.engine import Database
from tests.conftest import PgServer

STREET, STREET2 = "420106001", "420106002"
COMMUNITY, COMMUNITY2 = "420106001001", "420106001002"

# ---------------------------------------------------------------------------------------------
# two offices set up from scratch, enrolled in person (their key files)


@dataclass
class Office:
    datadir: DataDir
    db: Database
    info: OfficeInfo


def _setup(tmp: Path, urls: dict[str, str] | None = None) -> dict[str, Path]:
    """The four offices in folders under `tmp`; those named in `urls` on that PostgreSQL
    database."""
    from app.core.office.demo import fill_demo

    folders = {}
    for key, role, code, parent in (
        ("S", "street-office", STREET, None),
        ("S2", "street-office", STREET2, None),
        ("C", "community", COMMUNITY, STREET),
        ("C2", "community", COMMUNITY2, STREET),
    ):
        datadir = DataDir(tmp / key)
        init_office(datadir, role, code, f"办公室{key}", parent, url=(urls or {}).get(key))
        folders[key] = datadir.root
    db, info = open_office(DataDir(folders["C"]))
    try:
        with db.session(note="demo") as session:
            fill_demo(session, 300)
    finally:
        db.dispose()
    pubs = {}
    for key, root in folders.items():
        db, info = open_office(DataDir(root))
        db.dispose()
        pubs[key] = export_public(DataDir(root), info, tmp / f"{key}.pub")[0]
    for who, whom in (("C", "S"), ("C2", "S2"), ("S", "C"), ("S", "C2")):
        db, info = open_office(DataDir(folders[who]))
        try:
            with db.session() as session:
                enroll(session, info, read_enrolment(pubs[whom]))
        finally:
            db.dispose()
    return folders


STREET_BACKENDS = ("sqlite", "postgresql")


def set_up_offices(
    tmp_path_factory: pytest.TempPathFactory, backend: str, server: PgServer | None = None
) -> Iterator[dict[str, Path]]:
    """The four offices, the street offices on `backend` (on a database of their own each, made
    on `server`, dropped at the end); made once per test session (tests/conftest.py)."""
    if backend == "sqlite":
        yield _setup(tmp_path_factory.mktemp("offices"))
        return
    assert server is not None
    urls = {key: server.create() for key in ("S", "S2")}
    try:
        yield _setup(tmp_path_factory.mktemp("offices-pg"), urls)
    finally:
        for url in urls.values():
            server.drop(url)


@pytest.fixture(scope="module", params=STREET_BACKENDS)
def template(request: pytest.FixtureRequest) -> dict[str, Path]:
    """The set-up offices with the street offices on SQLite, then on PostgreSQL; set up once for
    every module that uses them (`offices` copies them), not once per module."""
    return dict(request.getfixturevalue(f"exchange_offices_on_{request.param}"))


class _Copies(dict[str, Office]):
    """Each office copied from the set-up ones (and opened) when a test first asks for it: most
    tests need two of the four, and a copy on PostgreSQL costs a CREATE DATABASE."""

    def __init__(self, request: pytest.FixtureRequest, template: dict[str, Path], tmp: Path):
        super().__init__()
        self.request, self.template, self.tmp = request, template, tmp
        self.made: list[str] = []  # the databases made on the server, dropped afterwards
        self.server: PgServer | None = None

    def __missing__(self, key: str) -> Office:
        root = self.template[key]
        copy = self.tmp / key
        shutil.copytree(root, copy)
        datadir = DataDir(copy)
        url = remembered_url(DataDir(root))
        if url is not None:  # a database of its own, copied from the set-up one
            self.server = self.server or self.request.getfixturevalue("pg_server")
            self.made.append(self.server.create(template=make_url(url).database))
            remember_url(datadir, self.made[-1])
        db, info = open_office(datadir)
        self[key] = Office(datadir, db, info)
        return self[key]


@pytest.fixture
def offices(
    request: pytest.FixtureRequest, template: dict[str, Path], tmp_path: Path
) -> Iterator[dict[str, Office]]:
    opened = _Copies(request, template, tmp_path)
    try:
        yield opened
    finally:
        for office in opened.values():
            office.db.dispose()
        for url in opened.made:
            opened.server.drop(url)  # type: ignore[union-attr]


def export_to(office: Office, out: Path, full: bool = False) -> Path:
    return export_package(office.db, office.datadir, office.info, out, full=full).path


def import_into(office: Office, path: Path) -> object:
    return import_package(office.db, office.datadir, office.info, path)
