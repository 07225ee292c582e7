"""诉求 as a clerk uses it: a call taken by keyboard (the caller's address typed, the household
picked from the registry's type-ahead, a digit for the category, a line of text, Enter), assigned
to a grid, finished with an outcome (refused without one, in the dialog), called back, and the
figures moving; a follow-up visit recorded as needing help becomes a request."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from app.core.requests import requests as core
from app.db.models import Household, Resident
from app.ui.pages.requests.dialogs import (
    AssignDialog,
    CallbackDialog,
    RequestDialog,
    TextStepDialog,
)
from app.ui.pages.requests.page import RequestsPage
from tests.ui.conftest import type_chinese
from tests.ui.signed_in import (  # noqa: F401
    STAFF,
    STAFF_PASSWORD,
    VIEWER,
    VIEWER_PASSWORD,
    office,
    signed_ctx,
)


@pytest.fixture
def page(qtbot, demo_ctx) -> RequestsPage:
    page = RequestsPage(demo_ctx)
    qtbot.addWidget(page, before_close_func=lambda _w: demo_ctx.tasks.wait(-1))
    page.resize(1190, 680)
    with qtbot.wait_signal(page.loaded, timeout=10_000):
        page.show()
    return page


def _household(ctx) -> tuple[int, str]:
    with ctx.db.reading() as s:
        hid, address = s.execute(
            select(Household.id, Household.address_code)
            .where(Household.id.in_(select(Resident.household_id)))
            .where(Household.grid_id.is_not(None))
            .order_by(Household.id)
            .limit(1)
        ).one()
    return hid, address


def _figures(ctx) -> dict:
    from app.core.requests import figures

    with ctx.db.reading() as s:
        return figures.accountability(s)


def _submit(qtbot, page: RequestsPage, dialog) -> None:
    with qtbot.wait_signal(page.loaded, timeout=10_000):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)


def test_a_call_taken_assigned_finished_and_called_back(qtbot, page, demo_ctx):
    household_id, address = _household(demo_ctx)
    before = _figures(demo_ctx)

    # the call: Ctrl+N, the address typed, Enter picks the household, 1 = 就医用药, text, Enter
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = page.dialog
    assert isinstance(dialog, RequestDialog) and dialog.isVisible()
    qtbot.wait_until(lambda: QApplication.focusWidget() is dialog.finder.field, timeout=3_000)
    assert "匿名" in dialog.anonymous_note.text()  # no household yet: it says so
    qtbot.keyClicks(dialog.finder.field, address)
    qtbot.wait_until(lambda: dialog.finder.results.count() > 0, timeout=5_000)
    assert address in dialog.finder.results.item(0).text()
    qtbot.keyClick(dialog.finder.field, Qt.Key.Key_Return)
    assert dialog.finder.household_id == household_id
    assert not dialog.anonymous_note.isVisible()
    assert QApplication.focusWidget() is dialog.category
    qtbot.keyClick(dialog.category, Qt.Key.Key_1)
    assert dialog.category.current() == "medical"
    assert QApplication.focusWidget() is dialog.text
    type_chinese(dialog.text, "胰岛素快用完了需要代购")
    with qtbot.wait_signal(dialog.saved, timeout=10_000) as saved:
        qtbot.keyClick(dialog.text, Qt.Key.Key_Return)
    row = saved.args[0]
    assert row.household_id == household_id and row.category == "medical"
    qtbot.wait_until(lambda: page.selected_id() == row.id, timeout=10_000)
    assert page.details.fields["text"].text() == "胰岛素快用完了需要代购"
    assert page.details.fields["status"].text() == "已登记"
    assert _figures(demo_ctx)["received"] == before["received"] + 1

    # 派单 to the household's grid: Enter on the request opens the step it waits for
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assign = page.dialog
    assert isinstance(assign, AssignDialog) and assign.isVisible()
    assert assign.to.currentData() == ("grid", row.grid_code)
    _submit(qtbot, page, assign)
    assert page.selected_row().status == "assigned"
    assert page.details.fields["grid"].text() == row.grid_code

    # 办结 without an outcome: refused in the dialog, nothing changed
    finish = page.finish()
    assert isinstance(finish, TextStepDialog)
    qtbot.mouseClick(finish.ok, Qt.MouseButton.LeftButton)
    assert finish.isVisible() and finish.error.isVisible()
    assert "办理结果" in finish.error.text()
    with demo_ctx.db.reading() as s:
        assert core.request_row(s, row.id).status == "assigned"
    type_chinese(finish.words, "已代购胰岛素并送到家")
    _submit(qtbot, page, finish)
    assert not finish.isVisible()
    assert page.selected_row().status == "done"
    assert page.details.fields["outcome"].text() == "已代购胰岛素并送到家"
    assert page.callback_action.isEnabled() and not page.finish_action.isEnabled()

    # 回访: satisfied
    callback = page.callback()
    assert isinstance(callback, CallbackDialog)
    qtbot.mouseClick(callback.ok, Qt.MouseButton.LeftButton)
    assert callback.error.isVisible()  # neither yes nor no chosen
    callback.yes.setChecked(True)
    _submit(qtbot, page, callback)
    assert page.selected_row().status == "confirmed"
    assert page.details.fields["callback"].text() == "满意"
    assert page.details.history.count() >= 4

    after = _figures(demo_ctx)
    assert after["done"] == before["done"] + 1
    assert after["satisfied"] == before["satisfied"] + 1

    # the 统计 tab shows them
    with qtbot.wait_signal(page.figures.loaded, timeout=10_000):
        page.tabs.setCurrentWidget(page.figures)
    assert f"受理 {after['received']:,} 件" in page.figures.summary.text()
    assert page.figures.model.rowCount() >= 1


def test_an_anonymous_call_is_allowed_and_said(qtbot, page, demo_ctx):
    dialog = page.add_request()
    assert dialog.anonymous_note.isVisible()
    qtbot.keyClick(dialog.finder.field, Qt.Key.Key_5, Qt.KeyboardModifier.AltModifier)
    assert dialog.category.current() == "repair"
    # without text: refused, said in the dialog
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "诉求内容" in dialog.error.text()
    type_chinese(dialog.text, "楼道灯坏了")
    with qtbot.wait_signal(dialog.saved, timeout=10_000) as saved:
        qtbot.keyClick(dialog.text, Qt.Key.Key_Return)
    assert saved.args[0].anonymous
    qtbot.wait_until(lambda: page.selected_id() == saved.args[0].id, timeout=10_000)
    assert page.details.fields["household"].text() == "匿名"


def test_overdue_requests_stand_out(qtbot, page, demo_ctx):
    from datetime import datetime, timedelta

    with demo_ctx.db.session() as s:
        old = core.log_request(s, "supplies", "米没有了", now=datetime.now() - timedelta(days=5))
    page.reload()
    row = page.model.row_of(old.id)
    assert row >= 0
    due = page.model.index(row, 8)
    assert "超期" in page.model.data(due)
    assert page.model.data(due, Qt.ItemDataRole.FontRole).bold()
    page.overdue_box.setChecked(True)
    assert page.model.rowCount() == 1


def test_a_visit_recorded_as_needing_help_makes_a_request(qtbot, page, demo_ctx):
    from app.core.requests import visits

    with demo_ctx.db.session() as s:
        visits.make_plan(s, "living-alone", "独居老人")
    with qtbot.wait_signal(page.visits.loaded, timeout=10_000):
        page.tabs.setCurrentWidget(page.visits)
    assert page.visits.model.rowCount() > 0
    assert page.visits.plans_model.rowCount() == 1
    visit = page.visits.selected()
    assert visit is not None and visit.outcome is None
    type_chinese(page.visits.note, "没有降压药了")
    with qtbot.wait_signal(page.visits.recorded, timeout=10_000) as recorded:
        qtbot.mouseClick(page.visits.buttons["needs-help"], Qt.MouseButton.LeftButton)
    row, request_id = recorded.args
    assert row.id == visit.id and request_id is not None
    assert "紧急诉求" in page.visits.answer.text()
    with demo_ctx.db.reading() as s:
        made = core.request_row(s, request_id)
    assert made.priority == "urgent" and made.category == "care"
    qtbot.wait_until(lambda: page.model.row_of(request_id) >= 0, timeout=10_000)
    # the visit now shows its outcome; a second record is not offered
    qtbot.wait_until(lambda: page.visits.model.rowCount() > 0, timeout=10_000)
    assert date.today()  # the day's list, kept


def test_the_household_view_lists_its_requests(qtbot, demo_ctx):
    from app.ui.registry_dialogs import HouseholdDialog

    household_id, _address = _household(demo_ctx)
    with demo_ctx.db.session() as s:
        made = core.log_request(s, "medical", "需要降压药", household_id=household_id)
    dialog = HouseholdDialog(demo_ctx, household_id)
    qtbot.addWidget(dialog)
    texts = [dialog.activity.list.item(i).text() for i in range(dialog.activity.list.count())]
    assert any(f"#{made.id}" in t and "需要降压药" in t for t in texts), texts


def test_the_meeting_editor_puts_overdue_requests_on_the_agenda(qtbot, demo_ctx):
    from datetime import datetime, timedelta

    from app.ui.pages.meeting_editor import MeetingEditorDialog

    household_id, address = _household(demo_ctx)
    with demo_ctx.db.session() as s:
        late = core.log_request(
            s,
            "sanitation",
            "垃圾三天没清运",
            household_id=household_id,
            now=datetime.now() - timedelta(days=6),
        )
        core.log_request(s, "inquiry", "问核酸时间")  # not overdue: not listed
    editor = MeetingEditorDialog(demo_ctx, [], None)
    qtbot.addWidget(editor)
    editor.agenda.setPlainText("疫情防控工作部署")
    picker = editor.add_overdue_requests()
    assert picker.list.count() == 1
    with qtbot.wait_signal(picker.accepted):
        picker.accept()
    lines = editor.agenda.toPlainText().splitlines()
    assert lines[0] == "疫情防控工作部署"
    assert lines[1].startswith(f"诉求 #{late.id} 环境卫生（{address}）：垃圾三天没清运（已超期")


def test_home_shows_the_requests_figures(qtbot, demo_ctx):
    from datetime import datetime, timedelta

    from app.ui.pages.home import HomePage

    with demo_ctx.db.session() as s:
        core.log_request(s, "supplies", "米没有了", now=datetime.now() - timedelta(days=5))
        core.log_request(s, "medical", "要量血压", priority="urgent")
    home = HomePage(demo_ctx)
    qtbot.addWidget(home, before_close_func=lambda _w: demo_ctx.tasks.wait(-1))
    home.refresh()
    section = home.requests
    assert section is not None
    qtbot.wait_until(lambda: section.counts is not None, timeout=10_000)  # type: ignore[attr-defined]
    text = section.summary.text()  # type: ignore[attr-defined]
    assert text.startswith("未办结 2 件（超期 1，紧急 1）；今日受理 1"), text


def test_slips_printed_and_scanned_back(qtbot, page, demo_ctx):
    from app.core.requests.slips import slip_code
    from app.ui.print_preview import PdfPreviewDialog

    household_id, _address = _household(demo_ctx)
    with demo_ctx.db.session() as s:
        made = core.log_request(s, "repair", "水管漏水", household_id=household_id)
    page.reload()
    page.tabs.setCurrentIndex(1)
    page.print_work_orders()
    qtbot.wait_until(lambda: page.preview_dialog is not None, timeout=20_000)
    preview = page.preview_dialog
    assert isinstance(preview, PdfPreviewDialog) and preview.document.pageCount() >= 1
    preview.reject()

    # the outcome missing: said, nothing recorded
    qtbot.keyClicks(page.scan, slip_code(made.id))
    qtbot.keyClick(page.scan, Qt.Key.Key_Return)
    assert page.scan_log.count() == 0  # the code alone records nothing: on to the outcome
    with qtbot.wait_signal(page.scanned, timeout=10_000) as refused:
        qtbot.keyClick(page.outcome, Qt.Key.Key_Return)
    assert refused.args[0] == "refused" and "办理结果" in refused.args[1]
    type_chinese(page.outcome, "已换水管")
    with qtbot.wait_signal(page.scanned, timeout=10_000) as answered:
        qtbot.keyClick(page.outcome, Qt.Key.Key_Return)
    assert answered.args[0] == "ok" and f"#{made.id}" in answered.args[1]
    with demo_ctx.db.reading() as s:
        row = core.request_row(s, made.id)
    assert row.status == "done" and row.outcome == "已换水管"
    # the same slip again: already done, said in amber
    qtbot.keyClicks(page.scan, slip_code(made.id))
    type_chinese(page.outcome, "又去了一次")
    with qtbot.wait_signal(page.scanned, timeout=10_000) as again:
        qtbot.keyClick(page.outcome, Qt.Key.Key_Return)
    assert again.args[0] == "again"


def test_the_requests_model_passes_the_model_tester(qtmodeltester, page, demo_ctx):
    with demo_ctx.db.session() as s:
        for i in range(3):
            core.log_request(s, "inquiry", f"咨询 {i}")
    page.reload()
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.visits.model)
    qtmodeltester.check(page.needs.model)
    qtmodeltester.check(page.figures.model)


@pytest.fixture
def latin_office(tmp_path):
    """The English walk's community written in Latin letters (tests/ui/test_english.py)."""
    from app.core.office.datadir import DataDir
    from app.core.office.setup import init_office, open_office
    from tests.ui import test_english

    folder = DataDir(tmp_path / "latin")
    init_office(folder, "community", "420106001001", "Sunny Court", "420106001")
    db, _info = open_office(folder)
    try:
        test_english._fill(db)
    finally:
        db.dispose()
    return folder


@pytest.fixture
def english(qapp):
    from app.ui.application import install_translators

    translators = install_translators(qapp, "en")
    yield
    for translator in translators:
        qapp.removeTranslator(translator)


def test_the_requests_page_and_its_dialogs_in_english(qtbot, make_ctx, latin_office, english):
    """Every word of the page, its tabs and its dialogs translated (the history's lines are the
    core's, from the audit trail, and are left out)."""
    from tests.ui.test_english import _chinese, _texts

    ctx = make_ctx(latin_office, "en")
    with ctx.db.reading() as s:
        household_id = s.scalar(select(Household.id).order_by(Household.id).limit(1))
    with ctx.db.session() as s:
        made = core.log_request(s, "care", "Needs help with shopping", household_id=household_id)
        core.log_request(s, "other", "Street light out")
    page = RequestsPage(ctx)
    qtbot.addWidget(page, before_close_func=lambda _w: ctx.tasks.wait(-1))
    with qtbot.wait_signal(page.loaded, timeout=10_000):
        page.show()
    page.select(made.id)
    page.details.history.hide()
    bad = _chinese(_texts(page))
    for i in range(page.tabs.count()):
        page.tabs.setCurrentIndex(i)
        ctx.tasks.wait(-1)
        qtbot.wait(100)
        bad += _chinese(_texts(page.tabs.widget(i)))
    dialogs = [page.add_request(), page.assign(), page.finish(), page.reopen(), page.callback()]
    for dialog in dialogs:
        assert dialog is not None
        bad += _chinese(_texts(dialog))
        dialog.reject()
    assert not bad, "\n".join(sorted(set(bad)))


def test_the_roles_see_what_they_may_do(qtbot, signed_ctx):  # noqa: F811
    """Staff log and step requests; a viewer, who sees nobody's record, has no 诉求 area."""
    from app.ui.main_window import MainWindow

    staff = signed_ctx(STAFF, STAFF_PASSWORD)
    page = RequestsPage(staff)
    qtbot.addWidget(page, before_close_func=lambda _w: staff.tasks.wait(-1))
    with qtbot.wait_signal(page.loaded, timeout=10_000):
        page.show()
    assert all(action.isVisible() for action in page.step_actions)
    dialog = page.add_request()
    type_chinese(dialog.text, "咨询疫苗接种")
    dialog.category.choose("inquiry")
    with qtbot.wait_signal(dialog.saved, timeout=10_000) as saved:
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.wait_until(lambda: page.selected_id() == saved.args[0].id, timeout=10_000)
    assert page.details.history.item(0).text().endswith(f"{STAFF}  登记")

    viewer = signed_ctx(VIEWER, VIEWER_PASSWORD)
    window = MainWindow(viewer)
    qtbot.addWidget(window, before_close_func=lambda _w: viewer.tasks.wait(-1))
    assert not window.has_area("requests")


def test_a_request_for_supplies_becomes_a_delivery(qtbot, page, demo_ctx):
    from app.core.supplies import campaigns
    from app.core.supplies import ledger as supplies
    from app.ui.pages.requests.dialogs import DeliveryDialog

    household_id, _address = _household(demo_ctx)
    with demo_ctx.db.session() as s:
        supplies.receive(s, "大米", 500, unit="袋", source="街道办事处")
        campaigns.create_campaign(
            s, campaigns.CampaignSpec(name="大米发放", item="大米", qty=1, target="all")
        )
        made = core.log_request(s, "supplies", "家里没米了", household_id=household_id)
    page.reload(select_id=made.id)
    assert page.selected_id() == made.id and page.delivery_action.isEnabled()
    dialog = page.to_delivery()
    assert isinstance(dialog, DeliveryDialog) and dialog.campaign.count() == 1
    _submit(qtbot, page, dialog)
    assert page.selected_row().status == "done"
    assert "大米" in page.details.fields["outcome"].text()


def test_a_complaint_about_staff_is_closed_by_an_administrator_only(qtbot, signed_ctx):  # noqa: F811
    from tests.ui.signed_in import ADMIN, ADMIN_PASSWORD

    admin = signed_ctx(ADMIN, ADMIN_PASSWORD)
    with admin.db.session() as s:
        complaint = core.log_request(s, "staff-complaint", "卡点人员态度粗暴")
    staff = signed_ctx(STAFF, STAFF_PASSWORD)
    for ctx, closes in ((staff, False), (admin, True)):
        page = RequestsPage(ctx)
        qtbot.addWidget(page, before_close_func=lambda _w, c=ctx: c.tasks.wait(-1))
        with qtbot.wait_signal(page.loaded, timeout=10_000):
            page.show()
        assert page.select(complaint.id)
        assert page.finish_action.isEnabled() is closes


def test_the_needs_list_is_shown_printed_and_exported(qtbot, page, demo_ctx, tmp_path, monkeypatch):
    from app.ui.pages.requests import panels
    from app.ui.print_preview import PdfPreviewDialog

    household_id, _address = _household(demo_ctx)
    with demo_ctx.db.session() as s:
        core.log_request(s, "medical", "需要降压药", household_id=household_id)
        core.log_request(s, "medical", "需要胰岛素", household_id=household_id, priority="urgent")
    with qtbot.wait_signal(page.needs.loaded, timeout=10_000):
        page.tabs.setCurrentWidget(page.needs)
    assert page.needs.model.rowCount() == 1
    assert page.needs.model.text(page.needs.model.rows[0], 0) == "就医用药"
    assert page.needs.model.text(page.needs.model.rows[0], 3) == "2"
    assert page.needs.summary.text() == "未办结诉求 2 件，其中超期 0 件"
    page.needs.print_needs()
    qtbot.wait_until(lambda: page.needs.preview_dialog is not None, timeout=20_000)
    assert isinstance(page.needs.preview_dialog, PdfPreviewDialog)
    page.needs.preview_dialog.reject()
    target = tmp_path / "needs.xlsx"
    monkeypatch.setattr(panels, "save_file", lambda *_a, **_k: target)
    page.needs.export_needs()
    qtbot.wait_until(
        lambda: target.exists() and "已导出" in page.needs.summary.text(), timeout=10_000
    )


def test_start_and_a_missed_visit_in_words(qtbot, page, demo_ctx):
    from app.ui.models.requests import VisitsModel

    with demo_ctx.db.session() as s:
        made = core.log_request(s, "repair", "门锁坏了")
    page.reload(select_id=made.id)
    assert page.start_action.isEnabled()
    with qtbot.wait_signal(page.loaded, timeout=10_000):
        page.start_action.trigger()
    assert page.selected_row().status == "in-progress"
    assert not page.start_action.isEnabled() and page.finish_action.isEnabled()

    from app.core.requests import visits

    with demo_ctx.db.session() as s:
        visits.make_plan(s, "living-alone", "独居老人")
        due = visits.visits_due(s, date.today())
    model = VisitsModel()
    model.missed = {due[0].id}
    model.set_rows(due[:2])
    outcome = model.index(0, VisitsModel.COL_OUTCOME)
    assert model.data(outcome) == "漏访"
    assert model.data(outcome, Qt.ItemDataRole.FontRole).bold()
    assert model.data(model.index(1, VisitsModel.COL_OUTCOME)) == "待访"
