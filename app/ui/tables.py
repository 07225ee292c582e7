"""Plain read-only tables (QTableWidget) for short lists that a page fills whole."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget


def list_table(headers: list[str], keep_focus_elsewhere: bool = False) -> QTableWidget:
    """Whole-row selection, no editing, columns sized to their contents. `keep_focus_elsewhere`:
    the table takes focus only when clicked, so a scan field beside it keeps the keyboard."""
    table = QTableWidget(0, len(headers))
    table.setObjectName("dataTable")
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(32)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    if keep_focus_elsewhere:
        table.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
    return table
