"""The street overview's 逾期阈值 control: the street office's late threshold shown, changed with the
spin box, saved as its setting (the CLI and the report see it), and every overview open counts
again with it: a community whose package is 30 hours old is 逾期 after 24 hours, 正常 after 48."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from sqlalchemy import select, update

from app.core.street.communities import get_late_after
from app.db.models_exchange import ExchangePackage
from app.ui.models.street_model import CommunitiesModel
from app.ui.pages.street import StreetOverviewPanel
from tests.core.exchange_offices import (  # noqa: F401  (fixtures)
    COMMUNITY,
    export_to,
    import_into,
    offices,
    template,
)


def open_panel(qtbot, ctx) -> StreetOverviewPanel:
    panel = StreetOverviewPanel(ctx)
    qtbot.addWidget(panel)
    with qtbot.wait_signal(panel.filled, timeout=10_000):
        panel.show()
    return panel


def state_of(panel: StreetOverviewPanel, code: str) -> str:
    model = panel.model
    row = next(r for r in range(model.rowCount()) if model.rows[r].code == code)
    return str(model.data(model.index(row, CommunitiesModel.COL_STATE)))


def test_the_late_threshold_is_set_on_the_overview(qtbot, make_ctx, offices, tmp_path: Path):  # noqa: F811
    c, s = offices["C"], offices["S"]
    import_into(s, export_to(c, tmp_path / "usb"))
    with s.db.session() as session:  # the package was made 30 hours ago
        made = session.scalar(
            select(ExchangePackage.created_at).where(ExchangePackage.direction == "in")
        )
        session.execute(
            update(ExchangePackage)
            .where(ExchangePackage.direction == "in")
            .values(created_at=made - timedelta(hours=30))
        )
    ctx = make_ctx(s.datadir)
    panel, other = open_panel(qtbot, ctx), open_panel(qtbot, ctx)  # as on 首页 and 数据交换
    assert panel.late_after.value() == 24 and panel.late_after.suffix() == " 小时"
    assert "超过 24 小时未收到数据包" in panel.note.text()
    assert state_of(panel, COMMUNITY) == "逾期"
    assert "共 2 个社区，逾期 2 个" in panel.summary.text()
    index = panel.model.index(0, CommunitiesModel.COL_STATE)
    assert "24 小时" in str(panel.model.data(index, Qt.ItemDataRole.ToolTipRole))

    with (
        qtbot.wait_signal(panel.filled, timeout=10_000),
        qtbot.wait_signal(other.filled, timeout=10_000),
    ):
        panel.late_after.setValue(48)
    with s.db.reading() as session:
        assert get_late_after(session) == 48
    for p in (panel, other):
        assert state_of(p, COMMUNITY) == "正常"
        assert "超过 48 小时未收到数据包" in p.note.text()
        assert "逾期 1 个" in p.summary.text()  # the community that never sent anything
    assert other.late_after.value() == 48

    # typed hours count when Enter is pressed, not at every keystroke
    panel.late_after.selectAll()
    qtbot.keyClicks(panel.late_after, "12")
    with s.db.reading() as session:
        assert get_late_after(session) == 48
    with qtbot.wait_signal(panel.filled, timeout=10_000):
        qtbot.keyClick(panel.late_after, Qt.Key.Key_Return)
    assert state_of(panel, COMMUNITY) == "逾期"
    with s.db.reading() as session:
        assert get_late_after(session) == 12
    # a new panel (the window opened again) starts from the saved value
    assert open_panel(qtbot, ctx).late_after.value() == 12
    ctx.tasks.wait(-1)


def test_the_visits_cell_counts_a_communitys_visits(
    qtbot,
    qtmodeltester,
    make_ctx,
    offices,  # noqa: F811
    tmp_path: Path,
):
    """The 随访 cell: today's visits recorded of those due, missed, needs help — bold when any
    was missed or needs help, the tooltip saying what each number is."""
    from datetime import date, datetime

    from app.core.requests import visits

    c, s = offices["C"], offices["S"]
    with c.db.session(note="test") as session:
        visits.make_plan(session, "living-alone", "独居老人")  # from today, 09:00 each day
        today = visits.visits_due(session, date.today())
        visits.record_visit(session, today[0].id, "reached", now=datetime.now())
        visits.record_visit(session, today[1].id, "needs-help", now=datetime.now())
    import_into(s, export_to(c, tmp_path / "usb"))
    panel = open_panel(qtbot, make_ctx(s.datadir))
    model = panel.model
    assert model.headerData(CommunitiesModel.COL_VISITS, Qt.Orientation.Horizontal) == "随访"
    row = next(r for r in range(model.rowCount()) if model.rows[r].code == COMMUNITY)
    index = model.index(row, CommunitiesModel.COL_VISITS)
    missed = model.rows[row].visits.missed
    assert model.data(index) == f"今日 2/{len(today)} · 漏访 {missed} · 需帮助 1"
    assert model.data(index, Qt.ItemDataRole.FontRole).bold()
    tip = str(model.data(index, Qt.ItemDataRole.ToolTipRole))
    assert f"今日应随访 {len(today)} 人次，已记录 2 人次" in tip
    assert "执行中的随访计划 1 项" in tip
    assert "随访一栏" in panel.note.text()
    other = next(r for r in range(model.rowCount()) if model.rows[r].code != COMMUNITY)
    assert model.data(model.index(other, CommunitiesModel.COL_VISITS)) == "—"  # nothing arrived
    qtmodeltester.check(model)
    panel.ctx.tasks.wait(-1)
