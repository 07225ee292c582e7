"""The plan of a roster import: the households and people of the file matched against what the
database holds (`match_existing`), deciding for each one whether it is new, changed or unchanged, and the
rows to write (`Plan`). Nothing is written here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.registry.roster_reading import Layout, Problem
from app.core.registry.roster_rows import Group, Person
from app.core.registry.vocabulary import HEAD
from app.db.models import (
    Building,
    Household,
    Resident,
    Tag,
    join_tags,
    split_tags,
)


@dataclass
class Plan:
    """What an import would do; nothing has been written."""

    path: Path
    sheet: str
    layout: Layout
    rows_read: int
    groups: list[Group]
    rejected: list[Problem]
    warnings: list[Problem]
    residents_added: int = 0
    residents_updated: int = 0
    households_added: int = 0
    buildings_added: list[str] = field(default_factory=list)
    # filled by analyse(): what to write
    new_households: list[dict[str, Any]] = field(default_factory=list)
    new_residents: list[dict[str, Any]] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)
    head_changes: list[tuple[int, int]] = field(default_factory=list)  # (household id, resident id)
    new_tags: list[str] = field(default_factory=list)
    new_buildings: list[dict[str, Any]] = field(default_factory=list)
    # the header and the rejected rows as the file has them (merged cells filled in), by row
    # number, for `roster_rejected.write_rejected`: only these, not the whole table, outlive analyse
    source_header: list[Any] = field(default_factory=list)
    source_rows: dict[int, list[Any]] = field(default_factory=dict)
    # the state of the database the plan was made against (`data_version`): the ids it took and
    # the matches it found hold only while nobody else has written since
    version: tuple[int, ...] = ()

    def report(self, lang: str = "zh") -> dict[str, Any]:
        return {
            "file": str(self.path),
            "sheet": self.sheet,
            "header_row": self.layout.header_row + 1,
            "columns": self.layout.describe(),
            "rows_read": self.rows_read,
            "residents_added": self.residents_added,
            "residents_updated": self.residents_updated,
            "households_added": self.households_added,
            "buildings_added": self.buildings_added,
            "rejected": [p.as_json(lang) for p in self.rejected],
            "warnings": [p.as_json(lang) for p in self.warnings],
        }

    @property
    def changes_anything(self) -> bool:
        return bool(self.new_residents or self.updates or self.new_households or self.head_changes)


# --- matching with what is already there --------------------------------------------------------


_COMPARED = (
    "name",
    "gender",
    "birth_date",
    "phone",
    "relation",
    "residency",
    "status",
    "doc_type",
    "doc_number",
    "notes",
)


@dataclass
class _Matching:
    """What the database holds that the file is matched against, read once before the first
    group, and kept up to date as the plan adds households, residents, buildings and tags (the
    next ids and codes are the plan's own: nothing is written while it is made)."""

    existing: dict[str, Any]  # id number → the live resident
    without_id: dict[tuple[int, str], Any]  # (household, name) → the live resident without one
    address_ids: dict[str, int]  # address code → household (the first, as before)
    code_ids: dict[str, int]  # household code → household
    buildings: dict[str, tuple[int, int | None]]  # number → (building, grid)
    known_tags: set[str]
    heads_now: dict[int, int]  # household → its head
    next_household: int
    next_resident: int
    next_code: int  # of the next H000123 household code
    new_buildings: dict[str, dict[str, Any]] = field(default_factory=dict)
    updated_ids: set[int] = field(default_factory=set)
    moved_out: set[int] = field(default_factory=set)  # known residents put in another household
    left_headless: dict[int, tuple[int, str]] = field(default_factory=dict)  # household → its
    # head's (row, name) when that head leaves it


def match_existing(session: Session, plan: Plan) -> None:
    """Decide for each person and household: new, changed or unchanged."""
    known = _matching(session, plan)
    warn_no_head = "relation" in plan.layout.columns
    for g in plan.groups:
        household_id = _household_of(g, known, plan)
        if household_id is None:
            continue
        _match_members(g, household_id, known, plan, warn_no_head)
    _new_heads_for_left(session, plan, known.left_headless, known.moved_out)
    plan.residents_added = len(plan.new_residents)
    plan.new_tags.sort()
    plan.new_buildings = list(known.new_buildings.values())


def _matching(session: Session, plan: Plan) -> _Matching:
    """Read the residents the file may name (all of them when it names many: one pass over the
    index beats thousands of look-ups), the households, buildings, tags and heads."""
    cols = (
        Resident.id,
        Resident.household_id,
        Resident.id_number,
        Resident.is_head,
        Resident.tags,
        *[getattr(Resident, c) for c in _COMPARED],
    )
    live = Resident.deleted_at.is_(None)
    wanted_ids = [p.id_number for g in plan.groups for p in g.people if p.id_number]
    existing: dict[str, Any] = {}
    if len(wanted_ids) > 5000:  # one pass over the index beats thousands of look-ups
        for r in session.execute(select(*cols).where(live, Resident.id_number.is_not(None))):
            existing[r.id_number] = r
    else:
        for start in range(0, len(wanted_ids), 900):
            chunk = wanted_ids[start : start + 900]
            for r in session.execute(select(*cols).where(live, Resident.id_number.in_(chunk))):
                existing[r.id_number] = r
    # people without an ID number are matched by name within their household
    without_id: dict[tuple[int, str], Any] = {
        (r.household_id, r.name): r
        for r in session.execute(select(*cols).where(live, Resident.id_number.is_(None)))
    }
    address_ids: dict[str, int] = {}
    code_ids: dict[str, int] = {}
    for hid, address_code, code in session.execute(
        select(Household.id, Household.address_code, Household.code)
        .where(Household.deleted_at.is_(None))
        .order_by(Household.id)
    ):
        address_ids.setdefault(address_code, hid)
        code_ids[code] = hid
    buildings = {
        number: (bid, grid_id)
        for bid, number, grid_id in session.execute(
            select(Building.id, Building.number, Building.grid_id).where(
                Building.deleted_at.is_(None)
            )
        )
    }
    next_code = (
        max(
            (int(c[1:]) for c in code_ids if c[:1] == "H" and c[1:].isdigit()),
            default=0,
        )
        + 1
    )
    heads_now = dict(
        session.execute(select(Resident.household_id, Resident.id).where(Resident.is_head, live))
        .tuples()
        .all()
    )
    return _Matching(
        existing=existing,
        without_id=without_id,
        address_ids=address_ids,
        code_ids=code_ids,
        buildings=buildings,
        known_tags=set(session.scalars(select(Tag.name))),
        heads_now=heads_now,
        next_household=(session.scalar(select(func.max(Household.id))) or 0) + 1,
        next_resident=(session.scalar(select(func.max(Resident.id))) or 0) + 1,
        next_code=next_code,
    )


def _household_of(g: Group, known: _Matching, plan: Plan) -> int | None:
    """The household a group of the file is: the one its household code or (unless the file
    splits one address into several households, `#` in its key) its address names; else a new
    one, with its building when that is new too. None, with every member refused, when the
    group has an unknown household code and no address to make one at."""
    address_code = g.address.code if g.address is not None else None
    if g.household_code and g.household_code in known.code_ids:
        return known.code_ids[g.household_code]
    if address_code is not None and "#" not in g.key:
        found = known.address_ids.get(address_code)
        if found is not None:
            return found
    if g.address is None:
        for p in g.people:
            plan.rejected.append(
                Problem(
                    p.row,
                    "unknown_household",
                    f"户号 {g.household_code} 不存在，且没有住址",
                    f"Household code {g.household_code} unknown and no address given",
                )
            )
        return None
    number = g.address.building
    building = known.buildings.get(number)
    if building is None:
        spec = known.new_buildings.get(number)
        if spec is None:
            spec = {"number": number, "units": 1, "floors": 1}
            known.new_buildings[number] = spec
            plan.buildings_added.append(number)
        spec["units"] = max(spec["units"], g.address.unit)
        spec["floors"] = max(spec["floors"], _floor(g.address.room))
    code = g.household_code or f"H{known.next_code:06d}"
    if not g.household_code:
        known.next_code += 1
    household_id = known.next_household
    known.next_household += 1
    plan.new_households.append(
        {
            "id": household_id,
            "code": code,
            "building": number,
            "unit": g.address.unit,
            "room": g.address.room,
            "address_code": address_code,
            "grid_id": building[1] if building else None,
        }
    )
    plan.households_added += 1
    known.address_ids.setdefault(cast(str, address_code), household_id)
    known.code_ids[code] = household_id
    return household_id


def _match_members(
    g: Group, household_id: int, known: _Matching, plan: Plan, warn_no_head: bool
) -> None:
    """Each member of a group as a new resident or the changes to a known one, then the
    household's head: the one the file marks (the first, when it marks several), else the head
    it has, else its first member — so every household keeps exactly one."""
    head_id = known.heads_now.get(household_id)
    added_now: dict[int, dict[str, Any]] = {}
    file_head: int | None = None
    first_member: int | None = None
    for p in g.people:
        for t in p.tags:
            if t not in known.known_tags:
                known.known_tags.add(t)
                plan.new_tags.append(t)
        rid = _match_person(p, household_id, known, plan, added_now)
        if rid is None:
            continue
        if first_member is None:
            first_member = rid
        if p.is_head and file_head is None:
            file_head = rid
        elif p.is_head:
            plan.warnings.append(
                Problem(
                    p.row,
                    "several_heads",
                    "同一户中有多个户主，只保留第一个",
                    "Several heads in one household; the first is kept",
                )
            )
    if head_id is None and file_head is None and warn_no_head and g.people:
        plan.warnings.append(
            Problem(
                g.people[0].row,
                "no_head",
                "此户没有标明户主，已将第一位成员设为户主",
                "No head marked for this household; the first member was made head",
            )
        )
    wanted_head = file_head or head_id or first_member
    if wanted_head is None or wanted_head == head_id:
        return
    if head_id is None and wanted_head in added_now:
        row = added_now[wanted_head]  # a new member heads it from the start
        row["is_head"] = True
        row["relation"] = HEAD  # a relation is to the head: the head's own is 户主
        return
    plan.head_changes.append((household_id, wanted_head))
    if head_id is not None and wanted_head not in known.updated_ids:
        plan.residents_updated += 1


def _match_person(
    p: Person,
    household_id: int,
    known: _Matching,
    plan: Plan,
    added_now: dict[int, dict[str, Any]],
) -> int | None:
    """The resident id a person of the file is: a known one (by ID number, else by name in the
    household), with what changed planned; or a new one, planned in `added_now` too. None, with
    the row refused, for a second person of the same name without an ID number in a household."""
    old = (
        known.existing.get(p.id_number)
        if p.id_number
        else known.without_id.get((household_id, p.name))
    )
    if isinstance(old, _Seen):
        plan.rejected.append(
            Problem(
                p.row,
                "duplicate_in_file",
                f"与前面一行重复（同一户中同名且无身份证号）：{p.name}",
                f"Same name in the same household as an earlier row, no ID number: {p.name}",
            )
        )
        return None
    if old is None:
        rid = known.next_resident
        known.next_resident += 1
        added_now[rid] = row = _new_resident(rid, household_id, p)
        plan.new_residents.append(row)
        if not p.id_number:
            known.without_id[(household_id, p.name)] = _Seen(rid)
        return rid
    rid = old.id
    change = _changes(old, p, household_id)
    if "household_id" in change:
        known.moved_out.add(rid)
    if change.get("is_head") is False:
        known.left_headless.setdefault(old.household_id, (p.row, p.name))
    if change:
        plan.updates.append({"id": rid, **change})
        known.updated_ids.add(rid)
        plan.residents_updated += 1
    return int(rid)


def _new_heads_for_left(
    session: Session,
    plan: Plan,
    left: dict[int, tuple[int, str]],
    moved_out: set[int],
) -> None:
    """A head who moves to another flat leaves a household without one: the member who stays and
    is the head's spouse heads it, else the eldest (then the first registered) — with a warning
    naming both, so that every import leaves `check` passing. A household the file itself gives
    a head, or left empty, needs nothing."""
    headed = {h for h, _r in plan.head_changes}
    for household_id, (row, name) in sorted(left.items()):
        if household_id in headed:
            continue
        stays = [
            r
            for r in session.execute(
                select(Resident.id, Resident.name, Resident.relation, Resident.birth_date).where(
                    Resident.household_id == household_id,
                    Resident.deleted_at.is_(None),
                    Resident.is_head.is_(False),
                )
            )
            if r.id not in moved_out
        ]
        if not stays:
            continue
        chosen = min(
            stays,
            key=lambda r: (r.relation != "配偶", r.birth_date is None, r.birth_date, r.id),
        )
        plan.head_changes.append((household_id, chosen.id))
        plan.updates.append({"id": chosen.id, "relation": HEAD})
        plan.warnings.append(
            Problem(
                row,
                "head_moved",
                f"{name}原为另一户的户主，现迁入本户；原户改由 {chosen.name} 任户主",
                f"{name} headed another household and moved here; {chosen.name} now heads it",
            )
        )


@dataclass(frozen=True)
class _Seen:
    """A person added earlier in the same file (matched again by name within the household)."""

    id: int
    household_id: int = 0
    is_head: bool = False
    tags: str = ""


def _new_resident(rid: int, household_id: int, p: Person) -> dict[str, Any]:
    return {
        "id": rid,
        "household_id": household_id,
        "name": p.name,
        "gender": p.gender,
        "birth_date": p.birth_date,
        "id_number": p.id_number,
        "doc_type": p.doc_type,
        "doc_number": p.doc_number,
        "phone": p.phone,
        "relation": p.relation,
        "is_head": False,
        "residency": p.residency or "registered",
        "tags": _joined_tags(p.tags) if p.tags else "",
        "status": p.status or "active",
        "notes": p.notes,
    }


def _changes(old: Any, p: Person, household_id: int) -> dict[str, Any]:
    """What the file changes about a known resident. An empty cell never erases what is known."""
    change: dict[str, Any] = {}
    for key in _COMPARED:
        value = getattr(p, key)
        if value is not None and value != getattr(old, key):
            change[key] = value
    if p.tags:
        merged = set(p.tags) | set(split_tags(old.tags))
        if merged != set(split_tags(old.tags)):
            change["tags"] = join_tags(merged)
    if old.household_id != household_id:
        change["household_id"] = household_id
        if old.is_head:
            change["is_head"] = False
    return change


@lru_cache(maxsize=1024)
def _joined_tags(tags: tuple[str, ...]) -> str:
    return join_tags(tags)


@lru_cache(maxsize=8192)
def _floor(room: str) -> int:
    digits = re.sub(r"\D", "", room)
    return max(int(digits) // 100, 1) if digits else 1
