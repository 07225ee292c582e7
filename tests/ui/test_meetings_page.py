"""The 会议 page as a user meets it: a meeting recorded through the window, published and locked,
action items closed with what was done, overdue ones marked in words, minutes previewed as PDF."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDateTimeEdit, QMessageBox

from app.core.common.changes import Change
from app.core.meetings import action_items, search
from app.core.meetings import minutes as core
from app.core.meetings.minutes import ActionItemInput, MeetingInput
from app.db.models_meetings import Meeting
from app.ui.main_window import MainWindow
from app.ui.models.meeting_models import ActionItemModel, MeetingTableModel
from app.ui.pages.meeting_editor import ActionItemsTable, CloseActionDialog, MeetingEditorDialog
from app.ui.pages.meetings import MeetingsPage
from tests.ui.conftest import type_chinese

TODAY = date.today()


@pytest.fixture
def window(qtbot, demo_ctx):
    win = MainWindow(demo_ctx)
    qtbot.addWidget(win)
    with qtbot.wait_signal(win.home.filled, timeout=10_000):
        win.show()
    return win


def open_page(qtbot, window) -> MeetingsPage:
    page = window.open_area("meetings")  # built on the first visit, then loads its list
    assert isinstance(page, MeetingsPage)
    qtbot.wait_until(lambda: page.loads > 0, timeout=10_000)
    return page


def editor(qtbot) -> MeetingEditorDialog:
    found: list[MeetingEditorDialog] = []

    def visible() -> bool:
        found[:] = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, MeetingEditorDialog) and w.isVisible()
        ]
        return len(found) == 1

    qtbot.wait_until(visible, timeout=5000)
    return found[0]


def type_date(qtbot, edit, day: date) -> None:
    """As a user types a date into a date field: the year section first, digits only."""
    edit.setFocus()
    edit.setSelectedSection(QDateTimeEdit.Section.YearSection)
    qtbot.keyClicks(edit, day.strftime("%Y%m%d"))
    assert edit.date() == QDate(day.year, day.month, day.day)


def record(db, **changes) -> int:
    data = MeetingInput(
        title="社区疫情防控领导小组会议",
        held_on=TODAY - timedelta(days=10),
        chair="王建国",
        recorder="陈晓燕",
        attendees=["王建国", "李明"],
        decisions=["增设核酸检测点"],
        action_items=[
            ActionItemInput("联系医护人员", "李明", TODAY - timedelta(days=3), 1),
            ActionItemInput("提交物资申请", "陈晓燕", TODAY + timedelta(days=5)),
        ],
    )
    with db.session() as session:
        return core.create_meeting(session, MeetingInput(**{**data.__dict__, **changes}))


@pytest.fixture
def yes(monkeypatch):
    asked: list[str] = []

    def question(parent, title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


# --- the models ----------------------------------------------------------------------------------


def test_the_table_models_pass_the_model_tester(qtmodeltester, demo_ctx):
    record(demo_ctx.db)
    with demo_ctx.db.reading() as session:
        meetings = search.search_meetings(session)
        items = action_items.list_action_items(session)
    model = MeetingTableModel()
    model.set_rows(meetings)
    qtmodeltester.check(model)
    actions = ActionItemModel()
    actions.set_rows(items)
    qtmodeltester.check(actions)
    empty = ActionItemModel()
    qtmodeltester.check(empty)


def test_overdue_items_say_so_in_words_not_only_in_colour(demo_ctx):
    record(demo_ctx.db)
    with demo_ctx.db.reading() as session:
        items = action_items.list_action_items(session)
    model = ActionItemModel()
    model.set_rows(items)
    state = model.index(0, ActionItemModel.COL_STATE)
    due = model.index(0, ActionItemModel.COL_DUE)
    assert model.data(state) == "逾期"
    assert model.data(state, Qt.ItemDataRole.FontRole).bold()
    assert "超期 3 天" in model.data(due)
    assert model.data(model.index(1, ActionItemModel.COL_STATE)) == "未办结"
    assert model.data(model.index(1, ActionItemModel.COL_STATE), Qt.ItemDataRole.FontRole) is None


# --- recording a meeting through the window ------------------------------------------------------


def test_record_a_meeting_through_the_window_publish_and_see_it(qtbot, window, demo_ctx, yes):
    page = open_page(qtbot, window)
    assert page.list_stack.currentWidget() is page.empty
    assert "新增" in page.empty.text()  # the empty state says what to do next

    page.setFocus()
    qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # 新增
    dialog = editor(qtbot)
    assert dialog.focusWidget() is dialog.title  # typing starts in the title
    type_chinese(dialog.title, "第三网格疫情防控议事会")
    dialog.level.setFocus()
    qtbot.keyClick(dialog.level, Qt.Key.Key_Down)  # 社区级 → 网格级
    assert dialog.level.currentData() == "grid"
    assert dialog.grid.isEnabled()
    dialog.grid.setFocus()
    qtbot.keyClick(dialog.grid, Qt.Key.Key_Down)
    grid_code = dialog.grid.currentData()
    assert grid_code
    held = TODAY - timedelta(days=1)
    type_date(qtbot, dialog.held_on, held)
    assert dialog.held_on.date() == QDate(held.year, held.month, held.day)
    qtbot.keyClicks(dialog.start_time, "09:30")
    qtbot.keyClicks(dialog.end_time, "11:00")
    type_chinese(dialog.place, "社区党群服务中心")
    type_chinese(dialog.chair, "刘芳")
    type_chinese(dialog.recorder, "王磊")
    for name in ("网格长 刘芳", "楼长 陈强"):
        type_chinese(dialog.attendees, name)
        qtbot.keyClick(dialog.attendees, Qt.Key.Key_Return)
    assert dialog.attendee_count.text() == "2 人"
    type_chinese(dialog.agenda, "独居老人送菜安排")
    type_chinese(dialog.discussion, "居民反映蔬菜套餐价格偏高。")
    type_chinese(dialog.decisions, "每周二、五为独居老人送菜上门")

    qtbot.mouseClick(dialog.add_action_button, Qt.MouseButton.LeftButton)
    assert dialog.tabs.currentIndex() == 2
    row = dialog.actions.rowCount() - 1
    type_chinese(dialog.actions.editor(row, ActionItemsTable.COL_TEXT), "整理独居老人名单")
    type_chinese(dialog.actions.editor(row, ActionItemsTable.COL_OWNER), "刘芳")
    type_date(
        qtbot, dialog.actions.editor(row, ActionItemsTable.COL_DUE), TODAY + timedelta(days=2)
    )
    decision = dialog.actions.editor(row, ActionItemsTable.COL_DECISION)
    assert decision.count() == 2  # none, or the one decision
    decision.setFocus()
    qtbot.keyClick(decision, Qt.Key.Key_Down)

    with qtbot.wait_signal(page.loaded, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.wait_until(lambda: not dialog.isVisible(), timeout=5000)

    assert page.list_stack.currentWidget() is page.table
    assert page.model.rowCount() == 1
    title = page.model.index(0, MeetingTableModel.COL_TITLE)
    assert page.model.data(title) == "第三网格疫情防控议事会"
    status = page.model.index(0, MeetingTableModel.COL_STATUS)
    assert page.model.data(status) == "草稿"
    assert page.selected() is not None
    qtbot.wait_until(lambda: page.action_model.rowCount() == 1, timeout=5000)
    assert page.action_model.rows[0].owner == "刘芳"
    assert page.action_model.rows[0].decision_number == 1
    assert page.publish_action.isEnabled() and page.delete_action.isEnabled()

    with qtbot.wait_signal(page.loaded, timeout=10_000):
        page.publish_action.trigger()
    assert "第三网格疫情防控议事会" in yes[0]  # the confirmation names the minutes
    assert page.model.data(page.model.index(0, MeetingTableModel.COL_STATUS)) == "已发布"
    assert not page.publish_action.isEnabled()
    assert not page.delete_action.isEnabled()  # published minutes are kept
    assert page.amend_action.isEnabled()
    assert page.edit_action.text() == "查看"

    with demo_ctx.db.reading() as session:
        (meeting,) = session.query(Meeting).all()
        stored = search.get_meeting(session, meeting.id)
    assert stored.status == "published"
    assert stored.held_on == held and stored.grid_code == grid_code
    assert stored.start_time is not None and stored.start_time.strftime("%H:%M") == "09:30"
    assert stored.attendees == ["网格长 刘芳", "楼长 陈强"]
    assert stored.decisions[0].text == "每周二、五为独居老人送菜上门"
    assert [(a.text, a.owner, a.due) for a in stored.action_items] == [
        ("整理独居老人名单", "刘芳", TODAY + timedelta(days=2))
    ]

    # published minutes open read-only
    page.edit_action.trigger()
    viewer = editor(qtbot)
    assert viewer.read_only and viewer.title.isReadOnly()
    assert not viewer.actions.editor(0, ActionItemsTable.COL_OWNER).isEnabled()
    viewer.reject()


def test_an_action_item_without_owner_is_refused_and_the_dialog_stays(
    qtbot, window, demo_ctx, monkeypatch
):
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warned.append(text))
    page = open_page(qtbot, window)
    page.add_action.trigger()
    dialog = editor(qtbot)
    type_chinese(dialog.title, "居民议事会")
    type_chinese(dialog.chair, "张伟")
    qtbot.mouseClick(dialog.add_action_button, Qt.MouseButton.LeftButton)
    type_chinese(dialog.actions.editor(0, ActionItemsTable.COL_TEXT), "报电梯维修方案")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.wait_until(lambda: bool(warned), timeout=5000)
    assert "没有责任人" in warned[0]
    assert dialog.isVisible() and dialog.error.isVisible()
    assert dialog.save_button.isEnabled()
    assert dialog.title.text() == "居民议事会"  # nothing typed is lost
    with demo_ctx.db.reading() as session:
        assert session.query(Meeting).count() == 0
    # fixed, it saves
    type_chinese(dialog.actions.editor(0, ActionItemsTable.COL_OWNER), "赵军")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.wait_until(lambda: not dialog.isVisible(), timeout=5000)
    with demo_ctx.db.reading() as session:
        assert session.query(Meeting).count() == 1


def test_closing_an_action_item_records_what_was_done(qtbot, window, demo_ctx):
    meeting_id = record(demo_ctx.db)
    page = open_page(qtbot, window)
    page.select_meeting(meeting_id)
    qtbot.wait_until(lambda: page.action_model.rowCount() == 2, timeout=5000)
    assert page.action_model.data(page.action_model.index(0, 0)) == "逾期"
    page.action_table.selectRow(0)
    assert page.close_button.isEnabled()

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, CloseActionDialog)
        type_chinese(dialog.note, "已与卫生服务中心确认，每日 2 名医护到岗")
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, fill)
    with qtbot.wait_signal(page.actions_loaded, timeout=10_000):
        qtbot.mouseClick(page.close_button, Qt.MouseButton.LeftButton)
    qtbot.wait_until(
        lambda: page.action_model.rowCount() == 2 and page.action_model.rows[0].status == "done",
        timeout=5000,
    )
    row = page.action_model.rows[0]
    assert row.done_note == "已与卫生服务中心确认，每日 2 名医护到岗"
    assert row.done_on == TODAY
    assert page.action_model.data(page.action_model.index(0, 0)) == "已完成"
    assert "已与卫生服务中心确认" in page.action_model.data(
        page.action_model.index(0, ActionItemModel.COL_DONE)
    )
    carried = page.model.index(0, MeetingTableModel.COL_CARRIED)
    assert page.model.data(carried) == "1 / 1"  # the decision is carried out


def test_the_overdue_scope_and_the_dashboard(qtbot, window, demo_ctx):
    record(demo_ctx.db)
    with qtbot.wait_signal(window.home.meeting_todo.filled, timeout=10_000):
        demo_ctx.changed.emit(Change.MEETINGS)
    summary = window.home.meeting_todo.summary.text()
    assert "未办结 2 项" in summary and "逾期 1 项" in summary
    first = window.home.meeting_todo.model.index(0, ActionItemModel.COL_STATE)
    assert window.home.meeting_todo.model.data(first) == "逾期"

    page = open_page(qtbot, window)
    with qtbot.wait_signal(page.actions_loaded, timeout=10_000):
        page.scope.setCurrentIndex(page.SCOPE_OVERDUE)
    assert [r.text for r in page.action_model.rows] == ["联系医护人员"]
    with qtbot.wait_signal(page.actions_loaded, timeout=10_000):
        page.scope.setCurrentIndex(page.SCOPE_OPEN)
    assert len(page.action_model.rows) == 2


def test_search_and_filters(qtbot, window, demo_ctx):
    record(demo_ctx.db)
    record(
        demo_ctx.db,
        title="物业、商超联席会议",
        held_on=TODAY - timedelta(days=40),
        decisions=["团购价格每周公示"],
        action_items=[],
    )
    page = open_page(qtbot, window)
    assert page.model.rowCount() == 2
    type_chinese(page.search, "团购")
    with qtbot.wait_signal(page.loaded, timeout=10_000):
        qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert [r.title for r in page.model.rows] == ["物业、商超联席会议"]
    with qtbot.wait_signal(page.loaded, timeout=10_000):
        page.clear_filters()
    assert page.model.rowCount() == 2
    page.date_from.setDate(QDate(TODAY.year, TODAY.month, TODAY.day).addDays(-20))
    with qtbot.wait_signal(page.loaded, timeout=10_000):
        page.use_dates.setChecked(True)
    assert [r.title for r in page.model.rows] == ["社区疫情防控领导小组会议"]
    with qtbot.wait_signal(page.loaded, timeout=10_000):
        page.level_filter.setCurrentIndex(page.level_filter.findData("grid"))
    assert page.model.rowCount() == 0
    assert "没有符合条件" in page.empty.text()
    assert "共 0 次会议（全部 2 次）" in page.count_label.text()


def test_a_draft_is_deleted_after_a_confirmation_naming_it(qtbot, window, demo_ctx, yes):
    record(demo_ctx.db)
    page = open_page(qtbot, window)
    with qtbot.wait_signal(page.loaded, timeout=10_000):
        page.delete_action.trigger()
    assert "社区疫情防控领导小组会议" in yes[0]
    assert page.model.rowCount() == 0
    with demo_ctx.db.reading() as session:
        (meeting,) = session.query(Meeting).all()
    assert meeting.deleted_at is not None  # a tombstone


def test_print_preview_shows_the_pdf_and_saves_it(qtbot, window, demo_ctx, tmp_path):
    record(demo_ctx.db)
    page = open_page(qtbot, window)
    page.print_action.trigger()
    qtbot.wait_until(lambda: getattr(page, "preview", None) is not None, timeout=15_000)
    preview = page.preview
    assert preview.document.pageCount() >= 1
    assert preview.view.document() is preview.document
    assert "会议纪要" in preview.suggested_name
    saved = preview.save_to(tmp_path / "out" / "minutes.pdf")
    assert saved is not None and saved.read_bytes().startswith(b"%PDF")
    # what the print dialog's printer receives: every page, rendered from the same PDF
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert preview.render_to(printer) == preview.document.pageCount()
    assert (tmp_path / "printed.pdf").stat().st_size > 10_000
    preview.reject()


def test_attendees_are_picked_from_the_residents(qtbot, demo_ctx):
    from sqlalchemy import select

    from app.db.models import Resident
    from app.ui.pages.meeting_editor import ResidentPickerDialog

    with demo_ctx.db.reading() as session:
        name = session.scalars(select(Resident.name).limit(1)).one()
    dialog = MeetingEditorDialog(demo_ctx, [], None)
    qtbot.addWidget(dialog)
    picker = ResidentPickerDialog(demo_ctx, dialog)
    qtbot.addWidget(picker)
    type_chinese(picker.search, name)
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    qtbot.wait_until(lambda: picker.results.count() > 0, timeout=5000)
    first = picker.results.item(0).text()
    assert first.startswith(name) and "（" in first  # name and address, never an ID number
    picker.results.setCurrentRow(0)
    picker._accept()
    assert picker.chosen == [first]


def test_files_attached_in_the_editor_are_kept_with_the_minutes(
    qtbot, window, demo_ctx, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QFileDialog

    scan = tmp_path / "签到表.jpg"
    scan.write_bytes(b"\xff\xd8 sign-in sheet")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *args, **kwargs: ([str(scan)], ""))
    page = open_page(qtbot, window)
    page.add_action.trigger()
    dialog = editor(qtbot)
    type_chinese(dialog.title, "居民议事会")
    type_chinese(dialog.chair, "张伟")
    qtbot.mouseClick(dialog.attach_button, Qt.MouseButton.LeftButton)
    assert dialog.attachment_list.count() == 1
    assert "保存时添加" in dialog.attachment_list.item(0).text()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.wait_until(lambda: not dialog.isVisible(), timeout=5000)
    with demo_ctx.db.reading() as session:
        (meeting,) = session.query(Meeting).all()
        (attachment,) = search.get_meeting(session, meeting.id).attachments
    assert attachment.file_name == "签到表.jpg"
    stored = demo_ctx.datadir.attachments / attachment.stored_name
    assert stored.read_bytes() == scan.read_bytes()


def test_cancelling_typed_minutes_asks_first(qtbot, window, monkeypatch):
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard]
    asked: list[str] = []

    def question(parent, title, text, *args, **kwargs):
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    page = open_page(qtbot, window)
    page.add_action.trigger()
    dialog = editor(qtbot)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # nothing typed: closes without asking
    assert not dialog.isVisible() and asked == []
    page.add_action.trigger()
    dialog = editor(qtbot)
    type_chinese(dialog.title, "居民议事会")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and "放弃" in asked[0]  # kept: the user said Cancel
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()  # discarded on the second answer
