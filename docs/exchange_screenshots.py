"""Regenerates the screenshots of both sides of the exchange, offscreen, from offices set up from
scratch and enrolled through their key files:

* exchange-community.png — 幸福里社区's 数据交换 page after exporting two packages, one of them
  acknowledged by the street office's receipt;
* exchange-enrol.png — the dialog that shows the street office's key file's fingerprint to
  compare before trusting it;
* street-overview.png — 中山街道办事处's communities side by side: three sent packages (one of them
  three days ago, so it is late), one enrolled community that has sent nothing yet;
* exchange-street.png — the street office's 导入与回执 tab after importing a folder of packages
  (one imported, one already imported, one from a community not enrolled);
* street-home.png — the street office's 首页, its communities under the totals;
* street-report.png — page 1 of the aggregated PDF (`pdftoppm -png -r 80`).

    uv run python docs/exchange_screenshots.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlalchemy import update  # noqa: E402

from app.core.exchange.enrolment import enroll, export_public, read_enrolment  # noqa: E402
from app.core.exchange.importing import import_package  # noqa: E402
from app.core.exchange.packages import export_package  # noqa: E402
from app.core.exchange.receipts import import_receipt, write_receipts  # noqa: E402
from app.core.meetings import minutes  # noqa: E402
from app.core.office.datadir import DataDir  # noqa: E402
from app.core.office.demo import fill_demo  # noqa: E402
from app.core.office.setup import init_office, open_office  # noqa: E402
from app.core.street.communities import street_overview  # noqa: E402
from app.core.street.summary import write_street_report  # noqa: E402
from app.core.supplies import campaigns, deliveries, ledger  # noqa: E402
from app.db.base import utcnow  # noqa: E402
from app.db.models_exchange import ExchangePackage  # noqa: E402
from app.ui.context import AppContext  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402
from app.ui.operations import TaskManager  # noqa: E402
from app.ui.style import apply_style, register_fonts  # noqa: E402

DOCS = ROOT / "docs"
STREET = ("420106001", "中山街道办事处")
COMMUNITIES = [
    ("420106001001", "幸福里社区", 3000),
    ("420106001002", "百花园社区", 2200),
    ("420106001003", "东湖社区", 1600),
    ("420106001004", "长江社区", 0),  # enrolled, nothing sent yet
]
STRANGER = ("420106001099", "江南社区", 0)  # not enrolled at the street office


def settle(app: QApplication, tasks: TaskManager) -> None:
    for _ in range(8):
        tasks.wait(-1)
        app.processEvents()


def window(app: QApplication, folder: DataDir, tmp: Path) -> tuple[MainWindow, TaskManager, object]:
    db, info = open_office(folder)
    tasks = TaskManager()
    settings = QSettings(str(tmp / f"{info.code}.ini"), QSettings.Format.IniFormat)
    ctx = AppContext(folder, info, tasks, "zh", settings)
    ctx.attach(db)
    win = MainWindow(ctx)
    win.resize(1360, 820)
    win.show()
    settle(app, tasks)
    return win, tasks, db


def fill_community(folder: DataDir, residents: int, today: date) -> None:
    db, _info = open_office(folder)
    try:
        with db.session(note="demo") as session:
            fill_demo(session, residents)
        with db.session() as s:
            ledger.receive(s, "口罩", 3000, unit="个", source="区卫健局",
                             source_kind="allocation")  # fmt: skip
            ledger.receive(s, "蔬菜包", residents // 3, unit="袋", source="某商超",
                             source_kind="purchase")  # fmt: skip
            ledger.receive(s, "消毒液", 40, unit="瓶", source="爱心人士", donor_kind="person")
            ledger.adjust(s, "消毒液", -40, reason="发往卡点")
            code = campaigns.create_campaign(
                s, campaigns.CampaignSpec(name="蔬菜包发放（第一轮）", item="蔬菜包", qty=1)
            ).code
            minutes.create_meeting(
                s,
                minutes.MeetingInput(
                    title="社区疫情防控领导小组会议",
                    held_on=today - timedelta(days=6),
                    place="社区居委会会议室",
                    chair="王建国",
                    recorder="陈晓燕",
                    attendees=["王建国", "陈晓燕", "李明"],
                    decisions=["向街道申请口罩 5000 只", "独居老人每日电话问候"],
                    action_items=[
                        minutes.ActionItemInput(
                            "提交物资申请单", "陈晓燕", today - timedelta(days=2), 1
                        ),
                        minutes.ActionItemInput(
                            "排定问候志愿者", "李明", today + timedelta(days=2), 2
                        ),
                    ],
                ),
            )
        from sqlalchemy import select

        from app.db.models import Household
        from app.db.models_supplies import SupplyAllocation

        with db.reading() as s:
            homes = list(
                s.scalars(
                    select(Household.address_code)
                    .join(SupplyAllocation, SupplyAllocation.household_id == Household.id)
                    .order_by(SupplyAllocation.rank)
                    .limit(40)
                )
            )
        for h in homes:
            with db.session() as s:
                deliveries.deliver(s, code, h)
    finally:
        db.dispose()


def main() -> int:
    app = QApplication(sys.argv[:1])
    register_fonts()
    apply_style(app)
    today = date.today()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        usb = tmp / "U盘"
        usb.mkdir()
        street = DataDir(tmp / "street")
        init_office(street, "street-office", STREET[0], STREET[1], None)
        folders: dict[str, DataDir] = {}
        for code, name, residents in [*COMMUNITIES, STRANGER]:
            folders[code] = DataDir(tmp / code)
            init_office(folders[code], "community", code, name, STREET[0])
            if residents:
                fill_community(folders[code], residents, today)
        # enrolment in person: each side trusts the other's key file
        street_db, street_info = open_office(street)
        street_pub = export_public(street, street_info, tmp / "street.pub")[0]
        for code, folder in folders.items():
            db, info = open_office(folder)
            pub = export_public(folder, info, tmp / f"{code}.pub")[0]
            with db.session() as s:
                enroll(s, info, read_enrolment(street_pub))
            if code != STRANGER[0]:
                with street_db.session() as s:
                    enroll(s, street_info, read_enrolment(pub))
            # the community's packages
            if code in ("420106001001", "420106001002", "420106001003", STRANGER[0]):
                first = export_package(db, folder, info, usb / code).path
                if code != STRANGER[0]:
                    import_package(street_db, street, street_info, first)
            db.dispose()
        # 东湖社区's last package was carried three days ago: it is late
        with street_db.session() as s:
            s.execute(
                update(ExchangePackage)
                .where(ExchangePackage.office_code == "420106001003")
                .values(created_at=utcnow() - timedelta(days=3, hours=2))
            )
        # 幸福里社区: its first package acknowledged, a second one not yet
        happy = folders["420106001001"]
        receipts = write_receipts(street_db, street, street_info, usb)
        db, info = open_office(happy)
        for receipt in receipts:
            if "420106001001" in receipt.name:
                import_receipt(db, happy, info, receipt)
        with db.session() as s:
            ledger.receive(s, "口罩", 500, unit="个", source="爱心企业", donor_kind="enterprise")
        db.dispose()
        street_db.dispose()

        # the community's side
        win, tasks, cdb = window(app, happy, tmp)
        page = win.open_area("exchange")
        settle(app, tasks)
        page.export_to(usb / "second")  # as the button does after the folder was chosen
        settle(app, tasks)
        second = next((usb / "second").glob("*.gdpkg"))
        win.grab().save(str(DOCS / "exchange-community.png"))
        dialog = page.enrol_from(street_pub)  # the comparison staff make before trusting
        assert dialog is not None
        dialog.confirm.setChecked(True)
        settle(app, tasks)
        dialog.grab().save(str(DOCS / "exchange-enrol.png"))
        dialog.reject()
        win.close()
        cdb.dispose()  # type: ignore[attr-defined]

        # the street office's side
        win, tasks, sdb = window(app, street, tmp)
        settle(app, tasks)
        win.grab().save(str(DOCS / "street-home.png"))
        page = win.open_area("exchange")
        settle(app, tasks)
        win.grab().save(str(DOCS / "street-overview.png"))
        page.tabs.setCurrentIndex(1)
        page.import_files(
            [
                second,
                next((usb / "420106001002").iterdir()),
                *(usb / STRANGER[0]).iterdir(),
            ]
        )
        settle(app, tasks)
        if page.offer_box is not None:
            page.offer_box.close()
        settle(app, tasks)
        win.grab().save(str(DOCS / "exchange-street.png"))
        with sdb.reading() as s:  # type: ignore[attr-defined]
            overview = street_overview(s)
        pdf = write_street_report(overview, tmp / "各社区汇总.pdf")
        win.close()
        sdb.dispose()  # type: ignore[attr-defined]
        if shutil.which("pdftoppm"):
            subprocess.run(
                ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                 str(DOCS / "street-report")],
                check=True,
            )  # fmt: skip
    print("wrote", *(DOCS / n for n in ("exchange-community.png", "street-overview.png",
                                         "exchange-enrol.png", "exchange-street.png", "street-home.png", "street-report.png")))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
