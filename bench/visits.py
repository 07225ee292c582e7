"""Follow-up visits at 180,000 residents: a day's visits made and listed for the people under plans.

The plain 180,000-resident community (no users), copied once into bench/.data/visits-work with two
plans made there: every elderly person living alone (独居老人, about 5,400) called daily, and 1,000
of them also home-quarantined (居家隔离, tagged for the bench) — twice a day with a temperature.
Each measurement asks for the visits of a day not asked for before, through the operation the
诉求 page's visits list and `visits due` use (`visits.visits_due`: the day's slots made in one
stamped, audited bulk insert, then every visit read back with its resident's masked name, address
and grid), against bare sqlite3 doing the same inserts by INSERT … SELECT and reading the same rows
back, in a transaction rolled back.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from bench.common import CACHE, Workload, community

READY = ".visits-ready"
START = date(2027, 1, 4)
QUARANTINED = 1000


def _work() -> Path:
    """The copy with its plans, made once and kept."""
    target = CACHE / "visits-work"
    if (target / READY).exists():
        return target
    source = community(180_000)
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("backups", "logs", "exports"))
    from sqlalchemy import select, update

    from app.core.office.datadir import DataDir
    from app.core.office.setup import open_office
    from app.core.requests import visits
    from app.db.models import Resident

    db, _info = open_office(DataDir(target))
    try:
        with db.session(note="bench visits") as session:
            alone = list(
                session.scalars(
                    select(Resident.id)
                    .where(Resident.tags.like("%,独居老人,%"))
                    .order_by(Resident.id)
                    .limit(QUARANTINED)
                )
            )
            session.execute(
                update(Resident)
                .where(Resident.id.in_(alone))
                .values(tags=Resident.tags + "居家隔离,")
            )
            made = datetime.combine(START, datetime.min.time())
            visits.make_plan(session, "living-alone", "独居老人", start=START, now=made)
            visits.make_plan(
                session, "home-quarantine", "居家隔离", start=START, days=366, now=made
            )
    finally:
        db.dispose()
    (target / READY).touch()
    return target


def workloads() -> list[Workload]:
    from sqlalchemy import func, select

    from app.core.office.datadir import DataDir
    from app.core.office.setup import open_office
    from app.core.requests import visits
    from app.db.models import Resident
    from app.db.models_visits import Visit

    work = _work()
    db, info = open_office(DataDir(work))
    with db.reading() as session:
        last = session.scalar(select(func.max(Visit.due_at)))
        people = session.scalar(
            select(func.count())
            .select_from(Resident)
            .where(Resident.tags.like("%,独居老人,%"), Resident.status == "active")
        )
    state = {"day": (last.date() + timedelta(days=1)) if last else START}
    expected = (people or 0) + 2 * QUARANTINED

    def generate() -> float:
        day = state["day"]
        state["day"] = day + timedelta(days=1)
        start = time.perf_counter()
        with db.session(note="bench") as session:
            rows = visits.visits_due(session, day)
        took = time.perf_counter() - start
        assert len(rows) == expected, (len(rows), expected)
        return took

    conn = sqlite3.connect(work / "griddesk.sqlite3", isolation_level=None)
    for pragma in ("foreign_keys=ON", "journal_mode=WAL", "synchronous=FULL"):
        conn.execute(f"PRAGMA {pragma}")
    plans = dict(conn.execute("SELECT tag, id FROM visit_plan").fetchall())
    far = date(2030, 1, 7)

    def raw() -> float:
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        for tag, slots in (("独居老人", ("09:00",)), ("居家隔离", ("08:00", "15:00"))):
            for slot in slots:
                conn.execute(
                    "INSERT INTO visit (plan_id, resident_id, due_at, uuid, origin, seq, "
                    "created_at, updated_at) SELECT ?, r.id, ?, lower(hex(randomblob(16))), "
                    "r.origin, 0, datetime('now'), datetime('now') FROM resident r "
                    "JOIN household h ON h.id = r.household_id WHERE r.tags LIKE ? "
                    "AND r.deleted_at IS NULL AND r.status = 'active' AND h.deleted_at IS NULL",
                    (plans[tag], f"{far.isoformat()} {slot}:00.000000", f"%,{tag},%"),
                )
        rows = conn.execute(
            "SELECT v.id, v.uuid, r.name, r.birth_date, h.address_code, g.code, v.due_at, "
            "v.plan_id, p.kind, v.outcome FROM visit v JOIN resident r ON r.id = v.resident_id "
            "JOIN household h ON h.id = r.household_id JOIN visit_plan p ON p.id = v.plan_id "
            "LEFT JOIN grid g ON g.id = h.grid_id WHERE v.deleted_at IS NULL AND v.due_at >= ? "
            "AND v.due_at < ? ORDER BY g.code, h.address_code, v.due_at, v.id",
            (far.isoformat(), (far + timedelta(days=1)).isoformat()),
        ).fetchall()
        conn.execute("ROLLBACK")
        took = time.perf_counter() - start
        assert len(rows) == expected, (len(rows), expected)
        return took

    del info
    return [
        Workload(
            f"a day's visits made and listed: {people:,} people under plans, "
            f"{expected:,} visits, 180,000 residents",
            generate,
            "bare sqlite3 INSERT … SELECT and read back",
            raw,
            target_seconds=1.0,
        )
    ]


__all__ = ["workloads"]
