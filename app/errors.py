"""The one root of the errors GridDesk expects.

A `GridDeskError` is a known condition (a folder never set up, a locked or corrupt database, a bad
row): the CLI prints its message as one line and the window shows it in a dialog. Anything else is a
bug and goes to the log with its traceback.
"""

from __future__ import annotations


class GridDeskError(Exception):
    """A known condition, explained to the user in both languages."""

    exit_code = 1

    def __init__(self, zh: str, en: str | None = None) -> None:
        super().__init__(zh)
        self.zh = zh
        self.en = en or zh

    def message(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh


class NotInitialized(GridDeskError):
    """The data folder holds no GridDesk database yet."""


class AlreadyInitialized(GridDeskError):
    """`init` on a folder that is already set up."""


class AlreadyDone(GridDeskError):
    """Nothing to do because it was already done; nothing changed (exit code 3)."""

    exit_code = 3


class InvalidInput(GridDeskError):
    """A value given by the user is not acceptable; nothing changed."""


class PlanOutdated(GridDeskError):
    """A plan made while only reading (an import's preview) no longer fits the database: another
    writer changed it meanwhile. Nothing was written; work the plan out again."""


class DatabaseProblem(GridDeskError):
    """The database cannot be used as it is (corrupt, too new, locked, read-only, disk full)."""


class DatabaseTooNew(DatabaseProblem):
    pass


class DatabaseCorrupt(DatabaseProblem):
    pass


class MigrationFailed(DatabaseProblem):
    pass


class Cancelled(GridDeskError):
    """The user cancelled a long operation; it was rolled back whole."""

    def __init__(self) -> None:
        super().__init__("操作已取消，数据未改变。", "Cancelled; nothing was changed.")
