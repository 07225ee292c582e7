"""Importing a roster of residents (花名册) as a careful clerk would.

    table = spreadsheet.read_table(path, sheet)          # cells as typed, hostile files refused
    layout = roster_reading.find_layout(table)           # header row under titles, columns mapped
    plan = analyse(db, table, layout)                    # every problem, nothing written
    result = apply(db, plan, progress)                   # one transaction: all of it or nothing

This module holds the operations (`analyse`, `apply`, `import_roster`); their parts live beside it:
the cells and the layout in `roster_reading`, checking the rows into people and households in
`roster_rows`, matching them with the database into the `Plan` in `roster_plan`.

* The header row is the row among the first 30 that names most known columns (title rows and merged
  cells above it are skipped); columns are mapped by their usual names and the mapping can be
  corrected (`Layout.columns`).
* Cells are read as typed: an ID number stored as a number has lost its last digits in Excel and is
  rejected (`id_precision_lost`); a phone stored as a number becomes text without ".0"; full-width
  characters, zero-width and non-breaking spaces are normalised. A message quoting a cell quotes it
  as the sheet shows it (1, not 1.0) and masks any phone or ID number in it (`mask_numbers`).
* Totals, counts and signature lines under the roster (合计 | 10 人, 制表人：李四) are not people:
  they are skipped with a warning naming the row (`not_a_person`, see `roster_rows.footer_reason`).
* People are grouped into households by the 户主 rows, or by address when there is no relation
  column; a household with no 户主 row gets its first member as head (a warning says so), and a
  row without an address of its own that joins the household above is named
  (`address_from_row_above`).
* People are matched by ID number (without one: by name within the household), so importing the
  same file again adds nothing, and a changed row updates the resident (reported as updated).
* Rejected rows never block good ones; the report gives spreadsheet row numbers (1-based, as the
  sheet shows them) and reason codes, and `roster_rejected.write_rejected` saves them in the file's
  own columns with the reason beside each, to be corrected and imported again.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table as SqlTable
from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from app.core.common.progress import Progress, no_progress
from app.core.registry.roster_plan import Plan, match_existing
from app.core.registry.roster_reading import Layout, Problem, fill_merged, find_layout
from app.core.registry.roster_rows import group_people, read_people
from app.core.spreadsheet import Table, read_table
from app.core.trust import scope
from app.db import search_index
from app.db.base import new_uuids
from app.db.bulk import indexes_deferred
from app.db.engine import Database
from app.db.models import (
    Building,
    ChangeCounter,
    Household,
    Resident,
    Tag,
)
from app.errors import InvalidInput, PlanOutdated

# rows per insert statement: each is stamped with its own change number and audited in one piece;
# the progress bar moves once per statement
WRITE_CHUNK = 20_000


# --- analysing ----------------------------------------------------------------------------------


def analyse(
    db: Database,
    table: Table,
    layout: Layout | None = None,
    progress: Progress = no_progress,
) -> Plan:
    """Read every row, find every problem and work out what would be written; writes nothing."""
    layout = layout or find_layout(table)
    if "name" not in layout.columns:
        raise InvalidInput("没有指定“姓名”列。", "No column is mapped to the name.")
    with _collector_paused():
        return _analyse(db, table, layout, progress)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while an import checks or writes its rows.

    The work makes hundreds of thousands of small objects and no reference cycles, and each pass of
    the collector walks all of them again, with the table's cells: about a second of 2.5 at
    180,000 rows. Objects are still freed by reference counting as they go; the collector resumes
    afterwards (if it was running).
    """
    running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if running:
            gc.enable()


def _analyse(db: Database, table: Table, layout: Layout, progress: Progress) -> Plan:
    fill_merged(table, layout)
    rejected: list[Problem] = []
    warnings: list[Problem] = []
    people, rows_read = read_people(table, layout, rejected, warnings, progress)
    groups = group_people(people, layout, warnings)
    plan = Plan(
        path=table.path,
        sheet=table.sheet,
        layout=layout,
        rows_read=rows_read,
        groups=groups,
        rejected=rejected,
        warnings=warnings,
    )
    with db.reading() as session:
        plan.version = data_version(session)
        match_existing(session, plan)
    plan.rejected.sort(key=lambda p: p.row)
    plan.warnings.sort(key=lambda p: p.row)
    plan.source_header = list(table.rows[layout.header_row])
    plan.source_rows = {p.row: list(table.rows[p.row - 1]) for p in plan.rejected}
    return plan


# --- writing ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    residents_added: int
    residents_updated: int
    households_added: int
    buildings_added: int


def data_version(session: Session) -> tuple[int, ...]:
    """What a plan depends on, read in one go: every office's change counter (each write to a
    record moves one on), the highest ids the plan numbers after and the tags it may add to."""
    row = session.execute(
        select(
            select(func.coalesce(func.sum(ChangeCounter.last_seq), 0)).scalar_subquery(),
            select(func.coalesce(func.max(Household.id), 0)).scalar_subquery(),
            select(func.coalesce(func.max(Resident.id), 0)).scalar_subquery(),
            select(func.coalesce(func.max(Building.id), 0)).scalar_subquery(),
            select(func.count()).select_from(Tag).scalar_subquery(),
        )
    ).one()
    return tuple(int(v) for v in row)


def apply(db: Database, plan: Plan, progress: Progress = no_progress) -> ImportResult:
    """Write the plan in one transaction (all of it or nothing); stamped and audited by the events.

    The plan's ids and matches were worked out while only reading; once this transaction holds
    the write lock it checks that nobody has written since, and raises `PlanOutdated` (nothing
    written) if somebody has — never a clash of ids half-way through."""
    may_import(db)
    new_buildings = plan.new_buildings
    with _collector_paused(), db.session(note=f"import {plan.path.name}") as session:
        conn = session.connection()
        if plan.version and data_version(session) != plan.version:
            raise PlanOutdated(
                "数据已被另一操作修改，请重新预览后再导入。",
                "The data was changed by another operation meanwhile; preview again, then import.",
            )
        if db.is_sqlite:
            conn.exec_driver_sql("PRAGMA cache_size=-65536")  # 64 MB while the indexes grow
        total = len(plan.new_residents) + len(plan.updates) + 1
        progress(0, total, "写入")
        if plan.new_tags:
            position = (session.scalar(select(func.max(Tag.position))) or 0) + 1
            session.execute(
                insert(Tag),
                [
                    {"name": t, "vulnerable": False, "builtin": False, "position": position + i}
                    for i, t in enumerate(plan.new_tags)
                ],
            )
        building_ids = dict(
            session.execute(
                select(Building.number, Building.id).where(Building.deleted_at.is_(None))
            )
            .tuples()
            .all()
        )
        if new_buildings:
            session.execute(insert(cast(SqlTable, Building.__table__)), new_buildings)
            building_ids = dict(
                session.execute(
                    select(Building.number, Building.id).where(Building.deleted_at.is_(None))
                )
                .tuples()
                .all()
            )
        if plan.new_households:
            rows = []
            for h in plan.new_households:
                row = dict(h)
                row["building_id"] = building_ids[row.pop("building")]
                row["phone"] = None
                row["notes"] = None
                rows.append(row)
            _ascending_uuids(rows)
            households = cast(SqlTable, Household.__table__)
            with indexes_deferred(session, households, len(rows)):
                for start in range(0, len(rows), WRITE_CHUNK):
                    session.execute(insert(households), rows[start : start + WRITE_CHUNK])
        done = 0
        _ascending_uuids(plan.new_residents)
        residents = cast(SqlTable, Resident.__table__)
        with indexes_deferred(session, residents, len(plan.new_residents)):
            for start in range(0, len(plan.new_residents), WRITE_CHUNK):
                chunk = plan.new_residents[start : start + WRITE_CHUNK]
                session.execute(insert(residents), chunk)
                done += len(chunk)
                progress(done, total, "写入")
        if plan.updates:
            # heads that leave their household first, so no household ever has two
            by_keys: dict[tuple[str, ...], list[dict[str, Any]]] = {}
            for u in plan.updates:
                by_keys.setdefault(tuple(sorted(u)), []).append(dict(u))
            for same_keys in by_keys.values():
                session.execute(update(Resident), same_keys)
            progress(done + len(plan.updates), total, "写入")
        if plan.head_changes:
            household_ids = [h for h, _r in plan.head_changes]
            for start in range(0, len(household_ids), 900):
                some = household_ids[start : start + 900]
                session.execute(
                    update(Resident)
                    .where(
                        Resident.household_id.in_(some),
                        Resident.is_head,
                        Resident.deleted_at.is_(None),
                    )
                    .values(is_head=False)
                )
            session.execute(
                update(Resident),
                [{"id": rid, "is_head": True} for _h, rid in plan.head_changes],
            )
        progress(total, total, "写入")
    return ImportResult(
        residents_added=plan.residents_added,
        residents_updated=plan.residents_updated,
        households_added=plan.households_added,
        buildings_added=len(new_buildings),
    )


def _ascending_uuids(rows: list[dict[str, Any]]) -> None:
    """Each new row's uuid, ascending over the whole import: the uuid index (which stays while
    the rows go in) grows at its end, chunk after chunk, rather than at random places."""
    if len(rows) >= WRITE_CHUNK:
        for row, made in zip(rows, new_uuids(len(rows)), strict=True):
            row["uuid"] = made


IMPORT_ATTEMPTS = 5  # a command's import re-plans this often when another writer came first


def may_import(db: Database) -> None:
    """Refuse an import to a user who may not record data, or who is held to some grids (a
    roster names households of every grid): before the file is read."""
    with db.reading() as session:
        scope.whole_register(session, ("花名册导入", "a roster import"))


def import_roster(
    db: Database,
    path: Path,
    sheet: str | None = None,
    *,
    dry_run: bool = False,
    progress: Progress = no_progress,
) -> Plan:
    """Read, analyse and (unless `dry_run`) write a roster; the plan carries the report."""
    may_import(db)
    progress(0, 1, "读取文件")
    with _collector_paused(), ThreadPoolExecutor(1) as pool:  # a million cells and no cycles
        # the reader inflates the file outside the GIL: pypinyin loads meanwhile, for the names
        reading = pool.submit(read_table, path, sheet)
        search_index.load_pinyin()
        table = reading.result()
    for attempt in range(1, IMPORT_ATTEMPTS + 1):
        plan = analyse(db, table, progress=progress)
        if dry_run or not plan.changes_anything:
            return plan
        try:
            apply(db, plan, progress)
            return plan
        except PlanOutdated:
            # another writer came first: work the plan out again against what it wrote
            if attempt == IMPORT_ATTEMPTS:
                raise
    raise AssertionError("unreachable")
