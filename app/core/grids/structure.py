"""The grid structure: community → grids → buildings → units → households (一网多格).

Grids are created, renamed and (when empty) removed; buildings are named by ranges as staff write
them, `1-3,7`. Every household is in exactly one grid (`household.grid_id`) or counted as
unassigned, never hidden; moving households between grids, merging and splitting grids is in
`assignment`. Here too: what each grid holds (buildings, households, a household's grid history).

Also the coverage of each grid: households, residents, vulnerable residents, the people on duty
there, residents per person on duty, and grids above the configured ratio flagged.

A grid worker sees their own grids only (app.core.trust.scope): the list and coverage hold their
grids, the households listed are theirs, and another grid's households are refused.

Every operation takes a Session and plain values. A refusal (overlapping ranges, an unknown
building or grid, …) raises `InvalidInput` in Chinese and English before anything is written.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Select,
    and_,
    func,
    or_,
    select,
    true,
    update,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from app.core.registry import address
from app.core.trust import scope
from app.db.base import utcnow
from app.db.models import Building, Grid, Household, Resident, Setting, Tag
from app.db.models_grids import DutyPerson, GridAssignment
from app.errors import InvalidInput

MAX_RANGE_SPAN = 2000
MAX_GRID_NAME = 100
_GRID_CODE = re.compile(r"^[A-Z0-9][A-Z0-9_-]{0,19}$")
_SEPARATORS = re.compile(r"[,，、;；\s]+")
_RANGE = re.compile(r"^(.+?)(?:-|~|～|—|–|至|到)(.+)$")
_LEADING_NUMBER = re.compile(r"^(\d+)")
# a chunk of ids bound into one IN (…): well under SQLite's 32,766 variables
CHUNK = 30_000

RATIO_SETTING = "grids.max_residents_per_worker"
DEFAULT_MAX_RESIDENTS_PER_WORKER = 500
LIVE_HOUSEHOLD = Household.deleted_at.is_(None)
# what a grid worker may not change (app.core.trust.scope.whole_register): the grids themselves
GRIDS = ("网格的划分", "the grids themselves")
ACTIVE_RESIDENT = (Resident.deleted_at.is_(None), Resident.status == "active")


# --- grids --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GridRow:
    id: int
    code: str
    name: str
    notes: str | None
    households: int
    buildings: int


def normalise_grid_code(code: str) -> str:
    """G01 / g01 / Ｇ０１ → G01; refused when it is not 1-20 letters, digits, - or _."""
    value = unicodedata.normalize("NFKC", code or "").strip().upper()
    if not _GRID_CODE.match(value):
        raise InvalidInput(
            f"网格编号应为 1 至 20 位字母、数字、“-”或“_”：{code!r}",
            f"A grid code is 1-20 letters, digits, '-' or '_': {code!r}",
        )
    return value


def _clean_name(name: str) -> str:
    value = unicodedata.normalize("NFKC", name or "").strip()
    if not value or len(value) > MAX_GRID_NAME:
        raise InvalidInput(
            f"网格名称不能为空，且不超过 {MAX_GRID_NAME} 字。",
            f"A grid name must be 1-{MAX_GRID_NAME} characters.",
        )
    return value


def get_grid(session: Session, code: str) -> Grid:
    """The live grid with this code; `InvalidInput` naming the grids there are if none."""
    wanted = unicodedata.normalize("NFKC", code or "").strip().upper()
    grid = session.scalar(select(Grid).where(Grid.code == wanted, Grid.deleted_at.is_(None)))
    if grid is None:
        known = list(
            session.scalars(select(Grid.code).where(Grid.deleted_at.is_(None)).order_by(Grid.code))
        )
        listed = "、".join(known[:20]) + ("…" if len(known) > 20 else "")
        raise InvalidInput(
            f"没有编号为 {code} 的网格" + (f"（现有：{listed}）" if known else "（还没有网格）"),
            f"No grid with code {code}"
            + (f" (there are: {', '.join(known[:20])})" if known else " (there are no grids yet)"),
        )
    return grid


def list_grids(session: Session) -> list[GridRow]:
    own = scope.household_clause(session)
    households = dict(
        session.execute(
            select(Household.grid_id, func.count())
            .where(LIVE_HOUSEHOLD, Household.grid_id.is_not(None), own)
            .group_by(Household.grid_id)
        )
        .tuples()
        .all()
    )
    buildings = dict(
        session.execute(
            select(Household.grid_id, func.count(func.distinct(Household.building_id)))
            .where(LIVE_HOUSEHOLD, Household.grid_id.is_not(None), own)
            .group_by(Household.grid_id)
        )
        .tuples()
        .all()
    )
    return [
        GridRow(g.id, g.code, g.name, g.notes, households.get(g.id, 0), buildings.get(g.id, 0))
        for g in session.scalars(
            select(Grid).where(Grid.deleted_at.is_(None), _own_grids(session)).order_by(Grid.code)
        )
    ]


def _own_grids(session: Session) -> ColumnElement[bool]:
    """The grids the user sees: every grid, or a grid worker's own (app.core.trust.scope)."""
    ids = scope.grid_ids(session)
    return Grid.id.in_(sorted(ids)) if ids is not None else true()


def create_grid(session: Session, code: str, name: str, notes: str | None = None) -> Grid:
    scope.whole_register(session, GRIDS)
    code = normalise_grid_code(code)
    name = _clean_name(name)
    if session.scalar(select(Grid.id).where(Grid.code == code, Grid.deleted_at.is_(None))):
        raise InvalidInput(f"网格编号 {code} 已存在。", f"Grid code {code} exists already.")
    grid = Grid(code=code, name=name, notes=(notes or "").strip() or None)
    session.add(grid)
    session.flush()
    return grid


def rename_grid(
    session: Session,
    code: str,
    name: str | None = None,
    new_code: str | None = None,
    notes: str | None = None,
) -> Grid:
    """Change a grid's name (and its code, or notes); its households stay where they are."""
    scope.whole_register(session, GRIDS)
    grid = get_grid(session, code)
    if new_code is not None:
        wanted = normalise_grid_code(new_code)
        if wanted != grid.code:
            if session.scalar(
                select(Grid.id).where(Grid.code == wanted, Grid.deleted_at.is_(None))
            ):
                raise InvalidInput(
                    f"网格编号 {wanted} 已存在。", f"Grid code {wanted} exists already."
                )
            grid.code = wanted
    if name is not None:
        grid.name = _clean_name(name)
    if notes is not None:
        grid.notes = notes.strip() or None
    session.flush()
    return grid


def remove_grid(session: Session, code: str, reason: str | None = None) -> None:
    """Tombstone an empty grid (no households, no buildings, no people on duty or duties)."""
    scope.whole_register(session, GRIDS)
    grid = get_grid(session, code)
    households = session.scalar(
        select(func.count())
        .select_from(Household)
        .where(LIVE_HOUSEHOLD, Household.grid_id == grid.id)
    )
    if households:
        raise InvalidInput(
            f"网格 {grid.code} 还有 {households} 户，不能删除；请先把它们分到其他网格，或与其他网格合并。",
            f"Grid {grid.code} still holds {households} households; assign them elsewhere or "
            "merge the grid first.",
        )
    people = session.scalar(
        select(func.count())
        .select_from(DutyPerson)
        .where(DutyPerson.grid_id == grid.id, DutyPerson.deleted_at.is_(None))
    )
    if people:
        raise InvalidInput(
            f"网格 {grid.code} 还有 {people} 名在岗人员，不能删除；请先调整他们的网格。",
            f"Grid {grid.code} still has {people} people on duty; move them first.",
        )
    session.execute(
        update(Building)
        .where(Building.grid_id == grid.id, Building.deleted_at.is_(None))
        .values(grid_id=None)
    )
    grid.deleted_at = utcnow()
    grid.delete_reason = reason or "removed"
    session.flush()


# --- building ranges ----------------------------------------------------------------------------


@dataclass(frozen=True)
class RangeToken:
    """One part of a range spec as written (`1-3` or `7`), with what it stands for."""

    text: str
    low: int | None  # a numeric range low..high, or
    high: int | None
    number: str | None  # one building by its number (7, 12A)

    def covers(self, number: str) -> bool:
        if self.number is not None:
            return number == self.number
        lead = _LEADING_NUMBER.match(number)
        assert self.low is not None and self.high is not None
        return lead is not None and self.low <= int(lead.group(1)) <= self.high


def _number_part(text: str, spec: str) -> str:
    number = address.building_number(text)
    if number is None:
        raise InvalidInput(
            f"无法识别楼栋号“{text}”（应为 1-3,7 这样的写法）：{spec}",
            f"Not a building number: '{text}' (write ranges like 1-3,7): {spec}",
        )
    return number


def parse_building_ranges(spec: str) -> list[RangeToken]:
    """`1-3,7` / `1～3、7栋` / `12A` → tokens; overlapping or reversed ranges are refused."""
    value = unicodedata.normalize("NFKC", spec or "").strip()
    if not value:
        raise InvalidInput("没有写楼栋（例如 1-3,7）。", "No buildings given (e.g. 1-3,7).")
    tokens: list[RangeToken] = []
    for part in (p for p in _SEPARATORS.split(value) if p):
        m = _RANGE.match(part)
        if m:
            low_text, high_text = _number_part(m.group(1), spec), _number_part(m.group(2), spec)
            if not (low_text.isdigit() and high_text.isdigit()):
                raise InvalidInput(
                    f"范围的两端应为数字楼号：{part}",
                    f"Both ends of a range must be numbered buildings: {part}",
                )
            low, high = int(low_text), int(high_text)
            if low > high:
                raise InvalidInput(
                    f"范围 {part} 的起点大于终点，应写成 {high}-{low}。",
                    f"The range {part} runs backwards; write {high}-{low}.",
                )
            if high - low > MAX_RANGE_SPAN:
                raise InvalidInput(
                    f"范围 {part} 过大（超过 {MAX_RANGE_SPAN} 栋）。",
                    f"The range {part} is too large (more than {MAX_RANGE_SPAN} buildings).",
                )
            tokens.append(RangeToken(part, low, high, None))
        else:
            tokens.append(RangeToken(part, None, None, _number_part(part, spec)))
    _refuse_overlaps(tokens)
    return tokens


def _refuse_overlaps(tokens: Sequence[RangeToken]) -> None:
    for i, a in enumerate(tokens):
        for b in tokens[i + 1 :]:
            shared = _shared(a, b)
            if shared:
                raise InvalidInput(
                    f"楼栋范围重叠：“{a.text}”与“{b.text}”都包含 {shared}，请每栋只写一次。",
                    f"Overlapping building ranges: '{a.text}' and '{b.text}' both include "
                    f"{shared}; name each building once.",
                )


def _shared(a: RangeToken, b: RangeToken) -> str | None:
    if a.number is not None and b.number is not None:
        return a.number if a.number == b.number else None
    if a.number is not None:
        return a.number if b.covers(a.number) else None
    if b.number is not None:
        return b.number if a.covers(b.number) else None
    assert a.low is not None and a.high is not None and b.low is not None and b.high is not None
    low, high = max(a.low, b.low), min(a.high, b.high)
    if low > high:
        return None
    return str(low) if low == high else f"{low}-{high}"


def natural_key(number: str) -> tuple[int, str]:
    lead = _LEADING_NUMBER.match(number)
    return (int(lead.group(1)) if lead else 1 << 30, number)


@dataclass(frozen=True)
class ResolvedBuildings:
    ids: list[int]
    numbers: list[str]
    gaps: list[str]  # numbers inside a range with no building (e.g. no building 4): skipped


def resolve_buildings(session: Session, spec: str | Sequence[RangeToken]) -> ResolvedBuildings:
    """The live buildings a spec names. A single number or either end of a range that is not a
    building is refused; numbers missing inside a range (no building 4) are skipped and listed."""
    tokens = parse_building_ranges(spec) if isinstance(spec, str) else list(spec)
    by_number = dict(
        session.execute(select(Building.number, Building.id).where(Building.deleted_at.is_(None)))
        .tuples()
        .all()
    )
    unknown: list[str] = []
    chosen: dict[str, int] = {}
    gaps: list[str] = []
    for t in tokens:
        if t.number is not None:
            if t.number in by_number:
                chosen[t.number] = by_number[t.number]
            else:
                unknown.append(t.number)
            continue
        assert t.low is not None and t.high is not None
        for end in {str(t.low), str(t.high)}:
            if end not in by_number:
                unknown.append(end)
        for number, bid in by_number.items():
            if t.covers(number):
                chosen[number] = bid
        present = {int(m.group(1)) for n in chosen if (m := _LEADING_NUMBER.match(n))}
        gaps.extend(str(n) for n in range(t.low, t.high + 1) if n not in present)
    if unknown:
        listed = "、".join(sorted(set(unknown), key=natural_key))
        raise InvalidInput(
            f"没有这些楼栋：{listed}。请核对楼栋号（住户页可查看全部楼栋）。",
            f"No such buildings: {', '.join(sorted(set(unknown), key=natural_key))}. "
            "Check the building numbers.",
        )
    numbers = sorted(chosen, key=natural_key)
    return ResolvedBuildings([chosen[n] for n in numbers], numbers, gaps)


# --- finding households (also for `assignment`) -------------------------------------------------


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _codes(session: Session) -> dict[int, str]:
    return dict(session.execute(select(Grid.id, Grid.code)).tuples().all())


def find_households(session: Session, refs: Sequence[int | str]) -> list[int]:
    """Household ids from ids, household codes (H000123) or address codes (3-2-502, 3栋2单元502);
    any that is not a live household is refused, all named at once."""
    ids: set[int] = set()
    codes: dict[str, str] = {}
    addresses: dict[str, str] = {}
    for ref in refs:
        if isinstance(ref, int):
            ids.add(ref)
            continue
        text = unicodedata.normalize("NFKC", ref).strip().upper()
        parsed = address.parse(text)
        if parsed is not None:
            addresses[parsed.code] = ref
        else:
            codes[text] = ref
    unknown: list[str] = []
    if ids:
        found = set(
            session.scalars(select(Household.id).where(Household.id.in_(ids), LIVE_HOUSEHOLD))
        )
        unknown += [str(i) for i in sorted(ids - found)]
        ids = found
    if codes:
        got = dict(
            session.execute(
                select(Household.code, Household.id).where(
                    Household.code.in_(list(codes)), LIVE_HOUSEHOLD
                )
            )
            .tuples()
            .all()
        )
        unknown += [codes[c] for c in codes if c not in got]
        ids |= set(got.values())
    if addresses:
        got = dict(
            session.execute(
                select(Household.address_code, Household.id).where(
                    Household.address_code.in_(list(addresses)), LIVE_HOUSEHOLD
                )
            )
            .tuples()
            .all()
        )
        unknown += [addresses[a] for a in addresses if a not in got]
        ids |= set(got.values())
    if unknown:
        raise InvalidInput(
            f"没有这些住户：{'、'.join(unknown[:20])}" + ("…" if len(unknown) > 20 else ""),
            f"No such households: {', '.join(unknown[:20])}" + ("…" if len(unknown) > 20 else ""),
        )
    return sorted(ids)


# --- looking -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BuildingRow:
    id: int
    number: str
    units: int
    floors: int
    grid_code: str | None  # the building's grid
    households: int
    by_grid: dict[str, int]  # grid code ("" for unassigned) → households

    @property
    def unassigned(self) -> int:
        return self.by_grid.get("", 0)

    @property
    def mixed(self) -> bool:
        return len(self.by_grid) > 1


def buildings_overview(session: Session, grid_code: str | None = None) -> list[BuildingRow]:
    """Every live building with its households per grid (or those with households in one grid);
    a grid worker's overview holds the buildings of their grids' households."""
    if grid_code is not None:
        scope.check_grid(session, grid_code)
    codes = _codes(session)
    own = scope.grid_codes(session)
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for bid, gid, n in session.execute(
        select(Household.building_id, Household.grid_id, func.count())
        .where(LIVE_HOUSEHOLD)
        .group_by(Household.building_id, Household.grid_id)
    ):
        counts[bid][codes.get(gid, "") if gid is not None else ""] = n
    rows = []
    for b in session.execute(
        select(
            Building.id, Building.number, Building.units, Building.floors, Building.grid_id
        ).where(Building.deleted_at.is_(None))
    ):
        by_grid = counts.get(b.id, {})
        code = codes.get(b.grid_id) if b.grid_id is not None else None
        if grid_code is not None and grid_code not in by_grid and code != grid_code:
            continue
        if own is not None:
            by_grid = {c: n for c, n in by_grid.items() if c in own}
            if not by_grid and code not in own:
                continue
        rows.append(
            BuildingRow(
                b.id, b.number, b.units, b.floors, code, sum(by_grid.values()), dict(by_grid)
            )
        )
    rows.sort(key=lambda r: natural_key(r.number))
    return rows


@dataclass(frozen=True)
class HouseholdRow:
    id: int
    code: str
    address_code: str
    building: str
    unit: int
    room: str
    grid_code: str | None
    head: str | None
    members: int
    phone: str | None  # the household's, else its head's
    vulnerable: list[str]  # "张三（独居老人、慢性病）"


def _household_query(session: Session, where: ColumnElement[bool]) -> Select[Any]:
    return (
        select(
            Household.id,
            Household.code,
            Household.address_code,
            Building.number,
            Household.unit,
            Household.room,
            Household.grid_id,
            Household.phone,
        )
        .join(Building, Building.id == Household.building_id)
        .where(where, LIVE_HOUSEHOLD)
    )


def household_rows(
    session: Session, where: ColumnElement[bool], limit: int | None = None
) -> list[HouseholdRow]:
    """Households with their head, members and vulnerable people, in address order (a grid
    worker's: those of their grids; a viewer is refused)."""
    scope.personal(session)
    query = _household_query(session, and_(where, scope.household_clause(session)))
    rows = list(session.execute(query))
    rows.sort(key=lambda r: (natural_key(r.number), r.unit, natural_key(r.room)))
    if limit is not None:
        rows = rows[:limit]
    ids = [r.id for r in rows]
    heads: dict[int, str] = {}
    head_phones: dict[int, str] = {}
    members: dict[int, int] = defaultdict(int)
    vulnerable: dict[int, list[str]] = defaultdict(list)
    wanted = set(vulnerable_tag_names(session))
    for chunk in _chunks(ids):
        for hid, name, is_head, tags, phone in session.execute(
            select(
                Resident.household_id,
                Resident.name,
                Resident.is_head,
                Resident.tags,
                Resident.phone,
            ).where(Resident.household_id.in_(chunk), *ACTIVE_RESIDENT)
        ):
            members[hid] += 1
            if is_head:
                heads[hid] = name
                if phone:
                    head_phones[hid] = phone
            hit = [t for t in tags.strip(",").split(",") if t in wanted] if tags else []
            if hit:
                vulnerable[hid].append(f"{name}（{'、'.join(hit)}）")
    codes = _codes(session)
    return [
        HouseholdRow(
            r.id,
            r.code,
            r.address_code,
            r.number,
            r.unit,
            r.room,
            codes.get(r.grid_id) if r.grid_id is not None else None,
            heads.get(r.id),
            members.get(r.id, 0),
            r.phone or head_phones.get(r.id),
            vulnerable.get(r.id, []),
        )
        for r in rows
    ]


def unassigned_households(
    session: Session, limit: int | None = 500
) -> tuple[int, list[HouseholdRow]]:
    """How many live households are in no grid, and (up to `limit` of) them (none is a grid
    worker's)."""
    if not scope.sees_all(session):
        return 0, []
    total = (
        session.scalar(
            select(func.count())
            .select_from(Household)
            .where(LIVE_HOUSEHOLD, Household.grid_id.is_(None))
        )
        or 0
    )
    if limit == 0 or total == 0:
        return total, []
    return total, household_rows(session, Household.grid_id.is_(None), limit)


def building_households(session: Session, building_id: int) -> list[HouseholdRow]:
    return household_rows(session, Household.building_id == building_id)


@dataclass(frozen=True)
class HistoryRow:
    grid_code: str
    grid_name: str
    started_at: datetime
    ended_at: datetime | None
    how: str
    actor: str
    note: str | None


def household_history(session: Session, household: int | str) -> tuple[str, list[HistoryRow]]:
    """The address of a household and the grids it was in, oldest first; each period ends when
    the next begins (the last one: now)."""
    [hid] = find_households(session, [household])
    scope.check_household(session, hid)
    h = session.get(Household, hid)
    assert h is not None
    grids = {g.id: g for g in session.scalars(select(Grid))}
    found = list(
        session.scalars(
            select(GridAssignment)
            .where(GridAssignment.household_id == hid)
            .order_by(GridAssignment.id)  # in the order the moves were made
        )
    )
    if h.grid_id is not None and (not found or found[-1].grid_id != h.grid_id):
        since = h.updated_at if found else h.created_at
        found.append(
            GridAssignment(grid_id=h.grid_id, started_at=since, how="recorded", actor="", note=None)
        )
    rows = []
    for i, a in enumerate(found):
        g = grids[a.grid_id]
        ended = found[i + 1].started_at if i + 1 < len(found) else None
        rows.append(HistoryRow(g.code, g.name, a.started_at, ended, a.how, a.actor, a.note))
    return h.address_code, rows


# --- coverage -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class GridCoverage:
    id: int
    code: str
    name: str
    households: int
    residents: int
    vulnerable: int
    workers: int
    by_role: dict[str, int]
    buildings: int
    max_residents_per_worker: int

    @property
    def residents_per_worker(self) -> float | None:
        return self.residents / self.workers if self.workers else None

    @property
    def flagged(self) -> bool:
        """Too thin: nobody on duty for its residents, or more residents per person than allowed."""
        if self.residents == 0:
            return False
        per = self.residents_per_worker
        return per is None or per > self.max_residents_per_worker

    def as_json(self) -> dict[str, Any]:
        per = self.residents_per_worker
        return {
            "code": self.code,
            "name": self.name,
            "households": self.households,
            "residents": self.residents,
            "vulnerable": self.vulnerable,
            "workers": self.workers,
            "workers_by_role": self.by_role,
            "buildings": self.buildings,
            "residents_per_worker": round(per, 1) if per is not None else None,
            "flagged": self.flagged,
        }


@dataclass(frozen=True)
class Coverage:
    grids: list[GridCoverage]
    unassigned_households: int
    unassigned_residents: int
    unassigned_vulnerable: int
    max_residents_per_worker: int
    on: date

    @property
    def flagged(self) -> list[GridCoverage]:
        return [g for g in self.grids if g.flagged]

    def as_json(self) -> dict[str, Any]:
        return {
            "grids": [g.as_json() for g in self.grids],
            "unassigned_households": self.unassigned_households,
            "unassigned_residents": self.unassigned_residents,
            "unassigned_vulnerable": self.unassigned_vulnerable,
            "max_residents_per_worker": self.max_residents_per_worker,
            "flagged": [g.code for g in self.flagged],
            "date": self.on.isoformat(),
        }


def vulnerable_tag_names(session: Session) -> list[str]:
    return list(session.scalars(select(Tag.name).where(Tag.vulnerable).order_by(Tag.position)))


def max_residents_per_worker(session: Session) -> int:
    row = session.get(Setting, RATIO_SETTING)
    try:
        value = int(row.value) if row else DEFAULT_MAX_RESIDENTS_PER_WORKER
    except ValueError:
        value = DEFAULT_MAX_RESIDENTS_PER_WORKER
    return value if value > 0 else DEFAULT_MAX_RESIDENTS_PER_WORKER


def set_max_residents_per_worker(session: Session, value: int) -> None:
    scope.whole_register(session, GRIDS)
    if not 1 <= value <= 1_000_000:
        raise InvalidInput(
            f"每人服务居民数的上限应在 1 到 1,000,000 之间：{value}",
            f"The residents-per-worker limit must be 1 to 1,000,000: {value}",
        )
    row = session.get(Setting, RATIO_SETTING)
    if row is None:
        session.add(Setting(key=RATIO_SETTING, value=str(value)))
    else:
        row.value = str(value)
    session.flush()


def active_on(on: date) -> ColumnElement[bool]:
    """People on the roster on a day: active, and within their posting if it has dates."""
    return and_(
        DutyPerson.deleted_at.is_(None),
        DutyPerson.status == "active",
        or_(DutyPerson.posting_start.is_(None), DutyPerson.posting_start <= on),
        or_(DutyPerson.posting_end.is_(None), DutyPerson.posting_end >= on),
    )


def coverage(session: Session, on: date | None = None, limit: int | None = None) -> Coverage:
    """Per grid: households, residents, vulnerable residents, people on duty (on `on`, default
    today), residents per person; grids above the configured ratio are flagged.

    Residents and vulnerable residents come from one GROUP BY over (grid, tag combination): each
    distinct combination of tags is split once, not each resident's."""
    on = on or date.today()
    limit = limit or max_residents_per_worker(session)
    sees_all = scope.sees_all(session)
    wanted = set(vulnerable_tag_names(session))
    households = dict(
        session.execute(
            select(Household.grid_id, func.count())
            .where(LIVE_HOUSEHOLD)
            .group_by(Household.grid_id)
        )
        .tuples()
        .all()
    )
    buildings = dict(
        session.execute(
            select(Household.grid_id, func.count(func.distinct(Household.building_id)))
            .where(LIVE_HOUSEHOLD)
            .group_by(Household.grid_id)
        )
        .tuples()
        .all()
    )
    residents: dict[int | None, int] = defaultdict(int)
    vulnerable: dict[int | None, int] = defaultdict(int)
    hit_cache: dict[str, bool] = {}
    for gid, tags, n in session.execute(
        select(Household.grid_id, Resident.tags, func.count())
        .select_from(Resident)
        .join(Household, Household.id == Resident.household_id)
        .where(*ACTIVE_RESIDENT, LIVE_HOUSEHOLD)
        .group_by(Household.grid_id, Resident.tags)
    ):
        residents[gid] += n
        if tags:
            hit = hit_cache.get(tags)
            if hit is None:
                hit = hit_cache[tags] = any(t in wanted for t in tags.split(","))
            if hit:
                vulnerable[gid] += n
    by_role: dict[int, dict[str, int]] = defaultdict(dict)
    for gid, role, n in session.execute(
        select(DutyPerson.grid_id, DutyPerson.role, func.count())
        .where(active_on(on), DutyPerson.grid_id.is_not(None))
        .group_by(DutyPerson.grid_id, DutyPerson.role)
    ):
        by_role[gid][role] = n
    grids = [
        GridCoverage(
            id=g.id,
            code=g.code,
            name=g.name,
            households=households.get(g.id, 0),
            residents=residents.get(g.id, 0),
            vulnerable=vulnerable.get(g.id, 0),
            workers=sum(by_role.get(g.id, {}).values()),
            by_role=dict(by_role.get(g.id, {})),
            buildings=buildings.get(g.id, 0),
            max_residents_per_worker=limit,
        )
        for g in session.execute(
            select(Grid.id, Grid.code, Grid.name)
            .where(Grid.deleted_at.is_(None), _own_grids(session))
            .order_by(Grid.code)
        )
    ]
    return Coverage(
        grids=grids,
        unassigned_households=households.get(None, 0) if sees_all else 0,
        unassigned_residents=residents.get(None, 0) if sees_all else 0,
        unassigned_vulnerable=vulnerable.get(None, 0) if sees_all else 0,
        max_residents_per_worker=limit,
        on=on,
    )
