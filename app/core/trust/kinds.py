"""The kinds of audit entries (app.core.trust.audit), kept apart so that the command line can
offer them without loading the database layer."""

from __future__ import annotations

CHANGE = "change"
SIGN_IN = "sign-in"
SIGN_IN_FAILED = "sign-in-failed"
VIEW_FULL = "view-full"
EXPORT = "export"
PRINT = "print"
PACKAGE_EXPORT = "package-export"
PACKAGE_IMPORT = "package-import"
BACKUP = "backup"
RESTORE = "restore"
USER = "user"
EVENT_KINDS: tuple[str, ...] = (
    SIGN_IN,
    SIGN_IN_FAILED,
    VIEW_FULL,
    EXPORT,
    PRINT,
    PACKAGE_EXPORT,
    PACKAGE_IMPORT,
    BACKUP,
    RESTORE,
    USER,
)
KINDS: tuple[str, ...] = (CHANGE, *EVENT_KINDS)
