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
from collections.abc import Iterable, Iterator
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


def _canonical(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    return value


def row_bytes(row: Any) -> bytes:
    """The canonical bytes of an audit row (a Row or mapping with the `CONTENT` columns)."""
    values = [_canonical(row[name]) for name in CONTENT]
    return json.dumps(values, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def row_hash(prev_hash: str, row: Any) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + row_bytes(row)).hexdigest()


def _content_query() -> Any:
    return select(*[_AUDIT.c[name] for name in CONTENT], _AUDIT.c.prev_hash, _AUDIT.c.row_hash)


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
    rows = conn.execute(
        _content_query().where(_AUDIT.c.id > after).order_by(_AUDIT.c.id)
    ).mappings()
    updates = []
    for row in rows:
        digest = row_hash(prev, row)
        updates.append({"b_id": row["id"], "b_prev": prev, "b_row": digest})
        prev = digest
    if updates:
        stmt = (
            update(_AUDIT)
            .where(_AUDIT.c.id == bindparam("b_id"))
            .values(prev_hash=bindparam("b_prev"), row_hash=bindparam("b_row"))
        )
        for i in range(0, len(updates), _CHUNK):
            conn.execute(stmt, updates[i : i + _CHUNK])
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


def _walk(rows: Iterable[Any]) -> Iterator[tuple[Any, Break | None, str]]:
    prev = GENESIS
    for row in rows:
        if row["row_hash"] is None:
            yield row, Break(row["id"], row["at"], "unchained"), prev
            return
        if row["prev_hash"] != prev:
            yield row, Break(row["id"], row["at"], "gap"), prev
            return
        if row_hash(prev, row) != row["row_hash"]:
            yield row, Break(row["id"], row["at"], "changed"), prev
            return
        prev = row["row_hash"]
        yield row, None, prev


def verify(conn: Connection) -> ChainState:
    """Walk the whole chain in id order; the first break, if any, and the last row's hash."""
    rows = conn.execution_options(yield_per=_CHUNK).execute(_content_query().order_by(_AUDIT.c.id))
    count = 0
    last_id: int | None = None
    last = GENESIS
    for row, broken, prev in _walk(rows.mappings()):
        if broken is not None:
            rows.close()
            return ChainState(count, last_id, last, broken)
        count += 1
        last_id = int(row["id"])
        last = prev
    return ChainState(count, last_id, last, None)


__all__ = ["GENESIS", "Break", "ChainState", "extend", "last_hashed", "row_hash", "verify"]
