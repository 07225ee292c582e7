"""Households and residents (issue 3), each against a baseline measured in the same run:

* import of a generated 180,000-resident roster (the contract checks' make_roster layout) into an
  empty community — against python-calamine reading the same file plus `executemany` of the raw
  cells into a bare SQLite table (target ≤ 2×); beside it, for the reader of the figures, the floor
  of any import into this schema: the same read, then the very rows the import stores written raw
  (no checking, no matching, no stamping), as the import loads them;
* search p95 over the query kinds (name, pinyin full and initials, ID/phone tails, addresses,
  household code) at 180,000 residents — against a raw FTS5 trigram query (target p95 ≤ 20 ms);
* the 住户 page's first screen of rows at 180,000 residents — against a bare QTableView over a
  200-row QStandardItemModel (target ≤ 300 ms); and the page dragged by its scroll bar, to the end
  and then to random places, each jump painted with its rows (p95 ≤ 50 ms: smooth to the eye);
* the search for possible duplicates (same ID number, same name and birth date in two households,
  one phone in several households) over 180,000 residents — against one bare GROUP BY of the
  phones in sqlite3 (target ≤ 1.5 s: it runs on the database worker, with progress).

The import's own time includes the stamping, the audit trail (one `create_many` row for the batch),
the name characters for pinyin search and the search indexes, as every import pays them.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.common import CACHE, ROOT, Workload, community

RESIDENTS = 180_000
QUERIES = [
    "张",
    "王秀英",
    "zhangwei",
    "zs",
    "lxy",
    "wangf",
    "1234",
    "5678",
    "13812",
    "3-2-502",
    "12栋1单元",
    "5-2",
    "H000123",
    "liu",
    "chenj",
]


def _roster() -> Path:
    path = CACHE / f"roster-{RESIDENTS}.xlsx"
    if not path.is_file():
        CACHE.mkdir(parents=True, exist_ok=True)
        sys.path.insert(0, str(ROOT.parent / "shared" / "checks" / "lib"))
        try:
            from make_roster import main as make_roster  # the contract check's own generator
        except ImportError:
            make_roster = _make_roster
        make_roster(str(path), RESIDENTS)
    return path


def _make_roster(out: str, n: int) -> None:  # the same layout when ../shared is not beside us
    import random

    import xlsxwriter

    from app.core.registry import idnumber

    rng = random.Random(7)
    wb = xlsxwriter.Workbook(out, {"constant_memory": True})
    ws = wb.add_worksheet("居民")
    ws.write_row(
        0,
        0,
        [
            "姓名",
            "身份证号",
            "性别",
            "联系电话",
            "楼栋",
            "单元",
            "门牌号",
            "与户主关系",
            "人员类别",
        ],
    )
    from datetime import date

    for r in range(1, n + 1):
        h = (r - 1) // 3
        b, u, room = h // 240 + 1, h // 60 % 4 + 1, f"{h % 30 + 1}{h // 30 % 2 + 1:02d}"
        born = date(rng.randint(1935, 2020), rng.randint(1, 12), rng.randint(1, 28))
        ws.write_row(
            r,
            0,
            [
                rng.choice("王李张刘陈") + rng.choice("伟芳娜秀英") + rng.choice("敏静丽强"),
                idnumber.make("420106", born, r % 500, "M"),
                "男",
                f"13{rng.randint(0, 999999999):09d}",
                f"{b}栋",
                f"{u}单元",
                room,
                "户主" if (r - 1) % 3 == 0 else "子",
                "",
            ],
        )
    wb.close()


def _fresh_folder() -> Path:
    from app.core.office.datadir import DataDir
    from app.core.office.setup import init_office

    root = Path(tempfile.mkdtemp(prefix="gd-bench-"))
    init_office(DataDir(root / "data"), "community", "420106001001", "幸福里社区", "420106001")
    return root


def _import_once() -> float:
    from app.core.office.datadir import DataDir
    from app.core.office.setup import open_office
    from app.core.registry.roster_import import import_roster

    root = _fresh_folder()
    try:
        db, _info = open_office(DataDir(root / "data"))
        try:
            start = time.perf_counter()
            plan = import_roster(db, _roster())
            took = time.perf_counter() - start
            assert plan.residents_added == RESIDENTS, plan.residents_added
        finally:
            db.dispose()
        return took
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _raw_import_once() -> float:
    from python_calamine import CalamineWorkbook

    root = Path(tempfile.mkdtemp(prefix="gd-bench-"))
    try:
        start = time.perf_counter()
        rows = CalamineWorkbook.from_path(str(_roster())).get_sheet_by_index(0).to_python()
        conn = sqlite3.connect(root / "raw.sqlite3")
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        width = len(rows[0])
        conn.execute(f"CREATE TABLE t ({', '.join(f'c{i}' for i in range(width))})")
        conn.executemany(f"INSERT INTO t VALUES ({', '.join('?' * width)})", rows[1:])
        conn.commit()
        conn.close()
        return time.perf_counter() - start
    finally:
        shutil.rmtree(root, ignore_errors=True)


_FINAL_ROWS: dict[str, tuple[list[str], list[tuple[object, ...]]]] = {}


def _final_rows() -> dict[str, tuple[list[str], list[tuple[object, ...]]]]:
    """The household and resident rows exactly as an import of the roster stores them (made once
    per run by importing it)."""
    if not _FINAL_ROWS:
        from app.core.office.datadir import DataDir
        from app.core.office.setup import open_office
        from app.core.registry.roster_import import import_roster

        root = _fresh_folder()
        try:
            db, _info = open_office(DataDir(root / "data"))
            import_roster(db, _roster())
            db.dispose()
            conn = sqlite3.connect(root / "data" / "griddesk.sqlite3")
            for table in ("household", "resident"):
                cur = conn.execute(f"SELECT * FROM {table} ORDER BY id")
                _FINAL_ROWS[table] = ([d[0] for d in cur.description], cur.fetchall())
            conn.close()
        finally:
            shutil.rmtree(root, ignore_errors=True)
    return _FINAL_ROWS


def _schema_floor_once() -> float:
    """The read and the writes an import cannot avoid, with no checking at all: calamine reads
    the file, then the rows the import would store (made beforehand) go into GridDesk's schema as
    it loads them — indexes dropped and built again after, one transaction, the same pragmas."""
    from python_calamine import CalamineWorkbook

    final = _final_rows()
    root = _fresh_folder()
    try:
        path = root / "data" / "griddesk.sqlite3"
        start = time.perf_counter()
        CalamineWorkbook.from_path(str(_roster())).get_sheet_by_index(0).to_python()
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA cache_size=-65536")
        conn.execute("BEGIN IMMEDIATE")
        indexes = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            "AND tbl_name IN ('household', 'resident')"
        ).fetchall()
        for name, _sql in indexes:
            conn.execute(f"DROP INDEX {name}")
        conn.execute(
            "INSERT INTO building (id, number, units, floors, uuid, origin, seq, created_at, "
            "updated_at) SELECT DISTINCT value, value, 9, 30, 'b-' || value, 'x', 1, "
            "'2026-01-01', '2026-01-01' FROM json_each(?)",
            (str(sorted({r[1] for r in final["household"][1]})),),
        )
        for table in ("household", "resident"):
            columns, rows = final[table]
            marks = ", ".join("?" * len(columns))
            conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)
        for _name, sql in indexes:
            conn.execute(sql)
        conn.execute("COMMIT")
        conn.close()
        return time.perf_counter() - start
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _search_p95(folder: Path | None = None) -> float:
    """`folder`: another copy of the community (bench.trust: the encrypted one, its key unlocked)."""
    from app.core.office.datadir import DataDir
    from app.core.office.setup import open_office
    from app.core.registry.search import RegistrySearch

    db, _info = open_office(DataDir(folder or community(RESIDENTS)))
    engine = RegistrySearch()
    times = []
    try:
        with db.reading() as session:
            engine.search(session, "预热")
            for _ in range(3):
                for q in QUERIES:
                    start = time.perf_counter()
                    engine.search(session, q)
                    times.append(time.perf_counter() - start)
    finally:
        db.dispose()
    return statistics.quantiles(times, n=20)[-1]


def _fts_p95() -> float:
    """A raw FTS5 trigram index over the same names, queried the same number of times."""
    src = sqlite3.connect(community(RESIDENTS) / "griddesk.sqlite3")
    names = src.execute("SELECT id, name || ' ' || coalesce(phone, '') FROM resident").fetchall()
    src.close()
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE f USING fts5(t, tokenize='trigram')")
    conn.executemany("INSERT INTO f(rowid, t) VALUES (?, ?)", names)
    times = []
    for _ in range(3):
        for q in ("王秀英", "张伟强", "13812", "12345", "李秀兰"):
            start = time.perf_counter()
            conn.execute("SELECT rowid FROM f WHERE f MATCH ? LIMIT 50", (f'"{q}"',)).fetchall()
            times.append(time.perf_counter() - start)
    return statistics.quantiles(times, n=20)[-1]


@contextmanager
def _gui_over_community(folder: Path | None = None) -> Iterator[tuple[Any, Any]]:
    """A QApplication (offscreen) and an AppContext over the 180,000-resident community."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from app.core.office.datadir import DataDir
    from app.core.office.setup import open_office
    from app.ui.context import AppContext
    from app.ui.operations import TaskManager

    app = QApplication.instance() or QApplication(sys.argv[:1])
    datadir = DataDir(folder or community(RESIDENTS))
    db, office = open_office(datadir)
    settings = QSettings(str(CACHE / "bench-settings.ini"), QSettings.Format.IniFormat)
    ctx = AppContext(datadir, office, TaskManager(), "zh", settings)
    ctx.attach(db)
    try:
        yield app, ctx
    finally:
        ctx.tasks.wait(-1)
        db.dispose()


def _close(app: Any, widget: Any) -> None:
    widget.close()
    widget.deleteLater()
    app.processEvents()


def _first_screen(folder: Path | None = None) -> float:
    from app.ui.pages.registry import RegistryPage

    with _gui_over_community(folder) as (app, ctx):
        start = time.perf_counter()
        page = RegistryPage(ctx)
        page.resize(1280, 800)
        page.show()  # showEvent loads the ids and the rows of the first screen
        app.processEvents()
        page.table.viewport().repaint()
        took = time.perf_counter() - start
        _close(app, page)
        return took


def _scroll_p95() -> float:
    """The 住户 page at 180,000 residents, dragged as a user drags the scroll bar once the first
    screen is up: the jump to the end, then 40 jumps to random places, each painted with its rows
    read; the 95th percentile of the jumps' times, the first included."""
    import random

    from app.ui.pages.registry import RegistryPage

    with _gui_over_community() as (app, ctx):
        page = RegistryPage(ctx)
        page.resize(1280, 800)
        page.show()
        app.processEvents()
        ctx.tasks.wait(-1)  # a person looks at the first screen before reaching for the bar,
        app.processEvents()  # while the rest of the list's ids are read in the background
        bar = page.table.verticalScrollBar()
        rng = random.Random(7)
        places = [bar.maximum()] + [rng.randint(0, bar.maximum()) for _ in range(40)]
        times = []
        for value in places:
            start = time.perf_counter()
            bar.setValue(value)
            page.table.viewport().repaint()
            times.append(time.perf_counter() - start)
        assert page.table.model().rowCount() >= RESIDENTS * 0.9
        _close(app, page)
        return statistics.quantiles(times, n=20)[-1]


def _bare_view(app: Any) -> Any:
    """A bare QTableView over a 200×10 QStandardItemModel, shown and painted."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTableView

    model = QStandardItemModel(200, 10)
    for r in range(200):
        for c in range(10):
            model.setItem(r, c, QStandardItem(f"{r}-{c}"))
    view = QTableView()
    view.setModel(model)
    view.resize(1280, 800)
    view.show()
    app.processEvents()
    view.viewport().repaint()
    return view


def _qapp() -> Any:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(sys.argv[:1])


def _bare_scroll() -> float:
    """A bare QTableView over 200 rows of items, scrolled to its end and painted."""
    app = _qapp()
    view = _bare_view(app)
    start = time.perf_counter()
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    view.viewport().repaint()
    took = time.perf_counter() - start
    _close(app, view)
    return took


def _bare_table() -> float:
    app = _qapp()
    start = time.perf_counter()
    view = _bare_view(app)
    took = time.perf_counter() - start
    _close(app, view)
    return took


def _duplicates() -> float:
    from app.core.office.datadir import DataDir
    from app.core.office.setup import open_office
    from app.core.registry.duplicates import find_duplicates

    db, _info = open_office(DataDir(community(RESIDENTS)))
    try:
        with db.reading() as session:
            start = time.perf_counter()
            find_duplicates(session)
            return time.perf_counter() - start
    finally:
        db.dispose()


def _raw_group_by() -> float:
    conn = sqlite3.connect(community(RESIDENTS) / "griddesk.sqlite3")
    try:
        start = time.perf_counter()
        conn.execute(
            "SELECT phone FROM resident WHERE deleted_at IS NULL AND phone IS NOT NULL "
            "GROUP BY phone HAVING count(*) > 1"
        ).fetchall()
        return time.perf_counter() - start
    finally:
        conn.close()


def workloads() -> list[Workload]:
    return [
        Workload(
            "import roster 180,000 residents (xlsx → database)",
            _import_once,
            "calamine read + executemany raw cells",
            _raw_import_once,
            target_ratio=2.0,
            repeat=3,
        ),
        Workload(
            "  its floor: read + the rows it stores, raw, no checks",
            _schema_floor_once,
            "calamine read + executemany raw cells",
            _raw_import_once,
            repeat=3,
        ),
        Workload(
            "search p95 over 15 query kinds, 180,000 residents",
            _search_p95,
            "raw FTS5 trigram query p95",
            _fts_p95,
            target_seconds=0.020,
            repeat=1,
        ),
        Workload(
            "住户 page first screen, 180,000 residents",
            _first_screen,
            "bare QTableView, 200×10 items",
            _bare_table,
            target_seconds=0.300,
            repeat=3,
        ),
        Workload(
            "住户 page scroll-bar jumps p95 (first: to the end), 180,000",
            _scroll_p95,
            "bare QTableView of 200 items, to its end",
            _bare_scroll,
            target_seconds=0.050,
            repeat=3,
        ),
        Workload(
            "possible duplicates, 3 kinds, 180,000 residents",
            _duplicates,
            "bare GROUP BY phone in sqlite3",
            _raw_group_by,
            target_seconds=1.5,
            repeat=3,
        ),
    ]
