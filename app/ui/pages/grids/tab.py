"""What the tabs of 网格 share: the `Tab` base (loads when shown, writes on the worker,
prints to the preview) and the small widget helpers.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QToolBar, QWidget

from app.core.common.changes import Change
from app.ui.context import preview_folder
from app.ui.toolbar import PageToolBar

if TYPE_CHECKING:
    from app.ui.pages.grids.page import GridsPage


GridChoices = list[tuple[str, str]]


def heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("sectionTitle")
    return label


def muted(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName("muted")
    label.setWordWrap(True)
    return label


def toolbar() -> QToolBar:
    return PageToolBar()


class Tab(QWidget):
    """A tab that loads when it is first shown and again when it is shown after a change."""

    def __init__(self, page: GridsPage) -> None:
        super().__init__()
        self.page = page
        self.ctx = page.ctx
        self.stale = True

    def reload(self) -> None:
        raise NotImplementedError

    def refresh_if_stale(self) -> None:
        if self.stale:
            self.stale = False
            self.reload()

    def action(
        self, bar: QToolBar, text: str, slot: Callable[[], Any], shortcut: Any = None
    ) -> QAction:
        act = QAction(text, self)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(act)
        act.triggered.connect(slot)  # the slots take no arguments: `checked` is not passed
        bar.addAction(act)
        return act

    def write(self, fn: Callable[[Any], Any], title: str, changes: Change) -> None:
        """Run a write on the worker; on success broadcast what it changed (the tabs refresh)."""
        self.ctx.run(self, fn, title=title, show_progress=False, changes=changes)

    def preview(self, make: Callable[[Path], Any], title: str, file_name: str) -> None:
        """Make a PDF on the worker and show it in the print preview."""
        folder = preview_folder(self.ctx, "griddesk-grids-")
        target = folder / file_name

        def run(_progress: Any) -> Path:
            make(target)
            return target

        def show(path: Path) -> None:
            from app.ui.print_preview import PdfPreviewDialog

            dialog = PdfPreviewDialog(path, title, file_name, self.ctx.settings, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.finished.connect(lambda _code: _remove_tree(folder))
            self.page.preview_dialog = dialog
            dialog.open()

        self.ctx.run(self, run, title=title, on_success=show)


def _remove_tree(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)
