"""Regenerates the 住户 screenshots in docs/, offscreen, from real data:

* registry-page.png — the page over a 180,000-resident community (the benchmarks' demo community
  when bench/.data has it, else a new one);
* household-view.png — one household with its members and actions;
* duplicates.png — the side-by-side view of a person registered twice;
* import-wizard.png — the wizard's check of a realistic roster (the contract checks' generator,
  ../shared/checks/lib/make_roster.py, 3,000 residents) with a few rows typed the way people do.

    uv run python docs/registry_screenshots.py
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from app.core.office.datadir import DataDir  # noqa: E402
from app.core.office.demo import fill_demo  # noqa: E402
from app.core.office.setup import init_office, open_office  # noqa: E402
from app.core.registry import lookup  # noqa: E402
from app.core.registry.lookup import ResidentInput  # noqa: E402
from app.db.models import Resident  # noqa: E402
from app.ui.context import AppContext  # noqa: E402
from app.ui.duplicates_dialog import DuplicatesDialog  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402
from app.ui.operations import TaskManager  # noqa: E402
from app.ui.registry_dialogs import HouseholdDialog  # noqa: E402
from app.ui.roster_import_wizard import ImportWizard  # noqa: E402
from app.ui.style import apply_style, register_fonts  # noqa: E402

DOCS = ROOT / "docs"
BENCH_COMMUNITY = ROOT / "bench" / ".data" / "community-180000"


def settle(app: QApplication, tasks: TaskManager) -> None:
    for _ in range(6):
        tasks.wait(-1)
        app.processEvents()


def large_community(tmp: Path) -> DataDir:
    folder = DataDir(tmp / "large")
    if (BENCH_COMMUNITY / ".complete").exists():
        shutil.copytree(BENCH_COMMUNITY, folder.root)
        return folder
    init_office(folder, "community", "420106001001", "百步亭社区", "420106001")
    db, _office = open_office(folder)
    with db.session(note="demo") as session:
        fill_demo(session, 180_000)
    db.dispose()
    return folder


def messy_roster(path: Path) -> Path:
    """The generator's roster, with a few rows spoiled as staff spoil them (an ID typed as a
    number, a full-width phone, a name left out, a row typed twice, an address in one cell)."""
    import xlsxwriter
    from python_calamine import CalamineWorkbook

    sys.path.insert(0, str(ROOT.parent / "shared" / "checks" / "lib"))
    from make_roster import main as make_roster

    plain = path.with_name("plain.xlsx")
    make_roster(str(plain), 3000)
    rows = CalamineWorkbook.from_path(str(plain)).get_sheet_by_index(0).to_python()
    rows[5][1] = float(rows[5][1])  # Excel kept 15 digits of it
    rows[9][3] = "１３８ ０２７１ ５５６６"
    rows[14][0] = ""
    rows.insert(30, list(rows[29]))
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("居民")
    ws.merge_range(0, 0, 0, len(rows[0]) - 1, "百步亭社区居民花名册（2026年11月）")
    ws.write(1, 0, "填报单位：第三网格")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, str):
                ws.write_string(r + 3, c, value)
            else:
                ws.write(r + 3, c, value)
    wb.close()
    return path


def show(widget: QWidget, app: QApplication, tasks: TaskManager, name: str) -> None:
    widget.show()
    settle(app, tasks)
    widget.grab().save(str(DOCS / name))


def main() -> int:
    app = QApplication(sys.argv[:1])
    register_fonts()
    apply_style(app)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        folder = large_community(tmp)
        db, office = open_office(folder)
        tasks = TaskManager()
        settings = QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat)
        ctx = AppContext(folder, office, tasks, "zh", settings)
        ctx.attach(db)

        win = MainWindow(ctx)
        win.resize(1366, 820)
        win.show()
        settle(app, tasks)
        page = win.open_area("registry")
        settle(app, tasks)
        page.table.selectRow(6)
        settle(app, tasks)
        win.grab().save(str(DOCS / "registry-page.png"))

        with db.reading() as session:
            family = session.execute(
                select(Resident.household_id)
                .where(Resident.deleted_at.is_(None))
                .group_by(Resident.household_id)
                .having(func.count() == 5)
                .order_by(Resident.household_id)
                .limit(1)
            ).scalar_one()
        household = HouseholdDialog(ctx, family)
        household.resize(1000, 430)
        show(household, app, tasks, "household-view.png")
        household.close()

        with db.reading() as session:
            view = lookup.household_view(session, family)
            elsewhere = session.scalar(
                select(Resident.household_id).where(Resident.household_id > family + 500).limit(1)
            )
        head = view.head or view.members[0]
        assert elsewhere is not None and head.birth_date is not None
        with db.session(note="registry") as session:
            lookup.add_resident(  # the head typed again at his daughter's, without his ID number
                session,
                elsewhere,
                ResidentInput(
                    name=head.name,
                    birth_date=head.birth_date,
                    gender=head.gender,
                    phone="13871205566",
                    relation="父亲",
                    tags=["慢性病"],
                ),
            )
        duplicates = DuplicatesDialog(ctx)
        duplicates.resize(1180, 600)
        duplicates.kind.setCurrentIndex(duplicates.kind.findData("same_person"))
        settle(app, tasks)
        row = next(
            i
            for i in range(duplicates.groups.count())
            if head.name in duplicates.groups.item(i).text()
        )
        duplicates.groups.setCurrentRow(row)
        show(duplicates, app, tasks, "duplicates.png")
        duplicates.close()
        win.close()
        tasks.wait(-1)
        db.dispose()

        small = DataDir(tmp / "small")
        init_office(small, "community", "420106001001", "百步亭社区", "420106001")
        db, office = open_office(small)  # a community's first roster: nothing registered yet
        ctx = AppContext(small, office, tasks, "zh", settings)
        ctx.attach(db)
        wizard = ImportWizard(ctx)
        wizard.resize(980, 640)
        wizard.show()
        wizard.file_page.path.setText(str(messy_roster(tmp / "花名册.xlsx")))
        wizard.next()
        settle(app, tasks)
        wizard.next()
        settle(app, tasks)
        wizard.grab().save(str(DOCS / "import-wizard.png"))
        wizard.close()
        tasks.wait(-1)
        db.dispose()
    print(f"screenshots written to {DOCS}: {date.today().isoformat()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
