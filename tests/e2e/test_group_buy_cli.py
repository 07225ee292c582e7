"""`main.py supplies group-buy …` run as commands: a round opened and copied, a price rise refused
without a reason (exit 1) and flagged with one, orders, payment and delivery (exit 3 when already
done), the JSON list with exact totals, the price history and the price notice as a PDF."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.e2e.conftest import INIT, addresses, griddesk, refused

GB = ("supplies", "group-buy")


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    home = tmp_path_factory.mktemp("home")
    data = tmp_path_factory.mktemp("group-buy") / "data"
    assert griddesk(home, data, *INIT).code == 0
    assert griddesk(home, data, "demo", "--residents", "1000").code == 0
    return home, data


def test_a_round_from_prices_to_delivery(office: tuple[Path, Path], tmp_path: Path) -> None:
    home, data = office
    homes, _other = addresses(data)
    a, b = homes[0], homes[1]

    run = griddesk(home, data, *GB, "round", "open", "--name", "第1批")
    assert run.code == 0, run.err
    assert run.last_word == "TG0001"
    run = griddesk(
        home, data, *GB, "package", "add", "--name", "A套餐", "--price", "30.00",
        "--supplier", "中百仓储", "--contents", "白菜 2kg; 土豆 1.5kg",
    )  # fmt: skip
    assert run.code == 0, run.err
    assert "30.00" in run.out
    assert griddesk(home, data, *GB, "round", "close").code == 0

    run = griddesk(home, data, *GB, "round", "open", "--name", "第2批", "--copy-previous")
    assert run.code == 0, run.err
    assert run.last_word == "TG0002" and "1 个套餐" in run.out

    # +32.7 % with no reason: refused, nothing changed
    line = refused(
        griddesk(home, data, *GB, "package", "edit", "--name", "A套餐", "--price", "39.80")
    )
    assert "32.7%" in line and "原因" in line
    run = griddesk(home, data, *GB, "list", "--json")
    assert run.json()["packages"][0]["price_fen"] == 3000
    run = griddesk(
        home, data, *GB, "package", "edit", "--name", "A套餐", "--price", "39.80",
        "--reason", "暴雨导致蔬菜减产",
    )  # fmt: skip
    assert run.code == 0, run.err
    assert "涨价" in run.out

    # a new package with the --contents as the CLI spells it
    run = griddesk(
        home, data, *GB, "package", "add", "--name", "B套餐", "--price", "0.29",
        "--supplier", "武商超市", "--contents", "鸡蛋 1个",
    )  # fmt: skip
    assert run.code == 0, run.err

    # bad input: one line, exit 1, nothing changed
    refused(
        griddesk(home, data, *GB, "order", "--household", a, "--package", "A套餐", "--count", "-1")
    )
    refused(
        griddesk(
            home, data, *GB, "order", "--household", a, "--package", "A套餐", "--count", "9999"
        )
    )
    refused(
        griddesk(
            home,
            data,
            *GB,
            "order",
            "--household",
            "99-9-999",
            "--package",
            "A套餐",
            "--count",
            "1",
        )
    )
    refused(
        griddesk(
            home, data, *GB, "package", "add", "--name", "C", "--price", "-5",
            "--supplier", "x", "--contents", "米 1kg",
        )
    )  # fmt: skip
    assert griddesk(home, data, *GB, "list", "--json").json()["orders"] == []

    assert (
        griddesk(
            home, data, *GB, "order", "--household", a, "--package", "A套餐", "--count", "2"
        ).code
        == 0
    )
    run = griddesk(home, data, *GB, "order", "--household", a, "--package", "A套餐", "--count", "2")
    refused(run, 3)
    assert (
        griddesk(
            home, data, *GB, "order", "--household", b, "--package", "B套餐", "--count", "7"
        ).code
        == 0
    )

    run = griddesk(home, data, *GB, "paid", "--household", a, "--method", "wechat")
    assert run.code == 0, run.err
    assert "79.60" in run.out
    refused(griddesk(home, data, *GB, "paid", "--household", a), 3)
    assert griddesk(home, data, *GB, "delivered", "--household", a).code == 0
    refused(griddesk(home, data, *GB, "delivered", "--household", a), 3)
    refused(griddesk(home, data, *GB, "delivered", "--household", homes[2]))  # no order

    listed = griddesk(home, data, *GB, "list", "--json").json()
    assert listed["round"]["code"] == "TG0002"
    packages = {p["name"]: p for p in listed["packages"]}
    assert packages["A套餐"]["flagged"] and packages["A套餐"]["reason"] == "暴雨导致蔬菜减产"
    assert packages["A套餐"]["change_percent"] == "32.7"
    assert packages["B套餐"]["amount"] == "2.03" and packages["B套餐"]["amount_fen"] == 203
    assert listed["totals"]["amount"] == "81.63" and listed["totals"]["paid_fen"] == 7960
    orders = {(o["household"], o["package"]): o for o in listed["orders"]}
    assert orders[(a, "A套餐")]["paid"] and orders[(a, "A套餐")]["delivered"]
    assert orders[(a, "A套餐")]["paid_method"] == "wechat"
    assert not orders[(b, "B套餐")]["paid"]

    history = griddesk(home, data, *GB, "history", "--package", "A套餐", "--json").json()
    assert [(r["round"], r["price"], r["flagged"]) for r in history["rounds"]] == [
        ("TG0001", "30.00", False),
        ("TG0002", "39.80", True),
    ]
    assert history["rounds"][1]["reason"] == "暴雨导致蔬菜减产"

    out = tmp_path / "公示.pdf"
    run = griddesk(home, data, *GB, "notice", "--out", str(out))
    assert run.code == 0, run.err
    text = "".join(
        subprocess.run(
            ["pdftotext", "-raw", str(out), "-"], capture_output=True, text=True
        ).stdout.split()
    )
    assert "团购价格公示" in text and "白菜2kg" in text and "鸡蛋1个" in text
    assert "39.80" in text and "0.29" in text and "原因：暴雨导致蔬菜减产" in text

    xlsx = tmp_path / "订货单.xlsx"
    assert griddesk(home, data, *GB, "suppliers", "--out", str(xlsx)).code == 0
    assert xlsx.stat().st_size > 0

    assert griddesk(home, data, *GB, "round", "close").code == 0
    line = refused(
        griddesk(home, data, *GB, "order", "--household", b, "--package", "A套餐", "--count", "1")
    )
    assert "已结束" in line


def test_group_buy_needs_a_round(tmp_path: Path) -> None:
    home, data = tmp_path / "home", tmp_path / "data"
    home.mkdir()
    assert griddesk(home, data, *INIT).code == 0
    line = refused(griddesk(home, data, *GB, "list", "--json"))
    assert "批次" in line
    assert json.loads(griddesk(home, data, *GB, "round", "list", "--json").out) == {"rounds": []}
