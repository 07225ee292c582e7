"""物资's dialogs: a stock movement (入库 / 出库 / 调整) and the plan of a distribution campaign with its
preview (who gets what, and whether the stock covers it) before anything is written.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.supplies import campaigns
from app.core.supplies import ledger as core
from app.errors import GridDeskError
from app.ui.context import AppContext
from app.ui.operations import delete_later
from app.ui.style import DANGER, OK_COLOUR, WARN_COLOUR


class MovementDialog(QDialog):
    """入库 / 出库 / 调整: one form with the fields each needs."""

    def __init__(self, kind: str, items: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        titles = {"receive": self.tr("入库"), "issue": self.tr("出库"), "adjust": self.tr("调整")}
        self.setWindowTitle(titles[kind])
        self.setMinimumWidth(380)  # room for the hints in the fields, in any language
        form = QFormLayout(self)
        self.item = QComboBox()
        self.item.setEditable(kind == "receive")
        self.item.addItems(items)
        form.addRow(self.tr("物资"), self.item)
        self.qty = QSpinBox()
        self.qty.setRange(-core.MAX_QTY if kind == "adjust" else 1, core.MAX_QTY)
        self.qty.setValue(1)
        form.addRow(
            self.tr("数量（调整可为负数）") if kind == "adjust" else self.tr("数量"), self.qty
        )
        self.unit = QLineEdit()
        self.source = QLineEdit()
        self.source_kind = QComboBox()
        for key, label in (
            ("donation", self.tr("捐赠")),
            ("purchase", self.tr("采购")),
            ("allocation", self.tr("街道调拨")),
        ):
            self.source_kind.addItem(label, key)
        self.reason = QLineEdit()
        if kind == "receive":
            self.unit.setPlaceholderText(self.tr("个、袋、箱…（新物资）"))
            form.addRow(self.tr("单位"), self.unit)
            form.addRow(self.tr("来源类别"), self.source_kind)
            self.source.setPlaceholderText(self.tr("捐赠单位或个人、供应商"))
            form.addRow(self.tr("来源"), self.source)
        else:
            form.addRow(self.tr("原因"), self.reason)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def work(self) -> Any:
        item, qty = self.item.currentText(), self.qty.value()
        unit, source = self.unit.text(), self.source.text()
        source_kind, reason = str(self.source_kind.currentData()), self.reason.text()
        kind = self.kind

        def run(session: Any) -> None:
            if kind == "receive":
                core.receive(
                    session, item, qty, source=source, source_kind=source_kind, unit=unit or None
                )
            elif kind == "issue":
                core.issue(session, item, qty, reason=reason)
            else:
                core.adjust(session, item, qty, reason=reason)

        return run


def _fixed(widget: QWidget) -> None:
    """As wide as its contents need at the current font, never stretched: the same control on
    every item line then has the same width, and the lines stay in columns."""
    widget.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)


class ItemRow(NamedTuple):
    """A further item's row in the plan dialog: item, share, rule, the row itself, cap."""

    item: QComboBox
    qty: QSpinBox
    rule: QComboBox
    row: QWidget
    cap: QSpinBox


class PlanDialog(QDialog):
    """新建发放: the items (each with its share, rule and cap per household), the target;
    预览 shows the allocation against stock on hand.

    Every item is one line of the same shape — 物资 每份 N 规则 上限 M — the first under 物资, the
    further ones under 其他物资, so that each cap reads as that item's own."""

    preview_shown = Signal(object)

    def __init__(self, ctx: AppContext, items: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._items = items
        self.setWindowTitle(self.tr("新建发放"))
        form = QFormLayout(self)
        self.name = QLineEdit()
        form.addRow(self.tr("名称"), self.name)
        self.item = self._item_box()
        self.qty = self._qty_spin(1)
        self.per = self._rule_box()
        self.max = self._cap_spin(0)
        first = QHBoxLayout()
        self._line(first, self.item, self.qty, self.per, self.max)
        # the further items have 移除 at the end: an invisible one keeps the columns aligned
        placeholder = QPushButton(self.tr("移除"))
        keep = placeholder.sizePolicy()
        keep.setRetainSizeWhenHidden(True)
        placeholder.setSizePolicy(keep)
        placeholder.hide()
        first.addWidget(placeholder)
        form.addRow(self.tr("物资"), first)
        self.more_rows: list[ItemRow] = []
        self.more_box = QVBoxLayout()
        self.more_box.setSpacing(4)
        self.add_item_button = QPushButton(self.tr("＋ 再加一种物资"))
        self.add_item_button.setToolTip(
            self.tr("同一次发放一并发给每户，如米、油、口罩；每种物资各有自己的份数、规则和上限")
        )
        self.add_item_button.clicked.connect(lambda: self.add_item(focus=True))
        add_line = QHBoxLayout()
        add_line.addWidget(self.add_item_button)
        add_line.addStretch(1)
        self.more_box.addLayout(add_line)
        form.addRow(self.tr("其他物资"), self.more_box)
        self.target_kind = QComboBox()
        for key, label in (
            ("all", self.tr("全部住户")),
            ("grid", self.tr("网格")),
            ("building", self.tr("楼栋")),
            ("tag", self.tr("标签")),
            ("list", self.tr("指定住户")),
        ):
            self.target_kind.addItem(label, key)
        self.target_value = QLineEdit()
        self.target_value.setPlaceholderText(self.tr("网格编号、楼栋号、标签或户号（逗号分隔）"))
        row = QHBoxLayout()
        row.addWidget(self.target_kind)
        row.addWidget(self.target_value, 1)
        form.addRow(self.tr("发放对象"), row)
        self.vulnerable = QCheckBox(self.tr("重点户（独居老人、残疾人等）优先"))
        self.vulnerable.setChecked(True)
        form.addRow("", self.vulnerable)
        self.preview_label = QLabel(self.tr("点击“预览”查看分配与库存对比，确认后再创建。"))
        self.preview_label.setWordWrap(True)
        self.preview_label.setObjectName("muted")
        form.addRow(self.preview_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.preview_button = buttons.addButton(
            self.tr("预览"), QDialogButtonBox.ButtonRole.ActionRole
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("创建"))
        self.preview_button.clicked.connect(self.preview)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _item_box(self) -> QComboBox:
        box = QComboBox()
        box.addItems(self._items)
        box.setMinimumWidth(140)
        return box

    def _qty_spin(self, value: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(1, 10_000)
        spin.setValue(value)
        _fixed(spin)
        spin.setToolTip(self.tr("每份的数量（按所选规则：每户、每人或每 2 人一份）"))
        return spin

    def _rule_box(self) -> QComboBox:
        box = QComboBox()
        for key, label in (
            ("household", self.tr("每户")),
            ("person", self.tr("每人")),
            ("size", self.tr("每 2 人")),
        ):
            box.addItem(label, key)
        _fixed(box)
        box.setToolTip(
            self.tr("每户：每户一份；每人：每人一份；每 2 人：按户人数每 2 人一份（3 人算 2 份）")
        )
        return box

    def _cap_spin(self, value: int) -> QSpinBox:
        """This item's cap per household; 0 is 不限."""
        spin = QSpinBox()
        spin.setRange(0, 10_000)
        spin.setSpecialValueText(self.tr("不限"))
        spin.setValue(value)
        _fixed(spin)
        spin.setToolTip(self.tr("这种物资每户最多发多少（0 为不限）"))
        return spin

    def _line(
        self, line: QHBoxLayout, box: QComboBox, qty: QSpinBox, rule: QComboBox, cap: QSpinBox
    ) -> None:
        """One item's line: 物资 每份 N 规则 上限 M."""
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(box, 1)
        share = QLabel(self.tr("每份"))
        share.setBuddy(qty)
        line.addWidget(share)
        line.addWidget(qty)
        line.addWidget(rule)
        limit = QLabel(self.tr("上限"))
        limit.setBuddy(cap)
        line.addWidget(limit)
        line.addWidget(cap)

    def add_item(
        self,
        item: str | None = None,
        qty: int = 1,
        per: str = "household",
        cap: int = 0,
        *,
        focus: bool = False,
    ) -> None:
        """A further item of the campaign: item, share, rule, cap (0 = 不限), and a button that
        takes it away."""
        row = QWidget()
        line = QHBoxLayout(row)
        box = self._item_box()
        if item is not None:
            box.setCurrentText(item)
        spin = self._qty_spin(qty)
        rule = self._rule_box()
        rule.setCurrentIndex(max(0, rule.findData(per)))
        limit = self._cap_spin(cap)
        self._line(line, box, spin, rule, limit)
        remove = QPushButton(self.tr("移除"))
        line.addWidget(remove)
        entry = ItemRow(box, spin, rule, row, limit)
        self.more_rows.append(entry)
        self.more_box.insertWidget(self.more_box.count() - 1, row)  # above ＋ 再加一种物资
        if focus:
            box.setFocus()

        def drop() -> None:
            self.more_rows.remove(entry)
            delete_later(row)
            self.add_item_button.setFocus()

        remove.clicked.connect(drop)

    def spec(self) -> campaigns.CampaignSpec:
        kind = str(self.target_kind.currentData())
        value = self.target_value.text().strip()
        more = tuple(
            campaigns.LineSpec(
                r.item.currentText(),
                r.qty.value(),
                str(r.rule.currentData()),
                r.cap.value() or None,
            )
            for r in self.more_rows
        )
        return campaigns.CampaignSpec(
            more=more,
            name=self.name.text() or self.item.currentText(),
            item=self.item.currentText(),
            qty=self.qty.value(),
            per=str(self.per.currentData()),
            target="all" if kind == "all" else f"{kind}:{value}",
            vulnerable_first=self.vulnerable.isChecked(),
            max_per_household=self.max.value() or None,
        )

    def preview(self) -> None:
        spec = self.spec()
        db = self.ctx.db

        def work(_progress: Any) -> campaigns.Preview:
            with db.reading() as session:
                return campaigns.preview_campaign(session, spec)

        op = self.ctx.run(self, work, on_success=self._show_preview, show_progress=False)
        op.failure(self._show_error)

    def _show_preview(self, p: campaigns.Preview) -> None:
        if len(p.items) == 1:
            text = self.tr(
                "{households} 户（重点户 {vulnerable}），共需 {needed}{unit}，现有 {on_hand}{unit}"
            ).format(
                households=p.households,
                vulnerable=p.vulnerable_households,
                needed=p.needed,
                on_hand=p.on_hand,
                unit=p.unit,
            )
            if p.shortfall:
                text += self.tr("；缺口 {shortfall}{unit}，按顺序可先发 {covered} 户").format(
                    shortfall=p.shortfall, unit=p.unit, covered=p.covered_households
                )
            else:
                text += self.tr("；库存足够")
        else:
            parts = [
                self.tr("{households} 户（重点户 {vulnerable}）").format(
                    households=p.households, vulnerable=p.vulnerable_households
                )
            ]
            for i in p.items:
                part = self.tr("{item}：共需 {needed}{unit}，现有 {on_hand}{unit}").format(
                    item=i.item, needed=i.needed, on_hand=i.on_hand, unit=i.unit
                )
                if i.shortfall:
                    part += self.tr("，缺口 {shortfall}{unit}").format(
                        shortfall=i.shortfall, unit=i.unit
                    )
                else:
                    part += self.tr("，足够")
                parts.append(part)
            if p.short_items:
                parts.append(
                    self.tr("按顺序可先发 {covered} 户（各项物资都够的户数）").format(
                        covered=p.covered_households
                    )
                )
            else:
                parts.append(self.tr("库存足够"))
            text = "\n".join(parts)
        colour = WARN_COLOUR if p.short_items else OK_COLOUR
        self.preview_label.setStyleSheet(f"color: {colour}; font-weight: 600;")
        self.preview_label.setText(text)
        self.preview_shown.emit(p)

    def _show_error(self, exc: BaseException) -> None:
        message = exc.message(self.ctx.lang) if isinstance(exc, GridDeskError) else str(exc)
        self.preview_label.setStyleSheet(f"color: {DANGER}; font-weight: 600;")
        self.preview_label.setText(message)
