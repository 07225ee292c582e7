"""Street-office mode at 20 communities × 9,000 residents (180,000 in the street office's database):

* the communities' overview (app.core.street.communities.street_overview: residents, households, vulnerable
  people by tag, stock, distributions, action items, last package — one grouped query per
  measure), against one raw grouped count of residents per community, the least any such page does;
* the aggregated report as .xlsx from that overview, against the same raw count.

The street office's database is the cached 180,000-resident community turned into a street office
(a copy): its records spread over twenty community codes, as twenty communities' imported packages
would leave them, and the twenty communities enrolled with one imported package each.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

from bench.common import CACHE, Workload, community

STREET = "420106001"
COMMUNITIES = [f"{STREET}{n:03d}" for n in range(1, 21)]
TRAVELLING = (
    "grid",
    "building",
    "household",
    "supply_item",
    "supply_point",
    "supply_campaign",
    "supply_movement",
    "supply_delivery",
    "meeting",
    "meeting_action_item",
)


def _street_office(source: Path) -> Path:
    target = CACHE / "street-work"
    if (target / ".complete").exists():
        return target
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("backups", "logs", "exports"))
    conn = sqlite3.connect(target / "griddesk.sqlite3", isolation_level=None)
    try:
        conn.execute("BEGIN")
        conn.execute(
            "UPDATE office SET role = 'street-office', code = ?, name = '百步亭街道', "
            "parent_code = NULL WHERE id = 1",
            (STREET,),
        )
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        # each record goes to community (id % 20) + 1; residents follow their household
        spread = f"'{STREET}' || printf('%03d', (id % 20) + 1)"
        for table in TRAVELLING:
            if table in tables:
                conn.execute(f"UPDATE {table} SET origin = {spread}")
        conn.execute(
            "UPDATE resident SET origin = (SELECT h.origin FROM household h "
            "WHERE h.id = resident.household_id)"
        )
        for n, code in enumerate(COMMUNITIES, 1):
            conn.execute(
                "INSERT INTO enrolled_office (code, name, role, signing_public, encryption_public,"
                " fingerprint, enrolled_at, last_package_seq, last_imported_at) VALUES"
                " (?, ?, 'community', 'x', 'x', 'x', datetime('now'), 1, datetime('now'))",
                (code, f"第{n}社区"),
            )
            conn.execute(
                "INSERT INTO exchange_package (direction, office_code, package_seq, package_hash,"
                " kind, since_seq, up_to_seq, records, file_name, created_at, imported_at, counts)"
                " VALUES ('in', ?, 1, 'x', 'full', 0, 1, 1, 'x', datetime('now', ?),"
                " datetime('now'), '{}')",
                (code, f"-{n * 3} hours"),
            )
        conn.execute("COMMIT")
        conn.execute("ANALYZE")
    finally:
        conn.close()
    (target / ".complete").touch()
    return target


def workloads() -> list[Workload]:
    from app.core.office.datadir import DataDir
    from app.core.office.setup import open_office
    from app.core.street.communities import street_overview
    from app.core.street.summary import write_street_report

    folder = _street_office(community(180_000))
    db, info = open_office(DataDir(folder))
    assert info.is_street_office
    with db.reading() as session:
        overview = street_overview(session)
    assert len(overview.rows) == 20 and overview.totals()["residents"] > 170_000
    out = Path(tempfile.mkdtemp(prefix="griddesk-bench-street-"))
    conn = sqlite3.connect(folder / "griddesk.sqlite3")

    def overview_run() -> float:
        start = time.perf_counter()
        with db.reading() as session:
            street_overview(session)
        return time.perf_counter() - start

    def report_run() -> float:
        start = time.perf_counter()
        with db.reading() as session:
            write_street_report(street_overview(session), out / "汇总.xlsx")
        return time.perf_counter() - start

    def raw_count() -> float:
        start = time.perf_counter()
        rows = conn.execute(
            "SELECT origin, count(*) FROM resident WHERE deleted_at IS NULL AND status = 'active'"
            " GROUP BY origin"
        ).fetchall()
        assert len(rows) == 20
        return time.perf_counter() - start

    return [
        Workload(
            "street overview, 20 communities × 9,000 residents",
            overview_run,
            "raw SQL: residents per community",
            raw_count,
            target_ratio=3.0,
        ),
        Workload(
            "street report .xlsx, 20 communities × 9,000 residents",
            report_run,
            "raw SQL: residents per community",
            raw_count,
            target_ratio=4.0,
        ),
    ]
