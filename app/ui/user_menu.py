"""用户 menu of the window: 锁定 (Ctrl+L), 切换用户…, 修改我的密码…, 注销 — shown once the office has
users — and the dialog that changes one's own password."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.errors import GridDeskError
from app.ui.context import AppContext
from app.ui.sign_in import error_label, fit_dialog, password_field

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


class UserMenu(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.menu = window.menuBar().addMenu(self.tr("用户(&U)"))
        self.lock_action = self.menu.addAction(self.tr("锁定"))
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(lambda: window.lock())
        window.addAction(self.lock_action)  # Ctrl+L wherever the focus is
        self.switch_action = self.menu.addAction(self.tr("切换用户…"))
        self.switch_action.triggered.connect(self.switch_user)
        self.password_action = self.menu.addAction(self.tr("修改我的密码…"))
        self.password_action.triggered.connect(self.change_password)
        self.menu.addSeparator()
        self.sign_out_action = self.menu.addAction(self.tr("注销"))
        self.sign_out_action.triggered.connect(window.sign_out)

    def locked(self, locked: bool) -> None:
        for action in (
            self.lock_action,
            self.switch_action,
            self.password_action,
            self.sign_out_action,
        ):
            action.setEnabled(not locked)

    def switch_user(self) -> None:
        """切换用户: the pages hidden, another user's name and password asked."""
        self.window.lock()
        self.window.lock_screen.show_switch(True)

    def change_password(self) -> ChangePasswordDialog:
        dialog = ChangePasswordDialog(self.window.ctx, self.window)
        dialog.open()
        return dialog


class ChangePasswordDialog(QDialog):
    """修改我的密码: the old password, the new one twice."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("修改我的密码"))
        layout = QVBoxLayout(self)
        principal = ctx.principal
        who = QLabel(self.tr("用户：{0}").format(principal.name if principal else ""))
        layout.addWidget(who)
        form = QFormLayout()
        self.old = password_field()
        self.new = password_field(self.tr("至少 8 位"))
        self.again = password_field()
        form.addRow(self.tr("原密码："), self.old)
        form.addRow(self.tr("新密码："), self.new)
        form.addRow(self.tr("再输入一次："), self.again)
        layout.addLayout(form)
        self.error = error_label()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(self.tr("修改密码"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok.clicked.connect(self._change)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
        fit_dialog(self, 460)

    def _change(self) -> None:
        access = self.ctx.access
        if access is None or access.principal is None:
            return
        if self.new.text() != self.again.text():
            self.error.setText(self.tr("两次输入的密码不一样。"))
            return
        from app.core.trust.users import change_own_password

        old, new, name = self.old.text(), self.new.text(), access.principal.name
        from app.ui.pages.users import fresh_keyring

        key = access.key
        assert key is not None

        def work(_progress: Any) -> None:
            with access.db.session(note="users") as session:
                change_own_password(session, fresh_keyring(access), key, name, old, new)

        def failed(exc: BaseException) -> None:
            self.ok.setEnabled(True)
            if isinstance(exc, GridDeskError):
                self.error.setText(exc.message(self.ctx.lang))
            else:
                from app.ui.crash import report_bug

                report_bug(exc, self)

        def done(_result: Any) -> None:
            parent = self.parentWidget()
            if parent is not None and hasattr(parent, "statusBar"):
                parent.statusBar().showMessage(self.tr("密码已修改。"), 10_000)
            self.accept()

        self.ok.setEnabled(False)
        self.ctx.run(self, work, show_progress=False, on_success=done).failure(failed)
