"""Regenerates docs/supplies-page.png from a demo community of 3,000 residents, offscreen: stock
received from donors, a campaign of three items for all households (蔬菜包 and 大米 per household,
口罩 per person; vulnerable first), a few households served by scan and one by ticking, and the
answer to a second scan of the same household; supplies-stock.png (the stock ledger after a scan);
supplies-plan.png (the plan dialog with three items, 口罩 capped per household, previewed against
stock); supplies-signoff.png (page 1 of the printed sign-off sheets) and pickup-slips.png (page 1
of the pickup slips), both through `pdftoppm -png -r 80`.

    uv run python docs/supplies_screenshots.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlalchemy import select  # noqa: E402

from app.core.office.datadir import DataDir  # noqa: E402
from app.core.office.demo import fill_demo  # noqa: E402
from app.core.office.setup import init_office, open_office  # noqa: E402
from app.core.supplies import campaigns, deliveries, sign_off  # noqa: E402
from app.core.supplies import ledger as supplies  # noqa: E402
from app.db.models import Household  # noqa: E402
from app.db.models_supplies import SupplyAllocation  # noqa: E402
from app.ui.context import AppContext  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402
from app.ui.operations import TaskManager  # noqa: E402
from app.ui.pages.supplies.dialogs import PlanDialog  # noqa: E402
from app.ui.pages.supplies.page import SuppliesPage  # noqa: E402
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
            fill_demo(session, 3000)
        with db.session() as s:
            supplies.receive(s, "口罩", 5000, unit="个", source="武汉某医疗器械公司",
                             donor_kind="enterprise")  # fmt: skip
            supplies.receive(s, "蔬菜包", 800, unit="袋", source="某商超", source_kind="purchase")
            supplies.receive(s, "大米", 300, unit="袋", source="街道办事处",
                             source_kind="allocation")  # fmt: skip
            supplies.receive(s, "消毒液", 120, unit="瓶", source="爱心人士", donor_kind="person")
            supplies.issue(s, "口罩", 200, reason="卡点值守人员")
            supplies.adjust(s, "消毒液", -2, reason="运输破损")
            code = campaigns.create_campaign(
                s,
                campaigns.CampaignSpec(
                    name="蔬菜包发放（第一轮）",
                    item="蔬菜包",
                    qty=1,
                    more=(
                        campaigns.LineSpec("大米", 1),
                        campaigns.LineSpec("口罩", 2, "person"),
                    ),
                ),
            ).code
        with db.reading() as s:
            homes = list(
                s.scalars(
                    select(Household.address_code)
                    .join(SupplyAllocation, SupplyAllocation.household_id == Household.id)
                    .order_by(SupplyAllocation.rank)
                    .limit(12)
                )
            )
        for h in homes[:10]:
            with db.session() as s:
                deliveries.deliver(s, code, h)
        with db.session() as s:
            deliveries.deliver(s, code, homes[10], how="tick")
        tasks = TaskManager()
        settings = QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat)
        ctx = AppContext(folder, info, tasks, "zh", settings)
        ctx.attach(db)
        win = MainWindow(ctx)
        win.resize(1440, 900)
        win.show()
        settle(app, tasks)
        page = win.open_area("supplies")
        assert isinstance(page, SuppliesPage)
        settle(app, tasks)
        page.tabs.setCurrentIndex(1)
        settle(app, tasks)
        QTest.keyClicks(page.scan, homes[0])
        QTest.keyClick(page.scan, Qt.Key.Key_Return)
        settle(app, tasks)
        win.grab().save(str(DOCS / "supplies-page.png"))
        page.tabs.setCurrentIndex(0)
        QTest.keyClicks(page.scan, homes[11])
        QTest.keyClick(page.scan, Qt.Key.Key_Return)
        settle(app, tasks)
        win.grab().save(str(DOCS / "supplies-stock.png"))
        dialog = PlanDialog(ctx, ["蔬菜包", "大米", "口罩", "消毒液"], page)
        dialog.name.setText("防疫物资包")
        dialog.item.setCurrentText("消毒液")
        dialog.add_item("口罩", 2, "person", 6)  # each item its own cap per household
        dialog.add_item("大米", 1)
        dialog.show()
        dialog.preview()
        settle(app, tasks)
        dialog.adjustSize()
        settle(app, tasks)
        dialog.grab().save(str(DOCS / "supplies-plan.png"))
        dialog.close()
        win.close()
        tasks.wait(-1)
        with db.reading() as s:
            data = sign_off.signoff_data(s, code, info.name, building="1")
        pdf = sign_off.write_signoff_pdf(data, Path(tmp) / "signoff.pdf")
        slips = sign_off.write_pickup_slips_pdf(data, Path(tmp) / "slips.pdf")
        if shutil.which("pdftoppm"):
            for made, name in ((pdf, "supplies-signoff"), (slips, "pickup-slips")):
                subprocess.run(
                    ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile",
                     str(made), str(DOCS / name)],
                    check=True,
                )  # fmt: skip
        db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
