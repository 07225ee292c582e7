"""A campaign's household lists agree with each other and with a count by hand: the end-of-day list,
its counts per grid, and the list the window ticks; and each item of a campaign keeps its own cap
per household, in the plan, the preview and the delivery."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import func, select, update

from app.core.grids import assignment
from app.core.supplies import campaigns, deliveries, ledger
from app.core.supplies.campaigns import CampaignSpec, LineSpec
from app.db.engine import Database
from app.db.models import Household, Resident
from app.db.models_supplies import SupplyAllocation, SupplyCampaignItem


@pytest.fixture(params=["db", "pg_db"])
def demo_db(request: pytest.FixtureRequest) -> Database:
    """A demo community on SQLite, and on a street office's PostgreSQL (skipped without
    GRIDDESK_TEST_PG)."""
    from app.core.office.demo import fill_demo

    db: Database = request.getfixturevalue(request.param)
    with db.session(note="demo") as session:
        fill_demo(session, 1000)
    return db


def _homes(db: Database, n: int) -> list[str]:
    """The first `n` households with people living in them."""
    with db.reading() as s:
        return list(
            s.scalars(
                select(Household.address_code)
                .where(
                    Household.deleted_at.is_(None),
                    Household.id.in_(
                        select(Resident.household_id).where(
                            Resident.deleted_at.is_(None), Resident.status == "active"
                        )
                    ),
                )
                .order_by(Household.id)
                .limit(n)
            )
        )


def _members(db: Database, homes: list[str]) -> dict[str, int]:
    with db.reading() as s:
        rows = s.execute(
            select(Household.address_code, func.count())
            .join(Resident, Resident.household_id == Household.id)
            .where(
                Household.address_code.in_(homes),
                Resident.deleted_at.is_(None),
                Resident.status == "active",
            )
            .group_by(Household.address_code)
        ).all()
    return {a: int(n) for a, n in rows}


def test_undelivered_per_grid_counted_by_hand(demo_db: Database) -> None:
    """Seven households: three in 第1网格, two in 第2网格, two in no grid. 第1网格 has one served;
    第2网格 one served and one served then undone (it is owed again); the two without a grid none
    served."""
    db = demo_db
    homes = _homes(db, 8)
    east, west, loose, outside = homes[:3], homes[3:5], homes[5:7], homes[7]
    with db.session() as s:
        assignment.assign_households(
            s, "G01", [*east, outside]
        )  # outside the campaign: not counted
        assignment.assign_households(s, "G02", west)
        s.execute(update(Household).where(Household.address_code.in_(loose)).values(grid_id=None))
        ledger.receive(s, "口罩", 100, unit="个", source="爱心企业")
        code = campaigns.create_campaign(
            s,
            CampaignSpec(name="口罩", item="口罩", qty=1, target="list:" + ",".join(homes[:7])),
        ).code
    for home in (east[0], west[0], west[1]):
        with db.session() as s:
            deliveries.deliver(s, code, home)
    with db.session() as s:
        deliveries.undo_delivery(s, code, west[1], "扫错了")

    with db.reading() as s:
        by_grid = deliveries.undelivered_by_grid(s, code)
        left = deliveries.undelivered(s, code)
        everyone = deliveries.campaign_households(s, code)
    assert by_grid == {"第1网格": 2, "第2网格": 1, "未分网格": 2}
    # the counts are those of the list, in the list's order (by grid)
    assert list(by_grid.items()) == list(Counter(r.grid for r in left).items())
    assert {r.address_code for r in left} == {east[1], east[2], west[1], *loose}
    # the end-of-day list is the window's list without the served households
    assert {r.address_code for r in everyone} == set(homes[:7])
    assert {r.address_code for r in everyone if r.delivered_at is None} == {
        r.address_code for r in left
    }
    # once every household is served, no grid owes anything
    for home in [r.address_code for r in left]:
        with db.session() as s:
            deliveries.deliver(s, code, home)
    with db.reading() as s:
        assert deliveries.undelivered_by_grid(s, code) == {}
        assert deliveries.undelivered(s, code) == []


def test_each_item_keeps_its_own_cap(demo_db: Database) -> None:
    """米 2 per person at most 5 a household, 油 1 per household (no cap), 口罩 3 per person at
    most 8: every household's shares, the preview's totals, the planned totals and what a delivery
    takes from stock all follow each item's own cap."""
    db = demo_db
    homes = _homes(db, 40)
    members = _members(db, homes)
    assert max(members.values()) >= 3 and min(members.values()) == 1  # the caps bite on some
    with db.session() as s:
        ledger.receive(s, "米", 10_000, unit="袋", source="粮油公司")
        ledger.receive(s, "油", 10_000, unit="瓶", source="粮油公司")
        ledger.receive(s, "口罩", 10_000, unit="个", source="爱心企业")
    spec = CampaignSpec(
        name="粮油口罩",
        item="米",
        qty=2,
        per="person",
        max_per_household=5,
        target="list:" + ",".join(homes),
        more=(LineSpec("油", 1), LineSpec("口罩", 3, "person", max_per_household=8)),
    )
    rice = {h: min(2 * n, 5) for h, n in members.items()}
    masks = {h: min(3 * n, 8) for h, n in members.items()}
    with db.reading() as s:
        preview = campaigns.preview_campaign(s, spec)
    assert [(i.item, i.needed) for i in preview.items] == [
        ("米", sum(rice.values())),
        ("油", len(homes)),
        ("口罩", sum(masks.values())),
    ]
    with db.session() as s:
        code = campaigns.create_campaign(s, spec).code
    with db.reading() as s:
        planned = dict(
            s.execute(
                select(Household.address_code, SupplyAllocation.qty).join(
                    Household, Household.id == SupplyAllocation.household_id
                )
            )
            .tuples()
            .all()
        )
        caps = list(
            s.scalars(
                select(SupplyCampaignItem.max_per_household).order_by(SupplyCampaignItem.position)
            )
        )
        row = campaigns.list_campaigns(s)[0]
        items = {r.address_code: r.items for r in deliveries.campaign_households(s, code)}
    assert planned == rice
    assert caps == [None, 8]
    assert row.planned_qty == sum(rice.values())
    assert [(m.item, m.planned_qty) for m in row.more] == [
        ("油", len(homes)),
        ("口罩", sum(masks.values())),
    ]
    big = max(homes, key=lambda h: members[h])
    assert items[big] == f"米 {rice[big]}袋、油 1瓶、口罩 {masks[big]}个"
    with db.session() as s:
        got = deliveries.deliver(s, code, big)
    assert [(x.item, x.qty) for x in got.lines] == [("米", 5), ("油", 1), ("口罩", 8)]
