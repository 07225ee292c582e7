"""首页: the community at a glance, counted from the database (nothing invented)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.common.changes import Change
from app.ui.context import AppContext
from app.ui.labels import residency_label, tag_label

PLACEHOLDER = "…"


class Card(QFrame):
    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        self.value = QLabel(PLACEHOLDER)
        self.value.setObjectName("cardValue")
        self.label = QLabel(label)
        self.label.setObjectName("cardLabel")
        layout.addWidget(self.value)
        layout.addWidget(self.label)

    def set_value(self, value: int) -> None:
        self.value.setText(f"{value:,}")


class HomePage(QWidget):
    filled = Signal()  # the counts are on screen
    # the window does it: "registry:import", "registry:add-household", "exchange"
    requested = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.stats: dict[str, Any] | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(16)
        self.title = QLabel(self.tr("首页 · {0}").format(ctx.office.name))
        self.title.setObjectName("pageTitle")
        layout.addWidget(self.title)
        self.subtitle = QLabel(self.tr("正在统计…"))
        self.subtitle.setObjectName("muted")
        self.subtitle.setWordWrap(True)
        layout.addWidget(self.subtitle)
        # with no data yet: what to do next, as buttons (never a command to type)
        self.first_steps = QWidget()
        steps = QHBoxLayout(self.first_steps)
        steps.setContentsMargins(0, 0, 0, 0)
        if ctx.office.is_street_office:
            go = QPushButton(self.tr("登记社区、导入数据包…"))
            go.clicked.connect(lambda: self.requested.emit("exchange"))
            steps.addWidget(go)
        else:
            import_button = QPushButton(self.tr("导入名单…"))
            import_button.clicked.connect(lambda: self.requested.emit("registry:import"))
            add_button = QPushButton(self.tr("新增住户…"))
            add_button.clicked.connect(lambda: self.requested.emit("registry:add-household"))
            steps.addWidget(import_button)
            steps.addWidget(add_button)
        steps.addStretch(1)
        self.first_steps.hide()
        layout.addWidget(self.first_steps)

        grid = QGridLayout()
        grid.setSpacing(16)
        self.cards = {
            "households": Card(self.tr("住户（户）")),
            "residents": Card(self.tr("居民（人）")),
            "vulnerable": Card(self.tr("重点人群（人）")),
            "grids": Card(self.tr("网格")),
            "buildings": Card(self.tr("楼栋")),
            "unassigned_households": Card(self.tr("未分网格的住户")),
        }
        for i, card in enumerate(self.cards.values()):
            grid.addWidget(card, 0, i)  # one row: the lists below keep their room on a laptop
        layout.addLayout(grid)

        tables = QHBoxLayout()
        tables.setSpacing(16)
        self.tag_table = self._table([self.tr("重点人群类别"), self.tr("人数")])
        self.residency_table = self._table([self.tr("户籍类别"), self.tr("人数")])
        tables.addWidget(self.tag_table, 3)
        tables.addWidget(self.residency_table, 2)
        layout.addLayout(tables, 1)
        # sections of other areas join once the database is open (their modules import it)
        self.sections = QVBoxLayout()
        layout.addLayout(self.sections)
        self.street_news: QWidget | None = None  # what the street office sent (at a community)
        self.meeting_todo: QWidget | None = None
        self.grid_coverage: QWidget | None = None
        self.supplies: QWidget | None = None
        self.requests: QWidget | None = None
        self.street_overview: QWidget | None = None  # at a street office: its communities
        ctx.changed.connect(self._on_changed)

    def _table(self, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        table.setAlternatingRowColors(True)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        return table

    def _ensure_sections(self) -> None:
        if self.street_overview is None and self.ctx.office.is_street_office:
            from app.ui.pages.street import StreetOverviewPanel

            title = QLabel(self.tr("各社区数据报送与概况"))
            title.setObjectName("sectionTitle")
            self.sections.addWidget(title)
            self.street_overview = StreetOverviewPanel(self.ctx)
            self.street_overview.setMinimumHeight(300)
            self.sections.addWidget(self.street_overview, 3)
            # by tag and residency: in the overview's tooltips and the aggregated report; the
            # overview takes their room
            self.tag_table.hide()
            self.residency_table.hide()
            page = self.layout()
            assert isinstance(page, QVBoxLayout)
            for i in range(page.count()):
                item = page.itemAt(i)
                inner = item.layout() if item is not None else None
                if inner is self.sections:
                    page.setStretch(i, 3)
                elif inner is not None and inner.indexOf(self.tag_table) >= 0:
                    page.setStretch(i, 0)
        if self.street_overview is not None:
            return  # a street office's to-dos and grids are its communities': see each row
        if self.street_news is None:
            from app.ui.pages.street_news import StreetNewsSection

            self.street_news = StreetNewsSection(self.ctx)
            self.sections.addWidget(self.street_news)
        if self.meeting_todo is None:
            from app.ui.pages.meetings import MeetingTodoSection

            self.meeting_todo = MeetingTodoSection(self.ctx)
            self.sections.addWidget(self.meeting_todo)
        if self.grid_coverage is None:
            from app.ui.pages.grids.coverage import CoverageSection

            self.grid_coverage = CoverageSection(self.ctx)
            self.sections.addWidget(self.grid_coverage)
        if self.supplies is None:
            from app.ui.pages.supplies.section import SuppliesSection

            self.supplies = SuppliesSection(self.ctx)
            self.sections.addWidget(self.supplies)
        if self.requests is None:
            from app.ui.pages.requests.section import RequestsSection

            self.requests = RequestsSection(self.ctx)
            self.sections.addWidget(self.requests)

    def refresh(self) -> None:
        from app.core.office.stats import office_stats

        self._ensure_sections()
        sections = (self.street_news, self.meeting_todo, self.grid_coverage, self.supplies)
        for section in (*sections, self.requests):
            if section is not None:
                section.refresh()  # type: ignore[attr-defined]
        db = self.ctx.db

        def count(_progress: Any) -> dict[str, Any]:
            with db.reading() as session:
                return office_stats(session)

        self.ctx.run(self, count, on_success=self.show_stats, show_progress=False)

    def _on_changed(self, changes: Change) -> None:
        if changes & Change.OFFICE:
            self.title.setText(self.tr("首页 · {0}").format(self.ctx.office.name))
        if changes & ~Change.OFFICE:  # the office's details change no count; all else may
            self.refresh()

    def show_stats(self, stats: dict[str, Any]) -> None:
        self.stats = stats
        for key, card in self.cards.items():
            card.set_value(int(stats[key]))
        empty = stats["households"] == 0
        if empty and self.ctx.office.is_street_office:
            self.subtitle.setText(
                self.tr("还没有收到社区的数据。先登记各社区的公钥，再导入它们送来的数据包。")
            )
        elif empty:
            self.subtitle.setText(
                self.tr("还没有住户数据。导入现有的花名册（Excel），或逐户新增住户。")
            )
        else:
            self.subtitle.setText(self.tr("以下数字直接统计自本机数据库。"))
        self.first_steps.setVisible(empty)
        self._fill(self.tag_table, [(tag_label(k), v) for k, v in stats["by_tag"].items()])
        self._fill(
            self.residency_table,
            [(residency_label(k), v) for k, v in stats["by_residency"].items()],
        )
        self.filled.emit()

    @staticmethod
    def _fill(table: QTableWidget, rows: list[tuple[str, int]]) -> None:
        table.setRowCount(len(rows))
        for r, (label, value) in enumerate(rows):
            table.setItem(r, 0, QTableWidgetItem(label))
            item = QTableWidgetItem(f"{value:,}")
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, 1, item)
