"""The last word on writes: a user without the right to record data (a viewer) changes no record,
whichever operation tried, by command or window.

The operations ask first (`roles.require(session, Permission.WRITE)` in their entry, so the
refusal names the work and nothing is begun); this guard stands behind them at every flush and
every ORM bulk statement of any session: a change to a record other than the bookkeeping a
sign-in itself writes (the audit trail, the change counter, the user's own account: last
sign-in, own password) raises `NotPermitted`, and the transaction is rolled back whole.

Installed once, on import (app.core.trust.signin imports it: a database gets its signed-in user
there), on SQLAlchemy's Session class.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session

from app.core.trust.roles import NotPermitted, Permission, principal_of

# tables a user who may not record data still writes by signing in and keeping their account
BOOKKEEPING = frozenset({"audit_log", "change_counter", "app_user", "app_user_grid"})


def _refused(session: Session) -> NotPermitted | None:
    principal = principal_of(session)
    if principal is None or principal.may(Permission.WRITE):
        return None
    return NotPermitted(principal, Permission.WRITE)


def _table_of(obj: Any) -> str:
    table = getattr(type(obj), "__tablename__", None)
    return str(table) if table else ""


def _before_flush(session: Session, _flush_context: Any, _instances: Any) -> None:
    refusal = _refused(session)
    if refusal is None:
        return
    for obj in (*session.new, *session.dirty, *session.deleted):
        if _table_of(obj) in BOOKKEEPING:
            continue
        if obj in session.dirty and not session.is_modified(obj):
            continue  # loaded and touched, nothing changed
        raise refusal


def _do_orm_execute(state: ORMExecuteState) -> None:
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    refusal = _refused(state.session)
    if refusal is None:
        return
    table = getattr(state.statement, "table", None)
    if getattr(table, "name", "") in BOOKKEEPING:
        return
    raise refusal


def install() -> None:
    if not event.contains(Session, "before_flush", _before_flush):
        event.listen(Session, "before_flush", _before_flush)
    if not event.contains(Session, "do_orm_execute", _do_orm_execute):
        event.listen(Session, "do_orm_execute", _do_orm_execute)


install()
