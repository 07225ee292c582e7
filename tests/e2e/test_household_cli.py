"""Duplicates and household operations, and the printed household roster, run as commands as an
administrator's script would: `duplicates list|decide`, `household show|split|merge|move|set-head`,
`print residents`."""

from __future__ import annotations

import json
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter

from app.core.registry import idnumber
from tests.e2e.conftest import INIT, connect, griddesk
from tests.e2e.conftest import refused as assert_one_clear_line

ZHANG = idnumber.make("420106", date(1950, 1, 1), 11, "M")
LI = idnumber.make("420106", date(1952, 2, 2), 12, "F")
SON = idnumber.make("420106", date(1978, 3, 3), 13, "M")


def _roster(path: Path) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("居民")
    ws.write_row(0, 0, ["姓名", "身份证号", "出生日期", "手机", "住址", "与户主关系", "人员类别"])
    rows = [
        ["张父", ZHANG, "", "13811110001", "5栋1单元101", "户主", "慢性病"],
        ["李母", LI, "", "", "5栋1单元101", "配偶", ""],
        ["张子", SON, "", "13811110003", "5栋1单元101", "子", ""],
        ["王媳", "", "1980-04-04", "", "5栋1单元101", "儿媳", ""],
        ["张孙", "", "2008-05-05", "", "5栋1单元101", "孙子", ""],
        ["赵户", "", "1970-01-01", "13899990000", "5栋1单元102", "户主", ""],
        ["钱户", "", "1971-01-01", "13899990000", "5栋1单元103", "户主", ""],
        ["孙同", "", "1960-06-06", "13877770000", "5栋1单元104", "户主", ""],
        ["孙同", "", "1960-06-06", "", "5栋1单元105", "户主", ""],
        ["周甲", "", "1966-01-01", "13866660000", "5栋1单元106", "户主", ""],
        ["吴乙", "", "1967-01-01", "13866660000", "5栋1单元107", "户主", ""],
    ]
    for i, row in enumerate(rows, 1):
        ws.write_row(i, 0, row)
    wb.close()
    return path


@pytest.fixture
def community(home: Path, tmp_path: Path) -> Path:
    data = tmp_path / "data"
    assert griddesk(home, data, *INIT).code == 0
    run = griddesk(home, data, "import", "residents", str(_roster(tmp_path / "r.xlsx")))
    assert run.code == 0, run.err
    return data


def _show(home: Path, data: Path, household: str) -> dict[str, Any]:
    run = griddesk(home, data, "household", "show", "--household", household, "--json")
    assert run.code == 0, run.err
    shown: dict[str, Any] = json.loads(run.out)
    return shown


def _relations(home: Path, data: Path, household: str) -> dict[str, str]:
    return {m["name"]: m["relation"] for m in _show(home, data, household)["members"]}


def test_split_set_head_move_and_merge(home: Path, community: Path) -> None:
    shown = _show(home, community, "5-1-101")
    assert all("*" in m["id_number"] for m in shown["members"] if m["id_number"])  # masked
    run = griddesk(
        home,
        community,
        "household",
        "split",
        "--household",
        "5-1-101",
        "--members",
        "张子,王媳,张孙",
        "--address",
        "5栋2单元201",
    )
    assert run.code == 0, run.err
    code = run.out.split()[-1]
    assert code.startswith("H") and code == _show(home, community, code)["code"]
    # the son heads his wife and child: 配偶 and 子, not 儿媳 and 孙子
    assert _relations(home, community, "5-2-201") == {
        "张子": "户主",
        "王媳": "配偶",
        "张孙": "子",
    }

    run = griddesk(
        home, community, "household", "set-head", "--household", "5-1-101", "--resident", "李母"
    )
    assert run.code == 0, run.err
    assert _relations(home, community, "5-1-101") == {"李母": "户主", "张父": "配偶"}
    again = griddesk(
        home, community, "household", "set-head", "--household", "5-1-101", "--resident", LI
    )
    assert again.code == 3, again.err

    run = griddesk(
        home,
        community,
        "household",
        "move",
        "--resident",
        "5-1-102/赵户",
        "--to",
        "5-1-101",
        "--relation",
        "兄弟姐妹",
    )
    assert run.code == 0, run.err
    assert _relations(home, community, "5-1-101")["赵户"] == "兄弟姐妹"

    run = griddesk(home, community, "household", "merge", "--into", "5-1-101", "--from", "5-1-103")
    assert run.code == 0, run.err
    merged = _relations(home, community, "5-1-101")
    assert merged["李母"] == "户主" and merged["钱户"] == "其他"  # the old head steps down
    gone = griddesk(home, community, "household", "show", "--household", "5-1-103")
    assert "5-1-103" in assert_one_clear_line(gone)


def test_duplicates_listed_side_by_side_and_decided(home: Path, community: Path) -> None:
    run = griddesk(home, community, "duplicates", "list", "--json")
    assert run.code == 0, run.err
    groups = {g["kind"]: g for g in json.loads(run.out)["groups"] if g["kind"] != "shared_phone"}
    phones = [g for g in json.loads(run.out)["groups"] if g["kind"] == "shared_phone"]
    assert {tuple(sorted(m["name"] for m in g["members"])) for g in phones} == {
        ("赵户", "钱户"),
        ("吴乙", "周甲"),
    }
    assert all(m["phone"] == "138****0000" for g in phones for m in g["members"])
    same = groups["same_person"]
    assert [m["name"] for m in same["members"]] == ["孙同", "孙同"]
    assert "address_code" in same["differing"]

    text = griddesk(home, community, "duplicates", "list")
    assert text.code == 0 and f"[{same['id']}]" in text.out and "5-1-104" in text.out

    keep = next(g for g in phones if "赵户" in {m["name"] for m in g["members"]})
    run = griddesk(
        home, community, "duplicates", "decide", "--pair", keep["id"], "--action", "keep",
        "--note", "邻居共用电话",
    )  # fmt: skip
    assert run.code == 0, run.err
    again = griddesk(
        home, community, "duplicates", "decide", "--pair", keep["id"], "--action", "keep"
    )
    assert again.code == 3

    fix = next(g for g in phones if g is not keep)
    wu = next(m for m in fix["members"] if m["name"] == "吴乙")
    run = griddesk(
        home, community, "duplicates", "decide", "--pair", fix["id"], "--action", "correct",
        "--keep", str(wu["id"]), "--set", "phone=13866661111",
    )  # fmt: skip
    assert run.code == 0, run.err

    run = griddesk(
        home, community, "duplicates", "decide", "--pair", same["id"], "--action", "merge",
        "--note", "同一人登记两次",
    )  # fmt: skip
    assert run.code == 0, run.err
    after = json.loads(griddesk(home, community, "duplicates", "list", "--json").out)
    assert after["groups"] == []
    # every decision is in the audit trail, with its note
    conn = connect(community)
    try:
        decided = {
            (action, note)
            for action, note in conn.execute(
                "SELECT action, note FROM audit_log WHERE action IN ('keep_both', 'merge', 'correct')"
            )
        }
    finally:
        conn.close()
    assert ("keep_both", "duplicates: keep both (shared_phone): 邻居共用电话") in decided
    assert ("merge", "duplicates: merge: 同一人登记两次") in decided
    assert ("correct", "duplicates: correct (shared_phone)") in decided


@pytest.mark.parametrize(
    "args",
    [
        ["duplicates", "decide", "--pair", "nonsense", "--action", "keep"],
        ["duplicates", "decide", "--pair", "same_id:1-2", "--action", "merge"],
        ["household", "show", "--household", "99-9-999"],
        ["household", "split", "--household", "5-1-101", "--members", "不存在"],
        ["household", "set-head", "--household", "5-1-101", "--resident", "5-1-102/赵户"],
        ["household", "move", "--resident", "张父", "--to", "5-1-102"],
        ["print", "residents", "--building", "99", "--out", "x.pdf"],
    ],
)
def test_refusals_are_one_clear_line(home: Path, community: Path, args: list[str]) -> None:
    assert_one_clear_line(griddesk(home, community, *args))


def test_print_residents_is_the_masked_roster(home: Path, community: Path, tmp_path: Path) -> None:
    out = tmp_path / "roster.pdf"
    run = griddesk(home, community, "print", "residents", "--building", "5", "--out", str(out))
    assert run.code == 0, run.err
    assert run.out.split()[-1] == str(out)
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "住户名单" in text and "5栋" in text
    for expected in ("5-1-101", "张父", "户主", "慢性病", "138****0001", idnumber.mask(ZHANG)):
        assert expected in text
    assert ZHANG not in text and "13811110001" not in text
    tagged = tmp_path / "tagged.pdf"
    run = griddesk(home, community, "print", "residents", "--tag", "慢性病", "--out", str(tagged))
    assert run.code == 0, run.err
    text = subprocess.run(
        ["pdftotext", "-layout", str(tagged), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "张父" in text and "赵户" not in text
