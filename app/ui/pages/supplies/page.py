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
with a beep for refusals. All work goes through `app.core.supplies.ledger` on the database worker.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.common.changes import NOTHING, Change
from app.core.common.masking import mask_phone
from app.core.supplies import ledger as core
from app.errors import AlreadyDone, GridDeskError
from app.ui.context import AppContext
from app.ui.files import save_file
from app.ui.home_section import HomeSection
from app.ui.labels import (
    building_label,
    clauses,
    listing,
    supply_category_label,
    supply_point_label,
    tag_label,
    with_note,
)
from app.ui.operations import delete_later
from app.ui.scan import ScanPanel
from app.ui.style import DANGER, OK_COLOUR, WARN_COLOUR
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

    def spec(self) -> core.CampaignSpec:
        kind = str(self.target_kind.currentData())
        value = self.target_value.text().strip()
        more = tuple(
            core.LineSpec(
                r.item.currentText(),
                r.qty.value(),
                str(r.rule.currentData()),
                r.cap.value() or None,
            )
            for r in self.more_rows
        )
        return core.CampaignSpec(
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

        def work(_progress: Any) -> core.Preview:
            with db.reading() as session:
                return core.preview_campaign(session, spec)

        op = self.ctx.run(self, work, on_success=self._show_preview, show_progress=False)
        op.failure(self._show_error)

    def _show_preview(self, p: core.Preview) -> None:
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


class SuppliesPage(QWidget):
    """物资: stock, ledger, campaigns and the scan field."""

    loaded = Signal()
    scanned = Signal(str, str)  # "ok" / "again" / "refused" / "undone", the message shown

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._items: list[str] = []
        self._campaigns: list[core.CampaignRow] = []

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 12)
        layout.setSpacing(10)
        title = QLabel(self.tr("物资"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)

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
        self.needs_action = self.toolbar.addAction(self.tr("导出需求清单"), self.export_needs)
        self.signoff_action = self.toolbar.addAction(self.tr("打印签收表"), self.print_signoff)
        self.signoff_action.setShortcut(QKeySequence.StandardKey.Print)
        self.slips_action = self.toolbar.addAction(self.tr("打印取货单"), self.print_pickup_slips)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.tr("刷新"), self.reload)
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
        self.tabs.addTab(stock_tab, self.tr("库存台账"))
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
        self._rows: list[core.CampaignHousehold] = []
        self._filling = False
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
        self.tabs.addTab(camp_tab, self.tr("发放"))
        from app.ui.pages.supplies.group_buy import GroupBuyTab

        self.group_buy = GroupBuyTab(ctx)
        self.tabs.addTab(self.group_buy, self.tr("团购"))
        layout.addWidget(self.tabs, 1)
        self.status = QLabel()
        self.status.setObjectName("muted")
        layout.addWidget(self.status)

        ctx.changed.connect(self._on_changed)
        QTimer.singleShot(0, self.reload)

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
                    "campaigns": core.list_campaigns(session),
                    "households": core.campaign_households(session, code) if code else [],
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
        households: list[core.CampaignHousehold] = data["households"]
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

    def _quantities(self, c: core.CampaignRow) -> str:
        """Handed out / planned of each item: 12 / 300 袋, or 米 12 / 300 袋；油 6 / 150 瓶."""
        if not c.more:
            return f"{c.delivered_qty} / {c.planned_qty} {c.unit}"
        lines = [(c.item, c.delivered_qty, c.planned_qty, c.unit)]
        lines += [(m.item, m.delivered_qty, m.planned_qty, m.unit) for m in c.more]
        return clauses(f"{i} {d} / {p} {u}" for i, d, p, u in lines)

    def _show_households(self, rows: list[core.CampaignHousehold]) -> None:
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

        def work(_progress: Any) -> list[core.CampaignHousehold]:
            with db.reading() as session:
                return core.campaign_households(session, code)

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
        db = self.ctx.db

        lang = self.ctx.lang

        def work(_progress: Any) -> core.DeliveryResult | tuple[str, str]:
            # a refusal is an answer, not a failure: it comes back as plain text
            try:
                with db.session(note="supplies scan") as session:
                    return core.deliver(session, code, text, how="scan")
            except AlreadyDone as exc:
                return ("again", exc.message(lang))
            except GridDeskError as exc:
                return ("refused", exc.message(lang))

        self.ctx.run(
            self,
            work,
            on_success=self._scan_answered,
            show_progress=False,
            changes=_stock_changes,
        )

    def _scan_answered(self, result: core.DeliveryResult | tuple[str, str]) -> None:
        if isinstance(result, tuple):
            state, message = result
            self._answer(state, ("⚠ " if state == "again" else "✖ ") + message)
        else:
            self._delivered(result)

    def _delivered(self, r: core.DeliveryResult) -> None:
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
        db, lang = self.ctx.db, self.ctx.lang

        def work(_progress: Any) -> core.DeliveryResult | tuple[str, str]:
            try:
                with db.session(note="supplies tick") as session:
                    return core.deliver(session, code, address, how="tick")
            except AlreadyDone as exc:
                return ("again", exc.message(lang))
            except GridDeskError as exc:
                return ("refused", exc.message(lang))

        def done(result: core.DeliveryResult | tuple[str, str]) -> None:
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

        def work(_progress: Any) -> core.UndoResult | tuple[str, str]:
            try:
                with db.session(note="supplies undo") as session:
                    return core.undo_delivery(session, code, address, reason)
            except GridDeskError as exc:
                return ("refused", exc.message(lang))

        def done(result: core.UndoResult | tuple[str, str]) -> None:
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

    def create_campaign(self, spec: core.CampaignSpec) -> None:
        db = self.ctx.db

        def work(_progress: Any) -> core.CampaignResult:
            with db.session(note="supplies campaign") as session:
                return core.create_campaign(session, spec)

        def done(result: core.CampaignResult) -> None:
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
                needs = core.needs_list(session)
            return core.export_needs(needs, Path(name))

        self.ctx.run(
            self,
            work,
            title=self.tr("正在导出需求清单"),
            on_success=lambda p: self.status.setText(self.tr("已导出：{p}").format(p=p)),
        )
        self._refocus()

    def print_signoff(self) -> None:
        """The sign-off sheets of the chosen campaign, one section per building, as PDF."""
        code = self.current_campaign()
        if not code:
            self._answer("refused", self.tr("✖ 请先选择一次发放"))
            return
        chosen = save_file(
            self,
            self.ctx.settings,
            self.tr("打印签收表"),
            self.tr("签收表-{code}.pdf").format(code=code),
            "PDF (*.pdf)",
            suffix=".pdf",
        )
        if chosen is None:
            self._refocus()
            return
        name = str(chosen)
        db, office = self.ctx.db, self.ctx.office.name

        def work(_progress: Any) -> Path:
            from app.core.supplies import sign_off

            with db.reading() as session:
                data = sign_off.signoff_data(session, code, office)
            return sign_off.write_signoff_pdf(data, Path(name))

        self.ctx.run(
            self,
            work,
            title=self.tr("正在生成签收表"),
            on_success=lambda p: self.status.setText(self.tr("已生成签收表：{p}").format(p=p)),
        )
        self._refocus()

    def print_pickup_slips(self) -> None:
        """The pickup slips of the chosen campaign, one per household, eight to a page, as PDF."""
        code = self.current_campaign()
        if not code:
            self._answer("refused", self.tr("✖ 请先选择一次发放"))
            return
        chosen = save_file(
            self,
            self.ctx.settings,
            self.tr("打印取货单"),
            self.tr("取货单-{code}.pdf").format(code=code),
            "PDF (*.pdf)",
            suffix=".pdf",
        )
        if chosen is None:
            self._refocus()
            return
        self.write_pickup_slips(code, chosen)

    def write_pickup_slips(self, code: str, path: Path) -> None:
        db, office = self.ctx.db, self.ctx.office.name

        def work(_progress: Any) -> Path:
            from app.core.supplies import sign_off

            with db.reading() as session:
                data = sign_off.signoff_data(session, code, office)
            return sign_off.write_pickup_slips_pdf(data, path)

        self.ctx.run(
            self,
            work,
            title=self.tr("正在生成取货单"),
            on_success=lambda p: self.status.setText(self.tr("已生成取货单：{p}").format(p=p)),
        )
        self._refocus()


class SuppliesSection(HomeSection):
    """首页 · 物资: the distributions under way (households served of those planned) and the items
    whose stock does not cover what is still to be handed out."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        from app.ui.pages.grids.tab import muted

        super().__init__(ctx, self.tr("物资"), parent)
        self.detail = muted("")
        self.body.addWidget(self.detail)
        self.campaigns: list[core.CampaignRow] = []
        self.shortages: list[core.ItemNeed] = []

    def refresh(self) -> None:
        db = self.ctx.db

        def run(_progress: Any) -> tuple[list[core.CampaignRow], list[core.ItemNeed]]:
            with db.reading() as session:
                campaigns = [c for c in core.list_campaigns(session) if c.status == "open"]
                return campaigns, [n for n in core.shortages(session) if n.shortage > 0]

        self.ctx.run(self, run, on_success=self._show, show_progress=False)

    def _show(self, result: tuple[list[core.CampaignRow], list[core.ItemNeed]]) -> None:
        self.campaigns, self.shortages = result
        served = sum(c.delivered for c in self.campaigns)
        planned = sum(c.households for c in self.campaigns)
        if not self.campaigns:
            summary = self.tr("没有进行中的发放")
        else:
            summary = self.tr("进行中发放 {0} 项，已领 {1} / {2} 户").format(
                len(self.campaigns), f"{served:,}", f"{planned:,}"
            )
        if self.shortages:
            summary += self.tr("；库存不足 {0} 种").format(len(self.shortages))
        elif self.campaigns:
            summary += self.tr("；库存足够")
        self.summary.setText(summary)
        lines = [
            self.tr("{0}：已领 {1} / {2} 户").format(
                c.name, f"{c.delivered:,}", f"{c.households:,}"
            )
            for c in self.campaigns[:4]
        ]
        if len(self.campaigns) > 4:
            lines[-1] += "…"
        if self.shortages:
            lines.append(
                self.tr("缺口：")
                + self.tr("、").join(
                    self.tr("{0} 缺 {1}{2}").format(n.item, f"{n.shortage:,}", n.unit)
                    for n in self.shortages[:6]
                )
                + ("…" if len(self.shortages) > 6 else "")
            )
        self.detail.setText("\n".join(lines))
        self.detail.setVisible(bool(lines))
        self.filled.emit()
