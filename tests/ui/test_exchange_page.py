"""The 数据交换 page in both roles, on real offices enrolled through their key files: a community
compares fingerprints and trusts its street office, exports the day's package to a folder, sees it
unacknowledged until the receipt comes back; a street office imports several files at once (each
outcome in words, an unknown sender offered enrolment) and sees its communities side by side, the
late ones marked in words and bold, and saves the aggregated report."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QLabel, QMessageBox
from python_calamine import CalamineWorkbook

from app.core.exchange.enrolment import enroll, export_public, load_own_keys, read_enrolment
from app.core.exchange.receipts import write_receipts
from app.core.office.datadir import DataDir
from app.core.office.setup import init_office, open_office
from app.db.models_exchange import EnrolledOffice
from app.ui.main_window import MainWindow
from app.ui.models.exchange_models import OutcomeModel, SentModel
from app.ui.models.street_model import CommunitiesModel
from app.ui.pages.exchange import EnrolDialog, ExchangePage
from app.ui.pages.street import StreetOverviewPanel
from tests.core.exchange_offices import (  # noqa: F401  (fixtures)
    COMMUNITY,
    COMMUNITY2,
    STREET,
    export_to,
    import_into,
    offices,
    template,
)


def open_page(qtbot, ctx) -> ExchangePage:
    page = ExchangePage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    signal = page.overview.filled if page.overview is not None else page.sent_shown
    with qtbot.wait_signal(signal, timeout=10_000):
        page.show()
    return page


def texts(model, row: int) -> list[str]:
    return [model.data(model.index(row, c)) for c in range(model.columnCount())]


def test_community_trusts_its_street_office_after_comparing_fingerprints(
    qtbot,
    make_ctx,
    offices,  # noqa: F811
    tmp_path: Path,
):
    s = offices["S"]
    street_pub, street_fp = export_public(s.datadir, s.info, tmp_path / "street.pub")
    fresh = DataDir(tmp_path / "fresh")
    init_office(fresh, "community", "420106001009", "新建社区", STREET)
    ctx = make_ctx(fresh)
    page = open_page(qtbot, ctx)
    own = load_own_keys(fresh).fingerprint
    shown = " ".join(label.text() for label in page.findChildren(QLabel))
    assert own in shown and "尚未信任街道办" in page.trusted_label.text()

    dialog = page.enrol_from(street_pub)
    assert isinstance(dialog, EnrolDialog) and dialog.isVisible()
    assert dialog.name_label.text() == "办公室S" and dialog.code_label.text() == STREET
    assert dialog.fingerprint.text() == street_fp
    # trusting waits for the comparison to be confirmed
    assert not dialog.trust_button.isEnabled()
    qtbot.keyClick(dialog.confirm, Qt.Key.Key_Space)
    assert dialog.trust_button.isEnabled()
    with qtbot.wait_signal(page.enrolled, timeout=10_000) as blocker:
        qtbot.mouseClick(dialog.trust_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [STREET]
    with ctx.db.reading() as session:
        trusted = session.get(EnrolledOffice, STREET)
        assert trusted is not None and trusted.fingerprint == street_fp
    qtbot.wait_until(lambda: street_fp in page.trusted_label.text(), timeout=10_000)
    assert "已登记" in page.result.text()


def test_cancelled_comparison_trusts_nothing(qtbot, make_ctx, offices, tmp_path: Path):  # noqa: F811
    s = offices["S"]
    street_pub, _fp = export_public(s.datadir, s.info, tmp_path / "street.pub")
    fresh = DataDir(tmp_path / "fresh")
    init_office(fresh, "community", "420106001009", "新建社区", STREET)
    ctx = make_ctx(fresh)
    page = open_page(qtbot, ctx)
    dialog = page.enrol_from(street_pub)
    assert dialog is not None
    dialog.reject()
    qtbot.wait(50)
    with ctx.db.reading() as session:
        assert session.get(EnrolledOffice, STREET) is None


def test_a_street_office_refuses_a_community_not_under_it_before_any_comparison(
    qtbot,
    make_ctx,
    offices,  # noqa: F811
    tmp_path: Path,
):
    c, s2 = offices["C"], offices["S2"]
    community_pub, _fp = export_public(c.datadir, c.info, tmp_path / "c.pub")
    ctx = make_ctx(s2.datadir)
    page = open_page(qtbot, ctx)
    assert page.enrol_from(community_pub) is None  # no fingerprint to compare: refused at once
    boxes = [b for b in page.findChildren(QMessageBox) if b.isVisible()]
    assert len(boxes) == 1
    assert COMMUNITY in boxes[0].text() and "不属于本街道办" in boxes[0].text()
    with ctx.db.reading() as session:
        assert session.get(EnrolledOffice, COMMUNITY) is None
    # the community may trust that street office, and the dialog says it is not under it
    street2_pub, _fp = export_public(s2.datadir, s2.info, tmp_path / "s2.pub")
    dialog = open_page(qtbot, make_ctx(c.datadir)).enrol_from(street2_pub)
    assert dialog is not None and dialog.warning is not None
    assert "不属于该街道办" in dialog.warning
    assert any(dialog.warning == label.text() for label in dialog.findChildren(QLabel))
    dialog.reject()


def test_community_exports_and_sees_the_receipt(qtbot, make_ctx, offices, tmp_path: Path):  # noqa: F811
    c, s = offices["C"], offices["S"]
    ctx = make_ctx(c.datadir)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    assert "尚未导出" in window.export_label.text()
    page = window.open_area("exchange")
    assert isinstance(page, ExchangePage)
    qtbot.wait_until(lambda: "办公室S" in page.trusted_label.text(), timeout=10_000)
    stick = tmp_path / "U盘"
    stick.mkdir()
    with qtbot.wait_signal(page.exported, timeout=30_000) as blocker:
        page.export_to(stick)
    result = blocker.args[0]
    assert result.path.parent == stick and result.path.is_file()
    assert result.path.name in page.result.text() and "第 1 号" in page.result.text()
    assert f"{result.records:,}" in page.result.text() and "居民 300" in page.result.text()
    assert result.path.name in window.export_label.text()
    qtbot.wait_until(lambda: page.sent_model.rowCount() == 1, timeout=10_000)
    row = texts(page.sent_model, 0)
    assert row[SentModel.COL_STATE] == "未确认收到" and row[SentModel.COL_TO] == "办公室S"
    index = page.sent_model.index(0, SentModel.COL_STATE)
    assert page.sent_model.data(index, Qt.ItemDataRole.FontRole).bold()
    assert page.resend_button.isEnabled()
    # the unacknowledged package written again, byte for byte
    again = tmp_path / "again"
    again.mkdir()
    page.resend_to(again)
    qtbot.wait_until(lambda: (again / result.path.name).is_file(), timeout=10_000)
    assert (again / result.path.name).read_bytes() == result.path.read_bytes()

    import_into(s, result.path)
    receipt = write_receipts(s.db, s.datadir, s.info, tmp_path)[0]
    with qtbot.wait_signal(page.receipt_imported, timeout=10_000):
        page.import_receipt(receipt)
    assert "确认收到数据包：1" in page.result.text()
    qtbot.wait_until(
        lambda: texts(page.sent_model, 0)[SentModel.COL_STATE].startswith("已收到"),
        timeout=10_000,
    )
    qtbot.wait_until(lambda: not page.resend_button.isEnabled(), timeout=10_000)
    ctx.tasks.wait(-1)


def test_street_office_imports_several_files_and_sees_its_communities(
    qtbot,
    make_ctx,
    offices,  # noqa: F811
    tmp_path: Path,
):
    c, s = offices["C"], offices["S"]
    first = export_to(c, tmp_path / "usb")
    # a community the street office has never enrolled
    stranger = DataDir(tmp_path / "stranger")
    init_office(stranger, "community", "420106001099", "江南社区", STREET)
    db, info = open_office(stranger)
    try:
        with db.session() as session:
            enroll(
                session,
                info,
                read_enrolment(export_public(s.datadir, s.info, tmp_path / "s.pub")[0]),
            )
        from app.core.exchange.packages import export_package

        foreign = export_package(db, stranger, info, tmp_path / "usb2").path
    finally:
        db.dispose()

    ctx = make_ctx(s.datadir)
    page = open_page(qtbot, ctx)
    assert page.tabs.currentWidget() is page.overview
    assert page.tabs.tabText(0) == "各社区"
    model = page.overview.model
    assert model.rowCount() == 2
    assert all(texts(model, r)[CommunitiesModel.COL_STATE] == "逾期" for r in range(2))

    page.tabs.setCurrentIndex(1)
    with qtbot.wait_signal(page.imported, timeout=30_000) as blocker:
        page.import_files([foreign, first, first])
    outcomes = blocker.args[0]
    states = {(o.path.name, o.state) for o in outcomes}
    assert (first.name, "imported") in states and (first.name, "already") in states
    assert (foreign.name, "refused") in states
    shown = [texts(page.outcome_model, r) for r in range(page.outcome_model.rowCount())]
    words = [r[OutcomeModel.COL_STATE] for r in shown]
    assert sorted(words) == sorted(["已导入", "此前已导入", "拒收"])
    refused = next(r for r in shown if r[OutcomeModel.COL_STATE] == "拒收")
    assert "未登记" in refused[OutcomeModel.COL_MESSAGE] and "江南社区" in refused[1]
    assert "已导入 1 个，此前已导入 1 个，拒收 1 个" in page.result.text()
    # the unknown sender: an offer to enrol it
    assert page.offer_box is not None and page.offer_box.isVisible()
    assert "江南社区" in page.offer_box.text()
    page.offer_box.reject()

    # the overview, filled from the imported package
    page.tabs.setCurrentIndex(0)
    qtbot.wait_until(
        lambda: texts(model, 0)[CommunitiesModel.COL_RESIDENTS] == "300", timeout=10_000
    )
    row_c = texts(model, 0)
    assert row_c[CommunitiesModel.COL_NAME] == "办公室C"
    tip = Qt.ItemDataRole.ToolTipRole
    assert model.data(model.index(0, CommunitiesModel.COL_NAME), tip) == f"机构代码 {COMMUNITY}"
    assert "数据包生成于 " in model.data(model.index(0, CommunitiesModel.COL_AGE), tip)
    assert row_c[CommunitiesModel.COL_PACKAGE] == "第 1 号"
    assert row_c[CommunitiesModel.COL_STATE] == "正常"
    assert row_c[CommunitiesModel.COL_REQUESTS] == "0"  # no request sent yet
    late = texts(model, 1)
    assert late[CommunitiesModel.COL_NAME] == "办公室C2"
    assert model.data(model.index(1, CommunitiesModel.COL_NAME), tip) == f"机构代码 {COMMUNITY2}"
    assert late[CommunitiesModel.COL_STATE] == "逾期"
    assert late[CommunitiesModel.COL_AGE] == "尚未收到"
    assert late[CommunitiesModel.COL_RESIDENTS] == "—"
    for col in (CommunitiesModel.COL_NAME, CommunitiesModel.COL_STATE):
        assert model.data(model.index(1, col), Qt.ItemDataRole.FontRole).bold()
        assert model.data(model.index(0, col), Qt.ItemDataRole.FontRole) is None
    assert "共 2 个社区，逾期 1 个" in page.overview.summary.text()

    # the aggregated report as .xlsx
    out = tmp_path / "汇总.xlsx"
    with qtbot.wait_signal(page.overview.xlsx_saved, timeout=30_000):
        page.overview.save_xlsx(out)
    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_name("各社区汇总").to_python()
    assert [r[0] for r in rows[5:]] == ["办公室C", "办公室C2", "合计"]
    ctx.tasks.wait(-1)


def test_pdf_preview_of_the_aggregated_report(qtbot, make_ctx, offices, tmp_path: Path):  # noqa: F811
    c, s = offices["C"], offices["S"]
    import_into(s, export_to(c, tmp_path / "usb"))
    ctx = make_ctx(s.datadir)
    panel = StreetOverviewPanel(ctx)
    qtbot.addWidget(panel)
    with qtbot.wait_signal(panel.filled, timeout=10_000):
        panel.show()
    panel.make_pdf()
    qtbot.wait_until(lambda: panel.preview_dialog is not None, timeout=30_000)
    dialog = panel.preview_dialog
    assert dialog.document.pageCount() >= 1
    saved = dialog.save_to(tmp_path / "汇总.pdf")
    assert saved is not None and saved.read_bytes().startswith(b"%PDF")
    dialog.close()
    ctx.tasks.wait(-1)


def test_the_table_models_pass_the_model_tester(qtmodeltester, make_ctx, offices, tmp_path):  # noqa: F811
    c, s = offices["C"], offices["S"]
    import_into(s, export_to(c, tmp_path / "usb"))
    from app.core.street.communities import street_overview

    with s.db.reading() as session:
        overview = street_overview(session)
    model = CommunitiesModel()
    model.set_rows(overview.rows)
    qtmodeltester.check(model)
    assert not model.index(0, 0).parent().isValid() and model.rowCount(QModelIndex()) == 2
    qtmodeltester.check(SentModel())
    qtmodeltester.check(OutcomeModel("zh"))


def test_street_office_home_shows_its_communities(qtbot, make_ctx, offices, tmp_path):  # noqa: F811
    c, s = offices["C"], offices["S"]
    import_into(s, export_to(c, tmp_path / "usb"))
    ctx = make_ctx(s.datadir)
    window = MainWindow(ctx)
    qtbot.addWidget(window, before_close_func=lambda _w: ctx.tasks.wait(-1))
    window.show()
    panel = window.home.street_overview
    assert isinstance(panel, StreetOverviewPanel)
    qtbot.wait_until(lambda: panel.model.rowCount() == 2, timeout=10_000)
    assert texts(panel.model, 0)[CommunitiesModel.COL_RESIDENTS] == "300"
    assert texts(panel.model, 1)[CommunitiesModel.COL_STATE] == "逾期"
    # a community's own 首页 has no such section
    own = make_ctx(c.datadir)
    community = MainWindow(own)
    qtbot.addWidget(community, before_close_func=lambda _w: own.tasks.wait(-1))
    community.show()
    qtbot.wait_until(lambda: community.home.meeting_todo is not None, timeout=10_000)
    assert community.home.street_overview is None
