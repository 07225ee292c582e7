"""Logging: a rotating log in the data folder's logs/, faulthandler on, bugs with tracebacks.

The log is for support, and the crash dialog asks staff to send it, so it carries no personal
values: every line (tracebacks included) passes a filter that masks anything shaped like an ID
number or a mobile phone, and SQLAlchemy's engines hide statement parameters (app.db.engine).
Log files are the owner's only (0600 in a 0700 folder). A folder where the log cannot be written
(a read-only data folder, a full disk) logs to the terminal instead of failing the command.
"""

from __future__ import annotations

import contextlib
import faulthandler
import logging
import logging.handlers
import os
import re
import sys
from pathlib import Path
from typing import IO

import platformdirs

LOG_NAME = "griddesk.log"
_fault_file: IO[str] | None = None

# 18-character ID numbers (last character a digit or X) and 11-digit mobile numbers, not inside
# longer runs of digits (a package hash, a timestamp)
_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)")


def scrub(text: str) -> str:
    """`text` with ID numbers and mobile numbers masked as on screens (420106********1234)."""
    text = _ID_NUMBER.sub(r"\1********\2", text)
    return _MOBILE.sub(r"\1****\2", text)


class _PrivateFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return scrub(super().format(record))


class _PrivateFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose files (the current one and each rotated one) are the owner's only."""

    def _open(self) -> IO[str]:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        os.chmod(self.baseFilename, 0o600)  # a file made before by an older version
        return open(fd, self.mode, encoding=self.encoding, errors=self.errors)


def fallback_log_dir() -> Path:
    return platformdirs.user_log_path("GridDesk", appauthor=False)


def configure(logs_dir: Path | None, *, verbose: bool = False) -> Path | None:
    """Log to `logs_dir` (or the platform's log folder); returns the log file's path, or None
    when no folder can take it (then the log goes to the terminal, and one line says why)."""
    global _fault_file
    root = logging.getLogger()
    for h in list(root.handlers):
        if getattr(h, "_griddesk", False):
            root.removeHandler(h)
            h.close()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    # a log line that cannot be written (a full disk) is lost quietly: the command goes on, and
    # the user sees its own message, not the logging module's traceback
    logging.raiseExceptions = False
    folder = logs_dir if logs_dir is not None and logs_dir.is_dir() else fallback_log_dir()
    path = folder / LOG_NAME
    handler: logging.Handler
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if folder == logs_dir:
            os.chmod(folder, 0o700)
        handler = _PrivateFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
        fault = open(folder / "faulthandler.log", "a", encoding="utf-8")  # noqa: SIM115 - kept open
        os.chmod(folder / "faulthandler.log", 0o600)
    except OSError as exc:
        handler = logging.StreamHandler(sys.stderr)
        handler.setLevel(logging.WARNING)
        sys.stderr.write(
            f"日志文件夹不能写入（{exc.strerror}）：{folder}；日志改为显示在这里。\n"
            f"The log folder cannot be written ({exc.strerror}): {folder}; logging here instead.\n"
        )
        path, fault = None, None  # type: ignore[assignment]
    handler.setFormatter(_PrivateFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._griddesk = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    if _fault_file is not None:
        _fault_file.close()
        _fault_file = None
    if fault is not None:
        _fault_file = fault
        faulthandler.enable(file=_fault_file)
    else:
        with contextlib.suppress(ValueError, OSError):  # a stream without a file descriptor
            faulthandler.enable(file=sys.stderr)
    return path
