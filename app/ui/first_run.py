"""First run: set up a community or a street office in this data folder, or open the demo."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
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
    init_office,
    normalise_code,
)
from app.errors import GridDeskError


class FirstRunDialog(QDialog):
    def __init__(self, datadir: DataDir, lang: str = "zh", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.datadir = datadir
        self.lang = lang
        self.wants_demo = False
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
        role = "street-office" if self.street.isChecked() else "community"
        parent = self.parent_code.text().strip() or None
        try:
            init_office(
                self.datadir,
                role,
                self.code.text().strip(),
                self.name.text().strip(),
                None if role == "street-office" else parent,
            )
        except GridDeskError as exc:
            self.error.setText(exc.message(self.lang))
            self._check_parent()
            return
        self.accept()

    def _demo(self) -> None:
        self.wants_demo = True
        self.accept()


def _digits(text: str, n: int) -> bool:
    return len(text) == n and text.isascii() and text.isdigit()
