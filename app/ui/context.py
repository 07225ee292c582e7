"""What every page is given: the open office, its data folder, the database worker and the
broadcast of changes. Passed explicitly to pages; never a module global."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QWidget

from app.core.datadir import DataDir
from app.core.office import OfficeInfo
from app.db.engine import Database
from app.ui.operations import DbOperation, TaskManager


class AppContext(QObject):
    # what an operation changed (e.g. {"residents", "grids"}); each page decides whether to refresh
    changed = Signal(object)

    def __init__(
        self,
        datadir: DataDir,
        db: Database,
        office: OfficeInfo,
        tasks: TaskManager,
        lang: str,
        settings: QSettings,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.datadir = datadir
        self.db = db
        self.office = office
        self.tasks = tasks
        self.lang = lang
        self.settings = settings

    def run(
        self,
        parent: QWidget | None,
        fn: Callable[[Callable[[int, int, str], None]], Any],
        *,
        title: str = "",
        on_success: Callable[[Any], None] | None = None,
        show_progress: bool = True,
    ) -> DbOperation:
        op = DbOperation(
            self.tasks, parent, fn, title=title, show_progress=show_progress, lang=self.lang
        )
        if on_success is not None:
            op.success(on_success)
        op.run_in_background()
        return op
