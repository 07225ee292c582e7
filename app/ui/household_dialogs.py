"""Dialogs of the 住户 page that remake households: split a household, merge another into it.

Each calls one operation of `app.core.registry.households` on the database worker; the operation is
one transaction, stamped and audited by the session events. (The side-by-side view of possible
duplicates is `app.ui.duplicates_dialog`.)
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.common.changes import Change
from app.core.registry import households, lookup, relations
from app.errors import GridDeskError
from app.ui.context import AppContext
from app.ui.labels import listing, relation_label, with_note


def _member_label(m: lookup.Member) -> str:
    born = m.birth_date.isoformat() if m.birth_date else ""
    head = QCoreApplication.translate("HouseholdDialogs", "（户主）") if m.is_head else ""
    return f"{m.name}{head}  {relation_label(m.relation)}  {born}".rstrip()


def _buttons(dialog: QDialog, ok: str) -> QDialogButtonBox:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok)
    cancel = QCoreApplication.translate("HouseholdDialogs", "取消")
    box.button(QDialogButtonBox.StandardButton.Cancel).setText(cancel)
    box.rejected.connect(dialog.reject)
    return box


class SplitDialog(QDialog):
    """Some members leave for a new household at an address; each household keeps one head."""

    done = Signal(object)  # HouseholdMade

    def __init__(self, ctx: AppContext, view: lookup.HouseholdView, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.view = view
        self.setWindowTitle(self.tr("拆分住户 {0}").format(view.address_code))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("勾选要分出去、另立一户的成员：")))
        self.members = QListWidget()
        for m in view.members:
            item = QListWidgetItem(_member_label(m))
            item.setData(Qt.ItemDataRole.UserRole, m.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.members.addItem(item)
        layout.addWidget(self.members, 1)
        form = QFormLayout()
        self.address = QLineEdit()
        self.address.setPlaceholderText(self.tr("新户的住址，如 3栋2单元502 或 3-2-502"))
        self.new_head = QComboBox()
        self.remaining_head = QComboBox()
        form.addRow(self.tr("新户住址："), self.address)
        form.addRow(self.tr("新户户主："), self.new_head)
        form.addRow(self.tr("原户户主："), self.remaining_head)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        buttons = _buttons(self, self.tr("拆分"))
        buttons.accepted.connect(self.split)
        layout.addWidget(buttons)
        self.members.itemChanged.connect(lambda _i: self._choices())
        self._choices()

    def chosen(self) -> list[int]:
        return [
            int(self.members.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.members.count())
            if self.members.item(i).checkState() == Qt.CheckState.Checked
        ]

    def _choices(self) -> None:
        leaving = set(self.chosen())
        for combo, people in (
            (self.new_head, [m for m in self.view.members if m.id in leaving]),
            (self.remaining_head, [m for m in self.view.members if m.id not in leaving]),
        ):
            was = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for m in people:
                combo.addItem(m.name, m.id)
            if was is not None and combo.findData(was) >= 0:
                combo.setCurrentIndex(combo.findData(was))
            elif combo is self.remaining_head:
                head = next((i for i, m in enumerate(people) if m.is_head), 0)
                combo.setCurrentIndex(head)
            combo.blockSignals(False)

    def _say(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def split(self) -> None:
        leaving = self.chosen()
        if not leaving:
            self._say(self.tr("请勾选要分出去的成员。"))
            return
        if len(leaving) == len(self.view.members):
            self._say(self.tr("不能把全部成员都分出去；整户搬家请修改住址。"))
            return
        try:
            households.parse_address(self.address.text())
        except GridDeskError as exc:
            self._say(exc.message(self.ctx.lang))
            return
        self._say("")
        db = self.ctx.db
        household_id = self.view.id
        new_head = int(self.new_head.currentData())
        remaining = self.remaining_head.currentData()
        text = self.address.text()
        stays = int(remaining) if remaining else None

        def work(_progress: Any) -> households.HouseholdMade:
            with db.session(note="registry: split household") as session:
                return households.split_household(
                    session, household_id, leaving, text, new_head, stays
                )

        op = self.ctx.run(
            self,
            work,
            title=self.tr("拆分住户"),
            show_progress=False,
            changes=Change.REGISTRY,
        )
        op.success(self._done)

    def _done(self, made: Any) -> None:
        self.done.emit(made)
        self.accept()


class MergeDialog(QDialog):
    """Another household's members join this one (its address and code stay), under one head."""

    done = Signal(object)

    def __init__(self, ctx: AppContext, view: lookup.HouseholdView, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.view = view
        self.other: lookup.HouseholdView | None = None
        self.setWindowTitle(self.tr("合并住户：并入 {0}").format(view.address_code))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        find = QHBoxLayout()
        self.target = QLineEdit()
        self.target.setPlaceholderText(self.tr("要并入本户的那一户：住址（3-2-502）或户号"))
        self.find = QPushButton(self.tr("查找"))
        find.addWidget(self.target, 1)
        find.addWidget(self.find)
        layout.addWidget(QLabel(self.tr("把哪一户并入 {0}？").format(view.address_code)))
        layout.addLayout(find)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        form = QFormLayout()
        self.head = QComboBox()
        form.addRow(self.tr("合并后户主："), self.head)
        self.stepped = QComboBox()
        self.stepped.setEditable(True)
        self.stepped.addItem(self.tr("其他（或按原关系推算）"), "")
        for relation in relations.COMMON:
            if relation not in (relations.HEAD, relations.OTHER):
                self.stepped.addItem(relation_label(relation), relation)
        self.stepped.setToolTip(
            self.tr(
                "原户主不再任户主时，与新户主的关系；其家人的关系随之推算"
                "（如原户主为新户主之子，其配偶记为儿媳）"
            )
        )
        self.stepped_label = QLabel(self.tr("原户主改为："))
        form.addRow(self.stepped_label, self.stepped)
        self.head.currentIndexChanged.connect(self._name_stepping_down)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        buttons = _buttons(self, self.tr("合并"))
        buttons.accepted.connect(self.merge)
        layout.addWidget(buttons)
        self.find.clicked.connect(self.look_up)
        self.target.returnPressed.connect(self.look_up)
        self._heads()

    def _say(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def look_up(self) -> None:
        text = self.target.text().strip()
        with self.ctx.db.reading() as session:
            found = lookup.find_household(session, text) if text else None
            other = lookup.household_view(session, found) if found else None
        if other is None:
            self.other = None
            self.summary.setText("")
            self._say(self.tr("找不到这一户：{0}").format(text))
        elif other.id == self.view.id:
            self.other = None
            self._say(self.tr("这就是本户。"))
        else:
            self.other = other
            self._say("")
            self.summary.setText(
                self.tr("{0}（户号 {1}）：{2}").format(
                    other.address_code, other.code, listing(m.name for m in other.members)
                )
            )
        self._heads()

    def _heads(self) -> None:
        self.head.clear()
        for v in (self.view, self.other):
            for m in v.members if v else []:
                where = v.address_code + (self.tr("，现户主") if m.is_head else "")
                label = with_note(m.name, where)
                self.head.addItem(label, m.id)
        current = next((i for i, m in enumerate(self.view.members) if m.is_head), 0)
        self.head.setCurrentIndex(current)
        self._name_stepping_down()

    def _name_stepping_down(self) -> None:
        """The label names the heads who step down: 周佳健（原户主）改为："""
        head = self.head.currentData()
        names = [
            m.name
            for v in (self.view, self.other)
            for m in (v.members if v else [])
            if m.is_head and m.id != head
        ]
        who = listing(names) if names else self.tr("原户主")
        self.stepped_label.setText(self.tr("{0}（原户主）改为：").format(who))
        self.stepped.setEnabled(bool(names))

    def merge(self) -> None:
        other = self.other
        if other is None:
            self._say(self.tr("请先查找要并入的那一户。"))
            return
        answer = QMessageBox.question(
            self,
            self.tr("合并住户"),
            self.tr("把 {0}（{1} 人）并入 {2}？\n{0} 这一户将注销，成员都转到 {2}。").format(
                other.address_code, len(other.members), self.view.address_code
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        db = self.ctx.db
        keep, head = self.view.id, int(self.head.currentData())
        picked = self.picked_relations(head)

        def work(_progress: Any) -> households.HouseholdMade:
            with db.session(note="registry: merge households") as session:
                return households.merge_households(session, keep, [other.id], head, picked)

        op = self.ctx.run(
            self,
            work,
            title=self.tr("合并住户"),
            show_progress=False,
            changes=Change.REGISTRY,
        )
        op.success(self._done)

    def picked_relations(self, head: int) -> dict[int, str]:
        """The relation picked for the heads who step down (none: the rules decide)."""
        index = self.stepped.currentIndex()
        typed = self.stepped.currentText().strip()
        chosen = self.stepped.itemData(index) if typed == self.stepped.itemText(index) else typed
        if not chosen:
            return {}
        return {
            m.id: chosen
            for v in (self.view, self.other)
            for m in (v.members if v else [])
            if m.is_head and m.id != head
        }

    def _done(self, made: Any) -> None:
        self.done.emit(made)
        self.accept()


# --- duplicates ------------------------------------------------------------------------------------
