"""设置 → 用户: an administrator sees the users, adds a grid worker with their grids, disables a
user, changes a role and resets a password; refusals are the core's words; a user who may not
manage users sees no 用户 tab (and a viewer no 设置 at all)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from app.core.grids.structure import list_grids
from app.core.trust.keyring import SignInFailed
from app.core.trust.signin import sign_in
from app.ui.main_window import MainWindow
from app.ui.pages.settings import SettingsPage
from tests.ui.signed_in import (  # noqa: F401
    ADMIN,
    STAFF,
    STAFF_PASSWORD,
    VIEWER,
    office,
    signed_ctx,
)


def users_page(qtbot, ctx):
    page = SettingsPage(ctx)
    qtbot.addWidget(page, before_close_func=lambda _w: ctx.tasks.wait(-1))
    page.show()
    page.tabs.setCurrentWidget(page.users)
    qtbot.waitUntil(lambda: bool(page.users.users), timeout=10_000)
    return page


def names(users) -> list[str]:
    return [users.table.item(r, 0).text() for r in range(users.table.rowCount())]


def test_the_users_are_listed_with_role_and_state(qtbot, signed_ctx) -> None:  # noqa: F811
    page = users_page(qtbot, signed_ctx())
    users = page.users
    assert names(users) == sorted([ADMIN, STAFF, VIEWER])
    row = names(users).index(VIEWER)
    assert users.table.item(row, 1).text() == "查看"
    assert users.table.item(row, 3).text() == "已启用"
    admin_row = names(users).index(ADMIN)
    assert users.table.item(admin_row, 4).text()  # signed in: a time
    assert "共 3 个用户" in users.count.text()


def test_adding_a_grid_worker_with_their_grids(qtbot, signed_ctx) -> None:  # noqa: F811
    ctx = signed_ctx()
    page = users_page(qtbot, ctx)
    users = page.users
    with ctx.db.reading() as session:
        grid = list_grids(session)[0].code
    dialog = users.add_user()
    qtbot.addWidget(dialog)
    assert not dialog.grids.isVisible()  # 工作人员 by default: no grids
    dialog.name.setText("wangwu")
    dialog.role.setCurrentIndex(dialog.role.findData("grid-worker"))
    assert dialog.grids.isVisible() and dialog.grids.count() >= 1
    dialog.password.setText("Worker-pass-1")
    dialog.again.setText("Worker-pass-1")
    dialog.save.click()  # no grid ticked: the core says what is missing
    qtbot.waitUntil(lambda: dialog.isEnabled(), timeout=10_000)
    assert "至少要分配一个网格" in dialog.error.text()
    dialog.check_grid(grid)
    dialog.save.click()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10_000)
    qtbot.waitUntil(lambda: "wangwu" in names(users), timeout=10_000)
    row = names(users).index("wangwu")
    assert users.table.item(row, 1).text() == "网格员/志愿者"
    assert users.table.item(row, 2).text() == grid
    access = sign_in(ctx.datadir, "wangwu", "Worker-pass-1", daily_backup=False)
    assert access.principal.grids == frozenset({grid})
    access.db.dispose()


def test_disabling_a_user_stops_their_sign_in(qtbot, signed_ctx, monkeypatch) -> None:  # noqa: F811
    ctx = signed_ctx()
    page = users_page(qtbot, ctx)
    users = page.users
    users.select(STAFF)
    assert users.active_action.text() == "停用"
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda _parent, _title, text, *a: asked.append(text) or QMessageBox.StandardButton.Yes,
    )
    users.active_action.trigger()
    row = lambda: names(users).index(STAFF)  # noqa: E731
    qtbot.waitUntil(lambda: users.table.item(row(), 3).text() == "已停用", timeout=10_000)
    assert STAFF in asked[0]
    assert users.active_action.text() == "启用"
    ctx.tasks.wait(-1)
    with pytest.raises(SignInFailed):
        sign_in(ctx.datadir, STAFF, STAFF_PASSWORD, daily_backup=False)
    users.active_action.trigger()  # 启用 again: no question
    qtbot.waitUntil(lambda: users.table.item(row(), 3).text() == "已启用", timeout=10_000)


def test_a_refusal_is_the_cores_words(qtbot, signed_ctx, monkeypatch) -> None:  # noqa: F811
    ctx = signed_ctx()
    page = users_page(qtbot, ctx)
    users = page.users
    users.select(ADMIN)
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: said.append(text))
    users.active_action.trigger()
    qtbot.waitUntil(lambda: bool(said), timeout=10_000)
    assert said == ["不能停用自己。"]


def test_changing_a_role_and_resetting_a_password(qtbot, signed_ctx) -> None:  # noqa: F811
    ctx = signed_ctx()
    page = users_page(qtbot, ctx)
    users = page.users
    users.select(VIEWER)
    dialog = users.change_role()
    qtbot.addWidget(dialog)
    assert dialog.name.isReadOnly() and not dialog.password.isVisible()
    dialog.role.setCurrentIndex(dialog.role.findData("staff"))
    dialog.save.click()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10_000)
    qtbot.waitUntil(
        lambda: users.table.item(names(users).index(VIEWER), 1).text() == "工作人员",
        timeout=10_000,
    )
    users.select(VIEWER)
    reset = users.reset_password()
    qtbot.addWidget(reset)
    reset.password.setText("Reset-pass-123")
    reset.again.setText("Reset-pass-123")
    reset.save.click()
    qtbot.waitUntil(lambda: reset.result() == QDialog.DialogCode.Accepted, timeout=10_000)
    ctx.tasks.wait(-1)
    access = sign_in(ctx.datadir, VIEWER, "Reset-pass-123", daily_backup=False)
    assert str(access.principal.role) == "staff"
    access.db.dispose()


def test_staff_have_no_users_tab_and_a_viewer_no_settings(qtbot, signed_ctx) -> None:  # noqa: F811
    from tests.ui.signed_in import VIEWER_PASSWORD

    staff = signed_ctx(STAFF, STAFF_PASSWORD)
    window = MainWindow(staff)
    qtbot.addWidget(window, before_close_func=lambda _w: staff.tasks.wait(-1))
    assert not window.has_area("settings")
    page = SettingsPage(staff)  # were it reached anyway: no 用户 tab
    qtbot.addWidget(page)
    assert page.users is None
    window.ctx.tasks.wait(-1)
    window.lock(signed_out=True)
    window.lock_screen.name.setText(VIEWER)
    window.lock_screen.password.setText(VIEWER_PASSWORD)
    window.lock_screen.unlock_button.click()
    qtbot.waitUntil(lambda: not window.is_locked, timeout=10_000)
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == ["首页", "报表"]


def test_the_users_page_and_its_dialogs_in_english(qtbot, signed_ctx, qapp) -> None:  # noqa: F811
    from app.ui.application import install_translators
    from app.ui.lock import LockScreen
    from app.ui.recovery_key import FirstAdminDialog, RecoveryKeyDialog
    from app.ui.sign_in import RecoverDialog, SignInDialog
    from app.ui.user_menu import ChangePasswordDialog
    from tests.ui.test_english import _chinese, _texts

    kept = install_translators(qapp, "en")
    try:
        ctx = signed_ctx(lang="en")
        page = SettingsPage(ctx)
        qtbot.addWidget(page, before_close_func=lambda _w: ctx.tasks.wait(-1))
        page.show()
        page.tabs.setCurrentWidget(page.users)
        qtbot.waitUntil(lambda: bool(page.users.users), timeout=10_000)
        add = page.users.add_user()
        add.role.setCurrentIndex(add.role.findData("grid-worker"))
        page.users.select(VIEWER)
        role = page.users.change_role()
        reset = page.users.reset_password()
        lock = LockScreen(ctx)
        lock.prepare()
        screens = {
            "settings": page,
            "add user": add,
            "change role": role,
            "reset": reset,
            "lock": lock,
            "sign in": SignInDialog(ctx.datadir, ctx.tasks, ctx.settings, "en"),
            "recover": RecoverDialog(ctx.datadir, ctx.tasks, "en"),
            "first admin": FirstAdminDialog("Sunny Court", "en"),
            "recovery key": RecoveryKeyDialog(
                ctx.datadir, ctx.office, ADMIN, "ABCD-" * 12 + "ABCD", None
            ),
            "my password": ChangePasswordDialog(ctx),
        }
        found: list[str] = []
        for what, widget in screens.items():
            qtbot.addWidget(widget, before_close_func=lambda _w: ctx.tasks.wait(-1))
            widget.show()
            # the office's and the demo grids' names are this office's data, not the interface
            found += [
                f"{what}: {line}"
                for line in _chinese(_texts(widget))
                if "幸福里社区" not in line and not re.search(r"第\d+网格", line)
            ]
        assert not found, "\n".join(found)
    finally:
        for translator in kept:
            qapp.removeTranslator(translator)


def test_a_grid_worker_sees_the_daily_pages_without_settings_audit_or_exchange(
    qtbot,
    signed_ctx,  # noqa: F811
) -> None:
    from app.core.trust.roles import Role
    from app.core.trust.users import add_user

    admin = signed_ctx()
    access = admin.access
    with admin.db.reading() as session:
        grid = list_grids(session)[0].code
    with admin.db.session(note="users") as session:
        add_user(session, access.ring, access.key, "gw1", Role.GRID_WORKER, "Worker-pass-1", [grid])
    window = MainWindow(admin)
    qtbot.addWidget(window, before_close_func=lambda _w: admin.tasks.wait(-1))
    window.lock(signed_out=True)
    window.lock_screen.name.setText("gw1")
    window.lock_screen.password.setText("Worker-pass-1")
    window.lock_screen.unlock_button.click()
    qtbot.waitUntil(lambda: not window.is_locked, timeout=10_000)
    areas = [window._specs[i][0] for i in range(window.nav.count())]
    assert "registry" in areas and "grids" in areas
    assert not {"settings", "audit", "exchange", "reports"} & set(areas)
    visible = [
        a.text() for m in window.menuBar().actions() for a in m.menu().actions() if a.isVisible()
    ]
    assert "备份与恢复…" not in visible and "打开数据文件夹" not in visible
    assert "锁定" in visible and "修改我的密码…" in visible


def test_the_idle_minutes_are_set_in_settings(qtbot, signed_ctx) -> None:  # noqa: F811
    ctx = signed_ctx()
    window = MainWindow(ctx)
    qtbot.addWidget(window, before_close_func=lambda _w: ctx.tasks.wait(-1))
    assert window._idle_seconds() == 10 * 60  # the default
    page = SettingsPage(ctx)
    qtbot.addWidget(page, before_close_func=lambda _w: ctx.tasks.wait(-1))
    page.lock_minutes.setValue(3)
    assert window._idle_seconds() == 3 * 60
    page.lock_minutes.setValue(0)
    assert page.lock_minutes.text() == "从不" and window._idle_seconds() == 0


def test_a_user_added_keeps_what_others_wrote_to_the_keyring_meanwhile(
    qtbot,
    signed_ctx,  # noqa: F811
) -> None:
    """A failed attempt on the lock screen (written by a keyring of its own) after this
    administrator signed in is still there once a user is added."""
    from app.core.trust.keyring import Keyring

    ctx = signed_ctx()
    page = users_page(qtbot, ctx)
    elsewhere = Keyring.load(ctx.datadir.keys)
    with pytest.raises(SignInFailed):
        elsewhere.unlock(STAFF, "wrong-password")
    dialog = page.users.add_user()
    qtbot.addWidget(dialog)
    dialog.name.setText("zhaoliu")
    dialog.password.setText("Zhaoliu-pass-1")
    dialog.again.setText("Zhaoliu-pass-1")
    dialog.save.click()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10_000)
    ring = Keyring.load(ctx.datadir.keys)
    assert ring.has_user("zhaoliu") and ring.data["failed"][-1]["name"] == STAFF
