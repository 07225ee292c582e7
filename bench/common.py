"""What every benchmark shares: the workload record, timing, and cached large data folders."""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".data"


@dataclass
class Workload:
    name: str
    run: Callable[[], float]  # one measurement, in seconds
    baseline_name: str
    baseline: Callable[[], float]
    target_seconds: float | None = None
    target_ratio: float | None = None
    repeat: int = 5


@dataclass
class MemoryWorkload:
    """A peak of memory, not a time: `action` ("read" or "import") done on the file `file()` makes
    (once), in a child process (`bench.spreadsheets.measure`); at most `target_mb`."""

    name: str
    file: Callable[[], Path]
    action: str
    target_mb: float


def paired_medians(
    run: Callable[[], float], baseline: Callable[[], float], repeat: int
) -> tuple[float, float]:
    """The medians of `repeat` measurements of each, taken in turns (workload, baseline, workload,
    …) so that a slow spell of the machine falls on both rather than on one."""
    runs: list[float] = []
    bases: list[float] = []
    for _ in range(repeat):
        runs.append(run())
        bases.append(baseline())
    return statistics.median(runs), statistics.median(bases)


def main_py(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )


def community(residents: int) -> Path:
    """A data folder with a demo community of `residents` (no users, the file plain), made once
    and kept in bench/.data;
    a folder kept from an older schema is upgraded by the app itself before anything is timed."""
    folder = CACHE / f"community-{residents}"
    if (folder / "griddesk.sqlite3").is_file() and (folder / ".complete").exists():
        main_py("--data-dir", str(folder), "check")
        if not _missing_indexes(folder / "griddesk.sqlite3"):
            return folder
        # a revision was changed in place after this folder passed it (an index added to it)
        print(
            "(the cached community lacks indexes the models have: making it again)", file=sys.stderr
        )
    shutil.rmtree(folder, ignore_errors=True)
    print(f"(making a {residents:,}-resident community for the benchmarks, once…)", file=sys.stderr)
    # an office without users: its file stays plain, so that the benchmarks can set beside it
    # the bare sqlite3 work they compare with; bench.trust encrypts a copy of it
    from app.core.office.datadir import DataDir
    from app.core.office.setup import init_office

    init_office(DataDir(folder), "community", "420106001001", "百步亭社区", "420106001")
    main_py("--data-dir", str(folder), "demo", "--residents", str(residents))
    (folder / ".complete").touch()
    return folder


def _missing_indexes(path: Path) -> list[str]:
    """Indexes the models declare on tables the database has, but the database lacks or has on
    other columns (a revision changed in place after the cached folder had passed it)."""
    import sqlite3

    from app.db.schema import metadata

    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT type, name FROM sqlite_master").fetchall()
        tables = {name for kind, name in rows if kind == "table"}
        have = {
            name: [r[2] for r in conn.execute("SELECT * FROM pragma_index_info(?)", (name,))]
            for kind, name in rows
            if kind == "index"
        }
    finally:
        conn.close()
    return [
        str(index.name)
        for table in metadata.tables.values()
        if table.name in tables
        for index in table.indexes
        if index.name and have.get(str(index.name)) != [c.name for c in index.columns]
    ]
