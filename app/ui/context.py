"""What every page is given: the open office, its data folder, the database worker and the
broadcast of changes. Passed explicitly to pages; never a module global."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QWidget

from app.core.common.changes import NOTHING, Change
from app.core.office.datadir import DataDir
from app.core.office.peek import OfficeInfo
from app.ui.operations import Changes, DbOperation, TaskManager

if TYPE_CHECKING:
    from app.core.trust.roles import Permission, Principal
    from app.core.trust.signin import Access
    from app.db.engine import Database


class AppContext(QObject):
    """The window is shown before the database is opened (SQLAlchemy alone takes longer to import
    than Qt takes to show a window); `opened` fires once `db` can be used. Pages are built after
    that, so only the 首页 and the window frame ever exist without it."""

    # what an operation changed, a `Change` (e.g. Change.RESIDENTS | Change.GRIDS), broadcast once;
    # each page tests the flags it shows and decides whether to refresh
    changed = Signal(object)
    opened = Signal()
    # another user signed in (切换用户, or the lock screen's): pages follow `principal`
    principal_changed = Signal()

    def __init__(
        self,
        datadir: DataDir,
        office: OfficeInfo,
        tasks: TaskManager,
        lang: str,
        settings: QSettings,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.datadir = datadir
        self._db: Database | None = None
        self.office = office
        self.tasks = tasks
        self.lang = lang
        self.settings = settings
        # who works in the window (app.core.trust.signin.Access); None in an office without users
        self.access: Access | None = None
        self.demo = False  # the demo community: invented data, signed in as its administrator
        # the user whose password unlocked the key of an office whose database did not open (no
        # window, only the backups): recorded with a restore in the place of the signed-in user
        self.restorer: str | None = None

    @property
    def db(self) -> Database:
        if self._db is None:
            raise RuntimeError("the database is not open yet: wait for AppContext.opened")
        return self._db

    @property
    def is_open(self) -> bool:
        return self._db is not None

    def attach(self, db: Database) -> None:
        self._db = db
        self.opened.emit()

    @property
    def plans_office_work(self) -> bool:
        """Whether the user plans for the whole office (grids, distributions, group buys, the duty
        roster): not a grid worker held to some grids, nor a viewer. The window hides those
        actions from the others; app/core refuses them anyway."""
        from app.core.trust.roles import Permission

        principal = self.principal
        return principal is None or (principal.may(Permission.WRITE) and not principal.scoped)

    @property
    def principal(self) -> Principal | None:
        """The signed-in user; None in an office without users (where nothing is refused)."""
        return self.access.principal if self.access is not None else None

    def may(self, permission: Permission) -> bool:
        """Whether the signed-in user's role allows `permission` (the window hides what it does
        not; app/core refuses it anyway)."""
        principal = self.principal
        return principal is None or principal.may(permission)

    def signed_in(self, access: Access) -> None:
        """The office as `access` opened it (its database attached on first call); a later call
        is another user taking over the open window."""
        first = self.access is None
        self.access = access
        if not self.is_open:
            self.attach(access.db)
        if not first:
            self.principal_changed.emit()

    def _announce(self, changes: Change) -> None:
        self.changed.emit(changes)

    def run(
        self,
        parent: QWidget | None,
        fn: Callable[[Callable[[int, int, str], None]], Any],
        *,
        title: str = "",
        on_success: Callable[[Any], None] | None = None,
        show_progress: bool = True,
        changes: Changes = NOTHING,
    ) -> DbOperation:
        """Run `fn(progress)` on the database worker; once it succeeded, `changes` (what it
        changed, or a function of its result that says so) is broadcast by `changed`, then
        `on_success` is called with the result."""
        op = DbOperation(
            self.tasks,
            parent,
            fn,
            title=title,
            show_progress=show_progress,
            lang=self.lang,
            changes=changes,
            announce=self._announce,
        )
        if on_success is not None:
            op.success(on_success)
        op.run_in_background()
        return op


def preview_folder(ctx: AppContext, prefix: str) -> Path:
    """A new folder for a preview's file (a roster, a report before it is saved): in the data
    folder's private scratch folder — owner-only, swept after a crash — never in the system's
    shared temporary folder."""
    scratch = ctx.db.scratch if ctx.is_open else None
    return Path(tempfile.mkdtemp(prefix=prefix, dir=scratch))
