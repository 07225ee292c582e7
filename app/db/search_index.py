"""Keeping the registry's search tables current on every ORM and bulk write.

Called from the session events in `app.db.events` (the one mechanism every write passes through):
whatever writes a resident's name — a form, an import, a package from another office — the
characters of that name are known to `name_char` with their pinyin readings before the transaction
ends. Each distinct character is converted once (`char_readings` is cached), never a whole name:
pypinyin costs about 100 µs a name but a few µs a character, and a community's names use only a
few thousand distinct characters.

(The ID-number and phone tails need nothing here: they are two expression indexes on `resident`,
revision 0014, which the database keeps on every write.)
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


def load_pinyin() -> None:
    """Load pypinyin's dictionaries now (a third of a second) rather than at the first name."""
    char_readings("张")


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


def rebuild(conn: Connection) -> None:
    """The name characters from scratch (after a repair done outside GridDesk)."""
    conn.execute(text("DELETE FROM name_char"))
    remember_chars(
        conn, name_chars(conn.execute(text("SELECT DISTINCT name FROM resident")).scalars())
    )


def _before_flush(session: Session, _ctx: Any, _instances: Any) -> None:
    names = [
        obj.name for obj in (*session.new, *session.dirty) if isinstance(obj, Resident) and obj.name
    ]
    if names:
        remember_chars(session.connection(), name_chars(names))


def _name_of(row: Mapping[str, Any]) -> Any:
    return row.get("name")


def _on_execute(state: ORMExecuteState) -> Result[Any] | None:
    """Bulk statements on `resident`: the names' characters, before the statement runs."""
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
    return None


def install(target: Any) -> None:
    """Attach to a sessionmaker, after the stamping events (called by `app.db.events.install`)."""
    event.listen(target, "before_flush", _before_flush)
    event.listen(target, "do_orm_execute", _on_execute)
