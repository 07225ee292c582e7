"""通知打印's choices for one print run, each a group box that says `changed`: the values filled in
(填写内容), whom to print for (打印范围) and the paper and layout (纸张与版式).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QStackedWidget,
    QWidget,
)

from app.core.printing.notice_pdf import NoticeLayout
from app.core.printing.notice_targets import Households, Target, TargetChoices
from app.core.printing.notices import NoticeValues
from app.ui.dates import date_edit, from_qdate, to_qdate
from app.ui.labels import building_label, grid_label, tag_label
from app.ui.pages.printing.field_names import field_hint

DATE_KEYS = ("date", "start_date", "end_date")
LINE_KEYS = ("time", "place", "items", "supplier", "community_phone")


class _DateField(QWidget):
    """A date that may be left blank (then it prints as a line to fill in by hand)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.use = QCheckBox(self.tr("填写"))
        self.edit = date_edit()
        self.edit.setEnabled(False)
        row.addWidget(self.use)
        row.addWidget(self.edit, 1)
        self.use.stateChanged.connect(self._toggled)
        self.edit.dateChanged.connect(lambda _d: self.changed.emit())

    def _toggled(self, _state: int) -> None:
        self.edit.setEnabled(self.use.isChecked())
        self.changed.emit()

    def value(self) -> date | None:
        if not self.use.isChecked():
            return None
        return from_qdate(self.edit.date())

    def set_value(self, day: date | None) -> None:
        self.use.setChecked(day is not None)
        if day is not None:
            self.edit.setDate(to_qdate(day))


class NoticeValuesForm(QGroupBox):
    """填写内容: the dates, lines and free text of this print run; only those the template uses
    are asked for."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("填写内容（本次打印）"))
        self.form = QFormLayout(self)
        self.date_fields: dict[str, _DateField] = {}
        self.line_fields: dict[str, QLineEdit] = {}
        labels = {
            "date": self.tr("通知日期："),
            "start_date": self.tr("开始日期："),
            "end_date": self.tr("结束日期："),
            "time": self.tr("时间："),
            "place": self.tr("地点："),
            "items": self.tr("物资："),
            "supplier": self.tr("供应商："),
            "community_phone": self.tr("社区电话："),
        }
        for key in DATE_KEYS:
            field = _DateField()
            field.changed.connect(self.changed)
            self.date_fields[key] = field
            self.form.addRow(labels[key], field)
        self.date_fields["date"].set_value(date.today())
        for key in LINE_KEYS:
            edit = QLineEdit()
            edit.setPlaceholderText(field_hint(key))
            edit.textChanged.connect(lambda _t: self.changed.emit())
            self.line_fields[key] = edit
            self.form.addRow(labels[key], edit)
        self.content_edit = QPlainTextEdit()
        self.content_edit.setPlaceholderText(
            self.tr("公告正文或价格明细，可写多行；用“|”分隔各列即成表格，例如：套餐|内容|价格")
        )
        self.content_edit.setMinimumHeight(110)
        self.content_edit.setTabChangesFocus(True)
        self.content_edit.textChanged.connect(self.changed)
        self.form.addRow(self.tr("内容："), self.content_edit)
        self.values_note = QLabel(self.tr("未填写的内容印为空白横线，可手写补填。"))
        self.values_note.setObjectName("muted")
        self.values_note.setWordWrap(True)
        self.form.addRow(self.values_note)

    def show_fields(self, uses: Collection[str]) -> None:
        """Only the values a template uses are asked for (the community's phone always is)."""
        for key, field in self.date_fields.items():
            self.form.setRowVisible(field, key in uses)
        for key, edit in self.line_fields.items():
            self.form.setRowVisible(edit, key in uses or key == "community_phone")
        self.form.setRowVisible(self.content_edit, "content" in uses)

    def set_community_phone(self, phone: str) -> None:
        """The office's phone, printed when the field is left empty, shown as its grey text."""
        self.line_fields["community_phone"].setPlaceholderText(
            phone or field_hint("community_phone")
        )

    def values(self) -> NoticeValues:
        return NoticeValues(
            issued=self.date_fields["date"].value(),
            start_date=self.date_fields["start_date"].value(),
            end_date=self.date_fields["end_date"].value(),
            time=self.line_fields["time"].text(),
            place=self.line_fields["place"].text(),
            items=self.line_fields["items"].text(),
            supplier=self.line_fields["supplier"].text(),
            community_phone=self.line_fields["community_phone"].text(),
            content=self.content_edit.toPlainText(),
        )


class TargetChooser(QGroupBox):
    """打印范围: everyone, a grid, a building, a tag, chosen households or copies for a board;
    `changed` when the choice changes (not while the lists are filled)."""

    changed = Signal()

    KINDS = ("all", "grid", "building", "tag", "households", "copies")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("打印范围"))
        self._filling = False
        form = QFormLayout(self)
        self.kind = QComboBox()
        for kind, text in zip(
            self.KINDS,
            (
                self.tr("全部住户"),
                self.tr("按网格"),
                self.tr("按楼栋"),
                self.tr("按标签（重点人群等）"),
                self.tr("选定住户"),
                self.tr("不按户（张贴用）"),
            ),
            strict=True,
        ):
            self.kind.addItem(text, kind)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        form.addRow(self.tr("范围："), self.kind)
        self.target_stack = QStackedWidget()
        everyone = QLabel(self.tr("本社区全部住户，每户一份。"))
        everyone.setWordWrap(True)
        self.target_stack.addWidget(everyone)
        self.grid_choice = QComboBox()
        self.building_choice = QComboBox()
        self.tag_choice = QComboBox()
        self.households_edit = QLineEdit()
        self.households_edit.setPlaceholderText(
            self.tr("户号或门牌，用逗号分隔，例如 3-2-502, H000123")
        )
        self.copies = QSpinBox()
        self.copies.setRange(1, 1000)
        self.copies.setValue(1)
        self.copies.setSuffix(self.tr(" 份"))
        for w in (
            self.grid_choice,
            self.building_choice,
            self.tag_choice,
            self.households_edit,
            self.copies,
        ):
            self.target_stack.addWidget(w)
        for combo in (self.grid_choice, self.building_choice, self.tag_choice):
            combo.currentIndexChanged.connect(lambda _i: self._changed())
        self.households_edit.editingFinished.connect(self._changed)
        self.copies.valueChanged.connect(lambda _v: self._changed())
        form.addRow(self.tr("选择："), self.target_stack)
        self.count_label = QLabel("")
        self.count_label.setObjectName("muted")
        form.addRow(self.count_label)

    def _changed(self) -> None:
        if not self._filling:
            self.changed.emit()

    def _kind_changed(self, _index: int) -> None:
        self.target_stack.setCurrentIndex(self.kind.currentIndex())
        self._changed()

    def set_choices(self, choices: TargetChoices) -> None:
        """The grids, buildings and tags to choose from; what was chosen stays chosen."""
        self._filling = True
        try:
            for combo, items in (
                (
                    self.grid_choice,
                    [(grid_label(name, code), code) for code, name in choices.grids],
                ),
                (
                    self.building_choice,
                    [(building_label(b), b) for b in choices.buildings],
                ),
                (self.tag_choice, [(tag_label(t), t) for t in choices.tags]),
            ):
                keep = combo.currentData()
                combo.clear()
                for text, data in items:
                    combo.addItem(text, data)
                at = combo.findData(keep)
                combo.setCurrentIndex(at if at >= 0 else 0)
        finally:
            self._filling = False

    def target(self) -> Target:
        kind = self.kind.currentData()
        if kind == "grid":
            return Target("grid", str(self.grid_choice.currentData() or ""))
        if kind == "building":
            return Target("building", str(self.building_choice.currentData() or ""))
        if kind == "tag":
            return Target("tag", str(self.tag_choice.currentData() or ""))
        if kind == "households":
            text = self.households_edit.text().replace("，", ",").replace("、", ",")
            return Target("households", households=tuple(r for r in text.split(",") if r.strip()))
        if kind == "copies":
            return Target("copies", copies=self.copies.value())
        return Target("all")

    def show_count(self, found: Households | None, problem: str) -> None:
        """How many notices the choice makes, or why it makes none."""
        target = self.target()
        if found is None:
            self.count_label.setText(problem)
        elif target.kind == "copies":
            self.count_label.setText(self.tr("共 {0} 份，不印住户信息").format(target.copies))
        else:
            self.count_label.setText(self.tr("共 {0:,} 户，每户一份").format(len(found.rows)))


class LayoutOptions(QGroupBox):
    """纸张与版式: the paper, notices per sheet, barcodes and cut marks; the size the body prints
    at is said under them."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("纸张与版式"))
        form = QFormLayout(self)
        self.paper = QComboBox()
        self.paper.addItem("A4", "A4")
        self.paper.addItem("A5", "A5")
        self.per_sheet = QComboBox()
        for n in (1, 2, 4):
            self.per_sheet.addItem(self.tr("每张 {0} 份").format(n), n)
        self.barcode = QCheckBox(self.tr("印住户条形码（扫码领取、签收用）"))
        self.barcode.setChecked(True)
        self.cut_marks = QCheckBox(self.tr("印裁切线（每张多份时）"))
        self.cut_marks.setChecked(True)
        for combo in (self.paper, self.per_sheet):
            combo.currentIndexChanged.connect(lambda _i: self._layout_changed())
        for box in (self.barcode, self.cut_marks):
            box.stateChanged.connect(lambda _s: self.changed.emit())
        form.addRow(self.tr("纸张："), self.paper)
        form.addRow(self.tr("每张份数："), self.per_sheet)
        form.addRow(self.barcode)
        form.addRow(self.cut_marks)
        self.size_note = QLabel("")
        self.size_note.setObjectName("muted")
        form.addRow(self.size_note)

    def notice_layout(self) -> NoticeLayout:
        return NoticeLayout(
            paper=str(self.paper.currentData()),
            per_sheet=int(self.per_sheet.currentData()),
            barcode=self.barcode.isChecked(),
            cut_marks=self.cut_marks.isChecked(),
        )

    def _layout_changed(self) -> None:
        points = self.notice_layout().body_points
        text = self.tr("正文印出约 {0:.1f} 磅").format(points)
        if points < 7:
            text += self.tr("，字太小，可能难以阅读")
        self.size_note.setText(text)
        self.changed.emit()
