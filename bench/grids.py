"""Grids at 180,000 residents (60,390 households in 651 buildings, 50 grids):

* assigning every building — and so every household — to another grid through the operation the
  网格 page and `grid assign` use (one stamped, audited UPDATE per grid, the history appended, one
  transaction), against the raw SQL UPDATEs of the same moves on a copy of the same database;
* the coverage dashboard (households, residents, vulnerable residents, people on duty per grid),
  against a raw SQL GROUP BY of households and residents per grid.

The runs alternate between two plans (each building to the next grid, and back), so every
measurement moves all 60,390 households.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path
from typing import Any

from bench.common import CACHE, Workload, community


def _copy(source: Path, name: str) -> Path:
    target = CACHE / name
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("backups", "logs", "exports"))
    return target


def workloads() -> list[Workload]:
    from sqlalchemy import func, select

    from app.core.grids import assignment, structure
    from app.core.grids.duty_demo import fill_demo_roster
    from app.core.office.datadir import DataDir
    from app.core.office.setup import open_office
    from app.db.models import Building, Grid, Household

    source = community(180_000)
    work = _copy(source, "grids-work")
    raw = _copy(source, "grids-raw")
    db, _info = open_office(DataDir(work))
    with db.session(note="demo roster") as session:
        fill_demo_roster(session)  # about 600 people on duty, so coverage counts a real roster
    with db.reading() as session:
        codes = dict(session.execute(select(Grid.id, Grid.code)).tuples().all())
        buildings = list(session.execute(select(Building.id, Building.grid_id)).tuples())
        households = session.scalar(select(func.count()).select_from(Household)) or 0
    order = sorted(codes)
    forward: dict[str, list[int]] = {}
    back: dict[str, list[int]] = {}
    for bid, gid in buildings:
        forward.setdefault(codes[order[(order.index(gid) + 1) % len(order)]], []).append(bid)
        back.setdefault(codes[gid], []).append(bid)
    plans = [forward, back]
    state = {"app": 0, "raw": 0}

    def assign() -> float:
        plan = plans[state["app"] % 2]
        state["app"] += 1
        start = time.perf_counter()
        with db.session(note="bench") as session:
            results = assignment.assign_plan(session, plan)
        took = time.perf_counter() - start
        assert sum(r.households_moved for r in results) == households
        return took

    conn = sqlite3.connect(raw / "griddesk.sqlite3", isolation_level=None)
    for pragma in ("foreign_keys=ON", "journal_mode=WAL", "synchronous=FULL"):
        conn.execute(f"PRAGMA {pragma}")
    ids = {code: gid for gid, code in codes.items()}

    def raw_update() -> float:
        plan = plans[state["raw"] % 2]
        state["raw"] += 1
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        for code, bids in plan.items():
            marks = ",".join("?" * len(bids))
            conn.execute(
                f"UPDATE household SET grid_id = ? WHERE building_id IN ({marks})",
                [ids[code], *bids],
            )
        conn.execute("COMMIT")
        return time.perf_counter() - start

    def coverage() -> float:
        start = time.perf_counter()
        with db.reading() as session:
            found = structure.coverage(session)
        took = time.perf_counter() - start
        assert len(found.grids) == len(codes)
        return took

    def raw_group_by() -> float:
        start = time.perf_counter()
        rows: Any = conn.execute(
            "SELECT h.grid_id, count(DISTINCT h.id), count(r.id), sum(r.tags != '') "
            "FROM household h JOIN resident r ON r.household_id = h.id "
            "WHERE h.deleted_at IS NULL AND r.deleted_at IS NULL AND r.status = 'active' "
            "GROUP BY h.grid_id"
        ).fetchall()
        took = time.perf_counter() - start
        assert len(rows) == len(codes)
        return took

    return [
        Workload(
            f"assign {len(buildings)} buildings / {households:,} households to {len(codes)} grids",
            assign,
            "raw SQL UPDATE of the same moves, on a copy",
            raw_update,
            target_seconds=2.0,
        ),
        Workload(
            f"coverage dashboard, {len(codes)} grids, 180,000 residents",
            coverage,
            "raw SQL GROUP BY households and residents per grid",
            raw_group_by,
            target_seconds=0.5,
        ),
    ]
