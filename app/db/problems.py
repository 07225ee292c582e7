"""Known database conditions turned into clear messages (after qutebrowser's misc/sql.py)."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from app.errors import DatabaseCorrupt, DatabaseProblem, GridDeskError


def explain(exc: BaseException, where: Path | str) -> GridDeskError | None:
    """The user-facing error for a known condition, or None when `exc` is a bug."""
    if isinstance(exc, GridDeskError):
        return exc
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    text = str(orig).lower()
    if isinstance(orig, OSError):
        if orig.errno == errno.ENOSPC:
            return DatabaseProblem(
                f"磁盘已满，无法写入：{where}。已保存的数据未受影响。",
                f"The disk is full; cannot write to {where}. Saved data is intact.",
            )
        if orig.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return DatabaseProblem(
                f"没有写入权限：{where}。请换一个可写的数据文件夹。",
                f"No permission to write to {where}; choose a writable data folder.",
            )
        reason = orig.strerror or type(orig).__name__
        return DatabaseProblem(
            f"无法读写 {where}：{reason}", f"Cannot read or write {where}: {reason}"
        )
    if not isinstance(orig, sqlite3.Error):
        return None
    if "locked" in text or "busy" in text:
        return DatabaseProblem(
            f"数据库正被另一个程序占用：{where}。请关闭其他 GridDesk 窗口后重试。",
            f"The database is in use by another program: {where}. "
            "Close other GridDesk windows and try again.",
        )
    if "full" in text:
        return DatabaseProblem(
            f"磁盘已满，无法写入：{where}。已保存的数据未受影响。",
            f"The disk is full; cannot write to {where}. Saved data is intact.",
        )
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return DatabaseProblem(
            f"无法写入数据文件夹：{where}（只读或无权限）。",
            f"Cannot write to the data folder {where} (read-only or no permission).",
        )
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return DatabaseCorrupt(
            f"数据库文件已损坏或不是 GridDesk 数据库：{where}。文件未改动；"
            "请从 backups 文件夹恢复最近的备份。",
            f"The database file is damaged or not a GridDesk database: {where}. "
            "It was not changed; restore the latest copy from backups/.",
        )
    if "disk i/o" in text:
        return DatabaseProblem(
            f"读写数据库时出错：{where}（磁盘或U盘故障？）。",
            f"Disk I/O error on {where} (a failing disk or stick?).",
        )
    return None
