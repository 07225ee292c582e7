"""`import residents` and `export residents` run as commands, as a street office's script or an
administrator would (../CLI.md, "Households and residents")."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import xlsxwriter
from python_calamine import CalamineWorkbook

from app.core.registry import idnumber
from tests.e2e.conftest import INIT, digest, griddesk
from tests.e2e.conftest import refused as assert_one_clear_line


@pytest.fixture(scope="module")
def community(home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("reg") / "data"
    assert griddesk(home, data, *INIT).code == 0
    run = griddesk(home, data, "demo", "--residents", "400")
    assert run.code == 0, run.err
    return data


def _roster(path: Path) -> Path:
    good = [
        idnumber.make("420106", date(1960 + i, 3, 4), i, "M" if i % 2 else "F") for i in range(4)
    ]
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("居民")
    ws.merge_range("A1:G1", "和平里社区居民花名册")
    ws.write_row(2, 0, ["姓名", "公民身份号码", "手机", "住址", "与户主关系", "人员类别", "备注"])
    ws.write_row(3, 0, ["周一", good[0], "13800001111", "7栋1单元101室", "户主", "独居老人", ""])
    ws.write_row(4, 0, ["周二", good[1], "13800002222", "7栋1单元102室", "户主", "", ""])
    ws.write_row(5, 0, ["周三", float(good[2]), "", "7栋1单元102室", "子", "", ""])
    ws.write_row(6, 0, ["", good[3], "", "7栋1单元102室", "子", "", ""])
    ws.write_row(7, 0, ["周五", good[1], "", "7栋1单元102室", "子", "", ""])
    wb.close()
    return path


def test_export_then_import_into_another_community(
    home: Path, community: Path, tmp_path: Path
) -> None:
    out = tmp_path / "all.xlsx"
    # whole values, for the other office to import (masked is the default once there are users)
    run = griddesk(home, community, "export", "residents", "--full", str(out))
    assert run.code == 0, run.err
    assert run.out.strip().splitlines()[-1].split()[-1].endswith("all.xlsx")  # the file, last
    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    assert rows[0][:4] == ["户号", "姓名", "性别", "身份证号"]
    assert len(rows) == 401
    assert all(isinstance(r[3], str) and (len(r[3]) in (0, 18)) for r in rows[1:])

    other = tmp_path / "other"
    assert griddesk(home, other, *INIT).code == 0
    report = tmp_path / "report.json"
    run = griddesk(home, other, "import", "residents", str(out), "--report", str(report))
    assert run.code == 0, run.err
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["rows_read"] == 400 and data["residents_added"] == 400
    assert data["rejected"] == []
    stats = json.loads(griddesk(home, other, "stats", "--json").out)
    assert stats["residents"] == 400

    again = griddesk(home, other, "import", "residents", str(out))
    assert again.code == 3, again.err  # nothing to do: everything was there already
    assert "新增居民 0 人" in again.out


def test_messy_roster_report_and_dry_run(home: Path, community: Path, tmp_path: Path) -> None:
    path = _roster(tmp_path / "messy.xlsx")
    report = tmp_path / "dry.json"
    before = digest(community / "griddesk.sqlite3")
    run = griddesk(
        home, community, "import", "residents", str(path), "--dry-run", "--report", str(report)
    )
    assert run.code == 0, run.err
    assert digest(community / "griddesk.sqlite3") == before  # --dry-run writes nothing
    data = json.loads(report.read_text(encoding="utf-8"))
    assert set(data) >= {
        "rows_read",
        "residents_added",
        "residents_updated",
        "households_added",
        "rejected",
        "warnings",
    }
    assert {(p["row"], p["code"]) for p in data["rejected"]} == {
        (6, "id_precision_lost"),
        (7, "missing_name"),
        (8, "duplicate_in_file"),
    }
    assert all(set(p) == {"row", "code", "message"} for p in data["rejected"] + data["warnings"])
    assert (data["residents_added"], data["households_added"]) == (2, 2)

    real = griddesk(home, community, "import", "residents", str(path), lang="en")
    assert real.code == 0, real.err
    assert "Row 6 rejected (id_precision_lost)" in real.out
    stats = json.loads(griddesk(home, community, "stats", "--json").out)
    assert stats["residents"] == 402


def test_masked_export(home: Path, community: Path, tmp_path: Path) -> None:
    out = tmp_path / "masked.xlsx"
    assert griddesk(home, community, "export", "residents", str(out), "--mask").code == 0
    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    ids = [r[3] for r in rows[1:] if r[3]]
    assert ids and all("********" in i for i in ids)
    phones = [r[5] for r in rows[1:] if r[5]]
    assert phones and all("****" in p for p in phones)


def test_refusals_are_one_clear_line(home: Path, community: Path, tmp_path: Path) -> None:
    bad = tmp_path / "photo.xlsx"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    line = assert_one_clear_line(griddesk(home, community, "import", "residents", str(bad)))
    assert "photo.xlsx" in line
    missing = assert_one_clear_line(
        griddesk(home, community, "import", "residents", str(tmp_path / "nope.xlsx"))
    )
    assert "nope.xlsx" in missing
    assert_one_clear_line(
        griddesk(home, community, "export", "residents", str(tmp_path / "x" / "a.xlsx"))
    )
    usage = griddesk(home, community, "export")
    assert usage.code == 2
    never = griddesk(home, tmp_path / "never", "export", "residents", str(tmp_path / "a.xlsx"))
    assert "init" in assert_one_clear_line(never)


def test_rejected_rows_saved_beside_the_import(home: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert griddesk(home, data, *INIT).code == 0
    path = _roster(tmp_path / "messy.xlsx")
    wb_rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    footer = tmp_path / "footer.xlsx"  # the same roster with a total row under it
    wb = xlsxwriter.Workbook(str(footer), {"strings_to_numbers": False})
    ws = wb.add_worksheet("居民")
    for r, row in enumerate([*wb_rows, ["合计 5 人"]]):
        for c, value in enumerate(row):
            if value != "":
                ws.write(r, c, value)
    wb.close()

    missing = assert_one_clear_line(
        griddesk(
            home,
            data,
            "import",
            "residents",
            str(footer),
            "--rejected",
            str(tmp_path / "x" / "r.xlsx"),
        )
    )
    assert str(tmp_path / "x") in missing
    assert json.loads(griddesk(home, data, "stats", "--json").out)["residents"] == 0

    out = tmp_path / "未导入.xlsx"
    report = tmp_path / "report.json"
    run = griddesk(
        home,
        data,
        "import",
        "residents",
        str(footer),
        "--rejected",
        str(out),
        "--report",
        str(report),
    )
    assert run.code == 0, run.err
    assert run.out.strip().splitlines()[-1].split()[-1] == str(out)  # the file it wrote, last
    data_report = json.loads(report.read_text(encoding="utf-8"))
    assert data_report["residents_added"] == 2 and data_report["rows_read"] == 5
    assert {(p["row"], p["code"]) for p in data_report["warnings"]} >= {(9, "not_a_person")}
    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    assert rows[0] == [
        "行号",
        "原因",
        "姓名",
        "公民身份号码",
        "手机",
        "住址",
        "与户主关系",
        "人员类别",
        "备注",
    ]
    assert [int(r[0]) for r in rows[1:]] == [6, 7, 8]  # not the total row: it is no person
    assert rows[3][2:4] == ["周五", wb_rows[1 + 3 + 3][1]]  # the file's own ID number, whole
    assert all(len(r[1]) > 2 for r in rows[1:])  # every row says why
    number = wb_rows[7][1]
    assert number not in rows[3][1] and idnumber.mask(number) in rows[3][1]  # masked there

    english = griddesk(
        home,
        data,
        "import",
        "residents",
        str(footer),
        "--dry-run",
        "--rejected",
        str(out),
        lang="en",
    )
    assert english.code == 0, english.err
    assert CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()[0][:2] == [
        "Row",
        "Reason",
    ]
