"""Shared fixtures: a freshly set-up community, its open database, and one filled with a demo;
and fresh databases on a real PostgreSQL server (`pg_server`, `pg_url`).

The PostgreSQL tests need a server: GRIDDESK_TEST_PG is the URL of a role allowed to create
databases, e.g. postgresql+psycopg://griddesk@/postgres?host=/var/run/postgresql (`.ci/run` sets
one up). Without it they are skipped with that reason; with GRIDDESK_REQUIRE_PG=1 they fail.
"""

from __future__ import annotations

import os
import time

# Qt must never need a display in tests; set before anything imports PySide6.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# every test chooses its own database: an office's server URL from the shell must not leak in
os.environ.pop("GRIDDESK_DATABASE_URL", None)

import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from app.core.office.datadir import DataDir
from app.core.office.setup import init_office, open_office
from app.db.engine import Database

COMMUNITY_CODE = "420106001001"
COMMUNITY_NAME = "幸福里社区"
STREET_CODE = "420106001"


@pytest.fixture(autouse=True)
def _quick_passwords(monkeypatch: pytest.MonkeyPatch) -> None:
    """Passwords wrapped with a cheap argon2id in tests (the real cost, ~0.35 s a sign-in, is
    measured in bench/); each wrapper records its own parameters, so unlocking is unchanged."""
    from app.core.trust import keyring

    monkeypatch.setattr(keyring, "KDF", keyring.KdfParams(memory_kib=1024, time_cost=1))


DEMO_RESIDENTS = 300
_FILLED = ".demo-filled"  # in a folder copied from the filled template: demo_db has nothing to do


@pytest.fixture(scope="session")
def _templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A community set up once (migrations run, keys made) and a copy of it with the small demo:
    each test copies a folder (a few milliseconds) instead of setting one up (a third of a
    second) and filling it (as much again)."""
    from app.core.office.demo import fill_demo

    base = tmp_path_factory.mktemp("templates")
    empty = DataDir(base / "community")
    init_office(empty, "community", COMMUNITY_CODE, COMMUNITY_NAME, STREET_CODE)
    filled = base / "demo"
    shutil.copytree(empty.root, filled)
    database, _info = open_office(DataDir(filled))
    try:
        with database.session(note="demo") as session:
            fill_demo(session, DEMO_RESIDENTS)
    finally:
        database.dispose()  # the last connection closed: the WAL is folded into the file
    (filled / _FILLED).touch()
    return {"community": empty.root, "demo": filled}


@pytest.fixture
def datadir(request: pytest.FixtureRequest, tmp_path: Path, _templates: dict[str, Path]) -> DataDir:
    """A community office set up in a fresh folder (database at head, keys made); with the small
    demo in it already when the test asks for this file's `demo_db` (a module with a `demo_db`
    of its own fills its folder itself)."""
    demo = "demo_db" in request.fixturenames and not hasattr(request.module, "demo_db")
    folder = DataDir(tmp_path / "data")
    shutil.copytree(_templates["demo" if demo else "community"], folder.root)
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
def demo_db(db: Database, datadir: DataDir) -> Database:
    """`db` with a small demo community (300 residents) in it."""
    if not (datadir.root / _FILLED).exists():
        from app.core.office.demo import fill_demo

        with db.session(note="demo") as session:
            fill_demo(session, DEMO_RESIDENTS)
    return db


def zero_a_resident_page(db_path: Path, key: bytes | None = None) -> int:
    """Zero one leaf page of the resident table, as a failing disk or a bad copy does (`key`: the
    file is encrypted with it; its pages are where a plain file's are)."""
    from app.db import driver

    conn = driver.connect(db_path, key=key)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        try:
            pages = [
                r[0]
                for r in conn.execute(
                    "SELECT pageno FROM dbstat WHERE name = 'resident' ORDER BY pageno"
                )
            ]
        except driver.OperationalError:  # a build without the dbstat table: the root page
            pages = [
                conn.execute(
                    "SELECT rootpage FROM sqlite_master WHERE name = 'resident'"
                ).fetchone()[0]
            ]
        size = int(conn.execute("PRAGMA page_size").fetchone()[0])  # SQLCipher says '4096'
    finally:
        conn.close()
    page = pages[len(pages) // 2]
    with open(db_path, "r+b") as fh:
        fh.seek((page - 1) * size)
        fh.write(b"\0" * size)
    return page


# --- PostgreSQL ---------------------------------------------------------------------------------

PG_ENV = "GRIDDESK_TEST_PG"
REQUIRE_PG_ENV = "GRIDDESK_REQUIRE_PG"


@dataclass(frozen=True)
class PgServer:
    """A PostgreSQL server the tests may make and drop databases on."""

    admin_url: str

    def _admin(self) -> Engine:
        from sqlalchemy import create_engine

        return create_engine(self.admin_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)

    def create(self, template: str | None = None) -> str:
        """A new empty database (or a copy of the database `template` names); its URL. The name
        says which test process made it (pytest-xdist's worker, e.g. gw1), for whoever finds one
        left behind by a run that was killed."""
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        name = f"griddesk_test_{worker}_{uuid.uuid4().hex[:12]}"
        engine = self._admin()
        try:
            with engine.connect() as conn:
                copy = f" TEMPLATE {template}" if template else ""
                conn.exec_driver_sql(f"CREATE DATABASE {name}{copy}")  # names made here
        finally:
            engine.dispose()
        return make_url(self.admin_url).set(database=name).render_as_string(hide_password=False)

    def drop(self, url: str) -> None:
        """Drop a test's database, ending its connections. An autovacuum worker visiting it is
        not ours to end (the server refuses with InsufficientPrivilege): it is over in moments,
        so the drop is tried again."""
        from sqlalchemy.exc import ProgrammingError

        name = make_url(url).database
        engine = self._admin()
        try:
            for attempt in range(50):
                try:
                    with engine.connect() as conn:
                        conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
                    return
                except ProgrammingError as exc:
                    if "InsufficientPrivilege" not in type(exc.orig).__name__ or attempt == 49:
                        raise
                    time.sleep(0.1)
        finally:
            engine.dispose()


def _no_server(reason: str) -> None:
    if os.environ.get(REQUIRE_PG_ENV) == "1":
        pytest.fail(f"{reason} (and {REQUIRE_PG_ENV}=1)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def pg_server() -> PgServer:
    url = os.environ.get(PG_ENV)
    if not url:
        _no_server(
            f"PostgreSQL tests need {PG_ENV}, e.g. "
            "postgresql+psycopg://griddesk@/postgres?host=/var/run/postgresql"
        )
        raise AssertionError  # not reached
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _no_server("PostgreSQL tests need psycopg (uv sync installs it with the dev group)")
    server = PgServer(url)
    try:
        engine = server._admin()
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
        engine.dispose()
    except Exception as exc:
        _no_server(f"PostgreSQL server of {PG_ENV} not reachable: {str(exc).splitlines()[0]}")
    return server


@pytest.fixture
def pg_url(pg_server: PgServer) -> Iterator[str]:
    """The URL of a fresh, empty PostgreSQL database, dropped after the test."""
    url = pg_server.create()
    try:
        yield url
    finally:
        pg_server.drop(url)


@pytest.fixture
def pg_datadir(tmp_path: Path, pg_url: str) -> DataDir:
    """A community office whose database is on PostgreSQL (a fresh database of its own)."""
    folder = DataDir(tmp_path / "pgdata")
    init_office(folder, "community", COMMUNITY_CODE, COMMUNITY_NAME, STREET_CODE, url=pg_url)
    return folder


@pytest.fixture
def pg_db(pg_datadir: DataDir) -> Iterator[Database]:
    """The open database of `pg_datadir`; disposed after the test."""
    database, _info = open_office(pg_datadir)
    try:
        yield database
    finally:
        database.dispose()


# --- offices that exchange packages (tests/core/exchange_offices.py) ----------------------------


@pytest.fixture(scope="session")
def exchange_offices_on_sqlite(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[dict[str, Path]]:
    from tests.core.exchange_offices import set_up_offices

    yield from set_up_offices(tmp_path_factory, "sqlite")


@pytest.fixture(scope="session")
def exchange_offices_on_postgresql(
    tmp_path_factory: pytest.TempPathFactory, pg_server: PgServer
) -> Iterator[dict[str, Path]]:
    from tests.core.exchange_offices import set_up_offices

    yield from set_up_offices(tmp_path_factory, "postgresql", pg_server)
