"""The lock: idle (a shortened interval here) or 锁定 (Ctrl+L) hides the pages and the other
windows until the signed-in user's password; 切换用户 to a viewer leaves only 首页 and 报表; 注销
asks for anyone."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel

from app.ui.main_window import MainWindow
from tests.ui.signed_in import (  # noqa: F401
    ADMIN,
    ADMIN_PASSWORD,
    STAFF,
    STAFF_PASSWORD,
    VIEWER,
    VIEWER_PASSWORD,
    office,
    signed_ctx,
)


@pytest.fixture
def window(qtbot, signed_ctx):  # noqa: F811
    ctx = signed_ctx()
    win = MainWindow(ctx)
    qtbot.addWidget(win, before_close_func=lambda _w: ctx.tasks.wait(-1))
    with qtbot.wait_signal(win.home.filled, timeout=10_000):
        win.show()
    return win


def unlock_with(qtbot, window, password: str, name: str | None = None) -> None:
    screen = window.lock_screen
    if name is not None:
        screen.show_switch(True)
        screen.name.setText(name)
    screen.password.setText(password)
    screen.unlock_button.click()
    qtbot.waitUntil(lambda: screen.unlock_button.isEnabled(), timeout=10_000)
    qtbot.wait(10)


def test_an_idle_window_locks_and_hides_its_data_until_the_right_password(qtbot, window) -> None:
    registry = window.open_area("registry")
    window.ctx.tasks.wait(-1)
    assert registry.isVisible()
    window.idle_watch.limit = lambda: 0.3  # instead of the minutes set in 设置
    window.idle_watch.touch()
    qtbot.waitUntil(lambda: window.is_locked, timeout=5_000)
    # the pages are not shown, so nothing of them can be painted or grabbed
    assert not registry.isVisible() and not window.stack.isVisible()
    assert window.centralWidget().currentWidget() is window.lock_screen
    assert window.lock_screen.isVisible()
    texts = " ".join(label.text() for label in window.lock_screen.findChildren(QLabel))
    assert ADMIN in texts and "已锁定" in texts
    assert not window.menuBar().isEnabled()

    unlock_with(qtbot, window, "wrong-password")
    assert window.is_locked and "登录失败" in window.lock_screen.error.text()
    assert not registry.isVisible()

    window.idle_watch.limit = lambda: 0  # not locked again while the test looks
    unlock_with(qtbot, window, ADMIN_PASSWORD)
    assert not window.is_locked and registry.isVisible() and window.menuBar().isEnabled()
    assert window.ctx.principal.name == ADMIN


def test_ctrl_l_locks_and_hides_the_other_windows_until_unlocked(qtbot, window) -> None:
    other = QDialog(window)  # a window of its own beside the main one, such as a preview
    other.setWindowTitle("户 3-2-502")
    qtbot.addWidget(other)
    other.show()
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.is_locked and not other.isVisible()
    window.activateWindow()
    qtbot.waitUntil(lambda: window.lock_screen.password.hasFocus(), timeout=2_000)
    unlock_with(qtbot, window, ADMIN_PASSWORD)
    assert not window.is_locked and other.isVisible()


def test_switching_to_a_viewer_leaves_only_home_and_reports(qtbot, window) -> None:
    window.open_area("registry")
    window.ctx.tasks.wait(-1)
    window.user_menu.switch_user()
    assert window.is_locked and window.lock_screen.name.isVisible()
    unlock_with(qtbot, window, VIEWER_PASSWORD, name=VIEWER)
    assert not window.is_locked
    assert window.ctx.principal.name == VIEWER
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == ["首页", "报表"]
    assert "registry" not in window.pages and not window.has_area("settings")
    assert VIEWER in window.user_label.text() and "查看" in window.user_label.text()
    # the menus follow: no backups, no data folder for a viewer
    texts = [a.text() for m in window.menuBar().actions() for a in m.menu().actions()]
    visible = [
        a.text() for m in window.menuBar().actions() for a in m.menu().actions() if a.isVisible()
    ]
    assert "备份与恢复…" in texts and "备份与恢复…" not in visible
    # a change announced after the pages were built again reaches only the living ones
    from app.core.common.changes import Change

    window.ctx.changed.emit(Change.RESIDENTS | Change.HOUSEHOLDS)
    qtbot.wait(50)
    # 首页 still counts for the viewer
    window.ctx.tasks.wait(-1)
    qtbot.waitUntil(lambda: window.home.cards["residents"].value.text() != "…", timeout=10_000)


def test_switching_to_another_user_with_a_wrong_password_keeps_the_lock(qtbot, window) -> None:
    window.user_menu.switch_user()
    unlock_with(qtbot, window, "wrong-password", name=STAFF)
    assert window.is_locked and window.ctx.principal.name == ADMIN
    assert "登录失败" in window.lock_screen.error.text()


def test_signing_out_asks_for_anyone_and_staff_gets_the_daily_pages(qtbot, window) -> None:
    window.sign_out()
    assert window.is_locked and "已注销" in window.lock_screen.title.text()
    assert not window.lock_screen.switch_button.isVisible()
    unlock_with(qtbot, window, STAFF_PASSWORD, name=STAFF)
    assert window.ctx.principal.name == STAFF
    areas = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert "住户" in areas and "设置" not in areas
    page = window.open_area("registry")
    window.ctx.tasks.wait(-1)
    assert page.isVisible()


def test_change_my_password(qtbot, window) -> None:
    from app.core.trust.signin import sign_in

    dialog = window.user_menu.change_password()
    qtbot.addWidget(dialog)
    dialog.old.setText("wrong-password")
    dialog.new.setText("Changed-pass-1")
    dialog.again.setText("Changed-pass-1")
    dialog.ok.click()
    qtbot.waitUntil(lambda: dialog.ok.isEnabled(), timeout=10_000)
    assert "登录失败" in dialog.error.text()
    dialog.old.setText(ADMIN_PASSWORD)
    dialog.ok.click()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10_000)
    window.ctx.tasks.wait(-1)
    access = sign_in(window.ctx.datadir, ADMIN, "Changed-pass-1", daily_backup=False)
    access.db.dispose()  # the window's key stays registered for the folder


def test_the_lock_dismisses_a_dialog_waiting_for_an_answer(qtbot, window) -> None:
    """A modal dialog open when the window locks is dismissed (nothing of it saved), so that
    nothing shows over the lock screen and the password can be typed there."""
    import time

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Question, "删除", "删除 3-2-502 户？", parent=window)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    QTimer.singleShot(10_000, box.reject)  # should the lock not dismiss it, the test ends anyway
    window.idle_watch.limit = lambda: 0.3
    window.idle_watch.touch()
    started = time.monotonic()
    answer = box.exec()
    assert time.monotonic() - started < 5
    assert answer != QMessageBox.StandardButton.Yes
    assert window.is_locked and not box.isVisible()
    window.idle_watch.limit = lambda: 0
    unlock_with(qtbot, window, ADMIN_PASSWORD)
    assert not window.is_locked and not box.isVisible()  # not brought back: it was answered
