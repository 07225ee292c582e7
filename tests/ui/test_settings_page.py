"""设置 → 本机构信息: the office's details typed in and saved (audited), a bad value explained beside
the form with nothing saved, the code changed only after its consequences are ticked, and refused
with the reason once the office has enrolled a key."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from sqlalchemy import func, select

from app.core.common.changes import Change
from app.core.exchange.enrolment import enroll, export_public, read_enrolment
from app.core.office.datadir import DataDir
from app.core.office.setup import init_office, open_office, read_profile
from app.db.models import AuditEntry, Household
from app.ui.main_window import MainWindow
from app.ui.pages.office_profile import CodeChangeDialog
from app.ui.pages.settings import SettingsPage
from tests.conftest import COMMUNITY_CODE, COMMUNITY_NAME, STREET_CODE
from tests.ui.conftest import type_chinese


def open_page(qtbot, ctx) -> SettingsPage:
    page = SettingsPage(ctx)
    qtbot.addWidget(page, before_close_func=lambda _w: ctx.tasks.wait(-1))
    page.show()
    return page


def retype(qtbot, edit, text: str) -> None:
    edit.clear()
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:
        type_chinese(edit, text)


def profile_of(ctx):
    with ctx.db.reading() as session:
        return read_profile(session)


def office_audit(ctx) -> list[tuple[str | None, str | None, str | None]]:
    with ctx.db.reading() as session:
        rows = session.execute(
            select(AuditEntry.field, AuditEntry.old_value, AuditEntry.new_value)
            .where(AuditEntry.entity == "office")
            .order_by(AuditEntry.id)
        )
        return [tuple(r) for r in rows]


def test_the_details_are_shown_typed_in_and_saved(qtbot, demo_ctx):
    page = open_page(qtbot, demo_ctx)
    section = page.office
    assert section.name.text() == COMMUNITY_NAME
    assert section.code_label.text() == COMMUNITY_CODE
    assert section.parent_label.text() == STREET_CODE
    assert section.phone.text() == ""
    retype(qtbot, section.phone, "027-85551234")
    retype(qtbot, section.address, "百步亭花园路1号")
    retype(qtbot, section.contact, "王主任")
    retype(qtbot, section.name, "幸福里社区居委会")
    with qtbot.wait_signal(demo_ctx.changed, timeout=10_000) as blocker:
        qtbot.mouseClick(section.save_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [Change.OFFICE]
    assert "已保存" in section.message.text()
    assert "电话" in section.message.text() and "联系人" in section.message.text()
    profile = profile_of(demo_ctx)
    assert (profile.name, profile.phone, profile.address, profile.contact) == (
        "幸福里社区居委会",
        "027-85551234",
        "百步亭花园路1号",
        "王主任",
    )
    assert demo_ctx.office.name == "幸福里社区居委会"  # what the window shows from now on
    assert ("phone", None, "027-85551234") in office_audit(demo_ctx)
    assert ("name", COMMUNITY_NAME, "幸福里社区居委会") in office_audit(demo_ctx)


def test_a_bad_phone_is_explained_and_nothing_is_saved(qtbot, demo_ctx):
    page = open_page(qtbot, demo_ctx)
    section = page.office
    retype(qtbot, section.name, "新名称")
    retype(qtbot, section.phone, "12345")
    qtbot.keyClick(section.phone, Qt.Key.Key_Return)  # Enter saves, as the button does
    qtbot.wait_until(lambda: "12345" in section.message.text(), timeout=10_000)
    assert "电话" in section.message.text()
    assert section.message.objectName() == "error"
    assert section.phone.hasFocus()
    profile = profile_of(demo_ctx)
    assert (profile.name, profile.phone) == (COMMUNITY_NAME, None)
    assert office_audit(demo_ctx) == []
    assert demo_ctx.office.name == COMMUNITY_NAME


def test_the_code_changes_once_its_consequences_are_ticked(qtbot, demo_ctx):
    page = open_page(qtbot, demo_ctx)
    section = page.office
    dialog = section.ask_code_change()
    assert isinstance(dialog, CodeChangeDialog) and dialog.isVisible()
    qtbot.addWidget(dialog)
    assert not dialog.change_button.isEnabled()  # nothing changed yet
    retype(qtbot, dialog.parent_code, "420106002")
    assert "开头" in dialog.consequences.text() and not dialog.change_button.isEnabled()
    retype(qtbot, dialog.parent_code, STREET_CODE)
    retype(qtbot, dialog.code, "420106001009")
    shown = dialog.consequences.text()
    assert "420106001009" in shown and "公钥文件" in shown and "条记录" in shown
    assert dialog.confirm.isVisible() and not dialog.change_button.isEnabled()
    qtbot.keyClick(dialog.confirm, Qt.Key.Key_Space)
    assert dialog.change_button.isEnabled()
    with qtbot.wait_signal(demo_ctx.changed, timeout=10_000):
        qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    assert section.code_label.text() == "420106001009"
    assert demo_ctx.office.code == "420106001009" and demo_ctx.db.origin == "420106001009"
    with demo_ctx.db.reading() as session:
        origins = set(session.scalars(select(Household.origin).distinct()))
        assert origins == {"420106001009"}
        assert session.scalar(select(func.count()).select_from(Household)) > 0
    assert ("code", COMMUNITY_CODE, "420106001009") in office_audit(demo_ctx)


def test_the_code_is_refused_with_the_reason_once_a_key_is_enrolled(
    qtbot, make_ctx, tmp_path: Path
):
    street = DataDir(tmp_path / "street")
    init_office(street, "street-office", STREET_CODE, "水果湖街道办事处")
    db, info = open_office(street)
    db.dispose()
    key_file, _ = export_public(street, info, tmp_path / "street.pub")
    folder = DataDir(tmp_path / "community")
    init_office(folder, "community", COMMUNITY_CODE, COMMUNITY_NAME, STREET_CODE)
    ctx = make_ctx(folder)
    with ctx.db.session() as session:
        enroll(session, ctx.office, read_enrolment(key_file))
    page = open_page(qtbot, ctx)
    assert page.office.ask_code_change() is None
    message = page.office.code_message
    assert message.isVisible() and message.objectName() == "error"
    assert "不能更改机构代码" in message.text() and "登记" in message.text()
    assert profile_of(ctx).code == COMMUNITY_CODE


def test_the_window_shows_the_new_name_at_once(qtbot, demo_ctx):
    window = MainWindow(demo_ctx)
    qtbot.addWidget(window, before_close_func=lambda _w: demo_ctx.tasks.wait(-1))
    window.show()
    assert COMMUNITY_NAME in window.windowTitle()
    page = window.open_area("settings")
    assert isinstance(page, SettingsPage)
    retype(qtbot, page.office.name, "百步亭社区")
    with qtbot.wait_signal(demo_ctx.changed, timeout=10_000):
        qtbot.mouseClick(page.office.save_button, Qt.MouseButton.LeftButton)
    assert window.windowTitle().endswith("百步亭社区")
    assert window.office_label.text() == f"社区：百步亭社区（{COMMUNITY_CODE}）"
    assert window.home.title.text() == "首页 · 百步亭社区"
