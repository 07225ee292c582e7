"""The recovery key, shown once (打印… / 保存为 PDF…, and a tick before going on), and the first
administrator of an office that has no users yet.

The key's sheet is drawn by app.core.trust.recovery_sheet; the preview's PDF is made in the data
folder's private scratch folder and removed when the dialog closes.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.office.datadir import DataDir
from app.core.office.peek import OfficeInfo
from app.errors import GridDeskError
from app.ui.sign_in import error_label, fit_dialog, password_field


class RecoveryKeyDialog(QDialog):
    """恢复密钥: shown once; 继续 only after 我已打印或抄下恢复密钥 is ticked."""

    def __init__(
        self,
        datadir: DataDir,
        info: OfficeInfo,
        admin: str,
        recovery: str,
        settings: QSettings | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.datadir = datadir
        self.info = info
        self.admin = admin
        self.recovery = recovery
        self.settings = settings
        self._folder: Path | None = None
        self.setWindowTitle(self.tr("恢复密钥 — 只显示这一次"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        intro = QLabel(
            self.tr(
                "这是“{0}”的恢复密钥。管理员忘记密码时，用它重设密码（登录窗口的“忘记密码…”）。"
                "请打印或抄下，放入保险柜；不要拍照，不要存在电脑或手机上。"
                "恢复密钥遗失而管理员又忘记密码时，数据将无法打开。"
            ).format(info.name)
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.key = QLabel(self._grouped(recovery))
        self.key.setObjectName("recoveryKey")
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()
        # one style sheet for the font and the frame, so that the label's size is measured
        # with the font it is painted in (all three lines of groups shown)
        self.key.setStyleSheet(
            f"font-family: '{mono}'; font-size: 15pt; font-weight: bold; padding: 12px; "
            "border: 1px solid palette(mid);"
        )
        self.key.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(mono)
        font.setPointSizeF(15.0)
        font.setBold(True)
        lines = self.key.text().count("\n") + 1
        self.key.setMinimumHeight(QFontMetrics(font).lineSpacing() * lines + 34)
        layout.addWidget(self.key)
        who = QLabel(self.tr("第一个管理员：{0}").format(admin))
        who.setObjectName("muted")
        layout.addWidget(who)
        row = QHBoxLayout()
        self.print_button = QPushButton(self.tr("打印…"))
        self.print_button.clicked.connect(self.preview)
        self.save_button = QPushButton(self.tr("保存为 PDF…"))
        self.save_button.clicked.connect(self.save_pdf)
        row.addWidget(self.print_button)
        row.addWidget(self.save_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.saved = QLabel("")
        self.saved.setObjectName("muted")
        self.saved.setWordWrap(True)
        layout.addWidget(self.saved)
        self.kept = QCheckBox(self.tr("我已打印或抄下恢复密钥"))
        layout.addWidget(self.kept)
        buttons = QDialogButtonBox()
        self.go_on = buttons.addButton(self.tr("继续"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.go_on.setEnabled(False)
        self.kept.toggled.connect(self.go_on.setEnabled)
        self.go_on.clicked.connect(self.accept)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)
        fit_dialog(self, 640)

    @staticmethod
    def _grouped(recovery: str) -> str:
        groups = recovery.split("-")
        return "\n".join("  ".join(groups[i : i + 5]) for i in range(0, len(groups), 5))

    def reject(self) -> None:
        """Escape or the close button: not before the key is kept (it is shown only now)."""
        if self.kept.isChecked():
            self.accept()

    def _pdf(self) -> bytes:
        from app.core.trust.recovery_sheet import recovery_pdf

        return recovery_pdf(self.info, self.admin, self.recovery)

    def preview(self) -> None:
        from app.core.common.scratch import process_folder
        from app.ui.print_preview import PdfPreviewDialog

        if self._folder is None:
            base = process_folder(self.datadir.root) if self.datadir.root.is_dir() else None
            self._folder = Path(tempfile.mkdtemp(prefix="recovery-", dir=base))
        path = self._folder / "recovery-key.pdf"
        path.write_bytes(self._pdf())
        path.chmod(0o600)
        dialog = PdfPreviewDialog(
            path, self.tr("恢复密钥单"), self.tr("恢复密钥单.pdf"), self.settings, self
        )
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()
            with contextlib.suppress(OSError):
                path.unlink()

    def save_pdf(self) -> None:
        from app.core.trust.recovery_sheet import write_recovery_key
        from app.ui.files import save_file

        target = save_file(
            self,
            self.settings,
            self.tr("保存恢复密钥单"),
            self.tr("恢复密钥单.pdf"),
            self.tr("PDF 文件 (*.pdf)"),
            suffix=".pdf",
        )
        if target is None:
            return
        try:
            where = write_recovery_key(target, self.info, self.admin, self.recovery)
        except OSError as exc:
            self.saved.setText(self.tr("无法保存到 {0}：{1}").format(target, exc.strerror or exc))
            return
        self.saved.setText(self.tr("已保存到 {0}。打印后请删除这个文件。").format(where))

    def done(self, result: int) -> None:
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None
        super().done(result)


class FirstAdminDialog(QDialog):
    """An office without users is given its first administrator (name, password twice); the
    caller makes it (`signin.add_first_admin`, on the database worker) with `name` and
    `password`."""

    def __init__(self, office_name: str, lang: str = "zh", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.setWindowTitle(self.tr("设置第一个管理员"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        intro = QLabel(
            self.tr(
                "“{0}”还没有用户。从现在起，打开 GridDesk 要用用户名和密码登录，数据库也将加密保存。"
                "请设置第一个管理员；他可以在“设置 → 用户”中为其他人添加账号。"
            ).format(office_name)
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("如 zhangsan 或 张三"))
        self.password = password_field(self.tr("至少 8 位"))
        self.again = password_field()
        form.addRow(self.tr("管理员用户名："), self.name)
        form.addRow(self.tr("密码："), self.password)
        form.addRow(self.tr("再输入一次："), self.again)
        layout.addLayout(form)
        note = QLabel(self.tr("加密数据库前会先做一份备份；数据多时需要几秒钟。"))
        note.setObjectName("muted")
        note.setWordWrap(True)
        layout.addWidget(note)
        self.error = error_label()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.create = buttons.addButton(
            self.tr("设置管理员"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(self.tr("退出"), QDialogButtonBox.ButtonRole.RejectRole)
        self.create.setDefault(True)
        self.create.clicked.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)
        fit_dialog(self, 540)
        self.name.setFocus()

    def _check(self) -> None:
        problem = check_new_admin(self.name.text(), self.password.text(), self.again.text())
        if problem is not None:
            self.error.setText(problem.message(self.lang))
            return
        self.accept()

    @property
    def admin(self) -> tuple[str, str]:
        return self.name.text().strip(), self.password.text()


def check_new_admin(name: str, password: str, again: str) -> GridDeskError | None:
    """What is wrong with a new user's name and password as typed (the core's words), or None."""
    from app.core.trust.keyring import check_password
    from app.core.trust.users import check_name

    try:
        check_name(name)
        check_password(password)
    except GridDeskError as exc:
        return exc
    if password != again:
        return GridDeskError("两次输入的密码不一样。", "The two passwords differ.")
    return None


def show_recovery_key(
    datadir: DataDir, info: Any, admin: str, recovery: str, settings: QSettings | None
) -> None:
    dialog = RecoveryKeyDialog(datadir, info, admin, recovery, settings)
    dialog.exec()
    dialog.deleteLater()
