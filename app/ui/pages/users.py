"""设置 → 用户 (administrators): the office's users, their roles and grids, last sign-in; 添加用户,
更改角色, 重设密码, 停用/启用. Everything goes through app.core.trust.users on the database
worker, so a refusal (the last administrator, oneself, a grid that does not exist) is shown as the
core words it."""

from __future__ import annotations

from datetime import UTC
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import GridDeskError
from app.ui.context import AppContext
from app.ui.labels import USER_ROLES, grid_label, listing, user_role_label
from app.ui.sign_in import error_label, fit_dialog, password_field
from app.ui.tables import list_table
from app.ui.toolbar import PageToolBar

ROLE_ORDER = ("admin", "staff", "grid-worker", "viewer")


def fresh_keyring(access: Any) -> Any:
    """The keyring as it is on disk now: a failed sign-in on the lock screen or another user's
    password change since this user signed in was written by another copy, which a stale one
    would overwrite."""
    from app.core.trust.keyring import Keyring

    ring = Keyring.load(access.datadir.keys)
    access.ring = ring
    return ring


def _when(moment: Any) -> str:
    if moment is None:
        return ""
    return moment.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")


class UsersPage(QWidget):
    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.users: list[Any] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(8)
        bar = PageToolBar()
        self.add_action = bar.addAction(self.tr("添加用户…"))
        self.add_action.triggered.connect(self.add_user)
        self.role_action = bar.addAction(self.tr("更改角色…"))
        self.role_action.triggered.connect(self.change_role)
        self.reset_action = bar.addAction(self.tr("重设密码…"))
        self.reset_action.triggered.connect(self.reset_password)
        self.active_action = bar.addAction(self.tr("停用"))
        self.active_action.triggered.connect(self.toggle_active)
        layout.addWidget(bar)
        self.table = list_table(
            [
                self.tr("用户名"),
                self.tr("角色"),
                self.tr("网格"),
                self.tr("状态"),
                self.tr("最后登录"),
            ]
        )
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.change_role())
        layout.addWidget(self.table, 1)
        self.count = QLabel("")
        self.count.setObjectName("muted")
        layout.addWidget(self.count)
        note = QLabel(
            self.tr(
                "网格员/志愿者只看到所负责网格的住户，证件号和电话总是遮盖显示；"
                "“查看”只看首页和报表。停用的用户不能再登录，他的记录仍保留。"
            )
        )
        note.setObjectName("muted")
        note.setWordWrap(True)
        layout.addWidget(note)
        self._selection_changed()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.users:
            self.refresh()

    def refresh(self, select: str | None = None) -> None:
        from app.core.trust.users import list_users

        db = self.ctx.db

        def work(_progress: Any) -> list[Any]:
            with db.reading() as session:
                return list_users(session)

        self.ctx.run(
            self, work, show_progress=False, on_success=lambda users: self._show(users, select)
        )

    def _show(self, users: list[Any], select: str | None) -> None:
        current = select or (self.selected().name if self.selected() else None)
        self.users = users
        self.table.setRowCount(len(users))
        for row, user in enumerate(users):
            cells = [
                user.name,
                user_role_label(user.role),
                listing(user.grids),
                self.tr("已启用") if user.active else self.tr("已停用"),
                _when(user.last_sign_in),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 0:
                    item.setData(Qt.ItemDataRole.UserRole, user.name)
                self.table.setItem(row, column, item)
            if user.name == current:
                self.table.selectRow(row)
        active = sum(1 for u in users if u.active)
        self.count.setText(self.tr("共 {0} 个用户，{1} 个启用").format(len(users), active))
        self._selection_changed()
        self.loaded.emit()

    def selected(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.users):
            return None
        return self.users[rows[0].row()]

    def select(self, name: str) -> None:
        for row, user in enumerate(self.users):
            if user.name == name:
                self.table.selectRow(row)

    def _selection_changed(self) -> None:
        user = self.selected()
        for action in (self.role_action, self.reset_action, self.active_action):
            action.setEnabled(user is not None)
        self.active_action.setText(
            self.tr("启用") if user is not None and not user.active else self.tr("停用")
        )

    # --- the operations ---------------------------------------------------------------------

    def _write(self, fn: Any, done: Any, dialog: QWidget | None = None) -> None:
        """`fn(session, access)` in a write session on the worker; `done(result)` after; a
        refusal said in `dialog` (its error label) or in a message box."""
        access = self.ctx.access
        assert access is not None

        def work(_progress: Any) -> Any:
            with access.db.session(note="users") as session:
                return fn(session, access)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, GridDeskError):
                label = getattr(dialog, "error", None)
                if isinstance(label, QLabel):
                    label.setText(exc.message(self.ctx.lang))
                    if dialog is not None:
                        dialog.setEnabled(True)
                else:
                    QMessageBox.warning(self, self.tr("用户"), exc.message(self.ctx.lang))
                return
            from app.ui.crash import report_bug

            if isinstance(exc, Exception):
                report_bug(exc, self)

        if dialog is not None:
            dialog.setEnabled(False)
        self.ctx.run(dialog or self, work, show_progress=False, on_success=done).failure(failed)

    def _grids(self) -> list[tuple[str, str]]:
        from app.core.grids.structure import list_grids

        with self.ctx.db.reading() as session:
            return [(g.code, g.name) for g in list_grids(session)]

    def add_user(self) -> UserDialog:
        dialog = UserDialog(self.ctx, self._grids(), parent=self)
        dialog.accepted_values.connect(lambda values: self._add(dialog, values))
        dialog.open()
        return dialog

    def _add(self, dialog: UserDialog, values: dict[str, Any]) -> None:
        from app.core.trust.roles import Role
        from app.core.trust.users import add_user

        def fn(session: Any, access: Any) -> Any:
            return add_user(
                session,
                fresh_keyring(access),
                access.key,
                values["name"],
                Role(values["role"]),
                values["password"],
                values["grids"],
            )

        def done(user: Any) -> None:
            dialog.accept()
            self.refresh(select=user.name)

        self._write(fn, done, dialog)

    def change_role(self) -> UserDialog | None:
        user = self.selected()
        if user is None:
            return None
        dialog = UserDialog(self.ctx, self._grids(), user=user, parent=self)
        dialog.accepted_values.connect(lambda values: self._set_role(dialog, user.name, values))
        dialog.open()
        return dialog

    def _set_role(self, dialog: UserDialog, name: str, values: dict[str, Any]) -> None:
        from app.core.trust.roles import Role
        from app.core.trust.users import set_role

        def done(_user: Any) -> None:
            dialog.accept()
            self.refresh(select=name)

        self._write(
            lambda session, _a: set_role(session, name, Role(values["role"]), values["grids"]),
            done,
            dialog,
        )

    def reset_password(self) -> PasswordDialog | None:
        user = self.selected()
        if user is None:
            return None
        dialog = PasswordDialog(self.ctx, user.name, self)
        dialog.accepted_values.connect(lambda password: self._reset(dialog, user.name, password))
        dialog.open()
        return dialog

    def _reset(self, dialog: PasswordDialog, name: str, password: str) -> None:
        from app.core.trust.users import reset_password

        def done(_user: Any) -> None:
            dialog.accept()
            self.count.setText(self.tr("已重设 {0} 的密码。").format(name))

        self._write(
            lambda session, a: reset_password(session, fresh_keyring(a), a.key, name, password),
            done,
            dialog,
        )

    def toggle_active(self) -> None:
        from app.core.trust.users import set_active

        user = self.selected()
        if user is None:
            return
        if user.active:
            answer = QMessageBox.question(
                self,
                self.tr("停用用户"),
                self.tr("停用用户 {0}？停用后不能再登录，可以随时重新启用。").format(user.name),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        name, active = user.name, not user.active
        self._write(
            lambda session, _a: set_active(session, name, active),
            lambda _u: self.refresh(select=name),
        )


class UserDialog(QDialog):
    """添加用户 (name, role, grids for a grid worker, password twice) or 更改角色 (role, grids)."""

    accepted_values = Signal(dict)

    def __init__(
        self,
        ctx: AppContext,
        grids: list[tuple[str, str]],
        user: Any = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.editing = user is not None
        self.setWindowTitle(
            self.tr("更改角色 — {0}").format(user.name) if user else self.tr("添加用户")
        )
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name = QLineEdit(user.name if user else "")
        self.name.setPlaceholderText(self.tr("如 lisi 或 李四"))
        self.name.setReadOnly(self.editing)
        form.addRow(self.tr("用户名："), self.name)
        self.role = QComboBox()
        for role in ROLE_ORDER:
            self.role.addItem(user_role_label(role), role)
        assert set(ROLE_ORDER) == set(USER_ROLES)
        self.role.setCurrentIndex(ROLE_ORDER.index(str(user.role)) if user else 1)
        form.addRow(self.tr("角色："), self.role)
        self.grids = QListWidget()
        self.grids.setMinimumHeight(110)
        self.grids.setMaximumHeight(180)
        chosen = set(user.grids) if user else set()
        for code, name in grids:
            item = QListWidgetItem(grid_label(name, code))
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if code in chosen else Qt.CheckState.Unchecked)
            self.grids.addItem(item)
        self.grids_label = QLabel(self.tr("负责网格："))
        form.addRow(self.grids_label, self.grids)
        self.no_grids = QLabel(self.tr("还没有网格：请先在“网格”中建网格。"))
        self.no_grids.setObjectName("muted")
        form.addRow("", self.no_grids)
        self.password = password_field(self.tr("至少 8 位"))
        self.again = password_field()
        if not self.editing:
            form.addRow(self.tr("密码："), self.password)
            form.addRow(self.tr("再输入一次："), self.again)
        self.form = form
        layout.addLayout(form)
        self.role_note = QLabel()
        self.role_note.setObjectName("muted")
        self.role_note.setWordWrap(True)
        layout.addWidget(self.role_note)
        self.error = error_label()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save.setText(self.tr("保存") if self.editing else self.tr("添加"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.save.clicked.connect(self._submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.role.currentIndexChanged.connect(self._role_changed)
        self._role_changed()
        self.setMinimumWidth(460)
        fit_dialog(self, 500)

    def _role_changed(self) -> None:
        worker = self.role.currentData() == "grid-worker"
        self.form.setRowVisible(self.grids, worker)
        self.form.setRowVisible(self.no_grids, worker and self.grids.count() == 0)
        notes = {
            "admin": self.tr("管理员：管理用户、设置、密钥、恢复备份、审计，以及全部日常工作。"),
            "staff": self.tr("工作人员：各页面的日常工作；可申请查看完整证件号（留审计记录）。"),
            "grid-worker": self.tr(
                "网格员/志愿者：只看所负责网格的住户（遮盖显示），发放、签到、走访。"
            ),
            "viewer": self.tr("查看：首页和报表的统计数字，不含个人信息。"),
        }
        self.role_note.setText(notes[self.role.currentData()])

    def checked_grids(self) -> list[str]:
        if self.role.currentData() != "grid-worker":
            return []
        return [
            str(self.grids.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.grids.count())
            if self.grids.item(i).checkState() == Qt.CheckState.Checked
        ]

    def check_grid(self, code: str) -> None:
        for i in range(self.grids.count()):
            if self.grids.item(i).data(Qt.ItemDataRole.UserRole) == code:
                self.grids.item(i).setCheckState(Qt.CheckState.Checked)

    def _submit(self) -> None:
        if not self.editing and self.password.text() != self.again.text():
            self.error.setText(self.tr("两次输入的密码不一样。"))
            return
        self.error.setText("")
        self.accepted_values.emit(
            {
                "name": self.name.text().strip(),
                "role": self.role.currentData(),
                "grids": self.checked_grids(),
                "password": self.password.text(),
            }
        )


class PasswordDialog(QDialog):
    """重设密码: an administrator sets another user's password (typed twice)."""

    accepted_values = Signal(str)

    def __init__(self, ctx: AppContext, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("重设密码 — {0}").format(name))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr("为 {0} 设置新密码，请当面告诉他，并请他登录后自己修改。").format(name)
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.password = password_field(self.tr("至少 8 位"))
        self.again = password_field()
        form.addRow(self.tr("新密码："), self.password)
        form.addRow(self.tr("再输入一次："), self.again)
        layout.addLayout(form)
        self.error = error_label()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.save = buttons.addButton(self.tr("重设密码"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        self.save.clicked.connect(self._submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
        fit_dialog(self, 460)

    def _submit(self) -> None:
        if self.password.text() != self.again.text():
            self.error.setText(self.tr("两次输入的密码不一样。"))
            return
        self.error.setText("")
        self.accepted_values.emit(self.password.text())
