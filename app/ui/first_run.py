"""First run: set up a community or a street office in this data folder with its first
administrator (then its recovery key, shown once), or open the demo."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.core.office.datadir import DataDir
from app.core.office.setup import (
    COMMUNITY_CODE_DIGITS,
    STREET_CODE_DIGITS,
    check_codes,
    normalise_code,
    validate,
)
from app.errors import GridDeskError
from app.ui.sign_in import password_field


class FirstRunDialog(QDialog):
    def __init__(
        self,
        datadir: DataDir,
        lang: str = "zh",
        parent: QWidget | None = None,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self.datadir = datadir
        self.lang = lang
        self.settings = settings
        self.wants_demo = False
        # the first administrator, once the office is set up: the window signs in as them
        self.admin: tuple[str, str] | None = None
        self.setWindowTitle(self.tr("欢迎使用 GridDesk 社区应急工作台"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        intro = QLabel(
            self.tr(
                "这台电脑上还没有 GridDesk 数据。请设置本机所属的社区或街道办，"
                "或者先打开演示社区看看。\n数据将保存在：{0}"
            ).format(datadir.root)
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        roles = QHBoxLayout()
        self.community = QRadioButton(self.tr("社区居委会"))
        self.street = QRadioButton(self.tr("街道办事处"))
        self.community.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.community)
        group.addButton(self.street)
        roles.addWidget(self.community)
        roles.addWidget(self.street)
        roles.addStretch(1)
        layout.addLayout(roles)

        form = QFormLayout()
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("民政区划代码，如 420106001001"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("如 幸福里社区"))
        self.parent_code = QLineEdit()
        self.parent_code.setPlaceholderText(self.tr("所属街道办代码，如 420106001"))
        self.parent_label = QLabel(self.tr("上级街道代码："))
        # next to the field: what the two codes must agree on, or where they do not
        self.parent_hint = QLabel()
        self.parent_hint.setWordWrap(True)
        form.addRow(self.tr("机构代码："), self.code)
        form.addRow(self.tr("名称："), self.name)
        form.addRow(self.parent_label, self.parent_code)
        form.addRow("", self.parent_hint)
        self.form = form
        layout.addLayout(form)

        admin_box = QGroupBox(self.tr("第一个管理员"))
        admin_column = QVBoxLayout(admin_box)
        admin_form = QFormLayout()
        admin_column.addLayout(admin_form)
        self.admin_name = QLineEdit()
        self.admin_name.setPlaceholderText(self.tr("如 zhangsan 或 张三"))
        self.admin_password = password_field(self.tr("至少 8 位"))
        self.admin_again = password_field()
        admin_form.addRow(self.tr("用户名："), self.admin_name)
        admin_form.addRow(self.tr("密码："), self.admin_password)
        admin_form.addRow(self.tr("再输入一次："), self.admin_again)
        admin_note = QLabel(
            self.tr(
                "打开 GridDesk 要用用户名和密码登录；管理员可在“设置 → 用户”中为其他人添加账号。"
            )
        )
        admin_note.setObjectName("muted")
        admin_note.setWordWrap(True)
        admin_column.addWidget(admin_note)
        layout.addWidget(admin_box)
        self.code.textChanged.connect(self._check_parent)
        self.parent_code.textChanged.connect(self._check_parent)
        self._check_parent()
        self.error = QLabel("")
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)

        buttons = QDialogButtonBox()
        self.create = buttons.addButton(self.tr("创建"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.demo = QPushButton(self.tr("打开演示社区"))
        buttons.addButton(self.demo, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.tr("退出"), QDialogButtonBox.ButtonRole.RejectRole)
        self.create.setDefault(True)
        self.create.clicked.connect(self._create)
        self.demo.clicked.connect(self._demo)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.street.toggled.connect(self._role_changed)
        self.code.setFocus()

    def _role_changed(self, street: bool) -> None:
        self.form.setRowVisible(self.parent_code, not street)
        self.form.setRowVisible(self.parent_hint, not street)
        self.code.setPlaceholderText(
            self.tr("民政区划代码，如 420106001")
            if street
            else self.tr("民政区划代码，如 420106001001")
        )
        self.name.setPlaceholderText(
            self.tr("如 百步亭街道办事处") if street else self.tr("如 幸福里社区")
        )

    def _check_parent(self) -> None:
        """Beside the parent code: the rule, or (both codes typed in full) that they disagree."""
        code = normalise_code(self.code.text())
        parent = normalise_code(self.parent_code.text())
        problem = None
        if _digits(code, COMMUNITY_CODE_DIGITS) and _digits(parent, STREET_CODE_DIGITS):
            try:
                check_codes("community", code, parent)
            except GridDeskError as exc:
                problem = exc.message(self.lang)
        if problem is None:
            self.parent_hint.setText(self.tr("社区代码的前9位应与上级街道代码相同。"))
            self.parent_hint.setObjectName("muted")
        else:
            self.parent_hint.setText(problem)
            self.parent_hint.setObjectName("error")
        self.parent_hint.style().unpolish(self.parent_hint)
        self.parent_hint.style().polish(self.parent_hint)

    def _create(self) -> None:
        from app.core.trust.signin import setup_with_admin
        from app.ui.recovery_key import RecoveryKeyDialog, check_new_admin

        role = "street-office" if self.street.isChecked() else "community"
        parent = self.parent_code.text().strip() or None
        admin, password = self.admin_name.text().strip(), self.admin_password.text()
        code, name = self.code.text().strip(), self.name.text().strip()
        try:  # the office's details first, as the form asks for them
            validate(
                role,
                normalise_code(code),
                name,
                None if role == "street-office" else normalise_code(parent or "") or None,
            )
        except GridDeskError as exc:
            self.error.setText(exc.message(self.lang))
            self._check_parent()
            return
        problem = check_new_admin(admin, password, self.admin_again.text())
        if problem is not None:
            self.error.setText(problem.message(self.lang))
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            info, recovery = setup_with_admin(
                self.datadir,
                role,
                code,
                name,
                None if role == "street-office" else parent,
                admin,
                password,
            )
        except GridDeskError as exc:
            self.error.setText(exc.message(self.lang))
            self._check_parent()
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.error.setText("")
        self.admin = (admin, password)
        keep = RecoveryKeyDialog(self.datadir, info, admin, recovery, self.settings, self)
        self.recovery_dialog = keep  # for a test to find while it is open
        keep.exec()
        self.accept()

    def _demo(self) -> None:
        self.wants_demo = True
        self.accept()


def _digits(text: str, n: int) -> bool:
    return len(text) == n and text.isascii() and text.isdigit()
