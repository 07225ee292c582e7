"""`main.py meetings …` and `print minutes` as CLI.md ("Meetings") describes them."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.e2e.conftest import INIT, digest, griddesk, griddesk_process, refused

MINUTES = {
    "title": "第三网格疫情防控议事会",
    "level": "grid",
    "grid": "G03",
    "date": "2026-11-28",
    "place": "社区党群服务中心",
    "chair": "刘芳",
    "recorder": "王磊",
    "attendees": ["网格长 刘芳", "楼长 陈强", "志愿者 王磊"],
    "agenda": ["独居老人送菜安排", "团购价格公示"],
    "discussion": "居民反映蔬菜套餐价格偏高，要求公开供货商报价。",
    "decisions": ["每周二、五为独居老人送菜上门", "团购套餐价格每日在公告栏公示"],
    "action_items": [
        {"text": "整理独居老人名单并分配志愿者", "owner": "刘芳", "due": "2026-11-30"},
        {"text": "张贴团购价格公示", "owner": "陈强", "due": "2026-11-29", "decision": 2},
    ],
}


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(home, data folder) of a small demo community."""
    home = tmp_path_factory.mktemp("home")
    data = tmp_path_factory.mktemp("meetings") / "data"
    assert griddesk(home, data, *INIT).code == 0
    assert griddesk(home, data, "demo", "--residents", "300").code == 0
    return home, data


def write(path: Path, content: object) -> Path:
    path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    return path


def listed(home: Path, data: Path) -> dict[int, dict[str, object]]:
    run = griddesk(home, data, "meetings", "list", "--json")
    assert run.code == 0, run.err
    return {m["id"]: m for m in json.loads(run.out)["meetings"]}


def test_minutes_from_draft_to_published_to_printed(
    office: tuple[Path, Path], tmp_path: Path
) -> None:
    home, data = office
    added = griddesk(
        home, data, "meetings", "add", "--file", str(write(tmp_path / "m.json", MINUTES))
    )
    assert added.code == 0, added.err
    meeting_id = int(added.last_word)  # the id, last
    shown = listed(home, data)[meeting_id]
    assert shown["title"] == "第三网格疫情防控议事会"
    assert (shown["level"], shown["date"], shown["status"]) == ("grid", "2026-11-28", "draft")
    assert shown["open_action_items"] == 2 and shown["grid"] == "G03"

    edit = write(tmp_path / "e.json", {"place": "1 栋架空层", "absentees": ["楼长 孙伟（请假）"]})
    edited = griddesk(
        home, data, "meetings", "edit", "--meeting", str(meeting_id), "--file", str(edit)
    )
    assert edited.code == 0, edited.err
    assert edited.last_word == str(meeting_id)
    assert listed(home, data)[meeting_id]["place"] == "1 栋架空层"

    published = griddesk(home, data, "meetings", "publish", "--meeting", str(meeting_id))
    assert published.code == 0, published.err
    assert published.last_word == str(meeting_id)
    assert listed(home, data)[meeting_id]["status"] == "published"

    before = digest(data / "griddesk.sqlite3")
    again = griddesk(
        home, data, "meetings", "edit", "--meeting", str(meeting_id), "--file", str(edit)
    )
    assert "已发布" in refused(again)
    assert digest(data / "griddesk.sqlite3") == before
    english = griddesk(
        home, data, "meetings", "edit", "--meeting", str(meeting_id), "--file", str(edit), lang="en"
    )
    assert "published and locked" in refused(english)

    pdf = tmp_path / "minutes.pdf"
    printed = griddesk(
        home, data, "print", "minutes", "--meeting", str(meeting_id), "--out", str(pdf)
    )
    assert printed.code == 0, printed.err
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, check=True
        ).stdout.decode("utf-8")
        flat = "".join(text.split())
        for expected in (
            "第三网格疫情防控议事会",
            "每周二、五为独居老人送菜上门",
            "团购套餐价格每日在公告栏公示",
            "整理独居老人名单并分配志愿者",
            "刘芳2026-11-30",
            "陈强2026-11-29",
            "1栋架空层",
            "楼长孙伟（请假）",
        ):
            assert expected in flat, expected
        assert "草稿" not in flat


def test_action_items_are_closed_and_counted(office: tuple[Path, Path], tmp_path: Path) -> None:
    home, data = office
    added = griddesk(
        home, data, "meetings", "add", "--file", str(write(tmp_path / "m.json", MINUTES))
    )
    meeting_id = added.last_word
    show = json.loads(
        griddesk(home, data, "meetings", "show", "--meeting", meeting_id, "--json").out
    )
    item = show["action_items"][1]
    closed = griddesk(
        home,
        data,
        "meetings",
        "close-action",
        "--item",
        str(item["id"]),
        "--done",
        "已在各楼栋张贴",
    )
    assert closed.code == 0, closed.err
    again = griddesk(
        home, data, "meetings", "close-action", "--item", str(item["id"]), "--done", "x"
    )
    refused(again)
    mine = json.loads(griddesk(home, data, "meetings", "actions", "--owner", "陈强", "--json").out)
    states = {a["id"]: a["status"] for a in mine["action_items"]}
    assert states[item["id"]] == "done"
    shown = listed(home, data)[int(meeting_id)]
    assert (shown["open_action_items"], shown["done_action_items"]) == (1, 1)
    assert shown["decisions_carried_out"] == 1


def test_an_amendment_keeps_the_original(office: tuple[Path, Path], tmp_path: Path) -> None:
    home, data = office
    meeting_id = griddesk(
        home, data, "meetings", "add", "--file", str(write(tmp_path / "m.json", MINUTES))
    ).last_word
    assert griddesk(home, data, "meetings", "publish", "--meeting", meeting_id).code == 0
    amended = griddesk(
        home, data, "meetings", "amend", "--meeting", meeting_id, "--reason", "补记缺席人员"
    )
    assert amended.code == 0, amended.err
    new_id = amended.last_word
    assert new_id != meeting_id
    assert griddesk(home, data, "meetings", "publish", "--meeting", new_id).code == 0
    shown = listed(home, data)
    assert shown[int(meeting_id)]["status"] == "superseded"
    assert shown[int(new_id)]["amends"] == int(meeting_id)


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ({**MINUTES, "action_items": [{"text": "张贴公示", "due": "2026-11-29"}]}, "责任人"),
        ({**MINUTES, "action_items": [{"text": "张贴公示", "owner": "陈强"}]}, "完成时限"),
        (
            {
                **MINUTES,
                "action_items": [{"text": "张贴公示", "owner": "陈强", "due": "2026-11-01"}],
            },
            "早于会议日期",
        ),
        ({**MINUTES, "grid": "G99"}, "没有这个网格"),
        ({**MINUTES, "date": "28/11/2026"}, "不是有效日期"),
        ({**MINUTES, "titel": "typo"}, "无法识别"),
        ("{not json", "JSON"),
    ],
    ids=["no-owner", "no-due", "due-before", "unknown-grid", "bad-date", "unknown-key", "not-json"],
)
def test_bad_meeting_files_are_refused_with_one_line(
    office: tuple[Path, Path], tmp_path: Path, content: object, needle: str
) -> None:
    home, data = office
    path = tmp_path / "bad.json"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        write(path, content)
    before = digest(data / "griddesk.sqlite3")
    line = refused(griddesk(home, data, "meetings", "add", "--file", str(path)))
    assert needle in line
    assert digest(data / "griddesk.sqlite3") == before


def test_unknown_meetings_and_usage_errors(office: tuple[Path, Path], tmp_path: Path) -> None:
    home, data = office
    assert "99999" in refused(
        griddesk(
            home, data, "print", "minutes", "--meeting", "99999", "--out", str(tmp_path / "x.pdf")
        )
    )
    assert not (tmp_path / "x.pdf").exists()
    refused(griddesk_process(home, data, "meetings", "publish", "--meeting", "abc"))
    refused(griddesk(home, data, "meetings", "add", "--file", str(tmp_path / "missing.json")))
    assert griddesk_process(home, data, "print").code == 2  # which document is missing
    assert griddesk(home, data, "meetings").code == 2


def test_meetings_need_a_set_up_folder(office: tuple[Path, Path], tmp_path: Path) -> None:
    home, _data = office
    line = refused(griddesk(home, tmp_path / "nowhere", "meetings", "list", "--json"))
    assert "init" in line


def test_the_print_group_is_shared_with_other_areas() -> None:
    """`print minutes` and another area's `print notices` live in one `print` group, whichever
    area registers first."""
    import argparse

    from app.cli import meetings as cli_meetings
    from app.cli.common import dispatch, group

    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command")
    seen: list[str] = []
    notices = group(sub, "print", "print documents").add_parser("notices")
    notices.set_defaults(handler=lambda args, out: seen.append("notices") or 0)
    handlers = cli_meetings.register(sub)
    assert handlers["print"] is dispatch
    assert handlers["print"](parser.parse_args(["print", "notices"]), None) == 0
    assert seen == ["notices"]
    args = parser.parse_args(["print", "minutes", "--meeting", "3", "--out", "m.pdf"])
    assert args.handler is cli_meetings.cmd_print_minutes
