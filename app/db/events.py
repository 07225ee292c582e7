"""Stamping and auditing of travelling records — one mechanism, in session events.

Whatever changes a record (a form in the window, a CLI command, a bulk import), the changes pass
through here:

* `before_flush` stamps ORM objects: `origin`, a new change sequence number, `updated_at`; writes one
  audit row per created record and one per changed field; refuses hard deletes of travelling
  records (they are tombstoned instead).
* `do_orm_execute` does the same for ORM-enabled bulk statements (`session.execute(insert(Model),
  rows)` and `update(Model).where(...)`), so imports and bulk assignments are stamped and audited
  without code of their own.

The session's `info` carries `origin` (this office's code) and `actor` (who is working).
"""

from __future__ import annotations

import getpass
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Integer,
    String,
    Table,
    Text,
    Time,
    event,
    insert,
    inspect,
    literal,
    select,
    update,
)
from sqlalchemy import cast as cast_
from sqlalchemy.sql.elements import BindParameter, ClauseElement
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction
from sqlalchemy.sql.dml import Insert, Update

from app.db import search_index
from app.db.base import Travelling, new_uuid, utcnow
from app.db.models import TRAVELLING_MODELS, AuditEntry, ChangeCounter

_BY_TABLE: dict[str, type[Travelling]] = {
    m.__tablename__: m  # type: ignore[attr-defined]
    for m in TRAVELLING_MODELS
}
_STAMP_COLUMNS = {"id", "uuid", "origin", "seq", "created_at", "updated_at"}
_AUDIT = cast(Table, AuditEntry.__table__)


class HardDeleteRefused(RuntimeError):
    """A bug: travelling records are tombstoned, never deleted."""


def default_actor() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return "unknown"


def allocate_seq(session: Session, origin: str) -> int:
    """Next change sequence number for `origin`, inside the session's transaction."""
    conn = session.connection()
    table = cast(Table, ChangeCounter.__table__)
    got = conn.execute(
        update(table)
        .where(table.c.origin == origin)
        .values(last_seq=table.c.last_seq + 1)
        .returning(table.c.last_seq)
    ).scalar()
    if got is None:
        conn.execute(insert(table).values(origin=origin, last_seq=1))
        got = 1
    return int(got)


def _origin(session: Session) -> str:
    origin = session.info.get("origin")
    if not origin:
        raise RuntimeError("session has no origin: open sessions through Database.session()")
    return str(origin)


def _actor(session: Session) -> str:
    return str(session.info.get("actor") or default_actor())


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def _audit_row(
    actor: str,
    at: datetime,
    action: str,
    entity: str,
    record_uuid: str,
    field: str | None = None,
    old: Any = None,
    new: Any = None,
    note: str | None = None,
) -> dict[str, Any]:
    return {
        "at": at,
        "actor": actor,
        "action": action,
        "entity": entity,
        "record_uuid": record_uuid,
        "field": field,
        "old_value": _text(old),
        "new_value": _text(new),
        "note": note,
    }


def _before_flush(session: Session, _ctx: UOWTransaction, _instances: object) -> None:
    if session.info.get("replicating"):
        return  # records from a package keep the stamps of the office that owns them
    now = utcnow()
    actor = _actor(session)
    note = session.info.get("audit_note")
    rows: list[dict[str, Any]] = []
    seq: int | None = None

    for obj in session.deleted:
        if isinstance(obj, Travelling):
            raise HardDeleteRefused(f"{type(obj).__name__} {obj.uuid}: tombstone it instead")

    for obj in session.new:
        if not isinstance(obj, Travelling):
            continue
        seq = seq or allocate_seq(session, _origin(session))
        obj.uuid = obj.uuid or new_uuid()
        obj.origin = obj.origin or _origin(session)
        obj.seq = seq
        obj.created_at = obj.created_at or now
        obj.updated_at = now
        rows.append(
            _audit_row(
                actor,
                now,
                "create",
                type(obj).__tablename__,  # type: ignore[attr-defined]
                obj.uuid,
                note=note,
            )
        )

    for obj in session.dirty:
        if not isinstance(obj, Travelling) or not session.is_modified(obj):
            continue
        state = inspect(obj)
        assert state is not None
        changes = []
        for attr in state.mapper.column_attrs:
            if attr.key in _STAMP_COLUMNS:
                continue
            hist = state.attrs[attr.key].history
            if hist.has_changes():
                old = hist.deleted[0] if hist.deleted else None
                new = hist.added[0] if hist.added else None
                if old != new:
                    changes.append((attr.key, old, new))
        if not changes:
            continue
        seq = seq or allocate_seq(session, _origin(session))
        obj.seq = seq
        obj.updated_at = now
        entity = type(obj).__tablename__  # type: ignore[attr-defined]
        tombstoned = any(k == "deleted_at" and o is None and n is not None for k, o, n in changes)
        for key, old, new in changes:
            action = "delete" if tombstoned and key == "deleted_at" else "update"
            rows.append(_audit_row(actor, now, action, entity, obj.uuid, key, old, new, note))

    if rows:
        session.connection().execute(insert(_AUDIT), rows)


def _bulk_model(state: ORMExecuteState) -> type[Travelling] | None:
    stmt = state.statement
    table = getattr(stmt, "table", None)
    name = getattr(table, "name", None)
    return _BY_TABLE.get(name) if name else None


def _on_execute(state: ORMExecuteState) -> None:
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    model = _bulk_model(state)
    if model is None:
        return
    session = state.session
    if state.is_delete:
        raise HardDeleteRefused(f"DELETE on {model.__tablename__}: tombstone instead")  # type: ignore[attr-defined]
    if session.info.get("replicating"):
        return
    now = utcnow()
    actor = _actor(session)
    origin = _origin(session)
    note = session.info.get("audit_note")
    entity: str = model.__tablename__  # type: ignore[attr-defined]
    params = state.parameters
    if state.is_insert:
        rows = cast(
            list[dict[str, Any]],
            params if isinstance(params, list) else [params] if params else [],
        )
        if not rows:
            return
        seq = allocate_seq(session, origin)
        for row in rows:
            row.setdefault("uuid", new_uuid())
            row.setdefault("origin", origin)
            row["seq"] = seq
            row.setdefault("created_at", now)
            row["updated_at"] = now
        session.connection().execute(
            insert(_AUDIT),
            [_audit_row(actor, now, "create", entity, r["uuid"], note=note) for r in rows],
        )
        return
    stmt = state.statement
    assert isinstance(stmt, Update)
    seq = allocate_seq(session, origin)
    if isinstance(params, list) and params:
        _bulk_update_by_pk(session, model, entity, params, seq, now, actor, note)
        return
    _update_where(state, session, model, entity, stmt, seq, now, actor, note)


def _bulk_update_by_pk(
    session: Session,
    model: type[Travelling],
    entity: str,
    params: Sequence[dict[str, Any]],
    seq: int,
    now: datetime,
    actor: str,
    note: str | None,
) -> None:
    keys = sorted({k for row in params for k in row} - _STAMP_COLUMNS)
    table = model.__table__  # type: ignore[attr-defined]
    ids = [row["id"] for row in params]
    old_rows: dict[int, Any] = {}
    for chunk in _chunks(ids, 30000):
        for r in session.connection().execute(
            select(table.c.id, table.c.uuid, *[table.c[k] for k in keys]).where(
                table.c.id.in_(chunk)
            )
        ):
            old_rows[r.id] = r
    audit = []
    for row in params:
        row["seq"] = seq
        row["updated_at"] = now
        old = old_rows.get(row["id"])
        if old is None:
            continue
        for k in keys:
            if k in row and getattr(old, k) != row[k]:
                audit.append(
                    _audit_row(
                        actor, now, "update", entity, old.uuid, k, getattr(old, k), row[k], note
                    )
                )
    if audit:
        session.connection().execute(insert(_AUDIT), audit)


def _update_where(
    state: ORMExecuteState,
    session: Session,
    model: type[Travelling],
    entity: str,
    stmt: Update,
    seq: int,
    now: datetime,
    actor: str,
    note: str | None,
) -> None:
    values = (
        {
            (c.key if hasattr(c, "key") else str(c)): v
            for c, v in stmt._values.items()  # the SET clause as written by the caller
        }
        if stmt._values
        else {}
    )
    keys = sorted(set(values) - _STAMP_COLUMNS)
    table = model.__table__  # type: ignore[attr-defined]
    where = stmt.whereclause
    if _audit_in_sql(session, table, keys, values):
        # one INSERT … SELECT per changed column: SQLite writes the rows, Python touches none
        # (an assignment of 60,000 households spent 1.5 s building their audit rows one by one)
        conn = session.connection()
        for k in keys:
            new_value = getattr(values[k], "value", values[k])
            column = table.c[k]
            rows = select(
                literal(now, _AUDIT.c.at.type),
                literal(actor, _AUDIT.c.actor.type),
                literal("update", _AUDIT.c.action.type),
                literal(entity, _AUDIT.c.entity.type),
                table.c.uuid,
                literal(k, _AUDIT.c.field.type),
                cast_(column, Text),
                literal(_text(new_value), _AUDIT.c.new_value.type),
                literal(note, _AUDIT.c.note.type),
            ).where(column.is_not(new_value))
            if where is not None:
                rows = rows.where(where)
            conn.execute(insert(_AUDIT).from_select(_AUDIT_COLUMNS, rows))
        state.statement = stmt.values(seq=seq, updated_at=now)
        return
    query = select(table.c.uuid, *[table.c[k] for k in keys])
    if where is not None:
        query = query.where(where)
    audit = []
    for old in session.connection().execute(query):
        for k in keys:
            new = values[k]
            new_value = getattr(new, "value", new)
            if getattr(old, k) != new_value:
                audit.append(
                    _audit_row(
                        actor, now, "update", entity, old.uuid, k, getattr(old, k), new_value, note
                    )
                )
    state.statement = stmt.values(seq=seq, updated_at=now)
    if audit:
        session.connection().execute(insert(_AUDIT), audit)


_AUDIT_COLUMNS = [
    "at",
    "actor",
    "action",
    "entity",
    "record_uuid",
    "field",
    "old_value",
    "new_value",
    "note",
]
# column types whose text in SQLite (CAST … AS TEXT) is what `_text` writes for the value
_SQL_TEXT_TYPES = (Integer, String, Boolean, Date)


def _audit_in_sql(session: Session, table: Table, keys: list[str], values: dict[str, Any]) -> bool:
    """Whether an UPDATE … WHERE can be audited by SQLite itself: every value set is a constant and
    every column is one whose stored text equals the audit's text of the value."""
    if not keys or session.connection().dialect.name != "sqlite":
        return False
    for k in keys:
        value = values[k]
        if isinstance(value, ClauseElement) and not isinstance(value, BindParameter):
            return False  # an expression (tags || ',x,'): its result is known only row by row
        column_type = table.c[k].type
        if isinstance(column_type, DateTime | Time) or not isinstance(column_type, _SQL_TEXT_TYPES):
            return False
    return True


def _chunks(items: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def install(target: Any) -> None:
    """Attach the events to a sessionmaker (or Session class)."""
    event.listen(target, "before_flush", _before_flush)
    event.listen(target, "do_orm_execute", _on_execute)
    search_index.install(target)  # after the stamping: the registry's search tables follow


__all__ = ["HardDeleteRefused", "Insert", "allocate_seq", "default_actor", "install"]
