"""Signing in before the window opens: the office's name, the user (the last one remembered), the
password, 登录 and 忘记密码…; and the recovery key that resets an administrator's password.

The password is checked on the database worker (argon2id takes about a third of a second, then the
office is opened), with a busy cursor; a failure says the one message the core words and keeps the
name. The signed-in office (app.core.trust.signin.Access) is the dialog's `access`.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.office.datadir import DataDir
from app.errors import GridDeskError
from app.ui.operations import DbOperation, TaskManager
from app.ui.screen import fit_to_screen


def _import_sign_in() -> None:
    import importlib

    for module in ("app.core.trust.signin", "app.core.office.setup", "app.core.trust.users"):
        importlib.import_module(module)


def last_user_key(datadir: DataDir) -> str:
    """Where QSettings keeps the last user of this data folder (the demo's apart from the real)."""
    digest = hashlib.sha256(str(datadir.root).encode("utf-8")).hexdigest()[:16]
    return f"sign_in/last_user_{digest}"


def fit_dialog(dialog: QWidget, width: int) -> None:
    """`width` wide and as tall as its contents ask at that width, within the screen (a 1366×768
    laptop): the layout's minimum is kept, so nothing overlaps."""
    dialog.resize(width, dialog.height())
    dialog.layout().activate()
    height = dialog.layout().heightForWidth(width) if dialog.layout().hasHeightForWidth() else -1
    fit_to_screen(dialog, width, max(height, dialog.sizeHint().height()))


def password_field(placeholder: str = "") -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setPlaceholderText(placeholder)
    return field


def error_label() -> QLabel:
    label = QLabel("")
    label.setObjectName("error")
    label.setWordWrap(True)
    return label


def busy_work(
    tasks: TaskManager,
    owner: QWidget,
    fn: Callable[[], Any],
    done: Callable[[Any], None],
    failed: Callable[[BaseException], None],
    lang: str,
) -> None:
    """`fn()` on the database worker with a busy cursor and `owner` disabled meanwhile; `done`
    with its result or `failed` with a refusal (a bug goes to the crash dialog)."""
    owner.setEnabled(False)
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def finish() -> None:
        QGuiApplication.restoreOverrideCursor()
        owner.setEnabled(True)

    def ok(result: Any) -> None:
        finish()
        done(result)

    def bad(exc: BaseException) -> None:
        finish()
        if isinstance(exc, GridDeskError):
            failed(exc)
        elif isinstance(exc, Exception):
            from app.ui.crash import report_bug

            report_bug(exc, owner)
        else:
            raise exc

    DbOperation(tasks, owner, lambda _p: fn(), show_progress=False, lang=lang).success(ok).failure(
        bad
    ).run_in_background()


class SignInDialog(QDialog):
    """登录: `access` holds the signed-in office once accepted."""

    def __init__(
        self,
        datadir: DataDir,
        tasks: TaskManager,
        settings: QSettings,
        lang: str = "zh",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.datadir = datadir
        self.tasks = tasks
        self.settings = settings
        self.lang = lang
        self.access: Any = None
        # the password was right but the database did not open (signin.Unopenable): accepted,
        # and the start offers the backups instead of a window
        self.unopenable: Any = None
        from app.core.trust.keyring import Keyring

        office = Keyring.load(datadir.keys).office
        self.setWindowTitle(self.tr("登录 — GridDesk 社区应急工作台"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        self.office = QLabel(
            self.tr("{0}（{1}）").format(office.get("name", ""), office.get("code", ""))
        )
        self.office.setObjectName("pageTitle")
        self.office.setWordWrap(True)
        layout.addWidget(self.office)
        hint = QLabel(self.tr("请输入用户名和密码。"))
        hint.setObjectName("muted")
        layout.addWidget(hint)
        form = QFormLayout()
        self.name = QLineEdit(str(settings.value(last_user_key(datadir), "") or ""))
        self.name.setPlaceholderText(self.tr("用户名"))
        self.password = password_field(self.tr("密码"))
        form.addRow(self.tr("用户名："), self.name)
        form.addRow(self.tr("密码："), self.password)
        layout.addLayout(form)
        self.error = error_label()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.sign_in_button = buttons.addButton(
            self.tr("登录"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.forgot = QPushButton(self.tr("忘记密码…"))
        buttons.addButton(self.forgot, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.tr("退出"), QDialogButtonBox.ButtonRole.RejectRole)
        self.sign_in_button.setDefault(True)
        self.sign_in_button.clicked.connect(self.try_sign_in)
        self.forgot.clicked.connect(self.forgot_password)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)
        fit_dialog(self, 480)
        (self.password if self.name.text() else self.name).setFocus()
        # while the user types: what signing in needs (SQLAlchemy, the office's opening) is
        # imported beside, not after 登录 is pressed
        threading.Thread(target=_import_sign_in, name="griddesk-preload", daemon=True).start()

    def try_sign_in(self) -> None:
        name, password = self.name.text().strip(), self.password.text()
        if not name or not password:
            self.error.setText(self.tr("请输入用户名和密码。"))
            (self.password if name else self.name).setFocus()
            return
        self.error.setText(self.tr("正在登录…"))
        from app.core.trust.signin import sign_in_or_unlock

        datadir = self.datadir
        busy_work(
            self.tasks,
            self,
            lambda: sign_in_or_unlock(datadir, name, password, daily_backup=False),
            self._signed_in,
            self._failed,
            self.lang,
        )

    def _signed_in(self, result: Any) -> None:
        from app.core.trust.signin import Unopenable

        if isinstance(result, Unopenable):
            self.unopenable, name = result, result.name
        else:
            self.access, name = result, result.principal.name
        self.settings.setValue(last_user_key(self.datadir), name)
        self.error.setText("")
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        assert isinstance(exc, GridDeskError)
        self.error.setText(exc.message(self.lang))
        self.password.clear()
        self.password.setFocus()

    def forgot_password(self) -> None:
        dialog = RecoverDialog(self.datadir, self.tasks, self.lang, self)
        if dialog.exec() and dialog.admin:
            self.name.setText(dialog.admin)
            self.password.clear()
            self.error.setText(
                self.tr("已重设管理员 {0} 的密码，请用新密码登录。").format(dialog.admin)
            )
            self.password.setFocus()


class RecoverDialog(QDialog):
    """忘记密码: the recovery key printed at set-up resets an administrator's password."""

    def __init__(
        self, datadir: DataDir, tasks: TaskManager, lang: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.datadir = datadir
        self.tasks = tasks
        self.lang = lang
        self.admin = ""
        self.setWindowTitle(self.tr("用恢复密钥重设管理员密码"))
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        intro = QLabel(
            self.tr(
                "忘记密码的用户请找管理员重设。管理员忘记密码时，输入设置时打印的恢复密钥"
                "（字母和数字，不分大小写，空格和短横可有可无），再设置新密码。"
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.key = QPlainTextEdit()
        self.key.setPlaceholderText(self.tr("恢复密钥，如 ABCD-EFGH-…"))
        self.key.setFixedHeight(72)
        layout.addWidget(self.key)
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("留空：第一个管理员"))
        self.password = password_field(self.tr("至少 8 位"))
        self.again = password_field()
        form.addRow(self.tr("管理员："), self.name)
        form.addRow(self.tr("新密码："), self.password)
        form.addRow(self.tr("再输入一次："), self.again)
        layout.addLayout(form)
        self.error = error_label()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(self.tr("重设密码"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok.clicked.connect(self._recover)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_dialog(self, 520)

    def _recover(self) -> None:
        if self.password.text() != self.again.text():
            self.error.setText(self.tr("两次输入的密码不一样。"))
            return
        from app.core.trust.signin import recover

        datadir, text = self.datadir, self.key.toPlainText()
        password, name = self.password.text(), self.name.text().strip() or None

        def done(admin: Any) -> None:
            self.admin = str(admin)
            self.accept()

        def failed(exc: BaseException) -> None:
            assert isinstance(exc, GridDeskError)
            self.error.setText(exc.message(self.lang))

        busy_work(
            self.tasks,
            self,
            lambda: recover(datadir, text, password, name),
            done,
            failed,
            self.lang,
        )
