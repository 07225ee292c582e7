"""Choosing the households a batch of notices is printed for (`Target`: all, a grid, a building, a
tag, some households, or copies for none) and what is printed about each (`find_households`), with
the grid workers named on them (`grid_workers`) and the choices a user picks from
(`target_choices`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.common.masking import mask_name
from app.core.registry.address import building_number
from app.core.registry.address import parse as parse_address
from app.core.trust import scope
from app.core.trust.roles import Permission, require
from app.db.models import Building, Grid, Household, Office, Resident, Tag
from app.db.models_grids import DutyPerson
from app.errors import InvalidInput

_T = TypeVar("_T")


# --- what is printed on -------------------------------------------------------------------------

TARGET_KINDS = ("all", "grid", "building", "tag", "households", "copies")


@dataclass(frozen=True)
class Target:
    """Which notices: one per household for `all`, a `grid` (code or name), a `building`
    (its number), a `tag` (households with a resident so tagged), `households` (codes or
    addresses such as 3-2-502), or `copies` (that many notices for no household, for a board)."""

    kind: str = "all"
    value: str = ""
    households: tuple[str, ...] = ()
    copies: int = 0

    def describe(self) -> str:
        if self.kind == "all":
            return "全部住户"
        if self.kind == "grid":
            return f"网格 {self.value}"
        if self.kind == "building":
            return f"{self.value}栋"
        if self.kind == "tag":
            return f"标签“{self.value}”"
        if self.kind == "households":
            return f"选定的 {len(self.households)} 户"
        return f"张贴用 {self.copies} 份"


@dataclass(frozen=True)
class HouseholdInfo:
    """What a notice may say about a household (the head's name already masked)."""

    id: int
    code: str
    address_code: str
    address: str
    head: str
    members: int
    grid_id: int | None
    grid_code: str | None
    grid_name: str | None


@dataclass(frozen=True)
class GridWorker:
    name: str
    phone: str | None


@dataclass(frozen=True)
class Households:
    """The households of a target, in address order, with their grids' workers."""

    rows: list[HouseholdInfo]
    workers: dict[int, GridWorker]
    roster_exists: bool


def _natural(text: str) -> tuple[Any, ...]:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text) if p)


def _resolve_grid(session: Session, ref: str) -> Grid:
    ref = ref.strip()
    alive = Grid.deleted_at.is_(None)
    grid = session.scalars(select(Grid).where(alive, Grid.code == ref)).first()
    grid = grid or session.scalars(select(Grid).where(alive, Grid.name == ref)).first()
    if grid is None:
        known = "、".join(session.scalars(select(Grid.code).where(alive).order_by(Grid.code)))
        raise InvalidInput(
            f"没有这个网格：{ref}（已有：{known or '无'}）",
            f"No such grid: {ref} (known: {known or 'none'})",
        )
    return grid


def _resolve_building(session: Session, ref: str) -> Building:
    number = building_number(ref) or ref.strip()
    found = session.scalars(
        select(Building).where(Building.deleted_at.is_(None), Building.number == number)
    ).first()
    if found is None:
        raise InvalidInput(f"没有这栋楼：{ref}", f"No such building: {ref}")
    return found


def _resolve_tag(session: Session, ref: str) -> str:
    tag = ref.strip()
    if session.get(Tag, tag) is None:
        known = "、".join(session.scalars(select(Tag.name).order_by(Tag.position)))
        raise InvalidInput(
            f"没有这个标签：{tag}（已有：{known}）", f"No such tag: {tag} (known: {known})"
        )
    return tag


def _household_ids(session: Session, refs: Sequence[str]) -> list[int]:
    """Household ids for codes (H000123) or addresses (3-2-502, 3栋2单元502室), in the order
    given, each once."""
    wanted = [r.strip() for r in refs if r.strip()]
    alive = Household.deleted_at.is_(None)
    by_code: dict[str, int] = {}
    for chunk in _chunks(wanted, 900):
        for code, hid in session.execute(
            select(Household.code, Household.id).where(alive, Household.code.in_(chunk))
        ):
            by_code[code] = hid
    codes: dict[str, str] = {}
    for ref in wanted:
        if ref not in by_code:
            parsed = parse_address(ref)
            if parsed is not None:
                codes[ref] = parsed.code
    by_address: dict[str, int] = {}
    for chunk in _chunks(sorted(set(codes.values())), 900):
        for code, hid in session.execute(
            select(Household.address_code, Household.id).where(
                alive, Household.address_code.in_(chunk)
            )
        ):
            by_address[code] = hid
    ids: list[int] = []
    seen: set[int] = set()
    missing: list[str] = []
    for ref in wanted:
        hid = by_code.get(ref)
        if hid is None and ref in codes:
            hid = by_address.get(codes[ref])
        if hid is None:
            missing.append(ref)
        elif hid not in seen:
            seen.add(hid)
            ids.append(hid)
    if missing:
        shown = "、".join(missing[:5]) + ("…" if len(missing) > 5 else "")
        raise InvalidInput(
            f"找不到这些住户：{shown}", f"No such households: {', '.join(missing[:5])}"
        )
    return ids


def _chunks(items: Sequence[_T], size: int) -> Iterator[Sequence[_T]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def find_households(session: Session, target: Target) -> Households:
    """The households `target` names, in address order (building, unit, room); a grid worker's
    are those of their grids (another grid named is refused), a viewer prints none."""
    if target.kind not in TARGET_KINDS:
        raise InvalidInput(f"未知的打印范围：{target.kind}", f"Unknown target: {target.kind}")
    workers, roster = grid_workers(session)
    if target.kind == "copies":
        return Households([], workers, roster)
    require(session, Permission.PRINT_PERSONAL)
    stmt = (
        select(
            Household.id,
            Household.code,
            Household.address_code,
            Household.unit,
            Household.room,
            Building.number,
            Household.grid_id,
            Grid.code,
            Grid.name,
        )
        .join(Building, Household.building_id == Building.id)
        .outerjoin(Grid, Household.grid_id == Grid.id)
        .where(Household.deleted_at.is_(None), scope.household_clause(session))
    )
    if target.kind == "grid":
        grid = _resolve_grid(session, target.value)
        scope.check_grid(session, grid_id=grid.id)
        stmt = stmt.where(Household.grid_id == grid.id)
    elif target.kind == "building":
        stmt = stmt.where(Household.building_id == _resolve_building(session, target.value).id)
    elif target.kind == "tag":
        tag = _resolve_tag(session, target.value)
        stmt = stmt.where(
            Household.id.in_(
                select(Resident.household_id).where(
                    Resident.deleted_at.is_(None),
                    Resident.status == "active",
                    Resident.tags.like(f"%,{tag},%"),
                )
            )
        )
    conn = session.connection()
    if target.kind == "households":
        ids = _household_ids(session, target.households)
        if not ids:
            raise InvalidInput("没有选定住户。", "No households were chosen.")
        rows: list[Any] = []
        for chunk in _chunks(ids, 900):
            rows.extend(conn.execute(stmt.where(Household.id.in_(chunk))).all())
    else:
        rows = list(conn.execute(stmt).all())
    if not rows:
        raise InvalidInput(
            f"{target.describe()}没有住户，未生成通知。",
            f"No households in the target ({target.kind} {target.value}); nothing was printed.",
        )
    wanted = {r[0] for r in rows}
    heads: dict[int, str] = {}
    counts: dict[int, int] = {}
    few = len(wanted) <= 500
    head_stmt = select(Resident.household_id, Resident.name).where(
        Resident.deleted_at.is_(None), Resident.is_head
    )
    count_stmt = (
        select(Resident.household_id, func.count())
        .where(Resident.deleted_at.is_(None), Resident.status == "active")
        .group_by(Resident.household_id)
    )
    if few:
        head_stmt = head_stmt.where(Resident.household_id.in_(wanted))
        count_stmt = count_stmt.where(Resident.household_id.in_(wanted))
    for hid, name in conn.execute(head_stmt):
        if hid in wanted:
            heads[hid] = name
    for hid, n in conn.execute(count_stmt):
        if hid in wanted:
            counts[hid] = n
    buildings: dict[str, tuple[Any, ...]] = {}
    keyed = []
    for r in rows:
        b = buildings.get(r[5])
        if b is None:
            b = buildings[r[5]] = _natural(r[5])
        room = r[4]
        keyed.append(((b, r[3], (int(room),) if room.isdigit() else _natural(room)), r))
    keyed.sort(key=lambda pair: pair[0])
    out = [
        HouseholdInfo(
            id=r[0],
            code=r[1],
            address_code=r[2],
            address=f"{r[5]}栋{r[3]}单元{r[4]}室",
            head=mask_name(heads.get(r[0])),
            members=counts.get(r[0], 0),
            grid_id=r[6],
            grid_code=r[7],
            grid_name=r[8],
        )
        for _key, r in keyed
    ]
    return Households(out, workers, roster)


MAX_WORKERS_SHOWN = 2


def grid_workers(session: Session) -> tuple[dict[int, GridWorker], bool]:
    """Each grid's workers from the roster of people on duty (网格员; a grid with none shows its
    网格长), and whether the roster holds any grid worker at all. Up to two names are shown, with
    the phones recorded for them; a grid with none recorded is left blank on the notices."""
    rows = session.execute(
        select(DutyPerson.grid_id, DutyPerson.role, DutyPerson.name, DutyPerson.phone)
        .where(
            DutyPerson.deleted_at.is_(None),
            DutyPerson.status == "active",
            DutyPerson.grid_id.is_not(None),
            DutyPerson.role.in_(("grid_worker", "grid_leader")),
        )
        .order_by(DutyPerson.id)
    ).all()
    per: dict[int, dict[str, list[tuple[str, str | None]]]] = {}
    for grid_id, role, name, phone in rows:
        per.setdefault(grid_id, {}).setdefault(role, []).append((name, phone))
    out: dict[int, GridWorker] = {}
    for grid_id, roles in per.items():
        people = (roles.get("grid_worker") or roles.get("grid_leader") or [])[:MAX_WORKERS_SHOWN]
        phones = [p for _n, p in people if p]
        out[grid_id] = GridWorker("、".join(n for n, _p in people), "、".join(phones) or None)
    return out, bool(rows)


@dataclass(frozen=True)
class TargetChoices:
    """What the window offers to print for, and the office's name and phone."""

    grids: list[tuple[str, str]]  # (code, name)
    buildings: list[str]
    tags: list[str]
    community: str
    community_phone: str | None


def target_choices(session: Session) -> TargetChoices:
    grids = [
        (c, n)
        for c, n in session.execute(
            select(Grid.code, Grid.name).where(Grid.deleted_at.is_(None)).order_by(Grid.code)
        )
    ]
    buildings = sorted(
        session.scalars(select(Building.number).where(Building.deleted_at.is_(None))),
        key=_natural,
    )
    tags = list(session.scalars(select(Tag.name).order_by(Tag.position, Tag.name)))
    office = session.get(Office, 1)
    return TargetChoices(
        grids,
        buildings,
        tags,
        office.name if office else "",
        office.phone if office else None,
    )


__all__ = ["HouseholdInfo", "Target", "find_households"]
