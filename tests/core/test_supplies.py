"""The stock ledger never goes negative, a household never gets a campaign twice, targets hold."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select, text, update
from sqlalchemy.exc import IntegrityError

from app.core import supplies
from app.core.supplies import CampaignSpec
from app.db.base import utcnow
from app.db.engine import Database
from app.db.models import Building, Household, Resident
from app.db.models_supplies import (
    SupplyAllocation,
    SupplyBalance,
    SupplyDelivery,
    SupplyMovement,
)
from app.errors import AlreadyDone, InvalidInput


@pytest.fixture
def demo_db(db: Database) -> Database:
    """A demo community of several buildings (300 residents fill only one)."""
    from app.core.demo import fill_demo

    fill_demo(db, 1000)
    return db


def _households(db: Database, building: str | None = None) -> list[str]:
    with db.reading() as s:
        q = (
            select(Household.address_code)
            .join(Building, Building.id == Household.building_id)
            .where(
                Household.deleted_at.is_(None),
                Household.id.in_(select(Resident.household_id).where(Resident.status == "active")),
            )
            .order_by(Household.id)
        )
        if building is not None:
            q = q.where(Building.number == building)
        return list(s.scalars(q))


def _on_hand(db: Database, item: str) -> int:
    with db.reading() as s:
        return next(r.on_hand for r in supplies.stock(s) if r.item == item)


def _campaign(db: Database, qty: int = 2, target: str = "building:1", **kw: object) -> str:
    with db.session() as s:
        spec = CampaignSpec(name="口罩发放", item="口罩", qty=qty, target=target, **kw)  # type: ignore[arg-type]
        return supplies.create_campaign(s, spec).code


def _receive(db: Database, qty: int, item: str = "口罩") -> None:
    with db.session() as s:
        supplies.receive(s, item, qty, unit="个", source="爱心企业")


def test_receipt_issue_adjust_transfer_stocktake_sum_up(db: Database) -> None:
    _receive(db, 100)
    with db.session() as s:
        supplies.issue(s, "口罩", 30, reason="卡点值守")
        supplies.adjust(s, "口罩", -5, reason="破损")
        supplies.transfer(s, "口罩", 20, from_point="社区仓库", to_point="3栋取货点")
        supplies.stocktake(s, "口罩", 40)  # ledger says 45 at the warehouse
    assert _on_hand(db, "口罩") == 60
    with db.reading() as s:
        assert supplies.on_hand(s, supplies.get_item(s, "口罩").id) == 60
        assert supplies.verify_balances(s) == []
        total = s.scalar(select(func.sum(SupplyMovement.qty)))
        kinds = [r.kind for r in supplies.ledger(s)]
    assert total == 60
    assert kinds == ["stocktake", "transfer_in", "transfer_out", "adjustment", "issue", "receipt"]


@pytest.mark.parametrize("bad", [0, -1, "abc", "1.5", 10_000_000, None])
def test_absurd_quantities_refused(db: Database, bad: object) -> None:
    with pytest.raises(InvalidInput), db.session() as s:
        supplies.receive(s, "口罩", bad, source="x")
    with db.reading() as s:
        assert supplies.stock(s) == []


def test_issue_beyond_stock_refused_and_stock_unchanged(db: Database) -> None:
    _receive(db, 5)
    with pytest.raises(InvalidInput, match="库存不足"), db.session() as s:
        supplies.issue(s, "口罩", 6, reason="x")
    with pytest.raises(InvalidInput), db.session() as s:
        supplies.adjust(s, "口罩", -6, reason="盘亏")
    with pytest.raises(InvalidInput), db.session() as s:
        supplies.transfer(s, "口罩", 6, from_point="社区仓库", to_point="别处")
    assert _on_hand(db, "口罩") == 5


def test_database_refuses_negative_even_past_the_operation(db: Database) -> None:
    """A movement written straight to the table, skipping every check, still cannot take stock
    below zero: the trigger-kept balance's CHECK stops it and nothing is written."""
    _receive(db, 5)
    with db.reading() as s:
        item_id = supplies.get_item(s, "口罩").id
        point_id = supplies.ensure_point(s).id
    with pytest.raises(IntegrityError), db.session() as s:
        s.add(
            SupplyMovement(
                item_id=item_id, point_id=point_id, kind="issue", qty=-6, actor="x", at=utcnow()
            )
        )
        s.flush()
    # nor through raw SQL; nor can a movement be edited afterwards
    with pytest.raises(IntegrityError), db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO supply_movement (uuid, origin, seq, created_at, updated_at, item_id,"
                " point_id, kind, qty, at, actor) VALUES ('u', 'o', 1, '2026-01-01', '2026-01-01',"
                " :i, :p, 'adjustment', -99, '2026-01-01', 'x')"
            ),
            {"i": item_id, "p": point_id},
        )
    with pytest.raises(IntegrityError), db.engine.begin() as conn:
        conn.execute(text("UPDATE supply_movement SET qty = 500"))
    with pytest.raises(IntegrityError), db.engine.begin() as conn:
        conn.execute(text("UPDATE supply_balance SET on_hand = -1"))
    assert _on_hand(db, "口罩") == 5
    with db.reading() as s:
        assert supplies.verify_balances(s) == []


def test_campaign_preview_shows_shortfall_and_vulnerable_first(demo_db: Database) -> None:
    db = demo_db
    _receive(db, 10)
    spec = CampaignSpec(name="口罩", item="口罩", qty=2, target="all")
    with db.reading() as s:
        preview = supplies.preview_campaign(s, spec)
    n = len(_households(db))
    assert preview.households == n
    assert preview.needed == 2 * n
    assert preview.on_hand == 10
    assert preview.shortfall == 2 * n - 10
    assert preview.covered_households == 5
    with db.reading() as s:
        from app.db.models_supplies import SupplyCampaign

        assert s.scalar(select(func.count()).select_from(SupplyCampaign)) == 0  # nothing written
    code = _campaign(db, target="all")
    with db.reading() as s:
        ranks = s.execute(
            select(SupplyAllocation.vulnerable)
            .join(supplies.SupplyCampaign)
            .where(supplies.SupplyCampaign.code == code)
            .order_by(SupplyAllocation.rank)
        ).scalars()
        flags = list(ranks)
    assert any(flags) and flags == sorted(flags, reverse=True)


def test_per_person_and_size_rules_and_cap(demo_db: Database) -> None:
    db = demo_db
    _receive(db, 10)
    with db.reading() as s:
        hh = supplies.preview_campaign(
            s, CampaignSpec(name="x", item="口罩", qty=1, per="household")
        )
        person = supplies.preview_campaign(
            s, CampaignSpec(name="x", item="口罩", qty=1, per="person")
        )
        size = supplies.preview_campaign(s, CampaignSpec(name="x", item="口罩", qty=1, per="size"))
        capped = supplies.preview_campaign(
            s, CampaignSpec(name="x", item="口罩", qty=3, per="person", max_per_household=3)
        )
        residents = s.scalar(
            select(func.count()).where(Resident.status == "active", Resident.deleted_at.is_(None))
        )
    assert person.needed == residents
    assert hh.needed < size.needed < person.needed
    assert capped.needed == 3 * hh.households


def test_delivery_once_target_and_stock(demo_db: Database) -> None:
    db = demo_db
    b1 = _households(db, "1")
    outside = next(h for h in _households(db) if h not in b1)
    _receive(db, 5)
    code = _campaign(db)
    with db.session() as s:
        got = supplies.deliver(s, code, b1[0])
    assert got.qty == 2 and got.on_hand_after == 3
    with pytest.raises(AlreadyDone), db.session() as s:
        supplies.deliver(s, code, b1[0])
    with pytest.raises(InvalidInput, match="不在"), db.session() as s:
        supplies.deliver(s, code, outside)
    with db.session() as s:
        supplies.deliver(s, code, b1[1])
    with pytest.raises(InvalidInput, match="库存不足"), db.session() as s:
        supplies.deliver(s, code, b1[2])
    assert _on_hand(db, "口罩") == 1
    with pytest.raises(InvalidInput), db.session() as s:
        supplies.deliver(s, code, "99-9-999")
    # by household code too (what the barcode carries)
    _receive(db, 10)
    with db.reading() as s:
        hcode = s.scalar(select(Household.code).where(Household.address_code == b1[2]))
    assert hcode is not None
    with db.session() as s:
        assert supplies.deliver(s, code, hcode.lower()).address_code == b1[2]
    with db.reading() as s:
        undelivered = supplies.undelivered(s, code)
    assert {r.address_code for r in undelivered} == set(b1[3:])
    assert _on_hand(db, "口罩") == 9


def test_double_delivery_refused_by_the_constraint_itself(demo_db: Database) -> None:
    db = demo_db
    _receive(db, 50)
    code = _campaign(db)
    h = _households(db, "1")[0]
    with db.session() as s:
        supplies.deliver(s, code, h)
    with db.reading() as s:
        d = s.scalars(select(SupplyDelivery)).one()
        values = {
            "campaign_id": d.campaign_id,
            "household_id": d.household_id,
            "movement_id": d.movement_id,
            "qty": 2,
            "delivered_by": "x",
        }
    with pytest.raises(IntegrityError), db.session() as s:
        s.execute(insert(SupplyDelivery), [values])
    with pytest.raises(IntegrityError), db.session() as s:
        s.add(SupplyDelivery(**values))
        s.flush()
    with db.reading() as s:
        assert s.scalar(select(func.count()).select_from(SupplyDelivery)) == 1


def test_expired_item_refused(demo_db: Database) -> None:
    db = demo_db
    with db.session() as s:
        supplies.receive(
            s,
            "消毒液",
            10,
            unit="瓶",
            source="采购",
            source_kind="purchase",
            expires_on=date.today() + timedelta(days=1),
        )
    with db.session() as s:
        code = supplies.create_campaign(
            s, CampaignSpec(name="消毒液", item="消毒液", qty=1, target="building:1")
        ).code
    with db.session() as s:
        s.execute(update(supplies.SupplyItem).values(expires_on=date.today() - timedelta(days=1)))
    h = _households(db, "1")[0]
    with pytest.raises(InvalidInput, match="过期"), db.session() as s:
        supplies.deliver(s, code, h)
    with pytest.raises(InvalidInput, match="过期"), db.session() as s:
        supplies.issue(s, "消毒液", 1, reason="x")
    assert _on_hand(db, "消毒液") == 10
    with db.session() as s:
        assert supplies.write_off_expired(s, "消毒液") == 10
    assert _on_hand(db, "消毒液") == 0


def test_targets_grid_tag_list(demo_db: Database) -> None:
    db = demo_db
    _receive(db, 1000)
    with db.reading() as s:
        grid_code, grid_id = s.execute(text("SELECT code, id FROM grid LIMIT 1")).one()
        in_grid = set(
            s.scalars(
                select(Household.id).where(
                    Household.grid_id == grid_id,
                    Household.id.in_(
                        select(Resident.household_id).where(Resident.status == "active")
                    ),
                )
            )
        )
        tagged = set(
            s.scalars(
                select(Resident.household_id).where(
                    Resident.tags.like("%,独居老人,%"), Resident.status == "active"
                )
            )
        )
    for target, expected in ((f"grid:{grid_code}", in_grid), ("tag:独居老人", tagged)):
        with db.session() as s:
            code = supplies.create_campaign(
                s, CampaignSpec(name="t", item="口罩", qty=1, target=target)
            ).code
        with db.reading() as s:
            got = set(
                s.scalars(
                    select(SupplyAllocation.household_id)
                    .join(supplies.SupplyCampaign)
                    .where(supplies.SupplyCampaign.code == code)
                )
            )
        assert got == expected and got
    two = _households(db)[:2]
    with db.session() as s:
        result = supplies.create_campaign(
            s, CampaignSpec(name="t", item="口罩", qty=1, target="list:" + ",".join(two))
        )
    assert result.preview.households == 2
    with pytest.raises(InvalidInput), db.session() as s:
        supplies.create_campaign(s, CampaignSpec(name="t", item="口罩", qty=1, target="planet:x"))


def test_min_days_since_last_receipt(demo_db: Database) -> None:
    db = demo_db
    _receive(db, 100)
    code = _campaign(db, qty=1)
    h = _households(db, "1")
    with db.session() as s:
        supplies.deliver(s, code, h[0])
    with db.reading() as s:
        p = supplies.preview_campaign(
            s, CampaignSpec(name="again", item="口罩", qty=1, target="building:1", min_days_since=7)
        )
    assert p.households == len(h) - 1


def test_needs_list_exports_xlsx(demo_db: Database, tmp_path: Path) -> None:
    db = demo_db
    _receive(db, 3)
    code = _campaign(db)
    with db.session() as s:
        supplies.deliver(s, code, _households(db, "1")[0])
    with db.reading() as s:
        needs = supplies.needs_list(s)
    b1 = len(_households(db, "1"))
    assert len(needs.households) == b1 - 1
    assert needs.items[0].shortage == 2 * (b1 - 1) - 1
    out = supplies.export_needs(needs, tmp_path / "needs.xlsx")
    from app.core.spreadsheet import read_table

    table = read_table(out, "物资缺口")
    assert "口罩" in str(table)
    with pytest.raises(InvalidInput):
        supplies.export_needs(needs, tmp_path / "needs.csv")


def test_balance_table_is_sum_of_movements(db: Database) -> None:
    _receive(db, 7)
    with db.reading() as s:
        assert s.scalar(select(func.sum(SupplyBalance.on_hand))) == 7


def test_signoff_sheets_per_building_with_barcodes(demo_db: Database, tmp_path: Path) -> None:
    from app.core import supplies_print

    db = demo_db
    _receive(db, 10)
    code = _campaign(db, target="all")
    with db.reading() as s:
        data = supplies_print.signoff_data(s, code, "幸福里社区")
        only = supplies_print.signoff_data(s, code, "幸福里社区", building="1")
    assert len(data.rows) == len(_households(db))
    assert {r.address_code for r in only.rows} == set(_households(db, "1"))
    assert all("*" in r.head for r in data.rows if len(r.head) > 1)  # names masked
    out = supplies_print.write_signoff_pdf(data, tmp_path / "signoff.pdf")
    body = out.read_bytes()
    assert body.startswith(b"%PDF") and body.count(b"/Type /Page\n") >= len(
        {r.building for r in data.rows}
    )
    assert not list(tmp_path.glob("*.partial"))
