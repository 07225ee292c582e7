"""`main.py supplies …` run as commands, as CLI.md ("Supplies") describes them: exit 0 done, 1
refused (outside the target, not enough on hand, absurd quantity), 3 already delivered."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.conftest import INIT, addresses, griddesk, griddesk_process, refused


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    home = tmp_path_factory.mktemp("home")
    data = tmp_path_factory.mktemp("supplies") / "data"
    assert griddesk(home, data, *INIT).code == 0
    assert griddesk(home, data, "demo", "--residents", "1000").code == 0
    return home, data


def on_hand(home: Path, data: Path, item: str) -> int | None:
    items = griddesk(home, data, "supplies", "stock", "--json").json()["items"]
    return next((i["on_hand"] for i in items if i["item"] == item), None)


def test_receive_campaign_deliver_exit_codes(office: tuple[Path, Path], tmp_path: Path) -> None:
    home, data = office
    b1, outside = addresses(data)
    got = griddesk(home, data, "supplies", "receive", "--item", "大米", "--qty", "5", "--unit",
                   "袋", "--source", "爱心企业捐赠")  # fmt: skip
    assert got.code == 0, got.err
    assert on_hand(home, data, "大米") == 5
    for bad in ("0", "-3", "abc", "99999999"):
        refused(griddesk(home, data, "supplies", "receive", "--item", "大米", "--qty", bad,
                         "--source", "x"))  # fmt: skip
    assert on_hand(home, data, "大米") == 5
    made = griddesk(home, data, "supplies", "campaign", "create", "--name", "大米发放", "--item",
                    "大米", "--qty", "2", "--per", "household", "--target", "building:1")  # fmt: skip
    assert made.code == 0, made.err
    code = made.last_word
    assert code.startswith("SC")
    assert "缺口" in made.out  # 5 on hand against 2 per household of building 1
    assert griddesk(home, data, "supplies", "deliver", "--campaign", code, "--household",
                    b1[0]).code == 0  # fmt: skip
    line = refused(griddesk_process(home, data, "supplies", "deliver", "--campaign", code,
                                    "--household", b1[0]), 3)  # fmt: skip
    assert "已领取" in line
    line = refused(griddesk_process(home, data, "supplies", "deliver", "--campaign", code,
                                    "--household", outside))  # fmt: skip
    assert "不在" in line
    assert griddesk(home, data, "supplies", "deliver", "--campaign", code, "--household",
                    b1[1]).code == 0  # fmt: skip
    line = refused(griddesk(home, data, "supplies", "deliver", "--campaign", code, "--household",
                            b1[2]))  # fmt: skip
    assert "库存不足" in line
    assert on_hand(home, data, "大米") == 1
    listed = griddesk(home, data, "supplies", "campaign", "list", "--json").json()["campaigns"]
    assert listed[0]["code"] == code and listed[0]["delivered"] == 2
    left = griddesk(home, data, "supplies", "undelivered", "--campaign", code, "--json").json()
    assert {h["address"] for h in left["households"]} == set(b1[2:])
    out = tmp_path / "needs.xlsx"
    assert griddesk(home, data, "supplies", "needs", "--out", str(out)).code == 0
    assert out.stat().st_size > 0
    pdf = tmp_path / "signoff.pdf"
    printed = griddesk(home, data, "supplies", "signoff", "--campaign", code, "--out", str(pdf))
    assert printed.code == 0, printed.err
    assert pdf.read_bytes().startswith(b"%PDF")
    refused(griddesk(home, data, "supplies", "signoff", "--campaign", "SC9999", "--out", str(pdf)))
    assert griddesk(home, data, "check").code == 0


def test_a_campaign_of_several_items_end_to_end(office: tuple[Path, Path], tmp_path: Path) -> None:
    """`--item`/`--qty` repeated (paired by order): every item issued in one delivery, or none;
    undone with a reason; pickup slips printed for a building."""
    home, data = office
    b1, _outside = addresses(data)
    for item, qty, unit in (("面粉", "100", "袋"), ("食用油", "2", "瓶"), ("消毒片", "500", "片")):
        assert griddesk(home, data, "supplies", "receive", "--item", item, "--qty", qty,
                        "--unit", unit, "--source", "区粮油公司").code == 0  # fmt: skip
    line = refused(griddesk(home, data, "supplies", "campaign", "create", "--name", "x",
                            "--item", "面粉", "--qty", "1", "--item", "食用油"), 1)  # fmt: skip
    assert "--qty" in line
    line = refused(griddesk(home, data, "supplies", "campaign", "create", "--name", "x",
                            "--item", "面粉", "--qty", "1", "--item", "食用油", "--qty", "-1"))  # fmt: skip
    assert "大于零" in line
    made = griddesk(home, data, "supplies", "campaign", "create", "--name", "粮油消毒包",
                    "--item", "面粉", "--qty", "1", "--item", "食用油", "--qty", "1",
                    "--item", "消毒片", "--qty", "2", "--per", "household", "--per", "household",
                    "--per", "person", "--target", "building:1")  # fmt: skip
    assert made.code == 0, made.err
    code = made.last_word
    assert "“食用油”计划发放" in made.out and "缺口" in made.out and "“面粉”" in made.out
    listed = griddesk(home, data, "supplies", "campaign", "list", "--json").json()["campaigns"]
    assert next(c for c in listed if c["code"] == code)["items"] == ["面粉", "食用油", "消毒片"]

    for h in b1[:2]:
        got = griddesk(home, data, "supplies", "deliver", "--campaign", code, "--household", h)
        assert got.code == 0, got.err
        assert "面粉 1袋、食用油 1瓶、消毒片" in got.out
    line = refused(griddesk(home, data, "supplies", "deliver", "--campaign", code,
                            "--household", b1[2]))  # fmt: skip
    assert "食用油" in line and "都未发放" in line
    assert on_hand(home, data, "面粉") == 98 and on_hand(home, data, "食用油") == 0

    refused(griddesk(home, data, "supplies", "undo", "--campaign", code, "--household", b1[2],
                     "--reason", "误登"))  # fmt: skip
    undone = griddesk(home, data, "supplies", "undo", "--campaign", code, "--household", b1[1],
                      "--reason", "扫错了单")  # fmt: skip
    assert undone.code == 0, undone.err
    assert "食用油 1瓶" in undone.out
    assert on_hand(home, data, "面粉") == 99 and on_hand(home, data, "食用油") == 1
    left = griddesk(home, data, "supplies", "undelivered", "--campaign", code, "--json").json()
    assert b1[1] in {h["address"] for h in left["households"]}
    assert sum(left["by_grid"].values()) == len(left["households"]) == len(b1) - 1

    pdf = tmp_path / "slips.pdf"
    printed = griddesk(home, data, "print", "pickup-slips", "--campaign", code, "--building", "1",
                       "--out", str(pdf))  # fmt: skip
    assert printed.code == 0, printed.err
    assert pdf.read_bytes().startswith(b"%PDF") and f"{len(b1)} 户" in printed.out
    refused(griddesk(home, data, "print", "pickup-slips", "--campaign", "SC9999", "--out",
                     str(pdf)))  # fmt: skip
    helped = griddesk(home, data, "supplies", "campaign", "create", "--help")
    assert "repeat" in helped.out and "--item" in helped.out
    assert griddesk(home, data, "check").code == 0
