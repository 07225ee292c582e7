"""Residents' requests at 50,000 over the 180,000-resident community: the 诉求 page's first screen
and the accountability figures.

The plain 180,000-resident community (no users), copied once into bench/.data/requests-work with
50,000 requests made there over 120 days (one stamped, audited bulk insert): every category, a
third of them urgent, most done (some late, some called back), the rest open, many of those past
their deadline. Measured through the operations the page and `report requests` call:

* the first screen: `count_requests` (the status bar's 共 N 件) and the first 100 rows of
  `list_requests`, newest first, with address, grid and person — against bare sqlite3 running the
  same two statements;
* the figures: `figures.accountability` (the office's, per grid, per person, per category, with
  the medians) — against bare sqlite3 running the same GROUP BY (the sums and each group's hours).
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import statistics
import time
from datetime import datetime, timedelta
from pathlib import Path

from bench.common import CACHE, Workload, community

READY = ".requests-ready"
REQUESTS = 50_000
NOW = datetime(2027, 3, 1, 10, 0)
FIRST_SCREEN = 100


def _work() -> Path:
    """The copy with its 50,000 requests, made once and kept."""
    target = CACHE / "requests-work"
    if (target / READY).exists():
        return target
    source = community(180_000)
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("backups", "logs", "exports"))
    from sqlalchemy import insert, select

    from app.core.office.datadir import DataDir
    from app.core.office.setup import open_office
    from app.core.requests.deadlines import default_hours
    from app.core.requests.requests import Category, Priority
    from app.db.models import Household
    from app.db.models_requests import ServiceRequest

    db, _info = open_office(DataDir(target))
    rnd = random.Random(17)
    try:
        with db.session(note="bench requests") as session:
            homes = list(
                session.execute(select(Household.id, Household.grid_id).order_by(Household.id))
            )
            categories = list(Category)
            rows = []
            for i in range(REQUESTS):
                category = categories[i % len(categories)]
                priority = Priority.URGENT if i % 3 == 0 else Priority.NORMAL
                received = NOW - timedelta(minutes=rnd.randrange(120 * 24 * 60))
                due = received + timedelta(hours=default_hours(category, priority))
                hid, gid = homes[rnd.randrange(len(homes))] if i % 10 else (None, None)
                row = {
                    "category": category.value,
                    "priority": priority.value,
                    "channel": "phone",
                    "text": f"诉求 {i}",
                    "household_id": hid,
                    "grid_id": gid,
                    "received_at": received,
                    "due_at": due,
                    "status": "registered",
                    "reopened": 0,
                    "done_at": None,
                    "outcome": None,
                    "satisfied": None,
                }
                if rnd.random() < 0.8:  # done: on time mostly, some late; half called back
                    done = received + timedelta(
                        hours=rnd.uniform(0.2, 1.6) * default_hours(category, priority)
                    )
                    if done < NOW:
                        called = rnd.random() < 0.5
                        row.update(
                            status="confirmed" if called else "done",
                            done_at=done,
                            outcome="已办结",
                            satisfied=(rnd.random() < 0.85) if called else None,
                        )
                if row["status"] == "registered" and gid is not None and rnd.random() < 0.7:
                    row["status"] = "assigned"
                rows.append(row)
            session.execute(insert(ServiceRequest), rows)
    finally:
        db.dispose()
    (target / READY).touch()
    return target


def workloads() -> list[Workload]:
    from app.core.office.datadir import DataDir
    from app.core.office.setup import open_office
    from app.core.requests.figures import accountability
    from app.core.requests.requests import count_requests, list_requests

    work = _work()
    db, _info = open_office(DataDir(work))

    def first_screen() -> float:
        start = time.perf_counter()
        with db.reading() as session:
            n = count_requests(session, now=NOW)
            rows = list_requests(session, limit=FIRST_SCREEN, now=NOW)
        took = time.perf_counter() - start
        assert n == REQUESTS and len(rows) == FIRST_SCREEN, (n, len(rows))
        return took

    def figures() -> float:
        start = time.perf_counter()
        with db.reading() as session:
            data = accountability(session, now=NOW)
        took = time.perf_counter() - start
        assert data["received"] == REQUESTS
        return took

    conn = sqlite3.connect(work / "griddesk.sqlite3", isolation_level=None)
    for pragma in ("foreign_keys=ON", "journal_mode=WAL", "synchronous=FULL"):
        conn.execute(f"PRAGMA {pragma}")
    now = NOW.isoformat(sep=" ")

    def raw_first_screen() -> float:
        start = time.perf_counter()
        n = conn.execute(
            "SELECT count(*) FROM service_request WHERE deleted_at IS NULL"
        ).fetchone()[0]
        rows = conn.execute(
            "SELECT r.id, r.uuid, r.category, r.status, r.priority, r.channel, r.text, "
            "r.household_id, h.address_code, g.code, p.name, r.phone, h.phone, r.received_at, "
            "r.due_at, r.done_at, r.outcome, r.satisfied, r.about_user, r.reopened "
            "FROM service_request r LEFT JOIN household h ON h.id = r.household_id "
            "LEFT JOIN grid g ON g.id = r.grid_id LEFT JOIN duty_person p ON p.id = r.person_id "
            "WHERE r.deleted_at IS NULL ORDER BY r.received_at DESC, r.id DESC LIMIT ?",
            (FIRST_SCREEN,),
        ).fetchall()
        took = time.perf_counter() - start
        assert n == REQUESTS and len(rows) == FIRST_SCREEN
        return took

    def raw_figures() -> float:
        start = time.perf_counter()
        got = conn.execute(
            "SELECT coalesce(r.grid_id, 0) * 4294967296 + coalesce(r.person_id, 0) AS who, "
            "r.category, count(*), "
            "sum(r.status IN ('registered','assigned','in-progress')), "
            "sum(r.status IN ('registered','assigned','in-progress') AND r.due_at < ?), "
            "sum(r.done_at <= r.due_at), count(r.satisfied), sum(r.satisfied = 1), "
            "sum(r.status IN ('registered','assigned','in-progress') AND r.priority = 'urgent'), "
            "group_concat(unixepoch(r.done_at) - unixepoch(r.received_at)) "
            "FROM service_request r WHERE r.deleted_at IS NULL "
            "GROUP BY who, r.category",
            (now,),
        ).fetchall()
        took = time.perf_counter() - start
        assert sum(row[2] for row in got) == REQUESTS
        return took

    # the caller's household found while the clerk types it, as 登记诉求 asks the registry's search
    # (app.ui.pages.requests.dialogs: limit 4 × its 8 hits) after each keystroke: addresses and
    # names typed a character at a time
    from app.core.registry.search import RegistrySearch

    engine = RegistrySearch()
    typed = [
        word[:n]
        for word in ("3-2-502", "12-1-1101", "王秀英", "张伟", "li", "zhangw")
        for n in range(1, len(word) + 1)
    ]

    def typing_p95() -> float:
        times = []
        with db.reading() as session:
            engine.search(session, "预热", limit=32)
            for text in typed:
                start = time.perf_counter()
                engine.search(session, text, limit=32)
                times.append(time.perf_counter() - start)
        return statistics.quantiles(times, n=20)[-1]

    def raw_typing_p95() -> float:
        times = []
        for text in typed:
            start = time.perf_counter()
            conn.execute(
                "SELECT h.id FROM household h WHERE h.address_code LIKE ? LIMIT 32", (text + "%",)
            ).fetchall()
            times.append(time.perf_counter() - start)
        return statistics.quantiles(times, n=20)[-1]

    return [
        Workload(
            "caller's household found while typing, p95 per keystroke, 180,000 residents",
            typing_p95,
            "bare sqlite3 address prefix LIKE, p95",
            raw_typing_p95,
            target_seconds=0.020,
            repeat=3,
        ),
        Workload(
            f"诉求 list, first screen (count + {FIRST_SCREEN} rows): {REQUESTS:,} requests, "
            "180,000 residents",
            first_screen,
            "bare sqlite3 count + the same page",
            raw_first_screen,
            target_seconds=0.2,
        ),
        Workload(
            f"accountability figures (grid, person, category): {REQUESTS:,} requests",
            figures,
            "bare sqlite3 GROUP BY grid, person, category",
            raw_figures,
            target_seconds=0.3,
        ),
    ]


__all__ = ["workloads"]
