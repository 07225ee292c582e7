"""The audit trail as a hash chain: each row carries the hash of the row before it and its own.

A row's hash is SHA-256 over the previous row's hash (64 hex digits; `GENESIS` for the first row)
and the row's canonical bytes: a compact JSON array of its id, time, actor, action, entity, record,
field, old value, new value and note (`row_bytes`). Editing a row changes its hash; deleting one
leaves the next row's `prev_hash` pointing at a hash that is no longer there; a row put in by hand
has no hash or a wrong one. `verify` walks the chain and names the first row where it breaks.

Writers are serialised (SQLite's BEGIN IMMEDIATE, PostgreSQL's advisory write lock), so the chain
is extended inside the writing transaction: just before it commits, the rows after the newest
hashed row — the ones this transaction wrote, by whichever path (ORM flush, executemany, INSERT …
SELECT) — are read back in id order and hashed (`extend`). Deleting the newest rows leaves a
shorter chain that is still whole; a head signed with the office's key (app.core.trust.audit)
catches that.

The canonical form is fixed: rows hashed by an earlier version must verify in a later one.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Connection, Table, bindparam, select, update

from app.db.models import AuditEntry

GENESIS = "0" * 64
_AUDIT = cast(Table, AuditEntry.__table__)
# the columns a row's hash covers, in this order
CONTENT = (
    "id",
    "at",
    "actor",
    "action",
    "entity",
    "record_uuid",
    "field",
    "old_value",
    "new_value",
    "note",
)
_CHUNK = 5000
_AT_FORMAT = "%Y-%m-%d %H:%M:%S.%f"  # as SQLAlchemy stores a DateTime in SQLite
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
# SQLite writes each row's canonical JSON itself (json_array gives the same bytes as `row_bytes`,
# checked once per SQLite version by `_sqlite_json_agrees`): Python then only hashes, and a batch
# of 60,000 rows is read, hashed and written back in a fraction of the time typed rows take
_SQLITE_ROWS = (
    f"SELECT id, at, json_array({', '.join(CONTENT)}), prev_hash, row_hash FROM audit_log "
    "WHERE id > ? ORDER BY id"
)
_SQLITE_ROW = f"SELECT {', '.join(CONTENT)} FROM audit_log WHERE id = ?"
_SQLITE_SET = "UPDATE audit_log SET prev_hash = ?, row_hash = ? WHERE id = ?"
# values whose JSON differs most between writers: quotes, escapes, control and non-ASCII characters
_AWKWARD = ('a"b\\c/', "\n\r\t\b\f", "\x00\x01\x1f\x7f", "\u2028\u2029\ufeff", "中文😀", "")


def _at_text(value: Any) -> Any:
    """A row's time as the hash covers it: 2026-12-07 05:36:49.123456, whether the driver gives
    a datetime (PostgreSQL, typed reads) or SQLite's stored text."""
    if isinstance(value, datetime):
        return value.strftime(_AT_FORMAT)
    if isinstance(value, str) and not _plain_at(value):
        try:
            return datetime.fromisoformat(value).strftime(_AT_FORMAT)
        except ValueError:
            return value
    return value


def _plain_at(value: Any) -> bool:
    return isinstance(value, str) and len(value) == 26 and value[10] == " "


def row_bytes(values: Sequence[Any]) -> bytes:
    """The canonical bytes of an audit row: the compact JSON array (UTF-8, nothing escaped that
    need not be) of its `CONTENT` values in that order, the time as `_at_text` writes it."""
    return _ENCODE([values[0], _at_text(values[1]), *values[2:10]]).encode("utf-8")


def row_hash(prev_hash: str, values: Sequence[Any]) -> str:
    return _digest(prev_hash, row_bytes(values))


def _digest(prev_hash: str, canonical: bytes) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + canonical).hexdigest()


def _content_query() -> Any:
    return select(*[_AUDIT.c[name] for name in CONTENT], _AUDIT.c.prev_hash, _AUDIT.c.row_hash)


_AGREES: dict[str, bool] = {}  # SQLite version -> whether its json_array writes `row_bytes`


def _sqlite_json_agrees(conn: Connection) -> bool:
    """Whether this SQLite's json_array writes `row_bytes`'s bytes (it does: both escape the same
    characters the same way); asked once per SQLite version, on awkward values."""
    version = str(conn.exec_driver_sql("SELECT sqlite_version()").scalar())
    if version not in _AGREES:
        probes = [
            (7, "2026-12-07 05:36:49.123456", t, None, t, "", None, t, "1", t) for t in _AWKWARD
        ]
        _AGREES[version] = all(
            str(
                conn.exec_driver_sql(f"SELECT json_array({', '.join('?' * 10)})", p).scalar()
            ).encode("utf-8")
            == row_bytes(p)
            for p in probes
        )
    return _AGREES[version]


def _canonical_rows(
    conn: Connection, after: int, *, stream: bool = False
) -> Iterator[tuple[int, Any, bytes, str | None, str | None]]:
    """(id, time, canonical bytes, prev_hash, row_hash) of the rows with an id above `after`, in
    id order."""
    if conn.dialect.name == "sqlite" and _sqlite_json_agrees(conn):
        for row_id, at, made, prev, stored in conn.exec_driver_sql(_SQLITE_ROWS, (after,)):
            if _plain_at(at):
                yield row_id, at, made.encode("utf-8"), prev, stored
            else:  # a time not as the program writes it: normalised as `row_bytes` does
                values = conn.exec_driver_sql(_SQLITE_ROW, (row_id,)).one()
                yield row_id, at, row_bytes(values), prev, stored
        return
    query = _content_query().where(_AUDIT.c.id > after).order_by(_AUDIT.c.id)
    rows = (
        conn.execution_options(yield_per=_CHUNK).execute(query) if stream else conn.execute(query)
    )
    for row in rows:
        yield row[0], row[1], row_bytes(row), row[10], row[11]


def last_hashed(conn: Connection) -> tuple[int, str] | None:
    """(id, row_hash) of the newest hashed row, None when no row is hashed yet."""
    got = conn.execute(
        select(_AUDIT.c.id, _AUDIT.c.row_hash)
        .where(_AUDIT.c.row_hash.is_not(None))
        .order_by(_AUDIT.c.id.desc())
        .limit(1)
    ).first()
    return (int(got.id), str(got.row_hash)) if got is not None else None


def extend(conn: Connection) -> int:
    """Hash the rows after the newest hashed row onto the chain; returns how many. Called inside
    the writing transaction, before it commits."""
    last = last_hashed(conn)
    after, prev = last if last is not None else (0, GENESIS)
    updates = []
    for row_id, _at, canonical, _prev, _stored in _canonical_rows(conn, after):
        digest = _digest(prev, canonical)
        updates.append((prev, digest, row_id))
        prev = digest
    if not updates:
        return 0
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(_SQLITE_SET, updates)
        return len(updates)
    stmt = (
        update(_AUDIT)
        .where(_AUDIT.c.id == bindparam("b_id"))
        .values(prev_hash=bindparam("b_prev"), row_hash=bindparam("b_row"))
    )
    for i in range(0, len(updates), _CHUNK):
        chunk = updates[i : i + _CHUNK]
        conn.execute(stmt, [{"b_prev": p, "b_row": r, "b_id": n} for p, r, n in chunk])
    return len(updates)


@dataclass(frozen=True)
class Break:
    """The first row where the chain does not hold, and how."""

    id: int
    at: datetime | None
    reason: str  # "changed" (its content no longer matches its hash), "gap" (the row before it
    # was removed or changed), "unchained" (a row without a hash, put in from outside)

    def message(self) -> tuple[str, str]:
        when = self.at.strftime("%Y-%m-%d %H:%M:%S") if self.at else "?"
        zh = {
            "changed": "内容被改动",
            "gap": "之前的记录被删除或改动",
            "unchained": "不在记录链上（从程序外加入）",
        }[self.reason]
        en = {
            "changed": "its content was changed",
            "gap": "a record before it was deleted or changed",
            "unchained": "it is not on the chain (added from outside the program)",
        }[self.reason]
        return (
            f"审计记录第 {self.id} 条（{when}）{zh}：审计记录不完整",
            f"Audit record {self.id} ({when}): {en}; the audit trail is not intact",
        )


@dataclass(frozen=True)
class ChainState:
    rows: int
    last_id: int | None
    last_hash: str
    broken: Break | None


def _when(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


def verify(conn: Connection) -> ChainState:
    """Walk the whole chain in id order; the first break, if any, and the last row's hash."""
    count = 0
    last_id: int | None = None
    prev = GENESIS
    for row_id, at, canonical, stored_prev, stored in _canonical_rows(conn, -1, stream=True):
        reason = (
            "unchained"
            if stored is None
            else "gap"
            if stored_prev != prev
            else "changed"
            if _digest(prev, canonical) != stored
            else None
        )
        if reason is not None:
            return ChainState(count, last_id, prev, Break(int(row_id), _when(at), reason))
        count += 1
        last_id = int(row_id)
        prev = str(stored)
    return ChainState(count, last_id, prev, None)


__all__ = ["GENESIS", "Break", "ChainState", "extend", "last_hashed", "row_hash", "verify"]
