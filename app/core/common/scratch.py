"""The data folder's private place for work in progress (`tmp/`): files that carry personal data
while they are being made — an export's spreadsheet, its writer's own temporary files — are made
here, owner-only, never beside their target on a USB stick, and moved into place only whole
(`app.core.common.files.atomic_path` with `work=` this folder).

Each process works in a folder of its own (`tmp/<pid>-<random>`); a process killed half-way
leaves its folder behind, and the next process to open the data folder removes the folders of
processes that no longer run (and anything older than a day, where that cannot be told).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

SCRATCH = "tmp"
FORGOTTEN_AFTER = 24 * 3600  # seconds: a folder this old is left over, whoever made it


def process_folder(data_root: Path) -> Path:
    """This process's own folder under `data_root/tmp` (made 0700 on first use)."""
    base = data_root / SCRATCH
    base.mkdir(mode=0o700, exist_ok=True)
    os.chmod(base, 0o700)
    found = sorted(base.glob(f"{os.getpid()}-*"))
    if found:
        return found[0]
    return Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-", dir=base))


def sweep(data_root: Path) -> int:
    """Remove what killed processes left under `data_root/tmp`; returns how many were removed."""
    base = data_root / SCRATCH
    if not base.is_dir():
        return 0
    removed = 0
    now = time.time()
    for entry in base.iterdir():
        pid_text = entry.name.split("-", 1)[0]
        try:
            old = now - entry.stat().st_mtime > FORGOTTEN_AFTER
        except OSError:
            continue
        gone = pid_text.isdigit() and int(pid_text) != os.getpid() and not _running(int(pid_text))
        if not (gone or old or not pid_text.isdigit()):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                entry.unlink()
        removed += 1
    return removed


def _running(pid: int) -> bool:
    if sys.platform == "win32":
        return True  # not told here without a handle; the age decides (FORGOTTEN_AFTER)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
