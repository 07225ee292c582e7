"""团购 (group purchase) tab of the 物资 page: the purchase rounds, the packages of a round with
their price, the change over the previous round and the ⚠ 涨价 flag with its reason (in words,
not colour alone), a package dialog that asks for the reason when a price rises beyond the
threshold, the orders with a household search, 已付款 / 已送达 ticks, a scan field that records a
delivery as a USB scanner types the household's code and Enter, the totals, the price notice
(print preview) and the supplier list (.xlsx).

All work goes through `app.core.supplies.group_buy` on the database worker; changes are announced as
{"group_buy"} so that the stock and campaign tabs do not reload for them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.common.changes import NOTHING, Change
from app.core.supplies import group_buy as core
from app.core.supplies import group_buy_orders
from app.db.models_group_buy import MAX_COUNT
from app.errors import AlreadyDone
from app.ui.context import AppContext, preview_folder
from app.ui.files import save_file
from app.ui.labels import clauses, listing, with_note
from app.ui.pages.supplies.group_buy_dialogs import (
    HistoryDialog,
    PackageDialog,
    RoundDialog,
    buy_table,
    cell,
    error_text,
    flag_text,
)
from app.ui.scan import ScanPanel, scan_work
from app.ui.toolbar import PageToolBar


def _delivery_changes(result: object) -> Change:
    """A delivery marked changes the orders; a refusal, answered as plain text, changes none."""
    return NOTHING if isinstance(result, tuple) else Change.GROUP_BUY


class GroupBuyTab(QWidget):
    """团购: rounds, packages, orders, the delivery scan field and the totals."""

    loaded = Signal()
    scanned = Signal(str, str)  # "ok" / "again" / "refused", the message shown
    answered = Signal(str, str)  # the answer to an order or a tick, as shown

    COL_PAID, COL_DELIVERED = 5, 6  # of the orders table
    COL_FLAG = 9  # of the packages table

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._rounds: list[core.RoundRow] = []
        self._packages: list[core.PackageRow] = []
        self._orders: list[group_buy_orders.OrderRow] = []
        self._previous_prices: dict[str, int] = {}
        self._threshold = core.DEFAULT_THRESHOLD
        self._household_ids: list[int] | None = None
        self.preview_dialog: QDialog | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 6, 4, 4)
        layout.setSpacing(6)

        # the round and its actions
        layout.addLayout(self._round_row())

        self.toolbar = PageToolBar()
        self.open_action = self.toolbar.addAction(self.tr("开新批次"), self.open_round)
        self.close_action = self.toolbar.addAction(self.tr("结束批次"), self.close_round)
        between = self.toolbar.addSeparator()
        self.add_action = self.toolbar.addAction(self.tr("新增套餐"), self.add_package)
        self.edit_action = self.toolbar.addAction(self.tr("编辑套餐"), self.edit_package)
        after = self.toolbar.addSeparator()
        planning = (self.open_action, self.close_action, between, self.add_action, self.edit_action)
        for action in (*planning, after):  # rounds and prices are the office staff's
            action.setVisible(self.ctx.plans_office_work)
        self.history_action = self.toolbar.addAction(self.tr("价格历史"), self.show_history)
        self.toolbar.addSeparator()
        self.notice_action = self.toolbar.addAction(self.tr("打印价格公示"), self.preview_notice)
        self.export_action = self.toolbar.addAction(
            self.tr("导出订货单"), self.export_supplier_list
        )
        layout.addWidget(self.toolbar)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self._packages_box())
        split.addWidget(self._orders_box())
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([230, 370])
        layout.addWidget(split, 1)

        self.totals = QLabel()
        self.totals.setObjectName("groupBuyTotals")
        self.totals.setStyleSheet("font-weight: 600;")
        layout.addWidget(self.totals)

        ctx.changed.connect(self._on_changed)
        QTimer.singleShot(0, self.reload)

    def _round_row(self) -> QHBoxLayout:
        """The round chosen, its state and the price-rise threshold."""
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("批次")))
        self.round_box = QComboBox()
        self.round_box.setMinimumWidth(240)
        self.round_box.currentIndexChanged.connect(lambda _i: self.reload())
        top.addWidget(self.round_box)
        self.round_state = QLabel()
        top.addWidget(self.round_state)
        top.addStretch(1)
        self.threshold_label = QLabel()
        self.threshold_label.setObjectName("muted")
        top.addWidget(self.threshold_label)
        return top

    def _packages_box(self) -> QWidget:
        """The round's packages with their prices and the change over the previous round."""
        packages_box = QWidget()
        pb = QVBoxLayout(packages_box)
        pb.setContentsMargins(0, 0, 0, 0)
        self.packages_empty = QLabel(
            self.tr("本批次还没有套餐，点击“新增套餐”登记内容、价格和供应商。")
            if self.ctx.plans_office_work
            else self.tr("本批次还没有套餐：由社区工作人员登记内容和价格。")
        )
        self.packages_empty.setObjectName("muted")
        pb.addWidget(self.packages_empty)
        self.package_table = buy_table(
            [
                self.tr("套餐"),
                self.tr("内容"),
                self.tr("每份价格（元）"),
                self.tr("较上批"),
                self.tr("订购户数"),
                self.tr("份数"),
                self.tr("金额（元）"),
                self.tr("已送达份数"),
                self.tr("供应商"),
                self.tr("提示"),
            ]
        )
        self.package_table.doubleClicked.connect(lambda _i: self.edit_package())
        # contents and the reason of a rise are read in full: wrapped, never cut short
        self.package_table.setWordWrap(True)
        self.package_table.setTextElideMode(Qt.TextElideMode.ElideNone)
        header = self.package_table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 250)
        pb.addWidget(self.package_table)
        return packages_box

    def _orders_box(self) -> QWidget:
        """An order taken, the search, the delivery scan field and the orders."""
        orders_box = QWidget()
        ob = QVBoxLayout(orders_box)
        ob.setContentsMargins(0, 0, 0, 0)
        order_row = QHBoxLayout()
        order_row.addWidget(QLabel(self.tr("登记订购：住户")))
        self.order_household = QLineEdit()
        self.order_household.setPlaceholderText(self.tr("门牌号 3-2-502 或户编号"))
        order_row.addWidget(self.order_household, 1)
        self.order_package = QComboBox()
        self.order_package.setMinimumWidth(180)
        order_row.addWidget(self.order_package)
        self.order_count = QSpinBox()
        self.order_count.setRange(1, MAX_COUNT)
        self.order_count.setSuffix(self.tr(" 份"))
        order_row.addWidget(self.order_count)
        self.order_button = QPushButton(self.tr("订购"))
        self.order_button.clicked.connect(self.place_order)
        self.order_household.returnPressed.connect(self.place_order)
        order_row.addWidget(self.order_button)
        self.cancel_button = QPushButton(self.tr("取消所选订单"))
        self.cancel_button.clicked.connect(self.cancel_selected)
        order_row.addWidget(self.cancel_button)
        ob.addLayout(order_row)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("姓名、拼音、门牌号、电话后四位；留空显示全部订单"))
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.scan_panel = ScanPanel(
            self.tr("扫码送达"),
            self.tr("扫描住户条码，或输入门牌号后回车"),
            self.tr("住户取货或送货上门时，扫描其条码即登记为已送达。"),
            object_name="groupBuyAnswer",
            min_width=280,
            spacing=ob.spacing(),
            leading=((QLabel(self.tr("查找住户")), 0), (self.search, 1)),
            compact=True,
        )
        self.scan, self.answer = self.scan_panel.field, self.scan_panel.answer
        self.scan.returnPressed.connect(self._scan_entered)
        ob.addWidget(self.scan_panel)
        self.order_table = buy_table(
            [
                self.tr("门牌号"),
                self.tr("户主"),
                self.tr("套餐"),
                self.tr("份数"),
                self.tr("金额（元）"),
                self.tr("已付款"),
                self.tr("已送达"),
                self.tr("送达时间"),
            ]
        )
        self.order_table.itemChanged.connect(self._ticked)
        ob.addWidget(self.order_table)
        return orders_box

    # --- focus -----------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self._refocus)

    def _refocus(self) -> None:
        if self.isVisible() and not self.order_household.hasFocus() and not self.search.hasFocus():
            self.scan.setFocus()

    # --- loading ---------------------------------------------------------------------------------

    def _on_changed(self, changes: Change) -> None:
        if changes & (Change.GROUP_BUY | Change.RESIDENTS):
            self.reload()

    def current_round(self) -> str | None:
        data = self.round_box.currentData()
        return str(data) if data else None

    def reload(self) -> None:
        db = self.ctx.db
        wanted = self.current_round()
        ids = self._household_ids

        def work(_progress: Any) -> dict[str, Any]:
            with db.reading() as session:
                rounds = core.list_rounds(session)
                data: dict[str, Any] = {
                    "rounds": rounds,
                    "threshold": core.get_threshold(session),
                    "round": None,
                }
                code = wanted if any(r.code == wanted for r in rounds) else None
                if code is None and rounds:
                    current = core.current_round(session)
                    code = current.code if current else None
                if code is None:
                    return data
                rnd = core.get_round(session, code)
                data["round"] = code
                data["totals"] = group_buy_orders.round_totals(session, rnd)
                data["orders"] = group_buy_orders.list_orders(session, rnd, ids)
                data["previous"] = {}
                rounds_old_first = list(reversed(rounds))
                i = next(i for i, r in enumerate(rounds_old_first) if r.code == code)
                if i > 0:
                    prev = core.get_round(session, rounds_old_first[i - 1].code)
                    data["previous"] = {
                        p.name: p.price_fen for p in core.list_packages(session, prev)
                    }
                return data

        self.ctx.run(self, work, on_success=self._loaded, show_progress=False)

    def _loaded(self, data: dict[str, Any]) -> None:
        self._rounds = data["rounds"]
        self._threshold = data["threshold"]
        self.threshold_label.setText(
            self.tr("涨价超过 {pct}% 须说明原因，并在公示中标出").format(pct=f"{self._threshold:g}")
        )
        self.round_box.blockSignals(True)
        self.round_box.clear()
        for r in self._rounds:
            state = self.tr("进行中") if r.status == "open" else self.tr("已结束")
            self.round_box.addItem(
                with_note(r.name, self.tr("{0}，{1}").format(r.code, state)), r.code
            )
        if data["round"]:
            self.round_box.setCurrentIndex(self.round_box.findData(data["round"]))
        self.round_box.blockSignals(False)
        current = next((r for r in self._rounds if r.code == data["round"]), None)
        is_open = current is not None and current.status == "open"
        for action in (self.add_action, self.edit_action, self.close_action):
            action.setEnabled(is_open)
        self.order_button.setEnabled(is_open)
        self.cancel_button.setEnabled(is_open)
        self.notice_action.setEnabled(current is not None)
        self.export_action.setEnabled(current is not None)
        self.history_action.setEnabled(current is not None)
        if current is None:
            self.round_state.setText(
                self.tr("还没有团购批次，点击“开新批次”开始。")
                if self.ctx.plans_office_work
                else self.tr("还没有团购批次：由社区工作人员开新批次。")
            )
            self._packages, self._orders = [], []
            self._fill_packages()
            self._fill_orders()
            self.totals.setText("")
            self.loaded.emit()
            return
        self.round_state.setText(
            self.tr("自 {d} 起，进行中").format(d=current.opens_on)
            if is_open
            else self.tr("{d} 至 {e}，已结束").format(d=current.opens_on, e=current.closes_on)
        )
        totals: group_buy_orders.Totals = data["totals"]
        self._packages = totals.packages
        self._previous_prices = data["previous"]
        self._orders = data["orders"]
        self._fill_packages()
        self._fill_orders()
        self.totals.setText(
            self.tr(
                "合计：{households} 户订购 {count} 份，应收 {due} 元，已收 {paid} 元；"
                "未付款 {unpaid} 户，未送达 {undelivered} 户"
            ).format(
                households=totals.households,
                count=totals.count,
                due=core.yuan(totals.amount_fen),
                paid=core.yuan(totals.paid_fen),
                unpaid=totals.unpaid_households,
                undelivered=totals.undelivered_households,
            )
        )
        self._refocus()
        self.loaded.emit()

    def _fill_packages(self) -> None:
        table = self.package_table
        table.setRowCount(len(self._packages))
        for r, p in enumerate(self._packages):
            if p.previous_fen is None:
                change = self.tr("新增")
            elif p.change_pct == 0:
                change = self.tr("持平")
            else:
                change = f"{p.change_pct:+.1f}%"
            flag = (
                self.tr("{flag}：{reason}").format(flag=flag_text(), reason=p.reason)
                if p.flagged
                else ""
            )
            values: list[tuple[Any, bool]] = [
                (p.name, False),
                (clauses(c.text() for c in p.contents), False),
                (core.yuan(p.price_fen), True),
                (change, True),
                (p.households, True),
                (p.count, True),
                (core.yuan(p.amount_fen), True),
                (p.delivered_count, True),
                (p.supplier, False),
                (flag, False),
            ]
            for c, (value, right) in enumerate(values):
                item = cell(value, right)
                if p.flagged and c in (3, self.COL_FLAG):
                    item.setForeground(Qt.GlobalColor.darkRed)
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                table.setItem(r, c, item)
        table.resizeRowsToContents()
        self.packages_empty.setVisible(not self._packages)
        current = self.order_package.currentText()
        self.order_package.clear()
        self.order_package.addItems([p.name for p in self._packages])
        if current:
            index = self.order_package.findText(current)
            if index >= 0:
                self.order_package.setCurrentIndex(index)

    def _fill_orders(self) -> None:
        table = self.order_table
        table.blockSignals(True)
        table.setRowCount(len(self._orders))
        for r, o in enumerate(self._orders):
            values = [
                cell(o.address_code),
                cell(o.head),
                cell(o.package),
                cell(o.count, True),
                cell(core.yuan(o.amount_fen), True),
            ]
            for c, item in enumerate(values):
                table.setItem(r, c, item)
            for c, state, yes in (
                (self.COL_PAID, o.paid, self.tr("已付款")),
                (self.COL_DELIVERED, o.delivered, self.tr("已送达")),
            ):
                tick = QTableWidgetItem(yes if state else self.tr("未"))
                tick.setFlags(
                    Qt.ItemFlag.ItemIsUserCheckable
                    | Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsSelectable
                )
                tick.setCheckState(Qt.CheckState.Checked if state else Qt.CheckState.Unchecked)
                table.setItem(r, c, tick)
            when = f"{o.delivered_at:%m-%d %H:%M}" if o.delivered_at else ""
            table.setItem(r, 7, cell(when))
        table.blockSignals(False)

    # --- rounds and packages ---------------------------------------------------------------------

    def _write(self, fn: Any, note: str, then: Any = None) -> None:
        """Run `fn(session)` in a write session; answer in the tab, then reload."""
        db, lang = self.ctx.db, self.ctx.lang

        def work(_progress: Any) -> Any:
            with db.session(note=note) as session:
                return fn(session)

        def done(result: Any) -> None:
            if then is not None:
                then(result)
            # announced here, not by `run`: a round just opened is chosen above first, and the
            # tab reads the round chosen
            self.ctx.changed.emit(Change.GROUP_BUY)

        op = self.ctx.run(self, work, on_success=done, show_progress=False)
        op.failure(
            lambda exc: self._answer(
                "again" if isinstance(exc, AlreadyDone) else "refused",
                ("⚠ " if isinstance(exc, AlreadyDone) else "✖ ") + error_text(exc, lang),
                self.answered,
            )
        )

    def open_round(self) -> None:
        dialog = RoundDialog(bool(self._rounds), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        name, copy = dialog.name.text(), dialog.copy_previous.isChecked()
        self._open_round(name, copy)

    def _open_round(self, name: str, copy_previous: bool) -> None:
        def then(r: core.RoundResult) -> None:
            self.round_box.addItem(r.name, r.code)
            self.round_box.blockSignals(True)
            self.round_box.setCurrentIndex(self.round_box.count() - 1)
            self.round_box.blockSignals(False)
            self._answer(
                "ok",
                self.tr("✔ 已开批次“{name}”（{code}），沿用 {n} 个套餐").format(
                    name=r.name, code=r.code, n=r.copied
                ),
                self.answered,
            )

        self._write(
            lambda s: core.open_round(s, name, copy_previous=copy_previous),
            "group-buy round open",
            then,
        )

    def close_round(self) -> None:
        code = self.current_round()
        if code:
            self._write(lambda s: core.close_round(s, code), "group-buy round close")

    def selected_package(self) -> core.PackageRow | None:
        rows = self.package_table.selectionModel().selectedRows()
        if not rows and len(self._packages) == 1:
            return self._packages[0]
        return self._packages[rows[0].row()] if rows else None

    def package_dialog(self, row: core.PackageRow | None) -> PackageDialog:
        return PackageDialog(self.ctx, self._threshold, self._previous_prices, row, self)

    def add_package(self) -> None:
        self.package_dialog(None).exec()
        self._refocus()

    def edit_package(self) -> None:
        row = self.selected_package()
        if row is None:
            self._answer("refused", self.tr("✖ 请先在表中选择一个套餐"), self.answered)
            return
        self.package_dialog(row).exec()
        self._refocus()

    def show_history(self) -> None:
        row = self.selected_package()
        code = self.current_round()
        if row is None or not code:
            self._answer("refused", self.tr("✖ 请先在表中选择一个套餐"), self.answered)
            return
        db, name = self.ctx.db, row.name

        def work(_progress: Any) -> list[core.HistoryRow]:
            with db.reading() as session:
                return core.price_history(session, name, code)

        def show(rows: list[core.HistoryRow]) -> None:
            dialog = HistoryDialog(name, rows, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.preview_dialog = dialog
            dialog.open()

        self.ctx.run(self, work, on_success=show, show_progress=False)

    # --- orders ----------------------------------------------------------------------------------

    def place_order(self) -> None:
        household = self.order_household.text().strip()
        package, count, code = (
            self.order_package.currentText(),
            self.order_count.value(),
            self.current_round(),
        )
        if not household or not package:
            self._answer("refused", self.tr("✖ 请填写住户并选择套餐"), self.answered)
            return

        def then(r: group_buy_orders.OrderResult) -> None:
            self.order_household.clear()
            self._answer(
                "ok",
                self.tr("✔ {address} 订购“{package}”{count} 份，应付 {amount} 元").format(
                    address=r.address_code,
                    package=r.package,
                    count=r.count,
                    amount=core.yuan(r.amount_fen),
                ),
                self.answered,
            )

        self._write(
            lambda s: group_buy_orders.place_order(s, household, package, count, code),
            "group-buy order",
            then,
        )

    def cancel_selected(self) -> None:
        rows = self.order_table.selectionModel().selectedRows()
        if not rows:
            self._answer("refused", self.tr("✖ 请先在订单表中选择一条订单"), self.answered)
            return
        o = self._orders[rows[0].row()]
        code = self.current_round()
        self._write(
            lambda s: group_buy_orders.cancel_order(s, o.household_code, o.package, round_ref=code),
            "group-buy cancel",
            lambda r: self._answer(
                "ok",
                self.tr("✔ 已取消 {address} 的“{package}”订单").format(
                    address=r.address_code, package=r.package
                ),
                self.answered,
            ),
        )

    def _ticked(self, item: QTableWidgetItem) -> None:
        if item.column() not in (self.COL_PAID, self.COL_DELIVERED):
            return
        o = self._orders[item.row()]
        on = item.checkState() == Qt.CheckState.Checked
        if item.column() == self.COL_PAID:
            self._write(lambda s: group_buy_orders.set_paid(s, o.id, on), "group-buy paid")
        else:
            self._write(
                lambda s: group_buy_orders.set_delivered(s, o.id, on), "group-buy delivered"
            )

    def run_search(self) -> None:
        text = self.search.text().strip()
        if not text:
            self._household_ids = None
            self.reload()
            return
        db = self.ctx.db

        def work(_progress: Any) -> list[int]:
            with db.reading() as session:
                return group_buy_orders.search_households(session, text)

        def found(ids: list[int]) -> None:
            self._household_ids = ids
            self.reload()

        self.ctx.run(self, work, on_success=found, show_progress=False)

    # --- scanning --------------------------------------------------------------------------------

    def _answer(self, state: str, message: str, signal: Any) -> None:
        self.scan_panel.say(state, message)
        self._refocus()
        signal.emit(state, message)

    def _scan_entered(self) -> None:
        text = self.scan.text().strip()
        self.scan.clear()
        if not text:
            return
        code = self.current_round()
        if not code:
            self._answer("refused", self.tr("✖ 还没有团购批次"), self.scanned)
            return
        work = scan_work(
            self.ctx,
            "group-buy scan",
            lambda session: group_buy_orders.mark_delivered(session, text, round_ref=code),
        )
        self.ctx.run(
            self,
            work,
            on_success=self._scan_answered,
            show_progress=False,
            changes=_delivery_changes,
        )

    def _scan_answered(self, result: group_buy_orders.MarkResult | tuple[str, str]) -> None:
        if isinstance(result, tuple):
            state, message = result
            self._answer(state, ("⚠ " if state == "again" else "✖ ") + message, self.scanned)
            return
        what = listing(self.tr("{0} {1} 份").format(name, count) for name, count in result.packages)
        self._answer(
            "ok",
            self.tr("✔ 已送达：{address} {what}").format(address=result.address_code, what=what),
            self.scanned,
        )

    # --- paper and spreadsheets ------------------------------------------------------------------

    def preview_notice(self) -> None:
        code = self.current_round()
        if not code:
            return
        folder = preview_folder(self.ctx, "griddesk-groupbuy-")
        file_name = self.tr("团购价格公示-{code}.pdf").format(code=code)
        db = self.ctx.db

        def work(_progress: Any) -> Path:
            from app.core.printing.notices import write_price_notice

            with db.reading() as session:
                return write_price_notice(session, folder / file_name, code)

        def show(path: Path) -> None:
            from app.ui.print_preview import PdfPreviewDialog

            dialog = PdfPreviewDialog(
                path, self.tr("团购价格公示"), file_name, self.ctx.settings, self
            )
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.finished.connect(lambda _c: _remove_tree(folder))
            self.preview_dialog = dialog
            dialog.open()

        op = self.ctx.run(self, work, title=self.tr("正在生成价格公示"), on_success=show)
        op.failure(
            lambda exc: self._answer(
                "refused", "✖ " + error_text(exc, self.ctx.lang), self.answered
            )
        )

    def export_supplier_list(self, target: str | None = None) -> None:
        code = self.current_round()
        if not code:
            return
        chosen = (
            Path(target)
            if target
            else save_file(
                self,
                self.ctx.settings,
                self.tr("导出订货单"),
                self.tr("团购订货单-{code}.xlsx").format(code=code),
                "Excel (*.xlsx)",
                suffix=".xlsx",
            )
        )
        if chosen is None:
            return
        name = str(chosen)
        db = self.ctx.db

        def work(_progress: Any) -> Path:
            with db.reading() as session:
                return group_buy_orders.export_supplier_xlsx(
                    session, core.get_round(session, code), Path(name)
                )

        self.ctx.run(
            self,
            work,
            title=self.tr("正在导出订货单"),
            on_success=lambda p: self._answer(
                "ok", self.tr("✔ 已导出订货单：{p}").format(p=p), self.answered
            ),
        )


def _remove_tree(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)
