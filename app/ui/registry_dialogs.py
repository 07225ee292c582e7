"""Dialogs of the 住户 page: one household with its members, the resident form, the import wizard."""

from __future__ import annotations

from pathlib import Path
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
    QWizard,
    QWizardPage,
)

from app.core.common.masking import mask_phone
from app.core.registry import idnumber, lookup
from app.core.registry.households import HouseholdMade, add_household, households_at, parse_address
from app.core.registry.roster_import import FIELDS, Layout, Plan, analyse, apply, find_layout
from app.core.registry.roster_rejected import RejectedFile, write_rejected
from app.core.spreadsheet import Table, cell_text, digits_lost, read_table
from app.errors import Cancelled, GridDeskError, PlanOutdated
from app.ui.context import AppContext
from app.ui.files import open_file, save_file
from app.ui.labels import (
    RELATIONS,
    RESIDENCY,
    STATUS,
    clauses,
    field_label,
    gender_label,
    relation_label,
    residency_label,
    status_label,
    tag_label,
    with_note,
)
from app.ui.operations import delete_later

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


class ResidentForm(QDialog):
    """Add or edit one resident; errors appear next to the field, in Chinese."""

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
        self.id_number = QLineEdit(member.id_number or "" if member else "")
        self.id_number.setPlaceholderText(self.tr("18位，末位可为X；没有可不填"))
        self.id_info = QLabel()
        self.id_info.setObjectName("muted")
        self.doc_type = QComboBox()
        for code, label in DOC_TYPES:
            self.doc_type.addItem(QCoreApplication.translate("ResidentForm", label), code)
        self.doc_number = QLineEdit(member.doc_number or "" if member else "")
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
        self.phone = QLineEdit(member.phone or "" if member else "")
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
        # every category visible at once, four to a row (a scrolling row hid 低保 and 特困)
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
        self.notes = QLineEdit(member.notes or "" if member else "")
        self.errors: dict[str, QLabel] = {}

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
            if member.birth_date:
                self.birth.setDate(
                    QDate(member.birth_date.year, member.birth_date.month, member.birth_date.day)
                )
        if new_household:
            self.relation.setCurrentText(relation_label("户主"))
            self.relation.setEnabled(False)  # the first member of a new household is its head
        self.id_number.textChanged.connect(self._id_typed)
        self._id_typed(self.id_number.text())
        (self.address if new_household else self.name).setFocus()

    @staticmethod
    def _select(combo: QComboBox, code: str) -> None:
        i = combo.findData(code)
        if i >= 0:
            combo.setCurrentIndex(i)

    def _id_typed(self, text: str) -> None:
        """Check the ID number as it is typed; fill birth date and gender from it."""
        err = self.errors["id_number"]
        text = text.strip()
        if len(text) < 15:
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
        self.birth.setDate(QDate(info.birth_date.year, info.birth_date.month, info.birth_date.day))
        self.id_info.setText(
            self.tr("出生日期 {0}，{1}（由身份证号得出）").format(
                info.birth_date.isoformat(), self.tr("男") if info.gender == "M" else self.tr("女")
            )
        )

    def data(self) -> lookup.ResidentInput:
        born = self.birth.date()
        return lookup.ResidentInput(
            name=self.name.text(),
            id_number=self.id_number.text(),
            gender=self.gender.currentData() or None,
            birth_date=None if born == self.birth.minimumDate() else born.toPython(),
            doc_type=self.doc_type.currentData() or None,
            doc_number=self.doc_number.text(),
            phone=self.phone.text(),
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
                return add_household(db, where, data, phone)
            if member is None:
                return lookup.add_resident(db, household_id, data)
            lookup.update_resident(db, member.id, data)
            return member.id

        def done(result: Any) -> None:
            if isinstance(result, HouseholdMade):
                self.made = result
                self.household_id = result.id
                self.ctx.changed.emit({"households", "residents"})
            else:
                self.saved_id = int(result)
                self.ctx.changed.emit({"residents"})
            self.accept()

        op = self.ctx.run(
            self, work, title=self.tr("保存居民"), on_success=done, show_progress=False
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
        for button in self.buttons.values():
            button.setVisible(not read_only)
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
        if not read_only:
            self.table.doubleClicked.connect(self.edit)
        layout.addWidget(self.table, 1)
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

    def selected(self) -> lookup.Member | None:
        row = self.table.currentRow()
        if self.view is None or not 0 <= row < len(self.view.members):
            return None
        return self.view.members[row]

    def _after(self, _result: Any = None) -> None:
        self.refresh()
        self.ctx.changed.emit({"residents"})
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
        self.ctx.run(
            None,
            lambda _p: lookup.change_head(db, m.id),
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
        self.ctx.run(
            None,
            lambda _p: lookup.move_resident(db, m.id, to),
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
        self.ctx.run(
            None,
            lambda _p: lookup.delete_resident(db, m.id, reason),
            title=self.tr("删除居民"),
            on_success=self._after,
            show_progress=False,
        )

    def split(self) -> QDialog | None:
        from app.ui.household_dialogs import SplitDialog

        if self.view is None or len(self.view.members) < 2:
            QMessageBox.information(self, self.tr("拆分户"), self.tr("这一户只有一人，无需拆分。"))
            return None
        dialog = SplitDialog(self.ctx, self.view, self)
        dialog.done.connect(lambda _made: self._after())
        dialog.open()
        return dialog

    def merge(self) -> QDialog | None:
        from app.ui.household_dialogs import MergeDialog

        if self.view is None:
            return None
        dialog = MergeDialog(self.ctx, self.view, self)
        dialog.done.connect(lambda _made: self._after())
        dialog.open()
        return dialog


# --- the import wizard ---------------------------------------------------------------------------


class ImportWizard(QWizard):
    """File → columns (correctable) → every problem, nothing written yet → import in background."""

    imported = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.table: Table | None = None
        self.layout_: Layout | None = None
        self.plan: Plan | None = None
        self.setWindowTitle(self.tr("导入居民花名册"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setMinimumSize(920, 600)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("下一步"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("上一步"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("取消"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("导入"))
        self.file_page = _FilePage(self)
        self.mapping_page = _MappingPage(self)
        self.preview_page = _PreviewPage(self)
        for page in (self.file_page, self.mapping_page, self.preview_page):
            self.addPage(page)

    def accept(self) -> None:
        plan = self.plan
        if plan is None:
            return
        db = self.ctx.db

        def work(progress: Any) -> Any:
            return apply(db, plan, progress)

        def done(result: Any) -> None:
            self.ctx.changed.emit({"residents", "households"})
            self.imported.emit(result)
            QMessageBox.information(
                self,
                self.tr("导入完成"),
                self.tr("新增居民 {0} 人，更新 {1} 人，新增住户 {2} 户。").format(
                    f"{result.residents_added:,}",
                    f"{result.residents_updated:,}",
                    f"{result.households_added:,}",
                ),
            )
            QWizard.accept(self)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, PlanOutdated):
                # another writer came first: say so and show the preview worked out again
                QMessageBox.information(self, self.tr("导入"), exc.message(self.ctx.lang))
                self.preview_page.initializePage()
            elif isinstance(exc, GridDeskError):
                QMessageBox.warning(self, self.tr("导入"), exc.message(self.ctx.lang))
            elif not isinstance(exc, Cancelled):
                from app.ui.crash import report_bug

                report_bug(exc, self)

        op = self.ctx.run(self, work, title=self.tr("正在导入"), on_success=done)
        op.failure(failed)


class _FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("第 1 步：选择文件"))
        self.setSubTitle(self.tr("Excel（.xlsx/.xls）、WPS 表格或 CSV 文件均可。"))
        grid = QGridLayout(self)
        self.path = QLineEdit()
        self.path.setPlaceholderText(self.tr("花名册文件"))
        browse = QPushButton(self.tr("浏览…"))
        browse.clicked.connect(self.browse)
        self.sheet = QComboBox()
        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        grid.addWidget(QLabel(self.tr("文件：")), 0, 0)
        grid.addWidget(self.path, 0, 1)
        grid.addWidget(browse, 0, 2)
        grid.addWidget(QLabel(self.tr("工作表：")), 1, 0)
        grid.addWidget(self.sheet, 1, 1)
        grid.addWidget(self.message, 2, 1, 1, 2)
        grid.setRowStretch(3, 1)
        self.path.textChanged.connect(self.completeChanged)
        self._reading = False
        self._read_for: tuple[str, str | None] | None = None  # the file and sheet read

    def browse(self) -> None:
        path = open_file(
            self,
            self.w.ctx.settings,
            self.tr("选择花名册"),
            self.tr("表格文件 (*.xlsx *.xlsm *.xls *.csv)"),
        )
        if path is not None:
            self.path.setText(str(path))

    def isComplete(self) -> bool:
        return bool(self.path.text().strip())

    def validatePage(self) -> bool:
        """下一步 reads the file on the database worker (a 180,000-row roster takes seconds, and
        the window must not freeze meanwhile), then moves on by itself once it is read."""
        wanted = (self.path.text().strip(), self.sheet.currentText() or None)
        if self.w.table is not None and self._read_for == wanted:
            return True
        if self._reading:
            return False
        self._reading = True
        self.message.setObjectName("muted")
        self.message.setText(self.tr("正在读取文件…"))
        path, sheet = Path(wanted[0]), wanted[1]

        def work(_progress: Any) -> tuple[Table, Layout]:
            table = read_table(path, sheet)
            return table, find_layout(table)

        def done(result: tuple[Table, Layout]) -> None:
            self._reading = False
            table, layout = result
            self.message.setText("")
            self.sheet.blockSignals(True)
            self.sheet.clear()
            self.sheet.addItems(table.sheets)
            self.sheet.setCurrentText(table.sheet)
            self.sheet.blockSignals(False)
            self.w.table, self.w.layout_ = table, layout
            self._read_for = (wanted[0], table.sheet)  # the sheet the list now shows
            self.w.next()

        def failed(exc: BaseException) -> None:
            self._reading = False
            if isinstance(exc, GridDeskError):
                self.message.setObjectName("error")
                self.message.setText(exc.message(self.w.ctx.lang))
                self.message.style().polish(self.message)
            elif not isinstance(exc, Cancelled):
                from app.ui.crash import report_bug

                report_bug(exc, self)

        op = self.w.ctx.run(self, work, title=self.tr("读取花名册"), on_success=done)
        op.failure(failed)
        return False


class _MappingPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("第 2 步：核对各列"))
        self.setSubTitle(self.tr("已按常见列名自动对应；如有不对，请在下拉框中改正。"))
        layout = QVBoxLayout(self)
        self.form = QGridLayout()
        self.form.setHorizontalSpacing(16)
        layout.addLayout(self.form)
        self.sample = QTableWidget()
        self.sample.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sample.verticalHeader().setVisible(False)
        layout.addWidget(QLabel(self.tr("文件前几行：")))
        layout.addWidget(self.sample, 1)
        self.combos: dict[str, QComboBox] = {}

    def initializePage(self) -> None:
        table, lay = self.w.table, self.w.layout_
        assert table is not None and lay is not None
        while self.form.count():
            item = self.form.takeAt(0)
            if item is not None and item.widget() is not None:
                delete_later(item.widget())
        self.combos.clear()
        for n, fld in enumerate(FIELDS):
            combo = QComboBox()
            combo.addItem(self.tr("（不导入）"), -1)
            for i, h in enumerate(lay.headers):
                if h:
                    combo.addItem(h, i)
            combo.setCurrentIndex(max(combo.findData(lay.columns.get(fld, -1)), 0))
            self.combos[fld] = combo
            self.form.addWidget(
                QLabel(self.tr("{0}：").format(field_label(fld))), n // 3, (n % 3) * 2
            )
            self.form.addWidget(combo, n // 3, (n % 3) * 2 + 1)
        rows = table.rows[lay.header_row : lay.header_row + 8]
        width = max((len(r) for r in rows), default=0)
        self.sample.setColumnCount(width)
        self.sample.setRowCount(max(len(rows) - 1, 0))
        self.sample.setHorizontalHeaderLabels([cell_text(h) for h in (rows[0] if rows else [])])
        for r, row in enumerate(rows[1:]):
            for c, value in enumerate(row):
                self.sample.setItem(r, c, self._sample_item(value))

    def _sample_item(self, value: Any) -> QTableWidgetItem:
        """A cell as the user typed it (1, not 1.0; a long number as its digits), and a number
        too long for the spreadsheet to have kept whole said to be so."""
        if not digits_lost(value):
            return QTableWidgetItem(cell_text(value))
        item = QTableWidgetItem(self.tr("{0}（末几位已丢失）").format(cell_text(value)))
        item.setToolTip(
            self.tr(
                "这个数字超过 15 位：表格只保留前 15 位，其余已变成 0，无法还原。"
                "身份证号这样的长号码要在设为文本的列中填写。"
            )
        )
        return item

    def validatePage(self) -> bool:
        lay = self.w.layout_
        assert lay is not None
        columns = {
            f: int(c.currentData()) for f, c in self.combos.items() if int(c.currentData()) >= 0
        }
        if "name" not in columns:
            QMessageBox.warning(self, self.tr("核对各列"), self.tr("请指定“姓名”所在的列。"))
            return False
        self.w.layout_ = Layout(header_row=lay.header_row, headers=lay.headers, columns=columns)
        return True


class _PreviewPage(QWizardPage):
    """Every problem, nothing written yet; the rows that will not be imported can be saved (in the
    file's own columns with the reason) to be corrected and imported again, before or after the
    import: the list here is gone once the wizard closes."""

    rejected_saved = Signal(object)  # the RejectedFile written

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("第 3 步：检查结果（尚未写入）"))
        layout = QVBoxLayout(self)
        self.summary = QLabel(self.tr("正在检查…"))
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.problems = QTableWidget(0, 3)
        self.problems.setHorizontalHeaderLabels([self.tr("行号"), self.tr("问题"), self.tr("说明")])
        self.problems.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems.verticalHeader().setVisible(False)
        self.problems.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.problems, 1)
        self.only_problems = QCheckBox(self.tr("有问题的行不导入，其余照常导入"))
        self.only_problems.setChecked(True)
        self.only_problems.setEnabled(False)
        saving = QHBoxLayout()
        self.save_rejected_button = QPushButton(self.tr("保存未导入的行…"))
        self.save_rejected_button.setToolTip(
            self.tr("把有问题的行按原表的列另存为 Excel 文件，并注明原因；改正后可再导入。")
        )
        self.save_rejected_button.setEnabled(False)
        self.save_rejected_button.clicked.connect(lambda: self.save_rejected())
        self.saved_note = QLabel()
        self.saved_note.setWordWrap(True)
        saving.addWidget(self.only_problems)
        saving.addStretch(1)
        saving.addWidget(self.saved_note)
        saving.addWidget(self.save_rejected_button)
        layout.addLayout(saving)
        self._ready = False

    def initializePage(self) -> None:
        self._ready = False
        self.w.plan = None
        self.save_rejected_button.setEnabled(False)
        self.saved_note.setText("")
        table, lay, db = self.w.table, self.w.layout_, self.w.ctx.db
        assert table is not None and lay is not None
        self.summary.setText(self.tr("正在检查…"))

        def work(progress: Any) -> Plan:
            return analyse(db, table, lay, progress)

        self.w.ctx.run(self, work, title=self.tr("检查花名册"), on_success=self.show_plan)

    def show_plan(self, plan: Plan) -> None:
        self.w.plan = plan
        self._ready = True
        self.summary.setText(
            self.tr(
                "共读取 {0} 行：将新增居民 {1} 人、更新 {2} 人、新增住户 {3} 户；"
                "{4} 行有问题不会导入，另有 {5} 条提示。点“导入”后一次写入，全部成功或全部不写。"
            ).format(
                f"{plan.rows_read:,}",
                f"{plan.residents_added:,}",
                f"{plan.residents_updated:,}",
                f"{plan.households_added:,}",
                f"{len(plan.rejected):,}",
                f"{len(plan.warnings):,}",
            )
        )
        shown = (plan.rejected + plan.warnings)[:2000]
        refused = len(plan.rejected)  # the rejected come first (no search of them per row)
        self.problems.setRowCount(len(shown))
        for r, p in enumerate(shown):
            kind = self.tr("未导入") if r < refused else self.tr("提示")
            self.problems.setItem(r, 0, QTableWidgetItem(str(p.row)))
            self.problems.setItem(r, 1, QTableWidgetItem(f"{kind} · {p.code}"))
            why = p.message_en if self.w.ctx.lang == "en" else p.message
            self.problems.setItem(r, 2, QTableWidgetItem(why))
        self.problems.resizeColumnsToContents()
        self.save_rejected_button.setEnabled(bool(plan.rejected))
        self.completeChanged.emit()

    def save_rejected(self, target: str | None = None) -> None:
        """Ask where (in the folder last used: the roster's, when it was chosen with 浏览…) and
        write the rejected rows there, in the background; the path is said under the list and
        emitted with `rejected_saved`."""
        plan = self.w.plan
        if plan is None or not plan.rejected:
            return
        chosen = (
            Path(target)
            if target
            else save_file(
                self,
                self.w.ctx.settings,
                self.tr("保存未导入的行"),
                self.tr("{0}-未导入的行.xlsx").format(plan.path.stem),
                self.tr("Excel 文件 (*.xlsx)"),
            )
        )
        if chosen is None:
            return
        out = chosen
        if out.suffix.lower() != ".xlsx":
            out = out.with_name(out.name + ".xlsx")
        lang = self.w.ctx.lang

        def work(_progress: Any) -> RejectedFile:
            return write_rejected(plan, out, lang)

        def done(saved: RejectedFile) -> None:
            self.saved_note.setText(
                self.tr("已保存 {0} 行：{1}").format(f"{saved.rows:,}", str(saved.path))
            )
            self.rejected_saved.emit(saved)

        self.w.ctx.run(self, work, title=self.tr("保存未导入的行"), on_success=done)

    def isComplete(self) -> bool:
        return self._ready and self.w.plan is not None and self.w.plan.changes_anything
