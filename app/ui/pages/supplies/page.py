"""物资: the stock on hand with 入库 / 出库 / 调整, the ledger of movements, the campaigns with a plan
dialog that previews the allocation against stock before anything is saved, and the scan field
where a USB scanner types a household's code and Enter.

A campaign may hand out several items at once: the plan dialog adds further items (each with its
share, rule and cap per household, as the first has) and previews every item against stock; a scan
or a tick issues all of them.
The campaign's household list has a 已领取 check column: ticking records the delivery exactly as a
scan does (who and when); unticking asks for confirmation and a reason, and the delivery is then
kept as a tombstone with that reason and its goods go back into stock.

The scan field keeps the focus: after every answer, every dialog and every reload it takes it back,
so the next scan lands there. Each answer is given in colour AND in words (✔ 已发放 / ✖ 已领取过 …)
with a beep for refusals. All work goes through `app.core.supplies` (`ledger`, `campaigns`,
`deliveries`, `needs`) on the database worker.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.common.changes import NOTHING, Change
from app.core.common.masking import mask_phone
from app.core.supplies import campaigns as supplies_campaigns
from app.core.supplies import deliveries
from app.core.supplies import ledger as core
from app.core.supplies import needs as supplies_needs
from app.errors import GridDeskError
from app.ui.context import AppContext
from app.ui.files import save_file
from app.ui.labels import (
    building_label,
    clauses,
    listing,
    supply_category_label,
    supply_point_label,
    tag_label,
    with_note,
)
from app.ui.pages.supplies.dialogs import MovementDialog, PlanDialog
from app.ui.scan import ScanPanel, scan_work
from app.ui.tables import list_table
from app.ui.toolbar import PageToolBar


def _table(headers: list[str]) -> QTableWidget:
    return list_table(headers, keep_focus_elsewhere=True)


def _fill(table: QTableWidget, rows: list[list[Any]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem("" if value is None else str(value))
            if isinstance(value, int):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)


def _stock_changes(result: object) -> Change:
    """A delivery (or one undone) moves stock; a refusal, answered as plain text, moves none."""
    return NOTHING if isinstance(result, tuple) else Change.SUPPLIES


class SuppliesPage(QWidget):
    """物资: stock, ledger, campaigns and the scan field."""

    loaded = Signal()
    scanned = Signal(str, str)  # "ok" / "again" / "refused" / "undone", the message shown

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._items: list[str] = []
        self._campaigns: list[supplies_campaigns.CampaignRow] = []
        self._rows: list[deliveries.CampaignHousehold] = []
        self._filling = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 12)
        layout.setSpacing(10)
        title = QLabel(self.tr("物资"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)

        self._build_toolbar()
        layout.addWidget(self.toolbar)

        # the scan bar: campaign, scan field, the answer in colour and words
        self.campaign_box = QComboBox()
        self.campaign_box.setMinimumWidth(260)
        self.campaign_box.currentIndexChanged.connect(self._campaign_changed)
        self.scan_panel = ScanPanel(
            self.tr("扫码签收"),
            self.tr("扫描住户条码，或输入门牌号（3-2-502）后回车"),
            self.tr("选择一次发放，然后扫描住户条码。"),
            object_name="scanAnswer",
            min_width=320,
            spacing=layout.spacing(),
            leading=((QLabel(self.tr("发放")), 0), (self.campaign_box, 0)),
        )
        self.scan, self.answer = self.scan_panel.field, self.scan_panel.answer
        self.scan.returnPressed.connect(self._scan_entered)
        layout.addWidget(self.scan_panel)

        self.tabs = QTabWidget()
        self.tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tabs.addTab(self._stock_tab(), self.tr("库存台账"))
        self.tabs.addTab(self._campaigns_tab(), self.tr("发放"))
        from app.ui.pages.supplies.group_buy import GroupBuyTab

        self.group_buy = GroupBuyTab(ctx)
        self.tabs.addTab(self.group_buy, self.tr("团购"))
        layout.addWidget(self.tabs, 1)
        self.status = QLabel()
        self.status.setObjectName("muted")
        layout.addWidget(self.status)

        ctx.changed.connect(self._on_changed)
        QTimer.singleShot(0, self.reload)

    def _build_toolbar(self) -> None:
        """入库 / 出库 / 调整, a new campaign, the needs list, the sign-off sheet, the pickup slips."""
        self.toolbar = PageToolBar()
        self.receive_action = self.toolbar.addAction(
            self.tr("入库"), lambda: self.movement("receive")
        )
        self.receive_action.setShortcut(QKeySequence("Ctrl+I"))
        self.issue_action = self.toolbar.addAction(self.tr("出库"), lambda: self.movement("issue"))
        self.adjust_action = self.toolbar.addAction(
            self.tr("调整"), lambda: self.movement("adjust")
        )
        self.toolbar.addSeparator()
        self.plan_action = self.toolbar.addAction(self.tr("新建发放"), self.plan_campaign)
        self.plan_action.setShortcut(QKeySequence.StandardKey.New)
        self.plan_action.setVisible(self.ctx.plans_office_work)
        self.needs_action = self.toolbar.addAction(self.tr("导出需求清单"), self.export_needs)
        self.signoff_action = self.toolbar.addAction(self.tr("打印签收表"), self.print_signoff)
        self.signoff_action.setShortcut(QKeySequence.StandardKey.Print)
        self.slips_action = self.toolbar.addAction(self.tr("打印取货单"), self.print_pickup_slips)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.tr("刷新"), self.reload)

    def _stock_tab(self) -> QSplitter:
        """库存台账: the stock of each item over its ledger."""
        stock_tab = QSplitter(Qt.Orientation.Vertical)
        self.stock_table = _table(
            [
                self.tr("物资"),
                self.tr("类别"),
                self.tr("现有"),
                self.tr("单位"),
                self.tr("累计入库"),
                self.tr("累计发出"),
                self.tr("有效期"),
            ]
        )
        self.ledger_table = _table(
            [
                self.tr("时间"),
                self.tr("物资"),
                self.tr("存放点"),
                self.tr("类型"),
                self.tr("数量"),
                self.tr("经办人"),
                self.tr("来源 / 原因"),
            ]
        )
        self.stock_empty = QLabel(self.tr("暂无物资，点击“入库”登记第一批。"))
        self.stock_empty.setObjectName("muted")
        stock_box = QWidget()
        sb = QVBoxLayout(stock_box)
        sb.setContentsMargins(0, 0, 0, 0)
        sb.addWidget(self.stock_empty)
        sb.addWidget(self.stock_table)
        stock_tab.addWidget(stock_box)
        stock_tab.addWidget(self.ledger_table)
        return stock_tab

    def _campaigns_tab(self) -> QSplitter:
        """发放: the campaigns over the households of the chosen one, whose first column ticks a delivery."""
        self.campaign_table = _table(
            [
                self.tr("编号"),
                self.tr("名称"),
                self.tr("物资"),
                self.tr("对象"),
                self.tr("已发 / 应发（户）"),
                self.tr("已发 / 应发（数量）"),
                self.tr("状态"),
            ]
        )
        # every household of the chosen campaign; the first column ticks a delivery
        self.households_table = _table(
            [
                self.tr("已领取"),
                self.tr("网格"),
                self.tr("门牌号"),
                self.tr("户编号"),
                self.tr("人数"),
                self.tr("应发物资"),
                self.tr("重点户"),
                self.tr("电话"),
                self.tr("领取时间 / 经办人"),
            ]
        )
        self.households_table.itemChanged.connect(self._tick_changed)
        camp_tab = QSplitter(Qt.Orientation.Vertical)
        camp_tab.addWidget(self.campaign_table)
        under = QWidget()
        ub = QVBoxLayout(under)
        ub.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        self.undelivered_label = QLabel()
        head.addWidget(self.undelivered_label, 1)
        self.only_undelivered = QCheckBox(self.tr("只看未领取"))
        self.only_undelivered.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.only_undelivered.toggled.connect(lambda _on: self._show_households(self._rows))
        head.addWidget(self.only_undelivered)
        ub.addLayout(head)
        ub.addWidget(self.households_table)
        camp_tab.addWidget(under)
        camp_tab.setStretchFactor(0, 1)
        camp_tab.setStretchFactor(1, 3)
        return camp_tab

    # --- focus -----------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.scan.setFocus()

    def _refocus(self) -> None:
        self.scan_panel.refocus()

    # --- loading ---------------------------------------------------------------------------------

    def _on_changed(self, changes: Change) -> None:
        if changes & (Change.SUPPLIES | Change.RESIDENTS | Change.GRIDS):
            self.reload()

    def reload(self) -> None:
        db = self.ctx.db
        code = self.current_campaign()

        def work(_progress: Any) -> dict[str, Any]:
            with db.reading() as session:
                return {
                    "stock": core.stock(session),
                    "ledger": core.ledger(session, 300),
                    "campaigns": supplies_campaigns.list_campaigns(session),
                    "households": deliveries.campaign_households(session, code) if code else [],
                }

        self.ctx.run(self, work, on_success=self._loaded, show_progress=False)

    def _loaded(self, data: dict[str, Any]) -> None:
        stock: list[core.StockRow] = data["stock"]
        self._items = [r.item for r in stock]
        _fill(
            self.stock_table,
            [
                [
                    r.item,
                    supply_category_label(r.category),
                    r.on_hand,
                    r.unit,
                    r.received,
                    r.handed_out,
                    (
                        self.tr("{d}（已过期）").format(d=r.expires_on)
                        if r.expired
                        else (r.expires_on or "")
                    ),
                ]
                for r in stock
            ],
        )
        self.stock_empty.setVisible(not stock)
        kinds = {
            "receipt": self.tr("入库"),
            "issue": self.tr("出库"),
            "transfer_out": self.tr("调出"),
            "transfer_in": self.tr("调入"),
            "adjustment": self.tr("调整"),
            "write_off": self.tr("过期报废"),
            "stocktake": self.tr("盘点"),
            "delivery": self.tr("发放"),
        }
        _fill(
            self.ledger_table,
            [
                [
                    f"{m.at:%Y-%m-%d %H:%M}",
                    m.item,
                    supply_point_label(m.point),
                    kinds.get(m.kind, m.kind),
                    f"{m.qty:+d}",
                    m.actor,
                    m.detail,
                ]
                for m in data["ledger"]
            ],
        )
        self._campaigns = data["campaigns"]
        current = self.current_campaign()
        self.campaign_box.blockSignals(True)
        self.campaign_box.clear()
        for c in self._campaigns:
            if c.status == "open":
                self.campaign_box.addItem(
                    f"{c.code}  {with_note(c.name, listing(c.items))}", c.code
                )
        if current:
            index = self.campaign_box.findData(current)
            if index >= 0:
                self.campaign_box.setCurrentIndex(index)
        self.campaign_box.blockSignals(False)
        statuses = {"open": self.tr("进行中"), "closed": self.tr("已结束")}
        _fill(
            self.campaign_table,
            [
                [
                    c.code,
                    c.name,
                    listing(c.items),
                    self._target_text(c.target),
                    f"{c.delivered} / {c.households}",
                    self._quantities(c),
                    statuses.get(c.status, c.status),
                ]
                for c in self._campaigns
            ],
        )
        households: list[deliveries.CampaignHousehold] = data["households"]
        if self.current_campaign() != current:
            self._campaign_changed()
        else:
            self._show_households(households)
        self.status.setText(
            self.tr("共 {items} 种物资，{campaigns} 次发放").format(
                items=len(stock), campaigns=len(self._campaigns)
            )
        )
        self._refocus()
        self.loaded.emit()

    def _target_text(self, target: str) -> str:
        """Whom a distribution serves, stored as all / grid:G01 / building:3 / tag:独居老人 /
        list:12,15 (household ids)."""
        kind, _, value = target.partition(":")
        if kind == "grid":
            return self.tr("网格 {0}").format(value)
        if kind == "building":
            return building_label(value)
        if kind == "tag":
            return tag_label(value)
        if kind == "list":
            return self.tr("选定的 {0} 户").format(len([v for v in value.split(",") if v]))
        return self.tr("全部住户") if kind == "all" else target

    def _quantities(self, c: supplies_campaigns.CampaignRow) -> str:
        """Handed out / planned of each item: 12 / 300 袋, or 米 12 / 300 袋；油 6 / 150 瓶."""
        if not c.more:
            return f"{c.delivered_qty} / {c.planned_qty} {c.unit}"
        lines = [(c.item, c.delivered_qty, c.planned_qty, c.unit)]
        lines += [(m.item, m.delivered_qty, m.planned_qty, m.unit) for m in c.more]
        return clauses(f"{i} {d} / {p} {u}" for i, d, p, u in lines)

    def _show_households(self, rows: list[deliveries.CampaignHousehold]) -> None:
        self._rows = rows
        only = self.only_undelivered.isChecked()
        shown = [r for r in rows if r.delivered_at is None] if only else rows
        hows = {"scan": self.tr("扫码"), "tick": self.tr("勾选"), "cli": self.tr("命令行")}
        self._filling = True
        table = self.households_table
        table.setUpdatesEnabled(False)
        try:
            _fill(
                table,
                [
                    [
                        None,
                        r.grid,
                        r.address_code,
                        r.household_code,
                        r.members,
                        listing(r.items.split("、")) if r.items else "",  # 大米 1袋、口罩 4个
                        self.tr("是") if r.vulnerable else "",
                        mask_phone(r.phone),
                        (
                            with_note(
                                f"{r.delivered_at:%m-%d %H:%M} {r.delivered_by}",
                                hows.get(r.how or "", r.how or ""),
                            )
                            if r.delivered_at
                            else ""
                        ),
                    ]
                    for r in shown
                ],
            )
            for i, r in enumerate(shown):
                cell = table.item(i, 0)
                cell.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                done = r.delivered_at is not None
                cell.setCheckState(Qt.CheckState.Checked if done else Qt.CheckState.Unchecked)
                cell.setText(self.tr("已领取") if done else "")
                cell.setData(Qt.ItemDataRole.UserRole, r.address_code)
        finally:
            table.setUpdatesEnabled(True)
            self._filling = False
        waiting = sum(1 for r in rows if r.delivered_at is None)
        self.undelivered_label.setText(
            self.tr("共 {n} 户，已领取 {done} 户，未领取 {waiting} 户").format(
                n=len(rows), done=len(rows) - waiting, waiting=waiting
            )
            if self.current_campaign()
            else ""
        )

    def current_campaign(self) -> str | None:
        data = self.campaign_box.currentData()
        return str(data) if data else None

    def _campaign_changed(self, _index: int = 0) -> None:
        code = self.current_campaign()
        if not code:
            self._show_households([])
            return
        db = self.ctx.db

        def work(_progress: Any) -> list[deliveries.CampaignHousehold]:
            with db.reading() as session:
                return deliveries.campaign_households(session, code)

        self.ctx.run(self, work, on_success=self._show_households, show_progress=False)
        self._refocus()

    # --- scanning --------------------------------------------------------------------------------

    def _scan_entered(self) -> None:
        text = self.scan.text().strip()
        self.scan.clear()
        if not text:
            return
        code = self.current_campaign()
        if not code:
            self._answer("refused", self.tr("✖ 请先选择一次发放"))
            return
        work = scan_work(
            self.ctx,
            "supplies scan",
            lambda session: deliveries.deliver(session, code, text, how="scan"),
        )
        self.ctx.run(
            self,
            work,
            on_success=self._scan_answered,
            show_progress=False,
            changes=_stock_changes,
        )

    def _scan_answered(self, result: deliveries.DeliveryResult | tuple[str, str]) -> None:
        if isinstance(result, tuple):
            state, message = result
            self._answer(state, ("⚠ " if state == "again" else "✖ ") + message)
        else:
            self._delivered(result)

    def _delivered(self, r: deliveries.DeliveryResult) -> None:
        if len(r.lines) > 1:
            message = self.tr("✔ 已发放：{address} 领取 {items}").format(
                address=r.address_code, items=r.summary
            )
        else:
            message = self.tr(
                "✔ 已发放：{address} 领取 {item} {qty}{unit}（剩余 {left}{unit}）"
            ).format(
                address=r.address_code, item=r.item, qty=r.qty, unit=r.unit, left=r.on_hand_after
            )
        self._answer("ok", message)

    # --- ticking ---------------------------------------------------------------------------------

    def _tick_changed(self, cell: QTableWidgetItem) -> None:
        if self._filling or cell.column() != 0:
            return
        address = str(cell.data(Qt.ItemDataRole.UserRole) or "")
        code = self.current_campaign()
        if not address or not code:
            return
        if cell.checkState() == Qt.CheckState.Checked:
            self.tick(address)
        else:
            self.untick(address)

    def _put_back(self) -> None:
        """Show the list as recorded again (after a refusal or a cancelled untick)."""
        self._show_households(self._rows)

    def tick(self, address: str) -> None:
        """已领取 ticked: the delivery recorded exactly as a scan records it."""
        code = self.current_campaign()
        if not code:
            return
        work = scan_work(
            self.ctx,
            "supplies tick",
            lambda session: deliveries.deliver(session, code, address, how="tick"),
        )

        def done(result: deliveries.DeliveryResult | tuple[str, str]) -> None:
            if isinstance(result, tuple):
                self._put_back()
            self._scan_answered(result)

        self.ctx.run(self, work, on_success=done, show_progress=False, changes=_stock_changes)

    def ask_undo_reason(self, address: str) -> str | None:
        """Confirm unticking and ask why; None when the user thinks better of it."""
        sure = QMessageBox.question(
            self,
            self.tr("撤销领取"),
            self.tr("撤销 {address} 的领取记录？物资将退回库存，记录连同原因保留。").format(
                address=address
            ),
        )
        if sure != QMessageBox.StandardButton.Yes:
            return None
        reason, ok = QInputDialog.getText(
            self, self.tr("撤销领取"), self.tr("撤销 {address} 的原因：").format(address=address)
        )
        return reason.strip() if ok and reason.strip() else None

    def untick(self, address: str) -> None:
        code = self.current_campaign()
        reason = self.ask_undo_reason(address)
        if not code or reason is None:
            # after the itemChanged that brought us here has returned: refilling the table now
            # would delete the very item Qt is still changing
            QTimer.singleShot(0, self._put_back)
            self._refocus()
            return
        db, lang = self.ctx.db, self.ctx.lang

        def work(_progress: Any) -> deliveries.UndoResult | tuple[str, str]:
            try:
                with db.session(note="supplies undo") as session:
                    return deliveries.undo_delivery(session, code, address, reason)
            except GridDeskError as exc:
                return ("refused", exc.message(lang))

        def done(result: deliveries.UndoResult | tuple[str, str]) -> None:
            if isinstance(result, tuple):
                self._put_back()
                self._answer("refused", "✖ " + result[1])
                return
            back = listing(f"{x.item} {x.qty}{x.unit}" for x in result.returned)
            self._answer(
                "undone",
                self.tr("↺ 已撤销 {address} 的领取，退回库存：{back}").format(
                    address=result.address_code, back=back
                ),
            )

        self.ctx.run(self, work, on_success=done, show_progress=False, changes=_stock_changes)

    def _answer(self, state: str, message: str) -> None:
        self.scan_panel.say(state, message)
        self._refocus()
        self.scanned.emit(state, message)

    # --- actions ---------------------------------------------------------------------------------

    def movement(self, kind: str) -> None:
        dialog = MovementDialog(kind, self._items, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            run = dialog.work()
            db = self.ctx.db

            def work(_progress: Any) -> None:
                with db.session(note=f"supplies {kind}") as session:
                    run(session)

            self.ctx.run(
                self,
                work,
                show_progress=False,
                changes=Change.SUPPLIES,
            )
        self._refocus()

    def plan_campaign(self) -> None:
        dialog = PlanDialog(self.ctx, self._items, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.create_campaign(dialog.spec())
        self._refocus()

    def create_campaign(self, spec: supplies_campaigns.CampaignSpec) -> None:
        db = self.ctx.db

        def work(_progress: Any) -> supplies_campaigns.CampaignResult:
            with db.session(note="supplies campaign") as session:
                return supplies_campaigns.create_campaign(session, spec)

        def done(result: supplies_campaigns.CampaignResult) -> None:
            self.campaign_box.addItem(
                f"{result.code}  {with_note(spec.name, spec.item)}", result.code
            )
            self.campaign_box.setCurrentIndex(self.campaign_box.count() - 1)
            # announced here, not by `run`: the page reads its campaigns again keeping the one
            # just chosen above, whose households are then shown
            self.ctx.changed.emit(Change.SUPPLIES)

        self.ctx.run(self, work, title=self.tr("正在生成发放计划"), on_success=done)

    def export_needs(self) -> None:
        chosen = save_file(
            self,
            self.ctx.settings,
            self.tr("导出需求清单"),
            self.tr("需求清单.xlsx"),
            "Excel (*.xlsx)",
            suffix=".xlsx",
        )
        if chosen is None:
            self._refocus()
            return
        name = str(chosen)
        db = self.ctx.db

        def work(_progress: Any) -> Path:
            with db.reading() as session:
                needs = supplies_needs.needs_list(session)
            return supplies_needs.export_needs(needs, Path(name))

        self.ctx.run(
            self,
            work,
            title=self.tr("正在导出需求清单"),
            on_success=lambda p: self.status.setText(self.tr("已导出：{p}").format(p=p)),
        )
        self._refocus()

    def _campaign_pdf(self, title: str, file_name: str) -> tuple[str, Path] | None:
        """The chosen campaign and where its paper goes (`file_name` names it with {code}); None
        when no campaign is chosen (said in the answer) or the user cancelled."""
        code = self.current_campaign()
        if not code:
            self._answer("refused", self.tr("✖ 请先选择一次发放"))
            return None
        chosen = save_file(
            self,
            self.ctx.settings,
            title,
            file_name.format(code=code),
            "PDF (*.pdf)",
            suffix=".pdf",
        )
        if chosen is None:
            self._refocus()
            return None
        return code, chosen

    def print_signoff(self) -> None:
        """The sign-off sheets of the chosen campaign, one section per building, as PDF."""
        target = self._campaign_pdf(self.tr("打印签收表"), self.tr("签收表-{code}.pdf"))
        if target is None:
            return
        code, name = target[0], str(target[1])
        db, office = self.ctx.db, self.ctx.office.name

        def work(_progress: Any) -> Path:
            from app.core.supplies import sign_off

            with db.reading() as session:
                data = sign_off.signoff_data(session, code, office)
            return sign_off.write_signoff_pdf(data, Path(name), audit_to=db)

        self.ctx.run(
            self,
            work,
            title=self.tr("正在生成签收表"),
            on_success=lambda p: self.status.setText(self.tr("已生成签收表：{p}").format(p=p)),
        )
        self._refocus()

    def print_pickup_slips(self) -> None:
        """The pickup slips of the chosen campaign, one per household, eight to a page, as PDF."""
        target = self._campaign_pdf(self.tr("打印取货单"), self.tr("取货单-{code}.pdf"))
        if target is not None:
            self.write_pickup_slips(*target)

    def write_pickup_slips(self, code: str, path: Path) -> None:
        db, office = self.ctx.db, self.ctx.office.name

        def work(_progress: Any) -> Path:
            from app.core.supplies import sign_off

            with db.reading() as session:
                data = sign_off.signoff_data(session, code, office)
            return sign_off.write_pickup_slips_pdf(data, path, audit_to=db)

        self.ctx.run(
            self,
            work,
            title=self.tr("正在生成取货单"),
            on_success=lambda p: self.status.setText(self.tr("已生成取货单：{p}").format(p=p)),
        )
        self._refocus()
