"""The lock screen and the idle time that brings it up.

Locked, the window shows this screen in place of its pages (they are hidden, so nothing of them
is painted or grabbed), closes menus and hides its other windows; it asks the signed-in user's
password (`signin.check_unlock`), or another user's name and password (切换用户: their role takes
effect at once). Signed out (注销), it asks for any user.

`IdleWatch` notes the time of the last key press, click, wheel or mouse move anywhere in the
program and locks after the minutes set in 设置 (default 10).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import GridDeskError
from app.ui.context import AppContext
from app.ui.labels import user_role_label
from app.ui.sign_in import error_label, last_user_key, password_field

LOCK_MINUTES_KEY = "lock/idle_minutes"
DEFAULT_LOCK_MINUTES = 10
CHECK_MS = 500
_INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


def lock_minutes(ctx: AppContext) -> int:
    """The idle minutes after which the window locks (0: never), as set in 设置."""
    try:
        value = int(ctx.settings.value(LOCK_MINUTES_KEY, DEFAULT_LOCK_MINUTES))
    except (TypeError, ValueError):
        value = DEFAULT_LOCK_MINUTES
    return max(0, value)


class IdleWatch(QObject):
    """Emits `idle` once nothing was typed or clicked anywhere in the program for `limit()`
    seconds (0: never). Input is only noted here (a time stamp), looked at twice a second."""

    idle = Signal()

    def __init__(self, limit: Callable[[], float], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.limit = limit
        self.last = time.monotonic()
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._check)
        self.timer.start(CHECK_MS)

    def touch(self) -> None:
        self.last = time.monotonic()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT:
            self.last = time.monotonic()
        return False

    def _check(self) -> None:
        seconds = self.limit()
        if seconds > 0 and time.monotonic() - self.last >= seconds:
            self.touch()
            self.idle.emit()


class LockScreen(QWidget):
    """In place of the pages while locked. `unlocked` fires with the Access of whoever signed in
    (the same user's, or another's after 切换用户)."""

    unlocked = Signal(object)
    quit_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.signed_out = False
        self.setObjectName("lockScreen")
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        panel = QFrame()
        panel.setObjectName("card")
        panel.setMinimumWidth(420)
        panel.setMaximumWidth(520)
        box = QVBoxLayout(panel)
        box.setContentsMargins(28, 24, 28, 24)
        box.setSpacing(12)
        self.office = QLabel()
        self.office.setObjectName("muted")
        self.office.setWordWrap(True)
        self.title = QLabel(self.tr("已锁定"))
        self.title.setObjectName("pageTitle")
        self.who = QLabel()
        self.who.setWordWrap(True)
        box.addWidget(self.office)
        box.addWidget(self.title)
        box.addWidget(self.who)
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("用户名"))
        self.name_label = QLabel(self.tr("用户名："))
        self.password = password_field(self.tr("密码"))
        form.addRow(self.name_label, self.name)
        form.addRow(self.tr("密码："), self.password)
        self.form = form
        box.addLayout(form)
        # the demo's administrator signed in without a password typed: here it is said
        self.demo_hint = QLabel()
        self.demo_hint.setObjectName("muted")
        self.demo_hint.setWordWrap(True)
        box.addWidget(self.demo_hint)
        self.error = error_label()
        box.addWidget(self.error)
        buttons = QHBoxLayout()
        self.unlock_button = QPushButton(self.tr("解锁"))
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.submit)
        self.switch_button = QPushButton(self.tr("切换用户…"))
        self.switch_button.clicked.connect(lambda: self.show_switch(True))
        self.quit_button = QPushButton(self.tr("退出"))
        self.quit_button.clicked.connect(self.quit_requested.emit)
        buttons.addWidget(self.unlock_button)
        buttons.addWidget(self.switch_button)
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        box.addLayout(buttons)
        self.name.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self.submit)
        row.addWidget(panel)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.switching = False

    def prepare(self, signed_out: bool = False) -> None:
        """Fill in who is signed in and clear what was typed; `signed_out`: ask for any user."""
        self.signed_out = signed_out
        principal = self.ctx.principal
        self.office.setText(self.ctx.office.name)
        self.error.setText("")
        self.password.clear()
        if signed_out or principal is None:
            self.title.setText(self.tr("已注销"))
            self.who.setText(self.tr("请登录。"))
        else:
            self.title.setText(self.tr("已锁定"))
            self.who.setText(
                self.tr("{0}（{1}）已登录。输入密码解锁。").format(
                    principal.name, user_role_label(principal.role)
                )
            )
        if self.ctx.demo:
            from app.core.trust.signin import DEMO_ADMIN, DEMO_PASSWORD

            self.demo_hint.setText(
                self.tr("演示社区：用户 {0}，密码 {1}").format(DEMO_ADMIN, DEMO_PASSWORD)
            )
        self.demo_hint.setVisible(self.ctx.demo)
        self.show_switch(signed_out or principal is None)

    def show_switch(self, switching: bool) -> None:
        """The name field too (another user signs in), or the password of the user signed in."""
        self.switching = switching
        self.form.setRowVisible(self.name, switching)
        self.switch_button.setVisible(not switching and not self.signed_out)
        self.unlock_button.setText(self.tr("登录") if switching else self.tr("解锁"))
        if switching:
            last = str(self.ctx.settings.value(last_user_key(self.ctx.datadir), "") or "")
            self.name.setText("" if not self.signed_out and last == self._current() else last)
            (self.password if self.name.text() else self.name).setFocus()
        else:
            self.password.setFocus()

    def _current(self) -> str:
        principal = self.ctx.principal
        return principal.name if principal is not None else ""

    def submit(self) -> None:
        access = self.ctx.access
        if access is None:
            return
        password = self.password.text()
        name = self.name.text().strip() if self.switching else self._current()
        if not name or not password:
            self.error.setText(self.tr("请输入用户名和密码。"))
            return
        from app.core.trust import signin

        self.error.setText(self.tr("正在核对…"))
        self.unlock_button.setEnabled(False)
        if self.switching and name != self._current():

            def work(_progress: Any) -> Any:
                return signin.switch_user(access, name, password)

        else:  # the user signed in proves it is still them

            def work(_progress: Any) -> Any:
                signin.check_unlock(access, password)
                return access

        self.ctx.run(self, work, show_progress=False, on_success=self._done).failure(self._failed)

    def _done(self, access: Any) -> None:
        self.unlock_button.setEnabled(True)
        self.password.clear()
        self.error.setText("")
        if access.principal is not None:
            self.ctx.settings.setValue(last_user_key(self.ctx.datadir), access.principal.name)
        self.unlocked.emit(access)

    def _failed(self, exc: BaseException) -> None:
        self.unlock_button.setEnabled(True)
        self.password.clear()
        self.password.setFocus()
        if isinstance(exc, GridDeskError):
            self.error.setText(exc.message(self.ctx.lang))
            return
        self.error.setText("")
        if isinstance(exc, Exception):
            from app.ui.crash import report_bug

            report_bug(exc, self)
        else:
            raise exc
