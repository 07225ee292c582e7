"""Regenerates the 网格 screenshots in docs/ from a demo community of 30,000 residents with its demo
roster, offscreen: grids-page.png (the grid structure with a building's households), roster.png,
coverage.png, duty-checkin.png (a scanned check-in) and duty-roster-print.png (the printed week's
duty roster, page 1, through `pdftoppm -png -r 80`).

    uv run python docs/grids_screenshots.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlalchemy import update  # noqa: E402

from app.core.grids import assignment, duty, duty_shifts  # noqa: E402  # noqa: E402
from app.core.grids.duty_demo import fill_demo_roster  # noqa: E402
from app.core.grids.paper import print_duty_roster  # noqa: E402
from app.core.office.datadir import DataDir  # noqa: E402
from app.core.office.demo import fill_demo  # noqa: E402
from app.core.office.setup import init_office, open_office  # noqa: E402
from app.db.models import Household  # noqa: E402
from app.ui.context import AppContext  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402
from app.ui.operations import TaskManager  # noqa: E402
from app.ui.pages.grids.page import GridsPage  # noqa: E402
from app.ui.style import apply_style, register_fonts  # noqa: E402

DOCS = ROOT / "docs"


def settle(app: QApplication, tasks: TaskManager) -> None:
    for _ in range(8):
        tasks.wait(-1)
        app.processEvents()


def main() -> int:
    app = QApplication(sys.argv[:1])
    register_fonts()
    apply_style(app)
    with tempfile.TemporaryDirectory() as tmp:
        folder = DataDir(Path(tmp) / "demo")
        init_office(folder, "community", "420106001001", "幸福里社区", "420106001")
        db, info = open_office(folder)
        with db.session(note="demo") as session:
            fill_demo(session, 30_000)
        now = datetime.now().replace(second=0, microsecond=0)
        with db.session(note="demo roster") as session:
            fill_demo_roster(session, now=now)
        with db.session() as session:  # someone on a shift right now, to be scanned in
            d = duty_shifts.create_duty(session, "东门卡点值守", "卡点值守", place="小区东门")
            shift = duty_shifts.add_shift(
                session, d.id, now - timedelta(minutes=5), now + timedelta(hours=4)
            )
            person = duty.add_person(
                session,
                duty.PersonInput(
                    "周卫东",
                    "cadre",
                    "13907271234",
                    grid="G02",
                    organisation="区城管局",
                    posting_start=now.date() - timedelta(days=3),
                ),
            )
            duty_shifts.assign_people(session, shift.id, [person.id])
            code = person.code
        with db.session() as session:  # a household moved on its own, and a few in no grid
            assignment.assign_households(session, "G02", ["5-1-101", "5-2-101"], note="就近管理")
            session.execute(
                update(Household)
                .where(Household.address_code.in_(["5-3-301", "5-3-302"]))
                .values(grid_id=None)
            )
        tasks = TaskManager()
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        ctx = AppContext(folder, info, tasks, "zh", settings)
        ctx.attach(db)
        win = MainWindow(ctx)
        win.resize(1440, 900)
        win.show()
        settle(app, tasks)
        page = win.open_area("grids")
        assert isinstance(page, GridsPage)
        settle(app, tasks)

        structure = page.structure
        structure.grid_table.selectRow(0)
        structure.filter.setCurrentIndex(structure.filter.findData(structure.FILTER_GRID))
        structure.select_buildings(["5"])
        structure.show_building()
        settle(app, tasks)
        win.grab().save(str(DOCS / "grids-page.png"))

        page.show_tab(page.roster)
        settle(app, tasks)
        page.roster.grid.setCurrentIndex(page.roster.grid.findData("G01"))
        settle(app, tasks)
        win.grab().save(str(DOCS / "roster.png"))

        page.show_tab(page.coverage)
        settle(app, tasks)
        win.grab().save(str(DOCS / "coverage.png"))

        page.show_tab(page.duty)
        settle(app, tasks)
        QTest.keyClicks(page.duty_checkin.scan, code)
        QTest.keyClick(page.duty_checkin.scan, Qt.Key.Key_Return)
        settle(app, tasks)
        page.duty.shift_table.selectRow(1)
        settle(app, tasks)
        win.grab().save(str(DOCS / "duty-checkin.png"))
        win.close()

        pdf = Path(tmp) / "roster.pdf"
        print_duty_roster(db, now.date(), pdf)
        if shutil.which("pdftoppm"):
            subprocess.run(
                [
                    "pdftoppm",
                    "-png",
                    "-r",
                    "80",
                    "-f",
                    "1",
                    "-l",
                    "1",
                    "-singlefile",
                    str(pdf),
                    str(DOCS / "duty-roster-print"),
                ],
                check=True,
            )
        tasks.wait(-1)
        db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
