"""Group purchase (团购) with published prices: a price rise beyond the threshold needs a reason and
is flagged, price history follows the chain of rounds, an order is unique per round, household and
package (held by the database itself), money adds up to the fen, bad input changes nothing, and
the price notice lists every package with its contents, price and the reason for each rise."""

from __future__ import annotations

import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.core.printing.notices import write_price_notice
from app.core.supplies import group_buy as gb
from app.core.supplies import group_buy_orders
from app.db.engine import Database
from app.db.models import Household, Resident
from app.db.models_group_buy import (
    GroupBuyOrder,
    GroupBuyPackage,
    GroupBuyPriceChange,
    GroupBuyRound,
)
from app.errors import AlreadyDone, InvalidInput

VEG = "A 蔬菜套餐"
GRAIN = "B 粮油套餐"


def homes(db: Database, n: int = 3) -> list[str]:
    with db.reading() as s:
        return list(
            s.scalars(
                select(Household.address_code)
                .where(Household.id.in_(select(Resident.household_id)))
                .order_by(Household.id)
                .limit(n)
            )
        )


def snapshot(db: Database) -> tuple[int, ...]:
    """Row counts and the sum of every money/count column: a refusal must leave all unchanged."""
    with db.reading() as s:
        return (
            s.scalar(select(func.count()).select_from(GroupBuyRound)) or 0,
            s.scalar(select(func.count()).select_from(GroupBuyPackage)) or 0,
            s.scalar(select(func.count()).select_from(GroupBuyPriceChange)) or 0,
            s.scalar(select(func.count()).select_from(GroupBuyOrder)) or 0,
            s.scalar(select(func.coalesce(func.sum(GroupBuyPackage.price_fen), 0))) or 0,
            s.scalar(select(func.coalesce(func.sum(GroupBuyOrder.count), 0))) or 0,
            s.scalar(select(func.count()).where(GroupBuyOrder.paid.is_(True))) or 0,
            s.scalar(select(func.count()).where(GroupBuyOrder.deleted_at.is_not(None))) or 0,
        )


@pytest.fixture
def two_rounds(demo_db: Database) -> Database:
    """Round 1 closed with two packages (30.00 and 39.80); round 2 open, packages copied."""
    with demo_db.session() as s:
        gb.open_round(s, "第1批")
        gb.add_package(s, VEG, "30.00", "中百仓储", "白菜 2kg; 土豆 1.5kg; 萝卜 1kg")
        gb.add_package(s, GRAIN, "39.80", "武商超市", "米 5kg；油 1L")
        gb.close_round(s)
    with demo_db.session() as s:
        result = gb.open_round(s, "第2批", copy_previous=True)
    assert result.copied == 2 and result.code == "TG0002"
    return demo_db


def test_money_is_read_exactly_in_fen() -> None:
    assert gb.parse_price("39.80") == 3980
    assert gb.parse_price("39.8") == 3980
    assert gb.parse_price("￥0.1") == 10
    assert gb.parse_price("0.29") == 29  # 0.29 * 100 is 28.999999999999996 as a float
    assert gb.yuan(3980) == "39.80" and gb.yuan(5) == "0.05"
    for bad, why in (
        ("-3", "大于零"),
        ("0", "大于零"),
        ("39.805", "两位小数"),
        ("100001", "过高"),
        ("abc", "应写成元"),
        ("", "应写成元"),
    ):
        with pytest.raises(InvalidInput, match=why):
            gb.parse_price(bad)


def test_contents_are_lines_of_item_quantity_unit() -> None:
    lines = gb.parse_contents("米 5kg; 油 1L\n鸡蛋 10个、白菜 1.5kg")
    assert [(c.item, c.qty, c.unit) for c in lines] == [
        ("米", "5", "kg"),
        ("油", "1", "L"),
        ("鸡蛋", "10", "个"),
        ("白菜", "1.5", "kg"),
    ]
    with pytest.raises(InvalidInput, match="名称 数量单位"):
        gb.parse_contents("一些蔬菜")
    with pytest.raises(InvalidInput, match="数量不合理"):
        gb.parse_contents("米 -5kg")
    with pytest.raises(InvalidInput, match="数量不合理"):
        gb.parse_contents("米 99999kg")


def test_a_rise_beyond_the_threshold_needs_a_reason_and_is_flagged(two_rounds: Database) -> None:
    db = two_rounds
    before = snapshot(db)
    with db.session() as s, pytest.raises(gb.PriceRiseNeedsReason) as refused:
        gb.edit_package(s, VEG, price="36.00")  # +20 % over 30.00
    assert "20.0%" in refused.value.zh and "原因" in refused.value.zh
    assert snapshot(db) == before

    with db.session() as s:
        ok = gb.edit_package(s, VEG, price="33.00")  # +10 %: at the threshold, no reason needed
    assert not ok.flagged and ok.reason is None
    with db.session() as s:
        r = gb.edit_package(s, VEG, price="36.00", reason="暴雨导致蔬菜减产，批发价上涨")
    assert r.flagged and r.reason == "暴雨导致蔬菜减产，批发价上涨"
    with db.reading() as s:
        rows = {p.name: p for p in gb.list_packages(s, gb.get_round(s))}
    assert rows[VEG].flagged and rows[VEG].change_pct == Decimal("20.0")
    assert rows[VEG].reason == "暴雨导致蔬菜减产，批发价上涨"
    assert not rows[GRAIN].flagged and rows[GRAIN].change_pct == Decimal("0.0")

    # back down: the flag goes; a stricter threshold applies to the next change
    with db.session() as s:
        assert not gb.edit_package(s, VEG, price="31.00").flagged
        gb.set_threshold(s, "3")
    with db.session() as s, pytest.raises(gb.PriceRiseNeedsReason):
        gb.edit_package(s, VEG, price="31.50")  # +5 % over 30.00


def test_the_database_refuses_a_flag_without_a_reason(two_rounds: Database) -> None:
    with two_rounds.session() as s, pytest.raises(IntegrityError):
        pkg = s.scalars(select(GroupBuyPackage).where(GroupBuyPackage.name == VEG)).first()
        assert pkg is not None
        pkg.flagged = True
        s.flush()


def test_a_new_package_named_as_last_rounds_is_linked_and_judged(demo_db: Database) -> None:
    with demo_db.session() as s:
        gb.open_round(s, "第1批")
        gb.add_package(s, "C 肉蛋套餐", "50", "中百仓储", "猪肉 1kg; 鸡蛋 10个")
        gb.close_round(s)
        gb.open_round(s, "第2批")  # nothing copied
    with demo_db.session() as s, pytest.raises(gb.PriceRiseNeedsReason):
        gb.add_package(s, "C 肉蛋套餐", "60", "中百仓储", "猪肉 1kg; 鸡蛋 10个")
    with demo_db.session() as s:
        r = gb.add_package(
            s, "C 肉蛋套餐", "60", "中百仓储", "猪肉 1kg; 鸡蛋 10个", reason="生猪收购价上涨"
        )
    assert r.previous_fen == 5000 and r.flagged


def test_price_history_follows_the_chain_of_rounds(two_rounds: Database) -> None:
    db = two_rounds
    with db.session() as s:
        gb.edit_package(s, VEG, price="35.00", reason="运费上涨")
        gb.close_round(s)
    with db.session() as s:
        gb.open_round(s, "第3批", copy_previous=True)
        gb.edit_package(s, VEG, price="32.00")
    with db.reading() as s:
        history = gb.price_history(s, VEG)
    assert [(h.round_name, h.price_fen) for h in history] == [
        ("第1批", 3000),
        ("第2批", 3500),
        ("第3批", 3200),
    ]
    assert history[0].change_pct is None
    assert history[1].change_pct == Decimal("16.7") and history[1].flagged
    assert history[1].reason == "运费上涨"
    assert history[2].change_pct == Decimal("-8.6") and not history[2].flagged
    # each round keeps its price changes: round 2 was copied at 30.00, then raised to 35.00
    assert [(old, new, why) for _at, old, new, why, _by in history[1].changes] == [
        (None, 3000, None),
        (3000, 3500, "运费上涨"),
    ]
    # the history of an earlier round's package stops at that round
    with db.reading() as s:
        assert [h.round_name for h in gb.price_history(s, VEG, "第2批")] == ["第1批", "第2批"]


def test_orders_change_cancel_and_come_back(two_rounds: Database) -> None:
    db = two_rounds
    a, b, _c = homes(db)
    with db.session() as s:
        assert group_buy_orders.place_order(s, a, VEG, 2).action == "added"
    with db.session() as s, pytest.raises(AlreadyDone):
        group_buy_orders.place_order(s, a, VEG, 2)
    with db.session() as s:
        r = group_buy_orders.place_order(s, a, VEG, "3")
    assert r.action == "changed" and r.amount_fen == 9000
    with db.session() as s:
        group_buy_orders.cancel_order(s, a, VEG, reason="住户不需要了")
    with db.reading() as s:
        assert group_buy_orders.list_orders(s, gb.get_round(s)) == []
    with db.session() as s:
        assert group_buy_orders.place_order(s, a, VEG, 1).action == "restored"
    with db.reading() as s:
        rows = group_buy_orders.list_orders(s, gb.get_round(s))
        one = s.scalar(select(func.count()).select_from(GroupBuyOrder))
    assert [(o.address_code, o.package, o.count) for o in rows] == [(a, VEG, 1)]
    assert one == 1  # the same row, not a second one
    with db.session() as s:
        group_buy_orders.place_order(s, b, GRAIN, 1)
        group_buy_orders.mark_delivered(s, b)
    with db.session() as s, pytest.raises(InvalidInput, match="已送达"):
        group_buy_orders.cancel_order(s, b, GRAIN)


def test_an_order_is_unique_by_constraint(two_rounds: Database) -> None:
    db = two_rounds
    a = homes(db, 1)[0]
    with db.session() as s:
        group_buy_orders.place_order(s, a, VEG, 1)
    with db.reading() as s:
        o = s.scalars(select(GroupBuyOrder)).one()
        values = {
            "round_id": o.round_id,
            "household_id": o.household_id,
            "package_id": o.package_id,
        }
    # a second row for the same round, household and package, written past the operations
    with db.session() as s, pytest.raises(IntegrityError, match="UNIQUE"):
        s.add(GroupBuyOrder(count=2, **values))
        s.flush()
    # even when the first order was cancelled: ordering again brings the same row back
    with db.session() as s:
        group_buy_orders.cancel_order(s, a, VEG)
    with db.session() as s, pytest.raises(IntegrityError, match="UNIQUE"):
        s.add(GroupBuyOrder(count=2, **values))
        s.flush()


def test_totals_per_package_and_round_are_exact(two_rounds: Database) -> None:
    db = two_rounds
    a, b, c = homes(db)
    with db.session() as s:
        gb.edit_package(s, GRAIN, price="0.29")  # a price whose float arithmetic drifts
        group_buy_orders.place_order(s, a, VEG, 3)
        group_buy_orders.place_order(s, a, GRAIN, 7)
        group_buy_orders.place_order(s, b, GRAIN, 3)
        group_buy_orders.place_order(s, c, VEG, 1)
        group_buy_orders.mark_paid(s, a, method="wechat")
        group_buy_orders.mark_paid(
            s, c, VEG, amount="25.50", method="cash"
        )  # a discount agreed at the door
    with db.reading() as s:
        t = group_buy_orders.round_totals(s, gb.get_round(s))
    by = {p.name: p for p in t.packages}
    assert (by[VEG].count, by[VEG].amount_fen, by[VEG].households) == (4, 12000, 2)
    assert (by[GRAIN].count, by[GRAIN].amount_fen) == (10, 290)
    assert by[VEG].paid_fen == 9000 + 2550 and by[GRAIN].paid_fen == 203
    assert (t.households, t.count, t.amount_fen, t.paid_fen) == (3, 14, 12290, 11753)
    assert t.unpaid_households == 1 and t.undelivered_households == 3
    assert gb.yuan(t.amount_fen) == "122.90"
    with db.session() as s, pytest.raises(AlreadyDone):
        group_buy_orders.mark_paid(s, a)


def test_supplier_and_building_lists(two_rounds: Database, tmp_path: Path) -> None:
    from python_calamine import CalamineWorkbook

    db = two_rounds
    a, b, _c = homes(db)
    with db.session() as s:
        group_buy_orders.place_order(s, a, VEG, 2)
        group_buy_orders.place_order(s, b, VEG, 1)
        group_buy_orders.place_order(s, b, GRAIN, 4)
    with db.reading() as s:
        rnd = gb.get_round(s)
        lines = group_buy_orders.supplier_list(s, rnd)
        buildings = group_buy_orders.delivery_by_building(s, rnd)
        out = group_buy_orders.export_supplier_xlsx(s, rnd, tmp_path / "订货单.xlsx")
    assert [(x.supplier, x.package, x.count) for x in lines] == [
        ("中百仓储", VEG, 3),
        ("武商超市", GRAIN, 4),
    ]
    assert sum(len(b.orders) for b in buildings) == 3
    book = CalamineWorkbook.from_path(str(out))
    sheet = book.get_sheet_by_name("供应商订货单").to_python()
    assert sheet[2][:2] == ["中百仓储", VEG] and sheet[2][4] == 3
    assert sheet[-1][0] == "合计" and sheet[-1][5] == pytest.approx(3 * 30 + 4 * 39.80)
    delivery = book.get_sheet_by_name("按楼栋配送").to_python()
    assert {row[1] for row in delivery[1:]} == {a, b}


def test_bad_input_leaves_the_database_unchanged(two_rounds: Database) -> None:
    db = two_rounds
    a = homes(db, 1)[0]
    with db.session() as s:
        group_buy_orders.place_order(s, a, VEG, 1)
    before = snapshot(db)
    attempts = [
        (lambda s: group_buy_orders.place_order(s, a, VEG, -2), "大于零"),
        (lambda s: group_buy_orders.place_order(s, a, VEG, 0), "大于零"),
        (lambda s: group_buy_orders.place_order(s, a, VEG, 5000), "过大"),
        (lambda s: group_buy_orders.place_order(s, a, VEG, "两份"), "正整数"),
        (lambda s: group_buy_orders.place_order(s, "99-9-999", VEG, 1), "找不到住户"),
        (lambda s: group_buy_orders.place_order(s, a, "不存在的套餐", 1), "没有套餐"),
        (lambda s: gb.add_package(s, "D", "-1", "x", "米 1kg"), "大于零"),
        (lambda s: gb.add_package(s, "D", "1000000", "x", "米 1kg"), "过高"),
        (lambda s: gb.add_package(s, "D", "10", "", "米 1kg"), "供应商"),
        (lambda s: gb.add_package(s, "D", "10", "x", ""), "内容"),
        (lambda s: gb.add_package(s, VEG, "10", "x", "米 1kg"), "已有套餐"),
        (lambda s: group_buy_orders.mark_paid(s, a, method="bitcoin"), "付款方式"),
        (lambda s: group_buy_orders.mark_paid(s, a, amount="-5"), "大于零"),
        (lambda s: gb.open_round(s, "第3批"), "仍在进行"),
        (lambda s: gb.set_threshold(s, "-5"), "0 到 1000"),
    ]
    for attempt, why in attempts:
        with db.session() as s, pytest.raises(InvalidInput, match=why):
            attempt(s)
        assert snapshot(db) == before, why


def test_a_closed_round_refuses_changes(two_rounds: Database) -> None:
    db = two_rounds
    a = homes(db, 1)[0]
    with db.session() as s:
        gb.close_round(s)
    before = snapshot(db)
    for attempt in (
        lambda s: group_buy_orders.place_order(s, a, VEG, 1),
        lambda s: gb.edit_package(s, VEG, price="31"),
        lambda s: gb.add_package(s, "D", "10", "x", "米 1kg"),
    ):
        with db.session() as s, pytest.raises(InvalidInput, match="已结束"):
            attempt(s)
    assert snapshot(db) == before


def _pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_the_price_notice_lists_every_package_and_each_rise_with_its_reason(
    two_rounds: Database, tmp_path: Path
) -> None:
    db = two_rounds
    with db.session() as s:
        gb.edit_package(s, VEG, price="39.80", reason="暴雨导致蔬菜减产")
        gb.add_package(s, "C 肉蛋套餐", "58.50", "武商超市", "猪肉 1kg; 鸡蛋 10个")
    with db.reading() as s:
        out = write_price_notice(s, tmp_path / "公示.pdf")
    text = _pdf_text(out)
    flat = "".join(text.split())
    assert "团购价格公示" in flat and "第2批" in flat
    assert "中百仓储、武商超市" in flat  # the suppliers are named in the text
    for expected in ("白菜2kg", "土豆1.5kg", "萝卜1kg", "米5kg", "油1L", "猪肉1kg", "鸡蛋10个"):
        assert expected in flat, expected
    for price in ("39.80", "58.50"):
        assert price in flat
    assert "新增" in flat and "持平" in flat  # C is new; B unchanged
    assert "【涨价】" in flat and "+32.7%" in flat  # in the table's 较上批 column
    assert "“A蔬菜套餐”由上批30.00元涨至39.80元（+32.7%），原因：暴雨导致蔬菜减产" in flat


def test_the_price_template_uses_the_current_round(two_rounds: Database, tmp_path: Path) -> None:
    """`print notices --template price` without its own 内容 lists the round's packages; with
    one, it prints what it was given."""
    from app.core.printing import notice_pdf, notice_targets, notices

    db = two_rounds
    with db.reading() as s:
        result = notices.print_notices(
            s,
            "price",
            notice_targets.Target("copies", copies=1),
            notice_pdf.NoticeLayout(),
            notices.NoticeValues(),
            tmp_path / "p.pdf",
        )
        assert result.path is not None
        flat = "".join(_pdf_text(result.path).split())
        assert "米5kg" in flat and "39.80" in flat and "第2批" in flat
        own = notices.print_notices(
            s,
            "price",
            notice_targets.Target("copies", copies=1),
            notice_pdf.NoticeLayout(),
            notices.NoticeValues(content="套餐|价格\n自定套餐|10 元", supplier="某超市"),
            tmp_path / "q.pdf",
        )
        assert own.path is not None
        flat = "".join(_pdf_text(own.path).split())
        assert "自定套餐" in flat and "米5kg" not in flat


def test_group_buy_on_postgresql(pg_db: Database) -> None:
    """The same rules on a street office's PostgreSQL: the flag needs its reason, one order per
    round, household and package, exact totals."""
    from app.core.office.demo import fill_demo

    with pg_db.session(note="demo") as session:
        fill_demo(session, 40)
    with pg_db.session() as s:
        gb.open_round(s, "第1批")
        gb.add_package(s, VEG, "30.00", "中百仓储", "白菜 2kg")
        gb.close_round(s)
        gb.open_round(s, "第2批", copy_previous=True)
    with pg_db.session() as s, pytest.raises(gb.PriceRiseNeedsReason):
        gb.edit_package(s, VEG, price="40")
    with pg_db.session() as s:
        assert gb.edit_package(s, VEG, price="40", reason="运费上涨").flagged
    a = homes(pg_db, 1)[0]
    with pg_db.session() as s:
        group_buy_orders.place_order(s, a, VEG, 3)
        group_buy_orders.mark_paid(s, a)
    with pg_db.reading() as s:
        o = s.scalars(select(GroupBuyOrder)).one()
        values = {
            "round_id": o.round_id,
            "household_id": o.household_id,
            "package_id": o.package_id,
        }
        t = group_buy_orders.round_totals(s, gb.get_round(s))
    assert (t.amount_fen, t.paid_fen) == (12000, 12000)
    with pg_db.session() as s, pytest.raises(IntegrityError):
        s.add(GroupBuyOrder(count=1, **values))
        s.flush()
    with pg_db.session() as s, pytest.raises(IntegrityError):
        pkg = s.scalars(select(GroupBuyPackage).where(GroupBuyPackage.flagged.is_(False))).first()
        assert pkg is not None
        pkg.flagged = True
        s.flush()


def test_group_buy_travels_to_the_street_office(offices, tmp_path: Path) -> None:
    """Rounds, packages (with the chain to the previous round), price changes and orders reach
    the street office under the community's origin, and later changes follow."""
    from tests.core.exchange_offices import COMMUNITY, export_to, import_into

    c, s = offices["C"], offices["S"]
    a = homes(c.db, 1)[0]
    with c.db.session() as session:
        gb.open_round(session, "第1批")
        gb.add_package(session, VEG, "30.00", "中百仓储", "白菜 2kg")
        gb.close_round(session)
        gb.open_round(session, "第2批", copy_previous=True)
        gb.edit_package(session, VEG, price="36.00", reason="暴雨减产")
        group_buy_orders.place_order(session, a, VEG, 2)
    import_into(s, export_to(c, tmp_path / "usb"))
    with c.db.session() as session:
        group_buy_orders.mark_paid(session, a)
    import_into(s, export_to(c, tmp_path / "usb"))
    with s.db.reading() as session:
        pkgs = session.scalars(
            select(GroupBuyPackage)
            .where(GroupBuyPackage.origin == COMMUNITY)
            .order_by(GroupBuyPackage.id)
        ).all()
        assert [p.price_fen for p in pkgs] == [3000, 3600]
        assert pkgs[1].previous_id == pkgs[0].id and pkgs[1].rise_reason == "暴雨减产"
        order = session.scalars(select(GroupBuyOrder)).one()
        assert order.origin == COMMUNITY and order.paid and order.paid_fen == 7200
