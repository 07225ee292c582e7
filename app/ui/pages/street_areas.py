"""The areas of a street office's window that hold a panel shared with other pages: 报表 (the
communities side by side and the aggregated report) and 下发事项 (notices, tasks and allocations
to the communities). A street office gets its own navigation (app.ui.main_window): it reads its
communities' records and writes its own directives; it never edits a community's households."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.ui.context import AppContext


class _TitledPage(QWidget):
    def __init__(self, title: str, panel: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 12)
        layout.setSpacing(8)
        heading = QLabel(title)
        heading.setObjectName("pageTitle")
        layout.addWidget(heading)
        layout.addWidget(panel, 1)
        self.panel = panel


class StreetReportsPage(_TitledPage):
    """报表 at a street office: every community's figures and the aggregated report."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        from app.ui.pages.street import StreetOverviewPanel

        super().__init__(self.tr("报表"), StreetOverviewPanel(ctx), parent)


class StreetDirectivesPage(_TitledPage):
    """下发事项: what the street office sends its communities, and their answers."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        from app.ui.pages.directives import DirectivesPanel

        super().__init__(self.tr("下发事项"), DirectivesPanel(ctx), parent)
