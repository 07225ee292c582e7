"""Keeping the registry's search tables current on every ORM and bulk write.

Called from the session events in `app.db.events` (the one mechanism every write passes through):
whatever writes a resident's name — a form, an import, a package from another office — the
characters of that name are known to `name_char` with their pinyin readings before the transaction
ends. Each distinct character is converted once (`char_readings` is cached), never a whole name:
pypinyin costs about 100 µs a name but a few µs a character, and a community's names use only a
few thousand distinct characters.

The ID-number and phone tails (`resident_tail`): new residents' tails are added here, in one
INSERT … SELECT after each insert (SQLite does the work; a trigger per row cost 3.5 s at 180,000
residents); changed ID numbers and phones are handled by the update trigger of revision 0004, so
every update path — ORM, bulk, plain SQL — keeps them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Result, event, text
from sqlalchemy.orm import ORMExecuteState, Session

from app.db.models import Resident

_INSERT_SQLITE = text("INSERT OR IGNORE INTO name_char (ch, readings) VALUES (:ch, :readings)")
_INSERT_PG = text(
    "INSERT INTO name_char (ch, readings) VALUES (:ch, :readings) ON CONFLICT (ch) DO NOTHING"
)


@lru_cache(maxsize=65536)
def char_readings(ch: str) -> tuple[str, ...]:
    """All pinyin readings of one character, without tones, most common first.

    ü is written v (as pypinyin and input methods do) and also u, so 吕 answers to lv and lu.
    A Latin letter or digit reads as itself (lower case); other symbols have no reading.
    """
    if ch.isascii():
        return (ch.lower(),) if ch.isalnum() else ()
    from pypinyin import Style, pinyin

    found = pinyin(ch, style=Style.NORMAL, heteronym=True, errors="ignore")
    readings: list[str] = []
    for reading in found[0] if found else []:
        for variant in (reading, reading.replace("v", "u")):
            if variant and variant.isascii() and variant.isalpha() and variant not in readings:
                readings.append(variant)
    return tuple(readings)


def name_chars(names: Iterable[str | None]) -> set[str]:
    """The distinct characters of some names (one join, one set: fast for 180,000 names)."""
    return set("".join(n for n in names if n))


def remember_chars(conn: Connection, chars: Iterable[str]) -> None:
    """Make sure every character is in `name_char` with its readings."""
    rows = [{"ch": ch, "readings": " ".join(char_readings(ch))} for ch in sorted(set(chars))]
    rows = [r for r in rows if r["readings"]]
    if not rows:
        return
    stmt = _INSERT_PG if conn.dialect.name == "postgresql" else _INSERT_SQLITE
    conn.execute(stmt, rows)


def add_tails(conn: Connection, where: str, params: Mapping[str, Any]) -> None:
    """The tails of the residents selected by `where` (SQL over `resident`), in one statement."""
    if conn.dialect.name == "postgresql":
        where = "TRUE" if where == "1" else where  # PostgreSQL's WHERE wants a boolean
        conn.execute(
            text(
                "INSERT INTO resident_tail (tail, resident_id) "
                f"SELECT right(id_number, 4), id FROM resident WHERE ({where}) "
                "AND length(id_number) >= 4 "
                "UNION ALL "
                f"SELECT right(phone, 4), id FROM resident WHERE ({where}) "
                "AND length(phone) >= 4 "
                "ORDER BY 1, 2 ON CONFLICT DO NOTHING"
            ),
            params,
        )
        return
    conn.execute(
        text(
            "INSERT OR IGNORE INTO resident_tail (tail, resident_id) "
            f"SELECT substr(id_number, -4), id FROM resident WHERE ({where}) "
            "AND length(id_number) >= 4 "
            "UNION ALL "
            f"SELECT substr(phone, -4), id FROM resident WHERE ({where}) AND length(phone) >= 4 "
            "ORDER BY 1, 2"
        ),
        params,
    )


def rebuild(conn: Connection) -> None:
    """Both search tables from scratch (after a repair done outside GridDesk)."""
    conn.execute(text("DELETE FROM resident_tail"))
    add_tails(conn, "1", {})
    remember_chars(
        conn, name_chars(conn.execute(text("SELECT DISTINCT name FROM resident")).scalars())
    )


def _before_flush(session: Session, _ctx: Any, _instances: Any) -> None:
    names = [
        obj.name for obj in (*session.new, *session.dirty) if isinstance(obj, Resident) and obj.name
    ]
    if names:
        remember_chars(session.connection(), name_chars(names))


def _after_flush(session: Session, _ctx: Any) -> None:
    ids = [obj.id for obj in session.new if isinstance(obj, Resident) and obj.id is not None]
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join(f":i{i}" for i in range(len(chunk)))
        add_tails(
            session.connection(), f"id IN ({marks})", {f"i{i}": v for i, v in enumerate(chunk)}
        )


def _name_of(row: Mapping[str, Any]) -> Any:
    return row.get("name")


def _on_execute(state: ORMExecuteState) -> Result[Any] | None:
    """Bulk statements on `resident`: the names' characters before, the new rows' tails after.

    (Changed ID numbers and phones are handled by the update trigger of revision 0004.)
    """
    if not (state.is_insert or state.is_update):
        return None
    table = getattr(state.statement, "table", None)
    if getattr(table, "name", None) != Resident.__tablename__:
        return None
    session = state.session
    params = state.parameters
    rows: list[Mapping[str, Any]] = []
    if isinstance(params, Sequence) and not isinstance(params, str | bytes):
        rows = [r for r in params if isinstance(r, Mapping)]
    elif isinstance(params, Mapping) and params:
        rows = [params]
    names = [str(n) for n in map(_name_of, rows) if n]
    set_clause = getattr(state.statement, "_values", None) or {}
    for column, value in set_clause.items():
        if getattr(column, "key", None) == "name":
            value = getattr(value, "value", value)
            if isinstance(value, str):
                names.append(value)
    if names:
        remember_chars(session.connection(), name_chars(names))
    if not state.is_insert:
        return None
    ids = [r.get("id") for r in rows]
    conn = session.connection()
    if rows and all(type(i) is int for i in ids):
        where, bounds = "id BETWEEN :lo AND :hi", {"lo": min(ids), "hi": max(ids)}  # type: ignore[type-var]
    else:
        last = conn.execute(text("SELECT max(id) FROM resident")).scalar()
        where, bounds = "id > :lo", {"lo": last or 0}
    result = state.invoke_statement()
    add_tails(conn, where, bounds)  # INSERT OR IGNORE: rows already in the range keep theirs
    return result


def install(target: Any) -> None:
    """Attach to a sessionmaker, after the stamping events (called by `app.db.events.install`)."""
    event.listen(target, "before_flush", _before_flush)
    event.listen(target, "after_flush", _after_flush)
    event.listen(target, "do_orm_execute", _on_execute)
