"""住户 → 疑似重复: possible duplicate residents and households side by side, with the three decisions
(merge into one, keep both, correct the record) — each one operation of
`app.core.registry.duplicates` on the database worker, one transaction, stamped and audited by the
session events.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.common.changes import Change
from app.core.registry import duplicates, lookup
from app.core.registry.duplicates import DuplicateGroup, DuplicateReport
from app.ui.context import AppContext
from app.ui.labels import (
    gender_label,
    listing,
    relation_label,
    residency_label,
    status_label,
    tag_label,
    with_note,
)
from app.ui.registry_dialogs import HouseholdDialog, ResidentForm


class DuplicatesDialog(QDialog):
    """Possible duplicates, a group at a time, its records side by side; merge, keep both, correct."""

    loaded = Signal()
    decided = Signal(str)  # merge / keep_both / correct

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.report: DuplicateReport | None = None
        self.setWindowTitle(self.tr("查找重复登记"))
        self.setMinimumSize(1100, 560)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        title = QLabel(self.tr("疑似重复"))
        title.setObjectName("pageTitle")
        top.addWidget(title)
        top.addSpacing(16)
        top.addWidget(QLabel(self.tr("类别：")))
        self.kind = QComboBox()
        self.kind.addItem(self.tr("全部"), None)
        self.kind.addItem(self.tr("身份证号相同"), "same_id")
        self.kind.addItem(self.tr("同名同生日"), "same_person")
        self.kind.addItem(self.tr("电话相同"), "shared_phone")
        top.addWidget(self.kind)
        top.addStretch(1)
        self.count = QLabel()
        top.addWidget(self.count)
        layout.addLayout(top)
        hint = QLabel(
            self.tr(
                "逐组核对：是同一人就“合并”（保留所选那条，另一条注销并记录原因）；"
                "不是同一人就“都保留”（以后不再提示）；有一条填错就“更正”。标 ≠ 的是不同之处。"
            )
        )
        hint.setObjectName("muted")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        split = QSplitter()
        self.groups = QListWidget()
        self.groups.setMinimumWidth(300)
        self.side = QTableWidget(0, 0)
        self.side.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.side.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectColumns)
        self.side.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.side.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.side.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        split.addWidget(self.groups)
        split.addWidget(self.side)
        split.setStretchFactor(1, 1)
        layout.addWidget(split, 1)
        self.empty = QLabel()
        self.empty.setObjectName("muted")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.hide()
        layout.addWidget(self.empty)
        bar = QHBoxLayout()
        self.merge_button = QPushButton(self.tr("合并到所选记录…"))
        self.merge_button.setToolTip(self.tr("是同一人：保留所选的那一列，其余并入并注销"))
        self.keep_button = QPushButton(self.tr("都保留（不是同一人）"))
        self.correct_button = QPushButton(self.tr("更正所选记录…"))
        self.open_button = QPushButton(self.tr("打开所在户"))
        for b in (self.merge_button, self.keep_button, self.correct_button, self.open_button):
            bar.addWidget(b)
        bar.addStretch(1)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.reject)
        bar.addWidget(close)
        layout.addLayout(bar)
        self.kind.currentIndexChanged.connect(lambda _i: self.load())
        self.groups.currentRowChanged.connect(lambda _r: self.show_group())
        self.merge_button.clicked.connect(self.merge)
        self.keep_button.clicked.connect(self.keep_both)
        self.correct_button.clicked.connect(self.correct)
        self.open_button.clicked.connect(self.open_household)
        self._enable()

    # --- loading ----------------------------------------------------------------------------------

    def load(self) -> None:
        kind = self.kind.currentData()
        kinds = [kind] if kind else list(duplicates.KINDS)
        db = self.ctx.db

        label = self.tr("查找重复登记")

        def work(progress: Any) -> DuplicateReport:
            progress(0, 1, label)
            with db.reading() as session:
                return duplicates.find_duplicates(session, kinds)

        self.ctx.run(self, work, title=self.tr("查找重复登记"), on_success=self._show)

    def _show(self, report: DuplicateReport) -> None:
        self.report = report
        self.groups.clear()
        for g in report.groups:
            item = QListWidgetItem(self._title(g))
            item.setToolTip(listing(with_note(m.name, m.address_code) for m in g.members))
            self.groups.addItem(item)
        more = any(report.more.values())
        self.count.setText(
            self.tr("共 {0} 组{1}").format(
                len(report.groups), self.tr("（先处理这些，其余随后列出）") if more else ""
            )
        )
        self.empty.setText(self.tr("没有发现疑似重复的登记。"))
        self.empty.setVisible(not report.groups)
        if report.groups:
            self.groups.setCurrentRow(0)
        else:
            self.show_group()
        self.loaded.emit()

    def _title(self, g: DuplicateGroup) -> str:
        kind = {
            "same_id": self.tr("身份证号相同"),
            "same_person": self.tr("同名同生日"),
            "shared_phone": self.tr("电话相同"),
        }[g.kind]
        shared = g.shared
        if g.kind == "same_person":  # 张三 76岁: the name and the age
            name, _, age = shared.rpartition(" ")
            shared = f"{name} {self._age(age)}"
        return self.tr("{0} · {1} · {2} 条").format(kind, shared, len(g.members))

    def current(self) -> DuplicateGroup | None:
        row = self.groups.currentRow()
        if self.report is None or not 0 <= row < len(self.report.groups):
            return None
        return self.report.groups[row]

    def show_group(self) -> None:
        g = self.current()
        self.side.clear()
        if g is None:
            self.side.setRowCount(0)
            self.side.setColumnCount(0)
            self._enable()
            return
        fields = duplicates.FIELDS
        differ = g.differing()
        self.side.setColumnCount(len(g.members))
        self.side.setRowCount(len(fields))
        self.side.setHorizontalHeaderLabels(
            [
                self.tr("记录 {0}（{1}）").format(i + 1, m.address_code)
                for i, m in enumerate(g.members)
            ]
        )
        labels = []
        names = self._labels()
        bold = QFont()
        bold.setBold(True)
        for r, name in enumerate(fields):
            mark = "≠ " if name in differ else ""
            labels.append(mark + names[name])
            for c, m in enumerate(g.members):
                cell = QTableWidgetItem(self._shown(m, name))
                if name in differ:
                    cell.setFont(bold)
                self.side.setItem(r, c, cell)
        self.side.setVerticalHeaderLabels(labels)
        self.side.selectColumn(0)
        self._enable()

    def _labels(self) -> dict[str, str]:
        return {
            "name": self.tr("姓名"),
            "gender": self.tr("性别"),
            "age": self.tr("年龄"),
            "id_number": self.tr("身份证号"),
            "doc_number": self.tr("其他证件号"),
            "phone": self.tr("联系电话"),
            "address_code": self.tr("住址"),
            "household_code": self.tr("户号"),
            "relation": self.tr("与户主关系"),
            "residency": self.tr("户籍"),
            "tags": self.tr("人员类别"),
            "status": self.tr("状态"),
            "notes": self.tr("备注"),
        }

    def _shown(self, m: duplicates.Candidate, name: str) -> str:
        """A field of a record in the interface's language (the core names the built-in values
        as they are stored, and the age as 61岁)."""
        if name == "name":
            return m.name + (self.tr("（户主）") if m.is_head else "")
        if name == "gender":
            return gender_label(m.gender)
        if name == "age":
            return self._age(m.age)
        if name == "relation":
            return relation_label(m.relation)
        if name == "residency":
            return residency_label(m.residency)
        if name == "status":
            return status_label(m.status)
        if name == "tags":
            return listing(tag_label(t) for t in m.tags)
        return m.value(name)

    def _age(self, text: str) -> str:
        """61岁 as the interface says an age."""
        number = text.removesuffix("岁")
        return self.tr("{0}岁").format(number) if number.isdigit() else text

    def _enable(self) -> None:
        g = self.current()
        for b in (self.merge_button, self.keep_button, self.correct_button, self.open_button):
            b.setEnabled(g is not None)

    def chosen(self) -> duplicates.Candidate | None:
        g = self.current()
        column = self.side.currentColumn()
        if g is None or not 0 <= column < len(g.members):
            return None
        return g.members[column]

    # --- decisions --------------------------------------------------------------------------------

    def _decided(self, what: str) -> None:
        self.decided.emit(what)
        self.load()

    def merge(self) -> None:
        g, keep = self.current(), self.chosen()
        if g is None or keep is None:
            return
        others = [m for m in g.members if m.id != keep.id]
        answer = QMessageBox.question(
            self,
            self.tr("合并重复登记"),
            self.tr(
                "保留 {0}（{1}）这一条，把 {2} 并入它？\n并入的记录将注销，原因与去向记入变更记录。"
            ).format(
                keep.name,
                keep.address_code,
                listing(with_note(m.name, m.address_code) for m in others),
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        db = self.ctx.db
        ids = [m.id for m in others]

        def work(_progress: Any) -> duplicates.MergeResult:
            with db.session(note=duplicates.decision_note("merge", g.kind)) as session:
                return duplicates.merge_residents(session, keep.id, ids)

        op = self.ctx.run(
            self,
            work,
            title=self.tr("合并重复登记"),
            show_progress=False,
            changes=Change.REGISTRY,
        )
        op.success(lambda _r: self._decided("merge"))

    def keep_both(self) -> None:
        g = self.current()
        if g is None:
            return
        db = self.ctx.db
        kind, ids = g.kind, [m.id for m in g.members]

        def work(_progress: Any) -> bool:
            with db.session(note=duplicates.decision_note("keep_both", kind)) as session:
                return duplicates.keep_both(session, kind, ids)

        op = self.ctx.run(
            self,
            work,
            title=self.tr("都保留"),
            show_progress=False,
            changes=Change.REGISTRY,
        )
        op.success(lambda _r: self._decided("keep_both"))

    def correct(self) -> None:
        m = self.chosen()
        if m is None:
            return
        with self.ctx.db.reading() as session:
            view = lookup.household_view(session, m.household_id)
        member = next((x for x in view.members if x.id == m.id), None)
        if member is None:
            return
        form = ResidentForm(self.ctx, m.household_id, member, self)
        g = self.current()
        if form.exec() and g is not None:
            db, kind = self.ctx.db, g.kind

            def work(_progress: Any) -> None:
                with db.session(note=duplicates.decision_note("correct", kind)) as session:
                    duplicates.record_correction(session, kind, m.id)

            op = self.ctx.run(
                self,
                work,
                title=self.tr("更正"),
                show_progress=False,
                changes=Change.REGISTRY,
            )
            op.success(lambda _r: self._decided("correct"))

    def open_household(self) -> None:
        m = self.chosen()
        if m is None:
            return
        dialog = HouseholdDialog(self.ctx, m.household_id, self)
        dialog.changed.connect(self.load)
        dialog.open()
