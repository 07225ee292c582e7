"""团购's dialogs: a purchase round, a package with its price (asking the reason when the price rises
beyond the threshold), and a package's price history — and the small pieces the tab shares with
them (the ⚠ 涨价 flag in words, a table, a cell, an error's text).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.common.changes import Change
from app.core.supplies import group_buy as core
from app.errors import GridDeskError
from app.ui.context import AppContext
from app.ui.labels import clauses, with_note
from app.ui.style import DANGER, WARN_COLOUR
from app.ui.tables import list_table

FLAG = QT_TRANSLATE_NOOP("GroupBuy", "⚠ 涨价")


def flag_text() -> str:
    return QCoreApplication.translate("GroupBuy", FLAG)


def buy_table(headers: list[str]) -> QTableWidget:
    return list_table(headers, keep_focus_elsewhere=False)


def cell(value: Any, right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem("" if value is None else str(value))
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def error_text(exc: BaseException, lang: str) -> str:
    return exc.message(lang) if isinstance(exc, GridDeskError) else str(exc)


class RoundDialog(QDialog):
    """开新批次: name, and whether to carry the previous round's packages over."""

    def __init__(self, has_previous: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("开新批次"))
        self.setMinimumWidth(420)
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("如：第3批（12月1日）"))
        form.addRow(self.tr("批次名称"), self.name)
        self.copy_previous = QCheckBox(self.tr("沿用上一批次的套餐（内容、价格、供应商）"))
        self.copy_previous.setChecked(has_previous)
        self.copy_previous.setEnabled(has_previous)
        form.addRow("", self.copy_previous)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("开批次"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class PackageDialog(QDialog):
    """新增 / 编辑套餐. While the price is typed, its change over the previous round's price is
    shown; beyond the threshold the reason field is required (the operation refuses otherwise)."""

    saved = Signal(object)

    def __init__(
        self,
        ctx: AppContext,
        threshold: Decimal,
        previous_prices: dict[str, int],
        row: core.PackageRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.threshold = threshold
        self.previous_prices = previous_prices
        self.row = row
        self.setWindowTitle(self.tr("编辑套餐") if row else self.tr("新增套餐"))
        self.setMinimumWidth(520)
        form = QFormLayout(self)
        self.name = QLineEdit(row.name if row else "")
        self.name.setPlaceholderText(self.tr("如：A 蔬菜套餐"))
        form.addRow(self.tr("套餐名称"), self.name)
        self.contents = QLineEdit(clauses(c.text() for c in row.contents) if row else "")
        self.contents.setPlaceholderText(
            self.tr("每项写“名称 数量单位”，用分号隔开：米 5kg；油 1L")
        )
        form.addRow(self.tr("内容"), self.contents)
        self.price = QLineEdit(core.yuan(row.price_fen) if row else "")
        self.price.setPlaceholderText(self.tr("元，如 39.80"))
        form.addRow(self.tr("每份价格（元）"), self.price)
        self.supplier = QLineEdit(row.supplier if row else "")
        form.addRow(self.tr("供应商"), self.supplier)
        self.change = QLabel()
        self.change.setWordWrap(True)
        form.addRow(self.tr("较上一批次"), self.change)
        self.reason = QLineEdit(row.reason or "" if row else "")
        self.reason.setPlaceholderText(
            self.tr("涨价超过 {pct}% 时必填").format(pct=f"{threshold:g}")
        )
        form.addRow(self.tr("涨价原因"), self.reason)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {DANGER}; font-weight: 600;")
        form.addRow(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("保存"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.price.textChanged.connect(self._judge)
        self.name.textChanged.connect(self._judge)
        self.reason.textChanged.connect(self._judge)
        self._judge()

    def previous_fen(self) -> int | None:
        if self.row is not None:
            return self.row.previous_fen
        return self.previous_prices.get(self.name.text().strip())

    def needs_reason(self) -> bool:
        try:
            fen = core.parse_price(self.price.text())
        except GridDeskError:
            return False
        before = self.previous_fen()
        return before is not None and core.rise_pct(before, fen) > self.threshold

    def _judge(self) -> None:
        before = self.previous_fen()
        try:
            fen: int | None = core.parse_price(self.price.text()) if self.price.text() else None
        except GridDeskError:
            fen = None
        if before is None:
            self.change.setText(self.tr("新增套餐（上一批次没有同名套餐）"))
            self.change.setStyleSheet("")
        elif fen is None:
            self.change.setText(self.tr("上一批次 {p} 元").format(p=core.yuan(before)))
            self.change.setStyleSheet("")
        else:
            pct = core.rise_pct(before, fen)
            text = self.tr("上一批次 {p} 元，变化 {pct}%").format(
                p=core.yuan(before), pct=f"{pct:+.1f}"
            )
            if pct > self.threshold:
                text += self.tr("；{flag}：超过 {limit}%，须填写原因，将在公示中标出").format(
                    flag=flag_text(), limit=f"{self.threshold:g}"
                )
                self.change.setStyleSheet(f"color: {WARN_COLOUR}; font-weight: 600;")
            else:
                self.change.setStyleSheet("")
            self.change.setText(text)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not self.needs_reason() or bool(self.reason.text().strip()))

    def save(self) -> None:
        db, row = self.ctx.db, self.row
        name, contents = self.name.text(), self.contents.text()
        price, supplier, reason = self.price.text(), self.supplier.text(), self.reason.text()

        def work(_progress: Any) -> core.PackageResult:
            with db.session(note="group-buy package") as session:
                if row is None:
                    return core.add_package(
                        session, name, price, supplier, contents, reason=reason or None
                    )
                return core.edit_package(
                    session,
                    row.name,
                    new_name=name,
                    price=price,
                    supplier=supplier,
                    contents=contents,
                    reason=reason or None,
                )

        def done(result: core.PackageResult) -> None:
            self.saved.emit(result)
            self.accept()

        op = self.ctx.run(
            self, work, on_success=done, show_progress=False, changes=Change.GROUP_BUY
        )
        op.failure(lambda exc: self.error.setText(error_text(exc, self.ctx.lang)))


class HistoryDialog(QDialog):
    """价格历史: the package's price round after round, with changes and reasons."""

    def __init__(self, name: str, rows: list[core.HistoryRow], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("价格历史 — {name}").format(name=name))
        self.resize(760, 360)
        layout = QVBoxLayout(self)
        self.table = buy_table(
            [
                self.tr("批次"),
                self.tr("开始日期"),
                self.tr("每份价格（元）"),
                self.tr("较上批"),
                self.tr("提示"),
                self.tr("供应商"),
                self.tr("内容"),
            ]
        )
        self.table.setRowCount(len(rows))
        for r, h in enumerate(rows):
            change = f"{h.change_pct:+.1f}%" if h.change_pct is not None else self.tr("首次")
            flag = (
                self.tr("{flag}：{reason}").format(flag=flag_text(), reason=h.reason)
                if h.flagged
                else ""
            )
            values = [
                with_note(h.round_name, h.round_code),
                h.opens_on,
                core.yuan(h.price_fen),
                change,
                flag,
                h.supplier,
                clauses(h.contents.split("；")),  # 米 5kg；油 1L as the core joins them
            ]
            for c, v in enumerate(values):
                self.table.setItem(r, c, cell(v, right=c in (2, 3)))
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
