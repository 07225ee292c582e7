"""Loading many rows into a table at once (a community's first roster: 180,000 residents).

SQLite keeps each index of a table as a B-tree; a row inserted into an indexed table puts an entry
into every index, at a place its key decides — for names, ID numbers and uuids, a random place. At
180,000 rows that costs more than the rows themselves. Building an index over rows already there
sorts the keys once instead (the SQLite documentation's advice for bulk loads), so when a load at
least doubles a table, its secondary indexes are dropped before and built again after, in the same
transaction: a failure anywhere rolls the drop back with everything else, and a unique index that
no longer holds fails its rebuild exactly as the insert would have failed.

The indexes are built again from the very SQL SQLite recorded for them, so nothing about them
changes (partial indexes keep their WHERE, unique ones stay unique). The indexes that back a UNIQUE
or PRIMARY KEY constraint cannot be dropped and are kept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import Any

from sqlalchemy import Column, Dialect, Table, func, select, text
from sqlalchemy.dialects.sqlite import DATE as SQLITE_DATE
from sqlalchemy.orm import Session

# below this many rows the indexes are cheap to keep up as they are
MIN_ROWS = 10_000


@contextmanager
def indexes_deferred(session: Session, table: Table, adding: int) -> Iterator[bool]:
    """Inside the block, `table` has no secondary indexes if deferring pays (`adding` rows at least
    as many as are there, and at least `MIN_ROWS`); yields whether they were dropped.

    Queries inside the block read the table without those indexes: keep to the inserts.
    """
    conn = session.connection()
    if conn.dialect.name != "sqlite" or adding < MIN_ROWS:
        yield False
        return
    present = conn.execute(select(func.count()).select_from(table)).scalar_one()
    if adding < present:
        yield False
        return
    indexes = conn.execute(
        text(
            "SELECT name, sql FROM sqlite_master "
            "WHERE type = 'index' AND tbl_name = :table AND sql IS NOT NULL ORDER BY name"
        ),
        {"table": table.name},
    ).all()
    quote = conn.dialect.identifier_preparer.quote
    for name, _sql in indexes:
        conn.exec_driver_sql(f"DROP INDEX {quote(name)}")  # a name SQLite itself listed
    yield True
    for _name, sql in indexes:
        conn.exec_driver_sql(sql)  # the CREATE INDEX statement exactly as SQLite recorded it


def per_distinct(fn: Callable[[Any], Any], values: Sequence[Any]) -> list[Any]:
    """`fn` of every value, called once per distinct value (rows share dates, stamps, flags,
    buildings, relations: a column of 180,000 values has a few thousand distinct ones)."""
    try:
        done = {v: fn(v) for v in set(values)}
    except TypeError:  # an unhashable value
        return [fn(v) for v in values]
    return list(map(done.__getitem__, values))


def bound(column: Column[Any], dialect: Dialect, values: list[Any]) -> list[Any]:
    """`values` as the column's type sends them to the database: its bind processor, once per
    distinct value, or `date.isoformat` for SQLite's dates in their default format (the very same
    text, at a tenth of the cost: a roster has as many distinct birth dates as people)."""
    impl = column.type.dialect_impl(dialect)
    processor = impl.bind_processor(dialect)
    if processor is None:
        return values
    if isinstance(impl, SQLITE_DATE) and impl._storage_format == SQLITE_DATE._storage_format:
        slow = processor
        return [v.isoformat() if type(v) is date else slow(v) for v in values]
    return per_distinct(processor, values)
