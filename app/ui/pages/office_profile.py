"""设置 → 本机构信息: the office's name, phone, address and contact person, edited and saved; its
code, changed only through a dialog that names the consequences, and refused (with the reason)
once the office has exchanged keys or packages (app.core.office.setup)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.common.changes import Change
from app.core.office.setup import (
    COMMUNITY_CODE_DIGITS,
    MAX_ADDRESS,
    MAX_CONTACT,
    MAX_NAME,
    STREET_CODE_DIGITS,
    CodeChange,
    OfficeProfile,
    ProfileInvalid,
    change_code,
    code_change_refusal,
    normalise_code,
    plan_code_change,
    read_profile,
    update_profile,
)
from app.core.trust.signin import remember_office
from app.errors import GridDeskError
from app.ui.context import AppContext


def _restyle(label: QLabel, name: str) -> None:
    label.setObjectName(name)
    label.style().unpolish(label)
    label.style().polish(label)


class OfficeSection(QGroupBox):
    """The office's details; 保存 writes the fields changed (audited), in the background."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        role = self.tr("社区居委会") if ctx.office.role == "community" else self.tr("街道办事处")
        self.setTitle(self.tr("本机构信息（{0}）").format(role))
        self.ctx = ctx
        self.code_dialog: CodeChangeDialog | None = None
        self.form = QFormLayout(self)
        self.name = QLineEdit()
        self.name.setMaxLength(MAX_NAME)
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(
            self.tr("如 027-85551234；通知上的“社区电话”不填时用它，几个号码用“、”隔开")
        )
        self.address = QLineEdit()
        self.address.setMaxLength(MAX_ADDRESS)
        self.address.setPlaceholderText(self.tr("如 江岸区百步亭花园路1号社区服务中心"))
        self.contact = QLineEdit()
        self.contact.setMaxLength(MAX_CONTACT)
        self.contact.setPlaceholderText(self.tr("如 王主任"))
        self.edits = {
            "name": self.name,
            "phone": self.phone,
            "address": self.address,
            "contact": self.contact,
        }
        self.form.addRow(self.tr("名称："), self.name)
        self.form.addRow(self.tr("电话："), self.phone)
        self.form.addRow(self.tr("地址："), self.address)
        self.form.addRow(self.tr("联系人："), self.contact)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("保存(&S)"))
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(self.tr("还原"))
        self.revert_button.clicked.connect(self.show_profile)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addStretch(1)
        self.form.addRow("", buttons)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.form.addRow("", self.message)
        self.form.setRowVisible(self.message, False)  # shown with something to say
        for edit in self.edits.values():
            edit.returnPressed.connect(self.save)

        code_row = QHBoxLayout()
        self.code_label = QLabel()
        self.code_button = QPushButton(self.tr("更改代码…"))
        self.code_button.clicked.connect(self.ask_code_change)
        code_row.addWidget(self.code_label)
        code_row.addWidget(self.code_button)
        code_row.addStretch(1)
        self.form.addRow(self.tr("机构代码："), code_row)
        self.parent_label = QLabel()
        if ctx.office.role == "community":
            self.form.addRow(self.tr("上级街道代码："), self.parent_label)
        self.code_message = QLabel("")
        self.code_message.setWordWrap(True)
        self.form.addRow("", self.code_message)
        self.form.setRowVisible(self.code_message, False)
        self._busy = False
        self.profile = self.load()
        self.show_profile()

    def load(self) -> OfficeProfile:
        with self.ctx.db.reading() as session:
            return read_profile(session)

    def show_profile(self) -> None:
        p = self.profile
        for key, edit in self.edits.items():
            edit.setText(getattr(p, key) or "")
        self.code_label.setText(p.code)
        self.parent_label.setText(p.parent_code or self.tr("（未填）"))
        self.form.setRowVisible(self.message, False)

    def _say(self, label: QLabel, text: str, error: bool) -> None:
        label.setText(text)
        _restyle(label, "error" if error else "muted")
        self.form.setRowVisible(label, True)

    def save(self) -> None:
        if self._busy:
            return
        values = {key: edit.text() for key, edit in self.edits.items()}
        db = self.ctx.db

        datadir = self.ctx.datadir

        def work(_progress: Any) -> tuple[OfficeProfile, tuple[str, ...]]:
            with db.session(note="设置 本机构信息") as session:
                profile, changed = update_profile(session, **values)
            remember_office(datadir, profile.info)
            return profile, changed

        self._busy = True
        self.save_button.setEnabled(False)
        op = self.ctx.run(self, work, title=self.tr("保存本机构信息"), show_progress=False)
        op.success(self._saved)
        op.failure(self._failed)

    def _saved(self, result: tuple[OfficeProfile, tuple[str, ...]]) -> None:
        self._busy = False
        self.save_button.setEnabled(True)
        profile, changed = result
        self.profile = profile
        self.show_profile()
        if not changed:
            self._say(self.message, self.tr("没有改动。"), False)
            return
        names = {
            "name": self.tr("名称"),
            "phone": self.tr("电话"),
            "address": self.tr("地址"),
            "contact": self.tr("联系人"),
        }
        self._say(
            self.message,
            self.tr("已保存：{0}。").format(self.tr("、").join(names[k] for k in changed)),
            False,
        )
        self._office_changed(profile)

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self.save_button.setEnabled(True)
        if not isinstance(exc, GridDeskError):
            from app.ui.crash import report_bug

            report_bug(exc, self)
            return
        self._say(self.message, exc.message(self.ctx.lang), True)
        edit = self.edits.get(getattr(exc, "field", ""))
        if edit is not None:
            edit.setFocus()
            edit.selectAll()

    def _office_changed(self, profile: OfficeProfile) -> None:
        self.ctx.office = profile.info
        # announced here, once the context holds the new details the window shows
        self.ctx.changed.emit(Change.OFFICE)

    # --- the code ------------------------------------------------------------------------------

    def ask_code_change(self) -> CodeChangeDialog | None:
        """The dialog, or (the office has exchanged keys or packages) the reason it cannot be."""
        with self.ctx.db.reading() as session:
            refusal = code_change_refusal(session)
        if refusal is not None:
            self._say(self.code_message, refusal.message(self.ctx.lang), True)
            return None
        self.form.setRowVisible(self.code_message, False)
        dialog = CodeChangeDialog(self.ctx, self.profile, self)
        dialog.changed.connect(self._code_changed)
        self.code_dialog = dialog
        dialog.open()
        return dialog

    def _code_changed(self, profile: OfficeProfile) -> None:
        self.profile = profile
        self.show_profile()
        self._say(
            self.code_message,
            self.tr("机构代码已改为 {0}。请重新导出公钥文件后再交给对方登记。").format(
                profile.code
            ),
            False,
        )
        self._office_changed(profile)


class CodeChangeDialog(QDialog):
    """A new code (and parent code): checked as typed, its consequences shown; a new code is
    changed only once they are ticked as understood."""

    changed = Signal(object)  # the OfficeProfile after the change

    def __init__(self, ctx: AppContext, profile: OfficeProfile, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.profile = profile
        self.plan: CodeChange | None = None
        self._busy = False
        self.setWindowTitle(self.tr("更改机构代码"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        intro = QLabel(
            self.tr(
                "机构代码是本机构在数据交换中的身份，只能在设置时填错、且尚未与对方登记公钥或交换"
                "数据包时更正。"
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.code = QLineEdit(profile.code)
        self.code.setMaxLength(20)
        form.addRow(self.tr("新的机构代码："), self.code)
        self.parent_code = QLineEdit(profile.parent_code or "")
        self.parent_code.setMaxLength(20)
        self.parent_code.setPlaceholderText(self.tr("所属街道办代码，如 420106001"))
        if profile.role == "community":
            form.addRow(self.tr("上级街道代码："), self.parent_code)
        layout.addLayout(form)
        self.consequences = QLabel("")
        self.consequences.setWordWrap(True)
        layout.addWidget(self.consequences)
        self.confirm = QCheckBox(self.tr("我已了解以上后果，确认更改机构代码"))
        layout.addWidget(self.confirm)
        buttons = QDialogButtonBox()
        self.change_button = buttons.addButton(
            self.tr("更改"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.change_button.setAutoDefault(False)
        cancel = buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setDefault(True)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.code.textChanged.connect(self.check)
        self.parent_code.textChanged.connect(self.check)
        self.confirm.toggled.connect(self._update_button)
        self.check()
        self.code.setFocus()
        self.code.selectAll()

    def check(self) -> None:
        """Check the codes as typed; show what the change would do, or why it cannot be."""
        self.plan = None
        self.confirm.setChecked(False)
        code = self.code.text()
        parent = self.parent_code.text() if self.profile.role == "community" else None
        digits = COMMUNITY_CODE_DIGITS if self.profile.role == "community" else STREET_CODE_DIGITS
        try:
            with self.ctx.db.reading() as session:
                plan = plan_code_change(session, code, parent)
        except GridDeskError as exc:
            # not all typed yet: say the rule, calmly
            typing = len(normalise_code(code)) < digits or (
                0 < len(normalise_code(parent or "")) < STREET_CODE_DIGITS
            )
            text = (
                self.tr("机构代码为{0}位数字。").format(digits)
                if typing
                else exc.message(self.ctx.lang)
            )
            self.consequences.setText(text)
            _restyle(self.consequences, "muted" if typing else "error")
        else:
            self.plan = plan
            if not plan.changes_anything:
                self.consequences.setText(self.tr("请输入新的代码。"))
            else:
                zh, en = plan.consequences()
                self.consequences.setText(en if self.ctx.lang == "en" else zh)
            _restyle(self.consequences, "banner" if plan.changes_code else "muted")
        self.confirm.setVisible(self.plan is not None and self.plan.changes_code)
        self._update_button()

    def _update_button(self) -> None:
        plan = self.plan
        ready = plan is not None and plan.changes_anything
        if plan is not None and plan.changes_code:
            ready = ready and self.confirm.isChecked()
        self.change_button.setEnabled(bool(ready) and not self._busy)

    def submit(self) -> None:
        plan = self.plan
        if self._busy or plan is None or not self.change_button.isEnabled():
            return
        code = self.code.text()
        parent = self.parent_code.text() if self.profile.role == "community" else None
        confirmed = self.confirm.isChecked()
        db = self.ctx.db

        datadir = self.ctx.datadir

        def work(_progress: Any) -> OfficeProfile:
            with db.session(note="设置 更改机构代码") as session:
                done = change_code(session, code, parent, confirmed=confirmed)
                profile = read_profile(session)
            db.origin = done.code  # what this office writes from now on is stamped with it
            remember_office(datadir, profile.info)
            return profile

        self._busy = True
        self._update_button()
        op = self.ctx.run(self, work, title=self.windowTitle(), show_progress=False)
        op.success(self._done)
        op.failure(self._failed)

    def _done(self, profile: OfficeProfile) -> None:
        self._busy = False
        self.changed.emit(profile)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self._update_button()
        if not isinstance(exc, GridDeskError):
            from app.ui.crash import report_bug

            report_bug(exc, self)
            return
        self.consequences.setText(exc.message(self.ctx.lang))
        _restyle(self.consequences, "error")
        if isinstance(exc, ProfileInvalid) and exc.field == "parent_code":
            self.parent_code.setFocus()
