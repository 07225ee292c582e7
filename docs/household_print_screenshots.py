"""Regenerates, offscreen from a demo community, the screenshots of:

* household-merge.png — merging a household into another, with the relation the old head takes;
* household-roster-print.png — the first page of the printed household roster (住户 → 打印, or
  `print residents --building 3`), as pdftoppm renders it.

    uv run python docs/household_print_screenshots.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from app.core.office.datadir import DataDir  # noqa: E402
from app.core.office.demo import fill_demo  # noqa: E402
from app.core.office.setup import init_office, open_office  # noqa: E402
from app.core.registry.roster_print import print_residents  # noqa: E402
from app.db.models import Household, Resident  # noqa: E402
from app.ui.context import AppContext  # noqa: E402
from app.ui.household_dialogs import MergeDialog  # noqa: E402
from app.ui.operations import TaskManager  # noqa: E402
from app.ui.registry_dialogs import HouseholdDialog  # noqa: E402
from app.ui.style import apply_style, register_fonts  # noqa: E402

DOCS = ROOT / "docs"


def main() -> int:
    app = QApplication(sys.argv[:1])
    register_fonts()
    apply_style(app)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        folder = DataDir(tmp / "data")
        init_office(folder, "community", "420106001001", "幸福里社区", "420106001")
        db, office = open_office(folder)
        with db.session(note="demo") as session:
            fill_demo(session, 3000)
        tasks = TaskManager()
        ctx = AppContext(
            folder, office, tasks, "zh", QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat)
        )
        ctx.attach(db)
        with db.reading() as session:
            big, small = session.execute(
                select(Resident.household_id)
                .where(Resident.deleted_at.is_(None))
                .group_by(Resident.household_id)
                .having(func.count() >= 3)
                .limit(2)
            ).scalars()
            other = session.get(Household, small)
            assert other is not None
            target = other.address_code
        view = HouseholdDialog(ctx, big)
        merge = view.merge()
        assert isinstance(merge, MergeDialog)
        merge.target.setText(target)
        merge.look_up()
        merge.stepped.setCurrentIndex(merge.stepped.findData("子"))
        merge.show()
        app.processEvents()
        merge.grab().save(str(DOCS / "household-merge.png"))
        merge.close()
        view.close()

        pdf = tmp / "roster.pdf"
        print_residents(db, pdf, building="3")
        subprocess.run(
            ["pdftoppm", "-r", "80", "-f", "1", "-l", "1", "-png", "-singlefile", str(pdf),
             str(DOCS / "household-roster-print")],
            check=True,
        )  # fmt: skip
        tasks.wait(-1)
        db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
