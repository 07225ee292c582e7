"""The database encrypted at rest (SQLCipher), each against the same work on a plain database
measured in the same run:

* the import of the generated 180,000-resident roster into an empty community whose database is
  encrypted (a key registered for its folder, as after sign-in), against the same import into a
  plain one (target ≤ 1.15×): the import's own time, with its checked before-import backup
  (encrypted as well). Beside it the process CPU time of the same runs (shown, not judged),
  which this shared machine's load disturbs less than the wall time;
* the upgrade of an existing plain 180,000-resident office (`encrypt_database`: WAL folded, a
  checked backup, `sqlcipher_export`, the copy checked and its row counts compared, swapped in,
  keys encrypted), against a checked backup of the same plain database (`backup`), the one step
  of it that every office already pays.

    uv run python -m bench.run --only encrypt

(bench.run makes every module's workloads before choosing; to make only these:
`uv run python -c "import sys, bench.run as r; r.MODULES = ('bench.encryption',);
sys.argv = ['run', '--only', 'encrypt']; sys.exit(r.main())"`.)
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.common import CACHE, Workload, community

RESIDENTS = 180_000
KEY = bytes(range(32))

# the CPU times of the wall-time runs, taken by the CPU row (so the imports run once for both)
_CPU: dict[str, list[float]] = {"encrypted": [], "plain": []}


def _import_once(encrypted: bool) -> tuple[float, float]:
    """(wall, CPU) seconds of one import of the roster into a fresh community."""
    from app.core.office.datadir import DataDir
    from app.core.office.setup import init_office, open_office
    from app.core.registry.roster_import import import_roster
    from app.db import driver
    from bench.registry import _roster

    root = Path(tempfile.mkdtemp(prefix="gd-bench-"))
    datadir = DataDir(root / "data")
    try:
        init_office(
            datadir,
            "community",
            "420106001001",
            "幸福里社区",
            "420106001",
            key=KEY if encrypted else None,
        )
        db, _info = open_office(datadir)
        try:
            wall, cpu = time.perf_counter(), time.process_time()
            plan = import_roster(db, _roster())
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            assert plan.residents_added == RESIDENTS, plan.residents_added
        finally:
            db.dispose()
        if encrypted:
            assert not driver.is_plain_file(datadir.db_path)
        return wall, cpu
    finally:
        driver.forget_key(datadir.root)
        shutil.rmtree(root, ignore_errors=True)


def _wall(kind: str) -> Callable[[], float]:
    def run() -> float:
        wall, cpu = _import_once(kind == "encrypted")
        _CPU[kind].append(cpu)
        return wall

    return run


def _cpu(kind: str) -> Callable[[], float]:
    def run() -> float:
        if _CPU[kind]:
            return _CPU[kind].pop(0)
        return _import_once(kind == "encrypted")[1]  # the wall row did not run (--only)

    return run


def _plain_copy() -> Path:
    """The cached 180,000-resident community copied afresh (its database plain, no backups)."""
    target = CACHE / "encryption-work"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(
        community(RESIDENTS), target, ignore=shutil.ignore_patterns("backups", "logs", "exports")
    )
    return target


def _encrypt_once() -> float:
    from app.core.office.datadir import DataDir
    from app.core.office.encryption import encrypt_database
    from app.db import driver

    datadir = DataDir(_plain_copy())
    try:
        start = time.perf_counter()
        done = encrypt_database(datadir, KEY)
        took = time.perf_counter() - start
        assert done.database and not driver.is_plain_file(datadir.db_path)
        return took
    finally:
        driver.forget_key(datadir.root)


def _plain_backup_once() -> float:
    from app.core.office.backups import make_backup
    from app.core.office.datadir import DataDir

    datadir = DataDir(_plain_copy())
    start = time.perf_counter()
    made = make_backup(datadir).backup
    took = time.perf_counter() - start
    assert made.ok and made.residents == RESIDENTS
    return took


def workloads() -> list[Workload]:
    return [
        Workload(
            "import roster 180,000, encrypted database (wall)",
            _wall("encrypted"),
            "the same import, plain database (wall)",
            _wall("plain"),
            target_ratio=1.15,
            repeat=3,
        ),
        Workload(
            "  the same runs' CPU time, encrypted",
            _cpu("encrypted"),
            "the same runs' CPU time, plain",
            _cpu("plain"),
            repeat=3,
        ),
        Workload(
            "encrypt an existing 180,000-resident database (upgrade)",
            _encrypt_once,
            "checked backup of the same plain database",
            _plain_backup_once,
            repeat=3,
        ),
    ]
