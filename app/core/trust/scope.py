"""What the signed-in user may see of the register: the one place that turns the user's role into
a filter, so every list, count, view and write of households and residents asks the same question.

A grid worker (`Principal.scoped`) sees the households of their grids only: `grid_codes` names
them, `grid_ids` finds their live grids, `household_clause` / `resident_clause` filter a
statement, `check_household` / `check_resident` / `check_grid` refuse one record outside them
(`OutsideGrids`, before anything of it is read). Everyone else sees every household; an office
without users (no principal) too.

`personal` refuses a user without `Permission.PERSONAL` (a viewer: reports and counts only) and
returns the grid ids a scoped user is held to (None: unscoped) — the first line of a function
that reads people. `writing` does the same for the daily work (`Permission.WRITE`), and
`whole_register` for work over every grid (the grids themselves, an import, duplicates), which a
grid worker may not do.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, select, true
from sqlalchemy.orm import Session

from app.core.trust.roles import OutsideGrids, Permission, Principal, principal_of, require
from app.db.models import Grid, Household, Resident

_CACHE_KEY = "scope_grid_ids"


def grid_codes(session: Session) -> frozenset[str] | None:
    """The codes of the grids the session's user is held to; None when they see every grid."""
    principal = principal_of(session)
    if principal is None or not principal.scoped:
        return None
    return principal.grids


def grid_ids(session: Session) -> frozenset[int] | None:
    """The ids of the live grids the session's user is held to (None: every grid). A grid worker
    whose grids are all gone gets the empty set: nothing, never everything."""
    codes = grid_codes(session)
    if codes is None:
        return None
    cached = session.info.get(_CACHE_KEY)
    if isinstance(cached, tuple) and cached[0] == codes:
        return frozenset(cached[1])
    found = frozenset(
        session.scalars(
            select(Grid.id).where(Grid.code.in_(sorted(codes)), Grid.deleted_at.is_(None))
        )
    )
    session.info[_CACHE_KEY] = (codes, found)
    return found


def household_clause(session: Session, household: Any = Household) -> ColumnElement[bool]:
    """A WHERE clause on `household` (the Household entity or an alias) keeping the user's
    households: always true for an unscoped user."""
    ids = grid_ids(session)
    if ids is None:
        return true()
    clause: ColumnElement[bool] = household.grid_id.in_(sorted(ids))
    return clause


def resident_clause(session: Session, resident: Any = Resident) -> ColumnElement[bool]:
    """A WHERE clause on `resident` keeping the residents of the user's households."""
    ids = grid_ids(session)
    if ids is None:
        return true()
    clause: ColumnElement[bool] = resident.household_id.in_(
        select(Household.id).where(Household.grid_id.in_(sorted(ids)))
    )
    return clause


def personal(session: Session) -> frozenset[int] | None:
    """Refuse (NotPermitted) a user who may not see people's records; else the grid ids a grid
    worker is held to (None: every grid)."""
    require(session, Permission.PERSONAL)
    return grid_ids(session)


def writing(session: Session) -> Principal | None:
    """Refuse (NotPermitted) a user who may not record or change data."""
    return require(session, Permission.WRITE)


def whole_register(session: Session, what: tuple[str, str]) -> Principal | None:
    """Refuse work over the whole register (grids and who is in them, an import, duplicates
    across households) to a user held to some grids, and to one who may not record data."""
    principal = writing(session)
    if principal is not None and principal.scoped:
        raise OutsideGrids(principal, what)
    return principal


def require_in(db: Any, permission: Permission) -> Principal | None:
    """`roles.require` for an operation that takes the database and opens its own sessions
    (packages, imports): asked in a short look before anything is read or written."""
    with db.reading() as session:
        return require(session, permission)


def _outside(session: Session, what: tuple[str, str]) -> OutsideGrids:
    principal = principal_of(session)
    assert principal is not None
    return OutsideGrids(principal, what)


def check_household(session: Session, household_id: int | None) -> None:
    """Refuse (OutsideGrids) a household outside the user's grids; nothing of it is read."""
    ids = grid_ids(session)
    if ids is None or household_id is None:
        return
    grid = session.scalar(select(Household.grid_id).where(Household.id == household_id))
    if grid not in ids:
        raise _outside(session, ("这一户", "that household"))


def check_households(session: Session, household_ids: Iterable[int]) -> None:
    for household_id in household_ids:
        check_household(session, household_id)


def check_resident(session: Session, resident_id: int | None) -> None:
    """Refuse (OutsideGrids) a resident of a household outside the user's grids."""
    ids = grid_ids(session)
    if ids is None or resident_id is None:
        return
    grid = session.scalar(
        select(Household.grid_id)
        .join(Resident, Resident.household_id == Household.id)
        .where(Resident.id == resident_id)
    )
    if grid not in ids:
        raise _outside(session, ("这位居民", "that resident"))


def check_grid(session: Session, code: str | None = None, grid_id: int | None = None) -> None:
    """Refuse (OutsideGrids) a grid that is not one of the user's (by code or by id)."""
    codes = grid_codes(session)
    if codes is None:
        return
    if grid_id is not None:
        if grid_id not in (grid_ids(session) or frozenset()):
            raise _outside(session, ("这个网格", "that grid"))
        return
    wanted = (code or "").strip().upper()
    if wanted not in {c.upper() for c in codes}:
        raise _outside(session, (f"网格 {code}", f"grid {code}"))


def sees_all(session: Session) -> bool:
    """Whether the user sees every household (not a grid worker)."""
    return grid_codes(session) is None
