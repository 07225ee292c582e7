"""Supplies at 180,000 residents (about 60,000 households):

* planning a distribution to every household, per person, vulnerable households first — the
  operation the 物资 page and `supplies campaign create` use (the campaign row and one allocation per
  household with its share and queue place, in one INSERT … SELECT), against a raw SQL INSERT …
  SELECT of per-person shares on a copy of the same database (which neither ranks the vulnerable
  first nor checks anything);
* one barcode scan recorded and answered (find the campaign and the household, check target, stock,
  expiry and an earlier delivery, write the movement and the delivery, commit), against raw SQL
  INSERTs of the same two rows in one transaction;
* the same two for a campaign of three items (米 per household, 油 per household, 口罩 per person):
  planning previews every item against stock; a scan checks and issues all three.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path
from typing import TYPE_CHECKING

from bench.common import CACHE, Workload, community

if TYPE_CHECKING:
    from app.core.supplies.campaigns import CampaignSpec


def _copy(source: Path, name: str) -> Path:
    target = CACHE / name
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("backups", "logs", "exports"))
    return target


def workloads() -> list[Workload]:
    from sqlalchemy import func, select

    from app.core.office.datadir import DataDir
    from app.core.office.setup import open_office
    from app.core.supplies import campaigns, deliveries, ledger
    from app.db.models import Household

    source = community(180_000)
    work = _copy(source, "supplies-work")
    raw = _copy(source, "supplies-raw")
    db, _info = open_office(DataDir(work))
    with db.session(note="bench") as session:
        ledger.receive(session, "口罩", 1_000_000, unit="个", source="bench")
        ledger.receive(session, "米", 1_000_000, unit="袋", source="bench")
        ledger.receive(session, "油", 1_000_000, unit="瓶", source="bench")
        scan_code = campaigns.create_campaign(
            session, campaigns.CampaignSpec(name="scan", item="口罩", qty=1, target="all")
        ).code
        multi_scan_code = campaigns.create_campaign(session, _parcel("scan parcel")).code
    with db.reading() as session:
        addresses = list(
            session.scalars(select(Household.address_code).where(Household.deleted_at.is_(None)))
        )
        households = session.scalar(select(func.count()).select_from(Household)) or 0
    spec = campaigns.CampaignSpec(
        name="口罩按人发放", item="口罩", qty=1, per="person", target="all"
    )

    def plan() -> float:
        start = time.perf_counter()
        with db.session(note="bench") as session:
            result = campaigns.create_campaign(session, spec)
        took = time.perf_counter() - start
        assert result.preview.households > 0.9 * households
        return took

    def plan_parcel() -> float:
        start = time.perf_counter()
        with db.session(note="bench") as session:
            result = campaigns.create_campaign(session, _parcel("粮油口罩包"))
        took = time.perf_counter() - start
        assert result.preview.households > 0.9 * households and len(result.preview.items) == 3
        return took

    rdb, _ = open_office(DataDir(raw))
    with rdb.session(note="bench") as session:
        ledger.receive(session, "口罩", 1_000_000, unit="个", source="bench")
        raw_campaign = campaigns.create_campaign(
            session,
            campaigns.CampaignSpec(name="raw", item="口罩", qty=1, target="list:" + addresses[0]),
        ).id
    rdb.dispose()
    conn = sqlite3.connect(raw / "griddesk.sqlite3", isolation_level=None)
    for pragma in ("foreign_keys=ON", "journal_mode=WAL", "synchronous=FULL"):
        conn.execute(f"PRAGMA {pragma}")

    def raw_insert_select() -> float:
        conn.execute("DELETE FROM supply_allocation WHERE campaign_id = ?", (raw_campaign,))
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(
            "INSERT INTO supply_allocation (campaign_id, household_id, qty, members, vulnerable,"
            " rank) SELECT ?, h.id, m.n, m.n, 0, row_number() OVER (ORDER BY h.building_id,"
            " h.unit, h.room, h.id) FROM household h JOIN (SELECT household_id, count(*) AS n"
            " FROM resident WHERE deleted_at IS NULL AND status = 'active' GROUP BY household_id)"
            " m ON m.household_id = h.id WHERE h.deleted_at IS NULL",
            (raw_campaign,),
        )
        conn.execute("COMMIT")
        return time.perf_counter() - start

    state = {"app": 0, "raw": 0, "multi": 0, "multi_raw": 0}

    def scan() -> float:
        address = addresses[state["app"]]
        state["app"] += 1
        start = time.perf_counter()
        with db.session(note="scan") as session:
            got = deliveries.deliver(session, scan_code, address)
        took = time.perf_counter() - start
        assert got.address_code == address
        return took

    def scan_parcel() -> float:
        address = addresses[state["multi"]]
        state["multi"] += 1
        start = time.perf_counter()
        with db.session(note="scan") as session:
            got = deliveries.deliver(session, multi_scan_code, address)
        took = time.perf_counter() - start
        assert got.address_code == address and len(got.lines) == 3
        return took

    ids = [r[0] for r in conn.execute("SELECT id FROM household ORDER BY id")]
    item_id, point_id = conn.execute(
        "SELECT item_id, point_id FROM supply_campaign WHERE id = ?", (raw_campaign,)
    ).fetchone()

    def raw_scan() -> float:
        hid = ids[state["raw"]]
        state["raw"] += 1
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        cur = conn.execute(
            "INSERT INTO supply_movement (uuid, origin, seq, created_at, updated_at, item_id,"
            " point_id, kind, qty, at, actor, campaign_id, household_id) VALUES (?, 'raw', 0,"
            " datetime('now'), datetime('now'), ?, ?, 'delivery', -1, datetime('now'), 'raw', ?, ?)",
            (f"raw-m-{hid}", item_id, point_id, raw_campaign, hid),
        )
        conn.execute(
            "INSERT INTO supply_delivery (uuid, origin, seq, created_at, updated_at, campaign_id,"
            " household_id, movement_id, qty, delivered_at, delivered_by, how) VALUES (?, 'raw', 0,"
            " datetime('now'), datetime('now'), ?, ?, ?, 1, datetime('now'), 'raw', 'scan')",
            (f"raw-d-{hid}", raw_campaign, hid, cur.lastrowid),
        )
        conn.execute("COMMIT")
        return time.perf_counter() - start

    def raw_scan_parcel() -> float:
        hid = ids[-1 - state["multi_raw"]]
        state["multi_raw"] += 1
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        first = None
        for k in range(3):
            cur = conn.execute(
                "INSERT INTO supply_movement (uuid, origin, seq, created_at, updated_at, item_id,"
                " point_id, kind, qty, at, actor, campaign_id, household_id) VALUES (?, 'raw', 0,"
                " datetime('now'), datetime('now'), ?, ?, 'delivery', -1, datetime('now'), 'raw',"
                " ?, ?)",
                (f"raw-m{k}-{hid}", item_id, point_id, raw_campaign, hid),
            )
            first = first or cur.lastrowid
        conn.execute(
            "INSERT INTO supply_delivery (uuid, origin, seq, created_at, updated_at, campaign_id,"
            " household_id, movement_id, qty, delivered_at, delivered_by, how) VALUES (?, 'raw', 0,"
            " datetime('now'), datetime('now'), ?, ?, ?, 1, datetime('now'), 'raw', 'scan')",
            (f"raw-d3-{hid}", raw_campaign, hid, first),
        )
        conn.execute("COMMIT")
        return time.perf_counter() - start

    return [
        Workload(
            f"plan a per-person campaign over {households:,} households (vulnerable first)",
            plan,
            "raw SQL INSERT … SELECT of per-person shares, on a copy",
            raw_insert_select,
            target_seconds=2.0,
        ),
        Workload(
            f"one scan recorded and answered, {households:,} households",
            scan,
            "raw SQL INSERT of the movement and delivery rows",
            raw_scan,
            target_seconds=0.1,
            repeat=21,
        ),
        Workload(
            f"plan a 3-item campaign (米, 油, 口罩 per person) over {households:,} households",
            plan_parcel,
            "raw SQL INSERT … SELECT of per-person shares, on a copy",
            raw_insert_select,
            target_seconds=2.0,
        ),
        Workload(
            f"one scan of a 3-item campaign recorded and answered, {households:,} households",
            scan_parcel,
            "raw SQL INSERT of three movements and the delivery",
            raw_scan_parcel,
            target_seconds=0.1,
            repeat=21,
        ),
    ]


def _parcel(name: str) -> CampaignSpec:
    from app.core.supplies import campaigns

    return campaigns.CampaignSpec(
        name=name,
        item="米",
        qty=1,
        target="all",
        more=(campaigns.LineSpec("油", 1), campaigns.LineSpec("口罩", 1, "person")),
    )
