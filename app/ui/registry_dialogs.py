"""Dialogs of the 住户 page: one household with its members, and the resident form. (The import
wizard is `app.ui.roster_import_wizard`; splitting and merging households `app.ui.household_dialogs`.)
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.common.changes import Change
from app.core.common.masking import mask_phone
from app.core.registry import idnumber, lookup
from app.core.registry.households import HouseholdMade, add_household, households_at, parse_address
from app.core.trust.roles import Permission, Principal
from app.errors import GridDeskError
from app.ui.context import AppContext
from app.ui.dates import to_qdate
from app.ui.household_dialogs import MergeDialog, SplitDialog
from app.ui.labels import (
    RELATIONS,
    RESIDENCY,
    STATUS,
    clauses,
    gender_label,
    relation_label,
    residency_label,
    status_label,
    tag_label,
    with_note,
)

# the kinds of document other than the ID card, as literals the translation tools can see
DOC_TYPES = [
    ("", QT_TRANSLATE_NOOP("ResidentForm", "（无）")),
    ("passport", QT_TRANSLATE_NOOP("ResidentForm", "护照")),
    ("hk_macau_permit", QT_TRANSLATE_NOOP("ResidentForm", "港澳通行证")),
    ("taiwan_permit", QT_TRANSLATE_NOOP("ResidentForm", "台胞证")),
    ("foreigner_permit", QT_TRANSLATE_NOOP("ResidentForm", "外国人永久居留证")),
    ("other", QT_TRANSLATE_NOOP("ResidentForm", "其他")),
]


def confirm_delete(parent: QWidget, what: str) -> str | None:
    """删除 张三（3-2-502）？ with the reason to record; None when cancelled. (Its words have a
    context of their own: `parent.tr` would look them up under whichever page asks.)"""
    title = QCoreApplication.translate("ConfirmDelete", "删除")
    reason, ok = QInputDialog.getText(
        parent,
        title,
        QCoreApplication.translate(
            "ConfirmDelete", "删除 {0}？\n删除后可在审计记录中查到。请填写原因："
        ).format(what),
        text=QCoreApplication.translate("ConfirmDelete", "已迁出"),
    )
    if not ok:
        return None
    if not reason.strip():
        QMessageBox.warning(
            parent, title, QCoreApplication.translate("ConfirmDelete", "请填写删除原因。")
        )
        return None
    return reason.strip()


def principal(ctx: AppContext) -> Principal | None:
    """The signed-in user the window works for (None in an office without users)."""
    found = getattr(ctx.db, "principal", None)
    return found if isinstance(found, Principal) else None


def may(ctx: AppContext, permission: Permission) -> bool:
    """Whether the signed-in user may (the window hides what app/core would refuse)."""
    user = principal(ctx)
    return user is None or user.may(permission)


class ResidentForm(QDialog):
    """Add or edit one resident; errors appear next to the field, in Chinese.

    Once the office has users, a resident is edited with the ID number, other document number and
    phone masked (and no birth date beside a masked ID number, `app.core.common.masking`): a
    masked field left as it is keeps the recorded value; one typed over is saved as typed. The
    whole values are seen through 显示完整 in the household dialog (audited)."""

    def __init__(
        self,
        ctx: AppContext,
        household_id: int,
        member: lookup.Member | None = None,
        parent: QWidget | None = None,
        *,
        new_household: bool = False,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.household_id = household_id
        self.member = member
        self.new_household = new_household
        # the values the form shows masked, and what each stands for (kept when left as shown)
        self.kept: dict[str, tuple[str, str]] = {}
        if member is not None and principal(ctx) is not None:
            for key, value, masked in (
                ("id_number", member.id_number, idnumber.mask(member.id_number)),
                ("doc_number", member.doc_number, idnumber.mask(member.doc_number)),
                ("phone", member.phone, mask_phone(member.phone)),
            ):
                if value:
                    self.kept[key] = (masked, value)
        self.made: HouseholdMade | None = None
        self.saved_id: int | None = None  # the resident saved, once saved
        if new_household:
            self.setWindowTitle(self.tr("新增住户"))
        else:
            self.setWindowTitle(self.tr("编辑居民") if member else self.tr("新增居民"))
        self.setMinimumWidth(560)
        form = QFormLayout()
        form.setVerticalSpacing(6)
        self.address = QLineEdit()
        self.address.setPlaceholderText(self.tr("如 3栋2单元502 或 3-2-502"))
        self.household_phone = QLineEdit()
        self.household_phone.setPlaceholderText(self.tr("可不填"))
        self.name = QLineEdit(member.name if member else "")
        self.id_number = QLineEdit(self._shown("id_number", member.id_number if member else None))
        self.id_number.setPlaceholderText(self.tr("18位，末位可为X；没有可不填"))
        self.id_info = QLabel()
        self.id_info.setObjectName("muted")
        self.doc_type = QComboBox()
        for code, label in DOC_TYPES:
            self.doc_type.addItem(QCoreApplication.translate("ResidentForm", label), code)
        self.doc_number = QLineEdit(
            self._shown("doc_number", member.doc_number if member else None)
        )
        self.gender = QComboBox()
        self.gender.addItem(self.tr("（未知）"), "")
        for code in ("M", "F"):
            self.gender.addItem(gender_label(code), code)
        self.birth = QDateEdit()
        self.birth.setDisplayFormat("yyyy-MM-dd")
        self.birth.setCalendarPopup(True)
        self.birth.setMinimumDate(QDate(1880, 1, 1))
        self.birth.setSpecialValueText(self.tr("（未填）"))
        self.birth.setDate(self.birth.minimumDate())
        self.phone = QLineEdit(self._shown("phone", member.phone if member else None))
        self.relation = QComboBox()
        self.relation.setEditable(True)
        # shown in the interface's language, kept as the office writes them (户主, 配偶 …)
        self.relation.addItem("", "")
        for relation in RELATIONS:
            self.relation.addItem(relation_label(relation), relation)
        self.residency = QComboBox()
        for code in RESIDENCY:
            self.residency.addItem(residency_label(code), code)
        self.status = QComboBox()
        for code in STATUS:
            self.status.addItem(status_label(code), code)
        self._build_tags(ctx, member)
        self.notes = QLineEdit(member.notes or "" if member else "")
        self.errors: dict[str, QLabel] = {}
        self._lay_out(form, new_household)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        if member:
            self._select(self.gender, member.gender or "")
            self._select(self.residency, member.residency)
            self._select(self.status, member.status)
            self._select(self.doc_type, member.doc_type if member.doc_type != "id_card" else "")
            self.relation.setCurrentText(relation_label(member.relation))
            if member.birth_date and "id_number" not in self.kept:
                self.birth.setDate(to_qdate(member.birth_date))
            elif member.birth_date:  # beside the masked number: from the number, not shown
                self.birth.setEnabled(False)
        if new_household:
            self.relation.setCurrentText(relation_label("户主"))
            self.relation.setEnabled(False)  # the first member of a new household is its head
        self.id_number.textChanged.connect(self._id_typed)
        self._id_typed(self.id_number.text())
        (self.address if new_household else self.name).setFocus()

    def _build_tags(self, ctx: AppContext, member: lookup.Member | None) -> None:
        """Every category visible at once, four to a row (a scrolling row hid 低保 and 特困)."""
        self.tags = QWidget()
        tag_grid = QGridLayout(self.tags)
        tag_grid.setContentsMargins(0, 0, 0, 0)
        tag_grid.setHorizontalSpacing(12)
        with ctx.db.reading() as session:
            tag_names = lookup.filter_options(session).tags
        chosen = set(member.tags) if member else set()
        self.tag_boxes: dict[str, QCheckBox] = {}
        for i, t in enumerate(tag_names):
            box = QCheckBox(tag_label(t))
            box.setChecked(t in chosen)
            self.tag_boxes[t] = box
            tag_grid.addWidget(box, i // 4, i % 4)

    def _lay_out(self, form: QFormLayout, new_household: bool) -> None:
        """The fields in the form, each with the line under it where its error is said."""

        def row(label: str, widget: QWidget, key: str) -> None:
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(widget)
            err = QLabel()
            err.setObjectName("error")
            err.hide()
            box.addWidget(err)
            self.errors[key] = err
            form.addRow(label, box)

        if new_household:
            row(self.tr("住址："), self.address, "address")
            form.addRow(self.tr("住户电话："), self.household_phone)
            heading = QLabel(self.tr("户主"))
            heading.setObjectName("sectionTitle")
            form.addRow(heading)
        row(self.tr("姓名："), self.name, "name")
        row(self.tr("身份证号："), self.id_number, "id_number")
        form.addRow("", self.id_info)
        docs = QWidget()
        docs_row = QHBoxLayout(docs)
        docs_row.setContentsMargins(0, 0, 0, 0)
        docs_row.addWidget(self.doc_type)
        docs_row.addWidget(self.doc_number, 1)
        row(self.tr("其他证件："), docs, "doc_number")
        form.addRow(self.tr("性别："), self.gender)
        row(self.tr("出生日期："), self.birth, "birth_date")
        row(self.tr("联系电话："), self.phone, "phone")
        row(self.tr("与户主关系："), self.relation, "relation")
        row(self.tr("户籍类型："), self.residency, "residency")
        row(self.tr("状态："), self.status, "status")
        form.addRow(self.tr("人员类别："), self.tags)
        row(self.tr("备注："), self.notes, "notes")

    def _shown(self, key: str, value: str | None) -> str:
        return self.kept[key][0] if key in self.kept else value or ""

    def _value(self, key: str, field: QLineEdit) -> str:
        """What a field holds: the recorded value when a masked one was left as shown."""
        text = field.text()
        if key in self.kept and text.strip() == self.kept[key][0]:
            return self.kept[key][1]
        return text

    @staticmethod
    def _select(combo: QComboBox, code: str) -> None:
        i = combo.findData(code)
        if i >= 0:
            combo.setCurrentIndex(i)

    def _id_typed(self, text: str) -> None:
        """Check the ID number as it is typed; fill birth date and gender from it."""
        err = self.errors["id_number"]
        text = text.strip()
        if len(text) < 15 or ("id_number" in self.kept and text == self.kept["id_number"][0]):
            err.hide()
            self.id_info.setText("")
            return
        try:
            info = idnumber.parse(text)
        except idnumber.IdNumberError as exc:
            err.setText(exc.zh)
            err.show()
            self.id_info.setText("")
            return
        err.hide()
        self._select(self.gender, info.gender)
        self.birth.setDate(to_qdate(info.birth_date))
        self.id_info.setText(
            self.tr("出生日期 {0}，{1}（由身份证号得出）").format(
                info.birth_date.isoformat(), self.tr("男") if info.gender == "M" else self.tr("女")
            )
        )

    def data(self) -> lookup.ResidentInput:
        born = self.birth.date()
        birth_date = None if born == self.birth.minimumDate() else born.toPython()
        if not self.birth.isEnabled() and self.member is not None:
            birth_date = self.member.birth_date
        return lookup.ResidentInput(
            name=self.name.text(),
            id_number=self._value("id_number", self.id_number),
            gender=self.gender.currentData() or None,
            birth_date=birth_date,
            doc_type=self.doc_type.currentData() or None,
            doc_number=self._value("doc_number", self.doc_number),
            phone=self._value("phone", self.phone),
            relation=self._relation(),
            residency=self.residency.currentData(),
            tags=[name for name, box in self.tag_boxes.items() if box.isChecked()],
            status=self.status.currentData(),
            notes=self.notes.text(),
        )

    def _relation(self) -> str:
        """The relation as the office writes it: a listed one by its stored name (户主 also in
        English mode), anything else as typed."""
        typed = self.relation.currentText().strip()
        found = self.relation.findText(typed)
        return str(self.relation.itemData(found)) if found >= 0 else typed

    def show_errors(self, errors: dict[str, str]) -> None:
        for key, label in self.errors.items():
            if key in errors:
                label.setText(errors[key])
                label.show()
            else:
                label.hide()

    def save(self) -> None:
        data = self.data()
        errors = data.check()
        where = self.address.text().strip()
        if self.new_household:
            try:
                parse_address(where)
            except GridDeskError as exc:
                errors = {"address": exc.message(self.ctx.lang), **errors}
        self.show_errors(errors)
        if errors:
            return
        if self.new_household and not self._confirm_address(where):
            return
        db = self.ctx.db
        member = self.member
        household_id = self.household_id
        phone = self.household_phone.text()

        new_household = self.new_household

        def work(_progress: Any) -> HouseholdMade | int:
            if new_household:
                with db.session(note="registry: new household") as session:
                    return add_household(session, where, data, phone)
            with db.session(note="registry") as session:
                if member is None:
                    return lookup.add_resident(session, household_id, data)
                lookup.update_resident(session, member.id, data)
                return member.id

        def done(result: Any) -> None:
            if isinstance(result, HouseholdMade):
                self.made = result
                self.household_id = result.id
            else:
                self.saved_id = int(result)
            self.accept()

        def changes(result: Any) -> Change:
            return Change.REGISTRY if isinstance(result, HouseholdMade) else Change.RESIDENTS

        op = self.ctx.run(
            self,
            work,
            title=self.tr("保存居民"),
            on_success=done,
            show_progress=False,
            changes=changes,
        )
        op.failure(self._failed)

    def _confirm_address(self, where: str) -> bool:
        """A second household at an address already lived in (合租) is allowed, after a question."""
        with self.ctx.db.reading() as session:
            there = households_at(session, where)
        if not there:
            return True
        names = clauses(
            self.tr("户号 {0}（户主 {1}，{2} 人）").format(
                n.code, n.head or self.tr("无"), n.members
            )
            for n in there
        )
        answer = QMessageBox.question(
            self,
            self.tr("新增住户"),
            self.tr("{0} 已有住户：{1}。\n仍要在此地址新增一户吗？").format(
                parse_address(where).code, names
            ),
        )
        return answer == QMessageBox.StandardButton.Yes

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, GridDeskError):
            key = "id_number" if "身份证" in exc.zh else "address" if "住址" in exc.zh else "name"
            self.show_errors({key: exc.message(self.ctx.lang)})
        else:
            from app.ui.crash import report_bug

            report_bug(exc, self)


class HouseholdDialog(QDialog):
    """One household: its address and code, its members; change head, move, add, edit, delete."""

    changed = Signal()

    def __init__(
        self,
        ctx: AppContext,
        household_id: int,
        parent: QWidget | None = None,
        *,
        read_only: bool = False,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.household_id = household_id
        self.read_only = read_only  # at a street office: the community's record, to read
        self.view: lookup.HouseholdView | None = None
        self.setMinimumSize(900, 420)
        layout = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.info = QLabel()
        self.info.setObjectName("muted")
        layout.addWidget(self.title)
        layout.addWidget(self.info)
        bar = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, label in (
            ("add", self.tr("新增成员")),
            ("edit", self.tr("编辑")),
            ("head", self.tr("设为户主")),
            ("move", self.tr("迁到其他户")),
            ("delete", self.tr("删除")),
            ("split", self.tr("拆分户…")),
            ("merge", self.tr("合并户…")),
        ):
            b = QPushButton(label)
            self.buttons[key] = b
            bar.addWidget(b)
        writes = not read_only and may(ctx, Permission.WRITE)
        for button in self.buttons.values():
            button.setVisible(writes)
        # 显示完整: one resident's whole ID number and phone, with a reason (audited); shown to
        # the roles that may see full values, once the office has users
        self.reveal_button = QPushButton(self.tr("显示完整…"))
        self.reveal_button.setToolTip(
            self.tr("查看所选居民的完整身份证号和电话（需填写原因，记入审计记录）")
        )
        self.reveal_button.setVisible(
            principal(ctx) is not None and may(ctx, Permission.FULL_VALUES)
        )
        self.reveal_button.clicked.connect(self.reveal)
        bar.addWidget(self.reveal_button)
        self.buttons["split"].setToolTip(self.tr("部分成员另立一户（新住址，各有户主）"))
        self.buttons["merge"].setToolTip(self.tr("把另一户的成员并入本户，选定户主"))
        bar.addStretch(1)
        layout.addLayout(bar)
        self.table = QTableWidget(0, 7)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("姓名"),
                self.tr("与户主关系"),
                self.tr("性别"),
                self.tr("出生日期"),
                self.tr("身份证号"),
                self.tr("联系电话"),
                self.tr("人员类别"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        if writes:
            self.table.doubleClicked.connect(self.edit)
        layout.addWidget(self.table, 1)
        from app.ui.pages.requests.household import HouseholdActivity

        self.activity = HouseholdActivity(ctx)  # the household's requests and visits
        layout.addWidget(self.activity)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.buttons["add"].clicked.connect(self.add)
        self.buttons["edit"].clicked.connect(self.edit)
        self.buttons["head"].clicked.connect(self.make_head)
        self.buttons["move"].clicked.connect(self.move)
        self.buttons["delete"].clicked.connect(self.delete)
        self.buttons["split"].clicked.connect(self.split)
        self.buttons["merge"].clicked.connect(self.merge)
        self.refresh()

    def refresh(self) -> None:
        """The household's lines, masked: the age, never the birth date, beside the masked ID
        number, which the birth date would make whole again (`app.core.common.masking`)."""
        from datetime import date

        from app.core.common.masking import age_on

        with self.ctx.db.reading() as session:
            self.view = lookup.household_view(session, self.household_id)
        v = self.view
        today = date.today()
        self.table.setHorizontalHeaderItem(3, QTableWidgetItem(self.tr("年龄")))
        self.setWindowTitle(self.tr("住户 {0}").format(v.address_code))
        self.title.setText(self.tr("{0}栋{1}单元{2}室").format(v.building, v.unit, v.room))
        head = v.head.name if v.head else self.tr("（无）")
        info = self.tr("户号 {0} · {1} · 户主 {2} · 共 {3} 人").format(
            v.code, v.grid or self.tr("未分网格"), head, len(v.members)
        )
        if self.read_only:  # at a street office: whose household this is
            with self.ctx.db.reading() as session:
                community = lookup.community_names(session).get(v.community, v.community)
            info = f"{community} · {info}"
        self.info.setText(info)
        self.table.setRowCount(len(v.members))
        for r, m in enumerate(v.members):
            age = age_on(m.birth_date, today)
            cells = [
                m.name + (self.tr("（户主）") if m.is_head else ""),
                relation_label(m.relation),
                gender_label(m.gender),
                "" if age is None else str(age),
                idnumber.mask(m.id_number),
                mask_phone(m.phone),
                self.tr("、").join(tag_label(t) for t in m.tags),
            ]
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        if v.members:
            self.table.selectRow(0)
        self.activity.fill(v.id)

    def selected(self) -> lookup.Member | None:
        row = self.table.currentRow()
        if self.view is None or not 0 <= row < len(self.view.members):
            return None
        return self.view.members[row]

    def _after(self, _result: Any = None) -> None:
        self.refresh()
        self.ctx.changed.emit(Change.RESIDENTS)
        self.changed.emit()

    def add(self) -> None:
        if ResidentForm(self.ctx, self.household_id, None, self).exec():
            self._after()

    def edit(self) -> None:
        m = self.selected()
        if m is not None and ResidentForm(self.ctx, self.household_id, m, self).exec():
            self._after()

    def make_head(self) -> None:
        m = self.selected()
        if m is None or m.is_head:
            return
        db = self.ctx.db

        def work(_progress: Any) -> bool:
            with db.session(note="change head") as session:
                return lookup.change_head(session, m.id)

        self.ctx.run(
            None,
            work,
            title=self.tr("更换户主"),
            on_success=self._after,
            show_progress=False,
        )

    def move(self) -> None:
        m = self.selected()
        if m is None:
            return
        target, ok = QInputDialog.getText(
            self,
            self.tr("迁到其他户"),
            self.tr("把 {0} 迁到哪一户？（如 3-2-502 或户号）").format(m.name),
        )
        if not ok or not target.strip():
            return
        with self.ctx.db.reading() as session:
            to = lookup.find_household(session, target)
        if to is None:
            QMessageBox.warning(
                self, self.tr("迁到其他户"), self.tr("找不到这一户：{0}").format(target)
            )
            return
        db = self.ctx.db

        def work(_progress: Any) -> None:
            with db.session(note="move") as session:
                lookup.move_resident(session, m.id, to)

        self.ctx.run(
            None,
            work,
            title=self.tr("迁移居民"),
            on_success=self._after,
            show_progress=False,
        )

    def delete(self) -> None:
        m = self.selected()
        if m is None or self.view is None:
            return
        reason = confirm_delete(self, with_note(m.name, self.view.address_code))
        if reason is None:
            return
        db = self.ctx.db

        def work(_progress: Any) -> None:
            with db.session(note=f"delete: {reason}") as session:
                lookup.delete_resident(session, m.id, reason)

        self.ctx.run(
            None,
            work,
            title=self.tr("删除居民"),
            on_success=self._after,
            show_progress=False,
        )

    def reveal(self) -> None:
        """Ask why, then show the selected resident's whole ID number and phone; the reason and
        the record (never the value) go into the audit trail (app.core.registry.full_values)."""
        from app.core.registry.full_values import reveal

        m = self.selected()
        if m is None:
            return
        title = self.tr("显示完整")
        reason, ok = QInputDialog.getText(
            self,
            title,
            self.tr("查看 {0} 的完整身份证号和电话，请填写原因（记入审计记录）：").format(m.name),
        )
        if not ok:
            return
        if not reason.strip():
            QMessageBox.warning(self, title, self.tr("请填写原因。"))
            return
        db = self.ctx.db

        def work(_progress: Any) -> Any:
            with db.session(note="view-full") as session:
                return reveal(session, m.id, reason)

        def show(found: Any) -> None:
            self.revealed = QMessageBox(
                QMessageBox.Icon.Information,
                title,
                self.tr("{0}\n身份证号：{1}\n联系电话：{2}").format(
                    m.name, found.id_number or "-", found.phone or "-"
                ),
                QMessageBox.StandardButton.Close,
                self,
            )
            self.revealed.open()

        self.ctx.run(None, work, title=title, on_success=show, show_progress=False)

    def split(self) -> QDialog | None:
        if self.view is None or len(self.view.members) < 2:
            QMessageBox.information(self, self.tr("拆分户"), self.tr("这一户只有一人，无需拆分。"))
            return None
        dialog = SplitDialog(self.ctx, self.view, self)
        dialog.done.connect(lambda _made: self._after())
        dialog.open()
        return dialog

    def merge(self) -> QDialog | None:
        if self.view is None:
            return None
        dialog = MergeDialog(self.ctx, self.view, self)
        dialog.done.connect(lambda _made: self._after())
        dialog.open()
        return dialog
