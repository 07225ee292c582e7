"""Stamping and auditing of travelling records — one mechanism, in session events.

Whatever changes a record (a form in the window, a CLI command, a bulk import), the changes pass
through here:

* `before_flush` stamps ORM objects: `origin`, a new change sequence number, `updated_at`; writes one
  audit row per created record and one per changed field; refuses hard deletes of travelling
  records (they are tombstoned instead). The office's own profile (`office`, one row that never
  travels) is not stamped, but each changed field of it is audited the same way.
* `do_orm_execute` does the same for ORM-enabled bulk statements (`session.execute(insert(Model),
  rows)` and `update(Model).where(...)`), so imports and bulk assignments are stamped and audited
  without code of their own. A bulk insert on SQLite is executed here, as one `executemany` of
  plain tuples (`_insert_many`), and audited by one INSERT … SELECT: 180,000 residents cost no
  per-row work in SQLAlchemy and no audit row built in Python.

What the audit trail holds: one row per created record (action `create`, no field values: the
record itself holds them, stamped with the creating `seq`), one per changed field with its old and
new value, and `delete` for a tombstone. A bulk insert of at least `BULK_AUDIT_MIN` records numbered
without a gap (an import's 20,000 residents) is one row instead: action `create_many`, field `id`,
`old_value`/`new_value` the first and last id of the records it made, `record_uuid` the batch as
`origin:seq` (every record of it was stamped so) — who made which records when, in one row where
240,000 rows and their indexes were a third of a 180,000-resident database (`created_count`
counts both forms).

The session's `info` carries `origin` (this office's code) and `actor` (who is working).

Every audit row is written through `_write_audit`, which marks the session; before the transaction
commits, the rows it wrote are read back in id order and hashed onto the chain
(app.db.audit_chain.extend) — one query for the newest hashed row, one for the rows after it, one
UPDATE per row. An import's few `create_many` rows cost nothing to speak of.
"""

from __future__ import annotations

import getpass
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from itertools import repeat
from operator import itemgetter
from typing import Any, cast

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Integer,
    Result,
    String,
    Table,
    Text,
    Time,
    case,
    event,
    insert,
    inspect,
    literal,
    select,
    text,
    update,
)
from sqlalchemy import cast as cast_
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction
from sqlalchemy.sql.dml import Insert, Update
from sqlalchemy.sql.elements import BindParameter, ClauseElement

from app.db import audit_chain, search_index
from app.db.base import Travelling, new_uuid, new_uuids, utcnow
from app.db.bulk import bound
from app.db.models import TRAVELLING_MODELS, AuditEntry, ChangeCounter, Office

_BY_TABLE: dict[str, type[Travelling]] = {
    m.__tablename__: m  # type: ignore[attr-defined]
    for m in TRAVELLING_MODELS
}
_STAMP_COLUMNS = {"id", "uuid", "origin", "seq", "created_at", "updated_at"}
# records that do not travel (no stamps) whose field changes are audited all the same
_AUDITED_LOCAL: tuple[type[Any], ...] = (Office,)
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


def _write_audit(session: Session, stmt: Any, rows: Sequence[dict[str, Any]] | None = None) -> None:
    """Every audit row is written through here, so the commit knows to hash the chain on."""
    session.info["audit_written"] = True
    conn = session.connection()
    if rows is None:
        conn.execute(stmt)
    else:
        conn.execute(stmt, rows)


def add_audit_rows(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Audit rows made with `audit_row` (app.core.trust.audit records events so)."""
    if rows:
        _write_audit(session, insert(_AUDIT), rows)


def audit_row(
    session: Session,
    action: str,
    entity: str,
    record_uuid: str,
    note: str | None,
) -> dict[str, Any]:
    """An audit row of the session's actor, now, with no field values."""
    return _audit_row(_actor(session), utcnow(), action, entity, record_uuid, note=note)


def _chain_on_commit(session: Session) -> None:
    """Before a transaction commits: its audit rows hashed onto the chain (app.db.audit_chain)."""
    session.flush()  # the last changes' audit rows are written by this flush
    if session.info.pop("audit_written", False):
        audit_chain.extend(session.connection())


def record_decision(
    session: Session,
    entity: str,
    record_uuids: Iterable[str],
    action: str,
    field: str | None = None,
    detail: Any = None,
) -> None:
    """A person's decision about records that changes none of their fields (two residents kept as
    the different people they are; one merged into another) in the audit trail, with the
    session's actor and note: one row per record. Field changes that go with a decision are
    audited by the events themselves."""
    now = utcnow()
    actor = _actor(session)
    note = session.info.get("audit_note")
    rows = [
        _audit_row(actor, now, action, entity, u, field, None, detail, note) for u in record_uuids
    ]
    if rows:
        _write_audit(session, insert(_AUDIT), rows)


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
        if isinstance(obj, _AUDITED_LOCAL) and session.is_modified(obj):
            entity = type(obj).__tablename__
            for key, old, new in _changed_fields(obj):
                rows.append(
                    _audit_row(actor, now, "update", entity, str(obj.id), key, old, new, note)
                )
            continue
        if not isinstance(obj, Travelling) or not session.is_modified(obj):
            continue
        changes = _changed_fields(obj)
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
        _write_audit(session, insert(_AUDIT), rows)


def _changed_fields(obj: object) -> list[tuple[str, Any, Any]]:
    """(field, old, new) of each column of `obj` changed in this flush, stamps left out."""
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
    return changes


def _bulk_model(state: ORMExecuteState) -> type[Travelling] | None:
    stmt = state.statement
    table = getattr(stmt, "table", None)
    name = getattr(table, "name", None)
    return _BY_TABLE.get(name) if name else None


def _on_execute(state: ORMExecuteState) -> Result[Any] | None:
    if not (state.is_insert or state.is_update or state.is_delete):
        return None
    model = _bulk_model(state)
    if model is None:
        return None
    session = state.session
    if state.is_delete:
        raise HardDeleteRefused(f"DELETE on {model.__tablename__}: tombstone instead")  # type: ignore[attr-defined]
    if session.info.get("replicating"):
        return None
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
            return None
        seq = allocate_seq(session, origin)
        if isinstance(params, list):
            done = _insert_many(state, model, rows, seq, now, origin)
            if done is not None:
                result, ids = done
                _audit_created(session, model, seq, origin, ids, now, actor, note, len(rows))
                return result
        for row in rows:
            row.setdefault("uuid", new_uuid())
            row.setdefault("origin", origin)
            row["seq"] = seq
            row.setdefault("created_at", now)
            row["updated_at"] = now
        _write_audit(
            session,
            insert(_AUDIT),
            [_audit_row(actor, now, "create", entity, r["uuid"], note=note) for r in rows],
        )
        if session.connection().dialect.name == "postgresql" and any("id" in r for r in rows):
            result = state.invoke_statement()
            _advance_id_sequence(session, model)
            return result
        return None
    stmt = state.statement
    assert isinstance(stmt, Update)
    seq = allocate_seq(session, origin)
    if isinstance(params, list) and params:
        _bulk_update_by_pk(session, model, entity, params, seq, now, actor, note)
        return None
    _update_where(state, session, model, entity, stmt, seq, now, actor, note)
    return None


def _advance_id_sequence(session: Session, model: type[Travelling]) -> None:
    """After rows inserted with ids of their own (a demo, an import that numbers its rows), the
    table's id sequence on PostgreSQL goes on after the largest, so the next row the database
    numbers does not collide with them (SQLite numbers after the largest id by itself)."""
    table = cast(Table, model.__table__)  # type: ignore[attr-defined]
    session.connection().execute(
        text(f"SELECT setval(pg_get_serial_sequence(:table, 'id'), max(id)) FROM {table.name}"),
        {"table": table.name},
    )


def _insert_many(
    state: ORMExecuteState,
    model: type[Travelling],
    rows: list[dict[str, Any]],
    seq: int,
    now: datetime,
    origin: str,
) -> tuple[Result[Any], tuple[int, int] | None] | None:
    """A plain `insert(Model)` (or of its table) with a list of rows, stamped and sent to SQLite as
    one `executemany` of plain tuples; None when the statement is anything else (RETURNING, VALUES,
    prefixes, another database), which then takes the ordinary path. Returns the result and the
    range of the ids the rows were given (None when the database numbered them).

    SQLAlchemy's own executemany builds and converts a dict of parameters per row in Python (3.3 s
    for 180,000 residents); here each column is converted once as a whole list and the rows are
    zipped together in C. The values are what SQLAlchemy would send: the type's bind processor for
    each column, the column's scalar default for a key a row leaves out.
    """
    conn = state.session.connection()
    dialect = conn.dialect
    if dialect.name != "sqlite" or dialect.paramstyle != "qmark":
        return None
    table = cast(Table, model.__table__)  # type: ignore[attr-defined]
    stmt = state.statement
    if not isinstance(stmt, Insert) or not (
        stmt.compare(insert(model)) or stmt.compare(insert(table))
    ):
        return None
    columns = table.c
    keys = list(rows[0])
    if any(k not in columns for k in keys) or any(len(r) != len(keys) for r in rows):
        return None  # rows of different shapes: the ORM groups them, so does the ordinary path
    n = len(rows)
    lists: dict[str, list[Any]] = {}
    constants: dict[str, Any] = {}
    try:
        for name in keys:
            lists[name] = list(map(itemgetter(name), rows))
    except KeyError:
        return None  # a row with other keys
    for column in columns:
        name = column.key
        if name in lists and column.default is None and column.server_default is None:
            if lists[name].count(None) == n:
                del lists[
                    name
                ]  # NULL on every row: left out, SQLite stores NULL for it all the same
            continue
        if name in lists or name in _STAMP_COLUMNS:
            continue
        if column.server_default is not None or column.primary_key:
            continue  # the database fills it
        if column.default is not None:
            if not column.default.is_scalar:
                return None  # a Python function or SQL expression per row: the ordinary path
            constants[name] = cast(Any, column.default).arg
    if "origin" in lists and any(o != origin for o in lists["origin"]):
        return None  # rows of another office keep their own stamps (replication): not here
    given = lists.get("uuid")
    if given is None:
        lists["uuid"] = new_uuids(n)
    else:
        fresh = iter(new_uuids(given.count(None)))
        lists["uuid"] = [u if u is not None else next(fresh) for u in given]
    if "created_at" in lists:
        lists["created_at"] = [at or now for at in lists["created_at"]]
    else:
        constants["created_at"] = now
    lists.pop("origin", None)
    lists.pop("seq", None)
    lists.pop("updated_at", None)
    constants.update(origin=origin, seq=seq, updated_at=now)
    compiled = insert(table).compile(dialect=dialect, column_keys=[*lists, *constants])
    order = compiled.positiontup or []
    if sorted(order) != sorted([*lists, *constants]):
        return None
    sources: list[Iterable[Any]] = []
    for name in order:
        if name in constants:
            sources.append(repeat(bound(columns[name], dialect, [constants[name]])[0], n))
        else:
            sources.append(bound(columns[name], dialect, lists[name]))
    result = conn.exec_driver_sql(compiled.string, list(zip(*sources, strict=True)))
    ids = lists.get("id")
    if ids and all(type(i) is int for i in ids):
        return result, (min(ids), max(ids))
    return result, None


def _audit_created(
    session: Session,
    model: type[Travelling],
    seq: int,
    origin: str,
    ids: tuple[int, int] | None,
    now: datetime,
    actor: str,
    note: str | None,
    count: int = 0,
) -> None:
    """One `create` row per record just inserted, written by SQLite from the records themselves (the
    rows of one statement share its `seq`; `ids`, when known, narrows the search to their range):
    per record, so each record's history starts with its creation and the day's counts count
    records; in SQL, so Python builds none of them. `count` records numbered `ids` without a gap,
    at least `BULK_AUDIT_MIN` of them, are one `create_many` row (see the module's notes)."""
    table = cast(Table, model.__table__)  # type: ignore[attr-defined]
    if ids is not None and count >= BULK_AUDIT_MIN and ids[1] - ids[0] + 1 == count:
        _write_audit(
            session,
            insert(_AUDIT),
            [
                _audit_row(
                    actor, now, "create_many", table.name, f"{origin}:{seq}", "id", *ids, note
                )
            ],
        )
        return
    mine = [table.c.origin == origin, table.c.seq == seq]
    if ids is not None:
        mine.append(table.c.id.between(*ids))
    created = (
        select(
            literal(now, _AUDIT.c.at.type),
            literal(actor, _AUDIT.c.actor.type),
            literal("create", _AUDIT.c.action.type),
            literal(table.name, _AUDIT.c.entity.type),
            table.c.uuid,
            literal(None, _AUDIT.c.field.type),
            literal(None, _AUDIT.c.old_value.type),
            literal(None, _AUDIT.c.new_value.type),
            literal(note, _AUDIT.c.note.type),
        )
        .where(*mine)
        .order_by(table.c.uuid)
    )
    _write_audit(session, insert(_AUDIT).from_select(_AUDIT_COLUMNS, created))


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
        _write_audit(session, insert(_AUDIT), audit)


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
            _write_audit(session, insert(_AUDIT).from_select(_AUDIT_COLUMNS, rows))
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
        _write_audit(session, insert(_AUDIT), audit)


BULK_AUDIT_MIN = 1000  # records of one insert audited as one `create_many` row


def created_count(action: Any, old_value: Any, new_value: Any) -> Any:
    """Records created that an audit row stands for, as an SQL expression over its columns: 1 for
    `create`, last id − first id + 1 for `create_many`, else 0 (sum it over a day's rows)."""
    many = cast_(new_value, Integer) - cast_(old_value, Integer) + 1
    return case((action == "create", 1), (action == "create_many", many), else_=0)


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
    """Attach the events to a sessionmaker (or Session class).

    The search index's hooks go first: its `do_orm_execute` wraps the statement (the characters of
    new names before, the tails of new residents after) and runs it with `invoke_statement`, which
    reaches the stamping hook here; a bulk insert ends there, executed and audited, its result
    handed back (SQLAlchemy runs no later hook once one returns a result).
    """
    search_index.install(target)
    event.listen(target, "before_flush", _before_flush)
    event.listen(target, "do_orm_execute", _on_execute)
    event.listen(target, "before_commit", _chain_on_commit)


__all__ = [
    "HardDeleteRefused",
    "Insert",
    "add_audit_rows",
    "allocate_seq",
    "audit_row",
    "default_actor",
    "install",
    "record_decision",
]
