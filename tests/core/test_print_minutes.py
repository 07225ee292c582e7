"""Printed minutes: the form an office files, read back from the PDF as a user's tools see it."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest

from app.core.meetings import minutes as core
from app.core.meetings import search
from app.core.meetings.minutes import ActionItemInput, MeetingInput
from app.core.meetings.paper import default_file_name, print_minutes, scrub
from app.db.engine import Database
from app.db.models import Grid

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")

TODAY = date(2026, 3, 10)
PRINTED = datetime(2026, 3, 10, 9, 30)


def pdf_text(path: Path) -> str:
    out = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, check=True, timeout=60
    )
    return out.stdout.decode("utf-8")


def squeezed(text: str) -> str:
    return "".join(text.split())


@pytest.fixture
def meeting(db: Database) -> int:
    with db.session() as session:
        session.add(Grid(code="G03", name="第三网格"))
    data = MeetingInput(
        title="第三网格疫情防控议事会",
        held_on=date(2026, 3, 2),
        level="grid",
        grid="G03",
        kind="网格议事会",
        start_time="09:30",
        end_time="11:00",
        place="社区党群服务中心",
        chair="刘芳",
        recorder="王磊",
        attendees=["网格长 刘芳", "居民代表 张秀英（3-2-502）", "楼长 陈强"],
        absentees=["楼长 孙伟（请假）"],
        agenda=["独居老人送菜安排", "团购价格公示"],
        discussion="居民张秀英（身份证 42010619500304001X）反映蔬菜套餐价格偏高。",
        residents_views="希望送菜时间固定。",
        decisions=["每周二、五为独居老人送菜上门", "团购套餐价格每日在公告栏公示"],
        action_items=[
            ActionItemInput("整理独居老人名单并分配志愿者", "刘芳", date(2026, 3, 5), 1),
            ActionItemInput("张贴团购价格公示", "陈强", date(2026, 3, 20), 2),
        ],
    )
    with db.session() as session:
        return core.create_meeting(session, data)


def test_the_printed_minutes_hold_everything_an_office_files(
    db: Database, meeting: int, tmp_path: Path
) -> None:
    out = tmp_path / "minutes.pdf"
    with db.reading() as session:
        assert print_minutes(session, meeting, out, today=TODAY, printed_at=PRINTED) == out
    text = pdf_text(out)
    flat = squeezed(text)
    for expected in (
        "幸福里社区",  # the community's name in the header
        "会议纪要",
        "第三网格疫情防控议事会",
        "网格议事会",
        "网格级（第三网格）",
        "2026-03-02（星期一）09:30–11:00",
        "社区党群服务中心",
        "出席人员（3人）",
        "居民代表张秀英（3-2-502）",  # residents' names are not masked
        "楼长孙伟（请假）",
        "1.独居老人送菜安排",
        "希望送菜时间固定",
        "1.每周二、五为独居老人送菜上门",
        "整理独居老人名单并分配志愿者",
        "刘芳2026-03-05逾期未办结",  # owner, due date and state in one row
        "陈强2026-03-20未办结",
        "主持人（签字）",
        "记录人（签字）",
        "第1页共",
        "草稿·未发布",  # a draft cannot pass for filed minutes
    ):
        assert expected in flat, expected
    assert "42010619500304001X" not in flat  # never an ID number on paper
    assert "420106********001X" in flat


def test_published_and_superseded_minutes_say_so(
    db: Database, meeting: int, tmp_path: Path
) -> None:
    with db.session() as session:
        core.publish_meeting(session, meeting)
        amendment = core.amend_meeting(session, meeting, "补记缺席人员")
    with db.session() as session:
        core.publish_meeting(session, amendment)
    with db.reading() as session:
        print_minutes(session, meeting, tmp_path / "old.pdf", today=TODAY, printed_at=PRINTED)
        print_minutes(session, amendment, tmp_path / "new.pdf", today=TODAY, printed_at=PRINTED)
    old = squeezed(pdf_text(tmp_path / "old.pdf"))
    new = squeezed(pdf_text(tmp_path / "new.pdf"))
    assert f"已被第{amendment}号修正稿取代" in old
    assert "草稿" not in new and "已发布" in new
    assert f"本纪要是第{meeting}号纪要" in new and "补记缺席人员" in new


def test_long_minutes_run_over_pages_with_page_numbers(db: Database, tmp_path: Path) -> None:
    items = [
        ActionItemInput(f"第{i}项：入户走访并登记需求", f"志愿者{i}", date(2026, 3, 9))
        for i in range(60)
    ]
    with db.session() as session:
        meeting_id = core.create_meeting(
            session,
            MeetingInput(
                title="社区疫情防控领导小组会议",
                held_on=date(2026, 3, 2),
                chair="王建国",
                discussion="\n".join(f"第{i}段讨论内容。" * 5 for i in range(30)),
                action_items=items,
            ),
        )
    with db.reading() as session:
        out = print_minutes(session, meeting_id, tmp_path / "long.pdf", printed_at=PRINTED)
    flat = squeezed(pdf_text(out))
    assert "第1页共" in flat and "第3页共" in flat
    assert "志愿者59" in flat
    assert flat.count("事项") >= 3  # the table's header repeats on each page


def test_scrub_masks_id_numbers_only() -> None:
    assert scrub("身份证 420106195003040012，电话 13812345678") == (
        "身份证 420106********0012，电话 13812345678"
    )
    assert scrub("3-2-502") == "3-2-502"


def test_file_name_is_safe(db: Database, meeting: int) -> None:
    with db.reading() as session:
        detail = search.get_meeting(session, meeting)
    assert default_file_name(detail) == f"会议纪要-2026-03-02-第三网格疫情防控议事会-{meeting}.pdf"
