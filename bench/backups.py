"""Backups and restore at 180,000 residents (a database of about 100 MB), each against a plain
file copy of the same database measured in the same run:

* a backup as `backup` and 立即备份 make it: SQLite's online backup API into a temporary name,
  the copy checked (integrity_check, foreign_key_check, office, revision, counts), its record
  written, renamed, the folder thinned (target ≤ 3 s);
* beside it, for the reader of the figures, the floor of any checked backup: the backup API's
  copy and one integrity_check of it in bare sqlite3, nothing else;
* a restore as `restore FILE` makes it: the backup copied and checked as `check` checks, the
  current database kept aside (copied and checked), the file replaced, a last quick check
  (target ≤ 6 s).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from pathlib import Path

from bench.common import CACHE, Workload, community

RESIDENTS = 180_000


def _copy(source: Path, name: str) -> Path:
    target = CACHE / name
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("backups", "logs", "exports"))
    return target


def workloads() -> list[Workload]:
    from app.core.office.backups import make_backup, restore
    from app.core.office.datadir import DataDir
    from app.db.backup import list_backups, remove_backup

    work = DataDir(_copy(community(RESIDENTS), "backups-work"))
    work.backups.mkdir(exist_ok=True)
    kept = make_backup(work).backup  # the backup every restore puts back
    plain = CACHE / "backups-plain-copy.sqlite3"

    def others() -> None:
        for b in list_backups(work.backups):
            if b.path != kept.path:
                remove_backup(b)

    def backup() -> float:
        start = time.perf_counter()
        made = make_backup(work).backup
        took = time.perf_counter() - start
        assert made.ok and made.residents == RESIDENTS
        others()
        return took

    def restore_once() -> float:
        start = time.perf_counter()
        done = restore(work, kept.path)
        took = time.perf_counter() - start
        assert done.residents == RESIDENTS and done.kept.ok
        others()
        return took

    def floor() -> float:
        start = time.perf_counter()
        src, dst = sqlite3.connect(work.db_path), sqlite3.connect(plain)
        src.backup(dst)
        src.close()
        assert dst.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        dst.close()
        took = time.perf_counter() - start
        plain.unlink()
        return took

    def file_copy() -> float:
        start = time.perf_counter()
        shutil.copyfile(work.db_path, plain)
        with open(plain, "rb+") as fh:
            os.fsync(fh.fileno())
        took = time.perf_counter() - start
        plain.unlink()
        return took

    return [
        Workload(
            "backup: copy, check, record, 180,000 residents",
            backup,
            "plain file copy of the database (+fsync)",
            file_copy,
            target_seconds=3.0,
        ),
        Workload(
            "  its floor: backup API copy + integrity_check, bare",
            floor,
            "plain file copy of the database (+fsync)",
            file_copy,
        ),
        Workload(
            "restore backup: check, keep current aside, replace, 180,000",
            restore_once,
            "plain file copy of the database (+fsync)",
            file_copy,
            target_seconds=6.0,
        ),
    ]
