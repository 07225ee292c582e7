"""Regenerates the 会议 screenshots in docs/ from a demo community with a few meetings, offscreen:
meetings-page.png, meetings-editor.png, meetings-editor-actions.png and minutes-print.png (the
printed minutes, page 1, through `pdftoppm -png -r 80`).

    uv run python docs/meetings_screenshots.py
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

from app.core.meetings import action_items, search  # noqa: E402
from app.core.meetings import minutes as core  # noqa: E402
from app.core.meetings.minutes import ActionItemInput, MeetingInput  # noqa: E402
from app.core.meetings.paper import print_minutes  # noqa: E402
from app.core.office.datadir import DataDir  # noqa: E402
from app.core.office.demo import fill_demo  # noqa: E402
from app.core.office.setup import init_office, open_office  # noqa: E402
from app.ui.context import AppContext  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402
from app.ui.operations import TaskManager  # noqa: E402
from app.ui.pages.meeting_editor import MeetingEditorDialog  # noqa: E402
from app.ui.style import apply_style, register_fonts  # noqa: E402

DOCS = ROOT / "docs"


def settle(app: QApplication, tasks: TaskManager) -> None:
    for _ in range(6):
        tasks.wait(-1)
        app.processEvents()


def sample_meetings(today: date) -> list[MeetingInput]:
    def day(n: int) -> date:
        return today + timedelta(days=n)

    return [
        MeetingInput(
            title="第三网格疫情防控议事会",
            level="grid",
            grid="G03",
            kind="网格议事会",
            held_on=day(-12),
            start_time="09:30",
            end_time="11:00",
            place="社区党群服务中心二楼会议室",
            chair="刘芳",
            recorder="王磊",
            attendees=[
                "网格长 刘芳",
                "楼长 陈强",
                "志愿者 王磊",
                "居民代表 张秀英（3-2-502）",
                "居民代表 李国华",
                "物业 赵经理",
            ],
            absentees=["楼长 孙伟（请假）"],
            agenda=["独居老人送菜安排", "团购价格公示"],
            discussion="居民反映蔬菜套餐价格偏高，要求公开供货商报价。\n"
            "网格长介绍了本周独居老人名单变化情况，新增 3 户。",
            residents_views="希望送菜时间固定；希望团购增加鸡蛋和牛奶。",
            decisions=["每周二、五为独居老人送菜上门", "团购套餐价格每日在公告栏公示"],
            action_items=[
                ActionItemInput("整理独居老人名单并分配志愿者", "刘芳", day(-9), 1),
                ActionItemInput("张贴团购价格公示", "陈强", day(-10), 2),
                ActionItemInput("联系供货商索取报价单", "赵经理", day(3)),
            ],
        ),
        MeetingInput(
            title="社区疫情防控领导小组第五次会议",
            kind="领导小组会议",
            held_on=day(-5),
            start_time="14:00",
            end_time="16:30",
            place="社区居委会会议室",
            chair="王建国（社区书记）",
            recorder="陈晓燕",
            attendees=["王建国", "李明", "陈晓燕", "街道下沉干部 周涛", "物业经理 赵军"],
            agenda=["核酸检测点设置", "物资储备情况", "下沉干部排班"],
            discussion="讨论了本周核酸检测安排和物资缺口。",
            decisions=[
                "在 3 号楼前增设一个核酸检测点",
                "向街道申请口罩 5000 只",
                "下沉干部按网格排班，每日签到",
            ],
            action_items=[
                ActionItemInput("联系街道落实检测点人员", "李明", day(-2), 1),
                ActionItemInput("提交物资申请单", "陈晓燕", day(1), 2),
                ActionItemInput("编制下沉干部排班表", "周涛", day(2), 3),
            ],
        ),
        MeetingInput(
            title="物业、商超联席会议",
            kind="联席会议",
            held_on=day(-2),
            place="社区居委会会议室",
            chair="王建国",
            recorder="陈晓燕",
            attendees=["王建国", "物业 赵军", "商超 刘经理"],
            decisions=["团购价格每周公示一次"],
            action_items=[ActionItemInput("公示第一周价格", "刘经理", day(4), 1)],
        ),
        MeetingInput(
            title="第一网格居民议事会",
            level="grid",
            grid="G01",
            kind="居民议事会",
            held_on=day(-1),
            place="1 栋架空层",
            chair="张伟",
            recorder="李娜",
            attendees=["张伟", "李娜", "居民代表 8 人"],
            agenda=["电梯维修"],
            decisions=["物业三日内报维修方案"],
            action_items=[ActionItemInput("物业提交维修方案", "赵军", day(2), 1)],
        ),
    ]


def main() -> int:
    app = QApplication(sys.argv[:1])
    register_fonts()
    apply_style(app)
    today = date.today()
    with tempfile.TemporaryDirectory() as tmp:
        folder = DataDir(Path(tmp) / "demo")
        init_office(folder, "community", "420106001001", "幸福里社区", "420106001")
        db, office = open_office(folder)
        with db.session(note="demo") as session:
            fill_demo(session, 2000)
        with db.session() as session:
            ids = [core.create_meeting(session, m) for m in sample_meetings(today)]
        with db.session() as session:
            core.publish_meeting(session, ids[1])
            core.publish_meeting(session, ids[2])
        with db.session() as session:
            first = search.get_meeting(session, ids[1]).action_items[0]
            action_items.close_action_item(
                session,
                first.id,
                "已与街道卫生服务中心确认，每日 2 名医护到岗",
                today - timedelta(days=3),
            )

        tasks = TaskManager()
        settings = QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat)
        ctx = AppContext(folder, office, tasks, "zh", settings)
        ctx.attach(db)
        win = MainWindow(ctx)
        win.resize(1366, 850)
        win.show()
        settle(app, tasks)
        page = win.open_area("meetings")
        settle(app, tasks)
        page.select_meeting(ids[0])
        settle(app, tasks)
        win.grab().save(str(DOCS / "meetings-page.png"))

        page.edit_meeting()
        settle(app, tasks)
        dialog = next(
            w for w in app.topLevelWidgets() if isinstance(w, MeetingEditorDialog) and w.isVisible()
        )
        dialog.grab().save(str(DOCS / "meetings-editor.png"))
        dialog.tabs.setCurrentIndex(2)
        app.processEvents()
        dialog.grab().save(str(DOCS / "meetings-editor-actions.png"))
        dialog.done(0)

        pdf = Path(tmp) / "minutes.pdf"
        with db.reading() as session:
            print_minutes(session, ids[1], pdf)
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
                    str(DOCS / "minutes-print"),
                ],
                check=True,
            )
        win.close()
        tasks.wait(-1)
        db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
