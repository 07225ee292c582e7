"""Logging: a rotating log in the data folder's logs/, faulthandler on, bugs with tracebacks."""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
from pathlib import Path
from typing import IO

import platformdirs

LOG_NAME = "griddesk.log"
_fault_file: IO[str] | None = None


def fallback_log_dir() -> Path:
    return platformdirs.user_log_path("GridDesk", appauthor=False)


def configure(logs_dir: Path | None, *, verbose: bool = False) -> Path:
    """Log to `logs_dir` (or the platform's log folder); returns the log file's path."""
    global _fault_file
    folder = logs_dir if logs_dir is not None and logs_dir.is_dir() else fallback_log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_NAME
    root = logging.getLogger()
    for h in list(root.handlers):
        if getattr(h, "_griddesk", False):
            root.removeHandler(h)
            h.close()
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._griddesk = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    if _fault_file is not None:
        _fault_file.close()
    _fault_file = open(folder / "faulthandler.log", "a", encoding="utf-8")  # noqa: SIM115 - kept open
    faulthandler.enable(file=_fault_file)
    return path
