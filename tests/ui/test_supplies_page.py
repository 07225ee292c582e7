"""The 物资 page: stock and ledger shown, a campaign planned with a preview, and delivered by
simulated scanner input (the code typed, then Enter) with answers in colour and words."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton
from sqlalchemy import func, select

from app.core.supplies import campaigns, deliveries
from app.core.supplies import ledger as supplies
from app.db.models import Household, Resident
from app.db.models_supplies import SupplyAllocation, SupplyCampaignItem
from app.ui.main_window import MainWindow
from app.ui.pages.supplies.dialogs import PlanDialog
from app.ui.pages.supplies.page import SuppliesPage


@pytest.fixture
def window(qtbot, demo_ctx):
    with demo_ctx.db.session() as s:
        supplies.receive(s, "口罩", 5, unit="个", source="爱心企业")
    win = MainWindow(demo_ctx)
    qtbot.addWidget(win)
    with qtbot.wait_signal(win.home.filled, timeout=10_000):
        win.show()
    return win


def open_page(qtbot, window) -> SuppliesPage:
    page = window.open_area("supplies")
    assert isinstance(page, SuppliesPage)
    qtbot.wait_until(lambda: page.stock_table.rowCount() > 0, timeout=10_000)
    return page


def scan(qtbot, page: SuppliesPage, code: str) -> tuple[str, str]:
    with qtbot.wait_signal(page.scanned, timeout=10_000) as blocker:
        qtbot.keyClicks(page.scan, code)
        qtbot.keyClick(page.scan, Qt.Key.Key_Return)
    return blocker.args[0], blocker.args[1]


def test_stock_plan_and_scan_a_campaign(qtbot, window, demo_ctx):
    page = open_page(qtbot, window)
    assert page.stock_table.item(0, 0).text() == "口罩"
    assert page.stock_table.item(0, 2).text() == "5"
    assert page.ledger_table.item(0, 3).text() == "入库"

    with demo_ctx.db.reading() as s:
        homes = list(
            s.scalars(
                select(Household.address_code)
                .where(Household.id.in_(select(Resident.household_id)))
                .order_by(Household.id)
            )
        )
        barcode = s.scalar(select(Household.code).where(Household.address_code == homes[1]))

    dialog = PlanDialog(demo_ctx, ["口罩"], page)
    qtbot.addWidget(dialog)
    dialog.name.setText("口罩发放")
    dialog.qty.setValue(2)
    with qtbot.wait_signal(dialog.preview_shown, timeout=10_000) as blocker:
        dialog.preview_button.click()
    preview = blocker.args[0]
    assert preview.households == len(homes) and preview.shortfall == 2 * len(homes) - 5
    assert "缺口" in dialog.preview_label.text()
    assert page.campaign_box.count() == 0  # a preview writes nothing

    with qtbot.wait_signal(page.loaded, timeout=10_000):
        page.create_campaign(dialog.spec())
    assert page.campaign_box.count() == 1 and page.current_campaign() == "SC0001"
    qtbot.wait_until(lambda: page.households_table.rowCount() == len(homes), timeout=10_000)
    assert f"未领取 {len(homes)}" in page.undelivered_label.text()

    window.activateWindow()
    page.scan.setFocus()
    state, text = scan(qtbot, page, homes[0])
    assert state == "ok" and homes[0] in text and "已发放" in text
    assert page.scan.text() == ""
    state, text = scan(qtbot, page, homes[0])
    assert state == "again" and "已领取" in text
    state, text = scan(qtbot, page, barcode)  # the barcode carries the household code
    assert state == "ok" and homes[1] in text
    state, text = scan(qtbot, page, homes[2])
    assert state == "refused" and "库存不足" in text
    state, text = scan(qtbot, page, "99-9-999")
    assert state == "refused" and "找不到" in text
    assert page.answer.text() == "✖ " + text.removeprefix("✖ ")
    assert page.scan.hasFocus()

    qtbot.wait_until(lambda: page.stock_table.item(0, 2).text() == "1", timeout=10_000)
    qtbot.wait_until(
        lambda: f"未领取 {len(homes) - 2} 户" in page.undelivered_label.text(), timeout=10_000
    )
    page.only_undelivered.setChecked(True)  # the end-of-day list
    assert page.households_table.rowCount() == len(homes) - 2
    assert page.campaign_table.item(0, 4).text() == f"2 / {len(homes)}"


def _row_of(page: SuppliesPage, address: str) -> int:
    table = page.households_table
    return next(r for r in range(table.rowCount()) if table.item(r, 2).text() == address)


def test_a_multi_item_campaign_by_scanner_and_by_ticking(qtbot, window, demo_ctx, monkeypatch):
    """米 + 油 + 口罩 per household: a scan issues all three; a tick records the same; a refusal
    names the item that is short and issues none; unticking asks, and puts the goods back."""
    with demo_ctx.db.session() as s:
        supplies.receive(s, "米", 10, unit="袋", source="爱心粮油")
        supplies.receive(s, "油", 2, unit="瓶", source="爱心粮油")
        supplies.receive(s, "口罩", 100, source="爱心企业")  # 105 with the fixture's 5
    page = open_page(qtbot, window)
    with demo_ctx.db.reading() as s:
        homes = list(
            s.scalars(
                select(Household.address_code)
                .where(Household.id.in_(select(Resident.household_id)))
                .order_by(Household.id)
            )
        )
        barcode = s.scalar(select(Household.code).where(Household.address_code == homes[0]))

    dialog = PlanDialog(demo_ctx, ["口罩", "米", "油"], page)
    qtbot.addWidget(dialog)
    dialog.name.setText("粮油口罩包")
    dialog.item.setCurrentText("米")
    dialog.qty.setValue(1)
    dialog.add_item("油", 1)
    dialog.add_item("口罩", 10)
    dialog.add_item("口罩", 1)
    dialog.more_rows[-1][3].findChildren(QPushButton)[0].click()  # 移除 the row added by mistake
    assert len(dialog.more_rows) == 2
    with qtbot.wait_signal(dialog.preview_shown, timeout=10_000) as blocker:
        dialog.preview_button.click()
    preview = blocker.args[0]
    assert [i.item for i in preview.items] == ["米", "油", "口罩"]
    assert preview.items[1].shortfall == len(homes) - 2 and preview.covered_households == 2
    assert "油：共需" in dialog.preview_label.text() and "缺口" in dialog.preview_label.text()

    with qtbot.wait_signal(page.loaded, timeout=10_000):
        page.create_campaign(dialog.spec())
    qtbot.wait_until(lambda: page.households_table.rowCount() == len(homes), timeout=10_000)
    assert page.campaign_table.item(0, 2).text() == "米、油、口罩"

    window.activateWindow()
    page.scan.setFocus()
    state, text = scan(qtbot, page, barcode)
    assert state == "ok" and "米 1袋、油 1瓶、口罩 10个" in text

    # tick the second household: recorded as a scan is, and shown with who and when
    qtbot.wait_until(lambda: "已领取 1 户" in page.undelivered_label.text(), timeout=10_000)
    cell = page.households_table.item(_row_of(page, homes[1]), 0)
    with qtbot.wait_signal(page.scanned, timeout=10_000) as blocker:
        cell.setCheckState(Qt.CheckState.Checked)
    assert blocker.args[0] == "ok" and homes[1] in blocker.args[1]
    qtbot.wait_until(lambda: "已领取 2 户" in page.undelivered_label.text(), timeout=10_000)
    row = _row_of(page, homes[1])
    assert page.households_table.item(row, 0).checkState() == Qt.CheckState.Checked
    assert "勾选" in page.households_table.item(row, 8).text()
    with demo_ctx.db.reading() as s:
        how = {r.address_code: r.how for r in deliveries.campaign_households(s, "SC0001")}
        stock = {r.item: r.on_hand for r in supplies.stock(s)}
    assert how[homes[0]] == "scan" and how[homes[1]] == "tick"
    assert stock == {"米": 8, "油": 0, "口罩": 85}

    # the oil has run out: a third tick is refused, names the oil, and nothing is issued
    cell = page.households_table.item(_row_of(page, homes[2]), 0)
    with qtbot.wait_signal(page.scanned, timeout=10_000) as blocker:
        cell.setCheckState(Qt.CheckState.Checked)
    assert (
        blocker.args[0] == "refused" and "油" in blocker.args[1] and "都未发放" in blocker.args[1]
    )
    assert page.households_table.item(_row_of(page, homes[2]), 0).checkState() == (
        Qt.CheckState.Unchecked
    )

    # unticking asks first; "no" changes nothing
    monkeypatch.setattr(page, "ask_undo_reason", lambda address: None)
    page.households_table.item(_row_of(page, homes[1]), 0).setCheckState(Qt.CheckState.Unchecked)
    qtbot.wait_until(  # the tick comes back once the change that asked has returned
        lambda: (
            page.households_table.item(_row_of(page, homes[1]), 0).checkState()
            == Qt.CheckState.Checked
        ),
        timeout=10_000,
    )
    with demo_ctx.db.reading() as s:
        assert {r.address_code: r.how for r in deliveries.campaign_households(s, "SC0001")}[
            homes[1]
        ] == "tick"  # still recorded as delivered
    monkeypatch.setattr(page, "ask_undo_reason", lambda address: "勾错了户")
    with qtbot.wait_signal(page.scanned, timeout=10_000) as blocker:
        page.households_table.item(_row_of(page, homes[1]), 0).setCheckState(
            Qt.CheckState.Unchecked
        )
    assert blocker.args[0] == "undone" and "油 1瓶" in blocker.args[1]
    qtbot.wait_until(lambda: "已领取 1 户" in page.undelivered_label.text(), timeout=10_000)
    with demo_ctx.db.reading() as s:
        stock = {r.item: r.on_hand for r in supplies.stock(s)}
    assert stock == {"米": 9, "油": 1, "口罩": 95}
    assert page.scan.hasFocus()


def test_each_item_of_a_campaign_has_its_own_cap(qtbot, window, demo_ctx):
    """米 2 per person at most 3, 油 1 per household, 口罩 3 per person at most 5: the caps typed
    next to each item hold in the preview, in the plan saved and in what a household receives."""
    with demo_ctx.db.session() as s:
        supplies.receive(s, "米", 5000, unit="袋", source="爱心粮油")
        supplies.receive(s, "油", 5000, unit="瓶", source="爱心粮油")
        supplies.receive(s, "口罩", 5000, source="爱心企业")
    page = open_page(qtbot, window)
    with demo_ctx.db.reading() as s:
        members = dict(
            s.execute(
                select(Household.address_code, func.count())
                .join(Resident, Resident.household_id == Household.id)
                .where(Resident.deleted_at.is_(None), Resident.status == "active")
                .group_by(Household.address_code)
            )
            .tuples()
            .all()
        )
    assert max(members.values()) >= 2  # the caps bite on the larger households
    rice = {h: min(2 * n, 3) for h, n in members.items()}
    masks = {h: min(3 * n, 5) for h, n in members.items()}

    dialog = PlanDialog(demo_ctx, ["口罩", "米", "油"], page)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.wait_until(dialog.isActiveWindow, timeout=5_000)
    # the first item's cap sits on the first item's line, labelled 上限 as the others are
    first_cap = next(lb for lb in dialog.findChildren(QLabel) if lb.buddy() is dialog.max)
    assert first_cap.text() == "上限" and dialog.max.text() == "不限"
    dialog.name.setText("粮油口罩包")
    dialog.item.setCurrentText("米")
    dialog.qty.setValue(2)
    dialog.per.setCurrentIndex(dialog.per.findData("person"))
    dialog.max.setValue(3)
    qtbot.mouseClick(dialog.add_item_button, Qt.MouseButton.LeftButton)
    oil = dialog.more_rows[-1]
    qtbot.wait_until(oil.item.hasFocus, timeout=5_000)  # ready for the next item's name
    assert oil.cap.text() == "不限"
    oil.item.setCurrentText("油")
    dialog.add_item("口罩", 3, "person", 5)
    with qtbot.wait_signal(dialog.preview_shown, timeout=10_000) as blocker:
        dialog.preview_button.click()
    preview = blocker.args[0]
    assert [(i.item, i.needed) for i in preview.items] == [
        ("米", sum(rice.values())),
        ("油", len(members)),
        ("口罩", sum(masks.values())),
    ]
    text = dialog.preview_label.text()
    assert f"米：共需 {sum(rice.values())}袋" in text
    assert f"口罩：共需 {sum(masks.values())}个" in text
    # three items previewed: the dialog still fits a 1366×768 screen
    dialog.adjustSize()
    assert dialog.width() <= 1366 and dialog.height() <= 700

    with qtbot.wait_signal(page.loaded, timeout=10_000):
        page.create_campaign(dialog.spec())
    with demo_ctx.db.reading() as s:
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
    assert planned == rice
    assert caps == [None, 5]
    assert [(m.item, m.planned_qty) for m in row.more] == [
        ("油", len(members)),
        ("口罩", sum(masks.values())),
    ]
    big = max(members, key=lambda h: members[h])
    window.activateWindow()
    page.scan.setFocus()
    state, said = scan(qtbot, page, big)
    assert state == "ok" and f"米 {rice[big]}袋、油 1瓶、口罩 {masks[big]}个" in said


def test_pickup_slips_from_the_window(qtbot, window, demo_ctx, tmp_path):
    import subprocess

    with demo_ctx.db.session() as s:
        supplies.receive(s, "米", 10, unit="袋", source="爱心粮油")
        code = campaigns.create_campaign(
            s,
            campaigns.CampaignSpec(
                name="米和口罩", item="米", qty=1, target="building:1",
                more=(campaigns.LineSpec("口罩", 2),),
            ),
        ).code  # fmt: skip
    page = open_page(qtbot, window)
    qtbot.wait_until(lambda: page.current_campaign() == code, timeout=10_000)
    out = tmp_path / "取货单.pdf"
    page.write_pickup_slips(code, out)
    qtbot.wait_until(lambda: "已生成取货单" in page.status.text(), timeout=20_000)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, check=True).stdout
    assert "物资取货单" in text.decode() and "米 1袋" in text.decode()
    assert page.scan.hasFocus()


def test_signoff_and_slips_go_where_the_clerk_chose(qtbot, window, demo_ctx, tmp_path, monkeypatch):
    """打印签收表 and 打印取货单: the file dialog proposes a name with the campaign's code, the
    paper is written where the clerk chose; with no campaign chosen both say so and ask nothing."""
    import subprocess

    from app.ui.pages.supplies import page as page_module

    asked: list[str] = []

    def choose(_parent, _settings, _title, proposed, *_args, **_kw):
        asked.append(proposed)
        return tmp_path / proposed

    monkeypatch.setattr(page_module, "save_file", choose)
    page = open_page(qtbot, window)
    page.campaign_box.setCurrentIndex(-1)
    page.print_signoff()
    page.print_pickup_slips()
    assert asked == [] and "请先选择一次发放" in page.scan_panel.answer.text()

    with demo_ctx.db.session() as s:
        code = campaigns.create_campaign(
            s, campaigns.CampaignSpec(name="口罩", item="口罩", qty=1, target="building:1")
        ).code
    page.reload()
    qtbot.wait_until(lambda: page.current_campaign() == code, timeout=10_000)
    page.print_signoff()
    qtbot.wait_until(lambda: "已生成签收表" in page.status.text(), timeout=20_000)
    page.print_pickup_slips()
    qtbot.wait_until(lambda: "已生成取货单" in page.status.text(), timeout=20_000)
    assert asked == [f"签收表-{code}.pdf", f"取货单-{code}.pdf"]
    for name in asked:
        text = subprocess.run(
            ["pdftotext", str(tmp_path / name), "-"], capture_output=True, check=True
        ).stdout.decode()
        assert "口罩" in text, name


def test_home_shows_the_distributions_under_way_and_what_is_short(qtbot, window, demo_ctx):
    """首页 · 物资: households served of those planned, and the items whose stock does not cover
    what is still to hand out — counted from the ledger and the plans, after each change."""
    from app.ui.pages.supplies.section import SuppliesSection

    section = window.home.supplies
    assert isinstance(section, SuppliesSection)
    qtbot.wait_until(lambda: "没有进行中的发放" in section.summary.text(), timeout=10_000)
    with demo_ctx.db.session() as s:
        created = campaigns.create_campaign(s, campaigns.CampaignSpec("口罩发放", "口罩", 1))
    with demo_ctx.db.reading() as s:
        planned = s.scalar(
            select(func.count())
            .select_from(SupplyAllocation)
            .where(SupplyAllocation.campaign_id == created.id)
        )
        first = s.scalar(
            select(Household.code)
            .join(SupplyAllocation, SupplyAllocation.household_id == Household.id)
            .where(SupplyAllocation.campaign_id == created.id)
            .order_by(SupplyAllocation.rank)
        )
    with qtbot.wait_signal(section.filled, timeout=10_000):
        section.refresh()
    assert f"进行中发放 1 项，已领 0 / {planned:,} 户" in section.summary.text()
    assert "库存不足 1 种" in section.summary.text()
    assert f"口罩 缺 {planned - 5:,}个" in section.detail.text()  # 5 in stock, 1 each

    with demo_ctx.db.session() as s:
        deliveries.deliver(s, created.code, first)
    with qtbot.wait_signal(section.filled, timeout=10_000):
        section.refresh()
    assert f"已领 1 / {planned:,} 户" in section.summary.text()
    assert f"口罩发放：已领 1 / {planned:,} 户" in section.detail.text()
    assert f"口罩 缺 {planned - 5:,}个" in section.detail.text()  # one handed out, one fewer needed
