"""Assigning households to grids: buildings by the ranges staff write (`1-3,7`) or single
households, in bulk, and merging and splitting grids — the moves that change which grid a
household is in.

Each assignment is one set-based `UPDATE household … WHERE …` per grid, stamped and audited by the
session events (`app.db.events`), and the history table `grid_assignment` keeps which grid each
household was in from when to when. A refusal (overlapping ranges, an unknown building or grid, …)
raises `InvalidInput` in Chinese and English before anything is written, so the caller's
transaction never holds half an assignment.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from sqlalchemy import (
    DateTime,
    Integer,
    String,
    Table,
    Text,
    and_,
    case,
    column,
    func,
    insert,
    literal,
    null,
    or_,
    select,
    true,
    update,
    values,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from app.core.grids.structure import (
    CHUNK,
    GRIDS,
    LIVE_HOUSEHOLD,
    _chunks,
    _codes,
    create_grid,
    find_households,
    get_grid,
    natural_key,
    resolve_buildings,
)
from app.core.trust import scope
from app.db.base import utcnow
from app.db.models import Building, Grid, Household
from app.db.models_grids import Duty, DutyPerson, GridAssignment
from app.errors import InvalidInput

# --- assigning ----------------------------------------------------------------------------------


@dataclass
class AssignResult:
    grid: str
    households_moved: int = 0
    households_already: int = 0
    buildings: list[str] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)
    moved_from: dict[str, int] = field(default_factory=dict)  # grid code (or "") → households


def _actor(session: Session) -> str:
    return str(session.info.get("actor") or "unknown")


def _append_history(
    session: Session,
    target: ColumnElement[Any],
    where: ColumnElement[bool],
    how: str,
    now: datetime,
    note: str | None,
    plan: Any = None,
) -> None:
    """History rows, set-based, for the live households matching `where` whose grid is about to
    become `target` (a grid id, or the `grid_id` column of `plan`, a VALUES list of (building_id,
    grid_id) joined on the household's building)."""
    changing = and_(where, LIVE_HOUSEHOLD, Household.grid_id.is_distinct_from(target))
    source = cast(Table, Household.__table__)
    if plan is not None:
        source = source.join(plan, plan.c.building_id == Household.building_id)  # type: ignore[assignment]
    conn = session.connection()
    history = cast(Table, GridAssignment.__table__)
    columns = ["household_id", "grid_id", "started_at", "how", "actor", "note"]
    actor = literal(_actor(session), String)
    last = (
        select(GridAssignment.grid_id)
        .where(GridAssignment.household_id == Household.id)
        .order_by(GridAssignment.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    # a household whose present grid the history has not seen (imported, made by the demo, or
    # moved by other means) gets that period recorded before it leaves
    conn.execute(
        insert(history).from_select(
            columns,
            select(
                Household.id,
                Household.grid_id,
                case((last.is_(None), Household.created_at), else_=Household.updated_at),
                literal("recorded", String),
                actor,
                null(),
            )
            .select_from(source)
            .where(
                changing, Household.grid_id.is_not(None), last.is_distinct_from(Household.grid_id)
            ),
        )
    )
    conn.execute(
        insert(history).from_select(
            columns,
            select(
                Household.id,
                target,
                literal(now, DateTime),
                literal(how, String),
                actor,
                literal(note, Text),
            )
            .select_from(source)
            .where(changing),
        )
    )


def _update_households(session: Session, grid_id: int, where: ColumnElement[bool]) -> int:
    """ONE ORM bulk UPDATE of household for one grid, stamped and audited row by row by the
    session events; only households not in the grid yet are touched. Returns how many moved."""
    changing = and_(where, LIVE_HOUSEHOLD, Household.grid_id.is_distinct_from(grid_id))
    result = session.execute(
        update(Household).where(changing).values(grid_id=grid_id),
        execution_options={"synchronize_session": False},
    )
    return int(getattr(result, "rowcount", 0) or 0)


def _move(
    session: Session,
    grid_id: int,
    where: ColumnElement[bool],
    how: str,
    now: datetime,
    note: str | None,
) -> int:
    """Move the live households matching `where` into the grid: history first, then the UPDATE."""
    _append_history(session, literal(grid_id, Integer), where, how, now, note)
    return _update_households(session, grid_id, where)


def _room_to_work(session: Session) -> None:
    """A larger page cache for this connection while tens of thousands of index entries change
    (SQLite's default 2 MB makes every audit and history row a page fault at 60,000 households)."""
    conn = session.connection()
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("PRAGMA cache_size=-65536")


def _counts_by_grid(session: Session, where: ColumnElement[bool]) -> dict[int | None, int]:
    return {
        gid: n
        for gid, n in session.execute(
            select(Household.grid_id, func.count())
            .where(where, LIVE_HOUSEHOLD)
            .group_by(Household.grid_id)
        )
        .tuples()
        .all()
    }


def assign_buildings(
    session: Session,
    grid_code: str,
    buildings: str | Sequence[int],
    *,
    note: str | None = None,
    now: datetime | None = None,
) -> AssignResult:
    """Move every household of the buildings (a spec like `1-3,7`, or building ids) into the grid,
    and make it the buildings' grid."""
    return assign_plan(session, {grid_code: buildings}, note=note, now=now)[0]


def assign_plan(
    session: Session,
    plan: Mapping[str, str | Sequence[int]],
    *,
    note: str | None = None,
    now: datetime | None = None,
) -> list[AssignResult]:
    """Several grids' buildings at once ({"G01": "1-3,7", "G02": "4-6"}): everything is checked
    first (unknown grids or buildings, a building named for two grids), then one UPDATE per grid."""
    scope.whole_register(session, GRIDS)
    now = now or utcnow()
    _room_to_work(session)
    resolved: list[tuple[Grid, list[int], list[str], list[str]]] = []
    owner: dict[int, str] = {}
    for code, spec in plan.items():
        grid = get_grid(session, code)
        if isinstance(spec, str):
            found = resolve_buildings(session, spec)
            ids, numbers, gaps = found.ids, found.numbers, found.gaps
        else:
            wanted = sorted(set(spec))
            rows = dict(
                session.execute(
                    select(Building.id, Building.number).where(
                        Building.id.in_(wanted), Building.deleted_at.is_(None)
                    )
                )
                .tuples()
                .all()
            )
            missing = [i for i in wanted if i not in rows]
            if missing:
                raise InvalidInput(
                    f"楼栋不存在或已删除（编号 {missing[:10]}）。",
                    f"Buildings not found or deleted (ids {missing[:10]}).",
                )
            ids = sorted(wanted, key=lambda i: natural_key(rows[i]))
            numbers, gaps = [rows[i] for i in ids], []
        for bid, number in zip(ids, numbers, strict=True):
            if bid in owner and owner[bid] != grid.code:
                raise InvalidInput(
                    f"楼栋 {number} 同时分给了网格 {owner[bid]} 和 {grid.code}。",
                    f"Building {number} is given to both grid {owner[bid]} and {grid.code}.",
                )
            owner[bid] = grid.code
        resolved.append((grid, ids, numbers, gaps))
    codes = _codes(session)
    everything = [bid for _g, ids, _n, _gaps in resolved for bid in ids]
    before: dict[int, dict[int | None, int]] = defaultdict(dict)
    for start in range(0, len(everything), CHUNK):
        for bid, gid, n in session.execute(
            select(Household.building_id, Household.grid_id, func.count())
            .where(Household.building_id.in_(everything[start : start + CHUNK]), LIVE_HOUSEHOLD)
            .group_by(Household.building_id, Household.grid_id)
        ):
            before[bid][gid] = n
    if everything:
        # the history of every household about to move, in two statements for the whole plan
        pairs = [(bid, grid.id) for grid, ids, _n, _gaps in resolved for bid in ids]
        moves = (
            values(column("building_id", Integer), column("grid_id", Integer), name="moves")
            .data(pairs)
            .cte("moves")
        )
        _append_history(session, moves.c.grid_id, true(), "building", now, note, plan=moves)
    results = []
    for grid, ids, numbers, gaps in resolved:
        result = AssignResult(grid.code, buildings=numbers, gaps=gaps)
        for bid in ids:
            for gid, n in before.get(bid, {}).items():
                if gid == grid.id:
                    result.households_already += n
                else:
                    key = codes.get(gid, "") if gid is not None else ""
                    result.moved_from[key] = result.moved_from.get(key, 0) + n
        if ids:
            result.households_moved = _update_households(
                session, grid.id, Household.building_id.in_(ids)
            )
        results.append(result)
    # the buildings' own grid: one UPDATE by primary key for all of them (stamped and audited)
    target = {bid: grid.id for grid, ids, _n, _gaps in resolved for bid in ids}
    changed: list[dict[str, Any]] = []
    for start in range(0, len(everything), CHUNK):
        for bid, gid in session.execute(
            select(Building.id, Building.grid_id).where(
                Building.id.in_(everything[start : start + CHUNK])
            )
        ):
            if gid != target[bid]:
                changed.append({"id": bid, "grid_id": target[bid]})
    if changed:
        session.execute(update(Building), changed)
    return results


def assign_households(
    session: Session,
    grid_code: str,
    households: Sequence[int | str],
    *,
    note: str | None = None,
    now: datetime | None = None,
) -> AssignResult:
    """Move single households (ids, household codes or addresses) into the grid. Their buildings
    keep their grid: a building may have a household or two in a neighbouring grid."""
    scope.whole_register(session, GRIDS)
    grid = get_grid(session, grid_code)
    if not households:
        raise InvalidInput("没有选择住户。", "No households chosen.")
    ids = find_households(session, households)
    now = now or utcnow()
    codes = _codes(session)
    result = AssignResult(grid.code)
    for chunk in _chunks(ids):
        where = Household.id.in_(chunk)
        for g, n in _counts_by_grid(session, where).items():
            if g == grid.id:
                result.households_already += n
            else:
                key = codes.get(g, "") if g is not None else ""
                result.moved_from[key] = result.moved_from.get(key, 0) + n
        result.households_moved += _move(session, grid.id, where, "household", now, note)
    return result


# --- merging and splitting ----------------------------------------------------------------------


@dataclass(frozen=True)
class MergeResult:
    target: str
    merged: list[str]
    households_moved: int
    people_moved: int


def merge_grids(
    session: Session,
    sources: Sequence[str],
    target: str,
    *,
    now: datetime | None = None,
) -> MergeResult:
    """Fold the source grids into the target: their households, buildings, people on duty and
    duties move there, and the sources are tombstoned ("merged into …")."""
    scope.whole_register(session, GRIDS)
    into = get_grid(session, target)
    grids = []
    for code in sources:
        grid = get_grid(session, code)
        if grid.id == into.id:
            raise InvalidInput(
                f"不能把网格 {grid.code} 合并到它自己。",
                f"Cannot merge grid {grid.code} into itself.",
            )
        if grid not in grids:
            grids.append(grid)
    if not grids:
        raise InvalidInput("没有选择要合并的网格。", "No grids chosen to merge.")
    now = now or utcnow()
    ids = [g.id for g in grids]
    names = [g.code for g in grids]
    note = f"合并入 {into.code}（{'、'.join(names)}）"
    moved = _move(session, into.id, Household.grid_id.in_(ids), "merge", now, note)
    session.execute(
        update(Building)
        .where(Building.grid_id.in_(ids), Building.deleted_at.is_(None))
        .values(grid_id=into.id)
    )
    people = session.execute(
        update(DutyPerson)
        .where(DutyPerson.grid_id.in_(ids), DutyPerson.deleted_at.is_(None))
        .values(grid_id=into.id)
    )
    session.execute(
        update(Duty).where(Duty.grid_id.in_(ids), Duty.deleted_at.is_(None)).values(grid_id=into.id)
    )
    for grid in grids:
        grid.deleted_at = utcnow()
        grid.delete_reason = f"merged into {into.code}"
    session.flush()
    return MergeResult(into.code, names, moved, int(getattr(people, "rowcount", 0) or 0))


def split_grid(
    session: Session,
    source: str,
    new_code: str,
    new_name: str,
    *,
    buildings: str | None = None,
    households: Sequence[int | str] = (),
    now: datetime | None = None,
) -> AssignResult:
    """Make a new grid from part of `source`: the households of `buildings` (a range spec) and/or
    the single `households` that are in `source` now. Anything named that is not in `source` is
    refused."""
    scope.whole_register(session, GRIDS)
    grid = get_grid(session, source)
    if not buildings and not households:
        raise InvalidInput(
            "拆分网格时要指定划入新网格的楼栋或住户。",
            "Name the buildings or households that go to the new grid.",
        )
    building_ids: list[int] = []
    numbers: list[str] = []
    if buildings:
        found = resolve_buildings(session, buildings)
        in_source = set(
            session.scalars(
                select(Household.building_id)
                .where(
                    LIVE_HOUSEHOLD,
                    Household.grid_id == grid.id,
                    Household.building_id.in_(found.ids),
                )
                .distinct()
            )
        )
        outside = [n for n, b in zip(found.numbers, found.ids, strict=True) if b not in in_source]
        if outside:
            raise InvalidInput(
                f"这些楼栋没有住户在网格 {grid.code} 中：{'、'.join(outside)}",
                f"These buildings have no households in grid {grid.code}: {', '.join(outside)}",
            )
        building_ids, numbers = found.ids, found.numbers
    household_ids = find_households(session, households) if households else []
    if household_ids:
        elsewhere = session.scalars(
            select(Household.address_code).where(
                Household.id.in_(household_ids),
                or_(Household.grid_id.is_(None), Household.grid_id != grid.id),
            )
        ).all()
        if elsewhere:
            raise InvalidInput(
                f"这些住户不在网格 {grid.code} 中：{'、'.join(elsewhere[:20])}",
                f"These households are not in grid {grid.code}: {', '.join(elsewhere[:20])}",
            )
    new = create_grid(session, new_code, new_name)
    now = now or utcnow()
    note = f"由 {grid.code} 拆分"
    result = AssignResult(new.code, buildings=numbers)
    parts: list[ColumnElement[bool]] = []
    if building_ids:
        parts.append(Household.building_id.in_(building_ids))
    if household_ids:
        parts.append(Household.id.in_(household_ids))
    where = and_(Household.grid_id == grid.id, or_(*parts))
    result.households_moved = _move(session, new.id, where, "split", now, note)
    result.moved_from = {grid.code: result.households_moved}
    if building_ids:
        session.execute(
            update(Building)
            .where(Building.id.in_(building_ids), Building.deleted_at.is_(None))
            .values(grid_id=new.id)
        )
    return result
