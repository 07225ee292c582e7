"""Engine and session set-up.

SQLite is configured as the SQLAlchemy 2.x documentation prescribes for pysqlite: the driver's own
transaction handling is switched off and SQLAlchemy emits a real BEGIN (IMMEDIATE for sessions that
write, so two writers queue on the busy timeout instead of failing mid-transaction). Every connection
gets foreign_keys=ON, WAL and synchronous=FULL.

The driver is SQLCipher's (app.db.driver): every new connection of an engine on a file is made by
`driver.connect`, which keys it with the key registered for the file's data folder at that moment
(or the key given to `make_engine`), so that a key registered after the engine was made keys the
pool's next connections; the key is never part of the URL. A database in memory is plain.

PostgreSQL (a street office or district on a server, through psycopg) gets the same two kinds of
transaction: a read sees one snapshot (REPEATABLE READ, as a deferred SQLite transaction in WAL
mode does), and writers queue one behind the other as SQLite's BEGIN IMMEDIATE makes them: each
write transaction first takes a transaction-level advisory lock (`WRITE_LOCK`, released by the
commit or rollback), then works in READ COMMITTED, so it sees everything the writer before it
committed. The same code is then safe on both: the change counter, "already imported" checks and
stock balances are read and written by one writer at a time.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from app.db import driver, events, schema  # noqa: F401  (schema: every model mapped)
from app.db.problems import explain
from app.errors import GridDeskError

BUSY_TIMEOUT_MS = 10_000
# the key of the PostgreSQL advisory lock every write transaction holds ("GRID" in ASCII); advisory
# locks belong to one database, so each office's database has its own
WRITE_LOCK = 0x47524944
# the key each SQLite engine was made with (None: the registered one, looked up at each connect),
# for the engines made again from it (app.db.migrate)
_ENGINE_KEYS: weakref.WeakKeyDictionary[Engine, driver.KeyArg] = weakref.WeakKeyDictionary()


def sqlite_url(path: Path, *, read_only: bool = False) -> str:
    """The URL of a database file; `read_only` for a folder that cannot be written (a write
    -protected USB stick, a read-only share): opened read-only, and — with no WAL to fold in —
    as immutable, so SQLite does not try to make its -shm file there."""
    if not read_only:
        return f"sqlite:///{path}"
    wal = Path(f"{path}-wal")
    immutable = "" if wal.exists() and wal.stat().st_size else "&immutable=1"
    return f"sqlite:///file:{quote(str(path))}?mode=ro{immutable}&uri=true"


def take_write_lock(conn: Connection) -> None:
    """On PostgreSQL, wait for the writer before (if any) to finish; nothing on SQLite."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")


def _postgresql_engine(url: str) -> Engine:
    engine = create_engine(
        url,
        pool_pre_ping=True,
        hide_parameters=True,  # an error's message never carries the values (ID numbers, phones)
        isolation_level="REPEATABLE READ",  # reads; writers switch to READ COMMITTED
        connect_args={"application_name": "GridDesk"},
    )

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        if conn.get_execution_options().get("griddesk_write"):
            take_write_lock(conn)

    return engine


def make_engine(url: str, *, foreign_keys: bool = True, key: driver.KeyArg = None) -> Engine:
    """An engine for `url`; SQLite connections are set up on connect and begin. `key` (SQLite):
    None keys each new connection with the key registered for the file's folder at the time
    (app.db.driver.key_for), `driver.PLAIN` never keys them, bytes key them with that key."""
    if url.startswith("postgresql"):
        return _postgresql_engine(url)
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True, hide_parameters=True)
    # hide_parameters: an error's message (logged, shown in the crash dialog) never carries the
    # values of the statement — ID numbers, phones, names
    engine = create_engine(
        url,
        module=driver.dbapi,
        hide_parameters=True,
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000},
    )
    _ENGINE_KEYS[engine] = key

    @event.listens_for(engine, "do_connect")
    def _do_connect(_dialect: Any, _record: Any, cargs: list[Any], cparams: dict[str, Any]) -> Any:
        target = cargs[0] if cargs else cparams.pop("database")
        uri = bool(cparams.pop("uri", False))
        return driver.connect(target, key=key, uri=uri, **cparams)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself
        cur = dbapi_connection.cursor()
        cur.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if url != "sqlite://" and ":memory:" not in url and "mode=ro" not in url:
            cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        if conn.get_execution_options().get("griddesk_write"):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")

    return engine


def engine_key(engine: Engine) -> driver.KeyArg:
    """The `key` a SQLite engine was made with (see `make_engine`)."""
    return _ENGINE_KEYS.get(engine)


class Database:
    """An open GridDesk database: the engine and the sessions of one office."""

    def __init__(self, engine: Engine, origin: str | None = None, actor: str | None = None) -> None:
        self.engine = engine
        self.origin = origin
        self.actor = actor or events.default_actor()
        # the signed-in user (app.core.trust.roles.Principal) every session works for; None in an
        # office without users
        self.principal: Any = None
        # the data folder's private folder for files in the making (app.core.common.scratch), if any
        self.scratch: Path | None = None
        self._reader = sessionmaker(engine, expire_on_commit=False)
        writer = engine.execution_options(griddesk_write=True)
        if engine.dialect.name == "postgresql":
            writer = writer.execution_options(isolation_level="READ COMMITTED")
        self._writer = sessionmaker(writer, expire_on_commit=False)
        events.install(self._reader)
        events.install(self._writer)
        # called with the note before every write transaction begins, outside any transaction
        # (app.core.office.backups makes its backup before a bulk import here); may refuse by raising
        self.before_write: Callable[[str | None], None] | None = None
        # called once, inside the first write transaction that follows (a command's sign-in is
        # recorded with the first thing it writes: a command that only reads changes nothing)
        self.first_write: Callable[[Session], None] | None = None
        self._suspended: GridDeskError | None = None

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def _info(self, note: str | None) -> dict[str, Any]:
        return {
            "origin": self.origin,
            "actor": self.actor,
            "audit_note": note,
            "principal": self.principal,
        }

    @property
    def location(self) -> str:
        """Where the data is, for messages: the file, or the server's URL without its password."""
        url = self.engine.url
        if url.get_backend_name() == "sqlite":
            name = url.database or ":memory:"
            if name.startswith("file:"):  # opened read-only by URI: the file's own path
                name = unquote(name[len("file:") :].split("?", 1)[0])
            return name
        return unquote(url.render_as_string(hide_password=True))

    @contextmanager
    def _explained(self) -> Iterator[None]:
        """Known database conditions met inside a transaction (a server gone, a full disk, a lock
        held too long) as a `DatabaseProblem` with a plain message; anything else as it is."""
        try:
            yield
        except DBAPIError as exc:
            if isinstance(exc, IntegrityError):
                raise  # a rule of the schema the program should have checked first: a bug
            known = explain(exc, self.location)
            if known is None:
                raise
            raise known from exc

    @contextmanager
    def suspended(self, why: GridDeskError) -> Iterator[None]:
        """Inside the block this object opens no connection (sessions and reads raise `why`) and
        holds none: a restore replaces the file underneath."""
        self._suspended = why
        try:
            self.engine.dispose()
            yield
        finally:
            self._suspended = None

    @contextmanager
    def session(self, note: str | None = None) -> Iterator[Session]:
        """A write transaction: committed whole when the block ends, rolled back whole on error."""
        if self._suspended is not None:
            raise self._suspended
        if self.before_write is not None:
            self.before_write(note)
        with self._explained(), self._writer(info=self._info(note)) as session, session.begin():
            if self.first_write is not None:
                first, self.first_write = self.first_write, None
                first(session)
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only look (a deferred transaction; nothing is committed).

        Objects loaded here stay readable after the block (detached with the values they had), as
        those of `session()` do; only the transaction is rolled back.
        """
        if self._suspended is not None:
            raise self._suspended
        with self._explained(), self._reader(info=self._info(None)) as session:
            try:
                yield session
            finally:
                session.expunge_all()  # a rollback would expire them: unusable once detached
                session.rollback()

    def dispose(self) -> None:
        self.engine.dispose()
