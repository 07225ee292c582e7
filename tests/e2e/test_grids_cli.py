"""`main.py grid …`, `roster …`, `duty …`, `checkin`, `attendance` and the grid print-outs run as
an administrator's script runs them, as CLI.md ("Grids and people on duty") describes them."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
import xlsxwriter

from tests.e2e.conftest import INIT, digest, griddesk, griddesk_process, refused


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    home = tmp_path_factory.mktemp("home")
    data = tmp_path_factory.mktemp("grids") / "data"
    assert griddesk(home, data, *INIT).code == 0
    assert griddesk(home, data, "demo", "--residents", "3000").code == 0
    return home, data


@pytest.fixture
def office(template: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    """(home, data folder) of a fresh copy of a 3,000-resident demo community."""
    home, data = template
    copy = tmp_path / "data"
    shutil.copytree(data, copy)
    return home, copy


def test_grid_list_accounts_for_every_household(office: tuple[Path, Path]) -> None:
    home, data = office
    stats = griddesk(home, data, "stats", "--json").json()
    listed = griddesk(home, data, "grid", "list", "--json").json()
    assert len(listed["grids"]) >= 2
    for grid in listed["grids"]:
        assert {"code", "name", "households", "residents", "vulnerable", "workers"} <= set(grid)
    total = sum(g["households"] for g in listed["grids"]) + listed["unassigned_households"]
    assert total == stats["households"]
    assert sum(g["residents"] for g in listed["grids"]) == stats["residents"]
    text = griddesk(home, data, "grid", "list")
    assert text.code == 0 and "G01" in text.out and "无人在岗" in text.out


def test_add_and_assign_buildings(office: tuple[Path, Path]) -> None:
    home, data = office
    added = griddesk(home, data, "grid", "add", "--code", "T1", "--name", "测试网格")
    assert added.code == 0, added.err
    assert added.last_word == "T1"
    buildings = griddesk(home, data, "grid", "buildings", "--json").json()["buildings"]
    want = sum(b["households"] for b in buildings if b["number"] in ("1", "2", "3", "7"))
    moved = griddesk(home, data, "grid", "assign", "--grid", "T1", "--buildings", "1-3,7")
    assert moved.code == 0, moved.err
    assert f"{want:,}" in moved.out
    grids = {g["code"]: g for g in griddesk(home, data, "grid", "list", "--json").json()["grids"]}
    assert grids["T1"]["households"] == want
    again = griddesk_process(home, data, "grid", "assign", "--grid", "T1", "--buildings", "1-3,7")
    assert again.code == 3, again.err
    history = griddesk(home, data, "grid", "history", "--household", "1-1-101", "--json").json()
    assert [h["grid"] for h in history["history"]][-1] == "T1"
    assert history["history"][-1]["to"] is None and history["history"][0]["to"] is not None


def test_bad_assignments_change_nothing(office: tuple[Path, Path]) -> None:
    home, data = office
    db = data / "griddesk.sqlite3"
    before = digest(db)
    overlap = griddesk_process(
        home, data, "grid", "assign", "--grid", "G01", "--buildings", "1-3,2-4"
    )
    assert "重叠" in refused(overlap)
    unknown = griddesk(home, data, "grid", "assign", "--grid", "G01", "--buildings", "1,99")
    assert "99" in refused(unknown)
    no_grid = griddesk(home, data, "grid", "assign", "--grid", "G42", "--buildings", "1")
    assert "G42" in refused(no_grid)
    english = griddesk(
        home, data, "grid", "assign", "--grid", "G01", "--buildings", "1-3,2", lang="en"
    )
    assert "Overlapping" in refused(english)
    nothing = griddesk(home, data, "grid", "assign", "--grid", "G01")
    refused(nothing)
    assert digest(db) == before


def test_merge_and_split(office: tuple[Path, Path]) -> None:
    home, data = office
    merged = griddesk(home, data, "grid", "merge", "--into", "G01", "--from", "G02")
    assert merged.code == 0, merged.err
    assert merged.last_word == "G01"
    codes = [g["code"] for g in griddesk(home, data, "grid", "list", "--json").json()["grids"]]
    assert "G02" not in codes
    split = griddesk(
        home,
        data,
        "grid",
        "split",
        "--grid",
        "G01",
        "--code",
        "G09",
        "--name",
        "九",
        "--buildings",
        "4",
    )
    assert split.code == 0, split.err
    assert split.last_word == "G09"


def write_roster(path: Path, rows: list[list[str]]) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("人员")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            ws.write_string(r, c, value)
    wb.close()
    return path


def test_roster_import_with_report(office: tuple[Path, Path], tmp_path: Path) -> None:
    home, data = office
    path = write_roster(
        tmp_path / "roster.xlsx",
        [
            ["姓名", "人员类别", "联系电话", "所属网格", "派出单位", "下沉开始日期"],
            ["王网格", "网格员", "13800001111", "G01", "", ""],
            ["赵干部", "下沉干部", "13900002222", "G02", "区民政局", "2026-11-01"],
            ["钱某", "厨师", "", "", "", ""],
            ["孙某", "志愿者", "", "G88", "", ""],
        ],
    )
    report_path = tmp_path / "report.json"
    run = griddesk(home, data, "roster", "import", str(path), "--report", str(report_path))
    assert run.code == 0, run.err
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report["rows_read"] == 4 and report["people_added"] == 2
    assert [(p["row"], p["code"]) for p in report["rejected"]] == [
        (4, "unknown_role"),
        (5, "unknown_grid"),
    ]
    again = griddesk(home, data, "roster", "import", str(path))
    assert again.code == 3, again.err
    people = griddesk(home, data, "roster", "list", "--json").json()["people"]
    assert {p["name"] for p in people} == {"王网格", "赵干部"}
    missing = griddesk(home, data, "roster", "import", str(tmp_path / "none.xlsx"))
    refused(missing)
    listed = {g["code"]: g for g in griddesk(home, data, "grid", "list", "--json").json()["grids"]}
    assert listed["G01"]["workers"] == 1


def test_shifts_and_check_in_by_code(office: tuple[Path, Path]) -> None:
    home, data = office
    day = date.today() + timedelta(days=1)
    person = griddesk(
        home, data, "roster", "add", "--name", "王网格", "--role", "网格员", "--grid", "G01"
    )
    assert person.code == 0, person.err
    code = person.last_word
    duty = griddesk(home, data, "duty", "add", "--name", "北门卡点", "--kind", "卡点值守")
    duty_id = duty.last_word
    shifts = griddesk(
        home,
        data,
        "duty",
        "shifts",
        "--duty",
        duty_id,
        "--date",
        day.isoformat(),
        "--time",
        "08:00-12:00",
    )
    assert shifts.code == 0, shifts.err
    morning = shifts.last_word
    late = griddesk(
        home,
        data,
        "duty",
        "shifts",
        "--duty",
        duty_id,
        "--date",
        day.isoformat(),
        "--time",
        "11:00-13:00",
    ).last_word
    assert griddesk(home, data, "duty", "assign", "--shift", morning, "--person", code).code == 0
    clash = griddesk(home, data, "duty", "assign", "--shift", late, "--person", code)
    assert "重叠" in refused(clash)
    off_shift = griddesk(home, data, "checkin", code, "--at", f"{day} 06:00")
    assert "不在班次上" in refused(off_shift)
    checked_in = griddesk(home, data, "checkin", code.lower(), "--at", f"{day} 08:03")
    assert checked_in.code == 0 and "签到" in checked_in.out
    board = griddesk(home, data, "duty", "board", "--date", day.isoformat(), "--json").json()
    assert board["shifts"][0]["people"][0]["code"] == code
    checked_out = griddesk(home, data, "checkin", code, "--at", f"{day} 12:01")
    assert checked_out.code == 0 and "签退" in checked_out.out
    third = griddesk(home, data, "checkin", code, "--at", f"{day} 12:02")
    refused(third, 3)
    unknown = griddesk(home, data, "checkin", "P9999", lang="en")
    assert "P9999" in refused(unknown)
    rows = griddesk(home, data, "attendance", "--json").json()["people"]
    [row] = [r for r in rows if r["code"] == code]
    assert (row["shifts_served"], row["hours"]) == (1, 4.0)


def test_print_outs(office: tuple[Path, Path], tmp_path: Path) -> None:
    home, data = office
    assert griddesk(home, data, "roster", "demo").code == 0
    for what, extra in (
        ("duty-roster", []),
        ("grid-contacts", []),
        ("grid-households", ["--grid", "G01"]),
        ("duty-cards", []),
    ):
        out = tmp_path / f"{what}.pdf"
        run = griddesk(home, data, "print", what, *extra, "--out", str(out))
        assert run.code == 0, run.err
        assert run.last_word == str(out)
        assert out.read_bytes().startswith(b"%PDF")
        if shutil.which("pdftotext"):
            text = subprocess.run(
                ["pdftotext", str(out), "-"], capture_output=True, check=True
            ).stdout.decode("utf-8")
            assert "幸福里社区" in text
    unknown = griddesk(
        home, data, "print", "grid-households", "--grid", "X9", "--out", str(tmp_path / "x.pdf")
    )
    refused(unknown)
    assert not (tmp_path / "x.pdf").exists()
