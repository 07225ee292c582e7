"""Known SQLite conditions become a plain message chosen by SQLite's result code, whatever words
the message has; anything else is a bug (None). The conditions are met for real where SQLite
makes them easy to meet: another connection holding the write lock, a file that is not a
database, a read-only connection, a database at its page limit."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from app.db.problems import explain
from app.errors import DatabaseCorrupt, DatabaseProblem


def _raised(path: Path, statements: list[str], uri: bool = False) -> sqlite3.Error:
    conn = sqlite3.connect(path, timeout=0, uri=uri, isolation_level=None)
    try:
        for sql in statements:
            conn.execute(sql)
    except sqlite3.Error as exc:
        return exc
    finally:
        conn.close()
    raise AssertionError("SQLite raised nothing")


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "griddesk.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x TEXT)")
    conn.close()
    yield path


def test_a_database_locked_by_another_connection(database: Path) -> None:
    holder = sqlite3.connect(database, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        exc = _raised(database, ["BEGIN IMMEDIATE"])
    finally:
        holder.close()
    assert exc.sqlite_errorcode == sqlite3.SQLITE_BUSY
    known = explain(exc, database)
    assert type(known) is DatabaseProblem
    assert "占用" in known.message("zh") and "in use" in known.message("en")


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "griddesk.sqlite3"
    path.write_bytes(b"not a database at all, " * 100)
    exc = _raised(path, ["SELECT * FROM sqlite_master"])
    assert exc.sqlite_errorcode == sqlite3.SQLITE_NOTADB
    assert isinstance(explain(exc, path), DatabaseCorrupt)


def test_a_read_only_connection_that_writes(database: Path) -> None:
    exc = _raised(Path(f"file:{database}?mode=ro"), ["INSERT INTO t VALUES ('x')"], uri=True)
    assert exc.sqlite_errorcode & 0xFF == sqlite3.SQLITE_READONLY
    known = explain(exc, database)
    assert type(known) is DatabaseProblem and "只读" in known.message("zh")


def test_a_full_database_through_sqlalchemy(database: Path) -> None:
    """As the engine meets it: a DBAPIError around the driver's error."""
    engine = create_engine(f"sqlite:///{database}")
    try:
        with pytest.raises(DBAPIError) as caught, engine.begin() as conn:
            conn.exec_driver_sql("PRAGMA max_page_count = 3")
            conn.execute(text("INSERT INTO t VALUES (:x)"), [{"x": "y" * 3000}] * 20)
    finally:
        engine.dispose()
    assert caught.value.orig.sqlite_errorcode == sqlite3.SQLITE_FULL
    known = explain(caught.value, database)
    assert type(known) is DatabaseProblem and "磁盘已满" in known.message("zh")


def _error(code: int | None, message: str) -> sqlite3.Error:
    exc = sqlite3.OperationalError(message)
    if code is not None:
        exc.sqlite_errorcode = code
    return exc


@pytest.mark.parametrize(
    ("code", "words", "kind"),
    [
        (sqlite3.SQLITE_LOCKED, "占用", DatabaseProblem),
        (sqlite3.SQLITE_BUSY | (2 << 8), "占用", DatabaseProblem),  # SQLITE_BUSY_SNAPSHOT
        (sqlite3.SQLITE_CANTOPEN, "只读", DatabaseProblem),
        (sqlite3.SQLITE_CORRUPT, "已损坏", DatabaseCorrupt),
        (sqlite3.SQLITE_IOERR | (3 << 8), "磁盘或U盘", DatabaseProblem),  # SQLITE_IOERR_WRITE
    ],
)
def test_the_code_decides_not_the_words(code: int, words: str, kind: type) -> None:
    """The message says something else on purpose: only the code is read."""
    known = explain(_error(code, "database or disk is full"), "db")
    assert type(known) is kind and words in known.message("zh")


def test_an_error_without_a_known_code_is_a_bug() -> None:
    assert explain(_error(None, "database is locked"), "db") is None
    assert (
        explain(_error(sqlite3.SQLITE_CONSTRAINT, "database disk image is malformed"), "db") is None
    )


# --- which rule of the schema refused a write ---------------------------------------------------


@pytest.fixture(params=["sqlite", "postgresql"])
def engine_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgresql":
        return str(request.getfixturevalue("pg_url"))
    return f"sqlite:///{tmp_path / 'rules.sqlite3'}"


def test_the_rule_that_refused_a_write_is_told_by_its_code(engine_url: str) -> None:
    from sqlalchemy import CheckConstraint, Column, Integer, MetaData, Table, UniqueConstraint
    from sqlalchemy.exc import IntegrityError

    from app.db.base import NAMING_CONVENTION
    from app.db.problems import is_check_violation, is_unique_violation

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    stock = Table(
        "stock",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("item", Integer),
        Column("on_hand", Integer),
        UniqueConstraint("item", name="once"),
        CheckConstraint("on_hand >= 0", name="not_negative"),
    )
    engine = create_engine(engine_url)
    metadata.create_all(engine)

    def refused(**row: int) -> IntegrityError:
        with pytest.raises(IntegrityError) as caught, engine.begin() as conn:
            conn.execute(stock.insert().values(**row))
        return caught.value

    try:
        with engine.begin() as conn:
            conn.execute(stock.insert().values(id=1, item=1, on_hand=5))
        twice = refused(id=2, item=1, on_hand=1)
        same_id = refused(id=1, item=2, on_hand=1)
        below = refused(id=3, item=3, on_hand=-1)
    finally:
        engine.dispose()
    assert is_unique_violation(twice) and is_unique_violation(twice, "stock")
    assert not is_unique_violation(twice, "other") and not is_check_violation(twice, "once")
    assert is_unique_violation(same_id, "stock")
    assert is_check_violation(below, "not_negative") and not is_unique_violation(below)
    assert not is_check_violation(below, "stock") and not is_check_violation(below, "other")
