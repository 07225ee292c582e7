"""The directives panel (embedded by the 数据交换 page): a street office writes a notice and an
allocation and follows each community's state; a community confirms the allocation's arrival
(stock rises) and the street office sees it after the packages have gone both ways."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.core.common.changes import Change
from app.core.exchange.returns import export_return_packages
from app.core.supplies import ledger
from app.ui.pages.directives import DirectivesPanel
from tests.core.exchange_offices import (  # noqa: F401  (fixtures)
    COMMUNITY,
    COMMUNITY2,
    export_to,
    import_into,
    offices,
    template,
)
from tests.ui.conftest import type_chinese


def open_panel(qtbot, ctx) -> DirectivesPanel:
    panel = DirectivesPanel(ctx)
    qtbot.addWidget(panel)
    with qtbot.wait_signal(panel.loaded, timeout=10_000):
        panel.show()
    return panel


def column(table, col: int) -> list[str]:
    return [table.item(r, col).text() for r in range(table.rowCount())]


@pytest.fixture
def contexts(make_ctx, offices):  # noqa: F811
    """The street office's and the community's contexts, alive until the widgets are gone."""
    return {key: make_ctx(offices[key].datadir) for key in ("S", "C")}


@pytest.fixture
def panels(qtbot, contexts):
    """Both panels, open until the test's teardown (as inside the window)."""
    return {key: open_panel(qtbot, ctx) for key, ctx in contexts.items()}


def test_street_office_and_community_panels(qtbot, contexts, panels, offices, tmp_path: Path):  # noqa: F811
    s, c = offices["S"], offices["C"]
    street, community = panels["S"], panels["C"]
    assert community.empty.isVisible() and "回传包" in community.empty.text()
    # nothing yet: the empty state says what to do
    assert street.empty.isVisible() and not street.table.isVisible()
    assert [street.to.itemData(i) for i in range(street.to.count())] == [
        "all",
        COMMUNITY,
        COMMUNITY2,
    ]
    # a notice to all
    type_chinese(street.title, "明日核酸检测安排")
    type_chinese(street.text, "请组织居民明早 8 点到广场检测。")
    with qtbot.wait_signal(street.loaded, timeout=10_000):
        qtbot.mouseClick(street.add_button, Qt.MouseButton.LeftButton)
    assert column(street.table, 2) == ["明日核酸检测安排"]
    assert column(street.state_table, 2) == ["待发出", "待发出"]
    assert "已登记" in street.form_answer.text()
    assert street.title.text() == ""
    # an allocation to C
    street.kind.setCurrentIndex(street.kind.findData("allocation"))
    assert street.alloc_row.isEnabled() and not street.task_row.isEnabled()
    street.to.setCurrentIndex(street.to.findData(COMMUNITY))
    type_chinese(street.item, "N95口罩")
    street.qty.setValue(120)
    with qtbot.wait_signal(street.loaded, timeout=10_000):
        qtbot.mouseClick(street.add_button, Qt.MouseButton.LeftButton)
    assert column(street.table, 2) == ["调拨 N95口罩 120个", "明日核酸检测安排"]
    assert column(street.table, 4)[0] == "N95口罩 120个"

    # the return packages go out; the community imports its own
    with qtbot.wait_signal(street.loaded, timeout=10_000):
        street.export_return(str(tmp_path / "usb"))  # the 写出回传包 button, folder chosen
    assert "已写出 2 个回传包" in street.export_label.text()
    package = tmp_path / "usb" / f"{s.info.code}-{COMMUNITY}-000001.gdpkg"
    assert package.name in street.export_label.text()
    import_into(c, package)
    assert column(street.table, 5) == ["已发出 1", "已发出 2"]

    with qtbot.wait_signal(community.loaded, timeout=10_000):
        contexts["C"].changed.emit(Change.EXCHANGE)  # as the 数据交换 page does after an import
    assert column(community.table, 5) == ["待办", "已收到"]
    community.table.selectRow(1)  # the notice: nothing to answer
    assert not community.complete_button.isEnabled()
    assert not community.arrival_button.isEnabled()
    assert "8 点到广场" in community.detail.text()
    community.table.selectRow(0)
    assert community.arrival_button.isEnabled() and not community.complete_button.isEnabled()
    with c.db.reading() as session:
        before = sum(r.on_hand for r in ledger.stock(session) if r.item == "N95口罩")
    with qtbot.wait_signal(community.loaded, timeout=10_000):
        community.confirm_selected(qty=118)
    assert column(community.table, 5)[0] == "已到货"
    assert not community.arrival_button.isEnabled()
    assert "到货 118个" in community.detail.text()
    with c.db.reading() as session:
        after = sum(r.on_hand for r in ledger.stock(session) if r.item == "N95口罩")
    assert after == before + 118

    # the community's package brings the answer to the street office
    import_into(s, export_to(c, tmp_path / "usb2"))
    with qtbot.wait_signal(street.loaded, timeout=10_000):
        street.reload()
    street.table.selectRow(0)
    assert column(street.state_table, 2) == ["已到货"]
    assert column(street.state_table, 4) == ["118"]
    assert column(street.table, 5)[0] == "已到货 1"


def test_community_completes_a_task_with_the_button(
    qtbot,
    contexts,
    panels,
    offices,  # noqa: F811
    tmp_path: Path,
    monkeypatch,
):
    from PySide6.QtWidgets import QInputDialog

    from app.core.street import directives as dv

    s, c = offices["S"], offices["C"]
    with s.db.session() as session:
        dv.add_directive(session, s.info, dv.DirectiveSpec("task", COMMUNITY, "", "排查独居老人"))
    sent = export_return_packages(s.db, s.datadir, s.info, tmp_path / "usb", to=COMMUNITY)
    import_into(c, sent[0].path)
    community = panels["C"]
    with qtbot.wait_signal(community.loaded, timeout=10_000):
        contexts["C"].changed.emit(Change.EXCHANGE)
    community.table.selectRow(0)
    assert community.complete_button.isEnabled() and not community.arrival_button.isEnabled()
    asked = []

    def answer(*args: object) -> tuple[str, bool]:
        asked.append(args[2])
        return "已走访 12 户", True

    monkeypatch.setattr(QInputDialog, "getText", answer)
    with qtbot.wait_signal(community.loaded, timeout=10_000):
        qtbot.mouseClick(community.complete_button, Qt.MouseButton.LeftButton)
    assert "排查独居老人" in str(asked[0])
    assert column(community.table, 5) == ["已完成"]
    assert "已走访 12 户" in community.detail.text()
    assert not community.complete_button.isEnabled()


def test_community_takes_back_an_arrival_with_the_button(
    qtbot,
    contexts,
    panels,
    offices,  # noqa: F811
    tmp_path: Path,
):
    """撤回回复: the dialog names the stock that goes out again and will not go on without a
    reason; a refusal (the goods already handed out) shows in the dialog, which stays open; then
    the allocation is open again, the stock is back and it can be confirmed again."""
    from PySide6.QtWidgets import QDialogButtonBox

    from app.core.street import directives as dv

    s, c = offices["S"], offices["C"]
    with s.db.session() as session:
        dv.add_directive(
            session, s.info, dv.DirectiveSpec("allocation", COMMUNITY, "", "", item="大米", qty=40)
        )
    sent = export_return_packages(s.db, s.datadir, s.info, tmp_path / "usb", to=COMMUNITY)
    import_into(c, sent[0].path)
    community = panels["C"]
    with qtbot.wait_signal(community.loaded, timeout=10_000):
        contexts["C"].changed.emit(Change.EXCHANGE)
    community.table.selectRow(0)
    assert not community.undo_button.isEnabled()  # nothing recorded yet
    with qtbot.wait_signal(community.loaded, timeout=10_000):
        community.confirm_selected(qty=400)  # 40 meant
    assert column(community.table, 5) == ["已到货"]
    assert community.undo_button.isEnabled()

    def rice() -> int:
        with c.db.reading() as session:
            return sum(r.on_hand for r in ledger.stock(session) if r.item == "大米")

    assert rice() == 400
    with c.db.session() as session:
        ledger.issue(session, "大米", 395, reason="发往卡点")

    qtbot.mouseClick(community.undo_button, Qt.MouseButton.LeftButton)
    dialog = community.undo_dialog
    assert dialog is not None and dialog.isVisible()
    assert "调拨 大米 40个" in dialog.question.text() and "400个大米" in dialog.question.text()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.text() == "撤回回复" and not ok.isEnabled()  # the reason is required
    type_chinese(dialog.reason, "数量多打了一个 0")
    assert ok.isEnabled()
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.wait_until(lambda: dialog.error.isVisible(), timeout=10_000)
    assert "仅剩 5个" in dialog.error.text()
    assert dialog.isVisible() and rice() == 5

    with c.db.session() as session:  # the goods came back from the checkpoint
        ledger.adjust(session, "大米", 395, reason="卡点退回")
    with qtbot.wait_signal(community.loaded, timeout=10_000):
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert rice() == 0
    assert column(community.table, 5) == ["待办"]
    assert "库存冲减 400个大米" in community.feedback.text()
    assert not community.undo_button.isEnabled()
    assert community.arrival_button.isEnabled()
    with qtbot.wait_signal(community.loaded, timeout=10_000):
        community.confirm_selected(qty=40)
    assert column(community.table, 5) == ["已到货"] and rice() == 40


def test_community_takes_back_a_task_ticked_by_mistake(
    qtbot,
    contexts,
    panels,
    offices,  # noqa: F811
    tmp_path: Path,
):
    from PySide6.QtWidgets import QDialogButtonBox

    from app.core.street import directives as dv

    s, c = offices["S"], offices["C"]
    with s.db.session() as session:
        dv.add_directive(session, s.info, dv.DirectiveSpec("task", COMMUNITY, "", "排查独居老人"))
    sent = export_return_packages(s.db, s.datadir, s.info, tmp_path / "usb", to=COMMUNITY)
    import_into(c, sent[0].path)
    community = panels["C"]
    with qtbot.wait_signal(community.loaded, timeout=10_000):
        contexts["C"].changed.emit(Change.EXCHANGE)
    community.table.selectRow(0)
    with qtbot.wait_signal(community.loaded, timeout=10_000):
        community.complete_selected(note="")
    assert column(community.table, 5) == ["已完成"]
    dialog = community.undo_selected()
    assert dialog is not None and "排查独居老人" in dialog.question.text()
    assert "库存" not in dialog.question.text()
    # Cancel: nothing changes
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert column(community.table, 5) == ["已完成"]
    dialog = community.undo_selected()
    assert dialog is not None
    type_chinese(dialog.reason, "误点完成")
    with qtbot.wait_signal(community.loaded, timeout=10_000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert column(community.table, 5) == ["待办"]
    assert community.complete_button.isEnabled()
    assert "已撤回任务“排查独居老人”的完成登记" in community.feedback.text()
